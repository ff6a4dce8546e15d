"""Morphine milligram equivalents per day, computed from the opioid rows with published conversion factors.

One source for the baseline MME: a stated `baselines.mme_per_day` wins when given (a version-1 case file
keeps its value), otherwise the value computed here; when both exist and differ, the stated value needs
`baselines.mme_reason`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from .choices import DrugClass, Opioid
from .facts import CaseFacts, Medication
from .rules import Citation, Confidence

# Updates U6: SECONDARY here, so the table is shown as "check the published table" beside each factor.
CDC_2022 = Citation(
    "CDC-2022",
    "CDC Clinical Practice Guideline for Prescribing Opioids for Pain — United States, 2022 "
    "(MMWR Recomm Rep 2022;71(3))",
    "Table: morphine milligram equivalent conversion factors (oral unless stated) — check the published table",
    "https://www.cdc.gov/mmwr/volumes/71/rr/rr7103a1.htm",
    date(2022, 11, 4),
    Confidence.SECONDARY,
)
LETTER_SOURCE = "CDC 2022 conversion factors"
SOURCE_WORDS = f"{LETTER_SOURCE} — secondary source, check the published table"

MG_PER_DAY = "mg/day"
MCG_PER_HOUR = "mcg/h"

# MME per mg/day, except transdermal fentanyl: MME per mcg/h [CDC-2022 Table].
FACTORS: dict[Opioid, Decimal] = {
    Opioid.CODEINE: Decimal("0.15"),
    Opioid.HYDROCODONE: Decimal("1"),
    Opioid.HYDROMORPHONE: Decimal("5"),
    Opioid.METHADONE: Decimal("4.7"),
    Opioid.MORPHINE: Decimal("1"),
    Opioid.OXYCODONE: Decimal("1.5"),
    Opioid.OXYMORPHONE: Decimal("3"),
    Opioid.TAPENTADOL: Decimal("0.4"),
    Opioid.TRAMADOL: Decimal("0.2"),
    Opioid.FENTANYL_TRANSDERMAL: Decimal("2.4"),
}
UNITS = {Opioid.FENTANYL_TRANSDERMAL: MCG_PER_HOUR}

# Why a current row gives no MME; buprenorphine is listed, never converted [CDC-2022].
NO_FACTOR = {
    Opioid.BUPRENORPHINE: "buprenorphine has no MME conversion factor for this purpose: listed, not converted",
    Opioid.OTHER: "other opioid: no conversion factor in the table; convert by hand and state the MME",
}
NO_DOSE = "no daily dose recorded"
NOT_NAMED = "an opioid-class row without the opioid chosen for the MME calculation"


def display_number(value: Decimal) -> str:
    """Return a value for display: at most two decimals, no trailing zeros ('45', '3.75', '4.5')."""
    rounded = value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP).normalize()
    return format(rounded, "f")


@dataclass(frozen=True)
class MmeLine:
    """One current opioid converted: drug, daily dose, factor and MME (exact)."""

    opioid: Opioid
    dose: Decimal
    factor: Decimal
    mme: Decimal

    @property
    def unit(self) -> str:
        return UNITS.get(self.opioid, MG_PER_DAY)

    @property
    def text(self) -> str:
        """Return 'Oxycodone 30 mg/day × 1.5 = 45 MME'."""
        return (
            f"{self.opioid.label} {display_number(self.dose)} {self.unit} × {display_number(self.factor)}"
            f" = {display_number(self.mme)} MME"
        )


@dataclass(frozen=True)
class Unconverted:
    """One current opioid row that gives no MME, and why."""

    drug: str
    reason: str
    # None for a version-1 row of class "opioid" whose opioid was never chosen.
    opioid: Opioid | None = None

    @property
    def text(self) -> str:
        return f"{self.drug}: {self.reason}"


@dataclass(frozen=True)
class MmeCalculation:
    """MME per day from the rows: the lines, the exact total, and what could not be converted.

    `total` is None when no opioid row is documented, or when current opioids exist and none converts;
    0 when every documented opioid row has stopped.
    """

    lines: tuple[MmeLine, ...] = ()
    unconverted: tuple[Unconverted, ...] = ()
    total: Decimal | None = None

    @property
    def complete(self) -> bool:
        """Return True when every current opioid row was converted."""
        return not self.unconverted

    @property
    def named_unconverted(self) -> tuple[Unconverted, ...]:
        """Return the unconverted rows whose opioid is chosen (buprenorphine, other, no dose)."""
        return tuple(u for u in self.unconverted if u.opioid is not None)

    @property
    def summary(self) -> str:
        """Return the lines and the unconverted rows in words, for a note beside the value."""
        parts = [line.text for line in self.lines]
        parts += [f"not converted — {u.text}" for u in self.unconverted]
        return "; ".join(parts)


def is_current(med: Medication, as_of: date | None) -> bool:
    """Return whether a row is taken on `as_of` (any recorded stop counts when there is no date)."""
    if med.stopped_on is not None and (as_of is None or med.stopped_on <= as_of):
        return False
    return med.started_on is None or as_of is None or med.started_on <= as_of


def row_name(med: Medication) -> str:
    """Return how a row is named in the notes: the opioid's label, or the drug as typed."""
    return med.opioid.label if med.opioid is not None else med.drug or "unnamed opioid"


def convert(med: Medication) -> MmeLine | Unconverted:
    """Return the MME line of a current opioid row, or why it cannot be converted."""
    if med.opioid is None:
        return Unconverted(row_name(med), NOT_NAMED)
    factor = FACTORS.get(med.opioid)
    if factor is None:
        return Unconverted(row_name(med), NO_FACTOR[med.opioid], med.opioid)
    if med.opioid_dose_per_day is None:
        return Unconverted(row_name(med), NO_DOSE, med.opioid)
    dose = Decimal(med.opioid_dose_per_day)
    return MmeLine(med.opioid, dose, factor, dose * factor)


def compute_mme(medications: Sequence[Medication], as_of: date | None) -> MmeCalculation:
    """Return MME per day from the medication rows current on `as_of` [CDC-2022 Table]."""
    documented = [m for m in medications if m.opioid is not None]
    # A v1 row of class "opioid" without the opioid chosen cannot be converted, so it never reads as 0.
    unnamed = [m for m in medications if m.opioid is None and m.drug_class == DrugClass.OPIOID]
    current = [m for m in (*documented, *unnamed) if is_current(m, as_of)]
    converted = [convert(m) for m in current]
    lines = tuple(c for c in converted if isinstance(c, MmeLine))
    unconverted = tuple(c for c in converted if isinstance(c, Unconverted))
    if not documented and not unconverted:
        return MmeCalculation()
    if unconverted and not lines:
        return MmeCalculation((), unconverted, None)
    return MmeCalculation(lines, unconverted, sum((line.mme for line in lines), Decimal(0)))


@dataclass(frozen=True)
class BaselineMme:
    """The baseline MME per day from one source: stated wins when given, otherwise computed."""

    stated: Decimal | None
    computed: MmeCalculation
    reason: str = ""

    @property
    def value(self) -> Decimal | None:
        return self.stated if self.stated is not None else self.computed.total

    @property
    def is_computed(self) -> bool:
        """Return True when the value comes from the rows (nothing stated)."""
        return self.stated is None and self.computed.total is not None

    @property
    def differs(self) -> bool:
        """Return True when a stated and a computed value both exist and are not equal (exactly)."""
        return (
            self.stated is not None and self.computed.total is not None and self.stated != self.computed.total
        )

    @property
    def needs_reason(self) -> bool:
        """Return True when the stated value differs from the computed one and no reason is given."""
        return self.differs and not self.reason.strip()

    @property
    def takes_none(self) -> bool:
        """Return True when the value is 0 and no current row with a chosen opioid is left unconverted."""
        return self.value == 0 and not self.computed.named_unconverted


def baseline_mme(facts: CaseFacts, as_of: date | None) -> BaselineMme:
    """Return the baseline MME per day of a case: stated or computed from the rows current on `as_of`."""
    b = facts.baselines
    return BaselineMme(b.mme_per_day, compute_mme(facts.therapy.medications, as_of), b.mme_reason)
