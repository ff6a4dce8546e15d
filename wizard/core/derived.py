"""Values the wizard shows beside what the clinician typed, computed per step from the facts."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from . import mme, scoring
from .choices import BUDAPEST_CATEGORIES, Condition, DrugClass
from .display import format_date, format_hours
from .facts import CaseFacts, OdiAnswers
from .icd10 import diagnosis_codes

NOT_YET = "—"


@dataclass(frozen=True)
class Derived:
    label: str
    value: str
    note: str = ""


def plural(count: int | Decimal, unit: str) -> str:
    """Return '3 months', '1 month', '2.5 weeks'."""
    return f"{count} {unit}" if count == 1 else f"{count} {unit}s"


def show(value: object, unit: str = "") -> str:
    """Format a computed value, or a dash when it cannot be computed yet."""
    if value is None:
        return NOT_YET
    if unit == "%":
        return f"{value}%"
    return plural(value, unit) if unit else str(value)


def odi_derived(answers: OdiAnswers, label: str) -> list[Derived]:
    """Return the ODI percentage and band, with a note when sections are missing."""
    score = scoring.score_odi(answers.scores())
    if score is None:
        return [Derived(label, NOT_YET, "no section answered yet")]
    note = f"{score.answered} of 10 sections answered"
    if score.flagged:
        note += "; more than two sections missing — the score may not be valid (cut-off unconfirmed)"
    return [Derived(label, f"{score.percent}% — {score.band}", note)]


def diagnosis_derived(facts: CaseFacts, today: date) -> list[Derived]:
    """Return ICD-10-CM codes, pain duration and, for CRPS, the Budapest result."""
    dx = facts.diagnosis
    codes = diagnosis_codes(dx)
    code_text = "; ".join(f"{c.code} {c.description}" for c in codes) or NOT_YET
    out = [
        Derived("ICD-10-CM", code_text, "from diagnosis, limb and side"),
        Derived("Pain duration", show(scoring.pain_duration_months(dx, today), "month")),
    ]
    if dx.condition in (Condition.CRPS_1, Condition.CRPS_2):
        result = scoring.score_budapest(dx)
        if result is None:
            out.append(Derived("Budapest criteria", NOT_YET, "no examination recorded"))
        else:
            named = ", ".join(BUDAPEST_CATEGORIES[c] for c in sorted(result.sign_categories)) or "none"
            out.append(
                Derived(
                    "Budapest criteria",
                    result.summary,
                    f"symptoms in {len(result.symptom_categories)} of 4 categories; "
                    f"signs in {len(result.sign_categories)} of 4 ({named})",
                )
            )
    return out


def therapy_derived(facts: CaseFacts, today: date) -> list[Derived]:
    """Return months of conservative care, drug classes tried, recent PT weeks, time since surgery.

    Conservative care counts from the first failed treatment after onset and PT weeks from attended dates,
    never past a course's last visit (updates U6; rules in scoring.first_failed_conservative_care_on and
    durations.attended_span).
    """
    therapy = facts.therapy
    onset_on = facts.diagnosis.onset_on
    classes = [DrugClass(c).label for c in scoring.drug_classes_tried(therapy)]
    started = scoring.first_failed_conservative_care_on(therapy, onset_on)
    care_note = "from the first treatment recorded as failed" + (
        " after the onset of pain" if onset_on else "; onset date not recorded"
    )
    if started is not None:
        care_note += f", begun {format_date(started)}"
    open_courses = scoring.open_pt_courses(therapy, today)
    computed = mme.compute_mme(therapy.medications, today)
    pt_note = "first to last visit of each course"
    if open_courses:
        numbers = ", ".join(str(n) for n in open_courses)
        pt_note += f"; course {numbers} has no last visit recorded, so only its first visit counts"
    return [
        Derived(
            "Conservative care",
            show(scoring.failed_conservative_care_months(therapy, today, onset_on), "month"),
            care_note,
        ),
        Derived("Drug classes tried", f"{len(classes)}: {', '.join(classes)}" if classes else NOT_YET),
        Derived(
            "In-person licensed PT, last 12 months",
            show(scoring.in_person_pt_weeks_last_year(therapy, today), "week"),
            pt_note,
        ),
        Derived(
            "Since last spine surgery", show(scoring.months_since_spine_surgery(therapy, today), "month")
        ),
        Derived("Opioids, MME per day", mme_text(computed.total), computed_mme_note(computed)),
    ]


def trial_derived(facts: CaseFacts, today: date) -> list[Derived]:
    """Return trial length, target-pain relief, analgesic reduction and ODI during the trial."""
    trial = facts.trial
    hours = scoring.trial_hours(trial)
    return [
        Derived("Trial length", show(scoring.trial_days(trial), "day")),
        Derived(
            "Trial length in hours",
            NOT_YET if hours is None else format_hours(hours),
            "placement to removal, from the recorded times",
        ),
        Derived(
            "Target-pain relief",
            show(scoring.percent_reduction(trial.pain_before_nrs, trial.pain_during_nrs), "%"),
            "(before − during) ÷ before",
        ),
        Derived(
            "Analgesic reduction",
            show(scoring.percent_reduction(trial.mme_before, trial.mme_during), "%"),
            "morphine milligram equivalents per day",
        ),
        *odi_derived(trial.odi, "ODI during trial"),
    ]


def device_derived(facts: CaseFacts, today: date) -> list[Derived]:
    """Return the relief the current system gave and its age."""
    device = facts.device
    age = None if device.implanted_on is None else scoring.months_between(device.implanted_on, today)
    relief = scoring.percent_reduction(device.pain_before_implant_nrs, device.pain_with_device_nrs)
    return [Derived("Relief while working", show(relief, "%")), Derived("System age", show(age, "month"))]


def blocks_derived(facts: CaseFacts, today: date) -> list[Derived]:
    """Return relief per block, whether relief lengthens, and days since the last block."""
    ordered = scoring.sorted_blocks(facts.blocks.blocks)
    per_block = [
        f"#{i}: {show(scoring.percent_reduction(b.pain_before_nrs, b.pain_after_nrs), '%')}"
        f" for {show(b.relief_days, 'day')}"
        for i, b in enumerate(ordered, start=1)
    ]
    increasing = scoring.block_relief_increasing(ordered)
    trend = {True: "yes", False: "no", None: NOT_YET}[increasing]
    return [
        Derived("Relief per block", "; ".join(per_block) or NOT_YET),
        Derived("Relief lasting longer each time", trend),
        Derived("Since last block", show(scoring.days_since_last_block(ordered, today), "day")),
    ]


def mme_derived(facts: CaseFacts, today: date) -> list[Derived]:
    """Return the MME per day computed from the opioid rows beside the stated one, and which one is used."""
    baseline = mme.baseline_mme(facts, today)
    computed = baseline.computed
    computed_note = computed_mme_note(computed)
    if baseline.stated is None:
        stated_note = "nothing stated: the computed value is used" if baseline.is_computed else ""
    elif baseline.needs_reason:
        stated_note = "used; differs from the computed value — give the reason for the difference"
    elif baseline.differs:
        stated_note = f"used; differs from the computed value: {baseline.reason.strip()}"
    else:
        stated_note = "used; overrides the computed value"
    return [
        Derived("MME per day, computed", mme_text(computed.total), computed_note),
        Derived("MME per day, stated", mme_text(baseline.stated), stated_note),
    ]


def computed_mme_note(computed: mme.MmeCalculation) -> str:
    """Return each drug with its factor, what was not converted, and the source of the factors."""
    if computed.total is None and not computed.unconverted:
        return "no opioid chosen on a medication row of the therapy step"
    return f"{computed.summary or 'every opioid row has stopped'} ({mme.SOURCE_WORDS})"


def mme_text(value: Decimal | None) -> str:
    """Return '45 MME/day', or a dash when there is no value."""
    return NOT_YET if value is None else f"{mme.display_number(value)} MME/day"


def baselines_derived(facts: CaseFacts, today: date) -> list[Derived]:
    """Return the baseline ODI and the baseline MME per day, computed beside stated."""
    return [*odi_derived(facts.baselines.odi, "ODI"), *mme_derived(facts, today)]


def patient_derived(facts: CaseFacts, today: date) -> list[Derived]:
    """Return the patient's age."""
    return [Derived("Age", show(scoring.age_years(facts.patient.born_on, today), "year"))]


DERIVED_BY_STEP = {
    "patient": patient_derived,
    "diagnosis": diagnosis_derived,
    "therapy": therapy_derived,
    "baselines": baselines_derived,
    "trial": trial_derived,
    "device": device_derived,
    "blocks": blocks_derived,
}


def derived_values(step: str, facts: CaseFacts, today: date) -> list[Derived]:
    """Return the computed values shown on a step (none for steps without any)."""
    compute = DERIVED_BY_STEP.get(step)
    return compute(facts, today) if compute else []
