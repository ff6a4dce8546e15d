"""Render a case file's submission packet: python manage.py render_packet FILE.json [--enclosure F ...] -o OUT.pdf.

The letter is built exactly as render_letter builds it (open items refused unless `--draft`); each enclosure is
checked by its content like an upload; then the same cover, concatenation and page stamps as the app's packet.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from ...core.choices import Payer
from ...packet.assemble import PacketFile, PacketRefused, build_packet
from ...packet.cover import cover_for_facts
from ...packet.uploads import MAX_ENCLOSURE_BYTES, UploadRefused, check_upload
from .evaluate_case import iso_date, read_facts
from .render_letter import letter_pdf_for


def read_enclosure(path: str) -> PacketFile:
    """Return an enclosure file checked like an upload, labelled by its file name; raise CommandError."""
    try:
        with Path(path).open("rb") as file:
            data = file.read(MAX_ENCLOSURE_BYTES + 1)
    except OSError as error:
        raise CommandError(f"{path}: cannot read: {error.strerror}") from None
    try:
        checked = check_upload(data)
    except UploadRefused as refusal:
        raise CommandError(f"{path}: not enclosed. {refusal}") from None
    return PacketFile(checked.content_type, data, Path(path).stem)


class Command(BaseCommand):
    help = "Render a case file's submission packet: fax cover, letter and enclosures, every page stamped."

    def add_arguments(self, parser):
        parser.add_argument("file", help="A case file (docs/case-format.md).")
        parser.add_argument("-o", "--output", required=True, help="Where to write the PDF.")
        parser.add_argument(
            "--enclosure",
            action="append",
            default=[],
            metavar="FILE",
            help="A PDF, PNG or JPEG to send after the letter; repeat for more, in the order given.",
        )
        parser.add_argument("--to-fax", default="", help="The payer's fax number, printed on the cover.")
        parser.add_argument("--attention", default="", help="The cover's attention line.")
        parser.add_argument(
            "--payer", choices=[p.value for p in Payer], help="Write the letter to another payer."
        )
        parser.add_argument("--date", type=iso_date, help="Date the letter and cover as of this day.")
        parser.add_argument(
            "--draft",
            action="store_true",
            help="Write a draft letter marked DRAFT on every page, even when items are open (never for sending).",
        )

    def handle(
        self, *args, file, output, enclosure, to_fax, attention, payer=None, date=None, draft=False, **o
    ):
        facts = read_facts(file)
        enclosures = [read_enclosure(path) for path in enclosure]
        patient = facts.patient
        if not patient.name.strip() or patient.born_on is None:
            raise CommandError(
                f"{file}: not written. Every page carries the patient's name and date of birth."
            )
        today = date or timezone.localdate()
        # The letter lists the files it is sent with.
        enclosed = tuple(e.label for e in enclosures)
        assessment, letter_pdf = letter_pdf_for(
            file, facts, today=today, payer=payer, draft=draft, enclosed=enclosed
        )
        verdict = assessment.verdict
        cover = cover_for_facts(assessment.facts, to_fax=to_fax, attention=attention, sent_on=today)
        try:
            pdf = build_packet(
                cover, letter_pdf, enclosures, patient_name=patient.name, patient_born=patient.born_on
            )
        except PacketRefused as refusal:
            raise CommandError(f"{file}: not written. {refusal}") from None
        try:
            Path(output).write_bytes(pdf)
        except OSError as error:
            raise CommandError(f"{output}: cannot write: {error.strerror}") from None
        marked = " Draft letter: marked DRAFT on every page, not for sending." if draft else ""
        self.stdout.write(
            f"Wrote {output} ({len(pdf) // 1024} KB, {len(enclosures)} enclosure(s)). {verdict.summary}{marked}"
        )
