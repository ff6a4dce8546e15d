"""Recording what was sent to the payer and what the payer answered: input checks only."""

from datetime import date, datetime

from django import forms
from django.db.models import Max
from django.utils import timezone

from ..core.choices import AnswerKind, DenialReason, SubmissionChannel
from ..models import IssuedLetter, PayerAnswer, Submission

TEXT = {"class": "form-control form-control-sm"}
SELECT = {"class": "form-select form-select-sm"}
CHECK = {"class": "form-check-input"}


def date_input():
    return forms.DateInput(attrs={"type": "date", **TEXT})


def datetime_input():
    return forms.DateTimeInput(attrs={"type": "datetime-local", **TEXT}, format="%Y-%m-%dT%H:%M")


class LetterChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, letter):
        return f"Version {letter.version}, issued {timezone.localtime(letter.issued_at):%b %-d, %Y %H:%M}"


class SubmissionChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, submission):
        sent = timezone.localtime(submission.submitted_at)
        kind = "Appeal" if submission.is_appeal else "Request"
        reference = f" · {submission.reference}" if submission.reference else ""
        return f"{kind} sent {sent:%b %-d, %Y %H:%M} by {submission.get_channel_display().lower()}{reference}"


class SubmissionForm(forms.Form):
    """One sending of an issued letter to the payer."""

    letter = LetterChoiceField(
        queryset=IssuedLetter.objects.none(), empty_label=None, widget=forms.Select(attrs=SELECT)
    )
    channel = forms.ChoiceField(choices=SubmissionChannel.choices(), widget=forms.Select(attrs=SELECT))
    submitted_at = forms.DateTimeField(label="Sent on (date and time)", widget=datetime_input())
    reference = forms.CharField(
        required=False,
        max_length=64,
        label="Payer's reference or UTN",
        help_text="The case number, confirmation or unique tracking number the payer gave, if any.",
        widget=forms.TextInput(attrs=TEXT),
    )
    expedited = forms.BooleanField(
        required=False, label="Expedited review asked", widget=forms.CheckboxInput(attrs=CHECK)
    )
    is_appeal = forms.BooleanField(
        required=False, label="This is an appeal of a denial", widget=forms.CheckboxInput(attrs=CHECK)
    )

    def __init__(self, *args, case, now: datetime, **kwargs):
        super().__init__(*args, **kwargs)
        self.now = now
        letters = case.letters.defer("pdf", "facts").order_by("-version")
        self.fields["letter"].queryset = letters
        latest = letters.first()
        self.fields["letter"].initial = latest.pk if latest else None
        self.fields["submitted_at"].initial = timezone.localtime(now).replace(second=0, microsecond=0)
        denials = PayerAnswer.objects.filter(submission__case=case, kind=AnswerKind.DENIED.value)
        self.latest_denial_on = denials.aggregate(latest=Max("answered_on"))["latest"]

    def clean_submitted_at(self):
        sent = self.cleaned_data["submitted_at"]
        if sent > self.now:
            raise forms.ValidationError("The time sent cannot be in the future.", code="future")
        return sent

    def clean(self):
        cleaned = super().clean()
        letter, sent = cleaned.get("letter"), cleaned.get("submitted_at")
        if (
            letter is not None
            and sent is not None
            and sent < letter.issued_at.replace(second=0, microsecond=0)
        ):
            self.add_error(
                "submitted_at",
                forms.ValidationError("This letter was issued after that time.", code="before_issue"),
            )
        if cleaned.get("is_appeal"):
            self.check_appeal(sent)
        return cleaned

    def check_appeal(self, sent: datetime | None) -> None:
        """An appeal answers a recorded denial and is sent on or after the denial notice's date."""
        denied_on = self.latest_denial_on
        if denied_on is None:
            message = "Record the payer's denial first: an appeal answers a denial."
            self.add_error("is_appeal", forms.ValidationError(message, code="no_denial"))
        elif (
            sent is not None
            and "submitted_at" not in self.errors
            and timezone.localtime(sent).date() < denied_on
        ):
            message = (
                f"The denial notice is dated {denied_on:%b %-d, %Y}: an appeal is sent on or after that day."
            )
            self.add_error("submitted_at", forms.ValidationError(message, code="before_denial"))


class AnswerForm(forms.Form):
    """The payer's answer to one submission; which details are needed depends on the kind of answer."""

    submission = SubmissionChoiceField(
        queryset=Submission.objects.none(),
        empty_label=None,
        label="Answer to",
        widget=forms.Select(attrs=SELECT),
        error_messages={"required": "Record the submission first: an answer answers a submission."},
    )
    kind = forms.ChoiceField(label="Answer", choices=AnswerKind.choices(), widget=forms.Select(attrs=SELECT))
    answered_on = forms.DateField(label="Date on the payer's notice", widget=date_input())
    authorization_number = forms.CharField(
        required=False, max_length=64, label="Authorization number", widget=forms.TextInput(attrs=TEXT)
    )
    approved_units = forms.IntegerField(
        required=False, min_value=1, label="Units approved", widget=forms.NumberInput(attrs=TEXT)
    )
    valid_from = forms.DateField(required=False, label="Valid from", widget=date_input())
    valid_until = forms.DateField(required=False, label="Valid until", widget=date_input())
    denial_reasons = forms.MultipleChoiceField(
        required=False,
        label="Denial reasons",
        choices=DenialReason.choices(),
        widget=forms.CheckboxSelectMultiple,
    )
    payer_text = forms.CharField(
        required=False,
        max_length=4000,
        label="The payer's words",
        help_text="The reason as the notice states it, or what the payer asks for.",
        widget=forms.Textarea(attrs={"rows": 3, **TEXT}),
    )
    appeal_deadline_on = forms.DateField(
        required=False, label="Appeal deadline (as the notice states it)", widget=date_input()
    )
    peer_to_peer_at = forms.DateTimeField(
        required=False, label="Peer-to-peer call (date and time)", widget=datetime_input()
    )

    def __init__(self, *args, case, today: date, **kwargs):
        super().__init__(*args, **kwargs)
        self.today = today
        submissions = case.submissions.order_by("-submitted_at")
        self.fields["submission"].queryset = submissions
        latest = submissions.first()
        self.fields["submission"].initial = latest.pk if latest else None
        self.fields["answered_on"].initial = today

    def clean_answered_on(self):
        answered_on = self.cleaned_data["answered_on"]
        if answered_on > self.today:
            raise forms.ValidationError("The notice's date cannot be in the future.", code="future")
        return answered_on

    def clean(self):
        cleaned = super().clean()
        kind, submission, answered_on = (cleaned.get(n) for n in ("kind", "submission", "answered_on"))
        sent_on = timezone.localtime(submission.submitted_at).date() if submission is not None else None
        if sent_on is not None and answered_on is not None and answered_on < sent_on:
            self.add_error("answered_on", "The notice cannot be dated before the submission was sent.")
        for name in KIND_FIELDS.get(kind, ()):
            if name not in self.errors and not cleaned.get(name):
                self.add_error(name, forms.ValidationError(REQUIRED_FOR_KIND[name], code="required"))
        valid_from, valid_until = cleaned.get("valid_from"), cleaned.get("valid_until")
        approved = kind == AnswerKind.APPROVED.value
        if approved and valid_from and valid_until and valid_until < valid_from:
            self.add_error("valid_until", "The approval cannot end before it starts.")
        deadline = cleaned.get("appeal_deadline_on")
        if kind == AnswerKind.DENIED.value and deadline and answered_on and deadline < answered_on:
            self.add_error("appeal_deadline_on", "The appeal deadline cannot be before the notice's date.")
        other = DenialReason.OTHER.value in cleaned.get("denial_reasons", [])
        if kind == AnswerKind.DENIED.value and other and not cleaned.get("payer_text"):
            self.add_error("payer_text", "With “Other”, give the payer's words.")
        return cleaned

    def answer_values(self) -> dict:
        """Return the fields that belong to the answer's kind; the others are left empty."""
        kind = self.cleaned_data["kind"]
        kept = {"kind", "answered_on", "payer_text", *KIND_FIELDS.get(kind, ()), *KIND_OPTIONAL.get(kind, ())}
        values = {name: self.cleaned_data[name] for name in self.fields if name != "submission"}
        return {name: value if name in kept else EMPTY.get(name) for name, value in values.items()}


# What each kind of answer must give, and what it may give.
KIND_FIELDS = {
    AnswerKind.APPROVED.value: ("authorization_number",),
    AnswerKind.DENIED.value: ("denial_reasons",),
    AnswerKind.PENDED.value: ("payer_text",),
    AnswerKind.PEER_TO_PEER.value: ("peer_to_peer_at",),
}
KIND_OPTIONAL = {
    AnswerKind.APPROVED.value: ("approved_units", "valid_from", "valid_until"),
    AnswerKind.DENIED.value: ("appeal_deadline_on",),
}
REQUIRED_FOR_KIND = {
    "authorization_number": "Give the authorization number the payer approved under.",
    "denial_reasons": "Choose at least one reason the payer gave.",
    "payer_text": "Give what the payer asks for.",
    "peer_to_peer_at": "Give the date and time of the call.",
}
EMPTY = {
    "authorization_number": "",
    "approved_units": None,
    "valid_from": None,
    "valid_until": None,
    "denial_reasons": [],
    "appeal_deadline_on": None,
    "peer_to_peer_at": None,
}
