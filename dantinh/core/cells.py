"""Values written into every spreadsheet the product makes (item exports, report workbooks,
templates, survey results): text that a spreadsheet program would run as a formula is
neutralised (OWASP "CSV injection").

A cell whose text starts with =, +, -, @, a tab or a carriage return is prefixed with an
apostrophe-like quote character so that Excel and LibreOffice show it as text. Numbers,
dates and empty cells pass unchanged; negative numbers stay numbers.
"""

from __future__ import annotations

import datetime as dt
import decimal
from collections.abc import Iterable
from typing import Any

DANGEROUS_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: Any) -> Any:
    """The value to write into a cell: formulas in text are turned into plain text."""
    if value is None or isinstance(value, bool | int | float | decimal.Decimal):
        return value
    if isinstance(value, dt.date | dt.datetime | dt.time):
        return value
    text = str(value)
    if text.startswith(DANGEROUS_STARTS):
        return "'" + text
    return text


def safe_row(values: Iterable[Any]) -> list[Any]:
    return [safe_cell(v) for v in values]
