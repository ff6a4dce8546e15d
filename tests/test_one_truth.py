"""One source of truth for "can this be sent": the verdict, review, risks, holds, letter and case list agree."""

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.criteria_builders import BASELINES, TODAY, baseline, change, for_payer
from tests.test_criteria_properties import facts_of
from wizard.core.assessment import assess, decide, verdict_outcome
from wizard.core.choices import DeviceProblem, Payer, Procedure
from wizard.core.facts import CaseFacts
from wizard.core.rules import Outcome, Status
from wizard.letter.build import build_letter

PROPERTY = settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
MEETS_CLAIM = "meets each required criterion"
PAYERS = st.sampled_from(list(Payer))

# Perturbations of a case that meets: each may open a hold, a blocking risk or a criterion, or nothing.
PERTURBATIONS = {
    "safety.active_infection": st.sampled_from([None, False, True]),
    "safety.bleeding_disorder": st.sampled_from([None, False, True]),
    "safety.inr": st.none() | st.decimals(Decimal("0.8"), Decimal("3.5"), places=2),
    "safety.platelets": st.none() | st.integers(0, 400),
    "device.problem": st.none() | st.sampled_from(list(DeviceProblem)),
    "device.benefit_notes": st.sampled_from(["", "Walked daily for years."]),
    "device.pain_with_device_nrs": st.none() | st.integers(0, 10),
    "patient.name": st.sampled_from(["", "Dana Whitfield"]),
    "diagnosis.condition": st.none() | st.just("keep"),
    "psych.conclusion": st.none() | st.just("keep"),
}


@st.composite
def near_meeting_cases(draw) -> CaseFacts:
    """Return a baseline that meets, for some payer, with a few facts changed."""
    facts = for_payer(BASELINES[draw(st.sampled_from(sorted(BASELINES)))], draw(PAYERS))
    chosen = draw(st.lists(st.sampled_from(sorted(PERTURBATIONS)), max_size=3, unique=True))
    paths = {}
    for path in chosen:
        value = draw(PERTURBATIONS[path])
        if value == "keep":
            continue
        paths[path] = value
    return change(facts, **paths)


def assert_one_truth(facts: CaseFacts) -> None:
    """Check that "meets" means nothing blocks, and that every reader agrees with the verdict."""
    assessment = assess(facts, today=TODAY)
    judged = assessment.verdict
    if judged.outcome is Outcome.MEETS:
        assert not [r for r in assessment.results if r.group == "blocking"]
        assert not [g for risk in assessment.risks for g in risk.gaps if g.blocks]
        assert not assessment.open_holds
        assert judged.open_ids == ()
    else:
        assert judged.open_ids or not any(r.criterion.blocking for r in assessment.results)
    # Every open hold and every blocking gap is an open item of the verdict (or a blocking criterion).
    open_ids = set(judged.open_ids)
    assert {h.id for h in assessment.open_holds} <= open_ids
    # The case list reads the same decision.
    assert verdict_outcome(facts, today=TODAY) is (judged.outcome if assessment.profile else None)
    # The letter claims "meets" exactly when the verdict does.
    letter = build_letter(facts, assessment.results, today=TODAY)
    assert (MEETS_CLAIM in " ".join(letter.conclusion)) is (judged.outcome is Outcome.MEETS)
    assert decide(facts, assessment.results).verdict == judged


@PROPERTY
@given(near_meeting_cases())
def test_meets_only_when_no_finding_risk_or_hold_is_open_near_meeting(facts):
    assert_one_truth(facts)


@PROPERTY
@given(facts_of(CaseFacts), PAYERS, st.sampled_from(list(Procedure)))
def test_meets_only_when_no_finding_risk_or_hold_is_open_for_any_case(facts, payer, procedure):
    assert_one_truth(change(facts, **{"request.payer": payer, "request.procedure": procedure}))


@pytest.mark.parametrize("payer", list(Payer))
def test_replacement_without_a_device_problem_never_meets_and_agrees_with_its_risk(payer):
    facts = for_payer(baseline("replacement", **{"device.problem": None}), payer)
    result = assess(facts, today=TODAY)
    assert result.verdict.outcome is not Outcome.MEETS
    [risk] = [r for r in result.risks if r.key == "replacement"]
    assert risk.blocks
    # The risk is an open item of the verdict unless a blocking criterion already stands for it.
    covered = any(
        r.criterion.field == "problem" and r.status is not Status.MET for r in result.verdict.blocking
    )
    assert covered or "risk.replacement.problem" in result.verdict.open_ids


@pytest.mark.parametrize("payer", list(Payer))
def test_replacement_without_the_prior_benefit_never_meets(payer):
    facts = for_payer(
        baseline(
            "replacement",
            **{"device.benefit_notes": "", "device.pain_with_device_nrs": None},
        ),
        payer,
    )
    assert assess(facts, today=TODAY).verdict.outcome is not Outcome.MEETS


@pytest.mark.parametrize("payer", list(Payer))
def test_an_infected_system_is_not_replaced_now(payer):
    facts = for_payer(baseline("replacement", **{"device.problem": DeviceProblem.INFECTION}), payer)
    result = assess(facts, today=TODAY)
    assert result.verdict.outcome is Outcome.DOES_NOT_MEET


def test_a_working_replacement_baseline_still_meets_at_its_own_payer():
    assert assess(BASELINES["replacement"], today=TODAY).verdict.outcome is Outcome.MEETS


def test_a_coding_error_blocks_as_a_documented_failure():
    # Two patient identifiers and a diagnosis that yields a code are what every reviewer checks first.
    facts = baseline("permanent", **{"patient.name": ""})
    result = assess(facts, today=TODAY)
    assert result.verdict.outcome is not Outcome.MEETS
    assert "risk.administrative.name" in result.verdict.open_ids


def test_override_in_the_letter_names_holds_and_blocking_risks():
    facts = baseline(
        "replacement",
        **{
            "safety.active_infection": True,
            "patient.born_on": None,
            "safety.inr_on": date(2026, 11, 1),
        },
    )
    result = assess(facts, today=TODAY)
    assert "risk.administrative.name" in result.verdict.open_ids
    letter = build_letter(facts, result.results, today=TODAY, override_reason="Urgent")
    [text] = letter.override
    assert "safety holds are open: No active infection" in text
    assert "documentation gaps remain open: Administrative" in text
    assert MEETS_CLAIM not in " ".join(letter.conclusion)
