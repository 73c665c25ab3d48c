"""Reporting periods, their windows and deadlines, computed (never typed) in Asia/Ho_Chi_Minh.

A period key names a calendar period: "2026-W45" (ISO week), "2026-10" (month), "2026-Q3",
"2026-H1", "2026"; "R12" is the ad-hoc request #12. A schedule turns a period into the
window of days its report covers, an on-time cutoff (`due_at`) and an optional closing
(`lock_at`); see `Schedule`'s docstring for the rules.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.utils.translation import gettext as _

from dantinh.reporting.models import Frequency, HolidayRule

TZ = ZoneInfo("Asia/Ho_Chi_Minh")
# The years a period may name: anything else is a typing error (or a probe), refused with a
# message before any date is computed from it.
MIN_YEAR, MAX_YEAR = 2000, 2100
ADHOC_KEY = re.compile(r"^R(\d{1,9})$")
ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}
_PATTERNS = [
    (Frequency.WEEKLY, re.compile(r"^(\d{4})-W(\d{1,2})$")),
    (Frequency.MONTHLY, re.compile(r"^(\d{4})-(\d{1,2})$")),
    (Frequency.QUARTERLY, re.compile(r"^(\d{4})-Q([1-4])$")),
    (Frequency.HALF_YEARLY, re.compile(r"^(\d{4})-H([12])$")),
    (Frequency.YEARLY, re.compile(r"^(\d{4})$")),
]
MONTHS_IN = {
    Frequency.MONTHLY: 1,
    Frequency.QUARTERLY: 3,
    Frequency.HALF_YEARLY: 6,
    Frequency.YEARLY: 12,
}


class PeriodError(ValueError):
    """A period key that does not exist or does not fit the schedule."""


def weeks_in_year(year: int) -> int:
    return dt.date(year, 12, 28).isocalendar()[1]


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _add_months(year: int, month: int, n: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + n
    return index // 12, index % 12 + 1


@dataclass(frozen=True, order=True)
class PeriodRef:
    """A calendar period: frequency, year and number (week, month, quarter, half; 1 for a year)."""

    frequency: str
    year: int
    number: int

    @classmethod
    def parse(cls, key: str, frequency: str | None = None) -> PeriodRef:
        key = (key or "").strip().upper()
        for freq, pattern in _PATTERNS:
            match = pattern.match(key)
            if not match:
                continue
            year = int(match.group(1))
            number = int(match.group(2)) if match.lastindex and match.lastindex > 1 else 1
            ref = cls(freq, year, number)
            ref._check(key)
            if frequency is not None and frequency != freq:
                raise PeriodError(_("“%(key)s” is not a period of this schedule.") % {"key": key})
            return ref
        raise PeriodError(
            _("“%(key)s” is not a period (use 2026-W45, 2026-10, 2026-Q3, 2026-H1 or 2026).")
            % {"key": key}
        )

    def _check(self, typed: str) -> None:
        if not MIN_YEAR <= self.year <= MAX_YEAR:
            raise PeriodError(
                _("There is no period “%(key)s”: periods run from %(first)s to %(last)s.")
                % {"key": typed, "first": MIN_YEAR, "last": MAX_YEAR}
            )
        limits = {
            Frequency.WEEKLY: weeks_in_year(self.year),
            Frequency.MONTHLY: 12,
            Frequency.QUARTERLY: 4,
            Frequency.HALF_YEARLY: 2,
            Frequency.YEARLY: 1,
        }
        if not 1 <= self.number <= limits[self.frequency]:
            raise PeriodError(_("There is no period “%(key)s”.") % {"key": self.key})

    @classmethod
    def containing(cls, frequency: str, day: dt.date) -> PeriodRef:
        if frequency == Frequency.WEEKLY:
            year, week, _weekday = day.isocalendar()
            return cls(frequency, year, week)
        months = MONTHS_IN[frequency]
        return cls(frequency, day.year, (day.month - 1) // months + 1)

    @property
    def key(self) -> str:
        if self.frequency == Frequency.WEEKLY:
            return f"{self.year}-W{self.number:02d}"
        if self.frequency == Frequency.MONTHLY:
            return f"{self.year}-{self.number:02d}"
        if self.frequency == Frequency.QUARTERLY:
            return f"{self.year}-Q{self.number}"
        if self.frequency == Frequency.HALF_YEARLY:
            return f"{self.year}-H{self.number}"
        return str(self.year)

    @property
    def first_day(self) -> dt.date:
        if self.frequency == Frequency.WEEKLY:
            return dt.date.fromisocalendar(self.year, self.number, 1)
        months = MONTHS_IN[self.frequency]
        return dt.date(self.year, (self.number - 1) * months + 1, 1)

    @property
    def last_month(self) -> tuple[int, int]:
        """(year, month) of the period's last month (month-based periods)."""
        return self.year, self.number * MONTHS_IN[self.frequency]

    @property
    def last_day(self) -> dt.date:
        if self.frequency == Frequency.WEEKLY:
            return self.first_day + dt.timedelta(days=6)
        return _month_end(*self.last_month)

    def shift(self, n: int) -> PeriodRef:
        if self.frequency == Frequency.WEEKLY:
            return PeriodRef.containing(self.frequency, self.first_day + dt.timedelta(weeks=n))
        per_year = 12 // MONTHS_IN[self.frequency]
        index = self.year * per_year + (self.number - 1) + n
        return PeriodRef(self.frequency, index // per_year, index % per_year + 1)

    @property
    def previous(self) -> PeriodRef:
        return self.shift(-1)

    @property
    def next(self) -> PeriodRef:
        return self.shift(1)

    @property
    def label(self) -> str:
        if self.frequency == Frequency.WEEKLY:
            return _("Week %(n)s/%(y)s") % {"n": self.number, "y": self.year}
        if self.frequency == Frequency.MONTHLY:
            return _("Month %(n)s/%(y)s") % {"n": f"{self.number:02d}", "y": self.year}
        if self.frequency == Frequency.QUARTERLY:
            return _("Quarter %(n)s/%(y)s") % {"n": ROMAN[self.number], "y": self.year}
        if self.frequency == Frequency.HALF_YEARLY:
            if self.number == 1:
                return _("First half of %(y)s") % {"y": self.year}
            return _("Second half of %(y)s") % {"y": self.year}
        return _("Year %(y)s") % {"y": self.year}

    @property
    def phrase(self) -> str:
        """The period inside a title: "tháng 10 năm 2026"."""
        if self.frequency == Frequency.WEEKLY:
            return _("week %(n)s of %(y)s") % {"n": self.number, "y": self.year}
        if self.frequency == Frequency.MONTHLY:
            return _("month %(n)s of %(y)s") % {"n": self.number, "y": self.year}
        if self.frequency == Frequency.QUARTERLY:
            return _("quarter %(n)s of %(y)s") % {"n": ROMAN[self.number], "y": self.year}
        if self.frequency == Frequency.HALF_YEARLY:
            if self.number == 1:
                return _("the first six months of %(y)s") % {"y": self.year}
            return _("the last six months of %(y)s") % {"y": self.year}
        return _("the year %(y)s") % {"y": self.year}


def adjust_for_holidays(day: dt.date, rule: str, holidays: set[dt.date]) -> dt.date:
    """Apply the holiday rule to a deadline's date. When moving, weekends are skipped too (a
    deadline is not moved onto a Saturday); a deadline that naturally falls on a weekend
    that is not a holiday stays where it is."""
    if rule == HolidayRule.KEEP or day not in holidays:
        return day
    step = dt.timedelta(days=-1 if rule == HolidayRule.EARLIER else 1)
    while day in holidays or day.weekday() >= 5:
        day += step
    return day


@dataclass(frozen=True)
class Period:
    """A schedule's period: what it covers and when it is due."""

    schedule_id: int
    key: str
    label: str
    phrase: str
    start: dt.date
    end: dt.date
    due_at: dt.datetime
    lock_at: dt.datetime | None
    ref: PeriodRef | None = None
    adhoc_id: int | None = None
    cancelled: bool = False  # an ad-hoc request that was cancelled: owed by nobody

    @property
    def previous_window(self) -> tuple[dt.date, dt.date]:
        days = (self.end - self.start).days
        end = self.start - dt.timedelta(days=1)
        return end - dt.timedelta(days=days), end

    def status_at(self, now: dt.datetime) -> str:
        """ "open" before the cutoff, "late" between cutoff and closing, "closed" after."""
        if now < self.due_at:
            return "open"
        if self.lock_at is None or now < self.lock_at:
            return "late"
        return "closed"


def window(schedule, ref: PeriodRef) -> tuple[dt.date, dt.date]:
    def end_of(r: PeriodRef) -> dt.date:
        if r.frequency == Frequency.WEEKLY:
            return r.first_day + dt.timedelta(days=schedule.window_end_weekday)
        if schedule.window_end_day:
            year, month = r.last_month
            return min(
                _month_end(year, month),
                dt.date(year, month, 1) + dt.timedelta(days=schedule.window_end_day - 1),
            )
        return r.last_day

    return end_of(ref.previous) + dt.timedelta(days=1), end_of(ref)


def due_date(schedule, ref: PeriodRef) -> dt.date:
    if ref.frequency == Frequency.WEEKLY:
        return ref.first_day + dt.timedelta(days=schedule.due_weekday)
    year, month = _add_months(*ref.last_month, schedule.due_months_after)
    return min(
        _month_end(year, month),
        dt.date(year, month, 1) + dt.timedelta(days=max(schedule.due_day, 1) - 1),
    )


def period_of(schedule, ref: PeriodRef, holidays: set[dt.date] | None = None) -> Period:
    """The window, cutoff and closing of `ref` under `schedule`."""
    if holidays is None:
        holidays = holiday_set()
    day = adjust_for_holidays(due_date(schedule, ref), schedule.holiday_rule, holidays)
    due_at = dt.datetime.combine(day, schedule.due_time, tzinfo=TZ)
    lock_at = (
        due_at + dt.timedelta(days=schedule.lock_after_days)
        if schedule.lock_after_days is not None
        else None
    )
    start, end = window(schedule, ref)
    return Period(schedule.pk, ref.key, ref.label, ref.phrase, start, end, due_at, lock_at, ref=ref)


def adhoc_period(schedule_id: int, request) -> Period:
    return Period(
        schedule_id,
        request.period_key,
        _("Ad hoc: %(t)s") % {"t": request.title},
        request.title,
        request.window_start,
        request.window_end,
        request.due_at.astimezone(TZ),
        request.lock_at.astimezone(TZ) if request.lock_at else None,
        adhoc_id=request.pk,
        cancelled=request.cancelled_at is not None,
    )


def holiday_set(years: Iterable[int] | None = None) -> set[dt.date]:
    from dantinh.reporting.models import Holiday

    qs = Holiday.objects.all()
    if years is not None:
        qs = qs.filter(date__year__in=list(years))
    return set(qs.values_list("date", flat=True))


def resolve(schedule, key: str, holidays: set[dt.date] | None = None, *, requests=None) -> Period:
    """The period `key` of `schedule`; raises PeriodError for a key that does not fit.

    An ad-hoc period is looked for among `requests` (a queryset; None: every request): a
    person's pages pass the requests they may know of (`selectors.adhoc_known`), so that
    someone else's request reads exactly like one that does not exist."""
    from dantinh.reporting.models import AdHocRequest

    if schedule.is_ad_hoc:
        match = ADHOC_KEY.match((key or "").strip().upper())
        pool = AdHocRequest.objects.all() if requests is None else requests
        request = pool.filter(pk=int(match.group(1))).first() if match else None
        if request is None:
            raise PeriodError(_("No such ad-hoc request."))
        return adhoc_period(schedule.pk, request)
    return period_of(schedule, PeriodRef.parse(key, schedule.frequency), holidays)


def next_due(schedule, now: dt.datetime, holidays: set[dt.date] | None = None) -> Period:
    """The first period whose cutoff is still ahead of `now`."""
    holidays = holiday_set() if holidays is None else holidays
    ref = PeriodRef.containing(schedule.frequency, now.astimezone(TZ).date())
    while period_of(schedule, ref, holidays).due_at <= now:
        ref = ref.next
    # A period whose deadline lies after it (a month due on the 3rd of the next) is still due.
    while period_of(schedule, ref.previous, holidays).due_at > now:
        ref = ref.previous
    return period_of(schedule, ref, holidays)


def recent(
    schedule, now: dt.datetime, count: int, holidays: set[dt.date] | None = None
) -> list[Period]:
    """The next period due, then the `count - 1` before it, newest first."""
    if schedule.is_ad_hoc:
        return []
    holidays = holiday_set() if holidays is None else holidays
    first = next_due(schedule, now, holidays)
    return [first] + [period_of(schedule, first.ref.shift(-i), holidays) for i in range(1, count)]


def last_due(schedule, now: dt.datetime, holidays: set[dt.date] | None = None) -> Period:
    """The most recent period whose cutoff has passed (the one to chase)."""
    holidays = holiday_set() if holidays is None else holidays
    period = next_due(schedule, now, holidays)
    while period.due_at > now:
        period = period_of(schedule, period.ref.previous, holidays)
    return period


def format_deadline(moment: dt.datetime | None) -> str:
    """ "16:00 Thứ Năm, 05/11/2026", or "before 20/10/2026" for a 00:00 cutoff."""
    if moment is None:
        return "—"
    local = moment.astimezone(TZ)
    names = [
        _("Monday"),
        _("Tuesday"),
        _("Wednesday"),
        _("Thursday"),
        _("Friday"),
        _("Saturday"),
        _("Sunday"),
    ]
    if local.hour == 0 and local.minute == 0:
        return _("before %(d)s") % {"d": f"{local:%d/%m/%Y}"}
    return f"{local:%H:%M} {names[local.weekday()]}, {local:%d/%m/%Y}"
