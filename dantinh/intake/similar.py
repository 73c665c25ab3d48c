"""Items that may record the same thing as a text: "this may already be logged" while an item
is typed, and the similar items of an item's page.

The same grievance is often logged twice (two officers, two channels, one letter sent to two
levels). A selector like every list: it reads through the policy, so an item outside the
user's scope is never returned, counted or scored.

Candidates come from the search index: items of the window (the last 90 days by default)
holding at least half of the text's most distinctive phrases (its names and words that are
rarest in recent items), newest first, at most CANDIDATES of them. Those are then scored in Python with the
near-duplicate shingles (`dantinh.language.dedup`): a Jaccard similarity of at least THRESHOLD
makes a near-duplicate.
"""

from __future__ import annotations

import datetime as dt
import re
import threading
import time
from array import array
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
from django.db.models import Max, Q
from django.utils import timezone

from dantinh.intake import search
from dantinh.intake.models import Item
from dantinh.intake.selectors import items_visible
from dantinh.language.classify.corpus import read_items
from dantinh.language.dedup import jaccard, shingles
from dantinh.language.normalize import search_tokens
from dantinh.language.summarize import key_phrases
from dantinh.org import paths, policies
from dantinh.org.models import Unit

# Jaccard of the dedup shingles from which an item counts as a near-duplicate (the engine's
# default too). Measured on the demo with copies of 200 recent items reworded by one, two and
# three edits (synonyms, clauses swapped, a sentence added or dropped, accents left out): 0.5
# finds 96%, 91% and 82% of them, 0.4 at most two points more; but for 10% of the items 0.4
# brings up another item about the same place, 0.5 for 7% (0.6: 4%, finding 2 points fewer).
THRESHOLD = 0.5
WINDOW_DAYS = 90
MIN_WORDS = 6  # shorter texts say too little to match on
CANDIDATES = 200
PHRASES = 8
LIMIT = 3
FREQUENCY_SECONDS = 3600
PHRASE_ITEMS = 20_000  # a phrase in more items selects little and costs the index a long read

_CLAUSE = re.compile(r"[^\w\s]+")
_frequencies: tuple[float, WordFrequencies] | None = None
_frequencies_lock = threading.Lock()


@dataclass(frozen=True)
class SimilarItem:
    item: Item
    similarity: float

    @property
    def percent(self) -> int:
        return round(self.similarity * 100)


def items_similar(
    *,
    user,
    text: str,
    unit: Unit | None = None,
    exclude: Item | int | None = None,
    since: dt.date | None = None,
    until: dt.date | None = None,
    limit: int = LIMIT,
    threshold: float = THRESHOLD,
) -> list[SimilarItem]:
    """Up to `limit` items the user may see that are near-duplicates of `text`, most similar
    first (then newest first).

    Only items observed between `since` (default: WINDOW_DAYS before today) and `until` (no
    bound by default) are considered. With `unit`, only items about the same place: the unit,
    a place inside it, or one that contains it (a duplicate is often logged less precisely,
    at the commune rather than the village). `exclude` leaves out one item (the one being
    edited, or the one whose page this is). Texts of fewer than MIN_WORDS words get nothing.
    """
    if len(search_tokens(text)) < MIN_WORDS:
        return []
    base = frozenset(map(hash, shingles(text)))
    phrases = distinctive_phrases(text)
    if not base or not phrases:
        return []
    since = since or timezone.localdate() - dt.timedelta(days=WINDOW_DAYS)
    qs = items_visible(user).filter(observed_on__gte=since)
    if until is not None:
        qs = qs.filter(observed_on__lte=until)
    if unit is not None:
        qs = qs.filter(_about_place_q(unit))
    if exclude is not None:
        qs = qs.exclude(pk=getattr(exclude, "pk", exclude))
    within = [] if policies.is_unrestricted(user) else policies.action_paths(user, "item.view")
    # A near-duplicate holds at least half of the text's shingles, and so, nearly always, at
    # least half of its distinctive phrases; asking for fewer lets common phrases flood the
    # newest CANDIDATES and push an older duplicate out.
    qs = search.apply_any(qs, phrases, at_least=max(1, len(phrases) // 2), within=within)
    candidates = list(qs.order_by("-observed_on", "-id").values_list("id", "text")[:CANDIDATES])
    scored = []
    for position, (pk, candidate_text) in enumerate(candidates):
        score = jaccard(base, frozenset(_shingle_hashes(candidate_text)))
        if score >= threshold:
            scored.append((-score, position, pk, score))
    scored.sort()
    best = scored[:limit]
    if not best:
        return []
    ids = [pk for _key, _position, pk, _score in best]
    found = items_visible(user).select_related("unit__parent").in_bulk(ids)
    return [SimilarItem(found[pk], round(score, 2)) for _key, _p, pk, score in best if pk in found]


def items_similar_to(*, user, item: Item, limit: int = LIMIT) -> list[SimilarItem]:
    """The near-duplicates of `item` that the user may see, about any place of their scope
    and observed within WINDOW_DAYS either side of it: the same matter logged twice, or raised
    in several places. For the item's page."""
    window = dt.timedelta(days=WINDOW_DAYS)
    return items_similar(
        user=user,
        text=item.text,
        exclude=item,
        limit=limit,
        since=item.observed_on - window,
        until=item.observed_on + window,
    )


def distinctive_phrases(text: str, *, top: int = PHRASES) -> list[str]:
    """Up to `top` phrases of `text` most likely to find its near-duplicates in the search
    index, folded as the index holds it: names (runs of capitalised words: "Hàng Kênh") and
    words of several syllables (`key_phrases`: "nạo vét", "nước thải"), the rarest in recent
    items first (`word_frequencies`); then, for text typed without accents and not cut into
    words, pairs of adjacent syllables.

    Rare phrases make a selective condition, and a cheap one: the index reads every item that
    holds a phrase. A phrase that would be in more than PHRASE_ITEMS items is left out ("giải
    quyết" is in a fifth of them), and one with a syllable of no recent item comes last: as
    often as a name, it is a typo or the new text's own wording, which a duplicate lacks.
    """
    tokens = search_tokens(text)
    written = f" {' '.join(tokens)} "
    frequencies = word_frequencies()

    def rank(phrase: str, *, word: bool = True) -> tuple[bool, float, int]:
        # a word with a syllable of no recent item, or a pair of syllables no item puts side by
        # side (most often where one clause ends and the next begins), comes last
        terms = phrase.split() if word else [phrase]
        unseen = not all(frequencies.count(term) for term in terms)
        return (unseen, frequencies.share(phrase), written.index(f" {phrase} "))

    def usable(phrase: str) -> bool:
        return f" {phrase} " in written and frequencies.items_holding(phrase) <= PHRASE_ITEMS

    found = [
        *_names(text),
        *(" ".join(search_tokens(p)) for p, _score in key_phrases(text, top=30)),
    ]
    phrases = sorted({p for p in found if " " in p and usable(p)}, key=rank)[:top]
    pairs = {f"{a} {b}" for a, b in zip(tokens, tokens[1:], strict=False)}
    pairs = sorted(pairs, key=lambda pair: rank(pair, word=False))
    for pair in pairs:
        if len(phrases) == top:
            break
        if usable(pair) and not any(f" {pair} " in f" {p} " for p in phrases):
            phrases.append(pair)
    return phrases


def _names(text: str) -> list[str]:
    """Runs of two or more capitalised words within a clause ("Phường Lê Chân", "Hàng Kênh"),
    folded."""
    names = []
    for clause in _CLAUSE.split(text):
        run: list[str] = []
        for word in [*clause.split(), ""]:
            if word[:1].isupper():
                run.append(word)
                continue
            if len(run) >= 2:
                names.append(" ".join(search_tokens(" ".join(run))))
            run = []
    return names


class WordFrequencies:
    """In how many of some texts (search forms) each syllable and each pair of adjacent
    syllables occurs, kept as 64-bit hashes and counts in sorted arrays (half a megabyte for
    4,000 texts; a dict of the strings takes several times that); and about how many items the
    index holds, to turn a share of the texts into a number of items."""

    def __init__(self, texts: Iterable[str], *, items: int) -> None:
        counts: Counter[int] = Counter()
        self.texts = 0
        for searchable in texts:
            words = searchable.split()
            pairs = (f"{a} {b}" for a, b in zip(words, words[1:], strict=False))
            counts.update({hash(w) for w in words} | {hash(p) for p in pairs})
            self.texts += 1
        keys = np.fromiter(counts.keys(), dtype=np.int64, count=len(counts))
        order = np.argsort(keys)
        self._keys = keys[order]
        self._counts = np.fromiter(counts.values(), dtype=np.int64, count=len(counts))[order]
        self.items = items

    def count(self, term: str) -> int:
        """Texts holding `term`, a syllable or a pair of syllables."""
        key = hash(term)
        i = int(np.searchsorted(self._keys, key))
        return int(self._counts[i]) if i < len(self._keys) and self._keys[i] == key else 0

    def share(self, phrase: str) -> float:
        """The share of texts holding `phrase` (for a longer phrase, its rarest pair's)."""
        words = phrase.split()
        pairs = [f"{a} {b}" for a, b in zip(words, words[1:], strict=False)] or words
        return min(self.count(pair) for pair in pairs) / max(self.texts, 1)

    def items_holding(self, phrase: str) -> float:
        return self.share(phrase) * self.items


def word_frequencies() -> WordFrequencies:
    """How common words are in the language engine's seed corpus, written for the project:
    never counted over the deployment's items, so that which phrases are searched cannot
    reveal anything outside the user's scope. Only the size of the table (to turn a share into
    a number of items) is read, again every FREQUENCY_SECONDS."""
    global _frequencies
    now = time.monotonic()
    if _frequencies is not None and _frequencies[0] > now:
        return _frequencies[1]
    with _frequencies_lock:
        if _frequencies is None or _frequencies[0] <= now:
            items = Item.objects.aggregate(n=Max("id"))["n"] or 0
            frequencies = WordFrequencies(_seed_texts(), items=items)
            _frequencies = (now + FREQUENCY_SECONDS, frequencies)
        return _frequencies[1]


@lru_cache(maxsize=1)
def _seed_texts() -> tuple[str, ...]:
    return tuple(" ".join(search_tokens(example.text)) for example in read_items())


def _about_place_q(unit: Unit) -> Q:
    """Items about `unit`, a place inside it, or one of its ancestors."""
    ancestors = [unit.path[:end] for end in range(paths.SEGMENT, len(unit.path), paths.SEGMENT)]
    return paths.subtree_q("unit_path", [unit.path]) | Q(unit_path__in=ancestors)


@lru_cache(maxsize=4096)
def _shingle_hashes(text: str) -> array:
    # Typing sends the text again every half second and finds the same candidates, and the
    # officers of a province share theirs: an item's shingles are kept, as 64-bit hashes
    # (about 1 kB an item with its text, a few MB in all; strings would take ten times that).
    return array("q", map(hash, shingles(text)))
