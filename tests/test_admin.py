"""Admin keeps cases that matter: ready or issued cases, and cases with letters, are never deleted there."""

import pytest
from django.test import Client

from audit.models import Action, AuditEvent
from tests.test_letters import issue, ready_case
from wizard.models import Case


@pytest.fixture
def issued_case(clinic, clinician):
    """A ready model case with one letter issued."""
    case = ready_case(clinic, clinician)
    doctor = Client()
    doctor.force_login(clinician)
    issue(doctor, case)
    return case


def delete_selected(client, *cases, confirm=True):
    data = {"action": "delete_selected", "_selected_action": [str(case.pk) for case in cases]}
    if confirm:
        data["post"] = "yes"
    return client.post("/admin/wizard/case/", data)


def test_a_ready_case_cannot_be_deleted_from_its_admin_page(admin_client, clinic, clinician):
    case = ready_case(clinic, clinician)
    assert admin_client.get(f"/admin/wizard/case/{case.pk}/delete/").status_code == 403
    assert admin_client.post(f"/admin/wizard/case/{case.pk}/delete/", {"post": "yes"}).status_code == 403
    assert Case.objects.filter(pk=case.pk).exists()
    assert (
        f"/admin/wizard/case/{case.pk}/delete/"
        not in admin_client.get(f"/admin/wizard/case/{case.pk}/change/").content.decode()
    )


def test_an_issued_case_cannot_be_deleted_from_admin(admin_client, issued_case):
    assert (
        admin_client.post(f"/admin/wizard/case/{issued_case.pk}/delete/", {"post": "yes"}).status_code == 403
    )
    assert Case.objects.filter(pk=issued_case.pk).exists()


def test_a_draft_that_had_letters_cannot_be_deleted_from_admin(admin_client, issued_case):
    Case.objects.filter(pk=issued_case.pk).update(status=Case.Status.DRAFT)
    assert (
        admin_client.post(f"/admin/wizard/case/{issued_case.pk}/delete/", {"post": "yes"}).status_code == 403
    )
    assert Case.objects.filter(pk=issued_case.pk).exists()


@pytest.mark.parametrize("kept", ["ready", "issued"])
def test_bulk_delete_refuses_a_batch_holding_a_ready_or_issued_case(
    admin_client, clinic, clinician, example_case, kept
):
    case = ready_case(clinic, clinician)
    if kept == "issued":
        doctor = Client()
        doctor.force_login(clinician)
        issue(doctor, case)
    confirmation = delete_selected(admin_client, example_case, case, confirm=False)
    assert confirmation.status_code == 200 and "Cannot delete" in confirmation.content.decode()
    confirmed = delete_selected(admin_client, example_case, case)
    if kept == "ready":
        assert confirmed.status_code == 403
    else:
        # Its letters protect it as well, so admin shows "Cannot delete" again instead.
        assert confirmed.status_code == 200 and "Cannot delete" in confirmed.content.decode()
    assert Case.objects.filter(pk__in=[example_case.pk, case.pk]).count() == 2
    assert not AuditEvent.objects.filter(action=Action.DELETE).exists()


def test_a_draft_without_letters_may_be_deleted_from_admin_and_the_deletion_is_audited(
    admin_client, example_case
):
    response = admin_client.post(f"/admin/wizard/case/{example_case.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert not Case.objects.filter(pk=example_case.pk).exists()
    event = AuditEvent.objects.get(action=Action.DELETE)
    assert (event.case_id, event.username, event.detail) == (example_case.pk, "admin", {"via": "admin"})


def test_bulk_delete_of_drafts_without_letters_works_and_is_audited(admin_client, clinic, clinician):
    from tests.conftest import make_case_from_example

    drafts = [make_case_from_example(clinic, clinician, "crps-scs-permanent-medicare") for _ in range(2)]
    assert delete_selected(admin_client, *drafts).status_code == 302
    assert not Case.objects.filter(pk__in=[d.pk for d in drafts]).exists()
    assert set(AuditEvent.objects.filter(action=Action.DELETE).values_list("case_id", flat=True)) == {
        d.pk for d in drafts
    }
