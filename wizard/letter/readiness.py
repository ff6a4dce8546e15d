"""The patient's readiness: the psychological evaluation, the shared decision to proceed, why this procedure
now, and the plan after it."""

from __future__ import annotations

from datetime import date

from ..core.display import format_date
from ..core.facts import CaseFacts
from ..core.steps import TRIAL_PROCEDURES
from .content import Section
from .prose import keep, sentence, words

YES_NO_FINDINGS = (
    (
        "realistic_expectations",
        "the patient has realistic expectations",
        "the patient's expectations are not realistic",
    ),
    (
        "able_to_operate_device",
        "the patient is able to operate the device",
        "the patient may not be able to operate the device",
    ),
    ("drug_screen_reviewed", "urine drug screens were reviewed", "urine drug screens were not reviewed"),
    (
        "recommendations_completed",
        "the evaluator's recommendations were completed",
        "the evaluator's recommendations are not yet completed",
    ),
)


def psych_section(facts: CaseFacts, today: date) -> Section:
    """The psychological evaluation: who, when, with what, and what they concluded."""
    p = facts.psych
    who = p.evaluator_name or "an evaluator"
    credential = f" ({p.evaluator_credential.label.lower()})" if p.evaluator_credential else ""
    on = f" on {format_date(p.evaluated_on)}" if p.evaluated_on else ""
    tools = f" using {words([i.label for i in p.instruments])}" if p.instruments else ""
    sentences = []
    if p.conclusion or p.evaluator_name or p.evaluated_on:
        concluded = f" and concluded: {p.conclusion.label.lower()}" if p.conclusion else ""
        sentences.append(sentence(f"{who}{credential} evaluated the patient{on}{tools}{concluded}"))
    if p.recommendations:
        sentences.append(sentence(f"recommendations: {p.recommendations}"))
    if p.substance_use:
        sentences.append(sentence(f"substance use: {p.substance_use.label.lower()}"))
    for name, yes, no in YES_NO_FINDINGS:
        value = getattr(p, name)
        if value is not None:
            sentences.append(sentence(yes if value else no))
    return Section("Psychological evaluation", tuple(sentences))


def decision_section(facts: CaseFacts, today: date) -> Section:
    """Shared decision-making: risks and benefits, alternatives, the patient's wish."""
    d = facts.decision
    on = f" on {format_date(d.discussed_on)}" if d.discussed_on else ""
    return Section(
        "Shared decision",
        keep(
            sentence(
                f"we discussed the specific risks and benefits{on}"
                + (f": {d.risks_notes}" if d.risks_notes else "")
            )
            if d.risks_benefits_discussed
            else "",
            sentence(
                "we discussed the alternatives"
                + (f": {d.alternatives_notes}" if d.alternatives_notes else "")
            )
            if d.alternatives_discussed
            else "",
            sentence(
                "the patient wishes to proceed"
                + (f" and says: “{d.patient_statement}”" if d.patient_statement else "")
            )
            if d.patient_wishes_to_proceed
            else "",
            sentence("facilities and staff for the procedure, training and follow-up are available")
            if d.facilities_available
            else "",
        ),
    )


def why_now_section(facts: CaseFacts, today: date) -> Section:
    """Why this procedure, now: the clinician's reasons, the trial's success definition, the existing system."""
    d = facts.decision
    trial = facts.request.procedure in TRIAL_PROCEDURES
    success = (
        f"the trial will count as a success if it shows: {d.trial_success_definition}"
        if trial
        else f"the trial was to count as a success if it showed: {d.trial_success_definition}"
    )
    return Section(
        "Why this procedure, now",
        keep(
            sentence(d.why_now) if d.why_now else "",
            sentence(success) if d.trial_success_definition else "",
            sentence(f"plan for the existing system: {d.existing_system_plan}")
            if d.existing_system_plan
            else "",
        ),
    )


def after_procedure_section(facts: CaseFacts, today: date) -> Section:
    """The plan after the procedure: rehabilitation, medication taper, follow-up and the measures repeated."""
    plan = facts.decision.post_procedure_plan
    return Section("Plan after the procedure", keep(sentence(plan) if plan else ""))
