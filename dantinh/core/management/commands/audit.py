from django.core.management.base import BaseCommand, CommandError

from dantinh.core import audit

REASONS = {
    "altered": "an entry was altered",
    "missing": "an entry is missing",
    "truncated": "the newest entries are missing",
    "values altered": "the sealed values of an entry were altered",
    "values removed": "the values of an entry were removed without an erasure",
}


class Command(BaseCommand):
    help = (
        "The audit trail: `dantinh audit verify` seals pending entries and checks that no entry "
        "was altered or removed; `dantinh audit seal` only seals."
    )

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["verify", "seal"])

    def handle(self, *args, action, **options):
        if action == "seal":
            self.stdout.write(f"Sealed {audit.seal()} entries.")
            return
        result = audit.verify()
        if result.broken is not None:
            broken = result.broken
            raise CommandError(
                f"Audit trail broken at entry #{broken.pk} ({broken.at:%d/%m/%Y %H:%M}): "
                f"{REASONS.get(result.reason, result.reason)}, after {result.checked} intact entries."
            )
        self.stdout.write(f"Audit trail intact: {result.checked} entries.")
