"""`dantinh purge [--dry-run]`: delete now what has outlived its retention period (the worker
does it every night); --dry-run only counts."""

from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Delete for real what has outlived its retention period (--dry-run: count only)."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true")

    def handle(self, *args, dry_run, **options):
        from dantinh.protection import retention

        if dry_run:
            for kind, count in retention.preview().items():
                self.stdout.write(f"{kind}: {'-' if count is None else count}")
            return
        run = retention.purge_now()
        self.stdout.write(f"Purge {run.pk}: {run.status}. {run.message}")
        for kind, count in run.counts.items():
            self.stdout.write(f"{kind}: {count}")
