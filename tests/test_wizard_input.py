"""Nothing typed is lost: Back, drafts, resuming, two tabs, bad input, tampered and stale posts."""

import pytest
from django.test import Client

from tests.conftest import make_case_from_example
from tests.wizard_posts import next_step_of, post_step, step_data, step_url
from wizard.models import Case

BASELINE_ODI = {"odi_pain": "3", "odi_walking": "4"}


def test_back_with_invalid_input_keeps_every_typed_value_and_shows_the_error(clinician_client, example_case):
    typed = {**BASELINE_ODI, "pain_nrs_average": "11", "adl_notes": "Cannot walk to the mailbox"}
    response = post_step(clinician_client, example_case, "baselines", typed, goto="therapy")
    assert next_step_of(response) == "therapy"
    page = clinician_client.get(step_url(example_case, "baselines")).content.decode()
    assert 'value="11"' in page
    assert "Cannot walk to the mailbox" in page
    assert "“Average pain, past week (NRS)” must be a whole number from 0 to 10." in page
    example_case.refresh_from_db()
    assert example_case.facts["baselines"]["pain_nrs_average"] == 8  # the last valid save is kept
    assert example_case.wizard_state["extra_data"]["unsaved"] == ["baselines"]


def test_back_with_valid_input_saves_it(clinician_client, example_case):
    response = post_step(
        clinician_client, example_case, "baselines", {**BASELINE_ODI, "pain_nrs_average": "6"}, goto="therapy"
    )
    assert next_step_of(response) == "therapy"
    example_case.refresh_from_db()
    assert example_case.facts["baselines"]["pain_nrs_average"] == 6
    assert example_case.wizard_state["extra_data"]["unsaved"] == []


def test_fixing_an_unsaved_step_clears_its_warning(clinician_client, example_case):
    post_step(clinician_client, example_case, "baselines", {"pain_nrs_average": "11"}, goto="therapy")
    post_step(clinician_client, example_case, "baselines", {"pain_nrs_average": "7"})
    example_case.refresh_from_db()
    assert example_case.wizard_state["extra_data"]["unsaved"] == []
    assert example_case.facts["baselines"] == {"pain_nrs_average": 7}


@pytest.mark.parametrize(
    ("step", "fields", "message"),
    [
        ("baselines", {"odi_pain": "7"}, "Score each section 0 to 5, or choose “Not answered”."),
        (
            "diagnosis",
            {"condition": "crps_1", "side": "right", "pain_nrs": "-1"},
            "“Pain now (NRS 0-10)” must be a whole number from 0 to 10.",
        ),
        (
            "diagnosis",
            {"condition": "crps_1", "side": "right"},
            "Choose the limb: the ICD-10-CM code depends on it.",
        ),
        ("patient", {"name": "A", "born_on": "2031-01-01"}, "cannot be in the future"),
        (
            "patient",
            {"name": "A", "born_on": "31/12/1970"},
            "Enter “Date of birth” as a date, e.g. 2026-03-14 (or 03/14/2026).",
        ),
        (
            "trial",
            {"started_on": "2026-10-08", "ended_on": "2026-10-01"},
            "the trial must end after the day it started",
        ),
        (
            "request",
            {"procedure": "scs_trial", "payer": "other_commercial"},
            "Name the payer; it is printed on the letter.",
        ),
        (
            "request",
            {"procedure": "scs_trial", "payer": "medicare"},
            "Choose the MAC: it decides which LCD applies.",
        ),
        (
            "request",
            {"procedure": "scs_trial", "payer": "aetna", "lead_count": "2", "contacts_total": "1"},
            "Each lead has at least one contact.",
        ),
        (
            "diagnosis",
            {"condition": "other_neuropathic", "other_icd10": "pain"},
            "Write an ICD-10-CM code like G89.29.",
        ),
    ],
)
def test_bad_input_is_reported_beside_the_field_and_kept(
    clinician_client, example_case, step, fields, message
):
    response = post_step(clinician_client, example_case, step, fields)
    assert response.status_code == 200
    page = response.content.decode()
    assert message in page
    assert 'class="invalid-feedback"' in page or "is-invalid" in page
    for value in fields.values():
        assert value in page


def test_bad_row_in_a_formset_is_reported_and_the_other_rows_are_kept(clinician_client, example_case):
    rows = {
        "medications": [
            {"drug": "Pregabalin", "started_on": "2026-05-01", "stopped_on": "2026-04-01"},
            {"drug": "Duloxetine", "dose": "60 mg daily"},
        ]
    }
    response = post_step(clinician_client, example_case, "therapy", rows=rows)
    page = response.content.decode()
    assert response.status_code == 200
    assert "must not be before the start date" in page
    assert "Pregabalin" in page and "Duloxetine" in page and "60 mg daily" in page


def test_removed_and_blank_rows_are_not_saved(clinician_client, example_case):
    rows = {
        "medications": [
            {"drug": "Pregabalin"},
            {"drug": "Old row", "DELETE": "on"},
            {},
        ]
    }
    response = post_step(clinician_client, example_case, "therapy", rows=rows)
    assert next_step_of(response) == "baselines"
    example_case.refresh_from_db()
    assert example_case.facts["therapy"]["medications"] == [{"drug": "Pregabalin"}]


def test_a_draft_resumes_at_its_step_from_another_browser(clinician, example_case):
    first, second = Client(), Client()
    first.force_login(clinician)
    second.force_login(clinician)
    post_step(first, example_case, "baselines", {"pain_nrs_average": "11"}, goto="psych")
    response = second.get(f"/cases/{example_case.id}/edit/")
    assert next_step_of(response) == "psych"
    assert 'value="11"' in second.get(step_url(example_case, "baselines")).content.decode()


def test_two_cases_in_two_tabs_never_mix(clinician_client, clinic, clinician):
    one = make_case_from_example(clinic, clinician, "crps-scs-permanent-medicare")
    two = make_case_from_example(clinic, clinician, "fbss-scs-permanent-aetna")
    clinician_client.get(step_url(one, "patient"))
    clinician_client.get(step_url(two, "diagnosis"))
    post_step(clinician_client, one, "patient", {"name": "First Patient", "born_on": "1960-01-01"})
    post_step(clinician_client, two, "diagnosis", {"condition": "fbss", "pain_nrs": "5"}, goto="therapy")
    post_step(clinician_client, one, "baselines", {"pain_nrs_average": "11"}, goto="psych")
    one.refresh_from_db()
    two.refresh_from_db()
    assert one.patient_name == "First Patient" and two.patient_name == "Robert Haines"
    assert two.facts["diagnosis"] == {"condition": "fbss", "pain_nrs": 5}
    assert one.facts["diagnosis"]["condition"] == "crps_1"
    assert one.wizard_state["step"] == "psych" and two.wizard_state["step"] == "therapy"
    assert set(one.wizard_state["step_data"]) == {"baselines"}
    assert set(two.wizard_state["step_data"]) == set()


def test_edit_from_review_returns_to_review(clinician_client, example_case):
    page = clinician_client.get(step_url(example_case, "review")).content.decode()
    assert f'href="{step_url(example_case, "safety")}?return=review"' in page
    response = post_step(
        clinician_client, example_case, "safety", {"active_infection": "false"}, query="?return=review"
    )
    assert next_step_of(response) == "review"


def test_post_without_management_form_changes_nothing(clinician_client, example_case):
    before = dict(example_case.facts)
    response = clinician_client.post(step_url(example_case, "patient"), {"patient-name": "Mallory"})
    assert response.status_code == 302
    example_case.refresh_from_db()
    assert example_case.facts == before
    page = clinician_client.get(response["Location"]).content.decode()
    assert "That page was out of date, so nothing was saved from it." in page


def test_post_for_a_step_that_no_longer_applies_is_refused(clinician_client, example_case, clinician):
    post_step(
        clinician_client,
        example_case,
        "request",
        {"procedure": "scs_trial", "payer": "aetna", "clinician": str(clinician.membership.pk)},
    )
    response = post_step(clinician_client, example_case, "trial", {"pain_before_nrs": "2"})
    assert response.status_code == 302
    example_case.refresh_from_db()
    assert example_case.facts["trial"]["pain_before_nrs"] == 8


def test_post_naming_an_unknown_step_is_refused(clinician_client, example_case):
    response = clinician_client.post(
        step_url(example_case, "patient"), step_data("patient", current="../admin")
    )
    assert response.status_code == 302


def test_post_that_lost_its_fields_keeps_the_saved_draft(clinician_client, example_case):
    post_step(clinician_client, example_case, "baselines", {"pain_nrs_average": "11"}, goto="therapy")
    response = clinician_client.post(
        step_url(example_case, "baselines"), {"case_wizard-current_step": "baselines"}
    )
    assert next_step_of(response) == "baselines"
    example_case.refresh_from_db()
    assert example_case.wizard_state["step_data"]["baselines"]["baselines-pain_nrs_average"] == ["11"]


def test_a_step_that_does_not_apply_redirects_with_a_note(clinician_client, example_case):
    response = clinician_client.get(step_url(example_case, "blocks"))
    assert response.status_code == 302
    assert "does not apply to this request" in clinician_client.get(response["Location"]).content.decode()


def test_live_panel_computes_from_what_is_typed_now(clinician_client, example_case):
    data = step_data("baselines", {"odi_pain": "5", "odi_walking": "5", "pain_nrs_average": "99"})
    response = clinician_client.post(f"/cases/{example_case.id}/edit/baselines/derived/", data)
    page = response.content.decode()
    assert response.status_code == 200
    assert "100.0% — extreme disability (bed-bound)" in page
    assert "2 of 10 sections answered" in page
    example_case.refresh_from_db()
    assert example_case.facts["baselines"]["pain_nrs_average"] == 8


def test_review_shows_every_saved_step(clinician_client, example_case):
    page = clinician_client.get(step_url(example_case, "review")).content.decode()
    for text in [
        "Dana Whitfield",
        "1EG4TE5MK73",
        "G90.521",
        "Nortriptyline",
        "56.0% — severe disability",
        "62.5%",
        "Aspirin — primary prophylaxis",
        "Alan Porter, PsyD",
        "walk my dog",
    ]:
        assert text in page, text


def test_new_case_opens_its_first_step(clinician_client):
    response = clinician_client.post("/cases/new/")
    assert next_step_of(response) == "request"
    assert Case.objects.get().status == Case.Status.DRAFT


def test_passing_through_an_untouched_step_does_not_mark_it_saved(clinician_client, clinician):
    clinician_client.post("/cases/new/")
    case = Case.objects.get()
    response = post_step(clinician_client, case, "patient", {"name": "", "born_on": ""}, goto="diagnosis")
    assert next_step_of(response) == "diagnosis"
    case.refresh_from_db()
    assert "patient" not in case.facts
    assert "patient" not in case.wizard_state.get("step_data", {})


@pytest.mark.parametrize(
    ("member_id", "refused", "stored"),
    [
        ("123-45-6789", True, None),
        ("1EG4TE5MK73", False, "1EG4TE5MK73"),
        ("1eg4-te5-mk73", False, "1EG4TE5MK73"),
    ],
)
def test_a_medicare_member_id_is_checked_as_an_mbi_beside_the_field(
    clinician_client, example_case, member_id, refused, stored
):
    assert example_case.case_facts().request.payer == "medicare"
    fields = {"name": "Dana Whitfield", "born_on": "1961-04-18", "member_id": member_id}
    response = post_step(clinician_client, example_case, "patient", fields)
    page = clinician_client.get(step_url(example_case, "patient")).content.decode()
    assert ("not a Medicare Beneficiary Identifier" in response.content.decode() + page) is refused
    example_case.refresh_from_db()
    assert example_case.facts["patient"].get("member_id") == (stored or "1EG4TE5MK73")
