"""Scores computed from the facts: ODI, Budapest, percent relief, drug classes tried, block relief trend.

Durations (months, weeks, days, hours, age) are computed in durations.py; the ones callers read as
`scoring.<name>` are re-exported here.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from .choices import BudapestItem
from .durations import (
    age_years,
    days_since_last_block,
    failed_conservative_care_months,
    first_failed_conservative_care_on,
    in_person_pt_weeks_last_year,
    last_spine_surgery_on,
    months_between,
    months_since_spine_surgery,
    open_pt_courses,
    pain_duration_months,
    trial_days,
    trial_hours,
    undated_spine_surgeries,
    undecided_pt_courses,
)
from .facts import Block, Diagnosis, Therapy
from .rounding import round1

__all__ = [
    "BUDAPEST_CLINICAL_SYMPTOM_CATEGORIES",
    "BUDAPEST_RESEARCH_SYMPTOM_CATEGORIES",
    "BUDAPEST_SIGN_CATEGORIES",
    "ODI_BANDS",
    "ODI_MAX_UNANSWERED_WITHOUT_FLAG",
    "ODI_SECTION_MAX",
    "BudapestResult",
    "OdiScore",
    "block_relief_increasing",
    "categories",
    "drug_classes_tried",
    "odi_band",
    "percent_reduction",
    "score_budapest",
    "score_odi",
    "sorted_blocks",
    # Computed in durations.py; callers read them as scoring.<name>.
    "age_years",
    "days_since_last_block",
    "failed_conservative_care_months",
    "first_failed_conservative_care_on",
    "in_person_pt_weeks_last_year",
    "last_spine_surgery_on",
    "months_between",
    "months_since_spine_surgery",
    "open_pt_courses",
    "pain_duration_months",
    "trial_days",
    "trial_hours",
    "undated_spine_surgeries",
    "undecided_pt_courses",
]

# Fairbank & Pynsent interpretation of ODI % (reference 4.1 [ASIR-T1; INFO5Y1]): upper bound, band. The
# top two bands are named neutrally, as a physician signs them (issue 9): Fairbank's own words for them
# ("crippled"; "bed-bound or exaggerating symptoms") read to a reviewer as pejorative or as malingering.
ODI_BANDS = (
    (Decimal(20), "minimal disability"),
    (Decimal(40), "moderate disability"),
    (Decimal(60), "severe disability"),
    (Decimal(80), "very severe disability"),
    (Decimal(100), "extreme disability (bed-bound)"),
)
ODI_SECTION_MAX = 5
# Reference 4.1 [SW]: flag a score with more than two unanswered sections (cut-off UNCONFIRMED).
ODI_MAX_UNANSWERED_WITHOUT_FLAG = 2

# Budapest thresholds (reference 3.1, 3.3 [HARDEN-2010]).
BUDAPEST_CLINICAL_SYMPTOM_CATEGORIES = 3
BUDAPEST_RESEARCH_SYMPTOM_CATEGORIES = 4
BUDAPEST_SIGN_CATEGORIES = 2


@dataclass(frozen=True)
class OdiScore:
    percent: Decimal
    answered: int
    band: str

    @property
    def unanswered(self) -> int:
        """Return how many of the ten sections were not answered."""
        return 10 - self.answered

    @property
    def flagged(self) -> bool:
        """Return True when so many sections are missing that the score needs a second look."""
        return self.unanswered > ODI_MAX_UNANSWERED_WITHOUT_FLAG


def odi_band(percent: Decimal) -> str:
    """Return the Fairbank disability band for an ODI percentage."""
    for upper, band in ODI_BANDS:
        if percent <= upper:
            return band
    return ODI_BANDS[-1][1]


def score_odi(section_scores: Sequence[int | None]) -> OdiScore | None:
    """Score ODI v2.1a: sum / (5 x sections answered) x 100; None when no section is answered."""
    answered = [s for s in section_scores if s is not None]
    if not answered:
        return None
    percent = round1(Decimal(sum(answered)) * 100 / (ODI_SECTION_MAX * len(answered)))
    return OdiScore(percent=percent, answered=len(answered), band=odi_band(percent))


@dataclass(frozen=True)
class BudapestResult:
    symptom_categories: frozenset[str]
    sign_categories: frozenset[str]
    clinical: bool | None
    research: bool | None

    @property
    def summary(self) -> str:
        """Describe the result in one line, e.g. 'meets clinical and research criteria'."""
        if self.clinical is None:
            return "not fully documented"
        if self.research:
            return "meets clinical and research criteria"
        if self.clinical:
            return "meets clinical criteria (not research criteria)"
        return "does not meet clinical criteria"


def categories(items: Iterable[BudapestItem]) -> frozenset[str]:
    """Return the Budapest categories that the items fall in."""
    return frozenset(BudapestItem(i).category for i in items)


def score_budapest(dx: Diagnosis) -> BudapestResult | None:
    """Apply the Budapest clinical and research criteria; None when nothing was examined."""
    if dx.budapest_examined_on is None and not dx.symptoms and not dx.signs:
        return None
    symptoms, signs = categories(dx.symptoms), categories(dx.signs)

    def verdict(symptoms_needed: int) -> bool | None:
        if dx.disproportionate_pain is False or dx.no_better_explanation is False:
            return False
        if not symptoms or not signs:
            # Nothing ticked is not the same as nothing found: the checklist is not filled in.
            return None
        if len(symptoms) < symptoms_needed or len(signs) < BUDAPEST_SIGN_CATEGORIES:
            return False
        if dx.disproportionate_pain is None or dx.no_better_explanation is None:
            return None
        return True

    return BudapestResult(
        symptom_categories=symptoms,
        sign_categories=signs,
        clinical=verdict(BUDAPEST_CLINICAL_SYMPTOM_CATEGORIES),
        research=verdict(BUDAPEST_RESEARCH_SYMPTOM_CATEGORIES),
    )


def percent_reduction(before: Decimal | int | None, after: Decimal | int | None) -> Decimal | None:
    """Return (before - after) / before x 100 to one decimal; None if either is missing or before is 0."""
    if before is None or after is None or before <= 0:
        return None
    return round1((Decimal(before) - Decimal(after)) * 100 / Decimal(before))


def drug_classes_tried(therapy: Therapy) -> list[str]:
    """Return the distinct drug classes tried, in first-seen order."""
    seen: list[str] = []
    for med in therapy.medications:
        if med.drug_class is not None and med.drug_class not in seen:
            seen.append(med.drug_class)
    return seen


def block_relief_increasing(blocks: Sequence[Block]) -> bool | None:
    """Return whether each block's relief lasted longer than the one before; None with fewer than two."""
    durations = [b.relief_days for b in sorted_blocks(blocks) if b.relief_days is not None]
    if len(durations) < 2:
        return None
    return all(later > earlier for earlier, later in zip(durations, durations[1:], strict=False))


def sorted_blocks(blocks: Sequence[Block]) -> list[Block]:
    """Return the blocks in date order, undated ones last."""
    return sorted(blocks, key=lambda b: (b.performed_on is None, b.performed_on or date.min))
