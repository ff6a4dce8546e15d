"""Error pages that tell people what to do next."""

from django.shortcuts import render


def csrf_failure(request, reason=""):
    """Explain an expired or foreign form without Django's technical page."""
    return render(
        request,
        "403.html",
        {
            "exception": "This page expired (or came from elsewhere), so nothing was saved. Go back, reload it and try again."
        },
        status=403,
    )
