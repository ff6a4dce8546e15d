"""The page behind a one-time link: the person sets their password, then signs in."""

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.forms import SetPasswordForm
from django.db import transaction
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.cache import never_cache

from audit.models import Action
from audit.trail import record

from ..links import find_link
from ..models import OneTimeLink


def link_refused(request, link):
    """Say plainly that the link does not work, without saying whose it was or why."""
    status = 404 if link is None else 410
    return render(request, "clinic/link_invalid.html", status=status)


@login_not_required
@never_cache
def welcome(request, token):
    """Let the person a link was made for set a password; an invitation also activates them."""
    link = find_link(token)
    if link is None or not link.is_usable(timezone.now()):
        return link_refused(request, link)
    form = SetPasswordForm(link.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            link = find_link(token, for_update=True)
            now = timezone.now()
            # Two tabs posting the same link: only the first one uses it.
            if not link.is_usable(now):
                return link_refused(request, link)
            redeem(request, link, form, now)
        messages.success(request, "Your password is set. Sign in with your username and new password.")
        return redirect("login")
    return render(request, "clinic/welcome.html", {"form": form, "link": link, "member": link.user})


def redeem(request, link, form, now) -> None:
    """Set the password, activate an invited user, use up the link and record it."""
    user = form.save(commit=False)
    joined = link.purpose == OneTimeLink.Purpose.INVITE
    if joined:
        user.is_active = True
    user.save()
    link.used_at = now
    link.save(update_fields=["used_at"])
    action = Action.USER_JOINED if joined else Action.PASSWORD_CHANGED
    record(action, request=request, user=user, via="one-time link", link_purpose=link.purpose)
