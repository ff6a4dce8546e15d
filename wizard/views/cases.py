"""The clinic's case list, a case's page, starting and deleting cases."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Max
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from ..access import case_of, clinician_of, membership_of
from ..models import VERDICT_COLUMNS, Case
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


def case_list(request):
    """List the clinic's cases; search by patient name (posted, so names stay out of URLs)."""
    membership = membership_of(request)
    params = request.POST if request.method == "POST" else request.GET
    query = params.get("q", "").strip()[:MAX_QUERY_LENGTH]
    status = params.get("status", "")
    cases = Case.objects.filter(clinic_id=membership.clinic_id).order_by("-updated_at")
    if status in Case.Status.values:
        cases = cases.filter(status=status)
    if query:
        cases = cases.filter(patient_search__contains=query.lower())
    listed = cases.only(
        "id", "status", "updated_at", "patient_name", "procedure", "payer_label", *VERDICT_COLUMNS
    ).annotate(latest_letter=Max("letters__version"))
    page = Paginator(listed, CASES_PER_PAGE).get_page(params.get("page"))
    refresh_stale_verdicts(page.object_list, timezone.localdate())
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


@require_POST
def case_new(request):
    """Start a draft case for the clinic and open its first step."""
    membership = clinician_of(request)
    case = Case.objects.create(clinic=membership.clinic, created_by=request.user, updated_by=request.user)
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
            **assessment_context(case, steps, today, editable=membership.is_clinician),
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
    case.delete()
    messages.success(request, "The draft was deleted.")
    return redirect("case_list")
