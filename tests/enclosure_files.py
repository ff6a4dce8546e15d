"""Builders for enclosure files: real PDFs, PNGs and JPEGs, and files that only pretend to be one."""

import io
import zipfile

import weasyprint
from PIL import Image, ImageDraw
from pypdf import PdfWriter


def blank_pdf(
    pages: int = 1, *, user_password: str | None = None, owner_password: str | None = None, padding: int = 0
) -> bytes:
    """Return a PDF of blank US Letter pages, encrypted when a password is given, padded to a size if asked."""
    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(612, 792)
    if padding:
        writer.add_metadata({"/Padding": "0" * padding})
    if user_password is not None:
        writer.encrypt(user_password, owner_password=owner_password)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def text_pdf(*texts: str, size: str = "letter") -> bytes:
    """Return a PDF with one page per text, each printed at the very top edge of its page."""
    pages = "".join(
        f'<p style="margin:0;font-size:24pt;{"break-before:page" if i else ""}">{text}</p>'
        for i, text in enumerate(texts)
    )
    return weasyprint.HTML(string=f"<style>@page {{ size: {size}; margin: 0 }}</style>{pages}").write_pdf()


def picture(image_format: str = "PNG", size: tuple[int, int] = (800, 600), mode: str = "RGB") -> bytes:
    """Return an image with a dark frame and a line of text, in the given format."""
    image = Image.new(mode, size, "white")
    draw = ImageDraw.Draw(image)
    draw.rectangle([0, 0, size[0] - 1, size[1] - 1], outline="black", width=6)
    draw.text((40, 40), "Office note scan", fill="black")
    out = io.BytesIO()
    image.save(out, image_format)
    return out.getvalue()


def word_document() -> bytes:
    """Return the skeleton of a .docx: a ZIP holding word/document.xml."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return out.getvalue()


HTML_PAGE = b"<!DOCTYPE html><html><body><script>alert(1)</script></body></html>"
