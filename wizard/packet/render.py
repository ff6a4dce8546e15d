"""The packet's own pages on paper: the cover sheet and the page stamps, templates to WeasyPrint PDFs."""

from __future__ import annotations

from dataclasses import dataclass

import weasyprint
from django.template.loader import render_to_string

from ..letter.render import StaticFilesFetcher, font_config, full_collections_deferred, static_root
from .cover import CoverSheet

COVER_TEMPLATE = "packet/cover.html"
STAMPS_TEMPLATE = "packet/stamps.html"
STYLESHEET = "css/packet.css"


@dataclass(frozen=True)
class Stamp:
    """The text stamped on one packet page, and the index of that page's size in the size list."""

    text: str
    size_index: int


def render_html_pdf(template: str, context: dict) -> bytes:
    """Return a packet template rendered to PDF with our stylesheet, fonts and local-only fetcher."""
    root = static_root().resolve()
    stylesheet = (root / STYLESHEET).as_uri()
    html = weasyprint.HTML(
        string=render_to_string(template, {**context, "stylesheet": stylesheet}),
        base_url=root.as_uri() + "/",
        url_fetcher=StaticFilesFetcher(root),
    )
    with full_collections_deferred():
        return html.write_pdf(font_config=font_config())


def render_cover_pdf(cover: CoverSheet) -> bytes:
    """Return the fax cover sheet as a one-page PDF."""
    return render_html_pdf(COVER_TEMPLATE, {"cover": cover})


def render_stamps_pdf(texts: list[str], sizes_pt: list[tuple[float, float]]) -> bytes:
    """Return one stamp page per text, each the size (width, height in points) given at the same index."""
    distinct = list(dict.fromkeys((round(w, 2), round(h, 2)) for w, h in sizes_pt))
    stamps = [
        Stamp(text, distinct.index((round(w, 2), round(h, 2))))
        for text, (w, h) in zip(texts, sizes_pt, strict=True)
    ]
    return render_html_pdf(STAMPS_TEMPLATE, {"stamps": stamps, "sizes": distinct})
