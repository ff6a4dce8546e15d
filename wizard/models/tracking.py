"""After the letter: each submission to the payer and each answer the payer gave."""

from django.conf import settings
from django.db import models

from ..core.choices import AnswerKind, SubmissionChannel
from .case import Case
from .letter import IssuedLetter


class Submission(models.Model):
    """One sending of a letter (or an appeal) to the payer: how, when, by whom, and when the answer is due."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="submissions")
    letter = models.ForeignKey(
        IssuedLetter, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    is_appeal = models.BooleanField(default=False)
    channel = models.CharField(max_length=20, choices=SubmissionChannel.choices())
    submitted_at = models.DateTimeField()
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    reference = models.CharField(
        max_length=64, blank=True, help_text="The payer's reference, case number or UTN."
    )
    expedited = models.BooleanField(default=False)
    # The decision due time, from the payer's rule at submission (or our default), kept for sorting; none when
    # no decision is asked (Medicare fee-for-service outside a hospital outpatient department).
    due_at = models.DateTimeField(null=True, blank=True)
    due_rule = models.CharField(
        max_length=120, blank=True, help_text="Empty when our default set the due time."
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-submitted_at"]
        indexes = [models.Index(fields=["due_at"], name="submission_due")]

    def __str__(self):
        return f"Submission {self.pk} of {self.case}"


class PayerAnswer(models.Model):
    """What the payer said about a submission: approval, denial, a pend or a peer-to-peer call."""

    submission = models.ForeignKey(Submission, on_delete=models.PROTECT, related_name="answers")
    kind = models.CharField(max_length=20, choices=AnswerKind.choices())
    answered_on = models.DateField(help_text="The date on the payer's notice.")
    authorization_number = models.CharField(max_length=64, blank=True)
    approved_units = models.PositiveIntegerField(null=True, blank=True)
    valid_from = models.DateField(null=True, blank=True)
    valid_until = models.DateField(null=True, blank=True)
    denial_reasons = models.JSONField(default=list, blank=True, help_text="DenialReason values.")
    payer_text = models.TextField(
        blank=True, help_text="The payer's words: the reason given or what is asked."
    )
    peer_to_peer_at = models.DateTimeField(null=True, blank=True)
    appeal_deadline_on = models.DateField(null=True, blank=True, help_text="As stated on the denial notice.")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-answered_on", "-recorded_at"]

    def __str__(self):
        return f"Answer {self.pk} ({self.kind})"

    @property
    def kind_label(self) -> str:
        """Return the answer in words."""
        return AnswerKind(self.kind).label
