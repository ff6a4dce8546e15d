"""build_letter: facts and findings in, everything the letter prints out. Pure: time comes in as `today`.

It orders the narrative sections and writes what surrounds them: the opening, the claim lines, the figures,
the closing request, the override statement and the enclosures.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime

from ..core import scoring
from ..core.assessment import decide
from ..core.choices import PlaceOfService
from ..core.coding import code_request
from ..core.display import format_date
from ..core.facts import CaseFacts, Clinician
from ..core.rules import Outcome, Result, Verdict
from ..core.steps import BLOCK_PROCEDURES, PERMANENT_PROCEDURES, applicable_steps
from . import attestation as attesting
from .addressing import (
    for_the_record,
    payer_name,
    practice_lines,
    procedure_name,
    re_lines,
    recipient_lines,
)
from .baselines import function_section
from .content import CodeRow, Figure, Letter
from .criteria_table import CRITERIA_NOTE, criteria_title, criterion_rows, policy_citation
from .evidence import evidence_paragraph
from .figures import BlockBar, block_relief_figure, pain_function_caption, pain_function_figure
from .history import conservative_care_section, diagnosis_section, treatment_history
from .outcomes import blocks_section, device_section, placement_section, trial_section
from .prose import lower_first, sentence
from .readiness import after_procedure_section, decision_section, psych_section, why_now_section
from .safety import safety_section
from .signature import signature_block
from .summary import criteria_count, summary_items

SECTION_BUILDERS = (
    ("request", placement_section),
    ("diagnosis", diagnosis_section),
    ("therapy", conservative_care_section),
    ("baselines", function_section),
    ("psych", psych_section),
    ("safety", safety_section),
    ("device", device_section),
    ("trial", trial_section),
    ("blocks", blocks_section),
    ("decision", why_now_section),
    ("decision", decision_section),
    ("decision", after_procedure_section),
)
NOT_GIVEN = "not recorded"


def build_letter(
    facts: CaseFacts,
    findings: Sequence[Result],
    *,
    today: date,
    override_reason: str = "",
    reference: str = "",
    to_follow_on: date | None = None,
    signed_at: datetime | None = None,
    signer: Clinician | None = None,
    signature_image: str = "",
    enclosed: tuple[str, ...] = (),
) -> Letter:
    """Return the letter for a case, its findings and the date it is written; `reference` names this issue.

    `enclosed` lists the records uploaded to the case; without any, the letter lists the records its facts cite.
    """
    request, patient = facts.request, facts.patient
    procedure = procedure_name(facts)
    steps = applicable_steps(request.procedure, request.has_existing_stimulator)
    sections = tuple(
        section
        for step, build in SECTION_BUILDERS
        if step in steps
        for section in (build(facts, today),)
        if section.sentences or section.items
    )
    references_sentences, references = evidence_paragraph(facts)
    # The one decision the review, the case list and issuing read: criteria, blocking risks, safety holds.
    judged = decide(facts, findings).verdict
    practice = request.practice
    clinician = request.clinician
    return Letter(
        title=f"Letter of medical necessity: {procedure}",
        practice_name=practice.name,
        practice_lines=practice_lines(facts),
        date_text=format_date(today),
        recipient_lines=recipient_lines(facts),
        re_lines=re_lines(facts, procedure),
        patient_name=patient.name or NOT_GIVEN,
        patient_born=format_date(patient.born_on) if patient.born_on else NOT_GIVEN,
        salutation="Dear Medical Director,",
        opening=opening(facts, procedure),
        codes=code_rows(facts),
        sections=sections,
        figures=figures(facts),
        criteria_title=criteria_title(facts),
        criteria_note=CRITERIA_NOTE,
        criteria=criterion_rows(findings, facts),
        conclusion=conclusion(facts, judged, procedure),
        override=attesting.override(judged, override_reason),
        evidence=references_sentences,
        references=references,
        attestation=attesting.attestation(judged),
        policy_citation=policy_citation(facts),
        to_follow=attesting.to_follow(judged, to_follow_on),
        signature_lines=tuple(
            line
            for line in (
                ", ".join(p for p in (clinician.name, clinician.credentials) if p),
                f"NPI {clinician.npi}" if clinician.npi else "",
                practice.name,
            )
            if line
        ),
        enclosures=enclosed or enclosures(facts),
        author=clinician.name,
        reference=reference,
        **signature_block(facts, today, signed_at=signed_at, signer=signer, image=signature_image),
        summary=summary_items(facts, procedure),
        criteria_count=criteria_count(findings),
        treatment_history=treatment_history(facts) if "therapy" in steps else None,
    )


PLACES = {
    PlaceOfService.OFFICE: " in the office",
    PlaceOfService.ASC: " at an ambulatory surgery center",
    PlaceOfService.HOSPITAL_OUTPATIENT: " in a hospital outpatient department",
    PlaceOfService.HOSPITAL_INPATIENT: " as a hospital inpatient",
}


def opening(facts: CaseFacts, procedure: str) -> tuple[str, ...]:
    """Return the opening: who is asking for what, for whom, when and where."""
    request, patient = facts.request, facts.patient
    condition = facts.diagnosis.condition
    for_what = f" for {lower_first(condition.label)}" if condition else ""
    planned = f" planned for {format_date(request.planned_on)}" if request.planned_on else ""
    place = PLACES.get(request.place_of_service, "")
    name = patient.name or "my patient"
    asking = (
        "document, for the record, the medical necessity of"
        if for_the_record(facts)
        else "request authorization of"
    )
    return (
        sentence(f"I am writing to {asking} a {lower_first(procedure)}{planned}{place} for {name}{for_what}"),
        sentence(
            "The record below documents the history, the treatment tried, and the findings that support this request"
        ),
    )


def code_rows(facts: CaseFacts) -> tuple[CodeRow, ...]:
    """Return the claim lines: CPT and HCPCS with units and modifiers, then ICD-10-CM."""
    return tuple(
        CodeRow(
            line.system,
            line.code,
            str(line.units) if line.units is not None else "",
            ", ".join(line.modifiers),
            line.description,
        )
        for line in code_request(facts).lines
    )


def figures(facts: CaseFacts) -> tuple[Figure, ...]:
    """Return the figures a reader would rather look at than read."""
    found = []
    trial = facts.trial
    baseline_odi = scoring.score_odi(facts.baselines.odi.scores())
    trial_odi = scoring.score_odi(trial.odi.scores())
    values = (
        trial.pain_before_nrs,
        trial.pain_during_nrs,
        baseline_odi.percent if baseline_odi else None,
        trial_odi.percent if trial_odi else None,
    )
    svg = pain_function_figure(*values)
    if svg and facts.request.procedure in PERMANENT_PROCEDURES:
        found.append(
            Figure("Pain and function before and during the trial", svg, pain_function_caption(*values))
        )
    ordered = scoring.sorted_blocks(facts.blocks.blocks)
    bars = [
        BlockBar(
            format_date(b.performed_on) if b.performed_on else "undated",
            b.relief_days,
            scoring.percent_reduction(b.pain_before_nrs, b.pain_after_nrs),
        )
        for b in ordered
    ]
    block_svg = block_relief_figure(bars) if bars else None
    if block_svg and facts.request.procedure in BLOCK_PROCEDURES:
        found.append(
            Figure("Relief after each earlier block", block_svg, "Days of relief, with % pain relief.")
        )
    return tuple(found)


def conclusion(facts: CaseFacts, judged: Verdict, procedure: str) -> tuple[str, ...]:
    """Return the closing request; it says criteria are met only when the verdict meets (nothing blocks)."""
    outcome = judged.outcome
    payer = payer_name(facts, "the payer")
    meets = (
        sentence(f"the documentation meets each required criterion of {payer} listed in Appendix A")
        if outcome is Outcome.MEETS
        else ""
    )
    asks = (
        f"this letter documents the medical necessity of the {lower_first(procedure)} for the record; Medicare "
        "fee-for-service requires prior authorization only in a hospital outpatient department"
        if for_the_record(facts)
        else f"I respectfully request authorization of the {lower_first(procedure)}"
    )
    return tuple(
        s
        for s in (
            meets,
            sentence(asks),
            sentence("please contact my office with any questions or to arrange a peer-to-peer review"),
        )
        if s
    )


def enclosures(facts: CaseFacts) -> tuple[str, ...]:
    """Return the records that support the letter, listed only when the case documents them and uses them."""
    p, t, b, d = facts.psych, facts.trial, facts.baselines, facts.device
    therapy = facts.therapy
    steps = applicable_steps(facts.request.procedure, facts.request.has_existing_stimulator)
    psych_on = format_date(p.evaluated_on) if p.evaluated_on else ""
    trial_span = (
        f"{format_date(t.started_on)} – {format_date(t.ended_on)}" if t.started_on and t.ended_on else ""
    )
    candidates = (
        (
            "psych",
            p.evaluated_on,
            f"Psychological evaluation ({p.evaluator_name or 'evaluator'}, {psych_on})",
        ),
        ("trial", trial_span, f"Trial record ({trial_span})"),
        (
            "baselines",
            b.odi_completed_on,
            f"Oswestry Disability Index questionnaire ({format_date(b.odi_completed_on) if b.odi_completed_on else ''})",
        ),
        ("therapy", therapy.medications, "Medication history"),
        ("therapy", therapy.pt_courses, "Physical therapy records"),
        ("therapy", therapy.injections, "Injection procedure notes"),
        ("therapy", therapy.surgeries, "Operative notes"),
        ("blocks", facts.blocks.blocks, "Sympathetic block procedure notes"),
        ("diagnosis", facts.diagnosis.imaging, "Imaging report"),
        ("device", d.problem, "Device interrogation and imaging"),
        ("decision", facts.decision.discussed_on, "Shared decision-making note"),
    )
    return tuple(text for step, present, text in candidates if present and step in steps)
