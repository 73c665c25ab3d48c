"""Key phrases and extractive summaries of Vietnamese texts, for the reports.

Key phrases are Vietnamese words and short runs of words (found with a word list, see
`tokenize.segment`): they never cross punctuation, never start or end with a function word,
and a longer phrase that explains most occurrences of a shorter one replaces it ("giải phóng
mặt bằng" rather than "giải phóng" and "mặt bằng"). Summaries pick the sentences closest to what the whole set of
texts is about, skipping near-repeats, and return them in their original order.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from functools import lru_cache

from dantinh.language import known
from dantinh.language.dedup import jaccard, shingles
from dantinh.language.lexicon import LEANING, STOP_WORDS
from dantinh.language.normalize import TEXTS_CACHED, TOKEN, fold, normalize
from dantinh.language.tokenize import segment, sentences

# A longer phrase replaces a shorter one it contains when it accounts for this share of the
# shorter one's uses ("giải phóng" → "giải phóng mặt bằng", but not "giải phóng mặt bằng" →
# "tiến độ giải phóng mặt bằng" because two texts of three share that wording).
COVERS = 0.8
_CHUNK = re.compile(r"[,.;:!?()\[\]{}\"“”…\n\-–—/]+")
_STOP = STOP_WORDS | frozenset(fold(w) for w in STOP_WORDS)
# Words every report uses; they are never key phrases on their own.
GENERIC = frozenset(
    """
    người dân nhân dân phản ánh đề nghị kiến nghị tình hình thông tin địa bàn hiện nay
    vấn đề nội dung trường hợp thời gian vừa qua đến nay có ý kiến cho rằng mong muốn
    xã phường thôn tổ huyện tỉnh thành phố quận
    """.split()
)
_GENERIC_PHRASES = frozenset(
    {
        "người dân",
        "nhân dân",
        "phản ánh",
        "đề nghị",
        "kiến nghị",
        "tình hình",
        "địa bàn",
        "thời gian",
        "vừa qua",
        "hiện nay",
        "vấn đề",
        "nội dung",
        "ý kiến",
        "mong muốn",
        "cho rằng",
        "trường hợp",
        "thông tin",
        "thành phố",
        "ủy ban nhân dân",
        "địa phương",
        "bà con",
        "một số",
        "công dân",
        "hộ dân",
        "ban dân vận",
        "tổ công tác",
        "dư luận",
        "báo cáo",
        "ghi nhận",
        "cho biết",
    }
)


@lru_cache(maxsize=TEXTS_CACHED)
def _chunks(text: str) -> tuple[tuple[str, ...], ...]:
    """Word runs (syllables joined by "_") of the normalised text between punctuation marks
    (once per text: see `normalize.TEXTS_CACHED`), or as stored with the text (`known`)."""
    stored = known.chunks(text)
    if stored is not None:
        return stored
    out = []
    for piece in _CHUNK.split(normalize(text, lower=True)):
        tokens = [t for t in TOKEN.findall(piece) if t not in "?!"]
        if tokens:
            out.append(tuple(segment(tokens)))
    return tuple(out)


@lru_cache(maxsize=TEXTS_CACHED)
def _padded(text: str) -> str:
    return f" {' '.join(known.tokens(text))} "


@lru_cache(maxsize=65536)
def _content(word: str) -> bool:
    syllables = word.split("_")
    if len(syllables) == 1:
        return (
            word not in _STOP
            and word not in GENERIC
            and word not in LEANING
            and word.isalpha()
            and len(word) > 1
        )
    return " ".join(syllables) not in _GENERIC_PHRASES


def _glued(left: str, right: str) -> bool:
    """Whether two neighbouring one-syllable content words may be one word the word list does
    not know ("lan rộng")."""
    return "_" not in left and "_" not in right and _content(left) and _content(right)


@lru_cache(maxsize=TEXTS_CACHED)
def _candidates(
    text: str, max_words: int
) -> tuple[tuple[tuple[str, ...], ...], tuple[tuple[tuple[str, ...], str], ...]]:
    """A text's key-phrase candidates, and its longest ones' one-syllable neighbours (see
    `key_phrases`), found once per text: a report only counts them."""
    found: list[tuple[str, ...]] = []
    near: list[tuple[tuple[str, ...], str]] = []
    for chunk in _chunks(text):
        size = len(chunk)
        # A run may stand as a phrase with content words at both ends, never a word that
        # leans on the next ("trợ cấp xã hội hằng"), but a number after "số" ("bão số 3").
        content = [_content(word) for word in chunk]
        for n in range(1, max_words + 1):
            for i in range(size - n + 1):
                last = i + n - 1
                if content[i] and (
                    content[last] or (n > 2 and chunk[last].isdigit() and chunk[last - 1] == "số")
                ):
                    gram = chunk[i : i + n]
                    found.append(gram)
                    if n < max_words:  # a longer run covers it (below)
                        continue
                    if i + n < size and _glued(gram[-1], chunk[i + n]):
                        near.append((gram, ">" + chunk[i + n]))
                    if i and _glued(chunk[i - 1], gram[0]):
                        near.append((gram, "<" + chunk[i - 1]))
    return tuple(found), tuple(near)


def key_phrases(
    texts: str | Iterable[str], *, top: int = 10, max_words: int = 3, min_count: int | None = None
) -> list[tuple[str, float]]:
    """The `top` key phrases of one text or a collection, with scores (higher is more key).

    Texts are cut into words (longest match against the Vietnamese word list, see
    `tokenize.segment`). Candidates are content words and runs of up to `max_words` words
    that start and end with a content word (never with a word that leans on the next, such
    as "hằng" or "số", but "bão số 3" keeps its number); a run of several words must occur at least
    twice; a phrase nearly always followed (or preceded) by the same one-syllable word is a word
    cut in two, and left out. The score is the number of texts (for one text: of occurrences) times the
    phrase's length in syllables, halved for a single one-syllable word. A longer phrase
    that accounts for most uses of a shorter one replaces it. `min_count` (default 1 for one
    text, 2 for several) is the least count a phrase needs. Phrases are lower-case, with
    diacritics.
    """
    if isinstance(texts, str):
        texts = [texts]
    texts = [t for t in texts if t and t.strip()]
    single = len(texts) <= 1
    if min_count is None:
        min_count = 1 if single else 2
    counts: Counter[tuple[str, ...]] = Counter()
    # (phrase, the syllable after it / before it) where that end is a one-syllable word: a
    # phrase nearly always followed by the same syllable ("… sốt xuất huyết lan" + "rộng")
    # is a word cut in two, which the word list did not know. Shorter runs need no such
    # check: the run one word longer is a candidate too and replaces them (COVERS).
    beside: Counter[tuple[tuple[str, ...], str]] = Counter()
    for text in texts:
        found, near = _candidates(text, max_words)
        if single:
            counts.update(found)
            beside.update(near)
        else:
            counts.update(set(found))
            beside.update(set(near))
    cut: set[tuple[str, ...]] = {
        gram for (gram, _side), n in beside.items() if n >= 2 and n >= COVERS * counts[gram]
    }
    scores: dict[tuple[str, ...], float] = {}
    for gram, count in counts.items():
        if count < min_count or (len(gram) > 1 and count < 2) or gram in cut:
            continue
        syllables = sum(w.count("_") + 1 for w in gram)
        scores[gram] = count * syllables * (0.5 if syllables == 1 else 1.0)
    # A longer phrase that covers most uses of a shorter one replaces it.
    for gram in sorted(scores, key=len, reverse=True):
        if gram not in scores:
            continue
        for n in range(1, len(gram)):
            for i in range(len(gram) - n + 1):
                sub = gram[i : i + n]
                if sub in scores and counts[gram] >= COVERS * counts[sub]:
                    del scores[sub]
    ranked = sorted(scores.items(), key=lambda pair: (-pair[1], pair[0]))[:top]
    return [(" ".join(gram).replace("_", " "), round(score, 3)) for gram, score in ranked]


def phrase_documents(texts: Sequence[str], phrases: Iterable[str]) -> dict[str, list[int]]:
    """For each phrase (as `key_phrases` returns them), the indexes of the texts that use it
    as whole syllables, after normalisation."""
    wanted = {p: f" {' '.join(TOKEN.findall(normalize(p, lower=True)))} " for p in phrases}
    found: dict[str, list[int]] = {p: [] for p in wanted}
    for i, text in enumerate(texts):
        padded = _padded(text)
        for phrase, needle in wanted.items():
            if needle in padded:
                found[phrase].append(i)
    return found


def _vector(tokens: Sequence[str]) -> Counter[str]:
    folded = [fold(t) for t in tokens]
    vec: Counter[str] = Counter(t for t in folded if t not in _STOP and not t.isdigit())
    vec.update(" ".join(folded[i : i + 2]) for i in range(len(folded) - 1))
    return vec


@lru_cache(maxsize=TEXTS_CACHED)
def _sentence_vector(sentence: str) -> tuple[int, Counter[str], float]:
    """A sentence's number of tokens, its vector (content syllables and pairs) and the
    vector's norm, once per sentence. The vector is shared: never change it."""
    tokens = [t for t in known.tokens(sentence) if t not in "?!"]
    vec = _vector(tokens)
    return len(tokens), vec, math.sqrt(sum(v * v for v in vec.values()))


def summarize(
    texts: str | Iterable[str],
    *,
    max_sentences: int = 3,
    diversity: float = 0.3,
    duplicate: float = 0.5,
) -> list[str]:
    """An extractive summary: up to `max_sentences` sentences of the texts, in their order.

    Each sentence scores by its cosine similarity to the centroid of all sentences (content
    syllables and syllable pairs), discounted when very short; sentences are picked greedily
    by score minus `diversity` × their similarity to those already picked (MMR), and a
    sentence whose shingles overlap a picked one by `duplicate` or more is skipped.
    """
    if isinstance(texts, str):
        texts = [texts]
    found: list[str] = []
    for text in texts:
        said = sentences(text)
        known.share_sentences(text, said)
        found.extend(said)
    if not found:
        return []
    features = [_sentence_vector(s) for s in found]
    centroid: Counter[str] = Counter()
    for _size, vec, _norm in features:
        centroid.update(vec)
    centroid_norm = math.sqrt(sum(v * v for v in centroid.values()))
    base = []
    for size, vec, norm in features:
        length_factor = min(1.0, size / 8) if size else 0.0
        dot = sum(v * centroid.get(k, 0) for k, v in vec.items())
        cosine = dot / (norm * centroid_norm) if norm and centroid_norm else 0.0
        base.append(cosine * length_factor)
    sets = [shingles(s) for s in found]
    picked: list[int] = []
    candidates = set(range(len(found)))
    while candidates and len(picked) < max_sentences:

        def gain(i: int) -> float:
            overlap = max((jaccard(sets[i], sets[j]) for j in picked), default=0.0)
            return base[i] - diversity * overlap

        best = max(sorted(candidates), key=gain)
        candidates.discard(best)
        if any(jaccard(sets[best], sets[j]) >= duplicate for j in picked):
            continue
        if base[best] <= 0 and picked:
            break
        picked.append(best)
    return [found[i] for i in sorted(picked)]
