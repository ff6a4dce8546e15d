"""Put the packet together: cover, letter, enclosures; then stamp every page with both identifiers."""

from __future__ import annotations

import io
from dataclasses import dataclass, replace
from datetime import date

from PIL import Image, ImageOps
from pypdf import PageObject, PdfReader, PdfWriter, Transformation

from ..core.display import format_date
from .cover import CoverSheet
from .render import render_cover_pdf, render_stamps_pdf
from .uploads import JPEG, PDF, PNG

LETTER_PT = (612.0, 792.0)
IMAGE_MARGIN_PT = 36.0
# The stamp's strip at the top of every page: enclosure pages are shrunk (about 3 %) to leave it clear.
STAMP_STRIP_PT = 20.0
IMAGE_DPI = 150


class PacketRefused(ValueError):
    """A packet that cannot be built as asked; the message says why."""


@dataclass(frozen=True)
class PacketFile:
    """One enclosure as it goes into the packet: its content type, exact bytes and a label for messages."""

    content_type: str
    data: bytes
    label: str


def stamp_text(patient_name: str, patient_born: date, page: int, pages: int) -> str:
    """Return the text stamped on a page: "Ana Ruiz · DOB Mar 4, 1970 · Page 3 of 12"."""
    return f"{patient_name} · DOB {format_date(patient_born)} · Page {page} of {pages}"


def build_packet(
    cover: CoverSheet,
    letter_pdf: bytes,
    enclosures: list[PacketFile],
    *,
    patient_name: str,
    patient_born: date,
) -> bytes:
    """Return the packet PDF: the cover, the letter, every enclosure, each page stamped "Page x of y"."""
    letter_pages = PdfReader(io.BytesIO(letter_pdf)).pages
    readers = [enclosure_reader(item) for item in enclosures]
    total = 1 + len(letter_pages) + sum(len(reader.pages) if reader else 1 for reader in readers)
    cover = replace(cover, total_pages=total, enclosure_count=len(enclosures))
    cover_pages = PdfReader(io.BytesIO(render_cover_pdf(cover))).pages
    if len(cover_pages) != 1:
        raise PacketRefused("The cover sheet does not fit on one page: shorten the attention line.")
    writer = PdfWriter()
    writer.add_page(cover_pages[0])
    for page in letter_pages:
        writer.add_page(page)
    for item, reader in zip(enclosures, readers, strict=True):
        if reader is None:
            add_image_page(writer, item.data)
        else:
            for page in reader.pages:
                clear_the_strip(writer.add_page(page))
    stamp_pages(writer, patient_name, patient_born)
    writer.add_metadata({"/Title": "Prior authorization request", "/Author": cover.from_name})
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def enclosure_reader(item: PacketFile) -> PdfReader | None:
    """Return a reader for a PDF enclosure, None for an image (one page); refuse any other type."""
    if item.content_type == PDF:
        reader = PdfReader(io.BytesIO(item.data), strict=False)
        if reader.is_encrypted:
            raise PacketRefused(f"{item.label}: the PDF is password-protected.")
        return reader
    if item.content_type in (PNG, JPEG):
        return None
    raise PacketRefused(f"{item.label}: {item.content_type} cannot go into a packet.")


def clear_the_strip(page: PageObject) -> PageObject:
    """Shrink a page's content about its top centre so the stamp strip above it stays blank."""
    page.transfer_rotation_to_content()
    box = page.mediabox
    left, bottom = float(box.left), float(box.bottom)
    width, height = float(box.width), float(box.height)
    scale = (height - STAMP_STRIP_PT) / height
    page.add_transformation(
        Transformation()
        .translate(-left, -bottom)
        .scale(scale, scale)
        .translate(left + width * (1 - scale) / 2, bottom)
    )
    return page


def add_image_page(writer: PdfWriter, data: bytes) -> PageObject:
    """Add a US Letter page holding the image, scaled to fit inside the margins, aspect kept, centred."""
    with Image.open(io.BytesIO(data)) as opened:
        image = ImageOps.exif_transpose(opened)
        if image.mode not in ("1", "L", "RGB", "CMYK"):
            image = flattened(image)
        buffer = io.BytesIO()
        image.save(buffer, "PDF", resolution=IMAGE_DPI, quality=90)
    picture = PdfReader(io.BytesIO(buffer.getvalue())).pages[0]
    picture_width, picture_height = float(picture.mediabox.width), float(picture.mediabox.height)
    page_width, page_height = LETTER_PT
    box_width = page_width - 2 * IMAGE_MARGIN_PT
    box_height = page_height - 2 * IMAGE_MARGIN_PT
    scale = min(box_width / picture_width, box_height / picture_height)
    x = (page_width - picture_width * scale) / 2
    y = IMAGE_MARGIN_PT + (box_height - picture_height * scale) / 2
    page = writer.add_blank_page(width=page_width, height=page_height)
    page.merge_transformed_page(picture, Transformation().scale(scale, scale).translate(x, y))
    return page


def flattened(image: Image.Image) -> Image.Image:
    """Return the image as RGB on white: a PDF page has no transparency a fax could keep."""
    rgba = image.convert("RGBA")
    background = Image.new("RGB", rgba.size, "white")
    background.paste(rgba, mask=rgba.getchannel("A"))
    return background


def stamp_pages(writer: PdfWriter, patient_name: str, patient_born: date) -> None:
    """Merge a text stamp onto the top edge of every page, sized to that page's own media box."""
    pages = writer.pages
    total = len(pages)
    texts = [stamp_text(patient_name, patient_born, number, total) for number in range(1, total + 1)]
    sizes = [(float(page.mediabox.width), float(page.mediabox.height)) for page in pages]
    stamps = PdfReader(io.BytesIO(render_stamps_pdf(texts, sizes))).pages
    if len(stamps) != total:
        raise PacketRefused(f"The page stamps came out as {len(stamps)} pages for {total} packet pages.")
    for page, stamp in zip(pages, stamps, strict=True):
        box = page.mediabox
        page.merge_transformed_page(stamp, Transformation().translate(float(box.left), float(box.bottom)))
