"""`dantinh backup FILE`: an encrypted backup of the database, uploads, models and non-secret
configuration, taken while the application runs (not the keys). `--check FILE` reads a backup
through and says whether it is whole."""

from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "Write an encrypted backup to FILE (--check: verify an existing backup)."

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--check", action="store_true", help="verify FILE, write nothing")

    def handle(self, *args, file, check, **options):
        from dantinh.protection import backup

        try:
            if check:
                summary = backup.check(file)
                self.stdout.write(
                    f"OK: {summary.tables} tables, {summary.rows} rows, {summary.files} files, "
                    f"made {summary.manifest['made_at']} on {summary.manifest['database']}."
                )
            else:
                summary = backup.backup(file)
                self.stdout.write(
                    f"Backup written to {file}: {summary.tables} tables, {summary.rows} rows, "
                    f"{summary.files} files. The data keys are not in it: keep them apart."
                )
        except (backup.BackupError, OSError) as exc:
            raise CommandError(str(exc)) from exc
