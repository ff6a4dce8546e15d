"""Computed values shown on each step."""

from dataclasses import replace
from datetime import date
from decimal import Decimal

from tests.conftest import example_facts
from wizard.core.choices import Opioid, PtSetting, TherapyOutcome
from wizard.core.derived import derived_values
from wizard.core.facts import Medication, PtCourse, Therapy

TODAY = date(2026, 11, 22)


def values(step, facts):
    return {d.label: d.value for d in derived_values(step, facts, TODAY)}


def test_trial_step_shows_length_relief_and_analgesic_reduction():
    shown = values("trial", example_facts("crps-scs-permanent-medicare"))
    assert shown["Trial length"] == "7 days"
    assert shown["Target-pain relief"] == "62.5%"
    assert shown["Analgesic reduction"] == "50.0%"
    assert shown["ODI during trial"] == "32.0% — moderate disability"


def test_diagnosis_step_shows_code_duration_and_budapest_result():
    shown = values("diagnosis", example_facts("crps2-drg-trial-bcbsa"))
    assert shown["ICD-10-CM"] == "G57.72 Causalgia of left lower limb"
    assert shown["Pain duration"] == "85 months"
    assert shown["Budapest criteria"] == "meets clinical and research criteria"


def test_blocks_step_shows_the_trend_of_relief():
    shown = values("blocks", example_facts("crps-lumbar-sympathetic-block-aetna"))
    assert shown["Relief per block"] == "#1: 75.0% for 3 days; #2: 75.0% for 6 days; #3: 87.5% for 12 days"
    assert shown["Relief lasting longer each time"] == "yes"


def test_therapy_step_counts_care_classes_and_recent_pt():
    shown = values("therapy", example_facts("fbss-scs-permanent-aetna"))
    assert shown["Conservative care"] == "38 months"
    assert shown["Drug classes tried"].startswith("5: NSAID, Gabapentinoid")
    assert shown["In-person licensed PT, last 12 months"] == "7.7 weeks"
    assert shown["Since last spine surgery"] == "41 months"


def test_steps_without_computations_show_nothing():
    assert derived_values("psych", example_facts("fbss-scs-permanent-aetna"), TODAY) == []


def test_therapy_step_counts_care_from_the_first_failed_treatment_after_onset():
    facts = example_facts("fbss-scs-permanent-aetna")
    onset = date(2026, 1, 1)
    therapy = Therapy(
        medications=(
            Medication(drug="before onset", started_on=date(2025, 6, 1), outcome=TherapyOutcome.INEFFECTIVE),
            Medication(drug="worked", started_on=date(2026, 1, 10), outcome=TherapyOutcome.EFFECTIVE),
            Medication(drug="failed", started_on=date(2026, 3, 1), outcome=TherapyOutcome.PARTIAL),
        ),
        pt_courses=(
            PtCourse(licensed_pt=True, setting=PtSetting.IN_PERSON, started_on=date(2026, 5, 5), visits=22),
        ),
    )
    facts = replace(facts, therapy=therapy, diagnosis=replace(facts.diagnosis, onset_on=onset))
    shown = {d.label: d for d in derived_values("therapy", facts, TODAY)}
    assert shown["Conservative care"].value == "8 months"
    assert "after the onset of pain" in shown["Conservative care"].note
    # An open course of 22 visits counts its first visit only, not 28.7 weeks to the letter date.
    assert shown["In-person licensed PT, last 12 months"].value == "0.1 weeks"
    assert "course 1 has no last visit recorded" in shown["In-person licensed PT, last 12 months"].note


# ---- MME per day: computed from the opioid rows beside the stated value (updates U6) ----------------


def with_opioids(*rows, stated=None, reason=""):
    facts = example_facts("crps-scs-permanent-medicare")
    return replace(
        facts,
        therapy=replace(facts.therapy, medications=rows),
        baselines=replace(facts.baselines, mme_per_day=stated, mme_reason=reason),
    )


def shown_with_notes(step, facts):
    return {d.label: (d.value, d.note) for d in derived_values(step, facts, TODAY)}


OXYCODONE_30 = Medication(drug="Oxycodone IR", opioid=Opioid.OXYCODONE, opioid_dose_per_day=Decimal(30))
BUPRENORPHINE_8 = Medication(
    drug="Buprenorphine", opioid=Opioid.BUPRENORPHINE, opioid_dose_per_day=Decimal(8)
)


def test_therapy_step_shows_the_computed_mme_with_each_factor_and_its_source():
    value, note = shown_with_notes("therapy", with_opioids(OXYCODONE_30))["Opioids, MME per day"]
    assert value == "45 MME/day"
    assert note.startswith("Oxycodone 30 mg/day × 1.5 = 45 MME")
    assert "CDC 2022 conversion factors — secondary source, check the published table" in note


def test_baselines_step_shows_computed_beside_stated_and_asks_for_the_reason():
    shown = shown_with_notes("baselines", with_opioids(OXYCODONE_30, stated=Decimal(60)))
    assert shown["MME per day, computed"][0] == "45 MME/day"
    assert shown["MME per day, stated"] == (
        "60 MME/day",
        "used; differs from the computed value — give the reason for the difference",
    )


def test_baselines_step_shows_the_reason_once_given():
    shown = shown_with_notes("baselines", with_opioids(OXYCODONE_30, stated=Decimal(60), reason="PRN doses"))
    assert shown["MME per day, stated"] == ("60 MME/day", "used; differs from the computed value: PRN doses")


def test_baselines_step_uses_the_computed_value_when_nothing_is_stated():
    shown = shown_with_notes("baselines", with_opioids(OXYCODONE_30))
    assert shown["MME per day, stated"] == ("—", "nothing stated: the computed value is used")


def test_stopped_opioid_rows_compute_zero_and_no_rows_compute_nothing():
    stopped = replace(OXYCODONE_30, stopped_on=date(2026, 2, 1))
    assert shown_with_notes("baselines", with_opioids(stopped))["MME per day, computed"] == (
        "0 MME/day",
        "every opioid row has stopped (CDC 2022 conversion factors — secondary source, check the published table)",
    )
    value, note = shown_with_notes("baselines", with_opioids())["MME per day, computed"]
    assert (value, note) == ("—", "no opioid chosen on a medication row of the therapy step")


def test_buprenorphine_is_listed_as_not_converted():
    value, note = shown_with_notes("therapy", with_opioids(BUPRENORPHINE_8, OXYCODONE_30))[
        "Opioids, MME per day"
    ]
    assert value == "45 MME/day"
    assert "not converted — Buprenorphine: buprenorphine has no MME conversion factor" in note
