"""Sign-in lockout: per account, per client address, the message, the cool-off, and unlocking."""

from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.db.models import F
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from accounts.lockout import is_locked_out, locked_out_usernames, unlock, unlock_address
from audit.models import Action, AuditEvent
from tests.conftest import PASSWORD

HOME = "10.0.0.1"
ELSEWHERE = "10.9.9.9"


def attempt(client, username, password="not-the-password-1", address=HOME):
    """Post the sign-in form from a client address."""
    return client.post(reverse("login"), {"username": username, "password": password}, REMOTE_ADDR=address)


def fail(client, username, times, address=HOME):
    """Fail to sign in several times; return the last response."""
    response = None
    for _ in range(times):
        response = attempt(client, username, address=address)
    return response


def signed_in_user_id(client):
    return client.session.get("_auth_user_id")


@pytest.fixture
def limit(settings):
    return settings.AXES_FAILURE_LIMIT


def test_default_limit_is_five_failures(limit):
    assert limit == 5


def test_failures_below_the_limit_show_the_form_again(client, clinician, limit):
    response = fail(client, "doc", limit - 1)
    assert response.status_code == 200
    assert "Too many failed sign-ins" not in response.content.decode()
    assert attempt(client, "doc", PASSWORD).status_code == 302


def test_account_locks_after_the_limit_and_then_refuses_the_right_password(client, clinician, limit):
    response = fail(client, "doc", limit)
    assert response.status_code == 429
    assert "Too many failed sign-ins" in response.content.decode()
    refused = attempt(client, "doc", PASSWORD)
    assert refused.status_code == 429
    assert signed_in_user_id(client) is None
    # Per account: another address does not help.
    assert attempt(client, "doc", PASSWORD, address=ELSEWHERE).status_code == 429
    assert is_locked_out("doc")


def test_lockout_page_is_ours_and_says_until_when_and_whom_to_ask(client, clinician, limit):
    response = fail(client, "doc", limit)
    assert "registration/login.html" in [t.name for t in response.templates]
    latest = AccessAttempt.objects.latest("attempt_time").attempt_time
    until = timezone.localtime(latest + timedelta(minutes=15)).strftime("%H:%M")
    page = response.content.decode()
    assert f"Try again after {until}" in page
    assert "ask your clinic manager to unlock you" in page
    # What was typed stays; the password never comes back.
    assert 'value="doc"' in page
    assert "not-the-password-1" not in page


def test_one_address_trying_many_usernames_locks_that_address(client, clinician, limit):
    for n in range(limit - 1):
        assert attempt(client, f"guess{n}").status_code == 200
    assert attempt(client, "another-guess").status_code == 429
    assert attempt(client, "doc", PASSWORD).status_code == 429
    assert signed_in_user_id(client) is None
    # The account itself is not locked: from elsewhere it signs in.
    assert not is_locked_out("doc")
    assert attempt(client, "doc", PASSWORD, address=ELSEWHERE).status_code == 302


def test_limit_follows_the_setting(client, clinician, settings):
    settings.AXES_FAILURE_LIMIT = 2
    assert attempt(client, "doc").status_code == 200
    assert attempt(client, "doc").status_code == 429


def test_lock_ends_after_the_cool_off(client, clinician, limit):
    fail(client, "doc", limit)
    AccessAttempt.objects.update(attempt_time=F("attempt_time") - timedelta(minutes=16))
    assert not is_locked_out("doc")
    assert attempt(client, "doc", PASSWORD).status_code == 302


def test_refused_attempts_do_not_move_the_end_of_the_lock(client, clinician, limit):
    fail(client, "doc", limit)
    first = AccessAttempt.objects.get(username="doc").attempt_time
    fail(client, "doc", 2)
    assert AccessAttempt.objects.get(username="doc").attempt_time == first


def test_sign_in_forgets_own_typos_from_that_address_only(client, clinician, limit):
    fail(client, "someone-else", 1)
    fail(client, "doc", limit - 2)
    assert attempt(client, "doc", PASSWORD).status_code == 302
    assert not AccessAttempt.objects.filter(username="doc").exists()
    # The address's failures against other accounts still count toward its lock.
    client.post(reverse("logout"))
    assert fail(client, "doc", limit - 1).status_code == 429


def test_lockout_is_recorded_once_with_the_account_and_clinic(client, clinician, clinic, limit):
    fail(client, "doc", limit + 2)
    lockouts = AuditEvent.objects.filter(action=Action.LOCKOUT)
    assert lockouts.count() == 1
    event = lockouts.get()
    assert (event.user_id, event.username, event.clinic_id, event.address) == (
        clinician.pk,
        "doc",
        clinic.pk,
        HOME,
    )
    assert event.detail["failures"] == limit
    assert "password" not in str(event.detail)
    # The audit trail's failed sign-ins still record every attempt, refused ones included.
    assert AuditEvent.objects.filter(action=Action.SIGN_IN_FAILED, username="doc").count() == limit + 2


def test_lockout_of_an_unknown_username_is_recorded_without_a_user(client, db, limit):
    fail(client, "nobody", limit)
    event = AuditEvent.objects.get(action=Action.LOCKOUT)
    assert (event.user_id, event.username, event.clinic_id) == (None, "nobody", None)


def test_unlock_lets_the_account_sign_in_and_is_recorded(client, clinician, clinic, limit):
    fail(client, "doc", limit)
    assert unlock("doc") == 1
    assert not is_locked_out("doc")
    assert attempt(client, "doc", PASSWORD).status_code == 302
    event = AuditEvent.objects.get(action=Action.UNLOCK)
    assert event.detail["target_username"] == "doc"
    assert event.detail["target_user_id"] == clinician.pk
    assert event.clinic_id == clinic.pk


def test_unlock_by_a_signed_in_manager_records_who_did_it(client, clinician, staff, limit):
    fail(client, "doc", limit)
    request = RequestFactory().post("/clinic/users/", REMOTE_ADDR=ELSEWHERE)
    request.user = staff
    unlock("doc", request=request)
    event = AuditEvent.objects.get(action=Action.UNLOCK)
    assert (event.user_id, event.address, event.detail["target_username"]) == (staff.pk, ELSEWHERE, "doc")


def test_unlock_address_reopens_an_address_locked_by_spraying(client, clinician, limit):
    for n in range(limit):
        attempt(client, f"guess{n}")
    assert unlock_address(HOME) == limit
    assert attempt(client, "doc", PASSWORD).status_code == 302


def test_locked_out_usernames_lists_only_locked_accounts(client, clinician, staff, limit):
    fail(client, "doc", limit)
    fail(client, "desk", 1, address=ELSEWHERE)
    assert locked_out_usernames() == {"doc"}
    assert locked_out_usernames(["desk"]) == set()


def test_force_login_still_works_beside_the_lockout_backend(client, clinician):
    client.force_login(clinician)
    assert client.get(reverse("case_list")).status_code == 200
