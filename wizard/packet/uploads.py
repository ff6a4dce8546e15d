"""Check an uploaded enclosure by its content: a readable PDF, PNG or JPEG of a sane size, or a refusal."""

from __future__ import annotations

import io
import math
import zipfile
from dataclasses import dataclass

from PIL import Image, UnidentifiedImageError
from pypdf import PdfReader
from pypdf.errors import DependencyError, PdfReadError, PyPdfError

MEGABYTE = 1024 * 1024
MAX_ENCLOSURE_BYTES = 10 * MEGABYTE
MAX_IMAGE_PIXELS = 40_000_000
MIN_IMAGE_SIDE_PX = 50
# A page side above 200 inches is not a record anyone faxes; such a PDF is damaged or a drawing.
MAX_PAGE_SIDE_PT = 200 * 72
# Acrobat accepts an end-of-file marker within the last 1024 bytes; a little slack for trailing junk.
EOF_WINDOW_BYTES = 2048

PDF = "application/pdf"
PNG = "image/png"
JPEG = "image/jpeg"
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
JPEG_MAGIC = b"\xff\xd8\xff"
UPLOAD_THESE = "upload PDF, PNG or JPEG"


class UploadRefused(ValueError):
    """A file that cannot be sent as an enclosure; the message says what is wrong in plain words."""


@dataclass(frozen=True)
class CheckedFile:
    """What the content of an accepted file is, and how many pages it adds to a packet."""

    content_type: str
    pages: int


def check_upload(data: bytes) -> CheckedFile:
    """Return the type and page count of a PDF, PNG or JPEG, judged by its content; raise UploadRefused."""
    if len(data) > MAX_ENCLOSURE_BYTES:
        raise UploadRefused(
            f"The file is {megabytes(len(data))} MB; the limit is {MAX_ENCLOSURE_BYTES // MEGABYTE} MB."
        )
    if not data.strip():
        raise UploadRefused(f"The file is empty; {UPLOAD_THESE}.")
    if data.startswith(b"%PDF-"):
        return CheckedFile(PDF, pdf_pages(data))
    if data.startswith(PNG_MAGIC):
        return CheckedFile(PNG, image_pages(data, "PNG"))
    if data.startswith(JPEG_MAGIC):
        return CheckedFile(JPEG, image_pages(data, "JPEG"))
    kind = other_type(data)
    if kind:
        raise UploadRefused(f"This file is {kind}; {UPLOAD_THESE}.")
    raise UploadRefused(f"This file is not a PDF, PNG or JPEG: {UPLOAD_THESE}.")


def megabytes(size: int) -> str:
    """Return a size in MB with one decimal, rounded up so a file over the limit never reads as at it."""
    return f"{math.ceil(size * 10 / MEGABYTE) / 10:.1f}"


def pdf_pages(data: bytes) -> int:
    """Return the page count of a PDF that opens without a password and whose pages read; else refuse."""
    if b"%%EOF" not in data[-EOF_WINDOW_BYTES:]:
        raise UploadRefused("This PDF is damaged: it ends before its end marker (the file may be cut short).")
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            raise UploadRefused(encrypted_message(reader))
        pages = len(reader.pages)
        for page in reader.pages:
            width, height = float(page.mediabox.width), float(page.mediabox.height)
            if not (0 < width <= MAX_PAGE_SIDE_PT and 0 < height <= MAX_PAGE_SIDE_PT):
                raise UploadRefused(
                    f"This PDF is damaged: a page measures {width:.0f} × {height:.0f} points."
                )
            page.get_contents()
    except UploadRefused:
        raise
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, IndexError, RecursionError) as error:
        raise UploadRefused(f"This PDF is damaged: {short_reason(error)}.") from None
    if pages < 1:
        raise UploadRefused("This PDF has no pages.")
    return pages


def encrypted_message(reader: PdfReader) -> str:
    """Return why an encrypted PDF is refused: a password to open it, or restrictions we cannot keep."""
    try:
        opens_without_password = bool(reader.decrypt(""))
    except (DependencyError, PdfReadError, NotImplementedError):
        opens_without_password = False
    if opens_without_password:
        return (
            "This PDF is encrypted with usage restrictions: save or print it to a new PDF without security "
            "and upload that."
        )
    return "This PDF is password-protected: remove the password and upload it again."


def short_reason(error: Exception) -> str:
    """Return the first line of an error, short enough for a form message."""
    text = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
    return text[:120].rstrip(".")


def image_pages(data: bytes, expected_format: str) -> int:
    """Return 1 for a PNG or JPEG that decodes completely and has a sane size; else refuse."""
    name = "PNG" if expected_format == "PNG" else "JPEG"
    try:
        with Image.open(io.BytesIO(data)) as image:
            if image.format != expected_format:
                raise UploadRefused(f"This {name} image is damaged: its content is not {name}.")
            width, height = image.size
            if width * height > MAX_IMAGE_PIXELS:
                raise UploadRefused(
                    f"This image is {width} × {height} pixels; the limit is {MAX_IMAGE_PIXELS // 1_000_000} "
                    "megapixels. Scan or save it at a lower resolution."
                )
            if min(width, height) < MIN_IMAGE_SIDE_PX:
                raise UploadRefused(f"This image is only {width} × {height} pixels: too small to be a page.")
            image.verify()
        # verify() checks the structure only; decoding finds a file cut short.
        with Image.open(io.BytesIO(data)) as image:
            image.load()
    except UploadRefused:
        raise
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError) as error:
        raise UploadRefused(f"This {name} image is damaged: {short_reason(error)}.") from None
    return 1


def other_type(data: bytes) -> str:
    """Return what a refused file seems to be, in words, or "" when we cannot tell."""
    head = data[:512]
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith(b"PK\x03\x04"):
        return zip_type(data)
    known = (
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an older Word, Excel or other Office document"),
        (b"GIF8", "a GIF image"),
        (b"II*\x00", "a TIFF image"),
        (b"MM\x00*", "a TIFF image"),
        (b"BM", "a BMP image"),
        (b"{\\rtf", "a rich-text (RTF) document"),
    )
    for magic, words in known:
        if head.startswith(magic):
            return words
    if head[4:12] in (b"ftypheic", b"ftypheix", b"ftypmif1", b"ftyphevc"):
        return "a HEIC photo (save it as JPEG)"
    if head.startswith(b"RIFF") and head[8:12] == b"WEBP":
        return "a WebP image"
    if text.startswith((b"<!doctype html", b"<html", b"<head", b"<body")):
        return "a web page (HTML)"
    if text.startswith(b"<?xml") or text.startswith(b"<svg"):
        return "an XML or SVG file"
    if b"%PDF-" in head:
        return "a damaged PDF (it does not start where a PDF starts)"
    if is_plain_text(data[:4096]):
        return "a plain text file"
    return ""


def is_plain_text(head: bytes) -> bool:
    """Return whether the start of a file reads as UTF-8 text without control characters."""
    try:
        text = head.decode("utf-8")
    except UnicodeDecodeError:
        # A cut in the middle of a multibyte character at the end of the sample is still text.
        try:
            text = head[:-3].decode("utf-8")
        except UnicodeDecodeError:
            return False
    return all(character.isprintable() or character in "\r\n\t\f" for character in text)


def zip_type(data: bytes) -> str:
    """Return which Office document (or plain ZIP archive) a ZIP-based file is."""
    try:
        names = zipfile.ZipFile(io.BytesIO(data)).namelist()
    except (zipfile.BadZipFile, ValueError, OSError):
        return "a ZIP archive"
    for folder, words in (
        ("word/", "a Word document"),
        ("xl/", "an Excel workbook"),
        ("ppt/", "a PowerPoint file"),
    ):
        if any(name.startswith(folder) for name in names):
            return words
    return "a ZIP archive"
