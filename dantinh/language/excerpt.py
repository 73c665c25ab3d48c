"""Excerpts that read as written: whole sentences, or a sentence cut between two words.

A Vietnamese word is one to four syllables ("bảo hiểm", "giải phóng mặt bằng"), each written
apart, so cutting at a space can still cut a word ("chậm đóng bảo…"). An excerpt keeps the
text's opening sentences that fit; only when its first sentence alone is too long is that
sentence cut — after a clause (",", ";", ":") when one ends late enough, else between two words
found by the segmenter, never after a function word or a word that leans on the next ("của",
"hằng") — and marked "…".
"""

from __future__ import annotations

import re

from dantinh.language.lexicon import LEANING, STOP_WORDS
from dantinh.language.normalize import fix_tone
from dantinh.language.tokenize import segment, sentences

ELLIPSIS = "…"
_EDGE = re.compile(r"^\W+|\W+$")
_CLAUSE_END = (",", ";", ":")
_WEAK = STOP_WORDS | LEANING


def excerpt(text: str, limit: int = 200) -> str:
    """The opening of `text` in whole sentences, at most `limit` characters (spaces folded);
    its first sentence cut between words, with "…", when that sentence alone is longer."""
    text = " ".join((text or "").split())
    if len(text) <= limit:
        return text
    found = sentences(text)
    kept = ""
    for sentence in found:
        longer = f"{kept} {sentence}".strip()
        if len(longer) > limit:
            break
        kept = longer
    return kept or cut(found[0] if found else text, limit)


def cut(sentence: str, limit: int) -> str:
    """`sentence` shortened to at most `limit` characters (the "…" included) at a word boundary."""
    sentence = " ".join(sentence.split())
    if len(sentence) <= limit:
        return sentence
    pieces = sentence.split(" ")
    syllables = [fix_tone(_EDGE.sub("", p).lower()) for p in pieces]
    # Where each word of the segmenter ends, counted in pieces.
    ends, position = [], 0
    for word in segment(syllables):
        position += word.count("_") + 1
        ends.append(position)
    budget = limit - len(ELLIPSIS)
    fitting = [e for e in ends if len(" ".join(pieces[:e])) <= budget]
    clause = [
        e
        for e in fitting
        if pieces[e - 1].endswith(_CLAUSE_END) and len(" ".join(pieces[:e])) >= budget / 2
    ]
    if clause:
        return " ".join(pieces[: clause[-1]]).rstrip(",;:") + ELLIPSIS
    # Leave out a trailing function word ("… của", "… hằng"), unless nothing else is left.
    while len(fitting) > 1 and syllables[fitting[-1] - 1] in _WEAK:
        fitting.pop()
    if not fitting:  # one word longer than the limit
        return sentence[:budget] + ELLIPSIS
    return " ".join(pieces[: fitting[-1]]).rstrip(",;:–-") + ELLIPSIS
