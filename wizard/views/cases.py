"""The clinic's case list, a case's page, starting and deleting cases."""

from urllib.parse import urlencode

from django.contrib import messages
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Max
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from audit.models import Action
from audit.trail import record

from ..access import case_of, clinician_of, membership_of
from ..case_search import case_search_filter
from ..models import VERDICT_COLUMNS, Case, IssuedLetter
from ..presenters import summarize_case
from .wizard import FORM_CLASSES, assessment_context, case_steps

CASES_PER_PAGE = 50
MAX_QUERY_LENGTH = 100


def case_row(case: Case) -> dict:
    """Return what the list shows of one case, from its list columns."""
    return {
        "case": case,
        "patient": case.patient_name,
        "procedure": case.procedure_label,
        "payer": case.payer_label,
        "born": case.patient_born,
        # Formatted here, not by the date filter: cheaper for 50 rows.
        "born_text": f"{case.patient_born:%b} {case.patient_born.day}, {case.patient_born.year}"
        if case.patient_born
        else "",
        "member_id": case.member_id,
    }


def refresh_stale_verdicts(cases, today) -> None:
    """Re-judge listed cases whose cached verdict is from another day or criteria version (two queries)."""
    stale = [case for case in cases if not case.verdict_is_current(today)]
    if not stale:
        return
    facts = dict(Case.objects.filter(pk__in=[case.pk for case in stale]).values_list("pk", "facts"))
    for case in stale:
        case.facts = facts[case.pk]
        case.refresh_verdict(today)
    Case.objects.bulk_update(stale, VERDICT_COLUMNS)


def add_latest_letters(cases) -> None:
    """Set each listed case's latest letter version, grouping the letters of these cases only (one query)."""
    latest = dict(
        IssuedLetter.objects.filter(case_id__in=[case.pk for case in cases])
        .values("case_id")
        .annotate(version=Max("version"))
        .values_list("case_id", "version")
    )
    for case in cases:
        case.latest_letter = latest.get(case.pk)


def case_list(request):
    """List the clinic's working cases; a search by patient is posted, so names never reach a URL."""
    membership = membership_of(request)
    if request.method == "POST":
        query = request.POST.get("q", "").strip()[:MAX_QUERY_LENGTH]
        status, page_number = request.POST.get("status", ""), request.POST.get("page")
        if not query:
            # Nothing to keep out of the URL: show the plain listing at an address that can be bookmarked.
            return redirect(list_url(status))
    else:
        # A name in the query string is ignored: it would sit in logs and browser history.
        query, status, page_number = "", request.GET.get("status", ""), request.GET.get("page")
    cases = Case.objects.filter(clinic_id=membership.clinic_id, archived_at__isnull=True).order_by(
        "-updated_at"
    )
    if status in Case.Status.values:
        cases = cases.filter(status=status)
    else:
        status = ""
    if query:
        cases = cases.filter(case_search_filter(query))
    listed = cases.only(
        "id",
        "status",
        "updated_at",
        "patient_name",
        "procedure",
        "payer_label",
        "patient_born",
        "member_id",
        *VERDICT_COLUMNS,
    )
    page = Paginator(listed, CASES_PER_PAGE).get_page(page_number)
    refresh_stale_verdicts(page.object_list, timezone.localdate())
    add_latest_letters(page.object_list)
    shown = [str(case.pk) for case in page.object_list]
    if query:
        record(Action.SEARCH, request=request, results=page.paginator.count, cases=shown)
    else:
        record(Action.LIST, request=request, cases=shown)
    return render(
        request,
        "wizard/case_list.html",
        {
            "rows": [case_row(c) for c in page.object_list],
            "page": page,
            "query": query,
            "status": status,
            "statuses": Case.Status.choices,
        },
    )


def list_url(status: str) -> str:
    """Return the case list's address with its status filter; a search never goes into it."""
    return reverse("case_list") + (
        f"?{urlencode({'status': status})}" if status in Case.Status.values else ""
    )


@require_POST
def case_new(request):
    """Start a draft case for the clinic and open its first step."""
    membership = clinician_of(request)
    with transaction.atomic():
        case = Case.objects.create(clinic=membership.clinic, created_by=request.user, updated_by=request.user)
        record(Action.CREATE, request=request, case_id=case.pk)
    return redirect("case_step", case_id=case.id, step="request")


def case_detail(request, case_id):
    """Show one case: where it stands and every saved fact."""
    membership = membership_of(request)
    case = case_of(request, case_id)
    steps = [s for s in case_steps(case) if s != "review"]
    unsaved = set(case.wizard_state.get("extra_data", {}).get("unsaved", []))
    today = timezone.localdate()
    return render(
        request,
        "wizard/case_detail.html",
        {
            "case": case,
            "row": case_row(case),
            "summaries": summarize_case(case, steps, FORM_CLASSES, unsaved, today),
            "letters": case.letters.select_related("issued_by").defer("pdf"),
            **assessment_context(
                case, steps, today, editable=membership.is_clinician and not case.archived_at
            ),
        },
    )


@require_POST
def case_delete(request, case_id):
    """Delete a draft case; ready cases and cases with letters are kept."""
    clinician_of(request)
    case = case_of(request, case_id)
    if case.status != Case.Status.DRAFT or case.letters.exists():
        messages.error(request, "Only drafts without issued letters can be deleted.")
        return redirect("case_detail", case_id=case.id)
    with transaction.atomic():
        # The event outlives the row it names: the trail says who deleted which case, and when.
        record(Action.DELETE, request=request, clinic_id=case.clinic_id, case_id=case.pk)
        case.delete()
    messages.success(request, "The draft was deleted.")
    return redirect("case_list")
