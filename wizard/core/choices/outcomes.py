"""The trial's outcome and the current system's history."""

from __future__ import annotations

from .base import Choice


class TrialKind(Choice):
    PERCUTANEOUS = "percutaneous", "Percutaneous temporary leads, external stimulator"
    STAGED = "staged", "Surgically placed (staged) leads"


class TrialFunction(Choice):
    WALKING = "walking", "Walking distance or time"
    SLEEP = "sleep", "Sleep"
    STANDING_SITTING = "standing_sitting", "Standing or sitting tolerance"
    SELF_CARE = "self_care", "Self-care"
    HOUSEHOLD = "household", "Household tasks"
    WORK = "work", "Work or volunteering"
    EXERCISE = "exercise", "Exercise or therapy participation"


class DeviceProblem(Choice):
    BATTERY_END_OF_LIFE = "battery_end_of_life", "Battery at end of life"
    MALFUNCTION = "malfunction", "Device malfunction"
    LEAD_MIGRATION = "lead_migration", "Lead migration"
    LEAD_FRACTURE = "lead_fracture", "Lead fracture"
    INFECTION = "infection", "Infection"
    LOSS_OF_EFFICACY = "loss_of_efficacy", "Loss of efficacy despite reprogramming"
    OTHER = "other", "Other"
    NONE = "none", "None — the system works"

    @property
    def is_hardware_failure(self) -> bool:
        """Return True for a failure of the hardware itself, as opposed to a loss of effect.

        An infected system is not a hardware failure: it is explanted, the infection treated, and a new
        system implanted later (reference 9.3 #11 lists infection as a reason to document, not to replace).
        """
        return self not in (
            DeviceProblem.LOSS_OF_EFFICACY,
            DeviceProblem.OTHER,
            DeviceProblem.INFECTION,
            DeviceProblem.NONE,
        )
