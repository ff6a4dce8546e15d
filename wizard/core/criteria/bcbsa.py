"""BCBSA policy 7.01.25 as adopted by many Blue plans: SCS and DRG stimulation on the same terms."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from .. import scoring
from ..choices import StimulationMode
from ..facts import CaseFacts
from ..rules import Criterion, Finding, met, not_documented, not_met
from . import predicates as p
from . import trial_outcome as t
from .groups import ALL_STIMULATORS, DRG, NEW_STIMULATORS, PERMANENT, REPLACEMENT
from .medicare_rules import replacement_reason
from .sources import BCBSA_70125, MP_328, REPLACEMENT_DOCUMENTATION, SECONDARY, cite

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
