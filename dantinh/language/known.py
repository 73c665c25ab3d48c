"""What the language engine was told about texts instead of computing it: each text's features
as `features.analyse` computed them where the text was written (intake stores them with each
item). The engine's per-text functions look here before computing — tokens, word runs,
sentences' tokens, MinHash band keys — so a report over stored texts only counts and picks.
Each part is decoded when a function first needs it (most texts need only some of them).

Only features computed by the same engine (`features.engine_stamp`) from the same text may be
handed in (`features.usable`); a part that is missing or unreadable is computed as before, so
the answer is the same either way, only slower.
"""

from __future__ import annotations

import base64

import numpy as np

from dantinh.language.normalize import TEXTS_CACHED, normalized_tokens

# Bounded like the engine's caches (texts; a few sentences each); the oldest half is forgotten
# when full.
LIMIT = TEXTS_CACHED
SENTENCES_LIMIT = 4 * TEXTS_CACHED
# A MinHash minimum is below 2³³ (`dedup._PRIME`): five of its eight bytes are stored.
KEPT_BYTES = 5

DATA: dict[str, dict] = {}  # text → its stored features (`features.analyse`)
SENTENCES: dict[str, tuple[str, ...]] = {}  # sentence of such a text → its tokens


def keep(table: dict, key: str, value, limit: int = LIMIT) -> None:
    if len(table) >= limit:
        for old in list(table)[: limit // 2]:
            del table[old]
    table[key] = value


def tokens(text: str) -> tuple[str, ...] | list[str]:
    """`normalize.normalized_tokens(text)`, from what was handed in when there is."""
    found = SENTENCES.get(text)
    if found is not None:
        return found
    data = DATA.get(text)
    if data is not None:
        try:
            whole = data["t"]
            if whole is not None:
                return tuple(whole.split())
            return tuple(t for sentence in data["s"] for t in sentence.split())
        except (KeyError, TypeError, AttributeError):
            pass
    return normalized_tokens(text)


def chunks(text: str) -> tuple[tuple[str, ...], ...] | None:
    """The text's word runs as handed in, or None."""
    data = DATA.get(text)
    if data is None:
        return None
    try:
        return tuple(tuple(run.split()) for run in data["w"])
    except (KeyError, TypeError, AttributeError):
        return None


def share_sentences(text: str, said: list[str]) -> None:
    """Hand in the tokens of the sentences (`tokenize.sentences`) of a text handed in."""
    data = DATA.get(text)
    if data is None:
        return
    try:
        found = data["s"]
        if len(found) != len(said):
            return
        for sentence, sentence_tokens in zip(said, found, strict=True):
            keep(SENTENCES, sentence, tuple(sentence_tokens.split()), SENTENCES_LIMIT)
    except (KeyError, TypeError, AttributeError):
        return


def band_keys(text: str, bands: int, rows: int) -> tuple[bytes, ...] | None:
    """The text's MinHash band keys as handed in (`bands` keys of `rows` 64-bit minima), or
    None."""
    data = DATA.get(text)
    if data is None:
        return None
    try:
        packed = np.frombuffer(base64.b64decode(data["b"]), dtype=np.uint8)
        minima = np.zeros((bands * rows, 8), dtype=np.uint8)
        minima[:, :KEPT_BYTES] = packed.reshape(bands * rows, KEPT_BYTES)
    except (KeyError, TypeError, AttributeError, ValueError):
        return None
    raw = minima.view("<u8").astype(np.uint64).tobytes()
    size = 8 * rows
    return tuple(raw[i * size : (i + 1) * size] for i in range(bands))


def pack(band_keys: tuple[bytes, ...]) -> str:
    """Band keys as `band_keys` reads them back."""
    minima = np.frombuffer(b"".join(band_keys), dtype=np.uint64).astype("<u8")
    return base64.b64encode(minima.view(np.uint8).reshape(-1, 8)[:, :KEPT_BYTES].tobytes()).decode(
        "ascii"
    )


def forget() -> None:
    """Forget everything handed in."""
    DATA.clear()
    SENTENCES.clear()
