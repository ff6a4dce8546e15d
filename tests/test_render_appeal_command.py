"""render_appeal: a case file and a denial in, the appeal letter (or the peer-to-peer sheet) out as a PDF."""

import io
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from pypdf import PdfReader

from tests.conftest import EXAMPLES, ROOT, TODAY
from wizard.core.choices import DenialReason

FBSS = EXAMPLES / "fbss-scs-permanent-aetna.json"


def render(*args) -> str:
    """Run render_appeal in-process and return what it printed."""
    out = StringIO()
    call_command("render_appeal", *args, "--date", TODAY.isoformat(), stdout=out)
    return out.getvalue()


def pdf_text(path: Path) -> str:
    raw = subprocess.run(["pdftotext", "-raw", str(path), "-"], capture_output=True, check=True).stdout
    return " ".join(raw.decode("utf-8").split())


def test_writes_an_appeal_answering_each_reason_with_the_deadline_given(tmp_path):
    output = tmp_path / "appeal.pdf"
    printed = render(
        str(FBSS),
        *("--reason", "psych_evaluation", "--reason", "trial_outcome"),
        *("--payer-text", "Trial relief not documented.", "--denied-on", "2026-11-20"),
        *("--reference", "AET-88213", "--deadline", "2027-01-31", "--enclosure", "Trial pain diary"),
        "-o",
        str(output),
    )
    assert f"Wrote {output}" in printed
    text = pdf_text(output)
    assert "Appeal of denial AET-88213 dated Nov 20, 2026" in text
    assert DenialReason.PSYCH_EVALUATION.label in text and DenialReason.TRIAL_OUTCOME.label in text
    assert "Linda Cho" in text and "Sep 14, 2026" in text and "62.5% relief" in text
    assert "Appeal deadline: Jan 31, 2027" in text and "Trial pain diary" in text
    assert "“Trial relief not documented.”" in text


def test_without_a_deadline_the_estimate_is_printed_for_the_clinician_not_in_the_letter(tmp_path):
    output = tmp_path / "appeal.pdf"
    printed = render(str(FBSS), "--reason", "coding", "--denied-on", "2026-11-20", "-o", str(output))
    assert "our estimate: May 19, 2027 (estimate, verify on the denial notice" in printed
    assert "Note: No appeal deadline is printed" in printed
    assert "Appeal deadline" not in pdf_text(output) and "estimate" not in pdf_text(output)


def test_peer_to_peer_writes_the_one_page_sheet_instead(tmp_path):
    output = tmp_path / "sheet.pdf"
    reasons = [arg for reason in DenialReason for arg in ("--reason", reason.value)]
    render(str(FBSS), *reasons, "--denied-on", "2026-11-20", "--peer-to-peer", "-o", str(output))
    assert len(PdfReader(io.BytesIO(output.read_bytes())).pages) == 1
    text = pdf_text(output)
    assert "Peer-to-peer review" in text and "Robert Haines" in text


def test_an_unknown_reason_is_refused_in_process(tmp_path):
    output = tmp_path / "appeal.pdf"
    with pytest.raises(
        CommandError, match="unknown denial reason bogus; valid codes: not_medically_necessary"
    ):
        render(str(FBSS), "--reason", "bogus", "-o", str(output))
    assert not output.exists()


def test_an_unknown_reason_exits_non_zero_listing_the_valid_codes(tmp_path):
    output = tmp_path / "appeal.pdf"
    completed = subprocess.run(
        [sys.executable, "manage.py", "render_appeal", str(FBSS), "--reason", "bogus", "-o", str(output)],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert completed.returncode != 0 and not output.exists()
    for reason in DenialReason:
        assert reason.value in completed.stderr


def test_a_reason_is_required(tmp_path):
    with pytest.raises(CommandError, match="--reason"):
        render(str(FBSS), "-o", str(tmp_path / "appeal.pdf"))
