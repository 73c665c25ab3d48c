"""Cue features: which families of `lexicon.CUES` a text contains, and which who × what pairs.

A family becomes one feature ("⟨written⟩"), so wordings the seed rarely uses share the weight
of the family; pairs ("⟨ethnic×infra⟩") let a linear model learn that the community involved
does not decide the field when the text is about a road. Phrases are matched on the text's
normalised syllables; a stretch typed without diacritics is matched against the phrases
without diacritics.
"""

from __future__ import annotations

from collections.abc import Iterable

from dantinh.language.lexicon import CUE_PAIRS, CUES
from dantinh.language.normalize import fold, normalized_tokens

PREFIX = "⟨"


class CueMatcher:
    def __init__(self, cues: dict[str, str] = CUES, pairs=CUE_PAIRS) -> None:
        self.accented: dict[tuple[str, ...], set[str]] = {}
        self.folded: dict[tuple[str, ...], set[str]] = {}
        for name, phrases in cues.items():
            for phrase in phrases.split(","):
                tokens = tuple(normalized_tokens(phrase.strip()))
                if not tokens:
                    continue
                self.accented.setdefault(tokens, set()).add(name)
                self.folded.setdefault(tuple(fold(t) for t in tokens), set()).add(name)
        # first syllable → the lengths of the phrases starting with it, longest first
        self.lengths: dict[str, list[int]] = {}
        self.folded_lengths: dict[str, list[int]] = {}
        for table, lengths in ((self.accented, self.lengths), (self.folded, self.folded_lengths)):
            for phrase in table:
                lengths.setdefault(phrase[0], []).append(len(phrase))
            for key in lengths:
                lengths[key] = sorted(set(lengths[key]), reverse=True)
        self.pairs = tuple(pairs)

    def starts(self, token: str, folded: str) -> bool:
        """Whether a phrase may start at this token (else `families` finds nothing there)."""
        return token in self.lengths or (token.isascii() and folded in self.folded_lengths)

    def families(
        self, tokens: list[str], folded: list[str], positions: Iterable[int] | None = None
    ) -> set[str]:
        """The cue families found in a text given as normalised tokens and their folded forms
        (looked for at `positions` only when given: the tokens where `starts` is true)."""
        found: set[str] = set()
        n = len(tokens)
        accented, folded_table = self.accented, self.folded
        for i in range(n) if positions is None else positions:
            for length in self.lengths.get(tokens[i], ()):
                if i + length <= n:
                    names = accented.get(tuple(tokens[i : i + length]))
                    if names:
                        found |= names
            if tokens[i].isascii():
                for length in self.folded_lengths.get(folded[i], ()):
                    if i + length <= n and all(t.isascii() for t in tokens[i : i + length]):
                        names = folded_table.get(tuple(folded[i : i + length]))
                        if names:
                            found |= names
        return found

    def features(
        self, tokens: list[str], folded: list[str], positions: Iterable[int] | None = None
    ) -> list[str]:
        found = self.families(tokens, folded, positions)
        out = [f"{PREFIX}{name}⟩" for name in sorted(found)]
        out += [f"{PREFIX}{a}×{b}⟩" for a, b in self.pairs if a in found and b in found]
        return out


_MATCHER: CueMatcher | None = None


def _matcher() -> CueMatcher:
    global _MATCHER
    if _MATCHER is None:
        _MATCHER = CueMatcher()
    return _MATCHER


def cue_features(
    tokens: list[str], folded: list[str], positions: Iterable[int] | None = None
) -> list[str]:
    """The cue features of a text; `positions`: only the tokens where `starts_cue` is true."""
    return _matcher().features(tokens, folded, positions)


def starts_cue(token: str, folded: str) -> bool:
    return _matcher().starts(token, folded)
