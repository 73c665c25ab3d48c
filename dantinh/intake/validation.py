"""The rules of an item's values: one rule per field, with the one message people read.

Every door into items goes through these rules: the entry form (`forms.RuleField`), the API
(`apis.RuleField`), the spreadsheet import (row by row, each failure reported with its row and
column) and, last, the services themselves (`clean_item`), so that a value refused on one door
is refused on every other with the same words.

A rule takes what a door received — text typed in a form, a JSON value, a spreadsheet cell
(text, number or date) — and returns the value to store, or raises `FieldError`. Rules are
idempotent: a value they returned passes them again unchanged.
"""

from __future__ import annotations

import datetime as dt
import decimal
import math
import re
from collections.abc import Callable, Mapping
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.validators import URLValidator
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from dantinh.core.errors import ValidationError

MIN_DATE = dt.date(2000, 1, 1)
MAX_TEXT = 20_000
MAX_SCALE = 10_000_000
MAX_URL = 500


class FieldError(Exception):
    """A value refused by its rule; `message` says why, in the reader's language."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def required_message() -> str:
    return _("This field is required.")


def not_in_list_message(value: Any) -> str:
    return _("“%(value)s” is not in the list.") % {"value": _shown(value)}


def _shown(value: Any) -> str:
    text = " ".join(str(value).split())
    return text if len(text) <= 60 else text[:57] + "…"


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


# --- dates ----------------------------------------------------------------------------------

_DMY = re.compile(r"(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4}|\d{2})")
_YMD = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_DIGITS8 = re.compile(r"(\d{2})(\d{2})(\d{4})")


def parse_date(value: Any) -> dt.date:
    """A date from a date, or from text written day first (15/10/2026, 15-10-2026,
    15.10.2026, 15/10/26, 15102026) or as ISO (2026-10-15); raises FieldError."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value).strip() if value is not None else ""
    if len(text) <= 40:
        for pattern, order in ((_YMD, "ymd"), (_DMY, "dmy"), (_DIGITS8, "dmy")):
            match = pattern.fullmatch(text)
            if match is None:
                continue
            parts = dict(zip(order, (int(g) for g in match.groups()), strict=True))
            year = parts["y"] + 2000 if len(match.group(order.index("y") + 1)) == 2 else parts["y"]
            try:
                return dt.date(year, parts["m"], parts["d"])
            except ValueError:
                break
    raise FieldError(
        _("“%(value)s” is not a date: write day/month/year, e.g. 15/10/2026.")
        % {"value": _shown(text)}
    )


def clean_observed_on(value: Any, *, today: dt.date | None = None) -> dt.date:
    """Required; not before 01/01/2000 and not after today (Asia/Ho_Chi_Minh; `today` when a
    caller checking many rows at once read the clock once)."""
    if _blank(value):
        raise FieldError(required_message())
    day = parse_date(value)
    if day < MIN_DATE:
        raise FieldError(
            _("The date cannot be before %(date)s.") % {"date": MIN_DATE.strftime("%d/%m/%Y")}
        )
    if day > (today or timezone.localdate()):
        raise FieldError(_("The date cannot be in the future."))
    return day


# --- text, numbers, links -------------------------------------------------------------------


def clean_text(value: Any) -> str:
    """Required; at most MAX_TEXT characters; NUL characters dropped."""
    text = ("" if value is None else str(value)).replace("\x00", "").strip()
    if not text:
        raise FieldError(_("The content cannot be empty."))
    if len(text) > MAX_TEXT:
        raise FieldError(
            _("The content is longer than %(n)s characters.")
            % {"n": formats.number_format(MAX_TEXT, force_grouping=True)}
        )
    return text


_WHOLE = re.compile(r"-?\d{1,40}")
# 1.000 or 1,000 or 12.500.000: thousands separated by dots (the Vietnamese way) or commas.
_GROUPED = re.compile(r"\d{1,3}(?:\.\d{3})+|\d{1,3}(?:,\d{3})+")
# 40,0 or 40.00: a whole number written with decimals.
_ZERO_DECIMALS = re.compile(r"(\d{1,15})[.,]0{1,2}")


def clean_scale(value: Any) -> int | None:
    """Optional; a whole number of people from 0 to MAX_SCALE. "3.7" is refused, not cut to
    3; "1.000" and "1,000" are a thousand; a spreadsheet's 40.0 is 40."""
    if _blank(value):
        return None
    number: int | None = None
    if isinstance(value, bool):
        number = None
    elif isinstance(value, int):
        number = value
    elif isinstance(value, float | decimal.Decimal):
        if math.isfinite(value) and value == int(value):
            number = int(value)
    else:
        text = re.sub(r"[\s\u00a0]", "", str(value))[:40]
        if _WHOLE.fullmatch(text):
            number = int(text)
        elif _GROUPED.fullmatch(text):
            number = int(re.sub(r"[.,]", "", text))
        elif match := _ZERO_DECIMALS.fullmatch(text):
            number = int(match.group(1))
    if number is None:
        raise FieldError(_("“%(value)s” is not a whole number.") % {"value": _shown(value)})
    if not 0 <= number <= MAX_SCALE:
        raise FieldError(
            _("The number of people must be between 0 and %(max)s.")
            % {"max": formats.number_format(MAX_SCALE, force_grouping=True)}
        )
    return number


_URL = URLValidator(schemes=["http", "https"])


def clean_source_url(value: Any) -> str:
    """Optional; a web address (http or https; "baodientu.vn/bai" is read as https://...),
    at most MAX_URL characters."""
    if _blank(value):
        return ""
    url = str(value).strip()
    if "://" not in url:
        url = "https://" + url
    if len(url) > MAX_URL:
        raise FieldError(
            _("The link is longer than %(n)s characters.") % {"n": MAX_URL},
        )
    try:
        _URL(url)
    except DjangoValidationError:
        raise FieldError(
            _("“%(value)s” is not a web address (http:// or https://).") % {"value": _shown(value)}
        ) from None
    return url


def clean_verification(value: Any) -> str:
    from dantinh.intake.models import Item

    if _blank(value):
        return Item.Verification.UNVERIFIED
    if value not in Item.Verification.values:
        raise FieldError(not_in_list_message(value))
    return str(value)


# --- lists and files ------------------------------------------------------------------------


def entry_rule(*, required: bool) -> Callable[..., Any]:
    """The rule of a list's entry (kind, field, mood, channel, authority), already looked up
    by the door (by id, code or name): present when required, and still in use — unless it is
    the entry the item already has (`current`)."""

    def rule(entry: Any, current: Any = None) -> Any:
        if _blank(entry):
            if required:
                raise FieldError(required_message())
            return None
        if not entry.is_active and not (current is not None and current.pk == entry.pk):
            raise FieldError(_("“%(value)s” is no longer in use.") % {"value": entry.name})
        return entry

    return rule


def clean_secondary_fields(entries: Any, current: Any = None) -> list:
    current_ids = {f.pk for f in (current or [])}
    result = []
    for entry in entries or []:
        if not entry.is_active and entry.pk not in current_ids:
            raise FieldError(_("“%(value)s” is no longer in use.") % {"value": entry.name})
        result.append(entry)
    return result


def clean_upload(upload: Any) -> Any:
    """An attached file: at most DANTINH_MAX_UPLOAD_BYTES."""
    if upload is None:
        return None
    if upload.size > settings.DANTINH_MAX_UPLOAD_BYTES:
        raise FieldError(
            _("The file is larger than %(mb)s MB.")
            % {"mb": settings.DANTINH_MAX_UPLOAD_BYTES // 2**20}
        )
    return upload


RULES: dict[str, Callable[..., Any]] = {
    "observed_on": clean_observed_on,
    "text": clean_text,
    "scale": clean_scale,
    "source_url": clean_source_url,
    "verification": clean_verification,
    "kind": entry_rule(required=True),
    "field": entry_rule(required=True),
    "channel": entry_rule(required=True),
    "mood": entry_rule(required=False),
    "authority": entry_rule(required=False),
}
ENTRY_FIELDS = ("kind", "field", "channel", "mood", "authority")


def clean_item(values: Mapping[str, Any], *, current: Any = None) -> dict[str, Any]:
    """Every rule on the values given (all of an item's on creation; the changed ones on an
    update of `current`); raises ValidationError naming each refused field with its message."""
    cleaned = dict(values)
    errors: dict[str, str] = {}
    for name, value in values.items():
        try:
            if name in ENTRY_FIELDS:
                cleaned[name] = RULES[name](
                    value, getattr(current, name, None) if current else None
                )
            elif name == "secondary_fields":
                cleaned[name] = clean_secondary_fields(
                    value, current.secondary_fields.all() if current is not None else None
                )
            elif name in RULES:
                cleaned[name] = RULES[name](value)
        except FieldError as exc:
            errors[name] = exc.message
    if errors:
        raise ValidationError(errors)
    return cleaned
