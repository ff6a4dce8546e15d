"""A case: its facts, its wizard draft, its cached verdict and what its clinician last reviewed."""

import uuid
from dataclasses import replace
from datetime import date

from django.conf import settings
from django.db import models
from django.utils import timezone

from ..core.assessment import judged_tables, verdict_outcome
from ..core.case_format import dump_case, load_case
from ..core.choices import BluePlan, Payer, Procedure
from ..core.criteria import CRITERIA_VERSION
from ..core.criteria.versions import PolicyChange, policy_changes, snapshot
from ..core.display import payer_label
from ..core.facts import CaseFacts
from ..core.rules import Outcome
from ..core.steps import STEPS
from .clinic import Clinic


class Case(models.Model):
    """One request for one patient: its facts, its wizard draft, and where it stands."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        READY = "ready", "Ready"
        ISSUED = "issued", "Letter issued"
        SUBMITTED = "submitted", "Submitted"
        APPROVED = "approved", "Approved"
        DENIED = "denied", "Denied"
        PENDED = "pended", "Pended"
        APPEALED = "appealed", "Appealed"
        CLOSED = "closed", "Closed"

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
    patient_born = models.DateField(null=True, blank=True, editable=False)
    member_id = models.CharField(max_length=60, blank=True, editable=False)
    patient_search = models.CharField(max_length=400, blank=True, editable=False)
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
    # A permanent implant started from its trial (or a replacement from its implant) links back to it and
    # carries the earlier request's authorization number or UTN.
    parent = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, editable=False, related_name="sequels"
    )
    prior_authorization = models.CharField(max_length=64, blank=True)

    class Meta:
        indexes = [
            models.Index(fields=["clinic", "-updated_at"], name="case_clinic_updated"),
            models.Index(fields=["clinic", "status"], name="case_clinic_status"),
            # Covers the case list's count and search, so neither reads the rows' facts at 10,000 cases.
            models.Index(
                fields=["clinic", "archived_at", "-updated_at", "status", "patient_born", "patient_search"],
                name="case_working_list",
            ),
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
        if not self.watches_policy():
            return None
        _judged_on, version, results = judged_tables(self.case_facts(), today=today)
        return self.policy_change_in(version, results)

    def watches_policy(self) -> bool:
        """Return whether a change of the tables since the review is shown: an open case that was reviewed."""
        return self.archived_at is None and bool(self.reviewed_tables) and self.status != self.Status.DRAFT

    def policy_change_in(self, version: str, results) -> PolicyChange | None:
        """Return what changed since the review, given the tables' version and findings as judged now."""
        if not self.watches_policy() or version == self.reviewed_tables:
            return None
        # A new release that changes nothing this case reads is not a change to show.
        return policy_changes(self.reviewed_findings, results) or None

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


LIST_COLUMNS = ("patient_name", "procedure", "payer_label", "patient_born", "member_id", "patient_search")
VERDICT_COLUMNS = ("verdict", "verdict_checked_on", "verdict_version")
REVIEW_COLUMNS = ("reviewed_tables", "reviewed_findings", "reviewed_on")


def compact_member_id(member_id: str) -> str:
    """Return a member id as staff may type it: no dashes or spaces, lower case."""
    return "".join(member_id.split()).replace("-", "").lower()


def stored_date(value) -> date | None:
    """Return a stored ISO date, or None when it is missing or malformed."""
    try:
        return date.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        return None


def list_columns(facts: dict) -> dict:
    """Return the case list's columns for a stored case file: patient, request, payer, search text."""
    facts = facts or {}
    patient, request = facts.get("patient", {}), facts.get("request", {})
    payer = Payer._value2member_map_.get(request.get("payer"))
    name, member_id = patient.get("name", ""), patient.get("member_id", "")
    # A Blue plan's case is listed under the member's own plan, as its letter is addressed.
    blue_plan = BluePlan._value2member_map_.get(request.get("blue_plan"))
    label = payer_label(payer, blue_plan, request.get("payer_name", ""), Payer.BCBSA.label)
    return {
        "patient_name": name,
        "procedure": request.get("procedure", ""),
        "payer_label": label,
        "patient_born": stored_date(patient.get("born_on")),
        "member_id": member_id,
        # The member id twice: as written, and compact so "abc-123 45" finds "ABC12345".
        "patient_search": f"{name} {member_id} {compact_member_id(member_id)}".strip().lower(),
    }
