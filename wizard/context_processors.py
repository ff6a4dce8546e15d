"""Template context shared by every page."""

from .access import current_membership


def membership(request):
    """Expose the signed-in user's clinic membership as `membership` (None for anonymous users)."""
    return {"membership": current_membership(request) if hasattr(request, "user") else None}
