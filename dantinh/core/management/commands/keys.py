"""`dantinh keys`: the data keys that encrypt personal data and the audit trail's values.

dantinh keys new                 print a fresh key (put it FIRST in DANTINH_DATA_KEYS)
dantinh keys rotate [--now]      re-encrypt everything under the newest key (queued, or now)
dantinh keys status              how much is under the newest key already
"""

from cryptography.fernet import Fernet
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Data keys: `new`, `rotate [--now]`, `status` (see docs/deployment.md, 'Keys')."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["new", "rotate", "status"])
        parser.add_argument("--now", action="store_true", help="rotate here, not in the worker")

    def handle(self, *args, action, now, **options):
        from dantinh.core import crypto

        if action == "new":
            self.stdout.write(Fernet.generate_key().decode())
        elif action == "status":
            for column, (ok, total) in crypto.newest_key_share().items():
                self.stdout.write(f"{column}: {ok}/{total} under the newest key")
        elif now:
            done = crypto.rotate(
                progress=lambda column, n, total: self.stdout.write(f"{column}: {n}/{total}")
            )
            self.stdout.write(f"Rotated: {done}")
        else:
            from dantinh.core.tasks import rotate_data_keys

            rotate_data_keys()
            self.stdout.write("Rotation queued: the worker re-encrypts in the background.")
