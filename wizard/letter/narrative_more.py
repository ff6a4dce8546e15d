"""Narrative sections after the history: function, psychology, safety, trial, device, blocks, decision."""

from __future__ import annotations

from datetime import date

from ..core import mme, scoring
from ..core.anticoagulation import antithrombotic_advice
from ..core.choices import TrialKind
from ..core.display import format_date, format_hours, format_value
from ..core.facts import AntithromboticUse, CaseFacts
from ..core.hold_comparison import AdviceStatus
from .content import Section
from .narrative import item, keep, plural, relief_text, sentence, words


def odi_text(answers) -> str:
    """Return '56.0% (severe disability; 10 of 10 sections answered)' or ''."""
    score = scoring.score_odi(answers.scores())
    if score is None:
        return ""
    return f"{score.percent}% ({score.band}; {score.answered} of 10 sections answered)"


def function_section(facts: CaseFacts, today: date) -> Section:
    """Function and pain at baseline: ODI, pain scores, daily activities, opioid dose."""
    b = facts.baselines
    when = f" on {format_date(b.odi_completed_on)}" if b.odi_completed_on else ""
    odi = odi_text(b.odi)
    pain = []
    if b.pain_nrs_average is not None:
        pain.append(f"average {b.pain_nrs_average}/10")
    if b.pain_nrs_worst is not None:
        pain.append(f"worst {b.pain_nrs_worst}/10")
    limits = [a.label.lower() for a in b.adl_limits]
    return Section(
        "Function and pain",
        keep(
            sentence(f"the Oswestry Disability Index (v2.1a){when} was {odi}") if odi else "",
            sentence(f"pain over the past week: {words(pain)}") if pain else "",
            sentence(f"pain limits {words(limits)}") if limits else "",
            sentence(b.adl_notes) if b.adl_notes else "",
            opioid_sentence(facts, today),
        ),
    )


def opioid_sentence(facts: CaseFacts, today: date) -> str:
    """Baseline opioid use: 'takes no opioids', the MME (and what it was computed from), or nothing."""
    baseline = mme.baseline_mme(facts, today)
    computed = baseline.computed
    # A version-1 row whose opioid was never chosen is the clinician's to fix, not the payer's to read.
    unconverted = "; ".join(u.text for u in computed.named_unconverted)
    if baseline.value is None:
        return (
            sentence(f"current opioids not converted to morphine milligram equivalents: {unconverted}")
            if unconverted
            else ""
        )
    if baseline.takes_none:
        return sentence("the patient takes no opioids")
    if baseline.value == 0:
        return sentence(
            f"no opioid is counted in morphine milligram equivalents; not converted: {unconverted}"
        )
    text = (
        f"current opioid use is {mme.display_number(baseline.value)} morphine milligram equivalents per day"
    )
    if baseline.is_computed:
        lines = "; ".join(line.text for line in computed.lines)
        text += f" (computed from: {lines}; {mme.LETTER_SOURCE})"
    elif baseline.differs:
        text += (
            f" as stated; the medication rows give {mme.display_number(computed.total)} with the "
            f"{mme.LETTER_SOURCE} ({baseline.reason.strip()})"
        )
    return sentence(f"{text}; not converted: {unconverted}" if unconverted else text)


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


# Plans that follow ASRA 2018: at least its interval, no hold where it gives none, or its shared assessment.
WITHIN_GUIDANCE = frozenset(
    {AdviceStatus.CONSISTENT, AdviceStatus.NO_HOLD_IN_GUIDELINE, AdviceStatus.SHARED_ASSESSMENT}
)
SAFETY_FACTS = (
    ("active_infection", "there is no active infection", "there is an active infection"),
    ("immunocompromised", "the patient is not immunocompromised", "the patient is immunocompromised"),
    ("bleeding_disorder", "there is no known bleeding disorder", "there is a known bleeding disorder"),
    (
        "cardiac_device",
        "there is no cardiac pacemaker or defibrillator",
        "the patient has a cardiac pacemaker or defibrillator",
    ),
    ("pregnant", "the patient is not pregnant", "the patient is pregnant"),
    (
        "future_mri_needed",
        "future MRI is anticipated, so an MRI-conditional system is planned",
        "no future MRI is anticipated",
    ),
)


def safety_section(facts: CaseFacts, today: date) -> Section:
    """Contraindications and safety: infection, coagulation, antithrombotic plans, devices, anatomy."""
    s = facts.safety
    sentences = []
    for name, no_text, yes_text in SAFETY_FACTS:
        value = getattr(s, name)
        if value is not None:
            # future_mri_needed reads the other way round: True is the noteworthy answer.
            noteworthy = name == "future_mri_needed"
            sentences.append(
                sentence((no_text if value else yes_text) if noteworthy else (yes_text if value else no_text))
            )
    if s.inr is not None:
        sentences.append(sentence(f"INR {s.inr}" + (f" on {format_date(s.inr_on)}" if s.inr_on else "")))
    if s.platelets is not None:
        on = f" on {format_date(s.platelets_on)}" if s.platelets_on else ""
        sentences.append(sentence(f"platelets {s.platelets} ×10³/µL{on}"))
    if s.anatomical_constraints:
        sentences.append(sentence(f"anatomy: {s.anatomical_constraints}"))
    items, within, agreed = antithrombotic_items(facts)
    if within and agreed:
        sentences.append(
            sentence(
                "each antithrombotic plan is within the ASRA 2018 interval and agreed with its prescriber"
            )
        )
    elif agreed:
        sentences.append(sentence("each antithrombotic plan was agreed with its prescriber"))
    return Section("Safety", tuple(sentences), items)


TRIAL_KINDS = {
    TrialKind.PERCUTANEOUS: "percutaneous trial",
    TrialKind.STAGED: "staged trial with surgically placed leads",
}


def trial_section(facts: CaseFacts, today: date) -> Section:
    """The trial: length, leads, pain and analgesics before and during, function, the patient's view."""
    t = facts.trial
    days = scoring.trial_days(t)
    leads = f" with {plural(t.lead_count, 'lead')}" if t.lead_count is not None else ""
    contacts = f" ({plural(t.contacts_total, 'contact')})" if t.contacts_total is not None else ""
    kind = TRIAL_KINDS.get(t.kind, "trial")
    hours = scoring.trial_hours(t)
    length = plural(days, "day") + (f", {format_hours(hours)}" if hours is not None else "")
    span = (
        f" from {format_date(t.started_on)} to {format_date(t.ended_on)} ({length})"
        if days is not None
        else ""
    )
    odi_before, odi_during = (
        scoring.score_odi(facts.baselines.odi.scores()),
        scoring.score_odi(t.odi.scores()),
    )
    gains = [g.label.lower() for g in t.functional_gains]
    view = []
    if t.satisfied is not None:
        view.append(
            "the patient was satisfied with the trial"
            if t.satisfied
            else "the patient was not satisfied with the trial"
        )
    if t.wishes_to_proceed is not None:
        view.append("wishes to proceed" if t.wishes_to_proceed else "does not wish to proceed")
    relief = relief_text(t.pain_before_nrs, t.pain_during_nrs)
    odi = (
        f"the ODI went from {odi_before.percent}% to {odi_during.percent}%"
        if odi_before and odi_during
        else ""
    )
    repeat = t.is_repeat_trial and t.prior_failure_reason
    return Section(
        "Trial",
        keep(
            sentence(f"a {kind}{leads}{contacts} ran{span}") if (span or leads) else "",
            sentence(f"target-area {relief}") if relief else "",
            opioid_change(t),
            sentence(odi),
            sentence(f"functions that improved: {words(gains)}") if gains else "",
            sentence(t.functional_notes) if t.functional_notes else "",
            sentence(words(view)) if view else "",
            sentence(f"adverse events: {t.adverse_events}") if t.adverse_events else "",
            sentence(f"this was a repeat trial; the earlier trial failed because {t.prior_failure_reason}")
            if repeat
            else "",
        ),
    )


def device_section(facts: CaseFacts, today: date) -> Section:
    """The current system: when, what, the problem, the benefit before it, reprogramming."""
    d = facts.device
    relief = relief_text(d.pain_before_implant_nrs, d.pain_with_device_nrs)
    return Section(
        "Current stimulator",
        keep(
            sentence(item(f"implanted on {format_date(d.implanted_on)}" if d.implanted_on else "", d.system))
            if d.implanted_on or d.system
            else "",
            sentence(
                f"problem: {d.problem.label.lower()}"
                + (f", found on {format_date(d.problem_noted_on)}" if d.problem_noted_on else "")
            )
            if d.problem
            else "",
            sentence(d.problem_details) if d.problem_details else "",
            sentence(f"while it worked: {relief}") if relief else "",
            sentence(d.benefit_notes) if d.benefit_notes else "",
            sentence(
                f"{plural(d.reprogramming_attempts, 'reprogramming session')} {'was' if d.reprogramming_attempts == 1 else 'were'} tried"
            )
            if d.reprogramming_attempts is not None
            else "",
            sentence(d.reprogramming_notes) if d.reprogramming_notes else "",
        ),
    )


def blocks_section(facts: CaseFacts, today: date) -> Section:
    """Earlier sympathetic blocks, their relief and its trend, and the programme they sit in."""
    b = facts.blocks
    ordered = scoring.sorted_blocks(b.blocks)
    items = tuple(
        item(
            format_value(x.performed_on),
            format_value(x.side).lower(),
            x.levels,
            relief_text(x.pain_before_nrs, x.pain_after_nrs),
            f"relief lasted {plural(x.relief_days, 'day')}" if x.relief_days is not None else "",
            x.rehabilitation,
        )
        for x in ordered
    )
    trend = scoring.block_relief_increasing(ordered)
    durations = " → ".join(str(x.relief_days) for x in ordered if x.relief_days is not None)
    return Section(
        "Sympathetic blocks",
        keep(
            sentence("this is the patient's first sympathetic block for this condition")
            if b.first_block and not ordered
            else "",
            sentence(f"relief has lengthened with each block: {durations} days") if trend else "",
            sentence(f"relief has not lengthened with each block: {durations} days")
            if trend is False
            else "",
            sentence(
                "the blocks are part of a comprehensive pain programme"
                + (f": {b.program_notes}" if b.program_notes else "")
            )
            if b.comprehensive_program
            else "",
        ),
        items,
    )


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


def opioid_change(t) -> str:
    """Return how opioid use changed during the trial, or ''."""
    if t.mme_before is None or t.mme_during is None:
        return ""
    before, during = format_value(t.mme_before), format_value(t.mme_during)
    change = scoring.percent_reduction(t.mme_before, t.mme_during)
    if change is None or t.mme_during == t.mme_before:
        return (
            sentence(f"opioid use was unchanged at {before} MME per day")
            if t.mme_before == t.mme_during
            else ""
        )
    if t.mme_during < t.mme_before:
        return sentence(f"opioid use fell from {before} to {during} MME per day ({change}% reduction)")
    return sentence(f"opioid use rose from {before} to {during} MME per day")


def antithrombotic_items(facts: CaseFacts) -> tuple[tuple[str, ...], bool, bool]:
    """Return one item per antithrombotic, whether every plan is within ASRA, and whether each is agreed."""
    uses = [use for use in facts.safety.antithrombotics if use != AntithromboticUse()]
    # The antithrombotic rows only (the medication list's NSAIDs/SSRIs stay in the clinician's advisory).
    advice = [given for given in antithrombotic_advice(facts) if not given.from_medications]
    items = []
    for use, given in zip(uses, advice, strict=False):
        planned = (
            f"planned hold {use.planned_hold} {use.hold_unit.label}"
            if use.planned_hold is not None and use.hold_unit
            else ""
        )
        # An unagreed plan stays in the letter as an open item, never dropped.
        agreed = (
            ("agreed with " + (use.prescriber or "the prescriber"))
            if use.prescriber_agreed
            else "plan pending agreement with " + (use.prescriber or "the prescriber")
        )
        guideline = (
            given.guideline if given.risk is not None and given.status != AdviceStatus.NOT_DOCUMENTED else ""
        )
        items.append(item(given.drug_label, planned, agreed, guideline))
    within = bool(advice) and all(a.status in WITHIN_GUIDANCE for a in advice)
    all_agreed = bool(uses) and all(use.prescriber_agreed for use in uses)
    return tuple(items), within, all_agreed
