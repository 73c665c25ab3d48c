from django.core.paginator import Paginator
from django.utils.functional import cached_property

COUNT_CAP = 10_000


def capped_count(queryset, cap: int = COUNT_CAP) -> tuple[int, bool]:
    """(count, exact): counting stops at `cap` so that a province-wide list stays fast."""
    n = queryset.order_by().values("pk")[: cap + 1].count()
    return (min(n, cap), n <= cap)


class CappedPaginator(Paginator):
    """A paginator whose count stops at COUNT_CAP: no full count of a million rows per page.
    `exact` tells whether the count is the true total."""

    @cached_property
    def _capped(self) -> tuple[int, bool]:
        return capped_count(self.object_list)

    @cached_property
    def count(self):
        return self._capped[0]

    @property
    def exact(self) -> bool:
        return self._capped[1]
