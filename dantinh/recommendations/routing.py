"""Which body resolves a recommendation: the language engine's authority category, corrected
by the directory's knowledge of who is competent since the 2025 reorganisation, then the
body of that category nearest the place.

Since 1 July 2025 there is no district level: many matters go first to the commune's people's
committee — land-use certificates of households and individuals, kindergartens, primary and
lower-secondary schools, local and rural roads, civil status and certification, building
permits for private houses, local social assistance. A denunciation goes to whoever
supervises the person denounced (Luật Tố cáo 2018, Điều 13–14): a commune official's to the
commune's chair, the commune chair's to the province.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from dantinh.language.normalize import search_text
from dantinh.org import paths
from dantinh.org.models import Unit

# (authority code, folded phrases): matters that go first to the commune (and the like).
# Phrases are matched on the folded text (no accents, lower case), whole words.
COMMUNE_FIRST: list[tuple[str, tuple[str, ...]]] = [
    (
        "ubnd_xa",
        (
            "so do",
            "so hong",
            "giay chung nhan quyen su dung dat",
            "truong mam non",
            "truong tieu hoc",
            "truong thcs",
            "trung hoc co so",
            "duong lien thon",
            "duong lien xa",
            "duong thon",
            "duong ngo",
            "ngo xom",
            "duong giao thong nong thon",
            "duong dan sinh",
            "ho tich",
            "khai sinh",
            "chung thuc",
            "giay phep xay dung nha o",
            "trat tu xay dung",
            "tro cap xa hoi",
            "danh sach ho ngheo",
            "binh xet ho ngheo",
            "ra soat ho ngheo",
            "rac thai sinh hoat",
            "diem tap ket rac",
            "nha van hoa thon",
            "nha van hoa to dan pho",
        ),
    ),
]

# Denunciations: (phrases naming the person denounced, authority code, level above?).
# `up` True: the body one level above the place (the commune chair is supervised by the
# province); False: the body at the place itself.
DENOUNCED: list[tuple[tuple[str, ...], str, bool]] = [
    (
        ("chu tich ubnd xa", "chu tich xa", "chu tich ubnd phuong", "chu tich phuong"),
        "ubnd_tinh",
        True,
    ),
    (("cong an xa", "cong an phuong", "truong cong an"), "cong_an", True),
    (("giam doc so", "pho giam doc so"), "ubnd_tinh", True),
    (
        (
            "can bo xa",
            "cong chuc xa",
            "can bo phuong",
            "cong chuc phuong",
            "can bo dia chinh",
            "truong thon",
            "to truong to dan pho",
            "hieu truong truong tieu hoc",
            "hieu truong truong mam non",
            "hieu truong truong thcs",
        ),
        "ubnd_xa",
        False,
    ),
    (("hieu truong truong thpt", "giao vien thpt"), "so_giao_duc", True),
    (("bac si", "benh vien"), "so_y_te", True),
]


# A commune-first phrase does not route to the commune when the matter is an organisation's
# or a province's: a company's land, a project, an upper-secondary school.
NOT_COMMUNE: tuple[str, ...] = (
    "cong ty",
    "doanh nghiep",
    "du an",
    "khu cong nghiep",
    "khu do thi",
    "thpt",
    "trung hoc pho thong",
    "quoc lo",
    "tinh lo",
    "chung cu",
    "chu dau tu",
    "gia dien",
    "tien dien",
)


def _has(folded: str, phrase: str) -> bool:
    return re.search(rf"(?<!\w){re.escape(phrase)}(?!\w)", folded) is not None


@dataclass(frozen=True)
class Routing:
    authority: str | None  # the category's code
    reason: str  # "engine", "commune_first", "denounced" or ""


def route(text: str, *, engine_code: str | None, procedure: str = "") -> Routing:
    """The authority category for a text: the directory's rules where they apply, else the
    engine's suggestion."""
    folded = search_text(text)
    if procedure == "to_cao":
        for phrases, code, _up in DENOUNCED:
            if any(_has(folded, p) for p in phrases):
                return Routing(code, "denounced")
    if not any(_has(folded, p) for p in NOT_COMMUNE):
        for code, phrases in COMMUNE_FIRST:
            if any(_has(folded, p) for p in phrases):
                return Routing(code, "commune_first")
    if engine_code:
        return Routing(engine_code, "engine")
    return Routing(None, "")


def nearest_body(authority_code: str, place: Unit):
    """The active body of that category whose unit is the place or its nearest ancestor
    (a commune's committee for a village's matter; the city's department otherwise)."""
    from dantinh.recommendations.models import Body

    prefixes = [
        place.path[:end] for end in range(paths.SEGMENT, len(place.path) + 1, paths.SEGMENT)
    ]
    candidates = list(
        Body.objects.filter(
            authority__code=authority_code, is_active=True, unit_path__in=prefixes
        ).order_by("-unit_path", "name")[:1]
    )
    return candidates[0] if candidates else None
