"""What the signing physician attests, and what an override letter says is still to follow.

A letter whose own criteria table lists open items never attests that it is complete: it says what it is
(accurate, from the record) and lists the open items as "to follow", by the date the clinician gives.
"""

from __future__ import annotations

from datetime import date

from ..core.display import format_date
from ..core.rules import Outcome, Verdict
from .criteria_table import criterion_text, payer_text
from .prose import sentence

COMPLETE = (
    "I attest that the information in this letter is accurate and complete to the best of my knowledge, is taken "
    "from the patient's medical record, and that the record is available on request."
)
WITH_OPEN_ITEMS = (
    "I attest that the information in this letter is accurate to the best of my knowledge, is taken from the "
    "patient's medical record, and that the record is available on request. The items listed as to follow are "
    "not yet documented; they will be sent when they are."
)


def has_open_items(judged: Verdict) -> bool:
    """Return True when anything blocks: a required criterion not met, a safety hold or a blocking risk."""
    return judged.outcome is not Outcome.MEETS


def attestation(judged: Verdict) -> str:
    """Return the attestation: 'complete' only for a letter with no open item."""
    return WITH_OPEN_ITEMS if has_open_items(judged) else COMPLETE


def open_items(judged: Verdict) -> list[str]:
    """Return every open item once, in the payer's words: criteria, then safety holds, then blocking risks."""
    criteria = [criterion_text(r.criterion).rstrip(".") for r in judged.blocking]
    holds = [payer_text(b.text).rstrip(".") for b in judged.holds]
    # Risks by title: a gap's message may quote part of the clinician's text, which prints whole or not at all.
    risks = [payer_text(b.label or b.id).rstrip(".") for b in judged.blocking_risks]
    return list(dict.fromkeys(item for item in (*criteria, *holds, *risks) if item))


def to_follow(judged: Verdict, on: date | None = None) -> tuple[str, ...]:
    """Return each open item as '<item>: to follow by <date>' (or ': to follow' when no date is given)."""
    if not has_open_items(judged):
        return ()
    when = f"to follow by {format_date(on)}" if on else "to follow"
    return tuple(f"{item}: {when}" for item in open_items(judged))


def override(judged: Verdict, reason: str) -> tuple[str, ...]:
    """Return the override statement naming every open item: criteria, safety holds and blocking risks."""
    if not reason:
        return ()
    criteria = [criterion_text(r.criterion).rstrip(".") for r in judged.blocking]
    holds = [payer_text(b.text).rstrip(".") for b in judged.holds]
    risks = list(dict.fromkeys(payer_text(b.label or b.id) for b in judged.blocking_risks))
    listed = "".join(
        f" {intro}: {'; '.join(items)}."
        for intro, items in (
            ("The following required criteria are not documented as met", criteria),
            ("The following safety holds are open", holds),
            ("The following documentation gaps remain open", risks),
        )
        if items
    )
    return (f"This request is submitted on the clinician's judgment.{listed} Reason: {sentence(reason)}",)
