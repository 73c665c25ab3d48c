"""Moods only where voiced (issue 12): the label guide's rule applied to the seeds.

    python -m bench.moods            rewrite the seeds by the rule and print what changed
    python -m bench.moods --check    exit 1 when a seed line breaks the rule (nothing written)
    python -m bench.moods --sample N [--kept M] [--seed S]
                                     print N changed and M kept lines, at random, to read

The rule (data/README.md, "Moods only where voiced"): an item has a mood only where its text
voices one, a feeling word or phrase of `lexicon.FEELING_WORDS` (`moods.voiced_moods`). An
opinion (`tam_trang`) always voices one and keeps its mood; any other item whose text voices
no feeling gets `null`. `dantinh/language/data/mood_overrides.jsonl` holds the lines where
reading them found the rule wrong (a feeling said in words the lists lack, a feeling word
used in another sense, a mood other than the one the text voices): {"text", "mood", "why"}
(null allowed), applied after the rule. The script never gives a mood to a line the writer
left without one, except by an override. Running it twice changes nothing the second time.
`--check` also fails on a line (not an opinion) whose mood is not one its text voices while it
voices another, unless an override records how it was read.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections import Counter
from pathlib import Path

from dantinh.language.classify.corpus import WRITER_SEED_PATHS, read_rows
from dantinh.language.moods import voiced_moods

OVERRIDES = WRITER_SEED_PATHS[0].parent / "mood_overrides.jsonl"
VOICED_ALWAYS = "tam_trang"  # an opinion's text always voices its mood


def read_overrides(path: Path = OVERRIDES) -> dict[str, str | None]:
    """Text → the mood reading found right for it (None: no mood)."""
    if not path.exists():
        return {}
    return {row["text"]: row.get("mood") or None for row in read_rows(path)}


def ruled_mood(row: dict, overrides: dict[str, str | None]) -> str | None:
    """The mood of a seed line under the rule: an override, else the writer's mood where the
    text voices a feeling (or the line is an opinion), else None."""
    if row["text"] in overrides:
        return overrides[row["text"]]
    mood = row.get("mood") or None
    if mood is None or row.get("kind") == VOICED_ALWAYS:
        return mood
    return mood if voiced_moods(row["text"]) else None


def unread_mismatch(row: dict, overrides: dict[str, str | None]) -> bool:
    """A line (not an opinion) whose mood is not among the moods its text voices although it
    voices some, with no override saying how it was read."""
    mood = row.get("mood")
    if not mood or row.get("kind") == VOICED_ALWAYS or row["text"] in overrides:
        return False
    voiced = voiced_moods(row["text"])
    return bool(voiced) and mood not in voiced


def _dump(row: dict) -> str:
    return json.dumps(row, ensure_ascii=False)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.moods", description=__doc__)
    parser.add_argument("--check", action="store_true", help="report lines breaking the rule")
    parser.add_argument("--sample", type=int, default=0, help="changed lines to print")
    parser.add_argument("--kept", type=int, default=0, help="kept (mood, not tam_trang) to print")
    parser.add_argument("--seed", type=int, default=12)
    args = parser.parse_args(argv)
    overrides = read_overrides()
    used: set[str] = set()
    broken = 0
    changed_rows: list[tuple[str, dict, str | None]] = []
    kept_rows: list[tuple[str, dict]] = []
    unread: list[tuple[str, dict]] = []
    for path in WRITER_SEED_PATHS:
        lines = path.read_text(encoding="utf-8").splitlines()
        out, counts = [], Counter()
        for line in lines:
            if not line.strip():
                out.append(line)
                continue
            row = json.loads(line)
            mood = ruled_mood(row, overrides)
            if row["text"] in overrides:
                used.add(row["text"])
            if mood != (row.get("mood") or None):
                counts[f"{row.get('mood')} → {mood}"] += 1
                changed_rows.append((path.name, row, mood))
                row = {**row, "mood": mood}
                out.append(_dump(row))
            else:
                if mood and row.get("kind") != VOICED_ALWAYS:
                    kept_rows.append((path.name, row))
                out.append(line)
            if unread_mismatch(row, overrides):
                unread.append((path.name, row))
        total = sum(counts.values())
        broken += total
        print(f"{path.name}: {total} of {len(lines)} lines change", file=sys.stderr)
        for change, n in counts.most_common():
            print(f"  {change}: {n}", file=sys.stderr)
        if not args.check and not args.sample and not args.kept and total:
            path.write_text("\n".join(out) + "\n", encoding="utf-8")
    unused = set(overrides) - used
    if unused:
        print(f"{len(unused)} overrides match no seed line", file=sys.stderr)
    for name, row in unread:
        voiced = ",".join(sorted(voiced_moods(row["text"])))
        print(f"UNREAD {name} {row['kind']} {row['mood']} [{voiced}] | {row['text']}")
    if unread:
        print(
            f"{len(unread)} lines carry a mood their text does not voice while it voices "
            "another: read them and record the reading in mood_overrides.jsonl",
            file=sys.stderr,
        )
    if args.sample or args.kept:
        rng = random.Random(args.seed)
        for name, row, mood in rng.sample(changed_rows, min(args.sample, len(changed_rows))):
            print(f"CHANGED {name} {row['kind']} {row.get('mood')}→{mood} | {row['text']}")
        for name, row in rng.sample(kept_rows, min(args.kept, len(kept_rows))):
            voiced = ",".join(sorted(voiced_moods(row["text"])))
            print(f"KEPT {name} {row['kind']} {row['mood']} [{voiced}] | {row['text']}")
    if args.check:
        return 1 if broken or unused or unread else 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
