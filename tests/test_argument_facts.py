"""The argument's facts (format version 3) through the wizard: each is a field of its step, so saving keeps it."""

from datetime import date
from decimal import Decimal

import pytest

from tests.wizard_posts import next_step_of, post_step, step_data
from wizard.core.choices import ImagingGuidance, Payer, Procedure
from wizard.core.facts import Block, Decision
from wizard.forms.outcomes import BlockForm, BlocksForm, DecisionForm, TrialForm
from wizard.forms.request import RequestForm

TODAY = date(2026, 11, 22)
VALID_NPI = "1543210987"
NEW_FACTS = {
    RequestForm: {"facility_name", "facility_npi", "lead_levels"},
    TrialForm: {
        "pain_measurement",
        "leg_pain_before_nrs",
        "leg_pain_during_nrs",
        "back_pain_before_nrs",
        "back_pain_during_nrs",
    },
    DecisionForm: {"why_now", "trial_success_definition", "existing_system_plan", "post_procedure_plan"},
}
BLOCK_ROW_FACTS = {"imaging_guidance", "temperature_rise_celsius", "sympathetic_signs"}
DECISION = {
    "why_now": "The thoracic system no longer covers the left foot.",
    "trial_success_definition": "at least 50% relief with walking 30 minutes",
    "existing_system_plan": "stays in place",
    "post_procedure_plan": "PT twice weekly for 8 weeks; taper morphine; ODI and NRS at 3 and 6 months.",
}


def laid_out(form_class) -> set[str]:
    """Return the names of the fields a step shows in its groups."""
    return {name for group in form_class.groups for row in group.field_rows() for name in row}


@pytest.mark.parametrize("form_class", sorted(NEW_FACTS, key=lambda c: c.__name__))
def test_every_new_fact_is_a_field_of_its_step_and_shown_on_the_page(form_class):
    assert NEW_FACTS[form_class] <= set(form_class.base_fields)
    assert NEW_FACTS[form_class] <= laid_out(form_class)


def test_every_new_block_fact_is_a_field_of_the_block_row_and_on_one_of_its_lines():
    assert set(BlockForm.base_fields) >= BLOCK_ROW_FACTS
    assert {name for line in BlockForm.lines for name in line} >= BLOCK_ROW_FACTS


def test_lead_levels_show_with_the_stimulator_fields_and_the_facility_for_every_request():
    groups = {group.legend: group for group in RequestForm.groups}
    stimulator = groups["Stimulator"]
    assert "lead_levels" in {name for row in stimulator.field_rows() for name in row}
    assert stimulator.show_field == "procedure"
    where = groups["Where and by whom"]
    assert {"facility_name", "facility_npi"} <= {name for row in where.field_rows() for name in row}
    assert where.show_field == ""


def test_the_decision_fields_become_the_facts_and_show_again_in_the_form():
    form = DecisionForm(data=step_data("decision", DECISION), prefix="decision", today=TODAY)
    assert form.is_valid(), form.errors
    section = form.to_section()
    assert section == Decision(**DECISION)
    initial = DecisionForm.initial_for(section)
    assert {name: initial[name] for name in DECISION} == DECISION


def test_the_trial_fields_become_the_facts():
    fields = {
        "pain_measurement": "daily NRS diary, days 2-7 averaged",
        "leg_pain_before_nrs": "8",
        "leg_pain_during_nrs": "2",
        "back_pain_before_nrs": "6",
        "back_pain_during_nrs": "4",
    }
    form = TrialForm(data=step_data("trial", fields), prefix="trial", today=TODAY)
    assert form.is_valid(), form.errors
    trial = form.to_section()
    assert trial.pain_measurement == "daily NRS diary, days 2-7 averaged"
    assert (trial.leg_pain_before_nrs, trial.leg_pain_during_nrs) == (8, 2)
    assert (trial.back_pain_before_nrs, trial.back_pain_during_nrs) == (6, 4)


@pytest.mark.parametrize("field", ["leg_pain_before_nrs", "back_pain_during_nrs"])
def test_a_leg_or_back_score_outside_0_to_10_is_refused(field):
    form = TrialForm(data=step_data("trial", {field: "11"}), prefix="trial", today=TODAY)
    assert not form.is_valid()
    assert field in form.errors


def block_rows(**row):
    """Return a bound blocks step with one block row."""
    data = step_data("blocks", rows={"blocks": [{"performed_on": "2026-10-06", **row}]})
    return BlocksForm(data=data, prefix="blocks", today=TODAY)


def test_a_block_row_keeps_its_guidance_temperature_rise_and_signs():
    form = block_rows(
        imaging_guidance="fluoroscopy", temperature_rise_celsius="3.5", sympathetic_signs="venodilation"
    )
    assert form.is_valid(), form.errors
    [block] = form.to_section().blocks
    assert block == Block(
        performed_on=date(2026, 10, 6),
        imaging_guidance=ImagingGuidance.FLUOROSCOPY,
        temperature_rise_celsius=Decimal("3.5"),
        sympathetic_signs="venodilation",
    )


@pytest.mark.parametrize("rise", ["-1", "15.1", "warm"])
def test_an_impossible_temperature_rise_is_refused(rise):
    form = block_rows(temperature_rise_celsius=rise)
    assert not form.is_valid()


REQUEST = {"procedure": Procedure.DRG_TRIAL.value, "payer": Payer.AETNA.value}


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("npi", "valid"), [(VALID_NPI, True), ("1543210986", False), ("12345", False), ("", True)]
)
def test_the_facility_npi_is_checked_like_every_other_npi(npi, valid):
    fields = {**REQUEST, "facility_name": "Desert Ridge Surgery Center", "facility_npi": npi}
    form = RequestForm(data=step_data("request", fields), prefix="request", today=TODAY)
    form.is_valid()
    assert ("facility_npi" not in form.errors) is valid
    if not valid:
        assert form.has_error("facility_npi", code="npi")


@pytest.mark.django_db
def test_the_request_keeps_facility_and_lead_levels():
    fields = {**REQUEST, "facility_name": "Desert Ridge Surgery Center", "facility_npi": VALID_NPI}
    fields["lead_levels"] = "L4 and S1, left"
    form = RequestForm(data=step_data("request", fields), prefix="request", today=TODAY)
    form.is_valid()  # the clinician is chosen on the page; the facts here stand on their own
    assert "facility_npi" not in form.errors and "lead_levels" not in form.errors
    request = form.to_section()
    assert (request.facility_name, request.facility_npi, request.lead_levels) == (
        "Desert Ridge Surgery Center",
        VALID_NPI,
        "L4 and S1, left",
    )


@pytest.mark.django_db
def test_posting_the_decision_step_saves_each_new_fact(clinician_client, example_case):
    response = post_step(clinician_client, example_case, "decision", DECISION, goto="psych")
    assert next_step_of(response) == "psych"
    example_case.refresh_from_db()
    assert {k: example_case.facts["decision"][k] for k in DECISION} == DECISION


@pytest.mark.django_db
def test_posting_the_trial_step_saves_leg_and_back_pain(clinician_client, example_case):
    fields = {"pain_measurement": "daily diary", "leg_pain_before_nrs": "8", "leg_pain_during_nrs": "3"}
    response = post_step(clinician_client, example_case, "trial", fields, goto="psych")
    assert next_step_of(response) == "psych"
    example_case.refresh_from_db()
    saved = example_case.facts["trial"]
    assert (saved["pain_measurement"], saved["leg_pain_before_nrs"], saved["leg_pain_during_nrs"]) == (
        "daily diary",
        8,
        3,
    )
