"""Records sent with the letter: each file kept in the database, as issued letters are."""

import uuid

from django.conf import settings
from django.db import models

from ..core.choices import EnclosureKind
from .case import Case


class Enclosure(models.Model):
    """One record sent with the letter (PDF, PNG or JPEG): its kind, date and the exact bytes uploaded."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="enclosures")
    kind = models.CharField(max_length=30, choices=EnclosureKind.choices())
    title = models.CharField(max_length=120, blank=True, help_text="What the record is, e.g. the author.")
    document_on = models.DateField(help_text="The date of the record itself, not of the upload.")
    content_type = models.CharField(max_length=40, editable=False)
    data = models.BinaryField(editable=False)
    size_bytes = models.PositiveIntegerField(editable=False)
    pages = models.PositiveIntegerField(editable=False)
    sha256 = models.CharField(max_length=64, editable=False)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["document_on", "uploaded_at"]

    def __str__(self):
        return f"Enclosure {self.id}"

    @property
    def kind_label(self) -> str:
        """Return the kind in words."""
        return EnclosureKind(self.kind).label

    @property
    def filename(self) -> str:
        """Return a download name that holds no patient data."""
        extension = {"application/pdf": "pdf", "image/png": "png", "image/jpeg": "jpg"}.get(self.content_type)
        return f"enclosure-{str(self.id)[:8]}.{extension or 'bin'}"
