"""Enclosures of a case: list, upload, download (checked against its hash) and delete; all audited."""

import hashlib
import logging

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.files.uploadhandler import MemoryFileUploadHandler
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_POST

from audit.models import Action
from audit.trail import record

from ..access import case_of, membership_of, refuse_archived
from ..forms.enclosures import EnclosureForm, PacketForm
from ..models import Enclosure, Membership
from ..packet.build import StoredFileAltered, checked_bytes
from ..packet.uploads import MAX_ENCLOSURE_BYTES

logger = logging.getLogger(__name__)


CHANGERS = (Membership.Role.CLINICIAN, Membership.Role.STAFF)


def uploader_of(request) -> Membership:
    """Return the membership of a clinician or office staff member: they gather and send the records."""
    membership = membership_of(request)
    if membership.role not in CHANGERS:
        raise PermissionDenied("Clinicians and office staff add and remove enclosures.")
    return membership


def enclosures_page(request, case, *, form=None, packet_form=None, status=200):
    """Render the case's enclosures page with the upload and packet forms (bound ones keep what was typed)."""
    context = {
        "case": case,
        "enclosures": case.enclosures.defer("data").select_related("uploaded_by"),
        "latest_letter": case.letters.defer("pdf").first(),
        "form": form or EnclosureForm(today=timezone.localdate()),
        "packet_form": packet_form or PacketForm(),
        "can_change": membership_of(request).role in CHANGERS,
    }
    return render(request, "wizard/enclosures.html", context, status=status)


def enclosure_list(request, case_id):
    """Show a case's enclosures with the upload form."""
    return enclosures_page(request, case_of(request, case_id))


class EnclosureUploadHandler(MemoryFileUploadHandler):
    """Keep an uploaded record in memory, never in a temporary file on disk, and no more than the limit."""

    def handle_raw_input(self, input_data, META, content_length, boundary, encoding=None):
        self.activated = True

    def receive_data_chunk(self, raw_data, start):
        # Bytes past the limit are counted (the file's size) but not kept: the form refuses the file by size.
        room = MAX_ENCLOSURE_BYTES + 1 - start
        if room > 0:
            self.file.write(raw_data[:room])


# The upload handlers must be set before anything reads the body, CSRF's check included: it runs inside.
@csrf_exempt
@require_POST
def enclosure_upload(request, case_id):
    """Store an uploaded record with the case, after checking its content (clinicians and staff)."""
    request.upload_handlers = [EnclosureUploadHandler(request)]
    return store_upload(request, case_id)


@csrf_protect
def store_upload(request, case_id):
    """Validate the upload form and store the record, audited, on the clinic's unarchived case."""
    uploader_of(request)
    form = EnclosureForm(request.POST, request.FILES, today=timezone.localdate())
    with transaction.atomic():
        case = case_of(request, case_id, for_update=True)
        if not form.is_valid():
            return enclosures_page(request, case, form=form)
        data, checked = form.cleaned_data["file"]
        enclosure = Enclosure.objects.create(
            case=case,
            kind=form.cleaned_data["kind"],
            title=form.cleaned_data["title"].strip(),
            document_on=form.cleaned_data["document_on"],
            content_type=checked.content_type,
            data=data,
            size_bytes=len(data),
            pages=checked.pages,
            sha256=hashlib.sha256(data).hexdigest(),
            uploaded_by=request.user,
        )
        record(
            Action.CHANGE,
            request=request,
            clinic_id=case.clinic_id,
            case_id=case.pk,
            what="enclosure_added",
            enclosure=str(enclosure.pk),
            kind=enclosure.kind,
            pages=enclosure.pages,
            sha256=enclosure.sha256,
        )
    messages.success(
        request,
        f"{enclosure.kind_label} added ({enclosure.pages} page{'s' if enclosure.pages != 1 else ''}).",
    )
    return redirect("enclosure_list", case_id=case.id)


def enclosure_download(request, case_id, enclosure_id):
    """Send an enclosure exactly as uploaded, after checking its bytes against the hash stored at upload."""
    case = case_of(request, case_id)
    enclosure = get_object_or_404(case.enclosures, pk=enclosure_id)
    try:
        data = checked_bytes(enclosure.data, enclosure.sha256, f"enclosure {enclosure.filename}")
    except StoredFileAltered as altered:
        logger.error("Stored enclosure failed its integrity check and was not sent: case %s", case.pk)
        record(
            Action.TAMPER,
            request=request,
            clinic_id=case.clinic_id,
            case_id=case.pk,
            what="enclosure",
            enclosure=str(enclosure.pk),
            stored_sha256=altered.stored_sha256,
            found_sha256=altered.found_sha256,
        )
        return render(request, "wizard/enclosure_integrity.html", {"case": case}, status=500)
    record(
        Action.DOWNLOAD,
        request=request,
        clinic_id=case.clinic_id,
        case_id=case.pk,
        what="enclosure",
        enclosure=str(enclosure.pk),
    )
    response = HttpResponse(data, content_type=enclosure.content_type)
    response["Content-Disposition"] = f'attachment; filename="{enclosure.filename}"'
    response["Cache-Control"] = "no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


@require_POST
def enclosure_delete(request, case_id, enclosure_id):
    """Remove an enclosure from the case (clinicians and staff); the audit trail keeps its hash."""
    uploader_of(request)
    # Looked up before the transaction, so the audited read stands even when the id is unknown (404).
    case = case_of(request, case_id)
    refuse_archived(case)
    enclosure = get_object_or_404(case.enclosures.defer("data"), pk=enclosure_id)
    with transaction.atomic():
        record(
            Action.CHANGE,
            request=request,
            clinic_id=case.clinic_id,
            case_id=case.pk,
            what="enclosure_removed",
            enclosure=str(enclosure.pk),
            kind=enclosure.kind,
            sha256=enclosure.sha256,
        )
        label = enclosure.kind_label
        enclosure.delete()
    messages.success(request, f"{label} removed from the case.")
    return redirect("enclosure_list", case_id=case.id)
