"""Issue a letter, download any issued version, preview the letter as it would be issued today."""

from django import forms
from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.templatetags.static import static
from django.utils import timezone
from django.views.decorators.clickjacking import xframe_options_sameorigin
from django.views.decorators.http import require_POST

from ..access import case_of, clinician_of
from ..core.assessment import assess
from ..issuing import MAX_REASON_LENGTH, IssueRefused, issue_letter
from ..letter.build import build_letter
from ..letter.render import letter_html


class IssueForm(forms.Form):
    override_reason = forms.CharField(
        required=False,
        max_length=MAX_REASON_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        label="Reason to issue despite open requirements",
        help_text="Printed in the letter. Needed only when a required criterion is not documented as met.",
    )


@require_POST
def letter_issue(request, case_id):
    """Issue the next version of the case's letter (clinicians only)."""
    membership = clinician_of(request)
    case = case_of(request, case_id)
    form = IssueForm(request.POST)
    reason = form.cleaned_data["override_reason"] if form.is_valid() else ""
    try:
        issued = issue_letter(case.id, membership.clinic_id, request.user, reason, timezone.localdate())
    except IssueRefused as refusal:
        messages.error(request, str(refusal))
        return redirect("case_detail", case_id=case.id)
    messages.success(request, f"Letter version {issued.version} issued.")
    return redirect("case_detail", case_id=case.id)


def letter_download(request, case_id, version):
    """Send an issued letter exactly as issued; nothing caches it and its name holds no patient data."""
    case = case_of(request, case_id)
    letter = get_object_or_404(case.letters, version=version)
    response = HttpResponse(bytes(letter.pdf), content_type="application/pdf")
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
        facts, assess(facts, today=today).results, today=today, reference="Preview, not issued"
    )
    response = HttpResponse(letter_html(letter, stylesheet=static("css/letter.css")))
    response["Cache-Control"] = "no-store"
    return response
