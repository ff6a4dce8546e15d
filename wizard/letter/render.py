"""The letter on paper: template to HTML, then WeasyPrint to a tagged PDF/A-3b with the case file attached."""

from __future__ import annotations

import base64
import binascii
import gc
import json
import mimetypes
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import unquote_to_bytes, urlsplit
from urllib.request import url2pathname

# Imported with the module, and the module with the app, so a server's first letter pays no import cost.
import weasyprint
from django.conf import settings
from django.template.loader import render_to_string
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher, URLFetcherResponse

from .content import CodeRow, CriterionRow, Letter, Section

TEMPLATE = "letter/letter.html"
STYLESHEET = "css/letter.css"
CASE_FILE_NAME = "case.json"
CASE_FILE_DESCRIPTION = "The case file this letter was built from"
PDF_OPTIONS = {"pdf_variant": "pdf/a-3b", "pdf_tags": True}
# Full collections wait for this many young-generation passes while a letter renders (the default is 10).
DEFERRED_FULL_COLLECTION = 1000
# The only data: URIs a letter may hold: a clinician's signature image, as PNG or SVG.
DATA_IMAGE_TYPES = ("image/png", "image/svg+xml")


class RefusedURL(ValueError):
    """A URL the letter may not load: anything but a file in our static folder or a PNG/SVG data: URI."""


class StaticFilesFetcher(URLFetcher):
    """Serve files inside the static folder and PNG/SVG data: URIs to WeasyPrint; refuse every other URL."""

    def __init__(self, root: Path) -> None:
        super().__init__(allowed_protocols=("file", "data"))
        self.root = root.resolve()

    def fetch(self, url: str, headers: dict | None = None) -> URLFetcherResponse:
        """Return the static file or data: image the URL names, or raise RefusedURL (WeasyPrint logs it)."""
        if url[:5].lower() == "data:":
            content_type, body = data_image(url)
            return URLFetcherResponse("data:", body, {"Content-Type": content_type})
        path = self.static_path(url)
        content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        return URLFetcherResponse(path.as_uri(), path.read_bytes(), {"Content-Type": content_type})

    def static_path(self, url: str) -> Path:
        """Return the file a file:// URL names when it lies inside the static folder."""
        parts = urlsplit(url)
        if parts.scheme.lower() != "file" or parts.netloc not in ("", "localhost"):
            raise RefusedURL(f"only our static files may be loaded, not {url[:200]}")
        # resolve() follows links and removes "..", so the containment check sees the real file.
        path = Path(url2pathname(parts.path)).resolve()
        if not path.is_relative_to(self.root) or not path.is_file():
            raise RefusedURL(f"not a file in the static folder: {url[:200]}")
        return path


def data_image(url: str) -> tuple[str, bytes]:
    """Return the type and bytes of a data:image/png or data:image/svg+xml URI; refuse any other data: URI."""
    header, comma, payload = url[5:].partition(",")
    params = [p.strip().lower() for p in header.split(";")]
    if not comma or params[0] not in DATA_IMAGE_TYPES:
        raise RefusedURL(f"only PNG and SVG images may be given as data: URIs, not {url[:60]}")
    try:
        body = (
            base64.b64decode(payload, validate=True) if "base64" in params[1:] else unquote_to_bytes(payload)
        )
    except (binascii.Error, ValueError) as error:
        raise RefusedURL(f"unreadable data: URI {url[:60]}") from error
    return params[0], body


def static_root() -> Path:
    """Return the folder the letter's stylesheet and fonts are served from."""
    return Path(settings.BASE_DIR) / "static"


def pdf_stylesheet_url() -> str:
    """Return the file:// URL of letter.css that the PDF links to."""
    return (static_root() / STYLESHEET).resolve().as_uri()


def letter_html(letter: Letter, *, stylesheet: str = "") -> str:
    """Return the letter as an HTML document that links the stylesheet at the given href (none when empty)."""
    return render_to_string(TEMPLATE, {"letter": letter, "stylesheet": stylesheet})


_local = threading.local()
_gc_lock = threading.Lock()
_gc_state = {"renders": 0, "threshold": gc.get_threshold()}


@contextmanager
def full_collections_deferred() -> Iterator[None]:
    """Hold off the garbage collector's full passes while any letter renders, then restore its thresholds."""
    # A render keeps its whole half-built document alive and each full pass walks it (~0.13 s, several times
    # a render). Young passes still run, so memory stays flat: see bench/README.md.
    with _gc_lock:
        if _gc_state["renders"] == 0:
            _gc_state["threshold"] = threshold = gc.get_threshold()
            gc.set_threshold(threshold[0], threshold[1], DEFERRED_FULL_COLLECTION)
        _gc_state["renders"] += 1
    try:
        yield
    finally:
        with _gc_lock:
            _gc_state["renders"] -= 1
            if _gc_state["renders"] == 0:
                gc.set_threshold(*_gc_state["threshold"])


def font_config() -> FontConfiguration:
    """Return this thread's font configuration, built once so each font file is loaded once."""
    # Loading the @font-face files costs ~80 ms a render; per thread, as WeasyPrint never says one may be shared.
    if not hasattr(_local, "font_config"):
        _local.font_config = FontConfiguration()
    return _local.font_config


def letter_stylesheet(fetcher: URLFetcher) -> weasyprint.CSS:
    """Return this thread's letter.css, parsed once with its @font-face rules bound to the thread's fonts."""
    # Parsing the stylesheet again for every letter costs ~6 % of a render.
    if not hasattr(_local, "stylesheet"):
        _local.stylesheet = weasyprint.CSS(
            url=pdf_stylesheet_url(), url_fetcher=fetcher, font_config=font_config()
        )
    return _local.stylesheet


def case_attachment(case_file: dict, fetcher: URLFetcher) -> weasyprint.Attachment:
    """Return the case file as an attachment to embed in the PDF."""
    data = json.dumps(case_file, ensure_ascii=False, indent=2).encode("utf-8")
    return weasyprint.Attachment(
        string=data,
        url_fetcher=fetcher,
        name=CASE_FILE_NAME,
        description=CASE_FILE_DESCRIPTION,
        relationship="Source",
    )


def render_letter_pdf(letter: Letter, *, case_file: dict | None = None) -> bytes:
    """Return the letter as PDF/A-3b bytes, with the case file attached when one is given."""
    root = static_root().resolve()
    fetcher = StaticFilesFetcher(root)
    html = weasyprint.HTML(string=letter_html(letter), base_url=root.as_uri() + "/", url_fetcher=fetcher)
    attachments = [case_attachment(case_file, fetcher)] if case_file is not None else []
    with full_collections_deferred():
        return html.write_pdf(
            stylesheets=[letter_stylesheet(fetcher)],
            font_config=font_config(),
            attachments=attachments,
            **PDF_OPTIONS,
        )


def warm_up() -> None:
    """Render a placeholder letter so this thread's fonts and caches are loaded before a real one."""
    # Call it where a server process starts (e.g. gunicorn's post_fork), not in AppConfig.ready(): every
    # command and test run would pay it. It saves the first real letter ~0.2 s.
    render_letter_pdf(WARM_UP_LETTER)


WARM_UP_LETTER = Letter(
    title="Letter of medical necessity",
    practice_name="Practice",
    practice_lines=("Address",),
    date_text="Jan 1, 2026",
    recipient_lines=("Payer",),
    re_lines=("Request: procedure",),
    patient_name="Patient",
    patient_born="Jan 1, 1970",
    salutation="Dear Medical Director,",
    opening=("I am writing to request authorization.",),
    codes=(CodeRow("CPT", "63650", "1", "", "Procedure"),),
    sections=(Section("History", ("A sentence.",), ("An item",)),),
    figures=(),
    criteria_title="Criteria",
    criteria_note="Each criterion is judged from this record.",
    criteria=(CriterionRow("warm.up", "Criterion.", "met", "met", "Evidence", "Source", "required"),),
    conclusion=("I respectfully request authorization.",),
    override=(),
    evidence=("Evidence [1].",),
    references=("Reference.",),
    attestation="I attest.",
    signature_lines=("Clinician, MD",),
    enclosures=("Record",),
    author="Clinician",
)
