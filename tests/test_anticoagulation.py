"""The antithrombotic advisory against reference 5.2 (risk classes) and 5.3 (hold / restart table)."""

import json
import re
from dataclasses import replace
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from wizard.core import anticoagulation as ac
from wizard.core import asra_table as table
from wizard.core.anticoagulation import AdviceStatus as S
from wizard.core.asra_table import BleedingRisk as R
from wizard.core.case_format import load_case
from wizard.core.choices import Antithrombotic as A
from wizard.core.choices import HoldUnit, Procedure, RevisionKind
from wizard.core.facts import AntithromboticUse, CaseFacts, Request, Safety

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
        (use(A.WARFARIN, 5), Procedure.LUMBAR_SYMPATHETIC_BLOCK, S.CONSISTENT),
        (use(A.WARFARIN, 0), Procedure.SCS_REPLACEMENT, S.NOT_DOCUMENTED),  # revision kind unknown
        (use(A.ASPIRIN_PRIMARY, 6, unit=None), Procedure.SCS_PERMANENT, S.NOT_DOCUMENTED),
        (use(A.ASPIRIN_PRIMARY), Procedure.SCS_PERMANENT, S.NOT_DOCUMENTED),
        (use(A.OTHER, 7), Procedure.SCS_PERMANENT, S.NOT_DOCUMENTED),
        (use(None, 7), Procedure.SCS_PERMANENT, S.NOT_DOCUMENTED),
        (use(A.APIXABAN, 3), GENERATOR_REPLACEMENT, S.NOT_DOCUMENTED),
        (use(A.APIXABAN, 3), Procedure.DRG_TRIAL, S.CONSISTENT),
        (use(A.PRASUGREL, 7), Procedure.SCS_TRIAL, S.CONSISTENT),
        (use(A.PRASUGREL, 6), Procedure.SCS_TRIAL, S.SHORTER_THAN_GUIDELINE),
        (use(A.ENOXAPARIN_THERAPEUTIC, 1, unit=DAYS), Procedure.SCS_PERMANENT, S.CONSISTENT),
        (use(A.ENOXAPARIN_THERAPEUTIC, 24, unit=HOURS), Procedure.SCS_PERMANENT, S.CONSISTENT),
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
    assert (advice.risk, advice.status, advice.restart) == (R.LOW, S.SHARED_ASSESSMENT, "6 hours")


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
    assert advice.restart == "24 hours"
