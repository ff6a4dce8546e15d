"""The clinic's dashboard: what waits for the payer's decision, what is overdue, and what payers decided."""

from collections import defaultdict

from django.shortcuts import render
from django.utils import timezone
from django.utils.safestring import mark_safe

from audit.models import Action
from audit.trail import record

from ..access import membership_of
from ..core.choices import Procedure
from ..core.tracking import TrackedAnswer, stored_due
from ..core.tracking_stats import GroupStats, SentRequest, build_dashboard
from ..dashboard_charts import Bar, bar_chart
from ..models import Case, PayerAnswer, Submission

PROCEDURE_LABELS = {procedure.value: procedure.label for procedure in Procedure}
CLOSED = Case.Status.CLOSED.value


def sent_requests(clinic_id) -> list[SentRequest]:
    """Return every submission of the clinic's cases with its answers, in two queries."""
    answers = defaultdict(list)
    for row in PayerAnswer.objects.filter(submission__case__clinic_id=clinic_id).values_list(
        "submission_id", "kind", "answered_on", "denial_reasons"
    ):
        answers[row[0]].append(TrackedAnswer(row[1], row[2], tuple(row[3] or ())))
    rows = Submission.objects.filter(case__clinic_id=clinic_id).values(
        "id",
        "case_id",
        "case__payer_label",
        "case__procedure",
        "case__patient_name",
        "case__status",
        "case__archived_at",
        "submitted_at",
        "due_at",
        "due_rule",
        "expedited",
        "is_appeal",
    )
    requests = []
    for row in rows:
        due = stored_due(row["due_at"], row["due_rule"], row["submitted_at"], row["expedited"])
        requests.append(
            SentRequest(
                submission_id=row["id"],
                case_id=str(row["case_id"]),
                payer=row["case__payer_label"],
                procedure=PROCEDURE_LABELS.get(row["case__procedure"], row["case__procedure"]),
                submitted_at=row["submitted_at"],
                submitted_on=timezone.localdate(row["submitted_at"]),
                due_at=due.due_at,
                answers=tuple(answers[row["id"]]),
                is_appeal=row["is_appeal"],
                case_open=row["case__status"] != CLOSED and row["case__archived_at"] is None,
                patient=row["case__patient_name"],
                due_label=due.label,
            )
        )
    return requests


def rate_chart(title: str, groups: list[GroupStats]) -> str:
    """Return the approval rates of groups with a decision as bars out of 100%."""
    bars = [
        Bar(g.name, g.approval_percent, f"{g.approval_percent:.0f}% of {g.decided}")
        for g in groups
        if g.approval_percent is not None
    ]
    return mark_safe(bar_chart(title, bars, max_value=100))  # noqa: S308 (every text in it is escaped)


def days_chart(title: str, groups: list[GroupStats]) -> str:
    """Return the median days to a decision of groups with a decision as bars."""
    bars = [
        Bar(g.name, g.median_days, f"{g.median_days:g} days") for g in groups if g.median_days is not None
    ]
    return mark_safe(bar_chart(title, bars))  # noqa: S308 (every text in it is escaped)


def dashboard(request):
    """Show the clinic's requests awaiting a decision and what its payers decided, in tables and charts."""
    membership = membership_of(request)
    now = timezone.now()
    board = build_dashboard(sent_requests(membership.clinic_id), now)
    record(Action.LIST, request=request, what="dashboard", cases=[w.request.case_id for w in board.awaiting])
    reasons = [Bar(label, count, str(count)) for _code, label, count in board.denial_reasons]
    return render(
        request,
        "wizard/dashboard.html",
        {
            "board": board,
            "now": now,
            "charts": {
                "payer_rate": rate_chart("Approval rate by payer", board.by_payer),
                "payer_days": days_chart("Median days to a decision by payer", board.by_payer),
                "procedure_rate": rate_chart("Approval rate by procedure", board.by_procedure),
                "procedure_days": days_chart("Median days to a decision by procedure", board.by_procedure),
                "reasons": mark_safe(bar_chart("Denial reasons", reasons)),  # noqa: S308
            },
        },
    )
