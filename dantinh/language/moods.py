"""Which moods a text voices: the feeling words of the label guide (`lexicon.FEELING_WORDS`).

The guide's rule (data/README.md, "Moods only where voiced"; issue 12): an item has a mood
only where its text voices one — a feeling word or phrase; a plain report, request or letter
has none, and an opinion (`tam_trang`) always voices one. `voiced_moods` is that rule's
reading of a text; the seeds are checked against it (`python -m bench.moods --check`).
"""

from __future__ import annotations

from functools import lru_cache

from dantinh.language.lexicon import FEELING_WORDS, NOT_FEELING
from dantinh.language.normalize import fold, normalized_tokens

Phrase = tuple[str, ...]


def _phrases(text: str) -> list[Phrase]:
    return [p for p in (tuple(normalized_tokens(x.strip())) for x in text.split(",")) if p]


class _Matcher:
    def __init__(self) -> None:
        self.feelings: dict[Phrase, set[str]] = {}
        for mood, words in FEELING_WORDS.items():
            for phrase in _phrases(words):
                self.feelings.setdefault(phrase, set()).add(mood)
        self.not_feeling = set(_phrases(NOT_FEELING))
        # Folded forms for text typed without diacritics: two syllables or more only.
        self.folded_feelings: dict[Phrase, set[str]] = {}
        for phrase, moods in self.feelings.items():
            if len(phrase) > 1:
                self.folded_feelings.setdefault(tuple(map(fold, phrase)), set()).update(moods)
        self.folded_not = {tuple(map(fold, p)) for p in self.not_feeling if len(p) > 1}
        self.longest = max(len(p) for p in (*self.feelings, *self.not_feeling))

    def _spans(self, tokens: list[str], folded: list[str], accented_table, folded_table):
        """(start, end, value) of every phrase of the tables found in the tokens. A text typed
        wholly without diacritics is read by its phrases of two syllables or more only."""
        n = len(tokens)
        shortest = 2 if all(t.isascii() for t in tokens) else 1
        for i in range(n):
            for length in range(shortest, min(self.longest, n - i) + 1):
                window = tuple(tokens[i : i + length])
                value = _get(accented_table, window)
                if value is None and all(t.isascii() for t in window):
                    value = _get(folded_table, tuple(folded[i : i + length]))
                if value is not None:
                    yield i, i + length, value

    def moods(self, text: str) -> frozenset[str]:
        tokens = normalized_tokens(text)
        folded = [fold(t) for t in tokens]
        masked: set[int] = set()
        for start, end, _value in self._spans(tokens, folded, self.not_feeling, self.folded_not):
            masked.update(range(start, end))
        found: set[str] = set()
        for start, end, moods in self._spans(tokens, folded, self.feelings, self.folded_feelings):
            if not masked.intersection(range(start, end)):
                found |= moods
        return frozenset(found)


def _get(table, key):
    if isinstance(table, set):
        return True if key in table else None
    return table.get(key)


@lru_cache(maxsize=1)
def _matcher() -> _Matcher:
    return _Matcher()


def voiced_moods(text: str) -> frozenset[str]:
    """The moods whose feeling words the text holds (empty: it voices none).

    "Bà con lo lắng lũ về sớm" → {"lo_lang"}; "Đề nghị sửa cầu tràn trước mùa mưa" → {}.
    """
    return _matcher().moods(text)
