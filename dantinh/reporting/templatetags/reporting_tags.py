"""Template helpers of the reporting pages, and the notification bell of the main menu."""

from django import template

from dantinh.documents.formatting import format_cell, is_numeric
from dantinh.reporting import notify
from dantinh.reporting.periods import format_deadline

register = template.Library()


@register.simple_tag
def unread_notifications(user) -> int:
    """The count for the bell in the menu: unread messages about units in the user's scope."""
    return notify.unread_count(user)


@register.filter
def deadline(moment) -> str:
    return format_deadline(moment)


@register.filter
def cell_value(cell):
    """A table cell as printed: numbers the Vietnamese way ("1.419"), as in the Word file."""
    value = cell.get("v") if isinstance(cell, dict) else cell
    return format_cell(value) if is_numeric(value) else value


@register.filter
def cell_href(cell):
    return cell.get("href", "") if isinstance(cell, dict) else ""


@register.filter
def is_rates(cell) -> bool:
    return hasattr(cell, "expected")
