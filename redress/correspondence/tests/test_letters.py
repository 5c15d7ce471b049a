"""Letters from the council's templates, kept on the case as Word and PDF files."""

import io

import pytest
from docx import Document
from pypdf import PdfReader

from redress.cases import workflow
from redress.cases.models import Person
from redress.correspondence.letters import escalation_text, merge, merge_fields, produce_letter
from redress.correspondence.models import LetterTemplate


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def case(make_case, investigator):
    complainant = Person.objects.create(
        first_name="Priya", last_name="Hartley", address="1 Mill Lane", postcode="NB1 2AA"
    )
    made = make_case(
        procedure="children", complainant=complainant, service_user=complainant, investigating_officer=investigator
    )
    workflow.recompute(made)
    made.save()
    return made


def test_every_merge_field_is_filled_from_the_case(case):
    values = merge_fields(case)
    text = merge("{{ complainant_name }} {{ reference }} {{ received }} {{ procedure }} {{ due_date }}", values)
    assert text == f"Priya Hartley {case.reference} 2 March 2026 Children's social care {case.due:%-d %B %Y}"


def test_the_escalation_text_follows_the_procedure_and_stage(case, make_case):
    assert "ask for your complaint to go to stage 2 (investigation) within 20 working days" in escalation_text(case)
    case.stage = 3
    assert "Local Government and Social Care Ombudsman" in escalation_text(case)
    assert "stage" not in escalation_text(case).split("ask")[0]
    adult = make_case(procedure="adult")
    assert escalation_text(adult).startswith("If you are not satisfied with this response, you can ask the Local")


def test_a_response_letter_is_produced_as_word_and_pdf_with_the_way_to_the_ombudsman(case, officer):
    letter = produce_letter(case, "response", officer)
    word = Document(io.BytesIO(letter.word.read()))
    text = "\n".join(p.text for p in word.paragraphs)
    assert f"Our reference: {case.reference}" in text and "www.lgo.org.uk" in text
    assert "stage 2" in text
    pdf = "".join(page.extract_text() for page in PdfReader(io.BytesIO(letter.pdf.read())).pages)
    assert case.reference in pdf and "Priya Hartley" in pdf


def test_a_template_with_an_unknown_field_or_without_the_escalation_is_refused(client, officer):
    template = LetterTemplate.objects.get(kind="response", procedure=None)
    client.force_login(officer)
    page = client.post(
        f"/letters/templates/{template.pk}/",
        {
            "subject": "Reply {{ refrence }}",
            "body": "Dear {{ complainant_name }}",
        },
    ).content.decode()
    assert "Unknown merge field: refrence" in page
    assert "This letter must include {{ next_steps }}" in page
    template.refresh_from_db()
    assert "{{ next_steps }}" in template.body


def test_officer_produces_a_letter_and_downloads_it(client, officer, case):
    client.force_login(officer)
    response = client.post(f"/letters/cases/{case.reference}/new/", {"kind": "acknowledgement"})
    assert response.status_code == 302
    letter = case.letters.get()
    download = client.get(f"/letters/{letter.pk}/pdf/")
    assert download.status_code == 200 and b"".join(download.streaming_content).startswith(b"%PDF")
    assert "Acknowledgement letter" in client.get(case.get_absolute_url()).content.decode()


def test_letters_are_only_for_those_who_can_see_the_case(client, officer, investigator, make_case):
    other = make_case(procedure="adult")
    letter = produce_letter(other, "acknowledgement", officer)
    client.force_login(investigator)
    assert client.get(f"/letters/{letter.pk}/pdf/").status_code == 404
    assert client.post(f"/letters/cases/{other.reference}/new/", {"kind": "closure"}).status_code == 404
    client.logout()
    assert client.get(f"/letters/{letter.pk}/docx/").status_code == 302


def test_a_letter_uses_the_default_wording_when_the_template_was_removed(case, officer):
    LetterTemplate.objects.all().delete()
    letter = produce_letter(case, "closure", officer)
    assert "is now closed" in letter.subject and "Ombudsman" in letter.text
