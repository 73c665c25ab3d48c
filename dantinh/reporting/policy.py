"""Who may do what with reports: the reporting actions added to the one policy
(`dantinh.org.policies`), and the few rules that need more than a subtree.

- report.view: see a unit's submissions, timeliness and composite reports (its subtree);
- report.compile: draft, edit, upload and submit a unit's report. Area officers compile only
  for the unit they belong to (their department), never for the areas they follow;
- report.review: accept or return the reports of the units *below* one's unit (a root
  unit's own report is reviewed at the root);
- report.chase: remind units that are late (the general-affairs desk);
- report.export: download reports as Word, PDF or Excel;
- report.configure: schedules, templates and holidays (at a root unit), and a unit's
  document header (at that unit).

An ad-hoc request is changed or cancelled by the person who made it (while they may still
request reports there) or by an administrator of the requesting unit.
"""

from __future__ import annotations

from dantinh.org import paths, policies
from dantinh.org.models import Membership, Unit

Role = Membership.Role


def register() -> None:
    policies.register_actions(Role.REPORTER, {"report.view"})
    policies.register_actions(Role.AREA_OFFICER, {"report.view", "report.export"})
    policies.register_actions(Role.LEADER, {"report.view", "report.review", "report.export"})
    policies.register_actions(
        Role.COMPILER,
        {"report.view", "report.compile", "report.review", "report.chase", "report.export"},
    )
    policies.register_actions(
        Role.ADMIN,
        {
            "report.view",
            "report.compile",
            "report.review",
            "report.chase",
            "report.export",
            "report.configure",
        },
    )


def can_view(user, unit: Unit) -> bool:
    return policies.can(user, "report.view", unit)


def can_compile(user, unit: Unit) -> bool:
    if policies.can(user, "report.compile", unit):
        return True
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    return Membership.objects.filter(
        user=user, unit=unit, role=Role.AREA_OFFICER, is_active=True
    ).exists()


def compile_units(user) -> list[int]:
    """Ids of the units where the user writes reports themselves (their membership units
    whose role compiles); the units below them are reached through the composite pages."""
    if user is None or not user.is_authenticated:
        return []
    memberships = Membership.objects.filter(
        user=user, is_active=True, role__in=[Role.COMPILER, Role.ADMIN, Role.AREA_OFFICER]
    ).values_list("unit_id", flat=True)
    return list(memberships)


def can_review(user, unit: Unit) -> bool:
    if unit.parent_id is None:
        return policies.can(user, "report.review", unit)
    parent_path = unit.path[: -paths.SEGMENT]
    return policies.covers(user, "report.review", parent_path)


def can_chase(user, unit: Unit) -> bool:
    return policies.can(user, "report.chase", unit)


def can_export(user, unit: Unit) -> bool:
    return policies.can(user, "report.export", unit)


def can_configure(user) -> bool:
    """Schedules, templates and holidays are the whole deployment's: only a root's admin."""
    return policies.holds_at_root(user, "report.configure")


def can_configure_unit(user, unit: Unit) -> bool:
    return policies.can(user, "report.configure", unit)


def can_change_adhoc(user, request) -> bool:
    """May `user` edit or cancel the ad-hoc request `request`?"""
    if policies.can(user, "report.configure", request):
        return True
    return (
        user is not None
        and user.pk is not None
        and user.pk == request.requested_by_id
        and policies.can(user, "report.review", request)
    )
