"""Deadlines in working days through the holiday table, overdue and prolonged flags, and
reminders sent once each."""

import datetime as dt

import pytest

from dantinh.org.actors import system_actor
from dantinh.recommendations import deadlines, services
from dantinh.recommendations.models import DeadlineRule, Recommendation
from dantinh.recommendations.reminders import send_reminders
from dantinh.reporting.models import Holiday, Notification
from tests.factories import Role, member
from tests.recommendations.conftest import make_rec

pytestmark = pytest.mark.django_db


def test_working_days_skip_weekends_and_holidays(db):
    # Fri 28/8/2026 + 3 working days: Mon 31/8, then 1 and 2/9 are National Day: Thu 3/9, Fri 4/9.
    assert deadlines.add_working_days(dt.date(2026, 8, 28), 3) == dt.date(2026, 9, 4)
    # Tết 2026: 14-22/2 are holidays.
    assert deadlines.add_working_days(dt.date(2026, 2, 13), 1) == dt.date(2026, 2, 23)
    Holiday.objects.create(date=dt.date(2026, 11, 30), name="Ngày nghỉ thử")
    assert deadlines.add_working_days(dt.date(2026, 11, 27), 1) == dt.date(2026, 12, 1)


def test_complaint_deadlines_follow_the_law(world, directory):
    rec = make_rec(
        world, "Khiếu nại quyết định thu hồi đất của hộ gia đình ở tổ 1", kind="khieu_nai_to_cao"
    )
    assert rec.procedure == "khieu_nai"
    rec = services.recommendation_forward(actor=world.compiler_a, rec=rec, body=directory.ubnd_a)
    assert rec.due_on == deadlines.add_working_days(dt.date(2026, 11, 25), 10)  # Điều 27
    rec = services.recommendation_accept(actor=directory.contact_a, rec=rec)
    assert rec.due_on == deadlines.add_working_days(dt.date(2026, 11, 25), 30)  # Điều 28
    Recommendation.objects.filter(pk=rec.pk).update(is_complex=True, is_remote=True)
    rec.refresh_from_db()
    assert deadlines.due_for(rec) == deadlines.add_working_days(dt.date(2026, 11, 25), 60)


def test_a_rule_is_data(world, directory):
    DeadlineRule.objects.filter(procedure="kien_nghi", stage="forward").update(days=2)
    rec = make_rec(world)
    assert rec.due_on == dt.date(2026, 11, 18)  # Mon 16 + 2 working days


def test_overdue_and_prolonged(world, directory, rec):
    assert rec.due_on == dt.date(2026, 11, 23)
    assert deadlines.is_overdue(rec)  # today is pinned at 25/11/2026
    assert Recommendation.objects.filter(deadlines.overdue_q()).count() == 1
    assert not deadlines.is_prolonged(rec)
    assert deadlines.is_prolonged(rec, on=dt.date(2027, 3, 1))
    answered = services.recommendation_answer(actor=world.compiler_a, rec=rec, text="Đã trả lời")
    assert not deadlines.is_overdue(answered)


def test_reminders_go_once_each(world, directory, rec):
    leader_a = member("leader_a", world.commune_a, Role.LEADER)
    system = system_actor()
    # Overdue since 23/11: the following unit's leader is told, once.
    assert send_reminders(actor=system) == {"before": 0, "after": 1}
    assert send_reminders(actor=system) == {"before": 0, "after": 0}
    note = Notification.objects.get(kind="rec_overdue")
    assert note.user == leader_a
    # Forwarded today: acceptance due 9/12; two working days before it, the body is told, once.
    services.recommendation_forward(actor=world.compiler_a, rec=rec, body=directory.ubnd_a)
    assert send_reminders(actor=system, on=dt.date(2026, 12, 7)) == {"before": 1, "after": 0}
    assert send_reminders(actor=system, on=dt.date(2026, 12, 8)) == {"before": 0, "after": 0}
    assert Notification.objects.get(kind="rec_due_soon").user == directory.contact_a
    # Past the new deadline: the leader again, once for that deadline.
    assert send_reminders(actor=system, on=dt.date(2026, 12, 10)) == {"before": 0, "after": 1}
    assert send_reminders(actor=system, on=dt.date(2026, 12, 11)) == {"before": 0, "after": 0}
