"""The browser's side of automatic logoff: time left and "Stay signed in" (the draft endpoint is in drafts.py)."""

from django.contrib.auth.decorators import login_not_required
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from ..session_limits import keep_alive, session_status


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
