"""One call that judges a case: payer criteria, verdict, coding, denial risks, safety holds and advice.

"Can this be sent" is decided once, by `decide`: required criteria not met or not documented, the denial
risks that block, and open safety holds. The verdict, the review, the case list, the letter and issuing all
read that one decision.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date

from .anticoagulation import AntithromboticAdvice, antithrombotic_advice
from .choices import Payer
from .coding import Coding, code_request
from .criteria import CRITERIA_VERSION, Profile, profile_for
from .criteria.versions import (
    CriterionChange,
    Recheck,
    judging_date,
    policy_changes,
    status_label,
    table_version,
)
from .facts import CaseFacts
from .hold_record import Hold
from .presubmission import DenialRisk, denial_risks
from .rules import Blocker, Outcome, Result, Status, Verdict, evaluate, verdict
from .safety_holds import Caution, safety_cautions, safety_holds


@dataclass(frozen=True)
class Assessment:
    facts: CaseFacts
    today: date
    profile: Profile | None
    results: tuple[Result, ...]
    verdict: Verdict
    coding: Coding
    risks: tuple[DenialRisk, ...]
    advice: tuple[AntithromboticAdvice, ...]
    criteria_version: str = CRITERIA_VERSION
    holds: tuple[Hold, ...] = ()
    cautions: tuple[Caution, ...] = ()
    # The date whose tables judged the case (its planned date of service, else today) and their version.
    judged_on: date | None = None
    table_version: str = ""

    @property
    def open_holds(self) -> tuple[Hold, ...]:
        """Return the safety holds that stop the request now."""
        return tuple(h for h in self.holds if h.open)


def covered(gap, blocking: Sequence[Result]) -> bool:
    """Return True when a blocking criterion already stands for this gap (same step and field)."""
    return any(
        r.criterion.step == gap.step and r.criterion.field == gap.field and gap.field for r in blocking
    )


def blockers_for(
    risks: Sequence[DenialRisk], holds: Sequence[Hold], results: Sequence[Result]
) -> tuple[Blocker, ...]:
    """Return the open holds and the blocking risk gaps that no blocking criterion already stands for."""
    blocking = [r for r in results if r.group == "blocking" and r.status is not Status.MET]
    found = [
        Blocker("hold", h.id, f"{h.title} — on hold until {h.until} ({h.evidence})", True, h.step, h.field)
        for h in holds
        if h.open
    ]
    for risk in risks:
        for i, gap in enumerate(risk.blocking_gaps, start=1):
            if not covered(gap, blocking):
                key = f"risk.{risk.key}.{gap.field or i}"
                found.append(Blocker("risk", key, gap.message, gap.failed, gap.step, gap.field, risk.title))
    return tuple({b.id: b for b in found}.values())


@dataclass(frozen=True)
class Decision:
    verdict: Verdict
    coding: Coding
    risks: tuple[DenialRisk, ...]
    holds: tuple[Hold, ...]


def decide(facts: CaseFacts, results: Sequence[Result]) -> Decision:
    """Decide once whether the case can be sent: criteria, blocking denial risks and safety holds."""
    coding = code_request(facts)
    risks = tuple(denial_risks(facts, results, coding))
    holds = safety_holds(facts)
    return Decision(verdict(results, blockers_for(risks, holds, results)), coding, risks, holds)


def assess(facts: CaseFacts, *, today: date, payer: Payer | str | None = None) -> Assessment:
    """Judge a case against its payer (or another payer, to compare) as of `today`."""
    payer = Payer(payer) if payer is not None else None
    if payer is not None and payer != facts.request.payer:
        # Another payer's names, plan, member id and trial authorization would be wrong on this comparison.
        request = replace(facts.request, payer=payer, payer_name="", plan_name="", trial_authorization="")
        facts = replace(facts, request=request, patient=replace(facts.patient, member_id=""))
    profile = profile_for(facts.request.payer)
    judged_on = judging_date(facts, today)
    criteria = profile.criteria_for(facts, judged_on) if profile else ()
    results = tuple(evaluate(facts, criteria, today=today))
    decision = decide(facts, results)
    return Assessment(
        facts=facts,
        today=today,
        profile=profile,
        results=results,
        verdict=decision.verdict,
        coding=decision.coding,
        risks=decision.risks,
        advice=tuple(antithrombotic_advice(facts)),
        holds=decision.holds,
        cautions=safety_cautions(facts),
        judged_on=judged_on,
        table_version=table_version(criteria),
    )


def verdict_outcome(facts: CaseFacts, *, today: date) -> Outcome | None:
    """Return just the verdict's outcome for the case's own payer (None without a payer), for the case list."""
    profile = profile_for(facts.request.payer)
    if profile is None:
        return None
    criteria = profile.criteria_for(facts, judging_date(facts, today))
    return decide(facts, evaluate(facts, criteria, today=today)).verdict.outcome


def judged_tables(facts: CaseFacts, *, today: date) -> tuple[date, str, tuple[Result, ...]]:
    """Return the case's judging date, the version of the tables in force on it, and their findings."""
    profile = profile_for(facts.request.payer)
    judged_on = judging_date(facts, today)
    criteria = profile.criteria_for(facts, judged_on) if profile else ()
    return judged_on, table_version(criteria), tuple(evaluate(facts, criteria, today=today))


def recheck(facts: CaseFacts, *, judged_on: date, version_then: str, issued_on: date, today: date) -> Recheck:
    """Judge an issued letter's facts again with the tables in force on `judged_on`, and with today's.

    Both judge as of the issue day, so only the tables differ: "then" is the tables that judged the letter
    (as encoded now; `same_encoding` says whether their fingerprint still matches), "now" the tables in
    force on the case's date today.
    """
    profile = profile_for(facts.request.payer)
    then_criteria = profile.criteria_for(facts, judged_on) if profile else ()
    now_criteria = profile.criteria_for(facts, judging_date(facts, today)) if profile else ()
    then = tuple(evaluate(facts, then_criteria, today=issued_on))
    now = tuple(evaluate(facts, now_criteria, today=issued_on))
    before = {r.criterion.id: {"status": r.status.value, "text": r.criterion.text} for r in then}
    now_by_id = {r.criterion.id: r for r in now}
    rows = [
        CriterionChange(
            r.criterion.id,
            r.criterion.text,
            before=status_label(r.status.value),
            now=status_label(now_by_id[r.criterion.id].status.value) if r.criterion.id in now_by_id else "",
        )
        for r in then
    ]
    rows += [
        CriterionChange(r.criterion.id, r.criterion.text, now=status_label(r.status.value))
        for r in now
        if r.criterion.id not in before
    ]
    return Recheck(
        judged_on=judged_on,
        version_then=version_then,
        version_now=table_version(then_criteria),
        changes=policy_changes(before, now),
        rows=tuple(rows),
    )
