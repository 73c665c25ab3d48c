"""Periods, windows and deadlines, computed in Asia/Ho_Chi_Minh: the edges that matter."""

import datetime as dt

import pytest

from dantinh.reporting.models import HolidayRule, Schedule
from dantinh.reporting.periods import (
    PeriodError,
    PeriodRef,
    adjust_for_holidays,
    last_due,
    next_due,
    period_of,
    recent,
    resolve,
)
from dantinh.reporting.timeliness import LATE, MISSING, ON_TIME, OPEN, state_of
from tests.reporting.conftest import at

pytestmark = pytest.mark.django_db


class Sent:
    """Just what `state_of` reads of a submission."""

    def __init__(self, when):
        self.first_submitted_at = self.submitted_at = when
        self.status = "submitted"


def test_weekly_deadline_is_thursday_16_00_in_vietnam(weekly):
    period = resolve(weekly, "2026-W45")
    assert period.due_at == at(2026, 11, 5, 16, 0)
    assert period.due_at.utcoffset() == dt.timedelta(hours=7)
    assert (period.start, period.end) == (
        dt.date(2026, 10, 29),
        dt.date(2026, 11, 4),
    )  # Thursday → Wednesday
    assert period.lock_at == at(2026, 11, 9, 16, 0)


def test_thursday_15_59_is_on_time_and_16_01_late(weekly):
    period = resolve(weekly, "2026-W45")
    assert state_of(Sent(at(2026, 11, 5, 15, 59)), period, at(2026, 11, 6)) == ON_TIME
    assert state_of(Sent(at(2026, 11, 5, 16, 1)), period, at(2026, 11, 6)) == LATE
    # The same instants written in UTC: 08:59 and 09:01.
    utc = dt.UTC
    assert (
        state_of(Sent(dt.datetime(2026, 11, 5, 8, 59, tzinfo=utc)), period, at(2026, 11, 6))
        == ON_TIME
    )
    assert (
        state_of(Sent(dt.datetime(2026, 11, 5, 9, 1, tzinfo=utc)), period, at(2026, 11, 6)) == LATE
    )
    assert state_of(None, period, at(2026, 11, 5, 15, 59)) == OPEN
    assert state_of(None, period, at(2026, 11, 5, 16, 1)) == MISSING


def test_cutoff_and_closing_are_distinct(weekly):
    period = resolve(weekly, "2026-W45")
    assert period.status_at(at(2026, 11, 5, 15, 59)) == "open"
    assert period.status_at(at(2026, 11, 5, 16, 0)) == "late"
    assert period.status_at(at(2026, 11, 9, 15, 59)) == "late"
    assert period.status_at(at(2026, 11, 9, 16, 0)) == "closed"


def test_iso_week_53_and_the_turn_of_the_year(weekly):
    w53 = resolve(weekly, "2026-W53")
    assert w53.ref.first_day == dt.date(2026, 12, 28)
    assert w53.due_at == at(2026, 12, 31, 16, 0)
    assert (w53.start, w53.end) == (dt.date(2026, 12, 24), dt.date(2026, 12, 30))
    assert w53.ref.next.key == "2027-W01" and w53.ref.previous.key == "2026-W52"
    w01 = resolve(weekly, "2027-W01")
    assert w01.start == dt.date(2026, 12, 31)  # windows follow each other across the year
    with pytest.raises(PeriodError):
        resolve(weekly, "2027-W53")  # 2027 has 52 ISO weeks
    assert PeriodRef.containing("weekly", dt.date(2027, 1, 2)).key == "2026-W53"


def test_month_ends_clamp_the_due_day(monthly):
    schedule = Schedule(
        frequency="monthly",
        due_day=31,
        due_months_after=1,
        due_time=dt.time(17),
        holiday_rule=HolidayRule.KEEP,
        template_id=monthly.template_id,
    )
    ref = PeriodRef.parse("2026-01")
    assert period_of(schedule, ref, set()).due_at == at(2026, 2, 28, 17, 0)
    assert period_of(schedule, PeriodRef.parse("2028-01"), set()).due_at == at(2028, 2, 29, 17, 0)
    schedule.window_end_day = 31
    assert period_of(schedule, PeriodRef.parse("2026-02"), set()).end == dt.date(2026, 2, 28)
    assert period_of(schedule, PeriodRef.parse("2026-03"), set()).start == dt.date(2026, 3, 1)


def test_monthly_before_the_20th_with_its_own_window(db):
    schedule = Schedule.objects.get(slug="officer-monthly")
    period = resolve(schedule, "2026-03")
    assert (period.start, period.end) == (dt.date(2026, 2, 16), dt.date(2026, 3, 15))
    assert period.due_at == at(2026, 3, 20, 0, 0)  # "before the 20th"


def test_year_end(monthly):
    december = resolve(monthly, "2026-12")
    assert (december.start, december.end) == (dt.date(2026, 12, 1), dt.date(2026, 12, 31))
    assert december.due_at == at(2027, 1, 3, 17, 0)
    assert december.ref.next.key == "2027-01"
    year = resolve(Schedule.objects.get(slug="yearly"), "2026")
    assert (year.start, year.end, year.due_at) == (
        dt.date(2026, 1, 1),
        dt.date(2026, 12, 31),
        at(2027, 1, 10, 17, 0),
    )
    assert resolve(Schedule.objects.get(slug="quarterly"), "2026-Q4").due_at == at(
        2027, 1, 5, 17, 0
    )
    half = resolve(Schedule.objects.get(slug="half-yearly"), "2026-H2")
    assert (half.start, half.end) == (dt.date(2026, 7, 1), dt.date(2026, 12, 31))


@pytest.mark.parametrize(
    ("rule", "expected"),
    [
        (HolidayRule.KEEP, at(2026, 4, 30, 16, 0)),
        (HolidayRule.EARLIER, at(2026, 4, 29, 16, 0)),
        (HolidayRule.LATER, at(2026, 5, 4, 16, 0)),  # past 1/5 (holiday) and the weekend
    ],
)
def test_deadline_on_a_public_holiday_follows_the_rule(weekly, rule, expected):
    weekly.holiday_rule = rule
    assert resolve(weekly, "2026-W18").due_at == expected


def test_new_year_thursday_moves_into_the_previous_year(weekly):
    assert resolve(weekly, "2026-W01").due_at == at(2025, 12, 31, 16, 0)


def test_holidays_are_data(weekly):
    assert adjust_for_holidays(
        dt.date(2026, 11, 5), HolidayRule.EARLIER, {dt.date(2026, 11, 5)}
    ) == dt.date(2026, 11, 4)
    from dantinh.reporting.models import Holiday

    Holiday.objects.create(date=dt.date(2026, 11, 5), name="Nghỉ thử")
    assert resolve(weekly, "2026-W45").due_at == at(2026, 11, 4, 16, 0)


def test_year_yields_a_year_of_vietnams_holidays(db):
    from dantinh.reporting.models import Holiday

    for year in (2025, 2026, 2027):
        days = set(Holiday.objects.filter(date__year=year).values_list("date", flat=True))
        assert {
            dt.date(year, 1, 1),
            dt.date(year, 4, 30),
            dt.date(year, 5, 1),
            dt.date(year, 9, 2),
        } <= days
    assert dt.date(2026, 2, 17) in set(
        Holiday.objects.values_list("date", flat=True)
    )  # Tết Bính Ngọ


@pytest.mark.parametrize("key", ["2026-13", "2026-W54", "abc", "2026-Q5", "1999", "2026-H3"])
def test_bad_period_keys(weekly, key):
    with pytest.raises(PeriodError):
        PeriodRef.parse(key)


def test_a_key_must_fit_the_schedule(weekly):
    with pytest.raises(PeriodError):
        resolve(weekly, "2026-10")


def test_next_due_and_last_due(weekly, monthly):
    friday = at(2026, 11, 6, 10, 0)
    assert next_due(weekly, friday).key == "2026-W46"
    assert last_due(weekly, friday).key == "2026-W45"
    assert [p.key for p in recent(weekly, friday, 3)] == ["2026-W46", "2026-W45", "2026-W44"]
    # A month is due on the 3rd of the next: on 2 November, October is still the one due.
    assert next_due(monthly, at(2026, 11, 2, 9, 0)).key == "2026-10"
    assert next_due(monthly, at(2026, 11, 3, 17, 0)).key == "2026-11"
    assert last_due(monthly, at(2026, 11, 3, 17, 0)).key == "2026-10"


def test_labels(weekly):
    assert PeriodRef.parse("2026-Q3").label == "Quý III/2026"
    assert PeriodRef.parse("2026-10").phrase == "tháng 10 năm 2026"
    assert PeriodRef.parse("2026-W45").label == "Tuần 45/2026"
