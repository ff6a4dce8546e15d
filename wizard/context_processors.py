"""Template context shared by every page."""


def membership(request):
    """Expose the signed-in user's clinic membership as `membership` (None for anonymous users)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"membership": None}
    return {"membership": getattr(user, "membership", None)}
