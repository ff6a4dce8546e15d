"""The audit trail: what is recorded, and that nobody can change or delete it."""

import pytest
from django.contrib.auth import get_user_model
from django.db import DatabaseError, connection, transaction

from audit.models import Action, AuditEvent
from audit.trail import client_address, record
from tests.conftest import PASSWORD


@pytest.fixture
def event(clinician, example_case):
    return record(Action.VIEW, user=clinician, case_id=example_case.pk, route="test")


def test_event_knows_who_which_clinic_and_case(event, clinician, example_case):
    stored = AuditEvent.objects.get(pk=event.pk)
    assert stored.username == clinician.username
    assert stored.clinic_id == example_case.clinic_id
    assert stored.case_id == example_case.pk


def test_saved_event_cannot_be_changed_through_the_model(event):
    event.action = Action.SIGN_IN
    with pytest.raises(PermissionError):
        event.save()


def test_event_cannot_be_deleted_through_the_model(event):
    with pytest.raises(PermissionError):
        event.delete()
    assert AuditEvent.objects.filter(pk=event.pk).exists()


@pytest.mark.parametrize("change", ["update", "delete"])
def test_events_cannot_be_changed_or_deleted_in_bulk(event, change):
    events = AuditEvent.objects.filter(pk=event.pk)
    with pytest.raises(PermissionError):
        events.update(action=Action.SIGN_IN) if change == "update" else events.delete()


def test_database_refuses_an_update_from_raw_sql(event):
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE audit_auditevent SET action = %s WHERE id = %s", ["sign_in", event.pk])
    assert AuditEvent.objects.get(pk=event.pk).action == Action.VIEW


@pytest.mark.skipif(connection.vendor != "postgresql", reason="DELETE trigger is PostgreSQL's")
def test_postgresql_refuses_a_delete_from_raw_sql(event):
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM audit_auditevent WHERE id = %s", [event.pk])
    assert AuditEvent.objects.filter(pk=event.pk).exists()


def test_admin_offers_no_change_or_delete(admin_client, event):
    assert admin_client.get(f"/admin/audit/auditevent/{event.pk}/delete/").status_code == 403
    response = admin_client.post(f"/admin/audit/auditevent/{event.pk}/change/", {"action": "sign_in"})
    assert response.status_code in {302, 403}
    assert AuditEvent.objects.get(pk=event.pk).action == Action.VIEW


def test_reading_the_trail_in_admin_is_itself_recorded(admin_client, event):
    admin_client.get("/admin/audit/auditevent/")
    admin_client.get(f"/admin/audit/auditevent/{event.pk}/change/")
    reads = AuditEvent.objects.filter(action=Action.AUDIT_READ, detail__via="admin")
    assert reads.count() == 2


def test_failed_sign_in_is_recorded_without_the_password(client, clinician):
    client.post("/accounts/login/", {"username": clinician.username, "password": "wrong-password-123"})
    failed = AuditEvent.objects.filter(action=Action.SIGN_IN_FAILED).get()
    assert failed.username == clinician.username
    assert "wrong-password-123" not in str(failed.detail)


def test_sign_in_is_recorded(client, clinician):
    client.post("/accounts/login/", {"username": clinician.username, "password": PASSWORD})
    assert AuditEvent.objects.filter(action=Action.SIGN_IN, user=clinician).exists()


def test_client_address_ignores_forwarded_header_unless_behind_proxy(rf, settings):
    request = rf.get("/", REMOTE_ADDR="10.0.0.5", HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.9")
    settings.BEHIND_PROXY = False
    assert client_address(request) == "10.0.0.5"
    settings.BEHIND_PROXY = True
    assert client_address(request) == "203.0.113.9"


def test_events_survive_their_user(db, clinic):
    user = get_user_model().objects.create_user(username="gone", password="x")
    kept = record(Action.SIGN_IN, user=user, clinic_id=clinic.pk)
    user.delete()
    assert AuditEvent.objects.get(pk=kept.pk).username == "gone"
