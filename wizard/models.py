"""Clinics, their members, and the cases they prepare."""

import base64
import uuid
from dataclasses import replace

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.utils import timezone
from django.utils.functional import cached_property

from .core.assessment import judged_tables, recheck, verdict_outcome
from .core.case_format import dump_case, load_case
from .core.choices import BluePlan, Payer, Procedure
from .core.criteria import CRITERIA_VERSION
from .core.criteria.versions import PolicyChange, Recheck, policy_changes, snapshot
from .core.facts import CaseFacts, Clinician, Practice
from .core.npi import is_valid_npi
from .core.rules import Outcome
from .core.steps import STEPS


def npi_validator(value: str) -> None:
    """Reject an NPI that is not 10 digits with a correct check digit."""
    if not is_valid_npi(value):
        raise ValidationError("An NPI has 10 digits and a valid check digit.", code="npi")


class Clinic(models.Model):
    """A practice: owns its cases and prints its letterhead on every letter."""

    name = models.CharField(max_length=200)
    address = models.TextField(help_text="Postal address as printed on the letterhead.")
    phone = models.CharField(max_length=40)
    fax = models.CharField(max_length=40, blank=True)
    npi = models.CharField("group NPI", max_length=10, blank=True, validators=[npi_validator])
    state = models.CharField(
        max_length=2,
        blank=True,
        validators=[RegexValidator(r"^[A-Z]{2}$", "Two capital letters, e.g. AZ.")],
        help_text="Two-letter postal code of the state the clinic practises in (Medicare programs differ by state).",
    )

    def __str__(self):
        return self.name

    def letterhead(self) -> Practice:
        """Return the practice details that a case snapshots for its letter."""
        return Practice(
            name=self.name,
            address=self.address,
            phone=self.phone,
            fax=self.fax,
            npi=self.npi,
            state=self.state,
        )


SIGNATURE_IMAGE_TYPES = {"image/png": "PNG", "image/svg+xml": "SVG"}


class Membership(models.Model):
    """A user's place in a clinic: their role, and for clinicians what the letter's signature shows."""

    class Role(models.TextChoices):
        CLINICIAN = "clinician", "Clinician"
        STAFF = "staff", "Office staff"
        MANAGER = "manager", "Clinic manager"

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="membership")
    clinic = models.ForeignKey(Clinic, on_delete=models.PROTECT, related_name="members")
    role = models.CharField(max_length=20, choices=Role.choices)
    credentials = models.CharField(max_length=100, blank=True, help_text="e.g. MD, FIPP")
    npi = models.CharField("individual NPI", max_length=10, blank=True, validators=[npi_validator])
    direct_phone = models.CharField(
        "direct line",
        max_length=40,
        blank=True,
        help_text="Printed on letters for a peer-to-peer discussion with the payer's reviewer.",
    )
    # An optional handwritten signature, printed above the typed name; checked by content on upload
    # (wizard/letter/signature.py) and kept here, never in the media folder.
    signature_image = models.BinaryField(blank=True, default=b"", editable=False)
    signature_content_type = models.CharField(
        max_length=20,
        blank=True,
        editable=False,
        choices=list(SIGNATURE_IMAGE_TYPES.items()),
    )

    def __str__(self):
        return f"{self.display_name} ({self.get_role_display()}, {self.clinic})"

    @property
    def display_name(self) -> str:
        """Return the member's full name, or the username when none is set."""
        return self.user.get_full_name() or self.user.get_username()

    @property
    def is_clinician(self) -> bool:
        """Return whether this member may create, edit and sign cases."""
        return self.role == self.Role.CLINICIAN

    @property
    def is_manager(self) -> bool:
        """Return whether this member manages the clinic's users, audit trail and case retention."""
        return self.role == self.Role.MANAGER

    def signature(self) -> Clinician:
        """Return the clinician details that a case snapshots for its letter."""
        return Clinician(
            name=self.display_name, credentials=self.credentials, npi=self.npi, direct_phone=self.direct_phone
        )

    def signature_data_uri(self) -> str:
        """Return the signature image as a data: URI for the letter, or an empty string."""
        if not self.signature_image or self.signature_content_type not in SIGNATURE_IMAGE_TYPES:
            return ""
        encoded = base64.b64encode(bytes(self.signature_image)).decode("ascii")
        return f"data:{self.signature_content_type};base64,{encoded}"


class Case(models.Model):
    """One request for one patient: its facts, its wizard draft, and where it stands."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        READY = "ready", "Ready"
        ISSUED = "issued", "Letter issued"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    clinic = models.ForeignKey(Clinic, on_delete=models.PROTECT, related_name="cases")
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.DRAFT)
    facts = models.JSONField(
        default=dict, blank=True, help_text="Saved facts: a case file (docs/case-format.md)."
    )
    wizard_state = models.JSONField(
        default=dict, blank=True, help_text="The wizard's draft: step and raw input."
    )
    # What the case list shows and searches, kept from the facts on every save (see list_columns).
    patient_name = models.CharField(max_length=200, blank=True, editable=False)
    procedure = models.CharField(max_length=40, blank=True, editable=False)
    payer_label = models.CharField(max_length=200, blank=True, editable=False)
    patient_search = models.CharField(max_length=300, blank=True, editable=False)
    # The verdict against the case's payer, cached for the list with the day and tables it was judged by.
    verdict = models.CharField(max_length=20, choices=Outcome.choices(), blank=True, editable=False)
    verdict_checked_on = models.DateField(null=True, editable=False)
    verdict_version = models.CharField(max_length=20, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    # An archived case is out of the working list and read-only; after the retention period it may be purged.
    archived_at = models.DateTimeField(null=True, blank=True, editable=False)
    archived_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # What the clinician last reviewed: the version of the tables that judged the case, each criterion's
    # status and sentence then, and the day. A case judged now by other tables shows "policy changed".
    reviewed_tables = models.CharField(max_length=40, blank=True, editable=False)
    reviewed_findings = models.JSONField(default=dict, blank=True, editable=False)
    reviewed_on = models.DateField(null=True, blank=True, editable=False)

    class Meta:
        indexes = [
            models.Index(fields=["clinic", "-updated_at"], name="case_clinic_updated"),
            models.Index(fields=["clinic", "status"], name="case_clinic_status"),
        ]

    def __str__(self):
        return f"Case {self.id}"

    def save(self, *args, update_fields=None, **kwargs):
        if update_fields is None or "facts" in update_fields:
            self.refresh_list_columns()
            self.refresh_verdict(timezone.localdate())
        if update_fields is not None and "facts" in update_fields:
            update_fields = {*update_fields, *LIST_COLUMNS, *VERDICT_COLUMNS}
        super().save(*args, update_fields=update_fields, **kwargs)

    def refresh_verdict(self, today) -> None:
        """Judge the case against its payer as of today and cache the outcome for the list."""
        outcome = verdict_outcome(self.case_facts(), today=today)
        self.verdict = outcome.value if outcome else ""
        self.verdict_checked_on = today
        self.verdict_version = CRITERIA_VERSION

    def verdict_is_current(self, today) -> bool:
        """Return whether the cached verdict was judged today with the current criteria tables."""
        return self.verdict_checked_on == today and self.verdict_version == CRITERIA_VERSION

    @property
    def verdict_label(self) -> str:
        """Return the cached verdict in words, or an empty string."""
        return Outcome(self.verdict).label if self.verdict else ""

    def record_review(self, today) -> None:
        """Snapshot what the clinician reviewed: the tables' version, each finding and the day (saved here)."""
        _judged_on, version, results = judged_tables(self.case_facts(), today=today)
        self.reviewed_tables = version
        self.reviewed_findings = snapshot(results)
        self.reviewed_on = today
        Case.objects.filter(pk=self.pk).update(**{name: getattr(self, name) for name in REVIEW_COLUMNS})

    def policy_change(self, today) -> PolicyChange | None:
        """Return what changed for this open case since its review, when its tables changed; else None.

        A draft is left out: a changed fact puts the case back to draft, and marking it ready reviews it again.
        """
        if self.archived_at is not None or not self.reviewed_tables or self.status == self.Status.DRAFT:
            return None
        _judged_on, version, results = judged_tables(self.case_facts(), today=today)
        if version == self.reviewed_tables:
            return None
        # A new release that changes nothing this case reads is not a change to show.
        return policy_changes(self.reviewed_findings, results) or None

    @cached_property
    def current_policy_change(self) -> PolicyChange | None:
        """Return what changed for this case since its review, as of today (for the templates)."""
        return self.policy_change(timezone.localdate())

    @property
    def procedure_label(self) -> str:
        """Return the requested procedure in words, or an empty string."""
        choice = Procedure._value2member_map_.get(self.procedure)
        return choice.label if choice else ""

    def refresh_list_columns(self) -> None:
        """Copy the listed facts into their columns (save() does this; bulk_create callers must)."""
        for name, value in list_columns(self.facts).items():
            setattr(self, name, value)

    def case_facts(self) -> CaseFacts:
        """Return the saved facts as typed dataclasses, parsed once per version of `facts`."""
        cached = self.__dict__.get("_parsed_facts")
        if cached is None or cached[0] is not self.facts:
            cached = (self.facts, load_case(self.facts) if self.facts else CaseFacts())
            self.__dict__["_parsed_facts"] = cached
        return cached[1]

    def set_case_facts(self, facts: CaseFacts) -> None:
        """Replace the saved facts with this case file (the caller saves the row)."""
        self.facts = dump_case(facts)

    def saved_steps(self) -> list[str]:
        """Return the steps saved at least once; a saved step may hold no facts at all."""
        return [step for step in STEPS if step in self.facts]

    def set_step_facts(self, step: str, section: object) -> bool:
        """Replace one step's facts, keeping every saved step listed; return whether anything changed."""
        before = self.facts
        facts = dump_case(replace(self.case_facts(), **{step: section}))
        for saved in [*self.saved_steps(), step]:
            facts.setdefault(saved, {})
        self.facts = facts
        return facts != before


LIST_COLUMNS = ("patient_name", "procedure", "payer_label", "patient_search")
VERDICT_COLUMNS = ("verdict", "verdict_checked_on", "verdict_version")
REVIEW_COLUMNS = ("reviewed_tables", "reviewed_findings", "reviewed_on")


def list_columns(facts: dict) -> dict:
    """Return the case list's columns for a stored case file: patient, request, payer, search text."""
    facts = facts or {}
    patient, request = facts.get("patient", {}), facts.get("request", {})
    payer = Payer._value2member_map_.get(request.get("payer"))
    name, member_id = patient.get("name", ""), patient.get("member_id", "")
    # A Blue plan's case is listed under the member's own plan, as its letter is addressed.
    blue_plan = BluePlan._value2member_map_.get(request.get("blue_plan"))
    if payer == Payer.BCBSA and blue_plan not in (None, BluePlan.OTHER):
        payer = blue_plan
    return {
        "patient_name": name,
        "procedure": request.get("procedure", ""),
        "payer_label": request.get("payer_name") or (payer.label if payer else ""),
        "patient_search": f"{name} {member_id}".strip().lower(),
    }


class IssuedLetter(models.Model):
    """A letter as it left the clinic: the exact PDF, its hash, who issued it, when, and against what."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="letters")
    version = models.PositiveIntegerField()
    pdf = models.BinaryField(editable=False)
    sha256 = models.CharField(max_length=64, editable=False)
    issued_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    issued_at = models.DateTimeField(auto_now_add=True)
    criteria_version = models.CharField(max_length=20)
    payer = models.CharField(max_length=40)
    verdict = models.CharField(max_length=20, choices=Outcome.choices())
    override_reason = models.TextField(blank=True)
    # The tables that judged the letter: the date they were in force on, their version, and the case file
    # as issued, so the letter can be judged again with them.
    judged_on = models.DateField(null=True, blank=True)
    table_version = models.CharField(max_length=40, blank=True)
    facts = models.JSONField(default=dict, blank=True, help_text="The case file as issued.")

    class Meta:
        ordering = ["-version"]
        constraints = [models.UniqueConstraint(fields=["case", "version"], name="letter_case_version")]

    def __str__(self):
        return f"Letter v{self.version} of {self.case}"

    def save(self, *args, **kwargs):
        # An issued letter never changes; a new issue is a new version.
        if not self._state.adding:
            raise ValueError("An issued letter cannot be changed.")
        super().save(*args, **kwargs)

    @property
    def filename(self) -> str:
        """Return the download name: the case's short id and the version, no patient data."""
        return f"letter-{str(self.case_id)[:8]}-v{self.version}.pdf"

    @property
    def verdict_label(self) -> str:
        """Return the verdict at issue in words."""
        return Outcome(self.verdict).label

    def recheck(self, today) -> Recheck | None:
        """Judge the case file as issued with the tables that judged it; None for a letter without one."""
        if not self.facts or self.judged_on is None:
            return None
        return recheck(
            load_case(self.facts),
            judged_on=self.judged_on,
            version_then=self.table_version,
            issued_on=timezone.localdate(self.issued_at),
            today=today,
        )

    @cached_property
    def current_recheck(self) -> Recheck | None:
        """Return the re-check as of today (for the templates)."""
        return self.recheck(timezone.localdate())
