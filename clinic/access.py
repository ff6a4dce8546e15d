"""Only a clinic's managers use these pages, and only on their own clinic's members."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from wizard.access import membership_of
from wizard.models import Membership


def manager_of(request) -> Membership:
    """Return the signed-in user's membership if they manage their clinic; refuse everyone else."""
    membership = membership_of(request)
    if not membership.is_manager:
        raise PermissionDenied("Only clinic managers can manage users and read the audit trail.")
    return membership


def member_of(request, user_id) -> Membership:
    """Return a member of the manager's clinic; a user of another clinic is a 404."""
    manager = manager_of(request)
    return get_object_or_404(
        Membership.objects.select_related("user"), clinic_id=manager.clinic_id, user_id=user_id
    )
