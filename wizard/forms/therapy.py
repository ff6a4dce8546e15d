"""The therapy history step: medications, PT, injections, surgeries and other therapies as rows."""

from django import forms

from ..core.choices import (
    DrugClass,
    InjectionKind,
    Opioid,
    OtherTherapyKind,
    PtSetting,
    Side,
    SurgeryKind,
    TherapyOutcome,
)
from ..core.facts import Injection, Medication, OtherTherapy, PtCourse, Surgery, Therapy
from .base import RowForm, StepForm, rows_formset
from .fields import (
    choice,
    count_field,
    date_field,
    decimal_field,
    notes_field,
    nrs_field,
    text_field,
    tri_state,
)
from .layout import Group
from .payer_help import payer_help


class MedicationForm(RowForm):
    section_class = Medication
    drug = text_field("Drug", required=True)
    drug_class = choice(DrugClass, "Drug class")
    dose = text_field("Dose", "e.g. 300 mg three times daily", 100)
    started_on = date_field("Started on")
    stopped_on = date_field("Stopped on", "Empty if still taken.")
    outcome = choice(
        TherapyOutcome,
        "Outcome",
        payer_help(
            "Whether the treatment helped and why it stopped.",
            medicare="NCD 160.7: other treatments tried and unsatisfactory.",
        ),
    )
    reason_stopped = text_field("Reason stopped / why insufficient", max_length=500)
    opioid = choice(Opioid, "Opioid", "For the MME calculation (CDC 2022 factors).")
    opioid_dose_per_day = decimal_field(
        "Opioid dose (mg per day; fentanyl patch: mcg per hour)",
        "Total daily dose; for a fentanyl patch, its rate in mcg per hour.",
        max_value=10000,
        places=2,
    )
    lines = (
        ("drug", "drug_class", "dose"),
        ("opioid", "opioid_dose_per_day"),
        ("started_on", "stopped_on", "outcome"),
        ("reason_stopped",),
    )

    def clean(self):
        cleaned = super().clean()
        opioid, drug_class = cleaned.get("opioid"), cleaned.get("drug_class")
        if cleaned.get("opioid_dose_per_day") is not None and opioid is None:
            self.add_error(
                "opioid",
                forms.ValidationError(
                    "Choose the opioid this daily dose is for.", code="dose_without_opioid"
                ),
            )
        # Choosing the opioid says the class: fill it in, but flag a class that contradicts it.
        if opioid is not None and drug_class is None:
            cleaned["drug_class"] = DrugClass.OPIOID
        elif opioid is not None and drug_class != DrugClass.OPIOID:
            self.add_error(
                "drug_class",
                forms.ValidationError(
                    "An opioid is chosen below: the class is Opioid.", code="opioid_class_mismatch"
                ),
            )
        return cleaned


class PtCourseForm(RowForm):
    section_class = PtCourse
    licensed_pt = tri_state("Licensed physical therapist")
    setting = choice(PtSetting, "Setting", payer_help("", aetna="Aetna counts in-person PT only."))
    started_on = date_field("First visit", required=True)
    ended_on = date_field("Last visit", "Empty if ongoing.")
    visits = count_field("Visits")
    outcome = choice(TherapyOutcome, "Outcome")
    response = text_field("How the patient responded", max_length=500)
    lines = (("setting", "started_on", "ended_on", "visits"), ("licensed_pt", "outcome", "response"))


class InjectionForm(RowForm):
    section_class = Injection
    kind = choice(InjectionKind, "Injection", required=True)
    performed_on = date_field("Injected on")
    side = choice(Side, "Side")
    level = text_field("Level or target", max_length=60)
    pain_before_nrs = nrs_field("Pain before (NRS)")
    pain_after_nrs = nrs_field("Pain after (NRS)")
    relief_days = count_field("Relief lasted (days)", max_value=3650)
    lines = (("kind", "performed_on", "side", "level"), ("pain_before_nrs", "pain_after_nrs", "relief_days"))


class SurgeryForm(RowForm):
    section_class = Surgery
    kind = choice(SurgeryKind, "Surgery", required=True)
    performed_on = date_field(
        "Operated on", payer_help("", aetna="Aetna expects more than 6 months since spine surgery.")
    )
    procedure = text_field("Procedure")
    levels = text_field("Levels", "e.g. L4-S1", 60)
    outcome = text_field("Result of the surgery", max_length=500)
    lines = (("kind", "performed_on", "levels"), ("procedure", "outcome"))


class OtherTherapyForm(RowForm):
    section_class = OtherTherapy
    kind = choice(OtherTherapyKind, "Therapy", required=True)
    started_on = date_field("Started on")
    ended_on = date_field("Ended on", "Empty if ongoing.")
    sessions = count_field("Sessions")
    outcome = choice(TherapyOutcome, "Outcome")
    notes = text_field("How the patient responded", max_length=500)
    lines = (("kind", "started_on", "ended_on", "sessions"), ("outcome", "notes"))


class TherapyForm(StepForm):
    section_class = Therapy
    formsets = {
        "medications": rows_formset(MedicationForm),
        "pt_courses": rows_formset(PtCourseForm),
        "injections": rows_formset(InjectionForm),
        "surgeries": rows_formset(SurgeryForm),
        "other_therapies": rows_formset(OtherTherapyForm),
    }

    had_spine_surgery = tri_state(
        "The patient has had spine surgery",
        payer_help("", aetna="Aetna expects more than 6 months since any spine surgery."),
    )
    medication_unsuitable_reason = notes_field("Why further medication trials are unsuitable", max_length=500)
    pt_unsuitable_reason = notes_field("Why physical therapy was not possible", max_length=500)
    injection_unsuitable_reason = notes_field("Why injections were not appropriate", max_length=500)
    surgery_unsuitable_reason = notes_field("Why (further) surgery is not indicated", max_length=500)
    psych_therapy_unsuitable_reason = notes_field(
        "Why psychological therapy was not possible", max_length=500
    )

    groups = (
        Group(
            "Medications",
            (),
            note="Name, dose, dates and why each stopped: “tried medications” alone is a common denial.",
            formset="medications",
        ),
        Group(
            "Physical therapy",
            (),
            note="Dates and visits; payers count weeks in the last 12 months.",
            formset="pt_courses",
        ),
        Group(
            "Injections and blocks",
            (),
            note="Serial sympathetic blocks for a block request go in their own step.",
            formset="injections",
        ),
        Group(
            "Surgeries",
            ("had_spine_surgery",),
            note="List each surgery: spine surgeries date the post-surgical interval.",
            formset="surgeries",
        ),
        Group("Psychological and other therapies", (), formset="other_therapies"),
        Group(
            "Modalities judged unsuitable",
            (
                ("medication_unsuitable_reason", "pt_unsuitable_reason"),
                ("injection_unsuitable_reason", "surgery_unsuitable_reason"),
                "psych_therapy_unsuitable_reason",
            ),
            note=payer_help(
                "A modality judged unsuitable counts when the reason is stated.",
                medicare="NCD 160.7 accepts a modality that was judged unsuitable, if the reason is stated.",
            ),
        ),
    )

    def check_rows(self, rows: dict) -> None:
        if self.cleaned_data.get("had_spine_surgery") is False and any(
            s.kind is not None and s.kind.is_spine for s in rows["surgeries"]
        ):
            self.add_error(
                "had_spine_surgery",
                forms.ValidationError("A spine surgery is listed below; answer Yes.", code="contradiction"),
            )
