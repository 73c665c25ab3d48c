"""The language engine at the door of item entry and imports: suggestions for a text, in the
product's terms (taxonomy entries, units of the user's scope), and batch labelling.

The engine (dantinh.language) knows codes; this module turns them into rows and keeps the
place matcher in step with the unit tree.
"""

from __future__ import annotations

import dataclasses
import functools
import logging
import multiprocessing
import os
import threading
from collections.abc import Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Max
from django.utils.text import capfirst

from dantinh.intake.models import Authority, Field, Item, Kind, Mood
from dantinh.language.classify.corpus import SEED_PATHS
from dantinh.language.classify.item import CHOICE_HEADS, ItemModel, SeedPaths, current_model
from dantinh.language.normalize import search_text
from dantinh.language.places import PlaceMatcher, package_matcher
from dantinh.org import policies
from dantinh.org.models import Unit

logger = logging.getLogger(__name__)

_LOCK = threading.Lock()
# Lists at least this long are labelled by worker processes (one per core), in chunks: below
# it, starting the workers costs more than it saves. The model is CPU work in Python, one
# core per process (docs/benchmarks.md, "Import at full speed").
PARALLEL_FROM = 4_000
_MATCHER: dict[tuple, PlaceMatcher] = {}
_BATCH = 512  # texts the model takes at once: its matrices stay small
_CHUNK = 1_000  # texts a worker labels before sending them back


def model_seed() -> SeedPaths:
    """The seed corpus the deployment's models train on: DANTINH_MODEL_SEED, else the
    shipped seeds."""
    return list(settings.DANTINH_MODEL_SEED) or SEED_PATHS


def item_model() -> ItemModel:
    """The deployment's current model (trained from the seed on first use, then cached)."""
    return current_model(settings.DANTINH_MODEL_DIR, seed_path=model_seed())


def place_matcher() -> PlaceMatcher:
    """Official units of the provinces this deployment holds, plus its own units below the
    communes (villages…), rebuilt when the unit tree changes."""
    stamp = tuple(Unit.objects.aggregate(n=Max("id"), t=Max("updated_at")).values())
    with _LOCK:
        cached = _MATCHER.get(stamp)
        if cached is not None:
            return cached
        provinces = list(
            Unit.objects.filter(code_scheme=Unit.CodeScheme.GSO_2025, depth=0).values_list(
                "code", flat=True
            )
        )
        matcher = package_matcher(provinces or None, copy=True)
        official = dict(
            Unit.objects.filter(code_scheme=Unit.CodeScheme.GSO_2025).values_list("id", "code")
        )
        rows = [
            # the full name ("Tổ dân phố số 1"): the matcher splits off the kind word itself;
            # parents before children, so that each inherits its province
            {
                "code": f"u{u.pk}",
                "full_name": u.full_name,
                "level": "commune" if u.depth == 1 else "village",
                "parent": official.get(u.parent_id, f"u{u.parent_id}"),
            }
            for u in Unit.objects.filter(
                kind=Unit.Kind.TERRITORIAL, depth__gte=1, code_scheme=Unit.CodeScheme.LOCAL
            )
            .only("id", "full_name", "parent_id", "depth")
            .order_by("depth", "id")
        ]
        matcher.add_rows(rows)
        _MATCHER.clear()
        _MATCHER[stamp] = matcher
        return matcher


def units_for_codes(codes: list[str]) -> list[Unit]:
    """Units for the matcher's codes: "u<id>" for the deployment's own, official codes else."""
    ids = [int(c[1:]) for c in codes if c.startswith("u") and c[1:].isdigit()]
    official = [c for c in codes if not c.startswith("u")]
    found = {f"u{u.pk}": u for u in Unit.objects.filter(pk__in=ids)}
    found.update(
        {
            u.code: u
            for u in Unit.objects.filter(code_scheme=Unit.CodeScheme.GSO_2025, code__in=official)
        }
    )
    return [found[c] for c in codes if c in found]


@dataclass
class Suggestion:
    model_version: str
    field: Field | None = None
    secondary_fields: list[Field] = dataclasses.field(default_factory=list)
    kind: Kind | None = None
    mood: Mood | None = None
    authority: Authority | None = None
    unit: Unit | None = None
    scores: dict[str, float] = dataclasses.field(default_factory=dict)
    # Heads the model is unsure of (calibrated probability below UNSURE_BELOW): their two
    # likeliest answers as (entry, probability), best first; the entry is None for "no mood".
    # Such a head is not filled in: the person picks one of the two, or anything else.
    choices: dict[str, list[tuple]] = dataclasses.field(default_factory=dict)

    def choice_rows(self) -> list[tuple[str, str, list[tuple]]]:
        """(head, its name, its two choices) in the form's order, for the template."""
        return [
            (head, capfirst(Item._meta.get_field(head).verbose_name), self.choices[head])
            for head in CHOICE_HEADS
            if head in self.choices
        ]

    def codes(self) -> dict[str, str]:
        """What was suggested, as codes: stored with the item to recognise corrections."""
        return {
            name: getattr(self, name).code
            for name in ("field", "kind", "mood", "authority")
            if getattr(self, name) is not None
        }


def _by_code(model, code):
    return model.objects.filter(code=code, is_active=True).first() if code else None


_ENTRIES = {"field": Field, "kind": Kind, "mood": Mood, "authority": Authority}


def suggest(*, user, text: str) -> Suggestion:
    """Labels for a text being typed, and the place it mentions if the user may log items
    there (the deepest such unit). A head the model is unsure of is left empty and offers its
    two likeliest answers instead (`choices`)."""
    model = item_model()
    result = model.suggest(text)
    suggestion = Suggestion(
        model_version=result.model_version,
        field=_by_code(Field, result.field),
        secondary_fields=list(
            Field.objects.filter(code__in=result.secondary_fields, is_active=True)
        ),
        kind=_by_code(Kind, result.kind),
        mood=_by_code(Mood, result.mood),
        authority=_by_code(Authority, result.authority),
        scores={
            "field": result.field_score,
            "kind": result.kind_score,
            "mood": result.mood_score,
            "authority": result.authority_score,
        },
    )
    for head in result.unsure():
        pairs = []
        for code, p in result.alternatives.get(head, []):
            entry = _by_code(_ENTRIES[head], code)
            if entry is not None or code is None:  # None: the mood head's "no mood"
                pairs.append((entry, p))
        if len(pairs) == 2:  # both answers are entries this deployment still uses
            setattr(suggestion, head, None)
            suggestion.choices[head] = pairs
    units = [
        u
        for u in units_for_codes(place_matcher().codes(text))
        if policies.can(user, "item.create", u)
    ]
    if units:
        suggestion.unit = max(units, key=lambda u: u.depth)
    return suggestion


def label_texts(texts: list[str], *, workers: int | None = None) -> list[dict]:
    """Codes suggested for many texts at once (imports): one dict per text, in order, with
    the codes of "field", "kind", "mood" (None: no mood) and "authority" (None unless the
    kind needs one), "model_version", "unsure" (the heads below UNSURE_BELOW) and, for those
    heads only, their two likeliest (code, probability) under "alternatives"; under
    "search_text" the text folded as the search index stores it.

    A list of PARALLEL_FROM texts or more is split among `workers` processes (default
    `label_workers()`), forked once the model is loaded so that none loads it again; the
    result is the same as in one process. Where processes cannot be started, one does it."""
    return list(label_stream(texts, workers=workers))


def label_stream(texts: list[str], *, workers: int | None = None) -> Iterator[dict]:
    """`label_texts`, one dict at a time as the chunks are labelled (in order): an import
    writes the first rows while the processes label the rest. Closing the iterator early
    stops the workers."""
    with Labeller(len(texts), workers=workers) as labeller:
        for text in texts:
            labeller.add(text)
        yield from labeller.labels()


class Labeller:
    """Labels texts handed to it one by one while the caller is still reading them (an
    import validating its rows): each chunk goes to the worker processes as soon as it is
    full, and `labels()` gives the answers of `label_texts` in order, as chunks come back.
    `count` is about how many texts will come (it sets the processes and the chunks' size);
    `cancel()` drops what is not labelled yet (a bad row: nothing will be written). Use it in
    a `with` block: leaving it stops the processes."""

    def __init__(self, count: int, *, workers: int | None = None):
        self.workers = label_workers(count) if workers is None else workers
        # Chunks of at most _CHUNK texts, two per worker at least: the first comes back soon
        # (an import on PostgreSQL writes it while the rest are labelled), and a worker slowed
        # by another program does not hold the rest.
        self.size = max(1, min(_CHUNK, -(-count // (self.workers * 2))))
        self._pending: list[str] = []
        self._chunks: list[tuple[list[str], Future | None]] = []
        self._pool: ProcessPoolExecutor | None = None
        self._parallel = self.workers > 1 and count > 1
        self.cancelled = False

    @functools.cached_property
    def model(self) -> ItemModel:
        return item_model()  # loaded when the first text comes, not for a refused file

    def __enter__(self) -> Labeller:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def add(self, text: str) -> None:
        if self.cancelled:
            return
        self._pending.append(text)
        if len(self._pending) >= self.size:
            self._send()

    def cancel(self) -> None:
        self.cancelled = True
        self._pending = []
        for _texts, future in self._chunks:
            if future is not None:
                future.cancel()
        self._chunks = []

    def labels(self) -> Iterator[dict]:
        """Every text's labels, in the order the texts were added."""
        self._send()
        while self._chunks:
            texts, future = self._chunks.pop(0)
            labels = None
            if future is not None:
                try:
                    labels = future.result()
                except (BrokenProcessPool, OSError) as exc:
                    logger.warning("labelling: worker processes failed (%s); labelling in one", exc)
                    self._parallel = False
            yield from _label_chunk(self.model, texts) if labels is None else labels

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None

    def _send(self) -> None:
        if not self._pending:
            return
        texts, self._pending = self._pending, []
        future = None
        if self._parallel:
            try:
                if self._pool is None:
                    self._pool = _start_pool(self.model, self.workers)
                future = self._pool.submit(_worker_label, texts)
            except (BrokenProcessPool, OSError, ValueError, RuntimeError) as exc:
                # ValueError: no "fork" here; RuntimeError: the pool was shut down
                logger.warning("labelling: worker processes failed (%s); labelling in one", exc)
                self._parallel = False
        self._chunks.append((texts, future))


def label_workers(count: int) -> int:
    """How many processes label `count` texts: one below PARALLEL_FROM, else the cores this
    process may use, at most DANTINH_IMPORT_WORKERS when set (1 turns parallel labelling off)."""
    if count < PARALLEL_FROM:
        return 1
    cores = available_cores()
    limit = getattr(settings, "DANTINH_IMPORT_WORKERS", 0) or cores
    return max(1, min(cores, limit))


def available_cores() -> int:
    """The cores this process may run on (its affinity, where the system tells)."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0)) or 1
    return os.cpu_count() or 1


def _label_chunk(model: ItemModel, texts: list[str]) -> list[dict]:
    out = []
    # Only what the callers read: a worker's results are pickled back to the importing
    # process, and the full suggestion (every head's scores, the secondary fields) cost
    # that process more to unpickle than it cost the worker to make.
    for begin in range(0, len(texts), _BATCH):
        batch = texts[begin : begin + _BATCH]
        for suggestion, text in zip(model.predict(batch), batch, strict=True):
            unsure = suggestion.unsure()
            out.append(
                {
                    "field": suggestion.field,
                    "kind": suggestion.kind,
                    "mood": suggestion.mood,
                    "authority": suggestion.authority,
                    "model_version": suggestion.model_version,
                    "unsure": unsure,
                    "alternatives": {h: suggestion.alternatives[h] for h in unsure},
                    "search_text": search_text(text),
                }
            )
    return out


_WORKER_MODEL: list[ItemModel] = []


def _worker_start(model: ItemModel) -> None:
    _WORKER_MODEL[:] = [model]  # inherited through fork, never pickled


def _worker_label(texts: list[str]) -> list[dict]:
    return _label_chunk(_WORKER_MODEL[0], texts)


def _start_pool(model: ItemModel, workers: int) -> ProcessPoolExecutor:
    """`workers` processes forked from this one once the model is loaded (none loads it)."""
    context = multiprocessing.get_context("fork")
    return ProcessPoolExecutor(
        max_workers=workers, mp_context=context, initializer=_worker_start, initargs=(model,)
    )
