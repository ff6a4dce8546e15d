"""The code form for signing in with a second factor and for setting up an authenticator app."""

from django import forms
from django.utils import timezone

from .second_factor import Verification, confirm_app_device, normalise_code, verify


def code_widget() -> forms.TextInput:
    """Return a text box that phones and password managers treat as a one-time code."""
    return forms.TextInput(
        attrs={
            "autocomplete": "one-time-code",
            "autofocus": True,
            "spellcheck": "false",
            "autocapitalize": "off",
        }
    )


class CodeForm(forms.Form):
    """One code: checked against the user's devices, or against the app being set up."""

    code = forms.CharField(label="Code", max_length=24, widget=code_widget())

    def __init__(self, *args, user, pending_device=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.pending_device = pending_device
        self.verification = Verification(None)
        if pending_device is not None:
            self.fields["code"].label = "The 6-digit code your app shows"
            self.fields["code"].widget.attrs["inputmode"] = "numeric"
        else:
            self.fields["code"].label = "The 6-digit code from your authenticator app, or a recovery code"

    def clean_code(self):
        code = normalise_code(self.cleaned_data["code"])
        if self.pending_device is not None:
            self.verification = confirm_app_device(self.pending_device, code)
        else:
            self.verification = verify(self.user, code)
        if self.verification.wait_until is not None:
            until = timezone.localtime(self.verification.wait_until)
            raise forms.ValidationError(
                "Too many wrong codes. Wait until %(until)s, then try again.",
                code="throttled",
                params={"until": until.strftime("%H:%M:%S")},
            )
        if self.verification.device is None:
            raise forms.ValidationError(
                "That code is not right. Codes change every 30 seconds: type the one your app shows now.",
                code="wrong_code",
            )
        return code
