"""Unicode and spelling normalisation of Vietnamese text, and accent folding for search."""

import re
import unicodedata

_NON_WORD = re.compile(r"[^0-9a-z]+")
_FOLD_TABLE = str.maketrans({"đ": "d", "Đ": "d"})


def fold(text: str) -> str:
    """Lower case, no diacritics, đ → d: what people type when they search.

    "Giải phóng mặt bằng" → "giai phong mat bang".
    """
    if not text:
        return ""
    decomposed = unicodedata.normalize("NFD", text.translate(_FOLD_TABLE))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return stripped.lower()


def search_tokens(text: str) -> list[str]:
    """The folded alphanumeric tokens of a text, as the search index sees them."""
    return [tok for tok in _NON_WORD.split(fold(text)) if tok]


def search_text(text: str) -> str:
    return " ".join(search_tokens(text))
