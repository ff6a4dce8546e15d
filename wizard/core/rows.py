"""Repeating rows of a case: medications, PT courses, injections, surgeries, therapies, drugs, blocks."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from .choices import (
    Antithrombotic,
    DrugClass,
    HoldUnit,
    ImagingGuidance,
    InjectionKind,
    Opioid,
    OtherTherapyKind,
    PtSetting,
    Side,
    SurgeryKind,
    TherapyOutcome,
)
from .fields import fact, nrs, text


@dataclass(frozen=True)
class Medication:
    drug: str = text("Drug name")
    drug_class: DrugClass | None = fact("Drug class")
    dose: str = text("Dose and frequency, e.g. 300 mg three times daily", 100)
    started_on: date | None = fact("Start date")
    stopped_on: date | None = fact("Stop date; empty if ongoing")
    outcome: TherapyOutcome | None = fact("Outcome")
    reason_stopped: str = text("Reason stopped or why it is insufficient", 500)
    opioid: Opioid | None = fact("Opioid, for the MME calculation", since=2)
    opioid_dose_per_day: Decimal | None = fact(
        "Opioid total daily dose: mg per day; transdermal fentanyl: mcg per hour", min=0, max=10000, since=2
    )


@dataclass(frozen=True)
class PtCourse:
    licensed_pt: bool | None = fact("Delivered by a licensed physical therapist")
    setting: PtSetting | None = fact("Setting")
    started_on: date | None = fact("First visit")
    ended_on: date | None = fact("Last visit; empty if ongoing")
    visits: int | None = fact("Number of visits", min=0, max=500)
    outcome: TherapyOutcome | None = fact("Outcome")
    response: str = text("Response and reason for stopping", 500)


@dataclass(frozen=True)
class Injection:
    kind: InjectionKind | None = fact("Injection or block type")
    performed_on: date | None = fact("Date performed")
    side: Side | None = fact("Side")
    level: str = text("Level or target, e.g. L4-5", 60)
    pain_before_nrs: int | None = nrs("Pain before, 0-10")
    pain_after_nrs: int | None = nrs("Pain after, 0-10")
    relief_days: int | None = fact("Duration of relief in days", min=0, max=3650)


@dataclass(frozen=True)
class Surgery:
    kind: SurgeryKind | None = fact("Kind of surgery")
    performed_on: date | None = fact("Date of surgery")
    procedure: str = text("Procedure as described in the operative note")
    levels: str = text("Spinal levels, e.g. L4-S1", 60)
    outcome: str = text("Outcome", 500)


@dataclass(frozen=True)
class OtherTherapy:
    kind: OtherTherapyKind | None = fact("Therapy")
    started_on: date | None = fact("Start date")
    ended_on: date | None = fact("End date; empty if ongoing")
    sessions: int | None = fact("Number of sessions", min=0, max=500)
    outcome: TherapyOutcome | None = fact("Outcome")
    notes: str = text("Response in words", 500)


@dataclass(frozen=True)
class AntithromboticUse:
    drug: Antithrombotic | None = fact("Antithrombotic drug")
    planned_hold: int | None = fact("Planned hold before the procedure", min=0, max=60)
    hold_unit: HoldUnit | None = fact("Unit of the planned hold")
    prescriber: str = text("Prescribing clinician consulted")
    prescriber_agreed: bool | None = fact("Plan agreed with the prescriber")


@dataclass(frozen=True)
class Block:
    performed_on: date | None = fact("Date of the block")
    side: Side | None = fact("Side")
    levels: str = text("Levels, e.g. L2, L3", 60)
    pain_before_nrs: int | None = nrs("Pain before, 0-10")
    pain_after_nrs: int | None = nrs("Pain after, 0-10")
    relief_days: int | None = fact("Duration of relief in days", min=0, max=365)
    rehabilitation: str = text("Rehabilitation the relief enabled", 500)
    imaging_guidance: ImagingGuidance | None = fact("Imaging that guided the needle", since=3)
    temperature_rise_celsius: Decimal | None = fact(
        "Rise in skin temperature of the treated limb after the block, degrees Celsius",
        min=0,
        max=15,
        since=3,
    )
    sympathetic_signs: str = text(
        "Other signs the block was sympathetic, e.g. venodilation, Horner's", 200, since=3
    )
