"""Who may do what with the programme's meetings, targets and surveys: the actions this room
adds to the one policy (`dantinh.org.policies`).

- programme.view: see the meetings, targets, their evidence and survey results of a subtree
  (everyone with a role there);
- meeting.record: record a meeting held at a unit (whoever logs items there); its points
  become items only where the person may also create items;
- meeting.change: edit or delete any meeting of the subtree (compilers, administrators);
  reporters and area officers change the meetings they recorded (meeting.change_own);
- target.set: set a year's targets for the subtree (the commission: compilers, admins);
- target.evidence: attach evidence that a unit met a target (compilers, area officers,
  administrators);
- target.owe: answers for a unit's targets itself, reminded of what is due (its compilers;
  granted by a membership's own unit only);
- survey.manage: write a survey, open and close it (compilers, administrators);
- survey.answer: enter answers collected at a unit (reporters and everyone who logs items);
- survey.import: import a file of answers (compilers, administrators);
- survey.export: download results as Word or Excel (leaders, compilers, area officers, admins).
"""

from __future__ import annotations

from dantinh.org import policies
from dantinh.org.models import Membership

Role = Membership.Role


def register() -> None:
    view = {"programme.view"}
    policies.register_actions(
        Role.REPORTER, view | {"meeting.record", "meeting.change_own", "survey.answer"}
    )
    policies.register_actions(
        Role.AREA_OFFICER,
        view
        | {
            "meeting.record",
            "meeting.change_own",
            "survey.answer",
            "survey.export",
            "target.evidence",
        },
    )
    policies.register_actions(Role.LEADER, view | {"survey.export"})
    manage = view | {
        "meeting.record",
        "meeting.change",
        "target.set",
        "target.evidence",
        "survey.manage",
        "survey.answer",
        "survey.import",
        "survey.export",
    }
    policies.register_actions(Role.COMPILER, manage, own_unit_only={"target.owe"})
    policies.register_actions(Role.ADMIN, manage)
