"""Appeal a denial: a page with the denial's details, then the signed appeal letter or the peer-to-peer sheet.

Clinicians download the appeal letter (it is signed); staff may download the peer-to-peer sheet. Every
download is audited and sent as an attachment that is never cached, named without patient data.
"""

from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone

from audit.models import Action
from audit.trail import record

from ..access import case_of, clinician_of, membership_of
from ..core.assessment import assess
from ..core.choices import AnswerKind
from ..core.denials import appeal_deadline
from ..forms.appeal import AppealForm
from ..issuing import IssueRefused, refuse_unless_signer
from ..letter.appeal import build_appeal
from ..letter.peer_to_peer import build_peer_to_peer
from ..letter.render_appeal import render_appeal_pdf, render_peer_to_peer_pdf
from ..models import Case, PayerAnswer

APPEAL, SHEET, CHECK = "appeal", "peer_to_peer", "check"
FILENAMES = {APPEAL: "appeal", SHEET: "peer-to-peer"}


def latest_denial_initial(case: Case) -> dict:
    """Return the form's defaults from the case's latest recorded denial, or none (never from the URL)."""
    denial = (
        PayerAnswer.objects.filter(submission__case=case, kind=AnswerKind.DENIED)
        .select_related("submission")
        .first()
    )
    if denial is None:
        return {}
    return {
        "reasons": list(denial.denial_reasons),
        "payer_text": denial.payer_text,
        "denied_on": denial.answered_on,
        "reference": denial.submission.reference,
        "deadline_on": denial.appeal_deadline_on,
    }


def case_appeal(request, case_id):
    """Show the appeal page; a POST checks the deadline, or returns the appeal letter or the peer-to-peer sheet."""
    membership = membership_of(request)
    case = case_of(request, case_id)
    action = request.POST.get("action", CHECK) if request.method == "POST" else ""
    if action == APPEAL:
        clinician_of(request)
    today = timezone.localdate()
    initial = latest_denial_initial(case)
    form = AppealForm(request.POST or None, initial=initial, today=today)
    facts = case.case_facts()
    context = {"case": case, "membership": membership, "form": form, "notes": (), "deadline": None}
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        deadline = appeal_deadline(data["denied_on"], facts.request.payer, data["deadline_on"])
        results = assess(facts, today=today).results
        if action == SHEET:
            sheet = build_peer_to_peer(facts, results, deadline=deadline, today=today, **form.denial())
            return download(request, case, SHEET, render_peer_to_peer_pdf(sheet))
        try:
            appeal = signed_appeal(request, case, facts, results, form, today, signed=action == APPEAL)
        except IssueRefused as refusal:
            form.add_error(None, str(refusal))
        else:
            if action == APPEAL:
                return download(request, case, APPEAL, render_appeal_pdf(appeal))
            context["notes"] = appeal.notes
        context["deadline"] = deadline
    elif request.method != "POST":
        context["deadline"] = appeal_deadline(
            initial.get("denied_on"), facts.request.payer, initial.get("deadline_on")
        )
    return render(request, "wizard/appeal.html", context)


def signed_appeal(request, case, facts, results, form, today, *, signed: bool):
    """Return the appeal letter, signed now by the clinician downloading it when `signed`; else a preview."""
    data = form.cleaned_data
    denial = {"deadline_on": data["deadline_on"], "new_enclosures": data["new_enclosures"], "today": today}
    if not signed:
        return build_appeal(facts, results, **form.denial(), **denial)
    if case.archived_at is not None:
        raise PermissionDenied("This case is archived; a clinic manager can restore it.")
    signer = clinician_of(request)
    refuse_unless_signer(signer, facts.request.clinician)
    return build_appeal(
        facts,
        results,
        **form.denial(),
        **denial,
        signed_at=timezone.localtime(),
        signer=signer.signature(),
        signature_image=signer.signature_data_uri(),
    )


def download(request, case: Case, what: str, pdf: bytes) -> HttpResponse:
    """Return the PDF as an audited, uncached attachment named by the case id only."""
    record(Action.DOWNLOAD, request=request, clinic_id=case.clinic_id, case_id=case.pk, what=what)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{FILENAMES[what]}-{str(case.pk)[:8]}.pdf"'
    response["Cache-Control"] = "no-store"
    return response
