"""A keyboard-only clinician fills a whole step, rows included, and phone and 200 % zoom layouts fit."""

import re
from datetime import date

import pytest
from django.conf import settings
from django.test import Client
from playwright.sync_api import Browser, Page, expect

from tests.browser_support import ARTIFACTS, TIMEOUT_MS
from tests.conftest import make_case_from_example

PATIENT = "Dana Whitfield"  # the model case crps-scs-permanent-medicare
INR_ON = date(2026, 10, 5)
# What the keyboard puts in each control of the safety step, by control name. The saved aspirin row is
# removed and a clopidogrel row added in its place (index 1: the removed row keeps index 0).
SAFETY_INPUT = {
    "safety-active_infection": "false",
    "safety-immunocompromised": "false",
    "safety-bleeding_disorder": "false",
    "safety-inr": "1.1",
    "safety-inr_on": INR_ON.isoformat(),
    "safety-platelets": "230",
    "safety-platelets_on": INR_ON.isoformat(),
    "safety-ptt_seconds": "31",
    "safety-ptt_upper_normal_seconds": "35",
    "safety-ptt_on": INR_ON.isoformat(),
    "safety-creatinine_clearance_ml_min": "90",
    "safety-creatinine_clearance_on": INR_ON.isoformat(),
    "safety-antithrombotics-1-drug": "clopidogrel",
    "safety-antithrombotics-1-planned_hold": "7",
    "safety-antithrombotics-1-hold_unit": "days",
    "safety-antithrombotics-1-prescriber": "Dr. Cardio",
    "safety-antithrombotics-1-prescriber_agreed": "true",
    "safety-cardiac_device": "false",
    "safety-pregnant": "false",
    "safety-future_mri_needed": "true",
    "safety-anatomical_constraints": "None on imaging",
    "safety-nicotine_use": "never",
}
FOCUSED = """() => {
  const e = document.activeElement;
  return {id: e.id, tag: e.tagName, type: e.type || "", name: e.name || "", value: e.value || "",
          checked: !!e.checked, text: (e.textContent || "").trim(), index: e.selectedIndex ?? -1,
          inActions: !!e.closest(".step-actions")};
}"""
OPTION_INDEX = "([name, value]) => [...document.querySelector(`select[name='${name}']`).options].findIndex((o) => o.value === value)"


def signed_in_page(browser: Browser, base_url: str, user, **context) -> Page:
    """Open a page with a session that has passed both factors."""
    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    new = browser.new_context(**{"viewport": {"width": 1400, "height": 1000}, **context})
    new.set_default_timeout(TIMEOUT_MS)
    new.add_cookies([{"name": cookie.key, "value": cookie.value, "url": base_url}])
    return new.new_page()


def focused(page: Page) -> dict:
    """Return what has the keyboard focus."""
    return page.evaluate(FOCUSED)


def tab_to(page: Page, selector: str, limit: int = 400) -> None:
    """Press Tab until the focused element matches the selector."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("(s) => document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"Tab never reached {selector}")


def choose_by_arrows(page: Page, name: str, value: str) -> None:
    """Move through a select's options or a radio group with the arrow keys until `value` is chosen."""
    for _ in range(40):
        now = focused(page)
        if now["type"] == "radio":
            if now["checked"] and now["value"] == value:
                return
            page.keyboard.press("ArrowRight")
            continue
        wanted = page.evaluate(OPTION_INDEX, [name, value])
        if now["index"] == wanted:
            return
        page.keyboard.press("ArrowDown" if now["index"] < wanted else "ArrowUp")
    raise AssertionError(f"could not choose {value} in {name}")


def type_value(page: Page, control: dict, value: str) -> None:
    """Replace a text, number or date control's value by typing."""
    if control["type"] == "date":
        day = date.fromisoformat(value)
        page.keyboard.type(f"{day:%m%d%Y}")
    else:
        page.keyboard.press("Control+A")
        page.keyboard.type(value)


def remove_saved_row_and_add_one(page: Page) -> None:
    """On the saved row's Remove button: remove it, then add a row, checking where focus goes."""
    page.keyboard.press("Enter")
    assert focused(page)["text"] == "Add a row"  # the only row is gone: focus on Add
    expect(page.locator(".formset-row").first.locator(".row-removed")).to_contain_text("removed")
    page.keyboard.press("Space")
    assert focused(page)["name"] == "safety-antithrombotics-1-drug"  # into the new row's first field


def fill_safety_by_keyboard(page: Page) -> None:
    """Tab through the whole safety step, filling every control, until the save button."""
    done = set()
    for _ in range(300):
        now = focused(page)
        if now["inActions"] and now["text"].startswith("Save"):
            break
        if now["tag"] == "BUTTON" and now["text"].startswith("Remove") and "removed" not in done:
            done.add("removed")
            remove_saved_row_and_add_one(page)
            continue
        name = now["name"]
        if name in SAFETY_INPUT and name not in done:
            done.add(name)
            if now["tag"] == "SELECT" or now["type"] == "radio":
                choose_by_arrows(page, name, SAFETY_INPUT[name])
            else:
                type_value(page, now, SAFETY_INPUT[name])
        page.keyboard.press("Tab")
    assert done == {*SAFETY_INPUT, "removed"}, f"never reached: {set(SAFETY_INPUT) - done}"
    for name, value in SAFETY_INPUT.items():
        control = page.locator(f"[name='{name}']")
        if control.first.get_attribute("type") == "radio":
            expect(page.locator(f"[name='{name}'][value='{value}']")).to_be_checked()
        else:
            expect(control).to_have_value(value)


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_a_keyboard_user_opens_a_case_fills_a_step_with_rows_and_reaches_the_review(
    server, browser, clinic, clinician
):
    case = make_case_from_example(clinic, clinician, "crps-scs-permanent-medicare")
    page = signed_in_page(browser, server.url, clinician)
    page.goto(f"{server.url}/cases/")

    tab_to(page, f"a[href='/cases/{case.id}/']")
    page.keyboard.press("Enter")
    expect(page).to_have_url(f"{server.url}/cases/{case.id}/")
    tab_to(page, f"a[href='/cases/{case.id}/edit/review/']")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/edit/review/$"))
    expect(page.locator("#summary-safety")).to_contain_text("Aspirin")
    tab_to(page, "#summary-safety a")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/edit/safety/\?return=review$"))
    saved_row = page.locator(".formset-row").first
    expect(saved_row.locator("summary")).to_contain_text("Aspirin — primary prophylaxis")
    expect(saved_row.locator("#id_safety-antithrombotics-0-prescriber")).to_be_hidden()  # folded

    page.keyboard.press("Tab")
    fill_safety_by_keyboard(page)
    page.keyboard.press("Enter")

    expect(page).to_have_url(re.compile(r"/edit/review/$"))
    summary = page.locator("#summary-safety")
    expect(summary).to_contain_text("Clopidogrel")
    expect(summary).to_contain_text("Dr. Cardio")
    expect(summary).to_contain_text("None on imaging")
    expect(summary).not_to_contain_text("Aspirin")
    page.context.close()


def layout(page: Page) -> dict:
    """Return where the step list, the last visible input and the computed-values panel sit."""
    return page.evaluate(
        """() => {
      const top = (e) => e.getBoundingClientRect().top + window.scrollY;
      const shown = (e) => e.getClientRects().length > 0;
      const inputs = [...document.querySelectorAll(
        ".step-main input:not([type=hidden]), .step-main select, .step-main textarea")].filter(shown);
      const last = inputs[inputs.length - 1];
      const steps = document.querySelector(".step-details");
      return {
        stepsOpen: steps.open,
        stepsTop: top(steps),
        stepsHeight: steps.getBoundingClientRect().height,
        formTop: top(document.querySelector(".step-main .step-group")),
        lastInputBottom: last.getBoundingClientRect().bottom + window.scrollY,
        derivedTop: top(document.querySelector(".step-derived")),
        actionsTop: top(document.querySelector(".step-actions")),
        screen: window.innerHeight,
      };
    }"""
    )


SCREENS = {
    "phone": {"viewport": {"width": 390, "height": 844}, "device_scale_factor": 3, "is_mobile": True},
    # 200 % zoom of a 1280 x 800 window: half as many CSS pixels, each drawn twice as large.
    "zoom-200": {"viewport": {"width": 640, "height": 400}, "device_scale_factor": 2},
}


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("screen", SCREENS)
@pytest.mark.parametrize("step", ["therapy", "baselines"])
def test_small_screens_fold_the_step_list_and_show_computed_values_after_the_inputs(
    server, browser, clinic, clinician, screen, step
):
    case = make_case_from_example(clinic, clinician, "crps-scs-permanent-medicare")
    page = signed_in_page(browser, server.url, clinician, **SCREENS[screen])
    page.goto(f"{server.url}/cases/{case.id}/edit/{step}/")
    expect(page.locator(".step-details-summary")).to_have_text(re.compile(r"Steps \(\d+ of 10\)"))
    expect(page.locator("nav.step-nav button[value='review']")).to_be_hidden()

    where = layout(page)
    assert not where["stepsOpen"]
    assert where["stepsTop"] < where["formTop"]
    assert where["stepsHeight"] < 60  # one line, not the first screen
    assert where["lastInputBottom"] <= where["derivedTop"] < where["lastInputBottom"] + where["screen"]
    assert where["derivedTop"] < where["actionsTop"]
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=ARTIFACTS / f"layout-{step}-{screen}-first-screen.png")
    page.locator(".step-derived").scroll_into_view_if_needed()
    page.screenshot(path=ARTIFACTS / f"layout-{step}-{screen}-computed.png")

    page.locator(".step-details-summary").focus()
    page.keyboard.press("Enter")
    expect(page.locator("nav.step-nav button[value='review']")).to_be_visible()
    page.context.close()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_a_wide_screen_keeps_the_step_list_open_beside_the_form(server, browser, clinic, clinician):
    case = make_case_from_example(clinic, clinician, "crps-scs-permanent-medicare")
    page = signed_in_page(browser, server.url, clinician)
    page.goto(f"{server.url}/cases/{case.id}/edit/therapy/")
    expect(page.locator("nav.step-nav button[value='review']")).to_be_visible()
    expect(page.locator(".step-details-summary")).to_be_hidden()
    expect(page.locator(".step-progress")).to_have_text(re.compile(r"^Step 4 of 10 · \d+ done$"))
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=ARTIFACTS / "layout-therapy-wide.png")
    page.context.close()


OUTLINE = """() => {
  const style = getComputedStyle(document.activeElement);
  return {width: parseFloat(style.outlineWidth), style: style.outlineStyle, color: style.outlineColor};
}"""


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_skip_link_comes_first_and_focus_is_visible_on_the_step_list(server, browser, clinic, clinician):
    case = make_case_from_example(clinic, clinician, "crps-scs-permanent-medicare")
    page = signed_in_page(browser, server.url, clinician)
    page.goto(f"{server.url}/cases/{case.id}/edit/safety/")

    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to main content")
    expect(skip).to_be_focused()
    expect(skip).to_be_in_viewport()
    page.keyboard.press("Enter")
    expect(page.locator("main#main")).to_be_focused()

    tab_to(page, "nav.step-nav button[value='request']")
    outline = page.evaluate(OUTLINE)
    # app.css draws a 3 px outline in #084298: 9.6:1 on white, 7:1 on the active step's tint.
    assert outline == {"width": 3.0, "style": "solid", "color": "rgb(8, 66, 152)"}
    page.keyboard.press("Tab")
    assert page.evaluate(OUTLINE)["width"] >= 2
    page.context.close()
