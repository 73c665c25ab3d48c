"""REST endpoints of reporting: submissions and timeliness, read-only, in the caller's scope
(the same policy as the pages: outside it reads as not existing)."""

from __future__ import annotations

from django.utils import timezone
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import serializers, viewsets
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.response import Response

from dantinh.api.params import id_param
from dantinh.org import paths
from dantinh.org.permissions import HasScope
from dantinh.org.selectors import units_visible
from dantinh.reporting import selectors, timeliness
from dantinh.reporting.models import Schedule, Submission, SubmissionSection
from dantinh.reporting.periods import PeriodError, last_due


class SectionSerializer(serializers.ModelSerializer):
    class Meta:
        model = SubmissionSection
        fields = ["code", "title", "text"]


class SubmissionSerializer(serializers.ModelSerializer):
    unit_name = serializers.CharField(source="unit.full_name", read_only=True)
    schedule = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    sections = SectionSerializer(many=True, read_only=True)

    class Meta:
        model = Submission
        fields = [
            "id",
            "unit",
            "unit_name",
            "schedule",
            "period_key",
            "window_start",
            "window_end",
            "due_at",
            "lock_at",
            "title",
            "number",
            "status",
            "version",
            "first_submitted_at",
            "submitted_at",
            "reviewed_at",
            "source",
            "sections",
        ]
        read_only_fields = fields


FILTERS = [
    OpenApiParameter("schedule", str, description="Schedule code, e.g. weekly"),
    OpenApiParameter("period", str, description="Period key, e.g. 2026-W45 or 2026-10"),
    OpenApiParameter("unit", int, description="Only this unit's subtree"),
    OpenApiParameter("status", str, description="draft, submitted, returned or accepted"),
]


@extend_schema_view(list=extend_schema(parameters=FILTERS))
class SubmissionViewSet(viewsets.ReadOnlyModelViewSet):
    """Units' reports within the caller's scope."""

    serializer_class = SubmissionSerializer
    permission_classes = [HasScope]

    def get_queryset(self):
        qs = selectors.submissions_visible(self.request.user).select_related("unit", "schedule")
        qs = qs.prefetch_related("sections").order_by("-due_at", "unit_path")
        p = self.request.query_params
        if p.get("schedule"):
            qs = qs.filter(schedule__slug=p["schedule"][:50])
        if p.get("period"):
            qs = qs.filter(period_key=p["period"][:20].upper())
        if p.get("status"):
            qs = qs.filter(status=p["status"][:10])
        unit_id = id_param(p, "unit")
        if unit_id is not None:
            unit = units_visible(self.request.user, "report.view").filter(pk=unit_id).first()
            if unit is None:
                return Submission.objects.none()
            qs = qs.filter(unit_path__gte=unit.path, unit_path__lt=paths.upper_bound(unit.path))
        return qs


class TimelinessViewSet(viewsets.ViewSet):
    """For a schedule and period (default: the last one due), each unit in scope that owes it,
    with its state: on_time, late, returned (for changes, not sent again: not submitted),
    missing or open (not yet due); and the rates: `rate` is submitted of expected,
    `on_time_rate` on time of expected, in percent."""

    permission_classes = [HasScope]

    @extend_schema(parameters=FILTERS[:3], responses={200: dict})
    def list(self, request):
        p = request.query_params
        schedule = Schedule.objects.filter(slug=p.get("schedule", "weekly")[:50]).first()
        if schedule is None:
            raise NotFound("No such schedule.")
        now = timezone.now()
        try:
            if p.get("period"):
                period = selectors.period_get(
                    user=request.user, schedule=schedule, key=p["period"][:20]
                )
            elif schedule.is_ad_hoc:
                raise ValidationError({"period": ["Required for ad-hoc reports."]})
            else:
                period = last_due(schedule, now)
        except PeriodError as exc:
            raise ValidationError({"period": [str(exc)]}) from exc
        root = None
        unit_id = id_param(p, "unit")
        if unit_id is not None:
            root = units_visible(request.user, "report.view").filter(pk=unit_id).first()
            if root is None:
                raise NotFound()
        rows = timeliness.statuses(
            user=request.user, schedule=schedule, period=period, now=now, root=root
        )
        rates = timeliness.rates(rows)
        return Response(
            {
                "schedule": schedule.slug,
                "period": period.key,
                "window": [period.start, period.end],
                "due_at": period.due_at,
                "lock_at": period.lock_at,
                "rates": rates.as_dict(),
                "units": [
                    {
                        "unit": r.unit.pk,
                        "name": r.unit.full_name,
                        "state": r.state,
                        "submission": r.submission.pk if r.submission else None,
                        "status": r.submission.status if r.submission else None,
                    }
                    for r in rows
                ],
            }
        )
