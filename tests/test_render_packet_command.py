"""render_packet: a case file and enclosure files in, the same stamped packet as the app's out."""

import io
import subprocess
import sys
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from pypdf import PdfReader

from tests.conftest import EXAMPLES, ROOT, TODAY, example_facts
from tests.enclosure_files import picture, text_pdf, word_document
from wizard.core.display import format_date

DRG = "crps2-drg-trial-bcbsa"


def render(*args) -> str:
    """Run render_packet in-process and return what it printed."""
    out = StringIO()
    call_command("render_packet", *args, stdout=out)
    return out.getvalue()


def run(*args) -> subprocess.CompletedProcess:
    """Run render_packet as a separate process, as a user would."""
    return subprocess.run(
        [sys.executable, "manage.py", "render_packet", *args], cwd=ROOT, capture_output=True, text=True
    )


def test_writes_a_stamped_packet_with_the_enclosures_in_the_order_given(tmp_path):
    notes, scan, output = tmp_path / "office-note.pdf", tmp_path / "trial-diary.png", tmp_path / "packet.pdf"
    notes.write_bytes(text_pdf("Office note one", "Office note two"))
    scan.write_bytes(picture("PNG"))
    printed = render(
        str(EXAMPLES / f"{DRG}.json"),
        "--enclosure", str(notes),
        "--enclosure", str(scan),
        "--to-fax", "(800) 555-0100",
        "--attention", "Utilization Management",
        "--date", TODAY.isoformat(),
        "-o", str(output),
    )  # fmt: skip
    assert f"Wrote {output}" in printed and "2 enclosure(s)" in printed
    pages = [
        " ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(output.read_bytes())).pages
    ]
    patient = example_facts(DRG).patient
    total = len(pages)
    for number, text in enumerate(pages, start=1):
        assert f"{patient.name} · DOB {format_date(patient.born_on)} · Page {number} of {total}" in text
    assert f"Pages {total} (including this cover)" in pages[0] and "(800) 555-0100" in pages[0]
    assert "Attention Utilization Management" in pages[0] and "Nov 22, 2026" in pages[0]
    assert "Office note one" in pages[-3] and "Office note two" in pages[-2]
    # The letter lists the files it is sent with, and only them.
    letter = " ".join(pages[1:-3])
    assert "Enclosures: office-note; trial-diary" in letter and "Medication history" not in letter


def test_a_refused_enclosure_exits_non_zero_naming_the_file_and_what_is_wrong(tmp_path):
    disguised, output = tmp_path / "psych-eval.pdf", tmp_path / "packet.pdf"
    disguised.write_bytes(word_document())
    completed = run(str(EXAMPLES / f"{DRG}.json"), "--enclosure", str(disguised), "-o", str(output))
    assert completed.returncode != 0 and not output.exists()
    assert str(disguised) in completed.stderr and "This file is a Word document" in completed.stderr


def test_a_missing_enclosure_file_is_named(tmp_path):
    with pytest.raises(CommandError, match="missing.pdf: cannot read"):
        render(str(EXAMPLES / f"{DRG}.json"), "--enclosure", str(tmp_path / "missing.pdf"), "-o", "x.pdf")


def test_open_items_are_refused_without_draft_and_a_draft_is_written_with_it(tmp_path):
    output = tmp_path / "packet.pdf"
    args = [str(EXAMPLES / f"{DRG}.json"), "--payer", "evicore_cigna", "-o", str(output)]
    completed = run(*args)
    assert completed.returncode != 0 and "Open items:" in completed.stderr and not output.exists()
    printed = render(*args, "--draft")
    assert "marked DRAFT on every page" in printed
    assert "DRAFT" in PdfReader(io.BytesIO(output.read_bytes())).pages[1].extract_text()
