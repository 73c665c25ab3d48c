"""Each item's text features (`ItemFeatures`), kept where items are written, read by reports.

The language engine's analysis of a text (`language.features.analyse`: normalised tokens,
word runs, sentences' tokens, MinHash band keys) is what a composite report spends its first
drafting on. It is computed once per item instead:

- after each commit that creates an item or changes its text, and after an import's commit
  (`queue`: jobs with the ids; an import does not wait for them — analysing a text costs more
  than labelling it);
- by `dantinh intake features --rebuild` (`rebuild`: every item lacking up-to-date features,
  with progress), which the demo loader runs too.

Reports read texts through `values_with_features`, which hands the stored features of each
text to the engine when they still belong to it (same text, same engine) and leaves the rest
to be computed: never wrong, only slower.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

from django.db import transaction
from django.db.models import QuerySet

from dantinh.intake.models import Item, ItemFeatures
from dantinh.language import features as engine

BATCH = 1_000
# Benchmarks turn this off to measure the analysis that stored features save.
READ_STORED = True
# A job analyses at most this many ids (an import of 100,000 rows queues 20 jobs).
JOB_SIZE = 5_000


def computed(text: str) -> dict:
    """The stored form of one text's features (what `store_computed` writes)."""
    return {
        "engine": engine.engine_stamp(),
        "digest": engine.digest(text),
        "data": engine.analyse(text),
    }


def store_computed(rows: Iterable[tuple[int, dict]]) -> int:
    """Write features already computed (`computed`) for items, replacing older ones."""
    objs = [ItemFeatures(item_id=item_id, **found) for item_id, found in rows]
    ItemFeatures.objects.bulk_create(
        objs,
        batch_size=BATCH,
        update_conflicts=True,
        unique_fields=["item"],
        update_fields=["engine", "digest", "data"],
    )
    return len(objs)


def store(ids: Sequence[int]) -> int:
    """Analyse the items of `ids` (those that still exist) and store their features."""
    done = 0
    for start in range(0, len(ids), BATCH):
        rows = Item.objects.filter(pk__in=ids[start : start + BATCH]).values_list("pk", "text")
        done += store_computed((pk, computed(text)) for pk, text in rows)
    return done


def queue(ids: Iterable[int]) -> None:
    """After the current transaction commits, analyse these items in the background."""
    from dantinh.intake import tasks

    todo = sorted(set(ids))
    for start in range(0, len(todo), JOB_SIZE):
        chunk = todo[start : start + JOB_SIZE]
        transaction.on_commit(lambda chunk=chunk: tasks.analyse_items(chunk))


def rebuild(
    *,
    everything: bool = False,
    progress: Callable[[int, int], None] | None = None,
    items: QuerySet | None = None,
) -> int:
    """Analyse every item (of `items`, default all) whose features are missing, from another
    engine or of another text (all of them with `everything`), in batches by id;
    `progress(done, total)` after each."""
    stamp = engine.engine_stamp()
    base = Item.objects.all() if items is None else items
    total = base.count()
    done = written = 0
    last = 0
    while True:
        rows = list(
            base.filter(pk__gt=last)
            .order_by("pk")
            .values_list("pk", "text", "features__engine", "features__digest")[:BATCH]
        )
        if not rows:
            break
        last = rows[-1][0]
        todo = [
            (pk, text)
            for pk, text, stored_engine, stored_digest in rows
            if everything or stored_engine != stamp or stored_digest != engine.digest(text)
        ]
        with transaction.atomic():
            written += store_computed((pk, computed(text)) for pk, text in todo)
        done += len(rows)
        if progress:
            progress(done, total)
    return written


def values_with_features(qs: QuerySet, fields: Sequence[str], limit: int) -> list[tuple]:
    """`qs.values_list("text", *fields)[:limit]` (in `qs`'s order), having handed the language
    engine the stored features of every text it does not hold yet, where they still belong
    to the text (same text, same engine)."""
    rows = list(qs.values_list("text", *fields, "pk")[:limit])
    if not READ_STORED:
        return [row[:-1] for row in rows]
    wanted = {row[-1]: row[0] for row in rows if not engine.known_text(row[0])}
    ids = list(wanted)
    for start in range(0, len(ids), BATCH):
        stored = ItemFeatures.objects.filter(item_id__in=ids[start : start + BATCH]).values_list(
            "item_id", "engine", "digest", "data"
        )
        for item_id, stored_engine, stored_digest, data in stored:
            text = wanted[item_id]
            if engine.usable(text, stored_engine, stored_digest):
                engine.remember(text, data)
    return [row[:-1] for row in rows]
