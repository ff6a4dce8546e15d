"""Walk each request type through the wizard with the test client, as a clinician would."""

import pytest

from tests.wizard_posts import next_step_of, post_step, step_url
from wizard.core.choices import Procedure
from wizard.core.steps import applicable_steps
from wizard.models import Case

REQUEST_FIELDS = {
    Procedure.SCS_TRIAL: {"lead_type": "percutaneous", "lead_count": "2", "contacts_total": "16"},
    Procedure.SCS_PERMANENT: {
        "lead_type": "percutaneous",
        "lead_count": "2",
        "generator_rechargeable": "true",
    },
    Procedure.SCS_REPLACEMENT: {"revision_kind": "generator_replacement"},
    Procedure.DRG_TRIAL: {"lead_count": "2", "has_existing_stimulator": "true"},
    Procedure.DRG_PERMANENT: {"lead_count": "2"},
    Procedure.LUMBAR_SYMPATHETIC_BLOCK: {"block_side": "right", "block_levels": "l2, L3"},
    Procedure.STELLATE_GANGLION_BLOCK: {"block_side": "left", "block_levels": "C6"},
}

STEP_FIELDS = {
    "patient": ({"name": "Ada Quinn", "born_on": "1970-02-03", "sex": "female", "member_id": "M123"}, None),
    "diagnosis": (
        {
            "condition": "crps_1",
            "limb": "lower",
            "side": "right",
            "budapest_examined_on": "2026-09-01",
            "disproportionate_pain": "true",
            "symptoms": ["sensory_allodynia", "vasomotor_temperature", "sudomotor_oedema"],
            "signs": ["sensory_hyperalgesia", "vasomotor_colour_asymmetry"],
            "no_better_explanation": "true",
        },
        None,
    ),
    "therapy": (
        {},
        {
            "medications": [
                {"drug": "Gabapentin", "drug_class": "gabapentinoid", "started_on": "2026-01-05"}
            ],
            "pt_courses": [{"started_on": "2026-02-01", "ended_on": "2026-04-01", "setting": "in_person"}],
        },
    ),
    "baselines": ({"odi_pain": "3", "odi_walking": "4", "pain_nrs_average": "7"}, None),
    "psych": ({"evaluator_name": "Dr P", "conclusion": "cleared", "evaluated_on": "2026-08-01"}, None),
    "safety": ({"active_infection": "false"}, None),
    "trial": (
        {
            "started_on": "2026-10-01",
            "ended_on": "2026-10-08",
            "pain_before_nrs": "8",
            "pain_during_nrs": "3",
        },
        None,
    ),
    "device": ({"problem": "battery_end_of_life", "implanted_on": "2019-05-01"}, None),
    "blocks": (
        {"comprehensive_program": "true"},
        {"blocks": [{"performed_on": "2026-09-01", "relief_days": "4"}]},
    ),
    "decision": ({"risks_benefits_discussed": "true", "patient_wishes_to_proceed": "true"}, None),
}


def start_case(client) -> Case:
    """Start a new case through the list page's button; return it."""
    response = client.post("/cases/new/")
    assert next_step_of(response) == "request"
    return Case.objects.get()


def request_fields(procedure, clinician=None):
    """Return valid request-step fields for a procedure, signed by the clinician if given."""
    signer = {"clinician": str(clinician.membership.pk)} if clinician else {}
    return {"procedure": procedure.value, "payer": "aetna", **signer, **REQUEST_FIELDS[procedure]}


@pytest.mark.parametrize("procedure", list(Procedure), ids=lambda p: p.value)
def test_each_request_type_walks_its_own_steps_to_ready(clinician_client, clinician, procedure):
    case = start_case(clinician_client)
    response = post_step(clinician_client, case, "request", request_fields(procedure, clinician))
    case.refresh_from_db()
    expected = applicable_steps(procedure, REQUEST_FIELDS[procedure].get("has_existing_stimulator") == "true")
    walked = ["request"]
    while (step := next_step_of(response)) != "review":
        walked.append(step)
        fields, rows = STEP_FIELDS[step]
        response = post_step(clinician_client, case, step, fields, rows)
    walked.append("review")
    assert walked == expected
    assert clinician_client.get(step_url(case, "review")).status_code == 200
    response = post_step(clinician_client, case, "review")
    assert response["Location"] == f"/cases/{case.id}/"
    case.refresh_from_db()
    assert case.status == Case.Status.READY
    assert case.created_by == clinician and case.updated_by == clinician
    assert set(case.facts) >= set(expected) - {"review"}


def test_request_step_snapshots_the_clinic_letterhead_and_the_chosen_clinician(
    clinician_client, clinician, clinic
):
    case = start_case(clinician_client)
    page = clinician_client.get(step_url(case, "request"))
    assert f'<option value="{clinician.membership.pk}" selected>' in page.content.decode()
    post_step(clinician_client, case, "request", request_fields(Procedure.SCS_TRIAL, clinician))
    saved = Case.objects.get().case_facts().request
    assert saved.practice.name == clinic.name and saved.practice.npi == clinic.npi
    assert saved.clinician.npi == clinician.membership.npi
    assert saved.clinician.name == clinician.get_full_name()


def test_block_levels_are_normalised_and_the_block_side_is_required(clinician_client, clinician):
    case = start_case(clinician_client)
    fields = {**request_fields(Procedure.LUMBAR_SYMPATHETIC_BLOCK, clinician), "block_levels": "l2,  l3"}
    del fields["block_side"]
    response = post_step(clinician_client, case, "request", fields)
    assert response.status_code == 200
    assert "Choose the side; it sets the RT/LT/50 modifier." in response.content.decode()
    response = post_step(clinician_client, case, "request", {**fields, "block_side": "right"})
    assert next_step_of(response) == "patient"
    assert Case.objects.get().facts["request"]["block_levels"] == "L2, L3"


def test_marking_ready_with_unsaved_steps_sends_the_clinician_to_the_first_one(clinician_client, clinician):
    case = start_case(clinician_client)
    post_step(clinician_client, case, "request", request_fields(Procedure.SCS_TRIAL, clinician))
    response = post_step(clinician_client, case, "review")
    assert next_step_of(response) == "patient"
    case.refresh_from_db()
    assert case.status == Case.Status.DRAFT


def test_editing_a_ready_case_sends_it_back_to_draft(clinician_client, example_case):
    example_case.status = Case.Status.READY
    example_case.save()
    response = post_step(
        clinician_client, example_case, "patient", {"name": "Dana Whitfield-Ruiz", "born_on": "1960-04-18"}
    )
    assert next_step_of(response) == "diagnosis"
    example_case.refresh_from_db()
    assert example_case.status == Case.Status.DRAFT
    assert example_case.patient_name == "Dana Whitfield-Ruiz"


def test_resaving_unchanged_facts_keeps_the_case_ready(clinician_client, example_case):
    example_case.status = Case.Status.READY
    example_case.save()
    before = example_case.updated_at
    post_step(
        clinician_client,
        example_case,
        "patient",
        {"name": "Dana Whitfield", "born_on": "1960-04-18", "sex": "female", "member_id": "1EG4TE5MK73"},
    )
    example_case.refresh_from_db()
    assert example_case.status == Case.Status.READY
    assert example_case.updated_at == before


def test_done_url_never_marks_ready_on_a_get(clinician_client, example_case):
    response = clinician_client.get(step_url(example_case, "done"))
    assert next_step_of(response) == "review"
    example_case.refresh_from_db()
    assert example_case.status == Case.Status.DRAFT
