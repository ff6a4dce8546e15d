"""Enclosures: checked by content, stored in the database, clinic-isolated, audited, listed in letters."""

import hashlib
from datetime import date, datetime, timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone

from audit.models import Action, AuditEvent
from tests.conftest import make_case_from_example, make_member, signed_in
from tests.enclosure_files import HTML_PAGE, blank_pdf, picture, text_pdf, word_document
from tests.test_letter_pdf import pdf_text
from tests.test_letters import issue, ready_case
from wizard.models import Enclosure, Membership
from wizard.packet.listing import enclosure_lines
from wizard.packet.uploads import MAX_ENCLOSURE_BYTES, UploadRefused, check_upload
from wizard.views import retention

# ---- check_upload: the type comes from the content, never the name ------------------------------------


@pytest.mark.parametrize(
    ("data", "content_type", "pages"),
    [
        (blank_pdf(3), "application/pdf", 3),
        (picture("PNG"), "image/png", 1),
        (picture("JPEG"), "image/jpeg", 1),
        (picture("PNG", mode="RGBA"), "image/png", 1),
    ],
)
def test_check_upload_accepts_pdf_png_and_jpeg_with_their_page_count(data, content_type, pages):
    checked = check_upload(data)
    assert (checked.content_type, checked.pages) == (content_type, pages)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (word_document(), "This file is a Word document; upload PDF, PNG or JPEG."),
        (HTML_PAGE, "This file is a web page (HTML); upload PDF, PNG or JPEG."),
        (blank_pdf(2)[:300], "This PDF is damaged"),
        (blank_pdf(1, user_password="secret"), "This PDF is password-protected: remove the password"),
        (blank_pdf(1, user_password="", owner_password="owner"), "encrypted with usage restrictions"),
        (b"%PDF-1.7\n" + b"x" * 400 + b"\n%%EOF\n", "This PDF is damaged"),
        (picture("PNG")[:400], "This PNG image is damaged"),
        (picture("JPEG")[:400], "This JPEG image is damaged"),
        (picture("PNG", size=(20, 20)), "only 20 × 20 pixels"),
        (picture("GIF"), "This file is a GIF image"),
        (picture("TIFF"), "This file is a TIFF image"),
        (b"Dear doctor,\nplease see attached.\n", "This file is a plain text file"),
        (b"\x00\x01\x02\x03garbage", "This file is not a PDF, PNG or JPEG"),
        (b"", "The file is empty"),
    ],
)
def test_check_upload_refuses_other_and_damaged_files_saying_what_is_wrong(data, message):
    with pytest.raises(UploadRefused, match=message.replace("(", r"\(").replace(")", r"\)")):
        check_upload(data)


def test_check_upload_refuses_a_file_over_the_limit_with_its_size():
    with pytest.raises(UploadRefused, match=r"^The file is 14\.2 MB; the limit is 10 MB\.$"):
        check_upload(b"%PDF-" + b"0" * int(14.15 * 1024 * 1024))
    with pytest.raises(UploadRefused, match=r"^The file is 10\.1 MB"):
        check_upload(b"%PDF-" + b"0" * MAX_ENCLOSURE_BYTES)


def test_check_upload_refuses_an_image_above_40_megapixels():
    with pytest.raises(UploadRefused, match="the limit is 40 megapixels"):
        check_upload(picture("PNG", size=(8000, 5001), mode="1"))


def test_enclosure_lines_name_kind_title_and_date_and_skip_an_empty_title():
    lines = enclosure_lines(
        [
            ("Psychological evaluation", "Linda Cho, PhD", date(2026, 7, 22)),
            ("Imaging report", "  ", date(2026, 3, 4)),
        ]
    )
    assert lines == (
        "Psychological evaluation (Linda Cho, PhD, Jul 22, 2026)",
        "Imaging report (Mar 4, 2026)",
    )


# ---- The views ------------------------------------------------------------------------------------------


def upload(client, case, data, name="record.pdf", **fields):
    """Post the upload form with a file and (by default valid) kind and date."""
    values = {"kind": "psych_evaluation", "title": "Linda Cho, PhD", "document_on": "2026-07-22", **fields}
    values["file"] = SimpleUploadedFile(name, data, content_type="application/pdf")
    return client.post(f"/cases/{case.id}/enclosures/add/", values)


@pytest.fixture
def case(clinic, clinician):
    return make_case_from_example(clinic, clinician, "crps-scs-permanent-medicare")


@pytest.mark.parametrize("role", ["clinician_client", "staff_client"])
def test_clinicians_and_staff_upload_and_the_download_is_the_exact_bytes(request, case, role):
    browser = request.getfixturevalue(role)
    data = blank_pdf(2)
    response = upload(browser, case, data)
    assert response.status_code == 302 and response["Location"] == f"/cases/{case.id}/enclosures/"
    enclosure = Enclosure.objects.get(case=case)
    assert (enclosure.content_type, enclosure.pages, enclosure.size_bytes) == (
        "application/pdf",
        2,
        len(data),
    )
    assert enclosure.sha256 == hashlib.sha256(data).hexdigest() and enclosure.title == "Linda Cho, PhD"
    download = browser.get(f"/cases/{case.id}/enclosures/{enclosure.id}/file")
    assert download.status_code == 200 and download.content == data
    assert download["Cache-Control"] == "no-store" and download["Content-Type"] == "application/pdf"
    assert download["Content-Disposition"] == f'attachment; filename="enclosure-{str(enclosure.id)[:8]}.pdf"'
    page = browser.get(f"/cases/{case.id}/enclosures/").content.decode()
    assert "Psychological evaluation" in page and "Jul 22, 2026" in page and "Linda Cho, PhD" in page


def test_the_type_stored_is_the_content_type_not_the_name_or_the_browser_type(staff_client, case):
    upload(staff_client, case, picture("JPEG"), name="scan.pdf", kind="office_note")
    enclosure = Enclosure.objects.get(case=case)
    assert enclosure.content_type == "image/jpeg" and enclosure.filename.endswith(".jpg")


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("letter.pdf", word_document(), "This file is a Word document; upload PDF, PNG or JPEG."),
        ("photo.png", HTML_PAGE, "This file is a web page (HTML); upload PDF, PNG or JPEG."),
        ("cut.pdf", blank_pdf(2)[:300], "This PDF is damaged"),
        ("locked.pdf", blank_pdf(1, user_password="secret"), "This PDF is password-protected"),
    ],
)
def test_a_refused_file_is_named_beside_the_field_and_the_typed_fields_are_kept(
    clinician_client, case, name, data, message
):
    response = upload(clinician_client, case, data, name=name, title="Typed title kept")
    page = response.content.decode()
    assert response.status_code == 200 and message in page
    assert 'value="Typed title kept"' in page and 'value="2026-07-22"' in page
    assert "Choose the file again" in page
    assert not Enclosure.objects.exists()
    assert not AuditEvent.objects.filter(action=Action.CHANGE).exists()


def test_an_oversize_upload_is_refused_with_its_size(clinician_client, case):
    response = upload(clinician_client, case, b"%PDF-" + b"0" * (MAX_ENCLOSURE_BYTES + 200_000))
    assert "The file is 10.2 MB; the limit is 10 MB." in response.content.decode()
    assert not Enclosure.objects.exists()


def test_a_record_dated_in_the_future_is_refused(clinician_client, case):
    tomorrow = timezone.localdate() + timedelta(days=1)
    response = upload(clinician_client, case, blank_pdf(), document_on=tomorrow.isoformat())
    assert "The date of the record cannot be in the future." in response.content.decode()
    assert not Enclosure.objects.exists()


def test_a_missing_kind_or_date_is_refused_beside_its_field(clinician_client, case):
    response = upload(clinician_client, case, blank_pdf(), kind="", document_on="")
    assert response.content.decode().count("This field is required.") == 2
    assert not Enclosure.objects.exists()


def test_upload_download_and_delete_are_audited(staff_client, case):
    upload(staff_client, case, picture("PNG"), kind="imaging", title="")
    enclosure = Enclosure.objects.get(case=case)
    staff_client.get(f"/cases/{case.id}/enclosures/{enclosure.id}/file")
    response = staff_client.post(f"/cases/{case.id}/enclosures/{enclosure.id}/delete/")
    assert response.status_code == 302 and not Enclosure.objects.exists()
    events = AuditEvent.objects.filter(case_id=case.pk).exclude(action=Action.VIEW).order_by("id")
    rows = [(e.action, e.detail.get("what"), e.detail.get("enclosure"), e.username) for e in events]
    assert rows == [
        (Action.CHANGE, "enclosure_added", str(enclosure.pk), "desk"),
        (Action.DOWNLOAD, "enclosure", str(enclosure.pk), "desk"),
        (Action.CHANGE, "enclosure_removed", str(enclosure.pk), "desk"),
    ]
    assert events[0].detail["sha256"] == enclosure.sha256 == events[2].detail["sha256"]


def test_delete_needs_a_post(clinician_client, case):
    upload(clinician_client, case, blank_pdf())
    enclosure = Enclosure.objects.get()
    assert clinician_client.get(f"/cases/{case.id}/enclosures/{enclosure.id}/delete/").status_code == 405
    assert Enclosure.objects.exists()


def test_managers_read_but_do_not_upload_or_delete(clinic, case, clinician_client):
    upload(clinician_client, case, blank_pdf())
    enclosure = Enclosure.objects.get()
    manager = signed_in(Client(), make_member(clinic, "boss", Membership.Role.MANAGER))
    assert manager.get(f"/cases/{case.id}/enclosures/").status_code == 200
    assert upload(manager, case, blank_pdf()).status_code == 403
    assert manager.post(f"/cases/{case.id}/enclosures/{enclosure.id}/delete/").status_code == 403
    assert Enclosure.objects.count() == 1


def test_another_clinic_gets_404_for_every_enclosure_and_packet_url(clinician_client, case, outsider):
    upload(clinician_client, case, blank_pdf())
    enclosure = Enclosure.objects.get()
    outsider_client = signed_in(Client(), outsider)
    base = f"/cases/{case.id}"
    gets = [f"{base}/enclosures/", f"{base}/enclosures/{enclosure.id}/file"]
    posts = [f"{base}/enclosures/add/", f"{base}/enclosures/{enclosure.id}/delete/", f"{base}/packet.pdf"]
    for url in gets:
        assert outsider_client.get(url).status_code == 404, url
    for url in posts:
        assert outsider_client.post(url, {"to_fax": "", "attention": ""}).status_code == 404, url
    assert upload(outsider_client, case, blank_pdf()).status_code == 404
    assert Enclosure.objects.count() == 1
    assert not AuditEvent.objects.filter(
        action__in=[Action.DOWNLOAD, Action.CHANGE], username="outsider"
    ).exists()


def test_an_enclosure_of_another_case_is_404_under_this_case(clinic, clinician, clinician_client, case):
    other = make_case_from_example(clinic, clinician, "crps2-drg-trial-bcbsa")
    upload(clinician_client, other, blank_pdf())
    enclosure = Enclosure.objects.get()
    assert clinician_client.get(f"/cases/{case.id}/enclosures/{enclosure.id}/file").status_code == 404
    assert clinician_client.post(f"/cases/{case.id}/enclosures/{enclosure.id}/delete/").status_code == 404


def test_an_altered_enclosure_is_not_sent_and_the_event_is_recorded(clinician_client, case):
    upload(clinician_client, case, blank_pdf())
    Enclosure.objects.update(data=blank_pdf(2))
    enclosure = Enclosure.objects.get()
    response = clinician_client.get(f"/cases/{case.id}/enclosures/{enclosure.id}/file")
    assert response.status_code == 500 and b"integrity check" in response.content
    assert AuditEvent.objects.get(action=Action.TAMPER).detail["what"] == "enclosure"


def test_an_archived_case_lists_and_downloads_but_refuses_changes(clinic, clinician, clinician_client):
    archived = ready_case(clinic, clinician)
    upload(clinician_client, archived, blank_pdf())
    enclosure = Enclosure.objects.get()
    archived.archived_at = timezone.now()
    archived.save()
    assert clinician_client.get(f"/cases/{archived.id}/enclosures/{enclosure.id}/file").status_code == 200
    page = clinician_client.get(f"/cases/{archived.id}/enclosures/").content.decode()
    assert "can be downloaded, not changed" in page and "Yes, delete it" not in page
    assert upload(clinician_client, archived, blank_pdf()).status_code == 403
    assert clinician_client.post(f"/cases/{archived.id}/enclosures/{enclosure.id}/delete/").status_code == 403
    assert Enclosure.objects.count() == 1


def test_the_case_page_shows_the_count_and_the_link(clinician_client, case):
    upload(clinician_client, case, text_pdf("one", "two"))
    page = clinician_client.get(f"/cases/{case.id}/").content.decode()
    assert "1 record to send with the letter." in page and f"/cases/{case.id}/enclosures/" in page
    assert "it can be made once a letter is issued" in page


def test_a_purge_removes_the_case_enclosures(clinic, clinician, manager_client, monkeypatch):
    purged = ready_case(clinic, clinician)
    doctor = signed_in(Client(), clinician)
    issue(doctor, purged)
    upload(doctor, purged, blank_pdf())
    assert Enclosure.objects.count() == 1
    manager_client.post(f"/cases/{purged.id}/archive/")
    purged.refresh_from_db()
    day = retention.purge_possible_on(purged.archived_at)
    monkeypatch.setattr(
        retention, "now", lambda: timezone.make_aware(datetime.combine(day, datetime.min.time()))
    )
    assert manager_client.post(f"/cases/{purged.id}/purge/")["Location"] == "/cases/archived/"
    assert not Enclosure.objects.exists()


def test_an_upload_stays_in_memory_never_in_a_temporary_file(clinician_client, case, settings, tmp_path):
    # A record above Django's 2.5 MB in-memory threshold would go to a temporary file: make that impossible.
    settings.FILE_UPLOAD_TEMP_DIR = str(tmp_path / "no-such-folder")
    large = blank_pdf(1, padding=3_000_000)
    assert len(large) > 3_000_000
    response = upload(clinician_client, case, large)
    assert response.status_code == 302, response.content.decode()[-3000:]
    assert bytes(Enclosure.objects.get().data) == large


def test_the_upload_keeps_its_csrf_check(clinician, case):
    browser = signed_in(Client(enforce_csrf_checks=True), clinician)
    assert upload(browser, case, blank_pdf()).status_code == 403
    assert not Enclosure.objects.exists()


def test_the_issued_letter_lists_the_uploaded_records_instead_of_the_records_its_facts_cite(
    clinic, clinician, clinician_client
):
    case = ready_case(clinic, clinician)
    upload(clinician_client, case, blank_pdf(1))
    upload(
        clinician_client,
        case,
        blank_pdf(1),
        kind="imaging",
        title="MRI right ankle",
        document_on="2026-03-02",
    )
    assert issue(clinician_client, case).status_code == 302
    text = " ".join(pdf_text(bytes(case.letters.get().pdf)).split())
    assert (
        "Enclosures: Imaging report (MRI right ankle, Mar 2, 2026); Psychological evaluation (Linda Cho"
        in text
    )
    # The facts-derived list (a trial record, medication history ...) is not printed beside the uploads.
    assert "Medication history" not in text


def test_without_uploads_the_letter_lists_the_records_its_facts_cite(clinic, clinician, clinician_client):
    case = ready_case(clinic, clinician)
    assert issue(clinician_client, case).status_code == 302
    assert "Medication history" in " ".join(pdf_text(bytes(case.letters.get().pdf)).split())
