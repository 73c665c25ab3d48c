from dantinh.programme.models.meetings import Meeting, MeetingGroup, MeetingPoint, ParticipantGroup
from dantinh.programme.models.targets import Evidence, Target, TargetReminder

__all__ = [
    "Evidence",
    "Meeting",
    "MeetingGroup",
    "MeetingPoint",
    "ParticipantGroup",
    "Target",
    "TargetReminder",
]
