"""Personal-data breaches: recorded with their 72-hour notification clock, the notification
drafted as an official document, and the deployment's administrators reminded as the clock
runs (a periodic job, through the notifications of `dantinh.reporting.notify`).

Who may: "protection.manage" over the whole deployment (its root administrators).
"""

from __future__ import annotations

import datetime as dt
import logging

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from dantinh.core import audit
from dantinh.core.concurrency import check_version
from dantinh.core.errors import PermissionDeniedError, ValidationError
from dantinh.documents.model import ReportDocument, Section
from dantinh.org import policies
from dantinh.org.actors import require_actor
from dantinh.org.models import Unit, User
from dantinh.protection import letters, policy
from dantinh.protection.models import Breach
from dantinh.reporting import notify

logger = logging.getLogger(__name__)
Status = Breach.Status
CLOCK = dt.timedelta(hours=72)
NOTIFY_KIND = "breach_clock"
# Reminders: (stage, hours after discovery). Stage 1 is sent when the breach is recorded.
STAGES = [(1, 0), (2, 24), (3, 48), (4, 60), (5, 72)]
EDITABLE = [
    "title",
    "discovered_at",
    "occurred_at",
    "description",
    "data_affected",
    "subjects_estimate",
    "consequences",
    "measures",
    "contact",
    "authority",
    "delay_reason",
]


def _require(actor) -> None:
    require_actor(actor)
    if not policy.can_manage(actor):
        raise PermissionDeniedError()


def _validate(values: dict) -> None:
    errors = {}
    if not (values.get("title") or "").strip():
        errors["title"] = _("Give the breach a short title.")
    if not (values.get("description") or "").strip():
        errors["description"] = _("Say what happened.")
    if not (values.get("data_affected") or "").strip():
        errors["data_affected"] = _("Say which kinds of data are affected.")
    discovered = values.get("discovered_at")
    if discovered is None:
        errors["discovered_at"] = _("Give when the breach was discovered.")
    elif discovered > timezone.now() + dt.timedelta(minutes=5):
        errors["discovered_at"] = _("The date cannot be in the future.")
    occurred = values.get("occurred_at")
    if occurred and discovered and occurred > discovered:
        errors["occurred_at"] = _("A breach cannot occur after it was discovered.")
    if errors:
        raise ValidationError(errors)


def _assign(breach: Breach, values: dict) -> None:
    """Set the editable fields given; an empty value takes the field's default (an empty
    authority: the specialised authority)."""
    for name in EDITABLE:
        if name not in values:
            continue
        value = values[name]
        if value in (None, "") and not Breach._meta.get_field(name).null:
            value = Breach._meta.get_field(name).get_default()
        setattr(breach, name, value.strip() if isinstance(value, str) else value)


def breach_record(*, actor: User, **values) -> Breach:
    """Record a breach; its clock runs from `discovered_at`. The administrators are told at
    once (after the commit)."""
    _require(actor)
    _validate(values)
    with transaction.atomic():
        breach = Breach(recorded_by=actor)
        _assign(breach, values)
        breach.save()
        audit.record(
            actor=actor,
            action=audit.Action.CREATE,
            obj=breach,
            changes={"discovered_at": [None, breach.discovered_at]},
        )
        transaction.on_commit(lambda: remind(now=timezone.now()))
    return breach


def breach_update(*, actor: User, breach: Breach, version: int | None, **values) -> Breach:
    _require(actor)
    _validate(values)
    with transaction.atomic():
        fresh = Breach.objects.select_for_update().get(pk=breach.pk)
        check_version(fresh, version)
        old = audit.snapshot(fresh, EDITABLE)
        _assign(fresh, values)
        fresh.version += 1
        fresh.save()
        changes = audit.diff(old, audit.snapshot(fresh, EDITABLE))
        # The trail keeps which fields changed, not the text.
        audit.record(
            actor=actor,
            action=audit.Action.UPDATE,
            obj=fresh,
            changes={k: ["…", "…"] for k in changes},
        )
    return fresh


def breach_notified(
    *, actor: User, breach: Breach, notified_at: dt.datetime, version: int | None = None
) -> Breach:
    """Record that the authority was told (when). Past the 72 hours, a reason for the delay is
    required, as the notification must give it."""
    _require(actor)
    with transaction.atomic():
        fresh = Breach.objects.select_for_update().get(pk=breach.pk)
        check_version(fresh, version)
        if fresh.status != Status.OPEN:
            raise ValidationError(_("This breach has already been notified."))
        if notified_at > timezone.now() + dt.timedelta(minutes=5):
            raise ValidationError({"notified_at": _("The date cannot be in the future.")})
        if notified_at < fresh.discovered_at:
            raise ValidationError({"notified_at": _("It cannot be before the discovery.")})
        if notified_at > fresh.notify_by and not fresh.delay_reason.strip():
            raise ValidationError(
                {"notified_at": _("Past 72 hours: first write the reason for notifying late.")}
            )
        fresh.status, fresh.notified_at = Status.NOTIFIED, notified_at
        fresh.version += 1
        fresh.save()
        audit.record(
            actor=actor,
            action=audit.Action.UPDATE,
            obj=fresh,
            changes={"status": [Status.OPEN, Status.NOTIFIED], "notified_at": [None, notified_at]},
        )
    return fresh


def breach_close(*, actor: User, breach: Breach, version: int | None = None) -> Breach:
    _require(actor)
    with transaction.atomic():
        fresh = Breach.objects.select_for_update().get(pk=breach.pk)
        check_version(fresh, version)
        if fresh.status != Status.NOTIFIED:
            raise ValidationError(_("Notify the authority before closing the breach."))
        old = fresh.status
        fresh.status, fresh.closed_at = Status.CLOSED, timezone.now()
        fresh.version += 1
        fresh.save()
        audit.record(
            actor=actor,
            action=audit.Action.UPDATE,
            obj=fresh,
            changes={"status": [old, fresh.status]},
        )
    return fresh


# --- the notification ----------------------------------------------------------------------


def _when(moment: dt.datetime | None) -> str:
    return timezone.localtime(moment).strftime("%H:%M ngày %d/%m/%Y") if moment else "chưa rõ"


def notification(breach: Breach) -> ReportDocument:
    """The notification to the authority, drafted from the breach's record: what the law asks
    it to give (what happened and when, the data and the number of people affected, the
    likely consequences, the measures, whom to contact, and why late if it is)."""
    sections = [
        Section(
            "Thời điểm",
            paragraphs=[
                f"Xảy ra: {_when(breach.occurred_at)}. Phát hiện: {_when(breach.discovered_at)}."
            ],
        ),
        Section("Mô tả vi phạm", paragraphs=[breach.description]),
        Section(
            "Dữ liệu và chủ thể bị ảnh hưởng",
            paragraphs=[
                f"Loại dữ liệu: {breach.data_affected}.",
                "Số chủ thể dữ liệu bị ảnh hưởng (ước tính): "
                + (
                    f"{breach.subjects_estimate}."
                    if breach.subjects_estimate is not None
                    else "chưa xác định."
                ),
            ],
        ),
        Section(
            "Hậu quả, thiệt hại có thể xảy ra", paragraphs=[breach.consequences or "Đang đánh giá."]
        ),
        Section("Biện pháp đã và sẽ thực hiện", paragraphs=[breach.measures or "Đang triển khai."]),
        Section("Người liên hệ", paragraphs=[breach.contact or "—"]),
    ]
    if breach.delay_reason.strip():
        sections.append(Section("Lý do thông báo chậm", paragraphs=[breach.delay_reason]))
    root = Unit.objects.filter(parent__isnull=True).order_by("path").first()
    doc = letters.document(
        root,
        doc_type="THÔNG BÁO",
        summary="Vi phạm quy định về bảo vệ dữ liệu cá nhân",
        sections=sections,
        number_kind="TB",
        preamble=f"Kính gửi: {breach.authority}.",
    )
    doc.recipients = ["- Như trên,", "- Lưu VT."]
    return doc


# --- reminders -----------------------------------------------------------------------------


def responsible() -> list[User]:
    """Whom to remind: those who hold "protection.manage" at a root unit."""
    users: dict[int, User] = {}
    for root in Unit.objects.filter(parent__isnull=True):
        for user in policies.holders("protection.manage", root):
            users[user.pk] = user
    return list(users.values())


def stage_at(breach: Breach, now: dt.datetime) -> int:
    elapsed = now - breach.discovered_at
    return max(
        (stage for stage, hours in STAGES if elapsed >= dt.timedelta(hours=hours)), default=0
    )


def remind(*, now: dt.datetime | None = None) -> int:
    """Tell the responsible administrators about each breach not yet notified, once per stage
    of its clock (on record, at 24, 48 and 60 hours, and when the 72 hours are over). Returns
    how many reminders were sent."""
    now = now or timezone.now()
    sent = 0
    root = Unit.objects.filter(parent__isnull=True).order_by("path").first()
    if root is None:
        return 0
    people = responsible()
    for breach in Breach.objects.filter(status=Status.OPEN):
        stage = stage_at(breach, now)
        if stage <= breach.reminded:
            continue
        with transaction.atomic():
            if not Breach.objects.filter(pk=breach.pk, reminded__lt=stage).update(reminded=stage):
                continue  # another worker sent it
            left = breach.notify_by - now
            params = {
                "title": breach.title,
                "due": timezone.localtime(breach.notify_by).strftime("%H:%M %d/%m/%Y"),
                "hours": max(0, int(left.total_seconds() // 3600)),
            }
            url = reverse("protection:breach_detail", args=[breach.pk])
            notify.notify(people, kind=NOTIFY_KIND, unit=root, params=params, url=url, now=now)
        try:
            notify.email(people, kind=NOTIFY_KIND, params=params, url=url)
        except Exception:  # the in-app notice is sent; a mail server down must not stop the rest
            logger.exception("could not e-mail the reminder of breach %s", breach.pk)
        sent += 1
    return sent


def message() -> str:
    return _(
        "Personal-data breach “%(title)s”: the authority must be notified by %(due)s (%(hours)s hours left)."
    )
