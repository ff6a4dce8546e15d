"""Issuing a letter: judge and render with no lock held, then store the exact PDF as a new version."""

import hashlib
from dataclasses import dataclass
from datetime import date

from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone

from audit.models import Action
from audit.trail import record

from .core.assessment import assess
from .core.choices import EnclosureKind
from .core.criteria import CRITERIA_VERSION
from .core.disclosure import letter_case_file
from .core.facts import Clinician
from .core.rules import Outcome
from .letter.build import build_letter
from .letter.render import render_letter_pdf
from .models import Case, IssuedLetter, Membership
from .packet.listing import enclosure_lines

MAX_REASON_LENGTH = 1000
# A render takes ~0.4 s; a case that changes under it this often is being edited, so the clinician retries.
MAX_ATTEMPTS = 3


class IssueRefused(Exception):
    """The letter cannot be issued; the message says why and what to do."""


@dataclass(frozen=True)
class RenderedLetter:
    """A letter rendered from one reading of a case, waiting to be stored as the version it prints."""

    facts: dict
    version: int
    pdf: bytes
    sha256: str
    outcome: Outcome
    override: str
    open_criteria: tuple[str, ...]
    payer: str
    # The date whose tables judged the letter and their version, so it can be judged again with them.
    judged_on: date | None = None
    table_version: str = ""


def refuse_unless_issuable(case: Case) -> None:
    """Raise IssueRefused when the case may not have a letter issued now."""
    if case.archived_at is not None:
        raise IssueRefused(
            "This case is archived, so no letter can be issued. A clinic manager can restore it."
        )
    if case.status == Case.Status.DRAFT:
        raise IssueRefused("Review the case and mark it ready before issuing its letter.")


def next_version(case_id) -> int:
    """Return the version number the case's next letter gets."""
    return (IssuedLetter.objects.filter(case_id=case_id).aggregate(last=Max("version"))["last"] or 0) + 1


def uploaded_enclosures(case: Case) -> tuple[str, ...]:
    """Return the letter's lines for the records uploaded to the case, in date order (their bytes not loaded)."""
    rows = case.enclosures.order_by("document_on", "uploaded_at").values_list("kind", "title", "document_on")
    return enclosure_lines((EnclosureKind(kind).label, title, on) for kind, title, on in rows)


def render_letter(
    case: Case, reason: str, today, signer: Membership | None = None, to_follow_on: date | None = None
) -> RenderedLetter:
    """Judge the case and render its next letter; runs outside any transaction, as it takes a while.

    The letter is signed electronically by `signer` (the issuing clinician) at the time it is rendered; the
    stored PDF is this exact rendering, so the time it prints is the time of issue.
    """
    refuse_unless_issuable(case)
    facts = case.case_facts()
    refuse_unless_signer(signer, facts.request.clinician)
    assessment = assess(facts, today=today)
    outcome = assessment.verdict.outcome
    if outcome is not Outcome.MEETS and not reason:
        holds = "; ".join(b.text for b in assessment.verdict.holds)
        named = f" A safety hold is open ({holds}): the reason must address it." if holds else ""
        raise IssueRefused(
            f"{assessment.verdict.summary}{named} Fix what blocks, or state why the letter should go anyway."
        )
    override = "" if outcome is Outcome.MEETS else reason
    version = next_version(case.pk)
    tables = assessment.table_version or CRITERIA_VERSION
    now = timezone.localtime()
    reference = f"Letter version {version}, issued {now:%Y-%m-%d %H:%M} · criteria {tables}"
    letter = build_letter(
        facts,
        assessment.results,
        today=today,
        override_reason=override,
        reference=reference,
        to_follow_on=to_follow_on,
        signed_at=now,
        signer=signer.signature() if signer else None,
        signature_image=signer.signature_data_uri() if signer else "",
        enclosed=uploaded_enclosures(case),
    )
    pdf = render_letter_pdf(letter, case_file=letter_case_file(facts))
    return RenderedLetter(
        facts=case.facts,
        version=version,
        pdf=pdf,
        sha256=hashlib.sha256(pdf).hexdigest(),
        outcome=outcome,
        override=override,
        # Every open item the override goes past: blocking criteria, then safety holds and blocking risks.
        open_criteria=assessment.verdict.open_ids,
        payer=facts.request.payer or "",
        judged_on=assessment.judged_on,
        table_version=assessment.table_version,
    )


def store_letter(rendered: RenderedLetter, case_id, user, request=None) -> IssuedLetter | None:
    """Store a rendered letter in one short transaction; None if the case or its versions moved on."""
    with transaction.atomic():
        case = Case.objects.select_for_update().get(pk=case_id)
        refuse_unless_issuable(case)
        if case.facts != rendered.facts or next_version(case.pk) != rendered.version:
            return None
        issued = IssuedLetter.objects.create(
            case=case,
            version=rendered.version,
            pdf=rendered.pdf,
            sha256=rendered.sha256,
            issued_by=user,
            criteria_version=CRITERIA_VERSION,
            payer=rendered.payer,
            verdict=rendered.outcome.value,
            override_reason=rendered.override,
            judged_on=rendered.judged_on,
            table_version=rendered.table_version,
            facts=rendered.facts,
        )
        case.status = Case.Status.ISSUED
        case.updated_by = user
        case.save(update_fields=["status", "updated_by", "updated_at"])
        audit = {"request": request, "user": user, "clinic_id": case.clinic_id, "case_id": case.pk}
        record(Action.ISSUE, **audit, version=issued.version, verdict=issued.verdict, sha256=issued.sha256)
        if rendered.override:
            record(
                Action.OVERRIDE,
                **audit,
                version=issued.version,
                reason=rendered.override,
                open=list(rendered.open_criteria),
            )
    return issued


def signs_for(member: Membership, named: Clinician) -> bool:
    """Return whether this member is the clinician the letter names as its signer (by NPI, else by name)."""
    if named.npi and member.npi:
        return named.npi == member.npi
    return named.name == member.display_name


def refuse_unless_signer(signer: Membership | None, named: Clinician) -> None:
    """Raise IssueRefused when the issuing clinician is not the one whose name the letter's signature prints.

    An electronic signature must be the signer's own: the statement, the image and the typed name are one
    person's. A case that names no clinician is signed by whoever issues it.
    """
    if signer is None or not (named.name or named.npi) or signs_for(signer, named):
        return
    raise IssueRefused(
        f"This letter is signed by {named.name or 'another clinician'}: only they can issue it. To sign it "
        "yourself, choose yourself as the clinician in the Request step."
    )


def issuing_member(user) -> Membership | None:
    """Return the issuing user's membership (their name, credentials and image sign the letter)."""
    return Membership.objects.filter(user=user).first() if user is not None else None


def issue_letter(
    case_id, clinic_id, user, override_reason: str, today, *, request=None, to_follow_on: date | None = None
) -> IssuedLetter:
    """Issue the next version of a case's letter, or raise IssueRefused."""
    reason = override_reason.strip()[:MAX_REASON_LENGTH]
    for _attempt in range(MAX_ATTEMPTS):
        case = Case.objects.get(pk=case_id, clinic_id=clinic_id)
        rendered = render_letter(case, reason, today, signer=issuing_member(user), to_follow_on=to_follow_on)
        try:
            issued = store_letter(rendered, case.pk, user, request)
        except IntegrityError:
            # Another issue stored this version first; the PDF prints its version, so it is rendered again.
            continue
        if issued is not None:
            return issued
    raise IssueRefused(
        "The case kept changing while its letter was being prepared, so nothing was issued. Try again."
    )
