import datetime as dt
import re

import pytest
import time_machine
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from redress.cases import workflow
from redress.cases.models import Person, Representation
from redress.intake.models import Attachment, Contribution, TrackingLock
from redress.intake.retention import forget_abandoned

from . import samples
from .helpers import PDF

pytestmark = pytest.mark.django_db


@pytest.fixture
def case(make_case, officer):
    person = Person.objects.create(first_name="Susan", last_name="Hughes", email="susan.hughes@example.com")
    case = make_case(complainant=person, service_user=person, received=dt.date(2026, 11, 2))
    workflow.recompute(case)
    case.save()
    workflow.acknowledge(case, by=officer, date=dt.date(2026, 11, 3))
    workflow.pause(case, by=officer, date=dt.date(2026, 11, 4), reason="Waiting for Mrs Hughes's GP records")
    workflow.resume(case, by=officer, date=dt.date(2026, 11, 6))
    return case


@pytest.fixture
def ask_for_code(client, django_capture_on_commit_callbacks):
    def ask(reference, email="susan.hughes@example.com"):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post("/track/", {"reference": reference, "email": email})

    return ask


def emailed_code() -> str:
    return re.search(r"\b(\d{6})\b", mail.outbox[-1].body).group(1)


def test_the_person_sees_their_case_with_a_code_from_their_email(client, case, ask_for_code):
    response = ask_for_code(case.reference.lower())
    assert response.url == "/track/code/"
    assert mail.outbox[-1].to == ["susan.hughes@example.com"]
    response = client.post("/track/code/", {"code": emailed_code()})
    assert response.url == "/track/case/"
    page = client.get("/track/case/").content.decode()
    assert case.reference in page
    assert "We acknowledged your complaint" in page and "We paused the time limit" in page
    assert case.due.strftime("%-d %B %Y") in page
    # Internal notes and staff names are not shown.
    assert "GP records" not in page and "Olivia" not in page


def test_a_code_works_once(client, case, ask_for_code):
    ask_for_code(case.reference)
    code = emailed_code()
    client.post("/track/code/", {"code": code})
    client.post("/track/sign-out/")
    client.post("/track/", {"reference": case.reference, "email": "susan.hughes@example.com"})
    mail.outbox.clear()
    assert client.post("/track/code/", {"code": code}).status_code == 200
    assert client.get("/track/case/").url == "/track/"


def test_a_wrong_code_shows_nothing(client, case, ask_for_code):
    ask_for_code(case.reference)
    wrong = "000000" if emailed_code() != "000000" else "111111"
    response = client.post("/track/code/", {"code": wrong})
    page = response.content.decode()
    assert response.status_code == 200 and "The code is not right" in page
    assert case.reference not in page
    assert client.get("/track/case/").url == "/track/"


def test_a_wrong_email_gets_the_same_answer_and_no_code(client, case, ask_for_code):
    response = ask_for_code(case.reference, email="someone.else@example.com")
    assert response.url == "/track/code/" and not mail.outbox
    assert "If the reference number and email address match" in client.get("/track/code/").content.decode()


def test_repeated_wrong_codes_lock_tracking_of_the_case(client, case, ask_for_code):
    ask_for_code(case.reference)
    right = emailed_code()
    wrong = "000000" if right != "000000" else "111111"
    for _ in range(4):
        assert client.post("/track/code/", {"code": wrong}).status_code == 200
    locked = client.post("/track/code/", {"code": wrong})
    assert locked.status_code == 429 and "You cannot check this case online for now" in locked.content.decode()
    # The right code no longer works, and a new one cannot be asked for until the lock ends, from
    # this browser or any other.
    other = type(client)()
    response = other.post("/track/", {"reference": case.reference, "email": "susan.hughes@example.com"})
    assert response.status_code == 429
    with time_machine.travel(dt.datetime.now(tz=dt.UTC) + dt.timedelta(minutes=61)):
        mail.outbox.clear()
        ask_for_code(case.reference)
        assert client.post("/track/code/", {"code": emailed_code()}).url == "/track/case/"


def test_wrong_codes_a_day_apart_are_slips_and_are_then_forgotten(client, case, ask_for_code):
    ask_for_code(case.reference)
    for _ in range(4):
        client.post("/track/code/", {"code": "000000" if emailed_code() != "000000" else "111111"})
    with time_machine.travel(dt.datetime.now(tz=dt.UTC) + dt.timedelta(hours=25)):
        ask_for_code(case.reference)
        wrong = "000000" if emailed_code() != "000000" else "111111"
        assert "The code is not right" in client.post("/track/code/", {"code": wrong}).content.decode()
        forget_abandoned(timezone.now() + dt.timedelta(days=1, minutes=1))
        assert not TrackingLock.objects.exists()


def test_a_code_expires_after_15_minutes(client, case, ask_for_code):
    ask_for_code(case.reference)
    with time_machine.travel(dt.datetime.now(tz=dt.UTC) + dt.timedelta(minutes=16)):
        assert "The code is not right" in client.post("/track/code/", {"code": emailed_code()}).content.decode()


def test_the_person_adds_information_and_a_document_which_staff_see(client, case, ask_for_code, officer):
    ask_for_code(case.reference)
    client.post("/track/code/", {"code": emailed_code()})
    response = client.post(
        "/track/case/", {"text": "Here is the letter from the agency.", "file": SimpleUploadedFile("agency.pdf", PDF)}
    )
    assert response.url == "/track/case/"
    contribution = Contribution.objects.get()
    assert contribution.case == case and contribution.attachments.get().name == "agency.pdf"
    assert "You sent us more information" in client.get("/track/case/").content.decode()
    client.force_login(officer)
    page = client.get(case.get_absolute_url()).content.decode()
    assert "Here is the letter from the agency." in page and "agency.pdf" in page


def test_a_renamed_program_cannot_be_added_either(client, case, ask_for_code):
    ask_for_code(case.reference)
    client.post("/track/code/", {"code": emailed_code()})
    program = b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 300
    page = client.post("/track/case/", {"text": "", "file": SimpleUploadedFile("photo.jpg", program)})
    assert "The selected file must be a PDF, Word document, JPG, PNG or text file" in page.content.decode()
    assert not Attachment.objects.exists() and not Contribution.objects.exists()


def test_tracking_ends_after_half_an_hour(client, case, ask_for_code):
    ask_for_code(case.reference)
    client.post("/track/code/", {"code": emailed_code()})
    with time_machine.travel(dt.datetime.now(tz=dt.UTC) + dt.timedelta(minutes=31)):
        assert client.get("/track/case/").url == "/track/"


def test_no_reference_or_name_appears_in_any_tracking_address(client, case, ask_for_code):
    response = ask_for_code(case.reference)
    assert case.reference not in response.url
    assert Representation.objects.count() == 1


def test_a_refused_file_keeps_what_the_person_wrote(client, case, ask_for_code):
    ask_for_code(case.reference)
    client.post("/track/code/", {"code": emailed_code()})
    words = "The agency's letter is attached, and they never visited on the 4th."
    macros = SimpleUploadedFile("letter.docx", samples.macro_word_document())
    page = client.post("/track/case/", {"text": words, "file": macros}).content.decode()
    assert "The selected file contains macros" in page and 'class="govuk-error-summary' in page
    assert "The agency&#x27;s letter is attached, and they never visited on the 4th." in page
    assert not Attachment.objects.exists() and not Contribution.objects.exists()
