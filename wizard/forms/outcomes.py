"""The trial outcome, device history, serial blocks, shared decision and review steps."""

from django import forms

from ..core.choices import (
    DeviceMaker,
    DeviceProblem,
    ImagingGuidance,
    Side,
    StimulationMode,
    StimulatorKind,
    TrialFunction,
    TrialKind,
)
from ..core.facts import Block, Blocks, Decision, Device, Trial
from .base import RowForm, StepForm, rows_formset
from .clinical import ODI_ROWS, OdiFields
from .fields import (
    choice,
    count_field,
    date_field,
    decimal_field,
    multi_choice,
    notes_field,
    nrs_field,
    radio_choice,
    text_field,
    time_field,
    tri_state,
)
from .layout import Group
from .payer_help import payer_help


class TrialForm(StepForm, OdiFields):
    section_class = Trial

    kind = radio_choice(TrialKind, "Trial type")
    started_on = date_field(
        "Leads placed on",
        payer_help(
            "The trial's length is counted from this day.",
            aetna="Aetna expects a trial of 3-7 days.",
            evicore_cigna="eviCore expects a trial of more than 48 hours.",
        ),
    )
    placed_at = time_field("Time placed", "With the removal time it gives the trial length in hours.")
    ended_on = date_field("Leads removed on")
    removed_at = time_field(
        "Time removed",
        payer_help(
            "With the time placed it gives the trial length in hours.",
            evicore_cigna="eviCore counts hours: more than 48.",
        ),
    )
    lead_count = count_field("Leads used in the trial", max_value=8)
    contacts_total = count_field("Contacts in the trial leads", max_value=64)
    pain_before_nrs = nrs_field("Target pain before (NRS)", "Pain in the area the stimulation targets.")
    pain_during_nrs = nrs_field("Target pain during (NRS)", "With usual activity, not at rest.")
    pain_measurement = text_field(
        "How pain was measured", "e.g. daily NRS diary, days 2-7 averaged; printed beside the scores."
    )
    leg_pain_before_nrs = nrs_field("Leg pain before (NRS)", "Leg and back apart, where both hurt.")
    leg_pain_during_nrs = nrs_field("Leg pain during (NRS)")
    back_pain_before_nrs = nrs_field("Back pain before (NRS)")
    back_pain_during_nrs = nrs_field("Back pain during (NRS)")
    mme_before = decimal_field(
        "Opioids before (MME/day)",
        payer_help(
            "Opioid dose before the trial, in morphine milligram equivalents a day.",
            medicare="Medicare also accepts a 50% analgesic reduction.",
        ),
    )
    mme_during = decimal_field("Opioids during (MME/day)")
    functional_gains = multi_choice(
        TrialFunction,
        "Functions that improved",
        payer_help(
            "What the patient could do better during the trial.",
            medicare="Medicare requires some functional gain.",
        ),
    )
    functional_notes = notes_field("Functional gains in detail", "Distances, hours of sleep, tasks resumed.")
    satisfied = tri_state("Patient satisfied with the trial")
    wishes_to_proceed = tri_state("Patient wishes to proceed to a permanent implant")
    adverse_events = text_field("Adverse events", "Write “none” if there were none.", 500)
    is_repeat_trial = tri_state("This was a repeat trial")
    prior_failure_reason = notes_field(
        "Why the earlier trial failed",
        payer_help("", medicare="Medicare allows a repeat only for a cause."),
        500,
    )

    groups = (
        Group(
            "Trial",
            (
                "kind",
                ("started_on", "placed_at"),
                ("ended_on", "removed_at"),
                ("lead_count", "contacts_total"),
            ),
        ),
        Group(
            "Pain and analgesics",
            (
                ("pain_before_nrs", "pain_during_nrs"),
                "pain_measurement",
                ("leg_pain_before_nrs", "leg_pain_during_nrs"),
                ("back_pain_before_nrs", "back_pain_during_nrs"),
                ("mme_before", "mme_during"),
            ),
            note="Percentages are computed from these numbers.",
        ),
        Group("ODI during the trial", ODI_ROWS, note="Optional; shown beside the baseline ODI."),
        Group("Function", ("functional_gains", "functional_notes")),
        Group("Patient's view", (("satisfied", "wishes_to_proceed"), "adverse_events")),
        Group("Repeat trial", ("is_repeat_trial", "prior_failure_reason")),
    )


class DeviceForm(StepForm):
    section_class = Device

    implanted_on = date_field("Current system implanted on")
    system = text_field("Manufacturer and model")
    kind = radio_choice(
        StimulatorKind,
        "Kind of system",
        payer_help("", evicore_cigna="eviCore covers DRG stimulation only to replace one."),
    )
    maker = choice(DeviceMaker, "Maker")
    waveform = choice(
        StimulationMode,
        "Waveform it delivers",
        payer_help("", aetna="Aetna: a working tonic system is not swapped for another waveform."),
    )
    rechargeable = tri_state("Current generator is rechargeable")
    problem = choice(
        DeviceProblem,
        "Problem",
        "A replacement needs a documented hardware problem; choose “None” if the system works.",
    )
    problem_noted_on = date_field("Problem found on")
    problem_details = notes_field("Findings", "Interrogation, impedances, imaging.")
    pain_before_implant_nrs = nrs_field("Pain before the implant (NRS)")
    pain_with_device_nrs = nrs_field("Pain while it worked (NRS)", "Prior benefit justifies replacement.")
    benefit_notes = notes_field("Benefit before the problem")
    reprogramming_attempts = count_field("Reprogramming sessions", max_value=100)
    reprogramming_notes = notes_field("Reprogramming tried", "Waveforms, contacts, results.")

    groups = (
        Group(
            "System",
            (("implanted_on", "system", "rechargeable"), ("kind", "maker", "waveform")),
        ),
        Group("Problem", (("problem", "problem_noted_on"), "problem_details")),
        Group("Benefit", (("pain_before_implant_nrs", "pain_with_device_nrs"), "benefit_notes")),
        Group("Reprogramming", ("reprogramming_attempts", "reprogramming_notes")),
    )


class BlockForm(RowForm):
    section_class = Block
    performed_on = date_field("Block performed on", required=True)
    side = choice(Side, "Side")
    levels = text_field("Levels", max_length=60)
    pain_before_nrs = nrs_field("Pain before (NRS)")
    pain_after_nrs = nrs_field("Pain after (NRS)")
    relief_days = count_field("Relief lasted (days)", max_value=365)
    rehabilitation = text_field("Rehabilitation it enabled", max_length=500)
    imaging_guidance = choice(ImagingGuidance, "Imaging guidance")
    temperature_rise_celsius = decimal_field(
        "Limb temperature rise (°C)", "Skin temperature of the treated limb after the block.", 15
    )
    sympathetic_signs = text_field(
        "Other sympathetic signs", "e.g. venodilation, flushing, Horner's syndrome.", 200
    )
    lines = (
        ("performed_on", "side", "levels"),
        ("imaging_guidance", "temperature_rise_celsius", "sympathetic_signs"),
        ("pain_before_nrs", "pain_after_nrs", "relief_days"),
        ("rehabilitation",),
    )


class BlockRowsFormSet(rows_formset(BlockForm)):
    def clean(self):
        super().clean()
        dates = [f.cleaned_data.get("performed_on") for f in self.forms if hasattr(f, "cleaned_data")]
        dated = [d for d in dates if d]
        if len(dated) != len(set(dated)):
            raise forms.ValidationError("Two blocks have the same date.", code="duplicate")


class BlocksForm(StepForm):
    section_class = Blocks
    formsets = {"blocks": BlockRowsFormSet}

    first_block = tri_state(
        "The requested block is the first for this condition", "Otherwise list every earlier block above."
    )
    comprehensive_program = tri_state(
        "Blocks are part of a comprehensive pain program",
        payer_help("", aetna="Aetna pays beyond 3 blocks only within one."),
    )
    program_notes = notes_field(
        "Program", "PT/OT, patient education, psychosocial support, medications.", 500
    )

    groups = (
        Group(
            "Earlier sympathetic blocks",
            (),
            note="Continue blocks only while relief lengthens; the letter shows the trend.",
            formset="blocks",
        ),
        Group("Program", ("first_block", "comprehensive_program", "program_notes")),
    )

    def check_rows(self, rows: dict) -> None:
        if self.cleaned_data.get("first_block") and rows["blocks"]:
            self.add_error(
                "first_block",
                forms.ValidationError("Earlier blocks are listed above; answer No.", code="contradiction"),
            )


class DecisionForm(StepForm):
    section_class = Decision

    discussed_on = date_field("Discussed on")
    risks_benefits_discussed = tri_state(
        "Specific risks and benefits discussed",
        payer_help(
            "Payers look for the specific risks and benefits, not a general consent.",
            medicare="Medicare contractors' checklists ask for it.",
        ),
    )
    risks_notes = notes_field(
        "Risks and benefits discussed", "e.g. infection, lead migration, revision, MRI limits."
    )
    alternatives_discussed = tri_state("Alternatives and non-surgical options discussed")
    alternatives_notes = notes_field("Which alternatives were discussed")
    patient_wishes_to_proceed = tri_state("Patient wishes to proceed")
    patient_statement = notes_field("Patient's goals in their own words")
    facilities_available = tri_state(
        "Facilities and staff for the procedure and follow-up are available",
        payer_help("", medicare="NCD 160.7 condition 4."),
    )
    why_now = notes_field(
        "Why this procedure, now",
        "In your words: why this procedure rather than another, and why now; after a stimulator, why not "
        "revise it.",
    )
    trial_success_definition = notes_field(
        "What the trial must show to count as a success",
        "Trial requests: e.g. at least 50% relief with a named functional gain.",
        500,
    )
    existing_system_plan = notes_field(
        "What happens to the existing system",
        "When a stimulator is already implanted or replaced: kept, switched off, explanted.",
        500,
    )
    post_procedure_plan = notes_field(
        "After the procedure",
        "Rehabilitation, medication taper, follow-up visits and the measures repeated (pain, ODI).",
    )

    groups = (
        Group("Discussion", ("discussed_on", ("risks_benefits_discussed", "risks_notes"))),
        Group("Alternatives", (("alternatives_discussed", "alternatives_notes"),)),
        Group("Patient's wish", (("patient_wishes_to_proceed", "patient_statement"),)),
        Group("Why this procedure, now", ("why_now", "trial_success_definition", "existing_system_plan")),
        Group("After the procedure", ("post_procedure_plan",)),
        Group("Practice", ("facilities_available",)),
    )


class ReviewForm(StepForm):
    """The review step has nothing to type: posting it marks the case ready."""

    section_class = None
    groups = ()

    def clean(self):
        return self.cleaned_data
