"""Payer criteria as data: each criterion cites its source and judges one case into a finding.

Like Django's password validators, `evaluate` takes the table of criteria as an argument, runs every
one, and returns every finding in table order; the overall verdict is its own small function.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date

from .choices import Choice, Procedure
from .facts import CaseFacts


class Status(Choice):
    MET = "met", "met"
    NOT_MET = "not_met", "not met"
    NOT_DOCUMENTED = "not_documented", "not documented"


class Confidence(Choice):
    PRIMARY = "primary", "primary source"
    SECONDARY = "secondary", "secondary source — verify with payer"
    UNCONFIRMED = "unconfirmed", "unconfirmed — verify with payer"


class Outcome(Choice):
    MEETS = "meets", "Meets criteria"
    DOES_NOT_MEET = "does_not_meet", "Does not meet criteria"
    INCOMPLETE = "incomplete", "Incomplete"


@dataclass(frozen=True)
class Citation:
    """Where a criterion comes from: `tag` is the source's tag in the reference's source index."""

    tag: str
    source: str
    section: str
    url: str
    effective: date | None
    confidence: Confidence = Confidence.PRIMARY
    # Why `effective` is None: the source gives no date, or it is our own recommendation.
    undated_reason: str = ""

    @property
    def verify_with_payer(self) -> bool:
        """Return True when the source is secondary or unconfirmed, so the payer must confirm it."""
        return self.confidence is not Confidence.PRIMARY


@dataclass(frozen=True)
class Finding:
    """One criterion judged on one case: its status and one line of evidence with value and threshold."""

    status: Status
    evidence: str


def met(evidence: str) -> Finding:
    """Return a finding that the case documents the criterion as satisfied."""
    return Finding(Status.MET, evidence)


def not_met(evidence: str) -> Finding:
    """Return a finding that the case documents a value that fails the criterion."""
    return Finding(Status.NOT_MET, evidence)


def not_documented(evidence: str) -> Finding:
    """Return a finding that the fact the criterion needs is missing."""
    return Finding(Status.NOT_DOCUMENTED, evidence)


Predicate = Callable[[CaseFacts, date], Finding]


@dataclass(frozen=True)
class Criterion:
    """A payer criterion: stable id, the sentence the letter prints, its source, and how it is judged."""

    id: str
    text: str
    citation: Citation
    applies_to: frozenset[Procedure]
    predicate: Predicate = field(compare=False)
    required: bool = True
    step: str = ""
    field: str = ""
    # Other wizard steps whose facts can decide this criterion besides `step`.
    reads: frozenset[str] = frozenset()
    # The dates between which this version of the criterion judges cases (until is exclusive); None is
    # open-ended. A changed policy keeps the old version with `in_force_until` and adds the new one, same id.
    in_force_from: date | None = None
    in_force_until: date | None = None

    def in_force_on(self, day: date) -> bool:
        """Return True when this version of the criterion judges a case dated `day`."""
        after_start = self.in_force_from is None or self.in_force_from <= day
        return after_start and (self.in_force_until is None or day < self.in_force_until)

    @property
    def sections(self) -> frozenset[str]:
        """Return every step whose facts this criterion reads."""
        return self.reads | {self.step}

    @property
    def blocking(self) -> bool:
        """Return True when failing this criterion blocks the request (required, primary source)."""
        return self.required and not self.citation.verify_with_payer


@dataclass(frozen=True)
class Result:
    criterion: Criterion
    finding: Finding

    @property
    def status(self) -> Status:
        """Return the finding's status."""
        return self.finding.status

    @property
    def group(self) -> str:
        """Return where the review shows it: blocking, recommended, verify, or met."""
        if self.status is Status.MET:
            return "met"
        if self.criterion.citation.verify_with_payer:
            return "verify"
        return "blocking" if self.criterion.required else "recommended"


@dataclass(frozen=True)
class Blocker:
    """Something besides a criterion that stops the request: a blocking denial risk or an open safety hold.

    `failed` is True when the record documents the failing fact (an infection, a high INR, a failed check), so
    the verdict reads "does not meet" rather than "incomplete".
    """

    kind: str
    id: str
    text: str
    failed: bool
    step: str = ""
    field: str = ""
    # A short name without the case's own words (the denial risk's title), for the letter's override.
    label: str = ""


@dataclass(frozen=True)
class Verdict:
    outcome: Outcome
    blocking: tuple[Result, ...]
    recommended: tuple[Result, ...]
    to_verify: tuple[Result, ...]
    summary: str
    blockers: tuple[Blocker, ...] = ()

    @property
    def holds(self) -> tuple[Blocker, ...]:
        """Return the open safety holds."""
        return tuple(b for b in self.blockers if b.kind == "hold")

    @property
    def blocking_risks(self) -> tuple[Blocker, ...]:
        """Return the denial risks that block."""
        return tuple(b for b in self.blockers if b.kind == "risk")

    @property
    def open_ids(self) -> tuple[str, ...]:
        """Return the id of every open item: blocking criteria, then holds and blocking risks."""
        return (*(r.criterion.id for r in self.blocking), *(b.id for b in self.blockers))

    @property
    def open_texts(self) -> tuple[str, ...]:
        """Return every open item in words, for an override that must name them."""
        return (
            *(r.criterion.text.rstrip(".") for r in self.blocking),
            *(b.text.rstrip(".") for b in self.blockers),
        )


SAFE_FINDING = "the criterion could not be judged from these facts"


def judge(criterion: Criterion, facts: CaseFacts, today: date) -> Finding:
    """Run one predicate; odd facts the predicate did not expect read as not documented, never as met."""
    try:
        finding = criterion.predicate(facts, today)
    except (TypeError, ValueError, AttributeError, ArithmeticError, KeyError):
        return not_documented(SAFE_FINDING)
    return finding


def evaluate(facts: CaseFacts, criteria: Sequence[Criterion], *, today: date) -> list[Result]:
    """Judge every criterion that applies to this request, in table order."""
    procedure = facts.request.procedure
    return [
        Result(criterion, judge(criterion, facts, today))
        for criterion in criteria
        if procedure in criterion.applies_to
    ]


def verdict(results: Sequence[Result], blockers: Sequence[Blocker] = ()) -> Verdict:
    """Summarise findings and blockers: "meets" only when no required criterion, risk or hold is open.

    Does not meet if a blocking criterion fails or a blocker documents a failing fact; incomplete if one is
    undocumented or no primary-source criterion applies.
    """
    blocking = tuple(r for r in results if r.group == "blocking")
    recommended = tuple(r for r in results if r.group == "recommended")
    to_verify = tuple(r for r in results if r.group == "verify")
    blockers = tuple(blockers)
    has_blocking_criteria = any(r.criterion.blocking for r in results)
    if any(r.status is Status.NOT_MET for r in blocking) or any(b.failed for b in blockers):
        outcome = Outcome.DOES_NOT_MEET
    elif blocking or blockers or not has_blocking_criteria:
        outcome = Outcome.INCOMPLETE
    else:
        outcome = Outcome.MEETS
    return Verdict(
        outcome,
        blocking,
        recommended,
        to_verify,
        summarise(outcome, blocking, has_blocking_criteria, blockers),
        blockers,
    )


def summarise(
    outcome: Outcome,
    blocking: tuple[Result, ...],
    has_blocking_criteria: bool,
    blockers: tuple[Blocker, ...] = (),
) -> str:
    """Return one sentence saying what the verdict rests on."""
    holds = [b for b in blockers if b.kind == "hold"]
    risks = [b for b in blockers if b.kind == "risk"]
    on_hold = f"On hold: {'; '.join(b.text.rstrip('.') for b in holds)}." if holds else ""
    if outcome is Outcome.MEETS:
        return "Every required criterion is documented as met."
    failed = sum(r.status is Status.NOT_MET for r in blocking)
    missing = sum(r.status is Status.NOT_DOCUMENTED for r in blocking)
    parts = []
    if failed:
        parts.append(f"{failed} required {'criterion' if failed == 1 else 'criteria'} not met")
    if missing:
        parts.append(f"{missing} not documented")
    if risks:
        parts.append(
            f"{len(risks)} denial {'risk' if len(risks) == 1 else 'risks'} that {'blocks' if len(risks) == 1 else 'block'}"
        )
    if not has_blocking_criteria:
        parts.append(
            "no criterion of this payer for this request is on file from a primary source; verify with the payer"
        )
    text = ("; ".join(parts).capitalize() + ".") if parts else ""
    return " ".join(p for p in (on_hold, text) if p)
