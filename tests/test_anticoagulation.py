"""The antithrombotic advisory against reference 5.2 (risk classes) and 5.3 (hold / restart table)."""

import json
import re
from dataclasses import replace
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import pytest

from wizard.core import anticoagulation as ac
from wizard.core import asra_table as table
from wizard.core.asra_table import BleedingRisk as R
from wizard.core.case_format import load_case
from wizard.core.choices import Antithrombotic as A
from wizard.core.choices import DrugClass, HoldUnit, Procedure, RevisionKind
from wizard.core.facts import AntithromboticUse, CaseFacts, Request, Safety, Therapy
from wizard.core.hold_comparison import AdviceStatus as S
from wizard.core.rows import Medication
from wizard.letter.safety import antithrombotic_items

EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "cases"
DAYS, HOURS = HoldUnit.DAYS, HoldUnit.HOURS
UNCONFIRMED_DRUGS = (
    A.CLOPIDOGREL,
    A.PRASUGREL,
    A.TICAGRELOR,
    A.DABIGATRAN,
    A.RIVAROXABAN,
    A.APIXABAN,
    A.EDOXABAN,
    A.FONDAPARINUX,
)


def make_facts(*uses, procedure=Procedure.SCS_PERMANENT, revision_kind=None, **safety):
    """Return facts for a procedure with the given antithrombotic rows and safety facts."""
    return CaseFacts(
        request=Request(procedure=procedure, revision_kind=revision_kind),
        safety=Safety(antithrombotics=uses, **safety),
    )


def use(drug, planned=None, unit=DAYS, agreed=True):
    """Return one antithrombotic row agreed with the prescriber."""
    return AntithromboticUse(
        drug=drug, planned_hold=planned, hold_unit=unit, prescriber="Dr. Cardio", prescriber_agreed=agreed
    )


def advice_for(*uses, **kwargs):
    """Return the single advisory for one row."""
    [advice] = ac.antithrombotic_advice(make_facts(*uses, **kwargs))
    return advice


@pytest.mark.parametrize(
    ("procedure", "revision_kind", "risk"),
    [
        (Procedure.SCS_TRIAL, None, R.HIGH),
        (Procedure.SCS_PERMANENT, None, R.HIGH),
        (Procedure.DRG_TRIAL, None, R.HIGH),
        (Procedure.DRG_PERMANENT, None, R.HIGH),
        (Procedure.SCS_REPLACEMENT, RevisionKind.PERCUTANEOUS_LEAD_REVISION, R.HIGH),
        (Procedure.SCS_REPLACEMENT, RevisionKind.PADDLE_LEAD_REVISION, R.HIGH),
        (Procedure.SCS_REPLACEMENT, RevisionKind.GENERATOR_REPLACEMENT, R.LOW),
        (Procedure.SCS_REPLACEMENT, RevisionKind.GENERATOR_REVISION, R.LOW),
        (Procedure.SCS_REPLACEMENT, None, None),
        (Procedure.LUMBAR_SYMPATHETIC_BLOCK, None, R.INTERMEDIATE),
        (Procedure.STELLATE_GANGLION_BLOCK, None, R.INTERMEDIATE),
        (None, None, None),
    ],
)
def test_bleeding_risk_follows_asra_class_of_procedure(procedure, revision_kind, risk):
    assert table.bleeding_risk(Request(procedure=procedure, revision_kind=revision_kind)) == risk


@pytest.mark.parametrize("procedure", [Procedure.LUMBAR_SYMPATHETIC_BLOCK, Procedure.STELLATE_GANGLION_BLOCK])
def test_risk_notes_for_sympathetic_blocks_mention_higher_risk_and_unconfirmed_class(procedure):
    notes = " ".join(table.risk_notes(Request(procedure=procedure)))
    assert "paravertebral" in notes
    assert "lumbar sympathetic" in notes
    assert "UNCONFIRMED" in notes


def test_risk_notes_for_generator_replacement_flag_partly_unconfirmed_low_class():
    request = Request(procedure=Procedure.SCS_REPLACEMENT, revision_kind=RevisionKind.GENERATOR_REPLACEMENT)
    notes = " ".join(table.risk_notes(request))
    assert "IPG replacement" in notes
    assert "UNCONFIRMED" in notes


def test_risk_notes_for_implant_are_empty():
    assert table.risk_notes(Request(procedure=Procedure.SCS_PERMANENT)) == ()


HIGH_INT_LOW = (R.HIGH, R.INTERMEDIATE, R.LOW)

# (drug, risk, minimum hours, maximum hours, normal INR, restart) for every confirmed interval in ref 5.3.
CONFIRMED_INTERVALS = [
    (A.ASPIRIN_PRIMARY, R.HIGH, 6 * 24, 6 * 24, False, "24 hours"),
    (A.IBUPROFEN, R.HIGH, 1 * 24, 1 * 24, False, "24 hours"),
    (A.ETODOLAC, R.HIGH, 2 * 24, 2 * 24, False, "24 hours"),
    (A.NAPROXEN, R.HIGH, 4 * 24, 4 * 24, False, "24 hours"),
    (A.NABUMETONE, R.HIGH, 6 * 24, 6 * 24, False, "24 hours"),
    (A.PIROXICAM, R.HIGH, 10 * 24, 10 * 24, False, "24 hours"),
    (A.CILOSTAZOL, R.HIGH, 2 * 24, 2 * 24, False, "24 hours"),
    (A.DIPYRIDAMOLE, R.HIGH, 2 * 24, 2 * 24, False, "not given"),
    (A.WARFARIN, R.HIGH, 5 * 24, 5 * 24, True, "6 hours"),
    (A.WARFARIN, R.INTERMEDIATE, 5 * 24, 5 * 24, True, "6 hours"),
    (A.ACENOCOUMAROL, R.HIGH, 3 * 24, 3 * 24, True, "24 hours"),
    (A.ACENOCOUMAROL, R.INTERMEDIATE, 3 * 24, 3 * 24, True, "24 hours"),
    (A.HEPARIN_IV, R.HIGH, 6, 6, False, "2 hours"),
    (A.HEPARIN_IV, R.INTERMEDIATE, 6, 6, False, "2 hours"),
    (A.HEPARIN_IV, R.LOW, 6, 6, False, "2 hours"),
    (A.HEPARIN_SC, R.HIGH, 24, 24, False, "6 hours"),
    (A.HEPARIN_SC, R.INTERMEDIATE, 6, 6, False, "2 hours"),
    (A.HEPARIN_SC, R.LOW, 6, 6, False, "2 hours"),
    (A.ENOXAPARIN_PROPHYLACTIC, R.HIGH, 12, 12, False, "12–24 hours"),
    (A.ENOXAPARIN_PROPHYLACTIC, R.INTERMEDIATE, 12, 12, False, "12–24 hours"),
    (A.ENOXAPARIN_PROPHYLACTIC, R.LOW, 12, 12, False, "4 hours"),
    (A.ENOXAPARIN_THERAPEUTIC, R.HIGH, 24, 24, False, "12–24 hours"),
    (A.ENOXAPARIN_THERAPEUTIC, R.INTERMEDIATE, 24, 24, False, "12–24 hours"),
    (A.ENOXAPARIN_THERAPEUTIC, R.LOW, 24, 24, False, "4 hours"),
    (A.DALTEPARIN, R.HIGH, 24, 24, False, "12–24 hours"),
    (A.DALTEPARIN, R.INTERMEDIATE, 24, 24, False, "12–24 hours"),
    (A.DALTEPARIN, R.LOW, 24, 24, False, "4 hours"),
]


@pytest.mark.parametrize(("drug", "risk", "low", "high", "inr", "restart"), CONFIRMED_INTERVALS)
def test_confirmed_interval_matches_reference_table(drug, risk, low, high, inr, restart):
    rule = table.hold_rule(drug, risk)
    assert (rule.interval.min_hours, rule.interval.max_hours) == (low, high)
    assert (rule.normal_inr, rule.restart, rule.confirmed, rule.source) == (
        inr,
        restart,
        True,
        table.UPTODATE,
    )
    assert not rule.shared_assessment
    assert not rule.no_hold


# (drug, risk, shared assessment, no hold, restart) for the confirmed cells without an interval.
CONFIRMED_WITHOUT_INTERVAL = [
    (A.ASPIRIN_PRIMARY, R.INTERMEDIATE, True, False, "24 hours"),
    (A.ASPIRIN_PRIMARY, R.LOW, False, True, "24 hours"),
    (A.ASPIRIN_SECONDARY, R.HIGH, True, False, "24 hours"),
    (A.ASPIRIN_SECONDARY, R.INTERMEDIATE, True, False, "24 hours"),
    (A.ASPIRIN_SECONDARY, R.LOW, False, True, "24 hours"),
    *[
        (d, r, False, True, "24 hours")
        for d in (A.IBUPROFEN, A.ETODOLAC, A.NAPROXEN)
        for r in (R.INTERMEDIATE, R.LOW)
    ],
    *[(d, r, False, True, "24 hours") for d in (A.NABUMETONE, A.PIROXICAM) for r in (R.INTERMEDIATE, R.LOW)],
    (A.CILOSTAZOL, R.INTERMEDIATE, False, True, "24 hours"),
    (A.CILOSTAZOL, R.LOW, False, True, "24 hours"),
    (A.DIPYRIDAMOLE, R.INTERMEDIATE, False, True, "not given"),
    (A.DIPYRIDAMOLE, R.LOW, False, True, "not given"),
    (A.WARFARIN, R.LOW, True, True, "6 hours"),
    (A.ACENOCOUMAROL, R.LOW, True, False, "24 hours"),
]


@pytest.mark.parametrize(("drug", "risk", "shared", "no_hold", "restart"), CONFIRMED_WITHOUT_INTERVAL)
def test_confirmed_cell_without_interval_matches_reference_table(drug, risk, shared, no_hold, restart):
    rule = table.hold_rule(drug, risk)
    assert rule.interval is None
    assert (rule.shared_assessment, rule.no_hold, rule.restart, rule.confirmed) == (
        shared,
        no_hold,
        restart,
        True,
    )
    assert not rule.normal_inr


# (drug, minimum days, maximum days, restart) for the UNCONFIRMED rows, high and intermediate alike.
UNCONFIRMED_INTERVALS = [
    (A.CLOPIDOGREL, 7, 7, "12–24 hours"),
    (A.PRASUGREL, 7, 10, "12–24 hours"),
    (A.TICAGRELOR, 5, 5, "12–24 hours"),
    (A.DABIGATRAN, 4, 5, "24 hours"),
    (A.RIVAROXABAN, 3, 3, "24 hours"),
    (A.APIXABAN, 3, 3, "24 hours"),
    (A.EDOXABAN, 3, 3, "24 hours"),
    (A.FONDAPARINUX, 4, 4, "24 hours"),
]


@pytest.mark.parametrize("risk", [R.HIGH, R.INTERMEDIATE])
@pytest.mark.parametrize(("drug", "low", "high", "restart"), UNCONFIRMED_INTERVALS)
def test_unconfirmed_rows_carry_commonly_quoted_interval_and_are_marked(drug, low, high, restart, risk):
    rule = table.hold_rule(drug, risk)
    assert (rule.interval.min_hours, rule.interval.max_hours) == (low * 24, high * 24)
    assert (rule.restart, rule.confirmed, rule.source) == (restart, False, table.RAPM)


@pytest.mark.parametrize("drug", UNCONFIRMED_DRUGS)
def test_unconfirmed_drugs_low_risk_cell_is_not_given(drug):
    rule = table.hold_rule(drug, R.LOW)
    assert not rule.given
    assert (rule.restart, rule.confirmed) == ("not given", False)


def test_dabigatran_keeps_the_renal_note():
    assert "6 days if renal impairment" in ac.guideline_words(table.hold_rule(A.DABIGATRAN, R.HIGH), R.HIGH)


def test_table_has_one_row_per_drug_and_class_and_none_for_other():
    keys = [(rule.drug, rule.risk) for rule in table.HOLD_TABLE]
    assert len(keys) == len(set(keys))
    assert set(keys) == {(d, r) for d in A if d is not A.OTHER for r in HIGH_INT_LOW}


@pytest.mark.parametrize(
    ("drug", "risk", "words"),
    [
        (A.WARFARIN, R.HIGH, "ASRA 2018: 5 days and a normal INR before high-risk procedures"),
        (A.ASPIRIN_PRIMARY, R.HIGH, "ASRA 2018: 6 days before high-risk procedures"),
        (A.ENOXAPARIN_THERAPEUTIC, R.LOW, "ASRA 2018: 24 hours before low-risk procedures"),
        (A.IBUPROFEN, R.HIGH, "ASRA 2018: 1 day (general rule: 5 half-lives) before high-risk procedures"),
        (A.CILOSTAZOL, R.LOW, "ASRA 2018: no hold before low-risk procedures"),
        (A.PRASUGREL, R.HIGH, "ASRA 2018 (unconfirmed): 7–10 days before high-risk procedures"),
        (A.APIXABAN, R.LOW, "ASRA 2018 (unconfirmed): not given before low-risk procedures"),
        (
            A.ASPIRIN_SECONDARY,
            R.HIGH,
            "ASRA 2018: shared assessment and risk stratification with the prescriber before high-risk procedures",
        ),
    ],
)
def test_guideline_words_state_the_interval(drug, risk, words):
    assert ac.guideline_words(table.hold_rule(drug, risk), risk) == words


GENERATOR_REPLACEMENT = (Procedure.SCS_REPLACEMENT, RevisionKind.GENERATOR_REPLACEMENT)


@pytest.mark.parametrize(
    ("row", "procedure", "status"),
    [
        (use(A.ASPIRIN_PRIMARY, 6), Procedure.SCS_PERMANENT, S.CONSISTENT),
        (use(A.ASPIRIN_PRIMARY, 7), Procedure.SCS_TRIAL, S.CONSISTENT),
        (use(A.ASPIRIN_PRIMARY, 3), Procedure.SCS_PERMANENT, S.SHORTER_THAN_GUIDELINE),
        (use(A.ASPIRIN_PRIMARY, 0), Procedure.DRG_TRIAL, S.SHORTER_THAN_GUIDELINE),
        (use(A.ASPIRIN_PRIMARY, 3), Procedure.LUMBAR_SYMPATHETIC_BLOCK, S.SHARED_ASSESSMENT),
        (use(A.ASPIRIN_SECONDARY, 6), Procedure.SCS_PERMANENT, S.SHARED_ASSESSMENT),
        (use(A.ASPIRIN_SECONDARY), Procedure.DRG_PERMANENT, S.SHARED_ASSESSMENT),
        (use(A.NAPROXEN), Procedure.LUMBAR_SYMPATHETIC_BLOCK, S.NO_HOLD_IN_GUIDELINE),
        (use(A.IBUPROFEN, 1), Procedure.STELLATE_GANGLION_BLOCK, S.NO_HOLD_IN_GUIDELINE),
        (use(A.NAPROXEN, 3), Procedure.SCS_PERMANENT, S.SHORTER_THAN_GUIDELINE),
        (use(A.NAPROXEN, 4), Procedure.SCS_PERMANENT, S.CONSISTENT),
        (use(A.WARFARIN, 5), Procedure.LUMBAR_SYMPATHETIC_BLOCK, S.INR_NOT_ON_RECORD),  # no INR on record
        (use(A.WARFARIN, 0), Procedure.SCS_REPLACEMENT, S.NOT_DOCUMENTED),  # revision kind unknown
        (use(A.ASPIRIN_PRIMARY, 6, unit=None), Procedure.SCS_PERMANENT, S.NOT_DOCUMENTED),
        (use(A.ASPIRIN_PRIMARY), Procedure.SCS_PERMANENT, S.NOT_DOCUMENTED),
        (use(A.OTHER, 7), Procedure.SCS_PERMANENT, S.NOT_DOCUMENTED),
        (use(None, 7), Procedure.SCS_PERMANENT, S.NOT_DOCUMENTED),
        (use(A.APIXABAN, 3), GENERATOR_REPLACEMENT, S.NOT_DOCUMENTED),
        (use(A.APIXABAN, 3), Procedure.DRG_TRIAL, S.CONSISTENT),
        (use(A.PRASUGREL, 7), Procedure.SCS_TRIAL, S.CONSISTENT),
        (use(A.PRASUGREL, 6), Procedure.SCS_TRIAL, S.SHORTER_THAN_GUIDELINE),
        # Long enough for the table, but its interval depends on a CrCl that is not on record.
        (use(A.ENOXAPARIN_THERAPEUTIC, 1, unit=DAYS), Procedure.SCS_PERMANENT, S.CRCL_NOT_ON_RECORD),
        (use(A.ENOXAPARIN_THERAPEUTIC, 24, unit=HOURS), Procedure.SCS_PERMANENT, S.CRCL_NOT_ON_RECORD),
        (use(A.ENOXAPARIN_PROPHYLACTIC, 12, unit=HOURS), Procedure.SCS_PERMANENT, S.CONSISTENT),
        (use(A.ENOXAPARIN_THERAPEUTIC, 12, unit=HOURS), Procedure.SCS_PERMANENT, S.SHORTER_THAN_GUIDELINE),
        (use(A.ASPIRIN_PRIMARY, 144, unit=HOURS), Procedure.SCS_PERMANENT, S.CONSISTENT),
        (use(A.ASPIRIN_PRIMARY, 143, unit=HOURS), Procedure.SCS_PERMANENT, S.SHORTER_THAN_GUIDELINE),
        (use(A.HEPARIN_SC, 6, unit=HOURS), Procedure.STELLATE_GANGLION_BLOCK, S.CONSISTENT),
        (use(A.HEPARIN_SC, 6, unit=HOURS), Procedure.SCS_TRIAL, S.SHORTER_THAN_GUIDELINE),
    ],
)
def test_status_compares_planned_hold_with_guideline(row, procedure, status):
    procedure, revision = procedure if isinstance(procedure, tuple) else (procedure, None)
    assert advice_for(row, procedure=procedure, revision_kind=revision).status == status


def test_generator_replacement_uses_low_risk_rows():
    advice = advice_for(
        use(A.WARFARIN, 0),
        procedure=Procedure.SCS_REPLACEMENT,
        revision_kind=RevisionKind.GENERATOR_REPLACEMENT,
    )
    assert (advice.risk, advice.status, advice.restart) == (
        R.LOW,
        S.SHARED_ASSESSMENT,
        "6 hours after the procedure",
    )


@pytest.mark.parametrize(
    ("row", "planned"),
    [
        (use(A.ASPIRIN_PRIMARY, 3), "planned hold: 3 days"),
        (use(A.ASPIRIN_PRIMARY, 1), "planned hold: 1 day"),
        (use(A.HEPARIN_SC, 24, unit=HOURS), "planned hold: 24 hours"),
        (use(A.ASPIRIN_PRIMARY, 0), "planned hold: none"),
        (use(A.ASPIRIN_PRIMARY, 3, unit=None), "planned hold: 3 (unit not documented)"),
        (use(A.ASPIRIN_PRIMARY), "planned hold: not documented"),
    ],
)
def test_planned_hold_in_words(row, planned):
    assert advice_for(row).planned == planned


def test_unconfirmed_advice_is_labelled_for_verification():
    advice = advice_for(use(A.CLOPIDOGREL, 7))
    assert not advice.confirmed
    assert advice.confidence_label == "unconfirmed — verify against Narouze 2018"
    assert "(unconfirmed)" in advice.message


def test_confirmed_advice_has_no_verification_label():
    assert advice_for(use(A.WARFARIN, 5)).confidence_label == ""


@pytest.mark.parametrize("agreed", [False, None])
def test_plan_not_agreed_with_prescriber_is_flagged(agreed):
    advice = advice_for(use(A.ASPIRIN_PRIMARY, 6, agreed=agreed))
    assert not advice.prescriber_agreed
    assert "not documented as agreed with the prescriber" in advice.message


def test_agreed_plan_names_the_prescriber():
    advice = advice_for(use(A.ASPIRIN_PRIMARY, 6))
    assert advice.prescriber_agreed
    assert "agreed with Dr. Cardio" in advice.message


@pytest.mark.parametrize("drug", [A.WARFARIN, A.ACENOCOUMAROL])
def test_vitamin_k_antagonist_reports_documented_inr_and_date(drug):
    facts = make_facts(use(drug, 5), inr=Decimal("1.1"), inr_on=date(2026, 9, 28))
    [advice] = ac.antithrombotic_advice(facts)
    assert advice.inr.startswith("INR 1.1 on Sep 28, 2026")
    assert "normal INR" in advice.inr
    assert "cut-off unconfirmed" in advice.inr


def test_vitamin_k_antagonist_without_inr_says_so():
    assert advice_for(use(A.WARFARIN, 5)).inr.startswith("no INR documented")


def test_inr_without_date_says_date_not_documented():
    [advice] = ac.antithrombotic_advice(make_facts(use(A.WARFARIN, 5), inr=Decimal("1.0")))
    assert advice.inr.startswith("INR 1.0 (date not documented)")


def test_other_drugs_do_not_report_inr():
    [advice] = ac.antithrombotic_advice(make_facts(use(A.APIXABAN, 3), inr=Decimal("1.0")))
    assert advice.inr == ""


def test_no_antithrombotics_gives_no_advice():
    assert ac.antithrombotic_advice(make_facts()) == []


@pytest.mark.parametrize(
    "facts",
    [
        CaseFacts(),
        make_facts(AntithromboticUse()),
        make_facts(use(A.WARFARIN, 5), procedure=None),
        make_facts(replace(use(A.WARFARIN), planned_hold=-1)),
        make_facts(replace(use("warfarin", 5), hold_unit="weeks", prescriber=None)),
    ],
)
def test_missing_or_odd_facts_never_raise(facts):
    for advice in ac.antithrombotic_advice(facts):
        assert advice.status in S


IMPERATIVE = re.compile(r"\b(stop|stopped|stopping|discontinue|discontinued|cease|withhold)\b", re.IGNORECASE)


@pytest.mark.parametrize("procedure", [*Procedure, None])
@pytest.mark.parametrize("drug", [*A, None])
def test_advice_never_tells_anyone_to_stop_a_drug(drug, procedure):
    for planned, unit in ((None, None), (0, DAYS), (3, DAYS), (30, DAYS), (6, HOURS)):
        for agreed in (True, False, None):
            for revision in (None, *RevisionKind):
                facts = make_facts(
                    use(drug, planned, unit=unit, agreed=agreed),
                    procedure=procedure,
                    revision_kind=revision,
                    inr=Decimal("1.0"),
                    inr_on=date(2026, 9, 28),
                )
                for advice in ac.antithrombotic_advice(facts):
                    for text in (
                        advice.message,
                        advice.guideline,
                        advice.planned,
                        advice.restart,
                        advice.inr,
                    ):
                        assert not IMPERATIVE.search(text), text
                    assert "suggest" in advice.message or "not enough documented" in advice.message


def test_advisory_note_says_plan_is_the_prescribers_and_not_an_instruction():
    assert "prescribing clinician" in ac.ADVISORY_NOTE
    assert "not an instruction to stop or start any drug" in ac.ADVISORY_NOTE


def test_crps_model_case_aspirin_plan_is_consistent_confirmed_and_agreed():
    facts = load_case(json.loads((EXAMPLES / "crps-scs-permanent-medicare.json").read_text()))
    [advice] = ac.antithrombotic_advice(facts)
    assert advice.drug is A.ASPIRIN_PRIMARY
    assert advice.risk is R.HIGH
    assert advice.status is S.CONSISTENT
    assert advice.confirmed
    assert advice.prescriber_agreed
    assert advice.guideline == "ASRA 2018: 6 days before high-risk procedures"
    assert advice.planned == "planned hold: 6 days"
    assert advice.restart == "24 hours after the procedure"


# --- Issue 8 item 3: restart by procedure, INR with its date, new drug classes, medication rows, open plans.

PLANNED = date(2026, 10, 1)


def dated_facts(*uses, procedure=Procedure.SCS_PERMANENT, medications=(), planned_on=PLANNED, **safety):
    """Return facts with a planned procedure date, antithrombotic rows and therapy medication rows."""
    return CaseFacts(
        request=Request(procedure=procedure, planned_on=planned_on),
        safety=Safety(antithrombotics=uses, **safety),
        therapy=Therapy(medications=tuple(medications)),
    )


@pytest.mark.parametrize("procedure", [Procedure.SCS_TRIAL, Procedure.DRG_TRIAL])
def test_trial_restart_counts_from_lead_removal_not_placement(procedure):
    advice = advice_for(use(A.APIXABAN, 3), procedure=procedure)
    assert advice.restart.startswith("24 hours after the trial leads are removed (not from placement)")
    assert "3 days pre-procedure hold applies again before the leads are removed" in advice.restart
    assert "SECONDARY" in advice.restart


def test_trial_restart_for_warfarin_is_six_hours_after_removal():
    advice = advice_for(use(A.WARFARIN, 5), procedure=Procedure.SCS_TRIAL)
    assert advice.restart.startswith("6 hours after the trial leads are removed")


def test_trial_restart_without_a_guideline_interval_still_counts_from_removal():
    advice = advice_for(use(A.DIPYRIDAMOLE, 2), procedure=Procedure.DRG_TRIAL)
    assert advice.restart.startswith("interval not given; counted from removal of the trial leads")


@pytest.mark.parametrize("procedure", [Procedure.SCS_TRIAL, Procedure.DRG_TRIAL])
@pytest.mark.parametrize("drug", [d for d in A if d is not A.OTHER])
def test_trial_restart_is_never_a_bare_interval(drug, procedure):
    advice = advice_for(use(drug, 5), procedure=procedure)
    assert "trial leads" in advice.restart, advice.restart
    assert advice.restart != table.hold_rule(drug, R.HIGH).restart


@pytest.mark.parametrize(
    ("procedure", "revision", "restart"),
    [
        (Procedure.SCS_PERMANENT, None, "24 hours after the procedure"),
        (Procedure.DRG_PERMANENT, None, "24 hours after the procedure"),
        (Procedure.SCS_REPLACEMENT, RevisionKind.PADDLE_LEAD_REVISION, "24 hours after the procedure"),
        (Procedure.LUMBAR_SYMPATHETIC_BLOCK, None, "24 hours after the procedure"),
        (Procedure.STELLATE_GANGLION_BLOCK, None, "24 hours after the procedure"),
    ],
)
def test_permanent_and_block_restart_counts_from_the_procedure(procedure, revision, restart):
    assert (
        advice_for(use(A.ASPIRIN_PRIMARY, 6), procedure=procedure, revision_kind=revision).restart == restart
    )


def test_restart_not_given_stays_not_given_outside_a_trial():
    assert advice_for(use(A.DIPYRIDAMOLE, 2)).restart == "not given"


def warfarin(inr, inr_on, planned=5, drug=A.WARFARIN, procedure=Procedure.SCS_PERMANENT, **kwargs):
    """Return the advisory of a VKA row with an INR on record."""
    facts = dated_facts(use(drug, planned), procedure=procedure, inr=inr, inr_on=inr_on, **kwargs)
    [advice] = ac.antithrombotic_advice(facts)
    return advice


@pytest.mark.parametrize("drug", [A.WARFARIN, A.ACENOCOUMAROL])
@pytest.mark.parametrize(
    ("inr", "days_before", "status"),
    [
        (Decimal("1.0"), 1, S.CONSISTENT),
        (Decimal("1.0"), 0, S.CONSISTENT),
        (Decimal("1.2"), 2, S.CONSISTENT),  # at the lower quoted cut-off and the window's edge
        (Decimal("1.21"), 1, S.INR_ABOVE_NORMAL),
        (Decimal("1.3"), 1, S.INR_ABOVE_NORMAL),
        (Decimal("2.9"), 1, S.INR_ABOVE_NORMAL),
        (Decimal("1.0"), 3, S.INR_NOT_ON_RECORD),  # too old: drawn before it can show the held state
        (Decimal("1.0"), 30, S.INR_NOT_ON_RECORD),
        (Decimal("1.0"), -1, S.INR_NOT_ON_RECORD),  # dated after the procedure date
        (None, 1, S.INR_NOT_ON_RECORD),
    ],
)
def test_vka_plan_is_consistent_only_with_a_recent_normal_inr(drug, inr, days_before, status):
    planned = 5 if drug is A.WARFARIN else 3
    advice = warfarin(inr, PLANNED - timedelta(days=days_before), planned=planned, drug=drug)
    assert advice.status is status
    assert "suggest" in advice.message


def test_days_held_alone_do_not_make_warfarin_consistent():
    assert warfarin(None, None).status is S.INR_NOT_ON_RECORD


def test_inr_without_a_date_or_without_a_procedure_date_is_not_on_record():
    assert warfarin(Decimal("1.0"), None).status is S.INR_NOT_ON_RECORD
    assert warfarin(Decimal("1.0"), PLANNED, planned_on=None).status is S.INR_NOT_ON_RECORD


def test_short_warfarin_hold_reads_shorter_whatever_the_inr():
    assert warfarin(Decimal("1.0"), PLANNED, planned=4).status is S.SHORTER_THAN_GUIDELINE


def test_inr_words_give_value_date_gap_and_verify_cut_off():
    advice = warfarin(Decimal("1.3"), date(2026, 9, 30))
    assert advice.inr.startswith("INR 1.3 on Sep 30, 2026 (1 day before the procedure)")
    assert "verify cut-off" in advice.inr
    assert "1.2 or 1.4" in advice.inr
    normal = warfarin(Decimal("1.1"), date(2026, 9, 29))
    assert "within the normal range" in normal.inr and "verify cut-off" in normal.inr
    old = warfarin(Decimal("1.1"), date(2026, 9, 1))
    assert "30 days before the procedure" in old.inr and "our window, verify" in old.inr


def test_warfarin_before_a_low_risk_generator_replacement_is_shared_assessment_without_inr():
    facts = CaseFacts(
        request=Request(
            procedure=Procedure.SCS_REPLACEMENT,
            revision_kind=RevisionKind.GENERATOR_REPLACEMENT,
            planned_on=PLANNED,
        ),
        safety=Safety(antithrombotics=(use(A.WARFARIN, 0),)),
    )
    [advice] = ac.antithrombotic_advice(facts)
    assert advice.status is S.SHARED_ASSESSMENT


def test_coagulation_notes_show_values_dates_and_verify_cut_off():
    facts = dated_facts(
        use(A.APIXABAN, 3),
        inr=Decimal("2.9"),
        inr_on=date(2026, 9, 29),
        platelets=40,
        platelets_on=date(2026, 8, 1),
    )
    [advice] = ac.antithrombotic_advice(facts)
    inr, platelets, ptt = advice.coagulation
    assert inr.startswith("INR 2.9 on Sep 29, 2026 (2 days before the procedure)") and "verify cut-off" in inr
    assert platelets.startswith("Platelets 40 ×10³/µL on Aug 1, 2026 (61 days before the procedure)")
    assert "older than 30 days" in platelets and "verify cut-off" in platelets
    assert ptt == "aPTT: not on record"


def test_coagulation_notes_say_what_is_missing():
    notes = ac.coagulation_notes(dated_facts(use(A.APIXABAN, 3), planned_on=None))
    assert notes == (
        "INR: not on record",
        "Platelet count: not on record",
        "aPTT: not on record",
        "Procedure date not documented: lab dates cannot be judged against it",
    )


X = table.ExtraDrug


@pytest.mark.parametrize("drug", [d for d in X if d is not X.NSAID_UNNAMED])
@pytest.mark.parametrize("risk", HIGH_INT_LOW)
def test_new_asra_classes_have_rows_that_invent_no_interval(drug, risk):
    rule = table.hold_rule(drug, risk)
    assert not rule.given
    assert (rule.confirmed, rule.source, rule.restart) == (False, table.RAPM, "not given")
    words = ac.guideline_words(rule, risk)
    assert words.startswith("ASRA 2018 (unconfirmed): not given (listed in ASRA 2018; interval not retrieved")
    assert "verify against Narouze 2018" in words


def test_new_class_values_do_not_collide_with_the_antithrombotic_choices():
    assert not {d.value for d in X} & {d.value for d in A}


@pytest.mark.parametrize(
    ("name", "drug_class", "drug"),
    [
        ("Sertraline 50 mg", DrugClass.SSRI, X.SSRI),
        ("Duloxetine 60 mg", DrugClass.SNRI, X.SNRI),
        ("Fish oil 1 g", DrugClass.OTHER, X.FISH_OIL),
        ("Omega-3", None, X.FISH_OIL),
        ("Ginkgo biloba", DrugClass.OTHER, X.GINKGO),
        ("Vitamin E 400 IU", DrugClass.OTHER, X.VITAMIN_E),
        ("Eptifibatide", DrugClass.OTHER, X.GP_IIB_IIIA),
        ("Cangrelor", None, X.CANGRELOR),
        ("Vorapaxar", None, X.VORAPAXAR),
        ("Diclofenac", DrugClass.NSAID, A.IBUPROFEN),
        ("Indomethacin", DrugClass.NSAID, A.ETODOLAC),
        ("Meloxicam 15 mg", DrugClass.NSAID, A.NAPROXEN),
        ("Nabumetone", DrugClass.NSAID, A.NABUMETONE),
        ("Piroxicam", DrugClass.NSAID, A.PIROXICAM),
        ("Celecoxib", DrugClass.NSAID, X.NSAID_UNNAMED),
        ("", DrugClass.NSAID, X.NSAID_UNNAMED),
        ("Gabapentin", DrugClass.GABAPENTINOID, None),
        ("Amitriptyline", DrugClass.TCA, None),
        ("Naproxen", None, None),  # no class: only named supplements are matched without one
    ],
)
def test_medication_rows_map_to_asra_rows(name, drug_class, drug):
    assert table.medication_drug(name, drug_class) == drug


def med(name, drug_class, stopped_on=None, started_on=None):
    """Return a therapy medication row."""
    return Medication(drug=name, drug_class=drug_class, started_on=started_on, stopped_on=stopped_on)


def test_nsaid_still_taken_from_the_medication_rows_reaches_the_advisory():
    [advice] = ac.antithrombotic_advice(dated_facts(medications=[med("Naproxen 500 mg", DrugClass.NSAID)]))
    assert advice.from_medications
    assert advice.drug is A.NAPROXEN
    assert advice.drug_label == "Naproxen 500 mg (Naproxen / meloxicam)"
    assert advice.status is S.NOT_DOCUMENTED  # high risk: 4 days, no plan recorded
    assert advice.guideline == "ASRA 2018: 4 days (general rule: 5 half-lives) before high-risk procedures"
    assert "from the medication list, ongoing, no end date recorded" in advice.planned
    assert advice.agreement == "agreement not recorded"
    assert "agreement not recorded" in advice.message


def test_nsaid_from_the_medication_rows_before_a_block_needs_no_hold():
    facts = dated_facts(
        procedure=Procedure.LUMBAR_SYMPATHETIC_BLOCK, medications=[med("Ibuprofen", DrugClass.NSAID)]
    )
    [advice] = ac.antithrombotic_advice(facts)
    assert advice.status is S.NO_HOLD_IN_GUIDELINE


@pytest.mark.parametrize(
    ("row", "shown"),
    [
        (med("Naproxen", DrugClass.NSAID), True),
        (med("Naproxen", DrugClass.NSAID, stopped_on=PLANNED - timedelta(days=3)), True),
        (med("Naproxen", DrugClass.NSAID, stopped_on=PLANNED - timedelta(days=4)), False),  # interval elapsed
        (med("Naproxen", DrugClass.NSAID, stopped_on=date(2025, 1, 1)), False),  # stopped long before
        (med("Naproxen", DrugClass.NSAID, started_on=PLANNED + timedelta(days=1)), False),
        (med("Piroxicam", DrugClass.NSAID, stopped_on=PLANNED - timedelta(days=9)), True),
        (med("Sertraline", DrugClass.SSRI, stopped_on=PLANNED - timedelta(days=13)), True),
        (med("Sertraline", DrugClass.SSRI, stopped_on=PLANNED - timedelta(days=14)), False),
        (med("Duloxetine", DrugClass.SNRI), True),
        (med("Gabapentin", DrugClass.GABAPENTINOID), False),
    ],
)
def test_medication_row_is_shown_while_taken_around_the_procedure_date(row, shown):
    assert bool(ac.antithrombotic_advice(dated_facts(medications=[row]))) is shown


def test_without_a_procedure_date_only_ongoing_medication_rows_are_shown():
    ongoing, stopped = med("Ibuprofen", DrugClass.NSAID), med("Ibuprofen", DrugClass.NSAID, date(2026, 9, 30))
    assert len(ac.antithrombotic_advice(dated_facts(medications=[ongoing], planned_on=None))) == 1
    assert ac.antithrombotic_advice(dated_facts(medications=[stopped], planned_on=None)) == []


def test_medication_row_already_listed_as_antithrombotic_is_not_repeated():
    facts = dated_facts(use(A.IBUPROFEN, 1), medications=[med("Ibuprofen", DrugClass.NSAID)])
    [advice] = ac.antithrombotic_advice(facts)
    assert not advice.from_medications


@pytest.mark.parametrize("drug", [d for d in X if d is not X.NSAID_UNNAMED])
def test_each_new_class_from_the_medication_rows_is_labelled_unconfirmed(drug):
    name = {X.SSRI: "Sertraline", X.SNRI: "Venlafaxine"}.get(drug, drug.label)
    drug_class = {X.SSRI: DrugClass.SSRI, X.SNRI: DrugClass.SNRI}.get(drug, DrugClass.OTHER)
    [advice] = ac.antithrombotic_advice(dated_facts(medications=[med(name, drug_class)]))
    assert advice.drug is drug
    assert advice.status is S.NOT_DOCUMENTED
    assert advice.confidence_label == ac.UNCONFIRMED_LABEL
    assert "interval not retrieved" in advice.guideline


def test_antithrombotic_rows_come_first_then_medication_rows():
    facts = dated_facts(use(A.APIXABAN, 3), medications=[med("Sertraline", DrugClass.SSRI)])
    assert [a.from_medications for a in ac.antithrombotic_advice(facts)] == [False, True]


@pytest.mark.parametrize("agreed", [False, None])
def test_unagreed_plan_is_an_open_item_never_dropped(agreed):
    unnamed = AntithromboticUse(prescriber="Dr. Heme", prescriber_agreed=agreed)  # drug not named yet
    rows = (use(A.APIXABAN, 3), use(A.CLOPIDOGREL, 7, agreed=agreed), unnamed)
    advice = ac.antithrombotic_advice(dated_facts(*rows))
    assert len(advice) == 3
    assert [a.agreement for a in advice] == [
        "plan agreed",
        "agreement not recorded",
        "agreement not recorded",
    ]
    assert all("agreement not recorded" in a.message for a in advice[1:])


def test_letter_keeps_an_unagreed_plan_with_agreement_not_recorded():
    facts = dated_facts(
        use(A.APIXABAN, 3),
        use(A.CLOPIDOGREL, 7, agreed=False),
        medications=[med("Naproxen", DrugClass.NSAID)],
    )
    items, _within, agreed = antithrombotic_items(facts)
    assert len(items) == 2  # the medication list's NSAID stays in the clinician's advisory
    assert "agreed with Dr. Cardio" in items[0]
    assert "plan pending agreement with Dr. Cardio" in items[1]
    assert not agreed


def test_letter_does_not_call_warfarin_within_guidance_without_a_recent_inr():
    items, within, agreed = antithrombotic_items(dated_facts(use(A.WARFARIN, 5)))
    assert agreed and not within


@pytest.mark.parametrize("procedure", [Procedure.SCS_TRIAL, Procedure.DRG_TRIAL, Procedure.SCS_PERMANENT])
def test_new_advice_never_tells_anyone_to_stop_a_drug(procedure):
    medications = [
        med(n, c)
        for n, c in (
            ("Naproxen", DrugClass.NSAID),
            ("Celecoxib", DrugClass.NSAID),
            ("Sertraline", DrugClass.SSRI),
            ("Duloxetine", DrugClass.SNRI),
            *((d.label, DrugClass.OTHER) for d in X),
        )
    ]
    uses = [use(d, 5, agreed=False) for d in A]
    facts = dated_facts(
        *uses, procedure=procedure, medications=medications, inr=Decimal("1.5"), inr_on=PLANNED, platelets=40
    )
    advice = ac.antithrombotic_advice(facts)
    assert len(advice) > len(uses)
    for given in advice:
        for text in (
            given.message,
            given.guideline,
            given.planned,
            given.restart,
            given.inr,
            *given.coagulation,
        ):
            assert not IMPERATIVE.search(text), text


def test_review_panel_shows_open_agreement_medication_rows_inr_and_coagulation():
    from django.template.loader import render_to_string

    from wizard.core.assessment import assess
    from wizard.presenters import assessment_view

    facts = load_case(json.loads((EXAMPLES / "crps-scs-permanent-medicare.json").read_text()))
    facts = replace(
        facts,
        request=replace(facts.request, procedure=Procedure.SCS_TRIAL, planned_on=PLANNED),
        safety=replace(
            facts.safety,
            antithrombotics=(use(A.WARFARIN, 5, agreed=False),),
            inr=Decimal("1.6"),
            inr_on=date(2026, 9, 30),
        ),
        therapy=replace(facts.therapy, medications=(med("Meloxicam 15 mg", DrugClass.NSAID),)),
    )
    view = assessment_view(assess(facts, today=date(2026, 9, 1)), [], None)
    # The partial shows a policy-change banner when the case's tables changed since its review: none here.
    context = {
        "view": view,
        "advisory_note": ac.ADVISORY_NOTE,
        "policy_change": None,
    }
    page = render_to_string("wizard/_assessment.html", context)
    assert "open: agreement not recorded" in page
    assert "Meloxicam 15 mg (Naproxen / meloxicam)" in page and "from the medication list" in page
    assert "6 hours after the trial leads are removed" in page
    assert "INR above the normal range (verify cut-off)" in page and "INR 1.6 on Sep 30, 2026" in page
    assert "Coagulation on record: INR 1.6" in page and "aPTT: not on record" in page
    assert "not an instruction to stop or start any drug" in page
