"""`dantinh keys`: the data keys that encrypt personal data and the audit trail's values.

dantinh keys new                 print a fresh key (put it FIRST in DANTINH_DATA_KEYS)
dantinh keys rotate [--now]      re-encrypt everything under the newest key (a job the worker
                                 runs, shown on the Keys page; --now runs it here)
dantinh keys status              how much is under the newest key already
"""

from cryptography.fernet import Fernet
from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "Data keys: `new`, `rotate [--now]`, `status` (see docs/deployment.md, 'Keys')."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["new", "rotate", "status"])
        parser.add_argument("--now", action="store_true", help="rotate here, not in the worker")

    def handle(self, *args, action, now, **options):
        from dantinh.core.errors import ValidationError
        from dantinh.org.actors import system_actor
        from dantinh.protection import keys

        if action == "new":
            self.stdout.write(Fernet.generate_key().decode())
            return
        if action == "status":
            for row in keys.status():
                self.stdout.write(
                    f"{row['column']}: {row['newest']}/{row['total']} under the newest key"
                )
            return
        try:
            if now:
                job = keys.run(keys.rotation_start(actor=system_actor(), queue=False))
                self.stdout.write(
                    f"Rotation {job.pk}: {job.status}, {job.rows_done}/{job.rows_total} rows."
                )
            else:
                job = keys.rotation_start(actor=system_actor())
                self.stdout.write(
                    f"Rotation {job.pk} queued: the worker re-encrypts in the background."
                )
        except ValidationError as exc:
            raise CommandError(exc.message) from exc
