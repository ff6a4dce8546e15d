"""Issue 8, item 7: UnitedHealthcare commercial (2025T0567Z) and Anthem/Carelon profiles.

Each carries only what the reference lets it cite; everything else is "verify with payer" and says what to
verify. Only the replacement rule every payer carries (reference 9.3 #11) blocks.
"""

import pytest

from tests.criteria_builders import BASELINES, TODAY, baseline, for_payer
from wizard.core.assessment import assess
from wizard.core.choices import (
    Condition,
    DeviceProblem,
    OtherTherapyKind,
    Payer,
    Procedure,
    StimulationMode,
    TherapyOutcome,
)
from wizard.core.criteria import PROFILES, policies_for, profile_for
from wizard.core.facts import Therapy
from wizard.core.rows import OtherTherapy
from wizard.core.rules import Confidence, Outcome, Status, evaluate, verdict
from wizard.forms.request import RequestForm
from wizard.letter.build import build_letter

NEW_PAYERS = (Payer.UHC, Payer.ANTHEM)
REPLACEMENT_RULE = {
    Payer.UHC: "uhc.replacement.device_problem",
    Payer.ANTHEM: "anthem.replacement.device_problem",
}


def results(facts, payer):
    """Return {criterion id: result} of the facts judged as a request to the payer."""
    facts = for_payer(facts, payer)
    return {r.criterion.id: r for r in evaluate(facts, PROFILES[payer].criteria_for(facts), today=TODAY)}


def outcome(facts, payer):
    facts = for_payer(facts, payer)
    return verdict(evaluate(facts, PROFILES[payer].criteria_for(facts), today=TODAY)).outcome


@pytest.mark.django_db
def test_the_wizard_offers_both_payers():
    choices = dict(RequestForm().fields["payer"].choices)
    assert choices["uhc"] == "UnitedHealthcare (commercial)"
    assert choices["anthem"] == "Anthem (Elevance) / Carelon"
    assert profile_for("uhc").payer is Payer.UHC
    assert profile_for("anthem").payer is Payer.ANTHEM


@pytest.mark.parametrize("payer", NEW_PAYERS)
def test_only_the_replacement_rule_blocks_everything_else_is_verify_with_payer(payer):
    criteria = PROFILES[payer].all_criteria()
    assert {c.id for c in criteria if c.blocking} == {REPLACEMENT_RULE[payer]}
    for criterion in criteria:
        if criterion.required:
            assert criterion.citation.confidence is Confidence.PRIMARY, criterion.id
        elif criterion.id.startswith(payer.value):
            assert criterion.citation.verify_with_payer, criterion.id
            assert "verify with" in criterion.text, criterion.id


@pytest.mark.parametrize("payer", NEW_PAYERS)
def test_unretrieved_items_are_never_primary_and_never_a_named_payer_threshold(payer):
    profile = PROFILES[payer]
    own = [
        c
        for c in profile.all_criteria()
        if c.id.startswith(f"{payer.value}.") and ".replacement." not in c.id
    ]
    assert own and all(c.citation.confidence is not Confidence.PRIMARY for c in own)
    trial = next(c for c in own if c.id.endswith("trial_relief"))
    assert trial.citation.confidence is Confidence.UNCONFIRMED
    assert "reference uses" in trial.text


@pytest.mark.parametrize("payer", NEW_PAYERS)
@pytest.mark.parametrize("name", sorted(BASELINES))
def test_assess_works_for_every_request_type(payer, name):
    facts = for_payer(BASELINES[name], payer)
    assessment = assess(facts, today=TODAY)
    assert assessment.profile is PROFILES[payer]
    judged = assessment.verdict
    if name == "replacement":
        # The replacement rule is primary and met: the verify items are shown, not blocking.
        assert judged.outcome is Outcome.MEETS
    else:
        # No primary criterion of this payer is on file for new implants or blocks: never "meets".
        assert judged.outcome is Outcome.INCOMPLETE
        assert "verify with the payer" in judged.summary
    letter = build_letter(facts, assessment.results, today=TODAY)
    assert letter.conclusion
    assert ("meets each required criterion" in " ".join(letter.conclusion)) is (
        judged.outcome is Outcome.MEETS
    )


@pytest.mark.parametrize("payer", NEW_PAYERS)
def test_policies_name_the_payer_guideline(payer):
    words = {Payer.UHC: "2025T0567Z", Payer.ANTHEM: "Carelon"}[payer]
    assert words in policies_for(for_payer(BASELINES["permanent"], payer))


@pytest.mark.parametrize("payer", NEW_PAYERS)
@pytest.mark.parametrize(
    ("problem", "expected"),
    [
        (DeviceProblem.BATTERY_END_OF_LIFE, Outcome.MEETS),
        (DeviceProblem.NONE, Outcome.DOES_NOT_MEET),
        (DeviceProblem.INFECTION, Outcome.DOES_NOT_MEET),
        (None, Outcome.INCOMPLETE),
    ],
)
def test_replacement_needs_a_device_problem_a_working_or_infected_system_does_not_meet(
    payer, problem, expected
):
    facts = baseline("replacement", **{"device.problem": problem})
    assert outcome(facts, payer) is expected


@pytest.mark.parametrize("condition", list(Condition))
def test_uhc_proven_conditions(condition):
    found = results(baseline("permanent", **{"diagnosis.condition": condition}), Payer.UHC)
    proven = condition is not Condition.OTHER_NEUROPATHIC
    assert found["uhc.t0567.indication"].status is (Status.MET if proven else Status.NOT_MET)


@pytest.mark.parametrize(
    ("procedure", "mode", "status"),
    [
        (Procedure.SCS_PERMANENT, StimulationMode.TONIC, Status.MET),
        (Procedure.SCS_PERMANENT, StimulationMode.HIGH_FREQUENCY, Status.MET),
        (Procedure.SCS_PERMANENT, StimulationMode.BURST, Status.MET),
        (Procedure.SCS_PERMANENT, StimulationMode.OTHER_NON_TONIC, Status.NOT_MET),
        (Procedure.DRG_PERMANENT, StimulationMode.TONIC, Status.NOT_MET),
        (Procedure.DRG_TRIAL, None, Status.NOT_MET),
    ],
)
def test_uhc_covers_high_frequency_and_burst_and_flags_drg_to_verify(procedure, mode, status):
    facts = baseline("permanent", **{"request.procedure": procedure, "request.stimulation_mode": mode})
    result = results(facts, Payer.UHC)["uhc.t0567.technology"]
    assert result.status is status
    assert result.group == ("met" if status is Status.MET else "verify")
    if procedure in (Procedure.DRG_PERMANENT, Procedure.DRG_TRIAL):
        assert "unconfirmed" in result.finding.evidence


def only_psychological_therapy_failed():
    therapy = Therapy(
        other_therapies=(
            OtherTherapy(kind=OtherTherapyKind.PSYCHOLOGICAL, outcome=TherapyOutcome.INEFFECTIVE),
        )
    )
    return baseline("permanent", therapy=therapy)


def test_carelon_no_longer_counts_cbt_as_conservative_management_uhc_does():
    facts = only_psychological_therapy_failed()
    anthem = results(facts, Payer.ANTHEM)["anthem.carelon.conservative_management"]
    assert anthem.status is Status.NOT_DOCUMENTED
    assert "psychological therapy not counted: 1" in anthem.finding.evidence
    assert results(facts, Payer.UHC)["uhc.interqual.conservative_care"].status is Status.MET


@pytest.mark.parametrize("payer", NEW_PAYERS)
@pytest.mark.parametrize(("pain_during", "status"), [(4, Status.MET), (5, Status.NOT_MET)])
def test_trial_relief_at_the_50_percent_boundary_is_shown_to_verify(payer, pain_during, status):
    found = results(baseline("permanent", **{"trial.pain_during_nrs": pain_during}), payer)
    [result] = [r for key, r in found.items() if key.endswith(".trial_relief")]
    assert result.status is status
    assert result.group == ("met" if status is Status.MET else "verify")


@pytest.mark.parametrize("payer", NEW_PAYERS)
def test_failed_verify_items_never_turn_a_met_replacement_into_does_not_meet(payer):
    # A verify item's "not met" is shown for the clinician to check with the payer; it does not block.
    facts = baseline("replacement", **{"request.stimulation_mode": StimulationMode.OTHER_NON_TONIC})
    assert outcome(facts, payer) is Outcome.MEETS


@pytest.mark.parametrize("payer", NEW_PAYERS)
def test_a_safety_hold_keeps_the_new_payers_from_meets(payer):
    facts = baseline("replacement", **{"safety.active_infection": True})
    assert assess(for_payer(facts, payer), today=TODAY).verdict.outcome is not Outcome.MEETS


def test_carelon_repeat_trial_is_shown_to_verify():
    found = results(baseline("trial", **{"request.prior_trials_in_region": 2}), Payer.ANTHEM)
    result = found["anthem.carelon.repeat_trial"]
    assert (result.status, result.group) == (Status.NOT_MET, "verify")


@pytest.mark.parametrize(
    ("payer", "plan", "heading"),
    [(Payer.UHC, "Choice Plus", "2025T0567Z"), (Payer.ANTHEM, "Anthem Blue Access PPO", "Carelon")],
)
def test_the_letter_is_addressed_to_the_payer_and_the_members_plan(payer, plan, heading):
    facts = for_payer(baseline("permanent", **{"request.plan_name": plan}), payer)
    letter = build_letter(facts, assess(facts, today=TODAY).results, today=TODAY)
    assert letter.recipient_lines[:2] == (payer.label, plan)
    assert heading in policies_for(facts)
