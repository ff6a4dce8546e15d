"""The contraindications and safety step, with antithrombotic drugs as rows."""

from django import forms

from ..core.choices import Antithrombotic, HoldUnit, NicotineUse
from ..core.facts import AntithromboticUse, Safety
from ..core.fields import LONG_TEXT
from .base import RowForm, StepForm, rows_formset
from .fields import (
    choice,
    count_field,
    date_field,
    decimal_field,
    notes_field,
    radio_choice,
    text_field,
    tri_state,
)
from .layout import Group
from .payer_help import payer_help


class AntithromboticForm(RowForm):
    section_class = AntithromboticUse
    drug = choice(Antithrombotic, "Drug", required=True)
    planned_hold = count_field("Planned hold", "Agreed with the prescriber.", max_value=60)
    hold_unit = choice(HoldUnit, "Hold in hours or days")
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
    ptt_seconds = decimal_field("aPTT (seconds)", "Activated partial thromboplastin time.", max_value=300)
    ptt_upper_normal_seconds = decimal_field(
        "aPTT upper limit of normal (seconds)",
        "The top of the reference range printed on the lab report. Ranges differ between laboratories, so the "
        "review compares the aPTT with this number only.",
        max_value=300,
    )
    ptt_on = date_field("aPTT date")
    coagulation_plan = notes_field(
        "Plan to correct coagulation",
        "Only if a value is out of range or a bleeding disorder is known: the plan (for example a hematology "
        "review) and who agreed it. The values are rechecked before the procedure.",
        max_length=LONG_TEXT,
    )
    creatinine_clearance_ml_min = count_field(
        "Creatinine clearance (mL/min)",
        "Some anticoagulants (dabigatran, therapeutic-dose LMWH) have hold intervals that depend on kidney "
        "function.",
        max_value=250,
    )
    creatinine_clearance_on = date_field("Creatinine clearance date")
    nicotine_use = radio_choice(
        NicotineUse,
        "Nicotine use",
        "Any nicotine product: cigarettes, cigars, vaping, chewing tobacco, patches or gum.",
    )
    nicotine_free_on = date_field(
        "Date nicotine stopped", "For a former user only: the last day any nicotine product was used."
    )
    cardiac_device = tri_state(
        "Cardiac pacemaker or defibrillator",
        payer_help(
            "Shown as a caution on the review.",
            aetna="Aetna's summary lists this as a contraindication.",
        ),
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
            (
                "bleeding_disorder",
                ("inr", "inr_on"),
                ("platelets", "platelets_on"),
                ("ptt_seconds", "ptt_upper_normal_seconds", "ptt_on"),
                "coagulation_plan",
            ),
        ),
        Group(
            "Kidney function",
            (("creatinine_clearance_ml_min", "creatinine_clearance_on"),),
            note="Used for the hold intervals of drugs cleared by the kidney.",
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
        Group("Nicotine", (("nicotine_use", "nicotine_free_on"),)),
    )

    def clean(self):
        cleaned = super().clean()
        stopped_on = cleaned.get("nicotine_free_on")
        if stopped_on is not None and cleaned.get("nicotine_use") != NicotineUse.FORMER:
            self.add_error(
                "nicotine_free_on",
                forms.ValidationError(
                    "A date nicotine stopped goes only with “Former user, now nicotine-free”.",
                    code="nicotine_free_on_without_former",
                ),
            )
        return cleaned
