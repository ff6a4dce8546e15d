"""Second-factor sign-in and setup, the Security page and password change: thin views."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.shortcuts import redirect, render, resolve_url
from django.urls import reverse, reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice

from audit.models import Action
from audit.trail import record

from .forms import CodeForm
from .second_factor import (
    app_device,
    has_second_factor,
    new_recovery_codes,
    pending_app_device,
    qr_svg,
    recovery_codes_left,
    secret_text,
)

# New recovery codes wait here (server-side session) until the page that shows them once.
NEW_CODES_SESSION_KEY = "accounts_new_recovery_codes"


def next_url(request) -> str:
    """Return the page the user was going to, if it is on this site, else the case list."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, {request.get_host()}, require_https=request.is_secure()):
        return target
    return resolve_url(settings.LOGIN_REDIRECT_URL)


def with_next(url_name: str, request) -> str:
    """Return the URL of a page, carrying on where the user was going."""
    return f"{reverse(url_name)}?{urlencode({'next': next_url(request)})}"


def signed_in_with(request, device) -> None:
    """Mark the session as having passed the second factor, under a new session key."""
    otp_login(request, device)
    request.session.cycle_key()


def show_codes_once(request, codes: list[str]):
    """Keep new recovery codes for the page that shows them, and go there."""
    request.session[NEW_CODES_SESSION_KEY] = codes
    return redirect(with_next("mfa_recovery_codes", request))


def verify(request):
    """Ask for the 6-digit code (or a recovery code) after the password."""
    user = request.user
    if user.is_verified():
        return redirect(next_url(request))
    if not has_second_factor(user):
        return redirect(with_next("mfa_enrol", request))
    form = CodeForm(request.POST or None, user=user)
    if request.method == "POST":
        if form.is_valid():
            device = form.verification.device
            signed_in_with(request, device)
            recovery = isinstance(device, StaticDevice)
            if recovery:
                record(Action.RECOVERY_CODE_USED, request=request, codes_left=recovery_codes_left(user))
            record(Action.MFA_VERIFIED, request=request, method="recovery_code" if recovery else "app")
            return redirect(next_url(request))
        record(Action.MFA_FAILED, request=request, reason=form.errors.as_data()["code"][0].code)
    return render(request, "accounts/verify.html", {"form": form, "next": next_url(request)})


def enrol(request):
    """Set up an authenticator app: scan the QR code (or type the secret), then confirm with a code."""
    user = request.user
    if has_second_factor(user) and not user.is_verified():
        # Replacing the app needs the current one: a password alone must not add a new second factor.
        return redirect(with_next("mfa_verify", request))
    device = pending_app_device(user)
    form = CodeForm(request.POST or None, user=user, pending_device=device)
    if request.method == "POST":
        if form.is_valid():
            device = form.verification.device
            signed_in_with(request, device)
            record(Action.MFA_ENROLLED, request=request, device=device.name)
            return show_codes_once(request, new_recovery_codes(user))
        record(Action.MFA_FAILED, request=request, reason=form.errors.as_data()["code"][0].code, setup=True)
    context = {
        "form": form,
        "qr_svg": qr_svg(device),
        "secret": secret_text(device),
        "replacing": has_second_factor(user),
        "next": next_url(request),
    }
    return render(request, "accounts/enrol.html", context)


def recovery_codes(request):
    """Show newly made recovery codes once; POST makes a new set (the old codes stop working)."""
    if request.method == "POST":
        if not has_second_factor(request.user):
            return redirect("security")
        codes = new_recovery_codes(request.user)
        record(Action.MFA_ENROLLED, request=request, device="Recovery codes", regenerated=True)
        return show_codes_once(request, codes)
    codes = request.session.pop(NEW_CODES_SESSION_KEY, None)
    if not codes:
        return redirect("security")
    shown = [f"{code[:4]}-{code[4:]}" for code in codes]
    return render(request, "accounts/recovery_codes.html", {"codes": shown, "next": next_url(request)})


def security(request):
    """Show the second factor's state, recovery codes left, and the way to change the password."""
    user = request.user
    context = {
        "device": app_device(user),
        "codes_left": recovery_codes_left(user),
        "mfa_required": settings.REQUIRE_MFA,
    }
    return render(request, "accounts/security.html", context)


class PasswordChangeView(auth_views.PasswordChangeView):
    """Django's password change (it keeps the session signed in), recorded on the audit trail."""

    template_name = "accounts/password_change.html"
    success_url = reverse_lazy("security")

    def form_valid(self, form):
        response = super().form_valid(form)
        record(Action.PASSWORD_CHANGED, request=self.request)
        messages.success(self.request, "Your password was changed.")
        return response


password_change = PasswordChangeView.as_view()
