"""`dantinh restore FILE --yes`: replace this deployment's data and files with a backup's (the
database must be migrated first; the data keys must be those in force when it was made)."""

from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "Replace the database's rows and the files with the backup FILE's (needs --yes)."

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--yes", action="store_true", help="yes, replace everything")

    def handle(self, *args, file, yes, **options):
        from dantinh.protection import backup

        if not yes:
            raise CommandError("Restoring replaces every row and file: add --yes to go ahead.")
        try:
            summary = backup.restore(file)
        except (backup.BackupError, OSError) as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            f"Restored: {summary.tables} tables, {summary.rows} rows, {summary.files} files, "
            "identical to the backup."
        )
