"""Field markers and open counts per step, criterion by criterion, for Aetna and Medicare JF."""

import pytest

from tests.criteria_builders import BASELINES, TODAY, change, for_payer
from wizard.core.assessment import assess
from wizard.core.choices import MacJurisdiction, Payer
from wizard.core.criteria.policy_names import AETNA_SCS, LCDS, NCD_160_7, OPD_PRIOR_AUTHORIZATION
from wizard.core.field_requirements import (
    OPTIONAL,
    RECOMMENDED,
    REQUIRED,
    open_items,
    short_policy_name,
    step_requirements,
)
from wizard.core.odi import OdiAnswers

# The permanent-implant baseline meets every criterion of both payers, so nothing is open on any step.
MEDICARE_JF = for_payer(BASELINES["permanent"], Payer.MEDICARE, MacJurisdiction.JF)
AETNA = for_payer(BASELINES["permanent"], Payer.AETNA)

AETNA_0194 = "Required by Aetna CPB 0194"
AETNA_0194_VERIFY = "Required by Aetna CPB 0194 (verify with payer)"
NCD = "Required by Medicare NCD 160.7"
LCD = "Required by Medicare LCD L36204"

# Every field a criterion of the payer reads for an SCS permanent implant, and its mark; the same fields
# under the other payer are listed too, to show the marker changing with the payer.
AETNA_MARKS = {
    ("request", "device_maker"): AETNA_0194_VERIFY,  # aetna.cpb0194.nalu_investigational
    ("diagnosis", "condition"): AETNA_0194,  # aetna.cpb0194.indication
    ("therapy", "had_spine_surgery"): AETNA_0194_VERIFY,  # aetna.cpb0194.after_spine_surgery
    ("baselines", "odi_pain"): AETNA_0194,  # aetna.cpb0194.odi_threshold
    ("psych", "conclusion"): AETNA_0194,  # aetna.cpb0194.psych_clearance
    ("psych", "substance_use"): AETNA_0194,  # aetna.cpb0194.no_untreated_sud
    ("psych", "drug_screen_reviewed"): AETNA_0194_VERIFY,  # aetna.cpb0194.drug_screen
    ("safety", "cardiac_device"): AETNA_0194_VERIFY,  # aetna.cpb0194.no_cardiac_device
    ("trial", "ended_on"): AETNA_0194,  # aetna.cpb0194.trial_length
    ("trial", "pain_during_nrs"): AETNA_0194,  # aetna.cpb0194.trial_relief
    ("decision", "risks_benefits_discussed"): "Recommended",  # common.decision.risks_discussed
    ("decision", "alternatives_discussed"): "Recommended",  # common.decision.alternatives_discussed
    ("decision", "patient_wishes_to_proceed"): "Recommended",  # common.decision.patient_wish
}
MEDICARE_JF_MARKS = {
    ("request", "lead_count"): LCD,  # medicare.l36204.lead_limit
    ("request", "prior_trials_in_region"): LCD,  # medicare.l36204.trial_limit
    ("request", "place_of_service"): LCD,  # medicare.l36204.implant_setting
    ("psych", "conclusion"): NCD,  # medicare.ncd160_7.psych_evaluation
    ("psych", "substance_use"): LCD,  # medicare.l36204.no_active_substance_abuse
    ("trial", "pain_during_nrs"): NCD,  # medicare.ncd160_7.trial_success
    ("trial", "functional_gains"): LCD,  # medicare.l36204.functional_improvement
    ("decision", "facilities_available"): NCD,  # medicare.ncd160_7.facilities
    ("decision", "risks_benefits_discussed"): LCD,  # medicare.l36204.risks_discussed
    ("decision", "alternatives_discussed"): "Recommended",  # medicare.l36204.alternatives_discussed
}


def marks_of(facts) -> dict:
    """Return every marked field of every step, as {(step, field): marker text}."""
    assessment = assess(facts, today=TODAY)
    steps = {r.criterion.step for r in assessment.results}
    return {
        (step, name): mark.text
        for step in steps
        for name, mark in step_requirements(assessment, step).fields.items()
    }


@pytest.mark.parametrize(("facts", "expected"), [(AETNA, AETNA_MARKS), (MEDICARE_JF, MEDICARE_JF_MARKS)])
def test_marks_name_every_field_a_criterion_of_the_payer_reads_and_nothing_else(facts, expected):
    assert marks_of(facts) == expected


@pytest.mark.parametrize(
    ("step", "field", "aetna", "medicare"),
    [
        ("baselines", "odi_pain", AETNA_0194, ""),
        ("trial", "ended_on", AETNA_0194, ""),
        ("request", "lead_count", "", LCD),
        ("decision", "facilities_available", "", NCD),
        ("decision", "risks_benefits_discussed", "Recommended", LCD),
        ("psych", "conclusion", AETNA_0194, NCD),
    ],
)
def test_the_same_field_is_marked_by_each_payers_own_policy(step, field, aetna, medicare):
    for facts, text in ((AETNA, aetna), (MEDICARE_JF, medicare)):
        mark = step_requirements(assess(facts, today=TODAY), step).mark(field)
        assert mark.text == text
        assert mark.level == (REQUIRED if text.startswith("Required") else RECOMMENDED if text else OPTIONAL)


def test_a_required_mark_carries_the_criteria_that_read_the_field():
    mark = step_requirements(assess(AETNA, today=TODAY), "psych").mark("conclusion")
    assert mark.criteria == ("aetna.cpb0194.psych_clearance",)
    assert not mark.verify


def test_fields_read_only_by_secondary_sources_say_verify_with_payer():
    mark = step_requirements(assess(AETNA, today=TODAY), "request").mark("device_maker")
    assert mark.verify and mark.level == REQUIRED


def test_criteria_of_a_step_without_a_field_are_listed_for_the_step():
    aetna = step_requirements(assess(AETNA, today=TODAY), "therapy")
    medicare = step_requirements(assess(MEDICARE_JF, today=TODAY), "therapy")
    assert [item.id for item in aetna.step_wide] == [
        "aetna.cpb0194.conservative_care",
        "aetna.cpb0194.pt_six_weeks",
    ]
    assert [item.id for item in medicare.step_wide] == ["medicare.ncd160_7.late_resort"]
    assert medicare.step_wide[0].mark.text == NCD


def test_a_case_meeting_every_criterion_has_nothing_open_on_any_step():
    for facts in (AETNA, MEDICARE_JF):
        assessment = assess(facts, today=TODAY)
        assert open_items(assessment) == ()
        assert all(step_requirements(assessment, s).open_count == 0 for s in ("baselines", "psych", "trial"))


@pytest.mark.parametrize(
    ("facts", "missing", "step", "open_id"),
    [
        (AETNA, {"baselines.odi": OdiAnswers()}, "baselines", "aetna.cpb0194.odi_threshold"),
        (AETNA, {"trial.pain_during_nrs": None}, "trial", "aetna.cpb0194.trial_relief"),
        (AETNA, {"psych.conclusion": None}, "psych", "aetna.cpb0194.psych_clearance"),
        (MEDICARE_JF, {"psych.conclusion": None}, "psych", "medicare.ncd160_7.psych_evaluation"),
        (MEDICARE_JF, {"request.lead_count": None}, "request", "medicare.l36204.lead_limit"),
    ],
)
def test_a_missing_required_fact_opens_one_item_on_its_step(facts, missing, step, open_id):
    assessment = assess(change(facts, **missing), today=TODAY)
    step_view = step_requirements(assessment, step)
    assert [item.id for item in step_view.open_items] == [open_id]
    assert step_view.open_count == 1
    assert [item.id for item in open_items(assessment)] == [open_id]


def test_medicare_does_not_require_the_odi_that_aetna_does():
    no_odi = {"baselines.odi": OdiAnswers()}
    medicare = step_requirements(assess(change(MEDICARE_JF, **no_odi), today=TODAY), "baselines")
    aetna = step_requirements(assess(change(AETNA, **no_odi), today=TODAY), "baselines")
    assert (medicare.open_count, aetna.open_count) == (0, 1)


def test_a_blocking_denial_risk_counts_on_its_step_and_names_its_field():
    assessment = assess(change(AETNA, **{"request.lead_count": None}), today=TODAY)
    items = step_requirements(assessment, "request").open_items
    assert [(item.id, item.field) for item in items] == [("risk.administrative.lead_count", "lead_count")]


def test_without_a_payer_nothing_is_marked_or_open():
    assessment = assess(change(AETNA, **{"request.payer": None}), today=TODAY)
    view = step_requirements(assessment, "baselines")
    assert (view.payer, view.fields, view.open_count) == ("", {}, 0)


@pytest.mark.parametrize(
    ("policy", "short"),
    [
        (AETNA_SCS, "Aetna CPB 0194"),
        (NCD_160_7, "Medicare NCD 160.7"),
        (LCDS[MacJurisdiction.JF], "Medicare LCD L36204"),
        (OPD_PRIOR_AUTHORIZATION, "Medicare OPD prior authorization"),
    ],
)
def test_policy_names_are_shortened_the_way_staff_say_them(policy, short):
    assert short_policy_name(policy) == short


def test_a_medicare_contractor_without_an_lcd_names_the_opd_list():
    facts = for_payer(BASELINES["permanent"], Payer.MEDICARE, MacJurisdiction.J15)
    marks = marks_of(facts)
    assert marks[("psych", "conclusion")] == NCD
    assert marks[("baselines", "adl_limits")] == "Required by Medicare OPD prior authorization"
    assert not any("L36204" in text for text in marks.values())
