"""Enclosure upload and packet forms: input checks only; the file is judged by its content."""

from datetime import date

from django import forms

from ..core.choices import EnclosureKind
from ..packet.uploads import MAX_ENCLOSURE_BYTES, MEGABYTE, UploadRefused, check_upload, megabytes

FAX_CHARACTERS = set("0123456789 ()+-.")


class EnclosureForm(forms.Form):
    kind = forms.ChoiceField(choices=[("", "Choose…"), *EnclosureKind.choices()], label="Kind of record")
    title = forms.CharField(
        required=False,
        max_length=120,
        label="Title",
        help_text="Optional: what the record is, e.g. its author (“Linda Cho, PhD”).",
    )
    document_on = forms.DateField(
        label="Date of the record",
        help_text="The date of the record itself, not of the upload.",
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    file = forms.FileField(
        label="File",
        help_text=f"PDF, PNG or JPEG, up to {MAX_ENCLOSURE_BYTES // MEGABYTE} MB.",
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf,image/png,image/jpeg"}),
    )

    def __init__(self, *args, today: date, **kwargs):
        super().__init__(*args, **kwargs)
        self.today = today

    def clean_document_on(self):
        document_on = self.cleaned_data["document_on"]
        if document_on > self.today:
            raise forms.ValidationError("The date of the record cannot be in the future.", code="future")
        return document_on

    def clean_file(self):
        """Return the uploaded bytes and what they are, or refuse the file with what is wrong."""
        upload = self.cleaned_data["file"]
        if upload.size > MAX_ENCLOSURE_BYTES:
            raise forms.ValidationError(
                f"The file is {megabytes(upload.size)} MB; the limit is {MAX_ENCLOSURE_BYTES // MEGABYTE} MB.",
                code="too_large",
            )
        data = upload.read(MAX_ENCLOSURE_BYTES + 1)
        try:
            checked = check_upload(data)
        except UploadRefused as refusal:
            raise forms.ValidationError(str(refusal), code="refused") from None
        return data, checked

    def clean(self):
        cleaned = super().clean()
        if self.errors:
            # Browsers never refill a file input, so the other fields are kept and this one says so.
            note = "Choose the file again: a browser does not keep a chosen file when the form comes back. "
            self["file"].help_text = note + self.fields["file"].help_text
        return cleaned


class PacketForm(forms.Form):
    to_fax = forms.CharField(
        required=False,
        max_length=40,
        label="Payer's fax number",
        help_text="Printed on the cover sheet. Leave empty for a portal upload.",
    )
    attention = forms.CharField(
        required=False,
        max_length=120,
        label="Attention",
        help_text="Optional, e.g. “Utilization Management”. Printed on the cover sheet.",
    )

    def clean_to_fax(self):
        to_fax = self.cleaned_data["to_fax"].strip()
        digits = sum(character.isdigit() for character in to_fax)
        if to_fax and (not set(to_fax) <= FAX_CHARACTERS or not 7 <= digits <= 15):
            raise forms.ValidationError("Give a fax number of digits, e.g. (800) 555-0100.", code="fax")
        return to_fax
