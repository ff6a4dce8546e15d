"""Render a case file's letter of medical necessity: python manage.py render_letter FILE.json -o OUT.pdf."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from ...core.assessment import assess
from ...core.choices import Payer
from ...core.disclosure import letter_case_file
from ...letter.build import build_letter
from ...letter.render import render_letter_pdf
from .evaluate_case import iso_date, read_facts


class Command(BaseCommand):
    help = "Render a case file's letter of medical necessity as a PDF/A-3b with the case file attached."

    def add_arguments(self, parser):
        parser.add_argument("file", help="A case file (docs/case-format.md).")
        parser.add_argument("-o", "--output", required=True, help="Where to write the PDF.")
        parser.add_argument(
            "--payer", choices=[p.value for p in Payer], help="Write the letter to another payer."
        )
        parser.add_argument("--date", type=iso_date, help="Date the letter as of this day (default today).")

    def handle(self, *args, file, output, payer=None, date=None, **options):
        facts = read_facts(file)
        today = date or timezone.localdate()
        assessment = assess(facts, today=today, payer=payer)
        # assess() swaps in the other payer; the letter and its attachment both follow the facts it judged.
        letter = build_letter(assessment.facts, assessment.results, today=today)
        pdf = render_letter_pdf(letter, case_file=letter_case_file(assessment.facts))
        try:
            Path(output).write_bytes(pdf)
        except OSError as error:
            raise CommandError(f"{output}: cannot write: {error.strerror}") from None
        self.stdout.write(f"Wrote {output} ({len(pdf) // 1024} KB). {assessment.verdict.summary}")
