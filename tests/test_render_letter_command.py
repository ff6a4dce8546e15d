"""render_letter: a case file in, the app's letter out as a PDF with the case file attached."""

import io
import json
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from pypdf import PdfReader

from tests.conftest import EXAMPLES, ROOT, TODAY, example_facts
from wizard.core.case_format import load_case
from wizard.core.disclosure import letter_case_file

DRG = "crps2-drg-trial-bcbsa"


def render(*args) -> str:
    """Run render_letter in-process and return what it printed."""
    out = StringIO()
    call_command("render_letter", *args, stdout=out)
    return out.getvalue()


def pdf_text(path: Path) -> str:
    """Return a PDF's text with whitespace collapsed."""
    raw = subprocess.run(["pdftotext", "-raw", str(path), "-"], capture_output=True, check=True).stdout
    return " ".join(raw.decode("utf-8").split())


def test_writes_the_letter_of_a_model_case_with_its_case_file(tmp_path):
    output = tmp_path / "letter.pdf"
    printed = render(str(EXAMPLES / f"{DRG}.json"), "-o", str(output), "--date", TODAY.isoformat())
    assert f"Wrote {output}" in printed and "Every required criterion is documented as met." in printed
    reader, text = PdfReader(io.BytesIO(output.read_bytes())), pdf_text(output)
    assert "Teresa Alvarez · DOB" in text and f"Page 1 of {len(reader.pages)}" in text
    assert "Medical Policy 7.01.25" in text and "Nov 22, 2026" in text
    (attached,) = reader.attachments["case.json"]
    assert json.loads(attached) == letter_case_file(example_facts(DRG))


def test_another_payer_is_written_to_and_attached(tmp_path):
    output = tmp_path / "letter.pdf"
    # Not every criterion of eviCore's is met, so only a draft is written.
    printed = render(str(EXAMPLES / f"{DRG}.json"), "-o", str(output), "--payer", "evicore_cigna", "--draft")
    assert "not met" in printed and "marked DRAFT on every page" in printed
    (attached,) = PdfReader(io.BytesIO(output.read_bytes())).attachments["case.json"]
    assert load_case(json.loads(attached)).request.payer == "evicore_cigna"
    assert "eviCore" in pdf_text(output)


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        ("{not json", "not valid JSON"),
        ('{"format": "something-else"}', "not a valid case file"),
    ],
)
def test_invalid_file_is_refused_with_its_reason(tmp_path, content, reason):
    bad, output = tmp_path / "bad.json", tmp_path / "letter.pdf"
    bad.write_text(content)
    with pytest.raises(CommandError, match=reason):
        render(str(bad), "-o", str(output))
    assert not output.exists()


def test_invalid_file_exits_non_zero_with_one_line_on_stderr(tmp_path):
    bad, output = tmp_path / "bad.json", tmp_path / "letter.pdf"
    bad.write_text("{not json")
    completed = subprocess.run(
        [sys.executable, "manage.py", "render_letter", str(bad), "-o", str(output)],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert completed.returncode != 0 and not output.exists()
    assert completed.stderr.strip().splitlines() == [
        f"CommandError: {bad}: not a valid case file: This is not valid JSON: Expecting property name "
        "enclosed in double quotes (line 1, column 2)."
    ]


def test_unwritable_output_is_a_one_line_error(tmp_path):
    with pytest.raises(CommandError, match="cannot write"):
        render(str(EXAMPLES / f"{DRG}.json"), "-o", str(tmp_path / "missing" / "letter.pdf"))


def test_unknown_payer_lists_the_valid_ids(tmp_path):
    with pytest.raises(CommandError, match=r"invalid choice: 'acme'.*medicare.*bcbsa"):
        render(str(EXAMPLES / f"{DRG}.json"), "-o", str(tmp_path / "x.pdf"), "--payer", "acme")
