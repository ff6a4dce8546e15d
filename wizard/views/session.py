"""The browser's side of automatic logoff: time left, "Stay signed in", and the draft kept before logoff."""

from django.contrib.auth.decorators import login_not_required
from django.db import transaction
from django.http import Http404, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_GET, require_POST

from ..access import case_of, clinician_of
from ..session_limits import keep_alive, keep_step_draft, session_status
from .wizard import FORM_CLASSES


@login_not_required
@never_cache
@require_GET
def status(request):
    """Return the seconds left before automatic logoff; asking does not count as activity."""
    return JsonResponse(session_status(request))


@login_not_required
@never_cache
@require_POST
def keepalive(request):
    """Count "Stay signed in" as activity (never reviving an ended session) and return the new status."""
    keep_alive(request)
    return JsonResponse(session_status(request))


@sensitive_post_parameters()
@never_cache
@require_POST
def step_draft(request, case_id, step):
    """Keep the open step's typed input as its unsaved draft, just before the browser signs out."""
    membership = clinician_of(request)
    if step not in FORM_CLASSES:
        raise Http404("No such step.")
    with transaction.atomic():
        case = case_of(request, case_id, for_update=True)
        kept = keep_step_draft(case, step, request.POST, membership.user)
    return JsonResponse({"kept": kept})
