"""Sign-in lockout (django-axes): who is locked, until when, and how a manager unlocks them."""

from datetime import datetime, timedelta

from axes.models import AccessAttempt
from axes.utils import reset
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import AuthenticationForm
from django.db.models import Max, Q, Sum
from django.shortcuts import render
from django.utils import timezone

from audit.models import Action
from audit.trail import client_address, record


def cool_off() -> timedelta:
    """Return how long sign-in stays paused after the last counted failure."""
    return settings.AXES_COOLOFF_TIME


def recent_attempts():
    """Return the failed-attempt rows that still count (newer than the cool-off)."""
    return AccessAttempt.objects.filter(attempt_time__gte=timezone.now() - cool_off())


def locked_out_usernames(usernames=None) -> set[str]:
    """Return which of these usernames (all, if None) are locked by their own failures."""
    attempts = recent_attempts()
    if usernames is not None:
        attempts = attempts.filter(username__in=list(usernames))
    totals = attempts.values("username").annotate(failures=Sum("failures_since_start"))
    return {row["username"] for row in totals if row["failures"] >= settings.AXES_FAILURE_LIMIT}


def is_locked_out(username: str) -> bool:
    """Return whether this account is locked by its own failed sign-ins."""
    return username in locked_out_usernames([username])


def locked_until(username: str | None, address: str | None) -> datetime | None:
    """Return when sign-in opens again for this username or address (the latest failure + cool-off)."""
    latest = (
        recent_attempts()
        .filter(Q(username=username) | Q(ip_address=address))
        .aggregate(latest=Max("attempt_time"))["latest"]
    )
    return latest + cool_off() if latest else None


def account_named(username: str | None):
    """Return the user with this username, or None."""
    if not username:
        return None
    return get_user_model()._default_manager.filter(**{get_user_model().USERNAME_FIELD: username}).first()


def unlock(username: str, *, request=None) -> int:
    """Clear an account's failed sign-ins so it can sign in now; record UNLOCK; return rows cleared."""
    cleared = reset(username=username)
    account = account_named(username)
    membership = getattr(account, "membership", None)
    record(
        Action.UNLOCK,
        request=request,
        clinic_id=membership.clinic_id if membership else None,
        target_user_id=account.pk if account else None,
        target_username=username,
        attempts_cleared=cleared,
    )
    return cleared


def unlock_address(address: str, *, request=None) -> int:
    """Clear every failed sign-in from one client address; record UNLOCK; return rows cleared."""
    cleared = reset(ip=address)
    record(Action.UNLOCK, request=request, target_address=address, attempts_cleared=cleared)
    return cleared


def lockout_response(request, original_response=None, credentials=None):
    """Render the sign-in page saying until when signing in is paused (HTTP 429)."""
    username = (credentials or {}).get(settings.AXES_USERNAME_FORM_FIELD) or request.POST.get("username", "")
    context = {
        "form": AuthenticationForm(request, initial={"username": username}),
        "next": request.POST.get("next", ""),
        "locked_until": locked_until(username, client_address(request)),
    }
    return render(request, "registration/login.html", context, status=429)


def record_lockout(sender, request, username, ip_address, **kwargs):
    """Record the moment an account or address gets locked (axes' user_locked_out signal)."""
    # Axes sends the signal again for every attempt refused while locked: those carry no new failure
    # count and are already on the trail as failed sign-ins.
    failures = getattr(request, "axes_failures_since_start", None)
    if failures is None:
        return
    until = locked_until(username, ip_address)
    record(
        Action.LOCKOUT,
        request=request,
        user=account_named(username),
        username=str(username or "")[:150],
        failures=failures,
        locked_until=until.isoformat() if until else None,
    )


def forget_own_failures(sender, request, user, **kwargs):
    """After a sign-in, clear the account's earlier typos from this address only."""
    # Not AXES_RESET_ON_SUCCESS: that also clears the address's failures against other accounts, so one
    # known password would let a sprayer start over.
    address = client_address(request)
    if address:
        reset(ip=address, username=user.get_username())
