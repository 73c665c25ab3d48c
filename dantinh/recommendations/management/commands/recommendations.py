"""`dantinh recommendations rollup`: recompute the register's monthly roll-ups (the figures
page reads them) from the recommendations themselves."""

from __future__ import annotations

import time

from django.core.management.base import BaseCommand

from dantinh.recommendations import rollup


class Command(BaseCommand):
    help = "Recommendations: `rollup` recomputes the monthly roll-ups from the register."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["rollup"])

    def handle(self, *args, **options):
        started = time.perf_counter()
        bodies, fields = rollup.rebuild()
        self.stdout.write(
            f"{bodies} body-month and {fields} field-month cells "
            f"in {time.perf_counter() - started:.1f} s"
        )
