"""Safety holds (reference updates U1): contraindications that stop a request for every payer and request.

A hold is not a payer criterion. It is its own finding ("on hold until …") that keeps the verdict from
reading "meets" and the letter from being issued without an override that names it. Cautions
(immunocompromise, pregnancy, a cardiac device, future MRI) are shown, never held; so is an out-of-range
coagulation value or a bleeding disorder once a correction plan is documented (status "caution").

The coagulation checks are in coagulation_holds.py; the Hold record in hold_record.py.
"""

from __future__ import annotations

from dataclasses import dataclass

from .coagulation_holds import coagulation_holds
from .facts import CaseFacts
from .hold_record import Hold, HoldStatus
from .rules import Citation, Confidence

INFECTION_SOURCE = Citation(
    tag="NACC-INFECTION-2017",
    source="SEED-000 critical safety exclusions; NACC infection-prevention consensus (Deer et al., "
    "Neuromodulation 2017)",
    section="updates U1",
    url="",
    effective=None,
    confidence=Confidence.SECONDARY,
)


@dataclass(frozen=True)
class Caution:
    """A safety fact shown to the clinician and addressed in the letter; it never holds the request."""

    id: str
    text: str
    field: str
    step: str = "safety"


def infection_hold(facts: CaseFacts) -> Hold:
    """Active infection holds every request: nothing is implanted or injected until it is treated."""
    infected = facts.safety.active_infection

    def hold(status: HoldStatus, evidence: str) -> Hold:
        return Hold(
            "safety.infection",
            "No active infection",
            status,
            evidence,
            "the infection is treated and resolved",
            INFECTION_SOURCE,
            field="active_infection",
        )

    if infected is None:
        return hold(HoldStatus.NOT_DOCUMENTED, "whether there is an active infection is not recorded")
    if infected:
        return hold(HoldStatus.HELD, "an active infection is recorded")
    return hold(HoldStatus.CLEAR, "no active infection is recorded")


def safety_holds(facts: CaseFacts) -> tuple[Hold, ...]:
    """Return every safety hold judged for this case, whatever the payer and request (open or not)."""
    return (infection_hold(facts), *coagulation_holds(facts))


def open_holds(holds: tuple[Hold, ...]) -> tuple[Hold, ...]:
    """Return the holds that stop the request now."""
    return tuple(h for h in holds if h.open)


# (fact, caution id, what the clinician sees): U1, SEED-000, reference 5-6.
CAUTIONS = (
    (
        "immunocompromised",
        "safety.caution.immunocompromised",
        "The patient is immunocompromised: document the infection-prevention plan.",
    ),
    (
        "pregnant",
        "safety.caution.pregnancy",
        "The patient is pregnant: document why the procedure cannot wait and the imaging plan.",
    ),
    (
        "cardiac_device",
        "safety.caution.cardiac_device",
        "The patient has a cardiac pacemaker or defibrillator: document device compatibility and the "
        "cardiology plan.",
    ),
    (
        "future_mri_needed",
        "safety.caution.mri",
        "Future MRI is anticipated: document that the chosen system is MRI-conditional.",
    ),
)


def safety_cautions(facts: CaseFacts) -> tuple[Caution, ...]:
    """Return the cautions this case carries: shown and addressed, never holding."""
    return tuple(
        Caution(key, text, field) for field, key, text in CAUTIONS if getattr(facts.safety, field) is True
    )
