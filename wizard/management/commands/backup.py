"""Write a consistent copy of the database to a file only its owner can read."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from ...backups import BackupError, backup


class Command(BaseCommand):
    help = (
        "Back up the database to OUT (mode 600) while the app runs: SQLite through its online backup API, "
        "PostgreSQL with pg_dump's custom format. Restore with: manage.py restore OUT"
    )

    def add_arguments(self, parser):
        parser.add_argument("out", type=Path, help="The backup file to write (replaced if it exists).")

    def handle(self, *args, out, **options):
        try:
            sha256 = backup(out)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(self.style.SUCCESS(f"Backed up to {out} ({out.stat().st_size} bytes)"))
        self.stdout.write(f"sha256 {sha256}")
