"""Laboratory values on record (INR, aPTT, platelets, creatinine clearance): the cut-offs we show (each
UNCONFIRMED, "verify cut-off") and lab dates against the procedure date. The safety holds and the
antithrombotic advisory both read them from here."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from .display import format_date
from .facts import CaseFacts

VERIFY_CUT_OFF = "verify cut-off"

# INR before warfarin / acenocoumarol (ref 5.3: "normal INR"; numeric cut-off UNCONFIRMED, ref 5.3 quotes
# "e.g. ≤1.2 or ≤1.4"). We call an INR normal only up to the lower of the two quoted values and say "verify
# cut-off" beside every number; an INR between them is shown as above the normal range with the other value.
INR_NORMAL_MAX = Decimal("1.2")  # UNCONFIRMED (ref 5.3) — verify cut-off
INR_QUOTED_ALTERNATIVE = Decimal("1.4")  # UNCONFIRMED (ref 5.3) — verify cut-off
# How close to the procedure the INR must be drawn to show the held state. The source gives no window: ours,
# UNCONFIRMED — verify with the proceduralist's protocol. Shorter than any VKA hold (3 or 5 days), so an INR in
# the window was drawn after the hold began.
INR_WINDOW_DAYS = 2
# Platelets: no ASRA-pain cut-off was retrieved (ref 5.3, UNCONFIRMED). A display/verify threshold, the lower
# limit of a common adult reference range (150 x10^3 per microlitre), not a cited number.
PLATELETS_NORMAL_MIN_K = 150
# How recent a coagulation value must be to stand for the procedure. No source gives a window: ours,
# UNCONFIRMED — verify with the proceduralist's protocol. A value in range but older than this (or undated, or
# drawn after the procedure date) is shown as not documented near the procedure date, never as clear.
LAB_WINDOW_DAYS = 30
PLATELET_WINDOW_DAYS = LAB_WINDOW_DAYS
# aPTT: reference ranges differ between laboratories and reagents, and no ASRA-pain aPTT cut-off was retrieved
# (reference 5.3). So the only threshold is the upper limit the laboratory printed with the result
# (Safety.ptt_upper_normal_seconds); without it we show the value and its date and ask to verify against the
# laboratory's range: a number of ours would pass or hold values that the patient's own laboratory reads
# differently.
PTT_VERIFY_RANGE = "verify against the laboratory's reference range"
# Creatinine clearance: ASRA 2018 lengthens the dabigatran hold "if renal impairment" (reference 5.3,
# UNCONFIRMED) without a CrCl number in our reference. A display/verify threshold, not an ASRA number: kidney
# function below 60 mL/min is reduced (the KDIGO 2012 boundary of chronic kidney disease, G3a-G5). Every row
# that uses it shows the CrCl, its date and "verify in ASRA".
CRCL_REDUCED_BELOW_ML_MIN = 60
CRCL_VERIFY = "verify in ASRA"


def days_before(on: object, planned_on: object) -> int | None:
    """Return how many days a lab was drawn before the procedure (negative: after), or None."""
    if isinstance(on, date) and isinstance(planned_on, date):
        return (planned_on - on).days
    return None


def when_words(on: object, planned_on: object) -> str:
    """Return ' on Sep 28, 2026 (2 days before the procedure)' or what is missing."""
    if not isinstance(on, date):
        return " (date not documented)"
    gap = days_before(on, planned_on)
    if gap is None:
        return f" on {format_date(on)} (procedure date not documented)"
    if gap == 0:
        return f" on {format_date(on)} (the procedure date)"
    if gap < 0:
        return f" on {format_date(on)} ({-gap} day{'s' if gap != -1 else ''} after the procedure date)"
    return f" on {format_date(on)} ({gap} day{'s' if gap != 1 else ''} before the procedure)"


def lab_date(on: date | None, planned_on: date | None = None) -> str:
    """Return ", dated <date>" (and how it stands to the planned procedure date) or that it is undated."""
    if on is None:
        return ", lab date not recorded"
    if planned_on is None:
        return f", dated {format_date(on)}"
    gap_days = days_before(on, planned_on)
    count = f"{abs(gap_days)} day{'' if abs(gap_days) == 1 else 's'}"
    if gap_days < 0:
        when = f"{count} after the planned procedure"
    elif gap_days == 0:
        when = "on the day of the planned procedure"
    else:
        when = f"{count} before the planned procedure"
    return f", dated {format_date(on)} ({when})"


def lab_current(on: object, planned_on: object) -> bool | None:
    """Return True for a lab drawn on or up to LAB_WINDOW_DAYS before the procedure; None without its date."""
    if not isinstance(planned_on, date):
        return None
    gap = days_before(on, planned_on)
    return gap is not None and 0 <= gap <= LAB_WINDOW_DAYS


def age_words(on: object, planned_on: object) -> str:
    """Return why a lab does not stand for the procedure ('; older than 30 days …'), or ''."""
    if lab_current(on, planned_on) is not False:
        return ""
    if not isinstance(on, date):
        return "; undated, so it cannot stand for the procedure: recheck before the procedure"
    if days_before(on, planned_on) < 0:
        return "; drawn after the procedure date: a value before the procedure is needed"
    return (
        f"; older than {LAB_WINDOW_DAYS} days before the procedure (our window, verify): recheck before "
        "the procedure"
    )


def ptt_above(safety: object) -> bool | None:
    """Return True above the laboratory's upper limit, False at or below it, None when either is missing."""
    ptt, upper = getattr(safety, "ptt_seconds", None), getattr(safety, "ptt_upper_normal_seconds", None)
    if not isinstance(ptt, int | Decimal) or not isinstance(upper, int | Decimal) or upper <= 0:
        return None
    return Decimal(ptt) > Decimal(upper)


def ptt_words(safety: object, planned_on: object) -> str:
    """Return the aPTT, its date against the procedure date and how it stands to the laboratory's limit."""
    ptt, upper = getattr(safety, "ptt_seconds", None), getattr(safety, "ptt_upper_normal_seconds", None)
    text = f"aPTT {ptt} s{when_words(getattr(safety, 'ptt_on', None), planned_on)}"
    above = ptt_above(safety)
    if above is None:
        return f"{text}; the laboratory's upper limit is not recorded — {PTT_VERIFY_RANGE}"
    return f"{text}; {'above' if above else 'at or below'} the laboratory's upper limit of {upper} s"


def crcl_reduced(safety: object, planned_on: object) -> bool | None:
    """Return True below CRCL_REDUCED_BELOW_ML_MIN, False at or above; None when missing, undated or old."""
    crcl = getattr(safety, "creatinine_clearance_ml_min", None)
    on = getattr(safety, "creatinine_clearance_on", None)
    if not isinstance(crcl, int) or isinstance(crcl, bool) or lab_current(on, planned_on) is False:
        return None
    return crcl < CRCL_REDUCED_BELOW_ML_MIN


def crcl_words(safety: object, planned_on: object) -> str:
    """Return the creatinine clearance with its date, or that it is needed for this drug's interval."""
    crcl = getattr(safety, "creatinine_clearance_ml_min", None)
    on = getattr(safety, "creatinine_clearance_on", None)
    if crcl is None:
        return "creatinine clearance needed for this drug's interval: none on record"
    text = f"CrCl {crcl} mL/min{when_words(on, planned_on)}"
    standing = crcl_reduced(safety, planned_on)
    if standing is None:
        return f"{text}{age_words(on, planned_on)}; creatinine clearance needed for this drug's interval"
    side = "below" if standing else "at or above"
    return f"{text}; {side} {CRCL_REDUCED_BELOW_ML_MIN} mL/min, our cut-off for reduced kidney function ({CRCL_VERIFY})"


def coagulation_notes(facts: CaseFacts) -> tuple[str, ...]:
    """Return the coagulation values on record with their dates against the procedure date (shown once)."""
    safety = getattr(facts, "safety", None)
    planned_on = getattr(getattr(facts, "request", None), "planned_on", None)
    notes = []
    inr = getattr(safety, "inr", None)
    notes.append(
        f"INR {inr}{when_words(getattr(safety, 'inr_on', None), planned_on)}; normal range cut-off "
        f"unconfirmed — verify cut-off"
        if inr is not None
        else "INR: not on record"
    )
    platelets, platelets_on = getattr(safety, "platelets", None), getattr(safety, "platelets_on", None)
    if platelets is None:
        notes.append("Platelet count: not on record")
    else:
        gap = days_before(platelets_on, planned_on)
        age = (
            f"; older than {PLATELET_WINDOW_DAYS} days before the procedure (our window, verify)"
            if gap is not None and gap > PLATELET_WINDOW_DAYS
            else ""
        )
        notes.append(
            f"Platelets {platelets} ×10³/µL{when_words(platelets_on, planned_on)}{age}; no ASRA-pain "
            "platelet cut-off retrieved — verify cut-off"
        )
    notes.append(
        ptt_words(safety, planned_on)
        if getattr(safety, "ptt_seconds", None) is not None
        else "aPTT: not on record"
    )
    plan = getattr(safety, "coagulation_plan", "")
    if isinstance(plan, str) and plan.strip():
        notes.append(f"Coagulation correction plan: {plan.strip()}")
    if not isinstance(planned_on, date):
        notes.append("Procedure date not documented: lab dates cannot be judged against it")
    return tuple(notes)
