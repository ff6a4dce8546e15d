"""Automatic logoff: idle and absolute limits on the server, the browser's endpoints, and nothing typed lost."""

from urllib.parse import parse_qs, urlsplit

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from audit.models import Action, AuditEvent
from tests.conftest import PASSWORD, app_device_of, password_only_login, totp_code
from tests.wizard_posts import step_data, step_url
from wizard import session_limits
from wizard.session_limits import describe_seconds

MINUTE = 60
LOGIN = reverse("login")
STATUS = reverse("session_status")
KEEPALIVE = reverse("session_keepalive")
TYPED = {"pain_nrs_average": "11", "adl_notes": "Cannot walk to the mailbox"}
IDLE_MESSAGE = "You were signed out after 15 minutes without activity. Nothing you typed was lost."


class Clock:
    """A clock the test moves by hand."""

    def __init__(self):
        self.seconds = 1_800_000_000.0

    def advance(self, minutes=0, seconds=0):
        self.seconds += minutes * MINUTE + seconds


@pytest.fixture
def clock(monkeypatch):
    clock = Clock()
    monkeypatch.setattr(session_limits, "now", lambda: clock.seconds)
    return clock


def login_redirect_next(response) -> str | None:
    """Return the `next` of a redirect to the login page (None if it is no such redirect)."""
    if response.status_code != 302:
        return None
    location = urlsplit(response["Location"])
    if location.path != LOGIN:
        return None
    return parse_qs(location.query).get("next", [""])[0]


def sign_in_again(client, user, next_url) -> str:
    """Sign in through the login form and the second factor; return where the browser is sent."""
    password = client.post(LOGIN, {"username": user.username, "password": PASSWORD, "next": next_url})
    assert password.status_code == 302
    verify = client.get(password["Location"])
    assert urlsplit(verify["Location"]).path == reverse("mfa_verify")
    code = client.post(verify["Location"], {"code": totp_code(app_device_of(user))})
    return code["Location"]


def expiries():
    return list(AuditEvent.objects.filter(action=Action.SESSION_EXPIRED))


def draft_of(case, step):
    """Return the step's kept raw input ({} if none) and whether the step is marked unsaved."""
    case.refresh_from_db()
    state = case.wizard_state or {}
    return state.get("step_data", {}).get(step, {}), step in state.get("extra_data", {}).get("unsaved", [])


def draft_url(case, step):
    return reverse("case_step_draft", kwargs={"case_id": case.id, "step": step})


def test_defaults_are_15_minutes_idle_12_hours_absolute_and_a_2_minute_warning():
    assert settings.SESSION_IDLE_SECONDS == 15 * MINUTE
    assert settings.SESSION_ABSOLUTE_SECONDS == 12 * 60 * MINUTE
    assert settings.SESSION_IDLE_WARNING_SECONDS == 120
    assert settings.SESSION_COOKIE_AGE == settings.SESSION_ABSOLUTE_SECONDS
    assert settings.SESSION_EXPIRE_AT_BROWSER_CLOSE is True


def test_idle_session_is_ended_audited_and_sent_to_login_with_next(
    clock, clinician_client, clinician, example_case
):
    case_page = reverse("case_detail", kwargs={"case_id": example_case.id})
    assert clinician_client.get(case_page).status_code == 200
    clock.advance(minutes=15, seconds=1)

    response = clinician_client.get(case_page + "?tab=letters")

    assert login_redirect_next(response) == case_page + "?tab=letters"
    [event] = expiries()
    assert event.user == clinician
    assert event.detail == {"reason": "idle"}
    login_page = clinician_client.get(response["Location"])
    assert IDLE_MESSAGE in login_page.content.decode()
    assert login_redirect_next(clinician_client.get(case_page)) == case_page  # signed out for good


def test_just_under_the_idle_limit_the_session_stays(clock, clinician_client):
    clinician_client.get(reverse("case_list"))
    clock.advance(minutes=14, seconds=59)
    assert clinician_client.get(reverse("case_list")).status_code == 200
    assert expiries() == []


def test_each_request_restarts_the_idle_clock(clock, clinician_client):
    for _ in range(4):
        assert clinician_client.get(reverse("case_list")).status_code == 200
        clock.advance(minutes=14)
    clock.advance(minutes=1, seconds=1)
    assert login_redirect_next(clinician_client.get(reverse("case_list"))) == reverse("case_list")


def test_typing_in_the_live_panel_counts_as_activity(clock, clinician_client, example_case):
    derived = reverse("case_derived", kwargs={"case_id": example_case.id, "step": "baselines"})
    clinician_client.get(step_url(example_case, "baselines"))
    clock.advance(minutes=14)
    assert clinician_client.post(derived, step_data("baselines", {"odi_pain": "3"})).status_code == 200
    clock.advance(minutes=14)
    assert clinician_client.get(step_url(example_case, "baselines")).status_code == 200


def test_absolute_limit_ends_an_active_session(clock, settings, clinician_client, clinician):
    settings.SESSION_ABSOLUTE_SECONDS = 60 * MINUTE
    for _ in range(4):
        assert clinician_client.get(reverse("case_list")).status_code == 200
        clock.advance(minutes=14)
    assert clinician_client.get(reverse("case_list")).status_code == 200
    clock.advance(minutes=4)  # 60 minutes after sign-in, 4 after the last request
    response = clinician_client.get(reverse("case_list"))
    assert login_redirect_next(response) == reverse("case_list")
    [event] = expiries()
    assert event.detail == {"reason": "absolute"}
    message = "You were signed out because a sign-in lasts at most 1 hour. Nothing you typed was lost."
    assert message in clinician_client.get(response["Location"]).content.decode()


def test_signing_in_starts_both_clocks(clock, client, clinician):
    client.get(LOGIN)
    clock.advance(minutes=20)  # time spent on the login page does not count
    response = client.post(LOGIN, {"username": clinician.username, "password": PASSWORD})
    assert response.status_code == 302
    clock.advance(minutes=14)
    assert client.get(STATUS).json()["remaining_seconds"] == 60


def test_session_cookie_ends_with_the_browser(client, clinician):
    response = client.post(LOGIN, {"username": clinician.username, "password": PASSWORD})
    cookie = response.cookies[settings.SESSION_COOKIE_NAME]
    assert cookie.value
    assert cookie["max-age"] == ""
    assert cookie["expires"] == ""


def test_status_reports_time_left_without_extending(clock, clinician_client):
    clinician_client.get(reverse("case_list"))
    clock.advance(minutes=10)
    status = clinician_client.get(STATUS).json()
    assert status == {
        "signed_in": True,
        "remaining_seconds": 5 * MINUTE,
        "warning_seconds": 120,
        "idle_seconds": 15 * MINUTE,
        "extendable": True,
    }
    clock.advance(minutes=5, seconds=1)
    assert login_redirect_next(clinician_client.get(reverse("case_list"))) == reverse("case_list")


def test_status_after_the_limit_says_zero_and_leaves_the_ending_to_the_next_request(clock, clinician_client):
    clinician_client.get(reverse("case_list"))
    clock.advance(minutes=16)
    assert clinician_client.get(STATUS).json()["remaining_seconds"] == 0
    assert expiries() == []
    assert login_redirect_next(clinician_client.get(reverse("case_list"))) == reverse("case_list")
    assert len(expiries()) == 1


def test_status_near_the_absolute_limit_cannot_be_extended(clock, settings, clinician_client):
    settings.SESSION_ABSOLUTE_SECONDS = 20 * MINUTE
    clinician_client.get(reverse("case_list"))
    clock.advance(minutes=10)
    clinician_client.get(reverse("case_list"))
    status = clinician_client.get(STATUS).json()
    assert status["remaining_seconds"] == 10 * MINUTE
    assert status["extendable"] is False


def test_status_for_a_signed_out_browser(client, db):
    response = client.get(STATUS)
    assert response.status_code == 200
    assert response.json() == {"signed_in": False}


def test_keep_alive_extends_the_session(clock, clinician_client):
    clinician_client.get(reverse("case_list"))
    clock.advance(minutes=14)
    response = clinician_client.post(KEEPALIVE)
    assert response.json()["remaining_seconds"] == 15 * MINUTE
    clock.advance(minutes=14)
    assert clinician_client.get(reverse("case_list")).status_code == 200


def test_keep_alive_after_the_limit_does_not_revive_the_session(clock, clinician_client):
    clinician_client.get(reverse("case_list"))
    clock.advance(minutes=16)
    assert clinician_client.post(KEEPALIVE).json()["remaining_seconds"] == 0
    assert login_redirect_next(clinician_client.get(reverse("case_list"))) == reverse("case_list")


def test_keep_alive_needs_a_csrf_token(clinician):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(clinician)
    assert browser.post(KEEPALIVE).status_code == 403


def test_late_step_post_keeps_the_input_and_shows_it_after_signing_in(
    clock, clinician_client, clinician, example_case
):
    url = step_url(example_case, "baselines")
    clinician_client.get(url)
    clock.advance(minutes=20)

    response = clinician_client.post(url, step_data("baselines", TYPED))

    assert login_redirect_next(response) == url
    kept, unsaved = draft_of(example_case, "baselines")
    assert kept["baselines-adl_notes"] == ["Cannot walk to the mailbox"]
    assert unsaved
    assert example_case.facts["baselines"]["pain_nrs_average"] == 8  # saved facts untouched
    [event] = expiries()
    assert event.case_id == example_case.pk
    assert event.detail == {"reason": "idle", "draft_step": "baselines"}

    assert sign_in_again(clinician_client, clinician, login_redirect_next(response)) == url
    page = clinician_client.get(url).content.decode()
    assert "Cannot walk to the mailbox" in page
    assert 'value="11"' in page
    assert "“Average pain, past week (NRS)” must be a whole number from 0 to 10." in page


def test_late_step_post_keeps_valid_input_as_a_draft_not_as_facts(clock, clinician_client, example_case):
    url = step_url(example_case, "baselines")
    clinician_client.get(url)
    clock.advance(minutes=20)
    clinician_client.post(url, step_data("baselines", {"pain_nrs_average": "6"}))
    kept, unsaved = draft_of(example_case, "baselines")
    assert kept["baselines-pain_nrs_average"] == ["6"]
    assert unsaved
    assert example_case.facts["baselines"]["pain_nrs_average"] == 8


def test_late_step_post_without_csrf_token_keeps_nothing(clock, clinician, example_case):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(clinician)
    url = step_url(example_case, "baselines")
    browser.get(url)
    clock.advance(minutes=20)
    response = browser.post(url, step_data("baselines", TYPED))
    assert login_redirect_next(response) == url
    assert draft_of(example_case, "baselines") == ({}, False)


def test_late_live_panel_post_keeps_the_input_and_answers_401(clock, clinician_client, example_case):
    clinician_client.get(step_url(example_case, "baselines"))
    clock.advance(minutes=20)
    derived = reverse("case_derived", kwargs={"case_id": example_case.id, "step": "baselines"})
    response = clinician_client.post(derived, step_data("baselines", TYPED))
    assert response.status_code == 401
    assert response.json() == {"signed_in": False}
    assert draft_of(example_case, "baselines")[0]["baselines-pain_nrs_average"] == ["11"]


@pytest.mark.parametrize("who", ["staff", "outsider"])
def test_late_step_post_by_someone_who_may_not_edit_the_case_keeps_nothing(
    clock, client, who, request, example_case
):
    client.force_login(request.getfixturevalue(who))
    client.get(reverse("case_list"))
    clock.advance(minutes=20)
    response = client.post(step_url(example_case, "baselines"), step_data("baselines", TYPED))
    assert login_redirect_next(response) == step_url(example_case, "baselines")
    assert draft_of(example_case, "baselines") == ({}, False)
    [event] = expiries()
    assert event.case_id is None
    message = "What you sent last was not saved: please do it again."
    assert message in client.get(response["Location"]).content.decode()


def test_anonymous_step_post_keeps_nothing(client, example_case):
    response = client.post(step_url(example_case, "baselines"), step_data("baselines", TYPED))
    assert login_redirect_next(response) == step_url(example_case, "baselines")
    assert draft_of(example_case, "baselines") == ({}, False)


def test_late_post_elsewhere_returns_to_the_page_it_came_from(clock, clinician_client, example_case):
    case_page = reverse("case_detail", kwargs={"case_id": example_case.id})
    clinician_client.get(case_page)
    clock.advance(minutes=20)
    issue = reverse("letter_issue", kwargs={"case_id": example_case.id})
    response = clinician_client.post(issue, HTTP_REFERER=f"http://testserver{case_page}")
    assert login_redirect_next(response) == case_page


def test_draft_endpoint_keeps_the_clinicians_input(clinician_client, example_case):
    response = clinician_client.post(draft_url(example_case, "baselines"), step_data("baselines", TYPED))
    assert response.json() == {"kept": True}
    kept, unsaved = draft_of(example_case, "baselines")
    assert kept["baselines-adl_notes"] == ["Cannot walk to the mailbox"]
    assert unsaved
    assert example_case.wizard_state["step"] == "baselines"
    page = clinician_client.get(step_url(example_case, "baselines")).content.decode()
    assert "Cannot walk to the mailbox" in page


def test_draft_endpoint_keeps_nothing_without_the_steps_fields_or_for_review(clinician_client, example_case):
    response = clinician_client.post(draft_url(example_case, "baselines"), step_data("baselines", {}))
    assert response.json() == {"kept": False}
    response = clinician_client.post(draft_url(example_case, "review"), step_data("review", {}))
    assert response.json() == {"kept": False}
    assert draft_of(example_case, "baselines") == ({}, False)


def test_draft_endpoint_refuses_staff(staff_client, example_case):
    response = staff_client.post(draft_url(example_case, "baselines"), step_data("baselines", TYPED))
    assert response.status_code == 403
    assert draft_of(example_case, "baselines") == ({}, False)


def test_draft_endpoint_hides_another_clinics_case(outsider_client, example_case):
    response = outsider_client.post(draft_url(example_case, "baselines"), step_data("baselines", TYPED))
    assert response.status_code == 404
    assert draft_of(example_case, "baselines") == ({}, False)


def test_draft_endpoint_refuses_an_unknown_step_and_get(clinician_client, example_case):
    assert clinician_client.post(draft_url(example_case, "nonsense"), {}).status_code == 404
    assert clinician_client.get(draft_url(example_case, "baselines")).status_code == 405


def test_pages_carry_the_warning_and_the_session_urls(clinician_client, example_case):
    page = clinician_client.get(step_url(example_case, "baselines")).content.decode()
    assert f'data-session-status-url="{STATUS}"' in page
    assert f'data-session-draft-url="{draft_url(example_case, "baselines")}"' in page
    assert 'role="alertdialog"' in page
    assert "Stay signed in" in page
    assert 'src="/static/js/session.js"' in page
    case_list = clinician_client.get(reverse("case_list")).content.decode()
    assert "data-session-draft-url" not in case_list


def test_login_page_has_no_session_timer(client, db):
    page = client.get(LOGIN).content.decode()
    assert "data-session-status-url" not in page
    assert "session.js" not in page


@pytest.mark.parametrize(
    ("seconds", "words"),
    [
        (900, "15 minutes"),
        (60, "1 minute"),
        (43200, "12 hours"),
        (3600, "1 hour"),
        (6, "6 seconds"),
        (90, "90 seconds"),
    ],
)
def test_durations_are_said_as_people_say_them(seconds, words):
    assert describe_seconds(seconds) == words


def test_late_step_post_of_a_password_only_session_keeps_nothing(clock, client, clinician, example_case):
    password_only_login(client, clinician)
    app_device_of(clinician)  # has a second factor, not passed in this session
    client.get(STATUS)
    clock.advance(minutes=20)
    response = client.post(step_url(example_case, "baselines"), step_data("baselines", TYPED))
    assert login_redirect_next(response) == step_url(example_case, "baselines")
    assert draft_of(example_case, "baselines") == ({}, False)


def test_late_sign_out_goes_to_the_login_page_without_next(clock, clinician_client):
    clinician_client.get(reverse("case_list"))
    clock.advance(minutes=20)
    response = clinician_client.post(reverse("logout"), HTTP_REFERER="http://testserver/cases/")
    assert response.status_code == 302
    assert response["Location"] == LOGIN
