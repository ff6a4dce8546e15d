"""Autosave: the open step's typed input is kept as its draft on the case, per case and step, never stale."""

from datetime import UTC, datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from audit.models import Action, AuditEvent
from tests.conftest import make_case_from_example, signed_in
from tests.wizard_posts import post_step, step_data, step_url
from wizard.drafts import TAB_FIELD, VISIT_FIELD
from wizard.views.conflicts import saved_version
from wizard.views.wizard import PREFIX

# 14:42 UTC is 10:42 in New York (daylight time since 2026-03-08), the settings' default zone.
SAVED_AT = datetime(2026, 3, 14, 14, 42, tzinfo=UTC)
TYPED = {"adl_notes": "Cannot walk to the mailbox", "pain_nrs_worst": "9"}
VERSION_FIELD = f"{PREFIX}-saved_version"


@pytest.fixture(autouse=True)
def clock(monkeypatch):
    monkeypatch.setattr("wizard.views.drafts.now", lambda: SAVED_AT)


@pytest.fixture(autouse=True)
def new_york(settings):
    settings.TIME_ZONE = "America/New_York"


def draft_url(case, step):
    return reverse("case_step_draft", kwargs={"case_id": case.id, "step": step})


def autosave_data(case, step, fields, tab="tab-1", visit="visit-1", version=None):
    """Return what autosave.js posts: the step's form, this tab's id and visit, the page's version."""
    data = step_data(step, fields)
    data.update({TAB_FIELD: tab, VISIT_FIELD: visit, VERSION_FIELD: version or saved_version(case, step)})
    return data


def autosave(client, case, step="baselines", fields=TYPED, **kwargs):
    return client.post(draft_url(case, step), autosave_data(case, step, fields, **kwargs))


def kept_input(case) -> dict:
    case.refresh_from_db()
    return (case.wizard_state or {}).get("step_data", {})


def draft_events():
    return list(AuditEvent.objects.filter(action=Action.CHANGE, detail__what="draft"))


def test_autosave_keeps_the_typed_input_as_the_steps_draft_and_says_when(clinician_client, example_case):
    facts_before = dict(example_case.facts)
    response = autosave(clinician_client, example_case)
    assert response.json() == {"kept": True, "saved_at": "10:42"}
    kept = kept_input(example_case)
    assert list(kept) == ["baselines"]
    assert kept["baselines"]["baselines-adl_notes"] == ["Cannot walk to the mailbox"]
    assert TAB_FIELD not in kept["baselines"] and "csrfmiddlewaretoken" not in kept["baselines"]
    assert example_case.facts == facts_before  # a draft is never saved as the step's facts


def test_the_saved_at_time_is_the_clinics_time_zone(clinician_client, example_case, settings):
    settings.TIME_ZONE = "Europe/Berlin"
    assert autosave(clinician_client, example_case).json()["saved_at"] == "15:42"


def test_reload_shows_the_draft_with_a_note_and_the_time_it_was_kept(clinician_client, example_case):
    autosave(clinician_client, example_case)
    page = clinician_client.get(step_url(example_case, "baselines")).content.decode()
    assert "Cannot walk to the mailbox" in page and 'value="9"' in page
    assert "Restored what you typed at 10:42" in page and "(not yet saved as the step)" in page
    assert 'data-draft-tab="tab-1"' in page
    assert 'id="autosave-status" role="status" aria-live="polite">Saved at 10:42</span>' in page


def test_drafts_stay_with_their_own_case_and_step(clinician_client, clinic, clinician, example_case):
    other = make_case_from_example(clinic, clinician, "crps-scs-permanent-medicare")
    autosave(clinician_client, example_case)
    autosave(clinician_client, other, "diagnosis", {"inciting_event": "Fell off a ladder"})
    assert list(kept_input(example_case)) == ["baselines"]
    assert list(kept_input(other)) == ["diagnosis"]
    other_page = clinician_client.get(step_url(other, "baselines")).content.decode()
    assert "Cannot walk to the mailbox" not in other_page and "Restored what you typed" not in other_page
    assert (
        "Fell off a ladder" not in clinician_client.get(step_url(example_case, "diagnosis")).content.decode()
    )


def test_a_draft_typed_against_an_older_save_is_refused(clinician_client, example_case):
    opened = saved_version(example_case, "baselines")
    post_step(clinician_client, example_case, "baselines", {"pain_nrs_worst": "5"})  # another tab saves
    response = autosave(clinician_client, example_case, version=opened)
    assert response.json() == {"kept": False, "stale": True}
    assert kept_input(example_case) == {}
    page = clinician_client.get(step_url(example_case, "baselines")).content.decode()
    assert "Restored what you typed" not in page and "Cannot walk to the mailbox" not in page


def test_saving_the_step_ends_the_draft_note(clinician_client, example_case):
    autosave(clinician_client, example_case)
    post_step(clinician_client, example_case, "baselines", {"pain_nrs_worst": "9", "adl_notes": "Saved text"})
    page = clinician_client.get(step_url(example_case, "baselines")).content.decode()
    assert "Restored what you typed" not in page and "Saved text" in page


def test_input_refused_by_a_later_save_is_not_called_an_autosaved_draft(clinician_client, example_case):
    autosave(clinician_client, example_case)
    post_step(clinician_client, example_case, "baselines", {"pain_nrs_worst": "11"}, goto="therapy")
    page = clinician_client.get(step_url(example_case, "baselines")).content.decode()
    assert 'value="11"' in page and "Restored what you typed" not in page


def test_typing_back_to_what_is_saved_drops_the_draft(clinician_client, example_case):
    post_step(clinician_client, example_case, "baselines", {"pain_nrs_worst": "5"})
    example_case.refresh_from_db()
    assert autosave(clinician_client, example_case, fields={"pain_nrs_worst": "6"}).json()["kept"] is True
    assert list(kept_input(example_case)) == ["baselines"]
    assert autosave(clinician_client, example_case, fields={"pain_nrs_worst": "5"}).json()["kept"] is True
    assert kept_input(example_case) == {}


def test_the_draft_is_audited_once_per_visit_without_its_text(clinician_client, example_case):
    for _ in range(3):
        autosave(clinician_client, example_case)
    autosave(clinician_client, example_case, visit="visit-2")
    events = draft_events()
    assert len(events) == 2
    assert events[0].detail == {"step": "baselines", "what": "draft"}
    assert all("mailbox" not in str(event.detail) for event in AuditEvent.objects.all())


def test_the_endpoint_refuses_get_unknown_steps_and_review(clinician_client, example_case):
    assert clinician_client.get(draft_url(example_case, "baselines")).status_code == 405
    assert clinician_client.post(draft_url(example_case, "nonsense"), {TAB_FIELD: "t"}).status_code == 404
    review = clinician_client.post(
        draft_url(example_case, "review"), autosave_data(example_case, "review", {})
    )
    assert review.json() == {"kept": False}
    assert kept_input(example_case) == {}


def test_the_endpoint_refuses_staff(staff_client, example_case):
    assert autosave(staff_client, example_case).status_code == 403
    assert kept_input(example_case) == {}


def test_another_clinics_case_is_not_found(outsider_client, example_case):
    assert autosave(outsider_client, example_case).status_code == 404
    assert kept_input(example_case) == {}


def test_an_archived_case_takes_no_draft(clinician_client, example_case):
    example_case.archived_at = timezone.now()
    example_case.save(update_fields=["archived_at"])
    assert autosave(clinician_client, example_case).status_code == 403
    assert kept_input(example_case) == {}


def test_the_endpoint_needs_a_csrf_token(clinician, example_case):
    strict = signed_in(Client(enforce_csrf_checks=True), clinician)
    assert autosave(strict, example_case).status_code == 403
    assert kept_input(example_case) == {}


def test_the_step_page_loads_the_autosave_script_and_a_status_line(clinician_client, example_case):
    page = clinician_client.get(step_url(example_case, "baselines")).content.decode()
    assert "/static/js/autosave.js" in page or "js/autosave." in page
    assert 'id="autosave-status"' in page
    assert f'data-session-draft-url="{draft_url(example_case, "baselines")}"' in page
