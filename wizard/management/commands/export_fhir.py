"""Export a case file as FHIR: python manage.py export_fhir CASE.json [--letter L.pdf] [--enclosure F ...] -o OUT.json.

The output is one PAS-style request Bundle with the DTR-style QuestionnaireResponse inside (docs/fhir.md).
Nothing is sent anywhere.
"""

import json
import mimetypes
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from ...fhir.common import Document
from ...fhir.export import LETTER_TITLE
from ...fhir.pas_bundle import build_pas_bundle, file_case_key
from .evaluate_case import iso_date, read_facts

CONTENT_TYPES = {
    b"%PDF-": "application/pdf",
    b"\x89PNG\r\n\x1a\n": "image/png",
    b"\xff\xd8\xff": "image/jpeg",
}


def content_type_of(path: str, data: bytes) -> str:
    """Return the file's type read from its first bytes (PDF, PNG or JPEG), or refuse it."""
    for magic, content_type in CONTENT_TYPES.items():
        if data.startswith(magic):
            return content_type
    guessed = mimetypes.guess_type(path)[0] or "unknown type"
    raise CommandError(f"{path}: not a PDF, PNG or JPEG file (it looks like {guessed})")


def read_document(path: str, role: str, title: str, kind: str) -> Document:
    """Return one file to attach, or raise CommandError naming the problem."""
    try:
        data = Path(path).read_bytes()
    except OSError as error:
        raise CommandError(f"{path}: cannot read: {error.strerror}") from None
    return Document(role, title, content_type_of(path, data), data, None, kind)


class Command(BaseCommand):
    help = "Export a case file as a FHIR R4 PAS-style request Bundle with its QuestionnaireResponse."

    def add_arguments(self, parser):
        parser.add_argument("file", help="A case file (docs/case-format.md).")
        parser.add_argument("-o", "--output", required=True, help="Where to write the JSON.")
        parser.add_argument("--letter", help="The letter PDF to attach.")
        parser.add_argument(
            "--enclosure", action="append", default=[], help="A record to attach (repeatable)."
        )
        parser.add_argument("--date", type=iso_date, help="Date the request as of this day (default today).")

    def handle(self, *args, file, output, letter=None, enclosure=(), date=None, **options):
        facts = read_facts(file)
        documents = []
        if letter:
            documents.append(read_document(letter, "letter", LETTER_TITLE, LETTER_TITLE))
        for number, path in enumerate(enclosure, start=1):
            documents.append(read_document(path, f"enclosure-{number}", f"Enclosure {number}", "Enclosure"))
        bundle = build_pas_bundle(
            facts, case_key=file_case_key(facts), today=date or timezone.localdate(), documents=documents
        )
        try:
            Path(output).write_text(json.dumps(bundle, indent=2, ensure_ascii=False), encoding="utf-8")
        except OSError as error:
            raise CommandError(f"{output}: cannot write: {error.strerror}") from None
        self.stdout.write(f"Wrote {output}: a request Bundle of {len(bundle['entry'])} resources.")
