"""Data subjects' requests (Law 91/2025/QH15, Art. 4; Decree 356/2025/NĐ-CP): recorded with
their legal time limits, looked up across the system by the person's identity, carried out and
answered with a letter.

Who may: "protection.requests" (administrators) over the unit that received the request. The
person's identity, what they ask and the answer are encrypted under the data keys; every
reading of them is recorded in the trail as a reading of personal data, and the trail's values
never hold them (only the kind, dates and status).
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import asdict, dataclass

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from dantinh.core import audit, crypto
from dantinh.core.concurrency import check_version
from dantinh.core.errors import PermissionDeniedError, ValidationError
from dantinh.org import policies
from dantinh.org.actors import require_actor, system_actor
from dantinh.org.models import Unit, User
from dantinh.protection.models import SubjectRequest, TimeLimit
from dantinh.recommendations.complainants import complainant_set
from dantinh.recommendations.models import Complainant, Recommendation
from dantinh.recommendations.selectors import complainants_matching
from dantinh.reporting.periods import holiday_set

Status = SubjectRequest.Status
ACTION = "protection.requests"
MAX_DETAILS = 5000
MAX_ANSWER = 10000


@dataclass
class Identity:
    name: str = ""
    phone: str = ""
    id_number: str = ""
    address: str = ""

    def __bool__(self) -> bool:
        return any((self.name, self.phone, self.id_number))


# --- encryption ----------------------------------------------------------------------------


def _seal(value: dict | str) -> bytes:
    return crypto.data_cipher().encrypt(json.dumps(value, ensure_ascii=False).encode("utf-8"))


def _open(token) -> dict | str | None:
    if not token:
        return None
    return json.loads(crypto.data_cipher().decrypt(bytes(token)))


# --- time limits ---------------------------------------------------------------------------


def add_days(start: dt.date, days: int, *, working: bool) -> dt.date:
    """`days` after `start`: calendar days, or working days (no weekend, no public holiday of
    the reporting calendar)."""
    if not working:
        return start + dt.timedelta(days=days)
    holidays = holiday_set([start.year, start.year + 1])
    day, left = start, days
    while left:
        day += dt.timedelta(days=1)
        if day.weekday() < 5 and day not in holidays:
            left -= 1
    return day


def limit(step: str) -> TimeLimit:
    found = TimeLimit.objects.filter(step=step).first()
    if found is None:  # a flushed test database: the shipped value
        from dantinh.protection.defaults import TIME_LIMITS

        days, working, basis = TIME_LIMITS[step]
        return TimeLimit(step=step, days=days, working_days=working, basis=basis)
    return found


def deadline(step: str, start: dt.date) -> dt.date:
    rule = limit(step)
    return add_days(start, rule.days, working=rule.working_days)


# --- writing -------------------------------------------------------------------------------


def _require(actor, unit_or_request) -> None:
    require_actor(actor)
    if not policies.can(actor, ACTION, unit_or_request):
        raise PermissionDeniedError()


def request_create(
    *,
    actor: User,
    unit: Unit,
    kind: str,
    received_on: dt.date,
    channel: str,
    identity: Identity,
    details: str,
) -> SubjectRequest:
    """Record a request received by `unit`, with its deadlines from the time limits. Needs
    "protection.requests" at the unit; refuses a request naming no one (a name, a phone or an
    id number), a date in the future, or one that is not a known kind."""
    _require(actor, unit)
    errors = {}
    if kind not in SubjectRequest.Kind.values:
        errors["kind"] = _("Choose the kind of request.")
    if channel not in SubjectRequest.Channel.values:
        errors["channel"] = _("Choose how the request came in.")
    if received_on > timezone.localdate():
        errors["received_on"] = _("The date cannot be in the future.")
    if not identity:
        errors["name"] = _("Give at least the person's name, phone or ID number.")
    details = (details or "").replace("\x00", "").strip()
    if not details:
        errors["details"] = _("Say what the person asks.")
    elif len(details) > MAX_DETAILS:
        errors["details"] = _("At most %(n)s characters.") % {"n": MAX_DETAILS}
    if errors:
        raise ValidationError(errors)
    clean = Identity(**{k: str(v or "").strip()[:200] for k, v in asdict(identity).items()})
    with transaction.atomic():
        request = SubjectRequest.objects.create(
            kind=kind,
            unit=unit,
            unit_path=unit.path,
            received_on=received_on,
            channel=channel,
            identity=_seal(asdict(clean)),
            details=_seal(details),
            acknowledge_by=deadline("acknowledge", received_on),
            due_on=deadline(kind, received_on),
            created_by=actor,
        )
        audit.record(
            actor=actor,
            action=audit.Action.CREATE,
            obj=request,
            changes={"kind": [None, kind], "received_on": [None, received_on]},
        )
    return request


@dataclass
class Personal:
    identity: Identity
    details: str
    answer: str


def request_read(*, user: User, request: SubjectRequest) -> Personal:
    """The person's identity, their request and the answer, for whoever handles it; recorded
    in the trail as a reading of personal data."""
    _require(user, request)
    identity = _open(request.identity)
    audit.record(actor=user, action=audit.Action.READ_PERSONAL, obj=request)
    return Personal(
        identity=Identity(**identity) if isinstance(identity, dict) else Identity(),
        details=str(_open(request.details) or ""),
        answer=str(_open(request.answer) or ""),
    )


def _locked(request: SubjectRequest, version: int | None) -> SubjectRequest:
    fresh = SubjectRequest.objects.select_for_update().get(pk=request.pk)
    if version is not None:
        check_version(fresh, version)
    return fresh


def _save(actor, request: SubjectRequest, changes: dict) -> SubjectRequest:
    request.version += 1
    request.save()
    audit.record(actor=actor, action=audit.Action.UPDATE, obj=request, changes=changes)
    return request


def request_acknowledge(
    *, actor: User, request: SubjectRequest, version: int | None = None
) -> SubjectRequest:
    """Acknowledge receipt (the person is told the request is being handled)."""
    _require(actor, request)
    with transaction.atomic():
        request = _locked(request, version)
        if request.status != Status.RECEIVED:
            raise ValidationError(_("This request has already been acknowledged."))
        request.status, request.acknowledged_at = Status.ACKNOWLEDGED, timezone.now()
        return _save(actor, request, {"status": [Status.RECEIVED, Status.ACKNOWLEDGED]})


def request_extend(
    *, actor: User, request: SubjectRequest, version: int | None = None
) -> SubjectRequest:
    """Extend the deadline, once, by the extension's time limit."""
    _require(actor, request)
    with transaction.atomic():
        request = _locked(request, version)
        if not request.is_open:
            raise ValidationError(_("This request has been answered already."))
        if request.extended_to:
            raise ValidationError(_("The deadline can be extended only once."))
        request.extended_to = deadline("extension", request.due_on)
        return _save(actor, request, {"extended_to": [None, request.extended_to]})


def request_answer(
    *,
    actor: User,
    request: SubjectRequest,
    refused: bool,
    answer: str,
    version: int | None = None,
) -> SubjectRequest:
    """Close the request: carried out (or refused, with the reason) and answered with
    `answer`, the body of the letter to the person."""
    _require(actor, request)
    answer = (answer or "").replace("\x00", "").strip()
    if not answer:
        raise ValidationError({"answer": _("Write the answer to the person.")})
    if len(answer) > MAX_ANSWER:
        raise ValidationError({"answer": _("At most %(n)s characters.") % {"n": MAX_ANSWER}})
    with transaction.atomic():
        request = _locked(request, version)
        if not request.is_open:
            raise ValidationError(_("This request has been answered already."))
        old = request.status
        request.status = Status.REFUSED if refused else Status.ANSWERED
        request.closed_at = timezone.now()
        request.answer = _seal(answer)
        return _save(actor, request, {"status": [old, request.status]})


# --- looking the person up across the system -------------------------------------------------


def request_lookup(*, actor: User, request: SubjectRequest) -> list[dict]:
    """Find the person's data across the system by their identity (name, phone, ID number),
    within the actor's scope, and keep what was found on the request by reference only.
    Every record found is a reading of personal data, recorded by the room that holds it
    (the recommendations' complainants: "rec.personal_request")."""
    _require(actor, request)
    person = request_read(user=actor, request=request).identity
    found = complainants_matching(
        actor, name=person.name, phone=person.phone, id_number=person.id_number
    )
    findings = [
        {"type": rec._meta.label_lower, "id": rec.pk, "unit": rec.unit.name} for rec, _who in found
    ]
    with transaction.atomic():
        request = _locked(request, None)
        request.findings, request.looked_up_at = findings, timezone.now()
        _save(actor, request, {"findings": [None, len(findings)]})
    return findings


def request_erase_found(*, actor: User, request: SubjectRequest) -> int:
    """Carry out a deletion request: erase the person's identity from every record the lookup
    found (the complainant's row goes and every value the trail held about it is shredded),
    where the actor may still find it ("rec.personal_request" over the recommendation).
    Returns how many were erased; recorded on the request."""
    _require(actor, request)
    if request.kind != SubjectRequest.Kind.DELETION or not request.is_open:
        raise ValidationError(_("Only an open deletion request erases records."))
    ids = [f["id"] for f in request.findings if f.get("type") == "recommendations.recommendation"]
    if not ids:
        raise ValidationError(_("Search the system for this person first."))
    erased = 0
    with transaction.atomic():
        for rec in Recommendation.objects.filter(pk__in=ids).select_related("complainant"):
            mine = policies.covers(actor, "rec.personal_request", rec.unit_path) or (
                policies.covers(actor, "rec.personal_request", rec.owner_path)
            )
            if mine and Complainant.objects.filter(recommendation=rec).exists():
                complainant_set(actor=system_actor(), rec=rec)  # all values empty: removed
                erased += 1
        request = _locked(request, None)
        request.findings = [
            {**f, "erased": f.get("erased") or f["id"] in ids} for f in request.findings
        ]
        _save(actor, request, {"erased": [0, erased]})
    return erased


# --- retention: the requester's identity is erased some years after the answer --------------


def erase_identities(*, actor, closed_before: dt.datetime, tick=None) -> int:
    """Forget who asked (identity, request, answer) on requests closed before the date; the
    register keeps the kind, unit, dates and outcome as evidence of compliance."""
    rows = list(
        SubjectRequest.objects.filter(
            closed_at__lt=closed_before, identity_erased_at__isnull=True
        ).values_list("pk", "unit_path")
    )
    for start in range(0, len(rows), 200):
        chunk = rows[start : start + 200]
        with transaction.atomic():
            SubjectRequest.objects.filter(pk__in=[pk for pk, _path in chunk]).update(
                identity=b"", details=b"", answer=b"", identity_erased_at=timezone.now()
            )
            for pk, path in chunk:
                audit.record(
                    actor=actor,
                    action=audit.Action.UPDATE,
                    object_type="protection.subjectrequest",
                    object_id=pk,
                    unit_path=path,
                    note="requester's identity erased: retention period over",
                )
        if tick:
            tick(start + len(chunk))
    return len(rows)


def erasable_count(closed_before: dt.datetime) -> int:
    return SubjectRequest.objects.filter(
        closed_at__lt=closed_before, identity_erased_at__isnull=True
    ).count()


def time_limit_update(
    *, actor: User, limit: TimeLimit, days: int, working_days: bool, basis: str
) -> TimeLimit:
    """Correct a time limit (applies to requests recorded from now on). Needs
    "protection.manage" over the whole deployment."""
    from dantinh.protection import policy

    require_actor(actor)
    if not policy.can_manage(actor):
        raise PermissionDeniedError()
    if not 1 <= days <= 365:
        raise ValidationError({"days": _("Enter a number of days between 1 and 365.")})
    with transaction.atomic():
        old = audit.snapshot(limit, ["days", "working_days", "basis"])
        limit.days, limit.working_days, limit.basis = days, working_days, basis.strip()[:300]
        limit.save()
        changes = audit.diff(old, audit.snapshot(limit, ["days", "working_days", "basis"]))
        if changes:
            audit.record(actor=actor, action=audit.Action.UPDATE, obj=limit, changes=changes)
    return limit


# --- reminders -----------------------------------------------------------------------------

# reminder code -> (notification kind, message); the message is translated when read
REMINDERS = {
    "ack": (
        "dsr_ack",
        lambda: _("Data subject's request no. %(title)s: acknowledge receipt by %(due)s."),
    ),
    "soon": ("dsr_due", lambda: _("Data subject's request no. %(title)s: answer by %(due)s.")),
    "late": (
        "dsr_late",
        lambda: _("Data subject's request no. %(title)s: the answer was due %(due)s."),
    ),
}


def _due_reminders(request: SubjectRequest, today: dt.date) -> list[tuple[str, dt.date]]:
    """(code, date) of the reminders due for an open request today, not yet sent."""
    due = []
    if request.status == Status.RECEIVED and request.acknowledge_by <= today:
        due.append(("ack", request.acknowledge_by))
    if request.deadline - dt.timedelta(days=2) <= today:
        due.append(("late" if request.deadline < today else "soon", request.deadline))
    return [r for r in due if r[0] not in request.reminded]


def remind(*, today: dt.date | None = None) -> int:
    """Tell those who handle each open request (its unit's administrators) when receipt must
    be acknowledged, two days before the answer is due, and once it is late; each once."""
    from dantinh.reporting import notify

    today = today or timezone.localdate()
    sent = 0
    open_requests = SubjectRequest.objects.filter(
        status__in=[Status.RECEIVED, Status.ACKNOWLEDGED]
    ).select_related("unit")
    for request in open_requests:
        due = _due_reminders(request, today)
        if not due:
            continue
        people = list(policies.holders(ACTION, request.unit))
        url = reverse("protection:request_detail", args=[request.pk])
        with transaction.atomic():
            for code, day in due:
                notify.notify(
                    people,
                    kind=REMINDERS[code][0],
                    unit=request.unit,
                    params={"title": request.pk, "due": day.strftime("%d/%m/%Y")},
                    url=url,
                )
                sent += 1
            SubjectRequest.objects.filter(pk=request.pk).update(
                reminded=[*request.reminded, *(code for code, _day in due)]
            )
    return sent
