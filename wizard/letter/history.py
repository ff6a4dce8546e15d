"""The patient's history: the diagnosis (with Budapest and FBSS findings) and the conservative treatment tried."""

from __future__ import annotations

from datetime import date

from ..core import scoring
from ..core.choices import BUDAPEST_CATEGORIES, BudapestItem, Condition, Side
from ..core.display import format_date, format_value
from ..core.facts import CaseFacts, Diagnosis
from .content import Section
from .prose import date_range, item, keep, lower_first, plural, relief_text, sentence, words

CRPS = (Condition.CRPS_1, Condition.CRPS_2)


def where(dx: Diagnosis) -> str:
    """Return ' of the right lower limb' (or '') from limb and side."""
    if dx.limb is None:
        return ""
    side = "" if dx.side in (None, Side.UNSPECIFIED, Side.BILATERAL) else f"{dx.side.label.lower()} "
    limb = dx.limb.label.lower()
    return f" of both {limb}s" if dx.side == Side.BILATERAL else f" of the {side}{limb}"


def diagnosis_section(facts: CaseFacts, today: date) -> Section:
    """History and diagnosis: onset, pain, Budapest findings, nerve injury, FBSS details."""
    dx = facts.diagnosis
    months = scoring.pain_duration_months(dx, today)
    cause = f" (inciting event: {dx.inciting_event})" if dx.inciting_event else ""
    onset = ""
    if dx.onset_on:
        onset = sentence(
            f"the pain began on {format_date(dx.onset_on)}{cause} and has lasted {plural(months, 'month')}"
        )
    elif cause:
        onset = sentence(f"inciting event: {dx.inciting_event}")
    condition = (
        sentence(f"the diagnosis is {lower_first(dx.condition.label)}{where(dx)}") if dx.condition else ""
    )
    current = (
        sentence(f"current pain is {dx.pain_nrs}/10 on the numeric rating scale")
        if dx.pain_nrs is not None
        else ""
    )
    sentences = keep(condition, onset, current, *budapest_sentences(dx), *fbss_sentences(facts))
    if dx.condition == Condition.CRPS_2 and dx.nerve_injury_evidence:
        sentences += (sentence(f"evidence of nerve injury: {dx.nerve_injury_evidence}"),)
    if dx.condition == Condition.DIABETIC_NEUROPATHY and dx.diabetes_type:
        sentences += (sentence(f"the neuropathy is due to {dx.diabetes_type.label.lower()} diabetes"),)
    if dx.condition == Condition.OTHER_NEUROPATHIC and dx.other_description:
        sentences += (sentence(f"the condition is {dx.other_description}"),)
    return Section("History and diagnosis", sentences)


def category_text(items: tuple[BudapestItem, ...]) -> str:
    """Return 'sensory (allodynia), vasomotor (temperature asymmetry)' for Budapest items."""
    by_category: dict[str, list[str]] = {}
    for entry in items:
        by_category.setdefault(BudapestItem(entry).category, []).append(BudapestItem(entry).label.lower())
    return "; ".join(f"{BUDAPEST_CATEGORIES[c].lower()} ({words(v)})" for c, v in by_category.items())


def budapest_sentences(dx: Diagnosis) -> tuple[str, ...]:
    """Return the Budapest examination as the record holds it, with the result it gives."""
    if dx.condition not in CRPS:
        return ()
    result = scoring.score_budapest(dx)
    if result is None:
        return ()
    exam = (
        f"on examination on {format_date(dx.budapest_examined_on)}"
        if dx.budapest_examined_on
        else "on examination"
    )
    parts = []
    if dx.disproportionate_pain is not None:
        parts.append(
            sentence(
                f"the pain is {'' if dx.disproportionate_pain else 'not '}disproportionate to the inciting event"
            )
        )
    if dx.symptoms:
        n = len(result.symptom_categories)
        parts.append(
            sentence(
                f"the patient reports symptoms in {n} of 4 Budapest categories: {category_text(dx.symptoms)}"
            )
        )
    if dx.signs:
        n = len(result.sign_categories)
        parts.append(
            sentence(f"{exam}, signs were present in {n} of 4 categories: {category_text(dx.signs)}")
        )
    if dx.no_better_explanation is not None:
        explained = (
            "no other diagnosis better explains"
            if dx.no_better_explanation
            else "another diagnosis may explain"
        )
        parts.append(sentence(f"{explained} the signs and symptoms"))
    if result.clinical is not None:
        parts.append(sentence(f"the Budapest criteria result: {result.summary}"))
    return tuple(parts)


def fbss_sentences(facts: CaseFacts) -> tuple[str, ...]:
    """Return FBSS details: radicular pain and imaging."""
    dx = facts.diagnosis
    if dx.condition != Condition.FBSS:
        return ()
    radicular = ""
    if dx.radicular_pain is not None:
        radicular = sentence(
            "radicular leg pain predominates"
            if dx.radicular_pain
            else "the pain is not predominantly radicular"
        )
    imaging = sentence(f"imaging: {dx.imaging}") if dx.imaging else ""
    return keep(radicular, imaging)


def conservative_care_section(facts: CaseFacts, today: date) -> Section:
    """Conservative care itemised: drugs, physical therapy, injections, surgery, other therapies."""
    therapy = facts.therapy
    started = scoring.first_failed_conservative_care_on(therapy, facts.diagnosis.onset_on)
    classes = scoring.drug_classes_tried(therapy)
    sentences = []
    if started:
        sentences.append(
            sentence(
                f"the first conservative treatment that failed after the onset of pain began on {format_date(started)}, {plural(scoring.months_between(started, today), 'month')} ago"
            )
        )
    if classes:
        tried = "1 drug class has" if len(classes) == 1 else f"{len(classes)} drug classes have"
        sentences.append(sentence(f"{tried} been tried"))
    weeks = scoring.in_person_pt_weeks_last_year(therapy, today)
    # An open course counts only its first visit, so its total would undersell it: the table shows it ongoing.
    if weeks and not scoring.open_pt_courses(therapy, today):
        sentences.append(
            sentence(
                f"in-person physical therapy with a licensed therapist in the last 12 months: {weeks} weeks"
            )
        )
    tried = treatments_tried(facts)
    if tried:
        sentences.append(sentence(f"treatments tried: {tried}"))
    if therapy_rows(facts):
        sentences.append(TABLE_POINTER)
    unsuitable = (
        ("further medication", therapy.medication_unsuitable_reason),
        ("physical therapy", therapy.pt_unsuitable_reason),
        ("injections", therapy.injection_unsuitable_reason),
        ("surgery", therapy.surgery_unsuitable_reason),
        ("psychological therapy", therapy.psych_therapy_unsuitable_reason),
    )
    items = tuple(f"{name.capitalize()} judged unsuitable: {reason}" for name, reason in unsuitable if reason)
    return Section("Conservative treatment", tuple(sentences), items)


# The table sits in an appendix so that the argument fits two pages; the argument says where.
TABLE_POINTER = (
    "The treatment history in the appendix lists each treatment in date order, with its dose or sessions, "
    "dates, result and why it stopped."
)
TREATMENT_HISTORY_TITLE = "Treatment history, in date order"


def treatment_history(facts: CaseFacts) -> Section | None:
    """Return the chronological therapy table for the appendix, or None when no treatment is recorded."""
    rows = therapy_rows(facts)
    return Section(TREATMENT_HISTORY_TITLE, table_header=THERAPY_HEADER, table=rows) if rows else None


def treatments_tried(facts: CaseFacts) -> str:
    """Return '5 medications, 2 courses of physical therapy and 1 surgery': how many of each were tried."""
    therapy = facts.therapy
    counts = (
        (len(therapy.medications), "medication", "medications"),
        (len(therapy.pt_courses), "course of physical therapy", "courses of physical therapy"),
        (len(therapy.injections), "injection", "injections"),
        (len(therapy.surgeries), "surgery", "surgeries"),
        (len(therapy.other_therapies), "other therapy", "other therapies"),
    )
    parts = [f"{count} {one if count == 1 else many}" for count, one, many in counts if count]
    return words(parts)


THERAPY_HEADER = (
    "Therapy",
    "Dose or sessions",
    "Dates and duration",
    "Result",
    "Why stopped or insufficient",
)


def duration(start: date | None, end: date | None) -> str:
    """Return how long a dated course ran: '10 days', '6 weeks' or '5 months'; '' without both dates."""
    if start is None or end is None or end < start:
        return ""
    days = (end - start).days
    if days < 14:
        return plural(days, "day")
    if days < 91:
        return plural(days // 7, "week")
    return plural(scoring.months_between(start, end), "month")


def dates_text(start: date | None, end: date | None, ongoing: str = "ongoing") -> str:
    """Return the course's dates with its length: 'Mar 1, 2024 – Jun 1, 2024 (3 months)'."""
    length = duration(start, end)
    return date_range(start, end, ongoing) + (f" ({length})" if length else "")


def outcome_and(outcome: str, words: str) -> str:
    """Return 'Ineffective. Gait training; pain unchanged' from an outcome and the response in words."""
    return f"{outcome}. {words}" if outcome and words else outcome or words


def therapy_rows(facts: CaseFacts) -> tuple[tuple[str, ...], ...]:
    """Return one row per treatment tried, by start date, undated last: therapy, dose, dates, result, reason."""
    therapy = facts.therapy
    dated: list[tuple[date | None, tuple[str, ...]]] = []
    for m in therapy.medications:
        name = m.drug + (f" ({format_value(m.drug_class)})" if m.drug and m.drug_class else "")
        dated.append(
            (
                m.started_on,
                (
                    name or format_value(m.drug_class),
                    m.dose,
                    dates_text(m.started_on, m.stopped_on, "continuing"),
                    format_value(m.outcome),
                    m.reason_stopped,
                ),
            )
        )
    for p in therapy.pt_courses:
        what = item(
            "Physical therapy" + (" with a licensed therapist" if p.licensed_pt else ""),
            format_value(p.setting).lower(),
        )
        visits = plural(p.visits, "visit") if p.visits is not None else ""
        result = outcome_and(format_value(p.outcome), p.response)
        dated.append((p.started_on, (what, visits, dates_text(p.started_on, p.ended_on), result, "")))
    for i in therapy.injections:
        what = item(format_value(i.kind) or "Injection", format_value(i.side).lower(), i.level)
        relief = item(
            relief_text(i.pain_before_nrs, i.pain_after_nrs),
            f"relief lasted {plural(i.relief_days, 'day')}" if i.relief_days is not None else "",
        )
        dated.append((i.performed_on, (what, "", format_value(i.performed_on), relief, "")))
    for s in therapy.surgeries:
        # A level the procedure's own words already name is not printed twice.
        levels = "" if s.levels and s.levels in (s.procedure or "") else s.levels
        what = item(format_value(s.kind) or "Surgery", s.procedure, levels)
        dated.append((s.performed_on, (what, "", format_value(s.performed_on), s.outcome, "")))
    for o in therapy.other_therapies:
        sessions = plural(o.sessions, "session") if o.sessions is not None else ""
        result = outcome_and(format_value(o.outcome), o.notes)
        dated.append(
            (
                o.started_on,
                (
                    format_value(o.kind) or "Other therapy",
                    sessions,
                    dates_text(o.started_on, o.ended_on),
                    result,
                    "",
                ),
            )
        )
    ordered = sorted(dated, key=lambda row: (row[0] is None, row[0] or date.min))
    return tuple(cells for _, cells in ordered if any(cells[1:]) or cells[0])
