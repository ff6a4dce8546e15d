"""Durations computed from the facts' dates: months of pain and of failed conservative care, weeks of
in-person PT in the last year, time since spine surgery and since the last block, trial length, age."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, datetime, timedelta
from decimal import Decimal

from .choices import PtSetting, TherapyOutcome
from .facts import Block, Diagnosis, Therapy, Trial
from .rounding import round1
from .rows import PtCourse

DAYS_PER_YEAR = 365


def months_between(start: date, end: date) -> int:
    """Return the number of whole calendar months from start to end (0 if end is earlier)."""
    months = (end.year - start.year) * 12 + (end.month - start.month)
    if end.day < start.day:
        months -= 1
    return max(months, 0)


def failed_after_onset(
    started_on: date | None, outcome: TherapyOutcome | None, onset_on: date | None
) -> bool:
    """Return True for a dated treatment recorded as failed that began on or after the onset of pain."""
    if started_on is None or outcome is None or not TherapyOutcome(outcome).failed:
        return False
    return onset_on is None or started_on >= onset_on


def first_failed_conservative_care_on(therapy: Therapy, onset_on: date | None) -> date | None:
    """Return the start of the first FAILED conservative treatment on or after the onset of pain.

    Rule (updates U6, "values a reviewer recomputes"): months of conservative care count from the first
    conservative treatment that failed after the pain began. A medication, PT course or other therapy row
    starts the count when it has a start date, its outcome is recorded as failed (ineffective, partial
    relief, side effects) and it began on or after `onset_on`. Not counted:
    * a row started before the onset date (it treated something else, or the pain had not begun);
    * a treatment recorded as effective, or one whose outcome is not recorded (failure not documented);
    * injections: their rows carry no outcome, so their failure is not documented as such.
    With `onset_on` unknown no row can be excluded as too early; the onset is then judged by the pain-
    duration criteria, not here.
    """
    rows = [(m.started_on, m.outcome) for m in therapy.medications]
    rows += [(p.started_on, p.outcome) for p in therapy.pt_courses]
    rows += [(o.started_on, o.outcome) for o in therapy.other_therapies]
    dated = [start for start, outcome in rows if failed_after_onset(start, outcome, onset_on)]
    return min(dated) if dated else None


def failed_conservative_care_months(therapy: Therapy, today: date, onset_on: date | None) -> int | None:
    """Return whole months from the first failed conservative treatment after onset to today (U6)."""
    started = first_failed_conservative_care_on(therapy, onset_on)
    return None if started is None else months_between(started, today)


def merged_days(intervals: Iterable[tuple[date, date]]) -> int:
    """Return the number of days covered by a set of inclusive date intervals, overlaps counted once."""
    total, current_end = 0, None
    for start, end in sorted(intervals):
        if current_end is not None and start <= current_end:
            if end > current_end:
                total += (end - current_end).days
                current_end = end
            continue
        total += (end - start).days + 1
        current_end = end
    return total


def counts_as_in_person_pt(course: PtCourse) -> bool:
    """Return True for a dated course with a licensed therapist, in person."""
    return (
        course.started_on is not None and bool(course.licensed_pt) and course.setting == PtSetting.IN_PERSON
    )


def attended_span(course: PtCourse, today: date) -> tuple[date, date] | None:
    """Return the documented attended dates of a course: first visit to last visit, inclusive.

    Rule (updates U6): PT weeks count from the attended dates of a course, first to last visit, never past
    its last visit. An open course (no last-visit date) is documented only up to its first visit, so it
    counts that day alone and never runs on to `today` (the letter date); `undecided_pt_courses` names it
    so that a short total reads "not documented" rather than "not met". The visit count is not turned into
    weeks: no reference source gives visits per week. Dates after `today` are not counted.
    """
    if course.started_on is None:
        return None
    last = course.ended_on if course.ended_on is not None else course.started_on
    end = min(last, today)
    return (course.started_on, end) if course.started_on <= end else None


def in_person_pt_weeks_last_year(therapy: Therapy, today: date) -> Decimal | None:
    """Return weeks of attended in-person PT with a licensed therapist in the 12 months before today.

    Each course counts its attended span (`attended_span`: first to last visit, an open course only its
    first visit), clipped to the 12-month window; overlapping courses count once; weeks = days / 7.
    None when no course is recorded. Rounding to 0.1 week cannot carry a total across a whole-week
    threshold: days are whole, so days / 7 is never within 0.05 below a whole number (41 days: 5.9).
    """
    if not therapy.pt_courses:
        return None
    window_start = today - timedelta(days=DAYS_PER_YEAR)
    intervals = []
    for course in therapy.pt_courses:
        span = attended_span(course, today) if counts_as_in_person_pt(course) else None
        if span is None:
            continue
        start, end = max(span[0], window_start), span[1]
        if start <= end:
            intervals.append((start, end))
    return round1(Decimal(merged_days(intervals)) / 7)


def open_pt_courses(therapy: Therapy, today: date) -> list[int]:
    """Return 1-based numbers of begun in-person licensed courses with no last visit recorded.

    Such a course may have run into the last 12 months whenever it began, so none is left out by date.
    """
    return [
        i
        for i, course in enumerate(therapy.pt_courses, start=1)
        if counts_as_in_person_pt(course) and course.ended_on is None and course.started_on <= today
    ]


def undecided_pt_courses(therapy: Therapy, today: date) -> list[int]:
    """Return 1-based numbers of PT courses that may add weeks in the last year but are not fully dated.

    A course is undecided when it may fall in the window and lacks its start date, licence or setting, or
    when it is an open in-person licensed course (its last visit is not recorded, so only its first visit
    counts).
    """
    window_start = today - timedelta(days=DAYS_PER_YEAR)
    open_courses = set(open_pt_courses(therapy, today))
    return [
        i
        for i, course in enumerate(therapy.pt_courses, start=1)
        if i in open_courses
        or (
            (course.ended_on is None or course.ended_on >= window_start)
            and (course.started_on is None or course.licensed_pt is None or course.setting is None)
        )
    ]


def undated_spine_surgeries(therapy: Therapy) -> int:
    """Return how many spine surgeries have no date."""
    return sum(
        1 for s in therapy.surgeries if s.kind is not None and s.kind.is_spine and s.performed_on is None
    )


def last_spine_surgery_on(therapy: Therapy) -> date | None:
    """Return the date of the most recent spine surgery."""
    dates = [s.performed_on for s in therapy.surgeries if s.kind is not None and s.kind.is_spine]
    dated = [d for d in dates if d is not None]
    return max(dated) if dated else None


def months_since_spine_surgery(therapy: Therapy, today: date) -> int | None:
    """Return whole months since the most recent spine surgery."""
    last = last_spine_surgery_on(therapy)
    return None if last is None else months_between(last, today)


def pain_duration_months(dx: Diagnosis, today: date) -> int | None:
    """Return whole months since the pain began."""
    return None if dx.onset_on is None else months_between(dx.onset_on, today)


def trial_days(trial: Trial) -> int | None:
    """Return the trial length in days from lead placement to removal."""
    if trial.started_on is None or trial.ended_on is None:
        return None
    return (trial.ended_on - trial.started_on).days


def trial_hours(trial: Trial) -> Decimal | None:
    """Return the trial length in hours from placement (date and time) to removal; None without both times.

    Exact (minutes / 60, never rounded), so 48 h 01 min compares above 48 h and 48 h 00 min does not.
    """
    if None in (trial.started_on, trial.ended_on, trial.placed_at, trial.removed_at):
        return None
    placed = datetime.combine(trial.started_on, trial.placed_at)
    removed = datetime.combine(trial.ended_on, trial.removed_at)
    return Decimal(int((removed - placed).total_seconds()) // 60) / 60


def age_years(born_on: date | None, today: date) -> int | None:
    """Return age in whole years."""
    if born_on is None:
        return None
    return today.year - born_on.year - ((today.month, today.day) < (born_on.month, born_on.day))


def days_since_last_block(blocks: Sequence[Block], today: date) -> int | None:
    """Return days from the most recent block to today."""
    dated = [b.performed_on for b in blocks if b.performed_on is not None]
    return None if not dated else (today - max(dated)).days
