"""Text conventions of Party documents (guide 36-HD/VPTW, 2018) shared by the renderers:
the place-and-date line, the number line, section numbering and Vietnamese number formats."""

from __future__ import annotations

import datetime as dt
import re

# A section title that already carries its own number ("I. ", "II- ", "1. ", "2.3. ") keeps it.
_NUMBERED = re.compile(r"^\s*(?:[IVXLC]+|\d+(?:\.\d+)*)\s*[.\-–)]\s*", re.IGNORECASE)

_ROMAN = [
    (1000, "M"),
    (900, "CM"),
    (500, "D"),
    (400, "CD"),
    (100, "C"),
    (90, "XC"),
    (50, "L"),
    (40, "XL"),
    (10, "X"),
    (9, "IX"),
    (5, "V"),
    (4, "IV"),
    (1, "I"),
]


def date_line(place: str, date: dt.date) -> str:
    """ "Hải Phòng, ngày 05 tháng 11 năm 2026".

    The guide writes days below 10 and the months 1 and 2 with a leading zero (its own header
    reads "ngày 03 tháng 4 năm 2018"; its appendix example "ngày 20 tháng 02 năm 2018"), so a
    one-digit day or month cannot be altered by hand after signing.
    """
    day = f"{date.day:02d}"
    month = f"{date.month:02d}" if date.month < 3 else str(date.month)
    text = f"ngày {day} tháng {month} năm {date.year}"
    return f"{place}, {text}" if place else text[0].upper() + text[1:]


def number_line(number: str) -> str:
    """The number line as written under the issuing body: "Số 125-BC/BDVTU".

    Party documents write "Số" without a colon; a bare "125-BC/BDVTU" gets the word added.
    """
    number = (number or "").strip()
    if not number:
        return ""
    if number.lower().startswith("số"):
        return "Số" + number[2:]
    return f"Số {number}"


def roman(n: int) -> str:
    out = []
    for value, letters in _ROMAN:
        while n >= value:
            out.append(letters)
            n -= value
    return "".join(out)


def section_label(index: int, title: str) -> str:
    """ "I. Tình hình chung": the title numbered with a Roman numeral, unless it already
    starts with a number of its own ("II. …", "2. …")."""
    title = (title or "").strip()
    if _NUMBERED.match(title):
        return title
    return f"{roman(index)}. {title}"


def section_heading(index: int, title: str) -> str:
    """The heading as printed: the numbered title in capitals ("I. TÌNH HÌNH CHUNG")."""
    return section_label(index, title).upper()


def format_number(value: int | float) -> str:
    """Vietnamese figures: "." groups thousands, "," marks decimals (1.234,5)."""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int) or (isinstance(value, float) and value.is_integer()):
        text = f"{int(value):,}"
    else:
        text = f"{value:,.2f}".rstrip("0").rstrip(".")
    return text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")


def format_percent(value: int | float, digits: int = 1) -> str:
    """A share in Vietnamese: "12,5%", "40%" (at most `digits` decimals, none when whole)."""
    rounded = round(float(value), digits)
    return f"{format_number(int(rounded) if rounded.is_integer() else rounded)}%"


def format_numbers(values: dict) -> dict:
    """`values` with every count (int or float, not bool) written as `format_number` writes it,
    for the %-formatting of a sentence ("1.419 thông tin"). Not for years or codes."""
    return {
        k: format_number(v) if isinstance(v, int | float) and not isinstance(v, bool) else v
        for k, v in values.items()
    }


def format_cell(value: str | int | float | None) -> str:
    if value is None:
        return ""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return format_number(value)
    return str(value)


def is_numeric(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def recipient_line(line: str) -> str:
    """Each recipient line starts with "- " as in the guide's examples."""
    line = (line or "").strip()
    if not line:
        return ""
    return line if line.startswith("-") else f"- {line}"


def split_paragraphs(text: str) -> list[str]:
    """A text with line breaks becomes one paragraph per non-empty line."""
    return [line.strip() for line in (text or "").splitlines() if line.strip()]
