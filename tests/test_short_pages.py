"""Saved repeating rows fold into one-line summaries with a named Remove button; the step shows progress."""

from datetime import date

import pytest

from tests.conftest import make_case_from_example
from wizard.forms.safety import AntithromboticForm
from wizard.forms.therapy import MedicationForm, PtCourseForm
from wizard.templatetags.short_pages import row_view, step_progress

GABAPENTIN = {
    "drug": "Gabapentin",
    "drug_class": "gabapentinoid",
    "dose": "900 mg three times daily",
    "started_on": date(2023, 10, 2),
    "stopped_on": date(2024, 6, 14),
}


def test_a_saved_medication_row_reads_as_one_line_and_starts_folded():
    view = row_view(MedicationForm(initial=GABAPENTIN, prefix="therapy-medications-0"), 1)
    assert view == {
        "summary": "Gabapentin · Gabapentinoid · 900 mg three times daily · Oct 2, 2023 – Jun 14, 2024",
        "name": "Gabapentin row",
        "open": False,
    }


def test_a_medication_still_taken_reads_since_its_start():
    row = MedicationForm(initial={**GABAPENTIN, "stopped_on": None}, prefix="m-0")
    assert row_view(row, 1)["summary"].endswith("· since Oct 2, 2023")


def test_a_row_whose_first_line_holds_dates_puts_the_range_in_its_place_and_numbers_with_their_label():
    row = PtCourseForm(
        initial={"setting": "in_person", "started_on": date(2024, 4, 1), "visits": 24}, prefix="pt-0"
    )
    assert row_view(row, 1)["summary"] == "In person · since Apr 1, 2024 · Visits 24"


def test_a_blank_row_starts_open_and_is_named_by_its_number():
    view = row_view(MedicationForm(prefix="therapy-medications-1"), 2)
    assert view["open"] is True
    assert view["name"] == "row 2"
    assert view["summary"] == "New row: not filled in yet"


def test_a_posted_row_with_an_error_starts_open_and_keeps_what_was_typed():
    data = {"s-0-drug": "clopidogrel", "s-0-planned_hold": "7"}
    row = AntithromboticForm(data=data, prefix="s-0", empty_permitted=True, use_required_attribute=False)
    view = row_view(row, 1)
    assert row.errors["hold_unit"]
    assert view["open"] is True
    assert view["summary"].startswith("Clopidogrel · Planned hold 7")


def test_progress_counts_the_current_step_and_the_saved_ones():
    nav = [("request", "Request", True, False), ("patient", "Patient", True, False)]
    nav += [("therapy", "Therapy", False, True), ("review", "Review", False, False)]
    assert step_progress(nav, "therapy") == {"number": 3, "total": 4, "done": 2}


@pytest.mark.django_db
def test_the_therapy_step_folds_saved_rows_and_keeps_the_checkbox_for_pages_without_script(
    clinician_client, clinic, clinician
):
    case = make_case_from_example(clinic, clinician, "crps-scs-permanent-medicare")
    html = clinician_client.get(f"/cases/{case.id}/edit/therapy/").content.decode()
    assert html.count('<details class="row-details">') >= 6  # saved rows: folded
    assert 'Remove<span class="visually-hidden"> Naproxen row</span>' in html
    assert 'name="therapy-medications-0-DELETE"' in html
    assert "Step 4 of 10 · 9 done" in html
    assert '<details class="step-details" open><summary class="step-details-summary">Steps (4 of 10)' in html
