"""Retention: managers archive finished cases, restore them, and purge them after the retention period."""

from datetime import date

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Count, Max
from django.shortcuts import redirect, render
from django.utils import dateformat, timezone
from django.views.decorators.http import require_POST

from audit.models import Action
from audit.trail import record

from ..access import case_of, membership_of
from ..models import Case

CASES_PER_PAGE = 50


def now():
    """Return the current time; the one seam tests move to reach the end of the retention period."""
    return timezone.now()


def manager_of(request):
    """Return the membership if the user manages the clinic; others may not archive, restore or purge."""
    membership = membership_of(request)
    if not membership.is_manager:
        raise PermissionDenied("Only the clinic's managers can archive, restore or purge cases.")
    return membership


def shown(day: date) -> str:
    """Return a day as the pages print it: Nov 22, 2026."""
    return dateformat.format(day, "M j, Y")


def purge_possible_on(archived_at) -> date:
    """Return the first day an archived case may be purged: the retention period after its archiving day."""
    day = timezone.localdate(archived_at)
    years = day.year + settings.RETENTION_YEARS
    # An archiving day of Feb 29 runs to Mar 1, never a day short of the period.
    return day.replace(year=years) if (day.month, day.day) != (2, 29) else date(years, 3, 1)


def archived_list(request):
    """List the clinic's archived cases with the day each was archived and the day it may be purged."""
    membership = manager_of(request)
    cases = (
        Case.objects.filter(clinic_id=membership.clinic_id, archived_at__isnull=False)
        .only("id", "status", "archived_at", "archived_by", "patient_name", "procedure", "payer_label")
        .select_related("archived_by")
        .annotate(letter_count=Count("letters"), latest_letter=Max("letters__version"))
        .order_by("-archived_at")
    )
    page = Paginator(cases, CASES_PER_PAGE).get_page(request.GET.get("page"))
    rows = [(case, purge_possible_on(case.archived_at)) for case in page.object_list]
    record(Action.LIST, request=request, archived=True, cases=[str(case.pk) for case, _ in rows])
    today = timezone.localdate(now())
    return render(request, "wizard/archived_list.html", {"rows": rows, "page": page, "today": today})


@require_POST
def case_archive(request, case_id):
    """Archive a ready or issued case: out of the working list and read-only."""
    manager_of(request)
    case = case_of(request, case_id)
    if case.archived_at is not None:
        messages.info(request, "This case is already archived.")
    elif case.status == Case.Status.DRAFT:
        messages.error(request, "Only ready or issued cases are archived. A clinician can delete a draft.")
    else:
        with transaction.atomic():
            case.archived_at, case.archived_by = now(), request.user
            case.save(update_fields=["archived_at", "archived_by"])
            record(Action.ARCHIVE, request=request, clinic_id=case.clinic_id, case_id=case.pk)
        messages.success(
            request,
            f"The case is archived and read-only. It may be purged from {shown(purge_possible_on(case.archived_at))}.",
        )
    return redirect("case_detail", case_id=case.id)


@require_POST
def case_restore(request, case_id):
    """Bring an archived case back to the working list, editable again."""
    manager_of(request)
    case = case_of(request, case_id)
    if case.archived_at is None:
        messages.info(request, "This case is not archived.")
    else:
        with transaction.atomic():
            archived_at = case.archived_at
            case.archived_at = case.archived_by = None
            case.save(update_fields=["archived_at", "archived_by"])
            record(
                Action.RESTORE,
                request=request,
                clinic_id=case.clinic_id,
                case_id=case.pk,
                archived_at=archived_at.isoformat(),
            )
        messages.success(request, "The case is restored to the working list.")
    return redirect("case_detail", case_id=case.id)


def case_purge(request, case_id):
    """Confirm, then delete an archived case with its letters and draft once its retention period is over."""
    manager_of(request)
    case = case_of(request, case_id)
    if case.archived_at is None:
        messages.error(request, "Archive a case before purging it; only archived cases are purged.")
        return redirect("case_detail", case_id=case.id)
    possible_on = purge_possible_on(case.archived_at)
    if timezone.localdate(now()) < possible_on:
        messages.error(
            request,
            f"This case was archived on {shown(timezone.localdate(case.archived_at))} and must be kept "
            f"{settings.RETENTION_YEARS} years: it may be purged from {shown(possible_on)}.",
        )
        return redirect("case_detail", case_id=case.id)
    if request.method != "POST":
        return render(
            request,
            "wizard/case_purge.html",
            {"case": case, "letter_count": case.letters.count(), "possible_on": possible_on},
        )
    with transaction.atomic():
        locked = Case.objects.select_for_update().filter(pk=case.pk, archived_at=case.archived_at).first()
        if locked is None:
            messages.error(request, "The case was restored or changed meanwhile, so it was not purged.")
            return redirect("case_detail", case_id=case.id)
        letters = locked.letters.all()
        record(
            Action.PURGE, request=request, clinic_id=case.clinic_id, case_id=case.pk, letters=letters.count()
        )
        letters.delete()
        locked.delete()
    messages.success(request, "The case, its letters and its draft were purged. Its audit trail is kept.")
    return redirect("archived_list")
