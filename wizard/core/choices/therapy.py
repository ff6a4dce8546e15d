"""Treatments tried before the request and how each went."""

from __future__ import annotations

from .base import Choice


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
    HOME = "home", "Home exercise program"


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


class Opioid(Choice):
    """Opioids with a published MME conversion factor (updates U6), and buprenorphine, which has none."""

    CODEINE = "codeine", "Codeine"
    HYDROCODONE = "hydrocodone", "Hydrocodone"
    HYDROMORPHONE = "hydromorphone", "Hydromorphone"
    METHADONE = "methadone", "Methadone"
    MORPHINE = "morphine", "Morphine"
    OXYCODONE = "oxycodone", "Oxycodone"
    OXYMORPHONE = "oxymorphone", "Oxymorphone"
    TAPENTADOL = "tapentadol", "Tapentadol"
    TRAMADOL = "tramadol", "Tramadol"
    FENTANYL_TRANSDERMAL = "fentanyl_transdermal", "Fentanyl, transdermal patch"
    BUPRENORPHINE = "buprenorphine", "Buprenorphine"
    OTHER = "other", "Other opioid"


class ImagingGuidance(Choice):
    FLUOROSCOPY = "fluoroscopy", "Fluoroscopy with contrast"
    ULTRASOUND = "ultrasound", "Ultrasound"
    CT = "ct", "CT"
    NONE = "none", "No imaging"
