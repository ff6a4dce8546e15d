"""The facts of one case: one frozen dataclass per wizard step, every fact optional.

A missing fact is None (or an empty tuple) and means "not documented"; it is never read as "no".
Field metadata carries the documentation and limits that the JSON schema and the forms share.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, time
from decimal import Decimal

from .choices import (
    AdlLimit,
    BluePlan,
    BudapestItem,
    Condition,
    DeviceMaker,
    DeviceProblem,
    DiabetesType,
    EvaluatorCredential,
    LeadType,
    Limb,
    MacJurisdiction,
    NicotineUse,
    Payer,
    PlaceOfService,
    Procedure,
    PsychConclusion,
    PsychInstrument,
    RadiculopathyRegion,
    RevisionKind,
    Sex,
    Side,
    SpinalRegion,
    StimulationMode,
    StimulatorKind,
    SubstanceUse,
    TrialFunction,
    TrialKind,
)
from .fields import LONG_TEXT, fact, nrs, rows, text
from .odi import OdiAnswers
from .rows import AntithromboticUse, Block, Injection, Medication, OtherTherapy, PtCourse, Surgery


@dataclass(frozen=True)
class Clinician:
    name: str = text("Clinician's full name as signed")
    credentials: str = text("Degrees and board certification, e.g. MD, FIPP", max_length=100)
    npi: str = text("Individual NPI (10 digits)", max_length=10)
    direct_phone: str = text("Direct line for a peer-to-peer discussion", max_length=40, since=3)


@dataclass(frozen=True)
class Practice:
    name: str = text("Practice name on the letterhead")
    address: str = text("Postal address, may span lines", max_length=500)
    phone: str = text("Telephone", max_length=40)
    fax: str = text("Fax", max_length=40)
    npi: str = text("Group NPI (10 digits)", max_length=10)
    state: str = text("State of the practice, two-letter postal code", max_length=2, since=2)


@dataclass(frozen=True)
class Request:
    procedure: Procedure | None = fact("Requested procedure")
    revision_kind: RevisionKind | None = fact("For replacement/revision: what is done")
    payer: Payer | None = fact("Payer profile whose criteria apply")
    payer_name: str = text("Payer name as printed (required for other commercial plans)")
    plan_name: str = text("Plan or product name")
    blue_plan: BluePlan | None = fact("The member's own Blue plan (Blue Cross Blue Shield payer)", since=2)
    mac_jurisdiction: MacJurisdiction | None = fact("Medicare MAC jurisdiction of the practice")
    place_of_service: PlaceOfService | None = fact("Where the procedure is performed")
    facility_name: str = text("Facility where the procedure is performed", since=3)
    facility_npi: str = text("Facility NPI (10 digits)", max_length=10, since=3)
    planned_on: date | None = fact("Planned date of the procedure")
    lead_type: LeadType | None = fact("Lead type for stimulator requests")
    lead_count: int | None = fact("Number of leads (electrode arrays)", min=0, max=8)
    contacts_total: int | None = fact("Total number of contacts across all leads", min=0, max=64)
    generator_rechargeable: bool | None = fact("Implanted generator is rechargeable")
    stimulation_mode: StimulationMode | None = fact("Stimulation waveform")
    device_maker: DeviceMaker | None = fact("Maker of the requested system", since=2)
    device_model: str = text("Model of the requested system", 100, since=2)
    spinal_region: SpinalRegion | None = fact("Spinal region of the leads")
    lead_levels: str = text("Planned lead levels, e.g. T8-T10, or the DRG levels L4 and L5", 60, since=3)
    prior_trials_in_region: int | None = fact("Earlier stimulator trials in this region", min=0, max=20)
    repeat_trial_reason: str = text("Why a repeat trial in this region is justified", 500)
    block_side: Side | None = fact("Side of a sympathetic block")
    block_levels: str = text("Vertebral levels injected, comma separated, e.g. L2, L3", 60)
    has_existing_stimulator: bool | None = fact("Patient already has an implanted stimulator")
    trial_authorization: str = text(
        "The trial's authorization number or Medicare unique tracking number (UTN)", 60, since=2
    )
    clinician: Clinician = field(default_factory=Clinician, metadata={"doc": "Requesting clinician"})
    practice: Practice = field(default_factory=Practice, metadata={"doc": "Practice letterhead"})


@dataclass(frozen=True)
class Patient:
    name: str = text("Patient's full legal name")
    born_on: date | None = fact("Date of birth")
    sex: Sex | None = fact("Sex")
    member_id: str = text("Insurance member id", max_length=60)


@dataclass(frozen=True)
class Diagnosis:
    condition: Condition | None = fact("Primary diagnosis")
    limb: Limb | None = fact("Affected limb (CRPS)")
    side: Side | None = fact("Affected side")
    onset_on: date | None = fact("Date the pain began")
    inciting_event: str = text("Inciting event, e.g. ankle fracture, surgery", max_length=500)
    pain_nrs: int | None = nrs("Current pain, 0-10")
    budapest_examined_on: date | None = fact("Date of the Budapest examination")
    disproportionate_pain: bool | None = fact("Budapest A: pain disproportionate to the inciting event")
    symptoms: tuple[BudapestItem, ...] = rows("Budapest B: symptoms the patient reports")
    signs: tuple[BudapestItem, ...] = rows("Budapest C: signs observed on examination")
    no_better_explanation: bool | None = fact("Budapest D: no other diagnosis better explains it")
    nerve_injury_evidence: str = text("CRPS II: evidence of a defined nerve injury", LONG_TEXT)
    radicular_pain: bool | None = fact("Radicular (leg) pain predominates (FBSS)")
    radiculopathy_region: RadiculopathyRegion | None = fact("Radiculopathy region (FBSS)")
    imaging: str = text("Imaging: modality, date and findings", LONG_TEXT)
    diabetes_type: DiabetesType | None = fact("Diabetes type (painful diabetic neuropathy)")
    other_icd10: str = text("ICD-10-CM code for other neuropathic pain", max_length=8)
    other_description: str = text("Description of other neuropathic pain")


@dataclass(frozen=True)
class Therapy:
    medications: tuple[Medication, ...] = rows("Medication trials")
    pt_courses: tuple[PtCourse, ...] = rows("Physical therapy courses")
    injections: tuple[Injection, ...] = rows("Injections and blocks (other than the serial blocks step)")
    surgeries: tuple[Surgery, ...] = rows("Surgeries, spinal or related to the pain")
    had_spine_surgery: bool | None = fact("The patient has had spine surgery (each one listed)")
    other_therapies: tuple[OtherTherapy, ...] = rows("Psychological and other therapies")
    pt_unsuitable_reason: str = text("Why physical therapy was judged unsuitable", 500)
    medication_unsuitable_reason: str = text("Why further medication trials are unsuitable", 500)
    injection_unsuitable_reason: str = text("Why injections were judged unsuitable", 500)
    surgery_unsuitable_reason: str = text("Why (further) surgery is not indicated", 500)
    psych_therapy_unsuitable_reason: str = text("Why psychological therapy was judged unsuitable", 500)


@dataclass(frozen=True)
class Baselines:
    odi_completed_on: date | None = fact("Date the ODI was completed")
    odi: OdiAnswers = field(default_factory=OdiAnswers, metadata={"doc": "ODI v2.1a answers"})
    pain_nrs_average: int | None = nrs("Average pain over the past week, 0-10")
    pain_nrs_worst: int | None = nrs("Worst pain over the past week, 0-10")
    adl_limits: tuple[AdlLimit, ...] = rows("Activities of daily living limited by pain")
    adl_notes: str = text("How the pain limits daily activities", LONG_TEXT)
    mme_per_day: Decimal | None = fact(
        "Opioid use in MME per day as stated; overrides the value computed from the medication rows",
        min=0,
        max=2000,
    )
    mme_reason: str = text("Why the stated MME differs from the value computed from the rows", 500, since=2)


@dataclass(frozen=True)
class Psych:
    evaluator_name: str = text("Evaluator's name")
    evaluator_credential: EvaluatorCredential | None = fact("Evaluator's qualification")
    evaluated_on: date | None = fact("Date of the evaluation")
    instruments: tuple[PsychInstrument, ...] = rows("Instruments used")
    conclusion: PsychConclusion | None = fact("Conclusion")
    recommendations: str = text("Recommendations of the evaluator", LONG_TEXT)
    recommendations_completed: bool | None = fact("Recommendations completed")
    substance_use: SubstanceUse | None = fact("Substance use disorder status")
    drug_screen_reviewed: bool | None = fact("Urine drug screen reviewed")
    realistic_expectations: bool | None = fact("Patient has realistic expectations")
    able_to_operate_device: bool | None = fact("Patient is able to operate the device")


@dataclass(frozen=True)
class Safety:
    active_infection: bool | None = fact("Active systemic or local infection")
    immunocompromised: bool | None = fact("Immunocompromised")
    bleeding_disorder: bool | None = fact("Known bleeding disorder")
    inr: Decimal | None = fact("INR", min=0, max=20)
    inr_on: date | None = fact("Date of the INR")
    platelets: int | None = fact("Platelet count, x10^3 per microlitre", min=0, max=2000)
    platelets_on: date | None = fact("Date of the platelet count")
    ptt_seconds: Decimal | None = fact(
        "Activated partial thromboplastin time (aPTT), seconds", min=0, max=300, since=2
    )
    ptt_upper_normal_seconds: Decimal | None = fact(
        "Upper limit of the laboratory's aPTT reference range, seconds", min=0, max=300, since=2
    )
    ptt_on: date | None = fact("Date of the aPTT", since=2)
    creatinine_clearance_ml_min: int | None = fact("Creatinine clearance, mL/min", min=0, max=250, since=2)
    creatinine_clearance_on: date | None = fact("Date of the creatinine clearance", since=2)
    coagulation_plan: str = text(
        "Plan to correct the coagulation values or manage the bleeding disorder, and who agreed it",
        LONG_TEXT,
        since=2,
    )
    antithrombotics: tuple[AntithromboticUse, ...] = rows("Antithrombotic drugs and their plan")
    cardiac_device: bool | None = fact("Cardiac pacemaker or defibrillator")
    pregnant: bool | None = fact("Pregnant")
    future_mri_needed: bool | None = fact("Future MRI anticipated")
    anatomical_constraints: str = text("Anatomical constraints at the target", LONG_TEXT)
    nicotine_use: NicotineUse | None = fact("Nicotine use", since=2)
    nicotine_free_on: date | None = fact("Date a former user stopped nicotine", since=2)


@dataclass(frozen=True)
class Trial:
    kind: TrialKind | None = fact("Trial type")
    started_on: date | None = fact("Trial lead placement")
    ended_on: date | None = fact("Trial lead removal")
    placed_at: time | None = fact("Time of trial lead placement, 24-hour HH:MM", since=2)
    removed_at: time | None = fact("Time of trial lead removal, 24-hour HH:MM", since=2)
    lead_count: int | None = fact("Trial leads", min=0, max=8)
    contacts_total: int | None = fact("Trial contacts in total", min=0, max=64)
    pain_before_nrs: int | None = nrs("Target-area pain before the trial, 0-10")
    pain_during_nrs: int | None = nrs("Target-area pain during the trial, 0-10")
    pain_measurement: str = text(
        "How trial pain was measured, e.g. daily NRS diary, days 2-7 averaged", since=3
    )
    leg_pain_before_nrs: int | None = nrs("Leg pain before the trial, 0-10", since=3)
    leg_pain_during_nrs: int | None = nrs("Leg pain during the trial, 0-10", since=3)
    back_pain_before_nrs: int | None = nrs("Back pain before the trial, 0-10", since=3)
    back_pain_during_nrs: int | None = nrs("Back pain during the trial, 0-10", since=3)
    mme_before: Decimal | None = fact("Opioid use before the trial, MME per day", min=0, max=2000)
    mme_during: Decimal | None = fact("Opioid use during the trial, MME per day", min=0, max=2000)
    odi: OdiAnswers = field(default_factory=OdiAnswers, metadata={"doc": "ODI during the trial"})
    functional_gains: tuple[TrialFunction, ...] = rows("Functions that improved during the trial")
    functional_notes: str = text("Functional gains in the patient's words or measured", LONG_TEXT)
    satisfied: bool | None = fact("Patient satisfied with the trial")
    wishes_to_proceed: bool | None = fact("Patient wishes to proceed to a permanent implant")
    adverse_events: str = text("Adverse events during the trial; 'none' if none", 500)
    is_repeat_trial: bool | None = fact("This was a repeat trial")
    prior_failure_reason: str = text("Why the earlier trial failed", 500)


@dataclass(frozen=True)
class Device:
    implanted_on: date | None = fact("Date the current system was implanted")
    system: str = text("Manufacturer and model")
    kind: StimulatorKind | None = fact("Kind of the current system", since=2)
    maker: DeviceMaker | None = fact("Maker of the current system", since=2)
    waveform: StimulationMode | None = fact("Waveform the current system delivers", since=2)
    rechargeable: bool | None = fact("Current generator is rechargeable")
    problem: DeviceProblem | None = fact("Problem with the current system")
    problem_noted_on: date | None = fact("Date the problem was found")
    problem_details: str = text("Interrogation findings, imaging, impedances", LONG_TEXT)
    pain_before_implant_nrs: int | None = nrs("Pain before the original implant, 0-10")
    pain_with_device_nrs: int | None = nrs("Pain while the system worked, 0-10")
    benefit_notes: str = text("Benefit the system gave before the problem", LONG_TEXT)
    reprogramming_attempts: int | None = fact("Reprogramming sessions tried", min=0, max=100)
    reprogramming_notes: str = text("What reprogramming tried and its result", LONG_TEXT)


@dataclass(frozen=True)
class Blocks:
    first_block: bool | None = fact("The requested block is the first for this condition")
    blocks: tuple[Block, ...] = rows("Earlier sympathetic blocks in date order")
    comprehensive_program: bool | None = fact("Blocks are part of a comprehensive pain programme")
    program_notes: str = text("Programme: PT/OT, education, psychosocial support, medication", 500)


@dataclass(frozen=True)
class Decision:
    discussed_on: date | None = fact("Date of the shared decision-making visit")
    risks_benefits_discussed: bool | None = fact("Specific risks and benefits discussed")
    risks_notes: str = text("Risks and benefits discussed", LONG_TEXT)
    alternatives_discussed: bool | None = fact("Alternatives and non-surgical options discussed")
    alternatives_notes: str = text("Alternatives discussed", LONG_TEXT)
    patient_wishes_to_proceed: bool | None = fact("Patient states they wish to proceed")
    patient_statement: str = text("Patient's goals in their own words", LONG_TEXT)
    facilities_available: bool | None = fact("Facilities and staff for implant and follow-up available")
    why_now: str = text(
        "Why this procedure, now (and why this rather than revising the current system)", LONG_TEXT, since=3
    )
    trial_success_definition: str = text("What the trial must show to count as a success", 500, since=3)
    existing_system_plan: str = text("What happens to the existing system", 500, since=3)
    post_procedure_plan: str = text(
        "After the procedure: rehabilitation, medication taper, follow-up and the measures repeated",
        LONG_TEXT,
        since=3,
    )


@dataclass(frozen=True)
class CaseFacts:
    request: Request = field(default_factory=Request, metadata={"doc": "Request"})
    patient: Patient = field(default_factory=Patient, metadata={"doc": "Patient"})
    diagnosis: Diagnosis = field(default_factory=Diagnosis, metadata={"doc": "Diagnosis"})
    therapy: Therapy = field(default_factory=Therapy, metadata={"doc": "Therapy history"})
    baselines: Baselines = field(default_factory=Baselines, metadata={"doc": "Baselines"})
    psych: Psych = field(default_factory=Psych, metadata={"doc": "Psychological evaluation"})
    safety: Safety = field(default_factory=Safety, metadata={"doc": "Contraindications and safety"})
    trial: Trial = field(default_factory=Trial, metadata={"doc": "Trial outcome"})
    device: Device = field(default_factory=Device, metadata={"doc": "Device history"})
    blocks: Blocks = field(default_factory=Blocks, metadata={"doc": "Serial blocks"})
    decision: Decision = field(default_factory=Decision, metadata={"doc": "Shared decision-making"})
