"""The packet: cover, letter and enclosures, every page stamped with both identifiers and "Page x of y"."""

import io
import logging
import subprocess
from dataclasses import replace

import pytest
from django.test import Client
from PIL import Image
from pypdf import PdfReader, PdfWriter

from audit.models import Action, AuditEvent
from tests.conftest import EXAMPLE_NAMES, TODAY, example_facts, make_member, signed_in
from tests.enclosure_files import blank_pdf, picture, text_pdf
from tests.test_enclosures import upload
from tests.test_letters import issue, ready_case
from wizard.core.assessment import assess
from wizard.core.display import format_date
from wizard.core.rules import Outcome
from wizard.letter.build import build_letter
from wizard.letter.render import render_letter_pdf
from wizard.models import Enclosure, IssuedLetter, Membership
from wizard.packet.assemble import PacketFile, build_packet, stamp_text
from wizard.packet.cover import CONFIDENTIALITY_NOTICE, CoverSheet, cover_for_facts

# What a cover must never print: the diagnosis or the procedure (beyond "Prior authorization request").
CLINICAL_WORDS = ("CRPS", "regional pain", "failed back", "neuropath", "stimulat", "ganglion", "sympathetic")


def render_case_letter(name: str):
    """Return a model case's facts, letter and PDF, built as render_letter builds them (a draft if open)."""
    assessment = assess(example_facts(name), today=TODAY)
    letter = build_letter(assessment.facts, assessment.results, today=TODAY)
    if assessment.verdict.outcome is not Outcome.MEETS:
        letter = replace(letter, draft=True)
    return assessment.facts, letter, render_letter_pdf(letter)


def page_texts(pdf: bytes) -> list[str]:
    """Return each page's text read back with pypdf, whitespace collapsed."""
    return [" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(pdf)).pages]


def dark_rows(pdf: bytes, page: int, tmp_path, top_rows: int = 80) -> list[int]:
    """Return the pixel rows near the top of a page image (100 dpi, grey) that hold anything dark."""
    prefix = tmp_path / f"page{page}"
    source = tmp_path / "packet.pdf"
    source.write_bytes(pdf)
    subprocess.run(
        [
            "pdftoppm",
            "-r",
            "100",
            "-gray",
            "-f",
            str(page),
            "-l",
            str(page),
            "-singlefile",
            str(source),
            str(prefix),
        ],
        check=True,
    )
    image = Image.open(f"{prefix}.pgm")
    pixels = image.load()
    return [y for y in range(top_rows) if any(pixels[x, y] < 160 for x in range(image.width))]


ENCLOSURES = [
    PacketFile("application/pdf", text_pdf("Evaluation page one", "Evaluation page two", size="A4"), "psych"),
    PacketFile("image/png", picture("PNG", size=(1200, 900)), "scan"),
]


@pytest.mark.parametrize("name", EXAMPLE_NAMES)
def test_every_page_of_a_model_case_packet_carries_both_identifiers_and_its_page_number(name, caplog):
    facts, letter, letter_pdf = render_case_letter(name)
    cover = cover_for_facts(facts, to_fax="(800) 555-0100", attention="Precertification", sent_on=TODAY)
    with caplog.at_level(logging.WARNING, logger="weasyprint"):
        pdf = build_packet(
            cover, letter_pdf, ENCLOSURES, patient_name=facts.patient.name, patient_born=facts.patient.born_on
        )
    assert not [record.getMessage() for record in caplog.records if record.name.startswith("weasyprint")]
    letter_pages = len(PdfReader(io.BytesIO(letter_pdf)).pages)
    texts = page_texts(pdf)
    total = 1 + letter_pages + 2 + 1
    assert len(texts) == total
    born = format_date(facts.patient.born_on)
    for number, text in enumerate(texts, start=1):
        assert f"{facts.patient.name} · DOB {born} · Page {number} of {total}" in text, number
    cover_text = texts[0]
    assert f"Pages {total} (including this cover)" in cover_text
    assert "Letter of medical necessity and 2 enclosures" in cover_text and "(800) 555-0100" in cover_text
    assert "Prior authorization request" in cover_text and "destroy it" in cover_text
    # The stamp is the only place the patient is named on the cover.
    assert cover_text.count(facts.patient.name) == 1
    clinical = [*CLINICAL_WORDS, facts.diagnosis.condition.label, *(row.code for row in letter.codes)]
    assert not [word for word in clinical if word.lower() in cover_text.lower()]
    assert "Evaluation page two" in texts[-2] and letter.identifiers in texts[1]


def test_the_stamp_sits_above_the_letter_header_without_touching_it(tmp_path):
    facts, _, letter_pdf = render_case_letter("fbss-scs-permanent-aetna")
    cover = cover_for_facts(facts, to_fax="", attention="", sent_on=TODAY)
    pdf = build_packet(cover, letter_pdf, [], patient_name="Ana Ruiz", patient_born=facts.patient.born_on)
    for page in (2, 3):
        rows = dark_rows(pdf, page, tmp_path)
        stamp = [y for y in rows if y < rows[0] + 15]
        header = [y for y in rows if y > stamp[-1]]
        # The stamp is one line in the top 0.25 in, with blank rows between it and the letter's own header.
        assert stamp[-1] < 25 and header and header[0] - stamp[-1] >= 4, (page, rows)


def test_a_pdf_enclosure_keeps_its_page_size_and_its_top_line_moves_below_the_stamp(tmp_path):
    facts, _, letter_pdf = render_case_letter("crps2-drg-trial-bcbsa")
    cover = cover_for_facts(facts, to_fax="", attention="", sent_on=TODAY)
    enclosure = PacketFile("application/pdf", text_pdf("TOP LINE", size="A4"), "a4")
    pdf = build_packet(
        cover, letter_pdf, [enclosure], patient_name="Ana Ruiz", patient_born=facts.patient.born_on
    )
    pages = PdfReader(io.BytesIO(pdf)).pages
    last = pages[-1]
    assert (round(float(last.mediabox.width)), round(float(last.mediabox.height))) == (595, 842)
    rows = dark_rows(pdf, len(pages), tmp_path)
    stamp = [y for y in rows if y < rows[0] + 15]
    content = [y for y in rows if y > stamp[-1]]
    assert stamp[-1] < 25 and content[0] - stamp[-1] >= 4


def test_an_image_becomes_one_letter_page_scaled_inside_the_margins_with_its_aspect(tmp_path):
    cover = CoverSheet("Payer", "", "", "Clinic", "", "", TODAY)
    wide = PacketFile("image/jpeg", picture("JPEG", size=(3000, 1000)), "wide")
    pdf = build_packet(cover, blank_pdf(1), [wide], patient_name="Ana Ruiz", patient_born=TODAY)
    page = PdfReader(io.BytesIO(pdf)).pages[-1]
    assert (float(page.mediabox.width), float(page.mediabox.height)) == (612, 792)
    source, prefix = tmp_path / "packet.pdf", tmp_path / "image"
    source.write_bytes(pdf)
    subprocess.run(
        ["pdftoppm", "-r", "100", "-gray", "-f", "3", "-l", "3", "-singlefile", source, prefix], check=True
    )
    image = Image.open(f"{prefix}.pgm").point(lambda value: 255 if value < 160 else 0)
    # Below the stamp: the picture's dark frame is 540 pt wide (0.5 in margins), a third as high, centred.
    left, top, right, bottom = image.crop((0, 40, image.width, image.height)).getbbox()
    assert (left, right) == (50, 800) and abs((bottom - top) - 250) <= 2
    assert abs((top + 40) - 425) <= 2


def test_stamp_text_reads_name_date_of_birth_and_page_of_pages():
    assert stamp_text("Ana Ruiz", TODAY, 3, 12) == "Ana Ruiz · DOB Nov 22, 2026 · Page 3 of 12"


def test_the_cover_prints_the_notice_and_no_patient_detail_of_its_own():
    cover = CoverSheet(
        "Aetna", "(800) 555-0100", "", "Clinic", "(602) 555-0100", "", TODAY, enclosure_count=1
    )
    assert "If you received it in error, notify the sender" in CONFIDENTIALITY_NOTICE
    assert cover.enclosures_text == "Letter of medical necessity and 1 enclosure"
    assert "patient" not in " ".join(str(value) for value in vars(cover).values() if value != cover.notice)


# ---- The packet download ----------------------------------------------------------------------------------


@pytest.fixture
def issued(clinic, clinician, clinician_client):
    case = ready_case(clinic, clinician)
    issue(clinician_client, case)
    return case


def test_staff_download_the_packet_of_the_latest_letter_with_enclosures_in_date_order(
    issued, clinic, clinician_client
):
    upload(clinician_client, issued, text_pdf("Later record"), document_on="2026-08-01", kind="office_note")
    upload(clinician_client, issued, text_pdf("Earlier record", "second page"), document_on="2026-06-01")
    staff = signed_in(Client(), make_member(clinic, "desk", Membership.Role.STAFF))
    response = staff.post(f"/cases/{issued.id}/packet.pdf", {"to_fax": "(800) 555-0100", "attention": "UM"})
    assert response.status_code == 200 and response["Cache-Control"] == "no-store"
    assert response["Content-Disposition"] == f'attachment; filename="packet-{str(issued.id)[:8]}-v1.pdf"'
    texts = page_texts(response.content)
    letter_pages = len(PdfReader(io.BytesIO(bytes(IssuedLetter.objects.get().pdf))).pages)
    assert len(texts) == 1 + letter_pages + 3
    assert "Earlier record" in texts[-3] and "second page" in texts[-2] and "Later record" in texts[-1]
    patient = issued.case_facts().patient
    stamp = f"{patient.name} · DOB {format_date(patient.born_on)} · Page {len(texts)} of {len(texts)}"
    assert stamp in texts[-1] and "Attention UM" in texts[0]
    event = AuditEvent.objects.get(action=Action.DOWNLOAD, detail__what="packet")
    assert (event.username, event.detail["pages"], event.detail["version"]) == ("desk", len(texts), 1)


def test_a_packet_needs_an_issued_letter(clinic, clinician, clinician_client):
    case = ready_case(clinic, clinician)
    response = clinician_client.post(f"/cases/{case.id}/packet.pdf", {"to_fax": "", "attention": ""})
    assert response.status_code == 302 and response["Location"] == f"/cases/{case.id}/"
    followed = clinician_client.get(response["Location"]).content.decode()
    assert "issue the letter first" in followed
    assert not AuditEvent.objects.filter(action=Action.DOWNLOAD).exists()


def test_a_bad_fax_number_is_refused_beside_the_field_keeping_the_attention_line(issued, clinician_client):
    response = clinician_client.post(
        f"/cases/{issued.id}/packet.pdf", {"to_fax": "call Bob", "attention": "Kept"}
    )
    page = response.content.decode()
    assert response.status_code == 200 and "Give a fax number of digits" in page and 'value="Kept"' in page


def test_an_altered_letter_or_enclosure_makes_no_packet(issued, clinician_client):
    upload(clinician_client, issued, blank_pdf())
    Enclosure.objects.update(data=blank_pdf(2))
    response = clinician_client.post(f"/cases/{issued.id}/packet.pdf", {"to_fax": "", "attention": ""})
    assert response.status_code == 500 and b"integrity check" in response.content
    assert AuditEvent.objects.get(action=Action.TAMPER).detail["what"] == "packet"


def test_the_case_page_offers_the_packet_once_a_letter_is_issued(issued, clinician_client):
    page = clinician_client.get(f"/cases/{issued.id}/").content.decode()
    assert f'action="/cases/{issued.id}/packet.pdf"' in page and 'name="to_fax"' in page


def test_a_rotated_enclosure_page_is_stamped_along_its_top_edge_as_it_is_viewed():
    writer = PdfWriter()
    writer.append(io.BytesIO(text_pdf("Rotated record")))
    writer.pages[0].rotate(90)
    rotated = io.BytesIO()
    writer.write(rotated)
    cover = CoverSheet("Payer", "", "", "Clinic", "", "", TODAY)
    enclosure = PacketFile("application/pdf", rotated.getvalue(), "rotated")
    pdf = build_packet(cover, blank_pdf(1), [enclosure], patient_name="Ana Ruiz", patient_born=TODAY)
    page = PdfReader(io.BytesIO(pdf)).pages[-1]
    assert page.rotation == 0 and float(page.mediabox.width) > float(page.mediabox.height)
    text = " ".join(page.extract_text().split())
    assert "Ana Ruiz · DOB Nov 22, 2026 · Page 3 of 3" in text and "Rotated record" in text
