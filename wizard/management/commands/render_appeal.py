"""Render an appeal of a denial, or the peer-to-peer sheet: python manage.py render_appeal FILE.json --reason CODE -o OUT.pdf.

The letter prints the appeal deadline only as given with --deadline (stated on the notice or confirmed);
without it, our estimate is printed here for the clinician to verify on the notice, never in the letter.
"""

import argparse
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from ...core.assessment import assess
from ...core.choices import DenialReason
from ...core.denials import appeal_deadline, parse_reasons
from ...letter.appeal import build_appeal
from ...letter.peer_to_peer import build_peer_to_peer
from ...letter.render_appeal import render_appeal_pdf, render_peer_to_peer_pdf
from .evaluate_case import iso_date, read_facts


def reason_code(value: str) -> DenialReason:
    """Parse one --reason; an unknown code is refused with the list of valid ones."""
    try:
        (reason,) = parse_reasons([value])
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from None
    return reason


class Command(BaseCommand):
    help = (
        "Render the appeal of a denial (or, with --peer-to-peer, the one-page peer-to-peer sheet) as a PDF."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="A case file (docs/case-format.md).")
        parser.add_argument("-o", "--output", required=True, help="Where to write the PDF.")
        parser.add_argument(
            "--reason",
            action="append",
            required=True,
            type=reason_code,
            help=f"A denial reason; repeat for several. One of: {', '.join(r.value for r in DenialReason)}.",
        )
        parser.add_argument("--payer-text", default="", help="The payer's words, quoted in the letter.")
        parser.add_argument("--denied-on", type=iso_date, help="Date of the denial notice (YYYY-MM-DD).")
        parser.add_argument("--reference", default="", help="The payer's reference or case number.")
        parser.add_argument(
            "--deadline",
            type=iso_date,
            help="Appeal deadline stated on the notice or confirmed (YYYY-MM-DD).",
        )
        parser.add_argument(
            "--enclosure", action="append", default=[], help="A new enclosure sent with the appeal; repeat."
        )
        parser.add_argument("--date", type=iso_date, help="Date the appeal as of this day (default today).")
        parser.add_argument(
            "--peer-to-peer", action="store_true", help="Write the one-page peer-to-peer sheet instead."
        )

    def handle(self, *args, file, output, reason, peer_to_peer=False, date=None, **options):
        facts = read_facts(file)
        today = date or timezone.localdate()
        results = assess(facts, today=today).results
        denied_on, stated = options.get("denied_on"), options.get("deadline")
        deadline = appeal_deadline(denied_on, facts.request.payer, stated)
        denial = {
            "reasons": reason,
            "payer_text": options.get("payer_text") or "",
            "denied_on": denied_on,
            "reference": options.get("reference") or "",
            "today": today,
        }
        if peer_to_peer:
            pdf = render_peer_to_peer_pdf(build_peer_to_peer(facts, results, deadline=deadline, **denial))
            notes = ()
        else:
            appeal = build_appeal(
                facts, results, deadline_on=stated, new_enclosures=options.get("enclosure") or [], **denial
            )
            pdf = render_appeal_pdf(appeal)
            notes = appeal.notes
        try:
            Path(output).write_bytes(pdf)
        except OSError as error:
            raise CommandError(f"{output}: cannot write: {error.strerror}") from None
        self.stdout.write(f"Wrote {output} ({len(pdf) // 1024} KB).")
        if deadline is not None and not deadline.stated:
            self.stdout.write(f"Appeal deadline not printed; our estimate: {deadline.label}.")
        for note in notes:
            self.stdout.write(f"Note: {note}")
