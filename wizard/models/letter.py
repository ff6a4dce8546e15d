"""Issued letters: the exact PDF as it left the clinic, and the tables that judged it."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.functional import cached_property

from ..core.assessment import recheck
from ..core.case_format import load_case
from ..core.criteria.versions import Recheck
from ..core.rules import Outcome
from .case import Case


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
