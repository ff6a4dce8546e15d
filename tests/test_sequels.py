"""A trial's sequel: the permanent implant (or a replacement) starts with every fact of the earlier case."""

from datetime import UTC, date, datetime

from django.utils import timezone

from audit.models import Action, AuditEvent
from tests.conftest import example_facts, make_case_from_example, signed_in
from wizard.core.case_format import dump_case
from wizard.models import Case, PayerAnswer, Submission
from wizard.sequels import carried_authorization, sequel_facts, step_needing_input

TRIAL = "crps2-drg-trial-bcbsa"
PERMANENT = "fbss-scs-permanent-aetna"
# What the sequel of a trial clears on purpose: the earlier date of service, the count of trials in the
# region (the trial just done changes it), the repeat-trial reason, and the trial authorization (replaced
# by the one carried from the trial's approval).
CLEARED_FOR_PERMANENT = {"planned_on", "prior_trials_in_region", "repeat_trial_reason", "trial_authorization"}
CLEARED_FOR_REPLACEMENT = {"planned_on", "has_existing_stimulator", "trial_authorization", "revision_kind"}


def approve(case, user, number="A12345", reference="REF-1", kind="approved"):
    """Record a submission of the case and the payer's answer to it."""
    now = datetime(2026, 11, 1, 9, tzinfo=UTC)
    submission = Submission.objects.create(
        case=case, channel="portal", submitted_at=now, submitted_by=user, reference=reference, due_at=now
    )
    return PayerAnswer.objects.create(
        submission=submission,
        kind=kind,
        answered_on=date(2026, 11, 5),
        authorization_number=number,
        recorded_by=user,
    )


def start(client, case):
    """Post the sequel button; return the response and the new case."""
    response = client.post(f"/cases/{case.id}/sequel/")
    return response, Case.objects.filter(parent=case).order_by("-created_at").first()


def test_permanent_from_trial_keeps_every_fact_but_those_cleared_on_purpose(
    clinician_client, clinic, clinician
):
    trial = make_case_from_example(clinic, clinician, TRIAL)
    approve(trial, clinician, number="HM-778812")
    response, permanent = start(clinician_client, trial)
    before, after = trial.facts, permanent.facts
    assert after["request"]["procedure"] == "drg_permanent"
    assert after["request"]["trial_authorization"] == "HM-778812"
    for key, value in before["request"].items():
        if key in CLEARED_FOR_PERMANENT | {"procedure"}:
            continue
        assert after["request"][key] == value, key
    for key in CLEARED_FOR_PERMANENT - {"trial_authorization"}:
        assert key not in after["request"]
    for step, section in before.items():
        if step not in ("request", "format", "version"):
            assert after[step] == section, step
    assert set(after) == set(before)
    assert permanent.parent == trial and permanent.clinic == trial.clinic
    assert permanent.prior_authorization == "HM-778812"
    assert permanent.status == Case.Status.DRAFT and permanent.created_by == clinician
    assert response.status_code == 302
    assert response["Location"] == f"/cases/{permanent.id}/edit/trial/"
    opened = clinician_client.get(response["Location"])
    assert opened.status_code == 200 and "Trial outcome" in opened.content.decode()


def test_replacement_from_permanent_keeps_the_trial_outcome_and_describes_the_implant(
    clinician_client, clinic, clinician
):
    implant = make_case_from_example(clinic, clinician, PERMANENT)
    response, replacement = start(clinician_client, implant)
    before, after = implant.facts, replacement.facts
    assert after["request"]["procedure"] == "scs_replacement"
    for key, value in before["request"].items():
        if key not in CLEARED_FOR_REPLACEMENT | {"procedure"}:
            assert after["request"][key] == value, key
    for key in CLEARED_FOR_REPLACEMENT:
        assert key not in after["request"]
    assert after["trial"] == before["trial"]
    for step in ("patient", "diagnosis", "therapy", "baselines", "psych", "safety", "decision"):
        assert after[step] == before[step], step
    assert after["device"] == {"kind": "scs", "waveform": "tonic", "rechargeable": False}
    assert replacement.parent == implant and replacement.prior_authorization == ""
    assert response.status_code == 302
    step = response["Location"].rstrip("/").rsplit("/", 1)[1]
    assert step == step_needing_input(replacement.case_facts(), timezone.localdate())
    assert step in ("request", "device")
    assert clinician_client.get(response["Location"]).status_code == 200


def test_the_authorization_falls_back_to_the_submission_reference_and_ignores_denials(clinic, clinician):
    trial = make_case_from_example(clinic, clinician, TRIAL)
    assert carried_authorization(trial) == ""
    approve(trial, clinician, number="DENIED-1", kind="denied")
    assert carried_authorization(trial) == ""
    approve(trial, clinician, number="", reference="UTN-5550001")
    assert carried_authorization(trial) == "UTN-5550001"


def test_the_copy_is_a_case_file_round_trip_of_the_same_facts():
    facts = example_facts(TRIAL)
    copied = dump_case(sequel_facts(facts, "X1"))
    original = dump_case(facts)
    assert copied["patient"] == original["patient"] and copied["therapy"] == original["therapy"]


def test_the_sequel_is_audited_with_its_parent(clinician_client, clinic, clinician):
    trial = make_case_from_example(clinic, clinician, TRIAL)
    _response, permanent = start(clinician_client, trial)
    (event,) = AuditEvent.objects.filter(action=Action.CREATE, case_id=permanent.pk)
    assert event.detail == {"what": "sequel", "parent": str(trial.pk)} and event.user == clinician


def test_staff_are_refused_and_nothing_is_created(client, clinic, clinician, staff):
    trial = make_case_from_example(clinic, clinician, TRIAL)
    response = signed_in(client, staff).post(f"/cases/{trial.id}/sequel/")
    assert response.status_code == 403
    assert not Case.objects.filter(parent=trial).exists()


def test_another_clinic_gets_404(outsider_client, clinic, clinician):
    trial = make_case_from_example(clinic, clinician, TRIAL)
    assert outsider_client.post(f"/cases/{trial.id}/sequel/").status_code == 404
    assert not Case.objects.filter(parent=trial).exists()


def test_a_get_changes_nothing(clinician_client, clinic, clinician):
    trial = make_case_from_example(clinic, clinician, TRIAL)
    assert clinician_client.get(f"/cases/{trial.id}/sequel/").status_code == 405
    assert not Case.objects.filter(parent=trial).exists()


def test_a_block_has_no_sequel_and_says_so(clinician_client, clinic, clinician):
    block = make_case_from_example(clinic, clinician, "crps-lumbar-sympathetic-block-aetna")
    response = clinician_client.post(f"/cases/{block.id}/sequel/", follow=True)
    assert "Only a trial or a permanent implant" in response.content.decode()
    assert not Case.objects.filter(parent=block).exists()


def test_case_pages_link_the_trial_and_its_sequel(clinician_client, clinic, clinician):
    trial = make_case_from_example(clinic, clinician, TRIAL)
    page = clinician_client.get(f"/cases/{trial.id}/").content.decode()
    assert "Start the permanent implant from this trial" in page
    _response, permanent = start(clinician_client, trial)
    new_page = clinician_client.get(f"/cases/{permanent.id}/").content.decode()
    assert "Started from" in new_page and f'href="/cases/{trial.id}/"' in new_page
    assert "Start a replacement from this implant" in new_page
    trial_page = clinician_client.get(f"/cases/{trial.id}/").content.decode()
    assert f'href="/cases/{permanent.id}/"' in trial_page


def test_staff_see_no_sequel_button(client, clinic, clinician, staff):
    trial = make_case_from_example(clinic, clinician, TRIAL)
    page = signed_in(client, staff).get(f"/cases/{trial.id}/").content.decode()
    assert "Start the permanent implant" not in page
