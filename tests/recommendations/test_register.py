"""The register: every transition of the state machine, its guard, its deadline and its
history, as the desk and a body's contact see them."""

import datetime as dt

import pytest

from dantinh.core.concurrency import ConflictError
from dantinh.core.errors import PermissionDeniedError, ValidationError
from dantinh.core.models import AuditEntry
from dantinh.intake.models import Kind
from dantinh.recommendations import deadlines, services, states
from dantinh.recommendations.models import Recommendation
from dantinh.reporting.models import Notification
from tests.factories import make_item
from tests.recommendations.conftest import make_rec

S = Recommendation.State
pytestmark = pytest.mark.django_db


def test_register_starts_the_forwarding_deadline_and_suggests_the_commune(world, directory, rec):
    # Received Mon 16/11/2026; 5 working days: Mon 23/11.
    assert rec.state == S.RECEIVED
    assert rec.due_on == dt.date(2026, 11, 23)
    assert rec.suggested_authority.code == "ubnd_xa"  # a local road: the commune first
    assert services.suggested_body(rec) == directory.ubnd_a
    assert rec.events.get().action == "register"
    assert (
        AuditEntry.objects.filter(
            object_type="recommendations.recommendation", action="create"
        ).count()
        == 1
    )


def test_only_recommendations_and_complaints_are_followed(world, directory):
    item = make_item(world.compiler_a, world.village_a1, kind=Kind.objects.get(code="tam_trang"))
    with pytest.raises(ValidationError):
        services.recommendation_register(actor=world.compiler_a, item=item)


def test_a_reporter_cannot_register(world, directory):
    item = make_item(world.reporter_a, world.village_a1)
    with pytest.raises(PermissionDeniedError):
        services.recommendation_register(actor=world.reporter_a, item=item)


def test_the_whole_loop(world, directory, rec):
    """Forwarded to the wrong body, declined, re-forwarded, accepted, answered, closed,
    reopened by the unsatisfied citizen, answered again."""
    rec = services.recommendation_forward(
        actor=world.compiler_a, rec=rec, body=directory.so_xay_dung
    )
    assert (rec.state, rec.body, rec.forwarded_on) == (
        S.FORWARDED,
        directory.so_xay_dung,
        dt.date(2026, 11, 25),
    )
    # acceptance: 10 working days from Wed 25/11 -> Wed 9/12
    assert rec.due_on == dt.date(2026, 12, 9)
    rec = services.recommendation_decline(
        actor=directory.contact_xd, rec=rec, reason="Đường liên thôn do UBND xã quản lý"
    )
    assert (rec.state, rec.body, rec.declined_count) == (S.RECEIVED, None, 1)
    declined = rec.events.get(action="decline")
    assert (declined.actor, declined.body, declined.note) == (
        directory.contact_xd,
        directory.so_xay_dung,
        "Đường liên thôn do UBND xã quản lý",
    )
    rec = services.recommendation_forward(actor=world.compiler_a, rec=rec, body=directory.ubnd_a)
    assert rec.events.filter(action="forward").last().body == directory.ubnd_a
    rec = services.recommendation_accept(actor=directory.contact_a, rec=rec)
    assert rec.state == S.IN_PROGRESS
    assert rec.due_on == deadlines.add_working_days(dt.date(2026, 11, 25), 15)
    rec = services.recommendation_answer(actor=directory.contact_a, rec=rec, text="Đã vá ổ gà")
    assert (rec.state, rec.answer, rec.due_on) == (S.ANSWERED, "Đã vá ổ gà", None)
    rec = services.recommendation_close(actor=world.compiler_a, rec=rec)
    assert (rec.state, rec.satisfaction) == (S.RESOLVED, "satisfied")
    rec = services.recommendation_reopen(actor=world.compiler_a, rec=rec, reason="Vá tạm, lại hỏng")
    assert (rec.state, rec.satisfaction, rec.reopened_count, rec.body) == (
        S.IN_PROGRESS,
        "unsatisfied",
        1,
        directory.ubnd_a,
    )
    assert deadlines.is_prolonged(rec)
    assert [e.action for e in rec.events.all()] == [
        "register",
        "forward",
        "decline",
        "forward",
        "accept",
        "answer",
        "close",
        "reopen",
    ]


@pytest.mark.parametrize(
    "name,state",
    [
        ("accept", S.RECEIVED),
        ("close", S.FORWARDED),
        ("reopen", S.IN_PROGRESS),
        ("forward", S.ANSWERED),
        ("decline", S.RECEIVED),
    ],
)
def test_transitions_refuse_the_wrong_state(world, directory, rec, name, state):
    Recommendation.objects.filter(pk=rec.pk).update(state=state, body=directory.ubnd_a)
    rec.refresh_from_db()
    call = {
        "accept": lambda: services.recommendation_accept(actor=world.compiler_a, rec=rec),
        "close": lambda: services.recommendation_close(actor=world.compiler_a, rec=rec),
        "reopen": lambda: services.recommendation_reopen(
            actor=world.compiler_a, rec=rec, reason="x"
        ),
        "forward": lambda: services.recommendation_forward(
            actor=world.compiler_a, rec=rec, body=directory.ubnd_a
        ),
        "decline": lambda: services.recommendation_decline(
            actor=world.compiler_a, rec=rec, reason="x"
        ),
    }[name]
    assert not states.allowed(name, state)
    with pytest.raises(ValidationError):
        call()
    rec.refresh_from_db()
    assert rec.state == state


def test_guards_by_role(world, directory, rec):
    for user in (
        world.reporter_a,
        world.leader,
        world.compiler_b,
        world.outsider,
        directory.contact_b,
    ):
        with pytest.raises(PermissionDeniedError):
            services.recommendation_forward(actor=user, rec=rec, body=directory.ubnd_a)
    rec = services.recommendation_forward(actor=world.compiler_a, rec=rec, body=directory.ubnd_a)
    # Only the routed body's contact (or the desk) accepts; another body's contact cannot.
    for user in (directory.contact_b, directory.contact_xd, world.reporter_a):
        with pytest.raises(PermissionDeniedError):
            services.recommendation_accept(actor=user, rec=rec)
    # A body's contact cannot close or reopen: those are the desk's.
    rec = services.recommendation_answer(actor=directory.contact_a, rec=rec, text="Đã xử lý")
    with pytest.raises(PermissionDeniedError):
        services.recommendation_close(actor=directory.contact_a, rec=rec)


def test_decline_needs_a_reason(world, directory, rec):
    rec = services.recommendation_forward(actor=world.compiler_a, rec=rec, body=directory.ubnd_a)
    with pytest.raises(ValidationError):
        services.recommendation_decline(actor=directory.contact_a, rec=rec, reason="  ")
    rec.refresh_from_db()
    assert rec.state == S.FORWARDED


def test_a_stale_version_is_refused(world, directory, rec):
    services.recommendation_assign(actor=world.compiler_a, rec=rec, assignee=world.compiler_a)
    with pytest.raises(ConflictError):
        services.recommendation_forward(
            actor=world.compiler_a, rec=rec, body=directory.ubnd_a, version=rec.version
        )


def test_the_desk_answers_itself(world, directory, rec):
    rec = services.recommendation_answer(actor=world.compiler_a, rec=rec, text="Ban đã giải thích")
    assert rec.state == S.ANSWERED and rec.body is None


def test_forwarding_notifies_the_body_contacts_and_they_see_it(
    world, directory, rec, django_capture_on_commit_callbacks
):
    from dantinh.reporting.notify import visible_notifications

    with django_capture_on_commit_callbacks(execute=True):
        services.recommendation_forward(actor=world.compiler_a, rec=rec, body=directory.ubnd_a)
    note = Notification.objects.get(user=directory.contact_a)
    assert note.kind == "rec_forwarded" and note.params["body_id"] == directory.ubnd_a.pk
    assert list(visible_notifications(directory.contact_a)) == [note]
    assert not Notification.objects.filter(user=directory.contact_b).exists()


def test_denunciation_deadlines_and_extensions(world, directory):
    rec = make_rec(
        world,
        "Tố cáo cán bộ địa chính xã nhận tiền của dân khi làm thủ tục",
        kind="khieu_nai_to_cao",
    )
    assert rec.procedure == "to_cao"
    assert rec.suggested_authority.code == "ubnd_xa"
    rec = services.recommendation_forward(actor=world.compiler_a, rec=rec, body=directory.ubnd_a)
    assert rec.due_on == deadlines.add_working_days(dt.date(2026, 11, 25), 7)
    rec = services.recommendation_accept(actor=directory.contact_a, rec=rec)
    first = rec.due_on
    rec = services.recommendation_extend(actor=directory.contact_a, rec=rec, reason="Phức tạp")
    rec = services.recommendation_extend(
        actor=directory.contact_a, rec=rec, reason="Đặc biệt phức tạp"
    )
    assert rec.due_on == deadlines.add_working_days(first, 60)
    with pytest.raises(ValidationError):
        services.recommendation_extend(actor=directory.contact_a, rec=rec, reason="lần ba")


def test_bulk_close_with_one_answer(world, directory):
    recs = [
        make_rec(world, f"Kiến nghị số {n} về đường liên thôn tổ 1 xuống cấp lâu ngày")
        for n in range(3)
    ]
    services.recommendation_forward(actor=world.compiler_a, rec=recs[0], body=directory.ubnd_a)
    Recommendation.objects.filter(pk=recs[2].pk).update(state=S.RESOLVED)
    done, failed = services.recommendations_bulk(
        actor=world.compiler_a,
        recs=recs,
        action="close_with_answer",
        text="Đã đưa vào kế hoạch 2027",
    )
    assert done == 2 and [r.pk for r, _ in failed] == [recs[2].pk]
    assert set(Recommendation.objects.values_list("state", flat=True)) == {S.RESOLVED}


def test_a_step_recorded_late_keeps_its_date(world, directory, rec):
    rec = services.recommendation_forward(
        actor=world.compiler_a, rec=rec, body=directory.ubnd_a, on=dt.date(2026, 11, 18)
    )
    assert rec.forwarded_on == dt.date(2026, 11, 18)
    assert rec.due_on == dt.date(2026, 12, 2)  # 10 working days after Wed 18/11
    for day in (dt.date(2026, 11, 17), dt.date(2026, 11, 26)):  # before the last step; future
        with pytest.raises(ValidationError):
            services.recommendation_accept(actor=directory.contact_a, rec=rec, on=day)
