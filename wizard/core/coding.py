"""Claim lines for a request: CPT and HCPCS lines with units and modifiers, then ICD-10-CM, and their checks.

Descriptors come from code_reference (our own paraphrases, never the AMA text, reference 7), the table the
code reference page shows. Source tags in brackets point into the domain reference; the checks themselves
live in coding_checks.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .choices import LeadType, Procedure, RevisionKind, Side
from .code_reference import DESCRIPTIONS
from .coding_checks import (
    MEDICARE_IMPLANT_PLACES,
    MEDICARE_MAX_CONTACTS,
    MEDICARE_MAX_LEADS,
    MEDICARE_MAX_TRIALS_PER_REGION,
    CodingCheck,
    by_level,
    device_payment_notes,
    drg_warning,
    error,
    l8680_note,
    lead_unit_notes,
    medicare_checks,
    note,
    programming_note,
    warning,
)
from .coding_diagnosis import diagnosis_checks
from .facts import CaseFacts, Request
from .icd10 import diagnosis_codes

__all__ = [
    "MEDICARE_IMPLANT_PLACES",
    "MEDICARE_MAX_CONTACTS",
    "MEDICARE_MAX_LEADS",
    "MEDICARE_MAX_TRIALS_PER_REGION",
    "CodeLine",
    "Coding",
    "CodingCheck",
    "block_levels",
    "code_request",
]

CPT, HCPCS, ICD10 = "CPT", "HCPCS", "ICD-10-CM"
SYSTEMS = (CPT, HCPCS, ICD10)

# [IFRAME-L8685; IFRAME-L8686; IFRAME-L8687; HCPCS-CODES-L8689]: by (dual array, rechargeable).
GENERATOR_SOURCE = "IFRAME-L8685; IFRAME-L8686; IFRAME-L8687; HCPCS-CODES-L8689"
GENERATOR_CODES = {
    (False, True): "L8685",
    (False, False): "L8686",
    (True, True): "L8687",
    (True, False): "L8688",
}
DUAL_ARRAY_MIN_LEADS = 2
# [CPT-ASSIST-2011; AAPC-NEURO]: 63650 is one unit per electrode array; 63685 is one per generator.
LEAD_SOURCE = "CPT-ASSIST-2011; AAPC-NEURO"
GENERATOR_UNITS = 1
DRG_PROCEDURES = frozenset({Procedure.DRG_TRIAL, Procedure.DRG_PERMANENT})
REVISION_CODES = {
    RevisionKind.GENERATOR_REPLACEMENT: "63685",
    RevisionKind.GENERATOR_REVISION: "63688",
    RevisionKind.PERCUTANEOUS_LEAD_REVISION: "63663",
    RevisionKind.PADDLE_LEAD_REVISION: "63664",
}
# [BECKERS; AAPC-RAD; IFRAME-64520]: sympathetic blocks are unilateral; bilateral takes modifier 50.
SIDE_SOURCE = "BECKERS; AAPC-RAD; IFRAME-64520"
SIDE_MODIFIERS = {Side.RIGHT: ("RT",), Side.LEFT: ("LT",), Side.BILATERAL: ("50",)}
# [MDSTRATEGIES; BECKERS]: CPT Assistant (Dec 2010) reports 64520 once per level injected; 64520 covers
# the lumbar and thoracic sympathetic chain only, so other levels are not counted.
LEVELS_SOURCE = "MDSTRATEGIES; BECKERS"
SYMPATHETIC_LEVELS = frozenset([f"T{n}" for n in range(1, 13)] + [f"L{n}" for n in range(1, 6)])
LEVEL_SEPARATORS = re.compile(r"[,;\s]+|\band\b", re.IGNORECASE)


@dataclass(frozen=True)
class CodeLine:
    """One claim line: a procedure with units and modifiers, or a diagnosis (no units)."""

    system: str
    code: str
    units: int | None
    modifiers: tuple[str, ...]
    description: str


@dataclass(frozen=True)
class Coding:
    """The lines of a request (procedures first, CPT then HCPCS, then ICD-10-CM) and the checks on them."""

    lines: tuple[CodeLine, ...]
    checks: tuple[CodingCheck, ...]


Coded = tuple[list[CodeLine], list[CodingCheck]]


def procedure_line(code: str, units: int, modifiers: tuple[str, ...] = ()) -> CodeLine:
    """Return a CPT or HCPCS line with our descriptor."""
    return CodeLine(HCPCS if code[0].isalpha() else CPT, code, units, modifiers, DESCRIPTIONS[code])


def code_request(facts: CaseFacts) -> Coding:
    """Code a request: what can be coded becomes a line, what cannot becomes a check; never raises."""
    procedures, checks = code_procedure(facts)
    procedures.sort(key=lambda line: SYSTEMS.index(line.system))
    dx_codes = diagnosis_codes(facts.diagnosis)
    diagnoses = [CodeLine(ICD10, c.code, None, (), c.description) for c in dx_codes]
    checks += medicare_checks(facts, {line.code: line.units or 0 for line in procedures})
    checks += diagnosis_checks(facts.diagnosis, dx_codes)
    return Coding(tuple(procedures + diagnoses), by_level(checks))


def code_procedure(facts: CaseFacts) -> Coded:
    """Return the procedure lines and checks of the requested procedure."""
    procedure = facts.request.procedure
    if procedure in (Procedure.SCS_TRIAL, Procedure.DRG_TRIAL):
        return code_trial(facts.request)
    if procedure in (Procedure.SCS_PERMANENT, Procedure.DRG_PERMANENT):
        return code_permanent(facts.request)
    if procedure == Procedure.SCS_REPLACEMENT:
        return code_revision(facts)
    if procedure == Procedure.LUMBAR_SYMPATHETIC_BLOCK:
        return code_block(facts, "64520", per_level=True)
    if procedure == Procedure.STELLATE_GANGLION_BLOCK:
        return code_block(facts, "64510", per_level=False)
    return [], [
        error("No procedure is chosen, so nothing can be coded.", "PALMETTO-CHECKLIST; CGS-PA", "procedure")
    ]


def documented_leads(r: Request, checks: list[CodingCheck], why: str) -> int | None:
    """Return the number of leads, or None after adding an error saying what it is needed for."""
    if r.lead_count is not None and r.lead_count > 0:
        return r.lead_count
    state = "not documented" if r.lead_count is None else f"given as {r.lead_count}"
    checks.append(error(f"The number of leads is {state}, so {why}.", LEAD_SOURCE, "lead_count"))
    return None


def code_trial(r: Request) -> Coded:
    """Code a trial: 63650 per lead, no generator and no supplies (the leads go to an external stimulator)."""
    lines, checks = [], []
    leads = documented_leads(r, checks, "63650 (one unit per lead) cannot be counted")
    if leads:
        lines.append(procedure_line("63650", leads))
        checks += lead_unit_notes(r.payer, leads)
    if r.procedure in DRG_PROCEDURES:
        checks.append(drg_warning(r, "63650 per lead"))
    return lines, checks


def code_permanent(r: Request) -> Coded:
    """Code a permanent implant: leads (63650 per lead or 63655), generator 63685, L8680 and the IPG supply."""
    lines, checks = [], []
    leads = documented_leads(r, checks, "the lead, L8680 and generator supply units cannot be counted")
    # [SW] reference 7.5: DRG leads default to the percutaneous code set.
    lead_type = r.lead_type or (LeadType.PERCUTANEOUS if r.procedure in DRG_PROCEDURES else None)
    if lead_type == LeadType.PADDLE:
        lines.append(procedure_line("63655", 1))
    elif lead_type == LeadType.PERCUTANEOUS:
        if leads:
            lines.append(procedure_line("63650", leads))
            checks += lead_unit_notes(r.payer, leads)
    else:
        why = "The lead type is not documented, so 63650 or 63655 cannot be chosen."
        checks.append(error(why, LEAD_SOURCE, "lead_type"))
    lines.append(procedure_line("63685", GENERATOR_UNITS))
    if leads:
        lines.append(procedure_line("L8680", leads))
        checks.append(l8680_note(r, leads))
    coded = code_generator_supply(leads, r.generator_rechargeable)
    lines += coded[0]
    checks += coded[1]
    checks += device_payment_notes(r.payer)
    checks.append(programming_note())
    if r.procedure in DRG_PROCEDURES:
        checks.append(drg_warning(r, "63650 per lead and 63685"))
    return lines, checks


def code_generator_supply(leads: int | None, rechargeable: bool | None) -> Coded:
    """Return the generator supply line (L8685-L8688) by array count and rechargeability, or the error."""
    if leads is None:
        return [], []
    if rechargeable is None:
        return [], [
            error(
                "Whether the generator is rechargeable is not documented, so its supply code (L8685-L8688) "
                "cannot be chosen.",
                GENERATOR_SOURCE,
                "generator_rechargeable",
            )
        ]
    return [procedure_line(GENERATOR_CODES[(leads >= DUAL_ARRAY_MIN_LEADS, bool(rechargeable))], 1)], []


def code_revision(facts: CaseFacts) -> Coded:
    """Code a replacement or revision by what is done; L8689 appears only as a note."""
    r = facts.request
    code = REVISION_CODES.get(r.revision_kind)
    if code is None:
        return [], [
            error(
                "What the replacement or revision does is not documented, so 63685, 63688, 63663 or 63664 "
                "cannot be chosen.",
                "CODINGAHEAD-*",
                "revision_kind",
            )
        ]
    lines, checks = [procedure_line(code, 1)], []
    rechargeable = r.generator_rechargeable
    if rechargeable is None:
        rechargeable = facts.device.rechargeable
    if r.revision_kind == RevisionKind.GENERATOR_REPLACEMENT:
        leads = documented_leads(r, checks, "single or dual array (L8685-L8688) cannot be chosen")
        coded = code_generator_supply(leads, rechargeable)
        lines += coded[0]
        checks += coded[1]
        checks += device_payment_notes(r.payer)
        checks.append(programming_note())
    if rechargeable is not False:
        checks.append(
            note(
                "L8689 (external recharger) is billed only when the recharger itself is replaced, "
                "never as part of this procedure.",
                "HCPCS-CODES-L8689",
            )
        )
    return lines, checks


def code_block(facts: CaseFacts, code: str, *, per_level: bool) -> Coded:
    """Code a sympathetic block: one line, RT/LT or 50 by side, units per level for 64520."""
    r = facts.request
    checks = []
    modifiers = SIDE_MODIFIERS.get(r.block_side, ())
    if not modifiers:
        checks.append(
            error(
                "The side of the block is not documented, so RT, LT or 50 cannot be chosen.",
                SIDE_SOURCE,
                "block_side",
            )
        )
    units = 1
    if per_level:
        levels, unread = block_levels(r.block_levels)
        if unread or not levels:
            checks.append(level_check(levels, unread))
        units = len(levels)
    lines = [procedure_line(code, units, modifiers)] if units else []
    if r.block_side == Side.BILATERAL:
        checks.append(
            note(
                f"Bilateral {code} is coded as one line with modifier 50; some payers want two lines, "
                "one RT and one LT: check the payer's rule.",
                SIDE_SOURCE,
            )
        )
    dx_side = facts.diagnosis.side
    # A unilateral block for bilateral CRPS is usual; any other disagreement is a coding slip.
    if modifiers and dx_side in SIDE_MODIFIERS and dx_side not in (r.block_side, Side.BILATERAL):
        checks.append(
            warning(
                f"The block side ({r.block_side.label.lower()}) does not match the diagnosis side "
                f"({dx_side.label.lower()}): make the modifier and the ICD-10-CM laterality agree.",
                SIDE_SOURCE,
                "block_side",
            )
        )
    checks.append(
        note(
            "UNCONFIRMED: fluoroscopic guidance (77003) was separately reportable under 2010 guidance; "
            "verify current bundling before adding it.",
            LEVELS_SOURCE,
        )
    )
    return lines, checks


def block_levels(text: str) -> tuple[list[str], list[str]]:
    """Return the distinct thoracic and lumbar levels in a levels text, and the parts that are not."""
    levels, unread = [], []
    for part in LEVEL_SEPARATORS.split(text or ""):
        name = part.strip().upper()
        if name in SYMPATHETIC_LEVELS:
            levels += [] if name in levels else [name]
        elif name:
            unread.append(part.strip())
    return levels, unread


def level_check(levels: list[str], unread: list[str]) -> CodingCheck:
    """Return the check for levels text with parts that are not single thoracic or lumbar levels."""
    parts = ", ".join(f"'{u}'" for u in unread)
    if not levels:
        return error(
            f"No level injected can be read ({parts or 'none given'}), so 64520 (one unit per level) cannot "
            "be counted: list each level, e.g. L2, L3.",
            LEVELS_SOURCE,
            "block_levels",
        )
    return warning(
        f"{parts} is not a single thoracic or lumbar level, so 64520 counts only {', '.join(levels)} ({len(levels)} units): "
        "list each level injected, e.g. L2, L3.",
        LEVELS_SOURCE,
        "block_levels",
    )
