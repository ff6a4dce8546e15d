"""A manager invites, deactivates and reactivates members and resets their password, factor or lockout."""

from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.contrib.sessions.models import Session
from django.test import Client
from django.utils import timezone
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from audit.models import Action, AuditEvent
from clinic.links import hash_token, issue_link
from clinic.models import OneTimeLink
from tests.conftest import PASSWORD, make_member, signed_in
from wizard.models import Membership

NEW_PASSWORD = "quiet-lantern-orchard-58"
INVITE = {
    "first_name": "Nadia",
    "last_name": "Okafor",
    "username": "nokafor",
    "role": "clinician",
    "credentials": "DO",
    "npi": "1234567893",
}


def events(action, **filters):
    """Return the recorded events of one action."""
    return list(AuditEvent.objects.filter(action=action, **filters))


def invite(client, **changes) -> str:
    """Invite a member through the page; return the one-time link's path."""
    response = client.post("/clinic/users/invite/", {**INVITE, **changes})
    assert response.status_code == 200
    page = response.content.decode()
    start = page.index("/welcome/")
    return page[start : page.index('"', start)].split("testserver")[-1]


def sign_in(client, username, password):
    """Post the sign-in form; return whether the session now belongs to someone."""
    client.post("/accounts/login/", {"username": username, "password": password})
    return "_auth_user_id" in client.session


def test_invitation_creates_an_inactive_member_and_shows_a_link_stored_only_as_hash(manager_client, clinic):
    path = invite(manager_client)
    user = get_user_model().objects.get(username="nokafor")
    assert not user.is_active and not user.has_usable_password()
    membership = user.membership
    assert (membership.clinic, membership.role, membership.npi, membership.credentials) == (
        clinic,
        Membership.Role.CLINICIAN,
        "1234567893",
        "DO",
    )
    token = path.strip("/").split("/")[-1]
    link = OneTimeLink.objects.get(user=user)
    assert link.purpose == OneTimeLink.Purpose.INVITE and link.token_hash == hash_token(token) != token
    assert link.expires_at - link.created_at == timedelta(hours=72)
    [event] = events(Action.USER_INVITED)
    assert event.detail["target_user_id"] == user.pk and event.detail["target_username"] == "nokafor"
    assert event.username == "boss" and event.clinic_id == clinic.pk


def test_invited_person_sets_a_password_joins_and_signs_in(manager_client, clinic):
    path = invite(manager_client)
    person = Client()
    page = person.get(path)
    assert page.status_code == 200 and "nokafor" in page.content.decode()
    response = person.post(path, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert response.status_code == 302 and response["Location"] == "/accounts/login/"
    user = get_user_model().objects.get(username="nokafor")
    assert user.is_active and user.check_password(NEW_PASSWORD)
    assert OneTimeLink.objects.get(user=user).used_at is not None
    [joined] = events(Action.USER_JOINED)
    assert joined.user_id == user.pk and joined.clinic_id == clinic.pk
    assert sign_in(person, "nokafor", NEW_PASSWORD)


def test_a_link_works_only_once(manager_client):
    path = invite(manager_client)
    person = Client()
    person.post(path, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert person.get(path).status_code == 410
    again = person.post(
        path, {"new_password1": "other-" + NEW_PASSWORD, "new_password2": "other-" + NEW_PASSWORD}
    )
    assert again.status_code == 410
    assert "does not work" in again.content.decode() and "nokafor" not in again.content.decode()
    assert get_user_model().objects.get(username="nokafor").check_password(NEW_PASSWORD)
    assert len(events(Action.USER_JOINED)) == 1


def test_an_expired_link_is_gone_and_an_unknown_one_is_not_found(client, clinician, manager, settings):
    settings.ONE_TIME_LINK_HOURS = 2
    stale = issue_link(
        clinician, "password_reset", created_by=manager, now=timezone.now() - timedelta(hours=3)
    )
    assert client.get(f"/welcome/{stale}/").status_code == 410
    fresh = issue_link(
        clinician, "password_reset", created_by=manager, now=timezone.now() - timedelta(hours=1)
    )
    assert client.get(f"/welcome/{fresh}/").status_code == 200
    assert client.get("/welcome/not-a-real-token/").status_code == 404
    assert client.post("/welcome/not-a-real-token/", {"new_password1": NEW_PASSWORD}).status_code == 404


def test_a_weak_password_is_refused_beside_the_field_and_the_link_still_works(manager_client):
    path = invite(manager_client)
    response = Client().post(path, {"new_password1": "short", "new_password2": "short"})
    assert response.status_code == 200
    assert "too short" in response.content.decode()
    assert "is-invalid" in response.content.decode()
    user = get_user_model().objects.get(username="nokafor")
    assert not user.is_active and OneTimeLink.objects.get(user=user).used_at is None


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"npi": ""}, "npi", "A clinician needs an NPI."),
        ({"npi": "1234567890"}, "npi", "valid check digit"),
        ({"username": "Doc"}, "username", "This username is taken"),
        ({"username": "no spaces"}, "username", "Enter a valid username"),
        ({"role": "owner"}, "role", "Select a valid choice"),
    ],
)
def test_invitation_errors_show_beside_the_field_and_keep_the_input(
    manager_client, clinician, changes, field, message
):
    response = manager_client.post("/clinic/users/invite/", {**INVITE, **changes})
    page = response.content.decode()
    assert response.status_code == 200 and message in page
    assert f'id="error_1_id_{field}"' in page
    assert 'value="Okafor"' in page
    assert not get_user_model().objects.filter(first_name="Nadia").exists()
    assert not events(Action.USER_INVITED)


def test_staff_and_managers_are_invited_without_an_npi(manager_client):
    invite(manager_client, role="manager", npi="", credentials="RN")
    membership = Membership.objects.get(user__username="nokafor")
    assert (membership.role, membership.npi, membership.credentials) == ("manager", "", "RN")


def test_a_new_invitation_link_replaces_the_old_one(manager_client):
    first = invite(manager_client)
    user = get_user_model().objects.get(username="nokafor")
    response = manager_client.post(f"/clinic/users/{user.pk}/reinvite/")
    page = response.content.decode()
    second = page[page.index("/welcome/") : page.index('"', page.index("/welcome/"))]
    assert Client().get(first).status_code == 410
    assert Client().get(second).status_code == 200
    assert len(events(Action.USER_INVITED)) == 2


def test_deactivation_ends_sessions_and_blocks_sign_in(manager_client, clinician):
    doc = signed_in(Client(), clinician)
    assert doc.get("/cases/").status_code == 200
    response = manager_client.post(f"/clinic/users/{clinician.pk}/deactivate/")
    assert response.status_code == 302
    clinician.refresh_from_db()
    assert not clinician.is_active
    assert not [s for s in Session.objects.all() if s.get_decoded().get("_auth_user_id") == str(clinician.pk)]
    assert doc.get("/cases/")["Location"].startswith("/accounts/login/")
    assert not sign_in(Client(), "doc", PASSWORD)
    [event] = events(Action.USER_DEACTIVATED)
    assert event.detail == {"target_user_id": clinician.pk, "target_username": "doc", "sessions_ended": 1}


def test_reactivation_lets_the_member_sign_in_again(manager_client, clinician):
    manager_client.post(f"/clinic/users/{clinician.pk}/deactivate/")
    manager_client.post(f"/clinic/users/{clinician.pk}/reactivate/")
    clinician.refresh_from_db()
    assert clinician.is_active
    assert sign_in(Client(), "doc", PASSWORD)
    assert events(Action.USER_REACTIVATED)[0].detail["target_user_id"] == clinician.pk


def test_a_manager_cannot_deactivate_themself(manager_client, manager):
    response = manager_client.post(f"/clinic/users/{manager.pk}/deactivate/", follow=True)
    assert "cannot deactivate yourself" in response.content.decode()
    manager.refresh_from_db()
    assert manager.is_active and not events(Action.USER_DEACTIVATED)


def test_deactivating_an_invited_person_withdraws_the_link(manager_client):
    path = invite(manager_client)
    user = get_user_model().objects.get(username="nokafor")
    manager_client.post(f"/clinic/users/{user.pk}/deactivate/")
    assert Client().get(path).status_code == 410


def test_password_reset_ends_sessions_and_gives_a_one_time_link(manager_client, clinician, clinic):
    doc = signed_in(Client(), clinician)
    response = manager_client.post(f"/clinic/users/{clinician.pk}/reset-password/")
    page = response.content.decode()
    path = page[page.index("/welcome/") : page.index('"', page.index("/welcome/"))]
    clinician.refresh_from_db()
    assert not clinician.has_usable_password()
    assert doc.get("/cases/")["Location"].startswith("/accounts/login/")
    assert not sign_in(Client(), "doc", PASSWORD)
    [reset] = events(Action.PASSWORD_RESET)
    assert reset.detail["target_user_id"] == clinician.pk and reset.clinic_id == clinic.pk
    person = Client()
    person.post(path, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert sign_in(person, "doc", NEW_PASSWORD)
    assert person.get(path).status_code == 410
    assert events(Action.PASSWORD_CHANGED, user=clinician)


def test_a_manager_does_not_reset_their_own_password_here(manager_client, manager):
    response = manager_client.post(f"/clinic/users/{manager.pk}/reset-password/", follow=True)
    assert "Security page" in response.content.decode()
    manager.refresh_from_db()
    assert manager.has_usable_password() and not events(Action.PASSWORD_RESET)


def test_password_reset_of_an_inactive_member_is_refused(manager_client, clinician):
    manager_client.post(f"/clinic/users/{clinician.pk}/deactivate/")
    response = manager_client.post(f"/clinic/users/{clinician.pk}/reset-password/", follow=True)
    assert "not active" in response.content.decode()
    assert not OneTimeLink.objects.filter(user=clinician).exists()


def test_second_factor_reset_deletes_every_device(manager_client, clinician):
    TOTPDevice.objects.create(user=clinician, name="phone", confirmed=True)
    StaticDevice.objects.create(user=clinician, name="recovery", confirmed=True)
    page = manager_client.get("/clinic/users/").content.decode()
    assert f"/clinic/users/{clinician.pk}/reset-second-factor/" in page
    manager_client.post(f"/clinic/users/{clinician.pk}/reset-second-factor/")
    assert not TOTPDevice.objects.filter(user=clinician).exists()
    assert not StaticDevice.objects.filter(user=clinician).exists()
    [event] = events(Action.MFA_RESET)
    assert event.detail["target_user_id"] == clinician.pk and event.username == "boss"


def test_a_locked_out_member_is_shown_and_unlocked(manager_client, clinician, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        sign_in(Client(REMOTE_ADDR="10.0.0.9"), "doc", "wrong-password")
    assert not sign_in(Client(REMOTE_ADDR="10.0.0.8"), "doc", PASSWORD)
    assert "Locked out" in manager_client.get("/clinic/users/").content.decode()
    manager_client.post(f"/clinic/users/{clinician.pk}/unlock/")
    assert "Locked out" not in manager_client.get("/clinic/users/").content.decode()
    assert sign_in(Client(REMOTE_ADDR="10.0.0.8"), "doc", PASSWORD)
    [event] = events(Action.UNLOCK)
    assert event.detail["target_user_id"] == clinician.pk and event.username == "boss"


def test_users_page_lists_members_with_role_npi_status_and_last_sign_in(
    manager_client, clinician, staff, other_clinic
):
    make_member(other_clinic, "stranger", Membership.Role.STAFF)
    clinician.last_login = timezone.now()
    clinician.save()
    invite(manager_client, role="staff", npi="")
    page = manager_client.get("/clinic/users/").content.decode()
    for text in ["<code>doc</code>", "<code>desk</code>", "<code>boss</code>", "1987654328", "Office staff"]:
        assert text in page
    assert "Invited" in page and "Never" in page and "Not enrolled" in page
    assert "stranger" not in page
