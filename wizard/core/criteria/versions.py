"""Criteria tables as versioned data: which versions judge a case's date, a table's fingerprint, and what
changed for one case since its review.

A changed policy keeps its old criterion (`in_force_until` = the change date) and adds the new version
with the same id (`in_force_from` = the change date); a new rule only gets `in_force_from`. A case is
judged by the versions in force on its date: the planned date of service, else today.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from ..facts import CaseFacts
from ..rules import Criterion, Result, Status

# Bump when any table changes: issued letters record the version they were checked against.
CRITERIA_VERSION = "2026-12-01.2"
FINGERPRINT_LENGTH = 12


def judging_date(facts: CaseFacts, today: date) -> date:
    """Return the date whose tables judge the case: its planned date of service, else today."""
    return facts.request.planned_on or today


def criteria_in_force(criteria: Iterable[Criterion], day: date | None) -> tuple[Criterion, ...]:
    """Return the criteria in force on `day`, in table order; without a day, the open-ended (current) ones."""
    if day is None:
        return tuple(c for c in criteria if c.in_force_until is None)
    return tuple(c for c in criteria if c.in_force_on(day))


def iso(day: date | None) -> str:
    """Return a date as ISO text, or an empty string."""
    return day.isoformat() if day else ""


def criterion_key(criterion: Criterion) -> list:
    """Return what a criterion's version is made of: what it says, where from, when, for which requests."""
    citation = criterion.citation
    return [
        criterion.id,
        criterion.text,
        citation.tag,
        citation.section,
        iso(citation.effective),
        citation.confidence.value,
        criterion.required,
        sorted(p.value for p in criterion.applies_to),
        iso(criterion.in_force_from),
        iso(criterion.in_force_until),
    ]


def table_version(criteria: Iterable[Criterion], release: str = CRITERIA_VERSION) -> str:
    """Return the release and a short stable fingerprint of these criteria, e.g. "2026-12-01.3fa9c0d1e2b4"."""
    payload = json.dumps([criterion_key(c) for c in criteria], ensure_ascii=False, separators=(",", ":"))
    return f"{release}.{hashlib.sha256(payload.encode()).hexdigest()[:FINGERPRINT_LENGTH]}"


def snapshot(results: Sequence[Result]) -> dict[str, dict[str, str]]:
    """Return what a review saw, per criterion id: its status and the sentence it read."""
    return {r.criterion.id: {"status": r.status.value, "text": r.criterion.text} for r in results}


def status_label(value: str) -> str:
    """Return a stored status in words ("not documented"), or the stored text when it is unknown."""
    status = Status._value2member_map_.get(value)
    return status.label if status is not None else (value or "not judged")


@dataclass(frozen=True)
class CriterionChange:
    """One criterion that changed for a case: its id and sentence, and its status before and now."""

    id: str
    text: str
    before: str = ""
    now: str = ""
    text_before: str = ""


@dataclass(frozen=True)
class PolicyChange:
    """What changed for one case between its review and now: criteria added, removed, reworded, re-judged."""

    added: tuple[CriterionChange, ...] = ()
    removed: tuple[CriterionChange, ...] = ()
    reworded: tuple[CriterionChange, ...] = ()
    status_changed: tuple[CriterionChange, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.added or self.removed or self.reworded or self.status_changed)


def entry(value) -> tuple[str, str]:
    """Return (status, text) of one stored snapshot entry; a bare status string is also read."""
    if isinstance(value, Mapping):
        return str(value.get("status", "")), str(value.get("text", ""))
    return str(value or ""), ""


def policy_changes(reviewed: Mapping[str, object], results: Sequence[Result]) -> PolicyChange:
    """Return what changed for this case between the reviewed snapshot and the findings judged now."""
    reviewed = reviewed or {}
    now = {r.criterion.id: r for r in results}
    added, reworded, status_changed = [], [], []
    for criterion_id, result in now.items():
        text, status = result.criterion.text, status_label(result.status.value)
        if criterion_id not in reviewed:
            added.append(CriterionChange(criterion_id, text, now=status))
            continue
        before_status, before_text = entry(reviewed[criterion_id])
        if before_text and before_text != text:
            reworded.append(CriterionChange(criterion_id, text, text_before=before_text))
        if before_status != result.status.value:
            status_changed.append(
                CriterionChange(criterion_id, text, before=status_label(before_status), now=status)
            )
    removed = [
        CriterionChange(criterion_id, entry(value)[1], before=status_label(entry(value)[0]))
        for criterion_id, value in reviewed.items()
        if criterion_id not in now
    ]
    return PolicyChange(tuple(added), tuple(removed), tuple(reworded), tuple(status_changed))


@dataclass(frozen=True)
class Recheck:
    """An issued letter judged again with the tables in force on the day that judged it."""

    judged_on: date
    version_then: str
    version_now: str
    changes: PolicyChange
    rows: tuple[CriterionChange, ...]

    @property
    def same_encoding(self) -> bool:
        """Return True when the tables of that day still have the fingerprint they had at issue."""
        return self.version_then == self.version_now
