from dantinh.reporting.models.jobs import ExportJob, Notification, Reminder
from dantinh.reporting.models.schedules import (
    WEEKDAYS,
    AdHocRequest,
    Frequency,
    Holiday,
    HolidayRule,
    ReportTemplate,
    Schedule,
    ScheduleRule,
    TemplateSection,
    UnitReportSettings,
)
from dantinh.reporting.models.states import ClosedPeriod, PeriodCount, PeriodState
from dantinh.reporting.models.submissions import (
    Submission,
    SubmissionAttachment,
    SubmissionEvent,
    SubmissionSection,
    SubmissionVersion,
)

__all__ = [
    "WEEKDAYS",
    "AdHocRequest",
    "ClosedPeriod",
    "ExportJob",
    "Frequency",
    "Holiday",
    "HolidayRule",
    "Notification",
    "PeriodCount",
    "PeriodState",
    "Reminder",
    "ReportTemplate",
    "Schedule",
    "ScheduleRule",
    "Submission",
    "SubmissionAttachment",
    "SubmissionEvent",
    "SubmissionSection",
    "SubmissionVersion",
    "TemplateSection",
    "UnitReportSettings",
]
