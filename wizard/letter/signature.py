"""The signature block: who signed the letter electronically and when, their image, and their direct line.

A signature image is a clinician's upload that ends up inside a PDF sent to payers, so it is checked by
its content, never by its name or declared type: a PNG by its signature bytes and a decodable header, an
SVG by parsing it and refusing anything that runs, fetches or embeds (scripts, event handlers, external
references, foreignObject, entity declarations, processing instructions).
"""

from __future__ import annotations

import base64
import re
import xml.etree.ElementTree as ET
from datetime import date, datetime
from io import BytesIO

from PIL import Image

from ..core.decision_windows import expedite_line
from ..core.display import format_date
from ..core.facts import CaseFacts, Clinician
from .addressing import payer_name

NOT_SIGNED = "Not signed: preview"
MAX_IMAGE_BYTES = 200 * 1024
PNG, SVG = "image/png", "image/svg+xml"
IMAGE_TYPES = (PNG, SVG)
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
SVG_NS = "{http://www.w3.org/2000/svg}"
# Elements that run code, embed other documents, pull in resources or change the drawing after the check.
REFUSED_ELEMENTS = frozenset(
    {
        *("script", "handler", "foreignobject", "iframe", "embed", "object", "image", "use", "feimage", "a"),
        *("animate", "set", "animatemotion", "animatetransform", "discard"),
    }
)
REFERENCE_ATTRIBUTES = frozenset({"href", "src"})
EXTERNAL_URL = re.compile(r"url\(\s*['\"]?\s*(?!#)", re.IGNORECASE)
CODE_URL = re.compile(r"(javascript|vbscript|data)\s*:", re.IGNORECASE)


class SignatureImageError(ValueError):
    """The upload is not a signature image we accept; the message says why."""


def signer_name(clinician: Clinician) -> str:
    """Return the name as signed: 'Jane Doe, MD'."""
    return ", ".join(part for part in (clinician.name, clinician.credentials) if part)


def signature_statement(signer: Clinician, signed_at: datetime | None) -> str:
    """Return "Electronically signed by … on … at … <tz>" at issue; a preview says it is not signed."""
    name = signer_name(signer)
    if signed_at is None or not name:
        return NOT_SIGNED
    clock = f"{signed_at:%I:%M %p}".lstrip("0")
    zone = signed_at.tzname() or ""
    return f"Electronically signed by {name} on {format_date(signed_at.date())} at {clock} {zone}".rstrip()


def contact_lines(clinician: Clinician) -> tuple[str, ...]:
    """Return the direct line for a peer-to-peer discussion, when the clinician has one."""
    name = signer_name(clinician)
    if not clinician.direct_phone or not name:
        return ()
    return (f"For a peer-to-peer discussion: {name}, direct line {clinician.direct_phone}",)


def signature_block(
    facts: CaseFacts,
    today: date,
    *,
    signed_at: datetime | None = None,
    signer: Clinician | None = None,
    image: str = "",
) -> dict:
    """Return the Letter fields this module fills: signature statement and image, direct line, expedite.

    Only an issued letter is signed (`signed_at` set, by the issuing clinician `signer`, else the case's
    clinician); a preview says it is not signed and carries no signature image.
    """
    clinician = facts.request.clinician
    return {
        "signature_statement": signature_statement(signer or clinician, signed_at),
        "signature_image": image if signed_at is not None else "",
        "contact_lines": contact_lines(signer or clinician),
        "expedite": expedite_line(facts, today, payer_name=payer_name(facts)),
    }


def data_uri(data: bytes, content_type: str) -> str:
    """Return the image as a data: URI for the letter; empty for no image or a type we do not accept."""
    if not data or content_type not in IMAGE_TYPES:
        return ""
    return f"data:{content_type};base64,{base64.b64encode(bytes(data)).decode('ascii')}"


def check_signature_image(data: bytes) -> str:
    """Return the image's content type (PNG or SVG, by content), or raise SignatureImageError."""
    if not data:
        raise SignatureImageError("The file is empty.")
    if len(data) > MAX_IMAGE_BYTES:
        raise SignatureImageError(f"The image is larger than {MAX_IMAGE_BYTES // 1024} KB.")
    if data.startswith(PNG_MAGIC):
        check_png(data)
        return PNG
    check_svg(data)
    return SVG


def check_png(data: bytes) -> None:
    """Refuse a PNG whose header chunk is missing or that does not decode."""
    if data[12:16] != b"IHDR":
        raise SignatureImageError("The PNG file is damaged.")
    try:
        with Image.open(BytesIO(data)) as image:
            image.verify()
    except Exception:  # Pillow raises many types for a damaged file; every one means "refuse".
        raise SignatureImageError("The PNG file is damaged.") from None


def check_svg(data: bytes) -> None:
    """Refuse anything that is not a plain, self-contained SVG drawing."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise SignatureImageError("Upload a PNG or an SVG image.") from None
    if re.search(r"<!\s*(DOCTYPE|ENTITY)", text, re.IGNORECASE):
        raise SignatureImageError("The SVG declares a document type or entities; save it as plain SVG.")
    if re.search(r"<\?(?!xml\s)", text):
        raise SignatureImageError("The SVG holds processing instructions; save it as plain SVG.")
    # Safe here without defusedxml: the entity and DTD attacks it guards need a DOCTYPE, refused above.
    parser = ET.XMLParser(target=ET.TreeBuilder(insert_comments=False, insert_pis=True))  # noqa: S314
    try:
        parser.feed(data)
        root = parser.close()
    except ET.ParseError:
        raise SignatureImageError("Upload a PNG or an SVG image.") from None
    if root.tag != f"{SVG_NS}svg":
        raise SignatureImageError("Upload a PNG or an SVG image.")
    for element in root.iter():
        refuse_svg_element(element)


def local_name(name: str) -> str:
    """Return a tag or attribute name without its namespace, lower case."""
    return name.rsplit("}", 1)[-1].lower()


def refuse_svg_element(element: ET.Element) -> None:
    """Raise SignatureImageError for an element that runs code, embeds content or refers outside."""
    if element.tag is ET.ProcessingInstruction or not isinstance(element.tag, str):
        raise SignatureImageError("The SVG holds processing instructions; save it as plain SVG.")
    tag = local_name(element.tag)
    if tag in REFUSED_ELEMENTS:
        raise SignatureImageError(f"The SVG holds a <{tag}> element, which a signature image may not.")
    if tag == "style" and (EXTERNAL_URL.search(element.text or "") or "@import" in (element.text or "")):
        raise SignatureImageError("The SVG's style refers to another file.")
    for name, value in element.attrib.items():
        attribute = local_name(name)
        if attribute.startswith("on"):
            raise SignatureImageError("The SVG holds a script (an event handler attribute).")
        if attribute in REFERENCE_ATTRIBUTES and not value.strip().startswith("#"):
            raise SignatureImageError("The SVG refers to another file or address.")
        if EXTERNAL_URL.search(value) or CODE_URL.search(value):
            raise SignatureImageError("The SVG refers to another file or address.")
