"""How reports put figures into words, the same on the web page and in the Word file.

Numbers are written the Vietnamese way ("1.419", "12,5%": `documents.formatting`). A rise or
a fall is named only when the counts carry it: both periods at least `TREND_MIN` and a change
of at least `TREND_SHARE`. From 0 to 5, or from 3 to 4, nothing can be said of a trend
("chưa đủ số liệu để so sánh"); from 40 to 44 the figure is about the same ("tương đương").
Five is the least count at which one more or one fewer item moves the change by no more than
a fifth, the least change reported.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from dantinh.documents.formatting import format_number

TREND_MIN = 5
TREND_SHARE = 0.2

UP, DOWN, SAME = "up", "down", "same"


def trend(current: float, previous: float) -> str | None:
    """UP, DOWN or SAME; None when either period has fewer than `TREND_MIN`."""
    if current < TREND_MIN or previous < TREND_MIN:
        return None
    ratio = (current - previous) / previous
    if abs(ratio) < TREND_SHARE:
        return SAME
    return UP if ratio > 0 else DOWN


def change(current: int, previous: int) -> str:
    """The change from the previous period in words: "tăng 25%", "giảm 40%", "tương đương",
    or "chưa đủ số liệu để so sánh"."""
    found = trend(current, previous)
    if found is None:
        return _("too few to compare")
    if found == SAME:
        return _("about the same")
    pct = format_number(round(100 * abs(current - previous) / previous))
    return (_("up %(p)s%%") if found == UP else _("down %(p)s%%")) % {"p": pct}
