"""`dantinh health`: one line per check, for monitoring (exit 0 all well, 1 a warning, 2 a
failure), as Nagios-style checks expect: the database, the task queue's backlog, jobs stuck,
the last purge, breaches past their 72 hours."""

import datetime as dt

from django.core.management.base import BaseCommand
from django.db import connection
from django.utils import timezone

OK, WARN, FAIL = 0, 1, 2
NAMES = {OK: "OK", WARN: "WARNING", FAIL: "CRITICAL"}


class Command(BaseCommand):
    help = "Health checks for monitoring (exit 0 OK, 1 warning, 2 critical)."

    def add_arguments(self, parser):
        parser.add_argument("--queue-warn", type=int, default=100, help="tasks waiting: warning")

    def handle(self, *args, queue_warn, **options):
        results = [
            self._database(),
            self._queue(queue_warn),
            self._jobs(),
            self._purge(),
            self._breaches(),
            self._capacity(),
        ]
        for level, text in results:
            self.stdout.write(f"{NAMES[level]}: {text}")
        worst = max(level for level, _text in results)
        if worst:
            raise SystemExit(worst)

    def _database(self):
        try:
            with connection.cursor() as cursor:
                cursor.execute("SELECT 1")
            return OK, f"database {connection.vendor}"
        except Exception as exc:  # the point of a health check is to say so
            return FAIL, f"database: {exc}"

    def _queue(self, limit):
        from huey.contrib.djhuey import HUEY

        try:
            waiting = HUEY.pending_count()
        except Exception as exc:
            return FAIL, f"task queue unreachable: {exc}"
        return (WARN if waiting > limit else OK), f"task queue: {waiting} waiting"

    def _jobs(self):
        from dantinh.core import jobs

        now, stuck = timezone.now(), 0
        for kind in jobs.registered():
            manager = kind.model._default_manager
            stuck += manager.filter(
                status=jobs.RUNNING, updated_at__lt=now - kind.stale_after
            ).count()
            stuck += manager.filter(
                status=jobs.PENDING, updated_at__lt=now - dt.timedelta(hours=1)
            ).count()
        return (WARN if stuck else OK), f"jobs waiting over an hour or stalled: {stuck}"

    def _purge(self):
        from dantinh.protection.models import JobStatus, PurgeRun

        last = PurgeRun.objects.filter(status=JobStatus.DONE).order_by("-finished_at").first()
        if last is None or last.finished_at < timezone.now() - dt.timedelta(days=2):
            return WARN, "no retention purge finished in the last 2 days (is the worker running?)"
        return OK, f"last purge {timezone.localtime(last.finished_at):%d/%m/%Y %H:%M}"

    def _capacity(self):
        from dantinh.intake.capacity import embedded_capacity

        capacity = embedded_capacity()
        if capacity is None:
            return OK, f"database size: {connection.vendor}, no embedded limit"
        if capacity.level == "ok":
            return OK, f"database size: {capacity.items:,} items, within SQLite's limit"
        return WARN, f"database size: {capacity.message}"

    def _breaches(self):
        from dantinh.protection.models import Breach

        late = [
            b
            for b in Breach.objects.filter(status=Breach.Status.OPEN)
            if b.notify_by < timezone.now()
        ]
        if late:
            return FAIL, f"breaches past their 72 hours, not notified: {len(late)}"
        return OK, "no breach past its 72 hours"
