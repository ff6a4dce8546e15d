"""What real cases need to say (issue 8, item 6): trial hours, DRG replacement, working systems, Blue plans,
Medicare programs (OPD prior authorization, the trial's UTN, WISeR), and the form fields that carry them."""

from datetime import date, time
from decimal import Decimal

import pytest
from django import forms

from tests.conftest import TODAY, example_facts
from tests.criteria_builders import baseline, change
from tests.wizard_posts import post_step
from wizard.core import scoring
from wizard.core.assessment import assess
from wizard.core.choices import (
    BluePlan,
    DeviceMaker,
    DeviceProblem,
    LeadType,
    Payer,
    PlaceOfService,
    Procedure,
    StimulationMode,
    StimulatorKind,
)
from wizard.core.coding import code_request
from wizard.core.criteria import all_criteria
from wizard.core.facts import Trial
from wizard.core.request_risks import medicare_program_gaps
from wizard.core.rules import Confidence, Status
from wizard.forms.fields import time_field
from wizard.forms.outcomes import DeviceForm, TrialForm
from wizard.forms.request import RequestForm
from wizard.letter.build import build_letter
from wizard.models import Membership, list_columns

M, N, D = Status.MET, Status.NOT_MET, Status.NOT_DOCUMENTED
CRITERIA = {c.id: c for c in all_criteria()}


def judge(criterion_id: str, facts):
    """Return the finding of one criterion on the facts."""
    return CRITERIA[criterion_id].predicate(facts, TODAY)


# 1. Trial hours (eviCore CMM-211: more than 48 hours, secondary).


def timed(ended_on: date, placed_at: time | None, removed_at: time | None, started_on=date(2026, 10, 6)):
    """Return the permanent baseline with its trial's dates and times replaced."""
    return baseline(
        "permanent",
        **{
            "trial.started_on": started_on,
            "trial.ended_on": ended_on,
            "trial.placed_at": placed_at,
            "trial.removed_at": removed_at,
        },
    )


@pytest.mark.parametrize(
    ("ended_on", "placed_at", "removed_at", "hours"),
    [
        (date(2026, 10, 8), time(8, 0), time(7, 0), Decimal(47)),
        (date(2026, 10, 8), time(8, 0), time(8, 0), Decimal(48)),
        (date(2026, 10, 8), time(8, 0), time(9, 0), Decimal(49)),
        (date(2026, 10, 8), time(8, 0), time(8, 30), Decimal("48.5")),
        (date(2026, 10, 8), time(8, 0), None, None),
        (date(2026, 10, 8), None, time(8, 0), None),
    ],
)
def test_trial_hours_run_from_placement_to_removal_exactly(ended_on, placed_at, removed_at, hours):
    trial = Trial(started_on=date(2026, 10, 6), ended_on=ended_on, placed_at=placed_at, removed_at=removed_at)
    assert scoring.trial_hours(trial) == hours


def test_trial_hours_are_none_without_dates():
    assert scoring.trial_hours(Trial(placed_at=time(8, 0), removed_at=time(9, 0))) is None


@pytest.mark.parametrize(
    ("ended_on", "placed_at", "removed_at", "status", "words"),
    [
        (date(2026, 10, 8), time(8, 0), time(7, 0), N, "trial 47 h 00 min"),
        (date(2026, 10, 8), time(8, 0), time(8, 0), N, "trial 48 h 00 min"),
        (date(2026, 10, 8), time(8, 0), time(8, 1), M, "trial 48 h 01 min"),
        (date(2026, 10, 8), time(8, 0), time(9, 0), M, "trial 49 h 00 min"),
        (date(2026, 10, 10), time(23, 0), time(1, 0), N, "trial 26 h 00 min"),
        # Without both times: three calendar days are more than 48 h whatever the times, one day is not.
        (date(2026, 10, 9), None, None, M, "trial 3 days, more than 48 hours"),
        (date(2026, 10, 9), time(23, 59), None, M, "trial 3 days"),
        (date(2026, 10, 8), None, None, D, "record the placement and removal times"),
        (date(2026, 10, 8), time(8, 0), None, D, "record the placement and removal times"),
        (date(2026, 10, 7), None, None, N, "trial 1 day(s), not more than 48 hours"),
        (date(2026, 10, 6), time(10, 0), time(9, 0), D, "removal time is before the placement time"),
    ],
)
def test_evicore_trial_length_in_hours(ended_on, placed_at, removed_at, status, words):
    started_on = date(2026, 10, 8) if placed_at == time(23, 0) else date(2026, 10, 6)
    finding = judge("evicore.cmm211.trial_length", timed(ended_on, placed_at, removed_at, started_on))
    assert finding.status is status, finding.evidence
    assert words in finding.evidence


def test_trial_hours_evidence_shows_both_dates_and_times():
    finding = judge("evicore.cmm211.trial_length", timed(date(2026, 10, 8), time(8, 0), time(9, 0)))
    assert "Oct 6, 2026 08:00" in finding.evidence and "Oct 8, 2026 09:00" in finding.evidence


# 2. DRG: eviCore's only exception is the replacement of a DRG system; Humana MA never meets DRG.

DRG_REPLACEMENT = {"device.kind": StimulatorKind.DRG}


@pytest.mark.parametrize(
    ("name", "paths", "status", "words"),
    [
        ("replacement", DRG_REPLACEMENT, M, "replacement of an existing dorsal root ganglion system"),
        ("replacement", {"device.kind": StimulatorKind.SCS}, M, "spinal cord stimulation (replacement)"),
        ("replacement", {"device.kind": None}, M, "spinal cord stimulation (replacement)"),
        ("drg_trial", {}, N, "experimental at eviCore except replacement"),
        ("drg_permanent", {}, N, "experimental at eviCore except replacement"),
        (
            "replacement",
            {**DRG_REPLACEMENT, "request.stimulation_mode": None},
            M,
            "existing dorsal root ganglion system",
        ),
    ],
)
def test_evicore_covers_dorsal_root_ganglion_stimulation_only_to_replace_a_drg_system(
    name, paths, status, words
):
    finding = judge("evicore.cmm211.technology", baseline(name, **paths))
    assert finding.status is status, finding.evidence
    assert words in finding.evidence


@pytest.mark.parametrize(
    ("name", "paths", "status", "words"),
    [
        ("replacement", DRG_REPLACEMENT, N, "replacing a dorsal root ganglion system is a DRG request"),
        ("replacement", {"device.kind": StimulatorKind.SCS}, M, "spinal cord stimulation"),
        ("drg_trial", {}, N, "do not meet Humana Medicare criteria"),
        ("drg_permanent", {}, N, "do not meet Humana Medicare criteria"),
    ],
)
def test_humana_medicare_advantage_never_meets_drg_stimulation(name, paths, status, words):
    finding = judge("humana.cohere.not_drg", baseline(name, **paths))
    assert finding.status is status, finding.evidence
    assert words in finding.evidence


@pytest.mark.parametrize(
    ("kind", "request_name"),
    [
        (StimulatorKind.DRG, "Dorsal root ganglion stimulator generator replacement or revision"),
        (StimulatorKind.SCS, "Spinal cord stimulator generator replacement or revision"),
        (None, "Spinal cord or DRG stimulator generator replacement or revision"),
    ],
)
def test_replacement_letter_names_the_kind_of_system_replaced(kind, request_name):
    facts = baseline("replacement", **{"device.kind": kind})
    letter = build_letter(facts, assess(facts, today=TODAY).results, today=TODAY)
    assert letter.title == f"Letter of medical necessity: {request_name}"
    assert f"Request: {request_name}" in letter.re_lines


def test_replacement_keeps_its_stored_value():
    assert Procedure.SCS_REPLACEMENT.value == "scs_replacement"


# 3. Aetna CPB 0194 revision effective 2026-01-01 (updates U2, secondary): working systems and Nalu.

WORKING_TONIC = {"device.problem": DeviceProblem.NONE, "device.waveform": StimulationMode.TONIC}


@pytest.mark.parametrize(
    ("paths", "status", "words"),
    [
        (
            {**WORKING_TONIC, "request.stimulation_mode": StimulationMode.TONIC},
            M,
            "replaced with conventional",
        ),
        ({**WORKING_TONIC, "request.stimulation_mode": StimulationMode.BURST}, N, "replaced with burst"),
        (
            {**WORKING_TONIC, "request.stimulation_mode": StimulationMode.OTHER_NON_TONIC},
            N,
            "replaced with other non-tonic",
        ),
        ({**WORKING_TONIC, "request.stimulation_mode": None}, D, "new system's waveform is not recorded"),
        (
            {**WORKING_TONIC, "device.waveform": StimulationMode.HIGH_FREQUENCY},
            M,
            "already delivers high frequency",
        ),
        ({**WORKING_TONIC, "device.waveform": None}, D, "waveform it delivers is not recorded"),
        (
            {
                "device.problem": DeviceProblem.LEAD_FRACTURE,
                "request.stimulation_mode": StimulationMode.BURST,
            },
            M,
            "not a working one (lead fracture)",
        ),
        ({"device.problem": None}, D, "whether the current system works"),
    ],
)
def test_aetna_working_tonic_system_is_not_swapped_for_another_waveform(paths, status, words):
    finding = judge("aetna.cpb0194.working_system_waveform", baseline("replacement", **paths))
    assert finding.status is status, finding.evidence
    assert words in finding.evidence


@pytest.mark.parametrize(
    ("maker", "status"),
    [(DeviceMaker.NALU, N), (DeviceMaker.NEVRO, M), (DeviceMaker.OTHER, M), (None, D)],
)
@pytest.mark.parametrize("name", ["permanent", "trial", "replacement", "drg_trial"])
def test_aetna_nalu_systems_are_investigational(name, maker, status):
    finding = judge("aetna.cpb0194.nalu_investigational", baseline(name, **{"request.device_maker": maker}))
    assert finding.status is status, finding.evidence


@pytest.mark.parametrize(
    "criterion_id", ["aetna.cpb0194.working_system_waveform", "aetna.cpb0194.nalu_investigational"]
)
def test_aetna_revision_rules_are_in_force_from_2026_and_verify_with_payer(criterion_id):
    criterion = CRITERIA[criterion_id]
    assert criterion.in_force_from == date(2026, 1, 1)
    assert not criterion.in_force_on(date(2025, 12, 31))
    assert criterion.in_force_on(date(2026, 1, 1))
    assert criterion.citation.confidence is Confidence.SECONDARY
    assert not criterion.blocking


def test_nalu_at_aetna_is_a_technology_risk_but_never_blocks():
    facts = baseline("permanent", **{"request.payer": Payer.AETNA, "request.device_maker": DeviceMaker.NALU})
    assessed = assess(facts, today=TODAY)
    technology = [r for r in assessed.risks if r.key == "technology"]
    assert technology and "Nalu" in technology[0].gaps[0].message
    assert not technology[0].blocks


# 4. Blue plans: the letter and the case list name the member's own plan.


def blue(**paths):
    """Return the DRG trial model case (a Blue plan) with facts changed by dotted path."""
    return change(example_facts("crps2-drg-trial-bcbsa"), **paths)


def letter_text(facts) -> str:
    """Return every string the letter prints, joined."""
    letter = build_letter(facts, assess(facts, today=TODAY).results, today=TODAY)
    rows = [f"{r.text} {r.evidence} {r.source}" for r in letter.criteria]
    parts = [
        *letter.recipient_lines,
        *letter.re_lines,
        *letter.opening,
        *letter.conclusion,
        letter.criteria_title,
        *rows,
        *letter.references,
    ]
    return "\n".join(parts)


HIGHMARK = {"request.payer_name": "", "request.blue_plan": BluePlan.HIGHMARK}


def test_letter_is_addressed_to_the_members_blue_plan_by_name():
    facts = blue(**HIGHMARK)
    letter = build_letter(facts, assess(facts, today=TODAY).results, today=TODAY)
    assert letter.recipient_lines[0] == "Highmark Blue Cross Blue Shield"
    # The plan's own policy, cited once in the criteria appendix; never another Blue plan's.
    assert letter.criteria_title.endswith("Highmark Blue Cross Blue Shield")
    assert letter.policy_citation.startswith("Criteria of Highmark Medical Policy 07.01.025")
    assert not any("BCBS ND" in f"{r.text} {r.source}" for r in letter.criteria)


@pytest.mark.parametrize(
    "paths",
    [HIGHMARK, {"request.payer_name": "", "request.blue_plan": None}, {}],
    ids=["listed-plan", "no-plan", "typed-name"],
)
def test_letter_never_names_the_payer_choice_label(paths):
    assert Payer.BCBSA.label not in letter_text(blue(**paths))


def test_another_blue_plan_is_named_by_the_payer_name_typed():
    facts = blue(
        **{"request.payer_name": "Wellmark Blue Cross and Blue Shield", "request.blue_plan": BluePlan.OTHER}
    )
    text = letter_text(facts)
    assert "Wellmark Blue Cross and Blue Shield" in text.splitlines()[0]
    letter = build_letter(facts, assess(facts, today=TODAY).results, today=TODAY)
    assert letter.policy_citation.startswith(
        "Criteria of the medical policy of Wellmark Blue Cross and Blue Shield"
    )


@pytest.mark.parametrize(
    ("request_data", "label"),
    [
        ({"payer": "bcbsa", "blue_plan": "highmark"}, "Highmark Blue Cross Blue Shield"),
        ({"payer": "bcbsa", "blue_plan": "other", "payer_name": "Wellmark"}, "Wellmark"),
        ({"payer": "bcbsa"}, Payer.BCBSA.label),
        ({"payer": "aetna", "blue_plan": "highmark"}, "Aetna"),
    ],
)
def test_case_list_shows_the_members_blue_plan(request_data, label):
    assert list_columns({"request": request_data})["payer_label"] == label


def test_unnamed_blue_plan_is_a_denial_risk_of_its_own():
    facts = blue(**{"request.payer_name": "", "request.blue_plan": None})
    risks = {r.key: r for r in assess(facts, today=TODAY).risks}
    assert any(g.field == "blue_plan" for g in risks["blue_plan"].gaps)
    named = {r.key: r for r in assess(blue(**HIGHMARK), today=TODAY).risks}
    assert not any(g.field == "blue_plan" for r in named.values() for g in r.gaps)


# 5. Medicare programs (updates U3).


def medicare(place: PlaceOfService, **paths):
    """Return the Medicare model case (permanent implant) at a place of service."""
    return change(
        example_facts("crps-scs-permanent-medicare"), **{"request.place_of_service": place, **paths}
    )


@pytest.mark.parametrize(
    "place", [PlaceOfService.ASC, PlaceOfService.OFFICE, PlaceOfService.HOSPITAL_INPATIENT]
)
def test_medicare_letter_outside_a_hospital_outpatient_department_documents_for_the_record(place):
    facts = medicare(place)
    letter = build_letter(facts, assess(facts, today=TODAY).results, today=TODAY)
    text = letter_text(facts)
    assert "request authorization" not in text and "Prior Authorization" not in text
    assert letter.opening[0].startswith("I am writing to document, for the record, the medical necessity of")
    assert (
        "Medicare fee-for-service requires prior authorization only in a hospital outpatient department"
        in (" ".join(letter.conclusion))
    )


def test_medicare_letter_in_a_hospital_outpatient_department_requests_authorization():
    facts = medicare(PlaceOfService.HOSPITAL_OUTPATIENT)
    letter = build_letter(facts, assess(facts, today=TODAY).results, today=TODAY)
    assert letter.opening[0].startswith("I am writing to request authorization of")
    assert "Utilization Management / Prior Authorization" in letter.recipient_lines


@pytest.mark.parametrize("payer", [Payer.AETNA, Payer.HUMANA_MA, Payer.EVICORE_CIGNA])
def test_other_payers_letters_request_authorization_in_any_setting(payer):
    facts = medicare(PlaceOfService.ASC, **{"request.payer": payer})
    letter = build_letter(facts, assess(facts, today=TODAY).results, today=TODAY)
    assert letter.opening[0].startswith("I am writing to request authorization of")


def utn_gaps(facts):
    """Return the Medicare program gaps that ask for the trial's UTN."""
    return [
        g for g in medicare_program_gaps(facts, (), code_request(facts)) if g.field == "trial_authorization"
    ]


@pytest.mark.parametrize(
    ("place", "paths", "expected"),
    [
        (PlaceOfService.HOSPITAL_OUTPATIENT, {}, 1),
        (PlaceOfService.HOSPITAL_OUTPATIENT, {"request.trial_authorization": "A1B2C3D4E5F6G7"}, 0),
        (PlaceOfService.ASC, {}, 0),
        (PlaceOfService.HOSPITAL_OUTPATIENT, {"request.payer": Payer.HUMANA_MA}, 0),
        (PlaceOfService.HOSPITAL_OUTPATIENT, {"request.procedure": Procedure.SCS_TRIAL}, 0),
        (PlaceOfService.HOSPITAL_OUTPATIENT, {"request.procedure": Procedure.DRG_PERMANENT}, 1),
    ],
)
def test_permanent_implant_in_an_opd_carries_the_trials_utn(place, paths, expected):
    gaps = utn_gaps(medicare(place, **paths))
    assert len(gaps) == expected
    if gaps:
        assert "the UTN of the trial's approval goes on the permanent implant's claim" in gaps[0].message
        assert not gaps[0].blocks


@pytest.mark.parametrize(
    ("payer", "line"),
    [(Payer.MEDICARE, "Trial's UTN: A1B2C3"), (Payer.AETNA, "Trial's authorization number: A1B2C3")],
)
def test_letter_prints_the_trials_authorization_when_present(payer, line):
    facts = medicare(
        PlaceOfService.HOSPITAL_OUTPATIENT,
        **{"request.payer": payer, "request.trial_authorization": "A1B2C3"},
    )
    letter = build_letter(facts, assess(facts, today=TODAY).results, today=TODAY)
    assert line in letter.re_lines
    missing = change(facts, **{"request.trial_authorization": ""})
    assert not any("Trial's" in x for x in build_letter(missing, [], today=TODAY).re_lines)


def wiser(state: str, place=PlaceOfService.ASC, **paths):
    """Return the WISeR gap of the Medicare model case at a practice in a state, or None."""
    facts = medicare(place, **{"request.practice.state": state, **paths})
    gaps = [g for g in medicare_program_gaps(facts, (), code_request(facts)) if "WISeR" in g.message]
    assert len(gaps) <= 1
    return gaps[0] if gaps else None


@pytest.mark.parametrize("state", ["NJ", "OH", "OK", "TX", "AZ", "WA"])
@pytest.mark.parametrize(
    "place", [PlaceOfService.OFFICE, PlaceOfService.ASC, PlaceOfService.HOSPITAL_OUTPATIENT]
)
def test_wiser_flags_traditional_medicare_in_its_states_and_sites(state, place):
    gap = wiser(state, place)
    assert gap is not None and not gap.blocks
    assert f"WISeR model ({state}" in gap.message
    assert "Verify: code lists change quarterly; approval valid 120 days." in gap.message


@pytest.mark.parametrize(
    ("state", "place", "paths"),
    [
        ("CA", PlaceOfService.ASC, {}),
        ("", PlaceOfService.ASC, {}),
        ("TX", PlaceOfService.HOSPITAL_INPATIENT, {}),
        ("TX", PlaceOfService.ASC, {"request.payer": Payer.HUMANA_MA}),
        ("TX", PlaceOfService.ASC, {"request.planned_on": date(2025, 12, 31)}),
        ("TX", PlaceOfService.ASC, {"request.planned_on": date(2032, 1, 1)}),
    ],
)
def test_wiser_does_not_flag_outside_its_states_sites_program_or_dates(state, place, paths):
    assert wiser(state, place, **paths) is None


@pytest.mark.parametrize(
    ("planned_on", "flagged"),
    [(date(2026, 1, 1), True), (date(2031, 12, 31), True), (None, True)],
)
def test_wiser_window_is_inclusive_and_an_undated_request_is_flagged(planned_on, flagged):
    gap = wiser("AZ", **{"request.planned_on": planned_on})
    assert (gap is not None) is flagged
    if planned_on is None:
        assert "planned date not recorded" in gap.message


@pytest.mark.parametrize(
    ("state", "lead", "says"),
    [
        ("TX", LeadType.PADDLE, True),
        ("TX", LeadType.PERCUTANEOUS, False),
        ("AZ", LeadType.PADDLE, False),
    ],
)
def test_wiser_in_texas_says_its_list_includes_63655(state, lead, says):
    gap = wiser(state, **{"request.lead_type": lead})
    assert ("The Texas list includes 63655" in gap.message) is says


# 6. Forms: each new fact has its field in its step form, or saving the step would drop it.


class TimeForm(forms.Form):
    at = time_field("At")


@pytest.mark.parametrize(
    ("typed", "value"),
    [("07:30", time(7, 30)), ("00:00", time(0, 0)), ("23:59", time(23, 59))],
)
def test_time_field_reads_24_hour_hh_mm(typed, value):
    form = TimeForm(data={"at": typed})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["at"] == value


@pytest.mark.parametrize("typed", ["7.30pm", "24:00", "7:30 PM", "0730", "noon"])
def test_time_field_refuses_anything_else_with_a_clear_message(typed):
    form = TimeForm(data={"at": typed})
    assert not form.is_valid()
    assert form.errors["at"] == ["Enter a time as 24-hour HH:MM, e.g. 07:30 or 16:45."]


def test_time_field_renders_the_browsers_time_picker():
    html = str(TimeForm(initial={"at": time(8, 5)})["at"])
    assert 'type="time"' in html and 'value="08:05"' in html


TRIAL_TIMES = {
    "started_on": "2026-10-06",
    "placed_at": "08:00",
    "ended_on": "2026-10-08",
    "removed_at": "09:00",
}


def test_trial_form_keeps_placement_and_removal_times():
    form = TrialForm(data=TRIAL_TIMES, today=TODAY)
    assert form.is_valid(), form.errors
    trial = form.section_from(form.cleaned_data)
    assert (trial.placed_at, trial.removed_at) == (time(8, 0), time(9, 0))
    assert scoring.trial_hours(trial) == 49


def test_device_form_keeps_the_current_systems_kind_maker_and_waveform():
    form = DeviceForm(
        data={"kind": "drg", "maker": "abbott", "waveform": "tonic", "problem": "none"}, today=TODAY
    )
    assert form.is_valid(), form.errors
    device = form.section_from(form.cleaned_data)
    assert (device.kind, device.maker, device.waveform, device.problem) == (
        StimulatorKind.DRG,
        DeviceMaker.ABBOTT,
        StimulationMode.TONIC,
        DeviceProblem.NONE,
    )


REQUEST_FIELDS = ("blue_plan", "device_maker", "device_model", "trial_authorization", "plan_name")


def groups_by_field():
    """Return, for each field of the Request form, the group that shows it."""
    return {name: g for g in RequestForm.groups for row in g.field_rows() for name in row}


@pytest.mark.parametrize("name", REQUEST_FIELDS)
def test_request_form_has_a_field_for_each_new_request_fact(name):
    assert name in RequestForm.base_fields
    assert name in groups_by_field()


def test_request_form_shows_each_field_for_the_requests_it_concerns():
    groups = groups_by_field()
    assert groups["blue_plan"].show_for == "bcbsa"
    assert set(groups["payer_name"].show_values) == {"other_commercial", "bcbsa"}
    assert set(groups["trial_authorization"].show_values) == {
        "scs_permanent",
        "drg_permanent",
    }
    assert groups["plan_name"].show_field == ""
    assert (
        RequestForm.base_fields["trial_authorization"].label == "Trial's authorization number or Medicare UTN"
    )


def request_errors(**typed):
    """Return the Request form's errors for the typed values."""
    form = RequestForm(data={"procedure": "scs_permanent", **typed}, today=TODAY)
    form.is_valid()
    return form.errors


def test_another_blue_plan_needs_its_name():
    errors = request_errors(payer="bcbsa", blue_plan="other")
    assert errors["payer_name"] == ["Name the member's Blue plan; the letter is addressed to it."]
    assert "payer_name" not in request_errors(payer="bcbsa", blue_plan="other", payer_name="Wellmark")
    assert "payer_name" not in request_errors(payer="bcbsa", blue_plan="highmark")


@pytest.mark.django_db
def test_new_facts_survive_saving_their_steps(clinician_client, clinician, example_case):
    request = {
        **{k: v for k, v in example_case.facts["request"].items() if not isinstance(v, dict)},
        "clinician": str(Membership.objects.get(user=clinician).pk),
        "device_maker": "nevro",
        "device_model": "Senza Omnia",
        "trial_authorization": "UTN12345",
    }
    post_step(clinician_client, example_case, "trial", TRIAL_TIMES)
    post_step(clinician_client, example_case, "request", request)
    example_case.refresh_from_db()
    trial, saved = example_case.facts["trial"], example_case.facts["request"]
    assert (trial["placed_at"], trial["removed_at"]) == ("08:00", "09:00")
    assert (saved["device_maker"], saved["device_model"], saved["trial_authorization"]) == (
        "nevro",
        "Senza Omnia",
        "UTN12345",
    )


def test_the_medicare_program_flags_reach_the_review_as_a_risk_that_does_not_block():
    facts = medicare(PlaceOfService.ASC, **{"request.practice.state": "TX"})
    assessment = assess(facts, today=TODAY)
    [risk] = [r for r in assessment.risks if r.key == "medicare_program"]
    assert any("WISeR" in g.message for g in risk.gaps)
    assert not risk.blocks
    assert (
        assessment.verdict.outcome
        is assess(change(facts, **{"request.practice.state": "CA"}), today=TODAY).verdict.outcome
    )
