"""A busy database is a 503 that says nothing was lost, never a server error page."""

import logging
import sys

from django.db import OperationalError
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.views import defaults

logger = logging.getLogger(__name__)

# SQLite's lock messages, and PostgreSQL's serialization failure, deadlock and lock timeout.
SQLITE_BUSY = ("database is locked", "database table is locked")
POSTGRESQL_BUSY = {"40001", "40P01", "55P03"}
RETRY_AFTER_SECONDS = 5


def is_database_busy(exception: BaseException | None) -> bool:
    """Return whether an exception means another writer held the database, not that something broke."""
    if not isinstance(exception, OperationalError):
        return False
    if getattr(exception.__cause__, "sqlstate", None) in POSTGRESQL_BUSY:
        return True
    return any(message in str(exception) for message in SQLITE_BUSY)


def busy_response(request) -> HttpResponse:
    """Return the 503 page; it needs no database, which is busy."""
    match = getattr(request, "resolver_match", None)
    # The route name only: a path may hold a case id, and form data may hold patient data.
    logger.warning("Database busy; answered 503 (route %s)", match.view_name if match else "-")
    response = HttpResponse(render_to_string("503.html"), status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


class DatabaseBusyMiddleware:
    """Answer a view that met a locked database with the 503 page.

    The request is not replayed: without ATOMIC_REQUESTS part of it may have been saved already, and each
    write that is safe to repeat (issuing a letter) retries itself.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        """Turn a busy-database error into the 503 page; let every other error through."""
        return busy_response(request) if is_database_busy(exception) else None


def server_error(request, template_name=defaults.ERROR_500_TEMPLATE_NAME):
    """The 500 handler: a busy database met outside a view (a middleware's save) still gets the 503 page."""
    if is_database_busy(sys.exc_info()[1]):
        return busy_response(request)
    return defaults.server_error(request, template_name)
