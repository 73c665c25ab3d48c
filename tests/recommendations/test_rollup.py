"""The monthly roll-ups behind the by-body and by-field tables: kept current by every
transition, equal to what the register says, rebuilt by a command."""

import datetime as dt
import statistics

import pytest
from django.core.management import call_command
from django.db.models import Count, Q
from django.urls import reverse

from dantinh.recommendations import deadlines, rollup, selectors, services
from dantinh.recommendations.models import BodyMonth, FieldMonth, Recommendation

from .conftest import make_rec

S = Recommendation.State
D = dt.date


def _direct_by_body(user, since=None) -> list[tuple]:
    """The by-body table computed from the register row by row (exact percentiles)."""
    qs = selectors.recommendations_visible(user).filter(body__isnull=False)
    if since:
        qs = qs.filter(received_on__gte=since)
    rows = []
    for body_id in sorted(set(qs.values_list("body_id", flat=True))):
        mine = qs.filter(body_id=body_id)
        days = sorted(
            (a - f).days
            for f, a in mine.filter(
                answered_on__isnull=False, forwarded_on__isnull=False
            ).values_list("forwarded_on", "answered_on")
        )

        def q(p, days=days):
            if not days:
                return None
            if len(days) == 1:
                return float(days[0])
            return round(statistics.quantiles(days, n=100, method="inclusive")[p - 1], 1)

        rows.append(
            (
                body_id,
                mine.count(),
                mine.filter(state__in=deadlines.OPEN_STATES).count(),
                mine.filter(deadlines.overdue_q()).count(),
                mine.filter(answered_on__isnull=False).count(),
                q(50),
                q(90),
            )
        )
    return rows


def _table(user, since=None) -> list[tuple]:
    return sorted(
        (r.body_id, r.routed, r.open, r.overdue, r.answered, r.median_days, r.p90_days)
        for r in selectors.by_body(user, since=since)
    )


@pytest.fixture
def register(world, directory):
    """Recommendations received over four months, taken through every transition, some
    recorded late (their own dates), in two communes, routed to three bodies."""
    desk_a, desk_b = world.compiler_a, world.compiler_b
    recs = []
    plans = [
        # (received, place, desk, body, days to answer or None, then)
        (D(2026, 8, 3), world.village_a1, desk_a, directory.ubnd_a, 4, "close"),
        (D(2026, 8, 20), world.village_a1, desk_a, directory.ubnd_a, 12, "reopen"),
        (D(2026, 9, 7), world.village_a2, desk_a, directory.so_xay_dung, 58, "close"),
        (D(2026, 9, 8), world.village_b1, desk_b, directory.so_xay_dung, 30, None),
        (D(2026, 9, 30), world.village_b1, desk_b, directory.ubnd_b, None, "accept"),
        (D(2026, 10, 1), world.village_a1, desk_a, directory.so_xay_dung, None, "decline"),
        (D(2026, 10, 14), world.village_a2, desk_a, directory.ubnd_a, 9, None),
        (D(2026, 11, 2), world.village_b1, desk_b, directory.ubnd_b, None, None),
        (D(2026, 11, 16), world.village_a1, desk_a, None, None, None),
    ]
    contacts = {
        directory.ubnd_a: directory.contact_a,
        directory.ubnd_b: desk_b,  # the desk acts on the body's behalf
        directory.so_xay_dung: directory.contact_xd,
    }
    for n, (received, place, desk, body, days, then) in enumerate(plans):
        rec = make_rec(
            world,
            f"Kiến nghị số {n} về đường giao thông nông thôn xuống cấp ở {place.name}",
            unit=place,
            actor=desk,
            observed_on=received,
        )
        if body is not None:
            forwarded = received + dt.timedelta(days=1)
            rec = services.recommendation_forward(actor=desk, rec=rec, body=body, on=forwarded)
            if then == "accept":
                rec = services.recommendation_accept(actor=contacts[body], rec=rec, on=forwarded)
            if then == "decline":
                rec = services.recommendation_decline(
                    actor=contacts[body], rec=rec, reason="Không thuộc thẩm quyền", on=forwarded
                )
            if days is not None:
                rec = services.recommendation_answer(
                    actor=contacts[body],
                    rec=rec,
                    text="Đã xử lý",
                    on=forwarded + dt.timedelta(days=days),
                )
            if then == "close":
                rec = services.recommendation_close(actor=desk, rec=rec)
            if then == "reopen":
                rec = services.recommendation_close(actor=desk, rec=rec)
                rec = services.recommendation_reopen(actor=desk, rec=rec, reason="Chưa xong")
        recs.append(rec)
    return recs


def test_the_roll_ups_equal_the_register_after_every_transition(world, directory, register):
    assert rollup.stored() == rollup.expected()
    assert sum(c["received"] for k, (_, c) in rollup.stored().items() if k[0] == "field") == 9


@pytest.mark.parametrize("who", ["leader", "compiler_a", "compiler_b", "contact_xd"])
def test_the_by_body_table_equals_the_direct_computation(world, directory, register, who):
    user = getattr(directory, who, None) or getattr(world, who)
    assert _table(user) == _direct_by_body(user)
    # a window starts on the first of its month (the roll-up's grain)
    assert _table(user, since=D(2026, 9, 8)) == _direct_by_body(user, since=D(2026, 9, 1))
    assert _table(user, since=D(2026, 10, 1)) == _direct_by_body(user, since=D(2026, 10, 1))


def test_scope_holds_in_the_roll_up(world, directory, register):
    """Commune A's desk sees no body row for what only commune B sent, the body's contact
    only their body."""
    assert {r.body_id for r in selectors.by_body(world.compiler_a)} == {
        directory.ubnd_a.pk,
        directory.so_xay_dung.pk,
    }
    assert {r.body_id for r in selectors.by_body(directory.contact_xd)} == {
        directory.so_xay_dung.pk
    }
    assert selectors.by_body(world.outsider) == []


@pytest.mark.parametrize("who", ["leader", "compiler_b", "contact_a"])
def test_the_by_field_table_equals_the_direct_computation(world, directory, register, who):
    user = getattr(directory, who, None) or getattr(world, who)
    direct = (
        selectors.recommendations_visible(user)
        .values("field__code")
        .annotate(
            received=Count("id"),
            open=Count("id", filter=Q(state__in=deadlines.OPEN_STATES)),
            overdue=Count("id", filter=deadlines.overdue_q()),
            answered=Count("id", filter=Q(state=S.ANSWERED)),
            resolved=Count("id", filter=Q(state=S.RESOLVED)),
        )
        .order_by("field__code")
    )
    keys = ("received", "open", "overdue", "answered", "resolved")
    got = sorted((r["field__code"], *(r[k] for k in keys)) for r in selectors.by_field(user))
    assert got == [(r["field__code"], *(r[k] for k in keys)) for r in direct]


def test_the_figures_page_reads_the_roll_up(client, world, directory, register):
    client.force_login(world.leader)
    page = client.get(reverse("recommendations:figures")).content.decode()
    assert directory.so_xay_dung.name in page
    # so_xay_dung answered in 58 and 30 days
    row = next(r for r in selectors.by_body(world.leader) if r.body_id == directory.so_xay_dung.pk)
    assert (row.routed, row.answered, row.median_days) == (2, 2, 44.0)


def test_the_command_rebuilds_what_was_lost(world, directory, register):
    expected = rollup.expected()
    BodyMonth.objects.all().delete()
    FieldMonth.objects.filter(month=D(2026, 9, 1)).update(received=99)
    assert rollup.stored() != expected
    call_command("recommendations", "rollup")
    assert rollup.stored() == expected


def test_percentiles_are_exact_to_sixty_days_and_within_a_bucket_beyond():
    def hist(days):
        h = [0] * len(rollup.BUCKETS)
        for d in days:
            rollup.add_days(h, d)
        return h

    def exact(days, q):
        return round(statistics.quantiles(days, n=100, method="inclusive")[q - 1], 1)

    short = [0, 1, 1, 3, 8, 15, 15, 22, 40, 59, 60]
    for q in (50, 90):
        assert rollup.percentile(hist(short), q / 100) == exact(short, q)
    long = [5, 20, 64, 70, 80, 100, 200, 400]
    for q in (50, 90):
        width = 365  # the widest bucket these fall in
        assert abs(rollup.percentile(hist(long), q / 100) - exact(long, q)) <= width
    assert rollup.percentile(hist([62, 62]), 0.5) == pytest.approx(62, abs=15)
    assert rollup.percentile(hist([1000]), 0.5) == 730.0  # "730 days or more"
    assert rollup.percentile(hist([]), 0.5) is None
