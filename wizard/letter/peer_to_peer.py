"""The peer-to-peer sheet: one page for the physician on the phone with the payer's reviewer. Pure.

It is for our own physician, never sent: it may show the deadline as our estimate (labeled so), and it
lists what is still open as plainly as the review page does.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from ..core import scoring
from ..core.assessment import decide
from ..core.choices import DenialReason
from ..core.denials import ALL_REQUIRED, AppealDeadline, answer, criteria_met, reason_steps
from ..core.display import format_date
from ..core.facts import CaseFacts, Clinician
from ..core.rules import Result, Status
from .addressing import payer_name, procedure_name
from .appeal import REASON_SUMMARY
from .appeal_content import PeerToPeerSheet, SheetLine, SheetReason
from .criteria_table import criterion_rows
from .criteria_table import payer_text as plain
from .prose import sentence
from .summary import summary_items

MAX_FACTS = 4
GENERAL = "Answered by every required criterion: see the count and the key numbers below."
NOTHING = "Nothing in the record answers this reason yet."


def build_peer_to_peer(
    facts: CaseFacts,
    results: Sequence[Result],
    *,
    reasons: Sequence[DenialReason],
    payer_text: str,
    denied_on: date | None,
    reference: str,
    deadline: AppealDeadline | None,
    today: date,
    signer: Clinician | None = None,
) -> PeerToPeerSheet:
    """Return the one-page sheet: patient, request, payer, each reason with its facts, and what is open."""
    procedure = procedure_name(facts)
    summary = {item.label: item.value for item in summary_items(facts, procedure)}
    patient = facts.patient
    met, total = criteria_met(results)
    clinician = signer or facts.request.clinician
    phone = clinician.direct_phone or facts.request.practice.phone
    return PeerToPeerSheet(
        title="Peer-to-peer review",
        practice_name=facts.request.practice.name,
        prepared_text=format_date(today),
        patient_name=patient.name or "not recorded",
        patient_born=format_date(patient.born_on) if patient.born_on else "not recorded",
        patient=lines(
            ("Patient", patient.name),
            ("Date of birth", format_date(patient.born_on) if patient.born_on else ""),
            ("Member ID", patient.member_id),
        ),
        request=lines(
            ("Request", summary.get("Request", procedure)),
            ("Date of service", summary.get("Date of service", "")),
            ("Facility", summary.get("Facility", "")),
            ("Device and leads", summary.get("Device and leads", "")),
            ("Diagnosis", summary.get("Diagnosis", "")),
        ),
        payer=lines(
            ("Payer", " · ".join(p for p in (payer_name(facts), facts.request.plan_name) if p)),
            (
                "Denial",
                " ".join(p for p in (reference, f"dated {format_date(denied_on)}" if denied_on else "") if p),
            ),
            ("Appeal deadline", deadline.label if deadline else ""),
        ),
        payer_text=payer_text.strip(),
        reasons=tuple(sheet_reason(facts, results, reason, summary) for reason in dict.fromkeys(reasons)),
        criteria_count=f"{met} of {total} required criteria met" if total else "No required criteria on file",
        key_numbers=key_numbers(facts, summary),
        still_open=still_open(facts, results),
        contact=" · ".join(p for p in (clinician.name, phone) if p),
        author=clinician.name,
    )


def lines(*pairs: tuple[str, str]) -> tuple[SheetLine, ...]:
    """Return the labeled lines whose value is recorded."""
    return tuple(SheetLine(label, value) for label, value in pairs if value)


def sheet_reason(
    facts: CaseFacts, results: Sequence[Result], reason: DenialReason, summary: dict[str, str]
) -> SheetReason:
    """Return a reason with its facts: the met criteria's evidence (up to 4) and the page-1 facts it names.

    A reason that names no point of its own is answered by every required criterion: the sheet points to
    the count and the key numbers rather than repeating them under each such reason.
    """
    reason = DenialReason(reason)
    answered = answer(reason, results)
    named = [f"{label}: {summary[label]}" for label in REASON_SUMMARY.get(reason, ()) if label in summary]
    if reason_steps(reason) is ALL_REQUIRED or answered.fallback:
        return SheetReason(reason.label, (*named[: MAX_FACTS - 1], GENERAL))
    # The letter's appendix wording: the psychological evaluation with its date, evaluator and conclusion.
    evidence = {row.id: row.evidence for row in criterion_rows(results, facts)}
    found = [sentence(evidence.get(r.criterion.id, "")) for r in answered.met]
    found += named
    found += [f"Open: {plain(r.criterion.text)}" for r in answered.open]
    found = list(dict.fromkeys(f for f in found if f))
    return SheetReason(reason.label, tuple(found[:MAX_FACTS]) or (NOTHING,))


def key_numbers(facts: CaseFacts, summary: dict[str, str]) -> tuple[SheetLine, ...]:
    """Return the numbers a reviewer asks for: trial result, baseline ODI, psychological evaluation, blocks."""
    odi = scoring.score_odi(facts.baselines.odi.scores())
    odi_on = facts.baselines.odi_completed_on
    baseline = f"{odi.percent}%" + (f" on {format_date(odi_on)}" if odi_on else "") if odi else ""
    return lines(
        ("Trial", summary.get("Trial result", "")),
        ("Baseline ODI", baseline),
        ("Psychological evaluation", summary.get("Psychological evaluation", "")),
        ("Earlier blocks", summary.get("Earlier blocks", "")),
        ("Device problem", summary.get("Device problem", "")),
    )


def still_open(facts: CaseFacts, results: Sequence[Result]) -> tuple[str, ...]:
    """Return every open item: required criteria not documented as met, safety holds and blocking risks."""
    verdict = decide(facts, results).verdict
    criteria = [
        f"{plain(r.criterion.text).rstrip('.')} ({r.status.label})"
        for r in results
        if r.criterion.required and r.status is not Status.MET
    ]
    others = [b.text.rstrip(".") for b in verdict.blockers]
    return tuple(dict.fromkeys((*criteria, *others)))
