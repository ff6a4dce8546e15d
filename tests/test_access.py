"""Every page needs a login; a clinic sees only its own cases; staff read, clinicians write."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from tests.wizard_posts import step_data

CASE_URLS = [
    ("get", "/cases/{id}/"),
    ("get", "/cases/{id}/case.json"),
    ("get", "/cases/{id}/edit/"),
    ("get", "/cases/{id}/edit/patient/"),
    ("post", "/cases/{id}/edit/patient/"),
    ("post", "/cases/{id}/edit/baselines/derived/"),
    ("post", "/cases/{id}/delete/"),
]
OTHER_URLS = [("get", "/cases/"), ("post", "/cases/new/"), ("get", "/cases/import/"), ("get", "/")]


def call(client, method, url, case):
    """Request one URL; posts carry a plausible wizard payload."""
    url = url.format(id=case.id)
    if method == "get":
        return client.get(url)
    return client.post(url, step_data("patient", {"name": "Mallory"}))


@pytest.mark.parametrize(("method", "url"), CASE_URLS + OTHER_URLS)
def test_anonymous_visitor_is_sent_to_login(client, example_case, method, url):
    response = call(client, method, url, example_case)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


@pytest.mark.parametrize(("method", "url"), CASE_URLS)
def test_another_clinics_case_is_not_found(outsider_client, example_case, method, url):
    assert call(outsider_client, method, url, example_case).status_code == 404
    example_case.refresh_from_db()
    assert example_case.patient_name == "Dana Whitfield"


def test_another_clinics_cases_are_not_listed(outsider_client, example_case):
    assert "Dana Whitfield" not in outsider_client.get("/cases/").content.decode()


@pytest.mark.parametrize(("method", "url"), [("get", "/cases/{id}/"), ("get", "/cases/{id}/case.json")])
def test_staff_can_read_their_clinics_case(staff_client, example_case, method, url):
    assert call(staff_client, method, url, example_case).status_code == 200


@pytest.mark.parametrize(
    ("method", "url"),
    [(m, u) for m, u in CASE_URLS if "edit" in u or "delete" in u]
    + [("post", "/cases/new/"), ("get", "/cases/import/")],
)
def test_staff_cannot_create_or_change_cases(staff_client, example_case, method, url):
    assert call(staff_client, method, url, example_case).status_code == 403
    example_case.refresh_from_db()
    assert example_case.patient_name == "Dana Whitfield"


def test_staff_see_the_clinics_cases_without_edit_buttons(staff_client, example_case):
    page = staff_client.get("/cases/").content.decode()
    assert "Dana Whitfield" in page
    assert "New case" not in page and "Resume" not in page


def test_user_without_a_clinic_is_refused_politely(client, db):
    user = get_user_model().objects.create_user(username="loner", password="x")
    client.force_login(user)
    response = client.get("/cases/")
    assert response.status_code == 403
    assert "not linked to a clinic" in response.content.decode()


@pytest.mark.parametrize("page", ["/cases/", "/cases/{id}/", "/cases/{id}/edit/review/"])
def test_links_and_form_targets_carry_no_patient_data(clinician_client, example_case, page):
    html = clinician_client.get(page.format(id=example_case.id)).content.decode()
    targets = re.findall(r'(?:href|action)="([^"]*)"', html)
    assert any(str(example_case.id) in t for t in targets)
    for target in targets:
        assert "Whitfield" not in target and "1EG4TE5MK73" not in target and "1960" not in target


def test_deleting_is_for_drafts_only(clinician_client, example_case):
    example_case.status = "ready"
    example_case.save()
    response = clinician_client.post(f"/cases/{example_case.id}/delete/")
    assert response.status_code == 302
    example_case.refresh_from_db()
    example_case.status = "draft"
    example_case.save()
    clinician_client.post(f"/cases/{example_case.id}/delete/")
    assert not type(example_case).objects.filter(pk=example_case.pk).exists()


def test_expired_form_gets_a_plain_explanation(clinician, example_case):
    client = Client(enforce_csrf_checks=True)
    client.force_login(clinician)
    response = call(client, "post", "/cases/{id}/edit/patient/", example_case)
    assert response.status_code == 403
    assert "nothing was saved" in response.content.decode()


def test_favicon_needs_no_login(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 301 and response["Location"].endswith("favicon.svg")
