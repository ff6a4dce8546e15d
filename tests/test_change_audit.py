"""Every change to a case's facts is audited with before and after; status moves are audited too."""

import pytest

from audit.models import Action, AuditEvent
from tests.wizard_posts import post_step
from wizard.core.changes import diff, version_of
from wizard.models import Case

PATIENT = {"name": "Dana Whitfield", "born_on": "1960-04-18", "sex": "female", "member_id": "1EG4TE5MK73"}


def events(case, action):
    """Return the details of a case's audited events of one kind, oldest first."""
    return [e.detail for e in AuditEvent.objects.filter(case_id=case.pk, action=action).order_by("pk")]


@pytest.mark.parametrize(
    ("before", "after", "expected"),
    [
        ({"a": 1}, {"a": 1}, []),
        ({"a": 1}, {"a": 2}, [("a", 1, 2)]),
        ({"a": 1}, {}, [("a", 1, None)]),
        ({}, {"b": [1]}, [("b", None, [1])]),
        ({"p": {"name": "A", "sex": "f"}}, {"p": {"name": "B", "sex": "f"}}, [("p.name", "A", "B")]),
        ({"p": {"q": {"r": True}}}, {"p": {"q": {"r": False}}}, [("p.q.r", True, False)]),
        ({"a": 1}, {"a": 1.5}, [("a", 1, 1.5)]),
        ({"a": 1}, {"a": True}, [("a", 1, True)]),
        ({"a": {"b": 1}}, {"a": "text"}, [("a", {"b": 1}, "text")]),
        (
            {"t": {"rows": [{"drug": "A", "dose": "1"}, {"drug": "B"}]}},
            {"t": {"rows": [{"drug": "A", "dose": "2"}]}},
            [("t.rows[0].dose", "1", "2"), ("t.rows[1]", {"drug": "B"}, None)],
        ),
        (
            {"rows": [{"drug": "A"}]},
            {"rows": [{"drug": "A"}, {"drug": "B"}, {"drug": "C"}]},
            [("rows[1]", None, {"drug": "B"}), ("rows[2]", None, {"drug": "C"})],
        ),
        ({"rows": [{"drug": "A"}]}, {"rows": [{"drug": "A", "dose": "5"}]}, [("rows[0].dose", None, "5")]),
        ({"x": 1, "y": 2}, {"y": 3, "z": 4}, [("x", 1, None), ("y", 2, 3), ("z", None, 4)]),
    ],
)
def test_diff_lists_each_changed_path_with_its_old_and_new_value(before, after, expected):
    assert diff(before, after) == expected


def test_version_is_canonical_over_key_order_and_tells_values_apart():
    assert version_of({"a": 1, "b": [1, 2]}) == version_of({"b": [1, 2], "a": 1})
    assert version_of({"a": 1}) != version_of({"a": 2})
    assert version_of(None) != version_of({})
    assert len(version_of({"name": "Zoë"})) == 64


def test_a_changed_field_is_audited_with_its_old_and_new_value(clinician_client, example_case):
    post_step(clinician_client, example_case, "patient", {**PATIENT, "name": "Dana Whitley"})
    [change] = events(example_case, Action.CHANGE)
    assert change == {"step": "patient", "changes": [["patient.name", "Dana Whitfield", "Dana Whitley"]]}
    event = AuditEvent.objects.get(case_id=example_case.pk, action=Action.CHANGE)
    assert event.username == "doc" and event.clinic_id == example_case.clinic_id
    assert event.route == "case_step:patient"


def test_a_save_that_changes_nothing_records_no_change(clinician_client, example_case):
    post_step(clinician_client, example_case, "patient", PATIENT)
    assert events(example_case, Action.CHANGE) == []


def test_invalid_input_records_no_change(clinician_client, example_case):
    post_step(clinician_client, example_case, "baselines", {"pain_nrs_average": "11"})
    assert events(example_case, Action.CHANGE) == []


def test_rows_removed_and_added_are_audited_row_by_row(clinician_client, example_case):
    medications = example_case.facts["therapy"]["medications"]
    rows = {"medications": [{"drug": "Naproxen"}, {"drug": "Ketamine"}]}
    post_step(clinician_client, example_case, "therapy", rows=rows)
    [change] = events(example_case, Action.CHANGE)
    changes = {path: (before, after) for path, before, after in change["changes"]}
    assert changes["therapy.medications[0].dose"] == ("500 mg twice daily", None)
    assert changes["therapy.medications[1].drug"] == ("Prednisone taper", "Ketamine")
    assert changes["therapy.medications[5]"] == (medications[5], None)
    assert "therapy.medications[0].drug" not in changes

    rows["medications"].append({"drug": "Lidocaine patch"})
    post_step(clinician_client, example_case, "therapy", rows=rows)
    assert events(example_case, Action.CHANGE)[1] == {
        "step": "therapy",
        "changes": [["therapy.medications[2]", None, {"drug": "Lidocaine patch"}]],
    }


def test_mark_ready_and_a_later_change_are_audited_as_status_moves(clinician_client, example_case):
    post_step(clinician_client, example_case, "review")
    example_case.refresh_from_db()
    assert example_case.status == Case.Status.READY
    assert events(example_case, Action.STATUS) == [{"from": "draft", "to": "ready"}]

    post_step(clinician_client, example_case, "patient", {**PATIENT, "member_id": "9AA9AA9AA99"})
    example_case.refresh_from_db()
    assert example_case.status == Case.Status.DRAFT
    assert events(example_case, Action.STATUS)[1] == {"from": "ready", "to": "draft"}
    assert events(example_case, Action.CHANGE)[0]["changes"] == [
        ["patient.member_id", "1EG4TE5MK73", "9AA9AA9AA99"]
    ]


def test_a_ready_case_saved_unchanged_stays_ready_without_a_status_event(clinician_client, example_case):
    post_step(clinician_client, example_case, "review")
    post_step(clinician_client, example_case, "patient", PATIENT)
    example_case.refresh_from_db()
    assert example_case.status == Case.Status.READY
    assert len(events(example_case, Action.STATUS)) == 1
