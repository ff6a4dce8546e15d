"""An assessment as the command line prints it: one JSON object, or plain text."""

from __future__ import annotations

from .assessment import Assessment
from .choices import Payer
from .rules import Citation, Result


def citation_json(citation: Citation) -> dict:
    """Return a citation as JSON: source with its reference tag, section, URL, effective date, confidence."""
    return {
        "source": f"{citation.source} [{citation.tag}]",
        "section": citation.section,
        "url": citation.url,
        "effective": citation.effective.isoformat() if citation.effective else None,
        "confidence": citation.confidence.value,
    }


def finding_json(result: Result) -> dict:
    """Return one finding as JSON."""
    return {
        "id": result.criterion.id,
        "status": result.status.value,
        "required": result.criterion.required,
        "text": result.criterion.text,
        "evidence": result.finding.evidence,
        "citation": citation_json(result.criterion.citation),
    }


def warnings(assessment: Assessment) -> list[str]:
    """Return what the reader should act on besides the findings: context, coding, denial risks, advice."""
    facts, out = assessment.facts, []
    if assessment.profile is None:
        out.append("No payer chosen: no criteria were evaluated.")
    if facts.request.payer == Payer.MEDICARE and facts.request.mac_jurisdiction is None:
        out.append("Medicare contractor (MAC) not recorded: NCD 160.7 and the OPD lists only, no LCD.")
    out += [
        f"Coding {check.level}: {check.message}"
        for check in assessment.coding.checks
        if check.level != "note"
    ]
    out += [f"Denial risk, {risk.title}: {gap.message}" for risk in assessment.risks for gap in risk.gaps]
    out += [f"Antithrombotic: {advice.message}" for advice in assessment.advice]
    return out


def assessment_json(assessment: Assessment) -> dict:
    """Return the assessment as the JSON object `evaluate_case --format json` prints."""
    request = assessment.facts.request
    return {
        "request": request.procedure.value if request.procedure else None,
        "payer": request.payer.value if request.payer else None,
        "verdict": assessment.verdict.outcome.value,
        "findings": [finding_json(r) for r in assessment.results],
        "codes": [
            {
                "system": line.system,
                "code": line.code,
                "units": line.units,
                "modifiers": list(line.modifiers),
                "description": line.description,
            }
            for line in assessment.coding.lines
        ],
        "warnings": [assessment.verdict.summary, *warnings(assessment)],
    }


STATUS_MARKS = {"met": "MET", "not_met": "NOT MET", "not_documented": "NOT DOCUMENTED"}


def assessment_text(assessment: Assessment) -> str:
    """Return the assessment as plain text for a terminal."""
    facts = assessment.facts
    request = facts.request
    lines = [
        f"Request: {request.procedure.label if request.procedure else 'not chosen'}",
        f"Payer:   {assessment.profile.name if assessment.profile else 'not chosen'}",
        f"Verdict: {assessment.verdict.outcome.label} — {assessment.verdict.summary}",
        "",
        "Findings:",
    ]
    for result in assessment.results:
        c = result.criterion
        kind = "required" if c.required else "recommended"
        verify = ", verify with payer" if c.citation.verify_with_payer else ""
        lines.append(f"  [{STATUS_MARKS[result.status.value]}] {c.id} ({kind}{verify})")
        lines.append(f"      {c.text}")
        lines.append(f"      Evidence: {result.finding.evidence}")
        effective = c.citation.effective.isoformat() if c.citation.effective else "date not on file"
        lines.append(
            f"      Source: {c.citation.source}, {c.citation.section or 'whole policy'} ({effective})"
        )
    lines += ["", "Codes:"]
    for line in assessment.coding.lines:
        units = f" x{line.units}" if line.units else ""
        modifiers = f" -{'-'.join(line.modifiers)}" if line.modifiers else ""
        lines.append(f"  {line.system:<9} {line.code}{units}{modifiers}  {line.description}")
    extra = warnings(assessment)
    if extra:
        lines += ["", "Warnings:", *(f"  - {w}" for w in extra)]
    return "\n".join(lines) + "\n"
