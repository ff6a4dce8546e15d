"""What a letter prints, every decision already made: the template only lays it out."""

from __future__ import annotations

from dataclasses import dataclass

from ..core.choices import BluePlan, Payer, PlaceOfService
from ..core.facts import CaseFacts
from ..core.steps import PERMANENT_PROCEDURES


@dataclass(frozen=True)
class Section:
    """A titled part of the narrative: sentences, then an optional list of items."""

    title: str
    sentences: tuple[str, ...] = ()
    items: tuple[str, ...] = ()


@dataclass(frozen=True)
class Figure:
    title: str
    svg: str
    caption: str


@dataclass(frozen=True)
class CodeRow:
    system: str
    code: str
    units: str
    modifiers: str
    description: str


@dataclass(frozen=True)
class CriterionRow:
    id: str
    text: str
    status: str
    status_label: str
    evidence: str
    source: str
    kind: str


@dataclass(frozen=True)
class Letter:
    title: str
    practice_name: str
    practice_lines: tuple[str, ...]
    date_text: str
    recipient_lines: tuple[str, ...]
    re_lines: tuple[str, ...]
    patient_name: str
    patient_born: str
    salutation: str
    opening: tuple[str, ...]
    codes: tuple[CodeRow, ...]
    sections: tuple[Section, ...]
    figures: tuple[Figure, ...]
    criteria_title: str
    criteria_note: str
    criteria: tuple[CriterionRow, ...]
    conclusion: tuple[str, ...]
    override: tuple[str, ...]
    evidence: tuple[str, ...]
    references: tuple[str, ...]
    attestation: str
    signature_lines: tuple[str, ...]
    enclosures: tuple[str, ...]
    author: str
    reference: str = ""

    @property
    def identifiers(self) -> str:
        """Return the two identifiers printed on every page."""
        return f"{self.patient_name} · DOB {self.patient_born}"


# Addressing: who the letter is written to, and whether it asks for an authorization at all.

BLUE_PLAN_UNNAMED = "Blue Cross Blue Shield plan"


def payer_name(facts: CaseFacts, default: str = "") -> str:
    """Return the payer as the letter names it: the name typed, the member's Blue plan, or the payer's label."""
    request = facts.request
    if request.payer_name:
        return request.payer_name
    if request.payer == Payer.BCBSA:
        plan = request.blue_plan
        return plan.label if plan not in (None, BluePlan.OTHER) else BLUE_PLAN_UNNAMED
    return request.payer.label if request.payer else default


def adopted_by(facts: CaseFacts) -> str:
    """Return " as adopted by <plan>" for a Blue plan's request, naming the plan whose policy this is."""
    if facts.request.payer != Payer.BCBSA:
        return ""
    plan = payer_name(facts)
    return f" as adopted by {plan}" if plan != BLUE_PLAN_UNNAMED else ""


def for_the_record(facts: CaseFacts) -> bool:
    """Return True for traditional Medicare outside a hospital outpatient department.

    Medicare fee-for-service asks prior authorization only of hospital outpatient departments (updates U3,
    reference 1.5): a letter for an ASC, office or inpatient stay documents medical necessity for the record.
    """
    place = facts.request.place_of_service
    return facts.request.payer == Payer.MEDICARE and place not in (None, PlaceOfService.HOSPITAL_OUTPATIENT)


def trial_authorization_line(facts: CaseFacts) -> str:
    """Return the trial's authorization (Medicare: its UTN) for a permanent implant, when recorded."""
    request = facts.request
    if request.procedure not in PERMANENT_PROCEDURES or not request.trial_authorization:
        return ""
    name = "Trial's UTN" if request.payer == Payer.MEDICARE else "Trial's authorization number"
    return f"{name}: {request.trial_authorization}"
