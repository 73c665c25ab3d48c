from dantinh.programme.models.meetings import Meeting, MeetingGroup, MeetingPoint, ParticipantGroup

__all__ = ["Meeting", "MeetingGroup", "MeetingPoint", "ParticipantGroup"]
