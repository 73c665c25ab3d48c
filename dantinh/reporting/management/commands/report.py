"""`dantinh report export …` writes a unit's report for a period as .docx, .pdf or .xlsx;
`dantinh report remind` runs the reminder job once."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db.models import Case, IntegerField, Value, When

from dantinh.core import audit
from dantinh.org.actors import system_actor
from dantinh.org.models import Unit
from dantinh.reporting import docbuild, exports, reminders
from dantinh.reporting.models import Schedule
from dantinh.reporting.periods import PeriodError, resolve


def find_unit(code: str) -> Unit:
    """A unit by its official code (the current scheme first), else by its local code."""
    preference = Case(
        When(code_scheme=Unit.CodeScheme.GSO_2025, then=Value(0)),
        When(code_scheme=Unit.CodeScheme.LOCAL, then=Value(1)),
        default=Value(2),
        output_field=IntegerField(),
    )
    unit = (
        Unit.objects.filter(code=code)
        .annotate(preference=preference)
        .order_by("valid_to", "preference")
        .first()
    )
    if unit is None:
        raise CommandError(f"No unit has the code {code!r}.")
    return unit


def composite_document(unit: Unit, schedule: Schedule, period_key: str):
    """The unit's saved report for the period, or one drafted now from its subtree."""
    try:
        period = resolve(schedule, period_key)
    except PeriodError as exc:
        raise CommandError(str(exc)) from exc
    return docbuild.for_period(unit=unit, schedule=schedule, period=period, user=system_actor())


class Command(BaseCommand):
    help = (
        "Reports. `export --unit CODE --schedule SLUG --period PERIOD --format docx|pdf|xlsx "
        "--output PATH` writes a unit's (composite) report; `remind` sends the due reminders once; "
        "`states --rebuild` writes again every closed period's timeliness states."
    )

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        export = sub.add_parser("export", help="write a unit's report for a period")
        export.add_argument("--unit", required=True, help="the unit's official code, e.g. 31")
        export.add_argument("--schedule", required=True, help="the schedule's code, e.g. monthly")
        export.add_argument(
            "--period", required=True, help="2026-W45, 2026-10, 2026-Q3, 2026-H1, 2026 or R12"
        )
        export.add_argument(
            "--format", dest="fmt", choices=sorted(exports.CONTENT_TYPES), default="docx"
        )
        export.add_argument("--output", required=True, help="the file to write")
        sub.add_parser("remind", help="send the reminders that are due now")
        states = sub.add_parser("states", help="the timeliness states of the closed periods")
        states.add_argument(
            "--rebuild", action="store_true", help="close every past period again from the reports"
        )

    def handle(self, *args, action, **options):
        if action == "remind":
            summary = reminders.run()
            self.stdout.write(
                f"Reminders: {summary.sent} sent, {summary.skipped} already sent, {summary.failed} failed, "
                f"{summary.retried} sent on a new attempt."
            )
            return
        if action == "states":
            self._states(**options)
            return
        self._export(**options)

    def _states(self, *, rebuild, **options):
        import time

        from django.utils import timezone

        from dantinh.reporting import period_states

        began, now = time.perf_counter(), timezone.now()
        if rebuild:
            written = period_states.rebuild(now=now, log=self.stdout.write)
        else:
            written = period_states.close_due(now=now)
        self.stdout.write(f"{written} states in {time.perf_counter() - began:.1f} s")

    def _export(self, *, unit, schedule, period, fmt, output, **options):
        from dantinh.documents.render import ConversionFailed, ConversionUnavailable

        target_unit = find_unit(unit)
        target_schedule = Schedule.objects.filter(slug=schedule).first()
        if target_schedule is None:
            known = ", ".join(Schedule.objects.order_by("order").values_list("slug", flat=True))
            raise CommandError(f"No schedule {schedule!r}. Known: {known}.")
        document, submission = composite_document(target_unit, target_schedule, period)
        try:
            content = exports.render(document, fmt)
        except (ConversionUnavailable, ConversionFailed) as exc:
            raise CommandError(str(exc)) from exc
        path = Path(output)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)
        audit.record(
            actor=system_actor(),
            action=audit.Action.EXPORT,
            object_type="reporting.submission",
            object_id=submission.pk if submission else "",
            object_repr=f"{target_unit}: {document.summary} ({fmt})",
            unit_path=target_unit.path,
            note=f"command line → {path.name}",
        )
        self.stdout.write(f"{path} ({len(content):,} bytes): {document.summary}")
