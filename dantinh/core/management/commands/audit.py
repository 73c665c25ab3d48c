from django.core.management.base import BaseCommand, CommandError

from dantinh.core import audit


class Command(BaseCommand):
    help = "The audit trail: `dantinh audit verify` checks that no entry was altered or removed."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["verify"])

    def handle(self, *args, action, **options):
        checked, broken = audit.verify()
        if broken is not None:
            raise CommandError(
                f"Audit trail broken at entry #{broken.pk} ({broken.at:%d/%m/%Y %H:%M}) "
                f"after {checked} intact entries."
            )
        self.stdout.write(f"Audit trail intact: {checked} entries.")
