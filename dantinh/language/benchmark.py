"""The public benchmark suite (the item model's held-out sets: `evaluation.py`).

The public corpora (UIT-VSFC, UIT-ViCTSD, UIT-VSMEC, VNTC) live outside the repository (see
`shared/data/nlp/README.md`); this module only reads them, trains the generic pipeline on each
task's train split and measures on its test split. Nothing from them is saved.
"""

from __future__ import annotations

import csv
import gzip
import json
import resource
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from dantinh.language.classify.features import FeatureConfig
from dantinh.language.classify.neural import CNNConfig
from dantinh.language.classify.text import PipelineConfig, TextClassifier, evaluate

Split = tuple[list[str], list[str]]

# Feature sets: short texts (sentences, comments) and long ones (news articles). Each task's
# heads were chosen on its dev split (see docs/benchmarks.md, "Language engine").
SHORT = FeatureConfig(word_n=3, fold_n=0, char_min=2, char_max=5, min_df=2, block_norm=True)
LONG = FeatureConfig(word_n=2, fold_n=0, min_df=2, max_features=2_000_000)
WORDS_NB = PipelineConfig(FeatureConfig(word_n=3, fold_n=0), heads=(("nblr", 3.0),))
WORDS_NB_CHARS_SVM = PipelineConfig(SHORT, heads=(("nblr", 3.0, "words"), ("svm", 0.5)))


@dataclass(frozen=True)
class Task:
    name: str
    load: Callable[[Path, str, int | None], Split]
    metric: str  # the key of `evaluate`'s result compared with the published figure
    published: float
    published_by: str
    baseline: float | None
    config: PipelineConfig
    # With `--neural`: the share of the convolutional head in the probabilities, chosen on the
    # dev split; None where it did not help on dev (the linear pipeline runs alone).
    neural_weight: float | None = None
    # Binary tasks: the positive label, whose own F1 is reported beside the metric (papers
    # often give that F1 without saying which average they mean).
    positive: str | None = None


def _take(rows: list, limit: int | None) -> list:
    """At most `limit` rows, evenly spaced (the corpora are often sorted by label)."""
    if not limit or len(rows) <= limit:
        return rows
    step = len(rows) / limit
    return [rows[int(i * step)] for i in range(limit)]


def _lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").split("\n")


def _vsfc(labels: str) -> Callable[[Path, str, int | None], Split]:
    def load(root: Path, split: str, limit: int | None) -> Split:
        folder = root / "uit-vsfc" / split
        texts, tags = _lines(folder / "sents.txt"), _lines(folder / f"{labels}.txt")
        pairs = [(t, y.strip()) for t, y in zip(texts, tags, strict=False) if y.strip()]
        pairs = _take(pairs, limit)
        return [p[0] for p in pairs], [p[1] for p in pairs]

    return load


def _csv(folder: str, files: dict[str, str], text: str, label: str):
    def load(root: Path, split: str, limit: int | None) -> Split:
        with open(root / folder / files[split], encoding="utf-8-sig", newline="") as handle:
            rows = [r for r in csv.DictReader(handle) if (r.get(text) or "").strip()]
        rows = _take(rows, limit)
        return [r[text] for r in rows], [r[label] for r in rows]

    return load


def _vntc(root: Path, split: str, limit: int | None) -> Split:
    with gzip.open(root / "vntc" / f"{split}.jsonl.gz", "rt", encoding="utf-8") as handle:
        lines = _take(handle.read().splitlines(), limit)
    rows = [json.loads(line) for line in lines if line.strip()]
    return [r["text"] for r in rows], [r["label"] for r in rows]


_VSMEC = {"train": "train.csv", "dev": "valid.csv", "test": "test.csv"}
_VICTSD = {"train": "ViCTSD_train.csv", "dev": "ViCTSD_valid.csv", "test": "ViCTSD_test.csv"}

TASKS: dict[str, Task] = {
    t.name: t
    for t in [
        Task(
            "vsfc-sentiment",
            _vsfc("sentiments"),
            "weighted_f1",
            92.79,
            "CNN/LSTM/BERT ensemble",
            89.2,
            WORDS_NB,
            neural_weight=0.5,
        ),
        Task(
            "vsfc-topic",
            _vsfc("topics"),
            "weighted_f1",
            89.70,
            "ensemble",
            85.8,
            WORDS_NB_CHARS_SVM,
            neural_weight=0.3,
        ),
        Task(
            "vntc",
            _vntc,
            "accuracy",
            97.1,
            "n-gram LM (Vu et al. 2007)",
            93.2,
            PipelineConfig(LONG, heads=(("svm", 0.5),)),
        ),
        Task(
            "vsmec",
            _csv("uit-vsmec", _VSMEC, "Sentence", "Emotion"),
            "weighted_f1",
            65.79,
            "ensemble",
            60.6,
            PipelineConfig(SHORT, heads=(("svm", 0.2),)),
        ),
        Task(
            "victsd-constructiveness",
            _csv("uit-victsd", _VICTSD, "Comment", "Constructiveness"),
            "macro_f1",
            78.59,
            "PhoBERT",
            79.4,
            WORDS_NB,
            positive="1",
        ),
        Task(
            "victsd-toxicity",
            _csv("uit-victsd", _VICTSD, "Comment", "Toxicity"),
            "macro_f1",
            59.40,
            "PhoBERT",
            70.1,
            PipelineConfig(SHORT, heads=(("svm", 0.5),)),
            positive="1",
        ),
    ]
}


# The unlabelled text of the suite that pretraining may read: every task's train and dev texts
# and VNTC's training articles (never a test split).
_UNLABELLED = ("vsfc-sentiment", "vsmec", "victsd-toxicity")
_VECTORS: dict[tuple, tuple[list[str], object]] = {}


def unlabelled_tokens(root: Path, limit: int | None = None) -> list[list[str]]:
    """Normalised syllables of the suite's train and dev texts plus VNTC's training articles."""
    from dantinh.language.normalize import normalized_tokens

    texts: list[str] = []
    for name in _UNLABELLED:
        for split in ("train", "dev"):
            texts += TASKS[name].load(root, split, limit)[0]
    texts += _vntc(root, "train", limit)[0]
    return [normalized_tokens(text) for text in texts]


def pretrained_vectors(root: Path, limit: int | None = None):
    """PPMI-SVD syllable vectors of the suite's unlabelled text (`embed.ppmi_vectors`), kept
    in memory for the rest of the run and never written anywhere."""
    from dantinh.language.classify.embed import ppmi_vectors

    key = (str(root), limit)
    if key not in _VECTORS:
        _VECTORS[key] = ppmi_vectors(unlabelled_tokens(root, limit))
    return _VECTORS[key]


def run_task(
    task: Task,
    root: Path,
    *,
    limit: int | None = None,
    config: PipelineConfig | None = None,
    neural: bool = False,
) -> dict:
    """Train on the task's train split (at most `limit` rows of each split), measure on its
    test split, and time loading the saved model back; adds the published figures.

    With `neural` (needs PyTorch, the optional "bench" extra), tasks with a `neural_weight`
    also train the convolutional head, its syllable vectors pretrained on the suite's
    unlabelled text."""
    train = task.load(root, "train", limit)
    test = task.load(root, "test", limit)
    config = config or task.config
    vectors = None
    if neural and task.neural_weight:
        config = replace(config, neural=CNNConfig(), neural_weight=task.neural_weight)
        started = time.perf_counter()
        vectors = pretrained_vectors(root, limit)
        pretrain_s = time.perf_counter() - started
    result = evaluate(*train, *test, config=config, keep_model=True, vectors=vectors)
    result["neural"] = vectors is not None
    if vectors is not None:
        result["pretrain_s"] = round(pretrain_s, 1)
    model = result.pop("model")
    with tempfile.TemporaryDirectory(prefix="dantinh-bench-") as scratch:
        path = Path(scratch) / "model.pkl"
        model.save(path)
        started = time.perf_counter()
        TextClassifier.load(path).predict(test[0][:1])  # ready: the CNN's tables are built
        result["load_s"] = round(time.perf_counter() - started, 3)
        result["model_mb"] = round(path.stat().st_size / 1e6, 1)
    result.update(
        task=task.name,
        metric=task.metric,
        score=result[task.metric],
        published=task.published,
        published_by=task.published_by,
        baseline=task.baseline,
        positive_f1=result["per_class_f1"].get(task.positive) if task.positive else None,
    )
    return result


def run_suite(
    root: str | Path,
    *,
    only: Sequence[str] | None = None,
    limit: int | None = None,
    progress: Callable[[str], None] | None = None,
    neural: bool = False,
) -> list[dict]:
    """Run the tasks named in `only` (default all) on the corpora under `root`."""
    root = Path(root)
    names = list(only) if only else list(TASKS)
    unknown = [n for n in names if n not in TASKS]
    if unknown:
        raise KeyError(f"unknown task(s) {unknown}; known: {sorted(TASKS)}")
    results = []
    for name in names:
        if progress:
            progress(name)
        results.append(run_task(TASKS[name], root, limit=limit, neural=neural))
    return results


def format_table(results: Sequence[dict]) -> str:
    """A Markdown table: ours beside the published best and the simple baseline."""
    lines = [
        "| task | metric | ours | best published | baseline (TF-IDF + SVM) | ours, macro F1 "
        "| ours, F1 of the positive class | docs/s (1 core) | train s | load s | model MB |",
        "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for r in results:
        baseline = "–" if r["baseline"] is None else f"{r['baseline']:.1f}"
        task = r["task"] + (" (+CNN)" if r.get("neural") else "")
        positive = "–" if r.get("positive_f1") is None else f"{r['positive_f1']:.2f}"
        lines.append(
            f"| {task} | {r['metric']} | {r['score']:.2f} | {r['published']:.2f} "
            f"({r['published_by']}) | {baseline} | {r['macro_f1']:.2f} | {positive} "
            f"| {r['docs_per_s']:,} "
            f"| {r['train_s']:.1f} | {r['load_s']:.2f} | {r['model_mb']:.0f} |"
        )
    return "\n".join(lines)


def rss_mb() -> float:
    """Peak resident memory of this process, in MB."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
