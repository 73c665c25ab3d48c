"""Personal identifiers typed into free text (issue 14, part 6): names with a title ("ông
Nguyễn Văn Hòa"), phone numbers, citizen ID numbers, street addresses and e-mail addresses.

Items describe situations, not persons (SPEC §11), yet people type "bà Trần Thị Mai, SĐT
0912 345 678, số 12 ngõ 45 Lê Lợi" into them. `find` spots such identifiers so that the entry
form can warn; `mask` replaces them so that exports and composite reports carry none by default.
The rules are deliberately simple and local (no model, no download): they prefer to mask a few
words too many in an export than to let a phone number through.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.utils.translation import gettext as _

UPPER = "A-ZĐÂĂÊÔƠƯÁÀẢÃẠẤẦẨẪẬẮẰẲẴẶÉÈẺẼẸẾỀỂỄỆÍÌỈĨỊÓÒỎÕỌỐỒỔỖỘỚỜỞỠỢÚÙỦŨỤỨỪỬỮỰÝỲỶỸỴ"
LOWER = "a-zđâăêôơưáàảãạấầẩẫậắằẳẵặéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ"
NAME_WORD = f"[{UPPER}][{LOWER}]+"
_TITLES = ("ông", "bà", "anh", "chị", "cô", "chú", "bác", "cụ", "em", "cháu")
TITLES = "|".join(t for word in _TITLES for t in (word, word.capitalize()))
# a name: capitalised words, the last possibly one letter ("Nguyễn Văn A")
NAME = rf"{NAME_WORD}(?:\s+{NAME_WORD}){{0,3}}(?:\s+[{UPPER}](?![{LOWER}]))?"
# A titled name is not a person after these words: "đường Bà Triệu", "chùa Ông", "phố Bà Triệu".
# Titled words that name a place or the President, not a citizen.
NOT_NAMES = ("Hồ", "Rịa", "Điểm", "Chiểu", "Đen", "Ích Khiêm", "Quẹo", "Hom", "Lãnh", "Lớn")
NOT_AFTER = ("đường", "phố", "phường", "xã", "chùa", "đền", "miếu", "trường", "cầu", "chợ", "ấp")

PATTERNS = [
    ("email", re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")),
    # a 12-digit citizen ID (căn cước), or a 9-digit one after its name
    (
        "id_number",
        re.compile(
            r"(?<![\d])\d{12}(?![\d])|(?:CMND|CMT|CCCD|căn cước|định danh)[^\d]{0,12}(?<![\d])\d{9}(?![\d])",
            re.IGNORECASE,
        ),
    ),
    # a house number with its alley or street ("số 12 ngõ 45 Lê Lợi", "nhà số 3 phố Văn Cao");
    # an alley alone ("ngõ 120") places a situation, it does not name a household
    # +84 or 0, then 9 or 10 more digits (mobile 10 in all, landline 11), spaces, dots or
    # dashes allowed between groups
    ("phone", re.compile(r"(?<![\d])(?:\+84|0)(?:[\s.-]?\d){9,10}(?![\d])")),
    (
        "address",
        re.compile(
            rf"(?i:số nhà|nhà số|số)\s+\d+[\w/]*\s*,?\s*"
            rf"(?:(?:(?i:ngõ|ngách|hẻm|kiệt)\s+\d+[\w/]*\s*,?\s*)+(?:(?:(?i:đường|phố)\s+)?{NAME})?"
            rf"|(?i:đường|phố)\s+{NAME}|{NAME})"
        ),
    ),
    ("name", re.compile(rf"\b(?:{TITLES})\s+({NAME})")),
]


@dataclass(frozen=True)
class Found:
    kind: str  # "name", "phone", "id_number", "address", "email"
    start: int
    end: int
    text: str


# "số 2" after these is a group, a plot or a document, not a house: "tổ dân phố số 2 Lê Lợi".
NOT_HOUSE_AFTER = (
    "phố",
    "tổ",
    "thôn",
    "xóm",
    "khu",
    "đội",
    "ấp",
    "bản",
    "lô",
    "thửa",
    "tờ",
    "định",
    "quyết",
    "công",
    "văn",
)


def _address_ok(text: str, match: re.Match) -> bool:
    before = text[: match.start()].split()
    return not (before and before[-1].lower() in NOT_HOUSE_AFTER)


def _names_ok(text: str, match: re.Match) -> bool:
    title = text[match.start() : match.start(1)].strip()
    # the title must be lower case ("ông"), or begin a sentence ("Ông Nguyễn Văn A…")
    at_start = not text[: match.start()].strip() or text[: match.start()].rstrip()[-1:] in ".!?:;\n"
    if title[:1].isupper() and not at_start:
        return False
    if any(match.group(1).startswith(word) for word in NOT_NAMES):
        return False
    before = text[: match.start()].split()
    return not (before and before[-1].lower() in NOT_AFTER)


def find(text: str) -> list[Found]:
    """The personal identifiers in `text`, in order, not overlapping (the first kind listed
    wins where two overlap)."""
    text = text or ""
    taken: list[Found] = []
    for kind, pattern in PATTERNS:
        for match in pattern.finditer(text):
            if kind == "name" and not _names_ok(text, match):
                continue
            if kind == "address" and not _address_ok(text, match):
                continue
            start, end = (match.start(1), match.end(1)) if kind == "name" else match.span()
            if any(start < f.end and f.start < end for f in taken):
                continue
            taken.append(Found(kind, start, end, text[start:end]))
    return sorted(taken, key=lambda f: f.start)


def labels() -> dict[str, str]:
    return {
        "name": _("[name]"),
        "phone": _("[phone number]"),
        "id_number": _("[ID number]"),
        "address": _("[address]"),
        "email": _("[e-mail]"),
    }


def mask(text: str) -> str:
    """`text` with every personal identifier replaced by what it was ("[phone number]")."""
    found = find(text)
    if not found:
        return text
    names = labels()
    parts, last = [], 0
    for f in found:
        parts.append(text[last : f.start])
        parts.append(names[f.kind])
        last = f.end
    parts.append(text[last:])
    return "".join(parts)


def warning(text: str) -> str:
    """A sentence for the person typing, naming the kinds found; "" when there is none."""
    found = find(text)
    if not found:
        return ""
    kinds = {
        "name": _("a person's name"),
        "phone": _("a phone number"),
        "id_number": _("an ID number"),
        "address": _("an address"),
        "email": _("an e-mail address"),
    }
    seen = list(dict.fromkeys(kinds[f.kind] for f in found))
    return _(
        "The text seems to contain %(what)s. Items describe situations, not persons: remove "
        "them, or record the complainant apart (they are then encrypted). Exports and reports "
        "will mask them."
    ) % {"what": ", ".join(seen)}
