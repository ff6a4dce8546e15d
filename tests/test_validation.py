"""Date rules shared by the forms and the import."""

from datetime import date

from wizard.core.facts import CaseFacts, Medication, Patient, PtCourse, Request, Therapy, Trial
from wizard.core.validation import problems

TODAY = date(2026, 11, 22)


def test_no_problems_in_a_consistent_case():
    facts = CaseFacts(
        request=Request(planned_on=date(2027, 1, 5)),
        patient=Patient(born_on=date(1970, 1, 1)),
        trial=Trial(started_on=date(2026, 10, 1), ended_on=date(2026, 10, 8)),
    )
    assert problems(facts, TODAY) == []


def test_past_events_cannot_be_in_the_future_but_the_planned_date_can():
    facts = CaseFacts(
        patient=Patient(born_on=date(2026, 11, 23)), request=Request(planned_on=date(2030, 1, 1))
    )
    assert problems(facts, TODAY) == [("patient.born_on", "cannot be in the future")]


def test_end_before_start_is_reported_on_the_end_date_of_the_row():
    therapy = Therapy(
        medications=(Medication(started_on=date(2026, 5, 1), stopped_on=date(2026, 4, 1)),),
        pt_courses=(PtCourse(started_on=date(2026, 5, 1), ended_on=date(2026, 5, 1)),),
    )
    assert problems(CaseFacts(therapy=therapy), TODAY) == [
        ("therapy.medications[0].stopped_on", "must not be before the start date")
    ]


def test_trial_must_end_after_the_day_it_started():
    same_day = Trial(started_on=date(2026, 10, 1), ended_on=date(2026, 10, 1))
    assert problems(CaseFacts(trial=same_day), TODAY) == [
        ("trial.ended_on", "the trial must end after the day it started")
    ]


def test_implausible_birth_date_is_reported():
    assert problems(Patient(born_on=date(1890, 1, 1)), TODAY) == [("born_on", "gives an age over 120 years")]
