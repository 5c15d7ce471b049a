"""Who may see and change an Ombudsman case, its remedies and documents, and the errors the
link officer's forms give."""

import datetime as dt
import io

import pytest
from auditlog.models import LogEntry
from django.core.files.uploadedfile import SimpleUploadedFile

from redress.intake.tests import samples
from redress.ombudsman import workflow
from redress.ombudsman.models import Decision, Document, OmbudsmanCase, OmbudsmanSettings, Recommendation
from redress.procedures.models import Procedure

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def case(db):
    case = workflow.open_case(
        reference="25 004 004", procedure=Procedure.objects.get(code="adult"), received=dt.date(2026, 1, 5)
    )
    workflow.record_decision(case, Decision.UPHELD_INJUSTICE, dt.date(2026, 3, 2))
    return case


@pytest.fixture
def remedy(case, manager):
    return Recommendation.objects.create(case=case, kind="apology", owner=manager, due=dt.date(2026, 3, 30))


def test_only_the_link_officer_and_complaints_team_open_the_ombudsman_pages(
    client, case, link_officer, officer, investigator, reporter
):
    for user, status in [(link_officer, 200), (officer, 200), (investigator, 404), (reporter, 404)]:
        client.force_login(user)
        assert client.get("/ombudsman/").status_code == status
        assert client.get(case.get_absolute_url()).status_code == status
        assert client.get(f"/ombudsman/{case.pk}/decision/").status_code == status
    client.logout()
    assert client.get(case.get_absolute_url()).url.startswith("/account/sign-in/")


def test_a_remedy_owner_sees_the_case_and_records_only_what_was_done(client, case, remedy, manager, make_user):
    client.force_login(manager)
    page = client.get(case.get_absolute_url()).content.decode()
    assert "Record progress" in page and "Record the final decision" not in page
    form = client.get(f"/ombudsman/{case.pk}/remedies/{remedy.pk}/").content.decode()
    assert 'name="completed_day"' in form and 'name="owner"' not in form and 'name="amount"' not in form
    response = client.post(
        f"/ombudsman/{case.pk}/remedies/{remedy.pk}/",
        {
            "completed_day": "1",
            "completed_month": "4",
            "completed_year": "2026",
            "evidence": "Letter sent",
            "accepted": "",
            "kind": "payment",  # not theirs to change: ignored
        },
    )
    assert response.status_code == 302
    remedy.refresh_from_db()
    assert (remedy.completed, remedy.evidence, remedy.kind, remedy.late) == (
        dt.date(2026, 4, 1),
        "Letter sent",
        "apology",
        True,
    )
    assert client.get(f"/ombudsman/{case.pk}/remedies/add/").status_code == 404
    # Another manager owns nothing here and sees nothing.
    client.force_login(make_user("other", "manager"))
    assert client.get(case.get_absolute_url()).status_code == 404
    assert client.get(f"/ombudsman/{case.pk}/remedies/{remedy.pk}/").status_code == 404


def test_a_payment_needs_its_amount_and_nothing_is_saved_without_it(client, case, link_officer, manager):
    client.force_login(link_officer)
    response = client.post(
        f"/ombudsman/{case.pk}/remedies/add/",
        {"kind": "payment", "owner": manager.pk, "due_day": "30", "due_month": "3", "due_year": "2026"},
    )
    assert response.status_code == 200
    assert "Enter the amount the Ombudsman asked us to pay" in response.content.decode()
    assert not Recommendation.objects.exists()


def test_adding_a_case_names_a_complaint_reference_that_does_not_exist(client, link_officer, make_case):
    make_case(reference="ASC-2026-00001")
    client.force_login(link_officer)
    response = client.post(
        "/ombudsman/new/",
        {
            "reference": "26 000 001",
            "procedure": Procedure.objects.get(code="adult").pk,
            "complaint_references": "ASC-2026-00001, ASC-2026-09999",
            "received_day": "2",
            "received_month": "11",
            "received_year": "2026",
        },
    )
    assert "There is no complaint with the reference ASC-2026-09999" in response.content.decode()
    assert not OmbudsmanCase.objects.exists()


def test_a_decision_already_recorded_is_not_overwritten(client, case, link_officer):
    client.force_login(link_officer)
    response = client.post(
        f"/ombudsman/{case.pk}/decision/",
        {"decision": "not_upheld", "decided_day": "3", "decided_month": "3", "decided_year": "2026"},
    )
    assert "The final decision is already recorded" in response.content.decode()
    case.refresh_from_db()
    assert case.decision == Decision.UPHELD_INJUSTICE


def test_documents_are_checked_stored_and_downloaded_with_an_audit_entry(client, case, link_officer, officer):
    client.force_login(link_officer)
    letter = SimpleUploadedFile("draft-decision.pdf", PDF, content_type="application/pdf")
    response = client.post(f"/ombudsman/{case.pk}/documents/", {"kind": "ombudsman_letter", "file": letter})
    assert response.status_code == 302
    document = Document.objects.get()
    assert (document.name, document.kind, document.uploaded_by) == (
        "draft-decision.pdf",
        "ombudsman_letter",
        link_officer,
    )
    assert "draft-decision" not in document.file.name  # stored under a random name
    client.force_login(officer)
    download = client.get(f"/ombudsman/{case.pk}/documents/{document.pk}/")
    assert b"".join(download.streaming_content) == PDF
    assert download["Content-Disposition"].startswith("attachment")
    assert LogEntry.objects.filter(action=LogEntry.Action.ACCESS, actor=officer, object_pk=str(document.pk)).exists()


def test_a_document_with_a_launch_action_is_flagged_before_anyone_opens_it(client, case, link_officer):
    client.force_login(link_officer)
    statement = samples.pdf(b"<< /S /Launch /F (cmd.exe) >>")
    client.post(
        f"/ombudsman/{case.pk}/documents/", {"kind": "ombudsman_letter", "file": SimpleUploadedFile("s.pdf", statement)}
    )
    document = Document.objects.get()
    warning = "This PDF contains actions that start other programs. Open it only in your web browser"
    assert warning in client.get(case.get_absolute_url()).content.decode()
    assert warning in client.get(f"/ombudsman/{case.pk}/documents/{document.pk}/").content.decode()
    confirmed = client.get(f"/ombudsman/{case.pk}/documents/{document.pk}/?confirmed=1")
    assert b"".join(confirmed.streaming_content) == statement


def test_a_program_renamed_as_a_letter_is_refused(client, case, link_officer):
    client.force_login(link_officer)
    program = SimpleUploadedFile("statement.pdf", b"MZ\x90\x00" + b"\x00" * 200, content_type="application/pdf")
    response = client.post(f"/ombudsman/{case.pk}/documents/", {"kind": "council_statement", "file": program})
    assert "The selected file must be a PDF, Word document, JPG, PNG or text file" in response.content.decode()
    assert not Document.objects.exists()


def test_our_deadline_may_not_be_later_than_the_ombudsmans(client, link_officer):
    client.force_login(link_officer)
    data = {
        name: getattr(OmbudsmanSettings.current(), name)
        for name in ["enquiry_days", "enquiry_internal_days", "investigation_days", "draft_decision_days"]
    }
    data |= {"investigation_internal_days": 25, "draft_decision_internal_days": 8, "remedy_days": 20}
    data |= {"reminder_days": 5, "peer_group": "chosen", "peers": ""}
    response = client.post("/ombudsman/settings/", data)
    page = response.content.decode()
    assert "Our own deadline must not be later than the Ombudsman&#x27;s" in page
    assert "List the councils to compare with, one a line" in page
    assert OmbudsmanSettings.current().investigation_internal_days == 18


def test_a_malformed_statistics_file_is_explained_and_nothing_is_imported(client, link_officer):
    client.force_login(link_officer)
    upload = SimpleUploadedFile("stats.csv", b"council,received\nExample Council,10\n")
    response = client.post("/ombudsman/benchmarking/", {"year": "2025", "file": upload})
    assert "The file has no upheld, not_upheld columns" in response.content.decode()
    binary = SimpleUploadedFile("stats.csv", io.BytesIO(b"\x00\x01\x02" * 50).read())
    response = client.post("/ombudsman/benchmarking/", {"year": "2025", "file": binary})
    assert "is not a CSV or XLSX file" in response.content.decode()


def test_referring_back_opens_the_new_complaint_and_cannot_be_done_twice(client, link_officer):
    case = workflow.open_case(
        reference="25 005 005", procedure=Procedure.objects.get(code="adult"), received=dt.date(2026, 1, 5)
    )
    client.force_login(link_officer)
    assert (
        "The Ombudsman found the complaint premature"
        in client.get(f"/ombudsman/{case.pk}/refer-back/").content.decode()
    )
    date = {"referred_day": "6", "referred_month": "1", "referred_year": "2026"}
    response = client.post(f"/ombudsman/{case.pk}/refer-back/", date)
    assert response.url == case.complaints.get().get_absolute_url()
    again = client.post(f"/ombudsman/{case.pk}/refer-back/", date)
    assert "The Ombudsman has already decided this case" in again.content.decode()
    assert case.complaints.count() == 1


def test_a_remedy_recorded_on_screen_counts_by_its_type_in_the_report(client, case, link_officer, manager):
    from redress.ombudsman.figures import summarise
    from redress.ombudsman.models import OmbudsmanCase

    client.force_login(link_officer)
    response = client.post(
        f"/ombudsman/{case.pk}/remedies/add/",
        {"kind": "apology", "owner": manager.pk, "due_day": "30", "due_month": "3", "due_year": "2026"},
    )
    assert response.status_code == 302
    assert summarise(OmbudsmanCase.objects.filter(pk=case.pk))["remedies_by_type"] == {"Apology": 1}
