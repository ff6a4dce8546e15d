"""The step page in a real Chromium: Enter saves and goes on, the error summary takes focus, autosave."""

import re

import pytest
from playwright.sync_api import Page, expect

from tests.conftest import make_case_from_example
from tests.test_browser import log_in

pytestmark = pytest.mark.browser
SAVED_AT = re.compile(r"Saved at \d\d:\d\d")


def step_path(case, step: str) -> str:
    return f"/cases/{case.id}/edit/{step}/"


def open_step(page: Page, base_url: str, case, step: str) -> None:
    page.goto(f"{base_url}{step_path(case, step)}")
    expect(page).to_have_url(f"{base_url}{step_path(case, step)}")


@pytest.fixture
def signed_in_page(server, page, clinician):
    log_in(page, server.url)
    yield page
    # No draft may reach the server while the test database is emptied: closing a tab would send one.
    for each in page.context.pages:
        each.evaluate("document.dispatchEvent(new CustomEvent('session:leaving'))")
        each.wait_for_load_state("networkidle")


def test_enter_in_a_text_field_saves_the_trial_step_and_goes_to_the_next(
    server, signed_in_page, example_case
):
    page = signed_in_page
    open_step(page, server.url, example_case, "trial")
    page.fill("#id_trial-pain_measurement", "Daily NRS diary, days 2-7 averaged")
    page.press("#id_trial-pain_measurement", "Enter")
    expect(page).to_have_url(f"{server.url}{step_path(example_case, 'decision')}")
    example_case.refresh_from_db()
    assert example_case.facts["trial"]["pain_measurement"] == "Daily NRS diary, days 2-7 averaged"


def test_enter_in_a_notes_box_is_a_new_line(server, signed_in_page, example_case):
    page = signed_in_page
    open_step(page, server.url, example_case, "baselines")
    notes = page.locator("#id_baselines-adl_notes")
    notes.fill("First line")
    notes.press("End")
    notes.press("Enter")
    notes.type("Second line")
    expect(page).to_have_url(f"{server.url}{step_path(example_case, 'baselines')}")
    expect(notes).to_have_value(re.compile(r"First line\r?\nSecond line$"))


def test_a_step_with_two_bad_fields_shows_a_focused_summary_whose_links_focus_the_fields(
    server, signed_in_page, example_case
):
    page = signed_in_page
    open_step(page, server.url, example_case, "baselines")
    page.fill("#id_baselines-pain_nrs_worst", "12")
    page.fill("#id_baselines-mme_per_day", "3000")
    page.get_by_role("button", name="Save and continue").click()

    summary = page.locator("#error-summary")
    expect(summary).to_be_focused()
    expect(summary.get_by_role("heading")).to_have_text("There is a problem")
    assert page.title().startswith("Error: ")
    links = summary.get_by_role("link")
    expect(links).to_have_count(2)
    expect(links.nth(0)).to_contain_text("must be a whole number from 0 to 10")
    for index, field in ((0, "#id_baselines-pain_nrs_worst"), (1, "#id_baselines-mme_per_day")):
        links.nth(index).click()
        expect(page.locator(field)).to_be_focused()
    expect(page.locator("#id_baselines-pain_nrs_worst")).to_have_value("12")


def test_typed_input_survives_a_reload_with_saved_at(server, signed_in_page, example_case):
    page = signed_in_page
    open_step(page, server.url, example_case, "baselines")
    status = page.locator("#autosave-status")
    page.locator("#id_baselines-adl_notes").fill("Cannot carry the shopping")
    expect(status).to_have_text("Unsaved changes")
    expect(status).to_have_text(SAVED_AT, timeout=6000)

    page.reload()
    expect(page.locator("#id_baselines-adl_notes")).to_have_value("Cannot carry the shopping")
    expect(status).to_have_text(SAVED_AT)
    note = page.locator("#draft-restored")
    expect(note).to_contain_text(
        re.compile(r"Restored what you typed at \d\d:\d\d \(not yet saved as the step\)"),
        use_inner_text=True,
    )
    example_case.refresh_from_db()
    assert "Cannot carry the shopping" not in str(example_case.facts)  # a draft, not the step's facts


def test_leaving_before_the_autosave_delay_still_keeps_the_draft(server, signed_in_page, example_case):
    page = signed_in_page
    open_step(page, server.url, example_case, "baselines")
    page.locator("#id_baselines-adl_notes").fill("Left at once")
    # The page still asks before leaving with unsaved changes; leaving sends the draft as a beacon.
    page.on("dialog", lambda dialog: dialog.accept())
    page.goto(f"{server.url}/cases/")
    open_step(page, server.url, example_case, "baselines")
    expect(page.locator("#id_baselines-adl_notes")).to_have_value("Left at once")


def test_two_cases_in_two_tabs_keep_their_own_drafts(server, signed_in_page, clinic, clinician, example_case):
    first = signed_in_page
    other_case = make_case_from_example(clinic, clinician, "crps-scs-permanent-medicare")
    second = first.context.new_page()
    open_step(first, server.url, example_case, "baselines")
    open_step(second, server.url, other_case, "baselines")

    first.locator("#id_baselines-adl_notes").fill("First case: cannot climb stairs")
    second.locator("#id_baselines-adl_notes").fill("Second case: cannot drive")
    for page in (first, second):
        expect(page.locator("#autosave-status")).to_have_text(SAVED_AT, timeout=6000)
        page.reload()
    expect(first.locator("#id_baselines-adl_notes")).to_have_value("First case: cannot climb stairs")
    expect(second.locator("#id_baselines-adl_notes")).to_have_value("Second case: cannot drive")
    # Each draft came from the tab it is shown in.
    expect(first.locator("#draft-restored .draft-other-tab")).to_be_hidden()

    third = open_page_in(first)
    open_step(third, server.url, example_case, "baselines")
    expect(third.locator("#id_baselines-adl_notes")).to_have_value("First case: cannot climb stairs")
    expect(third.locator("#draft-restored")).to_contain_text("in another tab or window", use_inner_text=True)


def open_page_in(page: Page) -> Page:
    """Open another tab of the same browser (same sign-in, its own session storage)."""
    return page.context.new_page()


def test_a_tab_opened_before_another_tab_saved_is_not_autosaved_over_it(server, signed_in_page, example_case):
    old = signed_in_page
    open_step(old, server.url, example_case, "baselines")
    new = old.context.new_page()
    open_step(new, server.url, example_case, "baselines")
    new.fill("#id_baselines-pain_nrs_worst", "5")
    new.get_by_role("button", name="Save and continue").click()
    expect(new).to_have_url(re.compile(r"/edit/psych/$"))

    old.locator("#id_baselines-adl_notes").fill("Typed in the older tab")
    expect(old.locator("#autosave-status")).to_contain_text("saved in another tab or window", timeout=6000)
    example_case.refresh_from_db()
    assert "Typed in the older tab" not in str(example_case.wizard_state)
    assert example_case.facts["baselines"]["pain_nrs_worst"] == 5
