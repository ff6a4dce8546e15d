"""Input for the manager's pages: an invitation, a clinician's signature and the audit trail's filter."""

from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.validators import UnicodeUsernameValidator
from django.core.validators import RegexValidator

from wizard.letter.signature import MAX_IMAGE_BYTES, SignatureImageError, check_signature_image
from wizard.models import Membership, npi_validator


class InviteForm(forms.Form):
    """Who joins the clinic, in which role; clinicians also give what their signature prints."""

    first_name = forms.CharField(max_length=150)
    last_name = forms.CharField(max_length=150)
    username = forms.CharField(
        max_length=150,
        validators=[UnicodeUsernameValidator()],
        help_text="What they type to sign in: letters, digits and @ . + - _ only.",
    )
    role = forms.ChoiceField(choices=Membership.Role.choices)
    credentials = forms.CharField(
        max_length=100, required=False, help_text="e.g. MD, FIPP; printed under a clinician's signature."
    )
    npi = forms.CharField(
        label="Individual NPI",
        max_length=10,
        required=False,
        validators=[npi_validator],
        help_text="Required for clinicians: it is printed under their signature.",
    )

    def clean_username(self):
        username = self.cleaned_data["username"]
        if get_user_model().objects.filter(username__iexact=username).exists():
            raise forms.ValidationError("This username is taken; choose another.", code="taken")
        return username

    def clean(self):
        cleaned = super().clean()
        clinician = cleaned.get("role") == Membership.Role.CLINICIAN
        if clinician and not cleaned.get("npi") and "npi" not in self.errors:
            self.add_error("npi", forms.ValidationError("A clinician needs an NPI.", code="npi_required"))
        return cleaned


class AuditFilterForm(forms.Form):
    """Narrow the trail to one case, one user or a date range (inclusive)."""

    case = forms.UUIDField(label="Case id", required=False)
    user = forms.CharField(label="Username", max_length=150, required=False)
    since = forms.DateField(label="From", required=False, widget=forms.DateInput(attrs={"type": "date"}))
    until = forms.DateField(label="To", required=False, widget=forms.DateInput(attrs={"type": "date"}))

    def clean(self):
        cleaned = super().clean()
        since, until = cleaned.get("since"), cleaned.get("until")
        if since and until and since > until:
            self.add_error(
                "until", forms.ValidationError("The end date is before the start date.", code="order")
            )
        return cleaned


class SignatureForm(forms.Form):
    """A clinician's direct line and optional signature image (PNG or SVG, checked by its content)."""

    direct_phone = forms.CharField(
        label="Direct line",
        max_length=40,
        required=False,
        validators=[
            RegexValidator(
                r"^[0-9+()./ -]*(?:(?:ext\.?|x) ?[0-9]{1,6})?$",
                "Digits, spaces and + ( ) - . only, with an optional extension (ext 123).",
                code="phone",
            )
        ],
        help_text="Printed on letters for a peer-to-peer discussion with the payer's reviewer.",
    )
    image = forms.FileField(
        label="Signature image",
        required=False,
        help_text=f"PNG or SVG, up to {MAX_IMAGE_BYTES // 1024} KB; printed above the typed name on issued letters.",
        widget=forms.ClearableFileInput(attrs={"accept": "image/png,image/svg+xml"}),
    )
    remove = forms.BooleanField(label="Remove the signature image", required=False)

    def clean_image(self):
        upload = self.cleaned_data.get("image")
        if not upload:
            return None
        if upload.size > MAX_IMAGE_BYTES:
            raise forms.ValidationError(
                f"The image is larger than {MAX_IMAGE_BYTES // 1024} KB.", code="too_large"
            )
        data = upload.read(MAX_IMAGE_BYTES + 1)
        try:
            content_type = check_signature_image(data)
        except SignatureImageError as error:
            raise forms.ValidationError(str(error), code="image") from None
        return data, content_type
