"""Predicates shared by the payer tables: each turns facts into met, not met or not documented.

Builders take the threshold (a named constant beside its citation in the payer module) and return the
predicate. Evidence lines state the patient's value and the threshold.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal

from .. import scoring
from ..choices import (
    EvaluatorCredential,
    OtherTherapyKind,
    PsychConclusion,
    SubstanceUse,
    TherapyOutcome,
)
from ..display import format_date
from ..facts import CaseFacts
from ..rules import Finding, Predicate, met, not_documented, not_met
from ..steps import PERMANENT_PROCEDURES

CLEARED = frozenset({PsychConclusion.CLEARED, PsychConclusion.CLEARED_WITH_RECOMMENDATIONS})


def psych_cleared(facts: CaseFacts, today: date) -> Finding:
    """A qualified evaluator cleared the patient, dated before the trial (or the planned procedure)."""
    psych = facts.psych
    if psych.conclusion is None or psych.evaluated_on is None:
        return not_documented("no dated psychological evaluation with a conclusion")
    who = psych.evaluator_credential.label.lower() if psych.evaluator_credential else "evaluator"
    text = f"{psych.conclusion.label.lower()} by {psych.evaluator_name or 'the'} {who} on {format_date(psych.evaluated_on)}"
    if psych.conclusion not in CLEARED:
        return not_met(text)
    if psych.evaluator_credential is None:
        return not_documented(f"{text}; evaluator's qualification not recorded")
    must_precede, event = psych_deadline(facts)
    if must_precede is not None and psych.evaluated_on > must_precede:
        return not_met(f"{text}, after the {event} on {format_date(must_precede)}")
    return met(text)


def psych_deadline(facts: CaseFacts) -> tuple[date | None, str]:
    """Return the date the evaluation must precede: the trial for an implant, else the planned procedure."""
    if facts.request.procedure in PERMANENT_PROCEDURES and facts.trial.started_on is not None:
        return facts.trial.started_on, "trial"
    return facts.request.planned_on, "planned procedure"


def evaluator_qualified(
    accepted: frozenset[EvaluatorCredential],
    listing: str,
    *,
    binds: Callable[[CaseFacts], bool | None] | None = None,
    scope: str = "",
) -> Predicate:
    """The evaluator's profession is one the contractor lists (`listing` names them for the evidence).

    `binds`, when given, says whether the list binds this request (True), does not (False: met, with
    `scope` saying why), or cannot tell yet (None: not documented).
    """

    def predicate(facts: CaseFacts, today: date) -> Finding:
        credential = facts.psych.evaluator_credential
        if credential is None:
            return not_documented(f"evaluator's profession not recorded; {listing}")
        text = f"evaluator: {credential.label.lower()}"
        if credential in accepted:
            return met(f"{text} ({listing})")
        applies = True if binds is None else binds(facts)
        if applies is False:
            return met(f"{text}; {scope}")
        if applies is None:
            return not_documented(f"{text}; {scope}; {listing}")
        return not_met(f"{text}; {listing}")

    return predicate


def no_substance_use_disorder(*, treated_counts_as_active: bool) -> Predicate:
    """No active (Medicare) or no untreated (commercial) substance use disorder.

    A disorder in remission on maintenance therapy (DSM-5 specifier) is neither active nor untreated;
    "under active treatment" is active use being treated, which Medicare's L36204 excludes.
    """
    failing = {SubstanceUse.UNTREATED} | ({SubstanceUse.TREATED} if treated_counts_as_active else set())

    def predicate(facts: CaseFacts, today: date) -> Finding:
        status = facts.psych.substance_use
        if status is None:
            return not_documented("substance use not addressed")
        return not_met(status.label) if status in failing else met(status.label)

    return predicate


def conservative_care_at_least(months: int) -> Predicate:
    """Conservative care has lasted at least `months` months without adequate relief."""

    def predicate(facts: CaseFacts, today: date) -> Finding:
        # Counted from the first failed conservative treatment after onset (updates U6), as a reviewer would.
        started = scoring.first_failed_conservative_care_on(facts.therapy, facts.diagnosis.onset_on)
        if started is None:
            outcomes = conservative_outcomes(facts)
            if outcomes and not any(o.failed for o in outcomes):
                return not_met("every recorded treatment is documented as effective")
            return not_documented(
                f"no dated treatment recorded as failed after the onset of pain; need ≥ {months} months"
            )
        done = scoring.months_between(started, today)
        text = f"{done} months since {format_date(started)}, the first failed treatment after onset"
        if done < months:
            return not_met(f"{text}; need ≥ {months}")
        return met(f"{text} (≥ {months}) without adequate relief")

    return predicate


def odi_at_least(threshold: Decimal) -> Predicate:
    """Baseline ODI is at least `threshold` percent."""

    def predicate(facts: CaseFacts, today: date) -> Finding:
        score = scoring.score_odi(facts.baselines.odi.scores())
        if score is None:
            return not_documented(f"no baseline ODI; need ≥ {threshold}%")
        text = f"ODI {score.percent}% ({score.band}, {score.answered}/10 sections)"
        return (
            met(f"{text} (≥ {threshold}%)")
            if score.percent >= threshold
            else not_met(f"{text}; need ≥ {threshold}%")
        )

    return predicate


def in_person_pt_weeks_at_least(weeks: int) -> Predicate:
    """In-person PT with a licensed therapist for at least `weeks` weeks in the past 12 months."""

    def predicate(facts: CaseFacts, today: date) -> Finding:
        done = scoring.in_person_pt_weeks_last_year(facts.therapy, today)
        if done is None:
            return not_documented(
                f"no physical therapy recorded; need ≥ {weeks} weeks in person in 12 months"
            )
        text = f"{done} weeks of in-person licensed PT in the last 12 months"
        if done >= weeks:
            return met(f"{text} (≥ {weeks})")
        undecided = scoring.undecided_pt_courses(facts.therapy, today)
        if undecided:
            numbers = ", ".join(str(n) for n in undecided)
            return not_documented(
                f"{text}; course {numbers} lacks its start date, last visit, licence or setting; need ≥ {weeks}"
            )
        return not_met(f"{text}; need ≥ {weeks}")

    return predicate


def spine_surgery_longer_ago_than(months: int) -> Predicate:
    """Any spine surgery was more than `months` months ago (or the patient has had none)."""

    def predicate(facts: CaseFacts, today: date) -> Finding:
        therapy = facts.therapy
        if scoring.undated_spine_surgeries(therapy):
            return not_documented("a spine surgery is listed without its date")
        last = scoring.last_spine_surgery_on(therapy)
        if last is None:
            if therapy.had_spine_surgery is False:
                return met("no spine surgery")
            return not_documented(
                "spine surgery history not recorded (answer the question, date each surgery)"
            )
        since = scoring.months_between(last, today)
        text = f"last spine surgery {format_date(last)}, {since} months ago"
        return met(f"{text} (> {months})") if since > months else not_met(f"{text}; need > {months}")

    return predicate


def answered(
    getter: Callable[[CaseFacts], bool | None], yes: str, no: str, missing: str, *, good: bool = True
):
    """Judge a yes/no fact: `good` is the answer that meets the criterion."""

    def predicate(facts: CaseFacts, today: date) -> Finding:
        value = getter(facts)
        if value is None:
            return not_documented(missing)
        return met(yes if value else no) if value is good else not_met(yes if value else no)

    return predicate


MODALITIES = ("pharmacological", "physical", "psychological", "surgical")


def modality_status(facts: CaseFacts) -> dict[str, tuple[str, str]]:
    """Return, per modality, ('failed' | 'effective' | 'unsuitable' | 'missing', evidence words)."""
    therapy = facts.therapy
    psych_rows = [o for o in therapy.other_therapies if o.kind == OtherTherapyKind.PSYCHOLOGICAL]
    spine = [s for s in therapy.surgeries if s.kind is not None and s.kind.is_spine]
    tried = {
        "pharmacological": [m.outcome for m in therapy.medications],
        "physical": [p.outcome for p in therapy.pt_courses],
        "psychological": [o.outcome for o in psych_rows],
        # A spine surgery before a stimulator request is one whose pain persisted.
        "surgical": [TherapyOutcome.INEFFECTIVE for _ in spine],
    }
    reasons = {
        "pharmacological": therapy.medication_unsuitable_reason,
        "physical": therapy.pt_unsuitable_reason,
        "psychological": therapy.psych_therapy_unsuitable_reason,
        "surgical": therapy.surgery_unsuitable_reason,
    }
    status = {}
    for modality in MODALITIES:
        outcomes = tried[modality]
        failed = [o for o in outcomes if o is not None and TherapyOutcome(o).failed]
        if failed:
            status[modality] = ("failed", f"{modality} {len(failed)} failed")
        elif outcomes and all(o == TherapyOutcome.EFFECTIVE for o in outcomes):
            status[modality] = ("effective", f"{modality} effective")
        elif reasons[modality]:
            status[modality] = ("unsuitable", f"{modality} judged unsuitable")
        else:
            status[modality] = (
                "missing",
                f"{modality} not documented" + (" (outcome missing)" if outcomes else ""),
            )
    return status


def other_modalities_failed_or_unsuitable(facts: CaseFacts, today: date) -> Finding:
    """Pharmacological, physical, psychological and surgical treatment each failed or was judged unsuitable."""
    status = modality_status(facts)
    text = "; ".join(words for _, words in status.values())
    kinds = {kind for kind, _ in status.values()}
    if "effective" in kinds:
        return not_met(text)
    if "missing" in kinds:
        return not_documented(text)
    return met(text)


def conservative_outcomes(facts: CaseFacts) -> list[TherapyOutcome]:
    """Return the recorded outcomes of medications, PT courses and other therapies."""
    therapy = facts.therapy
    rows = [*therapy.medications, *therapy.pt_courses, *therapy.other_therapies]
    return [TherapyOutcome(r.outcome) for r in rows if r.outcome is not None]
