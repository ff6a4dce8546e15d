"""Function and pain at baseline: the ODI, pain scores, daily activities and the opioid dose in MME."""

from __future__ import annotations

from datetime import date

from ..core import mme, scoring
from ..core.display import format_date
from ..core.facts import CaseFacts
from .content import Section
from .prose import keep, sentence, words


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
