"""Case files: export any case to JSON, import a JSON file as a new draft."""

from django import forms
from django.contrib import messages
from django.db import transaction
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from audit.models import Action
from audit.trail import record

from ..access import case_of, clinician_of
from ..case_files import CaseFileError, adopt_for_clinic, read_case_file, save_imported_case
from ..core.facts import Clinician

MAX_CASE_FILE_BYTES = 1_000_000


class ImportForm(forms.Form):
    case_file = forms.FileField(
        label="Case file (.json)",
        help_text="A file exported from this app or written to docs/case-format.md.",
    )

    def clean_case_file(self):
        upload = self.cleaned_data["case_file"]
        if upload.size > MAX_CASE_FILE_BYTES:
            raise forms.ValidationError(
                "The file is larger than 1 MB; a case file is a few kilobytes.", code="size"
            )
        try:
            return read_case_file(upload.read(), timezone.localdate())
        except CaseFileError as error:
            raise forms.ValidationError(error.messages, code="invalid") from None


def case_export(request, case_id):
    """Download the case file; the name carries no patient data and nothing is cached."""
    case = case_of(request, case_id)
    record(Action.EXPORT, request=request, clinic_id=case.clinic_id, case_id=case.pk)
    response = JsonResponse(case.facts or {}, json_dumps_params={"indent": 2, "ensure_ascii": False})
    response["Content-Disposition"] = f'attachment; filename="case-{str(case.id)[:8]}.json"'
    response["Cache-Control"] = "no-store"
    return response


def case_import(request):
    """Create a draft case from a case file, all or nothing."""
    membership = clinician_of(request)
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        facts, saved_steps = form.cleaned_data["case_file"]
        with transaction.atomic():
            adopted = adopt_for_clinic(facts, membership.clinic, request.user)
            case = save_imported_case(membership.clinic, request.user, adopted.facts, saved_steps)
            record(
                Action.IMPORT, request=request, case_id=case.pk, clinician_replaced=adopted.unused is not None
            )
        messages.success(request, "The case file was imported as a new draft.")
        if adopted.unused is not None:
            messages.warning(
                request, unused_clinician_message(adopted.unused, adopted.facts.request.clinician)
            )
        return redirect("case_detail", case_id=case.id)
    return render(request, "wizard/case_import.html", {"form": form})


def unused_clinician_message(unused: Clinician, signer: Clinician) -> str:
    """Say that the file's clinician was not used and who signs instead (shown to the importer only)."""
    named = " ".join(part for part in (unused.name, f"NPI {unused.npi}" if unused.npi else "") if part)
    then = (
        f"the letter will be signed by {signer.name}."
        if signer.name
        else "choose the signing clinician in the request step."
    )
    return f"The file's clinician, {named}, is not a member of this clinic and was not used; {then}"
