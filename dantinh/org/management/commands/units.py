from django.core.management.base import BaseCommand, CommandError

from dantinh.org import importer
from dantinh.org.actors import system_actor

# Actions the rooms above add to this command (`dantinh units ACTION ARG...`), e.g. insight's
# "boundaries": name -> (help, function(args, stdout)).
EXTRA_ACTIONS: dict = {}


class Command(BaseCommand):
    help = (
        "Units: `dantinh units import --province 31 [08 ...] | --all` loads Vietnam's real units; "
        "`dantinh units boundaries FILE.geojson` adds a province's boundaries for the map."
    )

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["import", *EXTRA_ACTIONS])
        parser.add_argument("args", nargs="*", help="for the other actions (a file…)")
        parser.add_argument("--province", nargs="+", default=[], help="2025 province codes")
        parser.add_argument("--all", action="store_true", help="all 34 provinces")
        parser.add_argument(
            "--no-history", action="store_true", help="skip the pre-2025 communes (retired units)"
        )

    def handle(self, *args, action, province, all, no_history, **options):
        if action in EXTRA_ACTIONS:
            try:
                EXTRA_ACTIONS[action][1](options.get("args") or list(args), self.stdout)
            except ValueError as exc:
                raise CommandError(str(exc)) from exc
            return
        known = importer.provinces_2025()
        codes = sorted(known) if all else [c.zfill(2) for c in province]
        if not codes:
            raise CommandError("Give --province CODE [CODE ...] or --all.")
        unknown = [c for c in codes if c not in known]
        if unknown:
            raise CommandError(importer.unknown_province_message(unknown))
        for code in codes:
            summary = importer.import_province(
                code, actor=system_actor(), with_history=not no_history
            )
            self.stdout.write(
                f"{code} {known[code]['full_name']}: {summary.created} created, {summary.updated} updated"
            )
