"""Reading labelled text files and the seed corpus; training-time augmentation.

Labelled files may be CSV, TSV, JSON lines, each optionally gzipped. The seed corpus is JSON
lines of items: text, field, secondary_fields, kind, mood, authority, style.
"""

from __future__ import annotations

import csv
import gzip
import hashlib
import io
import json
import random
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path

from dantinh.language.lexicon import ABBREVIATIONS
from dantinh.language.normalize import strip_diacritics

DATA = Path(__file__).resolve().parent.parent / "data"
SEED_PATH = DATA / "seed_items.jsonl"  # the first seed, written for the project
SEED2_PATH = DATA / "seed2_items.jsonl"  # a second seed, written by other hands
SEED3_PATH = DATA / "seed3_items.jsonl"  # a third seed, by a third writer
SEED4_PATH = DATA / "seed4_items.jsonl"  # a fourth seed, by a fourth writer
SEED5_PATH = DATA / "seed5_items.jsonl"  # a fifth seed, by a fifth writer
SEED6_PATH = DATA / "seed6_items.jsonl"  # a sixth seed, by a sixth writer
SEED7_PATH = DATA / "seed7_items.jsonl"  # a seventh seed, by a seventh writer
SEED8_PATH = DATA / "seed8_items.jsonl"  # an eighth seed, by an eighth writer
# Every writer's seed: what the format test checks and `dantinh nlp crosswriter --all` measures.
WRITER_SEED_PATHS: tuple[Path, ...] = (
    SEED_PATH,
    SEED2_PATH,
    SEED3_PATH,
    SEED4_PATH,
    SEED5_PATH,
    SEED6_PATH,
    SEED7_PATH,
    SEED8_PATH,
)
# What the default model trains on (see data/README.md): the eight writers' seeds. With the
# seventh and eighth added to every leave-one-writer-out mix of the first six, the remaining
# writer's field rose 0.9 points on average, kind 0.9 and mood 0.3; docs/benchmarks.md.
SEED_PATHS: tuple[Path, ...] = WRITER_SEED_PATHS

# Valence of each default mood (SPEC §13); kept here so the engine needs no Django app.
MOOD_VALENCE: dict[str, str] = {
    "vui_mung": "positive",
    "phan_khoi": "positive",
    "dong_tinh": "positive",
    "tin_tuong": "positive",
    "mong_muon": "neutral",
    "ban_khoan": "negative",
    "lo_lang": "negative",
    "buc_xuc": "negative",
}


@dataclass(frozen=True)
class ItemExample:
    """One labelled item. Empty strings / None mean "not labelled" for that head."""

    text: str
    field: str | None = None
    secondary_fields: tuple[str, ...] = ()
    kind: str | None = None
    mood: str | None = None
    authority: str | None = None
    weight: float = 1.0
    style: str = ""

    @classmethod
    def from_dict(cls, row: dict, *, weight: float | None = None) -> ItemExample:
        """Build from a mapping with the seed corpus keys; unknown keys are ignored."""
        secondary = row.get("secondary_fields") or ()
        if isinstance(secondary, str):
            secondary = [s.strip() for s in secondary.replace(";", ",").split(",") if s.strip()]
        return cls(
            text=str(row.get("text") or ""),
            field=row.get("field") or None,
            secondary_fields=tuple(secondary),
            kind=row.get("kind") or None,
            mood=row.get("mood") or None,
            authority=row.get("authority") or None,
            weight=float(weight if weight is not None else row.get("weight") or 1.0),
            style=str(row.get("style") or ""),
        )

    @property
    def valence(self) -> str | None:
        return MOOD_VALENCE.get(self.mood or "")


def _open_text(path: Path) -> io.TextIOBase:
    if path.suffix == ".gz":
        return io.TextIOWrapper(gzip.open(path, "rb"), encoding="utf-8-sig")
    return open(path, encoding="utf-8-sig", newline="")


def read_rows(path: str | Path) -> Iterator[dict]:
    """The rows of a CSV / TSV / JSONL file (optionally .gz) as dicts."""
    path = Path(path)
    name = path.name.lower().removesuffix(".gz")
    with _open_text(path) as handle:
        if name.endswith((".jsonl", ".ndjson", ".json")):
            for line in handle:
                line = line.strip()
                if line:
                    yield json.loads(line)
        else:
            dialect = "excel-tab" if name.endswith(".tsv") else "excel"
            yield from csv.DictReader(handle, dialect=dialect)


def read_labelled(
    path: str | Path, text_column: str = "text", label_column: str = "label"
) -> tuple[list[str], list[str]]:
    """Texts and labels of a labelled file; rows with an empty text or label are skipped."""
    texts: list[str] = []
    labels: list[str] = []
    for row in read_rows(path):
        if text_column not in row or label_column not in row:
            raise KeyError(
                f"{path}: columns {text_column!r} and {label_column!r} are required; "
                f"found {sorted(row)}"
            )
        text, label = row[text_column], row[label_column]
        if text is None or label is None or str(text).strip() == "" or str(label) == "":
            continue
        texts.append(str(text))
        labels.append(str(label))
    return texts, labels


def read_items(path: str | Path = SEED_PATH) -> list[ItemExample]:
    """Item examples from a JSONL/CSV file with the seed corpus columns."""
    path = Path(path)
    if not path.exists():
        return []
    return [ItemExample.from_dict(row) for row in read_rows(path) if row.get("text")]


def read_seed(paths: str | Path | Iterable[str | Path] = SEED_PATHS) -> list[ItemExample]:
    """The examples of one seed file or of several, in order."""
    if isinstance(paths, str | Path):
        paths = [paths]
    return [example for path in paths for example in read_items(path)]


def corpus_hash(examples: Iterable[ItemExample]) -> str:
    """A stable digest of the labelled content of examples (order-independent)."""
    lines = sorted(
        json.dumps(
            [e.text, e.field, list(e.secondary_fields), e.kind, e.mood, e.authority, e.weight],
            ensure_ascii=False,
        )
        for e in examples
    )
    return hashlib.sha256("\n".join(lines).encode("utf-8")).hexdigest()


# Full phrase → the short form people type: the acronyms of the abbreviation table (longest
# first) and the commonest chat spellings.
_CHAT_SHORT = {"không": "ko", "được": "dc", "người": "ng", "gì": "j", "với": "vs", "rồi": "r"}
_CONTRACTIONS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(rf"(?<!\w){re.escape(full)}(?!\w)"), short)
    for full, short in sorted(
        {
            **{
                full: short
                for short, full in ABBREVIATIONS.items()
                if short.isascii() and len(short) >= 3 and " " in full
            },
            **_CHAT_SHORT,
        }.items(),
        key=lambda pair: -len(pair[0]),
    )
]


def contract(text: str) -> str:
    """Rewrite full phrases into the abbreviations officials type ("không" → "ko",
    "ủy ban nhân dân" → "ubnd"); the inverse of what `normalize` expands. Lower-cases."""
    lowered = text.lower()
    for pattern, short in _CONTRACTIONS:
        lowered = pattern.sub(short, lowered)
    return lowered


def augment(
    examples: Iterable[ItemExample], *, weight: float = 0.5, seed: int = 13
) -> list[ItemExample]:
    """The examples plus copies typed as people type: every example once without
    diacritics, and those containing an abbreviable phrase once in short form (some of those
    also without diacritics). Copies weigh `weight` × the original."""
    rng = random.Random(seed)
    out: list[ItemExample] = []
    for example in examples:
        out.append(example)
        w = example.weight * weight
        out.append(replace(example, text=strip_diacritics(example.text), weight=w))
        short = contract(example.text)
        if short != example.text.lower():
            if rng.random() < 0.5:
                short = strip_diacritics(short)
            out.append(replace(example, text=short, weight=w))
    return out
