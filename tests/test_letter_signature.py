"""Signed and reachable: the electronic signature at issue, the signature image, the direct line, expedite."""

import logging
import subprocess
from datetime import datetime, timedelta
from io import BytesIO
from zoneinfo import ZoneInfo

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from PIL import Image
from pypdf import PdfReader

from audit.models import Action, AuditEvent
from tests.conftest import TODAY, example_facts, make_member, signed_in
from tests.criteria_builders import change
from wizard.core.assessment import assess
from wizard.core.choices import Payer, PlaceOfService
from wizard.core.decision_windows import (
    DEFAULT_STANDARD_DAYS,
    RULE_STANDARD_DAYS,
    decision_window,
    expedite_line,
)
from wizard.core.facts import Clinician
from wizard.issuing import IssueRefused, issue_letter
from wizard.letter import signature
from wizard.letter.build import build_letter
from wizard.letter.render import render_letter_pdf
from wizard.letter.signature import (
    MAX_IMAGE_BYTES,
    NOT_SIGNED,
    SignatureImageError,
    check_signature_image,
    contact_lines,
    signature_statement,
)
from wizard.models import IssuedLetter, Membership

EASTERN = ZoneInfo("America/New_York")
SIGNED_AT = datetime(2026, 12, 2, 9, 5, tzinfo=EASTERN)
SIGNER = Clinician(name="Jane Doe", credentials="MD, FIPP", npi="1987654328", direct_phone="(602) 555-0142")
AETNA_CASE = "fbss-scs-permanent-aetna"
MEDICARE_CASE = "crps-scs-permanent-medicare"


def png_bytes(size=(40, 12)) -> bytes:
    """Return a small, real PNG."""
    out = BytesIO()
    Image.new("L", size, 255).save(out, format="PNG")
    return out.getvalue()


SVG = (
    b'<?xml version="1.0" encoding="UTF-8"?>\n'
    b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 30" width="100" height="30">'
    b'<defs><linearGradient id="g"><stop offset="0" stop-color="#000"/></linearGradient></defs>'
    b'<path d="M5 20 C 20 0, 40 30, 95 10" stroke="url(#g)" fill="none" stroke-width="2"/></svg>'
)


def svg_with(inner: str, attrs: str = "") -> bytes:
    """Return an SVG document holding `inner`, with extra attributes on the root."""
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" {attrs}>{inner}</svg>'
    ).encode()


def letter_for(facts, **kwargs):
    """Return the letter for facts judged against their own payer."""
    return build_letter(facts, assess(facts, today=TODAY).results, today=TODAY, **kwargs)


# ---------------------------------------------------------------------------------------------------------
# The statement: signed at issue, "Not signed: preview" otherwise


def test_statement_names_the_signer_with_credentials_date_time_and_zone():
    assert signature_statement(SIGNER, SIGNED_AT) == (
        "Electronically signed by Jane Doe, MD, FIPP on Dec 2, 2026 at 9:05 AM EST"
    )


def test_statement_in_the_afternoon_and_summer_time():
    signed = datetime(2026, 7, 14, 16, 30, tzinfo=EASTERN)
    assert signature_statement(SIGNER, signed).endswith("on Jul 14, 2026 at 4:30 PM EDT")


def test_a_preview_is_not_signed():
    assert signature_statement(SIGNER, None) == NOT_SIGNED == "Not signed: preview"


def test_a_letter_built_without_an_issue_time_is_a_preview_without_the_image():
    letter = letter_for(example_facts(AETNA_CASE), signature_image="data:image/png;base64,AAAA")
    assert letter.signature_statement == NOT_SIGNED
    assert letter.signature_image == ""


def test_an_issued_letter_is_signed_by_the_issuing_clinician_with_their_image():
    facts = example_facts(AETNA_CASE)
    uri = signature.data_uri(png_bytes(), signature.PNG)
    letter = letter_for(facts, signed_at=SIGNED_AT, signer=SIGNER, signature_image=uri)
    assert letter.signature_statement.startswith("Electronically signed by Jane Doe, MD, FIPP on Dec 2, 2026")
    assert letter.signature_image == uri and uri.startswith("data:image/png;base64,")
    assert letter.contact_lines == (
        "For a peer-to-peer discussion: Jane Doe, MD, FIPP, direct line (602) 555-0142",
    )


def test_without_a_named_signer_the_cases_clinician_signs():
    facts = example_facts(AETNA_CASE)
    clinician = facts.request.clinician
    letter = letter_for(facts, signed_at=SIGNED_AT)
    assert letter.signature_statement.startswith(f"Electronically signed by {clinician.name}")


# ---------------------------------------------------------------------------------------------------------
# The direct line


def test_contact_line_needs_a_direct_phone():
    assert contact_lines(Clinician(name="Jane Doe", credentials="MD")) == ()
    assert contact_lines(Clinician(direct_phone="(602) 555-0142")) == ()


def test_the_cases_clinician_snapshot_carries_the_direct_line_to_the_letter():
    facts = change(example_facts(AETNA_CASE), **{"request.clinician.direct_phone": "602-555-0199 ext 12"})
    [line] = letter_for(facts).contact_lines
    assert line.startswith("For a peer-to-peer discussion: ") and line.endswith(
        "direct line 602-555-0199 ext 12"
    )


@pytest.mark.django_db
def test_membership_snapshot_holds_the_direct_line(clinician):
    member = clinician.membership
    member.direct_phone = "(602) 555-0142"
    member.save()
    assert member.signature().direct_phone == "(602) 555-0142"


# ---------------------------------------------------------------------------------------------------------
# Expedite: the date of service within the payer's decision window


def planned_in(name: str, days: int, **paths):
    """Return a model case planned `days` after TODAY."""
    return change(example_facts(name), **{"request.planned_on": TODAY + timedelta(days=days), **paths})


@pytest.mark.parametrize(
    ("days", "expected"), [(-1, False), (0, True), (RULE_STANDARD_DAYS, True), (8, False)]
)
def test_medicare_advantage_expedites_within_its_seven_day_rule(days, expected):
    facts = planned_in(AETNA_CASE, days, **{"request.payer": Payer.HUMANA_MA, "request.plan_name": ""})
    line = expedite_line(facts, TODAY)
    assert bool(line) is expected
    if expected:
        planned = TODAY + timedelta(days=days)
        assert line == (
            f"Expedited review requested: the procedure is scheduled for {planned:%b} {planned.day}, "
            f"{planned.year}, within Humana Medicare Advantage's 7-day standard decision time."
        )


@pytest.mark.parametrize(
    ("days", "expected"), [(DEFAULT_STANDARD_DAYS, True), (DEFAULT_STANDARD_DAYS + 1, False)]
)
def test_other_payers_use_our_default_window_and_say_so(days, expected):
    line = expedite_line(planned_in(AETNA_CASE, days), TODAY, payer_name="Aetna")
    assert bool(line) is expected
    if expected:
        assert "within a 15-day standard decision time, the time we allow for Aetna." in line


def test_the_default_window_is_configurable():
    facts = planned_in(AETNA_CASE, 20)
    assert expedite_line(facts, TODAY) == ""
    assert "30-day" in expedite_line(facts, TODAY, default_days=30)


def test_rule_window_names_its_source_and_expedited_hours():
    window = decision_window(planned_in(AETNA_CASE, 1, **{"request.payer": Payer.HUMANA_MA}))
    assert (window.days, window.expedited_hours, window.is_default) == (7, 72, False)
    assert "CMS-0057-F" in window.source
    assert decision_window(planned_in(AETNA_CASE, 1)).is_default


def test_medicare_for_the_record_asks_no_decision_so_never_expedites():
    facts = planned_in(MEDICARE_CASE, 1, **{"request.place_of_service": PlaceOfService.ASC})
    assert decision_window(facts) is None and expedite_line(facts, TODAY) == ""
    opd = planned_in(MEDICARE_CASE, 1, **{"request.place_of_service": PlaceOfService.HOSPITAL_OUTPATIENT})
    assert expedite_line(opd, TODAY)


def test_no_date_of_service_no_expedite():
    assert expedite_line(change(example_facts(AETNA_CASE), **{"request.planned_on": None}), TODAY) == ""


def test_the_letter_carries_the_expedite_line_with_the_payers_letter_name():
    facts = planned_in(AETNA_CASE, 3)
    letter = letter_for(facts)
    assert letter.expedite.startswith("Expedited review requested: the procedure is scheduled for")
    assert "for Aetna." in letter.expedite
    assert letter_for(planned_in(AETNA_CASE, 40)).expedite == ""


# ---------------------------------------------------------------------------------------------------------
# The image, checked by its content


def test_a_real_png_is_accepted():
    assert check_signature_image(png_bytes()) == "image/png"


def test_a_plain_svg_is_accepted():
    assert check_signature_image(SVG) == "image/svg+xml"


@pytest.mark.parametrize(
    "data",
    [
        svg_with("<script>alert(1)</script>"),
        svg_with('<script xlink:href="https://evil.example/x.js"/>'),
        svg_with("<rect width='5' height='5'/>", attrs='onload="alert(1)"'),
        svg_with("<rect width='5' height='5' onclick='alert(1)'/>"),
        svg_with("<foreignObject><p xmlns='http://www.w3.org/1999/xhtml'>hi</p></foreignObject>"),
        svg_with("<image href='https://evil.example/track.png' width='5' height='5'/>"),
        svg_with("<use xlink:href='https://evil.example/sprite.svg#a'/>"),
        svg_with("<a href='javascript:alert(1)'><rect width='5' height='5'/></a>"),
        svg_with("<rect width='5' height='5' fill='url(https://evil.example/p.svg#f)'/>"),
        svg_with("<rect width='5' height='5' style='fill: url(&quot;http://evil.example/&quot;)'/>"),
        svg_with("<style>@import 'https://evil.example/a.css';</style>"),
        svg_with("<set attributeName='fill' to='javascript:alert(1)'/>"),
        svg_with(
            "<rect width='5' height='5'><animate attributeName='href' values='https://evil.example/'/></rect>"
        ),
        b'<?xml-stylesheet href="https://evil.example/a.css"?>' + svg_with(""),
        b'<!DOCTYPE svg [<!ENTITY a "aaaaaaaa">]>' + svg_with("<text>&a;</text>"),
        b'<!DOCTYPE svg SYSTEM "file:///etc/passwd">' + svg_with(""),
    ],
    ids=[
        "script",
        "external-script",
        "onload",
        "onclick",
        "foreignObject",
        "external-image",
        "external-use",
        "javascript-link",
        "external-paint",
        "external-style-url",
        "style-import",
        "javascript-animation",
        "animation",
        "stylesheet-pi",
        "entity",
        "external-dtd",
    ],
)
def test_an_svg_that_runs_fetches_or_embeds_is_refused(data):
    with pytest.raises(SignatureImageError):
        check_signature_image(data)


@pytest.mark.parametrize(
    "data",
    [
        b"GIF89a\x01\x00\x01\x00\x00\x00\x00;",
        b"\xff\xd8\xff\xe0\x00\x10JFIF\x00",
        b"just text, not an image",
        b'<html xmlns="http://www.w3.org/1999/xhtml"><body/></html>',
        b"\x89PNG\r\n\x1a\n" + b"\x00" * 40,
        png_bytes()[:60],
        b"",
        "<svg xmlns='http://www.w3.org/2000/svg'/>".encode("utf-16"),
    ],
    ids=["gif", "jpeg", "text", "xhtml", "png-magic-garbage", "truncated-png", "empty", "utf16"],
)
def test_anything_but_a_png_or_svg_is_refused(data):
    with pytest.raises(SignatureImageError):
        check_signature_image(data)


def test_an_image_over_200_kb_is_refused():
    big = SVG.replace(b"</svg>", b"<!--" + b"x" * MAX_IMAGE_BYTES + b"--></svg>")
    with pytest.raises(SignatureImageError, match="larger than 200 KB"):
        check_signature_image(big)


# ---------------------------------------------------------------------------------------------------------
# The page: the clinician themself or their clinic's manager, audited


def page(user_id) -> str:
    return f"/clinic/users/{user_id}/signature/"


def upload(client, user_id, data: bytes, name="sig.png", **fields):
    """Post the signature page with a file."""
    return client.post(page(user_id), {"direct_phone": "", **fields, "image": SimpleUploadedFile(name, data)})


@pytest.mark.django_db
def test_a_clinician_uploads_their_own_png_and_it_is_audited(clinician_client, clinician):
    data = png_bytes()
    response = upload(clinician_client, clinician.pk, data, direct_phone="(602) 555-0142")
    assert response.status_code == 302
    member = Membership.objects.get(user=clinician)
    assert (bytes(member.signature_image), member.signature_content_type) == (data, "image/png")
    assert member.direct_phone == "(602) 555-0142"
    [event] = AuditEvent.objects.filter(action=Action.CHANGE, detail__target_user_id=clinician.pk)
    paths = [change_[0] for change_ in event.detail["changes"]]
    assert paths == ["membership.direct_phone", "membership.signature_image"]
    # The trail names the image's type and size, never its content.
    assert event.detail["changes"][1][2] == f"PNG, {len(data)} bytes"
    shown = clinician_client.get(page(clinician.pk)).content.decode()
    assert 'src="data:image/png;base64,' in shown


@pytest.mark.django_db
def test_my_signature_leads_a_clinician_to_their_own_page(clinician_client, clinician):
    response = clinician_client.get("/clinic/signature/")
    assert response.status_code == 302 and response["Location"] == page(clinician.pk)


@pytest.mark.django_db
def test_a_manager_uploads_an_svg_and_sets_the_direct_line_for_a_clinician(manager_client, clinician):
    response = upload(manager_client, clinician.pk, SVG, name="sig.svg", direct_phone="602 555 0142")
    assert response.status_code == 302
    member = Membership.objects.get(user=clinician)
    assert member.signature_content_type == "image/svg+xml"
    assert member.direct_phone == "602 555 0142"
    users = manager_client.get("/clinic/users/").content.decode()
    assert "Direct line 602 555 0142" in users and page(clinician.pk) in users


@pytest.mark.django_db
def test_removing_the_image_keeps_the_direct_line(clinician_client, clinician):
    upload(clinician_client, clinician.pk, png_bytes(), direct_phone="(602) 555-0142")
    clinician_client.post(page(clinician.pk), {"direct_phone": "(602) 555-0142", "remove": "on"})
    member = Membership.objects.get(user=clinician)
    assert (bytes(member.signature_image), member.signature_content_type) == (b"", "")
    assert member.direct_phone == "(602) 555-0142"


@pytest.mark.parametrize(
    ("data", "name"),
    [
        (svg_with("<script>alert(1)</script>"), "sig.svg"),
        (b"GIF89a\x01\x00\x01\x00\x00\x00\x00;", "sig.png"),
        (png_bytes() + b"\x00" * MAX_IMAGE_BYTES, "sig.png"),
    ],
    ids=["svg-script", "wrong-type-named-png", "too-big"],
)
@pytest.mark.django_db
def test_a_refused_upload_stores_nothing_and_says_why(clinician_client, clinician, data, name):
    response = upload(clinician_client, clinician.pk, data, name=name, direct_phone="(602) 555-0142")
    assert response.status_code == 200
    assert response.context["form"].errors["image"]
    member = Membership.objects.get(user=clinician)
    assert (bytes(member.signature_image), member.direct_phone) == (b"", "")
    assert not AuditEvent.objects.filter(action=Action.CHANGE).exists()


@pytest.mark.django_db
def test_a_malformed_direct_line_is_refused(clinician_client, clinician):
    response = clinician_client.post(page(clinician.pk), {"direct_phone": "<b>call me</b>"})
    assert response.status_code == 200 and response.context["form"].errors["direct_phone"]


@pytest.mark.django_db
def test_another_clinics_members_cannot_see_or_change_a_signature(clinician, outsider, other_clinic):
    upload(signed_in(Client(), clinician), clinician.pk, png_bytes())
    outsider_client = signed_in(Client(), outsider)
    assert outsider_client.get(page(clinician.pk)).status_code == 403
    assert upload(outsider_client, clinician.pk, SVG, name="x.svg").status_code == 403
    other_manager = make_member(other_clinic, "otherboss", Membership.Role.MANAGER)
    other_manager_client = signed_in(Client(), other_manager)
    assert other_manager_client.get(page(clinician.pk)).status_code == 404
    assert upload(other_manager_client, clinician.pk, SVG, name="x.svg").status_code == 404
    member = Membership.objects.get(user=clinician)
    assert member.signature_content_type == "image/png"


@pytest.mark.django_db
def test_staff_and_colleagues_cannot_change_a_clinicians_signature(clinic, clinician, staff):
    colleague = make_member(clinic, "colleague", Membership.Role.CLINICIAN, npi="1234567893")
    for user in (staff, colleague):
        browser = signed_in(Client(), user)
        assert browser.get(page(clinician.pk)).status_code == 403
        assert upload(browser, clinician.pk, png_bytes()).status_code == 403
    assert bytes(Membership.objects.get(user=clinician).signature_image) == b""


@pytest.mark.django_db
def test_a_manager_cannot_give_a_non_clinician_a_signature(manager_client, staff):
    assert manager_client.get(page(staff.pk)).status_code == 403


# ---------------------------------------------------------------------------------------------------------
# Issuing signs the letter


@pytest.mark.django_db
def test_issuing_signs_with_the_issuing_clinicians_name_time_image_and_direct_line(
    clinic, clinician, example_case, monkeypatch
):
    member = clinician.membership
    member.direct_phone = "(602) 555-0142"
    member.signature_image, member.signature_content_type = png_bytes(), "image/png"
    member.save()
    example_case.status = "ready"
    example_case.save(update_fields=["status"])
    built = []
    monkeypatch.setattr(
        "wizard.issuing.render_letter_pdf", lambda letter, **kw: built.append(letter) or b"%PDF"
    )
    issue_letter(example_case.pk, clinic.pk, clinician, "walk", example_case.updated_at.date())
    [letter] = built
    assert letter.signature_statement.startswith("Electronically signed by Doc Tester, MD on ")
    assert letter.signature_statement.rsplit(" ", 1)[-1] in {"EST", "EDT"}  # TIME_ZONE America/New_York
    assert letter.signature_image.startswith("data:image/png;base64,")
    assert letter.contact_lines == (
        "For a peer-to-peer discussion: Doc Tester, MD, direct line (602) 555-0142",
    )


# ---------------------------------------------------------------------------------------------------------
# The PDF: read back


def pdf_text(pdf: bytes) -> str:
    """Return the PDF's text, whitespace collapsed."""
    text = subprocess.run(["pdftotext", "-raw", "-", "-"], input=pdf, capture_output=True, check=True).stdout
    return " ".join(text.decode("utf-8").split())


@pytest.mark.parametrize(
    ("data", "content_type"), [(png_bytes(), "image/png"), (SVG, "image/svg+xml")], ids=["png", "svg"]
)
def test_the_issued_pdf_prints_the_statement_image_and_direct_line(data, content_type, caplog):
    facts = planned_in(AETNA_CASE, 3)
    uri = signature.data_uri(data, content_type)
    with caplog.at_level(logging.WARNING, logger="weasyprint"):
        pdf = render_letter_pdf(letter_for(facts, signed_at=SIGNED_AT, signer=SIGNER, signature_image=uri))
    assert not [r for r in caplog.records if r.name.startswith("weasyprint") and r.levelno >= logging.ERROR]
    text = pdf_text(pdf)
    assert "Electronically signed by Jane Doe, MD, FIPP on Dec 2, 2026 at 9:05 AM EST" in text
    assert "For a peer-to-peer discussion: Jane Doe, MD, FIPP, direct line (602) 555-0142" in text
    assert "Expedited review requested" in text
    if content_type == "image/png":  # WeasyPrint draws an SVG as vector paths, a PNG as an image
        assert any(page.images for page in PdfReader(BytesIO(pdf)).pages)


def test_a_preview_pdf_says_it_is_not_signed():
    text = pdf_text(
        render_letter_pdf(letter_for(example_facts(AETNA_CASE), signature_image="data:image/png;base64,AAAA"))
    )
    assert "Not signed: preview" in text and "Electronically signed" not in text


@pytest.mark.django_db
def test_a_colleague_cannot_sign_a_letter_that_names_another_clinician(clinic, example_case):
    colleague = make_member(clinic, "colleague", Membership.Role.CLINICIAN, npi="1234567893")
    example_case.status = "ready"
    example_case.save(update_fields=["status"])
    with pytest.raises(IssueRefused, match="only they can issue it"):
        issue_letter(example_case.pk, clinic.pk, colleague, "walk", example_case.updated_at.date())
    assert not IssuedLetter.objects.exists()
