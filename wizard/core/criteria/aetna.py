"""Aetna stimulation: CPB 0194 (spinal cord stimulation) and CPB 0447's 2018 rule on DRG stimulation for CRPS.

CPB 0447's sympathetic-block table is in aetna_blocks, re-exported here where the profile reads both tables.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from .. import scoring
from ..choices import Condition, DeviceMaker, DeviceProblem, StimulationMode
from ..facts import CaseFacts
from ..rules import Criterion, Finding, Status, met, not_documented, not_met
from . import blocks as b
from . import predicates as p
from . import trial_outcome as t
from .aetna_blocks import BLOCK_CRITERIA as BLOCK_CRITERIA
from .groups import ALL_STIMULATORS, DRG, NEW_STIMULATORS, PERMANENT, REPLACEMENT
from .medicare_rules import replacement_problem
from .sources import AETNA_0194, AETNA_0194_SUMMARY, AETNA_0447_2018, UNCONFIRMED, cite

# CPB 0194 thresholds [D3RX-0194; VERITY-AETNA].
CONSERVATIVE_CARE_MONTHS = 6
ODI_MIN_PERCENT = Decimal(21)
OTHER_NEUROPATHIC_MIN_NRS = 5
OTHER_NEUROPATHIC_MIN_MONTHS = 12
TRIAL_MIN_DAYS, TRIAL_MAX_DAYS = 3, 7
TRIAL_RELIEF_PERCENT = Decimal(50)
# SECONDARY in the reference: seen only in summaries quoting CPB 0194.
PT_MIN_WEEKS = 6
SPINE_SURGERY_MIN_MONTHS = 6
# The revision that names working systems and Nalu [D3RX-0194; VERITY-AETNA; updates U2].
REVISION_2026 = date(2026, 1, 1)
SWAP_MODES = frozenset(
    {StimulationMode.HIGH_FREQUENCY, StimulationMode.BURST, StimulationMode.OTHER_NON_TONIC}
)


def covered_indication(facts: CaseFacts, today: date) -> Finding:
    """FBSS with radicular pain, CRPS by Budapest, or neuropathic pain ≥ 5/10 for ≥ 12 months."""
    dx = facts.diagnosis
    if dx.condition is None:
        return not_documented("diagnosis not recorded")
    if dx.condition in b.CRPS:
        finding = b.crps_confirmed(facts, today)
        if finding.status is Status.MET and dx.condition == Condition.CRPS_2 and not dx.nerve_injury_evidence:
            return not_documented(f"{finding.evidence}; evidence of the nerve injury (CRPS II) not recorded")
        return finding
    if dx.condition == Condition.FBSS:
        if dx.radicular_pain is None:
            return not_documented("FBSS; whether radicular pain predominates not recorded")
        text = "FBSS with significant radicular pain" if dx.radicular_pain else "FBSS without radicular pain"
        return met(text) if dx.radicular_pain else not_met(text)
    return neuropathic_pain_severity(facts, today)


def neuropathic_pain_severity(facts: CaseFacts, today: date) -> Finding:
    """Other neuropathic pain qualifies at ≥ 5/10 for ≥ 12 months, of an origin CPB 0194 lists."""
    dx = facts.diagnosis
    months = scoring.pain_duration_months(dx, today)
    pain = dx.pain_nrs if dx.pain_nrs is not None else facts.baselines.pain_nrs_average
    need = f"need ≥ {OTHER_NEUROPATHIC_MIN_NRS}/10 for ≥ {OTHER_NEUROPATHIC_MIN_MONTHS} months"
    pain_text = "pain not recorded" if pain is None else f"pain {pain}/10"
    months_text = "onset not recorded" if months is None else f"for {months} months"
    text = f"{dx.condition.label}: {pain_text} {months_text}"
    too_mild = pain is not None and pain < OTHER_NEUROPATHIC_MIN_NRS
    too_recent = months is not None and months < OTHER_NEUROPATHIC_MIN_MONTHS
    if too_mild or too_recent:
        return not_met(f"{text}; {need}")
    if pain is None or months is None:
        return not_documented(f"{text}; {need}")
    if dx.condition == Condition.OTHER_NEUROPATHIC:
        return not_documented(
            f"{text}; confirm the origin ({dx.other_description or 'not named'}) is one CPB 0194 lists"
        )
    return met(text)


def no_waveform_swap(facts: CaseFacts, today: date) -> Finding:
    """A working conventional system is not swapped for high-frequency, burst or other waveforms."""
    mode, problem = facts.request.stimulation_mode, facts.device.problem
    if mode is None:
        return not_documented("the new system's waveform is not recorded")
    if mode not in SWAP_MODES:
        return met(f"replacement keeps {mode.label.lower()} stimulation")
    if problem is None:
        return not_documented(f"{mode.label} system; the current system's problem is not recorded")
    if problem is DeviceProblem.INFECTION:
        return met(f"{mode.label} system; the current system is infected, not a working one")
    if problem.is_hardware_failure:
        return met(f"{mode.label} system replaces a failed one ({problem.label.lower()})")
    return not_met(f"{mode.label} system replaces a working one ({problem.label.lower()})")


def working_system_kept_tonic(facts: CaseFacts, today: date) -> Finding:
    """A working conventional tonic system is not replaced with high-frequency, burst or other stimulation."""
    problem, waveform, mode = facts.device.problem, facts.device.waveform, facts.request.stimulation_mode
    if problem is None:
        return not_documented("whether the current system works is not recorded")
    if problem is not DeviceProblem.NONE:
        return met(f"the current system is not a working one ({problem.label.lower()})")
    if waveform is None:
        return not_documented("the current system works; the waveform it delivers is not recorded")
    if waveform is not StimulationMode.TONIC:
        return met(f"the working system already delivers {waveform.label.lower()} stimulation, not tonic")
    if mode is None:
        return not_documented(
            "a working conventional tonic system; the new system's waveform is not recorded"
        )
    if mode in SWAP_MODES:
        return not_met(f"a working conventional tonic system replaced with {mode.label.lower()} stimulation")
    return met(f"the working conventional tonic system is replaced with {mode.label.lower()} stimulation")


def not_nalu(facts: CaseFacts, today: date) -> Finding:
    """The requested system is not a Nalu system, which CPB 0194 lists as investigational."""
    maker = facts.request.device_maker
    if maker is None:
        return not_documented(
            "the maker of the requested system is not recorded; Nalu systems are investigational"
        )
    if maker is DeviceMaker.NALU:
        return not_met("a Nalu Medical system, investigational under CPB 0194")
    return met(f"{maker.label} system, not Nalu (investigational)")


def drg_for_crps(facts: CaseFacts, today: date) -> Finding:
    """DRG stimulation is requested for CRPS, which Aetna removed from its experimental list in 2018."""
    condition = facts.diagnosis.condition
    if condition is None:
        return not_documented("diagnosis not recorded")
    return met(condition.label) if condition in b.CRPS else not_met(f"{condition.label}: not CRPS")


def cpb0194(topic, text, section, applies, predicate, step, field="", citation=AETNA_0194, required=True):
    """Return a CPB 0194 criterion."""
    return Criterion(
        f"aetna.cpb0194.{topic}", text, cite(citation, section), applies, predicate, required, step, field
    )


def revision_2026(topic, text, applies, predicate, step, field, reads=frozenset()) -> Criterion:
    """Return a rule of the CPB 0194 revision in force from 2026-01-01 (updates U2, secondary)."""
    return Criterion(
        f"aetna.cpb0194.{topic}",
        text,
        cite(AETNA_0194_SUMMARY, "Revision effective 2026-01-01: not medically necessary / investigational"),
        applies,
        predicate,
        True,
        step,
        field,
        reads,
        in_force_from=REVISION_2026,
    )


SCS_CRITERIA = (
    cpb0194(
        "indication",
        "The diagnosis is a covered indication: FBSS with significant radicular pain, CRPS I or II "
        "meeting the Budapest criteria, or neuropathic pain of a listed origin at 5/10 or more for 12 months.",
        "Medical necessity",
        NEW_STIMULATORS,
        covered_indication,
        "diagnosis",
        "condition",
    ),
    cpb0194(
        "conservative_care",
        f"Conservative treatment has failed for at least {CONSERVATIVE_CARE_MONTHS} months.",
        "Medical necessity",
        NEW_STIMULATORS,
        p.conservative_care_at_least(CONSERVATIVE_CARE_MONTHS),
        "therapy",
    ),
    cpb0194(
        "odi_threshold",
        f"The Oswestry Disability Index is at least {ODI_MIN_PERCENT}%.",
        "Medical necessity",
        NEW_STIMULATORS,
        p.odi_at_least(ODI_MIN_PERCENT),
        "baselines",
        "odi_pain",
    ),
    cpb0194(
        "pt_six_weeks",
        f"In-person physical therapy with a licensed therapist for at least {PT_MIN_WEEKS} "
        "weeks within the past year.",
        "Medical necessity (secondary wording)",
        NEW_STIMULATORS,
        p.in_person_pt_weeks_at_least(PT_MIN_WEEKS),
        "therapy",
        citation=AETNA_0194_SUMMARY,
    ),
    cpb0194(
        "after_spine_surgery",
        f"Any spinal surgery was more than {SPINE_SURGERY_MIN_MONTHS} months ago.",
        "Medical necessity (secondary wording)",
        NEW_STIMULATORS,
        p.spine_surgery_longer_ago_than(SPINE_SURGERY_MIN_MONTHS),
        "therapy",
        "had_spine_surgery",
        citation=AETNA_0194_SUMMARY,
    ),
    cpb0194(
        "psych_clearance",
        "A psychiatrist, psychologist or qualified mental-health professional cleared the "
        "patient as part of a multidisciplinary evaluation.",
        "Medical necessity",
        NEW_STIMULATORS,
        p.psych_cleared,
        "psych",
        "conclusion",
    ),
    cpb0194(
        "no_untreated_sud",
        "The patient has no untreated substance use disorder.",
        "Medical necessity",
        NEW_STIMULATORS,
        p.no_substance_use_disorder(treated_counts_as_active=False),
        "psych",
        "substance_use",
    ),
    cpb0194(
        "trial_length",
        f"The percutaneous trial lasted {TRIAL_MIN_DAYS} to {TRIAL_MAX_DAYS} days.",
        "Trial",
        PERMANENT,
        t.trial_days_between(TRIAL_MIN_DAYS, TRIAL_MAX_DAYS),
        "trial",
        "ended_on",
    ),
    cpb0194(
        "trial_relief",
        f"The trial gave at least {TRIAL_RELIEF_PERCENT}% pain reduction.",
        "Trial",
        PERMANENT,
        t.trial_relief_at_least(TRIAL_RELIEF_PERCENT),
        "trial",
        "pain_during_nrs",
    ),
    cpb0194(
        "no_waveform_swap",
        "A working conventional stimulator is not being replaced only to change to "
        "high-frequency, burst or another waveform.",
        "Not medically necessary",
        REPLACEMENT,
        no_waveform_swap,
        "request",
        "stimulation_mode",
    ),
    cpb0194(
        "no_cardiac_device",
        "The patient has no cardiac pacemaker or defibrillator.",
        "Contraindications (exact wording unconfirmed)",
        ALL_STIMULATORS,
        p.answered(
            lambda f: f.safety.cardiac_device,
            "cardiac device present",
            "no cardiac device",
            "cardiac device status not recorded",
            good=False,
        ),
        "safety",
        "cardiac_device",
        citation=cite(AETNA_0194_SUMMARY, "", UNCONFIRMED),
    ),
    cpb0194(
        "drug_screen",
        "Appropriate urine drug screens were reviewed.",
        "Seen in one case write-up",
        NEW_STIMULATORS,
        p.answered(
            lambda f: f.psych.drug_screen_reviewed,
            "drug screen reviewed",
            "drug screen not reviewed",
            "drug screen review not recorded",
        ),
        "psych",
        "drug_screen_reviewed",
        citation=cite(AETNA_0194_SUMMARY, "", UNCONFIRMED),
    ),
    revision_2026(
        "working_system_waveform",
        "A working conventional tonic stimulator is not replaced with high-frequency, burst or "
        "differential-target-multiplexed stimulation (not medically necessary).",
        REPLACEMENT,
        working_system_kept_tonic,
        "device",
        "problem",
        frozenset({"request"}),
    ),
    revision_2026(
        "nalu_investigational",
        "The requested system is not a Nalu system (investigational).",
        ALL_STIMULATORS,
        not_nalu,
        "request",
        "device_maker",
    ),
    replacement_problem("aetna"),
    Criterion(
        "aetna.cpb0447.drg_for_crps",
        "Dorsal root ganglion stimulation is requested for CRPS "
        "(removed from Aetna's experimental list for CRPS in 2018; other indications: verify).",
        AETNA_0447_2018,
        DRG,
        drg_for_crps,
        True,
        "diagnosis",
        "condition",
    ),
)
