"""The second factor (django-otp): an authenticator app (TOTP) and one-use recovery codes."""

import re
from base64 import b32encode
from datetime import datetime
from typing import NamedTuple

import segno
from django.db import transaction
from django_otp import devices_for_user, verify_token
from django_otp.models import Device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from audit.models import Action
from audit.trail import record

RECOVERY_CODE_COUNT = 10
APP_DEVICE_NAME = "Authenticator app"
RECOVERY_DEVICE_NAME = "Recovery codes"
TOTP_CODE = re.compile(r"\d{6}")


class Verification(NamedTuple):
    """The device that accepted a code (or None), and until when guessing is paused if it is."""

    device: Device | None
    wait_until: datetime | None = None


def app_device(user, *, confirmed: bool = True) -> TOTPDevice | None:
    """Return the user's authenticator app (confirmed, or the one being set up)."""
    return TOTPDevice.objects.filter(user=user, confirmed=confirmed).order_by("-pk").first()


def has_second_factor(user) -> bool:
    """Return whether the user has set up an authenticator app."""
    return user.is_authenticated and TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def pending_app_device(user) -> TOTPDevice:
    """Return the authenticator app being set up, creating it (with a new secret) if needed."""
    return app_device(user, confirmed=False) or TOTPDevice.objects.create(
        user=user, name=APP_DEVICE_NAME, confirmed=False
    )


def secret_text(device: TOTPDevice) -> str:
    """Return the secret as an app expects it typed: base32 in groups of four."""
    secret = b32encode(device.bin_key).decode("ascii")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def qr_svg(device: TOTPDevice) -> str:
    """Draw the otpauth:// URI (issuer and username only) as an inline SVG QR code, here, not remotely."""
    code = segno.make(device.config_url, error="m")
    return code.svg_inline(scale=4, dark="#000", light="#fff", title="QR code for your authenticator app")


def normalise_code(text: str) -> str:
    """Return a typed code without spaces or dashes, in lower case (recovery codes are case-blind)."""
    return re.sub(r"[\s-]+", "", text or "").lower()


def verify(user, code: str) -> Verification:
    """Check a 6-digit app code or a recovery code against the user's devices (throttled by django-otp)."""
    code = normalise_code(code)
    if TOTP_CODE.fullmatch(code):
        device = app_device(user)
    else:
        device = StaticDevice.objects.filter(user=user, confirmed=True).first()
    if device is None:
        return Verification(None)
    allowed, why = device.verify_is_allowed()
    if not allowed:
        return Verification(None, (why or {}).get("locked_until"))
    return Verification(verify_token(user, device.persistent_id, code))


def confirm_app_device(device: TOTPDevice, code: str) -> Verification:
    """Confirm the app being set up with a code from it; it then replaces any earlier app."""
    with transaction.atomic():
        device = TOTPDevice.objects.select_for_update().get(pk=device.pk)
        allowed, why = device.verify_is_allowed()
        if not allowed:
            return Verification(None, (why or {}).get("locked_until"))
        if not device.verify_token(normalise_code(code)):
            return Verification(None)
        TOTPDevice.objects.filter(user=device.user).exclude(pk=device.pk).delete()
        device.confirmed = True
        device.save(update_fields=["confirmed"])
    return Verification(device)


def new_recovery_codes(user) -> list[str]:
    """Replace the user's recovery codes with new one-use codes and return them (shown once)."""
    with transaction.atomic():
        device, _ = StaticDevice.objects.get_or_create(user=user, defaults={"name": RECOVERY_DEVICE_NAME})
        device.token_set.all().delete()
        codes = [StaticToken.random_token() for _ in range(RECOVERY_CODE_COUNT)]
        device.token_set.bulk_create([StaticToken(device=device, token=code) for code in codes])
    return codes


def recovery_codes_left(user) -> int:
    """Return how many unused recovery codes the user has."""
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


def reset_second_factor(user, *, request=None) -> int:
    """Delete the user's app and recovery codes (they set up again at next sign-in); record MFA_RESET."""
    devices = list(devices_for_user(user, confirmed=None))
    for device in devices:
        device.delete()
    membership = getattr(user, "membership", None)
    record(
        Action.MFA_RESET,
        request=request,
        clinic_id=membership.clinic_id if membership else None,
        target_user_id=user.pk,
        target_username=user.get_username(),
        devices_removed=len(devices),
    )
    return len(devices)
