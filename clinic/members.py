"""What a manager does to the clinic's members; every action goes on the audit trail."""

from django.contrib.auth import get_user_model
from django.contrib.sessions.models import Session
from django.db import transaction
from django.utils import timezone
from django_otp import device_classes

from accounts.lockout import locked_out_usernames
from accounts.lockout import unlock as unlock_account
from accounts.second_factor import reset_second_factor as delete_second_factor
from audit.models import Action
from audit.trail import record
from wizard.models import Membership

from .links import issue_link, withdraw_links
from .models import OneTimeLink


def audit_target(action, request, user, **detail) -> None:
    """Record a manager's action on a member, naming the member."""
    record(action, request=request, target_user_id=user.pk, target_username=user.get_username(), **detail)


@transaction.atomic
def invite(clinic, data: dict, *, request) -> tuple[Membership, str]:
    """Create an inactive user and their membership; return it with the invitation token."""
    user = get_user_model().objects.create_user(
        username=data["username"], first_name=data["first_name"], last_name=data["last_name"], is_active=False
    )
    membership = Membership.objects.create(
        user=user, clinic=clinic, role=data["role"], credentials=data["credentials"], npi=data["npi"]
    )
    token = issue_link(user, OneTimeLink.Purpose.INVITE, created_by=request.user, now=timezone.now())
    audit_target(Action.USER_INVITED, request, user, role=membership.role)
    return membership, token


@transaction.atomic
def reinvite(user, *, request) -> str:
    """Replace a not-yet-accepted invitation with a new link; return its token."""
    token = issue_link(user, OneTimeLink.Purpose.INVITE, created_by=request.user, now=timezone.now())
    audit_target(Action.USER_INVITED, request, user, role=user.membership.role, again=True)
    return token


def end_sessions(user) -> int:
    """Delete every open session of this user; return how many."""
    user_id = str(user.pk)
    ended = [
        session.pk
        for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator()
        if session.get_decoded().get("_auth_user_id") == user_id
    ]
    Session.objects.filter(pk__in=ended).delete()
    return len(ended)


@transaction.atomic
def deactivate(user, *, request) -> None:
    """Stop the user signing in: inactive, open links withdrawn, open sessions ended."""
    user.is_active = False
    user.save(update_fields=["is_active"])
    withdraw_links(user, timezone.now())
    sessions = end_sessions(user)
    audit_target(Action.USER_DEACTIVATED, request, user, sessions_ended=sessions)


@transaction.atomic
def reactivate(user, *, request) -> None:
    """Let a deactivated user sign in again with the password they had."""
    user.is_active = True
    user.save(update_fields=["is_active"])
    audit_target(Action.USER_REACTIVATED, request, user)


@transaction.atomic
def reset_password(user, *, request) -> str:
    """Make the password unusable, end the user's sessions and return a one-time reset token."""
    user.set_unusable_password()
    user.save(update_fields=["password"])
    sessions = end_sessions(user)
    token = issue_link(user, OneTimeLink.Purpose.PASSWORD_RESET, created_by=request.user, now=timezone.now())
    audit_target(Action.PASSWORD_RESET, request, user, sessions_ended=sessions)
    return token


def reset_second_factor(user, *, request) -> int:
    """Delete the user's second-factor devices (they enrol again at next sign-in); return how many."""
    return delete_second_factor(user, request=request)


def unlock(user, *, request) -> int:
    """Clear the user's failed sign-ins so they may sign in now; return how many records went."""
    return unlock_account(user.get_username(), request=request)


def enrolled_user_ids(user_ids) -> set[int]:
    """Return which of these users have a confirmed second-factor device (one query per device type)."""
    enrolled = set()
    for model in device_classes():
        enrolled.update(
            model.objects.filter(user_id__in=user_ids, confirmed=True).values_list("user_id", flat=True)
        )
    return enrolled


def member_rows(clinic_id) -> list[dict]:
    """Return the users page's rows: each member with status, second factor and lockout."""
    memberships = list(
        Membership.objects.filter(clinic_id=clinic_id)
        .select_related("user")
        .defer("signature_image")
        .order_by("user__last_name", "user__first_name", "user__username")
    )
    user_ids = [m.user_id for m in memberships]
    now = timezone.now()
    invited = dict(
        OneTimeLink.objects.filter(
            user_id__in=user_ids, purpose=OneTimeLink.Purpose.INVITE, used_at__isnull=True, expires_at__gt=now
        ).values_list("user_id", "expires_at")
    )
    enrolled = enrolled_user_ids(user_ids)
    locked = locked_out_usernames([m.user.get_username() for m in memberships])
    return [
        {
            "membership": m,
            "user": m.user,
            "status": status_of(m.user, m.user_id in invited),
            "invite_expires_at": invited.get(m.user_id),
            "enrolled": m.user_id in enrolled,
            "locked": m.user.get_username() in locked,
            "never_signed_in": m.user.last_login is None,
        }
        for m in memberships
    ]


def status_of(user, invited: bool) -> str:
    """Return "active", "invited" (an open invitation) or "inactive"."""
    if user.is_active:
        return "active"
    return "invited" if invited else "inactive"
