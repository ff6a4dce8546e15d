"""build_appeal: a denial answered reason by reason with the case's documented facts and the payer's criteria.

Pure: time comes in as `today`. The letter of medical necessity is built first and the appeal reuses what
it decided (letterhead, addressee, RE block, summary facts, narrative sections, numbered criteria, the
policy citation, signature), so the two never disagree. A criterion the record does not document as met
is never claimed: one not documented is listed "to follow", one documented as not met is left out, and the
clinician is told about both in `notes`, which the letter never prints.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime

from ..core.choices import DenialReason, Payer
from ..core.denials import ALL_REQUIRED, ReasonAnswer, answer, reason_steps
from ..core.display import format_date
from ..core.facts import CaseFacts, Clinician
from ..core.rules import Result, Status
from ..core.steps import applicable_steps
from .addressing import contractor_line, for_the_record, payer_name, procedure_name, re_lines
from .appeal_content import AppealCriterion, AppealLetter, ReasonSection
from .build import SECTION_BUILDERS, build_letter
from .content import CriterionRow, Letter
from .prose import lower_first, sentence

# Page-1 facts of the letter that answer a reason besides its narrative sections, by summary label.
REASON_SUMMARY = {
    DenialReason.DIAGNOSIS: ("Diagnosis",),
    DenialReason.INVESTIGATIONAL: ("Device and leads", "Device problem"),
    DenialReason.SITE_OF_SERVICE: ("Date of service", "Facility"),
    DenialReason.CODING: ("Request", "Diagnosis"),
}
# Narrative sections answer a reason about their step; the decision and safety sections answer none.
NARRATIVE_STEPS = frozenset(
    {"request", "diagnosis", "therapy", "baselines", "psych", "trial", "device", "blocks"}
)
REASON_TITLES = {DenialReason.OTHER: "Reason stated by the payer"}
CODE_HEADER = ("Code", "Units", "Modifiers", "Description")
FALLBACK = "The criteria cited have no requirement on this point of their own for this request."
LISTED_BELOW = "Each required criterion and what the record shows follows."
LISTED_ABOVE = "Each required criterion and what the record shows is listed above, under “{title}”."
RESENT = "The records listed as enclosed again are sent with this appeal."


def build_appeal(
    facts: CaseFacts,
    results: Sequence[Result],
    *,
    reasons: Sequence[DenialReason],
    payer_text: str,
    denied_on: date | None,
    reference: str,
    deadline_on: date | None,
    new_enclosures: Sequence[str],
    today: date,
    signed_at: datetime | None = None,
    signer: Clinician | None = None,
    signature_image: str = "",
) -> AppealLetter:
    """Return the appeal of a denial; `deadline_on` is printed only as given (stated or confirmed)."""
    letter = build_letter(
        facts, results, today=today, signed_at=signed_at, signer=signer, signature_image=signature_image
    )
    reasons = tuple(dict.fromkeys(DenialReason(r) for r in reasons))
    answers = tuple(answer(reason, results) for reason in reasons)
    rows = {row.id: row for row in letter.criteria}
    procedure = procedure_name(facts)
    sections, listed_under = [], ""
    for answered in answers:
        section = reason_section(facts, letter, answered, rows, today, listed_under)
        general = answered.fallback or reason_steps(answered.reason) is ALL_REQUIRED
        if general and not listed_under:
            # Every required criterion is listed once, under the first reason that needs them all.
            listed_under = section.title
        sections.append(section)
    resend = DenialReason.RECORDS_NOT_RECEIVED in reasons
    return AppealLetter(
        title=f"Appeal of denial: {procedure}",
        practice_name=letter.practice_name,
        practice_lines=letter.practice_lines,
        date_text=letter.date_text,
        recipient_lines=appeal_recipient(facts),
        re_lines=appeal_re_lines(facts, procedure, reference, denied_on, deadline_on),
        patient_name=letter.patient_name,
        patient_born=letter.patient_born,
        salutation=letter.salutation,
        opening=opening(facts, procedure, reference, denied_on, payer_text, reasons),
        payer_text=payer_text.strip(),
        policy_citation=letter.policy_citation or (f"{letter.criteria_title}." if letter.criteria else ""),
        sections=tuple(sections),
        peer_to_peer=peer_to_peer(facts, signer),
        closing=closing(facts, procedure),
        signature_lines=letter.signature_lines,
        signature_statement=letter.signature_statement,
        signature_image=letter.signature_image,
        new_enclosures=tuple(e.strip() for e in new_enclosures if e.strip()),
        enclosed_again=letter.enclosures if resend else (),
        author=letter.author,
        notes=clinician_notes(answers, rows, deadline_on, facts, signer),
    )


def appeal_recipient(facts: CaseFacts) -> tuple[str, ...]:
    """Return the addressee: the payer, plan and (traditional Medicare) contractor, and its appeals unit."""
    unit = "Redeterminations" if facts.request.payer == Payer.MEDICARE else "Appeals"
    lines = (payer_name(facts), facts.request.plan_name, contractor_line(facts), unit)
    return tuple(line for line in lines if line)


def appeal_re_lines(
    facts: CaseFacts, procedure: str, reference: str, denied_on: date | None, deadline_on: date | None
) -> tuple[str, ...]:
    """Return the RE block: the denial appealed, then the letter's patient and request lines, then the deadline."""
    denial = denial_words("Appeal of denial", reference, denied_on)
    deadline = f"Appeal deadline: {format_date(deadline_on)}" if deadline_on else ""
    return tuple(line for line in (denial, *re_lines(facts, procedure), deadline) if line)


def denial_words(lead: str, reference: str, denied_on: date | None) -> str:
    """Return '<lead> PA-123 dated Nov 20, 2026', leaving out what is not given."""
    dated = f"dated {format_date(denied_on)}" if denied_on else ""
    return " ".join(part for part in (lead, reference.strip(), dated) if part)


def opening(
    facts: CaseFacts,
    procedure: str,
    reference: str,
    denied_on: date | None,
    payer_text: str,
    reasons: Sequence[DenialReason],
) -> tuple[str, ...]:
    """Return the opening: what is appealed, for whom, and how the denial's reasons are answered."""
    name = facts.patient.name or "my patient"
    planned = f" planned for {format_date(facts.request.planned_on)}" if facts.request.planned_on else ""
    notice = denial_words("the denial notice", reference, denied_on)
    said = (
        f"{notice} states the reason quoted below"
        if payer_text.strip()
        else f"{notice} gives as its {'reason' if len(reasons) == 1 else 'reasons'}: "
        + "; ".join(lower_first(r.label) for r in reasons)
    )
    return (
        sentence(f"I am writing to appeal the denial of the {lower_first(procedure)}{planned} for {name}"),
        sentence(said),
        sentence(
            "each reason is answered below with what the patient's record documents and the criteria cited"
        ),
    )


def reason_section(
    facts: CaseFacts,
    letter: Letter,
    answered: ReasonAnswer,
    rows: dict[str, CriterionRow],
    today: date,
    listed_under: str = "",
) -> ReasonSection:
    """Return the answer to one reason: its facts, the criteria met with their evidence, and those to follow.

    A reason answered by every required criterion points to the section that already lists them all
    (`listed_under`) rather than listing them again.
    """
    reason = answered.reason
    steps = reason_steps(reason)
    general = answered.fallback or steps is ALL_REQUIRED
    repeated = general and bool(listed_under)
    applicable = set(applicable_steps(facts.request.procedure, facts.request.has_existing_stimulator))
    narrative = [
        section
        for step, build in SECTION_BUILDERS
        if steps is not None and step in steps & applicable & NARRATIVE_STEPS
        for section in (build(facts, today),)
        if section.sentences or section.items or section.table
    ]
    labels = REASON_SUMMARY.get(reason, ()) if steps is not None else tuple(i.label for i in letter.summary)
    if repeated:
        labels = ()
    # The appeal has no appendix: a sentence pointing to one of the letter's is left out.
    sentences = [s for section in narrative for s in section.sentences if "appendix" not in s.lower()]
    if general:
        sentences.insert(0, LISTED_ABOVE.format(title=listed_under) if repeated else LISTED_BELOW)
    if answered.fallback:
        sentences.insert(0, FALLBACK)
    if reason == DenialReason.RECORDS_NOT_RECEIVED and letter.enclosures:
        sentences.insert(0, RESENT)
    table_header, table = (), ()
    history = letter.treatment_history if steps is not None and "therapy" in steps & applicable else None
    tables = [section for section in (*narrative, history) if section is not None and section.table]
    if tables:
        table_header, table = tables[0].table_header, tables[0].table
    elif reason == DenialReason.CODING and letter.codes:
        table_header = CODE_HEADER
        table = tuple((f"{c.system} {c.code}", c.units, c.modifiers, c.description) for c in letter.codes)
    return ReasonSection(
        title=f"Reason: {REASON_TITLES.get(reason, reason.label)}",
        sentences=tuple(sentences),
        facts=tuple(f"{i.label}: {i.value}" for i in letter.summary if i.label in labels),
        items=tuple(item for section in narrative for item in section.items),
        table_header=table_header,
        table=table,
        criteria=tuple(
            AppealCriterion(rows[r.criterion.id].text, evidence_text(rows[r.criterion.id]))
            for r in answered.met
            if r.criterion.id in rows and not repeated
        ),
        to_follow=tuple(
            rows[r.criterion.id].text
            for r in answered.open
            if r.status is Status.NOT_DOCUMENTED and r.criterion.id in rows and not repeated
        ),
    )


def evidence_text(row: CriterionRow) -> str:
    """Return 'Met: <what the record shows>' for a met criterion."""
    return f"Met: {row.evidence}" if row.evidence else "Met."


def peer_to_peer(facts: CaseFacts, signer: Clinician | None) -> str:
    """Return the request for a peer-to-peer review, with the signer's direct line or the practice's phone."""
    clinician = signer or facts.request.clinician
    if clinician.direct_phone:
        call = f"please call me directly at {clinician.direct_phone}"
    elif facts.request.practice.phone:
        call = f"please call my office at {facts.request.practice.phone}"
    else:
        call = "please contact my office to arrange it"
    return sentence(
        f"I request a peer-to-peer review with the physician reviewer before this appeal is decided; {call}"
    )


def closing(facts: CaseFacts, procedure: str) -> tuple[str, ...]:
    """Return the closing request."""
    granted = "covered" if for_the_record(facts) else "authorized"
    return (
        sentence(
            f"I respectfully ask that the denial be reversed and the {lower_first(procedure)} be {granted}"
        ),
    )


def clinician_notes(
    answers: Sequence[ReasonAnswer],
    rows: dict[str, CriterionRow],
    deadline_on: date | None,
    facts: CaseFacts,
    signer: Clinician | None,
) -> tuple[str, ...]:
    """Return what the clinician should know before sending: open criteria, fallbacks, a missing deadline."""
    notes: dict[str, None] = {}
    for a in answers:
        if a.fallback:
            notes[
                f"{a.reason.label}: no criterion reads this point for this request; every required one answers it."
            ] = None
        for r in a.open:
            row = rows.get(r.criterion.id)
            if row is None:
                continue
            if r.status is Status.NOT_DOCUMENTED:
                notes[f"{row.text} Not documented: the appeal lists it as to follow; enclose the record."] = (
                    None
                )
            else:
                notes[
                    f"{row.text} Not met ({row.evidence}): the appeal leaves it out and does not claim it."
                ] = None
    if deadline_on is None:
        notes[
            "No appeal deadline is printed: enter the one stated on the denial notice, or one you confirmed."
        ] = None
    clinician = signer or facts.request.clinician
    if not clinician.direct_phone:
        notes["No direct line on file for a peer-to-peer call: the letter gives the practice's phone."] = None
    return tuple(notes)
