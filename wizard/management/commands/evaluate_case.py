"""Evaluate a case file against its payer's criteria: python manage.py evaluate_case FILE.json."""

import json
from datetime import date
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from ...core.assessment import assess
from ...core.case_format import CaseFormatError, load_case
from ...core.case_json import parse_case_text
from ...core.choices import Payer
from ...core.report import assessment_json, assessment_text


def read_facts(path: str):
    """Return the facts of a case file, or raise CommandError with a one-line reason."""
    try:
        return load_case(parse_case_text(Path(path).read_text(encoding="utf-8-sig")))
    except OSError as error:
        raise CommandError(f"{path}: cannot read: {error.strerror}") from None
    except UnicodeDecodeError as error:
        raise CommandError(f"{path}: not a valid case file: not UTF-8 text ({error})") from None
    except CaseFormatError as error:
        raise CommandError(f"{path}: not a valid case file: {error}") from None


def iso_date(value: str) -> date:
    """Parse --date."""
    return date.fromisoformat(value)


class Command(BaseCommand):
    help = "Evaluate a case file: findings with citations, verdict, codes and warnings."

    def add_arguments(self, parser):
        parser.add_argument("file", help="A case file (docs/case-format.md).")
        parser.add_argument(
            "--payer", choices=[p.value for p in Payer], help="Evaluate against another payer."
        )
        parser.add_argument("--format", choices=["json", "text"], default="text", dest="output")
        parser.add_argument("--date", type=iso_date, help="Evaluate as of this date (default today).")

    def handle(self, *args, file, payer=None, output="text", date=None, **options):
        facts = read_facts(file)
        assessment = assess(facts, today=date or timezone.localdate(), payer=Payer(payer) if payer else None)
        if output == "json":
            self.stdout.write(json.dumps(assessment_json(assessment), indent=2, ensure_ascii=False))
        else:
            self.stdout.write(assessment_text(assessment), ending="")
