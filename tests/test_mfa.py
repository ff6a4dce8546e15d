"""The second factor: required before any page, verification, setup, recovery codes and resets."""

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.second_factor import reset_second_factor
from audit.models import Action, AuditEvent
from tests.conftest import PASSWORD, app_device_of, totp_code

VERIFY = reverse("mfa_verify")
ENROL = reverse("mfa_enrol")


def password_sign_in(client, user):
    """Sign in through the real sign-in form: password only, no second factor yet."""
    response = client.post(reverse("login"), {"username": user.username, "password": PASSWORD})
    assert response.status_code == 302, "the password sign-in failed"
    return client


def enter(client, code, next_url=""):
    return client.post(VERIFY, {"code": code, "next": next_url})


def is_in(client) -> bool:
    """Return whether the client gets the case list (signed in and past the second factor)."""
    return client.get(reverse("case_list")).status_code == 200


def events(action):
    return AuditEvent.objects.filter(action=action)


def test_mfa_is_required_by_default(settings):
    assert settings.REQUIRE_MFA is True


@pytest.mark.parametrize("page", ["case_list", "case_new", "case_import", "security", "password_change"])
def test_user_without_a_device_is_sent_to_set_one_up_from_any_page(client, clinician, page):
    password_sign_in(client, clinician)
    url = reverse(page)
    response = client.get(url)
    assert response.status_code == 302
    assert response.url == f"{ENROL}?next={url.replace('/', '%2F')}"


@pytest.mark.parametrize("page", ["case_list", "security"])
def test_user_with_a_device_is_sent_to_verify_it(client, clinician, page):
    app_device_of(clinician)
    password_sign_in(client, clinician)
    response = client.get(reverse(page))
    assert response.status_code == 302
    assert response.url.startswith(f"{VERIFY}?next=")


def test_case_pages_are_not_shown_before_the_second_factor(client, clinician, example_case):
    app_device_of(clinician)
    password_sign_in(client, clinician)
    response = client.get(reverse("case_detail", args=[example_case.pk]))
    assert response.status_code == 302
    assert not events(Action.VIEW).exists()


def test_right_code_lets_the_user_in_and_goes_where_they_were_going(client, clinician):
    device = app_device_of(clinician)
    password_sign_in(client, clinician)
    before = client.cookies["sessionid"].value
    response = enter(client, totp_code(device), next_url=reverse("case_new"))
    assert response.status_code == 302
    assert response.url == reverse("case_new")
    assert is_in(client)
    assert client.cookies["sessionid"].value != before
    event = events(Action.MFA_VERIFIED).get()
    assert (event.user_id, event.detail["method"]) == (clinician.pk, "app")


def test_wrong_code_is_refused_beside_the_field(client, clinician):
    device = app_device_of(clinician)
    password_sign_in(client, clinician)
    wrong = f"{(int(totp_code(device)) + 1) % 1_000_000:06d}"
    response = enter(client, wrong)
    assert response.status_code == 200
    assert "That code is not right" in response.content.decode()
    assert not is_in(client)
    assert events(Action.MFA_FAILED).get().user_id == clinician.pk


def test_code_guessing_is_throttled(client, clinician):
    device = app_device_of(clinician)
    password_sign_in(client, clinician)
    enter(client, "000000" if totp_code(device) != "000000" else "111111")
    response = enter(client, totp_code(device))
    assert "Too many wrong codes" in response.content.decode()
    assert not is_in(client)
    TOTPDevice.objects.filter(pk=device.pk).update(
        throttling_failure_timestamp=device.created_at - timedelta(hours=1)
    )
    enter(client, totp_code(device))
    assert is_in(client)


def test_offsite_next_is_ignored(client, clinician):
    device = app_device_of(clinician)
    password_sign_in(client, clinician)
    response = enter(client, totp_code(device), next_url="https://evil.example/")
    assert response.url == reverse("case_list")


def test_unverified_user_can_sign_out(client, clinician):
    app_device_of(clinician)
    password_sign_in(client, clinician)
    response = client.post(reverse("logout"))
    assert response.status_code == 302
    assert client.session.get("_auth_user_id") is None


def set_up_app(client):
    """Walk the setup page: scan (read the pending device), confirm, read the codes shown once."""
    page = client.get(f"{ENROL}?next=/cases/new/")
    assert page.status_code == 200
    device = TOTPDevice.objects.get(confirmed=False)
    response = client.post(ENROL, {"code": totp_code(device), "next": "/cases/new/"})
    assert response.status_code == 302
    shown = client.get(response.url)
    return page, device, shown


def test_setup_end_to_end_with_recovery_codes_shown_once(client, clinician):
    password_sign_in(client, clinician)
    page, device, shown = set_up_app(client)
    html = page.content.decode()
    assert "<svg" in html
    secret = page.context["secret"]
    assert secret.replace(" ", "") in device.config_url
    assert secret in html
    device.refresh_from_db()
    assert device.confirmed
    codes = shown.context["codes"]
    assert len(codes) == 10
    assert len(set(codes)) == 10
    assert all(code in shown.content.decode() for code in codes)
    assert 'href="/cases/new/"' in shown.content.decode()
    assert StaticToken.objects.filter(device__user=clinician).count() == 10
    assert client.get(reverse("mfa_recovery_codes")).status_code == 302, "codes are shown only once"
    assert is_in(client)
    assert events(Action.MFA_ENROLLED).get().user_id == clinician.pk


def test_setup_refuses_a_wrong_code(client, clinician):
    password_sign_in(client, clinician)
    client.get(ENROL)
    response = client.post(ENROL, {"code": "12345x"})
    assert response.status_code == 200
    assert "That code is not right" in response.content.decode()
    assert not TOTPDevice.objects.filter(confirmed=True).exists()
    assert not is_in(client)


def test_qr_code_holds_only_issuer_username_and_secret(client, clinician, example_case):
    password_sign_in(client, clinician)
    client.get(ENROL)
    uri = TOTPDevice.objects.get(confirmed=False).config_url
    assert uri.startswith("otpauth://totp/Pain%20LMN%3Adoc?secret=")
    assert "issuer=Pain%20LMN" in uri
    assert "Testpatient" not in uri


def test_a_password_alone_cannot_replace_an_existing_app(client, clinician):
    device = app_device_of(clinician)
    password_sign_in(client, clinician)
    assert client.get(ENROL).url.startswith(VERIFY)
    assert client.post(ENROL, {"code": "123456"}).url.startswith(VERIFY)
    assert list(TOTPDevice.objects.filter(user=clinician)) == [device]


def test_verified_user_can_replace_the_app(client, clinician):
    old = app_device_of(clinician)
    client.force_login(clinician)
    set_up_app(client)
    assert list(TOTPDevice.objects.filter(user=clinician).values_list("confirmed", flat=True)) == [True]
    assert not TOTPDevice.objects.filter(pk=old.pk).exists()


def codes_for(clinician):
    client = password_sign_in(Client(), clinician)
    return set_up_app(client)[2].context["codes"]


def test_a_recovery_code_works_once(clinician):
    code = codes_for(clinician)[0]
    first = password_sign_in(Client(), clinician)
    response = enter(first, code.upper())
    assert response.status_code == 302
    assert is_in(first)
    used = events(Action.RECOVERY_CODE_USED).get()
    assert used.detail["codes_left"] == 9
    assert events(Action.MFA_VERIFIED).get().detail["method"] == "recovery_code"
    second = password_sign_in(Client(), clinician)
    assert enter(second, code).status_code == 200
    assert not is_in(second)


def test_new_recovery_codes_replace_the_old_ones(clinician):
    old = codes_for(clinician)
    client = Client()
    client.force_login(clinician)
    response = client.post(reverse("mfa_recovery_codes"))
    new = client.get(response.url).context["codes"]
    assert not set(new) & set(old)
    assert enter(password_sign_in(Client(), clinician), new[1]).status_code == 302
    assert enter(password_sign_in(Client(), clinician), old[1]).status_code == 200


def test_security_page_shows_the_second_factor_and_codes_left(client, clinician):
    codes_for(clinician)
    client.force_login(clinician)
    page = client.get(reverse("security")).content.decode()
    assert "On: an authenticator app" in page
    assert '<strong id="codes-left">10</strong>' in page
    assert reverse("password_change") in page


def test_when_not_required_a_user_without_a_device_goes_straight_in(client, clinician, settings):
    settings.REQUIRE_MFA = False
    password_sign_in(client, clinician)
    assert is_in(client)
    assert "Off: signing in needs only your password" in client.get(reverse("security")).content.decode()


def test_when_not_required_a_user_who_set_one_up_must_still_pass_it(client, clinician, settings):
    settings.REQUIRE_MFA = False
    device = app_device_of(clinician)
    password_sign_in(client, clinician)
    assert not is_in(client)
    enter(client, totp_code(device))
    assert is_in(client)


def test_reset_second_factor_removes_devices_and_sends_user_to_set_up_again(client, clinician, clinic):
    codes_for(clinician)
    assert reset_second_factor(clinician) == 2
    assert not TOTPDevice.objects.filter(user=clinician).exists()
    assert not StaticToken.objects.filter(device__user=clinician).exists()
    event = events(Action.MFA_RESET).get()
    assert (event.detail["target_username"], event.clinic_id) == ("doc", clinic.pk)
    password_sign_in(client, clinician)
    assert client.get(reverse("case_list")).url.startswith(ENROL)
