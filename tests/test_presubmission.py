"""Each denial risk of reference §9.3 is raised by the gap that causes it, pointing to the field that fixes it."""

from datetime import date

import pytest

from tests.conftest import EXAMPLE_NAMES, TODAY, example_data, example_facts
from tests.criteria_builders import WORKING_DEVICE, change
from wizard.core.assessment import assess
from wizard.core.case_format import load_case
from wizard.core.choices import (
    DeviceProblem,
    PlaceOfService,
    Procedure,
    PsychConclusion,
    RevisionKind,
    Side,
    StimulationMode,
)
from wizard.core.facts import Baselines, Device, Medication, OdiAnswers, Patient, Psych

CRPS = "crps-scs-permanent-medicare"
FBSS = "fbss-scs-permanent-aetna"
DRG = "crps2-drg-trial-bcbsa"
REPLACEMENT = change(
    example_facts(CRPS),
    **{
        "request.procedure": Procedure.SCS_REPLACEMENT,
        "request.revision_kind": RevisionKind.GENERATOR_REPLACEMENT,
    },
)


def gaps(facts, payer=None) -> dict[str, list[tuple[str, str, str]]]:
    """Return {risk key: [(message, step, field)]} for a case."""
    return {
        risk.key: [(g.message, g.step, g.field) for g in risk.gaps]
        for risk in assess(facts, today=TODAY, payer=payer).risks
    }


@pytest.mark.parametrize("name", EXAMPLE_NAMES)
def test_model_cases_carry_no_denial_risk(name):
    assert gaps(example_facts(name)) == {}


@pytest.mark.parametrize(
    ("name", "overrides", "key", "step", "field", "words"),
    [
        (CRPS, {"psych": Psych()}, "psych", "psych", "conclusion", "No psychological evaluation conclusion"),
        (
            CRPS,
            {"psych.evaluated_on": date(2026, 10, 8)},
            "psych",
            "psych",
            "evaluated_on",
            "after the trial began",
        ),
        (
            CRPS,
            {"psych.evaluator_credential": None},
            "psych",
            "psych",
            "evaluator_credential",
            "qualification",
        ),
        (
            CRPS,
            {"therapy.medications": (Medication(drug="Gabapentin"),)},
            "conservative_care",
            "therapy",
            "medications",
            "no dose, start date, outcome",
        ),
        (
            CRPS,
            {"therapy.surgery_unsuitable_reason": ""},
            "conservative_care",
            "therapy",
            "",
            "No surgical treatment recorded",
        ),
        (CRPS, {"diagnosis.side": Side.UNSPECIFIED}, "diagnosis", "diagnosis", "side", "Laterality"),
        (
            CRPS,
            {"diagnosis.symptoms": (), "diagnosis.signs": (), "diagnosis.budapest_examined_on": None},
            "diagnosis",
            "diagnosis",
            "budapest_examined_on",
            "Budapest",
        ),
        (CRPS, {"baselines": Baselines(odi=OdiAnswers())}, "baseline", "baselines", "", "No ODI"),
        (CRPS, {"trial.pain_during_nrs": None}, "trial", "trial", "pain_during_nrs", "Target pain"),
        (FBSS, {"trial.ended_on": date(2026, 9, 30)}, "trial", "trial", "ended_on", "Trial length"),
        (CRPS, {"trial.satisfied": None}, "trial", "trial", "satisfied", "satisfaction"),
        (CRPS, {"trial.is_repeat_trial": True}, "repeat_trial", "trial", "prior_failure_reason", "repeat"),
        (CRPS, {"psych.substance_use": None}, "substance_use", "psych", "substance_use", "Substance use"),
        (
            CRPS,
            {"decision.alternatives_discussed": None},
            "decision",
            "decision",
            "alternatives_discussed",
            "Discussion of alternatives",
        ),
        (
            CRPS,
            {"request.place_of_service": PlaceOfService.OFFICE},
            "administrative",
            "request",
            "place_of_service",
            "ASC or hospital",
        ),
        (
            CRPS,
            {"request.lead_count": 3, "request.contacts_total": 24},
            "administrative",
            "request",
            "lead_count",
            "3 leads",
        ),
        (
            CRPS,
            {"patient": Patient(name="Dana Whitfield")},
            "administrative",
            "patient",
            "name",
            "identifiers",
        ),
    ],
)
def test_each_gap_names_its_risk_and_the_field_that_fixes_it(name, overrides, key, step, field, words):
    found = gaps(change(example_facts(name), **overrides))
    assert key in found, found
    assert any(words in message and (at, fld) == (step, field) for message, at, fld in found[key]), found[key]


def test_technology_mismatch_is_a_denial_risk_at_evicore():
    found = gaps(example_facts(DRG), payer="evicore_cigna")
    assert found["technology"] == [
        (
            "Dorsal root ganglion stimulation is experimental at eviCore except replacement.",
            "request",
            "stimulation_mode",
        )
    ]


def test_aetna_waveform_swap_of_a_working_system_is_a_denial_risk():
    facts = change(
        REPLACEMENT,
        **{
            "request.payer": "aetna",
            "request.stimulation_mode": StimulationMode.BURST,
            "device": Device(
                problem=DeviceProblem.LOSS_OF_EFFICACY, pain_before_implant_nrs=8, pain_with_device_nrs=4
            ),
        },
    )
    assert "technology" in gaps(facts)


def test_replacement_without_the_device_problem_or_benefit_is_a_denial_risk():
    found = gaps(change(REPLACEMENT, **{"device": Device()}))
    assert [(step, field) for _, step, field in found["replacement"]] == [
        ("device", "problem"),
        ("device", "pain_with_device_nrs"),
    ]


# ---- Which gaps block: the same decision the verdict reads ------------------------------------------


def blocking_gaps(facts) -> dict[str, list[tuple[str, bool]]]:
    """Return {risk key: [(message, failed)]} for the gaps that block."""
    return {
        risk.key: [(g.message, g.failed) for g in risk.blocking_gaps]
        for risk in assess(facts, today=TODAY).risks
        if risk.blocks
    }


def test_a_replacement_without_the_problem_or_the_benefit_blocks_as_missing():
    found = blocking_gaps(change(REPLACEMENT, **{"device": Device()}))
    assert [failed for _, failed in found["replacement"]] == [False, False]


@pytest.mark.parametrize(
    ("problem", "words"),
    [
        (DeviceProblem.NONE, "The current system works"),
        (DeviceProblem.INFECTION, "An infected system is explanted"),
    ],
)
def test_a_working_or_infected_system_blocks_its_replacement_as_a_documented_failure(problem, words):
    facts = change(REPLACEMENT, device=WORKING_DEVICE, **{"device.problem": problem})
    [(message, failed)] = blocking_gaps(facts)["replacement"]
    assert message.startswith(words) and failed


@pytest.mark.parametrize(
    "problem", [p for p in DeviceProblem if p not in (DeviceProblem.NONE, DeviceProblem.INFECTION)]
)
def test_a_documented_device_problem_does_not_block(problem):
    facts = change(REPLACEMENT, device=WORKING_DEVICE, **{"device.problem": problem})
    assert "replacement" not in blocking_gaps(facts)


def test_an_uncleared_psychological_evaluation_blocks_as_a_failure():
    facts = change(
        example_facts("crps-scs-permanent-medicare"), **{"psych.conclusion": PsychConclusion.NOT_CLEARED}
    )
    assert blocking_gaps(facts)["psych"] == [
        ("The psychological evaluation did not clear the patient.", True)
    ]


def test_missing_identifiers_and_no_diagnosis_block_as_missing():
    facts = change(
        example_facts("crps-scs-permanent-medicare"),
        **{"patient.born_on": None, "diagnosis.condition": None},
    )
    found = blocking_gaps(facts)
    assert found["administrative"][0] == (
        "Two patient identifiers (name and date of birth) are needed on every page.",
        False,
    )
    assert found["diagnosis"] == [("No diagnosis recorded.", False)]


def test_documentation_gaps_a_reviewer_asks_about_do_not_block_alone():
    facts = change(example_facts("crps-scs-permanent-medicare"), **{"trial.satisfied": None})
    assert "trial" not in blocking_gaps(facts)


# ---- MME: a stated value that differs from the rows needs its reason (updates U6) --------------------


def imported_with_oxycodone(stated, reason=None):
    """Return the model case imported from a file whose tramadol row is an oxycodone row, 30 mg/day."""
    data = example_data(CRPS)
    [opioid_row] = [m for m in data["therapy"]["medications"] if m["drug_class"] == "opioid"]
    opioid_row.update(drug="Oxycodone", opioid="oxycodone", opioid_dose_per_day=30)
    data["baselines"]["mme_per_day"] = stated
    if reason is not None:
        data["baselines"]["mme_reason"] = reason
    return load_case(data)


def test_an_imported_stated_mme_differing_from_the_rows_without_a_reason_is_a_gap_that_does_not_block():
    facts = imported_with_oxycodone(20)
    assert gaps(facts)["mme"] == [
        (
            "The stated opioid use (20 MME/day) differs from the 45 MME/day computed from the medication rows, "
            "and no reason is given.",
            "baselines",
            "mme_reason",
        )
    ]
    assert "mme" not in blocking_gaps(facts)
    assert (
        assess(facts, today=TODAY).verdict.outcome == assess(example_facts(CRPS), today=TODAY).verdict.outcome
    )


@pytest.mark.parametrize(
    ("stated", "reason"),
    [(45, None), (20, "Takes oxycodone only on bad days: 20 MME/day on average"), (None, None)],
    ids=["equal", "explained", "computed-only"],
)
def test_an_equal_explained_or_absent_stated_mme_is_no_gap(stated, reason):
    assert "mme" not in gaps(imported_with_oxycodone(stated, reason))


def test_a_v1_file_with_an_opioid_class_row_and_a_stated_mme_is_no_gap():
    assert "mme" not in gaps(example_facts(CRPS))
