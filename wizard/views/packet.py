"""The submission packet: cover sheet, the latest issued letter and every enclosure, each page stamped."""

import io

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST
from pypdf import PdfReader

from audit.models import Action
from audit.trail import record

from ..access import case_of
from ..forms.enclosures import PacketForm
from ..packet.assemble import PacketRefused
from ..packet.build import StoredFileAltered, packet_for_case
from .enclosures import enclosures_page


@require_POST
def packet_download(request, case_id):
    """Build and send the packet of the case's latest issued letter (clinicians and staff)."""
    case = case_of(request, case_id)
    letter = case.letters.first()
    if letter is None:
        messages.error(request, "A packet holds the issued letter: issue the letter first.")
        return redirect("case_detail", case_id=case.id)
    form = PacketForm(request.POST)
    if not form.is_valid():
        return enclosures_page(request, case, packet_form=form)
    try:
        pdf = packet_for_case(case, letter, today=timezone.localdate(), **form.cleaned_data)
    except StoredFileAltered as altered:
        record(
            Action.TAMPER,
            request=request,
            clinic_id=case.clinic_id,
            case_id=case.pk,
            what="packet",
            file=altered.what,
            stored_sha256=altered.stored_sha256,
            found_sha256=altered.found_sha256,
        )
        return render(request, "wizard/enclosure_integrity.html", {"case": case}, status=500)
    except PacketRefused as refusal:
        messages.error(request, str(refusal))
        return redirect("enclosure_list", case_id=case.id)
    pages = len(PdfReader(io.BytesIO(pdf)).pages)
    record(
        Action.DOWNLOAD,
        request=request,
        clinic_id=case.clinic_id,
        case_id=case.pk,
        what="packet",
        version=letter.version,
        pages=pages,
        enclosures=case.enclosures.count(),
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = (
        f'attachment; filename="packet-{str(case.id)[:8]}-v{letter.version}.pdf"'
    )
    response["Cache-Control"] = "no-store"
    return response
