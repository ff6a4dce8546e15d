"""The coagulation safety holds (updates U1): a bleeding disorder, a high INR or aPTT or a low platelet count
holds high- and intermediate-risk procedures until a correction plan is documented (status "caution" after).

The sources are SECONDARY here (U1) and the coagulation cut-offs are UNCONFIRMED (reference 5.3): the
thresholds are display/verify thresholds, not cited numbers, and every coagulation finding says
"verify cut-off" with the value and the date of the lab.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from .asra_table import BleedingRisk, bleeding_risk
from .coagulation import (
    INR_NORMAL_MAX,
    PLATELETS_NORMAL_MIN_K,
    PTT_VERIFY_RANGE,
    VERIFY_CUT_OFF,
    age_words,
    lab_current,
    lab_date,
    ptt_above,
)
from .facts import CaseFacts
from .hold_record import Hold, HoldStatus
from .rules import Citation, Confidence

COAGULATION_SOURCE = Citation(
    tag="UPTODATE-ANTICOAG",
    source="ASRA 2018 interventional pain guidance (Narouze et al.), as summarised by UpToDate",
    section="reference 5.2–5.4; updates U1",
    url="",
    effective=None,
    confidence=Confidence.UNCONFIRMED,
)


# Coagulopathy is ruled out before SCS/DRG (high risk) and addressed before a sympathetic block
# (intermediate); for a low-risk generator replacement an abnormal value is a caution (U1, reference 5.2).
HOLDING_RISKS = (BleedingRisk.HIGH, BleedingRisk.INTERMEDIATE)


# A coagulation plan is quoted in the hold up to this many characters; the full text stays in the record.
PLAN_SHOWN_CHARS = 160


@dataclass(frozen=True)
class CoagulationContext:
    """What every coagulation check of one case reads: whether abnormal values hold, the plan, the date."""

    holding: bool
    risk_words: str
    plan: str
    planned_on: date | None

    def out_of_range(self, what: str) -> tuple[HoldStatus, str]:
        """Return the status and the words for an out-of-range value or a bleeding disorder."""
        if self.plan:
            # U1: only "without a documented correction plan" holds; with one it is a caution to recheck.
            return HoldStatus.CAUTION, (
                f"; correction plan documented: “{self.plan}” — a caution, not a hold: recheck {what} "
                "before the procedure"
            )
        if not self.holding:
            return (
                HoldStatus.CAUTION,
                f" (a caution at {self.risk_words}, not a hold); no correction plan documented",
            )
        return HoldStatus.HELD, "; no correction plan documented"


def coagulation_context(facts: CaseFacts) -> CoagulationContext:
    """Return the bleeding-risk class's effect and the documented correction plan for this case."""
    risk = bleeding_risk(facts.request)
    plan = (
        " ".join(facts.safety.coagulation_plan.split())
        if isinstance(facts.safety.coagulation_plan, str)
        else ""
    )
    if len(plan) > PLAN_SHOWN_CHARS:
        plan = plan[: PLAN_SHOWN_CHARS - 1].rstrip() + "…"
    return CoagulationContext(
        # An unknown class (a replacement that does not say whether leads are revised) is judged as high until
        # the request says which: a lead revision enters the epidural space.
        holding=risk is None or risk in HOLDING_RISKS,
        risk_words=f"{risk.label.lower()} bleeding risk" if risk else "bleeding risk not known",
        plan=plan,
        planned_on=facts.request.planned_on,
    )


def lab_hold(
    ctx: CoagulationContext,
    key: str,
    title: str,
    value_words: str,
    abnormal: bool | None,
    on: date | None,
    until: str,
    what: str,
    field: str = "",
) -> Hold:
    """Judge one lab value: out of range holds (or is a caution), in range counts only near the date.

    `abnormal` None: the value cannot be judged (no cut-off on record) and is shown as not documented.
    """
    evidence = f"{value_words}{age_words(on, ctx.planned_on)}"
    if abnormal is None:
        status = HoldStatus.NOT_DOCUMENTED
    elif abnormal:
        status, words = ctx.out_of_range(what)
        evidence += words
    else:
        current = lab_current(on, ctx.planned_on) is not False
        status = HoldStatus.CLEAR if current else HoldStatus.NOT_DOCUMENTED
    return Hold(f"safety.{key}", title, status, evidence, until, COAGULATION_SOURCE, field=field or key)


def missing(key: str, title: str, evidence: str, field: str = "") -> Hold:
    """Return a check whose fact is not recorded: shown, never holding (as for a missing INR)."""
    return Hold(
        f"safety.{key}",
        title,
        HoldStatus.NOT_DOCUMENTED,
        evidence,
        "",
        COAGULATION_SOURCE,
        field=field or key,
    )


def bleeding_disorder_hold(facts: CaseFacts, ctx: CoagulationContext) -> Hold:
    """A documented bleeding disorder holds until a correction plan is documented."""
    title = "No uncorrected bleeding disorder"
    known = facts.safety.bleeding_disorder
    if known is None:
        return missing("bleeding_disorder", title, "whether there is a bleeding disorder is not recorded")
    status, words = ctx.out_of_range("the coagulation values") if known else (HoldStatus.CLEAR, "")
    return Hold(
        "safety.bleeding_disorder",
        title,
        status,
        ("a bleeding disorder is recorded" if known else "no bleeding disorder is recorded") + words,
        "the bleeding disorder is corrected with a documented plan (hematology)",
        COAGULATION_SOURCE,
        field="bleeding_disorder",
    )


def inr_hold(facts: CaseFacts, ctx: CoagulationContext) -> Hold:
    """An INR above the verify threshold holds; a normal INR counts only when it is recent."""
    inr, on = facts.safety.inr, facts.safety.inr_on
    if inr is None:
        return missing("inr", "INR in the normal range", "no INR is recorded")
    high = inr > INR_NORMAL_MAX
    words = (
        f"INR {inr}{lab_date(on, ctx.planned_on)}; {'above' if high else 'at or below'} {INR_NORMAL_MAX} "
        f"({VERIFY_CUT_OFF}: the guideline says “normal INR”)"
    )
    until = "the INR is in the normal range on a lab close to the procedure date"
    return lab_hold(ctx, "inr", "INR in the normal range", words, high, on, until, "the INR")


def ptt_hold(facts: CaseFacts, ctx: CoagulationContext) -> Hold:
    """An aPTT above the laboratory's own upper limit holds; without that limit it is shown to verify."""
    safety = facts.safety
    ptt, upper, on = safety.ptt_seconds, safety.ptt_upper_normal_seconds, safety.ptt_on
    title = "aPTT within the laboratory's range"
    if ptt is None:
        return missing("ptt", title, "no aPTT is recorded", "ptt_seconds")
    above = ptt_above(safety)
    words = f"aPTT {ptt} s{lab_date(on, ctx.planned_on)}"
    if above is None:
        # No number of ours (see coagulation.PTT_VERIFY_RANGE): shown with its date, to verify.
        words += f"; the laboratory's upper limit is not recorded — {PTT_VERIFY_RANGE}"
        return lab_hold(ctx, "ptt", title, words, None, on, "", "the aPTT", "ptt_upper_normal_seconds")
    words += f"; {'above' if above else 'at or below'} the laboratory's upper limit of {upper} s"
    until = "the aPTT is within the laboratory's range on a lab close to the procedure date"
    return lab_hold(ctx, "ptt", title, words, above, on, until, "the aPTT", "ptt_seconds")


def platelet_hold(facts: CaseFacts, ctx: CoagulationContext) -> Hold:
    """A platelet count below the verify threshold holds; a normal count counts only when it is recent."""
    platelets, on = facts.safety.platelets, facts.safety.platelets_on
    title = "Platelet count not low"
    if platelets is None:
        return missing("platelets", title, "no platelet count is recorded")
    low = platelets < PLATELETS_NORMAL_MIN_K
    words = (
        f"platelets {platelets} x10^3/µL{lab_date(on, ctx.planned_on)}; {'below' if low else 'at or above'} "
        f"{PLATELETS_NORMAL_MIN_K} ({VERIFY_CUT_OFF}: no guideline cut-off was retrieved)"
    )
    until = "the platelet count is corrected, or the plan to correct it is documented"
    return lab_hold(ctx, "platelets", title, words, low, on, until, "the platelet count")


def coagulation_holds(facts: CaseFacts) -> list[Hold]:
    """A bleeding disorder, a high INR or aPTT or a low platelet count holds high- and intermediate-risk
    procedures (and a procedure whose class is not known) until a correction plan is documented; with a plan,
    or at low risk, each is a caution to recheck before the procedure (updates U1).
    """
    ctx = coagulation_context(facts)
    return [
        bleeding_disorder_hold(facts, ctx),
        inr_hold(facts, ctx),
        ptt_hold(facts, ctx),
        platelet_hold(facts, ctx),
    ]
