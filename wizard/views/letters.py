"""Issue a letter, download any issued version (checked against its hash), preview the letter as HTML."""

import hashlib
import logging

from django import forms
from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.templatetags.static import static
from django.utils import timezone
from django.views.decorators.clickjacking import xframe_options_sameorigin
from django.views.decorators.http import require_POST

from audit.models import Action
from audit.trail import record

from ..access import case_of, clinician_of
from ..core.assessment import assess
from ..issuing import MAX_REASON_LENGTH, IssueRefused, issue_letter, uploaded_enclosures
from ..letter.build import build_letter
from ..letter.render import letter_html

logger = logging.getLogger(__name__)


class IssueForm(forms.Form):
    override_reason = forms.CharField(
        required=False,
        max_length=MAX_REASON_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        label="Reason to issue despite open requirements",
        help_text="Printed in the letter. Needed only when a required criterion is not documented as met.",
    )
    to_follow_on = forms.DateField(
        required=False,
        label="Date the open items will follow",
        help_text="Printed in the letter beside each open item: “to follow by <date>”. Needed with a reason.",
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    def __init__(self, *args, today=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.today = today

    def clean(self):
        """An override names the date its open items will follow, today or later."""
        cleaned = super().clean()
        reason, on = cleaned.get("override_reason", "").strip(), cleaned.get("to_follow_on")
        if reason and on is None and "to_follow_on" not in self.errors:
            self.add_error("to_follow_on", "Give the date the open items will follow; the letter prints it.")
        if on is not None and self.today is not None and on < self.today:
            self.add_error("to_follow_on", "The date the open items will follow cannot be in the past.")
        return cleaned


@require_POST
def letter_issue(request, case_id):
    """Issue the next version of the case's letter (clinicians only)."""
    membership = clinician_of(request)
    case = case_of(request, case_id)
    today = timezone.localdate()
    form = IssueForm(request.POST, today=today)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect("case_detail", case_id=case.id)
    reason = form.cleaned_data["override_reason"]
    try:
        issued = issue_letter(
            case.id,
            membership.clinic_id,
            request.user,
            reason,
            today,
            request=request,
            to_follow_on=form.cleaned_data["to_follow_on"],
        )
    except IssueRefused as refusal:
        messages.error(request, str(refusal))
        return redirect("case_detail", case_id=case.id)
    messages.success(request, f"Letter version {issued.version} issued.")
    return redirect("case_detail", case_id=case.id)


def letter_download(request, case_id, version):
    """Send an issued letter exactly as issued, after checking its bytes against the hash stored at issue."""
    case = case_of(request, case_id)
    letter = get_object_or_404(case.letters, version=version)
    pdf = bytes(letter.pdf)
    digest = hashlib.sha256(pdf).hexdigest()
    if digest != letter.sha256:
        logger.error(
            "Stored letter failed its integrity check and was not sent: case %s version %s", case.pk, version
        )
        record(
            Action.TAMPER,
            request=request,
            clinic_id=case.clinic_id,
            case_id=case.pk,
            version=letter.version,
            stored_sha256=letter.sha256,
            found_sha256=digest,
        )
        return render(request, "wizard/letter_integrity.html", {"case": case, "letter": letter}, status=500)
    record(
        Action.DOWNLOAD, request=request, clinic_id=case.clinic_id, case_id=case.pk, version=letter.version
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{letter.filename}"'
    response["Cache-Control"] = "no-store"
    return response


@xframe_options_sameorigin
def letter_preview(request, case_id):
    """Show the letter as it would be issued today, as HTML."""
    case = case_of(request, case_id)
    today = timezone.localdate()
    facts = case.case_facts()
    letter = build_letter(
        facts,
        assess(facts, today=today).results,
        today=today,
        reference="Preview, not issued",
        enclosed=uploaded_enclosures(case),
    )
    response = HttpResponse(letter_html(letter, stylesheet=static("css/letter.css")))
    response["Cache-Control"] = "no-store"
    return response
