"""What answers a denial: the criteria behind each denial reason, and the appeal deadline. Pure.

A reason is answered by the criteria whose wizard steps hold the facts it disputes (a psychological-
evaluation denial by the psych step's criteria); a reason that names no step (not medically necessary,
records not received, the payer's own words) by every required criterion.

The appeal deadline stated on the denial notice always wins. Without one we estimate it from planning
figures that are NOT in the project's reference files, so an estimate is labeled as ours, to be verified
on the notice, and is never printed in an appeal letter.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from .choices import DenialReason, Payer
from .display import format_date
from .rules import Result, Status

ALL_REQUIRED = None
REASON_STEPS: dict[DenialReason, frozenset[str] | None] = {
    DenialReason.PSYCH_EVALUATION: frozenset({"psych"}),
    DenialReason.CONSERVATIVE_CARE: frozenset({"therapy"}),
    DenialReason.DIAGNOSIS: frozenset({"diagnosis"}),
    DenialReason.FUNCTIONAL_BASELINE: frozenset({"baselines"}),
    DenialReason.TRIAL_OUTCOME: frozenset({"trial"}),
    DenialReason.INVESTIGATIONAL: frozenset({"device", "request"}),
    DenialReason.SITE_OF_SERVICE: frozenset({"request"}),
    DenialReason.CODING: frozenset({"request"}),
    DenialReason.NOT_MEDICALLY_NECESSARY: ALL_REQUIRED,
    DenialReason.RECORDS_NOT_RECEIVED: ALL_REQUIRED,
    DenialReason.OTHER: ALL_REQUIRED,
}


def reason_steps(reason: DenialReason) -> frozenset[str] | None:
    """Return the wizard steps whose facts answer the reason; None when every required criterion does."""
    return REASON_STEPS[DenialReason(reason)]


def parse_reasons(codes: Sequence[str]) -> tuple[DenialReason, ...]:
    """Return the reasons for these codes in the order given, once each; raise ValueError on an unknown code."""
    valid = {r.value for r in DenialReason}
    unknown = [code for code in codes if code not in valid]
    if unknown:
        raise ValueError(
            f"unknown denial reason {', '.join(unknown)}; valid codes: {', '.join(r.value for r in DenialReason)}"
        )
    return tuple(dict.fromkeys(DenialReason(code) for code in codes))


@dataclass(frozen=True)
class ReasonAnswer:
    """The criteria that answer one denial reason, in table order."""

    reason: DenialReason
    results: tuple[Result, ...]
    # True when no criterion reads the reason's steps for this request, so every required one answers it.
    fallback: bool = False

    @property
    def met(self) -> tuple[Result, ...]:
        """Return the answering criteria the record documents as met."""
        return tuple(r for r in self.results if r.status is Status.MET)

    @property
    def open(self) -> tuple[Result, ...]:
        """Return the answering criteria not met or not documented: never claimed as met."""
        return tuple(r for r in self.results if r.status is not Status.MET)


def answering(reason: DenialReason, results: Sequence[Result]) -> tuple[tuple[Result, ...], bool]:
    """Return the criteria that answer a reason, in table order, and whether it fell back to every required one."""
    steps = reason_steps(reason)
    required = tuple(r for r in results if r.criterion.required)
    if steps is ALL_REQUIRED:
        return required, False
    found = tuple(r for r in results if r.criterion.sections & steps)
    return (found, False) if found else (required, True)


def answer(reason: DenialReason, results: Sequence[Result]) -> ReasonAnswer:
    """Return the criteria that answer one denial reason."""
    found, fallback = answering(reason, results)
    return ReasonAnswer(DenialReason(reason), found, fallback)


def criteria_met(results: Sequence[Result]) -> tuple[int, int]:
    """Return (met, total) over the required criteria that block, as the letter's page 1 counts them."""
    required = [r for r in results if r.criterion.blocking]
    return sum(r.status is Status.MET for r in required), len(required)


# Planning figures, ours (not in the reference files): shown as an estimate, to verify on the notice.
MEDICARE_ADVANTAGE_DAYS, MEDICARE_ADVANTAGE_RULE = 65, "Medicare Advantage reconsideration, 42 CFR 422.582"
MEDICARE_FFS_DAYS, MEDICARE_FFS_RULE = 120, "Medicare redetermination, 42 CFR 405.942"
COMMERCIAL_DAYS, COMMERCIAL_RULE = (
    180,
    "employer or commercial plan internal appeal, 29 CFR 2560.503-1(h)(3)(i)",
)
STATED = "stated on the denial notice"


@dataclass(frozen=True)
class AppealDeadline:
    """The day an appeal must reach the payer: as the notice states it, or our estimate with its basis."""

    on: date
    stated: bool
    basis: str
    days: int | None = None

    @property
    def label(self) -> str:
        """Return the deadline with where it comes from; an estimate says it is ours and to verify it."""
        if self.stated:
            return f"{format_date(self.on)} ({STATED})"
        return (
            f"{format_date(self.on)} (estimate, verify on the denial notice: {self.days} days from the notice, "
            f"our planning figure for the {self.basis})"
        )

    def days_left(self, today: date) -> int:
        """Return the days from `today` to the deadline; negative once it has passed."""
        return (self.on - today).days


def estimate_days(payer: Payer | str | None) -> tuple[int, str] | None:
    """Return our planning figure for the payer's appeal period and its basis; None without a payer."""
    if not payer:
        return None
    payer = Payer(payer)
    if payer == Payer.MEDICARE:
        return MEDICARE_FFS_DAYS, MEDICARE_FFS_RULE
    if payer == Payer.HUMANA_MA:
        return MEDICARE_ADVANTAGE_DAYS, MEDICARE_ADVANTAGE_RULE
    return COMMERCIAL_DAYS, COMMERCIAL_RULE


def appeal_deadline(
    denied_on: date | None, payer: Payer | str | None, stated_on: date | None = None
) -> AppealDeadline | None:
    """Return the deadline the notice states, else our estimate from the notice's date; None if neither is known."""
    if stated_on is not None:
        return AppealDeadline(stated_on, True, STATED)
    estimate = estimate_days(payer)
    if denied_on is None or estimate is None:
        return None
    days, basis = estimate
    return AppealDeadline(denied_on + timedelta(days=days), False, basis, days)
