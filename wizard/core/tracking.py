"""After the letter is sent: when the payer's decision is due, whether it is overdue, and where the case stands.

Time is always passed in. A due time comes from the payer's rule (CMS-0057-F: 7 calendar days, 72 hours
expedited) or, for a payer with no rule we know of, from the clinic's default days. Medicare fee-for-service
outside a hospital outpatient department gives no prior authorization (U3): a letter sent there is for the
record, has no due time and is never overdue.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from enum import StrEnum

from .choices import AnswerKind
from .decision_windows import decision_window
from .facts import CaseFacts

# Stored as a submission's rule when no decision is asked (its due time is then empty).
FOR_THE_RECORD = "No decision asked: sent for the record"
DECISIONS = frozenset({AnswerKind.APPROVED.value, AnswerKind.DENIED.value})


class TrackingStatus(StrEnum):
    """Where a case stands after its letter; the values are Case.Status values."""

    ISSUED = "issued"
    SUBMITTED = "submitted"
    APPROVED = "approved"
    DENIED = "denied"
    PENDED = "pended"
    APPEALED = "appealed"
    CLOSED = "closed"


@dataclass(frozen=True)
class DueTime:
    """When the payer's decision is due and what set it: a rule's source, "" for our default, or none asked."""

    due_at: datetime | None
    rule: str
    days: int | None = None
    hours: int | None = None

    @property
    def for_the_record(self) -> bool:
        """Return True when no decision is asked, so nothing is ever due."""
        return self.due_at is None

    @property
    def label(self) -> str:
        """Return what set the due time, in words."""
        return due_label(self.rule, days=self.days, hours=self.hours)


def due_label(rule: str, *, days: int | None = None, hours: int | None = None) -> str:
    """Return "CMS-0057-F (89 FR 8758): 7 calendar days", "our default: 15 days" or the for-the-record line."""
    if rule == FOR_THE_RECORD:
        return "no decision asked (Medicare fee-for-service outside a hospital outpatient department): for the record"
    span = f"{hours} hours, expedited" if hours is not None else f"{days} calendar days"
    return f"{rule}: {span}" if rule else f"our default: {days} days"


def decision_due(facts: CaseFacts, submitted_at: datetime, *, expedited: bool, default_days: int) -> DueTime:
    """Return when the payer's decision on a request sent at submitted_at is due, and what set that time."""
    window = decision_window(facts, default_days)
    if window is None and facts.request.payer is None:
        # No payer named, so no rule is known: plan with our default.
        return DueTime(submitted_at + timedelta(days=default_days), "", days=default_days)
    if window is None:
        return DueTime(None, FOR_THE_RECORD)
    if expedited and window.expedited_hours is not None:
        hours = window.expedited_hours
        return DueTime(submitted_at + timedelta(hours=hours), window.source, hours=hours)
    return DueTime(submitted_at + timedelta(days=window.days), window.source, days=window.days)


def stored_due(due_at: datetime | None, rule: str, submitted_at: datetime, expedited: bool) -> DueTime:
    """Return a stored submission's due time as a DueTime (its span read back from the two times)."""
    if due_at is None or rule == FOR_THE_RECORD:
        return DueTime(None, FOR_THE_RECORD)
    span = due_at - submitted_at
    if expedited and rule:
        return DueTime(due_at, rule, hours=round(span.total_seconds() / 3600))
    return DueTime(due_at, rule, days=span.days)


def is_overdue(due_at: datetime | None, answered: bool, now: datetime) -> bool:
    """Return True when no decision came and the due time has passed (never for a for-the-record sending)."""
    return due_at is not None and not answered and now > due_at


@dataclass(frozen=True)
class TrackedAnswer:
    """One answer of the payer, as the status flow needs it."""

    kind: str
    answered_on: date
    denial_reasons: tuple[str, ...] = ()


@dataclass(frozen=True)
class TrackedSubmission:
    """One sending to the payer and its answers, as the status flow needs it."""

    submitted_at: datetime
    is_appeal: bool = False
    answers: tuple[TrackedAnswer, ...] = field(default_factory=tuple)


def answer_time(submitted_at: datetime, answered_on: date) -> datetime:
    """Return when an answer counts as given: its notice's day, but never before what it answers."""
    start_of_day = datetime.combine(answered_on, time.min, tzinfo=submitted_at.tzinfo)
    return max(submitted_at, start_of_day)


def case_status_after(submissions: Iterable[TrackedSubmission], *, closed: bool = False) -> TrackingStatus:
    """Return the case's status from its submissions and answers taken in time order.

    issued -> submitted -> approved / denied / pended -> appealed (an appeal sent) -> approved / denied ...;
    a peer-to-peer call being scheduled changes nothing until the payer decides; closing ends the flow.
    """
    if closed:
        return TrackingStatus.CLOSED
    events = []
    in_time_order = sorted(submissions, key=lambda submission: submission.submitted_at)
    for order, submission in enumerate(in_time_order):
        sent = TrackingStatus.APPEALED if submission.is_appeal else TrackingStatus.SUBMITTED
        events.append((submission.submitted_at, order, 0, sent))
        for answer in submission.answers:
            status = ANSWER_STATUS.get(answer.kind)
            if status is not None:
                events.append((answer_time(submission.submitted_at, answer.answered_on), order, 1, status))
    # Each event sets the status outright, so the last one in time order is where the case stands; at
    # the same moment an earlier sending's answer comes first (an appeal sent at midnight answers the
    # denial dated that day), and a sending comes before its own answer.
    ordered = sorted(events, key=lambda event: event[:3])
    return ordered[-1][3] if ordered else TrackingStatus.ISSUED


ANSWER_STATUS = {
    AnswerKind.APPROVED.value: TrackingStatus.APPROVED,
    AnswerKind.DENIED.value: TrackingStatus.DENIED,
    AnswerKind.PENDED.value: TrackingStatus.PENDED,
}


def decision_of(answers: Iterable[TrackedAnswer]) -> TrackedAnswer | None:
    """Return the payer's latest decision (approval or denial) among a submission's answers, or None."""
    decisions = [answer for answer in answers if answer.kind in DECISIONS]
    return max(decisions, key=lambda answer: answer.answered_on) if decisions else None
