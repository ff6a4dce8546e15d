"""Patient data stays out of cookies, URLs and logs; pages load nothing from elsewhere."""

import logging
import re

from django.core.management import call_command

from tests.conftest import EXAMPLES
from tests.wizard_posts import post_step
from wizard.models import Case

PHI = ("Dana Whitfield", "1EG4TE5MK73", "1960-04-18")


def test_no_cookie_ever_carries_patient_data(clinician_client, example_case):
    responses = [
        post_step(
            clinician_client, example_case, "patient", {"name": "Dana Whitfield", "born_on": "1960-04-18"}
        ),
        clinician_client.post("/cases/", {"q": "Whitfield"}),
        clinician_client.post(f"/cases/{example_case.id}/delete/"),
    ]
    for response in responses:
        for morsel in response.cookies.values():
            assert not any(p in morsel.value for p in PHI)
    assert all(not any(p in m.value for p in PHI) for m in clinician_client.cookies.values())


def test_search_is_posted_so_names_stay_out_of_urls(clinician_client, example_case):
    page = clinician_client.get("/cases/").content.decode()
    assert re.search(r'<form method="post" action="/cases/"[^>]*role="search"', page)
    found = clinician_client.post("/cases/", {"q": "whitf"}).content.decode()
    assert "Dana Whitfield" in found
    assert "Dana Whitfield" not in clinician_client.post("/cases/", {"q": "nobody"}).content.decode()


def test_search_by_member_id_and_filter_by_status(clinician_client, example_case):
    assert "Dana Whitfield" in clinician_client.post("/cases/", {"q": "1eg4te5mk73"}).content.decode()
    assert "Dana Whitfield" not in clinician_client.get("/cases/?status=ready").content.decode()
    assert "Dana Whitfield" in clinician_client.get("/cases/?status=draft").content.decode()


def test_pages_forbid_remote_resources_and_caching(clinician_client, example_case):
    response = clinician_client.get(f"/cases/{example_case.id}/edit/patient/")
    assert "default-src 'self'" in response["Content-Security-Policy"]
    assert response["Cache-Control"] == "no-store"
    html = response.content.decode()
    assert not re.search(r'(?:src|href)="(?:https?:)?//', html)


def test_walking_the_wizard_logs_no_patient_data(clinician_client, example_case, caplog):
    with caplog.at_level(logging.DEBUG):
        post_step(
            clinician_client, example_case, "patient", {"name": "Dana Whitfield", "born_on": "2099-01-01"}
        )
        clinician_client.post(
            f"/cases/{example_case.id}/edit/patient/derived/", {"patient-name": "Dana Whitfield"}
        )
        clinician_client.get(f"/cases/{example_case.id}/edit/review/")
    assert not any(p in record.getMessage() for record in caplog.records for p in PHI)


def test_demo_loader_is_idempotent_and_prints_credentials(db, capsys):
    call_command("load_demo", password="demo-password-1")
    call_command("load_demo")
    out = capsys.readouterr().out
    assert "username: clinician" in out and "username: staff" in out
    assert out.count("model case(s) loaded") == 2
    assert Case.objects.count() == len(list(EXAMPLES.glob("*.json")))
