"""The case list and its actions: a search is posted and paged by posting, never put in a URL; all audited."""

import re

import pytest

from audit.models import Action, AuditEvent
from wizard.models import Case
from wizard.views import cases as case_views


def patient_case(clinic, user, name: str, status=Case.Status.DRAFT) -> Case:
    """Create a case holding only a patient's name."""
    case = Case(clinic=clinic, created_by=user, updated_by=user, status=status)
    case.facts = {"format": "pain-lmn-case", "version": 1, "patient": {"name": name}}
    case.save()
    return case


@pytest.fixture
def three_smiths(clinic, clinician):
    """Three cases of patients called Smith (newest first) and one of a Jones."""
    smiths = [patient_case(clinic, clinician, f"Ann Smith {n}") for n in (1, 2, 3)]
    patient_case(clinic, clinician, "Bob Jones")
    return smiths[::-1]


def listed_names(response) -> list[str]:
    return re.findall(r'<a href="/cases/[0-9a-f-]+/">([^<]+)</a>', response.content.decode())


def last_event() -> AuditEvent:
    return AuditEvent.objects.filter(action__in=[Action.LIST, Action.SEARCH]).latest("id")


def test_name_in_the_query_string_does_not_search(clinician_client, three_smiths):
    response = clinician_client.get("/cases/?q=Jones")
    assert len(listed_names(response)) == 4
    assert 'value="Jones"' not in response.content.decode()
    assert last_event().action == Action.LIST


def test_posted_search_finds_by_name_and_records_results_not_the_query(clinician_client, three_smiths):
    response = clinician_client.post("/cases/", {"q": "smith"})
    assert sorted(listed_names(response)) == ["Ann Smith 1", "Ann Smith 2", "Ann Smith 3"]
    event = last_event()
    assert event.action == Action.SEARCH and event.route == "case_list"
    assert event.detail == {"results": 3, "cases": [str(c.pk) for c in three_smiths]}
    assert "smith" not in str(event.detail).lower()


def test_listing_records_the_ids_shown(
    clinician_client, clinic, clinician, three_smiths, other_clinic, outsider
):
    patient_case(other_clinic, outsider, "Elsewhere Patient")
    clinician_client.get("/cases/")
    event = last_event()
    shown = [
        str(pk)
        for pk in Case.objects.filter(clinic=clinic).order_by("-updated_at").values_list("pk", flat=True)
    ]
    assert event.action == Action.LIST and event.detail == {"cases": shown}
    assert event.clinic_id == clinic.pk and event.username == "doc"


def test_search_results_page_by_posting_with_the_query_in_the_body(
    clinician_client, three_smiths, monkeypatch
):
    monkeypatch.setattr(case_views, "CASES_PER_PAGE", 2)
    first = clinician_client.post("/cases/", {"q": "Smith"})
    page = first.content.decode()
    assert listed_names(first) == ["Ann Smith 3", "Ann Smith 2"]
    forms = re.findall(r'<form method="post" action="/cases/"[^>]*>(.*?)</form>', page, re.S)
    (pager,) = [form for form in forms if 'name="page"' in form]
    assert 'name="q" value="Smith"' in pager and 'name="page" value="2"' in pager
    assert "?page" not in page and "q=" not in page
    second = clinician_client.post("/cases/", {"q": "Smith", "page": "2"})
    assert listed_names(second) == ["Ann Smith 1"]
    assert last_event().detail == {"results": 3, "cases": [str(three_smiths[2].pk)]}


def test_plain_listing_pages_and_filters_by_status_in_the_url(
    clinician_client, clinic, clinician, monkeypatch
):
    monkeypatch.setattr(case_views, "CASES_PER_PAGE", 1)
    patient_case(clinic, clinician, "Ready One", Case.Status.READY)
    patient_case(clinic, clinician, "Ready Two", Case.Status.READY)
    patient_case(clinic, clinician, "Draft One")
    first = clinician_client.get("/cases/?status=ready")
    assert listed_names(first) == ["Ready Two"]
    assert 'href="?status=ready&amp;page=2"' in first.content.decode()
    assert listed_names(clinician_client.get("/cases/?status=ready&page=2")) == ["Ready One"]


def test_posting_the_search_form_without_a_name_goes_to_the_listing_url(clinician_client, three_smiths):
    response = clinician_client.post("/cases/", {"q": "  ", "status": "draft"})
    assert response.status_code == 302 and response["Location"] == "/cases/?status=draft"
    assert clinician_client.post("/cases/", {"q": "", "status": "bogus"})["Location"] == "/cases/"
    assert not AuditEvent.objects.filter(action=Action.SEARCH).exists()


def test_archived_cases_leave_the_working_list(clinician_client, three_smiths):
    Case.objects.filter(pk=three_smiths[0].pk).update(archived_at="2026-01-01T00:00:00Z")
    assert "Ann Smith 3" not in listed_names(clinician_client.get("/cases/"))
    assert "Ann Smith 3" not in listed_names(clinician_client.post("/cases/", {"q": "smith"}))


def test_another_clinics_cases_are_never_found(outsider_client, three_smiths):
    assert listed_names(outsider_client.post("/cases/", {"q": "smith"})) == []
    assert last_event().detail == {"results": 0, "cases": []}


def test_new_case_is_recorded(clinician_client, clinic):
    clinician_client.post("/cases/new/")
    case = Case.objects.get()
    event = AuditEvent.objects.get(action=Action.CREATE)
    assert (event.case_id, event.clinic_id, event.username) == (case.pk, clinic.pk, "doc")


def test_deleted_draft_goes_and_its_delete_event_stays(clinician_client, clinic, clinician):
    case = patient_case(clinic, clinician, "Short Lived")
    response = clinician_client.post(f"/cases/{case.id}/delete/")
    assert response["Location"] == "/cases/" and not Case.objects.filter(pk=case.pk).exists()
    event = AuditEvent.objects.get(action=Action.DELETE)
    assert (event.case_id, event.clinic_id, event.route) == (case.pk, clinic.pk, "case_delete")
    assert "Short Lived" not in str(event.detail)


def test_refused_delete_is_not_recorded_as_a_delete(clinician_client, clinic, clinician):
    case = patient_case(clinic, clinician, "Ready Case", Case.Status.READY)
    clinician_client.post(f"/cases/{case.id}/delete/")
    assert Case.objects.filter(pk=case.pk).exists()
    assert not AuditEvent.objects.filter(action=Action.DELETE).exists()
