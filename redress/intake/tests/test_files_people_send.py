"""Files through the public form and on to staff: hostile files are refused with a reason the
person can act on, PDFs that can run scripts reach staff with a warning, and ClamAV (a real
daemon) refuses viruses."""

import pytest
from django.core import checks
from django.core.files.uploadedfile import SimpleUploadedFile

from redress.cases.models import Representation
from redress.intake.models import Attachment

from . import samples
from .helpers import daughter_for_mother, fill_in

pytestmark = pytest.mark.django_db


def upload(client, name, content):
    return client.post("/feedback/documents/", {"file": SimpleUploadedFile(name, content), "upload": "1"})


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("letter.docx", samples.macro_word_document, "The selected file contains macros. Save it as a Word document"),
        ("letter.docx", samples.zip_bomb, "The selected file is too large once unpacked"),
        ("letter.docx", samples.encrypted_word_document, "The selected file is password protected"),
        ("letter.docx", samples.xxe_word_document, "The selected document contains instructions to fetch other files"),
        ("letter.pdf", lambda: samples.pdf(head=b"<html><script>alert(1)</script></html>"), "a web page or another"),
        ("photo.png", lambda: samples.png(after=b"<script>alert(1)</script>"), "a web page or another file hidden"),
    ],
)
def test_each_refused_file_gets_its_own_reason_and_the_answers_are_kept(client, name, content, message):
    fill_in(client, daughter_for_mother())
    page = upload(client, name, content()).content.decode()
    assert message in page
    assert 'href="#id_file"' in page and 'class="govuk-error-message"' in page
    assert not Attachment.objects.exists()
    assert "Carers missed four morning visits" in client.get("/feedback/check-your-answers/").content.decode()


def test_a_pdf_that_runs_a_script_reaches_staff_with_a_warning_before_they_open_it(client, officer, send):
    fill_in(client, daughter_for_mother(), files=[("care rota.pdf", samples.pdf_running_script())])
    send()
    case, attachment = Representation.objects.get(), Attachment.objects.get()
    assert attachment.active_content == ["scripts"]
    client.force_login(officer)
    page = client.get(case.get_absolute_url()).content.decode()
    assert "This PDF contains scripts. Open it only in your web browser" in page
    url = f"/case-files/{case.reference}/{attachment.pk}/"
    before = client.get(url)
    assert before.status_code == 200 and before["Content-Type"].startswith("text/html")
    assert "Before you open care rota.pdf" in before.content.decode()
    assert "This PDF contains scripts" in before.content.decode()
    download = client.get(url + "?confirmed=1")
    assert download["Content-Disposition"].startswith("attachment")
    assert b"".join(download.streaming_content) == samples.pdf_running_script()


def test_an_ordinary_pdf_downloads_at_once_and_any_file_downloads_under_its_real_ending(client, officer, send):
    fill_in(client, daughter_for_mother(), files=[("rota.pdf", samples.pdf()), ("rota.html", samples.pdf())])
    send()
    case = Representation.objects.get()
    client.force_login(officer)
    assert "This PDF contains" not in client.get(case.get_absolute_url()).content.decode()
    names = [
        client.get(f"/case-files/{case.reference}/{attachment.pk}/")["Content-Disposition"]
        for attachment in Attachment.objects.order_by("pk")
    ]
    assert 'filename="rota.pdf"' in names[0] and 'filename="rota.html.pdf"' in names[1]


def test_real_clamav_refuses_eicar_in_a_text_file_and_inside_a_pdf(client, clamav):
    fill_in(client, daughter_for_mother())
    for name, content in [("notes.txt", samples.EICAR), ("letter.pdf", samples.pdf(samples.stream(samples.EICAR)))]:
        assert "The selected file contains a virus" in upload(client, name, content).content.decode()
    assert not Attachment.objects.exists()
    assert upload(client, "notes.txt", b"Visit times: 8am and 6pm\n").status_code == 302
    assert Attachment.objects.get().scan == "clean"


def test_a_scanner_that_does_not_answer_refuses_the_file_rather_than_keeping_it_unchecked(client, settings, tmp_path):
    settings.CLAMD_SOCKET = str(tmp_path / "no-clamd.sock")
    fill_in(client, daughter_for_mother())
    page = upload(client, "notes.txt", b"Visit times\n").content.decode()
    assert "We could not check the file for viruses. Try again later." in page
    assert not Attachment.objects.exists()


def test_check_deploy_warns_without_a_virus_scanner_or_when_clamd_does_not_answer(settings, tmp_path, clamd_socket):
    def warnings():
        found = checks.run_checks(include_deployment_checks=True, tags=[checks.Tags.security])
        return [message.id for message in found if message.id.startswith("intake.")]

    settings.CLAMD_SOCKET = ""
    assert warnings() == ["intake.W001"]
    settings.CLAMD_SOCKET = str(tmp_path / "no-clamd.sock")
    assert warnings() == ["intake.W002"]
    settings.CLAMD_SOCKET = clamd_socket
    assert warnings() == []
