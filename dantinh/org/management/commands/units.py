from django.core.management.base import BaseCommand, CommandError

from dantinh.org import importer
from dantinh.org.actors import system_actor


class Command(BaseCommand):
    help = (
        "Units: `dantinh units import --province 31 [08 ...] | --all` loads Vietnam's real units."
    )

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["import"])
        parser.add_argument("--province", nargs="+", default=[], help="2025 province codes")
        parser.add_argument("--all", action="store_true", help="all 34 provinces")
        parser.add_argument(
            "--no-history", action="store_true", help="skip the pre-2025 communes (retired units)"
        )

    def handle(self, *args, action, province, all, no_history, **options):
        known = importer.provinces_2025()
        codes = sorted(known) if all else [c.zfill(2) for c in province]
        if not codes:
            raise CommandError("Give --province CODE [CODE ...] or --all.")
        unknown = [c for c in codes if c not in known]
        if unknown:
            raise CommandError(
                f"Unknown province code(s): {', '.join(unknown)}. Known: {', '.join(sorted(known))}."
            )
        for code in codes:
            summary = importer.import_province(
                code, actor=system_actor(), with_history=not no_history
            )
            self.stdout.write(
                f"{code} {known[code]['full_name']}: {summary.created} created, {summary.updated} updated"
            )
