"""ODI, Budapest, percent relief and durations, against the worked examples of the reference."""

from datetime import date
from decimal import Decimal

import pytest

from wizard.core import scoring
from wizard.core.choices import BudapestItem as B
from wizard.core.choices import PtSetting, SurgeryKind, TherapyOutcome
from wizard.core.facts import (
    Block,
    Diagnosis,
    Injection,
    Medication,
    OtherTherapy,
    PtCourse,
    Surgery,
    Therapy,
    Trial,
)

TODAY = date(2026, 11, 22)


@pytest.mark.parametrize(
    ("scores", "percent", "answered", "band"),
    [
        ([2, 2, 2, 2, 2, 2, 1, 1, 1, 1], Decimal("32.0"), 10, "moderate disability"),  # 16/50, ref 4.1
        ([2, 2, 2, 2, 2, 2, 1, 1, 1, None], Decimal("33.3"), 9, "moderate disability"),
        ([2, 2, 2, 2, 2, 1, 1, 1, 1, None], Decimal("31.1"), 9, "moderate disability"),
        ([4, 4, 3, 3, 2, 2, None, None, 2, None], Decimal("57.1"), 7, "severe disability"),
        ([0] * 10, Decimal("0.0"), 10, "minimal disability"),
        ([5] * 10, Decimal("100.0"), 10, "extreme disability (bed-bound)"),
    ],
)
def test_score_odi_uses_answered_sections_as_denominator(scores, percent, answered, band):
    score = scoring.score_odi(scores)
    assert (score.percent, score.answered, score.band) == (percent, answered, band)


def test_score_odi_of_sixteen_over_forty_five_matches_reference_example():
    # Reference 4.1: one section missed, 16/45 = 35.5% (35.6 rounded half up).
    score = scoring.score_odi([2, 2, 2, 2, 2, 2, 2, 1, 1, None])
    assert score.percent == Decimal("35.6")


def test_score_odi_with_nothing_answered_is_not_documented():
    assert scoring.score_odi([None] * 10) is None


@pytest.mark.parametrize(
    ("percent", "band"),
    [
        ("20", "minimal disability"),
        ("22.2", "moderate disability"),
        ("40", "moderate disability"),
        ("42.2", "severe disability"),
        ("60", "severe disability"),
        ("62.5", "very severe disability"),
        ("80", "very severe disability"),
        ("82", "extreme disability (bed-bound)"),
    ],
)
def test_odi_band_boundaries_follow_fairbank(percent, band):
    assert scoring.odi_band(Decimal(percent)) == band


def test_odi_score_is_flagged_when_more_than_two_sections_are_missing():
    assert not scoring.score_odi([1] * 8 + [None] * 2).flagged
    assert scoring.score_odi([1] * 7 + [None] * 3).flagged


SYMPTOMS_4 = (B.SENSORY_ALLODYNIA, B.VASOMOTOR_TEMPERATURE, B.SUDOMOTOR_OEDEMA, B.MOTOR_TROPHIC)
SYMPTOMS_3 = SYMPTOMS_4[:3]
SIGNS_2 = (B.SENSORY_HYPERALGESIA, B.VASOMOTOR_COLOUR_ASYMMETRY)


def budapest(**overrides) -> Diagnosis:
    """Return a diagnosis meeting the research criteria, with fields overridden."""
    values = {
        "budapest_examined_on": date(2026, 9, 1),
        "disproportionate_pain": True,
        "symptoms": SYMPTOMS_4,
        "signs": SIGNS_2,
        "no_better_explanation": True,
    }
    return Diagnosis(**{**values, **overrides})


@pytest.mark.parametrize(
    ("overrides", "clinical", "research"),
    [
        ({}, True, True),
        ({"symptoms": SYMPTOMS_3}, True, False),
        ({"symptoms": SYMPTOMS_3[:2]}, False, False),
        ({"signs": SIGNS_2[:1]}, False, False),
        ({"signs": (B.SENSORY_ALLODYNIA, B.SENSORY_HYPERALGESIA)}, False, False),  # one category twice
        ({"disproportionate_pain": False}, False, False),
        ({"no_better_explanation": False}, False, False),
        ({"disproportionate_pain": None}, None, None),
        ({"no_better_explanation": None, "symptoms": SYMPTOMS_3}, None, False),
    ],
)
def test_budapest_clinical_and_research_criteria(overrides, clinical, research):
    result = scoring.score_budapest(budapest(**overrides))
    assert (result.clinical, result.research) == (clinical, research)


def test_budapest_without_any_examination_is_not_documented():
    assert scoring.score_budapest(Diagnosis(disproportionate_pain=True)) is None


@pytest.mark.parametrize(
    ("before", "after", "expected"),
    [
        (8, 3, Decimal("62.5")),
        (8, 4, Decimal("50.0")),
        (7, 4, Decimal("42.9")),
        (6, 6, Decimal("0.0")),
        (5, 7, Decimal("-40.0")),
        (Decimal(30), Decimal(15), Decimal("50.0")),
        (0, 0, None),
        (None, 3, None),
        (8, None, None),
    ],
)
def test_percent_reduction(before, after, expected):
    assert scoring.percent_reduction(before, after) == expected


@pytest.mark.parametrize(
    ("start", "end", "months"),
    [
        (date(2026, 1, 31), date(2026, 2, 28), 0),
        (date(2026, 1, 15), date(2026, 7, 15), 6),
        (date(2026, 1, 16), date(2026, 7, 15), 5),
        (date(2025, 11, 22), date(2026, 11, 22), 12),
        (date(2026, 5, 1), date(2026, 4, 1), 0),
    ],
)
def test_months_between_counts_whole_calendar_months(start, end, months):
    assert scoring.months_between(start, end) == months


FAILED = TherapyOutcome.INEFFECTIVE


def test_conservative_care_months_start_at_the_first_failed_treatment_of_any_kind():
    therapy = Therapy(
        medications=(Medication(drug="a", started_on=date(2026, 3, 1), outcome=FAILED),),
        pt_courses=(PtCourse(started_on=date(2026, 1, 10), outcome=TherapyOutcome.PARTIAL),),
        other_therapies=(OtherTherapy(started_on=date(2026, 2, 1), outcome=TherapyOutcome.SIDE_EFFECTS),),
    )
    assert scoring.first_failed_conservative_care_on(therapy, None) == date(2026, 1, 10)
    assert scoring.failed_conservative_care_months(therapy, TODAY, None) == 10
    assert scoring.failed_conservative_care_months(Therapy(), TODAY, None) is None


def test_an_effective_or_unrecorded_outcome_does_not_start_conservative_care():
    therapy = Therapy(
        medications=(Medication(drug="a", started_on=date(2026, 3, 1)),),
        pt_courses=(PtCourse(started_on=date(2026, 1, 10), outcome=TherapyOutcome.EFFECTIVE),),
    )
    assert scoring.first_failed_conservative_care_on(therapy, None) is None
    assert scoring.failed_conservative_care_months(therapy, TODAY, None) is None


def test_a_row_before_onset_does_not_start_conservative_care():
    therapy = Therapy(
        medications=(
            Medication(drug="before onset", started_on=date(2025, 12, 31), outcome=FAILED),
            Medication(drug="on onset day", started_on=date(2026, 1, 1), outcome=FAILED),
        ),
    )
    assert scoring.first_failed_conservative_care_on(therapy, date(2026, 1, 1)) == date(2026, 1, 1)
    assert scoring.failed_conservative_care_months(therapy, TODAY, date(2026, 1, 1)) == 10
    # A day later the onset-day row is before onset too; no row is left.
    assert scoring.failed_conservative_care_months(therapy, TODAY, date(2026, 1, 2)) is None
    # Without a documented onset no row can be excluded as too early.
    assert scoring.failed_conservative_care_months(therapy, TODAY, None) == 10


def test_a_treatment_that_worked_or_has_no_outcome_does_not_start_conservative_care():
    therapy = Therapy(
        medications=(
            Medication(drug="worked", started_on=date(2026, 1, 5), outcome=TherapyOutcome.EFFECTIVE),
            Medication(drug="outcome unknown", started_on=date(2026, 2, 5)),
            Medication(drug="failed", started_on=date(2026, 5, 5), outcome=FAILED),
        ),
        pt_courses=(PtCourse(started_on=date(2026, 3, 1)),),
        injections=(Injection(performed_on=date(2026, 1, 2), pain_before_nrs=8, pain_after_nrs=8),),
    )
    assert scoring.first_failed_conservative_care_on(therapy, date(2026, 1, 1)) == date(2026, 5, 5)
    assert scoring.failed_conservative_care_months(therapy, TODAY, date(2026, 1, 1)) == 6


def test_only_treatments_that_worked_give_no_start():
    therapy = Therapy(
        medications=(
            Medication(drug="worked", started_on=date(2026, 1, 5), outcome=TherapyOutcome.EFFECTIVE),
        ),
        pt_courses=(PtCourse(started_on=date(2026, 2, 1), outcome=TherapyOutcome.EFFECTIVE),),
    )
    assert scoring.first_failed_conservative_care_on(therapy, date(2025, 1, 1)) is None


def test_pt_weeks_count_only_in_person_licensed_courses_within_the_last_year_once():
    in_person = {"licensed_pt": True, "setting": PtSetting.IN_PERSON}
    therapy = Therapy(
        pt_courses=(
            PtCourse(started_on=date(2026, 1, 5), ended_on=date(2026, 2, 15), **in_person),  # 42 days
            PtCourse(started_on=date(2026, 2, 1), ended_on=date(2026, 2, 28), **in_person),  # 13 more days
            PtCourse(started_on=date(2024, 1, 1), ended_on=date(2024, 3, 1), **in_person),  # too old
            PtCourse(
                started_on=date(2026, 5, 1),
                ended_on=date(2026, 7, 1),
                licensed_pt=True,
                setting=PtSetting.VIRTUAL,
            ),
            PtCourse(started_on=date(2026, 5, 1), ended_on=date(2026, 7, 1), setting=PtSetting.IN_PERSON),
        )
    )
    assert scoring.in_person_pt_weeks_last_year(therapy, TODAY) == Decimal("7.9")  # 55 days


def test_pt_course_straddling_the_window_counts_only_its_recent_part():
    course = PtCourse(
        started_on=date(2025, 11, 1),
        ended_on=date(2025, 12, 6),
        licensed_pt=True,
        setting=PtSetting.IN_PERSON,
    )
    # Window opens 2025-11-22: 22 Nov to 6 Dec inclusive is 15 days.
    assert scoring.in_person_pt_weeks_last_year(Therapy(pt_courses=(course,)), TODAY) == Decimal("2.1")


def test_pt_weeks_without_any_course_is_not_documented():
    assert scoring.in_person_pt_weeks_last_year(Therapy(), TODAY) is None


IN_PERSON = {"licensed_pt": True, "setting": PtSetting.IN_PERSON}


@pytest.mark.parametrize(("last_visit", "weeks"), [(date(2026, 10, 20), "5.9"), (date(2026, 10, 21), "6.0")])
def test_pt_weeks_at_the_six_week_boundary_are_not_rounded_up(last_visit, weeks):
    # 2026-09-10 to 2026-10-20 inclusive is 41 days (5.857 weeks); one more visit day makes 42 (6 weeks).
    course = PtCourse(started_on=date(2026, 9, 10), ended_on=last_visit, **IN_PERSON)
    assert scoring.in_person_pt_weeks_last_year(Therapy(pt_courses=(course,)), TODAY) == Decimal(weeks)


def test_an_open_pt_course_counts_only_its_documented_first_visit_never_to_the_letter_date():
    # 22 visits from 2026-05-05, no last visit: the old calendar span to today read 28.7 weeks.
    course = PtCourse(started_on=date(2026, 5, 5), visits=22, **IN_PERSON)
    therapy = Therapy(pt_courses=(course,))
    assert scoring.in_person_pt_weeks_last_year(therapy, TODAY) == Decimal("0.1")  # 1 day
    assert scoring.open_pt_courses(therapy, TODAY) == [1]
    assert scoring.undecided_pt_courses(therapy, TODAY) == [1]


def test_a_closed_course_of_22_visits_counts_first_to_last_visit():
    course = PtCourse(started_on=date(2026, 5, 5), ended_on=date(2026, 7, 14), visits=22, **IN_PERSON)
    therapy = Therapy(pt_courses=(course,))
    assert scoring.in_person_pt_weeks_last_year(therapy, TODAY) == Decimal("10.1")  # 71 days
    assert scoring.undecided_pt_courses(therapy, TODAY) == []


def test_pt_weeks_never_run_past_the_last_visit_or_today():
    future_end = PtCourse(started_on=date(2026, 11, 1), ended_on=date(2026, 12, 20), **IN_PERSON)
    assert scoring.in_person_pt_weeks_last_year(Therapy(pt_courses=(future_end,)), TODAY) == Decimal("3.1")
    not_begun = PtCourse(started_on=date(2026, 12, 1), **IN_PERSON)
    assert scoring.in_person_pt_weeks_last_year(Therapy(pt_courses=(not_begun,)), TODAY) == Decimal("0.0")
    assert scoring.open_pt_courses(Therapy(pt_courses=(not_begun,)), TODAY) == []


def test_an_open_course_begun_before_the_window_is_undecided_and_counts_nothing():
    course = PtCourse(started_on=date(2025, 6, 1), **IN_PERSON)
    therapy = Therapy(pt_courses=(course,))
    assert scoring.in_person_pt_weeks_last_year(therapy, TODAY) == Decimal("0.0")
    assert scoring.undecided_pt_courses(therapy, TODAY) == [1]


def test_open_virtual_or_unlicensed_courses_are_not_undecided():
    therapy = Therapy(
        pt_courses=(
            PtCourse(started_on=date(2026, 5, 1), licensed_pt=True, setting=PtSetting.VIRTUAL),
            PtCourse(started_on=date(2026, 5, 1), licensed_pt=False, setting=PtSetting.IN_PERSON),
        )
    )
    assert scoring.undecided_pt_courses(therapy, TODAY) == []


def test_months_since_spine_surgery_ignores_non_spine_surgery():
    therapy = Therapy(
        surgeries=(
            Surgery(kind=SurgeryKind.FUSION, performed_on=date(2025, 11, 21)),
            Surgery(kind=SurgeryKind.NON_SPINE, performed_on=date(2026, 10, 1)),
        )
    )
    assert scoring.months_since_spine_surgery(therapy, TODAY) == 12
    assert (
        scoring.months_since_spine_surgery(Therapy(surgeries=(Surgery(kind=SurgeryKind.NON_SPINE),)), TODAY)
        is None
    )


def test_trial_days_and_age():
    assert scoring.trial_days(Trial(started_on=date(2026, 10, 6), ended_on=date(2026, 10, 13))) == 7
    assert scoring.trial_days(Trial(started_on=date(2026, 10, 6))) is None
    assert scoring.age_years(date(1960, 11, 23), TODAY) == 65
    assert scoring.age_years(date(1960, 11, 22), TODAY) == 66


def block(on, days):
    return Block(performed_on=on, relief_days=days)


def test_block_relief_increasing_is_judged_in_date_order():
    blocks = (block(date(2026, 10, 6), 12), block(date(2026, 8, 18), 3), block(date(2026, 9, 8), 6))
    assert scoring.block_relief_increasing(blocks) is True
    assert scoring.block_relief_increasing((block(date(2026, 8, 1), 5), block(date(2026, 9, 1), 5))) is False
    assert scoring.block_relief_increasing((block(date(2026, 8, 1), 5),)) is None
    assert scoring.days_since_last_block(blocks, TODAY) == 47
