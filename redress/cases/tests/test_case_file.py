"""The case file: the contact log and case notes, documents staff add, and who may add them."""

import datetime as dt

import pytest
from auditlog.models import LogEntry
from django.core.files.uploadedfile import SimpleUploadedFile

from redress.audit.trail import history_for_case
from redress.cases import workflow
from redress.cases.casefile import may_add_to
from redress.cases.models import Contact, ContactKind, Kind, Representation
from redress.intake.models import Attachment, Scan
from redress.learning.models import LearningAction

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def contact(**overrides):
    return {
        "kind": "call",
        "direction": "in",
        "with_whom": "Mrs Adeyemi, the complainant",
        "date_day": "12",
        "date_month": "6",
        "date_year": "2026",
        "time": "2:30pm",
        "summary": "Asked when the care review will happen.",
        **overrides,
    }


@pytest.fixture
def people(administrator, officer, investigator, manager, link_officer, reporter, make_user):
    return {
        "administrator": administrator,
        "complaints officer": officer,
        "its investigating officer": investigator,
        "manager of its service area": manager,
        "link officer": link_officer,
        "reporting": reporter,
        "another investigating officer": make_user("otto", "investigating_officer"),
        "another manager": make_user("max", "manager"),
    }


@pytest.fixture
def case(make_case, area, people):
    service_area = area("Adult Services > Mental Health", manager=people["manager of its service area"])
    return make_case(service_area=service_area, investigating_officer=people["its investigating officer"])


MAY_ADD = {"administrator", "complaints officer", "its investigating officer", "manager of its service area"}


def test_those_handling_a_case_may_add_to_its_file_and_no_one_else(client, case, people):
    for name, person in people.items():
        client.force_login(person)
        wrote = client.post(f"/cases/{case.reference}/contacts/add/", contact(summary=f"By {name}"))
        uploaded = client.post(
            f"/cases/{case.reference}/documents/add/",
            {"description": f"By {name}", "file": SimpleUploadedFile("notes.pdf", PDF)},
        )
        learned = client.get(f"/learning/cases/{case.reference}/add/")
        allowed = name in MAY_ADD
        assert may_add_to(person, case) is allowed, name
        assert (wrote.status_code, uploaded.status_code, learned.status_code) == (
            (302, 302, 200) if allowed else (404, 404, 404)
        ), name
        assert Contact.objects.filter(case=case, summary=f"By {name}").exists() is allowed, name
        assert Attachment.objects.filter(case=case, description=f"By {name}").exists() is allowed, name


def test_an_investigating_officer_adds_a_learning_action_to_their_own_case(client, case, people):
    officer = people["its investigating officer"]
    client.force_login(officer)
    page = client.get(case.get_absolute_url()).content.decode()
    assert "Add a learning action" in page
    assert "Record why there is no learning action" not in page  # still a complaints officer's decision

    response = client.post(
        f"/learning/cases/{case.reference}/add/",
        {
            "what_will_change": "Book care reviews within a week of a complaint",
            "level": "team",
            "kind": "practice",
            "owner": officer.pk,
            "due_day": "31",
            "due_month": "7",
            "due_year": "2026",
        },
    )

    assert response.status_code == 302
    assert LearningAction.objects.get(case=case).created_by == officer


def test_a_contact_is_logged_shown_in_date_order_and_in_the_timeline(client, case, officer):
    workflow.acknowledge(case, by=officer, date=dt.date(2026, 3, 4))
    client.force_login(officer)
    client.post(f"/cases/{case.reference}/contacts/add/", contact())
    client.post(
        f"/cases/{case.reference}/contacts/add/",
        contact(kind="meeting", direction="", with_whom="Ms Brennan, advocate", date_day="3", date_month="3",
                time="", summary="Met to agree the complaint's points."),
    )  # fmt: skip

    first, second = Contact.objects.filter(case=case)
    assert (first.kind, first.date, first.time) == ("meeting", dt.date(2026, 3, 3), None)
    assert (second.kind, second.direction, second.time, second.recorded_by) == (
        "call",
        "in",
        dt.time(14, 30),
        officer,
    )

    page = client.get(case.get_absolute_url()).content.decode()
    log = page[page.index('id="contacts"') :]
    assert log.index("Met to agree") < log.index("Asked when the care review")
    assert "Phone call, from them to us" in log and "14:30" in log
    timeline = page[page.index('id="timeline"') : page.index("</table>", page.index('id="timeline"'))]
    # The meeting on 3 March comes before the acknowledgement on 4 March, the call on 12 June after.
    assert timeline.index("Meeting") < timeline.index("Acknowledged") < timeline.index("Phone call")
    assert "Ms Brennan, advocate: Met to agree the complaint" in timeline


def test_each_contact_is_on_the_audit_trail(client, case, officer):
    client.force_login(officer)
    client.post(f"/cases/{case.reference}/contacts/add/", contact())
    entry = history_for_case(case).filter(action=LogEntry.Action.CREATE).first()
    assert entry.actor == officer
    assert entry.object_repr == "Phone call on 12 June 2026"


def test_a_case_note_needs_no_one_to_be_with_but_a_call_does(client, case, officer):
    client.force_login(officer)
    refused = client.post(f"/cases/{case.reference}/contacts/add/", contact(with_whom=""))
    assert "Enter who the contact was with" in refused.content.decode()

    response = client.post(
        f"/cases/{case.reference}/contacts/add/",
        contact(kind="note", with_whom="", direction="out", summary="Waiting for the care plan from the team."),
    )
    assert response.status_code == 302
    note = Contact.objects.get(case=case)
    assert (note.kind, note.direction, note.get_kind_display()) == (ContactKind.NOTE, "", "Case note")


@pytest.mark.parametrize(
    ("answers", "message"),
    [
        ({"kind": ""}, "Select what it was"),
        ({"summary": ""}, "Enter a summary"),
        ({"date_day": "16"}, "Date must be today or in the past"),
        ({"date_day": "31", "date_month": "2"}, "Date must be a real date"),
        ({"time": "25:61"}, "Time must be a real time, like 14:30 or 2:30pm"),
    ],
)
def test_a_wrong_answer_in_the_contact_log_is_named(client, case, officer, answers, message):
    client.force_login(officer)
    response = client.post(f"/cases/{case.reference}/contacts/add/", contact(**answers))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Contact.objects.exists()


def test_a_document_staff_add_is_checked_kept_and_shown_with_who_added_it(client, case, investigator):
    client.force_login(investigator)
    response = client.post(
        f"/cases/{case.reference}/documents/add/",
        {"description": "Care plan, March 2026", "file": SimpleUploadedFile("care-plan.pdf", PDF)},
    )
    assert response.status_code == 302
    document = Attachment.objects.get(case=case)
    assert (document.content_type, document.scan, document.uploaded_by) == (
        "application/pdf",
        Scan.NOT_SCANNED,
        investigator,
    )
    assert document.file.open("rb").read() == PDF

    page = client.get(case.get_absolute_url()).content.decode()
    assert "Care plan, March 2026" in page and f"by {investigator}" in page
    download = client.get(f"/case-files/{case.reference}/{document.pk}/")
    assert b"".join(download.streaming_content) == PDF


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("script.pdf", b"#!/bin/sh\necho hello\n", "The selected file must be a PDF, Word document, JPG, PNG or text file"),
        ("empty.pdf", b"", "The selected file is empty"),
    ],
)  # fmt: skip
def test_a_refused_file_gets_the_same_words_as_the_publics(client, case, officer, name, content, message):
    client.force_login(officer)
    response = client.post(
        f"/cases/{case.reference}/documents/add/",
        {"description": "Something", "file": SimpleUploadedFile(name, content)},
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Attachment.objects.exists()


def test_a_file_with_a_virus_is_refused(client, case, officer, settings, tmp_path):
    settings.ATTACHMENT_SCANNER = "redress.cases.tests.test_case_file.infected"
    client.force_login(officer)
    response = client.post(
        f"/cases/{case.reference}/documents/add/",
        {"description": "Photos", "file": SimpleUploadedFile("photo.pdf", PDF)},
    )
    assert "The selected file contains a virus" in response.content.decode()
    assert not Attachment.objects.exists()
    assert not [path for path in (tmp_path / "media").rglob("*") if path.is_file()]


def infected(path):
    return "infected"


def test_a_non_complaint_has_a_contact_log_too(client, make_case, officer):
    enquiry = make_case(kind=Kind.ENQUIRY)
    client.force_login(officer)
    response = client.post(f"/cases/{enquiry.reference}/contacts/add/", contact(kind="email", direction="out"))
    assert response.status_code == 302
    assert "Email, from us to them" in client.get(enquiry.get_absolute_url()).content.decode()


# The old free-text chronology moves into the contact log.


@pytest.mark.django_db(transaction=True)
def test_the_migration_moves_each_chronology_into_the_contact_log():
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    executor.migrate([("cases", "0008_report_1_1")])
    old = executor.loader.project_state([("cases", "0008_report_1_1")]).apps
    Old = old.get_model("cases", "Representation")
    with_text = Old.objects.create(reference="ASC-1", kind="complaint", received=dt.date(2025, 11, 3),
                                   chronology="3 Nov: phoned.\n5 Nov: visited.")  # fmt: skip
    Old.objects.create(reference="ASC-2", kind="complaint", received=dt.date(2025, 11, 4), chronology="  ")

    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())

    case = Representation.objects.get(reference="ASC-1")
    note = Contact.objects.get()
    assert (note.case, note.kind, note.date) == (case, ContactKind.NOTE, dt.date(2025, 11, 3))
    assert note.summary == "Chronology brought over:\n\n3 Nov: phoned.\n5 Nov: visited."
    assert not Contact.objects.filter(case__reference="ASC-2").exists()
    assert "chronology" not in {field.name for field in Representation._meta.get_fields()}
    assert with_text.pk == case.pk
