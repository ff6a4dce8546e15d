"""No silent overwrite: a step saved by someone else while it was open shows both versions to choose from."""

import re
import sqlite3
import threading
from contextlib import closing, contextmanager

import pytest
from django.db import connections
from django.test import Client

from audit.models import Action, AuditEvent
from tests.conftest import make_case_from_example, make_member, signed_in
from tests.wizard_posts import next_step_of, step_data, step_url
from wizard.core.changes import version_of
from wizard.models import Case, Membership
from wizard.storage import version_key
from wizard.views.conflicts import KEEP_MINE, TAKE_THEIRS
from wizard.views.wizard import PREFIX

VERSION_KEY = version_key(PREFIX)
PATIENT = {"name": "Dana Whitfield", "born_on": "1960-04-18", "sex": "female", "member_id": "1EG4TE5MK73"}


def page_version(client, case, step) -> str:
    """Open a step as a browser would and return the version its form carries."""
    page = client.get(step_url(case, step)).content.decode()
    return re.search(rf'name="{VERSION_KEY}" value="([0-9a-f]+)"', page).group(1)


def post_opened(client, case, step, version, fields=None, goto=None, **extra):
    """Post a step together with the version of the facts its page was opened with."""
    data = {**step_data(step, fields, goto=goto), VERSION_KEY: version, **extra}
    return client.post(step_url(case, step), data)


def keep_mine_version(page: str) -> str:
    """Return the version the conflict page's "Keep mine" button carries."""
    return re.search(rf'name="{KEEP_MINE}" value="([0-9a-f]+)"', page).group(1)


def conflicts(case):
    """Return the audited edit conflicts of a case."""
    return list(AuditEvent.objects.filter(case_id=case.pk, action=Action.CONFLICT))


@pytest.fixture
def colleague(clinic):
    return make_member(clinic, "partner", Membership.Role.CLINICIAN, npi="1234567893")


@pytest.fixture
def colleague_client(colleague):
    return signed_in(Client(), colleague)


def test_the_version_is_the_same_on_every_opening_and_differs_between_steps(clinician_client, example_case):
    patient = page_version(clinician_client, example_case, "patient")
    assert patient == page_version(clinician_client, example_case, "patient")
    assert patient == version_of(example_case.facts["patient"])
    assert patient != page_version(clinician_client, example_case, "safety")


def test_second_save_of_an_open_step_shows_both_versions_and_overwrites_nothing(
    clinician_client, colleague_client, example_case
):
    mine = page_version(clinician_client, example_case, "patient")
    theirs = page_version(colleague_client, example_case, "patient")
    response = post_opened(
        colleague_client, example_case, "patient", theirs, {**PATIENT, "name": "Dana Whitfield-Ray"}
    )
    assert next_step_of(response) == "diagnosis"

    response = post_opened(
        clinician_client, example_case, "patient", mine, {**PATIENT, "name": "Dana Whitley"}
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Partner Tester saved this step while you had it open" in page
    assert "Dana Whitfield-Ray" in page and "Dana Whitley" in page
    example_case.refresh_from_db()
    assert example_case.facts["patient"]["name"] == "Dana Whitfield-Ray"
    assert example_case.wizard_state["step_data"]["patient"]["patient-name"] == ["Dana Whitley"]
    assert [e.detail for e in conflicts(example_case)] == [{"step": "patient"}]

    data = {**step_data("patient", {**PATIENT, "name": "Dana Whitley"}), VERSION_KEY: mine}
    response = clinician_client.post(
        step_url(example_case, "patient"), {**data, KEEP_MINE: keep_mine_version(page)}
    )
    assert next_step_of(response) == "diagnosis"
    example_case.refresh_from_db()
    assert example_case.facts["patient"]["name"] == "Dana Whitley"
    assert "patient" not in example_case.wizard_state["step_data"]
    assert example_case.updated_by.username == "doc"


def test_take_theirs_discards_the_typed_input_and_shows_the_saved_step(
    clinician_client, colleague_client, example_case
):
    mine = page_version(clinician_client, example_case, "patient")
    post_opened(colleague_client, example_case, "patient", mine, {**PATIENT, "member_id": "2AA2AA2AA22"})
    post_opened(clinician_client, example_case, "patient", mine, {**PATIENT, "member_id": "3AA3AA3AA33"})
    response = post_opened(
        clinician_client,
        example_case,
        "patient",
        mine,
        {**PATIENT, "member_id": "3AA3AA3AA33"},
        **{TAKE_THEIRS: "1"},
    )
    assert next_step_of(response) == "patient"
    example_case.refresh_from_db()
    assert example_case.facts["patient"]["member_id"] == "2AA2AA2AA22"
    assert "patient" not in example_case.wizard_state["step_data"]
    page = clinician_client.get(response["Location"]).content.decode()
    assert 'value="2AA2AA2AA22"' in page and "3AA3AA3AA33" not in page
    assert "Your changes were discarded" in page


def test_keep_mine_meets_a_third_save_with_a_new_conflict(clinician_client, colleague_client, example_case):
    mine = page_version(clinician_client, example_case, "patient")
    post_opened(colleague_client, example_case, "patient", mine, {**PATIENT, "sex": "male"})
    page = post_opened(
        clinician_client, example_case, "patient", mine, {**PATIENT, "sex": "other"}
    ).content.decode()
    newer = keep_mine_version(page)
    post_opened(colleague_client, example_case, "patient", newer, {**PATIENT, "sex": "unknown"})
    response = post_opened(
        clinician_client, example_case, "patient", mine, {**PATIENT, "sex": "other"}, **{KEEP_MINE: newer}
    )
    assert response.status_code == 200
    example_case.refresh_from_db()
    assert example_case.facts["patient"]["sex"] == "unknown"
    assert len(conflicts(example_case)) == 2


def test_different_steps_never_conflict(clinician_client, colleague_client, example_case):
    patient = page_version(clinician_client, example_case, "patient")
    baselines = page_version(colleague_client, example_case, "baselines")
    post_opened(colleague_client, example_case, "baselines", baselines, {"pain_nrs_average": "6"})
    response = post_opened(clinician_client, example_case, "patient", patient, {**PATIENT, "name": "Dana W."})
    assert next_step_of(response) == "diagnosis"
    example_case.refresh_from_db()
    assert example_case.facts["baselines"] == {"pain_nrs_average": 6}
    assert example_case.facts["patient"]["name"] == "Dana W."
    assert conflicts(example_case) == []


def test_the_same_change_made_twice_just_saves(clinician_client, colleague_client, example_case):
    version = page_version(clinician_client, example_case, "patient")
    post_opened(colleague_client, example_case, "patient", version, {**PATIENT, "member_id": "4AA4AA4AA44"})
    response = post_opened(
        clinician_client, example_case, "patient", version, {**PATIENT, "member_id": "4AA4AA4AA44"}
    )
    assert next_step_of(response) == "diagnosis"
    assert conflicts(example_case) == []


def test_a_page_saved_without_changes_keeps_the_other_save(clinician_client, colleague_client, example_case):
    version = page_version(clinician_client, example_case, "patient")
    post_opened(colleague_client, example_case, "patient", version, {**PATIENT, "name": "Dana Other"})
    response = post_opened(clinician_client, example_case, "patient", version, PATIENT)
    assert next_step_of(response) == "diagnosis"
    example_case.refresh_from_db()
    assert example_case.facts["patient"]["name"] == "Dana Other"
    assert (
        "Partner Tester changed this step meanwhile"
        in clinician_client.get(response["Location"]).content.decode()
    )
    assert conflicts(example_case) == []


def test_back_with_a_conflicting_change_shows_the_conflict_instead_of_leaving(
    clinician_client, colleague_client, example_case
):
    version = page_version(clinician_client, example_case, "baselines")
    post_opened(colleague_client, example_case, "baselines", version, {"pain_nrs_average": "6"})
    response = post_opened(
        clinician_client, example_case, "baselines", version, {"pain_nrs_average": "9"}, goto="therapy"
    )
    assert response.status_code == 200
    assert "saved this step while you had it open" in response.content.decode()
    example_case.refresh_from_db()
    assert example_case.facts["baselines"] == {"pain_nrs_average": 6}


def test_invalid_input_on_a_stale_page_is_kept_and_conflicts_once_it_is_valid(
    clinician_client, colleague_client, example_case
):
    version = page_version(clinician_client, example_case, "baselines")
    post_opened(colleague_client, example_case, "baselines", version, {"pain_nrs_average": "6"})
    response = post_opened(
        clinician_client, example_case, "baselines", version, {"pain_nrs_average": "11"}, goto="psych"
    )
    assert next_step_of(response) == "psych"
    page = clinician_client.get(step_url(example_case, "baselines")).content.decode()
    assert "This step was saved again after you typed what is shown here." in page
    assert (
        f'name="{VERSION_KEY}" value="{version}"' in page
    )  # the draft keeps the version it was typed against
    response = post_opened(clinician_client, example_case, "baselines", version, {"pain_nrs_average": "9"})
    assert response.status_code == 200
    example_case.refresh_from_db()
    assert example_case.facts["baselines"] == {"pain_nrs_average": 6}


def test_mark_ready_refuses_a_case_changed_since_the_review_was_opened(
    clinician_client, colleague_client, example_case
):
    review = page_version(clinician_client, example_case, "review")
    assert review == version_of(example_case.facts)
    post_opened(
        colleague_client,
        example_case,
        "safety",
        page_version(colleague_client, example_case, "safety"),
        {"active_infection": "false"},
    )
    response = post_opened(clinician_client, example_case, "review", review)
    assert next_step_of(response) == "review"
    example_case.refresh_from_db()
    assert example_case.status == Case.Status.DRAFT
    page = clinician_client.get(response["Location"]).content.decode()
    assert "after you opened the review, so it was not marked ready" in page
    assert [e.detail for e in conflicts(example_case)] == [{"step": "review"}]

    response = post_opened(
        clinician_client, example_case, "review", page_version(clinician_client, example_case, "review")
    )
    example_case.refresh_from_db()
    assert example_case.status == Case.Status.READY


@contextmanager
def database_for_threads(tmp_path):
    """Let other threads' connections reach the test database the way the site's do; on SQLite, a file copy.

    Connections to an in-memory SQLite database share one cache, where a second writer fails at once
    instead of waiting its turn; the site runs on a file, so the threads work on a file copy of it.
    """
    connection = connections["default"]
    if connection.vendor != "sqlite" or not connection.is_in_memory_db():
        yield
        return
    path = tmp_path / "threads.sqlite3"
    connection.ensure_connection()
    with closing(sqlite3.connect(path)) as copy:
        connection.connection.backup(copy)
        # In WAL already, as the site's file is after its first connection: otherwise the threads' own
        # "PRAGMA journal_mode=WAL" race to convert the file and one may fail with "database is locked".
        copy.execute("PRAGMA journal_mode=WAL")
    in_memory = connections.settings["default"]
    connections.settings["default"] = {**in_memory, "NAME": str(path)}
    try:
        yield
    finally:
        connections.settings["default"] = in_memory
        with closing(sqlite3.connect(path)) as copy:
            copy.backup(connection.connection)


def post_at_once(case, users, fields_of_each, version):
    """Post the same step from each user in its own thread and DB connection, all released together."""
    barrier = threading.Barrier(len(users))
    responses = [None] * len(users)

    def run(i):
        client = signed_in(Client(), users[i])
        data = {**step_data("patient", fields_of_each[i]), VERSION_KEY: version}
        try:
            barrier.wait(timeout=10)
            responses[i] = client.post(step_url(case, "patient"), data)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(users))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return responses


@pytest.mark.django_db(transaction=True)
def test_two_saves_at_once_one_wins_and_the_other_sees_the_conflict(clinic, clinician, colleague, tmp_path):
    """Runs on the configured database: SQLite by default, PostgreSQL when DJANGO_DATABASE_URL names it."""
    case = make_case_from_example(clinic, clinician, "crps-scs-permanent-medicare")
    version = version_of(case.facts["patient"])
    names = ["Dana From Doc", "Dana From Partner"]
    with database_for_threads(tmp_path):
        responses = post_at_once(
            case, [clinician, colleague], [{**PATIENT, "name": n} for n in names], version
        )
    outcome = [(r.status_code, r.get("Location")) for r in responses]
    assert sorted(code for code, _ in outcome) == [200, 302], outcome
    winner = next(i for i, r in enumerate(responses) if r.status_code == 302)
    loser = responses[1 - winner].content.decode()
    assert names[winner] in loser and names[1 - winner] in loser
    case.refresh_from_db()
    assert case.facts["patient"]["name"] == names[winner]
    assert case.wizard_state["step_data"]["patient"]["patient-name"] == [names[1 - winner]]
    assert len(conflicts(case)) == 1


def test_the_same_clinician_in_two_windows_is_told_it_was_them(clinician, example_case):
    first, second = signed_in(Client(), clinician), signed_in(Client(), clinician)
    version = page_version(first, example_case, "patient")
    assert page_version(second, example_case, "patient") == version
    post_opened(second, example_case, "patient", version, {**PATIENT, "member_id": "5AA5AA5AA55"})
    response = post_opened(first, example_case, "patient", version, {**PATIENT, "member_id": "6AA6AA6AA66"})
    assert "You, in another window, saved this step while you had it open" in response.content.decode()
    example_case.refresh_from_db()
    assert example_case.facts["patient"]["member_id"] == "5AA5AA5AA55"
