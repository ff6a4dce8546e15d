"""Page 1's summary box: what is asked, for whom, where, why, and how the criteria stand. Pure.

Every row states only what its facts say; a row whose facts are missing is left out, never filled.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..core import scoring
from ..core.choices import LeadType, PlaceOfService
from ..core.coding import ICD10, code_request
from ..core.display import format_date, format_value
from ..core.facts import CaseFacts
from ..core.rules import Result, Status
from ..core.steps import applicable_steps
from .content import SummaryItem
from .prose import plural, relief_text

# CMS place-of-service codes.
POS_CODES = {
    PlaceOfService.OFFICE: ("11", "office"),
    PlaceOfService.ASC: ("24", "ambulatory surgery center"),
    PlaceOfService.HOSPITAL_OUTPATIENT: ("22", "hospital outpatient department"),
    PlaceOfService.HOSPITAL_INPATIENT: ("21", "hospital inpatient"),
}
LEAD_KINDS = {LeadType.PERCUTANEOUS: "percutaneous", LeadType.PADDLE: "paddle"}
APPENDIX = "Appendix A"


def summary_items(facts: CaseFacts, procedure: str) -> tuple[SummaryItem, ...]:
    """Return the summary box's rows, in the order a reviewer checks them."""
    steps = applicable_steps(facts.request.procedure, facts.request.has_existing_stimulator)
    named = procedure if facts.request.procedure is not None else ""  # never "the requested procedure"
    rows = (
        ("Request", ": ".join(p for p in (named, procedure_codes(facts)) if p)),
        ("Date of service", format_date(facts.request.planned_on) if facts.request.planned_on else ""),
        ("Facility", facility(facts)),
        ("Device and leads", device_and_leads(facts)),
        ("Diagnosis", diagnosis_codes(facts)),
        ("Trial result", trial_result(facts) if "trial" in steps else ""),
        ("Device problem", device_problem(facts) if "device" in steps else ""),
        ("Earlier blocks", block_pattern(facts) if "blocks" in steps else ""),
        ("Psychological evaluation", psych_clearance(facts) if "psych" in steps else ""),
    )
    return tuple(SummaryItem(label, value) for label, value in rows if value)


def procedure_codes(facts: CaseFacts) -> str:
    """Return the CPT/HCPCS lines with modifiers and units: 'CPT 63650 × 2 · HCPCS L8688 × 1'."""
    lines = [line for line in code_request(facts).lines if line.system != ICD10]
    return " · ".join(
        f"{line.system} {line.code}"
        + (f"-{'-'.join(line.modifiers)}" if line.modifiers else "")
        + (f" × {line.units}" if line.units is not None else "")
        for line in lines
    )


def diagnosis_codes(facts: CaseFacts) -> str:
    """Return the ICD-10-CM codes with their descriptors."""
    lines = [line for line in code_request(facts).lines if line.system == ICD10]
    return "; ".join(f"ICD-10-CM {line.code} {line.description}" for line in lines)


def facility(facts: CaseFacts) -> str:
    """Return the facility, its NPI and the place-of-service code, each only when recorded."""
    request = facts.request
    place = POS_CODES.get(request.place_of_service)
    parts = (
        request.facility_name,
        f"NPI {request.facility_npi}" if request.facility_npi else "",
        f"POS {place[0]} ({place[1]})" if place else "",
    )
    return ", ".join(p for p in parts if p)


def device_and_leads(facts: CaseFacts) -> str:
    """Return the requested system and its leads: 'Abbott Proclaim XR; 2 percutaneous leads at T8–T10'."""
    request = facts.request
    device = " ".join(p for p in (format_value(request.device_maker), request.device_model) if p)
    kind = LEAD_KINDS.get(request.lead_type, "")
    if request.lead_count is not None:
        leads = plural(request.lead_count, f"{kind} lead".strip())
    else:
        leads = f"{kind} leads" if kind else ""
    if request.lead_levels:
        leads = f"{leads} at {request.lead_levels}" if leads else f"leads at {request.lead_levels}"
    return "; ".join(p for p in (device, leads) if p)


def trial_result(facts: CaseFacts) -> str:
    """Return the trial in numbers: length, pain before → during with % relief, opioid reduction, ODI."""
    t = facts.trial
    days = scoring.trial_days(t)
    relief = relief_text(t.pain_before_nrs, t.pain_during_nrs)
    opioids = ""
    if t.mme_before is not None and t.mme_during is not None:
        change = scoring.percent_reduction(t.mme_before, t.mme_during)
        before, during = format_value(t.mme_before), format_value(t.mme_during)
        opioids = f"opioids {before} → {during} MME per day"
        if change is not None and t.mme_during < t.mme_before:
            opioids += f" ({change}% reduction)"
    odi_before = scoring.score_odi(facts.baselines.odi.scores())
    odi_during = scoring.score_odi(t.odi.scores())
    odi = f"ODI {odi_before.percent}% → {odi_during.percent}%" if odi_before and odi_during else ""
    numbers = "; ".join(p for p in (relief, opioids, odi) if p)
    if not numbers:
        return ""
    return f"{plural(days, 'day')}: {numbers}" if days is not None else numbers


def device_problem(facts: CaseFacts) -> str:
    """Return the current system's problem, when it was found, and the relief it gave while it worked."""
    d = facts.device
    if d.problem is None:
        return ""
    found = f", found {format_date(d.problem_noted_on)}" if d.problem_noted_on else ""
    relief = relief_text(d.pain_before_implant_nrs, d.pain_with_device_nrs)
    return f"{d.problem.label}{found}" + (f"; while it worked: {relief}" if relief else "")


def block_pattern(facts: CaseFacts) -> str:
    """Return the earlier blocks: how many, relief in days in date order, and the last block's pain relief."""
    ordered = scoring.sorted_blocks(facts.blocks.blocks)
    if not ordered:
        return ""
    durations = [b.relief_days for b in ordered if b.relief_days is not None]
    parts = [plural(len(ordered), "block")]
    if durations:
        parts.append(f"relief lasted {' → '.join(str(d) for d in durations)} days")
    trend = scoring.block_relief_increasing(ordered)
    if trend:
        parts.append("lengthening with each block")
    last = ordered[-1]
    relief = relief_text(last.pain_before_nrs, last.pain_after_nrs)
    if relief:
        parts.append(f"last block: {relief}")
    return "; ".join(parts)


def psych_clearance(facts: CaseFacts) -> str:
    """Return the evaluation's conclusion, date and evaluator: 'Cleared, Aug 12, 2026 by A. Porter (psychologist)'."""
    p = facts.psych
    if p.conclusion is None and p.evaluated_on is None:
        return ""
    evaluator = p.evaluator_name
    if p.evaluator_credential is not None:
        credential = p.evaluator_credential.label.lower()
        evaluator = f"{evaluator} ({credential})" if evaluator else credential
    said = ", ".join(part for part in (format_value(p.conclusion), format_value(p.evaluated_on)) if part)
    return f"{said} by {evaluator}" if evaluator else said


def criteria_count(findings: Sequence[Result]) -> str:
    """Return 'N of N required criteria met — see Appendix A', or how many stay open; '' with none."""
    required = [r for r in findings if r.criterion.blocking]
    if not required:
        return ""
    met = sum(r.status is Status.MET for r in required)
    total = len(required)
    noun = "criterion" if total == 1 else "criteria"
    open_items = f"; {total - met} open" if met < total else ""
    return f"{met} of {total} required {noun} met{open_items} — see {APPENDIX}"
