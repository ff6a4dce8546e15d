"""The case's draft storage: a step's kept input holds that step's keys only."""

from django.http import QueryDict
from django.test import RequestFactory

from tests.wizard_posts import post_step, step_data, step_url
from wizard.storage import CaseStorage, step_input, version_key
from wizard.views.wizard import PREFIX

VERSION_KEY = version_key(PREFIX)


def test_step_input_keeps_the_steps_fields_rows_counts_and_version_only():
    data = QueryDict(mutable=True)
    data.update(
        {
            "csrfmiddlewaretoken": "secret-token",
            f"{PREFIX}-current_step": "therapy",
            VERSION_KEY: "abc123",
            "wizard_goto_step": "baselines",
            "patient-name": "Someone Else",
            "therapyx-note": "lookalike prefix",
            "therapy-notes": "Tried everything",
            "therapy-medications-TOTAL_FORMS": "1",
            "therapy-medications-0-drug": "Pregabalin",
        }
    )
    data.appendlist("therapy-medications-0-drug", "Gabapentin")
    assert step_input("therapy", data, PREFIX) == {
        VERSION_KEY: ["abc123"],
        "therapy-notes": ["Tried everything"],
        "therapy-medications-TOTAL_FORMS": ["1"],
        "therapy-medications-0-drug": ["Pregabalin", "Gabapentin"],
    }


def test_step_input_accepts_a_plain_dict():
    assert step_input("patient", {"patient-name": ["A"], "other": ["B"]}, PREFIX) == {"patient-name": ["A"]}


def test_keep_invalid_input_filters_what_any_caller_passes(example_case, clinician):
    request = RequestFactory().post("/")
    request.user = clinician
    storage = CaseStorage(PREFIX, request, example_case)
    storage.keep_invalid_input(
        "patient", {"patient-name": "Dana", "csrfmiddlewaretoken": "x", "diagnosis-side": "left"}
    )
    assert storage.data["step_data"] == {"patient": {"patient-name": "Dana"}}
    assert storage.unsaved_steps == {"patient"}
    storage.forget_input("patient")
    assert storage.data["step_data"] == {} and storage.unsaved_steps == set()


def test_a_posted_draft_holds_only_its_steps_keys(clinician_client, example_case):
    data = {
        **step_data(
            "therapy",
            {"notes": "x"},
            rows={
                "medications": [
                    {"drug": "Pregabalin", "started_on": "2026-05-01", "stopped_on": "2026-04-01"}
                ]
            },
        ),
        "patient-name": "Mallory",
        "surprise": "value",
        "csrfmiddlewaretoken": "not-stored",
        "wizard_goto_step": "baselines",
    }
    clinician_client.post(step_url(example_case, "therapy"), data)
    example_case.refresh_from_db()
    kept = example_case.wizard_state["step_data"]["therapy"]
    assert kept["therapy-medications-0-drug"] == ["Pregabalin"]
    assert kept["therapy-medications-TOTAL_FORMS"] == ["1"]
    assert all(key.startswith("therapy-") for key in kept)
    assert example_case.wizard_state["extra_data"]["unsaved"] == ["therapy"]
    assert example_case.facts["patient"]["name"] == "Dana Whitfield"


def test_draft_keeps_the_version_its_page_was_opened_with(clinician_client, example_case):
    data = {**step_data("baselines", {"pain_nrs_average": "11"}), VERSION_KEY: "opened-version"}
    clinician_client.post(step_url(example_case, "baselines"), data)
    example_case.refresh_from_db()
    assert example_case.wizard_state["step_data"]["baselines"] == {
        "baselines-pain_nrs_average": ["11"],
        VERSION_KEY: ["opened-version"],
    }
    assert (
        post_step(clinician_client, example_case, "baselines", {"pain_nrs_average": "7"}).status_code == 302
    )
