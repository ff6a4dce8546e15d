"""Replace the database's contents with a backup made by manage.py backup."""

import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from ...backups import BackupError, check_backup, restore


class Command(BaseCommand):
    help = (
        "Replace every case, letter, user and audit event in the database with those in the backup IN. "
        "Stop the server first. Asks for confirmation unless --yes is given."
    )

    def add_arguments(self, parser):
        parser.add_argument("source", type=Path, metavar="IN", help="A file written by manage.py backup.")
        parser.add_argument("--yes", action="store_true", help="Replace the database without asking.")

    def handle(self, *args, source, yes, **options):
        try:
            check_backup(source)
            if not yes:
                self.confirm(source)
            restore(source)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(self.style.SUCCESS(f"Restored the database from {source}"))
        self.stdout.write(
            "Next: manage.py migrate (if the backup is from an older version), then start the server."
        )

    def confirm(self, source: Path) -> None:
        """Ask on a terminal; refuse when nobody can answer."""
        target = connection.settings_dict["NAME"]
        if not sys.stdin.isatty():
            raise CommandError(f"Restoring replaces everything in {target}; add --yes to go ahead.")
        answer = input(f"Replace everything in {target} with the backup {source}? Type yes to go ahead: ")
        if answer.strip().lower() != "yes":
            raise CommandError("Nothing was restored.")
