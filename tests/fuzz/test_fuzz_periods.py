"""Period keys (`reporting/periods.py`), fuzzed: any text is either a period, which reads back
to itself and spans the days it names, or a PeriodError with a Vietnamese message; the same
for every schedule, ad-hoc requests included."""

import datetime as dt

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from dantinh.reporting.models import Frequency, Schedule
from dantinh.reporting.periods import PeriodError, PeriodRef, resolve
from tests.fuzz.conftest import assert_vietnamese

# Keys shaped like periods (so that most reach the year and number checks), and any text.
_number = st.one_of(
    st.integers(min_value=-5, max_value=120).map(str),
    st.integers(min_value=0, max_value=10**30).map(str),
    st.text(alphabet="0123456789٠١٢٣٤٥٦٧٨٩０１２３４５６７８９", min_size=1, max_size=6),
)
_year = st.one_of(st.integers(min_value=1990, max_value=2110).map(str), _number, st.just("0000"))
period_keys = st.one_of(
    st.builds(lambda y, n: f"{y}-W{n}", _year, _number),
    st.builds(lambda y, n: f"{y}-{n}", _year, _number),
    st.builds(lambda y, n: f"{y}-Q{n}", _year, _number),
    st.builds(lambda y, n: f"{y}-H{n}", _year, _number),
    _year,
    st.builds(lambda n: f"R{n}", _number),
    st.text(max_size=40),
)


@given(key=period_keys, frequency=st.sampled_from([None, *Frequency.values]))
@example(key="0000-01", frequency=None)
@example(key="2100-W53", frequency="weekly")
@example(key="２０２６-１０", frequency=None)
def test_a_period_key_is_a_period_or_a_message(key, frequency):
    try:
        ref = PeriodRef.parse(key, frequency)
    except PeriodError as refused:
        assert_vietnamese(refused)
        return
    assert frequency in (None, ref.frequency)
    assert PeriodRef.parse(ref.key) == ref
    assert ref.first_day <= ref.last_day
    assert ref.first_day <= dt.date(2100, 12, 31)
    assert ref.previous.next == ref
    assert ref.label and ref.phrase
    assert ref == PeriodRef.containing(ref.frequency, ref.last_day)


@pytest.mark.django_db
@given(key=period_keys)
@example(key="R" + "9" * 25)
@example(key="2026-W53")
def test_every_schedule_resolves_a_key_or_refuses_it(key):
    for schedule in Schedule.objects.all():
        try:
            period = resolve(schedule, key, holidays=set())
        except PeriodError as refused:
            assert_vietnamese(refused)
            continue
        assert period.start <= period.end
        assert period.lock_at is None or period.lock_at >= period.due_at
