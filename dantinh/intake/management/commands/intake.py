"""`dantinh intake features --rebuild [--all]`: each item's text features (what reports derive
from its text, `intake/features.py`) computed for every item lacking up-to-date ones — after
an upgrade, or when the language engine changed — with progress; `--all` recomputes all."""

from __future__ import annotations

import time

from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = (
        "Intake tools: `features --rebuild` computes the text features of every item lacking "
        "up-to-date ones (`--all`: of every item)."
    )

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["features"])
        parser.add_argument("--rebuild", action="store_true", help="features: compute them")
        parser.add_argument("--all", action="store_true", help="features: every item's again")

    def handle(self, *args, action, rebuild, all, **options):
        from dantinh.intake import features

        if not rebuild:
            raise CommandError("features needs --rebuild")
        began = time.perf_counter()

        def progress(done: int, total: int) -> None:
            elapsed = time.perf_counter() - began
            self.stdout.write(f"{done:,} / {total:,} items read, {elapsed:.1f} s")

        written = features.rebuild(everything=all, progress=progress)
        self.stdout.write(f"{written:,} items analysed in {time.perf_counter() - began:.1f} s")
