"""Who may do what with reports: the reporting actions added to the one policy
(`dantinh.org.policies`), and the few rules that need more than a subtree.

- report.view: see a unit's submissions, timeliness and composite reports (its subtree);
- report.compile: draft, edit, upload and submit a unit's report. Area officers compile only
  for the unit they belong to (their department), never for the areas they follow (the
  action is granted by a membership's own unit only);
- report.review: accept or return the reports of the units *below* one's unit (a root
  unit's own report is reviewed at the root);
- report.chase: remind units that are late (the general-affairs desk);
- report.export: download reports as Word, PDF or Excel;
- report.configure: schedules, templates and holidays (at a root unit), and a unit's
  document header (at that unit).

Two more name whom to tell (read with `policies.holders`, at the unit itself):
- report.owe: answers for the unit's own reports — reminded before and after the deadline,
  chased, told when a report is returned or accepted and when an ad-hoc report is asked of
  the unit (its compilers; in a department, its area officers too);
- report.receive: is sent the reports of the units below (compilers; where the unit above has
  none, whoever may review there is told).

An ad-hoc request is changed or cancelled by the person who made it (while they may still
request reports there) or by an administrator of the requesting unit.
"""

from __future__ import annotations

from dantinh.org import paths, policies
from dantinh.org.models import Membership, Unit

Role = Membership.Role
OWN_UNIT_ONLY = {"report.compile", "report.owe"}


def register() -> None:
    policies.register_actions(Role.REPORTER, {"report.view"})
    policies.register_actions(
        Role.AREA_OFFICER, {"report.view", "report.export"}, own_unit_only=OWN_UNIT_ONLY
    )
    policies.register_actions(Role.LEADER, {"report.view", "report.review", "report.export"})
    policies.register_actions(
        Role.COMPILER,
        {
            "report.view",
            "report.review",
            "report.chase",
            "report.export",
            "report.receive",
        },
        own_unit_only=OWN_UNIT_ONLY,
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
    return policies.can(user, "report.compile", unit)


def compile_units(user) -> list[int]:
    """Ids of the units where the user writes reports themselves (their membership units
    whose role compiles); the units below them are reached through the composite pages."""
    return policies.grant_units(user, "report.compile")


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
