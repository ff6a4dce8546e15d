"""Coagulation values on record: the cut-offs we show (each UNCONFIRMED, "verify cut-off") and lab dates
against the procedure date. The safety holds and the antithrombotic advisory both read them from here."""

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
# No recency window for platelets is given either; ours, to show the count as current or old — verify.
PLATELET_WINDOW_DAYS = 30


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
    notes.append("PTT: not captured by this app yet; record it in the chart (updates U1 asks for it)")
    if not isinstance(planned_on, date):
        notes.append("Procedure date not documented: lab dates cannot be judged against it")
    return tuple(notes)
