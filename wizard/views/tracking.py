"""Tracking after the letter: record each sending to the payer and each answer, close the case."""

from dataclasses import dataclass

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from audit.models import Action
from audit.trail import record

from ..access import case_of, membership_of
from ..core.tracking import (
    TrackedAnswer,
    TrackedSubmission,
    case_status_after,
    decision_due,
    decision_of,
    is_overdue,
    stored_due,
)
from ..forms.tracking import AnswerForm, SubmissionForm
from ..models import Case, Membership, PayerAnswer, Submission

RECORDERS = frozenset({Membership.Role.CLINICIAN, Membership.Role.STAFF})


def recorder_of(request) -> Membership:
    """Return the membership if the user may record submissions and answers (clinicians and staff)."""
    membership = membership_of(request)
    if membership.role not in RECORDERS:
        raise PermissionDenied("Only clinicians and office staff record submissions and answers.")
    return membership


def tracking_refusal(case: Case) -> str:
    """Return why nothing can be recorded on the case now, or an empty string."""
    if case.status == Case.Status.CLOSED:
        return "This case is closed: nothing more can be recorded."
    if not case.letters.exists():
        return "Issue the letter first: only an issued letter can be sent to the payer."
    return ""


def tracked(submission: Submission) -> TrackedSubmission:
    """Return a stored submission and its answers as the pure status flow reads them."""
    answers = tuple(
        TrackedAnswer(answer.kind, answer.answered_on, tuple(answer.denial_reasons))
        for answer in submission.answers.all()
    )
    # In local time: a notice's date is the clinic's date, and answers are ordered against it.
    return TrackedSubmission(timezone.localtime(submission.submitted_at), submission.is_appeal, answers)


def set_status(request, case: Case, status: str) -> None:
    """Move the case to a status, audited; nothing happens when it is already there."""
    if case.status == status:
        return
    record(
        Action.STATUS,
        request=request,
        clinic_id=case.clinic_id,
        case_id=case.pk,
        **{"from": case.status, "to": str(status)},
    )
    case.status = status
    case.updated_by = request.user
    case.save(update_fields=["status", "updated_by", "updated_at"])


def follow_status(request, case: Case) -> None:
    """Set the case's status from all its submissions and answers, in time order."""
    submissions = case.submissions.prefetch_related("answers")
    set_status(request, case, case_status_after(tracked(s) for s in submissions))


def show_case_with(request, case_id, **forms):
    """Show the case page again with the refused form and its messages, nothing typed lost."""
    from .cases import case_detail

    request.tracking_forms = forms
    return case_detail(request, case_id)


def panel_url(case: Case) -> str:
    return reverse("case_detail", args=[case.id]) + "#tracking"


@require_POST
def submission_record(request, case_id):
    """Record that an issued letter was sent to the payer, with the decision due time it starts."""
    recorder_of(request)
    now = timezone.now()
    with transaction.atomic():
        case = case_of(request, case_id, for_update=True)
        refusal = tracking_refusal(case)
        if refusal:
            messages.error(request, refusal)
            return redirect(panel_url(case))
        form = SubmissionForm(request.POST, case=case, now=now, prefix="submission")
        if form.is_valid():
            data = form.cleaned_data
            due = decision_due(
                case.case_facts(),
                data["submitted_at"],
                expedited=data["expedited"],
                default_days=settings.DECISION_DEFAULT_DAYS,
            )
            submission = Submission.objects.create(
                case=case,
                letter=data["letter"],
                is_appeal=data["is_appeal"],
                channel=data["channel"],
                submitted_at=data["submitted_at"],
                submitted_by=request.user,
                reference=data["reference"],
                expedited=data["expedited"],
                due_at=due.due_at,
                due_rule=due.rule,
            )
            record(
                Action.CHANGE,
                request=request,
                clinic_id=case.clinic_id,
                case_id=case.pk,
                what="submission",
                submission=submission.pk,
                letter_version=data["letter"].version,
                channel=submission.channel,
                is_appeal=submission.is_appeal,
                expedited=submission.expedited,
                due_at=due.due_at.isoformat() if due.due_at else None,
                due_rule=due.rule,
            )
            follow_status(request, case)
    if not form.is_valid():
        return show_case_with(request, case_id, submission_form=form)
    messages.success(request, "Submission recorded.")
    return redirect(panel_url(case))


@require_POST
def answer_record(request, case_id):
    """Record the payer's answer to one of the case's submissions."""
    recorder_of(request)
    today = timezone.localdate()
    with transaction.atomic():
        case = case_of(request, case_id, for_update=True)
        refusal = tracking_refusal(case)
        if refusal:
            messages.error(request, refusal)
            return redirect(panel_url(case))
        refuse_foreign_submission(case, request.POST.get("answer-submission", ""))
        form = AnswerForm(request.POST, case=case, today=today, prefix="answer")
        if form.is_valid():
            submission = form.cleaned_data["submission"]
            answer = PayerAnswer.objects.create(
                submission=submission, recorded_by=request.user, **form.answer_values()
            )
            record(
                Action.CHANGE,
                request=request,
                clinic_id=case.clinic_id,
                case_id=case.pk,
                what="answer",
                submission=submission.pk,
                answer=answer.pk,
                kind=answer.kind,
                answered_on=answer.answered_on.isoformat(),
                denial_reasons=answer.denial_reasons,
            )
            follow_status(request, case)
    if not form.is_valid():
        return show_case_with(request, case_id, answer_form=form)
    messages.success(request, f"Answer recorded: {answer.kind_label}.")
    return redirect(panel_url(case))


def refuse_foreign_submission(case: Case, submission_id: str) -> None:
    """Answer 404 for a submission id that is not one of this case's (another clinic's, say)."""
    if not submission_id:
        return
    if not submission_id.isdigit() or not case.submissions.filter(pk=int(submission_id)).exists():
        raise Http404("No such submission.")


@require_POST
def case_close(request, case_id):
    """Close a case whose letter was issued: nothing more is expected from the payer or sent to it."""
    recorder_of(request)
    with transaction.atomic():
        case = case_of(request, case_id, for_update=True)
        refusal = tracking_refusal(case)
        if refusal:
            messages.error(request, refusal)
            return redirect(panel_url(case))
        set_status(request, case, Case.Status.CLOSED)
    messages.success(request, "The case is closed.")
    return redirect(panel_url(case))


@dataclass(frozen=True)
class SubmissionRow:
    """A submission as the case page shows it: its answers, due time, the rule that set it, overdue or not."""

    submission: Submission
    answers: list
    due_at: object
    due_label: str
    decided: bool
    overdue: bool


def submission_rows(case: Case, now) -> list[SubmissionRow]:
    """Return the case's submissions, newest first, each with its due time and overdue flag as of now."""
    rows = []
    for submission in case.submissions.select_related("letter", "submitted_by").prefetch_related("answers"):
        due = stored_due(
            submission.due_at, submission.due_rule, submission.submitted_at, submission.expedited
        )
        decided = decision_of(tracked(submission).answers) is not None
        rows.append(
            SubmissionRow(
                submission=submission,
                answers=list(submission.answers.all()),
                due_at=due.due_at,
                due_label=due.label,
                decided=decided,
                overdue=is_overdue(due.due_at, decided, now),
            )
        )
    return rows


def panel_context(request, case: Case) -> dict:
    """Return what the tracking panel on the case page shows, with fresh forms unless refused ones wait."""
    membership = membership_of(request)
    now = timezone.now()
    refused = getattr(request, "tracking_forms", {})
    refusal = tracking_refusal(case)
    open_for_records = membership.role in RECORDERS and case.archived_at is None and not refusal
    rows = submission_rows(case, now)
    context = {
        "rows": rows,
        "can_record": open_for_records,
        "refusal": refusal,
        # A form opens when it holds refused input or is the next thing to do.
        "submission_open": "submission_form" in refused or not rows,
        "answer_open": "answer_form" in refused or any(not row.decided for row in rows),
    }
    if open_for_records:
        context["submission_form"] = refused.get("submission_form") or SubmissionForm(
            case=case, now=now, prefix="submission"
        )
        if rows or "answer_form" in refused:
            context["answer_form"] = refused.get("answer_form") or AnswerForm(
                case=case, today=timezone.localdate(), prefix="answer"
            )
    return context
