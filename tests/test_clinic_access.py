"""Only a clinic's managers reach the clinic pages, and only for their own clinic's members."""

import pytest
from django.test import Client

from tests.conftest import make_member, signed_in
from wizard.models import Membership

PAGES = [("get", "/clinic/users/"), ("get", "/clinic/users/invite/"), ("post", "/clinic/users/invite/")]
PAGES += [("get", "/clinic/audit/"), ("get", "/clinic/audit.csv")]
MEMBER_ACTIONS = ["reinvite", "deactivate", "reactivate", "reset-password", "reset-second-factor", "unlock"]


def call(client, method, url):
    """Request a page; posts carry a complete invitation."""
    if method == "get":
        return client.get(url)
    return client.post(url, {"first_name": "Eve", "last_name": "Spy", "username": "eve", "role": "staff"})


@pytest.mark.parametrize(("method", "url"), PAGES)
def test_anonymous_visitor_is_sent_to_login(client, db, method, url):
    response = call(client, method, url)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


@pytest.mark.parametrize(("method", "url"), PAGES)
@pytest.mark.parametrize("role", ["clinician_client", "staff_client"])
def test_clinicians_and_staff_are_refused(request, role, method, url):
    client = request.getfixturevalue(role)
    response = call(client, method, url)
    assert response.status_code == 403
    assert "Only clinic managers" in response.content.decode()
    assert not Membership.objects.filter(user__username="eve").exists()


@pytest.mark.parametrize("action", MEMBER_ACTIONS)
@pytest.mark.parametrize("role", ["clinician_client", "staff_client"])
def test_clinicians_and_staff_cannot_act_on_members(request, role, action, manager):
    client = request.getfixturevalue(role)
    assert client.post(f"/clinic/users/{manager.pk}/{action}/").status_code == 403
    manager.refresh_from_db()
    assert manager.is_active and manager.has_usable_password()


@pytest.mark.parametrize("action", MEMBER_ACTIONS)
def test_another_clinics_manager_cannot_touch_our_users(other_clinic, clinician, action):
    boss = make_member(other_clinic, "otherboss", Membership.Role.MANAGER)
    client = signed_in(Client(), boss)
    assert client.post(f"/clinic/users/{clinician.pk}/{action}/").status_code == 404
    clinician.refresh_from_db()
    assert clinician.is_active and clinician.has_usable_password()


def test_another_clinics_manager_does_not_see_our_users(other_clinic, clinician, manager):
    boss = make_member(other_clinic, "otherboss", Membership.Role.MANAGER)
    page = signed_in(Client(), boss).get("/clinic/users/").content.decode()
    assert "<code>otherboss</code>" in page
    assert "<code>doc</code>" not in page and "<code>boss</code>" not in page


def test_member_actions_only_accept_posts(manager_client, clinician):
    assert manager_client.get(f"/clinic/users/{clinician.pk}/deactivate/").status_code == 405
    clinician.refresh_from_db()
    assert clinician.is_active


def test_managers_see_the_clinic_nav_item_and_others_do_not(manager_client, staff):
    assert 'href="/clinic/users/"' in manager_client.get("/cases/").content.decode()
    assert 'href="/clinic/users/"' not in signed_in(Client(), staff).get("/cases/").content.decode()


def test_the_link_page_needs_no_sign_in(client, db):
    assert client.get("/welcome/no-such-token/").status_code == 404
