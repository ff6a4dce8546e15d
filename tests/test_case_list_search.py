"""Staff find cases: name words in any order, date of birth, member id; the list shows both; it stays flat."""

import re
from datetime import date

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from audit.models import Action, AuditEvent
from tests.conftest import signed_in
from wizard.case_search import parsed_date
from wizard.models import Case, IssuedLetter, list_columns

STAFF_NOTE = "Only clinicians edit facts and sign letters"


def patient_case(clinic, user, name: str, born_on: str = "", member_id: str = "") -> Case:
    """Create a case holding only a patient's name, date of birth and member id."""
    case = Case(clinic=clinic, created_by=user, updated_by=user)
    patient = {"name": name, "born_on": born_on or None, "member_id": member_id}
    case.facts = {"format": "pain-lmn-case", "version": 1, "patient": patient}
    case.save()
    return case


@pytest.fixture
def patients(clinic, clinician, other_clinic, outsider):
    """Two Robert Haineses told apart by birth date and member id, a Jones, and a Haines elsewhere."""
    return {
        "haines_68": patient_case(clinic, clinician, "Robert Haines", "1968-05-14", "XQA-123-456-78"),
        "haines_72": patient_case(clinic, clinician, "Robert J. Haines", "1972-11-02", "W99 8877 66"),
        "jones": patient_case(clinic, clinician, "Ann Jones", "2026-05-14", "BCX000111"),
        "elsewhere": patient_case(other_clinic, outsider, "Robert Haines", "1968-05-14", "XQA12345678"),
    }


def listed_names(response) -> list[str]:
    return re.findall(r'<a href="/cases/[0-9a-f-]+/">([^<]+)</a>', response.content.decode())


def search(client, query: str) -> list[str]:
    response = client.post("/cases/", {"q": query})
    assert response.status_code == 200
    return sorted(listed_names(response))


def test_name_words_match_in_any_order_and_case(staff_client, patients):
    assert search(staff_client, "haines robert") == ["Robert Haines", "Robert J. Haines"]
    assert search(staff_client, "ROBERT   haines") == ["Robert Haines", "Robert J. Haines"]
    assert search(staff_client, "haines ann") == []


@pytest.mark.parametrize("query", ["1968-05-14", "05/14/1968", "5/14/1968", "May 14 1968", "may 14, 1968"])
def test_date_of_birth_in_three_formats(staff_client, patients, query):
    assert search(staff_client, query) == ["Robert Haines"]


def test_a_date_among_name_words_narrows_the_name(staff_client, patients):
    assert search(staff_client, "haines 11/02/1972") == ["Robert J. Haines"]


@pytest.mark.parametrize("query", ["XQA-123-456-78", "xqa12345678", "xqa 1234 5678", "xqa-12345678"])
def test_member_id_with_or_without_dashes_and_spaces(staff_client, patients, query):
    assert search(staff_client, query) == ["Robert Haines"]


def test_member_id_stored_with_spaces_is_found_compact(staff_client, patients):
    assert search(staff_client, "w99887766") == ["Robert J. Haines"]


def test_another_clinics_patient_is_never_found(staff_client, outsider, patients):
    assert search(staff_client, "XQA12345678") == ["Robert Haines"]
    outsider_client = signed_in(Client(), outsider)
    assert search(outsider_client, "ann jones") == []
    assert search(outsider_client, "2026-05-14") == []
    assert search(outsider_client, "haines robert") == ["Robert Haines"]
    found = AuditEvent.objects.filter(action=Action.SEARCH).latest("id")
    assert found.detail["cases"] == [str(patients["elsewhere"].pk)]


def test_query_stays_out_of_the_url_and_the_audit_detail(staff_client, patients):
    response = staff_client.post("/cases/", {"q": "haines robert 05/14/1968"})
    assert listed_names(response) == ["Robert Haines"]
    event = AuditEvent.objects.filter(action=Action.SEARCH).latest("id")
    assert event.detail == {"results": 1, "cases": [str(patients["haines_68"].pk)]}
    assert set(event.detail) == {"results", "cases"}
    recorded = str(event.detail).lower() + str(event.route)
    assert "haines" not in recorded and "1968" not in recorded
    page = response.content.decode()
    assert "q=" not in page and "?page" not in page
    # Asking by URL searches nothing: the listing is shown and audited as a listing.
    by_url = staff_client.get("/cases/?q=jones")
    assert len(listed_names(by_url)) == 3
    assert (
        AuditEvent.objects.filter(action__in=[Action.LIST, Action.SEARCH]).latest("id").action == Action.LIST
    )


def test_list_shows_date_of_birth_and_member_id(staff_client, patients):
    page = staff_client.get("/cases/").content.decode()
    assert "<th>Payer</th><th>Date of birth</th><th>Member id</th>" in page
    assert '<time datetime="1968-05-14">May 14, 1968</time>' in page
    assert '<time datetime="1972-11-02">Nov 2, 1972</time>' in page
    assert '<td class="member-id">XQA-123-456-78</td>' in page and ">W99 8877 66</td>" in page
    assert "XQA12345678" not in page  # the other clinic's patient


def test_list_columns_keep_identity_and_a_compact_member_id():
    columns = list_columns({"patient": {"name": "Ann Lee", "born_on": "1950-01-02", "member_id": "AB-12 3"}})
    assert columns["patient_born"] == date(1950, 1, 2) and columns["member_id"] == "AB-12 3"
    assert columns["patient_search"] == "ann lee ab-12 3 ab123"
    assert list_columns({"patient": {"born_on": "not a date"}})["patient_born"] is None


def test_parsed_date_refuses_what_is_not_a_date():
    assert parsed_date("May 14 1968") == date(1968, 5, 14)
    assert parsed_date("14/05/1968") is None and parsed_date("haines") is None


def test_staff_see_why_clinician_actions_are_missing(staff_client, clinician, patients):
    case = patients["haines_68"]
    clinician_client = signed_in(Client(), clinician)
    for url in ["/cases/", f"/cases/{case.pk}/"]:
        assert STAFF_NOTE in staff_client.get(url).content.decode()
        assert STAFF_NOTE not in clinician_client.get(url).content.decode()


def make_cases(clinic, user, count: int) -> list[Case]:
    """Bulk-create cases, each with a letter, as the list reads them."""
    cases = []
    for index in range(count):
        case = Case(clinic=clinic, created_by=user, updated_by=user, status=Case.Status.ISSUED)
        patient = {"name": f"Patient {index}", "born_on": "1960-01-01", "member_id": f"M{index}"}
        case.facts = {"format": "pain-lmn-case", "version": 1, "patient": patient}
        case.refresh_list_columns()
        cases.append(case)
    Case.objects.bulk_create(cases)
    IssuedLetter.objects.bulk_create(
        IssuedLetter(case=case, version=version, issued_by=user, pdf=b"%PDF", sha256=f"{index:064x}"[-64:])
        for index, (case, version) in enumerate((case, v) for case in cases for v in (1, 2))
    )
    return cases


def list_queries(client, send) -> tuple[int, str]:
    with CaptureQueriesContext(connection) as captured:
        response = send()
    assert response.status_code == 200
    return len(captured.captured_queries), response.content.decode()


def test_list_queries_are_constant_in_the_number_of_cases(clinician_client, clinic, clinician):
    make_cases(clinic, clinician, 30)
    listing = lambda: clinician_client.get("/cases/")  # noqa: E731
    searching = lambda: clinician_client.post("/cases/", {"q": "patient"})  # noqa: E731
    list_warm = list_queries(clinician_client, listing)  # first verdicts refreshed: not counted
    search_warm = list_queries(clinician_client, searching)
    at_30 = list_queries(clinician_client, listing)[0], list_queries(clinician_client, searching)[0]
    make_cases(clinic, clinician, 90)
    list_queries(clinician_client, listing)
    list_queries(clinician_client, searching)
    at_120 = list_queries(clinician_client, listing), list_queries(clinician_client, searching)
    assert at_30 == (at_120[0][0], at_120[1][0])
    assert "Letter v2 (PDF)" in list_warm[1] and "Letter v2 (PDF)" in search_warm[1]
    assert at_120[0][1].count("Letter v2 (PDF)") == 50 and "· 120 cases" in at_120[0][1]


def test_list_groups_only_the_pages_letters(clinician_client, clinic, clinician):
    make_cases(clinic, clinician, 60)
    with CaptureQueriesContext(connection) as captured:
        clinician_client.get("/cases/")
    grouped = [q["sql"] for q in captured.captured_queries if "GROUP BY" in q["sql"].upper()]
    assert len(grouped) == 1 and " IN (" in grouped[0]
    counted = [q["sql"] for q in captured.captured_queries if "COUNT(" in q["sql"].upper()]
    assert counted and all("letter" not in sql.lower() for sql in counted)
