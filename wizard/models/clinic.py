"""Clinics and their members: who signs, who reads, who manages."""

import base64

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models

from ..core.facts import Clinician, Practice
from ..core.npi import is_valid_npi


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
