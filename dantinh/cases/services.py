"""Writes of cases: opening, editing (optimistic locking), the timeline, linked items, and
risk changes with their notices and ad-hoc reports. Each service takes the acting user
first, asks the policy, validates through `validate`, writes in one transaction and records
the change in the audit trail."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from dantinh.alerts import services as alert_services
from dantinh.alerts.models import Alert
from dantinh.cases import policy, risk
from dantinh.cases.models import Case, Development, Risk, RiskChange
from dantinh.core import audit
from dantinh.core.concurrency import check_version
from dantinh.core.errors import PermissionDeniedError, ValidationError
from dantinh.intake import validation
from dantinh.intake.models import Field, Item
from dantinh.org import paths, policies
from dantinh.org.actors import require_actor
from dantinh.org.models import Unit, User
from dantinh.recommendations import policy as rec_policy
from dantinh.recommendations.models import Body, Recommendation
from dantinh.reporting import config_services, notify
from dantinh.reporting.models import AdHocRequest

TEXTS = ("situation", "origin", "causes", "resolution", "direction", "mood_impact")
EDITABLE = (
    "title",
    "place",
    "field",
    "opened_on",
    *TEXTS,
    "scale",
    "involved_units",
    "involved_bodies",
    "involved_others",
)
AUDITED = (*EDITABLE, "risk")
MIN_REASON = 10
NOTICE_KIND = {Risk.LIKELY: "case_likely", Risk.HOTSPOT: "case_hotspot"}
LATE_NOTICE = "case_recorded_late"


# --- validation: the one path for the form, the API and the demo ----------------------------


def _date(errors: dict, name: str, value: Any) -> dt.date | None:
    try:
        return validation.clean_observed_on(value)
    except validation.FieldError as exc:
        errors[name] = exc.message
        return None


def validate(
    values: Mapping[str, Any], *, unit: Unit, actor: User, current: Case | None = None
) -> dict[str, Any]:
    """The case's values, cleaned; raises ValidationError naming each wrong field. `values`
    holds the fields being set (all of them when opening a case)."""
    errors: dict[str, str] = {}
    clean: dict[str, Any] = {}
    if "title" in values:
        title = " ".join(str(values["title"] or "").split())
        if not title:
            errors["title"] = _("Give the case a title.")
        clean["title"] = title[:300]
    if "situation" in values and not str(values["situation"] or "").strip():
        errors["situation"] = _("Describe the situation.")
    for name in TEXTS:
        if name in values:
            clean[name] = str(values[name] or "").replace("\x00", "").strip()[: validation.MAX_TEXT]
    if "opened_on" in values:
        clean["opened_on"] = _date(errors, "opened_on", values["opened_on"])
        if clean["opened_on"] and current is not None:
            later = [c.changed_on for c in current.risk_changes.all() if c.from_risk] + list(
                current.developments.values_list("happened_on", flat=True)
            )
            if later and clean["opened_on"] > min(later):
                errors["opened_on"] = _(
                    "The case cannot arise after the first entry of its timeline (%(date)s)."
                ) % {"date": min(later).strftime("%d/%m/%Y")}
    if "place" in values:
        place = values["place"]
        if not isinstance(place, Unit):
            errors["place"] = validation.required_message()
        elif not paths.contains(unit.path, place.path):
            errors["place"] = _("The place must lie within the unit that follows the case.")
        clean["place"] = place
    if "field" in values:
        field = values["field"]
        if field is not None and (not isinstance(field, Field) or not field.is_active):
            errors["field"] = _("This choice is not in the list.")
        clean["field"] = field
    if "scale" in values:
        try:
            clean["scale"] = validation.clean_scale(values["scale"])
        except validation.FieldError as exc:
            errors["scale"] = exc.message
    if "involved_units" in values:
        involved = list(values["involved_units"] or [])
        if any(not policies.can(actor, "unit.view", u) for u in involved):
            errors["involved_units"] = _("Some of these units are not yours to name.")
        clean["involved_units"] = involved
    if "involved_bodies" in values:
        bodies = list(values["involved_bodies"] or [])
        if any(not isinstance(b, Body) or not b.is_active for b in bodies):
            errors["involved_bodies"] = _("This choice is not in the list.")
        clean["involved_bodies"] = bodies
    if "involved_others" in values:
        clean["involved_others"] = " ".join(str(values["involved_others"] or "").split())[:500]
    if errors:
        raise ValidationError(errors)
    return clean


def _clean_reason(reason: str) -> str:
    text = " ".join(str(reason or "").split())
    if len(text) < MIN_REASON:
        raise ValidationError(
            {
                "reason": _("Say why the risk changes (at least %(n)s characters).")
                % {"n": MIN_REASON}
            }
        )
    return text[:2000]


def notice_params(change: RiskChange) -> dict[str, str]:
    """What a notice of a raised case says: the case, where, and why (no persons)."""
    case = change.case
    return {"title": case.title[:200], "unit": case.place.full_name, "reason": change.reason[:300]}


def url_of(case: Case) -> str:
    return reverse("cases:case_detail", args=[case.pk])


# --- opening and editing ------------------------------------------------------------------


@dataclass
class ReportAsk:
    """An ad-hoc report to ask of the units concerned, with its deadline."""

    due_at: dt.datetime
    instructions: str = ""


@transaction.atomic
def case_create(
    *,
    actor: User,
    unit: Unit,
    place: Unit,
    title: str,
    situation: str,
    opened_on: dt.date | str,
    level: str = Risk.LATENT,
    reason: str = "",
    items: Iterable[Item] = (),
    report: ReportAsk | None = None,
    **values: Any,
) -> Case:
    """Open a case followed by `unit`, happening at `place` (in `unit`'s subtree). Needs
    "case.create" at `unit`. A case opened at "likely" or "hotspot" needs a reason and is
    told to leadership at once, like a raise. `values` are the other fields of `EDITABLE`.
    Raises PermissionDeniedError, ValidationError."""
    require_actor(actor)
    if not policies.can(actor, "case.create", unit):
        raise PermissionDeniedError()
    unknown = set(values) - set(EDITABLE)
    if unknown:
        raise ValidationError({k: _("This value cannot be changed.") for k in unknown})
    if level not in (Risk.LATENT, Risk.LIKELY, Risk.HOTSPOT):
        raise ValidationError({"level": _("A case opens at an open risk level.")})
    clean = validate(
        {
            "title": title,
            "situation": situation,
            "opened_on": opened_on,
            "place": place,
            **values,
        },
        unit=unit,
        actor=actor,
    )
    reason = _clean_reason(reason) if level != Risk.LATENT else " ".join(reason.split())[:2000]
    involved = clean.pop("involved_units", [])
    bodies = clean.pop("involved_bodies", [])
    case = Case(
        unit=unit,
        unit_path=unit.path,
        created_by=actor,
        risk=level,
        risk_since=clean["opened_on"],
        **clean,
    )
    case.save()
    case.involved_units.set(involved)
    case.involved_bodies.set(bodies)
    known = {"involved_units": [u.pk for u in involved], "involved_bodies": [b.pk for b in bodies]}
    audit.record(
        actor=actor,
        action=audit.Action.CREATE,
        obj=case,
        changes={k: [None, v] for k, v in audit.snapshot(case, AUDITED, known=known).items()},
    )
    change = RiskChange.objects.create(
        case=case,
        from_risk="",
        to_risk=level,
        changed_on=case.opened_on,
        reason=reason,
        changed_by=actor,
    )
    _link(actor=actor, case=case, items=list(items))
    _after_change(actor=actor, case=case, change=change, report=report)
    return case


MAX_ALERT_ITEMS = 200


def can_open_from_alert(user: User, alert: Alert) -> bool:
    """May `user` turn `alert` into a case: handle the alert and open a case at its unit."""
    return policies.can(user, "alert.handle", alert) and policies.can(
        user, "case.create", alert.unit
    )


@transaction.atomic
def case_from_alert(
    *, actor: User, alert: Alert, situation: str, items: Iterable[Item] = ()
) -> tuple[Case, bool]:
    """Open a case from an early-warning alert, in one step: followed by the alert's unit,
    happening there, in the alert's field, arisen on the first day of its window, described by
    `situation` (the caller writes the alert's figures in words) and linked to `items` (the
    items behind the alert that the actor may see, at most `MAX_ALERT_ITEMS`). The case keeps
    the alert; an open alert is acknowledged with a note naming the case. An alert already
    turned into a case returns that case: (case, False). Needs "alert.handle" on the alert and
    "case.create" at its unit. Raises PermissionDeniedError."""
    require_actor(actor)
    if not can_open_from_alert(actor, alert):
        raise PermissionDeniedError()
    locked = Alert.objects.select_for_update().select_related("unit").get(pk=alert.pk)
    existing = Case.objects.filter(alert=locked).first()
    if existing is not None:
        return existing, False
    field_id = (locked.evidence or {}).get("field_id")
    field = Field.objects.filter(pk=field_id, is_active=True).first() if field_id else None
    case = case_create(
        actor=actor,
        unit=locked.unit,
        place=locked.unit,
        title=locked.title,
        situation=situation,
        opened_on=locked.window_start,
        field=field,
        items=[i for i in items if policies.can(actor, "item.view", i)][:MAX_ALERT_ITEMS],
    )
    case.alert = locked
    case.save(update_fields=["alert"])
    audit.record(
        actor=actor,
        action=audit.Action.UPDATE,
        obj=case,
        changes={"alert": [None, locked.pk]},
        note=locked.title[:500],
    )
    if locked.status == Alert.Status.OPEN:
        alert_services.alert_acknowledge(
            actor=actor,
            alert=locked,
            note=_("Turned into case #%(n)s.") % {"n": case.pk},
        )
    return case, True


def _locked(case: Case) -> Case:
    return Case.objects.select_for_update().select_related("unit").get(pk=case.pk)


MANY = ("involved_units", "involved_bodies")


def _shown(case: Case, name: str) -> Any:
    value = getattr(case, name)
    if name in MANY:
        return sorted(str(u) for u in getattr(case, name).all())
    if name in ("place", "field"):
        return str(value) if value is not None else ""
    return value


def _comparable(value: Any, name: str) -> Any:
    if name in MANY:
        return sorted(u.pk for u in value)
    return getattr(value, "pk", value)


@transaction.atomic
def case_update(*, actor: User, case: Case, version: int | None = None, **changes: Any) -> Case:
    """Change a case's description (the fields of `EDITABLE`), all or nothing. Needs
    "case.change" on the case. `version` is the case's version when the person read it: if
    someone saved the case since, ConflictError says who, when and which of the values sent
    now differ. The risk level changes only through `case_change_risk`."""
    require_actor(actor)
    if not policy.can_change(actor, case):
        raise PermissionDeniedError()
    unknown = set(changes) - set(EDITABLE)
    if unknown:
        raise ValidationError({k: _("This value cannot be changed.") for k in unknown})
    stored = _locked(case)
    if version is not None and version != stored.version:
        current = {
            n: _comparable(getattr(stored, n).all() if n in MANY else getattr(stored, n), n)
            for n in changes
        }
        differing = [n for n in changes if _comparable(changes[n], n) != current[n]]
        check_version(
            stored,
            version,
            submitted={n: _comparable(changes[n], n) for n in differing},
            current={n: _shown(stored, n) for n in differing},
        )
    clean = validate(changes, unit=stored.unit, actor=actor, current=stored)
    before = audit.snapshot(stored, AUDITED)
    involved = clean.pop("involved_units", None)
    bodies = clean.pop("involved_bodies", None)
    for name, value in clean.items():
        setattr(stored, name, value)
    if "opened_on" in clean and not stored.risk_changes.exclude(from_risk="").exists():
        stored.risk_since = clean["opened_on"]
        stored.risk_changes.filter(from_risk="").update(changed_on=clean["opened_on"])
    stored.version += 1
    stored.save()
    if involved is not None:
        stored.involved_units.set(involved)
    if bodies is not None:
        stored.involved_bodies.set(bodies)
    delta = audit.diff(before, audit.snapshot(stored, AUDITED))
    if delta:
        audit.record(actor=actor, action=audit.Action.UPDATE, obj=stored, changes=delta)
    return stored


# --- the timeline and linked items ---------------------------------------------------------


@transaction.atomic
def development_add(
    *, actor: User, case: Case, happened_on: dt.date | str, text: str
) -> Development:
    """Add a dated development to the case's timeline. Needs "case.change"; the date is not
    before the case arose nor in the future."""
    require_actor(actor)
    if not policy.can_change(actor, case):
        raise PermissionDeniedError()
    errors: dict[str, str] = {}
    day = _date(errors, "happened_on", happened_on)
    if day is not None and day < case.opened_on:
        errors["happened_on"] = _("The date cannot be before the case arose (%(date)s).") % {
            "date": case.opened_on.strftime("%d/%m/%Y")
        }
    body = str(text or "").replace("\x00", "").strip()[: validation.MAX_TEXT]
    if not body:
        errors["text"] = _("Say what happened.")
    if errors or day is None:
        raise ValidationError(errors)
    development = Development.objects.create(
        case=case, happened_on=day, text=body, created_by=actor
    )
    Case.objects.filter(pk=case.pk).update(updated_at=timezone.now())
    audit.record(
        actor=actor,
        action=audit.Action.UPDATE,
        obj=case,
        changes={"development": [None, f"{day:%d/%m/%Y}"]},
        note=body[:500],
    )
    return development


def _link(*, actor: User, case: Case, items: list[Item]) -> None:
    if not items:
        return
    if any(not policies.can(actor, "item.view", i) for i in items):
        raise ValidationError({"items": _("Some of these items are not yours to link.")})
    known = set(case.items.values_list("pk", flat=True))
    new = [i for i in items if i.pk not in known]
    if new:
        case.items.add(*new)
        audit.record(
            actor=actor,
            action=audit.Action.UPDATE,
            obj=case,
            changes={"items": [None, sorted(i.pk for i in new)]},
        )


@transaction.atomic
def case_link_items(*, actor: User, case: Case, items: Iterable[Item]) -> int:
    """Link items the actor may see to the case; returns how many were new. Needs
    "case.change"."""
    require_actor(actor)
    if not policy.can_change(actor, case):
        raise PermissionDeniedError()
    items = list(items)
    before = case.items.count()
    _link(actor=actor, case=case, items=items)
    return case.items.count() - before


@transaction.atomic
def case_unlink_item(*, actor: User, case: Case, item: Item) -> None:
    require_actor(actor)
    if not policy.can_change(actor, case):
        raise PermissionDeniedError()
    if case.items.filter(pk=item.pk).exists():
        case.items.remove(item)
        audit.record(
            actor=actor, action=audit.Action.UPDATE, obj=case, changes={"items": [item.pk, None]}
        )


@transaction.atomic
def case_link_recommendations(
    *, actor: User, case: Case, recommendations: Iterable[Recommendation]
) -> int:
    """Link followed recommendations the actor may see to the case; returns how many were
    new. Needs "case.change"."""
    require_actor(actor)
    if not policy.can_change(actor, case):
        raise PermissionDeniedError()
    recs = list(recommendations)
    if any(not rec_policy.can_view(actor, r) for r in recs):
        raise ValidationError(
            {"recommendations": _("Some of these recommendations are not yours to link.")}
        )
    known = set(case.recommendations.values_list("pk", flat=True))
    new = [r for r in recs if r.pk not in known]
    if new:
        case.recommendations.add(*new)
        audit.record(
            actor=actor,
            action=audit.Action.UPDATE,
            obj=case,
            changes={"recommendations": [None, sorted(r.pk for r in new)]},
        )
    return len(new)


@transaction.atomic
def case_unlink_recommendation(*, actor: User, case: Case, recommendation: Recommendation) -> None:
    require_actor(actor)
    if not policy.can_change(actor, case):
        raise PermissionDeniedError()
    if case.recommendations.filter(pk=recommendation.pk).exists():
        case.recommendations.remove(recommendation)
        audit.record(
            actor=actor,
            action=audit.Action.UPDATE,
            obj=case,
            changes={"recommendations": [recommendation.pk, None]},
        )


# --- risk --------------------------------------------------------------------------------


@transaction.atomic
def case_change_risk(
    *,
    actor: User,
    case: Case,
    level: str,
    reason: str,
    on: dt.date | str | None = None,
    report: ReportAsk | None = None,
) -> RiskChange:
    """Move the case to `level` as `risk.TRANSITIONS` allows, saying why. Needs "case.risk".
    `on` is when the change took effect (default today; not before the last change nor in
    the future). Resolving for good needs the resolution process written down. Coming to
    "likely" or "hotspot" from below tells leadership at once (`policy.leaders_of`), and with
    `report` asks the units concerned for an ad-hoc report; a change dated more than a day
    back is recorded after the fact and told without the alarm (`risk.recorded_late`). Raises PermissionDeniedError,
    ValidationError."""
    require_actor(actor)
    if not policy.can_change_risk(actor, case):
        raise PermissionDeniedError()
    stored = _locked(case)
    if level not in Risk.values:
        raise ValidationError({"level": _("Choose a risk level.")})
    if level == stored.risk:
        raise ValidationError({"level": _("The case is already at this level.")})
    if not risk.allowed(stored.risk, level):
        raise ValidationError(
            {
                "level": _("A case cannot go from “%(from)s” to “%(to)s”.")
                % {"from": Risk(stored.risk).label, "to": Risk(level).label}
            }
        )
    text = _clean_reason(reason)
    errors: dict[str, str] = {}
    day = timezone.localdate() if on in (None, "") else _date(errors, "on", on)
    last = stored.risk_changes.order_by("-changed_on", "-id").first()
    if day is not None and last is not None and day < last.changed_on:
        errors["on"] = _("The change cannot be dated before the last one (%(date)s).") % {
            "date": last.changed_on.strftime("%d/%m/%Y")
        }
    if level == Risk.RESOLVED and not stored.resolution.strip():
        errors["level"] = _(
            "Write down how the case was resolved (the resolution process) before closing it."
        )
    if report is not None and not risk.alerts(stored.risk, level):
        errors["report"] = _("An ad-hoc report is asked for when a case is raised.")
    if errors or day is None:
        raise ValidationError(errors)
    old = stored.risk
    stored.risk = level
    stored.risk_since = day
    stored.resolved_on = day if level == Risk.RESOLVED else None
    stored.version += 1
    stored.save()
    change = RiskChange.objects.create(
        case=stored, from_risk=old, to_risk=level, changed_on=day, reason=text, changed_by=actor
    )
    audit.record(
        actor=actor,
        action=audit.Action.UPDATE,
        obj=stored,
        changes={"risk": [old, level]},
        note=text[:500],
    )
    _after_change(actor=actor, case=stored, change=change, report=report)
    return change


def _after_change(*, actor: User, case: Case, change: RiskChange, report: ReportAsk | None) -> None:
    """Tell leadership and ask for the ad-hoc report when the change calls for it."""
    if not risk.alerts(change.from_risk, change.to_risk):
        if report is not None:
            raise ValidationError(
                {"report": _("An ad-hoc report is asked for when a case is raised.")}
            )
        return
    if report is not None:
        change.adhoc_request = case_request_report(
            actor=actor, case=case, due_at=report.due_at, instructions=report.instructions
        )
    leaders = [u for u in policy.leaders_of(case.unit) if u.pk != actor.pk]
    if change.recorded_late:
        # after the fact: told in the application, with its day, not alarmed as if now
        params = {
            **notice_params(change),
            "level": str(Risk(change.to_risk).label),
            "date": change.changed_on.strftime("%d/%m/%Y"),
        }
        change.notified = notify.notify(
            leaders, kind=LATE_NOTICE, unit=case.unit, params=params, url=url_of(case)
        )
        change.save(update_fields=["adhoc_request", "notified"])
        return
    kind = NOTICE_KIND[Risk(change.to_risk)]
    change.notified = notify.notify(
        leaders, kind=kind, unit=case.unit, params=notice_params(change), url=url_of(case)
    )
    change.save(update_fields=["adhoc_request", "notified"])
    if leaders:
        from dantinh.cases import tasks

        user_ids = [u.pk for u in leaders]
        transaction.on_commit(lambda: tasks.email_leaders(change.pk, user_ids))


# --- ad-hoc reports ------------------------------------------------------------------------


def concerned_units(case: Case) -> list[Unit]:
    """The units concerned by a case: where it happens, the unit following it, and the units
    and bodies involved."""
    found = {u.pk: u for u in [case.place, case.unit, *case.involved_units.all()]}
    return sorted(found.values(), key=lambda u: u.path)


def report_plan(*, actor: User, case: Case) -> tuple[Unit | None, list[Unit]]:
    """Whom the actor can ask for an ad-hoc report about the case: the requesting unit (one
    of the actor's own units where they may request reports, the one above the most units
    concerned, the nearest on a tie) and the units concerned below it in the actor's scope.
    (None, []) when there is nobody to ask."""
    concerned = concerned_units(case)
    best: tuple[int, int, Unit | None, list[Unit]] = (0, 0, None, [])
    grant_ids = policies.grant_units(actor, "report.review")
    if policies.is_unrestricted(actor):
        grant_ids = list(paths.ids_in_path(case.unit_path))
    for requester in Unit.objects.filter(pk__in=grant_ids):
        below = [
            u
            for u in concerned
            if u.pk != requester.pk
            and paths.contains(requester.path, u.path)
            and u.valid_to is None
            and policies.can(actor, "report.view", u)
        ]
        if below and (len(below), requester.depth) > best[:2]:
            best = (len(below), requester.depth, requester, below)
    return best[2], best[3]


def case_request_report(
    *, actor: User, case: Case, due_at: dt.datetime, instructions: str = ""
) -> AdHocRequest:
    """Ask the units concerned by the case for an ad-hoc report, through reporting's ad-hoc
    requests (its rules apply: "report.review" at the requesting unit, a deadline in the
    future). Raises ValidationError when the actor has nobody to ask."""
    require_actor(actor)
    if not policies.can(actor, "case.view", case):
        raise PermissionDeniedError()
    requester, units = report_plan(actor=actor, case=case)
    if requester is None:
        raise ValidationError(
            {"report": _("There is no unit below yours concerned by this case to ask.")}
        )
    today = timezone.localdate()
    window_start = min(case.opened_on, today)
    lines = [
        _(
            "Report on the case “%(title)s” (%(risk)s): its developments, the people's mood "
            "and what is being done."
        )
        % {"title": case.title, "risk": Risk(case.risk).label},
        instructions.strip(),
    ]
    return config_services.adhoc_request_create(
        actor=actor,
        unit=requester,
        title=(_("Ad-hoc report on a case: %(title)s") % {"title": case.title})[:300],
        template=config_services.adhoc_schedule().template,
        units=units,
        window_start=window_start,
        window_end=today,
        due_at=due_at,
        instructions="\n\n".join(line for line in lines if line),
    )
