"""Query parameters of the API, read once the same way: an id that is not a whole number a
database can hold is refused with 400 and a message, never passed on to crash a query."""

from __future__ import annotations

from django.utils.translation import gettext as _
from rest_framework.exceptions import ValidationError

from dantinh.core.params import parse_id


def id_param(params, name: str) -> int | None:
    """The id in query parameter `name`: None when absent or empty; ValidationError (400,
    with a message) when it is not a valid id."""
    raw = params.get(name)
    if raw in (None, ""):
        return None
    value = parse_id(raw)
    if value is None:
        raise ValidationError({name: [_("“%(value)s” is not a valid id.") % {"value": raw[:30]}]})
    return value
