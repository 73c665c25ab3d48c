import datetime as dt

from django.core.paginator import Paginator
from django.utils import timezone
from django.utils.functional import cached_property

COUNT_CAP = 10_000
# A page of a big list ordered newest first is looked for in the last month, quarter and year
# before the whole list: the newest rows of a million are found without sorting them all.
WINDOW_DAYS = (31, 92, 366)
# Lists with at most this many rows are read at once: windows would cost more than they save.
WINDOW_MIN_ROWS = 2_000
# A list filtered row by row (a field, a search…) is first looked for among the newest rows of
# the list before its filters (`queryset.newest(rows)`): this many, the work of a page then
# bounded by them whatever the number of matches. A filter that keeps fewer than a page of
# them (a rare word) goes on to the windows, where an index finds its few matches.
NEWEST_ROWS = 2_000


def capped_count(
    queryset, cap: int | None = None, *, today: dt.date | None = None
) -> tuple[int, bool]:
    """(count, exact): counting stops at `cap` so that a province-wide list stays fast.

    Where the list knows a part of itself that an index counts fast (`queryset.at_least()`:
    the items of a field as their main field), more than `cap` there is "more than `cap`".
    A search is counted in its first window of recent dates (`queryset.since(day)`) first: its
    index cannot stop at `cap` (PostgreSQL's GIN index gives every match at once), but asked
    for a window it gives that window's matches, and more than `cap` of them in the last month
    (a common phrase of a big scope) is "more than `cap`" without the rest.
    """
    cap = COUNT_CAP if cap is None else cap
    at_least = getattr(queryset, "at_least", None)
    part = at_least() if at_least is not None else None
    if part is not None and _count_to(part, cap) > cap:
        return (cap, False)
    if getattr(queryset, "_searching", False) and getattr(queryset, "since", None) is not None:
        today = today or timezone.localdate()
        window = queryset.since(today - dt.timedelta(days=WINDOW_DAYS[0]))
        if window is not None and _count_to(window, cap) > cap:
            return (cap, False)
    n = _count_to(queryset, cap)
    return (min(n, cap), n <= cap)


def _count_to(queryset, cap: int) -> int:
    return queryset.order_by().values("pk")[: cap + 1].count()


def newest_first(
    queryset, start: int, stop: int, *, today: dt.date | None = None, many: bool = True
):
    """Rows start…stop of a queryset ordered by date, newest first: among the newest rows of
    the list before its row-by-row filters (`queryset.newest(rows)`) when it has `many` rows
    (more than its count's cap: a common phrase, a big field), then through growing windows
    of recent dates (`queryset.since(day)`), before the whole list. A list of fewer rows than
    the cap is read from its windows: an index finds at most that many.

    The rows are those of `queryset[start:stop]`: the list is ordered by date, so a window
    that holds `stop` rows holds the list's first `stop` rows, in the same order.
    """
    since = getattr(queryset, "since", None)
    if since is None or stop <= start:
        return queryset[start:stop]
    newest = getattr(queryset, "newest", None)
    if many and newest is not None and stop <= NEWEST_ROWS:
        among = newest(NEWEST_ROWS)
        if among is not None:
            rows = page_by_ids(among, start, stop)
            if len(rows) == stop - start:
                return rows
    today = today or timezone.localdate()
    for days in WINDOW_DAYS:
        window = since(today - dt.timedelta(days=days))
        if window is None:
            break
        rows = page_by_ids(window, start, stop)
        if len(rows) == stop - start:
            return rows
    return page_by_ids(queryset, start, stop)


def page_by_ids(queryset, start: int, stop: int) -> list:
    """Rows start…stop of a queryset: their ids first, then those rows by id with what the
    queryset selects with them (`select_related`, `prefetch_related`).

    The database sorts ids, and joins the related tables for the page's rows only: asked for
    the rows at once, PostgreSQL joined them for every match of a search before sorting (it
    estimates a phrase's matches at a few rows; they were thousands).
    """
    ids = list(queryset.values_list("pk", flat=True)[start:stop])
    if not ids:
        return []
    rows = queryset.model._base_manager.using(queryset.db).filter(pk__in=ids)
    rows.query.select_related = queryset.query.select_related
    rows.query.deferred_loading = queryset.query.deferred_loading
    rows = rows.prefetch_related(*queryset._prefetch_related_lookups)
    by_id = {row.pk: row for row in rows}
    return [by_id[pk] for pk in ids if pk in by_id]


class CappedPaginator(Paginator):
    """A paginator for big lists: its count stops at COUNT_CAP (`exact` tells whether the
    count is the true total), and a page of a big list ordered newest first is read among its
    newest rows and through windows of recent dates (`newest_first`)."""

    @cached_property
    def _capped(self) -> tuple[int, bool]:
        return capped_count(self.object_list)

    @cached_property
    def count(self):
        return self._capped[0]

    @property
    def exact(self) -> bool:
        return self._capped[1]

    def page(self, number):
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        top = bottom + self.per_page
        if top + self.orphans >= self.count:
            top = self.count
        if self.exact and self.count <= WINDOW_MIN_ROWS:
            rows = self.object_list[bottom:top]
        else:
            rows = newest_first(self.object_list, bottom, top, many=not self.exact)
        return self._get_page(rows, number, self)
