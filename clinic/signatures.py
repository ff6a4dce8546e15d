"""A clinician's signature image and direct line: who may change them, and the change on the audit trail."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import get_object_or_404

from audit.models import Action
from audit.trail import record
from wizard.access import membership_of
from wizard.models import Membership

NO_IMAGE = "none"


def signing_member(request, user_id) -> Membership:
    """Return the clinician whose signature this request may change: themself, or one of a manager's clinic.

    A member of another clinic is a 404 to a manager; anyone else's page is refused.
    """
    me = membership_of(request)
    if me.user_id == user_id and me.is_clinician:
        return me
    if not me.is_manager:
        raise PermissionDenied("Only the clinician or a clinic manager can change a signature.")
    member = get_object_or_404(
        Membership.objects.select_related("user"), clinic_id=me.clinic_id, user_id=user_id
    )
    if not member.is_clinician:
        raise PermissionDenied("Only clinicians sign letters.")
    return member


def describe_image(data: bytes, content_type: str) -> str:
    """Return an image as the audit trail names it: its type and size, never its content."""
    if not data:
        return NO_IMAGE
    kind = "SVG" if content_type == "image/svg+xml" else "PNG"
    return f"{kind}, {len(data)} bytes"


@transaction.atomic
def change_signature(
    member: Membership, *, direct_phone: str, image: tuple[bytes, str] | None, remove: bool, request
) -> bool:
    """Save a new direct line and image (or remove the image); record what changed; return whether it did."""
    member = Membership.objects.select_for_update().get(pk=member.pk)
    before_image = describe_image(bytes(member.signature_image), member.signature_content_type)
    before_phone = member.direct_phone
    if image is not None:
        member.signature_image, member.signature_content_type = image
    elif remove:
        member.signature_image, member.signature_content_type = b"", ""
    member.direct_phone = direct_phone
    after_image = describe_image(bytes(member.signature_image), member.signature_content_type)
    changes = [
        [path, before, after]
        for path, before, after in (
            ("membership.direct_phone", before_phone, direct_phone),
            ("membership.signature_image", before_image, after_image),
        )
        if before != after or (path.endswith("image") and image is not None)
    ]
    if not changes:
        return False
    member.save(update_fields=["direct_phone", "signature_image", "signature_content_type"])
    record(
        Action.CHANGE,
        request=request,
        clinic_id=member.clinic_id,
        target_user_id=member.user_id,
        target_username=member.user.get_username(),
        changes=changes,
    )
    return True
