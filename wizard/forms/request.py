"""The request and patient steps."""

import re
from dataclasses import replace

from django import forms

from ..core import validation
from ..core.choices import (
    BluePlan,
    DeviceMaker,
    LeadType,
    MacJurisdiction,
    Payer,
    PlaceOfService,
    Procedure,
    RevisionKind,
    Sex,
    Side,
    SpinalRegion,
    StimulationMode,
)
from ..core.facts import Patient, Request
from ..core.npi import is_valid_npi
from ..core.steps import BLOCK_PROCEDURES, PERMANENT_PROCEDURES, STIMULATOR_PROCEDURES
from ..models import Membership
from .base import StepForm, initial_from
from .fields import choice, count_field, date_field, radio_choice, text_field, tri_state
from .layout import Group
from .payer_help import payer_help

LEVEL_PATTERN = re.compile(r"^[CTLS]\d{1,2}$")
# Sorted: the procedure sets have no order, and the page should read the same in every process.
STIMULATOR = tuple(sorted(p.value for p in STIMULATOR_PROCEDURES))
BLOCKS = tuple(sorted(p.value for p in BLOCK_PROCEDURES))
PERMANENT = tuple(sorted(p.value for p in PERMANENT_PROCEDURES))


class ClinicianChoiceField(forms.ModelChoiceField):
    """The clinic's clinicians, shown as name and credentials."""

    def label_from_instance(self, obj):
        return f"{obj.display_name}, {obj.credentials}".rstrip(", ")


class RequestForm(StepForm):
    section_class = Request

    procedure = choice(
        Procedure, "Requested procedure", "Decides which steps, criteria and codes apply.", True
    )
    revision_kind = choice(
        RevisionKind, "Replacement or revision", "Payers require the specific hardware problem being fixed."
    )
    payer = choice(Payer, "Payer", "Each payer has its own criteria; the review checks this payer's.", True)
    payer_name = text_field(
        "Payer name",
        "Printed on the letter; required for other commercial plans and for a Blue plan not listed.",
    )
    plan_name = text_field("Plan", "Plan or product name as on the member card.")
    blue_plan = choice(
        BluePlan,
        "Member's Blue plan",
        "The letter is addressed to this plan, citing BCBSA 7.01.25 as the plan adopts it.",
    )
    mac_jurisdiction = choice(
        MacJurisdiction,
        "Medicare contractor (MAC)",
        "Picks the local coverage determination (LCD) that applies on top of the national one.",
    )
    place_of_service = choice(
        PlaceOfService,
        "Place of service",
        payer_help("", medicare="Medicare pays permanent implants only in an ASC or hospital."),
    )
    planned_on = date_field("Planned date", "Date the procedure is scheduled, if known.")
    facility_name = text_field(
        "Facility", "Where the procedure is performed; printed on page 1 of the letter."
    )
    facility_npi = text_field("Facility NPI", "The facility's 10-digit NPI, as the claim will carry it.", 10)
    clinician = ClinicianChoiceField(
        queryset=Membership.objects.none(),
        label="Requesting clinician",
        help_text="Signs the letter; name, credentials and NPI come from the clinic's records.",
        empty_label="Choose…",
    )
    lead_type = radio_choice(
        LeadType, "Lead type", "Percutaneous leads are coded 63650 per lead; a paddle 63655."
    )
    lead_count = count_field(
        "Leads",
        payer_help(
            "Codes are billed per lead.", medicare="Codes are billed per lead; Medicare pays up to 2 leads."
        ),
        max_value=8,
    )
    contacts_total = count_field(
        "Contacts in total", payer_help("", medicare="Medicare pays up to 16 contacts."), max_value=64
    )
    generator_rechargeable = tri_state("Rechargeable generator", "Selects the generator supply code.")
    stimulation_mode = choice(
        StimulationMode, "Waveform", "Some payers treat burst and other non-tonic modes as experimental."
    )
    device_maker = choice(
        DeviceMaker,
        "Maker of the requested system",
        payer_help("", aetna="Aetna: Nalu systems are investigational."),
    )
    device_model = text_field("Model of the requested system", max_length=100)
    trial_authorization = text_field(
        "Trial's authorization number or Medicare UTN",
        payer_help(
            "The trial's approval number, if the payer gave one.",
            medicare="Medicare hospital outpatient: the UTN of the trial's approval goes on the implant's claim.",
        ),
        60,
    )
    spinal_region = choice(
        SpinalRegion,
        "Spinal region",
        payer_help("", medicare="Medicare allows 2 trials per region per lifetime."),
    )
    lead_levels = text_field(
        "Planned lead levels",
        "As the operative plan states them, e.g. T8-T10, or the DRG levels L4 and L5.",
        60,
    )
    prior_trials_in_region = count_field(
        "Earlier trials in this region", payer_help("", medicare="Medicare: at most 2 per lifetime."), 20
    )
    repeat_trial_reason = text_field(
        "Why a repeat trial is justified",
        payer_help(
            "After a failed trial: the technical or new-modality reason.",
            medicare="After a failed trial Medicare needs a technical or new-modality reason.",
        ),
        500,
    )
    has_existing_stimulator = tri_state(
        "Patient already has an implanted stimulator", "Adds the device history step (e.g. DRG after SCS)."
    )
    block_side = radio_choice(Side, "Block side", "Sets the RT, LT or 50 (bilateral) modifier.")
    block_levels = text_field(
        "Levels injected", "Comma separated, e.g. L2, L3 — 64520 is billed per level.", 60
    )

    # Required by clean() exactly when their group is shown (Medicare, a replacement, a block), so marked `*`.
    needed_when_shown = frozenset({"mac_jurisdiction", "revision_kind", "block_side", "block_levels"})

    groups = (
        Group("What is requested", (("procedure", "planned_on"),)),
        Group(
            "Replacement or revision",
            ("revision_kind",),
            show_field="procedure",
            show_values=(Procedure.SCS_REPLACEMENT.value,),
        ),
        Group("Payer", (("payer", "plan_name"),)),
        Group("Blue plan", ("blue_plan",), show_field="payer", show_values=(Payer.BCBSA.value,)),
        Group(
            "Payer name",
            ("payer_name",),
            show_field="payer",
            show_values=(Payer.OTHER_COMMERCIAL.value, Payer.BCBSA.value),
        ),
        Group("Medicare", ("mac_jurisdiction",), show_field="payer", show_values=(Payer.MEDICARE.value,)),
        Group("Where and by whom", (("place_of_service", "clinician"), ("facility_name", "facility_npi"))),
        Group(
            "Stimulator",
            (
                ("lead_type", "stimulation_mode"),
                ("device_maker", "device_model"),
                ("lead_count", "contacts_total", "generator_rechargeable"),
                ("spinal_region", "lead_levels", "prior_trials_in_region"),
                "repeat_trial_reason",
                "has_existing_stimulator",
            ),
            show_field="procedure",
            show_values=STIMULATOR,
        ),
        Group(
            "Trial's authorization",
            ("trial_authorization",),
            show_field="procedure",
            show_values=PERMANENT,
        ),
        Group("Block", (("block_side", "block_levels"),), show_field="procedure", show_values=BLOCKS),
    )

    def __init__(self, *args, clinic=None, membership=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.clinic = clinic
        self.fields["block_side"].choices = [
            c for c in self.fields["block_side"].choices if c[0] != "unspecified"
        ]
        clinicians = self.fields["clinician"]
        clinicians.queryset = Membership.objects.filter(
            clinic=clinic, role=Membership.Role.CLINICIAN, user__is_active=True
        ).select_related("user")
        if self.is_bound:
            return  # Posted: the queryset checks the choice; nothing is read unless the form is shown again.
        # Read once: the options shown and the clinician chosen by default come from the same query.
        # (Iterated, not list(): list() would ask the iterator its length, a COUNT query.)
        clinicians.widget.choices = options = [choice for choice in clinicians.choices]  # noqa: C416
        if not self.initial.get("clinician"):
            npi = self.initial.get("clinician_npi")
            members = [value.instance for value, _label in options if value]
            chosen = next((m for m in members if npi and m.npi == npi), None)
            if chosen is None and membership is not None and membership.is_clinician:
                chosen = membership
            self.initial["clinician"] = chosen.pk if chosen else None

    @classmethod
    def initial_for(cls, section: Request) -> dict:
        """Return initial data; the clinician is matched by NPI among the clinic's clinicians."""
        initial = {k: v for k, v in initial_from(section).items() if k in cls.base_fields}
        initial["clinician_npi"] = section.clinician.npi
        return initial

    def clean_facility_npi(self):
        npi = self.cleaned_data["facility_npi"].strip()
        if npi and not is_valid_npi(npi):
            raise forms.ValidationError("An NPI has 10 digits and a valid check digit.", code="npi")
        return npi

    def clean_block_levels(self):
        levels = [
            part.strip().upper() for part in self.cleaned_data["block_levels"].split(",") if part.strip()
        ]
        bad = [level for level in levels if not LEVEL_PATTERN.match(level)]
        if bad:
            raise forms.ValidationError(
                f"“{bad[0]}” is not a vertebral level; write levels like L2, L3.", code="level"
            )
        return ", ".join(levels)

    def clean(self):
        cleaned = super().clean()
        procedure, payer = cleaned.get("procedure"), cleaned.get("payer")
        required = [
            ("payer_name", payer == Payer.OTHER_COMMERCIAL, "Name the payer; it is printed on the letter."),
            (
                "payer_name",
                payer == Payer.BCBSA and cleaned.get("blue_plan") == BluePlan.OTHER,
                "Name the member's Blue plan; the letter is addressed to it.",
            ),
            ("mac_jurisdiction", payer == Payer.MEDICARE, "Choose the MAC: it decides which LCD applies."),
            ("revision_kind", procedure == Procedure.SCS_REPLACEMENT, "Say what is replaced or revised."),
            ("block_side", procedure in BLOCK_PROCEDURES, "Choose the side; it sets the RT/LT/50 modifier."),
            ("block_levels", procedure in BLOCK_PROCEDURES, "List the levels; 64520 is billed per level."),
        ]
        for name, needed, message in required:
            if needed and not cleaned.get(name) and name not in self.errors:
                self.add_error(name, forms.ValidationError(message, code="required"))
        leads, contacts = cleaned.get("lead_count"), cleaned.get("contacts_total")
        if leads and contacts is not None and contacts < leads:
            self.add_error(
                "contacts_total",
                forms.ValidationError("Each lead has at least one contact.", code="contacts"),
            )
        return cleaned

    def section_from(self, values: dict) -> Request:
        section = super().section_from(values)
        clinician = values.get("clinician")
        clinic = self.clinic
        return replace(
            section,
            clinician=clinician.signature() if clinician else section.clinician,
            practice=clinic.letterhead() if clinic else section.practice,
        )


class PatientForm(StepForm):
    section_class = Patient

    name = text_field(
        "Full name", "Name and date of birth print on every page as the two identifiers.", required=True
    )
    born_on = date_field("Date of birth", required=True)
    sex = radio_choice(Sex, "Sex")
    member_id = text_field("Member id", "As on the insurance card; the payer matches the request by it.", 60)

    groups = (Group("Patient", (("name", "born_on"), ("sex", "member_id"))),)

    def __init__(self, *args, payer=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.payer = payer

    def clean_member_id(self):
        """Check a traditional Medicare member id against the MBI format, as printed on the card or not."""
        member_id = self.cleaned_data.get("member_id", "")
        if self.payer != Payer.MEDICARE or not member_id:
            return member_id
        # The card prints the MBI as 1EG4-TE5-MK73; claims and letters carry it without dashes.
        compact = re.sub(r"[\s-]", "", member_id).upper()
        if validation.mbi_problem(self.payer, compact):
            raise forms.ValidationError(
                "This is not a Medicare Beneficiary Identifier: 11 letters and digits as on the Medicare card, "
                "e.g. 1EG4-TE5-MK73 (never S, L, O, I, B or Z).",
                code="mbi",
            )
        return compact
