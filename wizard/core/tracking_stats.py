"""The clinic's numbers after its letters: what waits for a decision, what is overdue, what payers decided."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from statistics import median

from .choices import AnswerKind, DenialReason
from .tracking import TrackedAnswer, decision_of, is_overdue

RECENT_DECISIONS = 10


@dataclass(frozen=True)
class SentRequest:
    """One submission with what the dashboard reads of its case and its answers."""

    submission_id: int
    case_id: str
    payer: str
    procedure: str
    submitted_at: datetime
    due_at: datetime | None
    answers: tuple[TrackedAnswer, ...] = ()
    is_appeal: bool = False
    case_open: bool = True
    patient: str = ""
    due_label: str = ""
    # The clinic's local date of sending (the notice's date is local too); the UTC date when not given.
    submitted_on: date | None = None

    @property
    def decision(self) -> TrackedAnswer | None:
        """Return the payer's latest approval or denial of this submission, or None."""
        return decision_of(self.answers)

    @property
    def days_to_decision(self) -> int | None:
        """Return the calendar days from sending to the decision's notice, or None while undecided."""
        decision = self.decision
        if decision is None:
            return None
        return (decision.answered_on - (self.submitted_on or self.submitted_at.date())).days


@dataclass(frozen=True)
class GroupStats:
    """Decisions for one payer or one procedure: counts, approval rate and median days to a decision."""

    name: str
    sent: int
    approved: int
    denied: int
    median_days: float | None

    @property
    def decided(self) -> int:
        """Return how many of the group's submissions have a decision."""
        return self.approved + self.denied

    @property
    def approval_percent(self) -> float | None:
        """Return the share of decisions that were approvals, in percent; None with no decision yet."""
        return 100 * self.approved / self.decided if self.decided else None


@dataclass(frozen=True)
class Waiting:
    """A request awaiting the payer's decision, with its overdue flag as of now."""

    request: SentRequest
    overdue: bool


@dataclass(frozen=True)
class Dashboard:
    """Everything the dashboard shows, computed as of one moment."""

    awaiting: list[Waiting]
    by_payer: list[GroupStats]
    by_procedure: list[GroupStats]
    denial_reasons: list[tuple[str, str, int]] = field(default_factory=list)
    recent_decisions: list[SentRequest] = field(default_factory=list)

    @property
    def overdue(self) -> list[Waiting]:
        """Return the requests past their due time, the most overdue first."""
        return [waiting for waiting in self.awaiting if waiting.overdue]


def group_stats(requests: Iterable[SentRequest], key: Callable[[SentRequest], str]) -> list[GroupStats]:
    """Return each group's decisions, groups in name order (submissions sent for the record left out)."""
    groups: dict[str, list[SentRequest]] = defaultdict(list)
    for request in requests:
        if request.due_at is not None:
            groups[key(request) or "Not stated"].append(request)
    stats = []
    for name, members in sorted(groups.items()):
        kinds = Counter(request.decision.kind for request in members if request.decision)
        days = [request.days_to_decision for request in members if request.decision]
        stats.append(
            GroupStats(
                name=name,
                sent=len(members),
                approved=kinds[AnswerKind.APPROVED.value],
                denied=kinds[AnswerKind.DENIED.value],
                median_days=median(days) if days else None,
            )
        )
    return stats


def ranked_denial_reasons(requests: Iterable[SentRequest]) -> list[tuple[str, str, int]]:
    """Return (reason code, label, count) for every reason of every denial, most frequent first."""
    counts: Counter[str] = Counter()
    for request in requests:
        decision = request.decision
        if decision is not None and decision.kind == AnswerKind.DENIED.value:
            counts.update(set(decision.denial_reasons))
    labels = {reason.value: reason.label for reason in DenialReason}
    ranked = sorted(counts.items(), key=lambda item: (-item[1], labels.get(item[0], item[0])))
    return [(code, labels.get(code, code), count) for code, count in ranked]


def awaiting_decision(requests: Iterable[SentRequest], now: datetime) -> list[Waiting]:
    """Return each open case's latest submission still awaiting a decision: overdue first, then by due time."""
    latest: dict[str, SentRequest] = {}
    for request in requests:
        held = latest.get(request.case_id)
        if held is None or request.submitted_at > held.submitted_at:
            latest[request.case_id] = request
    waiting = [
        Waiting(request, is_overdue(request.due_at, False, now))
        for request in latest.values()
        if request.case_open and request.due_at is not None and request.decision is None
    ]
    return sorted(waiting, key=lambda item: (not item.overdue, item.request.due_at))


def recent_decisions(requests: Iterable[SentRequest], limit: int = RECENT_DECISIONS) -> list[SentRequest]:
    """Return the latest decided submissions, the most recent decision first."""
    decided = [request for request in requests if request.decision is not None]
    decided.sort(key=lambda request: (request.decision.answered_on, request.submitted_at), reverse=True)
    return decided[:limit]


def build_dashboard(requests: Iterable[SentRequest], now: datetime) -> Dashboard:
    """Return the dashboard's lists and numbers for these submissions as of now."""
    requests = list(requests)
    return Dashboard(
        awaiting=awaiting_decision(requests, now),
        by_payer=group_stats(requests, lambda request: request.payer),
        by_procedure=group_stats(requests, lambda request: request.procedure),
        denial_reasons=ranked_denial_reasons(requests),
        recent_decisions=recent_decisions(requests),
    )
