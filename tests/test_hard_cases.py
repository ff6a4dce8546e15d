"""Issue 8's hard cases, written from the policy text: none reads "meets" while anything blocks.

Each test is one case a payer's reviewer would decide, built from a baseline that meets and changed in
the one way the case describes; the assertion is the reviewer's answer, not what the code happens to do.
"""

from datetime import date
from decimal import Decimal

import pytest

from tests.criteria_builders import TODAY, baseline, for_payer
from wizard.core.assessment import assess
from wizard.core.choices import (
    Condition,
    DeviceProblem,
    EvaluatorCredential,
    LeadType,
    MacJurisdiction,
    Payer,
    PlaceOfService,
    StimulationMode,
    SubstanceUse,
    TrialFunction,
)
from wizard.core.rows import Block
from wizard.core.rules import Outcome, Status
from wizard.letter.build import build_letter

MEETS_CLAIM = "meets each required criterion"


def status_of(assessment, criterion_id: str) -> Status:
    """Return the status of one criterion in an assessment."""
    [result] = [r for r in assessment.results if r.criterion.id == criterion_id]
    return result.status


def assert_not_meets(facts) -> None:
    """Assert that neither the verdict nor the letter says the case meets."""
    assessment = assess(facts, today=TODAY)
    assert assessment.verdict.outcome is not Outcome.MEETS
    letter = build_letter(facts, assessment.results, today=TODAY)
    assert MEETS_CLAIM not in " ".join(letter.conclusion)


@pytest.mark.parametrize("payer", [Payer.AETNA, Payer.EVICORE_CIGNA])
@pytest.mark.parametrize("problem", [None, DeviceProblem.NONE])
def test_a_replacement_without_a_device_problem_does_not_meet_at_aetna_or_evicore(payer, problem):
    assert_not_meets(for_payer(baseline("replacement", **{"device.problem": problem}), payer))


def cgs_outpatient(credential: EvaluatorCredential):
    """Return the permanent baseline at CGS (J15), in a hospital outpatient department."""
    facts = baseline(
        "permanent",
        **{
            "request.place_of_service": PlaceOfService.HOSPITAL_OUTPATIENT,
            "psych.evaluator_credential": credential,
        },
    )
    return for_payer(facts, Payer.MEDICARE, MacJurisdiction.J15)


@pytest.mark.parametrize(
    ("credential", "accepted"),
    [
        (EvaluatorCredential.PSYCHIATRIST, True),
        (EvaluatorCredential.PSYCHOLOGIST, True),
        (EvaluatorCredential.MEDICAL_SOCIAL_WORKER, True),
        (EvaluatorCredential.LICENSED_COUNSELLOR, False),
        (EvaluatorCredential.MARRIAGE_FAMILY_THERAPIST, False),
        (EvaluatorCredential.PSYCHIATRIC_NURSE_PRACTITIONER, False),
    ],
)
def test_cgs_outpatient_prior_authorization_accepts_only_its_listed_evaluators(credential, accepted):
    assessment = assess(cgs_outpatient(credential), today=TODAY)
    expected = Status.MET if accepted else Status.NOT_MET
    assert status_of(assessment, "medicare.cgs_pa.evaluator_qualified") is expected
    if not accepted:
        assert assessment.verdict.outcome is not Outcome.MEETS


@pytest.mark.parametrize("mac", [MacJurisdiction.JJ, MacJurisdiction.JM])
def test_a_palmetto_permanent_implant_without_functional_improvement_does_not_meet(mac):
    # No gain listed and the ODI during the trial no better than before it.
    unchanged_odi = baseline("permanent").baselines.odi
    facts = baseline(
        "permanent",
        **{"trial.functional_gains": (), "trial.functional_notes": "", "trial.odi": unchanged_odi},
    )
    facts = for_payer(facts, Payer.MEDICARE, mac)
    assessment = assess(facts, today=TODAY)
    assert status_of(assessment, "medicare.l37632.functional_improvement") is Status.NOT_MET
    assert_not_meets(facts)


@pytest.mark.parametrize(
    "paths",
    [
        {"safety.active_infection": True},
        {"safety.inr": Decimal("2.9"), "safety.inr_on": date(2026, 11, 18)},
        {"safety.platelets": 40, "safety.platelets_on": date(2026, 11, 18)},
        {"safety.bleeding_disorder": True},
    ],
    ids=["infection", "inr-2.9", "platelets-40", "bleeding-disorder"],
)
@pytest.mark.parametrize("payer", list(Payer))
def test_an_active_infection_or_uncorrected_coagulopathy_holds_the_request_at_every_payer(paths, payer):
    facts = for_payer(baseline("permanent", **paths), payer)
    assessment = assess(facts, today=TODAY)
    assert assessment.open_holds
    assert_not_meets(facts)


@pytest.mark.parametrize("mac", [MacJurisdiction.JJ, MacJurisdiction.JM])
def test_a_paddle_lead_implant_in_an_office_does_not_meet_at_palmetto(mac):
    facts = baseline(
        "permanent",
        **{"request.lead_type": LeadType.PADDLE, "request.place_of_service": PlaceOfService.OFFICE},
    )
    facts = for_payer(facts, Payer.MEDICARE, mac)
    assert status_of(assess(facts, today=TODAY), "medicare.l37632.paddle_setting") is Status.NOT_MET
    assert_not_meets(facts)


def test_humana_accepts_the_analgesic_route_with_functional_gain_as_the_lcds_do():
    facts = baseline(
        "permanent",
        **{
            "trial.pain_before_nrs": 8,
            "trial.pain_during_nrs": 5,
            "trial.mme_before": Decimal(40),
            "trial.mme_during": Decimal(20),
            "trial.functional_gains": (TrialFunction.WALKING, TrialFunction.SLEEP),
        },
    )
    facts = for_payer(facts, Payer.HUMANA_MA)
    assert status_of(assess(facts, today=TODAY), "humana.hum0306.trial_relief") is Status.MET


def test_high_frequency_stimulation_for_crps_at_evicore_is_a_documented_failure_not_missing_paperwork():
    facts = baseline("permanent", **{"request.stimulation_mode": StimulationMode.HIGH_FREQUENCY})
    facts = for_payer(facts, Payer.EVICORE_CIGNA)
    assert facts.diagnosis.condition in (Condition.CRPS_1, Condition.CRPS_2)
    assessment = assess(facts, today=TODAY)
    assert status_of(assessment, "evicore.cmm211.technology") is Status.NOT_MET
    assert assessment.verdict.outcome is Outcome.DOES_NOT_MEET


def test_zero_mme_before_the_trial_fails_the_analgesic_route_so_37_percent_relief_does_not_meet():
    facts = baseline(
        "permanent",
        **{
            "trial.pain_before_nrs": 8,
            "trial.pain_during_nrs": 5,
            "trial.mme_before": Decimal(0),
            "trial.mme_during": Decimal(0),
        },
    )
    assessment = assess(facts, today=TODAY)
    assert status_of(assessment, "medicare.ncd160_7.trial_success") is Status.NOT_MET
    assert assessment.verdict.outcome is Outcome.DOES_NOT_MEET


@pytest.mark.parametrize(
    ("mme_during", "expected"),
    [("50.04", Status.NOT_MET), ("50.10", Status.NOT_MET), ("50", Status.MET), ("49.9", Status.MET)],
)
def test_percentages_are_compared_exactly_not_after_rounding(mme_during, expected):
    # 100 -> 50.04 MME is a 49.96 % reduction: rounding it to 50.0 % first would wrongly meet.
    facts = baseline(
        "permanent",
        **{
            "trial.pain_before_nrs": 8,
            "trial.pain_during_nrs": 5,
            "trial.mme_before": Decimal(100),
            "trial.mme_during": Decimal(mme_during),
        },
    )
    assert status_of(assess(facts, today=TODAY), "medicare.ncd160_7.trial_success") is expected


def test_three_blocks_of_small_shrinking_relief_do_not_earn_a_fourth_at_aetna():
    shrinking = tuple(
        Block(performed_on=date(2026, m, 1), pain_before_nrs=8, pain_after_nrs=7, relief_days=days)
        for m, days in ((7, 12), (8, 6), (9, 3))
    )
    facts = baseline("block", **{"blocks.blocks": shrinking, "blocks.first_block": False})
    assert_not_meets(for_payer(facts, Payer.AETNA))


@pytest.mark.parametrize(
    ("use", "expected"),
    [
        (SubstanceUse.REMISSION_ON_MAINTENANCE, Status.MET),
        (SubstanceUse.REMISSION, Status.MET),
        (SubstanceUse.UNTREATED, Status.NOT_MET),
    ],
)
def test_remission_on_maintenance_therapy_is_not_active_substance_abuse_for_medicare(use, expected):
    facts = baseline("permanent", **{"psych.substance_use": use})
    assert status_of(assess(facts, today=TODAY), "medicare.l36204.no_active_substance_abuse") is expected


@pytest.mark.parametrize("payer", [Payer.EVICORE_CIGNA, Payer.HUMANA_MA])
def test_a_drg_implant_at_a_payer_that_excludes_drg_does_not_meet(payer):
    assert_not_meets(for_payer(baseline("drg_permanent"), payer))
