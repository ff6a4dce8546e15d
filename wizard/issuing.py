"""Issuing a letter: judge the case, build and render the letter, store the exact PDF as a new version."""

import hashlib

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from .core.assessment import assess
from .core.criteria import CRITERIA_VERSION
from .core.rules import Outcome
from .letter.build import build_letter
from .letter.render import render_letter_pdf
from .models import Case, IssuedLetter

MAX_REASON_LENGTH = 1000


class IssueRefused(Exception):
    """The letter cannot be issued; the message says why and what to do."""


def issue_letter(case_id, clinic_id, user, override_reason: str, today) -> IssuedLetter:
    """Issue the next version of a case's letter, or raise IssueRefused."""
    reason = override_reason.strip()[:MAX_REASON_LENGTH]
    with transaction.atomic():
        case = Case.objects.select_for_update().get(pk=case_id, clinic_id=clinic_id)
        if case.status == Case.Status.DRAFT:
            raise IssueRefused("Review the case and mark it ready before issuing its letter.")
        facts = case.case_facts()
        assessment = assess(facts, today=today)
        outcome = assessment.verdict.outcome
        if outcome is not Outcome.MEETS and not reason:
            raise IssueRefused(
                f"{assessment.verdict.summary} Fix what blocks, or state why the letter should go anyway."
            )
        override = "" if outcome is Outcome.MEETS else reason
        version = (case.letters.aggregate(last=Max("version"))["last"] or 0) + 1
        issued_at = timezone.localtime()
        reference = (
            f"Letter version {version}, issued {issued_at:%Y-%m-%d %H:%M} · criteria {CRITERIA_VERSION}"
        )
        letter = build_letter(
            facts, assessment.results, today=today, override_reason=override, reference=reference
        )
        pdf = render_letter_pdf(letter, case_file=case.facts)
        issued = IssuedLetter.objects.create(
            case=case,
            version=version,
            pdf=pdf,
            sha256=hashlib.sha256(pdf).hexdigest(),
            issued_by=user,
            criteria_version=CRITERIA_VERSION,
            payer=facts.request.payer or "",
            verdict=outcome.value,
            override_reason=override,
        )
        case.status = Case.Status.ISSUED
        case.updated_by = user
        case.save(update_fields=["status", "updated_by", "updated_at"])
    return issued
