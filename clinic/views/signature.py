"""A clinician's signature image and direct line, changed by the clinician or a clinic manager."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render

from wizard.access import membership_of

from ..forms import SignatureForm
from ..signatures import change_signature, signing_member


def my_signature(request):
    """Send a clinician to their own signature page."""
    me = membership_of(request)
    if not me.is_clinician:
        raise PermissionDenied("Only clinicians sign letters.")
    return redirect("clinic_signature", user_id=me.user_id)


def signature_edit(request, user_id):
    """Show and change a clinician's direct line and signature image."""
    member = signing_member(request, user_id)
    form = SignatureForm(
        request.POST or None, request.FILES or None, initial={"direct_phone": member.direct_phone}
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        changed = change_signature(
            member,
            direct_phone=data["direct_phone"],
            image=data["image"],
            remove=data["remove"],
            request=request,
        )
        if changed:
            messages.success(request, f"Saved the signature details of {member.display_name}.")
        return redirect("clinic_signature", user_id=member.user_id)
    context = {
        "form": form,
        "member": member,
        "image_uri": member.signature_data_uri(),
        "own": member.user_id == request.user.pk,
    }
    return render(request, "clinic/signature.html", context)
