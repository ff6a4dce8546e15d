"""Start the permanent implant from a trial, or a replacement from an implant (clinicians only)."""

from django.contrib import messages
from django.db import transaction
from django.shortcuts import redirect
from django.utils import timezone
from django.views.decorators.http import require_POST

from audit.models import Action
from audit.trail import record

from ..access import case_of, clinician_of
from ..sequels import SequelRefused, start_sequel


@require_POST
def case_sequel(request, case_id):
    """Create the sequel case with every fact copied and open it on the step that needs input."""
    clinician_of(request)
    parent = case_of(request, case_id)
    try:
        with transaction.atomic():
            case, step = start_sequel(parent, request.user, timezone.localdate())
            # CREATE with what="sequel": audit/models.py has no action of its own for a sequel.
            record(
                Action.CREATE,
                request=request,
                clinic_id=case.clinic_id,
                case_id=case.pk,
                what="sequel",
                parent=str(parent.pk),
            )
    except SequelRefused as refusal:
        messages.error(request, str(refusal))
        return redirect("case_detail", case_id=parent.id)
    messages.success(
        request, f"Started from the earlier case with every fact copied: {case.procedure_label}."
    )
    return redirect("case_step", case_id=case.id, step=step)
