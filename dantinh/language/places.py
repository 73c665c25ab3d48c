"""Recognising administrative units in Vietnamese text.

"xã Tân Tiến", "P. Lê Chân", "phuong le chan", "TP. Hải Phòng", "thôn 3": a mention is a unit
kind word (or its abbreviation) followed by a unit name, or a province name on its own when
written with capitals. Names match with or without diacritics and with either tone placement.
Pre-2025 names (communes, districts and provinces before 1 July 2025) are recognised too and
mapped through the statistics office's conversion table to today's units.

A name several units share is resolved by context — a province, district or commune named in
the same text, or the provinces the matcher is restricted to — and otherwise reported as
ambiguous with its candidates, never guessed.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from dantinh.language.normalize import fix_tone, fold

DATA_DIR = Path(__file__).resolve().parent.parent / "org" / "data"

PROVINCE, DISTRICT, COMMUNE, VILLAGE = "province", "district", "commune", "village"

# Kind words (folded) → (canonical kind, levels it may introduce).
_KINDS: dict[tuple[str, ...], tuple[str, frozenset[str]]] = {
    ("tinh",): ("tỉnh", frozenset({PROVINCE})),
    ("thanh", "pho"): ("thành phố", frozenset({PROVINCE, DISTRICT})),
    ("tp",): ("thành phố", frozenset({PROVINCE, DISTRICT})),
    ("xa",): ("xã", frozenset({COMMUNE})),
    ("x",): ("xã", frozenset({COMMUNE})),
    ("phuong",): ("phường", frozenset({COMMUNE})),
    ("p",): ("phường", frozenset({COMMUNE})),
    ("thi", "tran"): ("thị trấn", frozenset({COMMUNE})),
    ("tt",): ("thị trấn", frozenset({COMMUNE})),
    ("dac", "khu"): ("đặc khu", frozenset({COMMUNE})),
    ("huyen",): ("huyện", frozenset({DISTRICT})),
    ("h",): ("huyện", frozenset({DISTRICT})),
    ("quan",): ("quận", frozenset({DISTRICT})),
    ("q",): ("quận", frozenset({DISTRICT})),
    ("thi", "xa"): ("thị xã", frozenset({DISTRICT})),
    ("tx",): ("thị xã", frozenset({DISTRICT})),
    ("thon",): ("thôn", frozenset({VILLAGE})),
    ("to", "dan", "pho"): ("tổ dân phố", frozenset({VILLAGE})),
    ("tdp",): ("tổ dân phố", frozenset({VILLAGE})),
    ("khu", "pho"): ("khu phố", frozenset({VILLAGE})),
    ("khu", "dan", "cu"): ("khu dân cư", frozenset({VILLAGE})),
    ("to",): ("tổ", frozenset({VILLAGE})),
    ("khu",): ("khu", frozenset({VILLAGE})),
    ("ap",): ("ấp", frozenset({VILLAGE})),
    ("ban",): ("bản", frozenset({VILLAGE})),
    ("xom",): ("xóm", frozenset({VILLAGE})),
    ("lang",): ("làng", frozenset({VILLAGE})),
    ("khoi",): ("khối", frozenset({VILLAGE})),
    ("buon",): ("buôn", frozenset({VILLAGE})),
    ("soc",): ("sóc", frozenset({VILLAGE})),
}
_MAX_KIND = max(len(k) for k in _KINDS)
_KIND_WORDS = sorted(
    {v[0] for v in _KINDS.values()} | {"đặc khu", "thị trấn"}, key=len, reverse=True
)
_TOKEN = re.compile(r"[^\W\d_]+|\d+", re.UNICODE)
# Other names of provinces in common use → today's province code.
PROVINCE_ALIASES = {"Sài Gòn": "79", "HCM": "79", "TPHCM": "79", "Hồ Chí Minh": "79"}


@dataclass(frozen=True)
class PlaceUnit:
    """One unit the matcher knows: today's unit, a pre-2025 unit, or a caller's own unit."""

    key: str  # unique inside the matcher ("c:00004", "old-c:00013", or the caller's code)
    code: str  # the unit's code in its own scheme
    name: str  # "Tân Tiến", "3"
    kind: str  # "xã", "phường", "thôn", ...
    level: str
    parent: str | None = None  # key of the parent unit
    province: str | None = None  # today's province code
    old: bool = False
    successors: tuple[str, ...] = ()  # today's codes covering an old unit

    @property
    def today(self) -> tuple[str, ...]:
        return self.successors if self.old else (self.code,)


@dataclass(frozen=True)
class PlaceMatch:
    """A unit mentioned in a text.

    `code` is today's unit meant, or None when the mention stays ambiguous; `codes` lists
    today's units the mention may mean (ambiguous) or covers (an old district, a split commune).
    `start`/`end` index the text as given (after Unicode NFC).
    """

    code: str | None
    codes: tuple[str, ...]
    start: int
    end: int
    text: str
    score: float
    via_old_name: bool
    ambiguous: bool
    level: str
    name: str = ""


@dataclass
class _Mention:
    start: int  # token positions
    end: int
    kind: str | None
    units: list[PlaceUnit]
    accented: str
    bare: bool = False
    chosen: list[PlaceUnit] = field(default_factory=list)


def _key(name: str) -> tuple[str, ...]:
    return tuple(_norm_number(t) for t in _TOKEN.findall(fold(name)))


def _norm_number(token: str) -> str:
    return str(int(token)) if token.isdigit() else token


def _accent(tokens: Iterable[str]) -> str:
    return " ".join(fix_tone(t).lower() for t in tokens)


def split_kind(full_name: str) -> tuple[str, str]:
    """("Phường Lê Chân") → ("phường", "Lê Chân"); a name without a kind word → ("", name)."""
    lowered = full_name.lower()
    for kind in _KIND_WORDS:
        if lowered.startswith(kind + " "):
            return kind, full_name[len(kind) + 1 :].strip()
    return "", full_name.strip()


class PlaceMatcher:
    """An index of unit names; `find(text)` lists the units a text mentions."""

    def __init__(self, units: Iterable[PlaceUnit] = (), *, provinces: Iterable[str] | None = None):
        self.restrict = frozenset(provinces) if provinces else frozenset()
        self.units: dict[str, PlaceUnit] = {}
        self._index: dict[tuple[str, ...], list[PlaceUnit]] = defaultdict(list)
        self._max_len = 1
        self.add(units)

    def add(self, units: Iterable[PlaceUnit]) -> PlaceMatcher:
        """Index more units (in place); returns the matcher."""
        for unit in units:
            if self.restrict and unit.province and unit.province not in self.restrict:
                continue
            self.units[unit.key] = unit
            key = _key(unit.name)
            if key:
                self._index[key].append(unit)
                self._max_len = max(self._max_len, len(key))
        return self

    def add_rows(self, rows: Iterable[Mapping], *, level: str = VILLAGE) -> PlaceMatcher:
        """Index the caller's own units (e.g. villages) from mappings with `code` (or `id`),
        `name` (a bare name, or a full name starting with its kind word: "Thôn Đông Hòa"),
        optional `kind`, `level` and `parent` (the parent's code: today's commune code or
        another row's code). The province is inherited from the parent when known."""
        pending = []
        for row in rows:
            code = str(row.get("code") or row.get("id"))
            kind, name = split_kind(str(row.get("full_name") or row.get("name") or ""))
            kind = str(row.get("kind") or kind or "thôn").lower()
            if row.get("full_name") and row.get("name"):
                name = str(row["name"])
            number = re.fullmatch(r"(?i)số\s+(\d+)", name.strip())
            if number:  # "Tổ dân phố số 1" is found as "tổ dân phố 1" and "tổ dân phố số 1"
                name = number.group(1)
            parent = row.get("parent")
            pending.append((code, name, kind, str(row.get("level") or level), parent))
        for code, name, kind, lvl, parent in pending:
            parent_key = self._parent_key(None if parent is None else str(parent))
            province = None
            if parent_key in self.units:
                province = self.units[parent_key].province
            self.add([PlaceUnit(code, code, name, kind, lvl, parent_key, province)])
        return self

    def _parent_key(self, code: str | None) -> str | None:
        if code is None:
            return None
        for key in (code, f"c:{code}", f"p:{code}"):
            if key in self.units:
                return key
        return code

    def find(self, text: str) -> list[PlaceMatch]:
        """The units `text` mentions, in order of appearance (see the module docstring)."""
        if not text:
            return []
        text = unicodedata.normalize("NFC", text)
        spans = [(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(text)]
        raw = [s[2] for s in spans]
        folded = [_norm_number(fold(t)) for t in raw]
        mentions = self._mentions(raw, folded)
        self._resolve(mentions)
        out = []
        for m in mentions:
            start, end = spans[m.start][0], spans[m.end - 1][1]
            out.append(self._result(m, start, end, text[start:end]))
        return out

    def codes(self, text: str) -> list[str]:
        """Today's unit codes the text mentions unambiguously, without repeats, in order."""
        seen: list[str] = []
        for match in self.find(text):
            if match.code and match.code not in seen:
                seen.append(match.code)
        return seen

    # --- finding and resolving -------------------------------------------------------------

    def _mentions(self, raw: list[str], folded: list[str]) -> list[_Mention]:
        found: list[_Mention] = []
        n = len(folded)
        i = 0
        while i < n:
            best = None
            for klen in range(min(_MAX_KIND, n - i - 1), 0, -1):
                kind = _KINDS.get(tuple(folded[i : i + klen]))
                if kind is None:
                    continue
                j = i + klen
                if folded[j] == "so" and j + 1 < n and folded[j + 1].isdigit():
                    j += 1  # "thôn số 3"
                best = self._name_at(raw, folded, j, kind, start=i)
                if best:
                    break
            if best is None and raw[i][:1].isupper():
                best = self._bare_at(raw, folded, i)
            if best is not None:
                found.append(best)
                i = best.end
            else:
                i += 1
        return found

    def _name_at(self, raw, folded, j, kind, *, start) -> _Mention | None:
        canonical, levels = kind
        for length in range(min(self._max_len, len(folded) - j), 0, -1):
            units = self._index.get(tuple(folded[j : j + length]))
            if not units:
                continue
            fitting = [u for u in units if u.level in levels]
            if not fitting and VILLAGE in levels:
                continue
            if not fitting:  # a kind word of another level ("xã" for a "phường")
                fitting = [u for u in units if u.level in (COMMUNE, DISTRICT)]
                if not fitting:
                    continue
            if levels == {VILLAGE} and length == 1 and not folded[j].isdigit():
                if not raw[j][:1].isupper():
                    continue  # "tổ chức", "khu vực": not a village without a capital
            return _Mention(start, j + length, canonical, fitting, _accent(raw[j : j + length]))
        return None

    def _bare_at(self, raw, folded, i) -> _Mention | None:
        for length in range(min(self._max_len, len(folded) - i), 0, -1):
            words = raw[i : i + length]
            if length == 1 and not (len(words[0]) >= 3 and words[0].isupper()):
                continue  # one capitalised word is too often a person's name
            if not all(w[:1].isupper() for w in words):
                continue
            key = tuple(folded[i : i + length])
            units = [u for u in self._index.get(key, ()) if u.level == PROVINCE]
            if units:
                return _Mention(i, i + length, None, units, _accent(words), bare=True)
        return None

    def _resolve(self, mentions: list[_Mention]) -> None:
        for m in mentions:
            m.chosen = self._by_form(m)
        for _round in range(2):  # a resolved mention may resolve another
            context: set[str] = set(self.restrict)
            for m in mentions:
                if len({c for u in m.chosen for c in u.today}) == 1 or len(m.chosen) == 1:
                    context |= self._context_of(m.chosen)
            for m in mentions:
                if len(m.chosen) > 1:
                    m.chosen = self._nearest(m.chosen, context)
        for m in mentions:
            same_kind = [u for u in m.chosen if u.kind == m.kind]
            m.chosen = self._prefer_today(same_kind or m.chosen)

    def _nearest(self, units: list[PlaceUnit], context: set[str]) -> list[PlaceUnit]:
        """The units whose closest ancestor named in the context is the closest of all."""
        ranks = []
        for unit in units:
            chain = self._ancestors(unit)
            rank = next((i for i, keys in enumerate(chain) if keys & context), None)
            ranks.append(rank)
        known = [r for r in ranks if r is not None]
        if not known:
            return units
        best = min(known)
        return [u for u, r in zip(units, ranks, strict=True) if r == best]

    def _prefer_today(self, units: list[PlaceUnit]) -> list[PlaceUnit]:
        """A name in use today means today's unit rather than an old namesake elsewhere."""
        today = [u for u in units if not u.old]
        if len(today) == 1 and len(units) > 1:
            return today
        return units

    def _by_form(self, m: _Mention) -> list[PlaceUnit]:
        units = m.units
        exact = [u for u in units if _accent(_TOKEN.findall(u.name)) == m.accented]
        if exact and m.accented != fold(m.accented):
            units = exact  # the text has diacritics: they must agree
        return units

    def _context_of(self, units: list[PlaceUnit]) -> set[str]:
        out: set[str] = set()
        for u in units:
            out.add(u.key)
            out.update(u.today)
            if u.province:
                out.add(u.province)
            if u.level == PROVINCE:
                out.update(u.today)
        return out

    def _ancestors(self, unit: PlaceUnit) -> list[set[str]]:
        """Keys and today's codes of the unit's parent, grandparent, ..., closest first."""
        chain: list[set[str]] = []
        seen: set[str] = set()
        key = unit.parent
        while key and key not in seen:
            seen.add(key)
            parent = self.units.get(key)
            chain.append({key} | (set(parent.today) if parent else set()))
            if parent is None:
                break
            key = parent.parent
        if unit.province:
            chain.append({unit.province})
        return chain

    def _result(self, m: _Mention, start: int, end: int, surface: str) -> PlaceMatch:
        units = m.chosen
        codes = tuple(dict.fromkeys(c for u in units for c in u.today))
        level = units[0].level
        old = all(u.old for u in units)
        score = 1.0 if not m.bare else 0.8
        if m.accented == fold(m.accented) and any(not ch.isascii() for u in units for ch in u.name):
            score -= 0.1  # typed without diacritics
        if m.kind and not any(u.kind == m.kind for u in units):
            score -= 0.2
        if len(units) == 1 and level == DISTRICT and old:
            unit = units[0]
            code = unit.province if len(codes) != 1 else codes[0]
            return PlaceMatch(code, codes, start, end, surface, round(score, 2), True, False,
                              level, f"{unit.kind} {unit.name}")  # fmt: skip
        if len(codes) == 1:
            unit = units[0]
            return PlaceMatch(codes[0], codes, start, end, surface, round(score, 2), old, False,
                              level, f"{unit.kind} {unit.name}")  # fmt: skip
        return PlaceMatch(None, codes, start, end, surface, round(score / 2, 2), old, True,
                          level, "")  # fmt: skip


# --- the package's data ---------------------------------------------------------------------


def _rows(name: str) -> list[dict[str, str]]:
    with open(DATA_DIR / name, encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


@lru_cache(maxsize=1)
def package_units() -> tuple[PlaceUnit, ...]:
    """Today's provinces and communes and the pre-2025 provinces, districts and communes
    (with their successors) from `dantinh/org/data/`."""
    units: list[PlaceUnit] = []
    for row in _rows("provinces_2025.csv"):
        kind, name = split_kind(row["full_name"])
        units.append(PlaceUnit(f"p:{row['code']}", row["code"], name, kind, PROVINCE,
                               None, row["code"]))  # fmt: skip
    for row in _rows("communes_2025.csv"):
        kind, name = split_kind(row["full_name"])
        units.append(PlaceUnit(f"c:{row['code']}", row["code"], name, kind, COMMUNE,
                               f"p:{row['province_code']}", row["province_code"]))  # fmt: skip
    for alias, code in PROVINCE_ALIASES.items():
        units.append(PlaceUnit(f"alias:{alias}", code, alias, "thành phố", PROVINCE, None, code))
    new_province = {r["old_province_code"]: r["new_province_codes"].split(";")[0].strip()
                    for r in _rows("conversion_provinces.csv")}  # fmt: skip
    successors: dict[str, list[str]] = defaultdict(list)
    district_successors: dict[str, list[str]] = defaultdict(list)
    for row in _rows("conversion_communes.csv"):
        if row["old_commune_code"]:
            successors[row["old_commune_code"]].append(row["new_commune_code"])
        district_successors[row["old_district_code"]].append(row["new_commune_code"])
    for row in _rows("provinces_2008.csv"):
        kind, name = split_kind(row["full_name"])
        today = new_province.get(row["code"], row["code"])
        units.append(PlaceUnit(f"old-p:{row['code']}", row["code"], name, kind, PROVINCE,
                               None, today, True, (today,)))  # fmt: skip
    for row in _rows("districts_2008.csv"):
        kind, name = split_kind(row["full_name"])
        today = tuple(dict.fromkeys(district_successors.get(row["code"], ())))
        units.append(PlaceUnit(f"old-d:{row['code']}", row["code"], name, kind, DISTRICT,
                               f"old-p:{row['province_code']}",
                               new_province.get(row["province_code"]), True, today))  # fmt: skip
    for row in _rows("communes_2008.csv"):
        kind, name = split_kind(row["full_name"])
        today = tuple(dict.fromkeys(successors.get(row["code"], ())))
        if not today:
            continue
        units.append(PlaceUnit(f"old-c:{row['code']}", row["code"], name, kind, COMMUNE,
                               f"old-d:{row['district_code']}",
                               new_province.get(row["province_code"]), True, today))  # fmt: skip
    return tuple(units)


@lru_cache(maxsize=16)
def _cached_matcher(provinces: frozenset[str]) -> PlaceMatcher:
    return PlaceMatcher(package_units(), provinces=provinces or None)


def package_matcher(provinces: Iterable[str] | None = None, *, copy: bool = False) -> PlaceMatcher:
    """A matcher over the package's units, optionally restricted to today's `provinces`
    (their 2025 codes). Cached per restriction; pass `copy=True` before `add_rows`, so the
    cached matcher is not changed."""
    matcher = _cached_matcher(frozenset(provinces or ()))
    if not copy:
        return matcher
    clone = PlaceMatcher(provinces=matcher.restrict)
    clone.units = dict(matcher.units)
    clone._index = defaultdict(list, {k: list(v) for k, v in matcher._index.items()})
    clone._max_len = matcher._max_len
    return clone


def find_places(text: str, provinces: Iterable[str] | None = None) -> list[PlaceMatch]:
    """`package_matcher(provinces).find(text)`."""
    return package_matcher(provinces).find(text)
