"""Second factor before anything else: signed-in users pass their code (or set one up) first."""

from urllib.parse import urlencode

from django.conf import settings
from django.shortcuts import redirect
from django.urls import reverse

from .second_factor import has_second_factor

# Pages a signed-in user may open before passing the second factor; the session timer's requests carry
# no patient data, and idle logoff must keep working on the code page.
OPEN_URL_NAMES = {"login", "logout", "mfa_verify", "mfa_enrol", "session_status", "session_keepalive"}


def second_factor_url(request) -> str | None:
    """Return where this signed-in, unverified user must go first, or None if nowhere."""
    if has_second_factor(request.user):
        url = reverse("mfa_verify")
    elif settings.REQUIRE_MFA:
        url = reverse("mfa_enrol")
    else:
        return None
    if request.method == "GET":
        url += "?" + urlencode({"next": request.get_full_path()})
    return url


class SecondFactorMiddleware:
    """Send signed-in users who have not passed their second factor to verify it, or to set it up."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        user = request.user
        if not user.is_authenticated or user.is_verified():
            return None
        public = not getattr(view_func, "login_required", True)
        if public or request.resolver_match.url_name in OPEN_URL_NAMES:
            return None
        url = second_factor_url(request)
        return redirect(url) if url else None
