from rest_framework import serializers, viewsets

from dantinh.api.params import id_param
from dantinh.org.models import Unit
from dantinh.org.permissions import HasScope
from dantinh.org.selectors import unit_search, units_visible


class UnitSerializer(serializers.ModelSerializer):
    level = serializers.SlugRelatedField(slug_field="code", read_only=True)

    class Meta:
        model = Unit
        fields = [
            "id",
            "name",
            "full_name",
            "kind",
            "sector",
            "level",
            "parent",
            "depth",
            "code",
            "code_scheme",
            "valid_from",
            "valid_to",
            "successor",
        ]


class UnitViewSet(viewsets.ReadOnlyModelViewSet):
    """Units within the caller's scope. Filters: `parent`, `code`, `q` (name, no diacritics
    needed)."""

    serializer_class = UnitSerializer
    permission_classes = [HasScope]

    def get_queryset(self):
        qs = units_visible(self.request.user).select_related("level").order_by("path")
        params = self.request.query_params
        parent = id_param(params, "parent")
        if parent is not None:
            qs = qs.filter(parent_id=parent)
        if params.get("code"):
            qs = qs.filter(code=params["code"][:20])
        if params.get("q") and self.action == "list":
            ids = [u.pk for u in unit_search(user=self.request.user, query=params["q"], limit=200)]
            qs = qs.filter(pk__in=ids)
        return qs
