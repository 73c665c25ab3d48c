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
from dantinh.org.actors import require_actor
from dantinh.org.models import Unit, User
from dantinh.reporting import policy
from dantinh.reporting.models import (
    AdHocRequest,
    Frequency,
    Holiday,
    Notification,
    ReportTemplate,
    Schedule,
    ScheduleRule,
    TemplateSection,
    UnitReportSettings,
)

SCHEDULE_FIELDS = [
    "name",
    "description",
    "template",
    "due_weekday",
    "window_end_weekday",
    "due_day",
    "due_months_after",
    "window_end_day",
    "due_time",
    "lock_after_days",
    "holiday_rule",
    "remind_before_hours",
    "is_active",
    "order",
]
SECTION_FIELDS = ["title", "guidance", "order", "is_active"]
SETTINGS_FIELDS = [
    "superior_body",
    "issuing_body",
    "number_suffix",
    "place",
    "recipients",
    "signature_authority",
    "signature_position",
    "signer_name",
]


def _check_configure(actor: User) -> None:
    require_actor(actor)
    if not policy.can_configure(actor):
        raise PermissionDeniedError()


def _update(actor: User, obj, fields: list[str], changes: dict):
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
def schedule_update(*, actor: User, schedule: Schedule, **changes) -> Schedule:
    """Change a schedule's timing. Periods already drafted keep the deadline they had."""
    require_actor(actor)
    _check_configure(actor)
    day = changes.get("due_day", schedule.due_day)
    end_day = changes.get("window_end_day", schedule.window_end_day)
    if not 1 <= day <= 31 or (end_day is not None and not 1 <= end_day <= 31):
        raise ValidationError({"due_day": _("A day of the month is between 1 and 31.")})
    return _update(actor, schedule, SCHEDULE_FIELDS, changes)


@transaction.atomic
def rule_create(
    *, actor: User, schedule: Schedule, excluded_units: list[Unit] | None = None, **values
) -> ScheduleRule:
    """Add a rule of who owes `schedule`, optionally leaving some units out."""
    require_actor(actor)
    _check_configure(actor)
    rule = ScheduleRule.objects.create(schedule=schedule, **values)
    changes = {k: [None, audit._jsonable(v)] for k, v in values.items()}
    if excluded_units:
        rule.excluded_units.set(excluded_units)
        changes["excluded_units"] = [None, sorted(u.pk for u in excluded_units)]
    audit.record(
        actor=actor,
        action=audit.Action.CREATE,
        obj=rule,
        object_repr=f"{schedule}: {rule}",
        changes=changes,
    )
    return rule


@transaction.atomic
def rule_set_exclusions(*, actor: User, rule: ScheduleRule, units: list[Unit]) -> ScheduleRule:
    """The units that match `rule` but do not owe its schedule (the general-affairs desk,
    which receives the officers' reports). Everything that computes obligations follows.
    Needs "report.configure" at a root unit."""
    require_actor(actor)
    _check_configure(actor)
    before = audit.snapshot(rule, ["excluded_units"])
    rule.excluded_units.set(units)
    delta = audit.diff(before, audit.snapshot(rule, ["excluded_units"]))
    if delta:
        audit.record(
            actor=actor,
            action=audit.Action.UPDATE,
            obj=rule,
            object_repr=f"{rule.schedule}: {rule}",
            changes=delta,
        )
    return rule


@transaction.atomic
def rule_delete(*, actor: User, rule: ScheduleRule) -> None:
    require_actor(actor)
    _check_configure(actor)
    audit.record(
        actor=actor, action=audit.Action.DELETE, obj=rule, object_repr=f"{rule.schedule}: {rule}"
    )
    rule.delete()


@transaction.atomic
def section_update(*, actor: User, section: TemplateSection, **changes) -> TemplateSection:
    require_actor(actor)
    _check_configure(actor)
    return _update(actor, section, SECTION_FIELDS, changes)


@transaction.atomic
def section_create(
    *,
    actor: User,
    template: ReportTemplate,
    code: str,
    title: str,
    guidance: str = "",
    order: int = 0,
):
    require_actor(actor)
    _check_configure(actor)
    if template.sections.filter(code=code).exists():
        raise ValidationError({"code": _("The template already has a section with this code.")})
    section = TemplateSection.objects.create(
        template=template, code=code, title=title, guidance=guidance, order=order
    )
    audit.record(
        actor=actor,
        action=audit.Action.CREATE,
        obj=section,
        changes={"code": [None, code], "title": [None, title]},
    )
    return section


@transaction.atomic
def template_update(*, actor: User, template: ReportTemplate, **changes) -> ReportTemplate:
    require_actor(actor)
    _check_configure(actor)
    return _update(actor, template, ["name", "description", "title_prefix"], changes)


@transaction.atomic
def holiday_create(*, actor: User, date: dt.date, name: str) -> Holiday:
    require_actor(actor)
    _check_configure(actor)
    if Holiday.objects.filter(date=date).exists():
        raise ValidationError({"date": _("This day is already a holiday.")})
    holiday = Holiday.objects.create(date=date, name=name.strip()[:150])
    audit.record(
        actor=actor,
        action=audit.Action.CREATE,
        obj=holiday,
        changes={"date": [None, date], "name": [None, name]},
    )
    return holiday


@transaction.atomic
def holiday_delete(*, actor: User, holiday: Holiday) -> None:
    require_actor(actor)
    _check_configure(actor)
    audit.record(
        actor=actor,
        action=audit.Action.DELETE,
        obj=holiday,
        changes={"date": [holiday.date, None], "name": [holiday.name, None]},
    )
    holiday.delete()


@transaction.atomic
def unit_settings_update(*, actor: User, unit: Unit, **values) -> UnitReportSettings:
    """A unit's document header. Needs "report.configure" on the unit."""
    require_actor(actor)
    if not policy.can_configure_unit(actor, unit):
        raise PermissionDeniedError()
    saved, _created = UnitReportSettings.objects.get_or_create(
        unit=unit, defaults={"unit_path": unit.path}
    )
    return _update(actor, saved, SETTINGS_FIELDS, values)


ADHOC_FIELDS = ["title", "instructions", "units", "window_start", "window_end", "due_at", "lock_at"]
# Once a unit has sent its report, the request it answered keeps its subject, window and units.
ADHOC_FIELDS_ANSWERED = {"instructions", "due_at", "lock_at"}


def adhoc_schedule() -> Schedule:
    schedule = (
        Schedule.objects.filter(frequency=Frequency.AD_HOC, is_active=True)
        .order_by("order")
        .first()
    )
    if schedule is None:
        raise ValidationError(_("No ad-hoc schedule is configured."))
    return schedule


def _adhoc_errors(
    *,
    actor: User,
    unit: Unit,
    title: str,
    window_start: dt.date,
    window_end: dt.date,
    due_at: dt.datetime | None,
    lock_at: dt.datetime | None,
    units: list[Unit],
    new_units: list[Unit],
    now: dt.datetime,
    due_changed: bool = True,
) -> dict[str, str]:
    """What is wrong with an ad-hoc request's values; `new_units` are those being added."""
    errors = {}
    if not title.strip():
        errors["title"] = _("Give the subject of the report.")
    if window_start > window_end:
        errors["window_end"] = _("The window ends before it starts.")
    if due_at is None:
        errors["due_at"] = _("Give the deadline.")
    elif due_changed and due_at <= now:
        errors["due_at"] = _("The deadline must be in the future.")
    if lock_at is not None and due_at is not None and lock_at < due_at:
        errors["lock_at"] = _("The closing cannot come before the deadline.")
    if not units:
        errors["units"] = _("Choose the units that must report.")
    if any(u.pk == unit.pk or not paths.contains(unit.path, u.path) for u in units):
        errors["units"] = _("Only units below the requesting unit can be asked.")
    elif any(not policies.can(actor, "report.view", u) for u in new_units):
        errors["units"] = _("Only units below the requesting unit can be asked.")
    return errors


@transaction.atomic
def adhoc_request_create(
    *,
    actor: User,
    unit: Unit,
    title: str,
    template: ReportTemplate,
    units: list[Unit],
    window_start: dt.date,
    window_end: dt.date,
    due_at: dt.datetime,
    lock_at: dt.datetime | None = None,
    instructions: str = "",
) -> AdHocRequest:
    """A superior asks units below it for an ad-hoc report. Needs "report.review" on the
    requesting unit; every unit asked must lie below it and in the actor's scope."""
    require_actor(actor)
    if not policies.can(actor, "report.review", unit):
        raise PermissionDeniedError()
    errors = _adhoc_errors(
        actor=actor,
        unit=unit,
        title=title,
        window_start=window_start,
        window_end=window_end,
        due_at=due_at,
        lock_at=lock_at,
        units=units,
        new_units=units,
        now=timezone.now(),
    )
    if errors:
        raise ValidationError(errors)
    adhoc_schedule()  # refused when no ad-hoc schedule is in use
    request = AdHocRequest.objects.create(
        title=title.strip()[:300],
        instructions=instructions,
        unit=unit,
        unit_path=unit.path,
        template=template,
        window_start=window_start,
        window_end=window_end,
        due_at=due_at,
        lock_at=lock_at,
        requested_by=actor,
    )
    request.units.set(units)
    audit.record(
        actor=actor,
        action=audit.Action.CREATE,
        obj=request,
        changes={
            "title": [None, request.title],
            "units": [None, [u.pk for u in units]],
            "due_at": [None, due_at],
        },
    )
    _tell(request, Notification.Kind.ADHOC, units)
    return request


def _tell(request: AdHocRequest, kind: str, units: list[Unit]) -> None:
    """Tell `units` about the request in the worker, once the change is committed."""
    from dantinh.reporting import tasks

    if not units:
        return
    request_id, unit_ids = request.pk, [u.pk for u in units]
    transaction.on_commit(lambda: tasks.tell_adhoc(request_id, kind, unit_ids))


def adhoc_answered(request: AdHocRequest) -> bool:
    """Has some unit sent its report for the request?"""
    return request.submissions.filter(first_submitted_at__isnull=False).exists()


def _check_change_adhoc(actor: User, request: AdHocRequest) -> None:
    require_actor(actor)
    if not policy.can_change_adhoc(actor, request):
        raise PermissionDeniedError()
    if request.is_cancelled:
        raise ValidationError(_("The request has been cancelled: it can no longer be changed."))


@transaction.atomic
def adhoc_request_update(
    *, actor: User, request: AdHocRequest, now: dt.datetime | None = None, **changes
) -> AdHocRequest:
    """Change an ad-hoc request: its subject, instructions, units, window, deadline and
    closing while no unit has sent its report; after that, only the instructions, and the
    deadline and the closing moved later. Needs `policy.can_change_adhoc`; refused once the
    request is cancelled. Drafts follow the new window and deadline; the units asked are told
    (the units added as of a new request, the units removed that they no longer owe it)."""
    require_actor(actor)
    now = now or timezone.now()
    request = AdHocRequest.objects.select_for_update().select_related("unit").get(pk=request.pk)
    _check_change_adhoc(actor, request)
    unknown = set(changes) - set(ADHOC_FIELDS)
    if unknown:
        raise ValidationError({k: _("This value cannot be changed.") for k in unknown})
    if "title" in changes:
        changes["title"] = (changes["title"] or "").strip()[:300]
    old_units = list(request.units.all())
    units = list(changes.pop("units", old_units))
    old_ids, new_ids = {u.pk for u in old_units}, {u.pk for u in units}
    changed = {k for k, v in changes.items() if getattr(request, k) != v}
    if old_ids != new_ids:
        changed.add("units")
    if not changed:
        return request
    values = {k: changes.get(k, getattr(request, k)) for k in ADHOC_FIELDS if k != "units"}
    errors = _adhoc_errors(
        actor=actor,
        unit=request.unit,
        title=values["title"],
        window_start=values["window_start"],
        window_end=values["window_end"],
        due_at=values["due_at"],
        lock_at=values["lock_at"],
        units=units,
        new_units=[u for u in units if u.pk not in old_ids],
        now=now,
        due_changed="due_at" in changed,
    )
    if adhoc_answered(request):
        fixed = _(
            "Some units have already sent their report: only the deadline and the closing can be "
            "extended and the instructions amended."
        )
        errors |= {k: fixed for k in changed - ADHOC_FIELDS_ANSWERED}
        if "due_at" in changed and values["due_at"] < request.due_at:
            errors["due_at"] = fixed
        # No closing at all is the latest closing there is.
        if (
            "lock_at" in changed
            and values["lock_at"] is not None
            and (request.lock_at is None or values["lock_at"] < request.lock_at)
        ):
            errors["lock_at"] = fixed
    if errors:
        raise ValidationError(errors)
    before = audit.snapshot(request, ADHOC_FIELDS)
    old_title = request.title
    for key, value in values.items():
        setattr(request, key, value)
    request.save()
    if "units" in changed:
        request.units.set(units)
    # The reports keep copies of their period: the drafts follow it whole, the reports sent
    # follow the deadline and closing (their title is their own once sent).
    request.submissions.update(due_at=request.due_at, lock_at=request.lock_at)
    drafts = request.submissions.filter(first_submitted_at__isnull=True)
    drafts.update(window_start=request.window_start, window_end=request.window_end)
    drafts.filter(title=old_title).update(title=request.title)
    audit.record(
        actor=actor,
        action=audit.Action.UPDATE,
        obj=request,
        changes=audit.diff(before, audit.snapshot(request, ADHOC_FIELDS)),
    )
    added = [u for u in units if u.pk not in old_ids]
    removed = [u for u in old_units if u.pk not in new_ids]
    kept = [u for u in units if u.pk in old_ids] if changed - {"units"} else []
    _tell(request, Notification.Kind.ADHOC, added)
    _tell(request, Notification.Kind.ADHOC_WITHDRAWN, removed)
    _tell(request, Notification.Kind.ADHOC_CHANGED, kept)
    return request


@transaction.atomic
def adhoc_request_cancel(
    *, actor: User, request: AdHocRequest, reason: str, now: dt.datetime | None = None
) -> AdHocRequest:
    """Cancel an ad-hoc request, with the reason. From then on nobody owes it: it leaves the
    to-do lists, the chasing list, timeliness and reminders; its reports stay readable but
    can no longer be written, changed or sent. The units asked are told. Needs
    `policy.can_change_adhoc`."""
    require_actor(actor)
    now = now or timezone.now()
    request = AdHocRequest.objects.select_for_update().select_related("unit").get(pk=request.pk)
    _check_change_adhoc(actor, request)
    reason = (reason or "").replace("\x00", "").strip()
    if not reason:
        raise ValidationError({"reason": _("Give the reason for cancelling the request.")})
    request.cancelled_at, request.cancelled_by, request.cancel_reason = now, actor, reason[:1000]
    request.save(update_fields=["cancelled_at", "cancelled_by", "cancel_reason", "updated_at"])
    audit.record(
        actor=actor,
        action=audit.Action.UPDATE,
        obj=request,
        note="cancelled",
        changes={"cancelled_at": [None, now], "cancel_reason": ["", request.cancel_reason]},
    )
    _tell(request, Notification.Kind.ADHOC_CANCELLED, list(request.units.all()))
    return request
