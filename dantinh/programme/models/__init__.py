from dantinh.programme.models.meetings import Meeting, MeetingGroup, MeetingPoint, ParticipantGroup
from dantinh.programme.models.surveys import Answer, Question, Response, Survey, SurveyJob
from dantinh.programme.models.targets import Evidence, Target, TargetReminder

__all__ = [
    "Answer",
    "Evidence",
    "Meeting",
    "MeetingGroup",
    "MeetingPoint",
    "ParticipantGroup",
    "Question",
    "Response",
    "Survey",
    "SurveyJob",
    "Target",
    "TargetReminder",
]
