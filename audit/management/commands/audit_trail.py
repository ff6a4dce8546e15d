"""Print the audit trail, filtered, as JSON Lines or CSV."""

from argparse import ArgumentTypeError
from datetime import date
from uuid import UUID

from django.core.management.base import BaseCommand, CommandError

from ...export import TrailFilter, csv_lines, filter_events, json_lines
from ...models import Action
from ...trail import record


def iso_date(value: str) -> date:
    """Parse a YYYY-MM-DD argument."""
    try:
        return date.fromisoformat(value)
    except ValueError as error:
        raise ArgumentTypeError(f"not a date (YYYY-MM-DD): {value!r}") from error


def case_uuid(value: str) -> UUID:
    """Parse a case id argument."""
    try:
        return UUID(value)
    except ValueError as error:
        raise ArgumentTypeError(f"not a case id (UUID): {value!r}") from error


class Command(BaseCommand):
    help = (
        "Print audit events, newest first. --format json writes JSON Lines (one JSON object per line with "
        "the CSV's columns as keys, detail as an object); --format csv writes a header row first. "
        "Dates are whole local days, both inclusive. The export itself goes on the trail."
    )

    def add_arguments(self, parser):
        parser.add_argument("--case", type=case_uuid, help="Only events about this case (its UUID).")
        parser.add_argument("--user", default="", help="Only events by this username.")
        parser.add_argument("--since", type=iso_date, help="From this day (YYYY-MM-DD).")
        parser.add_argument("--until", type=iso_date, help="Up to and including this day (YYYY-MM-DD).")
        parser.add_argument("--clinic", type=int, help="Only this clinic's events (its id).")
        parser.add_argument("--format", choices=["json", "csv"], required=True)

    def handle(self, *args, case=None, user="", since=None, until=None, clinic=None, **options):
        if since and until and since > until:
            raise CommandError("--until is before --since.")
        trail = TrailFilter(clinic_id=clinic, case_id=case, username=user, since=since, until=until)
        events = filter_events(trail)
        as_json = options["format"] == "json"
        written = 0
        for line in json_lines(events) if as_json else csv_lines(events):
            self.stdout.write(line, ending="")
            written += 1
        record(
            Action.AUDIT_EXPORT,
            clinic_id=clinic,
            route="manage.py audit_trail",
            format=options["format"],
            events=written if as_json else written - 1,
            filters=trail.described(),
        )
