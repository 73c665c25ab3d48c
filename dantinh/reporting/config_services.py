"""Writes to the regime itself: schedules and their rules, templates, holidays, ad-hoc
requests and units' document headers. Each is checked and audited."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from dantinh.core import audit
from dantinh.core.errors import PermissionDeniedError, ValidationError
from dantinh.org import paths, policies
from dantinh.org.models import Unit
from dantinh.reporting import policy, reminders
from dantinh.reporting.models import (
    AdHocRequest,
    Frequency,
    Holiday,
    ReportTemplate,
    Schedule,
    ScheduleRule,
    TemplateSection,
    UnitReportSettings,
)

SCHEDULE_FIELDS = [
    "name", "description", "template", "due_weekday", "window_end_weekday", "due_day",
    "due_months_after", "window_end_day", "due_time", "lock_after_days", "holiday_rule",
    "remind_before_hours", "is_active", "order",
]  # fmt: skip
SECTION_FIELDS = ["title", "guidance", "order", "is_active"]
SETTINGS_FIELDS = [
    "superior_body", "issuing_body", "number_suffix", "place", "recipients",
    "signature_authority", "signature_position", "signer_name",
]  # fmt: skip


def _check_configure(actor) -> None:
    if actor is not None and not policy.can_configure(actor):
        raise PermissionDeniedError()


def _update(actor, obj, fields: list[str], changes: dict):
    unknown = set(changes) - set(fields)
    if unknown:
        raise ValidationError({k: _("This value cannot be changed.") for k in unknown})
    before = audit.snapshot(obj, fields)
    for key, value in changes.items():
        setattr(obj, key, value)
    obj.save()
    delta = audit.diff(before, audit.snapshot(obj, fields))
    if delta:
        audit.record(actor=actor, action=audit.Action.UPDATE, obj=obj, changes=delta)
    return obj


@transaction.atomic
def schedule_update(*, actor, schedule: Schedule, **changes) -> Schedule:
    """Change a schedule's timing. Periods already drafted keep the deadline they had."""
    _check_configure(actor)
    day = changes.get("due_day", schedule.due_day)
    end_day = changes.get("window_end_day", schedule.window_end_day)
    if not 1 <= day <= 31 or (end_day is not None and not 1 <= end_day <= 31):
        raise ValidationError({"due_day": _("A day of the month is between 1 and 31.")})
    return _update(actor, schedule, SCHEDULE_FIELDS, changes)


@transaction.atomic
def rule_create(*, actor, schedule: Schedule, **values) -> ScheduleRule:
    _check_configure(actor)
    rule = ScheduleRule.objects.create(schedule=schedule, **values)
    audit.record(actor=actor, action=audit.Action.CREATE, obj=rule, object_repr=f"{schedule}: {rule}",
                 changes={k: [None, audit._jsonable(v)] for k, v in values.items()})  # fmt: skip
    return rule


@transaction.atomic
def rule_delete(*, actor, rule: ScheduleRule) -> None:
    _check_configure(actor)
    audit.record(actor=actor, action=audit.Action.DELETE, obj=rule, object_repr=f"{rule.schedule}: {rule}")
    rule.delete()


@transaction.atomic
def section_update(*, actor, section: TemplateSection, **changes) -> TemplateSection:
    _check_configure(actor)
    return _update(actor, section, SECTION_FIELDS, changes)


@transaction.atomic
def section_create(*, actor, template: ReportTemplate, code: str, title: str, guidance: str = "", order: int = 0):
    _check_configure(actor)
    if template.sections.filter(code=code).exists():
        raise ValidationError({"code": _("The template already has a section with this code.")})
    section = TemplateSection.objects.create(template=template, code=code, title=title, guidance=guidance, order=order)
    audit.record(actor=actor, action=audit.Action.CREATE, obj=section, changes={"code": [None, code], "title": [None, title]})
    return section


@transaction.atomic
def template_update(*, actor, template: ReportTemplate, **changes) -> ReportTemplate:
    _check_configure(actor)
    return _update(actor, template, ["name", "description", "title_prefix"], changes)


@transaction.atomic
def holiday_create(*, actor, date: dt.date, name: str) -> Holiday:
    _check_configure(actor)
    if Holiday.objects.filter(date=date).exists():
        raise ValidationError({"date": _("This day is already a holiday.")})
    holiday = Holiday.objects.create(date=date, name=name.strip()[:150])
    audit.record(actor=actor, action=audit.Action.CREATE, obj=holiday, changes={"date": [None, date], "name": [None, name]})
    return holiday


@transaction.atomic
def holiday_delete(*, actor, holiday: Holiday) -> None:
    _check_configure(actor)
    audit.record(actor=actor, action=audit.Action.DELETE, obj=holiday,
                 changes={"date": [holiday.date, None], "name": [holiday.name, None]})  # fmt: skip
    holiday.delete()


@transaction.atomic
def unit_settings_update(*, actor, unit: Unit, **values) -> UnitReportSettings:
    """A unit's document header. Needs "report.configure" on the unit."""
    if actor is not None and not policy.can_configure_unit(actor, unit):
        raise PermissionDeniedError()
    saved, _created = UnitReportSettings.objects.get_or_create(unit=unit, defaults={"unit_path": unit.path})
    return _update(actor, saved, SETTINGS_FIELDS, values)


@transaction.atomic
def adhoc_request_create(
    *, actor, unit: Unit, title: str, template: ReportTemplate, units: list[Unit], window_start: dt.date,
    window_end: dt.date, due_at: dt.datetime, lock_at: dt.datetime | None = None, instructions: str = "",
) -> AdHocRequest:  # fmt: skip
    """A superior asks units below it for an ad-hoc report. Needs "report.review" on the
    requesting unit; every unit asked must lie below it and in the actor's scope."""
    if not policies.can(actor, "report.review", unit):
        raise PermissionDeniedError()
    errors = {}
    if not title.strip():
        errors["title"] = _("Give the subject of the report.")
    if window_start > window_end:
        errors["window_end"] = _("The window ends before it starts.")
    if due_at <= timezone.now():
        errors["due_at"] = _("The deadline must be in the future.")
    if lock_at is not None and lock_at < due_at:
        errors["lock_at"] = _("The closing cannot come before the deadline.")
    if not units:
        errors["units"] = _("Choose the units that must report.")
    if any(u.pk == unit.pk or not paths.contains(unit.path, u.path) for u in units):
        errors["units"] = _("Only units below the requesting unit can be asked.")
    if errors:
        raise ValidationError(errors)
    schedule = Schedule.objects.filter(frequency=Frequency.AD_HOC, is_active=True).order_by("order").first()
    if schedule is None:
        raise ValidationError(_("No ad-hoc schedule is configured."))
    request = AdHocRequest.objects.create(
        title=title.strip()[:300], instructions=instructions, unit=unit, unit_path=unit.path, template=template,
        window_start=window_start, window_end=window_end, due_at=due_at, lock_at=lock_at, requested_by=actor,
    )  # fmt: skip
    request.units.set(units)
    audit.record(actor=actor, action=audit.Action.CREATE, obj=request,
                 changes={"title": [None, request.title], "units": [None, [u.pk for u in units]],
                          "due_at": [None, due_at]})  # fmt: skip
    transaction.on_commit(lambda: reminders.announce_adhoc(request=request, schedule=schedule))
    return request
