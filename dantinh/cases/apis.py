"""REST endpoints of cases: the same scope and policy as the pages (a case outside the scope
answers 404, like one that does not exist), writes through the same services."""

from __future__ import annotations

from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from dantinh.api.params import id_param
from dantinh.cases import selectors, services
from dantinh.cases.models import Case, Development, Risk, RiskChange
from dantinh.intake import validation
from dantinh.intake.apis import CodeField, DateRuleField, ScaleField
from dantinh.intake.models import Field
from dantinh.intake.selectors import items_visible
from dantinh.org.permissions import HasScope
from dantinh.org.selectors import units_visible
from dantinh.recommendations.models import Body
from dantinh.recommendations.selectors import recommendations_visible


class ScopedUnits(serializers.PrimaryKeyRelatedField):
    """Unit ids in the caller's scope for `action`; others read as not existing."""

    def __init__(self, action: str = "unit.view", **kwargs):
        self.scope_action = action
        super().__init__(**kwargs)

    def get_queryset(self):
        return units_visible(self.context["request"].user, self.scope_action)

    def to_internal_value(self, data):
        if isinstance(data, bool) or not isinstance(data, int | str):
            self.fail("incorrect_type", data_type=type(data).__name__)
        return super().to_internal_value(str(data)[:20])


LEVELS = "tiem_an (latent), co_kha_nang (likely), diem_nong (hotspot), da_giai_quyet (resolved)"


class RiskChangeSerializer(serializers.ModelSerializer):
    from_risk = serializers.CharField(
        read_only=True, help_text=f"One of {LEVELS}; empty when opened"
    )
    to_risk = serializers.CharField(read_only=True, help_text=f"One of {LEVELS}")
    changed_by = serializers.CharField(source="changed_by.username", read_only=True)
    adhoc_request = serializers.PrimaryKeyRelatedField(read_only=True)

    class Meta:
        model = RiskChange
        fields = [
            "id",
            "from_risk",
            "to_risk",
            "changed_on",
            "reason",
            "changed_by",
            "notified",
            "adhoc_request",
        ]
        read_only_fields = fields


class DevelopmentSerializer(serializers.ModelSerializer):
    happened_on = DateRuleField()
    text = serializers.CharField(max_length=validation.MAX_TEXT)
    created_by = serializers.CharField(source="created_by.username", read_only=True)

    class Meta:
        model = Development
        fields = ["id", "happened_on", "text", "created_by"]


class CaseSerializer(serializers.ModelSerializer):
    unit = ScopedUnits("case.create")
    unit_name = serializers.CharField(source="unit.full_name", read_only=True)
    place = ScopedUnits()
    place_name = serializers.CharField(source="place.full_name", read_only=True)
    field = CodeField(Field, required=False, allow_null=True)
    opened_on = DateRuleField()
    scale = ScaleField()
    involved_units = ScopedUnits(many=True, required=False)
    involved_bodies = serializers.PrimaryKeyRelatedField(
        many=True, queryset=Body.objects.filter(is_active=True), required=False
    )
    items = serializers.PrimaryKeyRelatedField(many=True, read_only=True)
    recommendations = serializers.SerializerMethodField()
    # Only when opening: the level the case starts at, and why when above latent.
    level = serializers.CharField(
        write_only=True,
        required=False,
        max_length=20,
        help_text="The level the case opens at: tiem_an (default), co_kha_nang or diem_nong",
    )
    reason = serializers.CharField(write_only=True, required=False, allow_blank=True)
    # The case's version: sent back on an update, it refuses (409) to overwrite a save made
    # in the meantime.
    version = serializers.IntegerField(required=False, min_value=0, max_value=2**31)

    class Meta:
        model = Case
        fields = [
            "id",
            "title",
            "unit",
            "unit_name",
            "place",
            "place_name",
            "field",
            "opened_on",
            "situation",
            "origin",
            "causes",
            "resolution",
            "direction",
            "mood_impact",
            "scale",
            "involved_units",
            "involved_bodies",
            "involved_others",
            "items",
            "recommendations",
            "risk",
            "risk_since",
            "resolved_on",
            "level",
            "reason",
            "version",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["risk", "risk_since", "resolved_on", "created_at", "updated_at"]
        extra_kwargs = {
            "title": {"required": True, "allow_blank": True},
            "situation": {"required": True, "allow_blank": True},
        }

    def get_recommendations(self, case) -> list[int]:
        """The linked recommendations the caller may see."""
        user = self.context["request"].user
        return sorted(
            selectors.linked_recommendations(user=user, case=case).values_list("pk", flat=True)
        )

    def create(self, validated_data):
        validated_data.pop("version", None)
        return services.case_create(
            actor=self.context["request"].user,
            level=validated_data.pop("level", Risk.LATENT),
            reason=validated_data.pop("reason", ""),
            **validated_data,
        )

    def update(self, instance, validated_data):
        for name in ("unit", "level", "reason"):
            if name in validated_data:
                validated_data.pop(name)
        return services.case_update(
            actor=self.context["request"].user, case=instance, **validated_data
        )


class CaseDetailSerializer(CaseSerializer):
    risk_changes = RiskChangeSerializer(many=True, read_only=True)
    developments = DevelopmentSerializer(many=True, read_only=True)

    class Meta(CaseSerializer.Meta):
        fields = [*CaseSerializer.Meta.fields, "risk_changes", "developments"]


class RiskBody(serializers.Serializer):
    level = serializers.CharField(max_length=20, help_text=f"The new level: one of {LEVELS}")
    reason = serializers.CharField(max_length=2000, allow_blank=True)
    on = DateRuleField(required=False)
    report_due_at = serializers.DateTimeField(
        required=False,
        help_text="Ask the units concerned for an ad-hoc report due at this moment "
        "(only when raising to likely or hotspot).",
    )


class ItemsBody(serializers.Serializer):
    items = serializers.ListField(
        child=serializers.IntegerField(min_value=1, max_value=2**62), max_length=200
    )


class RecommendationsBody(serializers.Serializer):
    recommendations = serializers.ListField(
        child=serializers.IntegerField(min_value=1, max_value=2**62), max_length=200
    )


FILTERS = [
    OpenApiParameter("unit", int, description="Cases followed by, or happening in, this subtree"),
    OpenApiParameter(
        "risk", str, description="tiem_an, co_kha_nang, diem_nong, da_giai_quyet or open"
    ),
    OpenApiParameter("field", str, description="Field code"),
    OpenApiParameter("q", str, description="Words in the title or the situation"),
    OpenApiParameter(
        "changed_to",
        str,
        description="A level the risk came to (or 'any') within date_from–date_to",
    ),
    OpenApiParameter("date_from", str, description="YYYY-MM-DD"),
    OpenApiParameter("date_to", str, description="YYYY-MM-DD"),
    OpenApiParameter("as_of", str, description="Read `risk` as the level on this day (YYYY-MM-DD)"),
]


@extend_schema_view(list=extend_schema(parameters=FILTERS))
class CaseViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """Complex incidents within the caller's scope: a case is seen in the unit that follows
    it and above, and by the units involved in it (read only). The risk level changes only
    through `risk`, with a reason."""

    permission_classes = [HasScope]

    def get_serializer_class(self):
        return CaseSerializer if self.action in ("list", "create") else CaseDetailSerializer

    def _filters(self) -> selectors.CaseFilters | None:
        p = self.request.query_params
        values: dict = {}
        unit_id = id_param(p, "unit")
        if unit_id is not None:
            values["unit"] = units_visible(self.request.user).filter(pk=unit_id).first()
            if values["unit"] is None:
                return None
        if p.get("field"):
            values["field"] = Field.objects.filter(code=p["field"][:50]).first()
            if values["field"] is None:
                return None
        for key in ("date_from", "date_to", "as_of"):
            if p.get(key):
                try:
                    values[key] = validation.parse_date(p[key])
                except validation.FieldError as exc:
                    raise serializers.ValidationError({key: [exc.message]}) from None
        return selectors.CaseFilters(
            risk=p.get("risk", "")[:20],
            q=p.get("q", "")[:200],
            changed_to=p.get("changed_to", "")[:20],
            **values,
        )

    def get_queryset(self):
        if self.action == "list":
            filters = self._filters()
            if filters is None:
                return Case.objects.none()
            return selectors.case_list(user=self.request.user, filters=filters).prefetch_related(
                "involved_units", "involved_bodies", "items"
            )
        return (
            selectors.cases_visible(self.request.user)
            .select_related("unit", "place", "field")
            .prefetch_related(
                "involved_units",
                "involved_bodies",
                "items",
                "risk_changes__changed_by",
                "developments__created_by",
            )
        )

    @extend_schema(request=RiskBody, responses={201: RiskChangeSerializer})
    @action(detail=True, methods=["post"])
    def risk(self, request, pk=None):
        """Move the case to another risk level, saying why."""
        case = self.get_object()
        body = RiskBody(data=request.data)
        body.is_valid(raise_exception=True)
        data = body.validated_data
        report = None
        if data.get("report_due_at"):
            report = services.ReportAsk(due_at=data["report_due_at"])
        change = services.case_change_risk(
            actor=request.user,
            case=case,
            level=data["level"],
            reason=data["reason"],
            on=data.get("on"),
            report=report,
        )
        return Response(RiskChangeSerializer(change).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=DevelopmentSerializer, responses={201: DevelopmentSerializer})
    @action(detail=True, methods=["post"])
    def developments(self, request, pk=None):
        """Add a dated development to the case's timeline."""
        case = self.get_object()
        body = DevelopmentSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        development = services.development_add(
            actor=request.user,
            case=case,
            happened_on=body.validated_data["happened_on"],
            text=body.validated_data["text"],
        )
        return Response(DevelopmentSerializer(development).data, status=status.HTTP_201_CREATED)

    def _found(self, body_class, key: str, visible) -> list:
        """The objects the body names, all of them in the caller's scope (a number not found
        and one out of scope read the same: 400 naming them)."""
        body = body_class(data=self.request.data)
        body.is_valid(raise_exception=True)
        wanted = set(body.validated_data[key])
        found = list(visible.filter(pk__in=wanted))
        missing = sorted(wanted - {o.pk for o in found})
        if missing:
            raise serializers.ValidationError({key: [f"#{i}" for i in missing]})
        return found

    @extend_schema(request=ItemsBody, responses={200: dict})
    @action(detail=True, methods=["post"])
    def items(self, request, pk=None):
        """Link items (that the caller may see) to the case."""
        case = self.get_object()
        found = self._found(ItemsBody, "items", items_visible(request.user))
        added = services.case_link_items(actor=request.user, case=case, items=found)
        return Response({"linked": added, "items": sorted(case.items.values_list("pk", flat=True))})

    @extend_schema(request=RecommendationsBody, responses={200: dict})
    @action(detail=True, methods=["post"], url_path="recommendations")
    def link_recommendations(self, request, pk=None):
        """Link followed recommendations (that the caller may see) to the case."""
        case = self.get_object()
        found = self._found(
            RecommendationsBody, "recommendations", recommendations_visible(request.user)
        )
        added = services.case_link_recommendations(
            actor=request.user, case=case, recommendations=found
        )
        linked = selectors.linked_recommendations(user=request.user, case=case)
        return Response(
            {"linked": added, "recommendations": sorted(linked.values_list("pk", flat=True))}
        )
