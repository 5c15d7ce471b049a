"""A subject access bundle: found, chosen, prepared in the background and downloaded as a zip
whose PDF index lists what is held, with the files and letters themselves, other people's
details withheld or flagged for redaction review."""

import datetime as dt
import hashlib
import io
import re
import zipfile

import pytest
from auditlog.models import LogEntry
from django.core.files.base import ContentFile
from pypdf import PdfReader

from redress.cases.findings import record_findings
from redress.cases.models import Concern, PanelMember
from redress.configuration.models import Lookup, LookupList
from redress.correspondence.letters import produce_letter
from redress.information_rights.models import Bundle, InformationRequest
from redress.intake.models import Attachment
from redress.ombudsman import workflow
from redress.ombudsman.models import Document
from redress.procedures.models import Procedure
from redress.tasks.models import Task

STATEMENT = b"%PDF-1.4\n% Jane's statement\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
OMBUDSMAN_LETTER = b"%PDF-1.4\n% The Ombudsman's letter\ntrailer<<>>\n%%EOF\n"


def stored(model, data: bytes, name: str, **owner):
    return model.objects.create(
        file=ContentFile(data, name="upload"),
        name=name,
        content_type="application/pdf",
        size=len(data),
        sha256=hashlib.sha256(data).hexdigest(),
        scan="clean",
        **owner,
    )


@pytest.fixture
def held(make_case, person, jane, officer, client):
    """Jane's complaint, made for her by her son Tom, with a letter, a file and an Ombudsman case."""
    tom = person("Tom", "Brown", email="tom.brown@example.org", phone="07700 900123", address="1 High Street")
    case = make_case(complainant=tom, service_user=jane, summary="Tom Brown says his mother Jane missed three visits.")
    letter = produce_letter(case, "acknowledgement", officer)
    attachment = stored(Attachment, STATEMENT, "Jane's statement.pdf", case=case)
    ombudsman = workflow.open_case(
        reference="25 000 111", procedure=Procedure.objects.get(code="adult"), received=dt.date(2026, 4, 1)
    )
    ombudsman.complaints.add(case)
    document = stored(Document, OMBUDSMAN_LETTER, "enquiry.pdf", case=ombudsman, kind="ombudsman_letter")
    category = Lookup.objects.of(LookupList.CONCERN_CATEGORY).top_level().first()
    missed = Concern.objects.create(representation=case, category=category, description="Missed visits")
    findings = {missed.pk: ("upheld", "Three visits were missed in May.")}
    record_findings(case, 1, findings, "The rota showed three visits were missed.")
    PanelMember.objects.create(case=case, name="Priya Shah", role="Independent person", chair=True)
    Task.objects.create(
        case=case, what="Ring about the new rota", due=dt.date(2026, 6, 30), assigned_to=officer, created_by=officer
    )
    tom.phone = "07700 900999"
    tom.save()  # a change to another person's details, on the case's audit trail
    client.force_login(officer)
    client.get(case.get_absolute_url())  # "Viewed the case"
    item = InformationRequest.objects.create(
        kind="access",
        requester_name="Jane Smith",
        first_name="Jane",
        last_name="Smith",
        email="jane.smith@example.org",
        received=dt.date(2026, 6, 1),
    )
    return {"case": case, "letter": letter, "attachment": attachment, "document": document, "request": item}


def test_the_bundle_holds_an_index_the_files_and_the_letters_with_others_details_flagged(client, officer, held):
    item, case = held["request"], held["case"]
    search = client.get(f"/information-requests/{item.pk}/search/").content.decode()
    assert case.reference in search and "Strong" in search
    client.post(f"/information-requests/{item.pk}/search/", {"cases": [str(case.pk)]})
    assert list(item.cases.values_list("case_reference", flat=True)) == [case.reference]

    client.post(f"/information-requests/{item.pk}/bundles/")  # run at once by the test task backend
    bundle = Bundle.objects.get()
    assert bundle.status == "ready" and bundle.items_done == bundle.items_total == 4
    page = client.get(item.get_absolute_url()).content.decode()
    assert "Download the bundle" in page and bundle.sha256 in page

    response = client.get(f"/information-requests/{item.pk}/bundles/{bundle.pk}/download/")
    assert response.status_code == 200 and "no-store" in response["Cache-Control"]
    assert response["Content-Disposition"] == f'attachment; filename="information-request-{item.number}.zip"'
    data = b"".join(response.streaming_content)
    assert hashlib.sha256(data).hexdigest() == bundle.sha256
    archive = zipfile.ZipFile(io.BytesIO(data))
    ref = case.reference
    assert archive.read(f"files/{ref}/01-Jane_s statement.pdf") == STATEMENT
    assert archive.read("files/ombudsman-25 000 111/01-enquiry.pdf") == OMBUDSMAN_LETTER
    with held["letter"].pdf.open("rb") as letter:
        assert archive.read(f"letters/{ref}/01-acknowledgement.pdf") == letter.read()

    index = PdfReader(io.BytesIO(archive.read("index.pdf")))
    text = " ".join(" ".join(page.extract_text() for page in index.pages).split())
    assert "Information held about Jane Smith" in text and f"Case {ref}" in text
    assert "jane.smith@example.org" in text and "1 April 1980" in text  # hers, in full
    assert "Ombudsman case 25 000 111" in text and "enquiry.pdf" in text
    squeezed = "".join(text.split())  # long names wrap in the table's cells
    assert f"letters/{ref}/01-acknowledgement.pdf" in squeezed and hashlib.sha256(STATEMENT).hexdigest() in squeezed
    assert "Viewed the case" in text and "Olivia Okafor" in text  # who looked at it
    assert "What the stage 1 investigation found The rota showed three visits were missed." in text
    assert "Stage 1 finding on:" in text and "Upheld Three visits were missed in May." in text
    assert "Task (due 30 June 2026) Ring about the new rota" in text
    assert "Review panel member: names Priya Shah" in text  # another person, flagged for redaction
    # Tom's details are withheld; what names him is flagged.
    assert "tom.brown@example.org" not in text and "07700" not in text and "High Street" not in text
    assert "For redaction review" in text and "Summary: names Tom Brown" in text
    assert "Made the complaint (another person): their details are withheld" in text
    assert "a change to another person's details, withheld" in text
    # The case's own entry names him (a page may break inside its row).
    assert re.search(r"Case created For redaction .{0,200}?review: names Tom Brown", text)

    downloaded = LogEntry.objects.get(action=LogEntry.Action.ACCESS, content_type__model="bundle")
    assert downloaded.actor == officer and downloaded.object_id == bundle.pk


def test_a_bundle_only_downloads_for_its_own_request_and_for_the_complaints_team(client, officer, manager, held):
    item = held["request"]
    client.post(f"/information-requests/{item.pk}/search/", {"cases": [str(held["case"].pk)]})
    client.post(f"/information-requests/{item.pk}/bundles/")
    bundle = Bundle.objects.get()
    other = InformationRequest.objects.create(kind="access", requester_name="X", last_name="X", received=item.received)
    assert client.get(f"/information-requests/{other.pk}/bundles/{bundle.pk}/download/").status_code == 404
    client.force_login(manager)
    assert client.get(f"/information-requests/{item.pk}/bundles/{bundle.pk}/download/").status_code == 404
