"""Render a case file's letter of medical necessity: python manage.py render_letter FILE.json -o OUT.pdf.

A case with open blocking items (a required criterion not met, a safety hold, a blocking documentation gap)
is refused with the items named, unless `--draft`: a draft prints DRAFT on every page and is never issued.
"""

from dataclasses import replace
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from ...core.assessment import Assessment, assess
from ...core.choices import Payer
from ...core.disclosure import letter_case_file
from ...core.rules import Outcome
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
        parser.add_argument(
            "--draft",
            action="store_true",
            help="Write a draft marked DRAFT on every page, even when items are open (never for sending).",
        )

    def handle(self, *args, file, output, payer=None, date=None, draft=False, **options):
        today = date or timezone.localdate()
        assessment, pdf = letter_pdf_for(file, read_facts(file), today=today, payer=payer, draft=draft)
        verdict = assessment.verdict
        try:
            Path(output).write_bytes(pdf)
        except OSError as error:
            raise CommandError(f"{output}: cannot write: {error.strerror}") from None
        marked = " Draft: marked DRAFT on every page, not for sending." if draft else ""
        self.stdout.write(f"Wrote {output} ({len(pdf) // 1024} KB). {verdict.summary}{marked}")


def letter_pdf_for(
    file: str, facts, *, today, payer=None, draft=False, enclosed: tuple[str, ...] = ()
) -> tuple[Assessment, bytes]:
    """Return the assessment and the letter's PDF; refuse (CommandError) open items unless it is a draft."""
    assessment = assess(facts, today=today, payer=payer)
    verdict = assessment.verdict
    if verdict.outcome is not Outcome.MEETS and not draft:
        items = "; ".join(verdict.open_texts)
        raise CommandError(
            f"{file}: not written. {verdict.summary} Open items: {items}. Document them, or write a draft "
            "with --draft."
        )
    # assess() swaps in the other payer; the letter and its attachment both follow the facts it judged.
    letter = build_letter(assessment.facts, assessment.results, today=today, enclosed=enclosed)
    if draft:
        letter = replace(letter, draft=True)
    return assessment, render_letter_pdf(letter, case_file=letter_case_file(assessment.facts))
