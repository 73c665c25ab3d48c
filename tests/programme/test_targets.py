"""The programme's targets: set for a year, met through evidence, completion rolled up the
tree, reminders of what is due, and the yearly report's lines drafted from the evidence."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from dantinh.core.errors import PermissionDeniedError, ValidationError
from dantinh.org.actors import system_actor
from dantinh.programme import services as meeting_services
from dantinh.programme import target_selectors, target_services
from dantinh.programme.models import Evidence, Target
from dantinh.reporting.contributors import draft_section
from dantinh.reporting.models import Notification, Schedule
from dantinh.reporting.periods import PeriodRef, period_of
from tests.programme.test_meetings import MISSING, _page

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 11, 25)  # the suite's pinned today


@pytest.fixture
def targets(world):
    made = target_services.targets_set_defaults(actor=world.admin, unit=world.province, year=2026)
    return {t.kind: t for t in made}


def _doc(name="ke-hoach.pdf"):
    return SimpleUploadedFile(name, b"%PDF-1.4 ke hoach")


def test_the_commission_sets_the_years_targets(world, targets):
    assert set(targets) == set(Target.Kind.values)
    owing = {k: {u.name for u in target_selectors.owing_units(t)} for k, t in targets.items()}
    assert owing["plan"] == {"Thành phố Hải Phòng", "Phường Lê Chân", "Xã An Hưng"}
    assert owing["briefings"] == {"Phường Lê Chân", "Xã An Hưng"}
    assert owing["partner_reports"] == {"Ủy ban MTTQ thành phố"}
    assert owing["survey"] == {"Thành phố Hải Phòng"}
    # set twice: nothing more
    assert (
        target_services.targets_set_defaults(actor=world.admin, unit=world.province, year=2026)
        == []
    )
    with pytest.raises(PermissionDeniedError):
        target_services.targets_set_defaults(actor=world.compiler_a, unit=world.province, year=2026)


def test_completion_rolls_up_the_tree(world, targets):
    plan = targets["plan"]
    target_services.evidence_add(
        actor=world.compiler_a, target=plan, unit=world.commune_a, dated="15/03/2026", upload=_doc()
    )
    total, rows = target_selectors.completion(
        user=world.leader, target=plan, root=world.province, today=TODAY
    )
    assert (total.owing, total.met, total.percent) == (3, 1, 33)
    by_name = {r.unit.name: (r.owing, r.met) for r in rows}
    assert by_name == {
        "Thành phố Hải Phòng": (1, 0),
        "Phường Lê Chân": (1, 1),
        "Xã An Hưng": (1, 0),
    }
    # commune B's compiler sees the city's target, counted over commune B only
    total_b, _rows = target_selectors.completion(
        user=world.compiler_b, target=plan, root=world.province, today=TODAY
    )
    assert (total_b.owing, total_b.met) == (1, 0)


def test_a_briefing_is_evidence_by_itself(world, targets):
    meeting_services.meeting_record(
        actor=world.compiler_b,
        unit=world.commune_b,
        kind="briefing",
        held_on="05/11/2026",
        place="Hội trường xã",
        groups={"branch_secretaries": 8, "village_heads": 8},
        points=[],
    )
    evidence = Evidence.objects.get(target=targets["briefings"])
    assert (evidence.unit, evidence.period, evidence.kind) == (world.commune_b, 11, "meeting")
    # a dialogue is not a briefing; a village's briefing is not the commune's
    meeting_services.meeting_record(
        actor=world.compiler_b,
        unit=world.village_b1,
        kind="briefing",
        held_on="06/11/2026",
        place="Nhà văn hóa",
        groups={"village_heads": 1},
        points=[],
    )
    assert Evidence.objects.filter(target=targets["briefings"]).count() == 1


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"dated": "15/03/2025", "upload": _doc()}, "dated"),  # not of the target's year
        ({"dated": "", "upload": _doc()}, "dated"),
        ({"dated": "31/02/2026", "upload": _doc()}, "file"),
        ({}, "file"),
    ],
)
def test_bad_evidence_is_refused(world, targets, kwargs, field):
    with pytest.raises(ValidationError) as exc:
        target_services.evidence_add(
            actor=world.compiler_a, target=targets["plan"], unit=world.commune_a, **kwargs
        )
    assert field in exc.value.errors or "__all__" in exc.value.errors
    assert not Evidence.objects.exists()


def test_a_unit_that_does_not_owe_the_target_gives_no_evidence(world, targets):
    with pytest.raises(ValidationError):
        target_services.evidence_add(
            actor=world.compiler_a,
            target=targets["briefings"],
            unit=world.village_a1,
            dated="05/11/2026",
            upload=_doc(),
        )


def test_reminders_of_what_is_due_are_sent_once(world, targets):
    target_services.evidence_add(
        actor=world.compiler_a,
        target=targets["briefings"],
        unit=world.commune_a,
        dated="04/11/2026",
        upload=_doc("bien-ban-giao-ban.pdf"),
    )
    sent = target_services.remind(actor=system_actor(), today=TODAY)
    # November ends within a week: commune B has no briefing yet (commune A has); October
    # ended 25 days ago with no briefing anywhere; the survey is due on 30/11.
    notes = Notification.objects.filter(user=world.compiler_b)
    assert {n.kind for n in notes} == {"target_due", "target_overdue"}
    assert not Notification.objects.filter(user=world.compiler_a, kind="target_due").exists()
    assert Notification.objects.filter(user=world.compiler_a, kind="target_overdue").exists()
    assert sent > 0
    assert target_services.remind(actor=system_actor(), today=TODAY) == 0


def test_the_yearly_report_drafts_the_targets_from_the_evidence(world, targets):
    target_services.evidence_add(
        actor=world.compiler_a,
        target=targets["plan"],
        unit=world.commune_a,
        dated="15/03/2026",
        upload=_doc(),
    )
    yearly = Schedule.objects.get(slug="yearly")
    period = period_of(yearly, PeriodRef.parse("2026", "yearly"))
    draft = draft_section("general", unit=world.province, period=period, user=system_actor())
    text = draft.text()
    assert "có kế hoạch chỉ đạo" in text and "Xã An Hưng" in text  # named: not met yet
    table = next(t for t in draft.tables if "2026" in t.title)
    assert [r[1:3] for r in table.rows if "kế hoạch" in r[0]] == [[3, 1]]
    monthly = Schedule.objects.get(slug="monthly")
    month = period_of(monthly, PeriodRef.parse("2026-10", "monthly"))
    assert (
        "kế hoạch chỉ đạo"
        not in draft_section(
            "general", unit=world.province, period=month, user=system_actor()
        ).text()
    )


def test_the_pages_show_the_dashboard_and_take_evidence(client, world, targets):
    plan = targets["plan"]
    client.force_login(world.compiler_b)
    page = client.get(reverse("programme:target_detail", args=[plan.pk]))
    assert page.status_code == 200 and "Xã An Hưng" in page.content.decode()
    response = client.post(
        reverse("programme:evidence_add", args=[plan.pk, world.commune_b.pk]),
        {"source": "document", "dated": "20/03/2026", "file": _doc()},
    )
    assert response.status_code == 302
    assert Evidence.objects.get().dated == dt.date(2026, 3, 20)
    client.force_login(world.leader)
    listing = client.get(reverse("programme:target_list") + "?year=2026").content.decode()
    assert "có kế hoạch chỉ đạo" in listing


@pytest.fixture
def evidence_b(world, targets):
    return target_services.evidence_add(
        actor=world.compiler_b,
        target=targets["plan"],
        unit=world.commune_b,
        dated="20/03/2026",
        upload=_doc(),
    )


# role × outcome: (url name, args, method, data, {who: status})
TABLE = [
    (
        "programme:evidence_download",
        "evidence",
        "get",
        None,
        {
            "compiler_b": 200,
            "reporter_b": 200,
            "leader": 200,
            "compiler_a": 404,
            "reporter_a": 404,
            "outsider": 404,
        },
    ),
    (
        "programme:evidence_remove",
        "evidence",
        "post",
        {},
        {"reporter_b": 403, "compiler_a": 404, "outsider": 404, "compiler_b": 302},
    ),
    (
        "programme:target_update",
        "target",
        "get",
        None,
        {"admin": 200, "compiler_b": 403, "leader": 403, "outsider": 404},
    ),
    (
        "programme:target_delete",
        "target",
        "post",
        {},
        {"compiler_b": 403, "outsider": 404, "admin": 302},
    ),
    (
        "programme:target_collect",
        "target",
        "post",
        {},
        {"compiler_b": 403, "outsider": 404, "admin": 302},
    ),
    (
        "programme:target_detail",
        "target",
        "get",
        None,
        {"compiler_b": 200, "reporter_a": 200, "leader": 200, "outsider": 404},
    ),
]


@pytest.mark.parametrize(
    ("name", "key", "method", "data", "expected"), TABLE, ids=[t[0] for t in TABLE]
)
def test_role_by_outcome(client, world, targets, evidence_b, name, key, method, data, expected):
    pk = {"evidence": evidence_b.pk, "target": targets["plan"].pk}[key]
    for who, status in sorted(expected.items(), key=lambda e: e[1] != 404):
        client.force_login(getattr(world, who))
        call = getattr(client, method)
        url, missing_url = reverse(name, args=[pk]), reverse(name, args=[MISSING])
        response = call(url, data)
        assert response.status_code == status, who
        if status == 404:
            gone = call(missing_url, data)
            assert _page(response, url) == _page(gone, missing_url), who


@pytest.mark.parametrize(
    ("who", "status"), [("compiler_a", 404), ("reporter_b", 403), ("compiler_b", 302)]
)
def test_evidence_only_where_one_may_give_it(client, world, targets, who, status):
    client.force_login(getattr(world, who))
    response = client.post(
        reverse("programme:evidence_add", args=[targets["plan"].pk, world.commune_b.pk]),
        {"source": "document", "dated": "20/03/2026", "file": _doc()},
    )
    assert response.status_code == status
    assert Evidence.objects.count() == (1 if status == 302 else 0)


def test_the_survey_held_is_evidence_by_itself(world, targets):
    from dantinh.programme import survey_services
    from tests.programme.test_surveys import _survey

    survey = _survey(world)
    target = targets["survey"]
    assert (
        target_services.target_collect(actor=system_actor(), target=target) == 0
    )  # no answers yet
    survey_services.response_submit(
        actor=world.compiler_a, survey=survey, unit=world.commune_a, answers={"hai_long": 4}
    )
    assert target_services.target_collect(actor=system_actor(), target=target) == 1
    evidence = Evidence.objects.get(target=target)
    assert (evidence.kind, evidence.survey, evidence.unit) == ("survey", survey, world.province)
    assert target_services.target_collect(actor=system_actor(), target=target) == 0
