"""The manager reads and exports the clinic's audit trail, filtered by case, user and dates."""

import csv
import io
import uuid
from datetime import datetime

from django.test import Client
from django.utils import timezone

from audit.models import Action, AuditEvent
from audit.trail import record
from tests.conftest import make_member, signed_in
from wizard.models import Membership


def at(text: str) -> datetime:
    """Return a local time from "YYYY-MM-DD HH:MM"."""
    return timezone.make_aware(datetime.fromisoformat(text))


def event(clinic, action=Action.VIEW, *, when="2026-01-15 10:00", username="doc", **fields):
    """Store one event of the clinic at a given local time."""
    return AuditEvent.objects.create(
        at=at(when), action=action, username=username, clinic_id=clinic.pk, **fields
    )


def rows_of(client, query="") -> list[str]:
    """Return the text of the reader's table rows."""
    page = client.get(f"/clinic/audit/{query}").content.decode()
    body = page.split("<tbody>")[1].split("</tbody>")[0]
    return body.split("<tr>")[1:]


def test_reader_shows_only_the_clinics_events_newest_first(manager_client, clinic, other_clinic):
    event(clinic, route="first", when="2026-01-10 09:00")
    event(clinic, route="second", when="2026-01-11 09:00")
    AuditEvent.objects.create(
        action=Action.VIEW, username="spy", clinic_id=other_clinic.pk, route="elsewhere"
    )
    rows = rows_of(manager_client, "?user=doc")
    assert len(rows) == 2 and "second" in rows[0] and "first" in rows[1]
    page = manager_client.get("/clinic/audit/").content.decode()
    assert "elsewhere" not in page and "spy" not in page


def test_reader_filters_by_case_and_links_cases_that_still_exist(manager_client, clinic, example_case):
    gone = uuid.uuid4()
    event(clinic, case_id=example_case.pk, route="kept-case")
    event(clinic, case_id=gone, route="purged-case")
    [row] = rows_of(manager_client, f"?case={example_case.pk}")
    assert "kept-case" in row and f'href="/cases/{example_case.pk}/"' in row
    [row] = rows_of(manager_client, f"?case={gone}")
    assert "purged-case" in row and "href=" not in row


def test_reader_filters_by_user_and_inclusive_dates(manager_client, clinic):
    event(clinic, username="doc", when="2026-01-09 23:59", route="before")
    event(clinic, username="doc", when="2026-01-10 00:00", route="first-day")
    event(clinic, username="doc", when="2026-01-15 23:30", route="last-day")
    event(clinic, username="desk", when="2026-01-12 12:00", route="other-user")
    event(clinic, username="doc", when="2026-01-16 00:00", route="after")
    rows = rows_of(manager_client, "?user=DOC&since=2026-01-10&until=2026-01-15")
    assert ["last-day" in rows[0], "first-day" in rows[1], len(rows)] == [True, True, 2]
    [row] = rows_of(manager_client, "?user=desk")
    assert "other-user" in row


def test_a_bad_filter_is_explained_beside_the_field_and_kept(manager_client, clinic):
    event(clinic)
    response = manager_client.get("/clinic/audit/?case=not-a-uuid&since=2026-02-01&until=2026-01-01")
    page = response.content.decode()
    assert response.status_code == 200
    assert "valid UUID" in page and "end date is before the start date" in page
    assert 'value="not-a-uuid"' in page and "<tbody>" not in page
    assert not AuditEvent.objects.filter(action=Action.AUDIT_READ).exists()


def test_change_events_show_what_changed_before_and_after(manager_client, clinic):
    changes = [["patient.member_id", "A1", "B2"], [["baselines", "odi_percent"], 40, 52]]
    event(clinic, Action.CHANGE, detail={"step": "patient", "changes": changes})
    [row] = rows_of(manager_client, "?user=doc")
    assert "Changed facts" in row
    assert "patient.member_id: A1 → B2" in row and "baselines.odi_percent: 40 → 52" in row


def test_reader_pages_and_records_each_read(manager_client, clinic, manager):
    for minute in range(55):
        event(clinic, when=f"2026-01-15 10:{minute:02d}")
    assert len(rows_of(manager_client, "?user=doc")) == 50
    assert len(rows_of(manager_client, "?user=doc&page=2")) == 5
    reads = AuditEvent.objects.filter(action=Action.AUDIT_READ).order_by("id")
    assert [r.detail for r in reads] == [
        {"page": 1, "filters": {"user": "doc"}},
        {"page": 2, "filters": {"user": "doc"}},
    ]
    assert reads[0].user_id == manager.pk and reads[0].clinic_id == clinic.pk


def test_csv_export_holds_the_filtered_clinic_events(manager_client, clinic, other_clinic, example_case):
    event(clinic, case_id=example_case.pk, address="10.1.2.3", detail={"method": "GET"}, route="wanted")
    event(clinic, route="other-case")
    AuditEvent.objects.create(action=Action.VIEW, clinic_id=other_clinic.pk, case_id=example_case.pk)
    response = manager_client.get(f"/clinic/audit.csv?case={example_case.pk}")
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment;") and f"audit-trail-clinic{clinic.pk}-" in disposition
    assert "Whitfield" not in disposition
    table = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    mine = [row for row in table if row["route"] == "wanted"]
    assert len(mine) == 1 and all(row["case"] == str(example_case.pk) for row in table)
    assert mine[0]["action_label"] == "Viewed patient data" and mine[0]["address"] == "10.1.2.3"
    assert mine[0]["user"] == "doc" and mine[0]["summary"] == "method: GET"
    assert mine[0]["time"].startswith("2026-01-15T10:00:00")
    assert {row["clinic"] for row in table} == {str(clinic.pk)}
    [export] = AuditEvent.objects.filter(action=Action.AUDIT_EXPORT)
    assert export.detail == {"format": "csv", "events": len(table), "filters": {"case": str(example_case.pk)}}


def test_csv_export_cells_never_run_as_spreadsheet_formulas(manager_client, clinic):
    event(clinic, Action.CHANGE, username="=HYPERLINK(1)", detail={"note": "+1"})
    response = manager_client.get("/clinic/audit.csv?user==HYPERLINK(1)")
    [row] = csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode()))
    assert row["user"] == "'=HYPERLINK(1)" and row["summary"] == "note: +1"


def test_csv_export_with_a_bad_filter_explains_it(manager_client, clinic):
    response = manager_client.get("/clinic/audit.csv?since=yesterday")
    assert response.status_code == 400 and "Enter a valid date" in response.content.decode()
    assert not AuditEvent.objects.filter(action=Action.AUDIT_EXPORT).exists()


def test_member_actions_are_on_the_clinics_trail(manager_client, clinician):
    manager_client.post(f"/clinic/users/{clinician.pk}/deactivate/")
    [row] = [row for row in rows_of(manager_client, "?user=boss") if "Deactivated user" in row]
    assert "target username: doc" in row and "sessions ended: 0" in row


def test_another_clinics_manager_sees_none_of_our_trail(clinic, other_clinic):
    record(Action.VIEW, user=make_member(clinic, "ours", Membership.Role.STAFF), route="ours-route")
    boss = make_member(other_clinic, "theirboss", Membership.Role.MANAGER)
    page = signed_in(Client(), boss).get("/clinic/audit/").content.decode()
    assert "ours-route" not in page
    csv_text = b"".join(signed_in(Client(), boss).get("/clinic/audit.csv").streaming_content).decode()
    assert "ours-route" not in csv_text
