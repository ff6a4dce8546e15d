"""Every payer criterion met, not met and not documented, each from a baseline with one fact changed."""

from datetime import date
from decimal import Decimal
from typing import NamedTuple

import pytest

from tests.criteria_builders import (
    BASELINES,
    MEDICARE_MACS,
    NEVER_MET_BY,
    TODAY,
    baseline,
    change,
    for_payer,
)
from wizard.core.choices import (
    Condition,
    DeviceMaker,
    DeviceProblem,
    DrugClass,
    EvaluatorCredential,
    LeadType,
    MacJurisdiction,
    NicotineUse,
    Payer,
    PlaceOfService,
    PsychConclusion,
    StimulationMode,
    SubstanceUse,
    TherapyOutcome,
)
from wizard.core.criteria import PROFILES, all_criteria
from wizard.core.facts import Decision, Medication, OdiAnswers, Therapy
from wizard.core.rules import Outcome, Status, evaluate, verdict

M, N, D = Status.MET, Status.NOT_MET, Status.NOT_DOCUMENTED
CRITERIA = {c.id: c for c in all_criteria()}
PERMANENT_ODI = BASELINES["permanent"].baselines.odi
ODI_20_PERCENT = OdiAnswers(*[1] * 10)
BLOCKS_WITHOUT_RELIEF = {f"blocks.blocks.{i}.pain_after_nrs": 8 for i in range(3)}


class Case(NamedTuple):
    """A baseline, the facts changed on it, and words the evidence must show."""

    baseline: str
    overrides: dict
    shows: tuple[str, ...] = ()


def case(name: str, overrides: dict | None = None, *shows: str) -> Case:
    """Return a case: baseline name, dotted-path overrides, then the words the evidence must show."""
    return Case(name, overrides or {}, shows)


def yes_no(path: str, yes: str, no: str, *, good: bool = True, name: str = "permanent") -> dict:
    """Return the three cases of a yes/no fact: the good answer, the other one, and no answer."""
    return {
        M: case(name, {path: good}, yes if good else no),
        N: case(name, {path: not good}, no if good else yes),
        D: case(name, {path: None}),
    }


LATE_RESORT = {
    M: case("permanent", {}, "pharmacological 6 failed", "surgical judged unsuitable"),
    N: case(
        "permanent",
        {"therapy.other_therapies.0.outcome": TherapyOutcome.EFFECTIVE},
        "psychological effective",
    ),
    D: case("permanent", {"therapy.surgery_unsuitable_reason": ""}, "surgical not documented"),
}
PSYCH_CLEARED = {
    M: case("permanent", {}, "cleared by Alan Porter, PsyD psychologist on Aug 12, 2026"),
    N: case("permanent", {"psych.evaluated_on": date(2026, 10, 7)}, "after the trial on Oct 6, 2026"),
    D: case("permanent", {"psych.conclusion": None}),
}
FACILITIES = yes_no("decision.facilities_available", "facilities and staff available", "not available")
RISKS = yes_no("decision.risks_benefits_discussed", "risks and benefits discussed", "not discussed")
ALTERNATIVES = yes_no("decision.alternatives_discussed", "alternatives and non-surgical", "not discussed")
WISH = yes_no("decision.patient_wishes_to_proceed", "wish to proceed", "does not wish to proceed")
NO_CARDIAC_DEVICE = yes_no("safety.cardiac_device", "cardiac device present", "no cardiac device", good=False)
DRUG_SCREEN = yes_no("psych.drug_screen_reviewed", "drug screen reviewed", "not reviewed")
TRIAL_SUCCESS = {
    M: case("permanent", {}, "target pain 8 → 3/10 (62.5%)", "MME 20 → 10/day (50.0% less)", "≥ 50%"),
    N: case(
        "permanent",
        {"trial.pain_during_nrs": 5, "trial.mme_during": Decimal(15)},
        "(37.5%)",
        "(25.0% less)",
        "need ≥ 50%",
    ),
    D: case("permanent", {"trial.pain_during_nrs": None, "trial.mme_during": None}, "need ≥ 50%"),
}
TRIAL_RELIEF = {
    M: case("permanent", {}, "62.5% relief", "≥ 50%"),
    N: case("permanent", {"trial.pain_during_nrs": 5}, "37.5% relief", "need ≥ 50%"),
    D: case("permanent", {"trial.pain_during_nrs": None}, "need ≥ 50%"),
}
REPLACEMENT_REASON = {
    M: case("replacement", {}, "Battery at end of life", "62.5% relief"),
    N: case("replacement", {"device.problem": DeviceProblem.LOSS_OF_EFFICACY}, "not a hardware failure"),
    D: case("replacement", {"device.problem": None}),
}
PADDLE = {"request.lead_type": LeadType.PADDLE}
PADDLE_SETTING = {
    M: case("permanent", PADDLE, "paddle lead (63655) in Ambulatory surgery center"),
    N: case(
        "permanent",
        {**PADDLE, "request.place_of_service": PlaceOfService.OFFICE},
        "paddle lead (63655) in Office",
        "ASC or hospital only",
    ),
    D: case("permanent", {"request.lead_type": None}, "lead type not recorded"),
}
COUNSELLOR = {"psych.evaluator_credential": EvaluatorCredential.LICENSED_COUNSELLOR}
PALMETTO_EVALUATOR = {
    M: case("permanent", {}, "evaluator: psychologist", "Palmetto accepts"),
    N: case("permanent", COUNSELLOR, "licensed professional counselor", "under physician supervision"),
    D: case("permanent", {"psych.evaluator_credential": None}, "profession not recorded"),
}
HOSPITAL_OUTPATIENT = {"request.place_of_service": PlaceOfService.HOSPITAL_OUTPATIENT}
CGS_EVALUATOR = {
    M: case("permanent", {}, "evaluator: psychologist", "CGS accepts"),
    N: case(
        "permanent",
        {**COUNSELLOR, **HOSPITAL_OUTPATIENT},
        "licensed professional counselor",
        "CGS accepts a psychiatrist, clinical psychologist or licensed medical social worker",
    ),
    D: case("permanent", {"psych.evaluator_credential": None}, "profession not recorded"),
}
NO_ACTIVE_SUD = {
    M: case("permanent", {}, "No substance use disorder"),
    N: case("permanent", {"psych.substance_use": SubstanceUse.TREATED}, "under active treatment"),
    D: case("permanent", {"psych.substance_use": None}),
}
NO_UNTREATED_SUD = {
    M: case("permanent", {"psych.substance_use": SubstanceUse.REMISSION}, "in sustained remission"),
    N: case("permanent", {"psych.substance_use": SubstanceUse.UNTREATED}, "Active, untreated"),
    D: case("permanent", {"psych.substance_use": None}),
}
LEAD_LIMIT = {
    M: case("permanent", {}, "2 leads, 16 contacts", "≤ 2 leads, ≤ 16 contacts"),
    N: case("permanent", {"request.lead_count": 3}, "3 leads", "≤ 2 leads"),
    D: case("permanent", {"request.lead_count": None}, "≤ 2 leads"),
}
TRIAL_LIMIT = {
    M: case("permanent", {}, "trial 1 in this region", "limit 2 per lifetime"),
    N: case("trial", {"request.prior_trials_in_region": 2}, "trial 3 in this region", "limit 2"),
    D: case("trial", {"request.prior_trials_in_region": None}),
}
FUNCTIONAL = {
    M: case("permanent", {}, "improved: walking", "ODI 56.0% → 32.0%"),
    N: case(
        "permanent",
        {"trial.functional_gains": (), "trial.odi": PERMANENT_ODI},
        "ODI 56.0% → 56.0%",
        "no functional gain",
    ),
    D: case("permanent", {"trial.functional_gains": (), "trial.odi": OdiAnswers()}),
}
IMPLANT_SETTING = {
    M: case("permanent", {}, "Ambulatory surgery center"),
    N: case(
        "permanent", {"request.place_of_service": PlaceOfService.OFFICE}, "Office", "ASC or hospital only"
    ),
    D: case("permanent", {"request.place_of_service": None}),
}
DAILY_LIVING = {
    M: case("permanent", {}, "limited: walking, standing"),
    N: case(
        "permanent",
        {"baselines.adl_limits": (), "baselines.adl_notes": "", "baselines.odi": ODI_20_PERCENT},
        "ODI 20.0% (minimal disability)",
    ),
    D: case("permanent", {"baselines.adl_limits": (), "baselines.adl_notes": ""}),
}
NOT_DRG = {
    M: case("permanent", {}, "tonic spinal cord stimulation"),
    N: case("drg_trial", {}, "DRG stimulation"),
    D: case("permanent", {"request.stimulation_mode": None}),
}
COVERED_INDICATION = {
    M: case("permanent", {}, "Complex regional pain syndrome type I", "meets clinical"),
    N: case("fbss_permanent", {"diagnosis.radicular_pain": False}, "FBSS without radicular pain"),
    D: case("permanent", {"diagnosis.condition": None}),
}
RECENT_GABAPENTIN = Medication(
    drug="Gabapentin",
    drug_class=DrugClass.GABAPENTINOID,
    started_on=date(2026, 8, 3),
    outcome=TherapyOutcome.PARTIAL,
)
CONSERVATIVE_CARE = {
    M: case("permanent", {}, "32 months since Mar 1, 2024", "(≥ 6)"),
    N: case("permanent", {"therapy": Therapy(medications=(RECENT_GABAPENTIN,))}, "3 months", "need ≥ 6"),
    D: case("permanent", {"therapy": Therapy()}, "need ≥ 6 months"),
}
ODI_THRESHOLD = {
    M: case("permanent", {}, "ODI 56.0%", "≥ 21%"),
    N: case("permanent", {"baselines.odi": ODI_20_PERCENT}, "ODI 20.0%", "need ≥ 21%"),
    D: case("permanent", {"baselines.odi": OdiAnswers()}, "need ≥ 21%"),
}
PT_SIX_WEEKS = {
    M: case("permanent", {}, "10.7 weeks", "(≥ 6)"),
    N: case(
        "permanent",
        {"therapy.pt_courses": BASELINES["permanent"].therapy.pt_courses[:2]},
        "0.0 weeks",
        "need ≥ 6",
    ),
    D: case("permanent", {"therapy.pt_courses": ()}, "need ≥ 6 weeks"),
}
AFTER_SPINE_SURGERY = {
    M: case("fbss_permanent", {}, "last spine surgery Jun 20, 2023, 41 months ago", "(> 6)"),
    N: case(
        "fbss_permanent", {"therapy.surgeries.1.performed_on": date(2026, 7, 1)}, "4 months ago", "need > 6"
    ),
    D: case("permanent", {"therapy.had_spine_surgery": None}),
}
TRIAL_LENGTH_DAYS = {
    M: case("permanent", {}, "trial 7 days", "within 3–7"),
    N: case("permanent", {"trial.ended_on": date(2026, 10, 16)}, "trial 10 days", "need 3–7"),
    D: case("permanent", {"trial.ended_on": None}, "need 3–7 days"),
}
NO_WAVEFORM_SWAP = {
    M: case("replacement", {}, "keeps conventional tonic"),
    N: case(
        "replacement",
        {
            "request.stimulation_mode": StimulationMode.HIGH_FREQUENCY,
            "device.problem": DeviceProblem.LOSS_OF_EFFICACY,
        },
        "High frequency (10 kHz) system replaces a working one",
    ),
    D: case("replacement", {"request.stimulation_mode": None}),
}
DRG_FOR_CRPS = {
    M: case("drg_trial", {}, "Complex regional pain syndrome type II"),
    N: case("drg_trial", {"diagnosis.condition": Condition.FBSS}, "not CRPS"),
    D: case("drg_trial", {"diagnosis.condition": None}),
}
CRPS_DIAGNOSIS = {
    M: case("block", {}, "Budapest meets clinical"),
    N: case("block", {"diagnosis.no_better_explanation": False}, "does not meet clinical criteria"),
    D: case("block", {"diagnosis.disproportionate_pain": None}, "not fully recorded"),
}
ANALGESICS_AND_PT = {
    M: case("block", {}, "4 analgesic trial(s), 1 PT course(s)", "relief inadequate"),
    N: case("block", {"therapy.pt_courses.0.outcome": TherapyOutcome.EFFECTIVE}, "documented as effective"),
    D: case("block", {"therapy.pt_courses": ()}, "0 PT course(s)"),
}
THREE_WITHOUT_RELIEF = {
    M: case("block", {}, "3 earlier blocks, best relief 87.5%"),
    N: case("block", BLOCKS_WITHOUT_RELIEF, "3 earlier blocks without relief", "limit 3"),
    D: case("block", {"blocks.blocks": ()}),
}
PROGRAM_BEYOND_THREE = {
    M: case("block", {}, "block 4, beyond the first 3, within a comprehensive programme"),
    N: case("block", {"blocks.comprehensive_program": False}, "block 4", "outside a programme"),
    D: case("block", {"blocks.comprehensive_program": None}),
}
SEVEN_DAYS_APART = {
    M: case("block", {}, "shortest interval 21 days", "≥ 7"),
    N: case("block", {"request.planned_on": date(2026, 10, 10)}, "shortest interval 4 days", "need ≥ 7"),
    D: case("block", {"request.planned_on": None}, "need ≥ 7 days"),
}
RELIEF_LENGTHENING = {
    M: case("block", {}, "relief 3 → 6 → 12 days: lengthening"),
    N: case("block", {"blocks.blocks.2.relief_days": 5}, "relief 3 → 6 → 5 days: not lengthening"),
    D: case("block", {"blocks.blocks.1.relief_days": None, "blocks.blocks.2.relief_days": None}),
}
LISTED_INDICATION = {
    M: case("permanent", {}, "of the lower limb"),
    N: case("permanent", {"diagnosis.condition": Condition.DIABETIC_NEUROPATHY}, "not among CMM-211"),
    D: case("permanent", {"diagnosis.limb": None}, "affected limb not recorded"),
}
TRIAL_LONGER_THAN_48_HOURS = {
    M: case("permanent", {}, "trial 7 days, more than 48 hours"),
    N: case("permanent", {"trial.ended_on": date(2026, 10, 7)}, "trial 1 day(s), not more than 48 hours"),
    D: case("permanent", {"trial.ended_on": None}, "need more than 48 hours"),
}
COVERED_TECHNOLOGY = {
    M: case("permanent", {}, "conventional tonic spinal cord stimulation"),
    N: case(
        "permanent", {"request.stimulation_mode": StimulationMode.BURST}, "Burst stimulation is experimental"
    ),
    D: case("permanent", {"request.stimulation_mode": None}),
}
SEVERE_CHRONIC_PAIN = {
    M: case("permanent", {}, "pain 8/10 for 33 months"),
    N: case("permanent", {"diagnosis.pain_nrs": 4}, "pain 4/10", "need ≥ 5/10 for ≥ 3 months"),
    D: case("permanent", {"diagnosis.onset_on": None}, "need ≥ 5/10"),
}
NAMED_TECHNOLOGY = {
    M: case("permanent", {}, "conventional tonic spinal cord stimulation"),
    N: case(
        "permanent", {"request.stimulation_mode": StimulationMode.BURST}, "Burst is not among the waveforms"
    ),
    D: case("permanent", {"request.stimulation_mode": None}),
}
# The L36204 table, copied for L35136 (JE) and for Humana (HUM-0306-026 adopts L36204).
L36204 = {
    "no_active_substance_abuse": NO_ACTIVE_SUD,
    "risks_discussed": RISKS,
    "lead_limit": LEAD_LIMIT,
    "trial_limit": TRIAL_LIMIT,
    "functional_improvement": FUNCTIONAL,
    "implant_setting": IMPLANT_SETTING,
    "alternatives_discussed": ALTERNATIVES,
}
CPB_0447 = {
    "crps_diagnosis": CRPS_DIAGNOSIS,
    "conservative_care": ANALGESICS_AND_PT,
    "three_without_relief": THREE_WITHOUT_RELIEF,
    "program_beyond_three": PROGRAM_BEYOND_THREE,
    "seven_days_apart": SEVEN_DAYS_APART,
}
CPB_0194 = {
    "indication": COVERED_INDICATION,
    "conservative_care": CONSERVATIVE_CARE,
    "odi_threshold": ODI_THRESHOLD,
    "pt_six_weeks": PT_SIX_WEEKS,
    "after_spine_surgery": AFTER_SPINE_SURGERY,
    "psych_clearance": PSYCH_CLEARED,
    "no_untreated_sud": NO_UNTREATED_SUD,
    "trial_length": TRIAL_LENGTH_DAYS,
    "trial_relief": TRIAL_RELIEF,
    "no_waveform_swap": NO_WAVEFORM_SWAP,
}
CASES: dict[str, dict[Status, Case]] = {
    "medicare.ncd160_7.late_resort": LATE_RESORT,
    "medicare.ncd160_7.psych_evaluation": PSYCH_CLEARED,
    "medicare.ncd160_7.facilities": FACILITIES,
    "medicare.ncd160_7.trial_success": TRIAL_SUCCESS,
    "medicare.lcd.replacement_reason": REPLACEMENT_REASON,
    **{f"medicare.l36204.{topic}": cases for topic, cases in L36204.items()},
    **{f"medicare.l35136.{topic}": cases for topic, cases in L36204.items()},
    "medicare.l37632.lead_limit": LEAD_LIMIT,
    "medicare.l37632.trial_limit": TRIAL_LIMIT,
    "medicare.l37632.risks_discussed": RISKS,
    "medicare.l37632.alternatives_discussed": ALTERNATIVES,
    "medicare.l37632.patient_wish": WISH,
    "medicare.l37632.implant_setting": IMPLANT_SETTING,
    "medicare.l37632.paddle_setting": PADDLE_SETTING,
    "medicare.l37632.functional_improvement": FUNCTIONAL,
    "medicare.l37632.evaluator_qualified": PALMETTO_EVALUATOR,
    "medicare.cgs_pa.evaluator_qualified": CGS_EVALUATOR,
    "medicare.opd_pa.daily_living": DAILY_LIVING,
    "medicare.checklist.risks_discussed": RISKS,
    "medicare.checklist.alternatives_discussed": ALTERNATIVES,
    "medicare.checklist.patient_wish": WISH,
    **{f"humana.lcd.{topic}": cases for topic, cases in L36204.items()},
    "humana.hum0306.trial_relief": TRIAL_SUCCESS,
    "humana.cohere.not_drg": NOT_DRG,
    "common.decision.risks_discussed": RISKS,
    "common.decision.alternatives_discussed": ALTERNATIVES,
    "common.decision.patient_wish": WISH,
    "common.psych.evaluation": PSYCH_CLEARED,
    "common.blocks.relief_lengthening": RELIEF_LENGTHENING,
    **{f"aetna.cpb0194.{topic}": cases for topic, cases in CPB_0194.items()},
    "aetna.cpb0194.no_cardiac_device": NO_CARDIAC_DEVICE,
    "aetna.cpb0194.drug_screen": DRUG_SCREEN,
    "aetna.cpb0447.drg_for_crps": DRG_FOR_CRPS,
    "aetna.replacement.device_problem": REPLACEMENT_REASON,
    "evicore.replacement.device_problem": REPLACEMENT_REASON,
    **{f"aetna.cpb0447.{topic}": cases for topic, cases in CPB_0447.items()},
    "evicore.cmm211.indication": LISTED_INDICATION,
    "evicore.cmm211.conservative_care": CONSERVATIVE_CARE,
    "evicore.cmm211.behavioral_health": PSYCH_CLEARED,
    "evicore.cmm211.trial_length": TRIAL_LONGER_THAN_48_HOURS,
    "evicore.cmm211.trial_relief": TRIAL_RELIEF,
    "evicore.cmm211.technology": COVERED_TECHNOLOGY,
    "bcbsa.70125.last_resort": LATE_RESORT,
    "bcbsa.70125.severe_chronic_pain": SEVERE_CHRONIC_PAIN,
    "bcbsa.70125.no_drug_habituation": NO_UNTREATED_SUD,
    "bcbsa.70125.trial_relief": TRIAL_RELIEF,
    "bcbsa.70125.technology": NAMED_TECHNOLOGY,
    "bcbsa.70125.replacement_reason": REPLACEMENT_REASON,
    "other.ncd160_7.late_resort": LATE_RESORT,
    **{f"other.cpb0194.{topic}": cases for topic, cases in CPB_0194.items()},
    "other.l36204.functional_improvement": FUNCTIONAL,
    "other.lcd.replacement_reason": REPLACEMENT_REASON,
    "other.cmm211.technology": COVERED_TECHNOLOGY,
    "other.decision.risks_discussed": RISKS,
    "other.decision.alternatives_discussed": ALTERNATIVES,
    "other.decision.patient_wish": WISH,
    **{f"other.cpb0447.{topic}": cases for topic, cases in CPB_0447.items()},
}

# Issue 8, item 7: UnitedHealthcare (2025T0567Z, criteria via InterQual) and Anthem/Carelon, every criterion
# "verify with payer" except the replacement rule every payer carries.
ONLY_EFFECTIVE_PT = {
    "therapy.medications": (),
    "therapy.other_therapies": (),
    "therapy.pt_courses": (
        change(BASELINES["permanent"].therapy.pt_courses[0], outcome=TherapyOutcome.EFFECTIVE),
    ),
}
NO_THERAPY = {"therapy": Therapy()}
UHC_INDICATION = {
    M: case("permanent", {}, "Complex regional pain syndrome type I: listed as proven"),
    N: case(
        "permanent",
        {"diagnosis.condition": Condition.OTHER_NEUROPATHIC},
        "not among the conditions 2025T0567Z",
    ),
    D: case("permanent", {"diagnosis.condition": None}, "diagnosis not recorded"),
}
UHC_TECHNOLOGY = {
    M: case("permanent", {}, "conventional tonic spinal cord stimulation"),
    N: case(
        "permanent",
        {"request.stimulation_mode": StimulationMode.OTHER_NON_TONIC},
        "not among the waveforms the policy names",
    ),
    D: case("permanent", {"request.stimulation_mode": None}, "waveform not recorded"),
}
CONSERVATIVE_FAILED = {
    M: case("permanent", {}, "failed"),
    N: case(
        "permanent", ONLY_EFFECTIVE_PT, "1 conservative treatment(s) with an outcome, 0 failed", "effective"
    ),
    D: case("permanent", NO_THERAPY, "record each treatment tried"),
}
REPEAT_TRIAL = {
    M: case("trial", {}, "first trial in this region"),
    N: case("trial", {"request.prior_trials_in_region": 1}, "1 earlier trial(s)", "repeat-trial indications"),
    D: case("trial", {"request.prior_trials_in_region": None}, "not recorded"),
}
CASES.update(
    {
        "uhc.t0567.indication": UHC_INDICATION,
        "uhc.t0567.technology": UHC_TECHNOLOGY,
        "uhc.interqual.conservative_care": CONSERVATIVE_FAILED,
        "uhc.interqual.psych_evaluation": PSYCH_CLEARED,
        "uhc.interqual.trial_relief": TRIAL_RELIEF,
        "uhc.replacement.device_problem": REPLACEMENT_REASON,
        "anthem.carelon.last_resort": LATE_RESORT,
        "anthem.carelon.conservative_management": CONSERVATIVE_FAILED,
        "anthem.carelon.mental_health_timing": PSYCH_CLEARED,
        "anthem.carelon.repeat_trial": REPEAT_TRIAL,
        "anthem.carelon.trial_relief": TRIAL_RELIEF,
        "anthem.replacement.device_problem": REPLACEMENT_REASON,
    }
)

# Issue 8, item 6: the Aetna CPB 0194 revision in force from 2026-01-01 (updates U2, secondary).
WORKING_TONIC = {
    "device.problem": DeviceProblem.NONE,
    "device.waveform": StimulationMode.TONIC,
}
WORKING_SYSTEM_WAVEFORM = {
    M: case("replacement", {}, "not a working one (battery at end of life)"),
    N: case(
        "replacement",
        {**WORKING_TONIC, "request.stimulation_mode": StimulationMode.HIGH_FREQUENCY},
        "working conventional tonic system replaced with high frequency",
    ),
    D: case("replacement", {"device.problem": None}, "whether the current system works"),
}
NOT_NALU = {
    M: case("permanent", {}, "Abbott system, not Nalu"),
    N: case("permanent", {"request.device_maker": DeviceMaker.NALU}, "Nalu Medical system, investigational"),
    D: case("permanent", {"request.device_maker": None}, "maker of the requested system is not recorded"),
}
CASES.update(
    {
        "aetna.cpb0194.working_system_waveform": WORKING_SYSTEM_WAVEFORM,
        "aetna.cpb0194.nalu_investigational": NOT_NALU,
    }
)


# BCBS Minnesota's additions from 2026-09-07 (updates U2): boundaries in tests/test_criteria_versions.py.
MN = "minnesota_permanent"
CASES.update(
    {
        "bcbsa.mn.conservative_care": {s: c._replace(baseline=MN) for s, c in CONSERVATIVE_CARE.items()},
        "bcbsa.mn.psych_evaluation": {s: c._replace(baseline=MN) for s, c in PSYCH_CLEARED.items()},
        "bcbsa.mn.pain_severity": {
            M: case(MN, {}, "pain 8/10", "(≥ 5/10)"),
            N: case(MN, {"diagnosis.pain_nrs": 4}, "pain 4/10", "need ≥ 5/10"),
            D: case(MN, {"diagnosis.pain_nrs": None, "baselines.pain_nrs_average": None}, "need ≥ 5/10"),
        },
        "bcbsa.mn.nicotine_free": {
            M: case(MN, {}, "never used nicotine"),
            N: case(
                MN, {"safety.nicotine_use": NicotineUse.CURRENT}, "current nicotine use", "need ≥ 42 days"
            ),
            D: case(MN, {"safety.nicotine_use": None}, "nicotine use not recorded"),
        },
    }
)


def test_change_replaces_fields_sections_rows_and_one_row_by_dotted_path():
    facts = BASELINES["block"]
    changed = change(
        facts,
        **{
            "request.planned_on": date(2026, 12, 1),
            "blocks.blocks.1.relief_days": 9,
            "therapy.pt_courses": (),
            "decision": Decision(),
        },
    )
    assert changed.request.planned_on == date(2026, 12, 1)
    assert [b.relief_days for b in changed.blocks.blocks] == [3, 9, 12]
    assert (changed.therapy.pt_courses, changed.decision) == ((), Decision())
    assert changed.therapy.medications == facts.therapy.medications
    assert facts.blocks.blocks[1].relief_days == 6
    with pytest.raises(TypeError):
        change(facts, **{"trial.pain_after_nrs": 3})


def test_every_criterion_has_a_met_a_not_met_and_a_not_documented_case():
    missing = {
        criterion_id: sorted(s.value for s in Status if s not in CASES.get(criterion_id, {}))
        for criterion_id in CRITERIA
    }
    assert {k: v for k, v in missing.items() if v} == {}
    assert sorted(set(CASES) - set(CRITERIA)) == []


def check(criterion_id: str, status: Status, facts_case: Case):
    """Judge the case with the criterion's predicate and check status and evidence."""
    criterion = CRITERIA[criterion_id]
    facts = baseline(facts_case.baseline, **facts_case.overrides)
    assert facts.request.procedure in criterion.applies_to
    finding = criterion.predicate(facts, TODAY)
    assert finding.status is status, finding.evidence
    assert finding.evidence.strip()
    assert "None" not in finding.evidence
    for words in facts_case.shows:
        assert words in finding.evidence


@pytest.mark.parametrize(
    ("criterion_id", "status", "facts_case"),
    [
        pytest.param(criterion_id, status, facts_case, id=f"{criterion_id}-{status.value}")
        for criterion_id, cases in CASES.items()
        for status, facts_case in cases.items()
    ],
)
def test_criterion_judges_its_case(criterion_id, status, facts_case):
    if status is not D:
        assert facts_case.shows, "a met or not met case names the value or threshold its evidence shows"
    check(criterion_id, status, facts_case)


def edge(criterion_id: str, name: str, status: Status, facts_case: Case, *marks):
    """Return one boundary or branch case as a test parameter."""
    return pytest.param(criterion_id, status, facts_case, marks=marks, id=f"{criterion_id}-{name}")


def started(on: date, outcome: TherapyOutcome = TherapyOutcome.PARTIAL) -> Therapy:
    """Return a therapy history of one analgesic started on a date."""
    return Therapy(
        medications=(Medication(drug="Naproxen", drug_class=DrugClass.NSAID, started_on=on, outcome=outcome),)
    )


DIABETIC = {"diagnosis.condition": Condition.DIABETIC_NEUROPATHY}
ONE_EARLIER_BLOCK = BASELINES["block"].blocks.blocks[:1]
EDGES = [
    edge(
        "aetna.cpb0194.trial_relief",
        "exactly_50_percent",
        M,
        case("permanent", {"trial.pain_during_nrs": 4}, "50.0%"),
    ),
    edge(
        "aetna.cpb0194.trial_relief",
        "no_pain_before",
        N,
        case("permanent", {"trial.pain_before_nrs": 0, "trial.pain_during_nrs": 0}, "was 0/10"),
    ),
    edge(
        "medicare.ncd160_7.trial_success",
        "analgesic_halved_pain_not",
        M,
        case("permanent", {"trial.pain_during_nrs": 5}, "(37.5%)", "(50.0% less)"),
    ),
    edge(
        "medicare.ncd160_7.trial_success",
        "pain_short_analgesic_missing",
        D,
        case("permanent", {"trial.pain_during_nrs": 5, "trial.mme_during": None}, "(37.5%)"),
    ),
    edge(
        "aetna.cpb0194.odi_threshold",
        "odi_22_percent",
        M,
        case("permanent", {"baselines.odi": OdiAnswers(2, *[1] * 9)}, "ODI 22.0%"),
    ),
    edge(
        "aetna.cpb0194.trial_length",
        "three_days",
        M,
        case("permanent", {"trial.ended_on": date(2026, 10, 9)}, "3 days"),
    ),
    edge(
        "aetna.cpb0194.trial_length",
        "two_days",
        N,
        case("permanent", {"trial.ended_on": date(2026, 10, 8)}, "2 days"),
    ),
    edge(
        "aetna.cpb0194.trial_length",
        "eight_days",
        N,
        case("permanent", {"trial.ended_on": date(2026, 10, 14)}, "8 days"),
    ),
    edge(
        "evicore.cmm211.trial_length",
        "two_days_may_be_under_48_hours",
        D,
        case("permanent", {"trial.ended_on": date(2026, 10, 8)}, "record the placement and removal times"),
    ),
    edge(
        "evicore.cmm211.trial_length",
        "three_days",
        M,
        case("permanent", {"trial.ended_on": date(2026, 10, 9)}, "trial 3 days"),
    ),
    edge(
        "aetna.cpb0194.after_spine_surgery",
        "exactly_six_months",
        N,
        case("fbss_permanent", {"therapy.surgeries.1.performed_on": date(2026, 5, 22)}, "6 months ago"),
    ),
    edge(
        "aetna.cpb0194.after_spine_surgery", "no_spine_surgery", M, case("permanent", {}, "no spine surgery")
    ),
    edge(
        "aetna.cpb0194.conservative_care",
        "exactly_six_months",
        M,
        case("permanent", {"therapy": started(date(2026, 5, 22))}, "6 months"),
    ),
    edge(
        "aetna.cpb0194.conservative_care",
        "started_in_the_future",
        N,
        case("permanent", {"therapy": started(date(2027, 1, 4))}, "0 months"),
    ),
    edge(
        "aetna.cpb0194.indication",
        "crps2_without_nerve_injury",
        D,
        case("drg_trial", {"diagnosis.nerve_injury_evidence": ""}, "nerve injury"),
    ),
    edge(
        "aetna.cpb0194.indication",
        "diabetic_neuropathy",
        M,
        case("permanent", DIABETIC, "pain 8/10 for 33 months"),
    ),
    edge(
        "aetna.cpb0194.indication",
        "diabetic_neuropathy_mild",
        N,
        case("permanent", {**DIABETIC, "diagnosis.pain_nrs": 4}, "pain 4/10", "need ≥ 5/10"),
    ),
    edge(
        "aetna.cpb0194.indication",
        "diabetic_neuropathy_pain_from_baselines",
        M,
        case("permanent", {**DIABETIC, "diagnosis.pain_nrs": None}, "pain 8/10"),
    ),
    edge(
        "aetna.cpb0194.indication",
        "other_neuropathic_origin_to_confirm",
        D,
        case("permanent", {"diagnosis.condition": Condition.OTHER_NEUROPATHIC}, "confirm the origin"),
    ),
    edge(
        "aetna.cpb0194.indication",
        "fbss_radicular_pain_not_stated",
        D,
        case("fbss_permanent", {"diagnosis.radicular_pain": None}),
    ),
    edge(
        "aetna.cpb0194.no_untreated_sud",
        "treated_disorder",
        M,
        case("permanent", {"psych.substance_use": SubstanceUse.TREATED}, "under active treatment"),
    ),
    edge(
        "medicare.l36204.trial_limit",
        "repeat_trial_with_reason",
        M,
        case(
            "trial",
            {"request.prior_trials_in_region": 1, "request.repeat_trial_reason": "Leads migrated on day 2"},
            "trial 2",
            "Leads migrated",
        ),
    ),
    edge(
        "medicare.l36204.trial_limit",
        "repeat_trial_without_reason",
        D,
        case("trial", {"request.prior_trials_in_region": 1}, "trial 2", "without the reason"),
    ),
    edge(
        "medicare.l36204.lead_limit",
        "17_contacts",
        N,
        case("permanent", {"request.contacts_total": 17}, "17 contacts"),
    ),
    edge(
        "medicare.ncd160_7.psych_evaluation",
        "evaluator_not_qualified_on_record",
        D,
        case("permanent", {"psych.evaluator_credential": None}, "qualification not recorded"),
    ),
    edge(
        "medicare.ncd160_7.psych_evaluation",
        "not_cleared",
        N,
        case("permanent", {"psych.conclusion": PsychConclusion.NOT_CLEARED}, "not cleared"),
    ),
    edge(
        "medicare.ncd160_7.psych_evaluation",
        "trial_evaluated_after_planned_date",
        N,
        case(
            "trial", {"psych.evaluated_on": date(2026, 12, 16)}, "after the planned procedure on Dec 15, 2026"
        ),
    ),
    edge(
        "medicare.lcd.replacement_reason",
        "relief_unknown_benefit_described",
        M,
        case("replacement", {"device.pain_with_device_nrs": None}, "benefit: Walked daily"),
    ),
    edge(
        "medicare.lcd.replacement_reason",
        "benefit_not_recorded",
        D,
        case("replacement", {"device.pain_with_device_nrs": None, "device.benefit_notes": ""}),
    ),
    edge(
        "medicare.opd_pa.daily_living",
        "notes_only",
        M,
        case("permanent", {"baselines.adl_limits": ()}, "Walks under 5 minutes"),
    ),
    edge(
        "evicore.cmm211.technology",
        "high_frequency_for_crps",
        N,
        case("permanent", {"request.stimulation_mode": StimulationMode.HIGH_FREQUENCY}, "FBSS only"),
    ),
    edge(
        "evicore.cmm211.technology",
        "high_frequency_for_fbss",
        M,
        case(
            "fbss_permanent", {"request.stimulation_mode": StimulationMode.HIGH_FREQUENCY}, "high frequency"
        ),
    ),
    edge("evicore.cmm211.technology", "drg", N, case("drg_trial", {}, "experimental")),
    edge("bcbsa.70125.technology", "drg", M, case("drg_trial", {}, "dorsal root ganglion")),
    edge(
        "aetna.cpb0194.no_waveform_swap",
        "burst_after_battery_failure",
        M,
        case("replacement", {"request.stimulation_mode": StimulationMode.BURST}, "replaces a failed one"),
    ),
    edge(
        "aetna.cpb0447.three_without_relief",
        "two_earlier_blocks_without_relief",
        M,
        case(
            "block",
            {
                "blocks.blocks": BASELINES["block"].blocks.blocks[:2],
                **dict(list(BLOCKS_WITHOUT_RELIEF.items())[:2]),
            },
            "2 earlier block(s)",
        ),
    ),
    edge(
        "aetna.cpb0447.three_without_relief",
        "relief_of_one_block_unrecorded",
        D,
        case("block", {**BLOCKS_WITHOUT_RELIEF, "blocks.blocks.1.pain_after_nrs": None}),
    ),
    edge(
        "aetna.cpb0447.program_beyond_three",
        "third_block_without_programme",
        M,
        case(
            "block",
            {"blocks.blocks": ONE_EARLIER_BLOCK * 2, "blocks.comprehensive_program": False},
            "block 3 of the first 3",
        ),
    ),
    edge(
        "aetna.cpb0447.seven_days_apart",
        "exactly_seven_days",
        M,
        case("block", {"request.planned_on": date(2026, 10, 13)}, "shortest interval 7 days"),
    ),
    edge(
        "aetna.cpb0447.seven_days_apart",
        "first_block",
        M,
        case("block", {"blocks.first_block": True, "blocks.blocks": ()}, "first block"),
    ),
    edge(
        "common.blocks.relief_lengthening",
        "first_block",
        M,
        case("block", {"blocks.first_block": True, "blocks.blocks": ()}, "first block"),
    ),
    # Bugs and impossible cases: each must keep failing until the criterion is fixed.
    edge(
        "aetna.cpb0194.pt_six_weeks",
        "undated_course",
        D,
        case("permanent", {"therapy.pt_courses.2.started_on": None}),
    ),
    edge(
        "aetna.cpb0194.pt_six_weeks",
        "licensing_not_stated",
        D,
        case("permanent", {"therapy.pt_courses.2.licensed_pt": None}),
    ),
    edge(
        "aetna.cpb0447.crps_diagnosis",
        "examination_date_only",
        D,
        case(
            "block",
            {
                "diagnosis.symptoms": (),
                "diagnosis.signs": (),
                "diagnosis.disproportionate_pain": None,
                "diagnosis.no_better_explanation": None,
            },
        ),
    ),
    edge(
        "medicare.l36204.trial_limit",
        "repeat_trial_without_reason_before_implant",
        D,
        case("permanent", {"trial.is_repeat_trial": True}, "without the reason"),
    ),
    edge(
        "medicare.lcd.replacement_reason",
        "system_never_helped",
        N,
        case("replacement", {"device.pain_with_device_nrs": 8, "device.benefit_notes": ""}, "0.0% relief"),
    ),
    edge(
        "common.blocks.relief_lengthening",
        "second_block",
        M,
        case("block", {"blocks.blocks": ONE_EARLIER_BLOCK}),
    ),
    edge(
        "common.blocks.relief_lengthening",
        "middle_block_relief_unrecorded",
        D,
        case("block", {"blocks.blocks.1.relief_days": None}),
    ),
    edge(
        "aetna.cpb0194.after_spine_surgery",
        "latest_surgery_undated",
        D,
        case("fbss_permanent", {"therapy.surgeries.1.performed_on": None}),
    ),
    edge(
        "aetna.cpb0194.conservative_care",
        "treatment_effective",
        N,
        case("permanent", {"therapy": started(date(2024, 3, 1), TherapyOutcome.EFFECTIVE)}, "effective"),
    ),
    edge(
        "aetna.cpb0194.indication",
        "diabetic_neuropathy_recent_pain_score_missing",
        N,
        case(
            "permanent",
            {
                **DIABETIC,
                "diagnosis.pain_nrs": None,
                "baselines.pain_nrs_average": None,
                "diagnosis.onset_on": date(2026, 9, 1),
            },
            "2 months",
        ),
    ),
    edge(
        "aetna.cpb0194.no_waveform_swap",
        "tonic_kept_problem_unrecorded",
        M,
        case("replacement", {"device.problem": None}, "keeps conventional tonic"),
    ),
]


@pytest.mark.parametrize(("criterion_id", "status", "facts_case"), EDGES)
def test_criterion_at_its_boundaries(criterion_id, status, facts_case):
    check(criterion_id, status, facts_case)


BASELINE_REQUESTS = [
    (name, payer, mac)
    for name in BASELINES
    for payer in PROFILES
    for mac in (MEDICARE_MACS if payer is Payer.MEDICARE else (None,))
]


def baseline_results(name: str, payer: Payer, mac) -> list:
    """Judge a baseline as a request to one payer (under one Medicare MAC)."""
    facts = for_payer(BASELINES[name], payer, mac)
    return evaluate(facts, PROFILES[payer].criteria_for(facts), today=TODAY)


@pytest.mark.parametrize(
    ("name", "payer", "mac"),
    [
        pytest.param(*r, id="-".join(filter(None, [r[0], r[1].value, r[2] and r[2].value])))
        for r in BASELINE_REQUESTS
    ],
)
def test_baseline_meets_every_criterion_that_applies(name, payer, mac):
    results = baseline_results(name, payer, mac)
    never_met = {k for k in NEVER_MET_BY.get(name, {}) if k in {r.criterion.id for r in results}}
    unmet = {r.criterion.id: (r.status, r.finding.evidence) for r in results if r.status is not M}
    assert {k: status for k, (status, _) in unmet.items()} == dict.fromkeys(never_met, N), unmet
    blocked = any(r.criterion.blocking and r.criterion.id in never_met for r in results)
    if any(r.criterion.blocking for r in results):
        assert verdict(results).outcome is (Outcome.DOES_NOT_MEET if blocked else Outcome.MEETS)


def test_every_criterion_judges_some_baseline():
    judged = {r.criterion.id for request in BASELINE_REQUESTS for r in baseline_results(*request)}
    assert sorted(set(CRITERIA) - judged) == []


# Issue 8, item 4: rule families fixed at every payer, each at its boundary.


def judged(facts, payer: Payer, mac=None):
    """Return (verdict outcome, {criterion id: finding}) of the facts as a request to one payer."""
    facts = for_payer(facts, payer, mac)
    results = evaluate(facts, PROFILES[payer].criteria_for(facts), today=TODAY)
    return verdict(results).outcome, {r.criterion.id: r.finding for r in results}


PAYER_REQUESTS = [
    pytest.param(payer, mac, id="-".join(filter(None, [payer.value, mac and mac.value])))
    for payer in PROFILES
    for mac in (MEDICARE_MACS if payer is Payer.MEDICARE else (None,))
]
REPLACEMENT_IDS = {
    "medicare.lcd.replacement_reason",
    "aetna.replacement.device_problem",
    "evicore.replacement.device_problem",
    "bcbsa.70125.replacement_reason",
    "other.lcd.replacement_reason",
}
REPLACEMENT_IDS.update({"uhc.replacement.device_problem", "anthem.replacement.device_problem"})


@pytest.mark.parametrize(("payer", "mac"), PAYER_REQUESTS)
@pytest.mark.parametrize(
    ("problem", "outcome"),
    [
        (DeviceProblem.BATTERY_END_OF_LIFE, Outcome.MEETS),
        (DeviceProblem.LEAD_FRACTURE, Outcome.MEETS),
        (DeviceProblem.NONE, Outcome.DOES_NOT_MEET),
        (DeviceProblem.INFECTION, Outcome.DOES_NOT_MEET),
        (DeviceProblem.LOSS_OF_EFFICACY, Outcome.DOES_NOT_MEET),
        (None, Outcome.INCOMPLETE),
    ],
)
def test_replacement_needs_a_documented_device_problem_at_every_payer(payer, mac, problem, outcome):
    outcome_found, findings = judged(baseline("replacement", **{"device.problem": problem}), payer, mac)
    assert outcome_found is outcome
    assert REPLACEMENT_IDS & set(findings), "every payer judges the replacement's reason"


@pytest.mark.parametrize(("payer", "mac"), PAYER_REQUESTS)
def test_replacement_without_documented_benefit_is_not_meets_at_every_payer(payer, mac):
    facts = baseline(
        "replacement",
        **{"device.pain_with_device_nrs": None, "device.benefit_notes": ""},
    )
    assert judged(facts, payer, mac)[0] is Outcome.INCOMPLETE


@pytest.mark.parametrize(
    ("problem", "hardware"),
    [
        (DeviceProblem.BATTERY_END_OF_LIFE, True),
        (DeviceProblem.MALFUNCTION, True),
        (DeviceProblem.LEAD_MIGRATION, True),
        (DeviceProblem.LEAD_FRACTURE, True),
        (DeviceProblem.INFECTION, False),
        (DeviceProblem.LOSS_OF_EFFICACY, False),
        (DeviceProblem.OTHER, False),
        (DeviceProblem.NONE, False),
    ],
)
def test_infected_or_working_system_is_not_a_hardware_failure(problem, hardware):
    assert problem.is_hardware_failure is hardware


@pytest.mark.parametrize(
    ("problem", "status", "words"),
    [
        (DeviceProblem.BATTERY_END_OF_LIFE, M, "Battery at end of life"),
        (DeviceProblem.NONE, N, "the current system works"),
        (DeviceProblem.INFECTION, N, "explanted"),
    ],
)
def test_working_failed_and_infected_systems_each_read_their_own_finding(problem, status, words):
    facts = baseline("replacement", **{"device.problem": problem})
    for criterion_id in REPLACEMENT_IDS:
        finding = CRITERIA[criterion_id].predicate(facts, TODAY)
        assert finding.status is status, (criterion_id, finding.evidence)
        assert words in finding.evidence


def test_waveform_swap_of_an_infected_system_is_not_a_swap_of_a_working_one():
    facts = baseline(
        "replacement",
        **{"device.problem": DeviceProblem.INFECTION, "request.stimulation_mode": StimulationMode.BURST},
    )
    finding = CRITERIA["aetna.cpb0194.no_waveform_swap"].predicate(facts, TODAY)
    assert (finding.status, "infected" in finding.evidence) == (M, True)
    working = change(facts, **{"device.problem": DeviceProblem.NONE})
    assert CRITERIA["aetna.cpb0194.no_waveform_swap"].predicate(working, TODAY).status is N


Cred = EvaluatorCredential
# Expected per the reference, written out here rather than read from the code: CGS OPD PA (ref 1.5, 6.1)
# and the Palmetto checklist (ref 1.6, 6.1).
CGS_ACCEPTS = {Cred.PSYCHIATRIST, Cred.PSYCHOLOGIST, Cred.MEDICAL_SOCIAL_WORKER, Cred.CLINICAL_SOCIAL_WORKER}
PALMETTO_ACCEPTS = {Cred.PSYCHIATRIST, Cred.PSYCHOLOGIST, Cred.CLINICAL_SOCIAL_WORKER, Cred.OTHER_SUPERVISED}


@pytest.mark.parametrize("credential", list(EvaluatorCredential))
@pytest.mark.parametrize(
    ("mac", "place", "accepted", "criterion_id"),
    [
        pytest.param(
            MacJurisdiction.J15,
            PlaceOfService.HOSPITAL_OUTPATIENT,
            CGS_ACCEPTS,
            "medicare.cgs_pa.evaluator_qualified",
            id="J15-opd",
        ),
        pytest.param(
            MacJurisdiction.J15,
            PlaceOfService.ASC,
            set(EvaluatorCredential),
            "medicare.cgs_pa.evaluator_qualified",
            id="J15-asc",
        ),
        pytest.param(
            MacJurisdiction.JJ,
            PlaceOfService.ASC,
            PALMETTO_ACCEPTS,
            "medicare.l37632.evaluator_qualified",
            id="JJ",
        ),
        pytest.param(
            MacJurisdiction.JM,
            PlaceOfService.HOSPITAL_OUTPATIENT,
            PALMETTO_ACCEPTS,
            "medicare.l37632.evaluator_qualified",
            id="JM",
        ),
    ],
)
def test_each_evaluator_profession_per_mac(credential, mac, place, accepted, criterion_id):
    facts = baseline(
        "permanent", **{"psych.evaluator_credential": credential, "request.place_of_service": place}
    )
    outcome, findings = judged(facts, Payer.MEDICARE, mac)
    expected = M if credential in accepted else N
    assert findings[criterion_id].status is expected, findings[criterion_id].evidence
    assert (outcome is Outcome.MEETS) is (expected is M)


def test_cgs_evaluator_list_waits_for_the_place_of_service():
    facts = baseline("permanent", **COUNSELLOR, **{"request.place_of_service": None})
    finding = CRITERIA["medicare.cgs_pa.evaluator_qualified"].predicate(facts, TODAY)
    assert finding.status is D


@pytest.mark.parametrize(
    ("mac", "criterion_id", "blocks"),
    [
        (MacJurisdiction.JF, "medicare.l36204.functional_improvement", True),
        (MacJurisdiction.JE, "medicare.l35136.functional_improvement", False),
        (MacJurisdiction.JJ, "medicare.l37632.functional_improvement", True),
        (MacJurisdiction.JM, "medicare.l37632.functional_improvement", True),
    ],
)
def test_functional_improvement_is_judged_in_every_lcd_jurisdiction(mac, criterion_id, blocks):
    facts = baseline("permanent", **{"trial.functional_gains": (), "trial.odi": PERMANENT_ODI})
    outcome, findings = judged(facts, Payer.MEDICARE, mac)
    assert findings[criterion_id].status is N
    assert CRITERIA[criterion_id].blocking is blocks
    # JE's LCD text was not retrieved: shown as verify, never silently absent.
    assert outcome is (Outcome.DOES_NOT_MEET if blocks else Outcome.MEETS)


TRIAL_ROUTES = ("medicare.ncd160_7.trial_success", "humana.hum0306.trial_relief")


@pytest.mark.parametrize("criterion_id", TRIAL_ROUTES)
@pytest.mark.parametrize(
    ("mme_during", "status", "shown"),
    [
        (Decimal("50.1"), N, "49.9% less"),
        (Decimal("50.04"), N, "49.96% less"),
        (Decimal(50), M, "50.0% less"),
        (Decimal("49.9"), M, "50.1% less"),
    ],
)
def test_analgesic_route_compares_the_exact_reduction(criterion_id, mme_during, status, shown):
    facts = baseline(
        "permanent",
        **{"trial.pain_during_nrs": 5, "trial.mme_before": Decimal(100), "trial.mme_during": mme_during},
    )
    finding = CRITERIA[criterion_id].predicate(facts, TODAY)
    assert finding.status is status, finding.evidence
    assert shown in finding.evidence


@pytest.mark.parametrize("criterion_id", TRIAL_ROUTES)
def test_zero_mme_before_the_trial_fails_the_analgesic_route(criterion_id):
    facts = baseline(
        "permanent",
        **{"trial.pain_during_nrs": 5, "trial.mme_before": Decimal(0), "trial.mme_during": Decimal(0)},
    )
    finding = CRITERIA[criterion_id].predicate(facts, TODAY)
    assert finding.status is N, finding.evidence
    assert "MME 0/day before the trial" in finding.evidence
    # With the pain route still open, zero MME alone leaves it not documented, never met.
    missing = change(facts, **{"trial.pain_during_nrs": None})
    assert CRITERIA[criterion_id].predicate(missing, TODAY).status is D


def test_zero_mme_with_37_5_percent_relief_does_not_meet_at_medicare():
    facts = baseline(
        "permanent",
        **{"trial.pain_during_nrs": 5, "trial.mme_before": Decimal(0), "trial.mme_during": Decimal(0)},
    )
    assert judged(facts, Payer.MEDICARE, MacJurisdiction.JF)[0] is Outcome.DOES_NOT_MEET


def test_humana_accepts_the_analgesic_route_of_the_lcds_it_adopts():
    facts = baseline("permanent", **{"trial.pain_during_nrs": 5})
    outcome, findings = judged(facts, Payer.HUMANA_MA)
    assert findings["humana.hum0306.trial_relief"].status is M
    assert findings["humana.lcd.functional_improvement"].status is M
    assert outcome is Outcome.MEETS
    without_function = change(facts, **{"trial.functional_gains": (), "trial.odi": PERMANENT_ODI})
    assert judged(without_function, Payer.HUMANA_MA)[0] is Outcome.DOES_NOT_MEET


@pytest.mark.parametrize(("pain_during", "status"), [(4, M), (5, N)])
def test_trial_relief_at_the_50_percent_boundary(pain_during, status):
    facts = baseline("permanent", **{"trial.pain_during_nrs": pain_during})
    for criterion_id in (
        "aetna.cpb0194.trial_relief",
        "evicore.cmm211.trial_relief",
        "bcbsa.70125.trial_relief",
    ):
        assert CRITERIA[criterion_id].predicate(facts, TODAY).status is status


def shrinking_blocks(pain_after: int) -> dict:
    """Return three earlier blocks from pain 8 to `pain_after`, relief shrinking 12 → 6 → 3 days."""
    paths = {}
    for i, days in enumerate((12, 6, 3)):
        paths[f"blocks.blocks.{i}.pain_before_nrs"] = 8
        paths[f"blocks.blocks.{i}.pain_after_nrs"] = pain_after
        paths[f"blocks.blocks.{i}.relief_days"] = days
    return paths


@pytest.mark.parametrize(
    ("pain_after", "status", "shown"), [(7, N, "12.5%"), (5, N, "37.5%"), (4, M, "50.0%")]
)
def test_block_relief_counts_only_at_50_percent(pain_after, status, shown):
    facts = baseline("block", **shrinking_blocks(pain_after))
    finding = CRITERIA["aetna.cpb0447.three_without_relief"].predicate(facts, TODAY)
    assert finding.status is status, finding.evidence
    assert shown in finding.evidence


def test_three_blocks_of_12_5_percent_with_shrinking_relief_never_meets_at_aetna():
    facts = baseline("block", **shrinking_blocks(7))
    outcome, findings = judged(facts, Payer.AETNA)
    assert findings["aetna.cpb0447.three_without_relief"].status is N
    assert findings["common.blocks.relief_lengthening"].status is N
    assert outcome is Outcome.DOES_NOT_MEET


@pytest.mark.parametrize(
    ("criterion_id", "status"),
    [
        ("medicare.l36204.no_active_substance_abuse", M),
        ("humana.lcd.no_active_substance_abuse", M),
        ("aetna.cpb0194.no_untreated_sud", M),
        ("bcbsa.70125.no_drug_habituation", M),
    ],
)
def test_remission_on_maintenance_therapy_is_not_active_use(criterion_id, status):
    maintenance = baseline("permanent", **{"psych.substance_use": SubstanceUse.REMISSION_ON_MAINTENANCE})
    finding = CRITERIA[criterion_id].predicate(maintenance, TODAY)
    assert finding.status is status
    assert "maintenance therapy" in finding.evidence
    active = baseline("permanent", **{"psych.substance_use": SubstanceUse.UNTREATED})
    assert CRITERIA[criterion_id].predicate(active, TODAY).status is N


@pytest.mark.parametrize("mac", [MacJurisdiction.JJ, MacJurisdiction.JM])
@pytest.mark.parametrize(
    ("lead", "place", "outcome"),
    [
        (LeadType.PADDLE, PlaceOfService.OFFICE, Outcome.DOES_NOT_MEET),
        (LeadType.PADDLE, PlaceOfService.ASC, Outcome.MEETS),
        (LeadType.PADDLE, PlaceOfService.HOSPITAL_OUTPATIENT, Outcome.MEETS),
        (LeadType.PERCUTANEOUS, PlaceOfService.OFFICE, Outcome.MEETS),
    ],
)
def test_paddle_implant_in_an_office_does_not_meet_at_palmetto(mac, lead, place, outcome):
    facts = baseline("permanent", **{"request.lead_type": lead, "request.place_of_service": place})
    found, findings = judged(facts, Payer.MEDICARE, mac)
    assert found is outcome
    if lead is LeadType.PERCUTANEOUS:
        # 63650 in an office stays "verify" (secondary), never silently met.
        assert findings["medicare.l37632.implant_setting"].status is N
        assert not CRITERIA["medicare.l37632.implant_setting"].blocking


def test_high_frequency_for_crps_at_evicore_is_a_documented_policy_failure():
    facts = baseline("permanent", **{"request.stimulation_mode": StimulationMode.HIGH_FREQUENCY})
    outcome, findings = judged(facts, Payer.EVICORE_CIGNA)
    assert findings["evicore.cmm211.technology"].status is N
    assert outcome is Outcome.DOES_NOT_MEET
