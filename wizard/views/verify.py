"""Verify a letter: is this PDF, byte for byte, a letter this clinic issued?"""

import hashlib
import json
import logging

from django import forms
from django.db.models import Prefetch
from django.shortcuts import render
from pypdf import PdfReader

from audit.models import Action
from audit.trail import record

from ..access import membership_of
from ..letter.render import CASE_FILE_NAME
from ..models import Case, IssuedLetter, list_columns

logger = logging.getLogger(__name__)

MAX_PDF_BYTES = 20 * 1024 * 1024
MAX_CASE_FILE_BYTES = 2_500_000
PDF_MAGIC = b"%PDF-"


class VerifyForm(forms.Form):
    pdf = forms.FileField(
        label="Letter (PDF)",
        help_text="The letter exactly as it was received or sent; up to 20 MB. It is checked, not kept.",
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf,.pdf"}),
    )

    def clean_pdf(self):
        upload = self.cleaned_data["pdf"]
        if upload.size > MAX_PDF_BYTES:
            raise forms.ValidationError(
                "This file is larger than 20 MB; no letter we issue is.", code="too_large"
            )
        head = upload.read(len(PDF_MAGIC))
        upload.seek(0)
        if head != PDF_MAGIC:
            raise forms.ValidationError(
                "This file is not a PDF. Choose the letter's PDF file (its name ends in .pdf).",
                code="not_pdf",
            )
        return upload


def sha256_of(upload) -> str:
    """Return the SHA-256 of an uploaded file, read in chunks."""
    digest = hashlib.sha256()
    for chunk in upload.chunks():
        digest.update(chunk)
    return digest.hexdigest()


def attached_case_file(upload) -> dict | None:
    """Return the case file attached to a PDF, or None when there is none that reads."""
    upload.seek(0)
    try:
        files = PdfReader(upload).attachments.get(CASE_FILE_NAME) or []
        if not files or len(files[0]) > MAX_CASE_FILE_BYTES:
            return None
        data = json.loads(files[0])
    # A damaged or hostile PDF can make the reader raise nearly anything; it only means "no case file".
    except Exception:
        logger.info("Verify: the uploaded PDF's attachments could not be read")
        return None
    return data if isinstance(data, dict) else None


def cases_named_by(case_file: dict | None, clinic_id) -> list[Case]:
    """Return this clinic's cases for the patient and request a case file names."""
    if case_file is None:
        return []
    try:
        columns = list_columns(case_file)
        born_on = case_file["patient"].get("born_on")
    except (AttributeError, KeyError, TypeError):
        return []
    if not columns["patient_search"] or not isinstance(columns["patient_search"], str):
        return []
    cases = Case.objects.filter(
        clinic_id=clinic_id, patient_search=columns["patient_search"], procedure=columns["procedure"]
    ).prefetch_related(Prefetch("letters", queryset=IssuedLetter.objects.defer("pdf").order_by("version")))
    return [case for case in cases if case.facts.get("patient", {}).get("born_on") == born_on]


def letter_verify(request):
    """Check an uploaded PDF against this clinic's issued letters by its SHA-256."""
    membership = membership_of(request)
    form = VerifyForm(request.POST, request.FILES) if request.method == "POST" else VerifyForm()
    context = {"form": form, "checked": False}
    if form.is_valid():
        upload = form.cleaned_data["pdf"]
        sha256 = sha256_of(upload)
        letter = (
            IssuedLetter.objects.filter(case__clinic_id=membership.clinic_id, sha256=sha256)
            .select_related("case", "issued_by")
            .defer("pdf")
            .first()
        )
        context.update(checked=True, sha256=sha256, letter=letter, named=[])
        if letter is not None:
            record(
                Action.VERIFY, request=request, case_id=letter.case_id, matched=True, version=letter.version
            )
        else:
            named = cases_named_by(attached_case_file(upload), membership.clinic_id)
            context["named"] = named
            record(
                Action.VERIFY, request=request, matched=False, named_cases=[str(case.pk) for case in named]
            )
    return render(request, "wizard/verify.html", context)
