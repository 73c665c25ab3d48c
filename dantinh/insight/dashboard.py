"""The leaders' dashboard: what the items of a subtree say, week by week, against last year,
by unit and field, with the mood index and the alerts. Reads only, within the viewer's scope
(`items_visible`, `alerts_visible`); every figure carries the filters that list its items."""

from __future__ import annotations

import datetime as dt
import functools
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from urllib.parse import quote_plus

from django.db.models import Count, Q
from django.urls import reverse

from dantinh.alerts.selectors import alerts_visible
from dantinh.insight import rollup
from dantinh.intake.models import Field, Mood
from dantinh.intake.selectors import ANY_MOOD, items_visible
from dantinh.org import paths, policies
from dantinh.org.models import Unit

NEGATIVE = Mood.Valence.NEGATIVE
POSITIVE = Mood.Valence.POSITIVE
# Below this many items with a mood in the period, a unit's mood index is not compared with
# others' (three items make no trend): it is shown as "too few", never ranked.
MIN_MOOD_ITEMS = 20
# Below this many items in the period, a share is not turned into a colour or a rank.
MIN_SHARE_ITEMS = 10
WEEK_CHOICES = (4, 12, 26, 52)


def monday(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


@functools.cache
def _item_list() -> str:
    return reverse("intake:item_list")


def items_url(
    *,
    unit: Unit | None = None,
    field_id: int | None = None,
    valence: str = "",
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
    kinds: Iterable[int] = (),
) -> str:
    """The item list with the filters that select the items behind a figure (built by hand:
    a dashboard has a couple of thousand of them, and every value is a number, a date or a
    valence code)."""
    query = []
    if unit is not None:
        query.append(f"unit={unit.pk}")
    if field_id:
        # The figures count an item under its main field: the list does the same.
        query.append(f"field={int(field_id)}&field_main=1")
    if valence:
        query.append(f"valence={quote_plus(valence)}")
    for kind in kinds:  # any of them
        query.append(f"kind={int(kind)}")
    if date_from:
        query.append(f"date_from={_query_day(date_from)}")
    if date_to:
        query.append(f"date_to={_query_day(date_to)}")
    return f"{_item_list()}?{'&'.join(query)}"


@functools.lru_cache(maxsize=512)
def _query_day(day: dt.date) -> str:
    # Every cell of a heat map links to the same dates: format each once.
    return f"{day:%d}%2F{day:%m}%2F{day:%Y}"


def share(part: int, whole: int) -> float | None:
    return round(100 * part / whole, 1) if whole else None


@dataclass
class Week:
    start: dt.date
    total: int = 0
    negative: int = 0
    last_year: int = 0
    last_year_negative: int = 0
    url: str = ""
    negative_url: str = ""

    @property
    def end(self) -> dt.date:
        return self.start + dt.timedelta(days=6)

    @property
    def label(self) -> str:
        iso = self.start.isocalendar()
        return f"{iso.week:02d}/{iso.year}"

    @property
    def negative_share(self) -> float | None:
        return share(self.negative, self.total) if self.total >= MIN_SHARE_ITEMS else None

    @property
    def last_year_share(self) -> float | None:
        if self.last_year < MIN_SHARE_ITEMS:
            return None
        return share(self.last_year_negative, self.last_year)


@dataclass
class FieldRow:
    field_id: int
    name: str
    total: int = 0
    negative: int = 0
    last_year: int = 0
    url: str = ""
    negative_url: str = ""
    dashboard_url: str = ""
    # The change's base: the field's items in the same weeks last year.
    last_year_url: str = ""

    @property
    def negative_share(self) -> float | None:
        return share(self.negative, self.total) if self.total >= MIN_SHARE_ITEMS else None

    @property
    def change(self) -> float | None:
        """Change against the same weeks of last year, in percent (none without last year)."""
        return (
            round(100 * (self.total - self.last_year) / self.last_year) if self.last_year else None
        )


# A heat-map cell as plain values: (items, negative, level 0..5 for the colour, 0 = none);
# its link is built where the row is written, from the row's unit and the column's field.
Cell = tuple[int, int, int]


@dataclass
class MoodRow:
    unit: Unit
    n: int
    index: float | None  # (positive - negative) / items with a mood, in points; None: too few
    previous: float | None
    url: str  # the items with a mood in the period: those the index and `n` count
    # The items with a mood in both periods, the previous one first: the change is the
    # difference of two indexes, and its items are those of both (the period's alone are the
    # index's link; a leader asking "why did it fall?" compares the two).
    change_url: str = ""

    @property
    def change(self) -> float | None:
        if self.index is None or self.previous is None:
            return None
        return round(self.index - self.previous, 1)


@dataclass
class Dashboard:
    focus: Unit | None
    today: dt.date
    weeks: list[Week]
    date_from: dt.date
    date_to: dt.date
    field_filter: int | None
    fields: list[FieldRow]
    children: list[Unit]
    heat: list[tuple[Unit, list[Cell], int]]  # unit, cells by `heat_fields`, row total
    heat_fields: list[FieldRow]
    new_yesterday: int
    new_yesterday_url: str
    new_week: int
    new_week_url: str
    total: int
    total_url: str
    negative: int
    negative_url: str
    mood_index: float | None
    mood_previous: float | None
    mood_url: str  # the items with a mood in the period (the index counts them)
    mood_previous_url: str  # … in the period before
    previous_from: dt.date
    mood_rows: list[MoodRow]
    mood_too_few: list[MoodRow]
    alerts: list = field(default_factory=list)
    alerts_count: int = 0
    alerts_url: str = ""  # the alert list of the same subtree and weeks
    can_see_alerts: bool = False

    @property
    def negative_share(self) -> float | None:
        return share(self.negative, self.total) if self.total >= MIN_SHARE_ITEMS else None

    @property
    def max_week(self) -> int:
        return max([max(w.total, w.last_year) for w in self.weeks], default=0)


def default_focus(user) -> Unit | None:
    """The unit a dashboard opens on: the user's one unit (or the one root, for a superuser);
    None when the user sees several separate subtrees (or none)."""
    if policies.is_unrestricted(user):
        roots = list(Unit.objects.filter(parent__isnull=True)[:2])
        return roots[0] if len(roots) == 1 else None
    ids = policies.grant_units(user, "item.view")
    tops = paths.minimal_prefixes(Unit.objects.filter(pk__in=ids).values_list("path", flat=True))
    return Unit.objects.filter(path=tops[0]).first() if len(tops) == 1 else None


def focus_children(user, focus: Unit | None) -> list[Unit]:
    """The units a leader compares: the children of the focused unit, or (without one) the
    top units of the user's grants."""
    if focus is None:
        ids = policies.grant_units(user, "item.view")
        tops = paths.minimal_prefixes(
            Unit.objects.filter(pk__in=ids).values_list("path", flat=True)
        )
        return list(Unit.objects.filter(path__in=tops).order_by("path"))
    return list(Unit.objects.filter(parent=focus, valid_to__isnull=True).order_by("kind", "name"))


def _accumulate(figures: list[int], pos: int, neg: int, moody: int) -> None:
    figures[0] += pos
    figures[1] += neg
    figures[2] += moody


def _mood_index(pos: int, neg: int, n: int) -> float | None:
    return round(100 * (pos - neg) / n, 1) if n >= MIN_MOOD_ITEMS else None


def build(
    *,
    user,
    today: dt.date,
    focus: Unit | None = None,
    weeks: int = 12,
    field_id: int | None = None,
    use_rollup: bool = True,
) -> Dashboard:
    """The dashboard of `user` over the last `weeks` calendar weeks up to `today`, for the
    subtree of `focus` (a unit the caller has checked is visible) or the whole scope. The
    counts come from the weekly roll-up where it can answer (`use_rollup=False`: from the
    items alone, the same figures)."""
    items = items_visible(user)
    if focus is not None:
        items = items.filter(unit_path__gte=focus.path, unit_path__lt=paths.upper_bound(focus.path))
    first = monday(today) - dt.timedelta(weeks=weeks - 1)
    date_from, date_to = first, today
    ly_from, ly_to = first - dt.timedelta(weeks=52), today - dt.timedelta(weeks=52)
    names = dict(Field.objects.values_list("pk", "name"))
    count = functools.partial(rollup.counts, user=user, focus=focus, use_rollup=use_rollup)

    # Weekly and per-field figures: one grouped count for this year, one for last year.
    week_rows = {
        first + dt.timedelta(weeks=i): Week(first + dt.timedelta(weeks=i)) for i in range(weeks)
    }
    fields: dict[int, FieldRow] = {}
    filtered = items.filter(field_id=field_id) if field_id else items
    # [positive, negative, items with a mood] now and in the period before, overall and by
    # child unit (the mood index): "now" comes with the figures counted below.
    overall = {"now": [0, 0, 0]}
    per_child: dict[int, dict[str, list[int]]] = defaultdict(
        lambda: {"now": [0, 0, 0], "before": [0, 0, 0]}
    )
    for this_year, lo, hi in ((True, date_from, date_to), (False, ly_from, ly_to)):
        grouped = count(date_from=lo, date_to=hi, by=("week", "field"))
        for (day, fid), (n, neg, pos, moody) in grouped.items():
            if this_year and (not field_id or fid == field_id):
                _accumulate(overall["now"], pos, neg, moody)
            day = day if this_year else day + dt.timedelta(weeks=52)
            fr = fields.setdefault(fid, FieldRow(fid, names.get(fid, "?")))
            week = week_rows.get(monday(day))
            if this_year:
                fr.total += n
                fr.negative += neg
            else:
                fr.last_year += n
            if week is None or (field_id and fid != field_id):
                continue
            if this_year:
                week.total += n
                week.negative += neg
            else:
                week.last_year += n
                week.last_year_negative += neg
    for week in week_rows.values():
        end = min(week.end, today)
        week.url = items_url(unit=focus, field_id=field_id, date_from=week.start, date_to=end)
        week.negative_url = items_url(
            unit=focus, field_id=field_id, valence=NEGATIVE, date_from=week.start, date_to=end
        )
    for fr in fields.values():
        fr.url = items_url(unit=focus, field_id=fr.field_id, date_from=date_from, date_to=date_to)
        fr.negative_url = items_url(
            unit=focus, field_id=fr.field_id, valence=NEGATIVE, date_from=date_from, date_to=date_to
        )
        fr.last_year_url = items_url(
            unit=focus, field_id=fr.field_id, date_from=ly_from, date_to=ly_to
        )
    field_rows = sorted(fields.values(), key=lambda f: (-f.total, f.name))

    # The unit × field heat map: items grouped by the child their path starts with.
    children = focus_children(user, focus)
    by_prefix = {c.path: c for c in children}
    lengths = sorted({len(c.path) for c in children})
    counts: dict[tuple[int, int], list[int]] = defaultdict(lambda: [0, 0])
    for length in lengths:
        grouped = count(
            date_from=date_from,
            date_to=date_to,
            by=("prefix", "field"),
            prefix_length=length,
            field_id=field_id,
        )
        for (prefix, fid), (n, neg, pos, moody) in grouped.items():
            child = by_prefix.get(prefix)
            if child is not None:
                cell = counts[(child.pk, fid)]
                cell[0] += n
                cell[1] += neg
                _accumulate(per_child[child.pk]["now"], pos, neg, moody)
    heat_fields = [f for f in field_rows if not field_id or f.field_id == field_id][:12]
    top = max([c[0] for c in counts.values()], default=0)
    # A row's total counts every field's items, those beyond the twelve columns too: the
    # items its link lists.
    unit_totals: dict[int, int] = defaultdict(int)
    for (pk, _fid), (n, _neg) in counts.items():
        unit_totals[pk] += n
    heat = []
    empty = [0, 0]
    for child in children:
        cells: list[Cell] = []
        for fr in heat_fields:
            n, neg = counts.get((child.pk, fr.field_id), empty)
            cells.append((n, neg, min(5, 1 + int(5 * n / (top + 1))) if n else 0))
        row_total = unit_totals[child.pk]
        if row_total or child.kind == Unit.Kind.TERRITORIAL:
            heat.append((child, cells, row_total))
    heat.sort(key=lambda r: (-r[2], r[0].name))

    # New items, and the totals of the period.
    yesterday = today - dt.timedelta(days=1)
    week_start = monday(today)
    news = filtered.filter(
        observed_on__gte=min(yesterday, week_start), observed_on__lte=today
    ).aggregate(
        yesterday=Count("id", filter=Q(observed_on__gte=yesterday)),
        week=Count("id", filter=Q(observed_on__gte=week_start)),
    )
    total = sum(w.total for w in week_rows.values())
    negative = sum(w.negative for w in week_rows.values())

    # The mood index in the period before.
    span = date_to - date_from
    prev_from = date_from - span - dt.timedelta(days=1)
    prev_to = date_from - dt.timedelta(days=1)
    for length in lengths:
        grouped = count(
            date_from=prev_from,
            date_to=prev_to,
            by=("prefix",),
            prefix_length=length,
            field_id=field_id,
        )
        for (prefix,), (_n, neg, pos, moody) in grouped.items():
            child = by_prefix.get(prefix)
            if child is not None:
                _accumulate(per_child[child.pk]["before"], pos, neg, moody)
    _n, neg, pos, moody = count(date_from=prev_from, date_to=prev_to, field_id=field_id)[()]
    overall["before"] = [pos, neg, moody]
    # The items the mood index counts: those with a mood.
    with_mood = functools.partial(items_url, field_id=field_id, valence=ANY_MOOD)
    mood_rows: list[MoodRow] = []
    for child in children:
        figures = per_child.get(child.pk)
        if not figures or not figures["now"][2]:
            continue
        mood_rows.append(
            MoodRow(
                unit=child,
                n=figures["now"][2],
                index=_mood_index(*figures["now"]),
                previous=_mood_index(*figures["before"]),
                url=with_mood(unit=child, date_from=date_from, date_to=date_to),
                change_url=with_mood(unit=child, date_from=prev_from, date_to=date_to),
            )
        )
    ranked = sorted(
        (r for r in mood_rows if r.index is not None), key=lambda r: (r.index, r.unit.name)
    )
    too_few = sorted((r for r in mood_rows if r.index is None), key=lambda r: r.unit.name)

    dash = Dashboard(
        focus=focus,
        today=today,
        weeks=list(week_rows.values()),
        date_from=date_from,
        date_to=date_to,
        field_filter=field_id,
        fields=field_rows,
        children=children,
        heat=heat,
        heat_fields=heat_fields,
        new_yesterday=news["yesterday"],
        new_yesterday_url=items_url(
            unit=focus, field_id=field_id, date_from=yesterday, date_to=today
        ),
        new_week=news["week"],
        new_week_url=items_url(unit=focus, field_id=field_id, date_from=week_start, date_to=today),
        total=total,
        total_url=items_url(unit=focus, field_id=field_id, date_from=date_from, date_to=date_to),
        negative=negative,
        negative_url=items_url(
            unit=focus, field_id=field_id, valence=NEGATIVE, date_from=date_from, date_to=date_to
        ),
        mood_index=_mood_index(*overall["now"]),
        mood_previous=_mood_index(*overall["before"]),
        mood_url=with_mood(unit=focus, date_from=date_from, date_to=date_to),
        mood_previous_url=with_mood(unit=focus, date_from=prev_from, date_to=prev_to),
        previous_from=prev_from,
        mood_rows=ranked,
        mood_too_few=too_few,
    )
    if policies.can_anywhere(user, "alert.view"):
        since = week_start - dt.timedelta(days=7)
        alerts = alerts_visible(user).filter(window_end__gte=since)
        if focus is not None:
            alerts = alerts.filter(
                unit_path__gte=focus.path, unit_path__lt=paths.upper_bound(focus.path)
            )
        dash.can_see_alerts = True
        dash.alerts_count = alerts.count()
        dash.alerts_url = f"{reverse('insight_alerts')}?" + (
            f"unit={focus.pk}&since={since.isoformat()}" if focus else f"since={since.isoformat()}"
        )
        dash.alerts = list(alerts[:8])
    return dash
