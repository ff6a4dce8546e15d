"""UnitedHealthcare commercial: medical policy 2025T0567Z Spinal Cord and Dorsal Root Ganglion Stimulation.

The policy lists the conditions and waveforms UHC finds proven (reference 2.1, expanded in 2022) and
delegates the medical-necessity criteria to InterQual, which is proprietary and was not retrieved (updates
U2). So every criterion here is "verify with payer" and says what to verify; none blocks. The replacement
rule is the one every payer carries (reference 9.3 #11).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from ..choices import Condition, StimulationMode
from ..facts import CaseFacts
from ..rules import Criterion, Finding, met, not_documented, not_met
from . import predicates as p
from . import trial_outcome as t
from .anthem import conservative_treatment_failed
from .groups import ALL_STIMULATORS, DRG, NEW_STIMULATORS, PERMANENT
from .medicare_rules import replacement_problem
from .sources import ASRA_UHC_2022, UHC_INTERQUAL, UHC_POLICY, cite

# 2025T0567Z [UHC-POLICY; ASRA-UHC-2022]: proven for CRPS, diabetic neuropathy and FBSS, including
# high-frequency and burst stimulation.
PROVEN_CONDITIONS = frozenset(
    {Condition.CRPS_1, Condition.CRPS_2, Condition.DIABETIC_NEUROPATHY, Condition.FBSS}
)
PROVEN_MODES = frozenset({StimulationMode.TONIC, StimulationMode.HIGH_FREQUENCY, StimulationMode.BURST})
# Not UHC's number (InterQual is proprietary): every payer in the reference uses ≥ 50 % pain relief
# (reference 2.2), shown so the clinician can verify InterQual's threshold.
TRIAL_RELIEF_PERCENT = Decimal(50)


def proven_condition(facts: CaseFacts, today: date) -> Finding:
    """The diagnosis is one the policy lists as proven: CRPS, diabetic neuropathy or FBSS."""
    condition = facts.diagnosis.condition
    if condition is None:
        return not_documented("diagnosis not recorded")
    if condition in PROVEN_CONDITIONS:
        return met(f"{condition.label}: listed as proven")
    return not_met(f"{condition.label}: not among the conditions 2025T0567Z lists as proven")


def proven_technology(facts: CaseFacts, today: date) -> Finding:
    """Conventional, high-frequency or burst SCS; UHC's position on DRG stimulation is unconfirmed."""
    if facts.request.procedure in DRG:
        return not_met(
            "dorsal root ganglion stimulation: UHC's position unconfirmed (a 2022 multisociety letter "
            "says UHC labelled it not medically necessary)"
        )
    mode = facts.request.stimulation_mode
    if mode is None:
        return not_documented("stimulation waveform not recorded")
    if mode in PROVEN_MODES:
        return met(f"{mode.label.lower()} spinal cord stimulation")
    return not_met(f"{mode.label} is not among the waveforms the policy names (tonic, 10 kHz, burst)")


def uhc(topic, text, citation, applies, predicate, step, field="") -> Criterion:
    """Return a UHC criterion: never blocking, shown as "verify with payer"."""
    return Criterion(f"uhc.{topic}", text, citation, applies, predicate, False, step, field)


CRITERIA = (
    uhc(
        "t0567.indication",
        "The diagnosis is one the policy lists as proven: CRPS, diabetic neuropathy or failed back "
        "surgery syndrome (verify with UHC).",
        cite(UHC_POLICY, "Proven conditions"),
        NEW_STIMULATORS,
        proven_condition,
        "diagnosis",
        "condition",
    ),
    uhc(
        "t0567.technology",
        "The stimulation is conventional, high-frequency or burst spinal cord stimulation; UHC's "
        "position on DRG stimulation is unconfirmed (verify with UHC).",
        cite(ASRA_UHC_2022, "Coverage expanded to high-frequency and burst; DRG position"),
        ALL_STIMULATORS,
        proven_technology,
        "request",
        "stimulation_mode",
    ),
    uhc(
        "interqual.conservative_care",
        "Conservative treatments tried and failed are on record (InterQual's list and duration are "
        "proprietary: verify with UHC).",
        UHC_INTERQUAL,
        NEW_STIMULATORS,
        conservative_treatment_failed(count_psychological=True),
        "therapy",
    ),
    uhc(
        "interqual.psych_evaluation",
        "A psychological evaluation cleared the patient before the trial (InterQual's requirement is "
        "proprietary: verify with UHC).",
        UHC_INTERQUAL,
        NEW_STIMULATORS,
        p.psych_cleared,
        "psych",
        "conclusion",
    ),
    uhc(
        "interqual.trial_relief",
        f"The trial gave at least {TRIAL_RELIEF_PERCENT}% pain relief, the threshold every payer in the "
        "reference uses (InterQual's threshold is proprietary: verify with UHC).",
        UHC_INTERQUAL,
        PERMANENT,
        t.trial_relief_at_least(TRIAL_RELIEF_PERCENT),
        "trial",
        "pain_during_nrs",
    ),
    replacement_problem("uhc"),
)
