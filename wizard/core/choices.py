"""Closed vocabularies of a case: each value is stable (stored in JSON), each label is for people."""

from __future__ import annotations

from enum import StrEnum


class Choice(StrEnum):
    """A string enum whose members carry a human label: `Side.RIGHT.label == "Right"`."""

    label: str

    def __new__(cls, value: str, label: str = "") -> Choice:
        member = str.__new__(cls, value)
        member._value_ = value
        member.label = label or value.replace("_", " ").capitalize()
        return member

    @classmethod
    def choices(cls) -> list[tuple[str, str]]:
        """Return (value, label) pairs in declaration order."""
        return [(m.value, m.label) for m in cls]


class Procedure(Choice):
    SCS_TRIAL = "scs_trial", "Spinal cord stimulator trial"
    SCS_PERMANENT = "scs_permanent", "Spinal cord stimulator permanent implant"
    SCS_REPLACEMENT = "scs_replacement", "Spinal cord stimulator generator replacement or revision"
    DRG_TRIAL = "drg_trial", "Dorsal root ganglion stimulator trial"
    DRG_PERMANENT = "drg_permanent", "Dorsal root ganglion stimulator permanent implant"
    LUMBAR_SYMPATHETIC_BLOCK = "lumbar_sympathetic_block", "Lumbar sympathetic block"
    STELLATE_GANGLION_BLOCK = "stellate_ganglion_block", "Stellate ganglion block"


class RevisionKind(Choice):
    GENERATOR_REPLACEMENT = "generator_replacement", "Generator (IPG) replacement"
    GENERATOR_REVISION = "generator_revision", "Generator revision or removal"
    PERCUTANEOUS_LEAD_REVISION = "percutaneous_lead_revision", "Percutaneous lead revision"
    PADDLE_LEAD_REVISION = "paddle_lead_revision", "Paddle lead revision"


class Payer(Choice):
    MEDICARE = "medicare", "Medicare (traditional)"
    HUMANA_MA = "humana_ma", "Humana Medicare Advantage"
    AETNA = "aetna", "Aetna"
    EVICORE_CIGNA = "evicore_cigna", "Cigna / eviCore"
    BCBSA = "bcbsa", "Blue Cross Blue Shield plan (BCBSA 7.01.25)"
    OTHER_COMMERCIAL = "other_commercial", "Other commercial plan"
    UHC = "uhc", "UnitedHealthcare (commercial)"
    ANTHEM = "anthem", "Anthem (Elevance) / Carelon"


class MacJurisdiction(Choice):
    JF = "JF", "JF — Noridian"
    JE = "JE", "JE — Noridian"
    JJ = "JJ", "JJ — Palmetto GBA"
    JM = "JM", "JM — Palmetto GBA"
    J15 = "J15", "J15 — CGS"
    J6 = "J6", "J6 — NGS"
    JK = "JK", "JK — NGS"
    JH = "JH", "JH — Novitas"
    JL = "JL", "JL — Novitas"
    J5 = "J5", "J5 — WPS"
    J8 = "J8", "J8 — WPS"
    JN = "JN", "JN — First Coast"


class PlaceOfService(Choice):
    OFFICE = "office", "Office (POS 11)"
    ASC = "asc", "Ambulatory surgery center (POS 24)"
    HOSPITAL_OUTPATIENT = "hospital_outpatient", "Hospital outpatient (POS 22)"
    HOSPITAL_INPATIENT = "hospital_inpatient", "Hospital inpatient (POS 21)"


class LeadType(Choice):
    PERCUTANEOUS = "percutaneous", "Percutaneous (cylindrical) leads"
    PADDLE = "paddle", "Paddle (plate) lead via laminotomy"


class StimulationMode(Choice):
    TONIC = "tonic", "Conventional tonic"
    HIGH_FREQUENCY = "high_frequency", "High frequency (10 kHz)"
    BURST = "burst", "Burst"
    OTHER_NON_TONIC = "other_non_tonic", "Other non-tonic (closed-loop, DTM, multimodal)"


class SpinalRegion(Choice):
    CERVICAL = "cervical", "Cervical"
    THORACIC = "thoracic", "Thoracic"
    LUMBAR = "lumbar", "Lumbar"


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
    VASOMOTOR_COLOUR_CHANGE = "vasomotor_colour_change", "Skin colour changes"
    VASOMOTOR_COLOUR_ASYMMETRY = "vasomotor_colour_asymmetry", "Skin colour asymmetry"
    SUDOMOTOR_OEDEMA = "sudomotor_oedema", "Oedema"
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
    "sudomotor": "Sudomotor / oedema",
    "motor": "Motor / trophic",
}


class RadiculopathyRegion(Choice):
    LUMBAR = "lumbar", "Lumbar"
    LUMBOSACRAL = "lumbosacral", "Lumbosacral"


class DiabetesType(Choice):
    TYPE_1 = "type_1", "Type 1"
    TYPE_2 = "type_2", "Type 2"


class DrugClass(Choice):
    ACETAMINOPHEN = "acetaminophen", "Acetaminophen"
    NSAID = "nsaid", "NSAID"
    GABAPENTINOID = "gabapentinoid", "Gabapentinoid"
    TCA = "tca", "Tricyclic antidepressant"
    SNRI = "snri", "SNRI"
    SSRI = "ssri", "SSRI"
    ANTICONVULSANT = "anticonvulsant", "Other anticonvulsant"
    OPIOID = "opioid", "Opioid"
    MUSCLE_RELAXANT = "muscle_relaxant", "Muscle relaxant"
    TOPICAL = "topical", "Topical agent"
    CORTICOSTEROID = "corticosteroid", "Oral corticosteroid"
    BISPHOSPHONATE = "bisphosphonate", "Bisphosphonate"
    OTHER = "other", "Other"


class TherapyOutcome(Choice):
    INEFFECTIVE = "ineffective", "Ineffective"
    PARTIAL = "partial", "Partial relief, insufficient"
    SIDE_EFFECTS = "side_effects", "Not tolerated (side effects)"
    EFFECTIVE = "effective", "Effective"

    @property
    def failed(self) -> bool:
        """Return True when the therapy was tried and did not give adequate relief."""
        return self is not TherapyOutcome.EFFECTIVE


class PtSetting(Choice):
    IN_PERSON = "in_person", "In person"
    VIRTUAL = "virtual", "Virtual / telehealth"
    HOME = "home", "Home exercise programme"


class InjectionKind(Choice):
    EPIDURAL_STEROID = "epidural_steroid", "Epidural steroid injection"
    FACET = "facet", "Facet / medial branch block"
    RADIOFREQUENCY = "radiofrequency", "Radiofrequency ablation"
    SYMPATHETIC_BLOCK = "sympathetic_block", "Sympathetic block"
    PERIPHERAL_NERVE_BLOCK = "peripheral_nerve_block", "Peripheral nerve block"
    TRIGGER_POINT = "trigger_point", "Trigger point injection"
    OTHER = "other", "Other injection"


class SurgeryKind(Choice):
    FUSION = "fusion", "Spinal fusion"
    LAMINECTOMY = "laminectomy", "Laminectomy / laminotomy"
    DISCECTOMY = "discectomy", "Discectomy"
    OTHER_SPINE = "other_spine", "Other spine surgery"
    NON_SPINE = "non_spine", "Non-spine surgery"

    @property
    def is_spine(self) -> bool:
        """Return True for surgery on the spine."""
        return self is not SurgeryKind.NON_SPINE


class OtherTherapyKind(Choice):
    PSYCHOLOGICAL = "psychological", "Psychological therapy (CBT, pain psychology)"
    OCCUPATIONAL = "occupational", "Occupational therapy"
    GRADED_MOTOR_IMAGERY = "graded_motor_imagery", "Graded motor imagery / mirror therapy"
    TENS = "tens", "TENS"
    ACUPUNCTURE = "acupuncture", "Acupuncture"
    CHIROPRACTIC = "chiropractic", "Chiropractic"
    OTHER = "other", "Other"


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
    LICENSED_COUNSELLOR = "licensed_counsellor", "Licensed professional counsellor (LPC / LMHC)"
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


class Antithrombotic(Choice):
    ASPIRIN_PRIMARY = "aspirin_primary", "Aspirin — primary prophylaxis"
    ASPIRIN_SECONDARY = "aspirin_secondary", "Aspirin — secondary prophylaxis"
    IBUPROFEN = "ibuprofen", "Ibuprofen / diclofenac / ketorolac"
    ETODOLAC = "etodolac", "Etodolac / indomethacin"
    NAPROXEN = "naproxen", "Naproxen / meloxicam"
    NABUMETONE = "nabumetone", "Nabumetone"
    PIROXICAM = "piroxicam", "Oxaprozin / piroxicam"
    CILOSTAZOL = "cilostazol", "Cilostazol"
    DIPYRIDAMOLE = "dipyridamole", "Dipyridamole"
    WARFARIN = "warfarin", "Warfarin"
    ACENOCOUMAROL = "acenocoumarol", "Acenocoumarol"
    HEPARIN_IV = "heparin_iv", "Unfractionated heparin, IV"
    HEPARIN_SC = "heparin_sc", "Unfractionated heparin, subcutaneous"
    ENOXAPARIN_PROPHYLACTIC = "enoxaparin_prophylactic", "Enoxaparin, prophylactic dose"
    ENOXAPARIN_THERAPEUTIC = "enoxaparin_therapeutic", "Enoxaparin, therapeutic dose"
    DALTEPARIN = "dalteparin", "Dalteparin"
    CLOPIDOGREL = "clopidogrel", "Clopidogrel"
    PRASUGREL = "prasugrel", "Prasugrel"
    TICAGRELOR = "ticagrelor", "Ticagrelor"
    DABIGATRAN = "dabigatran", "Dabigatran"
    RIVAROXABAN = "rivaroxaban", "Rivaroxaban"
    APIXABAN = "apixaban", "Apixaban"
    EDOXABAN = "edoxaban", "Edoxaban"
    FONDAPARINUX = "fondaparinux", "Fondaparinux"
    OTHER = "other", "Other antithrombotic"


class HoldUnit(Choice):
    HOURS = "hours", "hours"
    DAYS = "days", "days"


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
