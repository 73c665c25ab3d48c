"""`dantinh nlp ...`: the language engine on the command line (a thin door to the engine).

dantinh nlp predict  < items.jsonl      {"id","text"} lines → suggestions per line
dantinh nlp group    < items.jsonl      {"id","text"} lines → {"id","group"} lines
dantinh nlp evaluate --train T --test S --text-column C --label-column L
dantinh nlp bench [DIR] [--only TASK ...] [--limit N] [--neural] [--json]
dantinh nlp heldout [--path FILE ...] [--json]   every held-out set side by side by default
dantinh nlp agreement [--gold FILE --second FILE]   a second annotator against the labels
dantinh nlp train [--corrections FILE] [--seed FILE…] [--out DIR]
dantinh nlp crosswriter [--all] [--also PATH] [--json]   train on the other seeds, measure on each; fit temperatures
"""

from __future__ import annotations

import json
import json as _json
import sys
import time
from itertools import combinations
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

REPO = Path(__file__).resolve().parents[4]
DEFAULT_BENCH_DIR = REPO.parent / "shared" / "data" / "nlp"
DEFAULT_HELDOUT = REPO / "bench" / "nlp" / "heldout_items.jsonl"
DEFAULT_HELDOUT2 = REPO / "bench" / "nlp" / "heldout2" / "items.jsonl"
DEFAULT_HELDOUT3 = REPO / "bench" / "nlp" / "heldout3" / "items.jsonl"
DEFAULT_HELDOUT4 = REPO / "bench" / "nlp" / "heldout4" / "items.jsonl"
# Other hands' labels of a held-out set's texts, beside its items: second_annotator.jsonl,
# third_annotator.jsonl, annotator_a.jsonl, ...
ANNOTATORS = "*annotator*.jsonl"
SECOND_ANNOTATOR = "second_annotator.jsonl"  # what `agreement` reads first, when there is one


def _models_dir() -> Path:
    return Path(settings.VAR_DIR) / "models"


class Command(BaseCommand):
    help = "Vietnamese language engine: predict, group, evaluate, bench, heldout, train."
    stealth_options = ("stdin",)

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        predict = sub.add_parser("predict", help="label JSON lines {id, text} from stdin")
        predict.add_argument("--model-dir", help="model cache (default: VAR_DIR/models)")
        predict.add_argument("--province", nargs="*", default=[], help="restrict places")
        predict.add_argument("--batch-size", type=int, default=512)
        predict.add_argument(
            "--seed", nargs="+", help="seed corpus files to train from (default: the shipped seeds)"
        )

        group = sub.add_parser("group", help="group near-duplicate JSON lines {id, text}")
        group.add_argument("--threshold", type=float, default=0.5)

        evaluate = sub.add_parser("evaluate", help="train and test on labelled CSV/JSONL files")
        evaluate.add_argument("--train", required=True)
        evaluate.add_argument("--test", required=True)
        evaluate.add_argument("--text-column", default="text")
        evaluate.add_argument("--label-column", default="label")
        evaluate.add_argument(
            "--chars", action="store_true", help="add character 2-5-grams (slower, often better)"
        )

        bench = sub.add_parser("bench", help="the public benchmark suite")
        bench.add_argument("directory", nargs="?", default=str(DEFAULT_BENCH_DIR))
        bench.add_argument("--only", nargs="*", default=None, help="task names")
        bench.add_argument("--limit", type=int, default=None, help="rows per split at most")
        bench.add_argument("--json", action="store_true", help="JSON lines instead of a table")
        bench.add_argument(
            "--neural",
            action="store_true",
            help="also train the convolutional head where it helped on dev (needs PyTorch: "
            'pip install -e ".[bench]")',
        )

        heldout = sub.add_parser(
            "heldout", help="measure the default model on held-out items (every set by default)"
        )
        heldout.add_argument(
            "--path",
            nargs="+",
            default=[
                str(DEFAULT_HELDOUT),
                str(DEFAULT_HELDOUT2),
                str(DEFAULT_HELDOUT3),
                str(DEFAULT_HELDOUT4),
            ],
        )
        heldout.add_argument("--model-dir", help="model cache (default: VAR_DIR/models)")
        heldout.add_argument(
            "--seed", nargs="+", help="seed corpus files to train from (default: the shipped seeds)"
        )
        heldout.add_argument("--json", action="store_true", help="JSON instead of a table")

        agreement = sub.add_parser(
            "agreement", help="a second annotator's labels against a held-out set's labels"
        )
        agreement.add_argument("--gold", default=str(DEFAULT_HELDOUT3))
        agreement.add_argument(
            "--second",
            help=f"default: {SECOND_ANNOTATOR} beside --gold, else the first {ANNOTATORS} there",
        )
        agreement.add_argument("--json", action="store_true", help="JSON instead of a table")

        crosswriter = sub.add_parser(
            "crosswriter",
            help="train on the other writers' seeds and measure on each (text from other hands); "
            "fit the heads' temperatures on those predictions",
        )
        crosswriter.add_argument("--json", action="store_true", help="JSON instead of tables")
        crosswriter.add_argument(
            "--all",
            dest="all_writers",
            action="store_true",
            help="every writer's seed, also those the default model does not train on",
        )
        crosswriter.add_argument(
            "--also",
            action="append",
            default=[],
            metavar="PATH",
            help="a seed added to every training mix and never predicted (repeatable): "
            "what a new writer's seed adds to the others",
        )

        train = sub.add_parser("train", help="train the item model (seed + corrections)")
        train.add_argument("--corrections", help="JSONL/CSV of corrected items")
        train.add_argument("--out", help="directory (default: VAR_DIR/models/<version>)")
        train.add_argument(
            "--seed", nargs="+", help="seed corpus files to train from (default: the shipped seeds)"
        )

    def handle(self, *args, action, **options):
        self.stdin = options.get("stdin") or sys.stdin
        getattr(self, f"_{action}")(**options)

    # --- doors ---------------------------------------------------------------------------

    def _records(self):
        for number, line in enumerate(self.stdin, start=1):
            line = line.strip()
            if not line:
                continue
            try:
                record = json.loads(line)
                if not isinstance(record, dict) or "text" not in record:
                    raise ValueError
            except ValueError:
                self.stderr.write(
                    _('Line %(n)d skipped: expected a JSON object with "id" and "text".')
                    % {"n": number}
                )
                continue
            yield record

    def _write(self, row: dict) -> None:
        self.stdout.write(json.dumps(row, ensure_ascii=False))

    def _model(self, model_dir, seed):
        from dantinh.language.classify import default_model
        from dantinh.language.classify.corpus import SEED_PATHS

        cache = Path(model_dir) if model_dir else _models_dir()
        return cache, default_model(
            cache, seed_path=[Path(p) for p in seed] if seed else SEED_PATHS
        )

    def _predict(self, *, model_dir=None, province=(), batch_size=512, seed=None, **_options):
        from dantinh.language.places import package_matcher
        from dantinh.language.suggest import label_records

        _cache, model = self._model(model_dir, seed)
        matcher = package_matcher([p.zfill(2) for p in province] or None)
        for row in label_records(
            self._records(), model=model, matcher=matcher, batch_size=batch_size
        ):
            self._write(row)

    def _group(self, *, threshold=0.5, **_options):
        from dantinh.language.dedup import group

        records = list(self._records())
        groups = group(
            [(i, r.get("text") or "") for i, r in enumerate(records)], threshold=threshold
        )
        for i, record in enumerate(records):
            self._write({"id": record.get("id"), "group": records[groups[i]].get("id")})

    def _evaluate(self, *, train, test, text_column, label_column, chars=False, **_options):
        from dantinh.language.benchmark import SHORT
        from dantinh.language.classify import PipelineConfig, evaluate, read_labelled
        from dantinh.language.classify.features import FeatureConfig

        try:
            train_set = read_labelled(train, text_column, label_column)
            test_set = read_labelled(test, text_column, label_column)
        except (OSError, KeyError, ValueError) as error:
            raise CommandError(str(error)) from error
        features = SHORT if chars else FeatureConfig(word_n=3, fold_n=2)
        config = PipelineConfig(features, heads=(("nblr", 3.0), ("svm", 0.5)))
        result = evaluate(*train_set, *test_set, config=config)
        self.stdout.write(json.dumps(result, ensure_ascii=False, indent=1))

    def _bench(self, *, directory, only=None, limit=None, json=False, neural=False, **_options):
        from dantinh.language import benchmark

        root = Path(directory)
        if not root.exists():
            raise CommandError(_("No benchmark data in %(dir)s.") % {"dir": root})
        started = time.perf_counter()
        results = []
        for name in only or list(benchmark.TASKS):
            if name not in benchmark.TASKS:
                raise CommandError(f"unknown task {name!r}; known: {sorted(benchmark.TASKS)}")
            self.stderr.write(f"… {name}")
            try:
                result = benchmark.run_task(benchmark.TASKS[name], root, limit=limit, neural=neural)
            except RuntimeError as error:  # PyTorch missing for --neural
                raise CommandError(str(error)) from error
            results.append(result)
            if json:
                self._write({k: v for k, v in result.items() if k != "per_class_f1"})
        if not json:
            self.stdout.write(benchmark.format_table(results))
            self.stdout.write(
                f"\ntotal {time.perf_counter() - started:.0f} s, peak RSS {benchmark.rss_mb():.0f} MB"
            )

    def _heldout(self, *, path, model_dir=None, seed=None, json=False, **_options):
        from dantinh.language import evaluation

        missing = [p for p in path if not Path(p).exists()]
        if missing:
            raise CommandError(_("No held-out file at %(path)s.") % {"path": missing[0]})
        started = time.perf_counter()
        cache, model = self._model(model_dir, seed)
        columns = []
        for p in map(Path, path):
            hands = {_hand(f): f for f in _annotator_files(p)}
            report = evaluation.model_report(model, p, annotators=hands)
            texts, _gold = evaluation.read_gold(p)
            report.update(evaluation.load_and_memory(cache / model.version, texts))
            name = _set_name(p)
            columns.append((f"{name}, model", report))
            by_hand = report.pop("annotators", {})
            for hand, hand_path in hands.items():
                if "subset" in by_hand[hand]:
                    subset = by_hand[hand]["subset"]
                    columns.append((f"{name}, model on the {subset['n']} doubly labelled", subset))
                against = by_hand[hand]["against"]
                columns.append((f"{name}, model against {_the(hand)}'s {against['n']}", against))
                ceiling = evaluation.agreement(p, hand_path)
                ceiling.pop("ids")
                columns.append((f"{name}, {hand} on those {ceiling['n']}", ceiling))
            # the hands against each other, on the items both labelled
            for (first, first_path), (other, other_path) in combinations(hands.items(), 2):
                try:
                    pair = evaluation.agreement(first_path, other_path)
                except ValueError:  # no item labelled by both
                    continue
                pair.pop("ids")
                columns.append((f"{name}, {other} against {first} ({pair['n']})", pair))
        if json:
            self.stdout.write(
                _json.dumps(
                    {"model_version": model.version, "columns": dict(columns)},
                    ensure_ascii=False,
                    indent=1,
                )
            )
            return
        self.stdout.write(f"model {model.version} ({time.perf_counter() - started:.0f} s)\n")
        self.stdout.write(evaluation.format_table(columns))

    def _agreement(self, *, gold, second=None, json=False, **_options):
        from dantinh.language import evaluation

        if second:
            second = Path(second)
        else:
            found = _annotator_files(Path(gold))
            second = Path(gold).with_name(SECOND_ANNOTATOR)
            second = second if second in found or not found else found[0]
        for p in (Path(gold), second):
            if not p.exists():
                raise CommandError(_("No held-out file at %(path)s.") % {"path": p})
        report = evaluation.agreement(gold, second)
        report.pop("ids")
        if json:
            self.stdout.write(_json.dumps(report, ensure_ascii=False, indent=1))
            return
        title = f"{_set_name(Path(gold))}, second annotator"
        self.stdout.write(evaluation.format_table([(title, report)]))

    def _crosswriter(self, *, json=False, all_writers=False, also=(), **_options):
        from dantinh.language import evaluation
        from dantinh.language.classify import calibration
        from dantinh.language.classify.corpus import SEED_PATHS, WRITER_SEED_PATHS

        also = [Path(p).resolve() for p in also]
        paths = [
            p for p in (WRITER_SEED_PATHS if all_writers else SEED_PATHS) if p.resolve() not in also
        ]
        for p in also:
            if not p.exists():
                raise CommandError(_("No seed file at %(path)s.") % {"path": p})
        pairs = calibration.cross_writer_models(paths=paths, also=also)
        columns = []
        for name, model, test in pairs:
            suggestions = model.predict([e.text for e in test])
            gold = [evaluation.Labels.from_example(e) for e in test]
            pred = [evaluation.Labels.from_suggestion(s) for s in suggestions]
            columns.append((name, evaluation.measure(gold, pred)))
        pooled = calibration.pooled_predictions(pairs)
        temperatures = {head: calibration.fit_temperature(p) for head, p in pooled.items()}
        thresholds = {
            head: calibration.threshold_table(pooled[head], t, (0.4, 0.5, 0.6, 0.7))
            for head, t in temperatures.items()
        }
        if json:
            self.stdout.write(
                _json.dumps(
                    {
                        "columns": dict(columns),
                        "temperatures": temperatures,
                        "thresholds": thresholds,
                    },
                    ensure_ascii=False,
                    indent=1,
                )
            )
            return
        self.stdout.write(evaluation.format_table(columns))
        self.stdout.write(
            "\ntemperatures fitted on these predictions: " + _json.dumps(temperatures)
        )
        self.stdout.write(
            "\n| head | threshold | answers below it | right above | right below "
            "| the two likeliest hold it, below |\n| --- | ---: | ---: | ---: | ---: | ---: |"
        )
        for head, rows in thresholds.items():
            for row in rows:
                self.stdout.write(
                    f"| {head} | {row['threshold']} | {row['unsure_share']} "
                    f"| {row['accuracy_sure']} | {row['accuracy_unsure']} "
                    f"| {row['top_two_unsure']} |"
                )

    def _train(self, *, corrections=None, out=None, seed=None, **_options):
        from dantinh.language.classify import read_items, train_item_model
        from dantinh.language.classify.corpus import read_seed

        extra = read_items(corrections) if corrections else []
        started = time.perf_counter()
        model = train_item_model(extra, base=read_seed([Path(p) for p in seed]) if seed else "seed")
        directory = model.save(Path(out) if out else _models_dir() / model.version)
        self.stdout.write(
            json.dumps(
                {
                    "version": model.version,
                    "directory": str(directory),
                    "corrections": len(extra),
                    "train_s": round(time.perf_counter() - started, 2),
                },
                ensure_ascii=False,
            )
        )


def _set_name(path: Path) -> str:
    """A held-out set's name for a table column: its folder for items.jsonl, else its stem."""
    return path.parent.name if path.name == "items.jsonl" else path.stem


def _annotator_files(path: Path) -> list[Path]:
    """The other hands' label files beside a held-out set's items, by name."""
    return sorted(f for f in path.parent.glob(ANNOTATORS) if f != path)


def _hand(path: Path) -> str:
    """An annotator's name for a column: "second annotator", "annotator A"."""
    words = path.stem.split("_")
    if words[0] == "annotator" and len(words) == 2:
        return f"annotator {words[1].upper()}"
    return " ".join(words)


def _the(hand: str) -> str:
    return hand if hand.startswith("annotator ") else f"the {hand}"
