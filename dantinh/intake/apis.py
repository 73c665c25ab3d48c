from django.utils.dateparse import parse_date
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import serializers, viewsets

from dantinh.api.plumbing import HasScope
from dantinh.intake import selectors, services
from dantinh.intake.models import Authority, Channel, Field, Item, Kind, Mood
from dantinh.org.selectors import units_visible


class CodeField(serializers.SlugRelatedField):
    """A taxonomy entry given and returned by its stable code."""

    def __init__(self, model, **kwargs):
        kwargs.setdefault("queryset", model.objects.filter(is_active=True))
        super().__init__(slug_field="code", **kwargs)


class ScopedUnitField(serializers.PrimaryKeyRelatedField):
    """A unit id that must lie where the caller may log items; others read as not existing."""

    def get_queryset(self):
        return units_visible(self.context["request"].user, "item.create")


class ItemSerializer(serializers.ModelSerializer):
    unit = ScopedUnitField()
    unit_name = serializers.CharField(source="unit.full_name", read_only=True)
    kind = CodeField(Kind)
    field = CodeField(Field)
    secondary_fields = CodeField(Field, many=True, required=False)
    mood = CodeField(Mood, required=False, allow_null=True)
    channel = CodeField(Channel)
    authority = CodeField(Authority, required=False, allow_null=True)

    class Meta:
        model = Item
        fields = [
            "id",
            "unit",
            "unit_name",
            "reporting_unit",
            "observed_on",
            "kind",
            "field",
            "secondary_fields",
            "mood",
            "channel",
            "authority",
            "text",
            "scale",
            "verification",
            "source_url",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["reporting_unit", "created_at", "updated_at"]

    def create(self, validated_data):
        return services.item_create(actor=self.context["request"].user, **validated_data)

    def update(self, instance, validated_data):
        return services.item_update(
            actor=self.context["request"].user, item=instance, **validated_data
        )


def _int(value: str) -> int:
    return int(value) if value.isdigit() else -1


FILTERS = [
    OpenApiParameter("q", str, description="Full-text search; diacritics and case are ignored"),
    OpenApiParameter("unit", int, description="Only this unit's subtree"),
    OpenApiParameter("date_from", str, description="Observed on or after (YYYY-MM-DD)"),
    OpenApiParameter("date_to", str, description="Observed on or before (YYYY-MM-DD)"),
    OpenApiParameter("field", str, description="Field code (primary or secondary)"),
    OpenApiParameter("kind", str, description="Kind code"),
    OpenApiParameter("mood", str, description="Mood code"),
    OpenApiParameter("valence", str, description="positive, neutral or negative"),
    OpenApiParameter("channel", str, description="Channel code"),
]


@extend_schema_view(list=extend_schema(parameters=FILTERS))
class ItemViewSet(viewsets.ModelViewSet):
    """Items within the caller's scope: the same policy as the pages. An item outside the
    scope answers 404, exactly like one that does not exist."""

    serializer_class = ItemSerializer
    permission_classes = [HasScope]

    def _filters(self) -> selectors.ItemFilters | None:
        """The list filters from the query string; None when one names nothing the caller
        can see (so the list is empty rather than unfiltered)."""
        p = self.request.query_params
        values: dict = {}
        if p.get("unit"):
            values["unit"] = units_visible(self.request.user).filter(pk=_int(p["unit"])).first()
            if values["unit"] is None:
                return None
        for key, model in {"field": Field, "kind": Kind, "mood": Mood, "channel": Channel}.items():
            if p.get(key):
                values[key] = model.objects.filter(code=p[key][:50]).first()
                if values[key] is None:
                    return None
        for key in ("date_from", "date_to"):
            if p.get(key):
                try:
                    values[key] = parse_date(p[key])
                except ValueError:
                    values[key] = None
                if values[key] is None:
                    raise serializers.ValidationError({key: ["Expected YYYY-MM-DD."]})
        return selectors.ItemFilters(
            valence=p.get("valence", "")[:10], q=p.get("q", "")[:200], **values
        )

    def get_queryset(self):
        if self.action == "list":
            filters = self._filters()
            if filters is None:
                return Item.objects.none()
            return selectors.item_list(user=self.request.user, filters=filters).prefetch_related(
                "secondary_fields"
            )
        return (
            selectors.items_visible(self.request.user)
            .select_related("unit", "kind", "field", "mood", "channel", "authority")
            .prefetch_related("secondary_fields")
        )

    def perform_destroy(self, instance):
        services.item_delete(actor=self.request.user, item=instance)
