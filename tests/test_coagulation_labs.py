"""aPTT, correction plans, lab dates and creatinine clearance (issue 8 item 3, updates U1, reference 5.3)."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.template.loader import render_to_string
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.criteria_builders import TODAY, baseline, change
from wizard.core import anticoagulation as ac
from wizard.core.assessment import assess
from wizard.core.choices import Antithrombotic as A
from wizard.core.choices import HoldUnit, Procedure, RevisionKind
from wizard.core.coagulation import (
    CRCL_REDUCED_BELOW_ML_MIN,
    INR_NORMAL_MAX,
    LAB_WINDOW_DAYS,
    PLATELETS_NORMAL_MIN_K,
    PTT_VERIFY_RANGE,
    coagulation_notes,
)
from wizard.core.coagulation_holds import PLAN_SHOWN_CHARS
from wizard.core.facts import AntithromboticUse, CaseFacts, Request, Safety
from wizard.core.hold_comparison import AdviceStatus as S
from wizard.core.hold_record import HoldStatus
from wizard.core.rules import Outcome
from wizard.core.safety_holds import safety_holds
from wizard.presenters import assessment_view

PLANNED = date(2026, 12, 15)  # the permanent model case's procedure date
RECENT = PLANNED - timedelta(days=10)
PLAN = "Haematology (Dr. Osei) agreed vitamin K and a repeat INR, aPTT and platelets the day before."
H, C, CL, ND = HoldStatus.HELD, HoldStatus.CAUTION, HoldStatus.CLEAR, HoldStatus.NOT_DOCUMENTED


def hold(facts, hold_id):
    """Return the hold with this id judged on these facts."""
    [found] = [h for h in safety_holds(facts) if h.id == hold_id]
    return found


def permanent(**paths):
    """Return the permanent model case (planned PLANNED) with dotted paths changed."""
    return baseline("permanent", **{"request.planned_on": PLANNED, **paths})


def ptt(seconds, upper=Decimal("35"), on=RECENT, **paths):
    """Return the permanent case with an aPTT on record."""
    return permanent(
        **{
            "safety.ptt_seconds": seconds,
            "safety.ptt_upper_normal_seconds": upper,
            "safety.ptt_on": on,
            **paths,
        }
    )


# aPTT ------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("seconds", "expected"),
    [
        (Decimal("34.9"), CL),
        (Decimal("35"), CL),
        (Decimal("35.1"), H),
        (Decimal("80"), H),
    ],
)
def test_ptt_holds_above_the_laboratorys_own_upper_limit(seconds, expected):
    found = hold(ptt(seconds), "safety.ptt")
    assert found.status is expected
    assert f"aPTT {seconds} s, dated Dec 5, 2026 (10 days before the planned procedure)" in found.evidence
    assert "the laboratory's upper limit of 35 s" in found.evidence
    assert found.field == "ptt_seconds" and found.step == "safety"


def test_ptt_without_the_laboratorys_upper_limit_is_shown_to_verify_never_judged_by_a_number_of_ours():
    for seconds in (Decimal("20"), Decimal("35"), Decimal("120")):
        found = hold(ptt(seconds, upper=None), "safety.ptt")
        assert found.status is ND and not found.open
        assert f"aPTT {seconds} s, dated Dec 5, 2026" in found.evidence
        assert PTT_VERIFY_RANGE in found.evidence
        assert found.field == "ptt_upper_normal_seconds"


def test_missing_ptt_is_not_documented_like_a_missing_inr_and_does_not_hold():
    facts = permanent(**{"safety.ptt_seconds": None, "safety.inr": None})
    assert hold(facts, "safety.ptt").status is ND and hold(facts, "safety.inr").status is ND
    assert assess(facts, today=TODAY).open_holds == ()


@pytest.mark.parametrize("name", ["permanent", "trial", "drg_trial", "drg_permanent", "block", "stellate"])
def test_a_high_ptt_holds_high_and_intermediate_risk_procedures_and_keeps_them_from_meets(name):
    facts = baseline(
        name,
        **{
            "safety.ptt_seconds": Decimal("60"),
            "safety.ptt_upper_normal_seconds": Decimal("35"),
            "safety.ptt_on": date(2026, 11, 20),
        },
    )
    assert hold(facts, "safety.ptt").open
    result = assess(facts, today=TODAY)
    assert result.verdict.outcome is Outcome.DOES_NOT_MEET and "safety.ptt" in result.verdict.open_ids


def test_a_high_ptt_is_a_caution_for_a_low_risk_generator_replacement():
    facts = baseline(
        "replacement",
        **{"safety.ptt_seconds": Decimal("60"), "safety.ptt_upper_normal_seconds": Decimal("35")},
    )
    found = hold(facts, "safety.ptt")
    assert found.status is C and not found.open and "low bleeding risk" in found.evidence


def test_an_unknown_bleeding_risk_class_is_judged_as_high():
    facts = baseline(
        "replacement", **{"request.revision_kind": None, "safety.inr": Decimal("2.9"), "safety.inr_on": None}
    )
    assert hold(facts, "safety.inr").open


# Correction plan --------------------------------------------------------------------------------------------

OUT_OF_RANGE = {
    "safety.bleeding_disorder": {"safety.bleeding_disorder": True},
    "safety.inr": {"safety.inr": Decimal("2.9"), "safety.inr_on": RECENT},
    "safety.ptt": {
        "safety.ptt_seconds": Decimal("60"),
        "safety.ptt_upper_normal_seconds": Decimal("35"),
        "safety.ptt_on": RECENT,
    },
    "safety.platelets": {"safety.platelets": 40, "safety.platelets_on": RECENT},
}


@pytest.mark.parametrize("hold_id", sorted(OUT_OF_RANGE))
def test_out_of_range_without_a_plan_holds(hold_id):
    facts = permanent(**OUT_OF_RANGE[hold_id])
    found = hold(facts, hold_id)
    assert found.status is H and found.open
    assert "no correction plan documented" in found.evidence
    assert hold_id in assess(facts, today=TODAY).verdict.open_ids


@pytest.mark.parametrize("hold_id", sorted(OUT_OF_RANGE))
def test_out_of_range_with_a_plan_is_a_caution_that_names_it_and_asks_for_a_recheck(hold_id):
    facts = permanent(**OUT_OF_RANGE[hold_id], **{"safety.coagulation_plan": PLAN})
    found = hold(facts, hold_id)
    assert found.status is C and not found.open
    assert f"correction plan documented: “{PLAN}”" in found.evidence
    assert "recheck" in found.evidence and "before the procedure" in found.evidence
    result = assess(facts, today=TODAY)
    assert result.open_holds == () and result.verdict.outcome is Outcome.MEETS


def test_a_blank_plan_is_no_plan():
    facts = permanent(**OUT_OF_RANGE["safety.inr"], **{"safety.coagulation_plan": "   \n "})
    assert hold(facts, "safety.inr").open


def test_a_long_plan_is_shortened_in_the_hold_only():
    facts = permanent(**OUT_OF_RANGE["safety.inr"], **{"safety.coagulation_plan": "x " * 400})
    evidence = hold(facts, "safety.inr").evidence
    quoted = evidence.split("correction plan documented: “")[1].split("”")[0]
    assert len(quoted) <= PLAN_SHOWN_CHARS and quoted.endswith("…")


def test_a_plan_shows_in_the_advisory_coagulation_notes():
    facts = CaseFacts(
        request=Request(procedure=Procedure.SCS_PERMANENT, planned_on=PLANNED),
        safety=Safety(
            coagulation_plan=PLAN, ptt_seconds=Decimal("30"), ptt_upper_normal_seconds=Decimal("35")
        ),
    )
    notes = coagulation_notes(facts)
    assert f"Coagulation correction plan: {PLAN}" in notes
    assert "aPTT 30 s (date not documented); at or below the laboratory's upper limit of 35 s" in notes


# Lab dates -------------------------------------------------------------------------------------------------

NORMAL = {
    "safety.inr": ("inr", "safety.inr_on", INR_NORMAL_MAX),
    "safety.platelets": ("platelets", "safety.platelets_on", PLATELETS_NORMAL_MIN_K),
    "safety.ptt": ("ptt_seconds", "safety.ptt_on", Decimal("30")),
}


def normal_lab(hold_id, on):
    """Return the permanent case with one lab in range, drawn on `on`."""
    field, date_path, value = NORMAL[hold_id]
    return permanent(
        **{f"safety.{field}": value, date_path: on, "safety.ptt_upper_normal_seconds": Decimal("35")}
    )


@pytest.mark.parametrize("hold_id", sorted(NORMAL))
@pytest.mark.parametrize(
    ("on", "expected", "words"),
    [
        (PLANNED, CL, "on the day of the planned procedure"),
        (PLANNED - timedelta(days=LAB_WINDOW_DAYS), CL, f"{LAB_WINDOW_DAYS} days before"),
        (PLANNED - timedelta(days=LAB_WINDOW_DAYS + 1), ND, f"older than {LAB_WINDOW_DAYS} days"),
        (PLANNED + timedelta(days=1), ND, "drawn after the procedure date"),
        (None, ND, "undated"),
    ],
)
def test_a_value_in_range_counts_only_when_drawn_near_the_procedure(hold_id, on, expected, words):
    found = hold(normal_lab(hold_id, on), hold_id)
    assert found.status is expected
    assert words in found.evidence
    assert not found.open


def test_without_a_procedure_date_a_dated_value_in_range_is_clear():
    facts = change(normal_lab("safety.inr", RECENT), **{"request.planned_on": None})
    assert hold(facts, "safety.inr").status is CL


def test_an_old_out_of_range_value_still_holds_and_asks_for_a_recheck():
    facts = permanent(**{"safety.inr": Decimal("2.9"), "safety.inr_on": PLANNED - timedelta(days=90)})
    found = hold(facts, "safety.inr")
    assert found.open and "older than 30 days" in found.evidence and "recheck" in found.evidence


def test_stale_normal_labs_of_the_model_cases_are_shown_but_never_hold():
    facts = baseline("permanent")  # INR and platelets from Sep 28 for a Dec 15 implant
    assert hold(facts, "safety.inr").status is ND and hold(facts, "safety.platelets").status is ND
    assert assess(facts, today=TODAY).verdict.outcome is Outcome.MEETS


# Creatinine clearance ------------------------------------------------------------------------------------

RENAL_DRUGS = (A.DABIGATRAN, A.ENOXAPARIN_THERAPEUTIC, A.DALTEPARIN)
LOW_CRCL, NORMAL_CRCL = CRCL_REDUCED_BELOW_ML_MIN - 1, CRCL_REDUCED_BELOW_ML_MIN


def renal_advice(
    drug, planned, unit=HoldUnit.DAYS, crcl=None, crcl_on=RECENT, procedure=Procedure.SCS_PERMANENT
):
    """Return the advisory row for one renal-dependent drug with a CrCl (or none) on record."""
    facts = CaseFacts(
        request=Request(procedure=procedure, planned_on=PLANNED),
        safety=Safety(
            antithrombotics=(
                AntithromboticUse(drug=drug, planned_hold=planned, hold_unit=unit, prescriber_agreed=True),
            ),
            creatinine_clearance_ml_min=crcl,
            creatinine_clearance_on=crcl_on if crcl is not None else None,
        ),
    )
    [advice] = ac.antithrombotic_advice(facts)
    return advice


@pytest.mark.parametrize(
    ("planned", "crcl", "expected", "words"),
    [
        (5, None, S.CRCL_NOT_ON_RECORD, "creatinine clearance needed for this drug's interval"),
        (6, None, S.CONSISTENT, "creatinine clearance needed for this drug's interval"),
        (3, None, S.SHORTER_THAN_GUIDELINE, "creatinine clearance needed"),
        (
            5,
            LOW_CRCL,
            S.SHORTER_THAN_GUIDELINE,
            "the interval with renal impairment, 6 days (unconfirmed), applies",
        ),
        (6, LOW_CRCL, S.CONSISTENT, f"CrCl {LOW_CRCL} mL/min on Dec 5, 2026 (10 days before the procedure)"),
        (4, NORMAL_CRCL, S.CONSISTENT, "the 4–5 days interval applies"),
        (3, NORMAL_CRCL, S.SHORTER_THAN_GUIDELINE, f"at or above {CRCL_REDUCED_BELOW_ML_MIN} mL/min"),
    ],
)
def test_dabigatran_interval_follows_the_creatinine_clearance(planned, crcl, expected, words):
    advice = renal_advice(A.DABIGATRAN, planned, crcl=crcl)
    assert advice.status is expected
    assert words in advice.guideline and words in advice.message
    if crcl is not None:
        assert "verify in ASRA" in advice.guideline


@pytest.mark.parametrize("drug", [A.ENOXAPARIN_THERAPEUTIC, A.DALTEPARIN])
@pytest.mark.parametrize(
    ("planned", "crcl", "expected"),
    [
        (24, None, S.CRCL_NOT_ON_RECORD),
        (24, LOW_CRCL, S.RENAL_VERIFY),
        (24, NORMAL_CRCL, S.CONSISTENT),
        (12, LOW_CRCL, S.SHORTER_THAN_GUIDELINE),
        (12, None, S.SHORTER_THAN_GUIDELINE),
    ],
)
def test_therapeutic_lmwh_says_its_interval_depends_on_crcl_and_invents_no_number(
    drug, planned, crcl, expected
):
    advice = renal_advice(drug, planned, unit=HoldUnit.HOURS, crcl=crcl)
    assert advice.status is expected
    assert "interval depends on CrCl: verify in ASRA" in advice.guideline
    assert (f"CrCl {crcl} mL/min" if crcl is not None else "creatinine clearance needed") in advice.guideline


@pytest.mark.parametrize("drug", RENAL_DRUGS)
def test_an_old_or_undated_crcl_is_asked_for_again(drug):
    planned, unit = (5, HoldUnit.DAYS) if drug is A.DABIGATRAN else (24, HoldUnit.HOURS)
    for crcl_on in (PLANNED - timedelta(days=LAB_WINDOW_DAYS + 1), None):
        advice = renal_advice(drug, planned, unit=unit, crcl=NORMAL_CRCL + 30, crcl_on=crcl_on)
        assert advice.status is S.CRCL_NOT_ON_RECORD
        assert "creatinine clearance needed for this drug's interval" in advice.guideline


@pytest.mark.parametrize(
    "drug", [A.APIXABAN, A.RIVAROXABAN, A.ENOXAPARIN_PROPHYLACTIC, A.WARFARIN, A.FONDAPARINUX]
)
def test_drugs_without_renal_wording_in_the_reference_ask_for_no_crcl(drug):
    advice = renal_advice(drug, 5)
    assert "CrCl" not in advice.guideline and "creatinine" not in advice.guideline


def test_the_low_risk_dabigatran_row_gives_no_interval_and_asks_for_no_crcl():
    advice = renal_advice(
        A.DABIGATRAN, 5, procedure=Procedure.SCS_REPLACEMENT
    )  # no revision kind: class unknown
    assert "CrCl" not in advice.guideline
    facts_low = CaseFacts(
        request=Request(
            procedure=Procedure.SCS_REPLACEMENT,
            revision_kind=RevisionKind.GENERATOR_REPLACEMENT,
            planned_on=PLANNED,
        ),
        safety=Safety(
            antithrombotics=(AntithromboticUse(drug=A.DABIGATRAN, planned_hold=5, hold_unit=HoldUnit.DAYS),)
        ),
    )
    [low] = ac.antithrombotic_advice(facts_low)
    assert "creatinine" not in low.guideline


def test_renal_advice_never_tells_anyone_to_stop_a_drug():
    for drug in RENAL_DRUGS:
        for crcl in (None, LOW_CRCL, NORMAL_CRCL):
            message = renal_advice(drug, 5, crcl=crcl).message.lower()
            assert "stop " not in message and "discontinue" not in message


# Property: a plan turns every coagulation hold into a caution; without one an out-of-range value never "meets".

COAGULATION_IDS = {"safety.bleeding_disorder", "safety.inr", "safety.ptt", "safety.platelets"}
LAB_DATES = st.sampled_from([None, RECENT, PLANNED - timedelta(days=90)])


@st.composite
def coagulation_cases(draw):
    """Return a high-risk model case with generated coagulation facts, with or without a plan."""
    return baseline(
        draw(st.sampled_from(["permanent", "trial", "drg_trial"])),
        **{
            "request.planned_on": PLANNED,
            "safety.bleeding_disorder": draw(st.sampled_from([None, False, True])),
            "safety.inr": draw(st.none() | st.decimals(Decimal("0.8"), Decimal("3.5"), places=2)),
            "safety.inr_on": draw(LAB_DATES),
            "safety.ptt_seconds": draw(st.none() | st.decimals(Decimal("20"), Decimal("90"), places=1)),
            "safety.ptt_upper_normal_seconds": draw(st.sampled_from([None, Decimal("35"), Decimal("40")])),
            "safety.ptt_on": draw(LAB_DATES),
            "safety.platelets": draw(st.none() | st.integers(0, 400)),
            "safety.platelets_on": draw(LAB_DATES),
            "safety.coagulation_plan": draw(st.sampled_from(["", PLAN])),
        },
    )


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(coagulation_cases())
def test_coagulation_holds_open_exactly_when_out_of_range_without_a_plan(facts):
    s = facts.safety
    out_of_range = (
        s.bleeding_disorder is True
        or (s.inr is not None and s.inr > INR_NORMAL_MAX)
        or (s.platelets is not None and s.platelets < PLATELETS_NORMAL_MIN_K)
        or (
            s.ptt_seconds is not None
            and s.ptt_upper_normal_seconds is not None
            and s.ptt_seconds > s.ptt_upper_normal_seconds
        )
    )
    holds = {h.id: h for h in safety_holds(facts) if h.id in COAGULATION_IDS}
    opened = {i for i, h in holds.items() if h.open}
    if s.coagulation_plan:
        assert not opened
    else:
        assert bool(opened) is out_of_range
    result = assess(facts, today=TODAY)
    if opened:
        assert result.verdict.outcome is not Outcome.MEETS and opened <= set(result.verdict.open_ids)
    for found in holds.values():
        assert found.status is not HoldStatus.CAUTION or (s.coagulation_plan and "recheck" in found.evidence)


def test_the_review_shows_a_plan_documented_value_as_a_caution_with_the_plan_and_no_safety_hold():
    facts = permanent(**OUT_OF_RANGE["safety.ptt"], **{"safety.coagulation_plan": PLAN})
    view = assessment_view(assess(facts, today=TODAY), [], None)
    context = {
        "view": view,
        "advisory_note": ac.ADVISORY_NOTE,
        "policy_change": None,
    }
    page = render_to_string("wizard/_assessment.html", context)
    assert 'id="hold-safety.ptt"' in page and "hold-caution" in page
    assert "aPTT 60 s" in page and "recheck the aPTT before the procedure" in page
    assert "Haematology (Dr. Osei) agreed vitamin K" in page
    assert "blocker-hold" not in page


def test_a_trial_with_reduced_crcl_repeats_the_renal_dabigatran_hold_before_lead_removal():
    low = renal_advice(A.DABIGATRAN, 6, crcl=LOW_CRCL, procedure=Procedure.SCS_TRIAL)
    assert "its 6 days pre-procedure hold applies again before the leads are removed" in low.restart
    normal = renal_advice(A.DABIGATRAN, 6, crcl=NORMAL_CRCL, procedure=Procedure.SCS_TRIAL)
    assert "its 4–5 days pre-procedure hold applies again" in normal.restart
