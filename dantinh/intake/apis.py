from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    extend_schema,
    extend_schema_field,
    extend_schema_view,
)
from rest_framework import serializers, viewsets

from dantinh.api.params import id_param
from dantinh.core.params import parse_id
from dantinh.intake import selectors, services, validation
from dantinh.intake.models import Authority, Channel, Field, Item, Kind, Mood
from dantinh.org.permissions import HasScope
from dantinh.org.selectors import units_visible


class CodeField(serializers.SlugRelatedField):
    """A taxonomy entry given and returned by its stable code."""

    default_error_messages = {
        "does_not_exist": _("“{value}” is not in the list."),
        "invalid": _("“{value}” is not in the list."),
    }

    def __init__(self, model, **kwargs):
        kwargs.setdefault("queryset", model.objects.filter(is_active=True))
        super().__init__(slug_field="code", **kwargs)

    def to_internal_value(self, data):
        if not isinstance(data, str):
            self.fail("invalid", value=str(data)[:60])
        try:
            return self.get_queryset().get(code=data[:50])
        except self.get_queryset().model.DoesNotExist:
            self.fail("does_not_exist", value=data[:60])


class ScopedUnitField(serializers.PrimaryKeyRelatedField):
    """A unit id that must lie where the caller may log items; others read as not existing."""

    default_error_messages = {
        "does_not_exist": _("You cannot log items for this unit."),
        "incorrect_type": _("You cannot log items for this unit."),
    }

    def get_queryset(self):
        return units_visible(self.context["request"].user, "item.create")

    def to_internal_value(self, data):
        pk = data if isinstance(data, int) and not isinstance(data, bool) else parse_id(str(data))
        if pk is None or not 0 < pk < 2**63:
            self.fail("does_not_exist", pk_value=data)
        return super().to_internal_value(pk)


class RuleField(serializers.Field):
    """A value that passes the item rule `rule` of `validation`: the API refuses what the
    entry form and the import refuse, with the same message."""

    def __init__(self, rule, **kwargs):
        self.rule = rule
        super().__init__(**kwargs)

    def to_internal_value(self, data):
        try:
            return self.rule(data)
        except validation.FieldError as exc:
            raise serializers.ValidationError(exc.message) from None

    def to_representation(self, value):
        return value


@extend_schema_field(OpenApiTypes.DATE)
class DateRuleField(RuleField):
    """A date: YYYY-MM-DD (or dd/mm/yyyy), from 01/01/2000 to today."""

    def __init__(self, **kwargs):
        super().__init__(validation.clean_observed_on, **kwargs)

    def to_representation(self, value):
        return value.isoformat()


@extend_schema_field(OpenApiTypes.INT)
class ScaleField(RuleField):
    def __init__(self, **kwargs):
        super().__init__(validation.clean_scale, allow_null=True, required=False, **kwargs)

    def validate_empty_values(self, data):
        if data is None:
            return (True, None)
        return super().validate_empty_values(data)


@extend_schema_field(OpenApiTypes.STR)
class TextRuleField(RuleField):
    pass


# A web address, or "" for none: described as a bare "uri" it made every item without a
# link break the API's own description (found by schemathesis, issue 9.18).
@extend_schema_field({"type": "string", "anyOf": [{"format": "uri"}, {"maxLength": 0}]})
class UrlRuleField(RuleField):
    pass


class ItemSerializer(serializers.ModelSerializer):
    unit = ScopedUnitField()
    unit_name = serializers.CharField(source="unit.full_name", read_only=True)
    kind = CodeField(Kind)
    field = CodeField(Field)
    secondary_fields = CodeField(Field, many=True, required=False)
    mood = CodeField(Mood, required=False, allow_null=True)
    channel = CodeField(Channel)
    authority = CodeField(Authority, required=False, allow_null=True)
    observed_on = DateRuleField()
    text = TextRuleField(validation.clean_text)
    scale = ScaleField()
    verification = TextRuleField(validation.clean_verification, required=False)
    source_url = UrlRuleField(validation.clean_source_url, required=False)
    # The item's version: sent back on an update, it refuses (409) to overwrite someone
    # else's save made in the meantime.
    version = serializers.IntegerField(required=False, min_value=0, max_value=2**31)

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
            "version",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["reporting_unit", "created_at", "updated_at"]

    def create(self, validated_data):
        validated_data.pop("version", None)
        return services.item_create(actor=self.context["request"].user, **validated_data)

    def update(self, instance, validated_data):
        return services.item_update(
            actor=self.context["request"].user, item=instance, **validated_data
        )


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
        unit_id = id_param(p, "unit")
        if unit_id is not None:
            values["unit"] = units_visible(self.request.user).filter(pk=unit_id).first()
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
                    values[key] = validation.parse_date(p[key])
                except validation.FieldError as exc:
                    raise serializers.ValidationError({key: [exc.message]}) from None
        kind = values.pop("kind", None)
        return selectors.ItemFilters(
            kinds=(kind,) if kind else (),
            valence=p.get("valence", "")[:10],
            q=p.get("q", "")[:200],
            **values,
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
