"""Big lists are paged through windows of recent dates and searched with index hints: the rows
a person sees must be exactly those of the plain query."""

import datetime as dt

import pytest

from dantinh.core import pagination
from dantinh.intake.models import Item
from dantinh.intake.selectors import ItemFilters, item_list
from dantinh.language.normalize import search_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def many(world, monkeypatch):
    """300 items spread over two years, some dated tomorrow; windows apply from 50 rows."""
    monkeypatch.setattr(pagination, "WINDOW_MIN_ROWS", 50)
    units = [world.village_a1, world.village_a2, world.village_b1]
    base = dict(kind_id=1, field_id=1, channel_id=1, created_by=world.compiler_a)
    rows = []
    for n in range(300):
        unit = units[n % 3]
        day = dt.date(2026, 11, 26) - dt.timedelta(days=(n * 37) % 730)
        text = f"Tin số {n} về giải phóng mặt bằng" if n % 4 == 0 else f"Tin số {n} về giá cả"
        rows.append(
            Item(
                unit=unit,
                unit_path=unit.path,
                reporting_unit=unit,
                observed_on=day,
                text=text,
                search_text=search_text(text),
                **base,
            )
        )
    Item.objects.bulk_create(rows)


@pytest.mark.parametrize(
    "filters",
    [
        ItemFilters(),
        ItemFilters(q="giai phong mat bang"),
        ItemFilters(q='"giai phong" mat'),
        ItemFilters(date_from=dt.date(2025, 6, 1), date_to=dt.date(2026, 3, 1)),
        ItemFilters(q="gia ca", date_from=dt.date(2026, 1, 1)),
    ],
)
@pytest.mark.parametrize("who", ["leader", "compiler_a", "superuser"])
def test_every_page_is_the_plain_slice(world, many, filters, who):
    user = getattr(world, who)
    items = item_list(user=user, filters=filters)
    expected = list(items.values_list("pk", flat=True))
    paginator = pagination.CappedPaginator(items, 30)
    seen = []
    for number in paginator.page_range:
        seen.extend(i.pk for i in paginator.page(number).object_list)
    assert seen == expected and paginator.count == len(expected)


def test_search_hints_never_change_the_result(world, many):
    leader = world.leader
    plain = set(
        Item.objects.filter(search_text__contains="giai phong mat bang").values_list(
            "pk", flat=True
        )
    )
    hinted = set(
        item_list(user=leader, filters=ItemFilters(q="giai phong mat bang")).values_list(
            "pk", flat=True
        )
    )
    in_unit = set(
        item_list(
            user=leader, filters=ItemFilters(q="giai phong mat bang", unit=world.commune_a)
        ).values_list("pk", flat=True)
    )
    assert hinted == plain and len(plain) == 75
    assert in_unit == {
        pk for pk in plain if Item.objects.get(pk=pk).unit_path.startswith(world.commune_a.path)
    }


def test_windows_only_for_newest_first_lists(world, many):
    items = item_list(user=world.leader)
    assert items.since(dt.date(2026, 1, 1)) is not None
    assert items.order_by("id").since(dt.date(2026, 1, 1)) is None
