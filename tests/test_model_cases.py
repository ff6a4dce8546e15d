"""The four model cases reach the conclusions of their seed documents, and payers differ where they should."""

from dataclasses import replace

import pytest

from tests.conftest import TODAY, example_facts
from wizard.core.assessment import assess
from wizard.core.choices import MacJurisdiction, Payer
from wizard.core.facts import Psych
from wizard.core.rules import Outcome, Status

CRPS_SCS = "crps-scs-permanent-medicare"
FBSS_SCS = "fbss-scs-permanent-aetna"
DRG = "crps2-drg-trial-bcbsa"
BLOCK = "crps-lumbar-sympathetic-block-aetna"


def statuses(name, payer=None):
    """Return {criterion id: status} for a model case, against its own payer or another."""
    result = assess(example_facts(name), today=TODAY, payer=payer)
    return result, {r.criterion.id: r.status for r in result.results}


def test_seed_000_crps_permanent_implant_is_medically_necessary_under_medicare_jf():
    # Seed 000: conservative care failed and the trial succeeded (>50% relief with functional gain).
    result, found = statuses(CRPS_SCS)
    assert result.verdict.outcome is Outcome.MEETS
    for criterion in ("late_resort", "psych_evaluation", "trial_success"):
        assert found[f"medicare.ncd160_7.{criterion}"] is Status.MET
    assert found["medicare.l36204.functional_improvement"] is Status.MET
    assert found["medicare.l36204.lead_limit"] is Status.MET
    codes = [(line.code, line.units) for line in result.coding.lines]
    assert codes[:4] == [("63650", 2), ("63685", 1), ("L8680", 2), ("L8687", 1)]


def test_seed_001_fbss_permanent_implant_meets_the_documentation_the_seed_lists():
    # Seed 001: ODI >= 21%, >= 6 weeks in-person PT in the past year, psych clearance, quantified trial.
    result, found = statuses(FBSS_SCS)
    assert result.verdict.outcome is Outcome.MEETS
    for criterion in (
        "indication",
        "odi_threshold",
        "pt_six_weeks",
        "psych_clearance",
        "trial_relief",
        "trial_length",
    ):
        assert found[f"aetna.cpb0194.{criterion}"] is Status.MET, criterion


def test_seed_002_drg_trial_meets_a_blue_plan_but_not_evicore_or_humana():
    # Seed 002: DRG salvage for CRPS II after failed SCS; coverage differs sharply by payer (ref 2.2).
    assert statuses(DRG)[0].verdict.outcome is Outcome.MEETS
    evicore, found = statuses(DRG, Payer.EVICORE_CIGNA)
    assert evicore.verdict.outcome is Outcome.DOES_NOT_MEET
    assert found["evicore.cmm211.technology"] is Status.NOT_MET
    humana, found = statuses(DRG, Payer.HUMANA_MA)
    assert humana.verdict.outcome is Outcome.DOES_NOT_MEET
    assert found["humana.cohere.not_drg"] is Status.NOT_MET
    assert any(risk.key == "technology" for risk in evicore.risks)


def test_seed_002_drg_at_aetna_is_only_a_verify_item():
    result, found = statuses(DRG, Payer.AETNA)
    assert found["aetna.cpb0447.drg_for_crps"] is Status.MET
    assert result.verdict.outcome is Outcome.MEETS


def test_seed_003_lumbar_sympathetic_block_with_lengthening_relief_meets_aetna_cpb_0447():
    result, found = statuses(BLOCK)
    assert result.verdict.outcome is Outcome.MEETS
    assert found["aetna.cpb0447.program_beyond_three"] is Status.MET  # the fourth block, within a programme
    assert found["common.blocks.relief_lengthening"] is Status.MET
    assert [(line.code, line.units, line.modifiers) for line in result.coding.lines][:1] == [
        ("64520", 2, ("RT",))
    ]


@pytest.mark.parametrize("payer", [Payer.MEDICARE, Payer.EVICORE_CIGNA, Payer.BCBSA, Payer.HUMANA_MA])
def test_block_request_at_a_payer_without_a_block_policy_on_file_is_incomplete_not_met(payer):
    result, _ = statuses(BLOCK, payer)
    assert result.verdict.outcome is Outcome.INCOMPLETE
    assert "verify with the payer" in result.verdict.summary


def test_medicare_criteria_follow_the_mac_jurisdiction():
    facts = example_facts(CRPS_SCS)
    ids = {}
    for mac in (MacJurisdiction.JF, MacJurisdiction.JJ, MacJurisdiction.J15):
        changed = replace(facts, request=replace(facts.request, mac_jurisdiction=mac))
        ids[mac] = {r.criterion.id for r in assess(changed, today=TODAY).results}
    assert "medicare.l36204.functional_improvement" in ids[MacJurisdiction.JF]
    assert "medicare.l37632.patient_wish" in ids[MacJurisdiction.JJ]
    assert not any(".l36204." in i or ".l37632." in i for i in ids[MacJurisdiction.J15])
    assert all("medicare.ncd160_7.psych_evaluation" in found for found in ids.values())


def test_removing_the_psych_evaluation_turns_every_stimulator_case_incomplete():
    for name in (CRPS_SCS, FBSS_SCS, DRG):
        facts = replace(example_facts(name), psych=Psych())
        result = assess(facts, today=TODAY)
        assert result.verdict.outcome is not Outcome.MEETS, name
        assert any(risk.key == "psych" for risk in result.risks)
