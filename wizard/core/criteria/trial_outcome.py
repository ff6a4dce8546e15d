"""Trial outcome predicates: pain relief and analgesic reduction compared exactly, function, trial length.

Percentages are compared as exact fractions and rounded only for display (49.96 % is below 50 %).
"""

from __future__ import annotations

from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from .. import scoring
from ..display import format_date
from ..facts import CaseFacts
from ..rules import Finding, Predicate, met, not_documented, not_met


def pct(value: Decimal) -> str:
    """Format a percentage: 62.5%."""
    return f"{value}%"


def exact_reduction(before: Decimal | int | None, after: Decimal | int | None) -> Fraction | None:
    """Return (before - after) / before x 100 exactly; None if either is missing or before is not positive.

    Thresholds compare this exact value: 49.96 % is below 50 %, though it shows as 50.0 % rounded.
    """
    if before is None or after is None or before <= 0:
        return None
    return (Fraction(Decimal(before)) - Fraction(Decimal(after))) * 100 / Fraction(Decimal(before))


def shown_percent(value: Fraction, threshold: Decimal) -> str:
    """Format an exact percentage to one decimal, or two where one decimal would hide the comparison."""
    for places in ("0.1", "0.01"):
        shown = Decimal(value.numerator) / Decimal(value.denominator)
        shown = shown.quantize(Decimal(places), rounding=ROUND_HALF_UP)
        if (shown >= threshold) == (value >= threshold):
            return f"{shown}%"
    return f"{'just under' if value < threshold else 'just over'} {threshold}%"


def relief_route(facts: CaseFacts, threshold: Decimal) -> tuple[bool | None, str]:
    """Judge the pain-relief route: (True/False, evidence) or (None, why it is missing)."""
    trial = facts.trial
    before, during = trial.pain_before_nrs, trial.pain_during_nrs
    if before is None or during is None:
        return None, "target pain before and during not recorded"
    if before == 0:
        # Zero is a value: with no target pain before the trial, no relief can be shown.
        return False, "target pain before the trial was 0/10, so no relief can be shown"
    relief = exact_reduction(before, during)
    if relief is None or during < 0:
        return None, f"target pain {before} → {during}/10 is out of range"
    return relief >= threshold, f"target pain {before} → {during}/10 ({shown_percent(relief, threshold)})"


def analgesic_route(facts: CaseFacts, threshold: Decimal) -> tuple[bool | None, str]:
    """Judge the analgesic route: (True/False, evidence) or (None, why it is missing)."""
    trial = facts.trial
    before, during = trial.mme_before, trial.mme_during
    if before is not None and before == 0:
        # Zero is a value: a patient on no opioid before the trial cannot reduce it.
        return False, "MME 0/day before the trial, so no analgesic reduction is possible"
    if before is None or during is None:
        return None, "opioid doses before and during not recorded"
    reduction = exact_reduction(before, during)
    if reduction is None or during < 0:
        return None, f"MME {before} → {during}/day is out of range"
    return (
        reduction >= threshold,
        f"MME {before} → {during}/day ({shown_percent(reduction, threshold)} less)",
    )


def trial_relief_at_least(threshold: Decimal) -> Predicate:
    """Target-pain relief during the trial is at least `threshold` percent."""

    def predicate(facts: CaseFacts, today: date) -> Finding:
        passed, text = relief_route(facts, threshold)
        if passed is None:
            return not_documented(f"{text}; need ≥ {threshold}%")
        relief = exact_reduction(facts.trial.pain_before_nrs, facts.trial.pain_during_nrs)
        if relief is not None:
            trial = facts.trial
            text = (
                f"target pain {trial.pain_before_nrs} → {trial.pain_during_nrs}/10: "
                f"{shown_percent(relief, threshold)} relief"
            )
        return met(f"{text} (≥ {threshold}%)") if passed else not_met(f"{text}; need ≥ {threshold}%")

    return predicate


def trial_relief_or_analgesic_reduction(threshold: Decimal) -> Predicate:
    """Trial relief of target pain, or reduction of analgesics, reaches `threshold` percent.

    A recorded failing value is a failed route (0 MME before the trial cannot be reduced); the finding is
    not documented only while a route that could still succeed lacks its values.
    """

    def predicate(facts: CaseFacts, today: date) -> Finding:
        relief, relief_text = relief_route(facts, threshold)
        analgesic, analgesic_text = analgesic_route(facts, threshold)
        shown = "; ".join(t for t, v in ((relief_text, relief), (analgesic_text, analgesic)) if v is not None)
        if relief or analgesic:
            return met(f"{shown}; ≥ {threshold}% on either")
        if relief is False and analgesic is False:
            return not_met(f"{shown}; need ≥ {threshold}% on either")
        return not_documented(
            f"{shown or 'no trial pain or analgesic doses recorded'}; need ≥ {threshold}% on either"
        )

    return predicate


def functional_improvement(facts: CaseFacts, today: date) -> Finding:
    """Some element of functional improvement during the trial: gains listed or a lower ODI."""
    gains = [g.label.lower() for g in facts.trial.functional_gains]
    baseline = scoring.score_odi(facts.baselines.odi.scores())
    during = scoring.score_odi(facts.trial.odi.scores())
    odi_text = f"ODI {baseline.percent}% → {during.percent}%" if baseline and during else ""
    if gains or (odi_text and during.percent < baseline.percent):
        return met("; ".join(filter(None, [("improved: " + ", ".join(gains)) if gains else "", odi_text])))
    if odi_text:
        return not_met(f"{odi_text} and no functional gain recorded")
    return not_documented("no functional gain or ODI during the trial recorded")


def trial_days_between(low: int, high: int) -> Predicate:
    """The trial lasted between `low` and `high` days inclusive."""

    def predicate(facts: CaseFacts, today: date) -> Finding:
        days = scoring.trial_days(facts.trial)
        if days is None:
            return not_documented(f"trial dates not recorded; need {low}–{high} days")
        text = (
            f"trial {days} days ({format_date(facts.trial.started_on)} – {format_date(facts.trial.ended_on)})"
        )
        return (
            met(f"{text}, within {low}–{high}")
            if low <= days <= high
            else not_met(f"{text}; need {low}–{high}")
        )

    return predicate


def shown_hours(hours: Decimal) -> str:
    """Format an exact number of hours as hours and minutes: 47 h 30 min."""
    minutes = int(hours * 60)
    return f"{minutes // 60} h {minutes % 60:02d} min"


def trial_longer_than_hours(hours: int) -> Predicate:
    """The trial lasted more than `hours` hours, from placement and removal times or, without them, dates.

    Without times, dates at least `hours/24 + 1` days apart are longer whatever the times, dates at most
    `hours/24 - 1` apart are shorter; between, only the times can tell.
    """

    def predicate(facts: CaseFacts, today: date) -> Finding:
        trial = facts.trial
        days = scoring.trial_days(trial)
        if days is None:
            return not_documented(f"trial dates not recorded; need more than {hours} hours")
        exact = scoring.trial_hours(trial)
        if exact is not None:
            if exact < 0:
                return not_documented("the removal time is before the placement time; check both")
            text = (
                f"trial {shown_hours(exact)} ({format_date(trial.started_on)} {trial.placed_at:%H:%M} – "
                f"{format_date(trial.ended_on)} {trial.removed_at:%H:%M})"
            )
            if exact > hours:
                return met(f"{text}, more than {hours} hours")
            return not_met(f"{text}; need more than {hours} hours")
        if days * 24 > hours:
            return met(f"trial {days} days, more than {hours} hours")
        if (days + 1) * 24 <= hours:
            return not_met(f"trial {days} day(s), not more than {hours} hours")
        return not_documented(
            f"trial {days} calendar days may be under {hours} hours; record the placement and removal times"
        )

    return predicate
