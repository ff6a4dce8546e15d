"""The signer of a letter is always a clinician of the clinic: an imported file never brings its own."""

import json

from django.core.files.uploadedfile import SimpleUploadedFile

from audit.models import Action, AuditEvent
from tests.conftest import example_data, make_member
from tests.wizard_posts import post_step
from wizard.case_files import adopt_for_clinic
from wizard.core.case_format import load_case
from wizard.core.facts import Clinician
from wizard.models import Case, Membership

FOREIGN = {"name": "Gregory House", "credentials": "MD", "npi": "1122334455"}


def file_signed_by(clinician: dict) -> bytes:
    """Return a model case file naming this clinician."""
    data = example_data("crps-scs-permanent-medicare")
    data["request"]["clinician"] = clinician
    return json.dumps(data).encode()


def upload(client, content: bytes):
    return client.post("/cases/import/", {"case_file": SimpleUploadedFile("case.json", content)})


def test_foreign_clinician_is_not_used_and_the_importing_clinician_signs(clinician_client, clinician):
    response = upload(clinician_client, file_signed_by(FOREIGN))
    case = Case.objects.get()
    assert case.case_facts().request.clinician == clinician.membership.signature()
    assert "Gregory House" not in json.dumps(case.facts) and "1122334455" not in json.dumps(case.facts)
    assert "Gregory" not in response["Location"] and "1122334455" not in response["Location"]
    page = clinician_client.get(response["Location"]).content.decode()
    assert (
        "The file&#x27;s clinician, Gregory House NPI 1122334455, is not a member of this clinic and was not"
        " used; the letter will be signed by Doc Tester." in page
    )
    event = AuditEvent.objects.get(action=Action.IMPORT)
    assert event.detail == {"clinician_replaced": True} and event.case_id == case.pk


def test_file_clinician_with_a_members_npi_is_that_member(clinician_client, clinic, clinician):
    colleague = make_member(clinic, "colleague", Membership.Role.CLINICIAN, npi="1122334455")
    response = upload(
        clinician_client, file_signed_by({**FOREIGN, "name": "G. House, as the file spells it"})
    )
    signer = Case.objects.get().case_facts().request.clinician
    assert signer == colleague.membership.signature() and signer.name == "Colleague Tester"
    assert "not a member" not in clinician_client.get(response["Location"]).content.decode()
    assert AuditEvent.objects.get(action=Action.IMPORT).detail == {"clinician_replaced": False}


def test_npi_of_another_clinics_clinician_does_not_make_them_the_signer(
    clinician_client, clinician, outsider
):
    upload(clinician_client, file_signed_by({"name": "Outsider Tester", "npi": outsider.membership.npi}))
    assert Case.objects.get().case_facts().request.clinician == clinician.membership.signature()


def test_npi_of_a_staff_member_or_a_deactivated_clinician_is_not_used(clinician_client, clinic, clinician):
    make_member(clinic, "front", Membership.Role.STAFF, npi="1122334455")
    gone = make_member(clinic, "gone", Membership.Role.CLINICIAN, npi="1234567893")
    gone.is_active = False
    gone.save()
    for npi in ("1122334455", "1234567893"):
        facts = load_case(json.loads(file_signed_by({**FOREIGN, "npi": npi})))
        adopted = adopt_for_clinic(facts, clinic, clinician)
        assert adopted.facts.request.clinician == clinician.membership.signature()
        assert adopted.unused == Clinician(**{**FOREIGN, "npi": npi})


def test_importer_who_is_not_a_clinician_leaves_the_signer_empty(clinic, staff):
    facts = load_case(json.loads(file_signed_by(FOREIGN)))
    adopted = adopt_for_clinic(facts, clinic, staff)
    assert adopted.facts.request.clinician == Clinician()
    assert adopted.facts.request.practice == clinic.letterhead()


def test_file_without_a_clinician_is_signed_by_the_importer_without_a_warning(clinician_client, clinician):
    response = upload(clinician_client, file_signed_by({}))
    assert Case.objects.get().case_facts().request.clinician == clinician.membership.signature()
    assert "not a member" not in clinician_client.get(response["Location"]).content.decode()
    assert AuditEvent.objects.get(action=Action.IMPORT).detail == {"clinician_replaced": False}


def test_request_step_cannot_choose_a_clinician_of_another_clinic(clinician_client, example_case, outsider):
    response = post_step(
        clinician_client,
        example_case,
        "request",
        {"procedure": "scs_permanent", "payer": "medicare", "clinician": str(outsider.membership.pk)},
    )
    assert response.status_code == 200
    assert "from the answers listed." in response.content.decode()
    example_case.refresh_from_db()
    assert "Outsider" not in json.dumps(example_case.facts)
