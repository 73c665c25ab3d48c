"""REST endpoints of the programme: meetings (recorded, their points turned into items),
targets with their completion, surveys with their results and one respondent's answers. The
same services and the same policy as the pages: outside the caller's scope reads as not
existing (404)."""

from __future__ import annotations

from django.utils import timezone
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from dantinh.api.params import id_param
from dantinh.org.models import Unit
from dantinh.org.permissions import HasScope
from dantinh.org.selectors import units_visible
from dantinh.programme import (
    selectors,
    services,
    survey_selectors,
    survey_services,
    target_selectors,
)
from dantinh.programme.models import Meeting, ParticipantGroup, Survey, Target
from dantinh.programme.views.common import subtree_root

UNIT_PARAM = OpenApiParameter("unit", int, description="Only this unit's subtree")


def _unit(request, action_name: str, raw) -> Unit:
    unit = units_visible(request.user, action_name).filter(pk=raw).first() if raw else None
    if unit is None:
        raise serializers.ValidationError({"unit": ["Không có đơn vị này trong phạm vi của bạn."]})
    return unit


class PointSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    text = serializers.CharField()
    suggested = serializers.DictField()
    item = serializers.IntegerField(source="item_id", allow_null=True)


class MeetingSerializer(serializers.ModelSerializer):
    unit_name = serializers.CharField(source="unit.full_name", read_only=True)
    groups = serializers.SerializerMethodField()
    points = PointSerializer(many=True, read_only=True)

    class Meta:
        model = Meeting
        fields = [
            "id",
            "unit",
            "unit_name",
            "kind",
            "held_on",
            "place",
            "title",
            "summary",
            "groups",
            "points",
            "version",
            "created_at",
        ]
        read_only_fields = fields

    def get_groups(self, meeting) -> dict[str, int]:
        return {g.group: g.count for g in meeting.groups.all()}


class MeetingInput(serializers.Serializer):
    unit = serializers.IntegerField()
    kind = serializers.ChoiceField(choices=Meeting.Kind.choices)
    held_on = serializers.CharField(help_text="dd/mm/yyyy or YYYY-MM-DD")
    place = serializers.CharField(max_length=200)
    title = serializers.CharField(max_length=200, required=False, default="")
    summary = serializers.CharField(max_length=20_000, required=False, default="")
    groups = serializers.DictField(
        child=serializers.IntegerField(min_value=0),
        help_text=f"Number of people per group: {', '.join(ParticipantGroup.values)}",
    )
    points = serializers.ListField(child=serializers.CharField(max_length=5000), max_length=100)
    make_items = serializers.BooleanField(required=False, default=False)


@extend_schema_view(list=extend_schema(parameters=[UNIT_PARAM]))
class MeetingViewSet(viewsets.ReadOnlyModelViewSet):
    """Meetings within the caller's scope; POST records one (participants as groups and
    counts, never names); POST .../items/ turns its remaining points into items."""

    serializer_class = MeetingSerializer
    permission_classes = [HasScope]

    def get_queryset(self):
        qs = selectors.meetings_visible(self.request.user).select_related("unit")
        unit_id = id_param(self.request.query_params, "unit")
        if unit_id is not None:
            unit = units_visible(self.request.user, "programme.view").filter(pk=unit_id).first()
            if unit is None:
                return Meeting.objects.none()
            qs = selectors.meeting_list(
                user=self.request.user, filters=selectors.MeetingFilters(unit=unit)
            )
        return qs.prefetch_related("groups", "points").order_by("-held_on", "-id")

    @extend_schema(request=MeetingInput, responses={201: MeetingSerializer})
    def create(self, request):
        data = MeetingInput(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        values["unit"] = _unit(request, "meeting.record", values["unit"])
        meeting = services.meeting_record(actor=request.user, **values)
        return Response(MeetingSerializer(meeting).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=None, responses={200: MeetingSerializer})
    @action(detail=True, methods=["post"])
    def items(self, request, pk=None):
        meeting = self.get_object()
        services.meeting_make_items(actor=request.user, meeting=meeting)
        return Response(MeetingSerializer(Meeting.objects.get(pk=meeting.pk)).data)


class TargetSerializer(serializers.ModelSerializer):
    unit_name = serializers.CharField(source="unit.full_name", read_only=True)
    level = serializers.SlugRelatedField(slug_field="code", read_only=True)

    class Meta:
        model = Target
        fields = [
            "id",
            "unit",
            "unit_name",
            "year",
            "kind",
            "title",
            "applies_to",
            "level",
            "per_year",
            "due_on",
            "note",
            "version",
        ]
        read_only_fields = fields


def _progress(p) -> dict:
    return {
        "unit": p.unit.pk if p.unit else None,
        "name": p.unit.full_name if p.unit else "",
        "owing": p.owing,
        "met": p.met,
        "up_to_date": p.up_to_date,
        "percent": p.percent,
    }


@extend_schema_view(
    list=extend_schema(
        parameters=[OpenApiParameter("year", int, description="Default: this year")]
    ),
    retrieve=extend_schema(parameters=[UNIT_PARAM]),
)
class TargetViewSet(viewsets.ReadOnlyModelViewSet):
    """The programme's targets the caller sees (set within their scope or above it); one
    target comes with its completion over the caller's scope, by the units just below."""

    serializer_class = TargetSerializer
    permission_classes = [HasScope]

    def get_queryset(self):
        qs = target_selectors.targets_visible(self.request.user).select_related("unit", "level")
        if self.action == "list":
            raw = self.request.query_params.get("year", "")
            year = int(raw) if raw.isdigit() and len(raw) == 4 else timezone.localdate().year
            qs = qs.filter(year=year)
        return qs.order_by("unit_path", "kind")

    def retrieve(self, request, pk=None):
        target = self.get_object()
        root = subtree_root(request.user, target, id_param(request.query_params, "unit"))
        total, rows = target_selectors.completion(
            user=request.user, target=target, root=root, today=timezone.localdate()
        )
        return Response(
            {
                **TargetSerializer(target).data,
                "completion": _progress(total),
                "by_unit": [_progress(r) for r in rows],
            }
        )


class QuestionSerializer(serializers.Serializer):
    code = serializers.CharField()
    section = serializers.CharField()
    text = serializers.CharField()
    kind = serializers.CharField()
    choices = serializers.ListField()
    scale_min = serializers.IntegerField()
    scale_max = serializers.IntegerField()
    required = serializers.BooleanField()
    show_if = serializers.CharField(source="show_if.code", allow_null=True, default=None)
    show_values = serializers.ListField()


class SurveySerializer(serializers.ModelSerializer):
    unit_name = serializers.CharField(source="unit.full_name", read_only=True)
    questions = QuestionSerializer(many=True, read_only=True)

    class Meta:
        model = Survey
        fields = [
            "id",
            "unit",
            "unit_name",
            "year",
            "title",
            "description",
            "groups",
            "status",
            "previous",
            "questions",
        ]
        read_only_fields = fields


class AnswersInput(serializers.Serializer):
    unit = serializers.IntegerField()
    group = serializers.CharField(max_length=100, required=False, default="", allow_blank=True)
    answers = serializers.DictField(help_text="{question code: value}; a list for several choices")


def _cell(c) -> dict:
    return {
        "label": c.label,
        "n": c.n,
        "shown": c.shown,
        "percents": c.percents if c.shown else [],
        "mean": c.mean,
    }


class SurveyViewSet(viewsets.ReadOnlyModelViewSet):
    """Surveys the caller sees; GET .../results/ their results (cells of fewer than 5 answers
    are not broken down); POST .../responses/ one anonymous respondent's answers."""

    serializer_class = SurveySerializer
    permission_classes = [HasScope]

    def get_queryset(self):
        return (
            survey_selectors.surveys_visible(self.request.user)
            .select_related("unit")
            .prefetch_related("questions__show_if")
            .order_by("-year", "id")
        )

    @extend_schema(parameters=[UNIT_PARAM], responses={200: dict})
    @action(detail=True, methods=["get"])
    def results(self, request, pk=None):
        survey = self.get_object()
        root = subtree_root(request.user, survey, id_param(request.query_params, "unit"))
        respondents, results = survey_selectors.results(user=request.user, survey=survey, root=root)
        return Response(
            {
                "unit": root.pk,
                "respondents": respondents,
                "min_group": survey_selectors.MIN_GROUP,
                "questions": [
                    {
                        "code": r.question.code,
                        "choices": r.choices,
                        "total": _cell(r.total),
                        "counts": r.counts,
                        "previous": _cell(r.previous) if r.previous else None,
                        "by_unit": [_cell(c) for c in r.by_unit],
                        "by_group": [_cell(c) for c in r.by_group],
                        "fields": r.fields,
                    }
                    for r in results
                ],
            }
        )

    @extend_schema(request=AnswersInput, responses={201: dict})
    @action(detail=True, methods=["post"])
    def responses(self, request, pk=None):
        survey = self.get_object()
        data = AnswersInput(data=request.data)
        data.is_valid(raise_exception=True)
        unit = _unit(request, "survey.answer", data.validated_data["unit"])
        response = survey_services.response_submit(
            actor=request.user,
            survey=survey,
            unit=unit,
            answers=data.validated_data["answers"],
            group=data.validated_data["group"],
        )
        return Response(
            {"id": response.pk, "answers": response.answers.count()}, status=status.HTTP_201_CREATED
        )
