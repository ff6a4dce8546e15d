"""One call that judges a case: payer criteria, verdict, coding, denial risks and antithrombotic advice."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from .anticoagulation import AntithromboticAdvice, antithrombotic_advice
from .choices import Payer
from .coding import Coding, code_request
from .criteria import CRITERIA_VERSION, Profile, profile_for
from .facts import CaseFacts
from .presubmission import DenialRisk, denial_risks
from .rules import Outcome, Result, Verdict, evaluate, verdict


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


def assess(facts: CaseFacts, *, today: date, payer: Payer | str | None = None) -> Assessment:
    """Judge a case against its payer (or another payer, to compare) as of `today`."""
    payer = Payer(payer) if payer is not None else None
    if payer is not None and payer != facts.request.payer:
        # Another payer's names and plan would be wrong on this comparison.
        facts = replace(facts, request=replace(facts.request, payer=payer, payer_name="", plan_name=""))
    profile = profile_for(facts.request.payer)
    results = tuple(evaluate(facts, profile.criteria_for(facts), today=today)) if profile else ()
    coding = code_request(facts)
    return Assessment(
        facts=facts,
        today=today,
        profile=profile,
        results=results,
        verdict=verdict(results),
        coding=coding,
        risks=tuple(denial_risks(facts, results, coding)),
        advice=tuple(antithrombotic_advice(facts)),
    )


def verdict_outcome(facts: CaseFacts, *, today: date) -> Outcome | None:
    """Return just the verdict's outcome for the case's own payer (None without a payer), for the case list."""
    profile = profile_for(facts.request.payer)
    if profile is None:
        return None
    return verdict(evaluate(facts, profile.criteria_for(facts), today=today)).outcome
