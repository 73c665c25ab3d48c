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


def capped_count(queryset, cap: int = COUNT_CAP) -> tuple[int, bool]:
    """(count, exact): counting stops at `cap` so that a province-wide list stays fast."""
    n = queryset.order_by().values("pk")[: cap + 1].count()
    return (min(n, cap), n <= cap)


def newest_first(queryset, start: int, stop: int, *, today: dt.date | None = None):
    """Rows start…stop of a queryset ordered by date, newest first, read through growing
    windows of recent dates (`queryset.since(day)`) before the whole list.

    The rows are those of `queryset[start:stop]`: the list is ordered by date, so a window
    that holds `stop` rows holds the list's first `stop` rows, in the same order.
    """
    since = getattr(queryset, "since", None)
    if since is None or stop <= start:
        return queryset[start:stop]
    today = today or timezone.localdate()
    for days in WINDOW_DAYS:
        window = since(today - dt.timedelta(days=days))
        if window is None:
            break
        rows = list(window[start:stop])
        if len(rows) == stop - start:
            return rows
    return queryset[start:stop]


class CappedPaginator(Paginator):
    """A paginator for big lists: its count stops at COUNT_CAP (`exact` tells whether the
    count is the true total), and a page of a big list ordered newest first is read through
    windows of recent dates (`newest_first`)."""

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
            rows = newest_first(self.object_list, bottom, top)
        return self._get_page(rows, number, self)
