"""BCBSA policy 7.01.25 as adopted by many Blue plans: SCS and DRG stimulation on the same terms."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from .. import scoring
from ..choices import BluePlan, NicotineUse, StimulationMode
from ..display import format_date
from ..facts import CaseFacts
from ..rules import Criterion, Finding, met, not_documented, not_met
from . import predicates as p
from . import trial_outcome as t
from .groups import ALL_STIMULATORS, DRG, NEW_STIMULATORS, PERMANENT, REPLACEMENT
from .medicare_rules import replacement_reason
from .sources import (
    BCBS_MINNESOTA_2026,
    BCBSA_70125,
    MP_328,
    REPLACEMENT_DOCUMENTATION,
    SECONDARY,
    cite,
)
from .versions import judging_date

TRIAL_RELIEF_PERCENT = Decimal(50)
# MP-328, a Blue-style policy, defines moderate to severe as ≥ 5/10 VAS present ≥ 3 months (SECONDARY).
SEVERE_PAIN_NRS = 5
CHRONIC_PAIN_MONTHS = 3
NAMED_MODES = frozenset({StimulationMode.TONIC, StimulationMode.HIGH_FREQUENCY})


def severe_chronic_pain(facts: CaseFacts, today: date) -> Finding:
    """Severe chronic pain of the trunk or limbs: at least 5/10 for at least 3 months."""
    dx = facts.diagnosis
    pain = dx.pain_nrs if dx.pain_nrs is not None else facts.baselines.pain_nrs_average
    months = scoring.pain_duration_months(dx, today)
    need = f"need ≥ {SEVERE_PAIN_NRS}/10 for ≥ {CHRONIC_PAIN_MONTHS} months"
    if pain is None or months is None:
        return not_documented(f"pain score or onset not recorded; {need}")
    text = f"pain {pain}/10 for {months} months"
    if pain >= SEVERE_PAIN_NRS and months >= CHRONIC_PAIN_MONTHS:
        return met(text)
    return not_met(f"{text}; {need}")


def named_technology(facts: CaseFacts, today: date) -> Finding:
    """Standard or high-frequency SCS, or DRG stimulation: the technologies the policy names."""
    if facts.request.procedure in DRG:
        return met("dorsal root ganglion stimulation, covered on the same terms as SCS")
    mode = facts.request.stimulation_mode
    if mode is None:
        return not_documented("stimulation waveform not recorded")
    if mode in NAMED_MODES:
        return met(f"{mode.label.lower()} spinal cord stimulation")
    return not_met(f"{mode.label} is not among the waveforms the policy names")


def bcbsa(topic, text, section, applies, predicate, step, field="", citation=BCBSA_70125) -> Criterion:
    """Return a 7.01.25 criterion."""
    return Criterion(
        f"bcbsa.70125.{topic}", text, cite(citation, section), applies, predicate, True, step, field
    )


CRITERIA = (
    bcbsa(
        "last_resort",
        "Stimulation is a last resort: other treatment modalities failed or are unsuitable.",
        "Policy",
        NEW_STIMULATORS,
        p.other_modalities_failed_or_unsuitable,
        "therapy",
    ),
    bcbsa(
        "severe_chronic_pain",
        f"Severe chronic pain of the trunk or limbs (at least {SEVERE_PAIN_NRS}/10 for "
        f"{CHRONIC_PAIN_MONTHS} months).",
        "Moderate to severe pain, as MP-328 defines it",
        NEW_STIMULATORS,
        severe_chronic_pain,
        "diagnosis",
        "pain_nrs",
        MP_328,
    ),
    bcbsa(
        "no_drug_habituation",
        "No serious untreated drug habituation.",
        "Policy",
        NEW_STIMULATORS,
        p.no_substance_use_disorder(treated_counts_as_active=False),
        "psych",
        "substance_use",
    ),
    bcbsa(
        "trial_relief",
        f"A temporary electrode gave at least {TRIAL_RELIEF_PERCENT}% pain relief.",
        "Policy",
        PERMANENT,
        t.trial_relief_at_least(TRIAL_RELIEF_PERCENT),
        "trial",
        "pain_during_nrs",
    ),
    bcbsa(
        "technology",
        "The stimulation is one the policy names: standard or high-frequency SCS, or DRG stimulation.",
        "Policy",
        ALL_STIMULATORS,
        named_technology,
        "request",
        "stimulation_mode",
        cite(BCBSA_70125, "", SECONDARY),
    ),
    bcbsa(
        "replacement_reason",
        "Revision or replacement of a working system for a device problem; no new trial is needed.",
        "Revision and replacement",
        REPLACEMENT,
        replacement_reason,
        "device",
        "problem",
        REPLACEMENT_DOCUMENTATION,
    ),
)


# BCBS Minnesota tightens 7.01.25 for cases dated on or after 2026-09-07 (updates U2, SECONDARY: verify).
MINNESOTA_FROM = date(2026, 9, 7)
MINNESOTA_CONSERVATIVE_CARE_MONTHS = 6
MINNESOTA_PAIN_NRS = 5
MINNESOTA_NICOTINE_FREE_DAYS = 42  # 6 weeks


def pain_at_least(threshold: int):
    """Pain is at least `threshold`/10, read as the other 7.01.25 and CPB 0194 criteria read it."""

    def predicate(facts: CaseFacts, today: date) -> Finding:
        dx = facts.diagnosis
        pain = dx.pain_nrs if dx.pain_nrs is not None else facts.baselines.pain_nrs_average
        need = f"need ≥ {threshold}/10"
        if pain is None:
            return not_documented(f"pain score not recorded; {need}")
        if pain >= threshold:
            return met(f"pain {pain}/10 (≥ {threshold}/10)")
        return not_met(f"pain {pain}/10; {need}")

    return predicate


def nicotine_free_for(days: int):
    """The patient never used nicotine, or stopped at least `days` days before the case's date."""

    def predicate(facts: CaseFacts, today: date) -> Finding:
        safety = facts.safety
        use = safety.nicotine_use
        need = f"need ≥ {days} days ({days // 7} weeks) nicotine-free"
        if use is None:
            return not_documented(f"nicotine use not recorded; {need}")
        if use is NicotineUse.NEVER:
            return met("never used nicotine")
        if use is NicotineUse.CURRENT:
            return not_met(f"current nicotine use; {need}")
        if safety.nicotine_free_on is None:
            return not_documented(f"former nicotine user; date stopped not recorded; {need}")
        on = judging_date(facts, today)
        free = (on - safety.nicotine_free_on).days
        text = f"nicotine-free since {format_date(safety.nicotine_free_on)}: {free} days by {format_date(on)}"
        return met(f"{text} (≥ {days})") if free >= days else not_met(f"{text}; {need}")

    return predicate


def minnesota(topic, text, predicate, step, field="", reads=frozenset()) -> Criterion:
    """Return a BCBS Minnesota criterion, in force for cases dated from 2026-09-07."""
    return Criterion(
        f"bcbsa.mn.{topic}",
        text,
        cite(BCBS_MINNESOTA_2026, "Policy change effective 2026-09-07"),
        NEW_STIMULATORS,
        predicate,
        True,
        step,
        field,
        reads,
        in_force_from=MINNESOTA_FROM,
    )


MINNESOTA_CRITERIA = (
    minnesota(
        "conservative_care",
        f"At least {MINNESOTA_CONSERVATIVE_CARE_MONTHS} months of conservative care failed "
        "(BCBS Minnesota, from 2026-09-07).",
        p.conservative_care_at_least(MINNESOTA_CONSERVATIVE_CARE_MONTHS),
        "therapy",
    ),
    minnesota(
        "psych_evaluation",
        "A psychological evaluation cleared the patient (BCBS Minnesota, from 2026-09-07).",
        p.psych_cleared,
        "psych",
        "conclusion",
    ),
    minnesota(
        "pain_severity",
        f"Pain is at least {MINNESOTA_PAIN_NRS}/10 (BCBS Minnesota, from 2026-09-07).",
        pain_at_least(MINNESOTA_PAIN_NRS),
        "diagnosis",
        "pain_nrs",
        frozenset({"baselines"}),
    ),
    minnesota(
        "nicotine_free",
        f"Nicotine-free for at least {MINNESOTA_NICOTINE_FREE_DAYS // 7} weeks before the procedure "
        "(BCBS Minnesota, from 2026-09-07).",
        nicotine_free_for(MINNESOTA_NICOTINE_FREE_DAYS),
        "safety",
        "nicotine_use",
    ),
)


def is_minnesota(facts: CaseFacts) -> bool:
    """Return True when the member's Blue plan is BCBS Minnesota."""
    return facts.request.blue_plan is BluePlan.BCBS_MINNESOTA
