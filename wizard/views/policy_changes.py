"""Policy changed since the review: the clinician reads what changed for the case and says so."""

from django.contrib import messages
from django.db import transaction
from django.shortcuts import redirect
from django.utils import timezone
from django.views.decorators.http import require_POST

from audit.models import Action
from audit.trail import record

from ..access import case_of, clinician_of

RETURN_TO_REVIEW = "review"


@require_POST
def policy_change_read(request, case_id):
    """Record that the clinician read what the changed tables change for this case: a new review snapshot."""
    clinician_of(request)
    with transaction.atomic():
        case = case_of(request, case_id, for_update=True)
        before = case.reviewed_tables
        case.record_review(timezone.localdate())
        record(
            Action.STATUS,
            request=request,
            case_id=case.pk,
            review="policy change read",
            tables_from=before,
            tables_to=case.reviewed_tables,
        )
    messages.success(request, "Noted: the case is now reviewed against the criteria tables in force.")
    if request.POST.get("return") == RETURN_TO_REVIEW:
        return redirect("case_step", case_id=case.id, step="review")
    return redirect("case_detail", case_id=case.id)
