"""The diagnosis, function-and-pain baseline and psychological evaluation steps."""

from django import forms

from ..core.choices import (
    BUDAPEST_CATEGORIES,
    AdlLimit,
    BudapestItem,
    Condition,
    DiabetesType,
    EvaluatorCredential,
    Limb,
    PsychConclusion,
    PsychInstrument,
    RadiculopathyRegion,
    Side,
    SubstanceUse,
)
from ..core.facts import Baselines, Diagnosis, Psych
from ..core.icd10 import is_icd10_code
from ..core.mme import MmeCalculation, display_number
from ..core.odi import ODI_SECTIONS
from .base import StepForm
from .fields import (
    choice,
    date_field,
    decimal_field,
    multi_choice,
    notes_field,
    nrs_field,
    radio_choice,
    text_field,
    tri_state,
)
from .layout import Group
from .payer_help import payer_help

CRPS = (Condition.CRPS_1.value, Condition.CRPS_2.value)
SIGN_ONLY = {BudapestItem.SENSORY_HYPERALGESIA}
SYMPTOM_ONLY = {BudapestItem.SENSORY_HYPERESTHESIA}


def budapest_choices(exclude: set) -> list:
    """Return Budapest items grouped by category, for checkboxes."""
    return [
        (title, [(i.value, i.label) for i in BudapestItem if i.category == key and i not in exclude])
        for key, title in BUDAPEST_CATEGORIES.items()
    ]


class DiagnosisForm(StepForm):
    section_class = Diagnosis

    condition = choice(Condition, "Diagnosis", "Payers cover stimulation for named indications only.", True)
    limb = radio_choice(Limb, "Limb", "Decides the ICD-10-CM code.")
    side = radio_choice(Side, "Side", "Laterality is part of the code; an unspecified side invites denial.")
    onset_on = date_field("Pain began on", "Gives the pain duration some payers require (e.g. 12 months).")
    inciting_event = text_field("Inciting event", "e.g. right ankle fracture, lumbar fusion", 500)
    pain_nrs = nrs_field(
        "Pain now (NRS 0-10)",
        payer_help(
            "Pain at this visit, from 0 (none) to 10 (worst imaginable).",
            aetna="Aetna lists moderate to severe pain, 5/10 or more.",
        ),
    )
    budapest_examined_on = date_field("Examined on", "Signs count only when seen at the time of evaluation.")
    disproportionate_pain = tri_state("A. Continuing pain disproportionate to any inciting event")
    symptoms = multi_choice(
        BudapestItem, "B. Symptoms the patient reports", choices=budapest_choices(SIGN_ONLY)
    )
    signs = multi_choice(BudapestItem, "C. Signs on examination", choices=budapest_choices(SYMPTOM_ONLY))
    no_better_explanation = tri_state("D. No other diagnosis better explains the signs and symptoms")
    nerve_injury_evidence = notes_field(
        "Evidence of nerve injury", "CRPS II requires a defined nerve injury, e.g. EMG/NCS findings."
    )
    radicular_pain = tri_state(
        "Radicular leg pain predominates", "Stimulation evidence for FBSS is for leg pain."
    )
    radiculopathy_region = radio_choice(RadiculopathyRegion, "Radiculopathy region", "Adds M54.16 or M54.17.")
    imaging = notes_field(
        "Imaging",
        payer_help(
            "Modality, date and findings.",
            aetna="Modality, date and findings; Aetna asks for documented pathology.",
        ),
    )
    diabetes_type = radio_choice(DiabetesType, "Diabetes", "E10.42 or E11.42.")
    other_icd10 = text_field("ICD-10-CM code", "e.g. G89.29", 8)
    other_description = text_field("Condition name", "The condition as the payer lists it.")

    groups = (
        Group("Condition", (("condition", "pain_nrs"), ("onset_on", "inciting_event"))),
        Group("Limb and side", (("limb", "side"),), show_field="condition", show_values=CRPS),
        Group(
            "Budapest criteria",
            ("budapest_examined_on", "disproportionate_pain", ("symptoms", "signs"), "no_better_explanation"),
            note="Clinical: symptoms in 3 of 4 categories, signs in 2 of 4. Research: symptoms in all 4.",
            show_field="condition",
            show_values=CRPS,
        ),
        Group(
            "Nerve injury (CRPS II)",
            ("nerve_injury_evidence",),
            show_field="condition",
            show_values=(Condition.CRPS_2.value,),
        ),
        Group(
            "Failed back surgery syndrome",
            (("radicular_pain", "radiculopathy_region"), "imaging"),
            note="Record the spine surgeries themselves in Therapy history.",
            show_field="condition",
            show_values=(Condition.FBSS.value,),
        ),
        Group(
            "Diabetic neuropathy",
            ("diabetes_type",),
            show_field="condition",
            show_values=(Condition.DIABETIC_NEUROPATHY.value,),
        ),
        Group(
            "Other neuropathic pain",
            (("other_icd10", "other_description"),),
            show_field="condition",
            show_values=(Condition.OTHER_NEUROPATHIC.value,),
        ),
    )

    def clean_other_icd10(self):
        code = self.cleaned_data["other_icd10"].strip().upper()
        if code and not is_icd10_code(code):
            raise forms.ValidationError("Write an ICD-10-CM code like G89.29.", code="icd10")
        return code

    def clean(self):
        cleaned = super().clean()
        condition = cleaned.get("condition")
        needed = {
            "limb": (condition in CRPS, "Choose the limb: the ICD-10-CM code depends on it."),
            "side": (condition in CRPS, "Choose the side: the ICD-10-CM code depends on it."),
            "diabetes_type": (condition == Condition.DIABETIC_NEUROPATHY, "Choose the diabetes type."),
            "other_icd10": (condition == Condition.OTHER_NEUROPATHIC, "Give the ICD-10-CM code."),
        }
        for name, (is_needed, message) in needed.items():
            if is_needed and not cleaned.get(name) and name not in self.errors:
                self.add_error(name, forms.ValidationError(message, code="required"))
        return cleaned


# What the two ends of each section mean, in our own words (the questionnaire's wording is not ours).
ODI_ENDS = {
    "odi_pain": "0 = no pain right now · 5 = pain as bad as can be imagined right now",
    "odi_personal_care": "0 = washes and dresses as usual, no extra pain · 5 = cannot wash or dress, stays in bed",
    "odi_lifting": "0 = lifts heavy things with no extra pain · 5 = cannot lift or carry anything",
    "odi_walking": "0 = no pain-related limit on walking · 5 = in bed most of the time, walking hardly at all",
    "odi_sitting": "0 = sits in any chair as long as they like · 5 = cannot sit at all because of pain",
    "odi_standing": "0 = stands as long as they like, no extra pain · 5 = cannot stand at all because of pain",
    "odi_sleeping": "0 = pain never disturbs sleep · 5 = pain prevents sleep altogether",
    "odi_sex_life": "0 = sex life as usual, no extra pain · 5 = no sex life because of pain",
    "odi_social_life": "0 = social life as usual, no extra pain · 5 = no social life because of pain",
    "odi_travelling": "0 = travels anywhere without extra pain · 5 = travels only to get treatment",
}


def odi_field(name: str, label: str) -> forms.TypedChoiceField:
    """Return one ODI section: 0-5 or not answered, with what 0 and 5 mean."""
    return forms.TypedChoiceField(
        label=label,
        help_text=ODI_ENDS[name],
        required=False,
        choices=[("", "Not answered"), *((i, str(i)) for i in range(6))],
        coerce=int,
        empty_value=None,
        error_messages={"invalid_choice": "Score each section 0 to 5, or choose “Not answered”."},
    )


OdiFields = type("OdiFields", (forms.Form,), {name: odi_field(name, label) for name, label in ODI_SECTIONS})


ODI_ROWS = tuple(tuple(name for name, _ in ODI_SECTIONS[i : i + 5]) for i in (0, 5))


class BaselinesForm(StepForm, OdiFields):
    section_class = Baselines

    odi_completed_on = date_field(
        "ODI completed on",
        payer_help(
            "The day the patient filled in the questionnaire.",
            aetna="Aetna requires ODI of 21% or more before stimulation.",
        ),
    )
    pain_nrs_average = nrs_field("Average pain, past week (NRS)")
    pain_nrs_worst = nrs_field("Worst pain, past week (NRS)")
    adl_limits = multi_choice(
        AdlLimit,
        "Daily activities limited",
        payer_help(
            "How pain limits the patient's daily activities.",
            medicare="Medicare contractors ask how pain affects ADLs.",
        ),
    )
    adl_notes = notes_field(
        "How the pain limits daily life", "Concrete limits: distances, hours, tasks given up."
    )
    mme_per_day = decimal_field(
        "Opioids (MME per day)",
        "Morphine milligram equivalents; 0 if none. Overrides the value computed from the opioid rows of "
        "the therapy step: leave empty to use the computed value.",
    )
    mme_reason = text_field(
        "Why the stated MME differs from the computed value", "Needed when the two differ.", 500
    )

    groups = (
        Group(
            "Oswestry Disability Index (v2.1a)",
            ("odi_completed_on", *ODI_ROWS),
            note="Score each section 0 (least) to 5 (most); “Not answered” if the patient skipped it.",
        ),
        Group("Pain", (("pain_nrs_average", "pain_nrs_worst", "mme_per_day"), "mme_reason")),
        Group("Daily activities", ("adl_limits", "adl_notes")),
    )

    def __init__(self, *args, computed_mme: MmeCalculation | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.computed_mme = computed_mme
        if computed_mme is not None and computed_mme.total is not None:
            computed = f" Computed: {display_number(computed_mme.total)} MME/day ({computed_mme.summary})."
            self.fields["mme_per_day"].help_text += computed

    def clean(self):
        cleaned = super().clean()
        stated = cleaned.get("mme_per_day")
        computed = self.computed_mme.total if self.computed_mme is not None else None
        if (
            stated is not None
            and computed is not None
            and stated != computed
            and not cleaned.get("mme_reason")
        ):
            self.add_error(
                "mme_reason",
                forms.ValidationError(
                    "The opioid rows of the therapy step give %(computed)s MME/day: say why the stated "
                    "%(stated)s differs, or leave the stated value empty to use the computed one.",
                    code="mme_reason_required",
                    params={"computed": display_number(computed), "stated": display_number(stated)},
                ),
            )
        return cleaned


class PsychForm(StepForm):
    section_class = Psych

    evaluator_name = text_field("Evaluator", "The missing psychological evaluation is the top denial reason.")
    evaluator_credential = choice(
        EvaluatorCredential,
        "Qualification",
        payer_help(
            "The evaluator's professional qualification.", medicare="Medicare lists who may evaluate."
        ),
    )
    evaluated_on = date_field("Evaluated on", "Must precede the trial.")
    instruments = multi_choice(PsychInstrument, "Instruments used")
    conclusion = radio_choice(PsychConclusion, "Conclusion", "Payers need an explicit clearance statement.")
    recommendations = notes_field("Recommendations")
    recommendations_completed = tri_state("Recommendations completed")
    substance_use = radio_choice(
        SubstanceUse,
        "Substance use",
        payer_help(
            "Current or past substance use, and whether it is treated.",
            medicare="Medicare: no active substance abuse.",
            aetna="Aetna: no untreated substance use disorder.",
        ),
    )
    drug_screen_reviewed = tri_state(
        "Urine drug screen reviewed", "Seen in one payer review; not a confirmed rule."
    )
    realistic_expectations = tri_state("Realistic expectations of the therapy")
    able_to_operate_device = tri_state("Able to operate the device")

    groups = (
        Group("Evaluator", (("evaluator_name", "evaluator_credential", "evaluated_on"), "instruments")),
        Group("Conclusion", ("conclusion", "recommendations", "recommendations_completed")),
        Group(
            "Findings",
            ("substance_use", "drug_screen_reviewed", "realistic_expectations", "able_to_operate_device"),
        ),
    )
