"""The letter as a PDF: every page identified and numbered, the content read back, the case file attached,
PDF/A-3b metadata, shipped fonts only, escaped free text, and a URL fetcher that serves only our static files."""

import gc
import io
import json
import logging
import re
import socket
import subprocess
from dataclasses import dataclass, replace
from pathlib import Path

import pytest
import weasyprint
from fontTools.ttLib import TTFont
from pypdf import PdfReader

from tests.conftest import EXAMPLE_NAMES, TODAY, example_data
from wizard.core.assessment import assess
from wizard.core.case_format import load_case
from wizard.letter.build import build_letter
from wizard.letter.content import CriterionRow, Letter, Section
from wizard.letter.render import (
    CASE_FILE_DESCRIPTION,
    DEFERRED_FULL_COLLECTION,
    RefusedURL,
    StaticFilesFetcher,
    full_collections_deferred,
    letter_html,
    render_letter_pdf,
    static_root,
    warm_up,
)

HOSTILE = "<b>bold</b><script>alert(1)</script>"
# The appendix labels required and recommended criteria; one the payer must confirm carries no label.
KIND_LABELS = {"required": "Required", "recommended": "Recommended", "verify": "", "": ""}
SHIPPED_FAMILIES = re.compile(r"^(?:[A-Z]{6}\+)?Letter-(?:Sans|Serif)(?:-Bold|-Italic)?$")


@dataclass(frozen=True)
class Rendered:
    """One letter rendered once for the whole module, with what WeasyPrint logged meanwhile."""

    facts: object
    letter: Letter
    pdf: bytes
    pages: list[str]
    text: str
    log: list[logging.LogRecord]


class ListHandler(logging.Handler):
    """Keep the records logged while it is attached."""

    def __init__(self) -> None:
        super().__init__(level=logging.WARNING)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


def collapse(text: str) -> str:
    """Return text with every run of whitespace (non-breaking spaces too) as one space."""
    return " ".join(text.split())


def squeeze(text: str) -> str:
    """Return text without whitespace: table cells wrap after slashes and URLs wrap anywhere."""
    return "".join(text.split())


def pdf_text(pdf: bytes, mode: str = "-raw") -> str:
    """Return the PDF's text, pages separated by form feeds: in content order (-raw) or as laid out."""
    return subprocess.run(
        ["pdftotext", mode, "-enc", "UTF-8", "-", "-"], input=pdf, capture_output=True, check=True
    ).stdout.decode("utf-8")


def pdf_pages(pdf: bytes) -> list[str]:
    """Return each page's text in content order (a table row's cells in turn), whitespace collapsed."""
    raw = pdf_text(pdf)
    # Lines break after hyphens inside words ("non-rechargeable"); with no automatic hyphenation, rejoin them.
    return [collapse(page.replace("-\n", "-")) for page in raw.split("\f")[:-1]]


def render_with_log(facts, letter: Letter, case_file: dict | None) -> Rendered:
    """Render a letter and collect the warnings and errors of the weasyprint logger."""
    # caplog is per test; the module renders each case once, so it collects records the same way itself.
    handler, logger = ListHandler(), logging.getLogger("weasyprint")
    logger.addHandler(handler)
    try:
        pdf = render_letter_pdf(letter, case_file=case_file)
    finally:
        logger.removeHandler(handler)
    pages = pdf_pages(pdf)
    return Rendered(facts, letter, pdf, pages, " ".join(pages), handler.records)


def model_letter(facts) -> Letter:
    """Return the letter the app builds for a model case."""
    return build_letter(facts, assess(facts, today=TODAY).results, today=TODAY)


@pytest.fixture(scope="module")
def rendered() -> dict[str, Rendered]:
    """Render each model case once, with its case file attached."""
    found = {}
    for name in EXAMPLE_NAMES:
        data = example_data(name)
        facts = load_case(data)
        found[name] = render_with_log(facts, model_letter(facts), data)
    return found


@pytest.fixture(scope="module")
def open_criteria() -> Rendered:
    """Render a letter with criteria not met and not documented, an override and hostile free text."""
    facts = load_case(example_data("crps-scs-permanent-medicare"))
    letter = model_letter(facts)
    first, second, *rest = letter.criteria
    letter = replace(
        letter,
        patient_name=f"Dana {HOSTILE}",
        sections=(Section("Clinician note", (HOSTILE,), (HOSTILE,)), *letter.sections),
        criteria=(
            replace(first, status="not_met", status_label="not met", evidence=HOSTILE),
            replace(second, status="not_documented", status_label="not documented", kind="verify"),
            *rest,
        ),
        override=("This request is submitted on the clinician's judgement. Reason: the trial was decisive.",),
    )
    return render_with_log(facts, letter, None)


# ---- Every page --------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", EXAMPLE_NAMES)
def test_every_page_names_the_patient_with_birth_date_and_page_x_of_y(rendered, name):
    letter, pages = rendered[name].letter, rendered[name].pages
    assert len(pages) == len(PdfReader(io.BytesIO(rendered[name].pdf)).pages) >= 2
    for number, page in enumerate(pages, start=1):
        assert collapse(letter.identifiers) in page, f"page {number}"
        assert f"Page {number} of {len(pages)}" in page, f"page {number}"
        assert letter.patient_name in page and f"DOB {letter.patient_born}" in page


# ---- Content -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", EXAMPLE_NAMES)
def test_every_code_prints_with_its_units_and_modifiers(rendered, name):
    letter, text = rendered[name].letter, rendered[name].text
    assert letter.codes
    for row in letter.codes:
        line = f"{row.system} {row.code} {row.units or '—'} {row.modifiers or '—'} {row.description}"
        assert squeeze(line) in squeeze(text)


@pytest.mark.parametrize("name", EXAMPLE_NAMES)
def test_every_finding_prints_its_criterion_status_kind_and_evidence(rendered, name):
    letter, text = rendered[name].letter, rendered[name].text
    assert letter.criteria
    for row in letter.criteria:
        assert squeeze(criterion_line(row)) in squeeze(text)


def criterion_line(row: CriterionRow) -> str:
    """Return a criteria table row as the PDF's text reads it: criterion, status, kind, evidence."""
    status = row.status_label[:1].upper() + row.status_label[1:]
    return f"{row.text} {status} {KIND_LABELS[row.kind]} {row.evidence}"


@pytest.mark.parametrize("name", EXAMPLE_NAMES)
def test_every_reference_prints_numbered_and_whole(rendered, name):
    letter, text = rendered[name].letter, rendered[name].text
    assert letter.references
    for reference in letter.references:
        assert squeeze(reference) in squeeze(text)
    # List numbers are drawn after the page's text; the laid-out text puts each beside its entry.
    laid_out = collapse(pdf_text(rendered[name].pdf, "-layout"))
    for number, reference in enumerate(letter.references, start=1):
        assert f"{number}. {' '.join(reference.split()[:4])}" in laid_out


@pytest.mark.parametrize("name", EXAMPLE_NAMES)
def test_letter_parts_print_in_order(rendered, name):
    letter, text = rendered[name].letter, rendered[name].text
    # Page 1 decides; then the argument, signed; then the appendix: criteria and codes, evidence, references.
    parts = [
        letter.practice_name,
        letter.date_text,
        *letter.recipient_lines,
        *letter.re_lines,
        *(f"{item.label} {item.value}" for item in letter.summary),
        letter.criteria_count,
        letter.salutation,
        *(section.title for section in letter.sections),
        letter.conclusion[0],
        letter.attestation,
        *letter.signature_lines,
        "Enclosures",
        *letter.enclosures,
        f"Appendix A. {letter.criteria_title}",
        letter.criteria[0].text,
        "Codes requested",
        f"Appendix B. {letter.treatment_history.title}",
        letter.treatment_history.table[0][0],
        "Appendix C. Supporting evidence and references",
        letter.references[0],
    ]
    text, at = squeeze(text), 0
    for part in parts:
        at = text.find(squeeze(part), at)
        assert at != -1, f"{part!r} missing or out of order"


@pytest.mark.parametrize("name", EXAMPLE_NAMES)
def test_figures_print_with_their_titles_and_captions(rendered, name):
    letter, text = rendered[name].letter, rendered[name].text
    for number, figure in enumerate(letter.figures, start=1):
        assert collapse(f"Figure {number}. {figure.title}. {figure.caption}") in text


def test_open_criteria_print_as_words_and_the_override_stands_out(open_criteria):
    text = open_criteria.text
    assert "Not met Required" in text
    assert "Not documented" in text and "VERIFY WITH PAYER" not in text.upper()
    assert "Submitted despite open criteria. This request is submitted on the clinician's judgement." in text
    assert not open_criteria.log


# ---- Free text is escaped ----------------------------------------------------------------------------


def test_free_text_markup_prints_literally_and_never_reaches_the_html(open_criteria):
    html = letter_html(open_criteria.letter, stylesheet="/static/css/letter.css")
    assert "<script" not in html and "<b>bold" not in html
    assert "&lt;b&gt;bold&lt;/b&gt;&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert open_criteria.text.count(HOSTILE) >= 4  # section sentence and item, evidence, patient name
    for number, page in enumerate(open_criteria.pages, start=1):
        assert f"Dana {HOSTILE} · DOB" in page, f"page {number}"


def test_only_the_figure_svg_is_inserted_as_markup(rendered):
    letter = rendered["crps-scs-permanent-medicare"].letter
    html = letter_html(letter, stylesheet="/static/css/letter.css")
    assert html.count("<svg") == len(letter.figures) == 1
    assert '<link rel="stylesheet" href="/static/css/letter.css">' in html


# ---- The case file travels with the letter -----------------------------------------------------------


@pytest.mark.parametrize("name", EXAMPLE_NAMES)
def test_attached_case_file_rebuilds_the_same_facts(rendered, name):
    reader = PdfReader(io.BytesIO(rendered[name].pdf))
    assert list(reader.attachments) == ["case.json"]
    (data,) = reader.attachments["case.json"]
    assert load_case(json.loads(data.decode("utf-8"))) == rendered[name].facts
    # WeasyPrint 70 lists the one file spec twice in /AF (from the name tree and from the objects).
    for spec in (f.get_object() for f in reader.trailer["/Root"]["/AF"]):
        assert spec["/UF"] == "case.json" and spec["/Desc"] == CASE_FILE_DESCRIPTION
        assert spec["/AFRelationship"] == "/Source"
        assert spec["/EF"]["/F"].get_object()["/Subtype"] == "/application/json"


def test_a_letter_without_a_case_file_has_no_attachment(open_criteria):
    assert not PdfReader(io.BytesIO(open_criteria.pdf)).attachments


# ---- Metadata, fonts, logs ---------------------------------------------------------------------------


@pytest.mark.parametrize("name", EXAMPLE_NAMES)
def test_pdf_declares_pdf_a_3b_title_author_and_language(rendered, name):
    reader, letter = PdfReader(io.BytesIO(rendered[name].pdf)), rendered[name].letter
    root = reader.trailer["/Root"]
    xmp = root["/Metadata"].get_object().get_data().decode("utf-8")
    assert re.search(r'pdfaid:part(="|>)3', xmp) and re.search(r'pdfaid:conformance(="|>)B', xmp)
    assert reader.metadata.title == letter.title and reader.metadata.author == letter.author
    assert letter.practice_name in reader.metadata.subject
    assert root["/Lang"] == "en-US" and "/StructTreeRoot" in root and root["/MarkInfo"]["/Marked"]


@pytest.mark.parametrize("name", EXAMPLE_NAMES)
def test_every_font_in_the_pdf_is_one_we_ship(rendered, name):
    listed = subprocess.run(
        ["pdffonts", "-"], input=rendered[name].pdf, capture_output=True, check=True
    ).stdout.decode()
    names = [line.split()[0] for line in listed.splitlines()[2:]]
    assert names and all(SHIPPED_FAMILIES.match(n) for n in names), names
    assert embedded_postscript_names(rendered[name].pdf) <= shipped_postscript_names()


def embedded_postscript_names(pdf: bytes) -> set[str]:
    """Return the PostScript name inside each font program embedded in the PDF."""
    found = set()
    for page in PdfReader(io.BytesIO(pdf)).pages:
        for font in page["/Resources"]["/Font"].values():
            descendant = font.get_object()["/DescendantFonts"][0].get_object()
            program = descendant["/FontDescriptor"]["/FontFile2"].get_object().get_data()
            found.add(TTFont(io.BytesIO(program))["name"].getDebugName(6))
    return found


def shipped_postscript_names() -> set[str]:
    """Return the PostScript names of the fonts in static/fonts."""
    return {TTFont(path)["name"].getDebugName(6) for path in (static_root() / "fonts").glob("*.ttf")}


def test_every_shipped_font_has_its_licence_beside_it():
    fonts = static_root() / "fonts"
    families = {path.name.split("-")[0] for path in fonts.glob("*.ttf")}
    assert families == {"SourceSerif4", "SourceSans3"}
    for family in families:
        assert "SIL Open Font License" in (fonts / f"LICENSE-{family}.md").read_text()


@pytest.mark.parametrize("name", EXAMPLE_NAMES)
def test_weasyprint_logs_no_warning_or_error_for_a_model_case(rendered, name):
    assert [r.getMessage() for r in rendered[name].log] == []


# ---- The URL fetcher serves only our static files ----------------------------------------------------


def test_fetcher_serves_a_static_file_with_its_type():
    fetcher = StaticFilesFetcher(static_root())
    response = fetcher.fetch((static_root() / "css" / "letter.css").as_uri())
    assert response.content_type == "text/css" and b"@font-face" in response.read()
    assert fetcher.fetch(f"{static_root().as_uri()}/fonts/../css/letter.css").content_type == "text/css"


@pytest.mark.parametrize(
    "url",
    [
        "https://example.com/x.css",
        "http://127.0.0.1:8000/static/css/letter.css",
        "data:text/css,body{color:red}",
        "data:image/jpeg;base64,/9j/4AAQ",
        "data:text/html,<script>alert(1)</script>",
        "data:image/png;base64,not base64!",
        "ftp://example.com/x.css",
        "file:///etc/passwd",
        "file://evil.example/static/css/letter.css",
        "{static}/../manage.py",
        "{static}/css/../../config/settings.py",
        "{static}/%2e%2e/manage.py",
        "{static}/css/missing.css",
        "{static}/css",
    ],
)
def test_fetcher_refuses_anything_but_a_file_inside_static(url):
    with pytest.raises(RefusedURL):
        StaticFilesFetcher(static_root()).fetch(url.replace("{static}", static_root().as_uri()))


@pytest.mark.parametrize(
    ("url", "content_type", "body"),
    [
        ("data:image/png;base64,iVBORw0KGgo=", "image/png", b"\x89PNG\r\n\x1a\n"),
        ("data:image/svg+xml;base64,PHN2Zy8+", "image/svg+xml", b"<svg/>"),
        ("data:image/svg+xml,%3Csvg%2F%3E", "image/svg+xml", b"<svg/>"),
    ],
)
def test_fetcher_serves_a_png_or_svg_data_uri_for_the_signature_image(url, content_type, body):
    response = StaticFilesFetcher(static_root()).fetch(url)
    assert response.content_type == content_type and response.read() == body


def test_rendering_never_loads_a_url_outside_static(tmp_path, caplog, monkeypatch):
    outside = tmp_path / "outside.css"
    outside.write_text('body::after { content: "LEAKED" }')
    escape = "../" * (len(static_root().resolve().parts) - 1) + outside.relative_to("/").as_posix()
    connections = []
    monkeypatch.setattr(socket.socket, "connect", lambda self, address: connections.append(address))
    html = f"""<html><head>
      <link rel="stylesheet" href="https://example.com/x.css">
      <link rel="stylesheet" href="{outside.as_uri()}">
      <link rel="stylesheet" href="{escape}">
      <link rel="stylesheet" href="{static_root().as_uri()}/{escape}">
      </head><body><p>Letter</p><img src="https://example.com/pixel.png" alt=""></body></html>"""
    with caplog.at_level(logging.WARNING, logger="weasyprint"):
        pdf = weasyprint.HTML(
            string=html, base_url=static_root().as_uri() + "/", url_fetcher=StaticFilesFetcher(static_root())
        ).write_pdf()
    text = " ".join(pdf_pages(pdf))
    assert "Letter" in text and "LEAKED" not in text
    assert connections == []
    refused = " ".join(r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR)
    assert refused.count("RefusedURL") == 5, refused
    assert "example.com/x.css" in refused and "outside.css" in refused


def test_the_letter_links_its_stylesheet_by_a_file_url_inside_static():
    letter = build_letter(
        load_case(example_data("crps2-drg-trial-bcbsa")), (), today=TODAY
    )  # no findings: a letter still renders without a criteria table
    html = letter_html(letter, stylesheet=(static_root() / "css" / "letter.css").as_uri())
    href = re.search(r'<link rel="stylesheet" href="([^"]+)">', html)[1]
    assert Path(StaticFilesFetcher(static_root()).static_path(href)).name == "letter.css"


def test_warm_up_renders_cleanly(caplog):
    with caplog.at_level(logging.WARNING, logger="weasyprint"):
        warm_up()
    assert caplog.records == []


def test_full_collections_wait_while_any_render_runs_and_resume_after():
    before = gc.get_threshold()
    with full_collections_deferred():
        with full_collections_deferred():
            assert gc.get_threshold() == (*before[:2], DEFERRED_FULL_COLLECTION)
        assert gc.get_threshold() == (*before[:2], DEFERRED_FULL_COLLECTION)
    assert gc.get_threshold() == before
