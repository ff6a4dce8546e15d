"""What is requested, from whom and where."""

from __future__ import annotations

from .base import Choice


class Procedure(Choice):
    SCS_TRIAL = "scs_trial", "Spinal cord stimulator trial"
    SCS_PERMANENT = "scs_permanent", "Spinal cord stimulator permanent implant"
    SCS_REPLACEMENT = "scs_replacement", "Spinal cord or DRG stimulator generator replacement or revision"
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


class BluePlan(Choice):
    """The member's own Blue plan: each adopts BCBSA 7.01.25 under its own name (updates U2)."""

    HIGHMARK = "highmark", "Highmark Blue Cross Blue Shield"
    BCBS_NORTH_DAKOTA = "bcbs_north_dakota", "Blue Cross Blue Shield of North Dakota"
    TRIPLE_S = "triple_s", "Triple-S Salud (Blue Cross Blue Shield of Puerto Rico)"
    BCBS_MINNESOTA = "bcbs_minnesota", "Blue Cross and Blue Shield of Minnesota"
    OTHER = "other", "Another Blue plan (name it below)"


class StimulatorKind(Choice):
    SCS = "scs", "Spinal cord stimulator"
    DRG = "drg", "Dorsal root ganglion stimulator"


class DeviceMaker(Choice):
    ABBOTT = "abbott", "Abbott"
    BOSTON_SCIENTIFIC = "boston_scientific", "Boston Scientific"
    MEDTRONIC = "medtronic", "Medtronic"
    NEVRO = "nevro", "Nevro"
    SALUDA = "saluda", "Saluda Medical"
    NALU = "nalu", "Nalu Medical"
    OTHER = "other", "Other"
