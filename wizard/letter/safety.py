"""The safety section: contraindications, coagulation, and each antithrombotic plan against ASRA 2018."""

from __future__ import annotations

from datetime import date

from ..core.anticoagulation import antithrombotic_advice
from ..core.display import format_date
from ..core.facts import AntithromboticUse, CaseFacts
from ..core.hold_comparison import AdviceStatus
from ..core.steps import STIMULATOR_PROCEDURES
from .content import Section
from .prose import item, sentence

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
        # A caution, not a contraindication (updates U1): device compatibility is managed with cardiology.
        "the patient has a cardiac pacemaker or defibrillator, a caution to be managed with cardiology",
    ),
    ("pregnant", "the patient is not pregnant", "the patient is pregnant"),
)
# The field says only that future MRI is anticipated; whether the system is MRI-conditional is not recorded.
MRI_ANTICIPATED = "future MRI is anticipated"
MRI_CONDITIONAL = "; MRI-conditional labeling of the system is to be confirmed before implant"
NO_MRI = "no future MRI is anticipated"


def safety_section(facts: CaseFacts, today: date) -> Section:
    """Contraindications and safety: infection, coagulation, antithrombotic plans, devices, anatomy."""
    s = facts.safety
    sentences = []
    for name, no_text, yes_text in SAFETY_FACTS:
        value = getattr(s, name)
        if value is not None:
            sentences.append(sentence(yes_text if value else no_text))
    if s.future_mri_needed is not None:
        implant = facts.request.procedure in STIMULATOR_PROCEDURES
        sentences.append(
            sentence(
                MRI_ANTICIPATED + (MRI_CONDITIONAL if implant else "") if s.future_mri_needed else NO_MRI
            )
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
        # The payer reads only confirmed ASRA rows; an unconfirmed interval stays on the clinician's advisory.
        guideline = (
            given.guideline
            if given.confirmed and given.risk is not None and given.status != AdviceStatus.NOT_DOCUMENTED
            else ""
        )
        items.append(item(given.drug_label, planned, agreed, guideline))
    within = bool(advice) and all(a.status in WITHIN_GUIDANCE and a.confirmed for a in advice)
    all_agreed = bool(uses) and all(use.prescriber_agreed for use in uses)
    return tuple(items), within, all_agreed
