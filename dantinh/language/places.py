"""Recognising administrative units in Vietnamese text.

"xã Tân Tiến", "P. Lê Chân", "phuong le chan", "TP. Hải Phòng", "thôn 3": a mention is a unit
kind word (or its abbreviation) followed by a unit name. Names match with or without diacritics
and with either tone placement. Pre-2025 names (communes, districts and provinces before 1 July
2025) are recognised too and mapped through the statistics office's conversion table to today's
units.

A name may also stand on its own when written with capitals ("bare", `PlaceMatch.bare`, a
lower score: weaker evidence than a kind word):

- a province's ("ở Hải Phòng", "Sài Gòn", "HCM" in capitals);
- a commune's, today's or a pre-2025 one, of two syllables or more ("Người dân Lê Chân phản
  ánh", "Tại Kiến Thụy, bà con…", "Cử tri An Hưng kiến nghị", "UBND Lê Chân"), when the run of
  capitalised words is exactly the name: "Nguyễn Văn An" is a person, not "Nguyễn" + the
  commune "Văn An", and "Trần Lê Chân Hưng" holds no "Lê Chân". A sentence's first word may be
  capitalised only by position and is left out of the run ("Tại", "Người"), unless it is a
  family name ("Nguyễn", "Lê"). An acronym ("UBND", "MTTQ") is a word of its own, not part of
  a name, and so is "Việt Nam" closing a body's name ("Ủy ban MTTQ Việt Nam Thủy Nguyên"). The words before the name must not make it a person's or a thing's: a title right
  before it ("chị Thu Hà", "ông Văn An"), a village kind word ("thôn Tân Thành"), or a noun at
  the head of its noun phrase that names a thing ("đường Lê Chân", "trường chuyên Trần Phú",
  "Công ty TNHH Vật liệu mới Bình Minh"); the names of regions ("Biển Đông") and the start of
  a body's name ("Hội Phụ nữ") are not communes either. A name a province bears is the
  province's. Villages and former districts are never bare. Text typed in lower case without
  diacritics ("nguoi dan le chan") has no capitals to go by: its communes need a kind word.

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

from dantinh.language.lexicon import (
    ABBREVIATIONS,
    BEFORE_PLACES,
    NAMED_THINGS,
    PERSON_TITLES,
    REGION_NAMES,
    STOP_WORDS,
    SURNAMES,
)
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
    bare: bool = False  # named without a kind word: weaker evidence than "xã Tân Tiến"


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


@lru_cache(maxsize=65536)
def _fold_token(token: str) -> str:
    return _norm_number(fold(token))


def _accent(tokens: Iterable[str]) -> str:
    return " ".join(fix_tone(t).lower() for t in tokens)


def _kind_written(tokens: list[str], canonical: str) -> bool:
    """The tokens are the kind word, written with its own diacritics or none at all
    ("phường", "phuong", "P"): "Phượng" or "quân" only fold to "phường" and "quận"."""
    return all(t.isascii() for t in tokens) or _accent(tokens) == fix_tone(canonical)


def split_kind(full_name: str) -> tuple[str, str]:
    """("Phường Lê Chân") → ("phường", "Lê Chân"); a name without a kind word → ("", name)."""
    lowered = full_name.lower()
    for kind in _KIND_WORDS:
        if lowered.startswith(kind + " "):
            return kind, full_name[len(kind) + 1 :].strip()
    return "", full_name.strip()


# --- names without a kind word -------------------------------------------------------------


class _Layout:
    """Where a text's tokens sit: runs of capitalised words, sentence starts, the words before.

    Two tokens belong to one run when only spaces separate them and both are capitalised as
    names are ("Lê Chân"); a comma, a full stop, a bracket or an acronym ("UBND") ends the run.
    Worked out on demand: most tokens never need it.
    """

    __slots__ = ("text", "spans", "raw", "plain")

    def __init__(self, text: str, spans: list[tuple[int, int, str]], raw: list[str]):
        self.text, self.spans, self.raw = text, spans, raw
        self.plain = text.isascii()  # typed without diacritics: words compare without them

    def capital(self, k: int) -> bool:
        """A name's syllable ("Lê", "Chân", "A"); an acronym ("UBND") is a word of its own."""
        t = self.raw[k]
        return t[:1].isupper() and (len(t) == 1 or not t.isupper())

    def _gap(self, k: int) -> str:
        return self.text[self.spans[k - 1][1] : self.spans[k][0]] if k else ""

    def joined(self, k: int) -> bool:
        """Only white space between token `k` and the one before, or an apostrophe inside a
        syllable ("Ea H'Leo")."""
        gap = self._gap(k)
        return (gap != "" and gap.isspace()) or gap in _APOSTROPHES

    def sentence_start(self, k: int) -> bool:
        return k == 0 or _SENTENCE_END.search(self._gap(k)) is not None

    def run_end(self, i: int) -> int:
        k = i + 1
        while k < len(self.raw) and self.joined(k) and self.capital(k):
            k += 1
        return k

    def run_start(self, i: int) -> bool:
        return not (self.joined(i) and self.capital(i - 1))

    def positional_capital(self, i: int) -> bool:
        """The token opens a sentence and is no person's surname: its capital may be only the
        sentence's ("Tại", "Người"), not a name's ("Nguyễn", "Lê")."""
        return self.sentence_start(i) and not _SURNAMES.has(self.raw[i], self.plain)

    def names_something_else(self, i: int) -> bool:
        """The name starting at token `i` is a person's or a thing's, by the words before it:
        a title right before it ("ông Văn An", "chị Thu Hà"), or a noun naming a thing or a
        village at the head of its noun phrase ("thôn Tân Thành", "đường Lê Chân", "công ty
        TNHH Vật liệu mới Bình Minh"). Going back word by word, the nearest of such a noun and
        a word that makes a place ("ở", "tại", "khu vực", "bà con", "xã cũ") decides; a
        punctuation mark or a function word ("sau", "các", "được") ends the phrase."""
        if i == 0 or not self.joined(i):
            return False
        if _RIGHT_BEFORE_OTHERS.longest_at(self, i - 1):
            return True
        for k in range(i - 1, max(i - 1 - _PHRASE_REACH, -1), -1):
            place = _BEFORE_PLACES.longest_at(self, k)
            thing = _BEFORE_THINGS.longest_at(self, k)
            if place or thing:  # the longer phrase: "hợp tác xã Nông nghiệp Hải Thành"
                return thing > place
            if not self.joined(k) or _FUNCTION_WORDS.has(self.raw[k], self.plain):
                break  # "hồ sơ sau khi trụ sở Lê Ích Mộc": "sau" ends the noun phrase
        return False


class _Words:
    """A set of words or phrases written in lower case with diacritics. In a text typed without
    any diacritics ("nguoi dan"), a word is compared without them."""

    def __init__(self, phrases: Iterable[str]):
        self._by_last: dict[str, list[tuple[str, ...]]] = defaultdict(list)
        self._plain_by_last: dict[str, list[tuple[str, ...]]] = defaultdict(list)
        for phrase in phrases:
            words = tuple(fix_tone(w) for w in phrase.lower().split())
            self._by_last[words[-1]].append(words)
            self._plain_by_last[fold(words[-1])].append(tuple(fold(w) for w in words))

    def has(self, token: str, plain: bool) -> bool:
        form = token.lower() if plain else _accent([token])
        return any(
            len(w) == 1 for w in (self._plain_by_last if plain else self._by_last).get(form, ())
        )

    def longest_at(self, layout: _Layout, k: int) -> int:
        """The number of words of the longest phrase ending at token `k` (its words separated
        by spaces only), 0 if none does."""
        raw, plain = layout.raw, layout.plain
        form = (lambda t: t.lower()) if plain else (lambda t: _accent([t]))
        best = 0
        for words in (self._plain_by_last if plain else self._by_last).get(form(raw[k]), ()):
            first = k - len(words) + 1
            if (
                len(words) > best
                and first >= 0
                and all(layout.joined(j) for j in range(first + 1, k + 1))
                and all(form(raw[first + j]) == w for j, w in enumerate(words))
            ):
                best = len(words)
        return best


_SURNAMES = _Words(SURNAMES)
_COMMUNE_KINDS = [v[0] for v in _KINDS.values() if v[1] & {PROVINCE, DISTRICT, COMMUNE}]
_VILLAGE_KINDS = [v[0] for v in _KINDS.values() if v[1] == {VILLAGE} and v[0] != "tổ"]
# Right before a name: a person ("chị Thu Hà") or a village ("tổ Tân Thành"); further back
# "tổ" is a group of people ("Tổ công tác Lạc Phượng", the commune's working group).
_RIGHT_BEFORE_OTHERS = _Words([*PERSON_TITLES, "tổ"])
# "xã cũ Đại Thắng", "ở Kiến Thụy": a place; "thôn Tân Thành", "chợ Tân Tiến": something else
_BEFORE_PLACES = _Words([*BEFORE_PLACES, *_COMMUNE_KINDS])
_BEFORE_THINGS = _Words([*NAMED_THINGS, *_VILLAGE_KINDS, "tdp", "kdc"])
_FUNCTION_WORDS = _Words(w for w in STOP_WORDS if "_" not in w)
_PHRASE_REACH = 6  # words back to the head of the noun phrase: "Công ty TNHH Vật liệu mới"
_BARE_LEVELS = frozenset({COMMUNE})  # what a bare name may be besides a province
_SENTENCE_END = re.compile(r"[.!?;:…\n]")
_APOSTROPHES = frozenset({"'", "’", "‘"})


def _phrases_by_start(phrases: Iterable[str]) -> dict[tuple[str, ...], list[tuple[str, ...]]]:
    """Folded phrases of three words or more under each of their beginnings of two or more."""
    out: dict[tuple[str, ...], list[tuple[str, ...]]] = defaultdict(list)
    for phrase in set(phrases):
        words = tuple(fold(phrase).split())
        for length in range(2, len(words)):
            out[words[:length]].append(words)
    return dict(out)


# A name that goes on into a body's name is part of it: "Hội Phụ nữ" is not the commune
# "Hội Phụ" followed by "nữ".
_BODY_NAMES = _phrases_by_start(ABBREVIATIONS.values())
_REGION_NAMES = frozenset(tuple(fold(n).split()) for n in REGION_NAMES)
# Province names that on their own are far more often a person's: the city is written "TP. Hồ
# Chí Minh", "TP.HCM" or "Sài Gòn".
_PEOPLE_FIRST = frozenset({("ho", "chi", "minh")})


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
        folded = [_fold_token(t) for t in raw]
        mentions = self._mentions(raw, folded, _Layout(text, spans, raw))
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

    def _mentions(self, raw: list[str], folded: list[str], layout: _Layout) -> list[_Mention]:
        found: list[_Mention] = []
        n = len(folded)
        i = 0
        while i < n:
            best = None
            for klen in range(min(_MAX_KIND, n - i - 1), 0, -1):
                kind = _KINDS.get(tuple(folded[i : i + klen]))
                if kind is None or not _kind_written(raw[i : i + klen], kind[0]):
                    continue
                j = i + klen
                if folded[j] == "so" and j + 1 < n and folded[j + 1].isdigit():
                    j += 1  # "thôn số 3"
                best = self._name_at(raw, folded, j, kind, start=i)
                if best:
                    break
            if best is None and raw[i][:1].isupper():
                best = self._bare_at(raw, folded, i)
                if best and (
                    layout.names_something_else(i) or tuple(folded[i : best.end]) in _PEOPLE_FIRST
                ):
                    best = None  # "Tổ dân phố Hòa Bình", "tư tưởng Hồ Chí Minh"
                commune = self._bare_commune_at(raw, folded, i, layout)
                if commune and (best is None or commune.end > best.end):
                    best = commune  # "Điện Biên Phủ" is a ward, not the province "Điện Biên"
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

    def _bare_commune_at(self, raw, folded, i, layout: _Layout) -> _Mention | None:
        """A commune written without its kind word: the whole run of capitalised words at `i`
        must be its name (see the module docstring)."""
        if not layout.capital(i) or not layout.run_start(i):
            return None
        end = layout.run_end(i)
        start = i
        if tuple(folded[i : i + 2]) == ("viet", "nam") and self._bare_name(folded, i + 2, end):
            start = i + 2  # "Ủy ban MTTQ Việt Nam Thủy Nguyên": the country ends the body's name
        if end - start < 2 or not self._bare_name(folded, start, end):
            # "Tại Kiến Thụy": a sentence's first word may be capitalised only by position
            start = i + 1
            if not layout.positional_capital(i) or end - start < 2:
                return None
            if not self._bare_name(folded, start, end):
                return None
        key = tuple(folded[start:end])
        if key in _REGION_NAMES or layout.names_something_else(start):
            return None
        if any(tuple(folded[start : start + len(p)]) == p for p in _BODY_NAMES.get(key, ())):
            return None
        units = [u for u in self._index.get(key, ()) if u.level in _BARE_LEVELS]
        return _Mention(start, end, None, units, _accent(raw[start:end]), bare=True)

    def _bare_name(self, folded, start, end) -> bool:
        """A commune's name, and no province's: "Hải Phòng" on its own is the city."""
        units = self._index.get(tuple(folded[start:end]), ())
        levels = {u.level for u in units}
        return PROVINCE not in levels and not levels.isdisjoint(_BARE_LEVELS)

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
            return PlaceMatch(
                code,
                codes,
                start,
                end,
                surface,
                round(score, 2),
                True,
                False,
                level,
                f"{unit.kind} {unit.name}",
                m.bare,
            )
        if len(codes) == 1:
            unit = units[0]
            return PlaceMatch(
                codes[0],
                codes,
                start,
                end,
                surface,
                round(score, 2),
                old,
                False,
                level,
                f"{unit.kind} {unit.name}",
                m.bare,
            )
        return PlaceMatch(
            None, codes, start, end, surface, round(score / 2, 2), old, True, level, "", m.bare
        )


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
        units.append(
            PlaceUnit(f"p:{row['code']}", row["code"], name, kind, PROVINCE, None, row["code"])
        )
    for row in _rows("communes_2025.csv"):
        kind, name = split_kind(row["full_name"])
        units.append(
            PlaceUnit(
                f"c:{row['code']}",
                row["code"],
                name,
                kind,
                COMMUNE,
                f"p:{row['province_code']}",
                row["province_code"],
            )
        )
    for alias, code in PROVINCE_ALIASES.items():
        units.append(PlaceUnit(f"alias:{alias}", code, alias, "thành phố", PROVINCE, None, code))
    new_province = {
        r["old_province_code"]: r["new_province_codes"].split(";")[0].strip()
        for r in _rows("conversion_provinces.csv")
    }
    successors: dict[str, list[str]] = defaultdict(list)
    district_successors: dict[str, list[str]] = defaultdict(list)
    for row in _rows("conversion_communes.csv"):
        if row["old_commune_code"]:
            successors[row["old_commune_code"]].append(row["new_commune_code"])
        district_successors[row["old_district_code"]].append(row["new_commune_code"])
    for row in _rows("provinces_2008.csv"):
        kind, name = split_kind(row["full_name"])
        today = new_province.get(row["code"], row["code"])
        units.append(
            PlaceUnit(
                f"old-p:{row['code']}",
                row["code"],
                name,
                kind,
                PROVINCE,
                None,
                today,
                True,
                (today,),
            )
        )
    for row in _rows("districts_2008.csv"):
        kind, name = split_kind(row["full_name"])
        today = tuple(dict.fromkeys(district_successors.get(row["code"], ())))
        units.append(
            PlaceUnit(
                f"old-d:{row['code']}",
                row["code"],
                name,
                kind,
                DISTRICT,
                f"old-p:{row['province_code']}",
                new_province.get(row["province_code"]),
                True,
                today,
            )
        )
    for row in _rows("communes_2008.csv"):
        kind, name = split_kind(row["full_name"])
        today = tuple(dict.fromkeys(successors.get(row["code"], ())))
        if not today:
            continue
        units.append(
            PlaceUnit(
                f"old-c:{row['code']}",
                row["code"],
                name,
                kind,
                COMMUNE,
                f"old-d:{row['district_code']}",
                new_province.get(row["province_code"]),
                True,
                today,
            )
        )
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
