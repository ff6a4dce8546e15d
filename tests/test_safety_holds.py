"""Safety holds (updates U1): held / not held / not documented, their boundaries, and that a hold stops "meets"."""

from datetime import date
from decimal import Decimal

import pytest

from tests.criteria_builders import BASELINES, TODAY, baseline, change, for_payer
from wizard.core.assessment import assess
from wizard.core.choices import Payer, Procedure, RevisionKind
from wizard.core.coagulation import INR_NORMAL_MAX, PLATELETS_NORMAL_MIN_K, VERIFY_CUT_OFF
from wizard.core.hold_record import HoldStatus
from wizard.core.rules import Confidence, Outcome
from wizard.core.safety_holds import safety_cautions, safety_holds

LAB_ON = date(2026, 11, 2)
PLANNED_ON = date(2026, 11, 12)  # 10 days after LAB_ON: the lab stands for the procedure


def hold(facts, hold_id):
    """Return the hold with this id judged on these facts."""
    [found] = [h for h in safety_holds(facts) if h.id == hold_id]
    return found


def test_every_baseline_meeting_the_criteria_has_no_open_hold():
    for name, facts in BASELINES.items():
        assert [h.id for h in safety_holds(facts) if h.open] == [], name


@pytest.mark.parametrize(
    ("value", "expected"),
    [(True, HoldStatus.HELD), (False, HoldStatus.CLEAR), (None, HoldStatus.NOT_DOCUMENTED)],
)
@pytest.mark.parametrize("name", sorted(BASELINES))
def test_active_infection_holds_every_request(name, value, expected):
    found = hold(baseline(name, **{"safety.active_infection": value}), "safety.infection")
    assert found.status is expected
    assert found.citation.confidence is Confidence.SECONDARY
    assert found.field == "active_infection" and found.step == "safety"


@pytest.mark.parametrize(
    ("value", "expected"),
    [(True, HoldStatus.HELD), (False, HoldStatus.CLEAR), (None, HoldStatus.NOT_DOCUMENTED)],
)
def test_bleeding_disorder_holds_without_a_correction_plan(value, expected):
    found = hold(baseline("permanent", **{"safety.bleeding_disorder": value}), "safety.bleeding_disorder")
    assert found.status is expected
    if value:
        assert "correction plan" in found.evidence


@pytest.mark.parametrize(
    ("inr", "expected"),
    [
        (INR_NORMAL_MAX - Decimal("0.1"), HoldStatus.CLEAR),
        (INR_NORMAL_MAX, HoldStatus.CLEAR),
        (INR_NORMAL_MAX + Decimal("0.01"), HoldStatus.HELD),
        (Decimal("2.9"), HoldStatus.HELD),
        (None, HoldStatus.NOT_DOCUMENTED),
    ],
)
def test_inr_holds_above_the_verify_threshold_with_value_date_and_verify_cut_off(inr, expected):
    facts = baseline(
        "permanent", **{"safety.inr": inr, "safety.inr_on": LAB_ON, "request.planned_on": PLANNED_ON}
    )
    found = hold(facts, "safety.inr")
    assert found.status is expected
    assert found.citation.confidence is Confidence.UNCONFIRMED
    if inr is not None:
        assert f"INR {inr}" in found.evidence
        assert "Nov 2, 2026" in found.evidence or "2026" in found.evidence
        assert VERIFY_CUT_OFF in found.evidence


def test_an_undated_lab_says_so():
    facts = baseline("permanent", **{"safety.inr": Decimal("2.9"), "safety.inr_on": None})
    assert "lab date not recorded" in hold(facts, "safety.inr").evidence


@pytest.mark.parametrize(
    ("platelets", "expected"),
    [
        (PLATELETS_NORMAL_MIN_K + 1, HoldStatus.CLEAR),
        (PLATELETS_NORMAL_MIN_K, HoldStatus.CLEAR),
        (PLATELETS_NORMAL_MIN_K - 1, HoldStatus.HELD),
        (40, HoldStatus.HELD),
        (0, HoldStatus.HELD),
        (None, HoldStatus.NOT_DOCUMENTED),
    ],
)
def test_platelets_hold_below_the_verify_threshold(platelets, expected):
    facts = baseline(
        "permanent",
        **{"safety.platelets": platelets, "safety.platelets_on": LAB_ON, "request.planned_on": PLANNED_ON},
    )
    found = hold(facts, "safety.platelets")
    assert found.status is expected
    if platelets is not None:
        assert f"platelets {platelets}" in found.evidence and VERIFY_CUT_OFF in found.evidence


@pytest.mark.parametrize("name", ["permanent", "trial", "drg_trial", "drg_permanent", "block", "stellate"])
def test_coagulopathy_holds_high_and_intermediate_risk_procedures(name):
    facts = baseline(name, **{"safety.inr": Decimal("2.9"), "safety.platelets": 40})
    assert hold(facts, "safety.inr").open and hold(facts, "safety.platelets").open


def test_coagulopathy_is_a_caution_not_a_hold_for_a_low_risk_generator_replacement():
    facts = baseline("replacement", **{"safety.inr": Decimal("2.9"), "safety.bleeding_disorder": True})
    assert not hold(facts, "safety.inr").open
    assert "caution" in hold(facts, "safety.inr").evidence
    lead = change(facts, **{"request.revision_kind": RevisionKind.PERCUTANEOUS_LEAD_REVISION})
    assert hold(lead, "safety.inr").open and hold(lead, "safety.bleeding_disorder").open


def test_cautions_are_shown_and_never_hold():
    facts = baseline(
        "permanent",
        **{
            "safety.immunocompromised": True,
            "safety.pregnant": True,
            "safety.cardiac_device": True,
            "safety.future_mri_needed": True,
        },
    )
    assert {c.id for c in safety_cautions(facts)} == {
        "safety.caution.immunocompromised",
        "safety.caution.pregnancy",
        "safety.caution.cardiac_device",
        "safety.caution.mri",
    }
    result = assess(facts, today=TODAY)
    assert result.open_holds == ()
    assert result.verdict.outcome is Outcome.MEETS


@pytest.mark.parametrize("payer", list(Payer))
@pytest.mark.parametrize(
    "paths",
    [
        {"safety.active_infection": True},
        {"safety.bleeding_disorder": True},
        {"safety.inr": Decimal("2.9")},
        {"safety.platelets": 40},
    ],
)
def test_a_hold_keeps_every_payer_from_meets_and_names_itself_in_the_summary(payer, paths):
    facts = change(for_payer(BASELINES["permanent"], payer), **paths)
    result = assess(facts, today=TODAY)
    assert result.verdict.outcome is Outcome.DOES_NOT_MEET
    assert result.verdict.holds
    assert result.verdict.summary.startswith("On hold:")
    assert set(result.verdict.open_ids) >= {h.id for h in result.open_holds}


def test_the_model_cases_hold_when_infected_and_meet_again_when_it_is_treated():
    facts = baseline("permanent", **{"safety.active_infection": True})
    assert assess(facts, today=TODAY).verdict.outcome is Outcome.DOES_NOT_MEET
    treated = change(facts, **{"safety.active_infection": False})
    assert assess(treated, today=TODAY).verdict.outcome is Outcome.MEETS


def test_missing_safety_facts_are_shown_not_documented_and_do_not_hold():
    facts = baseline("block")  # the block model case has no INR on file
    assert hold(facts, "safety.inr").status is HoldStatus.NOT_DOCUMENTED
    assert assess(facts, today=TODAY).open_holds == ()


def test_a_trial_request_is_held_like_the_implant():
    facts = baseline("trial", **{"safety.active_infection": True})
    assert facts.request.procedure is Procedure.SCS_TRIAL
    assert assess(facts, today=TODAY).verdict.outcome is not Outcome.MEETS


@pytest.mark.parametrize(
    ("planned_on", "words"),
    [
        (date(2026, 11, 12), "10 days before the planned procedure"),
        (LAB_ON, "on the day of the planned procedure"),
        (date(2026, 11, 1), "1 day after the planned procedure"),
        (None, "dated Nov 2, 2026"),
    ],
)
def test_a_lab_value_is_shown_with_its_date_against_the_procedure_date(planned_on, words):
    facts = baseline(
        "permanent",
        **{"safety.inr": Decimal("2.9"), "safety.inr_on": LAB_ON, "request.planned_on": planned_on},
    )
    assert words in hold(facts, "safety.inr").evidence


def test_the_near_meeting_generator_of_the_property_test_starts_from_cases_that_meet():
    # The property "meets only when nothing is open" is tested from these; each must meet at its own payer.
    for name, facts in BASELINES.items():
        assert assess(facts, today=TODAY).verdict.outcome is Outcome.MEETS, name
