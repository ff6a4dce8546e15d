"""Every page type passes axe-core's WCAG 2.1 A and AA rules in a real Chromium, with 0 violations."""

import re
import uuid
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client
from playwright.sync_api import Browser, Page, expect

from tests.browser_support import ARTIFACTS, TIMEOUT_MS
from tests.conftest import EXAMPLE_NAMES, make_case_from_example
from tests.test_letters import issue, ready_case
from wizard.views.wizard import case_steps

AXE = Path(__file__).resolve().parent.parent / ".test-tools" / "node_modules" / "axe-core" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
RUN_AXE = """async (tags) => {
  const result = await axe.run(document, {runOnly: {type: "tag", values: tags}});
  return result.violations.map((v) => ({
    id: v.id,
    help: v.help,
    nodes: v.nodes.map((n) => n.target.join(" ") + " :: " + (n.failureSummary || "").split("\\n").join(" ")),
  }));
}"""

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        not AXE.exists(), reason="axe-core is not installed: bin/test installs it in .test-tools"
    ),
]


def axe_page(browser: Browser, width: int = 1400, height: int = 1000) -> Page:
    """Open a page whose context may inject axe-core (CSP bypassed in tests only), not signed in."""
    context = browser.new_context(viewport={"width": width, "height": height}, bypass_csp=True)
    context.set_default_timeout(TIMEOUT_MS)
    return context.new_page()


def sign_in(page: Page, base_url: str, user) -> None:
    """Give the browser a session that has passed both factors, as the test client makes one."""
    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    page.context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": base_url}])


def violations(page: Page) -> list[dict]:
    """Run axe-core on the page as it is shown; return its WCAG 2.1 A/AA violations."""
    page.add_script_tag(content=AXE.read_text())
    return page.evaluate(RUN_AXE, WCAG_TAGS)


def report(found: list[dict]) -> str:
    """Return the violations as lines a person can act on."""
    lines = []
    for violation in found:
        lines.append(f"{violation['id']} ({len(violation['nodes'])}): {violation['help']}")
        lines.extend(f"    {node}" for node in violation["nodes"][:8])
    return "\n".join(lines)


def check_page(page: Page, url: str) -> None:
    """Open the URL and assert axe-core finds nothing."""
    page.goto(url)
    page.wait_for_load_state("networkidle")
    found = violations(page)
    nodes = sum(len(v["nodes"]) for v in found)
    assert not found, f"{url}: {len(found)} rules, {nodes} nodes\n{report(found)}"


# One example case per step, so that every step of every request type is checked once.
def example_for_each_step(clinic, clinician) -> dict[str, object]:
    cases = {}
    for name in EXAMPLE_NAMES:
        case = make_case_from_example(clinic, clinician, name)
        for step in case_steps(case):
            cases.setdefault(step, case)
    return cases


def test_the_sign_in_page_has_no_violations(server, browser):
    page = axe_page(browser)
    check_page(page, f"{server.url}/accounts/login/")


def test_the_second_factor_page_has_no_violations(server, browser, clinician):
    page = axe_page(browser)
    page.goto(f"{server.url}/accounts/login/")
    page.fill("#id_username", clinician.username)
    page.fill("#id_password", "correct-horse-battery-staple")
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/second-factor/**")
    found = violations(page)
    assert not found, report(found)


def test_every_wizard_step_has_no_violations(server, browser, clinic, clinician):
    """Each step of each request type, the review included, as a saved case shows it."""
    page = axe_page(browser)
    sign_in(page, server.url, clinician)
    cases = example_for_each_step(clinic, clinician)
    assert {"request", "therapy", "blocks", "device", "trial", "review"} <= set(cases)
    failures = []
    for step, case in cases.items():
        page.goto(f"{server.url}/cases/{case.id}/edit/{step}/")
        page.wait_for_load_state("networkidle")
        assert page.url.endswith(f"/edit/{step}/")
        found = violations(page)
        if found:
            failures.append(f"== {step}\n{report(found)}")
    assert not failures, "\n".join(failures)


def test_a_new_empty_case_step_has_no_violations(server, browser, clinician):
    page = axe_page(browser)
    sign_in(page, server.url, clinician)
    page.goto(f"{server.url}/cases/")
    page.get_by_role("button", name="New case").click()
    page.wait_for_url("**/edit/request/")
    found = violations(page)
    assert not found, report(found)


def test_a_step_showing_errors_has_no_violations(server, browser, clinic, clinician):
    """Errors beside the fields and in rows keep the page accessible."""
    page = axe_page(browser)
    sign_in(page, server.url, clinician)
    case = make_case_from_example(clinic, clinician, "crps-scs-permanent-medicare")
    page.goto(f"{server.url}/cases/{case.id}/edit/therapy/")
    page.locator(".formset[data-prefix='therapy-medications'] .row-summary").first.click()
    page.fill("#id_therapy-medications-0-started_on", "2999-01-01")
    page.get_by_role("button", name="Save and return to review").or_(
        page.get_by_role("button", name="Save and continue")
    ).first.click()
    page.wait_for_load_state("networkidle")
    expect(page.locator("#id_therapy-medications-0-started_on")).to_be_visible()  # its row opens
    expect(page.locator("#id_therapy-medications-0-started_on")).to_have_class(re.compile(r"\bis-invalid\b"))
    found = violations(page)
    assert not found, report(found)


CLINICIAN_PAGES = [
    "/cases/",
    "/codes/",
    "/dashboard/",
    "/letters/verify/",
    "/accounts/security/",
    "/cases/import/",
]


@pytest.mark.parametrize("path", CLINICIAN_PAGES)
def test_clinician_pages_have_no_violations(server, browser, clinic, clinician, path):
    make_case_from_example(clinic, clinician, "crps-scs-permanent-medicare")
    page = axe_page(browser)
    sign_in(page, server.url, clinician)
    check_page(page, f"{server.url}{path}")


@pytest.mark.parametrize("what", ["draft", "issued", "enclosures", "appeal", "signature"])
def test_case_pages_have_no_violations(server, browser, clinic, clinician, what):
    """The case page (draft and issued), its enclosures, its appeal page and the clinician's signature."""
    if what == "draft":
        case = make_case_from_example(clinic, clinician, "crps-scs-permanent-medicare")
    else:
        case = ready_case(clinic, clinician)
        doctor = Client()
        doctor.force_login(clinician)
        assert issue(doctor, case).status_code == 302
    paths = {
        "draft": f"/cases/{case.id}/",
        "issued": f"/cases/{case.id}/",
        "enclosures": f"/cases/{case.id}/enclosures/",
        "appeal": f"/cases/{case.id}/appeal/",
        "signature": f"/clinic/users/{clinician.pk}/signature/",
    }
    page = axe_page(browser)
    sign_in(page, server.url, clinician)
    check_page(page, f"{server.url}{paths[what]}")


@pytest.mark.parametrize(
    "path", ["/clinic/users/", "/clinic/audit/", "/clinic/users/invite/", "/cases/archived/"]
)
def test_manager_pages_have_no_violations(server, browser, clinic, clinician, manager, path):
    make_case_from_example(clinic, clinician, "crps-scs-permanent-medicare")
    page = axe_page(browser)
    sign_in(page, server.url, manager)
    check_page(page, f"{server.url}{path}")


def test_the_not_found_page_has_no_violations(server, browser, clinician):
    page = axe_page(browser)
    sign_in(page, server.url, clinician)
    response = page.goto(f"{server.url}/cases/{uuid.uuid4()}/")
    assert response.status == 404
    found = violations(page)
    assert not found, report(found)


def test_rows_removed_and_added_keep_the_step_accessible(server, browser, clinic, clinician):
    """A removed row (with its Undo) and an added empty row pass too."""
    page = axe_page(browser)
    sign_in(page, server.url, clinician)
    case = make_case_from_example(clinic, clinician, "crps-scs-permanent-medicare")
    page.goto(f"{server.url}/cases/{case.id}/edit/therapy/")
    medications = page.locator(".formset[data-prefix='therapy-medications']")
    medications.get_by_role("button", name="Remove Naproxen row").click()
    expect(medications.get_by_role("button", name="Undo removing Naproxen row")).to_be_visible()
    medications.get_by_role("button", name="Add a row").click()
    expect(medications.locator(".formset-row").last.locator("select, input").first).to_be_focused()
    ARTIFACTS.mkdir(exist_ok=True)
    medications.screenshot(path=ARTIFACTS / "rows-removed-and-added.png")
    found = violations(page)
    assert not found, report(found)


@pytest.mark.parametrize("step", ["therapy", "review"])
def test_a_step_on_a_phone_has_no_violations(server, browser, clinic, clinician, step):
    """The folded step list and the computed values between the fields and the buttons pass too."""
    page = axe_page(browser, width=390, height=844)
    sign_in(page, server.url, clinician)
    case = make_case_from_example(clinic, clinician, "crps-scs-permanent-medicare")
    check_page(page, f"{server.url}/cases/{case.id}/edit/{step}/")
