"""The patient, the diagnosis and the psychological evaluation."""

from __future__ import annotations

from .base import Choice


class Sex(Choice):
    FEMALE = "female", "Female"
    MALE = "male", "Male"
    OTHER = "other", "Other"
    UNKNOWN = "unknown", "Unknown"


class Condition(Choice):
    CRPS_1 = "crps_1", "Complex regional pain syndrome type I"
    CRPS_2 = "crps_2", "Complex regional pain syndrome type II (causalgia)"
    FBSS = "fbss", "Failed back surgery syndrome / post-laminectomy syndrome"
    DIABETIC_NEUROPATHY = "diabetic_neuropathy", "Painful diabetic neuropathy"
    OTHER_NEUROPATHIC = "other_neuropathic", "Other chronic neuropathic pain"


class Limb(Choice):
    UPPER = "upper", "Upper limb"
    LOWER = "lower", "Lower limb"


class Side(Choice):
    RIGHT = "right", "Right"
    LEFT = "left", "Left"
    BILATERAL = "bilateral", "Bilateral"
    UNSPECIFIED = "unspecified", "Unspecified"


class BudapestItem(Choice):
    """Budapest symptom and sign items; the prefix before the first underscore is the category."""

    SENSORY_HYPERESTHESIA = "sensory_hyperesthesia", "Hyperesthesia"
    SENSORY_ALLODYNIA = "sensory_allodynia", "Allodynia"
    SENSORY_HYPERALGESIA = "sensory_hyperalgesia", "Hyperalgesia to pinprick"
    VASOMOTOR_TEMPERATURE = "vasomotor_temperature", "Temperature asymmetry"
    VASOMOTOR_COLOUR_CHANGE = "vasomotor_colour_change", "Skin color changes"
    VASOMOTOR_COLOUR_ASYMMETRY = "vasomotor_colour_asymmetry", "Skin color asymmetry"
    SUDOMOTOR_OEDEMA = "sudomotor_oedema", "Edema"
    SUDOMOTOR_SWEATING_CHANGE = "sudomotor_sweating_change", "Sweating changes"
    SUDOMOTOR_SWEATING_ASYMMETRY = "sudomotor_sweating_asymmetry", "Sweating asymmetry"
    MOTOR_RANGE_OF_MOTION = "motor_range_of_motion", "Decreased range of motion"
    MOTOR_DYSFUNCTION = "motor_dysfunction", "Motor dysfunction (weakness, tremor, dystonia)"
    MOTOR_TROPHIC = "motor_trophic", "Trophic changes (hair, nail, skin)"

    @property
    def category(self) -> str:
        """Return the Budapest category: sensory, vasomotor, sudomotor or motor."""
        return self.value.split("_", 1)[0]


BUDAPEST_CATEGORIES = {
    "sensory": "Sensory",
    "vasomotor": "Vasomotor",
    "sudomotor": "Sudomotor / edema",
    "motor": "Motor / trophic",
}


class RadiculopathyRegion(Choice):
    LUMBAR = "lumbar", "Lumbar"
    LUMBOSACRAL = "lumbosacral", "Lumbosacral"


class DiabetesType(Choice):
    TYPE_1 = "type_1", "Type 1"
    TYPE_2 = "type_2", "Type 2"


class AdlLimit(Choice):
    WORK = "work", "Work"
    WALKING = "walking", "Walking"
    STANDING = "standing", "Standing"
    SITTING = "sitting", "Sitting"
    SLEEP = "sleep", "Sleep"
    SELF_CARE = "self_care", "Self-care"
    HOUSEHOLD = "household", "Household tasks"
    DRIVING = "driving", "Driving"
    SOCIAL = "social", "Social life"


class EvaluatorCredential(Choice):
    PSYCHIATRIST = "psychiatrist", "Psychiatrist"
    PSYCHOLOGIST = "psychologist", "Psychologist"
    CLINICAL_SOCIAL_WORKER = "clinical_social_worker", "Licensed clinical social worker"
    OTHER_SUPERVISED = "other_supervised", "Other practitioner under physician supervision"
    MEDICAL_SOCIAL_WORKER = "medical_social_worker", "Licensed medical social worker"
    LICENSED_COUNSELLOR = "licensed_counsellor", "Licensed professional counselor (LPC / LMHC)"
    MARRIAGE_FAMILY_THERAPIST = "marriage_family_therapist", "Licensed marriage and family therapist"
    PSYCHIATRIC_NURSE_PRACTITIONER = "psychiatric_nurse_practitioner", "Psychiatric nurse practitioner"


class PsychInstrument(Choice):
    PHQ9 = "phq9", "PHQ-9"
    GAD7 = "gad7", "GAD-7"
    PCS = "pcs", "Pain Catastrophizing Scale"
    BDI2 = "bdi2", "BDI-II"
    MMPI3 = "mmpi3", "MMPI-3"
    DASS21 = "dass21", "DASS-21"
    STRUCTURED_INTERVIEW = "structured_interview", "Structured clinical interview"


class PsychConclusion(Choice):
    CLEARED = "cleared", "Cleared"
    CLEARED_WITH_RECOMMENDATIONS = "cleared_with_recommendations", "Cleared with recommendations"
    NOT_CLEARED = "not_cleared", "Not cleared"


class SubstanceUse(Choice):
    NONE = "none", "No substance use disorder"
    REMISSION = "remission", "History of substance use disorder, in sustained remission"
    REMISSION_ON_MAINTENANCE = (
        "remission_on_maintenance",
        "Substance use disorder in remission, on maintenance therapy",
    )
    TREATED = "treated", "Substance use disorder under active treatment"
    UNTREATED = "untreated", "Active, untreated substance use disorder"
