"""The manager's audit trail reader and its CSV export."""

from django.core.paginator import Paginator
from django.http import StreamingHttpResponse
from django.shortcuts import render
from django.utils import timezone

from audit.export import TrailFilter, csv_lines, event_row, filter_events
from audit.models import Action
from audit.trail import record
from wizard.models import Case, Membership

from ..access import manager_of
from ..forms import AuditFilterForm

EVENTS_PER_PAGE = 50


def trail_filter(manager, form) -> TrailFilter | None:
    """Return the clinic's filter from a valid form, or None when the form has errors."""
    if not form.is_valid():
        return None
    data = form.cleaned_data
    return TrailFilter(
        clinic_id=manager.clinic_id,
        case_id=data["case"],
        username=data["user"].strip(),
        since=data["since"],
        until=data["until"],
    )


def audit_trail(request):
    """List the clinic's events, newest first, filtered by case, user and dates."""
    manager = manager_of(request)
    form = AuditFilterForm(request.GET)
    trail = trail_filter(manager, form)
    page, rows = None, []
    if trail is not None:
        page = Paginator(filter_events(trail), EVENTS_PER_PAGE).get_page(request.GET.get("page"))
        rows = listed_rows(manager.clinic_id, page.object_list)
        record(Action.AUDIT_READ, request=request, page=page.number, filters=trail.described())
    query = request.GET.copy()
    query.pop("page", None)
    usernames = Membership.objects.filter(clinic_id=manager.clinic_id).values_list(
        "user__username", flat=True
    )
    context = {"form": form, "page": page, "rows": rows, "query": query.urlencode(), "usernames": usernames}
    return render(request, "clinic/audit.html", context)


def listed_rows(clinic_id, events) -> list[dict]:
    """Return the page's rows, each knowing whether its case still exists to link to."""
    rows = [event_row(event) for event in events]
    case_ids = {row["case"] for row in rows if row["case"]}
    existing = {
        str(pk)
        for pk in Case.objects.filter(clinic_id=clinic_id, pk__in=case_ids).values_list("pk", flat=True)
    }
    for row, event in zip(rows, events, strict=True):
        row["at"] = event.at
        row["case_exists"] = row["case"] in existing
    return rows


def audit_export(request):
    """Send the filtered events as a CSV file, named without patient data."""
    manager = manager_of(request)
    form = AuditFilterForm(request.GET)
    trail = trail_filter(manager, form)
    if trail is None:
        response = audit_trail(request)
        response.status_code = 400
        return response
    events = filter_events(trail)
    record(
        Action.AUDIT_EXPORT, request=request, format="csv", events=events.count(), filters=trail.described()
    )
    response = StreamingHttpResponse(csv_lines(events), content_type="text/csv; charset=utf-8")
    name = f"audit-trail-clinic{manager.clinic_id}-{timezone.localdate():%Y-%m-%d}.csv"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Cache-Control"] = "no-store"
    return response
