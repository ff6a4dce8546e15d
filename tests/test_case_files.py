"""Export any case to JSON, import a file as a new draft: all or nothing, with clear errors."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils.html import escape

from audit.models import Action, AuditEvent
from tests.conftest import EXAMPLES, example_data
from wizard.models import Case


def upload(client, content: bytes, name="case.json"):
    return client.post("/cases/import/", {"case_file": SimpleUploadedFile(name, content, "application/json")})


def test_export_is_the_saved_case_file_without_patient_data_in_its_name(clinician_client, example_case):
    response = clinician_client.get(f"/cases/{example_case.id}/case.json")
    assert json.loads(response.content) == example_case.facts
    assert response["Content-Disposition"] == f'attachment; filename="case-{str(example_case.id)[:8]}.json"'
    assert response["Cache-Control"] == "no-store"


def test_export_is_recorded_with_the_case(clinician_client, example_case):
    clinician_client.get(f"/cases/{example_case.id}/case.json")
    event = AuditEvent.objects.get(action=Action.EXPORT)
    assert (event.case_id, event.clinic_id, event.username) == (
        example_case.pk,
        example_case.clinic_id,
        "doc",
    )


def test_import_is_recorded_with_the_new_case(clinician_client):
    upload(clinician_client, (EXAMPLES / "fbss-scs-permanent-aetna.json").read_bytes())
    event = AuditEvent.objects.get(action=Action.IMPORT)
    assert event.case_id == Case.objects.get().pk and event.detail == {"clinician_replaced": False}


def test_exported_file_imports_to_the_same_facts(clinician_client, example_case):
    exported = clinician_client.get(f"/cases/{example_case.id}/case.json").content
    response = upload(clinician_client, exported)
    copy = Case.objects.exclude(pk=example_case.pk).get()
    assert response["Location"] == f"/cases/{copy.id}/"
    assert copy.facts == example_case.facts
    assert copy.status == Case.Status.DRAFT


def test_import_puts_the_importing_clinics_letterhead_on_the_case(clinician_client, clinic):
    data = example_data("fbss-scs-permanent-aetna")
    upload(clinician_client, json.dumps(data).encode())
    request = Case.objects.get().case_facts().request
    assert request.practice.name == clinic.name
    assert request.clinician.npi == "1987654328"  # matched to this clinic's clinician with that NPI


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"{not json", "This is not valid JSON"),
        ("\u00e9".encode("latin-1"), "not UTF-8 text"),
        (b"[]", "a case file must be a JSON object"),
        (
            b'{"format": "pain-lmn-case", "version": 1, "patient": {"born_on": "1960-13-01"}}',
            "patient.born_on",
        ),
        (
            b'{"format": "pain-lmn-case", "version": 1, "trial": {"started_on": "2026-10-09", "ended_on": "2026-10-02"}}',
            "trial.ended_on: the trial must end after the day it started",
        ),
        (
            b'{"format": "pain-lmn-case", "version": 1, "patient": {"born_on": "2099-01-01"}}',
            "patient.born_on: cannot be in the future",
        ),
        (b'{"format": "pain-lmn-case", "version": 7}', "version: must be 1"),
        (b"[" * 100_000 + b"]" * 100_000, "nested too deeply"),
        (
            b'{"format": "pain-lmn-case", "version": 1, "safety": {"inr": NaN}}',
            "safety.inr: NaN is not a value",
        ),
        (
            b'{"format": "pain-lmn-case", "version": 1, "therapy": {"medications": [{}, {}, {"drug_class": []}]}}',
            "therapy.medications[2].drug_class: expected one of: ",
        ),
        (
            b'{"format": "pain-lmn-case", "version": 1, "request": {"lead_count": ' + b"9" * 5000 + b"}}",
            "request.lead_count: a number with 5000 digits is not a value a case file can hold",
        ),
    ],
)
def test_invalid_file_is_refused_with_a_clear_message_and_nothing_is_created(
    clinician_client, content, message
):
    response = upload(clinician_client, content)
    assert response.status_code == 200
    assert escape(message) in response.content.decode()
    assert Case.objects.count() == 0
    assert not AuditEvent.objects.filter(action=Action.IMPORT).exists()


def test_file_saved_with_a_byte_order_mark_imports(clinician_client):
    upload(clinician_client, b"\xef\xbb\xbf" + (EXAMPLES / "fbss-scs-permanent-aetna.json").read_bytes())
    assert Case.objects.count() == 1


def test_oversized_file_is_refused(clinician_client):
    response = upload(clinician_client, b" " * 1_000_001)
    assert "larger than 1 MB" in response.content.decode()
    assert Case.objects.count() == 0


@pytest.mark.parametrize("path", sorted(EXAMPLES.glob("*.json")), ids=lambda p: p.stem)
def test_every_model_case_imports(clinician_client, path):
    upload(clinician_client, path.read_bytes())
    assert Case.objects.get().patient_name == json.loads(path.read_text())["patient"]["name"]
