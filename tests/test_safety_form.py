"""The safety step's new facts (format version 2): aPTT, CrCl, correction plan and nicotine, through the form."""

from datetime import date, timedelta
from decimal import Decimal

import pytest

from tests.wizard_posts import next_step_of, post_step, step_data, step_url
from wizard.core.choices import NicotineUse
from wizard.core.facts import Safety
from wizard.forms.safety import SafetyForm

TODAY = date(2026, 11, 22)
FILLED = {
    "ptt_seconds": "31.5",
    "ptt_upper_normal_seconds": "35",
    "ptt_on": "2026-11-18",
    "creatinine_clearance_ml_min": "48",
    "creatinine_clearance_on": "2026-11-18",
    "coagulation_plan": "Haematology agreed vitamin K; recheck INR the day before.",
    "nicotine_use": "former",
    "nicotine_free_on": "2026-09-01",
}


def safety_form(fields, today=TODAY):
    """Return a bound safety form for these posted fields."""
    return SafetyForm(data=step_data("safety", fields), prefix="safety", today=today)


def test_every_new_safety_fact_is_a_field_of_the_step_so_saving_keeps_it():
    new_facts = {
        "ptt_seconds",
        "ptt_upper_normal_seconds",
        "ptt_on",
        "creatinine_clearance_ml_min",
        "creatinine_clearance_on",
        "coagulation_plan",
        "nicotine_use",
        "nicotine_free_on",
    }
    assert new_facts <= set(SafetyForm.base_fields)
    laid_out = {name for group in SafetyForm.groups for row in group.field_rows() for name in row}
    assert new_facts <= laid_out


def test_the_new_fields_become_the_facts():
    form = safety_form(FILLED)
    assert form.is_valid(), form.errors
    section = form.to_section()
    assert section == Safety(
        ptt_seconds=Decimal("31.5"),
        ptt_upper_normal_seconds=Decimal("35"),
        ptt_on=date(2026, 11, 18),
        creatinine_clearance_ml_min=48,
        creatinine_clearance_on=date(2026, 11, 18),
        coagulation_plan="Haematology agreed vitamin K; recheck INR the day before.",
        nicotine_use=NicotineUse.FORMER,
        nicotine_free_on=date(2026, 9, 1),
    )


def test_a_saved_section_shows_again_in_the_form():
    form = safety_form(FILLED)
    assert form.is_valid()
    initial = SafetyForm.initial_for(form.to_section())
    assert initial["ptt_seconds"] == Decimal("31.5") and initial["nicotine_use"] is NicotineUse.FORMER
    assert initial["creatinine_clearance_on"] == date(2026, 11, 18)


@pytest.mark.parametrize("use", ["", "never", "current"])
def test_a_nicotine_stop_date_goes_only_with_a_former_user(use):
    form = safety_form({"nicotine_use": use, "nicotine_free_on": "2026-09-01"})
    assert not form.is_valid()
    assert form.has_error("nicotine_free_on", code="nicotine_free_on_without_former")


def test_a_former_user_may_leave_the_stop_date_blank():
    assert safety_form({"nicotine_use": "former"}).is_valid()


@pytest.mark.parametrize(
    "field", ["nicotine_free_on", "ptt_on", "creatinine_clearance_on", "inr_on", "platelets_on"]
)
def test_a_date_in_the_future_is_refused(field):
    tomorrow = (TODAY + timedelta(days=1)).isoformat()
    form = safety_form({"nicotine_use": "former", field: tomorrow})
    assert not form.is_valid()
    assert "cannot be in the future" in form.errors[field]


def test_today_is_accepted_for_a_lab_and_a_stop_date():
    form = safety_form(
        {"nicotine_use": "former", "nicotine_free_on": TODAY.isoformat(), "ptt_on": TODAY.isoformat()}
    )
    assert form.is_valid(), form.errors


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("ptt_seconds", "-1"),
        ("ptt_seconds", "301"),
        ("ptt_upper_normal_seconds", "301"),
        ("creatinine_clearance_ml_min", "251"),
        ("creatinine_clearance_ml_min", "-5"),
        ("creatinine_clearance_ml_min", "45.5"),
        ("nicotine_use", "sometimes"),
    ],
)
def test_out_of_range_input_is_refused(field, value):
    form = safety_form({field: value})
    assert not form.is_valid()
    assert field in form.errors


def test_help_texts_are_plain_and_never_tell_anyone_to_stop_a_drug():
    for name in (
        "ptt_upper_normal_seconds",
        "coagulation_plan",
        "creatinine_clearance_ml_min",
        "nicotine_use",
    ):
        text = SafetyForm.base_fields[name].help_text.lower()
        assert text and "stop the" not in text and "discontinue" not in text


@pytest.mark.django_db
def test_posting_the_safety_step_saves_each_new_fact(clinician_client, example_case):
    response = post_step(clinician_client, example_case, "safety", FILLED, goto="psych")
    assert next_step_of(response) == "psych"
    example_case.refresh_from_db()
    assert example_case.facts["safety"] == {
        "ptt_seconds": 31.5,
        "ptt_upper_normal_seconds": 35,
        "ptt_on": "2026-11-18",
        "creatinine_clearance_ml_min": 48,
        "creatinine_clearance_on": "2026-11-18",
        "coagulation_plan": "Haematology agreed vitamin K; recheck INR the day before.",
        "nicotine_use": "former",
        "nicotine_free_on": "2026-09-01",
    }


@pytest.mark.django_db
def test_the_step_page_shows_the_new_fields_with_their_labels(clinician_client, example_case):
    page = clinician_client.get(step_url(example_case, "safety")).content.decode()
    for label in (
        "aPTT (seconds)",
        "aPTT upper limit of normal (seconds)",
        "Creatinine clearance (mL/min)",
        "Plan to correct coagulation",
        "Nicotine use",
        "Date nicotine stopped",
    ):
        assert label in page
