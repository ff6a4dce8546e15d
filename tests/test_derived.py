"""Computed values shown on each step."""

from dataclasses import replace
from datetime import date

from tests.conftest import example_facts
from wizard.core.choices import PtSetting, TherapyOutcome
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
