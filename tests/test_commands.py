"""The command-line tools: evaluate_case, list_criteria, write_docs."""

import json
import subprocess
import sys
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from tests.conftest import EXAMPLES, ROOT
from wizard.core.criteria import all_criteria

DRG_FILE = str(EXAMPLES / "crps2-drg-trial-bcbsa.json")


def evaluate(*args) -> str:
    """Run evaluate_case in-process and return what it printed."""
    out = StringIO()
    call_command("evaluate_case", *args, stdout=out)
    return out.getvalue()


def test_json_output_has_the_documented_shape():
    report = json.loads(evaluate(DRG_FILE, "--format", "json", "--date", "2026-11-22"))
    assert set(report) == {"request", "payer", "verdict", "findings", "codes", "warnings"}
    assert (report["request"], report["payer"], report["verdict"]) == ("drg_trial", "bcbsa", "meets")
    finding = report["findings"][0]
    assert set(finding) == {"id", "status", "required", "text", "evidence", "citation"}
    assert set(finding["citation"]) == {"source", "section", "url", "effective", "confidence"}
    assert finding["status"] in {"met", "not_met", "not_documented"}
    assert {
        "system": "CPT",
        "code": "63650",
        "units": 2,
        "modifiers": [],
        "description": report["codes"][0]["description"],
    } == report["codes"][0]
    assert report["codes"][-1]["system"] == "ICD-10-CM" and report["codes"][-1]["code"] == "G57.72"


def test_another_payer_is_evaluated_with_its_own_criteria():
    report = json.loads(
        evaluate(DRG_FILE, "--format", "json", "--payer", "evicore_cigna", "--date", "2026-11-22")
    )
    assert report["payer"] == "evicore_cigna" and report["verdict"] == "does_not_meet"
    technology = next(f for f in report["findings"] if f["id"] == "evicore.cmm211.technology")
    assert technology["status"] == "not_met"
    assert all(f["id"].startswith(("evicore.", "common.")) for f in report["findings"])


def test_text_output_names_status_evidence_and_source():
    text = evaluate(DRG_FILE, "--date", "2026-11-22")
    assert "Verdict: Meets criteria" in text
    assert "[MET] bcbsa.70125.last_resort" in text
    assert "Source: BCBSA policy 7.01.25" in text
    assert "G57.72" in text


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"not json", "not valid JSON"),
        (b'{"format": "pain-lmn-case", "version": 1, "patient": {"sex": "x"}}', "patient.sex"),
    ],
)
def test_invalid_file_exits_non_zero_with_a_one_line_reason(tmp_path, content, reason):
    bad = tmp_path / "bad.json"
    bad.write_bytes(content)
    with pytest.raises(CommandError, match=reason):
        evaluate(str(bad))
    completed = subprocess.run(
        [sys.executable, "manage.py", "evaluate_case", str(bad)], cwd=ROOT, capture_output=True, text=True
    )
    assert completed.returncode != 0
    assert len(completed.stderr.strip().splitlines()) == 1 and reason in completed.stderr


def test_unknown_payer_lists_the_valid_ids():
    completed = subprocess.run(
        [sys.executable, "manage.py", "evaluate_case", DRG_FILE, "--payer", "acme"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert completed.returncode != 0
    for payer in ("medicare", "humana_ma", "aetna", "evicore_cigna", "bcbsa", "other_commercial"):
        assert payer in completed.stderr


def test_list_criteria_prints_every_criterion_once_per_table():
    out = StringIO()
    call_command("list_criteria", stdout=out)
    text = out.getvalue()
    for criterion in all_criteria():
        assert f"`{criterion.id}`" in text
    aetna = StringIO()
    call_command("list_criteria", "--payer", "aetna", stdout=aetna)
    assert "`aetna.cpb0194.odi_threshold`" in aetna.getvalue() and "medicare." not in aetna.getvalue()
