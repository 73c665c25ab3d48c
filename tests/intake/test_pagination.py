"""Big lists are paged through windows of recent dates and searched with index hints: the rows
a person sees must be exactly those of the plain query."""

import dataclasses
import datetime as dt

import pytest

from dantinh.core import pagination
from dantinh.intake.models import Field, Item
from dantinh.intake.selectors import ItemFilters, item_list
from dantinh.language.normalize import search_text

pytestmark = pytest.mark.django_db


MAIN_OR_OTHER = Field(pk=2)  # the field of the fixture's items, read again in each test


@pytest.fixture
def many(world, monkeypatch):
    """300 items spread over two years, some dated tomorrow; windows apply from 50 rows."""
    monkeypatch.setattr(pagination, "WINDOW_MIN_ROWS", 50)
    units = [world.village_a1, world.village_a2, world.village_b1]
    base = dict(kind_id=1, channel_id=1, created_by=world.compiler_a)
    rows = []
    for n in range(300):
        unit = units[n % 3]
        # field 2 is the main field of every fifth item, and another field of every seventh
        field_id = 2 if n % 5 == 0 else 1
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
                field_id=field_id,
                **base,
            )
        )
    Item.objects.bulk_create(rows)
    through = Item.secondary_fields.through
    through.objects.bulk_create(
        through(item_id=item.pk, field_id=2)
        for n, item in enumerate(rows)
        if n % 7 == 0 and item.field_id != 2
    )
    return rows


@pytest.mark.parametrize(
    "filters",
    [
        ItemFilters(),
        ItemFilters(q="giai phong mat bang"),
        ItemFilters(q='"giai phong" mat'),
        ItemFilters(date_from=dt.date(2025, 6, 1), date_to=dt.date(2026, 3, 1)),
        ItemFilters(q="gia ca", date_from=dt.date(2026, 1, 1)),
        ItemFilters(field=MAIN_OR_OTHER),
        ItemFilters(field=MAIN_OR_OTHER, q="giai phong mat bang"),
    ],
)
@pytest.mark.parametrize("who", ["leader", "compiler_a", "superuser"])
@pytest.mark.parametrize("newest_rows", [40, 2_000])
def test_every_page_is_the_plain_slice(world, many, filters, who, newest_rows, monkeypatch):
    # among the newest 40 rows a filter finds the first page, not the second (then windows);
    # among 2,000 every page
    monkeypatch.setattr(pagination, "NEWEST_ROWS", newest_rows)
    if filters.field is MAIN_OR_OTHER:
        filters = dataclasses.replace(filters, field=Field.objects.get(pk=2))
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


@pytest.mark.parametrize("cap", [5, 59, 70, 75, 76, 1_000])
def test_a_count_is_true_or_says_more_than(world, many, cap):
    """Counted window by window (a search) or from the main-field part first (a field), the
    count is the true one up to the cap and "more than the cap" past it."""
    field = Field.objects.get(pk=2)
    in_field = {
        pk
        for pk, main, other in Item.objects.values_list("pk", "field_id", "secondary_fields")
        if main == 2 or other == 2
    }
    phrase = set(
        Item.objects.filter(search_text__contains="giai phong mat bang").values_list(
            "pk", flat=True
        )
    )
    assert len(in_field) == 94 and len(phrase) == 75  # 60 as main field, 34 as another
    for filters, truth in [
        (ItemFilters(field=field), in_field),
        (ItemFilters(q="giai phong mat bang"), phrase),
    ]:
        items = item_list(user=world.leader, filters=filters)
        expected = (len(truth), True) if len(truth) <= cap else (cap, False)
        assert pagination.capped_count(items, cap) == expected


def test_the_newest_rows_are_the_start_of_the_list(world, many):
    """`newest(n)`: a search's rows among the newest n of the list without it."""
    field = Field.objects.get(pk=2)
    for filters in [
        ItemFilters(q="giai phong mat bang"),
        ItemFilters(q="giai phong mat bang", field=field),
    ]:
        items = item_list(user=world.leader, filters=filters)
        unfiltered = list(item_list(user=world.leader).values_list("pk", flat=True)[:100])
        among = [item.pk for item in items.newest(100)]
        assert among == [pk for pk in items.values_list("pk", flat=True) if pk in unfiltered]
        assert 0 < len(among) < 100
    # no search: the database walks a date-ordered index through the other filters
    assert item_list(user=world.leader).newest(100) is None
    assert item_list(user=world.leader, filters=ItemFilters(field=field)).newest(100) is None
