"""export_fhir: a case file (and its letter and enclosures) in, one FHIR request Bundle out."""

import base64
import json
import subprocess
import sys
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from fhir.resources.R4B.bundle import Bundle

from tests.conftest import EXAMPLE_NAMES, EXAMPLES, ROOT, TODAY, example_facts

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


def export(*args) -> str:
    """Run export_fhir in-process and return what it printed."""
    out = StringIO()
    call_command("export_fhir", *args, stdout=out)
    return out.getvalue()


@pytest.mark.parametrize("name", EXAMPLE_NAMES)
def test_each_model_case_exports_a_bundle_the_r4b_models_accept(name, tmp_path):
    output = tmp_path / "out.json"
    printed = export(str(EXAMPLES / f"{name}.json"), "-o", str(output), "--date", TODAY.isoformat())
    assert f"Wrote {output}" in printed
    bundle = Bundle.model_validate(json.loads(output.read_text()))
    assert bundle.entry[0].resource.use == "preauthorization"
    (patient,) = [e.resource for e in bundle.entry if e.resource.__resource_type__ == "Patient"]
    assert patient.name[0].text == example_facts(name).patient.name


def test_a_real_letter_and_an_enclosure_travel_byte_for_byte(tmp_path):
    case_file, letter = EXAMPLES / "crps2-drg-trial-bcbsa.json", tmp_path / "letter.pdf"
    call_command(
        "render_letter", str(case_file), "-o", str(letter), "--date", TODAY.isoformat(), stdout=StringIO()
    )
    scan, output = tmp_path / "scan.png", tmp_path / "out.json"
    scan.write_bytes(PNG)
    export(str(case_file), "--letter", str(letter), "--enclosure", str(scan), "-o", str(output))
    data = json.loads(output.read_text())
    documents = [e["resource"] for e in data["entry"] if e["resource"]["resourceType"] == "DocumentReference"]
    attachments = [d["content"][0]["attachment"] for d in documents]
    assert base64.b64decode(attachments[0]["data"]) == letter.read_bytes()
    assert attachments[0]["contentType"] == "application/pdf"
    assert base64.b64decode(attachments[1]["data"]) == PNG and attachments[1]["contentType"] == "image/png"


def test_the_same_file_exports_the_same_bundle(tmp_path):
    first, second = tmp_path / "1.json", tmp_path / "2.json"
    for output in (first, second):
        export(
            str(EXAMPLES / "fbss-scs-permanent-aetna.json"), "-o", str(output), "--date", TODAY.isoformat()
        )
    assert first.read_text() == second.read_text()


def test_an_enclosure_that_is_not_pdf_png_or_jpeg_is_refused(tmp_path):
    text = tmp_path / "notes.txt"
    text.write_text("office note")
    with pytest.raises(CommandError, match="notes.txt: not a PDF, PNG or JPEG"):
        export(
            str(EXAMPLES / "fbss-scs-permanent-aetna.json"),
            "--enclosure",
            str(text),
            "-o",
            str(tmp_path / "o"),
        )
    assert not (tmp_path / "o").exists()


def test_a_missing_letter_is_named(tmp_path):
    with pytest.raises(CommandError, match="missing.pdf: cannot read"):
        export(
            str(EXAMPLES / "fbss-scs-permanent-aetna.json"),
            "--letter",
            str(tmp_path / "missing.pdf"),
            "-o",
            str(tmp_path / "o.json"),
        )


def test_a_bad_case_file_exits_non_zero_naming_the_problem(tmp_path):
    bad, output = tmp_path / "bad.json", tmp_path / "out.json"
    bad.write_text(
        json.dumps({"format": "pain-lmn-case", "version": 3, "patient": {"born_on": "1968-13-40"}})
    )
    completed = subprocess.run(
        [sys.executable, "manage.py", "export_fhir", str(bad), "-o", str(output)],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert completed.returncode != 0 and not output.exists()
    assert completed.stderr.strip().splitlines() == [
        f"CommandError: {bad}: not a valid case file: patient.born_on: '1968-13-40' is not a date in the calendar"
    ]
