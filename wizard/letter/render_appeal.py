"""The appeal letter and the peer-to-peer sheet on paper: WeasyPrint to PDF/A-3b, as the letter is rendered."""

from __future__ import annotations

import weasyprint
from django.template.loader import render_to_string

from .appeal_content import AppealLetter, PeerToPeerSheet
from .render import (
    PDF_OPTIONS,
    StaticFilesFetcher,
    font_config,
    full_collections_deferred,
    pdf_stylesheet_url,
    static_root,
)

APPEAL_TEMPLATE = "letter/appeal.html"
SHEET_TEMPLATE = "letter/peer_to_peer.html"
APPEAL_STYLESHEET = "css/appeal.css"


def pdf_stylesheets() -> tuple[str, str]:
    """Return the file:// URLs of letter.css and appeal.css, in the order the documents link them."""
    return pdf_stylesheet_url(), (static_root() / APPEAL_STYLESHEET).resolve().as_uri()


def appeal_html(appeal: AppealLetter, *, stylesheets: tuple[str, ...]) -> str:
    """Return the appeal letter as an HTML document linking the given stylesheets."""
    return render_to_string(APPEAL_TEMPLATE, {"appeal": appeal, "stylesheets": stylesheets})


def sheet_html(sheet: PeerToPeerSheet, *, stylesheets: tuple[str, ...]) -> str:
    """Return the peer-to-peer sheet as an HTML document linking the given stylesheets."""
    return render_to_string(SHEET_TEMPLATE, {"sheet": sheet, "stylesheets": stylesheets})


def html_to_pdf(html: str) -> bytes:
    """Return PDF/A-3b bytes of an HTML document that may load only our static files."""
    root = static_root().resolve()
    document = weasyprint.HTML(
        string=html, base_url=root.as_uri() + "/", url_fetcher=StaticFilesFetcher(root)
    )
    with full_collections_deferred():
        return document.write_pdf(font_config=font_config(), **PDF_OPTIONS)


def render_appeal_pdf(appeal: AppealLetter) -> bytes:
    """Return the appeal letter as PDF/A-3b bytes."""
    return html_to_pdf(appeal_html(appeal, stylesheets=pdf_stylesheets()))


def render_peer_to_peer_pdf(sheet: PeerToPeerSheet) -> bytes:
    """Return the peer-to-peer sheet as PDF/A-3b bytes."""
    return html_to_pdf(sheet_html(sheet, stylesheets=pdf_stylesheets()))
