"""Addressing: the letterhead, the payer it is written to, the RE block, and whether it asks for an authorization at all."""

from __future__ import annotations

from ..core.choices import Payer, PlaceOfService, Procedure, StimulatorKind
from ..core.display import format_date, payer_label
from ..core.facts import CaseFacts
from ..core.steps import BLOCK_PROCEDURES, PERMANENT_PROCEDURES

BLUE_PLAN_UNNAMED = "Blue Cross Blue Shield plan"


def payer_name(facts: CaseFacts, default: str = "") -> str:
    """Return the payer as the letter names it: the name typed, the member's Blue plan, or the payer's label."""
    request = facts.request
    return payer_label(request.payer, request.blue_plan, request.payer_name, BLUE_PLAN_UNNAMED) or default


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


REPLACEMENT_NAMES = {
    StimulatorKind.SCS: "Spinal cord stimulator generator replacement or revision",
    StimulatorKind.DRG: "Dorsal root ganglion stimulator generator replacement or revision",
}


def procedure_name(facts: CaseFacts) -> str:
    """Return the request's name; a replacement names the kind of system it replaces (SCS or DRG)."""
    procedure = facts.request.procedure
    if procedure is None:
        return "the requested procedure"
    if procedure == Procedure.SCS_REPLACEMENT and facts.device.kind in REPLACEMENT_NAMES:
        return REPLACEMENT_NAMES[facts.device.kind]
    return procedure.label


def practice_lines(facts: CaseFacts) -> tuple[str, ...]:
    """Return the letterhead's address, phone, fax and NPI lines."""
    practice = facts.request.practice
    contact = " · ".join(
        part
        for part in (
            f"Phone {practice.phone}" if practice.phone else "",
            f"Fax {practice.fax}" if practice.fax else "",
            f"NPI {practice.npi}" if practice.npi else "",
        )
        if part
    )
    return (
        *[line for line in practice.address.splitlines() if line.strip()],
        *([contact] if contact else []),
    )


def opd_prior_authorization(facts: CaseFacts) -> bool:
    """Return True for a traditional Medicare stimulator request in a hospital outpatient department (U3)."""
    request = facts.request
    return (
        request.payer == Payer.MEDICARE
        and request.place_of_service == PlaceOfService.HOSPITAL_OUTPATIENT
        and request.procedure is not None
        and request.procedure not in BLOCK_PROCEDURES
    )


def contractor_line(facts: CaseFacts) -> str:
    """Return the Medicare Administrative Contractor a traditional Medicare letter goes to, when chosen."""
    mac = facts.request.mac_jurisdiction
    if facts.request.payer != Payer.MEDICARE or mac is None:
        return ""
    contractor = mac.label.split(" — ", 1)[-1]
    return f"{contractor}, Medicare Administrative Contractor (jurisdiction {mac.value})"


def recipient_lines(facts: CaseFacts) -> tuple[str, ...]:
    """Return the payer block: name, plan, contractor (traditional Medicare), department and program."""
    request = facts.request
    if for_the_record(facts):
        department, program = "Medical Review", "Documentation of medical necessity for the record"
    else:
        department, program = "Utilization Management / Prior Authorization", ""
    if opd_prior_authorization(facts):
        program = "Prior Authorization Program for Hospital Outpatient Department Services"
    return tuple(
        line
        for line in (payer_name(facts), request.plan_name, contractor_line(facts), department, program)
        if line
    )


def re_lines(facts: CaseFacts, procedure: str) -> tuple[str, ...]:
    """Return the RE block: patient, date of birth, member id (this payer's only), request, program."""
    patient = facts.patient
    return tuple(
        line
        for line in (
            f"Patient: {patient.name}" if patient.name else "",
            f"Date of birth: {format_date(patient.born_on)}" if patient.born_on else "",
            f"Member ID: {patient.member_id}" if patient.member_id else "",
            f"Request: {procedure}",
            trial_authorization_line(facts),
            program_line(facts),
        )
        if line
    )


def trial_authorization_line(facts: CaseFacts) -> str:
    """Return the trial's authorization (Medicare: its UTN) for a permanent implant, when recorded."""
    request = facts.request
    if request.procedure not in PERMANENT_PROCEDURES or not request.trial_authorization:
        return ""
    name = "Trial's UTN" if request.payer == Payer.MEDICARE else "Trial's authorization number"
    return f"{name}: {request.trial_authorization}"


def program_line(facts: CaseFacts) -> str:
    """Return the Medicare program a hospital outpatient request is made under, naming the UTN and C-codes."""
    if not opd_prior_authorization(facts):
        return ""
    return (
        "Program: Medicare prior authorization of hospital outpatient department services; the hospital's "
        "claim carries the unique tracking number (UTN) of this decision and reports the devices with C-codes"
    )
