"""The FHIR download: staff and clinicians of the clinic get it, audited; another clinic gets a 404."""

import json

import pytest
from fhir.resources.R4B.bundle import Bundle

from audit.models import Action, AuditEvent
from tests.conftest import make_case_from_example, signed_in


@pytest.fixture
def case(clinic, clinician):
    return make_case_from_example(clinic, clinician, "fbss-scs-permanent-aetna")


def test_staff_download_a_bundle_named_without_patient_data_and_never_cached(client, staff, case):
    response = signed_in(client, staff).get(f"/cases/{case.id}/case.fhir.json")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/fhir+json")
    assert response["Content-Disposition"] == f'attachment; filename="case-{str(case.id)[:8]}.fhir.json"'
    assert response["Cache-Control"] == "no-store"
    bundle = Bundle.model_validate(json.loads(response.content))
    assert bundle.entry[0].resource.use == "preauthorization"
    assert "Haines" not in response["Content-Disposition"]


def test_clinicians_download_it_too(clinician_client, case):
    response = clinician_client.get(f"/cases/{case.id}/case.fhir.json")
    assert response.status_code == 200 and json.loads(response.content)["resourceType"] == "Bundle"


def test_another_clinic_gets_404_and_nothing_is_exported(outsider_client, case):
    response = outsider_client.get(f"/cases/{case.id}/case.fhir.json")
    assert response.status_code == 404
    assert not AuditEvent.objects.filter(action=Action.EXPORT, case_id=case.pk).exists()


def test_the_download_is_audited_as_an_fhir_export(client, staff, case):
    signed_in(client, staff).get(f"/cases/{case.id}/case.fhir.json")
    (event,) = AuditEvent.objects.filter(action=Action.EXPORT, case_id=case.pk)
    assert event.detail == {"what": "fhir"} and event.user == staff and event.clinic_id == case.clinic_id


def test_the_case_page_links_to_the_download(clinician_client, case):
    page = clinician_client.get(f"/cases/{case.id}/").content.decode()
    assert f'href="/cases/{case.id}/case.fhir.json"' in page


def test_a_new_draft_without_facts_still_exports_a_valid_bundle(clinician_client):
    response = clinician_client.post("/cases/new/")
    case_id = response["Location"].split("/")[2]
    download = clinician_client.get(f"/cases/{case_id}/case.fhir.json")
    assert download.status_code == 200
    bundle = json.loads(download.content)
    Bundle.model_validate(bundle)
    assert bundle["entry"][0]["resource"]["use"] == "preauthorization"
    assert "[]" not in download.content.decode()  # FHIR JSON never holds an empty list
