"""`manage.py audit_trail` prints the filtered trail as JSON Lines or CSV, and records that it did."""

import csv
import io
import json
import uuid
from datetime import datetime

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from audit.models import Action, AuditEvent

CASE = uuid.uuid4()


def stored(when, clinic_id=1, **fields):
    """Store one event at a local time "YYYY-MM-DD HH:MM"."""
    at = timezone.make_aware(datetime.fromisoformat(when))
    return AuditEvent.objects.create(at=at, clinic_id=clinic_id, **{"action": Action.VIEW, **fields})


@pytest.fixture
def trail(db):
    """Four events: two clinics, two users, one case, three days."""
    return [
        stored("2026-03-01 08:00", username="doc", case_id=CASE, route="case_detail", address="10.0.0.1"),
        stored(
            "2026-03-02 09:00",
            username="doc",
            case_id=CASE,
            action=Action.CHANGE,
            detail={"step": "patient", "changes": [["patient.name", "Ann", "Anne"]]},
        ),
        stored("2026-03-02 10:00", username="desk", route="case_list", action=Action.LIST),
        stored("2026-03-03 11:00", clinic_id=2, username="spy", route="elsewhere"),
    ]


def run(*args) -> str:
    """Run the command; return what it printed."""
    out = io.StringIO()
    call_command("audit_trail", *args, stdout=out)
    return out.getvalue()


def json_rows(*args) -> list[dict]:
    """Run the command for JSON Lines; return the decoded lines."""
    return [json.loads(line) for line in run("--format", "json", *args).splitlines()]


def test_json_is_one_object_per_line_newest_first(trail):
    rows = json_rows()
    assert [row["user"] for row in rows] == ["spy", "desk", "doc", "doc"]
    change = rows[2]
    assert change["action"] == "change" and change["action_label"] == "Changed facts"
    assert change["detail"] == {"step": "patient", "changes": [["patient.name", "Ann", "Anne"]]}
    assert change["summary"] == "patient: patient.name: Ann → Anne"
    assert change["case"] == str(CASE) and change["clinic"] == 1
    assert change["time"] == "2026-03-02T09:00:00-05:00"


def test_csv_has_a_header_and_the_same_rows(trail):
    table = list(csv.reader(io.StringIO(run("--format", "csv"))))
    assert table[0] == [
        "time",
        "user",
        "action",
        "action_label",
        "clinic",
        "case",
        "address",
        "route",
        "summary",
        "detail",
    ]
    assert len(table) == 5
    first_view = dict(zip(table[0], table[-1], strict=True))
    assert first_view["address"] == "10.0.0.1" and first_view["route"] == "case_detail"
    assert json.loads(table[3][9])["step"] == "patient"


@pytest.mark.parametrize(
    ("args", "users"),
    [
        (["--case", str(CASE)], ["doc", "doc"]),
        (["--user", "desk"], ["desk"]),
        (["--clinic", "2"], ["spy"]),
        (["--since", "2026-03-02"], ["spy", "desk", "doc"]),
        (["--until", "2026-03-02"], ["desk", "doc", "doc"]),
        (["--since", "2026-03-02", "--until", "2026-03-02", "--user", "doc"], ["doc"]),
        (["--clinic", "1", "--since", "2026-03-03"], []),
    ],
)
def test_filters_narrow_the_trail(trail, args, users):
    assert [row["user"] for row in json_rows(*args)] == users


def test_the_export_is_recorded_with_its_filters(trail):
    run("--format", "csv", "--clinic", "1", "--user", "doc")
    [export] = AuditEvent.objects.filter(action=Action.AUDIT_EXPORT)
    assert export.clinic_id == 1 and export.route == "manage.py audit_trail"
    assert export.detail == {"format": "csv", "events": 2, "filters": {"user": "doc"}}


@pytest.mark.parametrize(
    "args",
    [
        ["--format", "xml"],
        ["--format", "json", "--since", "March"],
        ["--format", "json", "--case", "123"],
        ["--format", "json", "--since", "2026-03-03", "--until", "2026-03-01"],
        [],
    ],
)
def test_bad_arguments_are_refused(db, args):
    with pytest.raises(CommandError):
        run(*args)
    assert not AuditEvent.objects.exists()
