"""The contraindications and safety step, with antithrombotic drugs as rows."""

from django import forms

from ..core.choices import Antithrombotic, HoldUnit
from ..core.facts import AntithromboticUse, Safety
from .base import RowForm, StepForm, rows_formset
from .fields import choice, count_field, date_field, decimal_field, notes_field, text_field, tri_state
from .layout import Group


class AntithromboticForm(RowForm):
    section_class = AntithromboticUse
    drug = choice(Antithrombotic, "Drug", required=True)
    planned_hold = count_field("Planned hold", "Agreed with the prescriber.", max_value=60)
    hold_unit = choice(HoldUnit, "Unit")
    prescriber = text_field("Prescriber consulted")
    prescriber_agreed = tri_state("Plan agreed with the prescriber")
    lines = (("drug", "planned_hold", "hold_unit"), ("prescriber", "prescriber_agreed"))

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("planned_hold") is not None and not cleaned.get("hold_unit"):
            self.add_error("hold_unit", forms.ValidationError("Hours or days?", code="required"))
        return cleaned


class SafetyForm(StepForm):
    section_class = Safety
    formsets = {"antithrombotics": rows_formset(AntithromboticForm)}

    active_infection = tri_state("Active infection", "Infection must be excluded before any implant.")
    immunocompromised = tri_state("Immunocompromised")
    bleeding_disorder = tri_state("Known bleeding disorder")
    inr = decimal_field("INR", "ASRA asks for a normal INR after warfarin.", max_value=20, places=2)
    inr_on = date_field("INR date")
    platelets = count_field("Platelets (×10³/µL)", max_value=2000)
    platelets_on = date_field("Platelet count date")
    cardiac_device = tri_state(
        "Cardiac pacemaker or defibrillator", "Aetna's summary lists this as a contraindication."
    )
    pregnant = tri_state("Pregnant", "Safety of stimulation in pregnancy is not established.")
    future_mri_needed = tri_state("Future MRI anticipated", "Choose an MRI-conditional system.")
    anatomical_constraints = notes_field(
        "Anatomical constraints", "e.g. severe central stenosis at the target level, prior fusion hardware."
    )

    groups = (
        Group("Infection and immunity", (("active_infection", "immunocompromised"),)),
        Group(
            "Coagulation",
            ("bleeding_disorder", ("inr", "inr_on"), ("platelets", "platelets_on")),
        ),
        Group(
            "Antithrombotic drugs",
            (),
            note="The review shows the ASRA interval beside each planned hold. It is advisory: the plan is "
            "agreed with the prescriber, never an instruction to stop a drug.",
            formset="antithrombotics",
        ),
        Group(
            "Other contraindications",
            (("cardiac_device", "pregnant", "future_mri_needed"), "anatomical_constraints"),
        ),
    )
