"""Who may see and change what: every case belongs to one clinic, and only its members see it."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from audit.trail import record_case_view

from .models import Case, Membership


def current_membership(request) -> Membership | None:
    """Return the signed-in user's membership (loaded with the user by wizard.auth), or None."""
    user = request.user
    return getattr(user, "membership", None) if user.is_authenticated else None


def membership_of(request) -> Membership:
    """Return the signed-in user's clinic membership, or refuse users who belong to no clinic."""
    membership = current_membership(request)
    if membership is None:
        raise PermissionDenied("Your account is not linked to a clinic. Ask your administrator.")
    return membership


def clinician_of(request) -> Membership:
    """Return the membership if the user is a clinician; staff may read and download, not edit."""
    membership = membership_of(request)
    if not membership.is_clinician:
        raise PermissionDenied("Only clinicians can create or change cases.")
    return membership


def case_of(request, case_id, *, for_update: bool = False) -> Case:
    """Return the clinic's case with this id, recording the access; another clinic's case is a 404."""
    membership = membership_of(request)
    cases = Case.objects.filter(clinic_id=membership.clinic_id)
    if for_update:
        cases = cases.select_for_update()
    case = get_object_or_404(cases, pk=case_id)
    # The case is the member's clinic's, which came with the signed-in user: no second query for it.
    case.clinic = membership.clinic
    record_case_view(request, case)
    if for_update:
        refuse_archived(case)
    return case


def refuse_archived(case: Case) -> None:
    """Refuse to change an archived case: it is read-only until a manager restores it."""
    if case.archived_at is not None:
        raise PermissionDenied(
            "This case is archived, so it cannot be changed. A clinic manager can restore it."
        )
