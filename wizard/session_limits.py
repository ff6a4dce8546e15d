"""Automatic logoff (HIPAA §164.312(a)(2)(iii)): idle and absolute session limits, and nothing typed lost."""

import time
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.db import transaction
from django.http import JsonResponse
from django.middleware.csrf import CsrfViewMiddleware
from django.shortcuts import redirect
from django.urls import Resolver404, resolve
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme

from accounts.middleware import second_factor_url
from audit.models import Action
from audit.trail import record

from .models import Case
from .storage import CaseStorage
from .views.wizard import PREFIX, build_step_form, case_steps

SIGNED_IN_AT = "limits_signed_in_at"
LAST_ACTIVITY_AT = "limits_last_activity_at"
# Routes that answer about the session itself: they neither count as activity nor end the session.
SELF_TIMED_ROUTES = {"session_status", "session_keepalive"}
# Routes whose posts carry one wizard step's form: a late post there is kept as the step's draft.
STEP_INPUT_ROUTES = {"case_step", "case_step_draft", "case_derived"}
# Routes called by scripts, which get a JSON 401 instead of a redirect to the login page.
BACKGROUND_ROUTES = {"case_step_draft", "case_derived"}


def now() -> float:
    """Return the current time in seconds; the one seam tests move the clock through."""
    return time.time()


def idle_seconds() -> float:
    """Return how long a session may go without a request."""
    return settings.SESSION_IDLE_SECONDS


def absolute_seconds() -> float:
    """Return how long a session may last from sign-in, whatever the activity."""
    return settings.SESSION_ABSOLUTE_SECONDS


def start_clocks(session) -> None:
    """Mark the session as signed in and active now."""
    session[SIGNED_IN_AT] = session[LAST_ACTIVITY_AT] = now()


def clocks_start_at_sign_in(sender, request, user, **kwargs) -> None:
    """Start the session's clocks as the user signs in (connected to user_logged_in in apps.py)."""
    if request is not None and hasattr(request, "session"):
        start_clocks(request.session)


def touch(session) -> None:
    """Record activity on the session now, at a resolution that spares a session write per request."""
    # Rewriting the session row on every request would add a database write to every page; a
    # resolution of a thirtieth of the idle limit (30 s at 15 minutes) is invisible to the user.
    resolution = min(30.0, idle_seconds() / 30)
    if now() - session.get(LAST_ACTIVITY_AT, 0) >= resolution:
        session[LAST_ACTIVITY_AT] = now()


def ends_at(session) -> tuple[float, str]:
    """Return when the session ends and why: "idle" or "absolute", whichever comes first."""
    idle_end = session[LAST_ACTIVITY_AT] + idle_seconds()
    absolute_end = session[SIGNED_IN_AT] + absolute_seconds()
    return (absolute_end, "absolute") if absolute_end <= idle_end else (idle_end, "idle")


def expiry_reason(session) -> str | None:
    """Return why the session has ended ("idle" or "absolute"), or None while it is still valid."""
    end, reason = ends_at(session)
    return reason if now() >= end else None


def session_status(request) -> dict:
    """Return what the browser's timer needs: the seconds left, the warning lead and whether it can extend."""
    if not request.user.is_authenticated:
        return {"signed_in": False}
    end, reason = ends_at(request.session)
    return {
        "signed_in": True,
        "remaining_seconds": round(max(end - now(), 0), 1),
        "warning_seconds": settings.SESSION_IDLE_WARNING_SECONDS,
        "idle_seconds": idle_seconds(),
        "extendable": reason == "idle",
    }


def keep_alive(request) -> None:
    """Count a "Stay signed in" as activity, unless the session has already ended."""
    if request.user.is_authenticated and expiry_reason(request.session) is None:
        touch(request.session)


def describe_seconds(seconds: float) -> str:
    """Return a duration as people say it: "12 hours", "15 minutes", "6 seconds"."""
    for unit, size in (("hour", 3600), ("minute", 60)):
        if seconds >= size and seconds % size == 0:
            count = int(seconds // size)
            return f"{count} {unit}{'s' if count != 1 else ''}"
    count = round(seconds)
    return f"{count} second{'s' if count != 1 else ''}"


def expiry_message(reason: str, nothing_lost: bool) -> str:
    """Return the plain sentence the login page shows after an automatic logoff."""
    if reason == "idle":
        text = f"You were signed out after {describe_seconds(idle_seconds())} without activity."
    else:
        text = f"You were signed out because a sign-in lasts at most {describe_seconds(absolute_seconds())}."
    if nothing_lost:
        return f"{text} Nothing you typed was lost."
    return f"{text} What you sent last was not saved: please do it again."


def keep_step_draft(case, step, post_data, user) -> bool:
    """Keep a step's posted input as its unsaved draft, as the wizard keeps invalid input; return if kept."""
    membership = getattr(user, "membership", None)
    if membership is None or not membership.is_clinician or membership.clinic_id != case.clinic_id:
        return False
    if step == "review" or step not in case_steps(case):
        return False
    form = build_step_form(step, case, membership, timezone.localdate(), data=post_data)
    if not form.field_names_posted() or not form.has_changed():
        return False
    storage = CaseStorage(PREFIX, None, case)
    # What the wizard's process_step() hands to storage: the form's data, filtered by the storage.
    storage.keep_invalid_input(step, form.data)
    storage.current_step = step
    if storage.changed:
        storage.write_to_case()
        case.save(update_fields=["wizard_state"])
    return True


class _CsrfCheck(CsrfViewMiddleware):
    def _reject(self, request, reason):
        return reason


def csrf_passes(request) -> bool:
    """Return whether a post carries a valid CSRF token (checked here because no view will run)."""
    check = _CsrfCheck(lambda request: None)
    check.process_request(request)
    return check.process_view(request, None, (), {}) is None


def keep_late_post(request, match) -> Case | None:
    """Keep a late step post as the draft of a case of the user's clinic; return the case if kept."""
    if request.method != "POST" or match is None or match.url_name not in STEP_INPUT_ROUTES:
        return None
    # Patient data: kept out of error reports, as the wizard's own views do.
    request.sensitive_post_parameters = "__ALL__"
    user = request.user
    membership = getattr(user, "membership", None)
    if membership is None or not csrf_passes(request):
        return None
    # A password-only session (second factor not passed) may not write to a case, late or not.
    if not user.is_verified() and second_factor_url(request) is not None:
        return None
    with transaction.atomic():
        cases = Case.objects.select_for_update().filter(clinic_id=membership.clinic_id)
        case = cases.filter(pk=match.kwargs["case_id"]).first()
        if case is None or not keep_step_draft(case, match.kwargs["step"], request.POST, request.user):
            return None
    return case


def where_they_were(request, match) -> str | None:
    """Return the URL to come back to after signing in: this page, or the page a late post came from."""
    if match is not None and match.url_name in ("login", "logout"):
        return None
    if request.method in ("GET", "HEAD") or (match is not None and match.url_name == "case_step"):
        return request.get_full_path()
    referer = request.headers.get("referer", "")
    if not url_has_allowed_host_and_scheme(referer, {request.get_host()}, request.is_secure()):
        return None
    parts = urlsplit(referer)
    return f"{parts.path}?{parts.query}" if parts.query else parts.path or None


def end_session(request, reason: str, match):
    """Sign the user out for a session limit, keeping a late step post first, and send them to sign in."""
    request.resolver_match = match
    case = keep_late_post(request, match)
    detail = {"reason": reason}
    if case is not None:
        detail["draft_step"] = match.kwargs["step"]
    record(Action.SESSION_EXPIRED, request=request, case_id=case.pk if case else None, **detail)
    nothing_lost = case is not None or request.method in ("GET", "HEAD")
    logout(request)
    messages.info(request, expiry_message(reason, nothing_lost))
    if match is not None and match.url_name in BACKGROUND_ROUTES:
        return JsonResponse({"signed_in": False}, status=401)
    back = where_they_were(request, match)
    return redirect_to_login(back) if back else redirect(settings.LOGIN_URL)


def route_match(request):
    """Return the URL match of the request, or None for a path no view answers."""
    try:
        return resolve(request.path_info)
    except Resolver404:
        return None


class SessionLimitMiddleware:
    """End a session idle too long or signed in too long; every other signed-in request is activity."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        signed_in = request.user.is_authenticated
        if signed_in:
            if SIGNED_IN_AT not in request.session:
                start_clocks(request.session)
            match = route_match(request)
            if match is None or match.url_name not in SELF_TIMED_ROUTES:
                reason = expiry_reason(request.session)
                if reason is not None:
                    return end_session(request, reason, match)
                touch(request.session)
        response = self.get_response(request)
        if not signed_in and request.user.is_authenticated:
            start_clocks(request.session)
        return response
