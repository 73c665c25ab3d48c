"""What item entry and bulk imports call: the model's suggestions plus the places mentioned."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping

from dantinh.language.classify.item import ItemModel, ItemSuggestion
from dantinh.language.places import PlaceMatcher


def _record(suggestion: ItemSuggestion, places: list[str]) -> dict:
    return {
        "field": suggestion.field,
        "secondary_fields": suggestion.secondary_fields,
        "kind": suggestion.kind,
        "mood": suggestion.mood,
        "valence": suggestion.valence,
        "places": places,
        "authority": suggestion.authority,
        "authority_candidate": suggestion.authority_candidate,
        "model_version": suggestion.model_version,
        "scores": {
            "field": suggestion.field_score,
            "kind": suggestion.kind_score,
            "mood": suggestion.mood_score,
            "valence": suggestion.valence_score,
            "authority": suggestion.authority_score,
        },
        # the two likeliest answers of each head, and the heads whose answer is a guess
        "alternatives": {
            head: [[code, p] for code, p in pairs]
            for head, pairs in suggestion.alternatives.items()
        },
        "unsure": suggestion.unsure(),
    }


def suggest_item(text: str, *, model: ItemModel, matcher: PlaceMatcher | None = None) -> dict:
    """Suggestions for one item text: field, secondary_fields, kind, mood (None: no mood),
    valence, authority, places (today's unit codes mentioned unambiguously), model_version,
    the calibrated probability of each suggestion under "scores", the two likeliest answers
    of each head under "alternatives", and under "unsure" the heads below UNSURE_BELOW."""
    places = matcher.codes(text) if matcher is not None else []
    return _record(model.suggest(text), places)


def label_records(
    records: Iterable[Mapping],
    *,
    model: ItemModel,
    matcher: PlaceMatcher | None = None,
    batch_size: int = 512,
) -> Iterator[dict]:
    """Label records with an "id" and a "text" in batches; yields one dict per record with its
    "id" first, then what `suggest_item` gives."""
    batch: list[Mapping] = []

    def flush() -> Iterator[dict]:
        suggestions = model.predict([str(r.get("text") or "") for r in batch])
        for record, suggestion in zip(batch, suggestions, strict=True):
            text = str(record.get("text") or "")
            places = matcher.codes(text) if matcher is not None else []
            yield {"id": record.get("id"), **_record(suggestion, places)}

    for record in records:
        batch.append(record)
        if len(batch) >= batch_size:
            yield from flush()
            batch = []
    if batch:
        yield from flush()
