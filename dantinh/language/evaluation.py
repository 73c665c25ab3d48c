"""Measuring item labels against a labelled set: the model's suggestions, or a second annotator.

One set of measures serves both, so the benchmark can show the model beside the ceiling (two
careful people labelling the same texts):

- field: accuracy and macro-F1 of the primary field; "field in labels" (the predicted primary
  field is the gold primary or one of the gold secondary fields: both are right answers);
  "field in suggestions" (the gold primary field among the predicted primary and secondary);
- kind: accuracy;
- mood: accuracy over every item, with "no mood" a class of its own (a factual report has no
  mood, and saying one is an error). `mood_accuracy_moods_only` is the earlier measure, which
  skipped the items whose gold mood is null, kept for comparison;
- valence: accuracy over every item, "none" when there is no mood (likewise
  `valence_accuracy_moods_only`);
- authority, over the items that name a competent body: the body the model would suggest for
  them (`authority_candidate`) equal to the gold body ("exact") or among the gold acceptable
  bodies (`authorities_ok`, where the set has it; else the gold body only). `authority_all_*`
  compares over every item, with "nobody" a class (how the annotators' agreement is usually
  given). `authority_legacy` is the earlier measure (items of kind kien_nghi or
  khieu_nai_to_cao, the kind-gated suggestion);
- expected calibration error of each head's confidence (`ece_<head>`): the mean gap between
  the confidence of the top answer and how often it is right, over ten equal-width bins,
  weighted by the bins' sizes.
"""

from __future__ import annotations

import dataclasses
import json
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from dantinh.language.classify.corpus import MOOD_VALENCE, read_rows
from dantinh.language.classify.text import scores

NO_MOOD = "none"
NOBODY = "-"
RECOMMENDATION_KINDS = ("kien_nghi", "khieu_nai_to_cao")
SOFT_MOODS = ("lo_lang", "mong_muon", "ban_khoan")  # worry, wishes, hesitation


@dataclass(frozen=True)
class Labels:
    """The labels of one item, gold or predicted. `mood` None means "no mood"; `authority`
    None means nobody has to act. `scores` holds the confidence of each head's answer."""

    id: str = ""
    field: str | None = None
    secondary_fields: tuple[str, ...] = ()
    kind: str | None = None
    mood: str | None = None
    authority: str | None = None
    authorities_ok: tuple[str, ...] = ()
    authority_candidate: str | None = None
    scores: Mapping[str, float] = dataclasses.field(default_factory=dict)
    valence_code: str | None = None  # when given apart from the mood (a model's own valence)
    # a model's runner-up answer per head (None for the mood's "no mood")
    runners_up: Mapping[str, str | None] = dataclasses.field(default_factory=dict)
    # the mood was labelled (a null mood means "no mood") although the kind was not: an
    # annotator who gave only fields and moods
    mood_labelled: bool = False

    @property
    def valence(self) -> str:
        if self.valence_code:
            return self.valence_code
        return MOOD_VALENCE.get(self.mood or "", NO_MOOD)

    @property
    def acceptable_authorities(self) -> tuple[str, ...]:
        if self.authorities_ok:
            return self.authorities_ok
        return (self.authority,) if self.authority else ()

    @classmethod
    def from_row(cls, row: Mapping, *, number: int = 0) -> Labels:
        """Gold labels from a JSONL row of a held-out set (the seed corpus keys, plus
        optionally `id` and `authorities_ok`)."""
        secondary = row.get("secondary_fields") or ()
        return cls(
            id=str(row.get("id") or number),
            field=row.get("field") or None,
            secondary_fields=tuple(secondary),
            kind=row.get("kind") or None,
            mood=row.get("mood") or None,
            authority=row.get("authority") or None,
            authorities_ok=tuple(row.get("authorities_ok") or ()),
            authority_candidate=row.get("authority") or None,
            mood_labelled="mood" in row,
        )

    @classmethod
    def from_example(cls, example, *, id: str = "") -> Labels:
        """Gold labels from an `ItemExample` (a seed line)."""
        return cls(
            id=id,
            field=example.field,
            secondary_fields=tuple(example.secondary_fields),
            kind=example.kind,
            mood=example.mood,
            authority=example.authority,
            authority_candidate=example.authority,
        )

    @classmethod
    def from_suggestion(cls, suggestion, *, id: str = "") -> Labels:
        """Predicted labels from an `ItemSuggestion`."""
        return cls(
            id=id,
            field=suggestion.field,
            secondary_fields=tuple(suggestion.secondary_fields),
            kind=suggestion.kind,
            mood=suggestion.mood,
            authority=suggestion.authority,
            authority_candidate=suggestion.authority_candidate,
            valence_code=suggestion.valence or NO_MOOD,
            runners_up={
                head: pairs[1][0]
                for head, pairs in getattr(suggestion, "alternatives", {}).items()
                if len(pairs) > 1
            },
            scores={
                "field": suggestion.field_score,
                "kind": suggestion.kind_score,
                "mood": suggestion.mood_score,
                "valence": suggestion.valence_score,
                "authority": suggestion.authority_score,
            },
        )


def read_gold(path: str | Path) -> tuple[list[str], list[Labels]]:
    """Texts and gold labels of a held-out JSONL (rows without a text are skipped)."""
    texts, gold = [], []
    for number, row in enumerate(read_rows(path), start=1):
        if row.get("text"):
            texts.append(str(row["text"]))
            gold.append(Labels.from_row(row, number=number))
    return texts, gold


def read_labels(path: str | Path) -> list[Labels]:
    """Labels of a JSONL that may carry no text (a second annotator's file), by `id`."""
    return [Labels.from_row(row, number=n) for n, row in enumerate(read_rows(path), start=1)]


def expected_calibration_error(
    confidence: Sequence[float], correct: Sequence[bool], bins: int = 10
) -> float:
    """ECE: Σ over equal-width confidence bins of |accuracy − mean confidence| × bin share."""
    conf = np.asarray(confidence, dtype=float)
    hit = np.asarray(correct, dtype=float)
    if conf.size == 0:
        return 0.0
    which = np.minimum((conf * bins).astype(int), bins - 1)
    total = 0.0
    for b in range(bins):
        mask = which == b
        if mask.any():
            total += abs(hit[mask].mean() - conf[mask].mean()) * mask.sum()
    return float(total / conf.size)


def _share(hits: Sequence[bool]) -> float | None:
    return round(sum(hits) / len(hits), 4) if hits else None


def _kappa(gold: Sequence[str], pred: Sequence[str]) -> float | None:
    """Cohen's κ, or None where it is undefined (fewer than two labels in play)."""
    if len(set(gold)) < 2:
        return None
    import warnings

    from sklearn.metrics import cohen_kappa_score

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        value = float(cohen_kappa_score(gold, pred))
    return None if np.isnan(value) else round(value, 4)


def measure(gold: Sequence[Labels], pred: Sequence[Labels]) -> dict:
    """Every measure of the module docstring for `pred` against `gold` (same order)."""
    if len(gold) != len(pred):
        raise ValueError("gold and predicted labels differ in length")
    pairs = list(zip(gold, pred, strict=True))
    out: dict = {"n": len(pairs)}

    with_field = [(g, p) for g, p in pairs if g.field]
    field_scores = scores(
        [g.field for g, _p in with_field], [p.field or "-" for _g, p in with_field]
    )
    out["field_accuracy"] = round(field_scores["accuracy"] / 100, 4)
    out["field_macro_f1"] = round(field_scores["macro_f1"] / 100, 4)
    out["field_in_labels"] = _share(
        [p.field in (g.field, *g.secondary_fields) for g, p in with_field]
    )
    out["field_in_suggestions"] = _share(
        [g.field in (p.field, *p.secondary_fields) for g, p in with_field]
    )
    out["field_per_class_f1"] = field_scores["per_class_f1"]

    # Every item with a kind was labelled for mood too: a null mood there means "no mood"
    # (as it does where an annotator gave moods without kinds).
    with_kind = [(g, p) for g, p in pairs if g.kind or g.mood_labelled]
    out["kind_accuracy"] = _share([g.kind == p.kind for g, p in with_kind if g.kind])
    out["mood_accuracy"] = _share(
        [(g.mood or NO_MOOD) == (p.mood or NO_MOOD) for g, p in with_kind]
    )
    moody = [(g, p) for g, p in with_kind if g.mood]
    out["mood_accuracy_moods_only"] = _share([g.mood == p.mood for g, p in moody])
    out["no_mood_share_gold"] = _share([not g.mood for g, _p in with_kind])
    out["no_mood_share_predicted"] = _share([not p.mood for _g, p in with_kind])
    out["valence_accuracy"] = _share([g.valence == p.valence for g, p in with_kind])
    out["valence_accuracy_moods_only"] = _share([g.valence == p.valence for g, p in moody])
    # Where moods go wrong (issue 12): worry, wishes and hesitation read as indignation, and a
    # mood given to a text labelled with none; the whole mood confusion, gold → predicted.
    soft = [p.mood for g, p in moody if g.mood in SOFT_MOODS]
    out["soft_as_indignation"] = _share([mood == "buc_xuc" for mood in soft])
    out["no_mood_given_one"] = _share([bool(p.mood) for g, p in with_kind if not g.mood])
    confusion = Counter(f"{g.mood or NO_MOOD}→{p.mood or NO_MOOD}" for g, p in with_kind)
    out["mood_confusion"] = dict(sorted(confusion.items()))

    acting = [(g, p) for g, p in pairs if g.authority]
    out["n_authority"] = len(acting)
    out["authority_exact"] = _share([p.authority_candidate == g.authority for g, p in acting])
    out["authority_ok"] = _share(
        [p.authority_candidate in g.acceptable_authorities for g, p in acting]
    )
    out["authority_all_exact"] = _share([g.authority == p.authority for g, p in with_kind])
    out["authority_all_ok"] = _share(
        [
            (p.authority in g.acceptable_authorities) if g.authority else p.authority is None
            for g, p in with_kind
        ]
    )
    legacy = [(g, p) for g, p in pairs if g.kind in RECOMMENDATION_KINDS]
    out["authority_legacy"] = _share(
        [(g.authority or NOBODY) == (p.authority or NOBODY) for g, p in legacy]
    )

    out["kappa_field"] = _kappa(
        [g.field for g, _p in with_field], [p.field or "-" for _g, p in with_field]
    )
    out["kappa_kind"] = _kappa(
        [g.kind for g, p in with_kind if g.kind], [p.kind or "-" for g, p in with_kind if g.kind]
    )
    out["kappa_mood"] = _kappa(
        [g.mood or NO_MOOD for g, _p in with_kind], [p.mood or NO_MOOD for _g, p in with_kind]
    )

    checks = {
        "field": (with_field, lambda g, p: g.field == p.field),
        "kind": ([(g, p) for g, p in with_kind if g.kind], lambda g, p: g.kind == p.kind),
        "mood": (with_kind, lambda g, p: (g.mood or NO_MOOD) == (p.mood or NO_MOOD)),
        "valence": (with_kind, lambda g, p: g.valence == p.valence),
        "authority": (acting, lambda g, p: p.authority_candidate == g.authority),
    }
    for head, (rows, right) in checks.items():
        if rows and all(head in p.scores for _g, p in rows):
            out[f"ece_{head}"] = round(
                expected_calibration_error(
                    [p.scores[head] for _g, p in rows], [right(g, p) for g, p in rows]
                ),
                4,
            )
            out[f"confidence_{head}"] = round(float(np.mean([p.scores[head] for _g, p in rows])), 4)
    out.update(_two_choices(checks))
    return out


def _two_choices(checks: dict) -> dict:
    """Per head, for the answers below UNSURE_BELOW (where item entry shows two choices): their
    share, how often the answer above and below it is right, and how often the two choices
    hold the right answer."""
    from dantinh.language.classify.item import UNSURE_BELOW

    out = {}
    for head in ("field", "kind", "mood", "authority"):
        rows, right = checks[head]
        rows = [(g, p) for g, p in rows if head in p.scores and head in p.runners_up]
        if not rows:
            continue
        gold_of = {
            "field": lambda g: g.field,
            "kind": lambda g: g.kind,
            "mood": lambda g: g.mood,
            "authority": lambda g: g.authority,
        }[head]
        low = [(g, p) for g, p in rows if p.scores[head] < UNSURE_BELOW]
        high = [(g, p) for g, p in rows if p.scores[head] >= UNSURE_BELOW]
        out[f"unsure_share_{head}"] = _share([p.scores[head] < UNSURE_BELOW for _g, p in rows])
        out[f"accuracy_sure_{head}"] = _share([right(g, p) for g, p in high])
        out[f"accuracy_unsure_{head}"] = _share([right(g, p) for g, p in low])
        out[f"top_two_unsure_{head}"] = _share(
            [right(g, p) or p.runners_up[head] == gold_of(g) for g, p in low]
        )
    return out


HEADS = ("field", "kind", "mood", "authority")
# The words that tie a measure's key to its head (valence and the mood's measures go with the
# mood, from which valence follows).
_HEAD_WORDS = {
    "field": ("field",),
    "kind": ("kind",),
    "mood": ("mood", "valence", "soft_as_indignation"),
    "authority": ("authority",),
}


def _key_head(key: str) -> str | None:
    for head, words in _HEAD_WORDS.items():
        if any(word in key for word in words):
            return head
    return None


def file_heads(path: str | Path) -> set[str]:
    """The heads a labelled file gives (field, kind, mood, authority): a key of any row.
    An annotator may label fewer heads than the set (moods and fields only, no body)."""
    return {head for row in read_rows(path) for head in HEADS if head in row}


def restrict(report: Mapping, heads: set[str]) -> dict:
    """`report` without the measures of the heads not in `heads` (a head one side did not
    label has no agreement to measure)."""
    return {k: v for k, v in report.items() if _key_head(k) in (None, *heads)}


def agreement(gold_path: str | Path, second_path: str | Path) -> dict:
    """The measures of a second annotator's labels (`second_path`, joined by id) against the
    gold labels of the items they labelled: the ceiling a model can be expected to reach. Only
    the heads both files label are measured; "ids" lists the items both labelled."""
    gold = {g.id: g for g in read_labels(gold_path)}
    second = [s for s in read_labels(second_path) if s.id in gold]
    if not second:
        raise ValueError(f"no id of {second_path} is in {gold_path}")
    report = restrict(
        measure([gold[s.id] for s in second], second),
        file_heads(gold_path) & file_heads(second_path),
    )
    report["ids"] = [s.id for s in second]
    return report


# The rows of the side-by-side table: (key, what it measures).
TABLE_ROWS: tuple[tuple[str, str], ...] = (
    ("n", "items"),
    ("field_accuracy", "primary field, accuracy"),
    ("field_macro_f1", "primary field, macro-F1"),
    ("field_in_labels", "primary field among the labels' primary + secondary"),
    ("field_in_suggestions", "labels' primary among the suggested primary + secondary"),
    ("kind_accuracy", "kind, accuracy"),
    ("mood_accuracy", "mood, accuracy (no mood a class)"),
    ("mood_accuracy_moods_only", "mood, accuracy on items with a mood (earlier measure)"),
    ("valence_accuracy", "valence, accuracy (none a class)"),
    ("valence_accuracy_moods_only", "valence on items with a mood (earlier measure)"),
    ("soft_as_indignation", "worry, wishes, hesitation read as indignation (bức xúc)"),
    ("no_mood_given_one", "items with no mood given one"),
    ("n_authority", "items naming a competent body"),
    ("authority_exact", "competent body, exact"),
    ("authority_ok", "competent body, a right one (among authorities_ok)"),
    ("authority_all_exact", "body or nobody, every item, exact"),
    ("authority_all_ok", "body or nobody, every item, a right one"),
    ("authority_legacy", "competent body, earlier measure (kind-gated)"),
    ("ece_field", "calibration error (ECE), field"),
    ("ece_kind", "ECE, kind"),
    ("ece_mood", "ECE, mood"),
    ("ece_valence", "ECE, valence"),
    ("ece_authority", "ECE, competent body"),
    ("unsure_share_field", "field: answers below the two-choice threshold"),
    ("accuracy_sure_field", "field: right above it"),
    ("accuracy_unsure_field", "field: right below it"),
    ("top_two_unsure_field", "field: below it, right among the two choices"),
    ("unsure_share_kind", "kind: answers below the threshold"),
    ("accuracy_sure_kind", "kind: right above it"),
    ("accuracy_unsure_kind", "kind: right below it"),
    ("top_two_unsure_kind", "kind: below it, right among the two choices"),
    ("unsure_share_mood", "mood: answers below the threshold"),
    ("accuracy_sure_mood", "mood: right above it"),
    ("accuracy_unsure_mood", "mood: right below it"),
    ("top_two_unsure_mood", "mood: below it, right among the two choices"),
    ("docs_per_s", "texts per CPU second, one core (these texts, batches of 512)"),
    ("short_docs_per_s", "texts per CPU second (cut to 12 words)"),
    ("load_s", "load from disk, s"),
    ("rss_mb", "resident memory after load and prediction, MB"),
)


def format_table(columns: Sequence[tuple[str, Mapping]]) -> str:
    """A Markdown table: one row per measure of TABLE_ROWS, one column per (title, report);
    a measure a report lacks shows "–"."""

    def cell(value) -> str:
        if value is None:
            return "–"
        if isinstance(value, bool):
            return str(value)
        if isinstance(value, int):
            return f"{value:,}"
        if isinstance(value, float):
            return f"{value:.3f}" if value < 10 else f"{value:,.0f}"
        return str(value)

    keys = [(k, label) for k, label in TABLE_ROWS if any(k in report for _t, report in columns)]
    lines = [
        "| measure | " + " | ".join(title for title, _r in columns) + " |",
        "| --- |" + " ---: |" * len(columns),
    ]
    for key, label in keys:
        lines.append(
            f"| {label} | " + " | ".join(cell(report.get(key)) for _t, report in columns) + " |"
        )
    return "\n".join(lines)


def _predict_timed(model, texts: Sequence[str], batch_size: int) -> tuple[list, float]:
    """Predictions and the CPU seconds they took: the process is single-threaded, so texts
    per CPU second is the one-core throughput, whatever else the machine is doing."""
    started = time.process_time()
    out = []
    for start in range(0, len(texts), batch_size):
        out.extend(model.predict(texts[start : start + batch_size]))
    return out, time.process_time() - started


def model_report(
    model,
    path: str | Path,
    *,
    subset: Sequence[str] | None = None,
    annotators: Mapping[str, str | Path] | None = None,
    batch_size: int = 512,
) -> dict:
    """The model's measures on the held-out JSONL at `path`, with its throughput on those
    texts and on the same texts cut to 12 words (batches of `batch_size`). With `subset`
    (ids), the measures on those items only are added under "subset". With `annotators`
    (name → a file of another hand's labels, joined by id), under "annotators" → name: the
    model against that hand's labels ("against", on the heads the hand labelled; the hands
    may read the guide differently: issue 12) and, where the hand labelled only some items,
    the model against the set's labels on those ("subset")."""
    texts, gold = read_gold(path)
    if not texts:
        raise FileNotFoundError(f"no held-out items in {path}")
    suggestions, seconds = _predict_timed(model, texts, batch_size)
    pred = [Labels.from_suggestion(s, id=g.id) for s, g in zip(suggestions, gold, strict=True)]
    report = measure(gold, pred)
    report["model_version"] = model.version
    report["docs_per_s"] = round(len(texts) / seconds) if seconds else None
    short = [" ".join(t.split()[:12]) for t in texts] * max(1, 2048 // len(texts))
    _out, seconds = _predict_timed(model, short, batch_size)
    report["short_docs_per_s"] = round(len(short) / seconds) if seconds else None
    if subset:
        wanted = set(subset)
        rows = [(g, p) for g, p in zip(gold, pred, strict=True) if g.id in wanted]
        report["subset"] = measure([g for g, _p in rows], [p for _g, p in rows])
    if annotators:
        gold_of = {g.id: g for g in gold}
        pred_of = {p.id: p for p in pred}
        report["annotators"] = {}
        for name, annotator_path in annotators.items():
            labelled = [s for s in read_labels(annotator_path) if s.id in pred_of]
            theirs = [pred_of[s.id] for s in labelled]
            extra = {"against": restrict(measure(labelled, theirs), file_heads(annotator_path))}
            if len(labelled) < len(pred):
                extra["subset"] = measure([gold_of[s.id] for s in labelled], theirs)
            report["annotators"][name] = extra
    return report


_LOAD_PROBE = """
import json, sys, time
started = time.perf_counter()
from dantinh.language.classify.item import ItemModel
imported = time.perf_counter()
model = ItemModel.load(sys.argv[1])
loaded = time.perf_counter()
texts = [line.rstrip("\\n") for line in sys.stdin if line.strip()]
model.predict(texts[:512])


def peak_mb():
    # VmHWM: this process's own peak (ru_maxrss would count the parent it was forked from)
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return round(int(line.split()[1]) / 1024, 1)
    import resource

    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


print(json.dumps({
    "load_s": round(loaded - imported, 3),
    "ready_s": round(loaded - started, 3),
    "rss_mb": peak_mb(),
}))
"""


def load_and_memory(model_dir: str | Path, texts: Sequence[str]) -> dict:
    """In a fresh Python process: seconds to load the model from disk (`load_s`; `ready_s`
    with the imports of numpy and scipy), and peak resident memory after predicting a batch
    of `texts` (`rss_mb`): the engine alone, not this process's training."""
    result = subprocess.run(
        [sys.executable, "-c", _LOAD_PROBE, str(model_dir)],
        input="\n".join(t.replace("\n", " ") for t in texts),
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])
