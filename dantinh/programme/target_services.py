"""Writes to the programme's targets: set a year's targets, attach and remove evidence,
gather the meetings and reports that are evidence by themselves, and remind the units of
what is due. Each asks the policy, validates, writes in one transaction and is audited."""

from __future__ import annotations

import datetime as dt
import logging
import re
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Min
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from dantinh.core import audit
from dantinh.core.concurrency import check_version
from dantinh.core.errors import PermissionDeniedError, ValidationError
from dantinh.intake import validation
from dantinh.org import paths, policies
from dantinh.org.actors import require_actor
from dantinh.org.models import Unit, UnitLevel, User
from dantinh.programme import target_selectors
from dantinh.programme.models import Evidence, Meeting, Survey, Target, TargetReminder

logger = logging.getLogger(__name__)
Kind = Target.Kind
AppliesTo = Target.AppliesTo
PER_YEAR = (1, 2, 4, 12)
REMIND_BEFORE_DAYS = 7
OVERDUE_FOR_DAYS = 31
TARGET_AUDIT_FIELDS = ["title", "applies_to", "level", "per_year", "due_on", "note"]

# The programme's targets as the seed sets them (Đề án I.2, II.1, II.2, II.4): kind, title,
# who owes it, level, times a year, due (month, day) for the yearly ones.
DEFAULTS: list[tuple[str, str, str, str | None, int, tuple[int, int] | None]] = [
    (
        Kind.PLAN,
        "Cấp ủy, chính quyền có kế hoạch chỉ đạo công tác nắm tình hình Nhân dân (100%)",
        AppliesTo.DOWN_TO,
        "xa",
        1,
        (3, 31),
    ),
    (
        Kind.COORDINATION,
        "Cấp ủy, chính quyền các cấp có cơ chế phối hợp nắm bắt, thông tin tình hình Nhân dân (100%)",
        AppliesTo.DOWN_TO,
        "xa",
        1,
        (6, 30),
    ),
    (
        Kind.SURVEY,
        "Tổ chức khảo sát nắm tình hình Nhân dân hằng năm",
        AppliesTo.SELF,
        None,
        1,
        (11, 30),
    ),
    (
        Kind.GROUP_MEETINGS,
        "Gặp gỡ, họp mặt cán bộ hưu trí, trí thức, văn nghệ sĩ, doanh nghiệp, đại diện dân tộc "
        "thiểu số, tôn giáo định kỳ 6 tháng",
        AppliesTo.DOWN_TO,
        "xa",
        2,
        None,
    ),
    (
        Kind.BRIEFINGS,
        "Thường trực cấp ủy xã, phường giao ban hằng tháng với bí thư chi bộ, trưởng thôn, tổ dân phố",
        AppliesTo.LEVEL,
        "xa",
        12,
        None,
    ),
    (
        Kind.PARTNER_REPORTS,
        "Mặt trận Tổ quốc, các tổ chức chính trị - xã hội báo cáo tình hình Nhân dân hằng tháng",
        AppliesTo.PARTNERS,
        None,
        12,
        None,
    ),
]
# Meetings of these kinds are evidence of these targets by themselves.
MEETING_TARGETS: dict[str, str] = {
    Meeting.Kind.BRIEFING: Kind.BRIEFINGS,
    Meeting.Kind.GROUP_MEETING: Kind.GROUP_MEETINGS,
}


def _check_set(actor: User, unit: Unit) -> None:
    require_actor(actor)
    if not policies.can(actor, "target.set", unit):
        raise PermissionDeniedError()


def _clean_target(
    *,
    year: Any,
    applies_to: str,
    level: UnitLevel | None,
    per_year: Any,
    due_on: Any,
    title: str,
) -> dict:
    errors: dict[str, str] = {}
    values: dict[str, Any] = {"level": level, "due_on": None}
    try:
        values["year"] = int(str(year).strip())
        if not 2000 <= values["year"] <= 2100:
            raise ValueError
    except ValueError:
        errors["year"] = _("The year is a number from 2000 to 2100.")
    values["title"] = (title or "").strip()[:200]
    if not values["title"]:
        errors["title"] = _("Give the target a title.")
    if applies_to not in AppliesTo.values:
        errors["applies_to"] = _("Choose which units owe the target.")
    elif applies_to in (AppliesTo.LEVEL, AppliesTo.DOWN_TO) and level is None:
        errors["level"] = _("Choose the level.")
    values["applies_to"] = applies_to
    try:
        values["per_year"] = int(str(per_year).strip())
        if values["per_year"] not in PER_YEAR:
            raise ValueError
    except ValueError:
        errors["per_year"] = _("A target is due once, twice, four or twelve times a year.")
    if due_on not in (None, ""):
        try:
            values["due_on"] = validation.parse_date(due_on)
        except validation.FieldError as exc:
            errors["due_on"] = exc.message
        else:
            if "year" in values and values["due_on"].year != values["year"]:
                errors["due_on"] = _("The due date must fall in the target's year.")
    if errors:
        raise ValidationError(errors)
    return values


@transaction.atomic
def target_set(
    *,
    actor: User,
    unit: Unit,
    year: Any,
    kind: str,
    title: str,
    applies_to: str,
    level: UnitLevel | None = None,
    per_year: Any = 1,
    due_on: Any = None,
    note: str = "",
) -> Target:
    """Set one of the programme's targets for `unit`'s subtree for a year (one per kind).
    Needs "target.set" on the unit. Raises PermissionDeniedError or ValidationError."""
    _check_set(actor, unit)
    if kind not in Kind.values:
        raise ValidationError({"kind": _("Choose the target.")})
    values = _clean_target(
        year=year, applies_to=applies_to, level=level, per_year=per_year, due_on=due_on, title=title
    )
    if Target.objects.filter(unit=unit, year=values["year"], kind=kind).exists():
        raise ValidationError({"kind": _("This target is already set for this year.")})
    target = Target.objects.create(
        unit=unit,
        unit_path=unit.path,
        kind=kind,
        note=(note or "").strip()[:5000],
        created_by=actor,
        **values,
    )
    audit.record(
        actor=actor,
        action=audit.Action.CREATE,
        obj=target,
        changes=audit.diff({}, audit.snapshot(target, ["year", "kind", *TARGET_AUDIT_FIELDS])),
    )
    target_collect(actor=actor, target=target)
    return target


@transaction.atomic
def targets_set_defaults(*, actor: User, unit: Unit, year: int) -> list[Target]:
    """Set, for `unit`'s subtree and `year`, the programme's targets that are not set yet, as
    the seed writes them. Needs "target.set" on the unit."""
    _check_set(actor, unit)
    existing = set(Target.objects.filter(unit=unit, year=year).values_list("kind", flat=True))
    levels = {lv.code: lv for lv in UnitLevel.objects.all()}
    made = []
    for kind, title, applies_to, level_code, per_year, due in DEFAULTS:
        if kind in existing or (level_code and level_code not in levels):
            continue
        made.append(
            target_set(
                actor=actor,
                unit=unit,
                year=year,
                kind=kind,
                title=title,
                applies_to=applies_to,
                level=levels.get(level_code) if level_code else None,
                per_year=per_year,
                due_on=dt.date(year, *due) if due else None,
            )
        )
    return made


@transaction.atomic
def target_update(
    *,
    actor: User,
    target: Target,
    version: int | None,
    title: str,
    applies_to: str,
    level: UnitLevel | None = None,
    per_year: Any = 1,
    due_on: Any = None,
    note: str = "",
) -> Target:
    """Change a target (its year, unit and kind stay). Needs "target.set" on its unit.
    Evidence recorded for periods that no longer exist is kept but no longer counted."""
    target = Target.objects.select_for_update().get(pk=target.pk)
    _check_set(actor, target.unit)
    check_version(target, version)
    values = _clean_target(
        year=target.year,
        applies_to=applies_to,
        level=level,
        per_year=per_year,
        due_on=due_on,
        title=title,
    )
    values.pop("year")
    before = audit.snapshot(target, TARGET_AUDIT_FIELDS)
    for name, value in values.items():
        setattr(target, name, value)
    target.note = (note or "").strip()[:5000]
    target.version += 1
    target.save()
    if values["per_year"] != before["per_year"]:
        for evidence in target.evidence.all():
            evidence.period = target.period_of(evidence.dated)
            evidence.save(update_fields=["period"])
    audit.record(
        actor=actor,
        action=audit.Action.UPDATE,
        obj=target,
        changes=audit.diff(before, audit.snapshot(target, TARGET_AUDIT_FIELDS)),
    )
    return target


@transaction.atomic
def target_delete(*, actor: User, target: Target) -> None:
    """Delete a target and the evidence recorded for it (meetings and reports stay).
    Needs "target.set" on its unit."""
    _check_set(actor, target.unit)
    audit.record(actor=actor, action=audit.Action.DELETE, obj=target)
    files = [e.file for e in target.evidence.exclude(file="")]
    target.delete()
    transaction.on_commit(lambda: _delete_files(files))


def _delete_files(files) -> None:
    for f in files:
        f.delete(save=False)


def _owes(target: Target, unit: Unit) -> bool:
    return target_selectors.owing_units(target).filter(pk=unit.pk).exists()


@transaction.atomic
def evidence_add(
    *,
    actor: User,
    target: Target,
    unit: Unit,
    dated: Any = None,
    upload: Any = None,
    meeting: Meeting | None = None,
    submission: Any = None,
    note: str = "",
) -> Evidence:
    """Record that `unit` met `target` for the period of `dated`: an uploaded document, one of
    the unit's meetings, or one of the reports it sent. Needs "target.evidence" on the unit,
    which must owe the target. Raises PermissionDeniedError or ValidationError."""
    require_actor(actor)
    if not policies.can(actor, "target.evidence", unit):
        raise PermissionDeniedError()
    if not _owes(target, unit):
        raise ValidationError(_("This unit does not owe this target."))
    given = [x for x in (upload, meeting, submission) if x is not None]
    if len(given) != 1:
        raise ValidationError({"file": _("Attach one document, or choose a meeting or a report.")})
    if meeting is not None:
        if meeting.unit_id != unit.pk:
            raise ValidationError({"meeting": _("The meeting was not held by this unit.")})
        kind, day = Evidence.Kind.MEETING, meeting.held_on
    elif submission is not None:
        if submission.unit_id != unit.pk or submission.status not in ("submitted", "accepted"):
            raise ValidationError({"submission": _("Choose a report this unit has sent.")})
        kind, day = Evidence.Kind.SUBMISSION, submission.window_start
    else:
        try:
            validation.clean_upload(upload)
            day = validation.clean_observed_on(dated)
        except validation.FieldError as exc:
            raise ValidationError(
                {"dated" if dated in (None, "") else "file": exc.message}
            ) from None
        kind = Evidence.Kind.DOCUMENT
    if day.year != target.year:
        raise ValidationError(
            {"dated": _("The evidence must date from %(year)s.") % {"year": target.year}}
        )
    evidence = Evidence(
        target=target,
        unit=unit,
        unit_path=unit.path,
        kind=kind,
        dated=day,
        period=target.period_of(day),
        meeting=meeting,
        submission=submission,
        note=(note or "").strip()[:300],
        added_by=actor,
    )
    if upload is not None:
        evidence.file_name = re.sub(r"[\\/\x00]", "_", str(upload.name))[-255:]
        evidence.file.save(evidence.file_name, upload, save=False)
    try:
        with transaction.atomic():
            evidence.save()
    except IntegrityError:
        raise ValidationError(_("This is already evidence of this target.")) from None
    audit.record(
        actor=actor,
        action=audit.Action.CREATE,
        obj=evidence,
        changes={"target": [None, target.pk], "kind": [None, kind], "dated": [None, day]},
    )
    return evidence


@transaction.atomic
def evidence_remove(*, actor: User, evidence: Evidence) -> None:
    """Remove a piece of evidence (its file too). Needs "target.evidence" on its unit."""
    require_actor(actor)
    if not policies.can(actor, "target.evidence", evidence):
        raise PermissionDeniedError()
    audit.record(actor=actor, action=audit.Action.DELETE, obj=evidence)
    file = evidence.file if evidence.file else None
    evidence.delete()
    if file is not None:
        transaction.on_commit(lambda: file.delete(save=False))


def _link(actor: User, target: Target, **source: Any) -> bool:
    """Evidence from a meeting or a report, once; False when it was there already."""
    obj: Any = source.get("meeting") or source.get("submission") or source.get("survey")
    if "survey" in source:
        kind, day = Evidence.Kind.SURVEY, source.pop("dated")
    elif isinstance(obj, Meeting):
        kind, day = Evidence.Kind.MEETING, obj.held_on
    else:
        kind, day = Evidence.Kind.SUBMISSION, obj.window_start
    if day.year != target.year:
        return False
    try:
        with transaction.atomic():
            Evidence.objects.create(
                target=target,
                unit=obj.unit,
                unit_path=obj.unit_path,
                kind=kind,
                dated=day,
                period=target.period_of(day),
                added_by=actor,
                **source,
            )
    except IntegrityError:
        return False
    return True


def link_meeting(*, actor: User, meeting: Meeting) -> int:
    """Count a briefing or a six-monthly meeting as evidence of the targets of its kind that
    its unit owes that year (set at the unit or above). Returns how many were linked."""
    kind = MEETING_TARGETS.get(meeting.kind)
    if kind is None:
        return 0
    ancestors = [
        meeting.unit_path[:i]
        for i in range(paths.SEGMENT, len(meeting.unit_path) + 1, paths.SEGMENT)
    ]
    linked = 0
    for target in Target.objects.filter(
        kind=kind, year=meeting.held_on.year, unit_path__in=ancestors
    ):
        if _owes(target, meeting.unit) and _link(actor, target, meeting=meeting):
            linked += 1
    return linked


@transaction.atomic
def target_collect(*, actor: User, target: Target) -> int:
    """Gather what is evidence by itself: the briefings and six-monthly meetings held by the
    units owing the target, and the monthly reports the partner bodies sent. Idempotent;
    returns how many pieces were added."""
    require_actor(actor)
    owing = target_selectors.owing_units(target)
    added = 0
    if target.kind in MEETING_TARGETS.values():
        meeting_kind = next(k for k, v in MEETING_TARGETS.items() if v == target.kind)
        meetings = Meeting.objects.filter(
            kind=meeting_kind, held_on__year=target.year, unit__in=owing
        ).exclude(pk__in=target.evidence.filter(meeting__isnull=False).values("meeting_id"))
        for meeting in meetings.select_related("unit"):
            added += _link(actor, target, meeting=meeting)
    elif target.kind == Kind.PARTNER_REPORTS:
        from dantinh.reporting.models import Submission

        sent = Submission.objects.filter(
            unit__in=owing,
            status__in=Submission.SENT,
            schedule__frequency="monthly",
            window_start__year=target.year,
        ).exclude(pk__in=target.evidence.filter(submission__isnull=False).values("submission_id"))
        for submission in sent.select_related("unit"):
            added += _link(actor, target, submission=submission)
    elif target.kind == Kind.SURVEY:
        # a survey the unit ran that year, once it has answers: the survey is held
        surveys = (
            Survey.objects.filter(unit__in=owing, year=target.year)
            .exclude(pk__in=target.evidence.filter(survey__isnull=False).values("survey_id"))
            .annotate(first=Min("responses__created_at"))
            .filter(first__isnull=False)
        )
        for survey in surveys.select_related("unit"):
            day = timezone.localdate(survey.first)
            added += _link(actor, target, survey=survey, dated=day)
    return added


# --- reminders ----------------------------------------------------------------------------


def _periods_to_remind(target: Target, today: dt.date) -> list[tuple[int, str]]:
    found: list[tuple[int, str]] = []
    for n in range(1, target.per_year + 1):
        left = (target.period_end(n) - today).days
        if 0 <= left <= REMIND_BEFORE_DAYS:
            found.append((n, TargetReminder.Kind.BEFORE))
        elif -OVERDUE_FOR_DAYS <= left < 0:
            found.append((n, TargetReminder.Kind.OVERDUE))
    return found


def remind(*, actor: User, today: dt.date | None = None) -> int:
    """Tell the units that owe a target and have no evidence for a period ending within
    REMIND_BEFORE_DAYS, or ended less than OVERDUE_FOR_DAYS ago; each reminder once (per
    target, unit, period and kind). One target failing does not stop the others. Returns the
    number of reminders sent."""
    from dantinh.reporting import notify

    require_actor(actor)
    today = today or timezone.localdate()
    sent = 0
    for target in Target.objects.filter(year=today.year).select_related("level"):
        try:
            with transaction.atomic():
                sent += _remind_target(notify, target, today)
        except Exception:  # one target must not stop the others
            logger.exception("reminders of target %s failed", target.pk)
    return sent


def _remind_target(notify, target: Target, today: dt.date) -> int:
    sent = 0
    for period, kind in _periods_to_remind(target, today):
        owing = list(target_selectors.owing_units(target))
        done = target_selectors.done_periods(target, [u.pk for u in owing])
        already = set(
            TargetReminder.objects.filter(target=target, period=period, kind=kind).values_list(
                "unit_id", flat=True
            )
        )
        missing = [u for u in owing if period not in done.get(u.pk, ()) and u.pk not in already]
        if not missing:
            continue
        holders = policies.holders_by_unit("target.owe", missing)
        due = target.period_end(period).strftime("%d/%m/%Y")
        url = reverse("programme:target_detail", args=[target.pk])
        now = timezone.now()
        for unit in missing:
            users = holders.get(unit.pk, [])
            notify.notify(
                users,
                kind="target_due" if kind == TargetReminder.Kind.BEFORE else "target_overdue",
                unit=unit,
                params={"unit": unit.name, "title": target.title, "due": due},
                url=f"{url}?unit={unit.pk}",
            )
            TargetReminder.objects.create(
                target=target,
                unit=unit,
                period=period,
                kind=kind,
                sent_at=now,
                recipients=len(users),
            )
            sent += 1
    return sent
