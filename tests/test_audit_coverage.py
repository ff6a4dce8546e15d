"""Every page that shows patient data is on the audit trail: walked from the URL resolver, so a new view
cannot forget."""

import re

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from audit.models import AuditEvent
from tests.conftest import make_case_from_example
from wizard.issuing import issue_letter

PATIENT = ("Dana Whitfield", "1EG4TE5MK73")
# How to fill each path parameter; a new one fails the test until it is added here.
FILLERS = {
    "<str:step>": "patient",
    "<int:version>": "1",
    "<int:user_id>": "1",
    "<str:token>": "x",
    "<uuid:enclosure_id>": "00000000-0000-4000-8000-000000000000",
}
CASE_ID = "<uuid:case_id>"


def url_patterns(resolver=None, prefix=""):
    """Yield (route, name) for every URL of the site, admin excepted."""
    resolver = resolver or get_resolver()
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            if pattern.app_name == "admin":
                continue
            yield from url_patterns(pattern, prefix + str(pattern.pattern))
        elif isinstance(pattern, URLPattern):
            yield prefix + str(pattern.pattern), pattern.name


ROUTES = sorted(set(url_patterns()))


def fill(route: str, case) -> str:
    """Return a concrete path for a route, with the case's id and sample parameters."""
    path = route.replace(CASE_ID, str(case.pk))
    for placeholder, value in FILLERS.items():
        path = path.replace(placeholder, value)
    unknown = re.findall(r"<[^>]+>", path)
    assert not unknown, f"add a filler for {unknown} in {route}"
    return "/" + path.lstrip("^").rstrip("$")


def test_the_walk_reaches_the_case_pages():
    case_routes = [route for route, _ in ROUTES if CASE_ID in route]
    assert len(case_routes) >= 8, case_routes


@pytest.mark.parametrize(("route", "name"), ROUTES, ids=[r for r, _ in ROUTES])
def test_every_view_showing_patient_data_is_audited(route, name, clinic, clinician, request):
    case = make_case_from_example(clinic, clinician, "crps-scs-permanent-medicare")
    case.status = "ready"
    case.save(update_fields=["status"])
    if "<int:version>" in route:
        issue_letter(case.pk, clinic.pk, clinician, "walk", case.updated_at.date())
    path = fill(route, case)
    before = AuditEvent.objects.order_by("-id").values_list("id", flat=True).first() or 0
    shown = []
    # Clinicians reach the case pages; what they may not open, a manager may (both share one client).
    for signed_in_client in ("clinician_client", "manager_client"):
        browser = request.getfixturevalue(signed_in_client)
        response = browser.get(path)
        if response.status_code == 405:
            response = browser.post(path, {})
        assert response.status_code < 500, (route, response.status_code)
        body = b"".join(response) if response.streaming else response.content
        shown.append(any(p.encode() in body for p in PATIENT))
        if response.status_code != 403:
            break
    events = AuditEvent.objects.filter(id__gt=before)
    if CASE_ID in route:
        assert events.filter(case_id=case.pk).exists(), f"{route} read case {case.pk} unaudited"
    if any(shown):
        assert events.exists(), f"{route} showed patient data without an audit event"
