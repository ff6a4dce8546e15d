"""Sympathetic block predicates (reference §2.3): diagnosis, prior care, block count, spacing, trend."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from fractions import Fraction

from .. import scoring
from ..choices import Condition
from ..display import format_date
from ..facts import CaseFacts
from ..rules import Finding, met, not_documented, not_met
from .trial_outcome import exact_reduction, shown_percent

CRPS = frozenset({Condition.CRPS_1, Condition.CRPS_2})


def crps_confirmed(facts: CaseFacts, today: date) -> Finding:
    """The diagnosis is CRPS meeting the Budapest clinical criteria."""
    dx = facts.diagnosis
    if dx.condition is None:
        return not_documented("diagnosis not recorded")
    if dx.condition not in CRPS:
        return not_met(f"{dx.condition.label}: not CRPS")
    result = scoring.score_budapest(dx)
    if result is None or result.clinical is None:
        return not_documented(f"{dx.condition.label}; Budapest examination not fully recorded")
    text = f"{dx.condition.label}; Budapest {result.summary}"
    return met(text) if result.clinical else not_met(text)


def analgesics_and_pt_failed(facts: CaseFacts, today: date) -> Finding:
    """Conservative care including analgesics and physical therapy failed."""
    therapy = facts.therapy
    meds = [m.outcome for m in therapy.medications if m.outcome is not None]
    pt = [c.outcome for c in therapy.pt_courses if c.outcome is not None]
    text = f"{len(meds)} analgesic trial(s), {len(pt)} PT course(s) with a recorded outcome"
    if (meds and not any(o.failed for o in meds)) or (pt and not any(o.failed for o in pt)):
        return not_met(f"{text}; documented as effective")
    if not meds or not pt:
        return not_documented(f"{text}; need analgesics and physical therapy, each with its outcome")
    return met(f"{text}, relief inadequate")


def earlier_block_count(facts: CaseFacts) -> int | None:
    """Return how many blocks preceded this one, or None when the record does not say."""
    if facts.blocks.blocks:
        return len(facts.blocks.blocks)
    return 0 if facts.blocks.first_block else None


def limit_without_relief(limit: int, relief_percent: Decimal):
    """After `limit` blocks without relief of at least `relief_percent`, more are not medically necessary."""

    def predicate(facts: CaseFacts, today: date) -> Finding:
        count = earlier_block_count(facts)
        if count is None:
            return not_documented("earlier blocks not recorded (or say this is the first)")
        if count < limit:
            return met(f"{count} earlier block(s); up to {limit} allowed to establish an effect")
        reliefs = [block_relief(b) for b in facts.blocks.blocks]
        known = [r for r in reliefs if r is not None]
        best = f"best relief {shown_percent(max(known), relief_percent)}" if known else ""
        if any(r >= relief_percent for r in known):
            return met(f"{count} earlier blocks, {best} (≥ {relief_percent}%)")
        if len(known) == len(reliefs):
            return not_met(
                f"{count} earlier blocks without relief of ≥ {relief_percent}% ({best}); limit {limit}"
            )
        return not_documented(
            f"{count} earlier blocks{', ' + best if best else ''}; pain before and after not recorded "
            f"for each; need ≥ {relief_percent}% relief"
        )

    return predicate


def block_relief(block) -> Fraction | None:
    """Return a block's exact percent relief; a block on no pain before gave 0 % relief."""
    if block.pain_before_nrs == 0 and block.pain_after_nrs is not None:
        return Fraction(0)
    return exact_reduction(block.pain_before_nrs, block.pain_after_nrs)


def program_beyond(limit: int):
    """Blocks beyond the first `limit` are given only within a comprehensive pain programme."""

    def predicate(facts: CaseFacts, today: date) -> Finding:
        count = earlier_block_count(facts)
        if count is None:
            return not_documented("earlier blocks not recorded (or say this is the first)")
        if count < limit:
            return met(f"block {count + 1} of the first {limit}")
        program = facts.blocks.comprehensive_program
        text = f"block {count + 1}, beyond the first {limit}"
        if program is None:
            return not_documented(f"{text}; comprehensive programme not documented")
        return (
            met(f"{text}, within a comprehensive programme")
            if program
            else not_met(f"{text}, outside a programme")
        )

    return predicate


def spaced_at_least(days: int):
    """No two blocks, the planned one included, are closer than `days` days."""

    def predicate(facts: CaseFacts, today: date) -> Finding:
        count = earlier_block_count(facts)
        planned = facts.request.planned_on
        if count is None:
            return not_documented("earlier blocks not recorded (or say this is the first)")
        if count == 0:
            return met("first block")
        dates = [b.performed_on for b in facts.blocks.blocks]
        if planned is None or any(d is None for d in dates):
            return not_documented(
                f"planned date or an earlier block's date not recorded; need ≥ {days} days apart"
            )
        ordered = sorted([*dates, planned])
        gap = min((later - earlier).days for earlier, later in zip(ordered, ordered[1:], strict=False))
        text = f"shortest interval {gap} days (last block {format_date(max(dates))}, planned {format_date(planned)})"
        return met(f"{text}; ≥ {days}") if gap >= days else not_met(f"{text}; need ≥ {days}")

    return predicate


def relief_lengthening(facts: CaseFacts, today: date) -> Finding:
    """Each block's relief lasted longer than the one before (otherwise move on to a stimulator trial)."""
    ordered = scoring.sorted_blocks(facts.blocks.blocks)
    if facts.blocks.first_block and not ordered:
        return met("first block: no trend yet")
    if not ordered:
        return not_documented("earlier blocks not recorded (or say this is the first)")
    if any(b.relief_days is None for b in ordered):
        return not_documented("an earlier block's duration of relief is not recorded")
    if len(ordered) == 1:
        return met(f"one earlier block, relief {ordered[0].relief_days} days: no trend yet")
    text = "relief " + " → ".join(str(b.relief_days) for b in ordered) + " days"
    if scoring.block_relief_increasing(ordered):
        return met(f"{text}: lengthening")
    return not_met(f"{text}: not lengthening")
