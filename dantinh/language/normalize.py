"""Unicode and spelling normalisation of Vietnamese text, and accent folding for search.

Two families of functions live here:

- `fold`, `search_tokens`, `search_text`: what the product's search index sees (lower case,
  no diacritics, đ → d, alphanumeric tokens);
- `normalize`: what the classifiers and the place matcher see — the same text in one canonical
  spelling: Unicode NFC, one tone-mark placement, one apostrophe, and the abbreviations and
  social-media spellings officials and citizens actually type expanded to full words.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from dantinh.language.lexicon import ABBREVIATIONS, CASED_ABBREVIATIONS, UNIT_ABBREVIATIONS

_NON_WORD = re.compile(r"[^0-9a-z]+")
_FOLD_TABLE = str.maketrans({"đ": "d", "Đ": "d"})


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Lower case, no diacritics, đ → d: what people type when they search.

    "Giải phóng mặt bằng" → "giai phong mat bang".
    """
    if not text:
        return ""
    if text.isascii():
        return text.lower()
    return text.translate(_FOLDED).lower()


class _Folded(dict):
    """Each character's fold (its decomposition without the combining marks, đ → d), for
    `str.translate`, computed the first time the character is met. Folding a text character
    by character is the same as folding it whole (a decomposition is per character; the
    marks that canonical ordering would move are all dropped), and three times faster than
    decomposing it and filtering it (a third of labelling an import's texts)."""

    def __missing__(self, code: int) -> str:
        folded = unicodedata.normalize("NFD", chr(code).translate(_FOLD_TABLE))
        folded = "".join(ch for ch in folded if not unicodedata.combining(ch))
        if len(self) < _FOLDED_KEPT:  # a text of random code points does not fill memory
            self[code] = folded
        return folded


_FOLDED_KEPT = 20_000
_FOLDED = _Folded()


def search_tokens(text: str) -> list[str]:
    """The folded alphanumeric tokens of a text, as the search index sees them."""
    return [tok for tok in _NON_WORD.split(fold(text)) if tok]


def search_text(text: str) -> str:
    """The folded tokens joined by single spaces: the form stored for accent-free search."""
    return " ".join(search_tokens(text))


# --- tone marks -----------------------------------------------------------------------------

_TONES = "\u0300\u0301\u0303\u0309\u0323"  # huyền, sắc, ngã, hỏi, nặng
_VOWELS = "aăâeêioôơuưy"
# (lower-case vowel without tone, tone mark or "") for every toned or plain vowel, both cases.
_SPLIT: dict[str, tuple[str, str]] = {}
_JOIN: dict[tuple[str, str], str] = {}
for _base in _VOWELS + _VOWELS.upper():
    for _tone in ("",) + tuple(_TONES):
        _char = unicodedata.normalize("NFC", _base + _tone)
        _SPLIT[_char] = (_base, _tone)
        _JOIN[(_base, _tone)] = _char
_TONED = frozenset(ch for ch, (_b, tone) in _SPLIT.items() if tone)
_HATTED_MAIN = frozenset("ăâêôơ")


@lru_cache(maxsize=65536)
def fix_tone(word: str) -> str:
    """Put the tone mark of one syllable where the traditional rule puts it.

    The rule ("hòa", "khỏe", "thủy" — the placement of official names and dictionaries): a
    vowel with a hat (ă â ê ô ơ) takes the tone; otherwise ư; otherwise the middle of three
    vowels; of two vowels the second when a final consonant follows ("hoàng", "tuyển"), else
    the first ("hòa", "mùa", "thủy"). The u of "qu" and the i of "gi" before a vowel belong to
    the consonant ("quý", "giá"). A word that is not one Vietnamese syllable is left alone.
    """
    toned = [i for i, ch in enumerate(word) if ch in _TONED]
    if len(toned) != 1:
        return word
    lower = "".join(_SPLIT[ch][0].lower() if ch in _SPLIT else ch.lower() for ch in word)
    for i in range(len(lower) - 1):
        # "quáa" (a stretched vowel after collapsing repeats): keep the toned one.
        if lower[i] == lower[i + 1] and lower[i] in _VOWELS and lower[i] != "o":
            drop = i + 1 if i in toned else i
            return fix_tone(word[:drop] + word[drop + 1 :])
    start = 0
    while start < len(lower) and lower[start] not in _SPLIT:
        start += 1
    if lower.startswith("qu") and start == 1 and len(lower) > 2 and lower[2] in _SPLIT:
        start = 2
    elif lower.startswith("gi") and start == 1 and len(lower) > 2 and lower[2] in _SPLIT:
        start = 2
    end = start
    while end < len(lower) and lower[end] in _SPLIT:
        end += 1
    if end == start or any(ch in _SPLIT for ch in lower[end:]):
        return word
    bases = [_SPLIT[ch][0].lower() for ch in word[start:end]]
    tone = _SPLIT[word[toned[0]]][1]
    n = len(bases)
    hatted = [i for i, b in enumerate(bases) if b in _HATTED_MAIN]
    if hatted:
        pos = hatted[-1]
    elif "ư" in bases:
        pos = bases.index("ư")
    elif n == 1:
        pos = 0
    elif n >= 3:
        pos = 1
    else:
        pos = 1 if end < len(word) else 0
    target = start + pos
    if target == toned[0]:
        return word
    chars = list(word)
    for i in range(end):
        if chars[i] in _SPLIT:
            chars[i] = _JOIN[(_SPLIT[chars[i]][0], tone if i == target else "")]
    return "".join(chars)


# --- spellings and abbreviations ------------------------------------------------------------

_APOSTROPHES = str.maketrans(
    {
        "\u2019": "'",
        "\u2018": "'",
        "\u02bc": "'",
        "\u00b4": "'",
        "`": "'",
        "\u2032": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u00ab": '"',
        "\u00bb": '"',
        "\u2013": "-",
        "\u2014": "-",
        "\u00a0": " ",
        "\u200b": "",
        "\ufeff": "",
    }
)
# Any character `_APOSTROPHES` changes: most texts have none, and translating costs a dict
# look-up per character.
_APOSTROPHE_CHARS = re.compile("[" + re.escape("".join(map(chr, _APOSTROPHES))) + "]")
_WORD = re.compile(r"[^\W_]+", re.UNICODE)
_REPEATS = re.compile(r"([^\W\d_])\1{2,}", re.UNICODE)
_SPACES = re.compile(r"[ \t\r\f\v]+")
# "TP. Hải Phòng", "P.Lê Chân", "Q.1", "TP HCM": a unit abbreviation, a dot or a space, then a
# name or a number. A single lower-case letter needs its dot ("x. tan tien"), to keep "p" etc.
_UNIT_ABBR = re.compile(
    r"(?<![\w.])(TP|Tp|tp|TX|Tx|tx|TT|Tt|P|Q|X|H|p|q|x|h)"
    r"(?:\.\s*|\s+(?=[A-ZĐÀ-Ỹ0-9])|(?=\d))(?=[\w])",
    re.UNICODE,
)


def _unit_abbr(match: re.Match[str]) -> str:
    key = match.group(1)
    full = UNIT_ABBREVIATIONS.get(key) or UNIT_ABBREVIATIONS.get(key.upper(), key)
    return full + " "


def _word(match: re.Match[str]) -> str:
    word = match.group(0)
    full = CASED_ABBREVIATIONS.get(word)
    if full is not None:
        return full
    full = ABBREVIATIONS.get(word.lower())
    if full is not None:
        return full
    return fix_tone(word)


def normalize(text: str, *, lower: bool = False) -> str:
    """One canonical spelling of a Vietnamese text, for the classifiers and the place matcher.

    The rule: Unicode NFC; curly quotes and apostrophe variants → ' and "; one tone placement
    ("hoà" → "hòa", "thuỷ" → "thủy", "qủa" → "quả"); letters repeated three or more times
    collapsed ("quáaaa" → "quá"); unit abbreviations expanded ("TP. Hải Phòng" → "thành phố Hải
    Phòng", "P.5" → "phường 5"); administrative acronyms and social-media spellings expanded
    ("UBND" → "ủy ban nhân dân", "ko"/"k"/"kh" → "không", "dc"/"đc" → "được", "ng" → "người");
    runs of spaces collapsed. Case is kept unless `lower` is true. Words that are not
    abbreviations are never replaced, so names and numbers survive.
    """
    if not text:
        return ""
    return _normalized(text, lower)


# Reports read the same texts several times (key phrases, summaries, near-duplicates), and
# the next report of the same window the same texts again: each is normalised once. The
# language engine keeps what it derives from a text (word runs, phrase candidates, sentence
# vectors, shingles, MinHash keys) for as many texts: about 19 KB each (measured on the
# demo's items), so at most ~150 MB, enough for two windows of 3,000 texts read
# (`reporting.contrib_items.TEXTS_READ`) and the sentences of their summaries.
TEXTS_CACHED = 8_000


@lru_cache(maxsize=TEXTS_CACHED)
def _normalized(text: str, lower: bool) -> str:
    if not text.isascii():
        text = unicodedata.normalize("NFC", text).translate(_APOSTROPHES)
    text = _REPEATS.sub(r"\1", text)
    text = _UNIT_ABBR.sub(_unit_abbr, text)
    text = _WORD.sub(_word, text)
    text = _SPACES.sub(" ", text).strip()
    return text.lower() if lower else text


# Letters/digits runs (keeping "5,5", "1.000", "24/7" whole), "?" and "!", one emoji or symbol.
TOKEN = re.compile(
    r"\d+(?:[.,/:-]\d+)*|[^\W_]+|[?!]|[\U0001F000-\U0001FAFF\u2600-\u27BF]",
    re.UNICODE,
)
_TOKEN_CACHE: dict[str, tuple[str, ...]] = {}


def _normal_token(token: str) -> tuple[str, ...]:
    found = _TOKEN_CACHE.get(token)
    if found is None:
        full = CASED_ABBREVIATIONS.get(token) or ABBREVIATIONS.get(token.lower())
        if full is not None:
            found = tuple(full.split())
        else:
            found = (fix_tone(token).lower(),)
        if len(_TOKEN_CACHE) < 300_000:
            _TOKEN_CACHE[token] = found
    return found


def normalized_tokens(text: str) -> list[str]:
    """The lower-case tokens of `normalize(text)`, computed faster (one cached look-up per
    token): syllables and numbers, "?" and "!", emoji. What the classifiers see."""
    if not text:
        return []
    if not text.isascii():
        text = unicodedata.normalize("NFC", text)
        if _APOSTROPHE_CHARS.search(text):
            text = text.translate(_APOSTROPHES)
    text = _REPEATS.sub(r"\1", text)
    text = _UNIT_ABBR.sub(_unit_abbr, text)
    cache = _TOKEN_CACHE
    return [
        word for token in TOKEN.findall(text) for word in (cache.get(token) or _normal_token(token))
    ]


def strip_diacritics(text: str) -> str:
    """The text without diacritics but with its case and punctuation, as people type on a phone.

    "Ủy ban" → "Uy ban"; "Đường" → "Duong". Used to make training copies of examples.
    """
    if not text or text.isascii():
        return text
    text = text.replace("đ", "d").replace("Đ", "D")
    decomposed = unicodedata.normalize("NFD", text)
    return unicodedata.normalize(
        "NFC", "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    )
