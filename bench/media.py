"""The media monitor's pipeline: how many posts a second one core cleans, labels and groups
into stories, and how well the grouping joins rewritten copies while keeping different
events apart.

    python -m bench.media [--posts 5000] [--copies 0.4] [--seed 2026]

Posts are the texts of the language engine's seed corpus (written for the project), each
used once as an original, plus rewritten copies of earlier posts (a word dropped, a phrase
added before or after — "Chia sẻ:", "Thật không mọi người?" — a clause moved), as papers and
pages repeat a story. Stages timed separately, single process:
- clean: `pipeline.clean` (markup, spaces, keys, too-short texts out);
- label: the deployment model's `predict` in batches (field, kind, mood, valence) — what
  `pipeline.label` does — and places with the province's place matcher;
- group: `pipeline.Grouper` (MinHash LSH near-duplicates) over all the posts in one unit.
The database writes of `pipeline.ingest` are not included.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import time

BEFORE = ["Chia sẻ:", "Nóng:", "Nghe nói", "Thật không mọi người?", "Bà con ơi,"]
AFTER = ["Mong các cấp quan tâm.", "Ai biết thì chia sẻ.", "(theo bạn đọc)", "!!!"]


def rewrite(text: str, rng: random.Random) -> str:
    """A copy of a post as another page repeats it: a word dropped, a phrase added before or
    after, a clause moved."""
    words = text.split()
    if len(words) > 10 and rng.random() < 0.5:
        del words[rng.randrange(len(words))]
    if rng.random() < 0.5:
        words = [rng.choice(BEFORE), *words]
    else:
        words = [*words, rng.choice(AFTER)]
    if rng.random() < 0.3 and "," in " ".join(words):
        head, _sep, tail = " ".join(words).partition(",")
        words = f"{tail.strip()}, {head}".split()
    return " ".join(words)


def _posts(n: int, share: float, rng: random.Random):
    from dantinh.language.classify.corpus import read_seed
    from dantinh.media.parse import RawPost

    texts = [e.text for e in read_seed() if len(e.text.split()) >= 8]
    rng.shuffle(texts)
    out, truth, originals = [], [], []
    now = dt.datetime(2026, 12, 7, tzinfo=dt.UTC)
    for i in range(n):
        if originals and rng.random() < share:
            group = rng.randrange(len(originals))
            text = rewrite(originals[group], rng)
        else:
            group = len(originals)
            text = texts[group % len(texts)]
            originals.append(text)
        out.append(RawPost(text=text, ident=f"p{i}", published=now - dt.timedelta(minutes=i)))
        truth.append(group)
    return out, truth


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.media")
    parser.add_argument("--posts", type=int, default=5000)
    parser.add_argument("--copies", type=float, default=0.4)
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args(argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
    import django

    django.setup()
    from dantinh.intake.labelling import item_model
    from dantinh.language.places import package_matcher
    from dantinh.media import pipeline

    raw, truth = _posts(args.posts, args.copies, random.Random(args.seed))
    model = item_model()  # trained once from the seed if not there yet (not timed)
    matcher = package_matcher(["31"])
    model.predict(["khởi động"])
    matcher.codes("Phường Lê Chân")

    started = time.perf_counter()
    posts = pipeline.clean(raw)
    t_clean = time.perf_counter() - started

    started = time.perf_counter()
    pipeline.label(posts, with_places=False)
    t_model = time.perf_counter() - started
    started = time.perf_counter()
    for post in posts:
        post.place_codes = matcher.codes(f"{post.title} {post.text}")
    t_places = time.perf_counter() - started

    started = time.perf_counter()
    grouper = pipeline.Grouper(unit_id=None, since=None)
    story = [grouper.place(post, i) for i, post in enumerate(posts)]
    t_group = time.perf_counter() - started

    kept = {p.key for p in posts}
    keys = [pipeline.clean([r])[0].key if pipeline.clean([r]) else None for r in raw]
    truth_of = {k: t for k, t in zip(keys, truth, strict=True) if k in kept}
    first_story: dict[int, int] = {}
    joined = copies = merged_originals = originals = 0
    owner: dict[int, int] = {}
    for post, s in zip(posts, story, strict=True):
        group = truth_of[post.key]
        if group in first_story:
            copies += 1
            joined += first_story[group] == s
        else:
            first_story[group] = s
            originals += 1
            if s in owner:
                merged_originals += 1
            owner[s] = group

    total = t_clean + t_model + t_places + t_group
    n = len(posts)
    rows = [
        ("clean", t_clean),
        ("label: field, kind, mood, valence (model)", t_model),
        ("label: places", t_places),
        ("group into stories", t_group),
        ("all", total),
    ]
    print(f"{len(raw)} posts generated, {n} kept after cleaning; {copies} rewritten copies\n")
    print("| stage | seconds | posts per second |")
    print("|---|---|---|")
    for name, seconds in rows:
        print(f"| {name} | {seconds:.2f} | {n / seconds:,.0f} |")
    print(
        f"\ncopies joined to their original's story: {joined}/{copies} "
        f"({100 * joined / max(copies, 1):.1f}%); originals merged into another's story: "
        f"{merged_originals}/{originals} ({100 * merged_originals / max(originals, 1):.1f}%); "
        f"stories: {len(set(story))} (truth: {len(first_story)})"
    )


if __name__ == "__main__":
    main()
