"""The appeal form: the denial's reasons and words, its date and reference, the deadline, new enclosures."""

from django import forms

from ..core.choices import DenialReason

MAX_PAYER_TEXT = 2000
MAX_ENCLOSURES = 20
MAX_ENCLOSURE_LENGTH = 200


class AppealForm(forms.Form):
    reasons = forms.MultipleChoiceField(
        choices=DenialReason.choices(),
        widget=forms.CheckboxSelectMultiple,
        label="Denial reasons",
        help_text="Each reason gets its own answer in the letter.",
        error_messages={"required": "Choose at least one reason the payer gave."},
    )
    payer_text = forms.CharField(
        required=False,
        max_length=MAX_PAYER_TEXT,
        widget=forms.Textarea(attrs={"rows": 3}),
        label="The payer's words",
        help_text="Quoted in the letter as the notice states them.",
    )
    denied_on = forms.DateField(
        required=False,
        label="Date of the denial notice",
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text="Used to estimate the appeal deadline when the notice states none.",
    )
    reference = forms.CharField(
        required=False, max_length=64, label="Payer's reference", help_text="Case, claim or reference number."
    )
    deadline_on = forms.DateField(
        required=False,
        label="Appeal deadline",
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text="As stated on the denial notice, or as you confirmed it. Only this date is printed.",
    )
    new_enclosures = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        label="New enclosures",
        help_text="One record per line, e.g. “Psychological evaluation, Jul 22, 2026”.",
    )

    def __init__(self, *args, today=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.today = today

    def clean_denied_on(self):
        denied_on = self.cleaned_data.get("denied_on")
        if denied_on is not None and self.today is not None and denied_on > self.today:
            raise forms.ValidationError("The denial notice cannot be dated in the future.", code="future")
        return denied_on

    def clean_new_enclosures(self):
        lines = [line.strip() for line in self.cleaned_data.get("new_enclosures", "").splitlines()]
        lines = [line for line in lines if line]
        if len(lines) > MAX_ENCLOSURES:
            raise forms.ValidationError(f"List at most {MAX_ENCLOSURES} enclosures.", code="too_many")
        if any(len(line) > MAX_ENCLOSURE_LENGTH for line in lines):
            raise forms.ValidationError(
                f"Keep each enclosure under {MAX_ENCLOSURE_LENGTH} characters.", code="too_long"
            )
        return lines

    def clean(self):
        cleaned = super().clean()
        denied_on, deadline_on = cleaned.get("denied_on"), cleaned.get("deadline_on")
        if denied_on and deadline_on and deadline_on < denied_on:
            self.add_error(
                "deadline_on", forms.ValidationError("The deadline cannot precede the denial.", code="order")
            )
        return cleaned

    def denial(self) -> dict:
        """Return the cleaned denial as build_appeal and build_peer_to_peer take it."""
        data = self.cleaned_data
        return {
            "reasons": [DenialReason(code) for code in data["reasons"]],
            "payer_text": data["payer_text"],
            "denied_on": data["denied_on"],
            "reference": data["reference"],
        }
