"""The manager's users page: invite, deactivate, reactivate, reset password or second factor, unlock."""

from datetime import timedelta

from django.contrib import messages
from django.db import IntegrityError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from .. import members
from ..access import manager_of, member_of
from ..forms import InviteForm
from ..links import link_lifetime


def user_list(request):
    """List the clinic's members with their status, second factor, lockout and last sign-in."""
    manager = manager_of(request)
    return render(
        request,
        "clinic/users.html",
        {
            "rows": members.member_rows(manager.clinic_id),
            "me": request.user.pk,
        },
    )


def user_invite(request):
    """Create an inactive member and show the manager their one-time invitation link."""
    manager = manager_of(request)
    form = InviteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            membership, token = members.invite(manager.clinic, form.cleaned_data, request=request)
        except IntegrityError:
            # Another manager took the username between the check and the insert.
            form.add_error("username", "This username is taken; choose another.")
        else:
            return show_link(request, membership, token, invite=True)
    return render(request, "clinic/invite.html", {"form": form})


def show_link(request, membership, token, *, invite):
    """Render the one-time link once; it is never stored or shown again."""
    url = request.build_absolute_uri(reverse("welcome", args=[token]))
    context = {
        "member": membership,
        "url": url,
        "invite": invite,
        "hours": link_lifetime() // timedelta(hours=1),
    }
    return render(request, "clinic/link.html", context)


@require_POST
def user_reinvite(request, user_id):
    """Replace a member's unaccepted invitation with a new link."""
    membership = member_of(request, user_id)
    if membership.user.is_active or membership.user.last_login is not None:
        messages.error(request, f"{membership.display_name} has already joined; reset the password instead.")
        return redirect("clinic_users")
    return show_link(request, membership, members.reinvite(membership.user, request=request), invite=True)


@require_POST
def user_reset_password(request, user_id):
    """Make the member's password unusable, end their sessions and show a one-time reset link."""
    membership = member_of(request, user_id)
    if membership.user_id == request.user.pk:
        messages.error(request, "Change your own password from the Security page.")
        return redirect("clinic_users")
    if not membership.user.is_active:
        messages.error(request, f"{membership.display_name} is not active; reactivate or invite them first.")
        return redirect("clinic_users")
    token = members.reset_password(membership.user, request=request)
    return show_link(request, membership, token, invite=False)


@require_POST
def user_deactivate(request, user_id):
    """Stop a member signing in and end their sessions; never the manager themself."""
    membership = member_of(request, user_id)
    if membership.user_id == request.user.pk:
        messages.error(request, "You cannot deactivate yourself; ask another manager.")
    else:
        members.deactivate(membership.user, request=request)
        messages.success(request, f"{membership.display_name} can no longer sign in.")
    return redirect("clinic_users")


@require_POST
def user_reactivate(request, user_id):
    """Let a deactivated member sign in again."""
    membership = member_of(request, user_id)
    if not membership.user.is_active:
        members.reactivate(membership.user, request=request)
        messages.success(request, f"{membership.display_name} can sign in again.")
    return redirect("clinic_users")


@require_POST
def user_reset_mfa(request, user_id):
    """Delete the member's second factor; they enrol a new one at their next sign-in."""
    membership = member_of(request, user_id)
    members.reset_second_factor(membership.user, request=request)
    messages.success(request, f"{membership.display_name} will set up a new second factor at next sign-in.")
    return redirect("clinic_users")


@require_POST
def user_unlock(request, user_id):
    """Clear the member's failed sign-ins so they can sign in now."""
    membership = member_of(request, user_id)
    members.unlock(membership.user, request=request)
    messages.success(request, f"{membership.display_name} is unlocked.")
    return redirect("clinic_users")
