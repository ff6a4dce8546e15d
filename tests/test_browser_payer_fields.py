"""In a real Chromium: changing the payer on the request step changes the payer markers on later steps."""

from playwright.sync_api import expect

from tests.browser_support import ARTIFACTS
from tests.conftest import make_case_from_example
from tests.test_browser import go_to_step, log_in, save_and_continue


def test_changing_the_payer_changes_the_markers_on_a_later_step(server, page, clinic, clinician):
    case = make_case_from_example(clinic, clinician, "crps-scs-permanent-medicare")
    log_in(page, server.url)
    page.goto(f"{server.url}/cases/{case.id}/edit/psych/")
    conclusion_mark = page.locator("#id_psych-conclusion_payer")
    expect(conclusion_mark).to_have_text("Required by Medicare NCD 160.7")
    expect(page.locator("#id_psych-drug_screen_reviewed_payer")).to_have_count(0)
    expect(page.locator(".payer-legend")).to_be_visible()

    go_to_step(page, "request")
    page.select_option("#id_request-payer", "aetna")
    expect(page.locator("#id_request-mac_jurisdiction")).to_be_hidden()
    save_and_continue(page, "patient")

    go_to_step(page, "psych")
    expect(conclusion_mark).to_have_text("Required by Aetna CPB 0194")
    expect(page.locator("#id_psych-drug_screen_reviewed_payer")).to_have_text(
        "Required by Aetna CPB 0194 (verify with payer)"
    )
    expect(page.locator("#payer-step-status")).to_contain_text("on this step")
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=ARTIFACTS / "payer-markers-aetna.png", full_page=True)
