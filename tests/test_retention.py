"""Retention: managers archive finished cases (read-only, out of the list), restore them, and purge them
only after the retention period, keeping every audit event."""

from datetime import date, datetime, timedelta

import pytest
from django.test import Client
from django.utils import timezone

from audit.models import Action, AuditEvent
from tests.conftest import make_member
from tests.test_letters import issue, ready_case
from tests.wizard_posts import post_step
from wizard.models import Case, IssuedLetter, Membership
from wizard.views import retention


@pytest.fixture
def issued_case(client, clinic, clinician):
    """A ready model case with one letter issued."""
    case = ready_case(clinic, clinician)
    doctor = Client()
    doctor.force_login(clinician)
    issue(doctor, case)
    return case


def archive(client, case):
    return client.post(f"/cases/{case.id}/archive/")


def move_time(monkeypatch, to: datetime):
    """Move the retention views' clock."""
    monkeypatch.setattr(retention, "now", lambda: to)


@pytest.mark.parametrize("role", ["clinician_client", "staff_client"])
def test_only_managers_archive_restore_purge_or_list_archived_cases(request, issued_case, role):
    browser = request.getfixturevalue(role)
    for path in ("archive", "restore", "purge"):
        assert browser.post(f"/cases/{issued_case.id}/{path}/").status_code == 403
    assert browser.get("/cases/archived/").status_code == 403
    issued_case.refresh_from_db()
    assert issued_case.archived_at is None
    assert 'href="/cases/archived/"' not in browser.get("/cases/").content.decode()


def test_a_manager_archives_an_issued_case_and_finds_it_in_the_archived_list(manager_client, issued_case):
    response = archive(manager_client, issued_case)
    issued_case.refresh_from_db()
    assert issued_case.archived_at is not None and issued_case.archived_by.username == "boss"
    page = manager_client.get(response["Location"]).content.decode()
    assert "The case is archived and read-only" in page and "Archived on" in page
    event = AuditEvent.objects.get(action=Action.ARCHIVE)
    assert (event.case_id, event.username) == (issued_case.pk, "boss")
    archived = manager_client.get("/cases/archived/").content.decode()
    expected_purge_day = retention.purge_possible_on(issued_case.archived_at)
    assert "Dana Whitfield" in archived and f"/cases/{issued_case.id}/" in archived
    assert expected_purge_day.strftime("%b") in archived and str(expected_purge_day.year) in archived
    listed = AuditEvent.objects.filter(action=Action.LIST).latest("id")
    assert listed.detail == {"archived": True, "cases": [str(issued_case.pk)]}
    assert 'href="/cases/archived/"' in archived
    assert f"/cases/{issued_case.id}/" not in manager_client.get("/cases/").content.decode()


def test_a_ready_case_may_be_archived_and_a_draft_may_not(manager_client, clinic, clinician, example_case):
    archive(manager_client, example_case)
    example_case.refresh_from_db()
    assert example_case.archived_at is None
    assert not AuditEvent.objects.filter(action=Action.ARCHIVE).exists()
    ready = ready_case(clinic, clinician)
    archive(manager_client, ready)
    ready.refresh_from_db()
    assert ready.archived_at is not None


def test_an_archived_case_is_read_only(client, manager_client, issued_case, clinician):
    archive(manager_client, issued_case)
    doctor = Client()
    doctor.force_login(clinician)
    response = post_step(doctor, issued_case, "patient", {"name": "Changed Name", "born_on": "1960-04-18"})
    assert response.status_code == 403 and "archived" in response.content.decode()
    refused = issue(doctor, issued_case)
    assert "archived" in doctor.get(refused["Location"]).content.decode()
    assert IssuedLetter.objects.count() == 1
    page = doctor.get(f"/cases/{issued_case.id}/").content.decode()
    assert f'href="/cases/{issued_case.id}/edit/"' not in page and "/letters/issue/" not in page
    issued_case.refresh_from_db()
    assert issued_case.patient_name == "Dana Whitfield"


def test_a_restored_case_is_editable_again(manager_client, issued_case):
    archive(manager_client, issued_case)
    manager_client.post(f"/cases/{issued_case.id}/restore/")
    issued_case.refresh_from_db()
    assert (issued_case.archived_at, issued_case.archived_by) == (None, None)
    assert AuditEvent.objects.filter(action=Action.RESTORE, case_id=issued_case.pk).exists()
    assert "Dana Whitfield" not in manager_client.get("/cases/archived/").content.decode()
    assert f"/cases/{issued_case.id}/" in manager_client.get("/cases/").content.decode()


def test_a_purge_before_the_retention_period_is_refused_with_the_day_it_becomes_possible(
    manager_client, issued_case, monkeypatch
):
    archive(manager_client, issued_case)
    issued_case.refresh_from_db()
    possible_on = retention.purge_possible_on(issued_case.archived_at)
    move_time(monkeypatch, issued_case.archived_at + timedelta(days=7 * 365))
    for method in (manager_client.get, manager_client.post):
        response = method(f"/cases/{issued_case.id}/purge/")
        page = manager_client.get(response["Location"]).content.decode()
        assert f"it may be purged from {possible_on:%b} {possible_on.day}, {possible_on.year}" in page
    assert Case.objects.filter(pk=issued_case.pk).exists()
    assert not AuditEvent.objects.filter(action=Action.PURGE).exists()


def test_a_case_that_is_not_archived_cannot_be_purged(manager_client, issued_case):
    response = manager_client.post(f"/cases/{issued_case.id}/purge/")
    assert "Archive a case before purging it" in manager_client.get(response["Location"]).content.decode()
    assert Case.objects.filter(pk=issued_case.pk).exists()


def test_after_the_retention_period_a_purge_deletes_case_letters_and_draft_and_keeps_the_audit_trail(
    manager_client, issued_case, monkeypatch
):
    archive(manager_client, issued_case)
    issued_case.refresh_from_db()
    events_before = set(AuditEvent.objects.filter(case_id=issued_case.pk).values_list("id", flat=True))
    assert {Action.ISSUE, Action.ARCHIVE} <= set(
        AuditEvent.objects.filter(case_id=issued_case.pk).values_list("action", flat=True)
    )
    move_time(
        monkeypatch,
        timezone.make_aware(
            datetime.combine(retention.purge_possible_on(issued_case.archived_at), datetime.min.time())
        ),
    )
    confirm = manager_client.get(f"/cases/{issued_case.id}/purge/")
    assert confirm.status_code == 200 and "its issued letter" in confirm.content.decode()
    assert Case.objects.filter(pk=issued_case.pk).exists()
    response = manager_client.post(f"/cases/{issued_case.id}/purge/")
    assert response["Location"] == "/cases/archived/"
    assert not Case.objects.filter(pk=issued_case.pk).exists()
    assert not IssuedLetter.objects.exists()
    remaining = set(AuditEvent.objects.filter(case_id=issued_case.pk).values_list("id", flat=True))
    assert events_before < remaining
    purge = AuditEvent.objects.get(action=Action.PURGE)
    assert (purge.case_id, purge.detail, purge.username) == (issued_case.pk, {"letters": 1}, "boss")


def test_another_clinics_manager_sees_a_404(client, issued_case, other_clinic):
    client.force_login(make_member(other_clinic, "elsewhere-boss", Membership.Role.MANAGER))
    for path in ("archive", "restore", "purge"):
        assert client.post(f"/cases/{issued_case.id}/{path}/").status_code == 404
    issued_case.refresh_from_db()
    assert issued_case.archived_at is None


@pytest.mark.parametrize(
    ("archived_on", "years", "possible_on"),
    [
        (date(2026, 11, 22), 7, date(2033, 11, 22)),
        (date(2028, 2, 29), 7, date(2035, 3, 1)),
        (date(2028, 2, 29), 4, date(2032, 3, 1)),
        (date(2026, 1, 1), 10, date(2036, 1, 1)),
    ],
)
def test_the_retention_period_runs_from_the_archiving_day(settings, archived_on, years, possible_on):
    settings.RETENTION_YEARS = years
    archived_at = timezone.make_aware(datetime.combine(archived_on, datetime.min.time().replace(hour=12)))
    assert retention.purge_possible_on(archived_at) == possible_on
