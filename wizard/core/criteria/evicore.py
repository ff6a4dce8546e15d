"""eviCore CMM-211 Spinal Cord and Dorsal Root Ganglion Stimulation, adopted by Cigna (reference §2.1)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from ..choices import Condition, Procedure, StimulationMode, StimulatorKind
from ..facts import CaseFacts
from ..rules import Criterion, Finding, met, not_documented, not_met
from . import predicates as p
from . import trial_outcome as t
from .blocks import CRPS
from .groups import ALL_STIMULATORS, DRG, NEW_STIMULATORS, PERMANENT
from .medicare_rules import replacement_problem
from .sources import CMM_211, CMM_211_SUMMARY, cite

# CMM-211 [CIGNA-CMM211; VERITY-EVICORE].
CONSERVATIVE_CARE_MONTHS = 6
TRIAL_MIN_HOURS = 48
TRIAL_RELIEF_PERCENT = Decimal(50)
EXPERIMENTAL_MODES = frozenset({StimulationMode.BURST, StimulationMode.OTHER_NON_TONIC})


def listed_indication(facts: CaseFacts, today: date) -> Finding:
    """FBSS with neuropathic leg pain, or CRPS of an extremity."""
    dx = facts.diagnosis
    if dx.condition is None:
        return not_documented("diagnosis not recorded")
    if dx.condition == Condition.FBSS:
        if dx.radicular_pain is None:
            return not_documented("FBSS; whether neuropathic leg pain predominates not recorded")
        return (
            met("FBSS with neuropathic leg pain") if dx.radicular_pain else not_met("FBSS without leg pain")
        )
    if dx.condition in CRPS:
        if dx.limb is None:
            return not_documented(f"{dx.condition.label}; affected limb not recorded")
        return met(f"{dx.condition.label} of the {dx.limb.label.lower()}")
    return not_met(f"{dx.condition.label}: not among CMM-211's listed indications")


def covered_technology(facts: CaseFacts, today: date) -> Finding:
    """Tonic SCS (or 10 kHz for FBSS); DRG stimulation and burst or other non-tonic modes are experimental."""
    procedure, mode = facts.request.procedure, facts.request.stimulation_mode
    if procedure in DRG:
        return not_met("dorsal root ganglion stimulation is experimental at eviCore except replacement")
    if procedure == Procedure.SCS_REPLACEMENT and facts.device.kind == StimulatorKind.DRG:
        return met("replacement of an existing dorsal root ganglion system, the exception CMM-211 allows")
    if mode is None:
        return not_documented("stimulation waveform not recorded")
    if mode in EXPERIMENTAL_MODES:
        return not_met(f"{mode.label} stimulation is experimental at eviCore")
    if mode == StimulationMode.HIGH_FREQUENCY and facts.diagnosis.condition != Condition.FBSS:
        condition = facts.diagnosis.condition
        if condition is None:
            return not_documented("10 kHz stimulation is covered for FBSS only; diagnosis not recorded")
        return not_met(f"10 kHz stimulation is covered for FBSS only, not {condition.label}")
    replaced = " (replacement)" if procedure == Procedure.SCS_REPLACEMENT else ""
    return met(f"{mode.label.lower()} spinal cord stimulation{replaced}")


def cmm211(
    topic, text, section, applies, predicate, step, field="", citation=CMM_211, reads=frozenset()
) -> Criterion:
    """Return a CMM-211 criterion."""
    return Criterion(
        f"evicore.cmm211.{topic}", text, cite(citation, section), applies, predicate, True, step, field, reads
    )


CRITERIA = (
    cmm211(
        "indication",
        "The diagnosis is a listed indication: FBSS with neuropathic leg pain, or CRPS of an extremity.",
        "Indications",
        NEW_STIMULATORS,
        listed_indication,
        "diagnosis",
        "condition",
        CMM_211_SUMMARY,
    ),
    cmm211(
        "conservative_care",
        f"At least {CONSERVATIVE_CARE_MONTHS} months of failed physician-supervised conservative care.",
        "Conservative care",
        NEW_STIMULATORS,
        p.conservative_care_at_least(CONSERVATIVE_CARE_MONTHS),
        "therapy",
    ),
    cmm211(
        "behavioral_health",
        "A behavioral-health evaluation attests to no uncontrolled mental or behavioral condition.",
        "Behavioral health",
        NEW_STIMULATORS,
        p.psych_cleared,
        "psych",
        "conclusion",
    ),
    cmm211(
        "trial_length",
        f"The trial lasted more than {TRIAL_MIN_HOURS} hours.",
        "Trial",
        PERMANENT,
        t.trial_longer_than_hours(TRIAL_MIN_HOURS),
        "trial",
        "ended_on",
    ),
    cmm211(
        "trial_relief",
        f"The trial gave at least {TRIAL_RELIEF_PERCENT}% pain reduction.",
        "Trial",
        PERMANENT,
        t.trial_relief_at_least(TRIAL_RELIEF_PERCENT),
        "trial",
        "pain_during_nrs",
    ),
    cmm211(
        "technology",
        "The stimulation is a covered technology: DRG stimulation (except replacement) and burst "
        "or other non-tonic modes are experimental.",
        "Experimental, investigational or unproven",
        ALL_STIMULATORS,
        covered_technology,
        "request",
        "stimulation_mode",
        CMM_211_SUMMARY,
        # A replacement's current system decides the DRG exception.
        frozenset({"device"}),
    ),
    replacement_problem("evicore"),
)
