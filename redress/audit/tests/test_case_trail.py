"""A case's audit trail lists everything recorded about it, in words a complaints officer reads."""

import datetime as dt
import re

import pytest
import time_machine
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

from redress.audit.readable import readable
from redress.audit.trail import history_for_case
from redress.cases import workflow
from redress.cases.models import Person, Representation
from redress.correspondence.letters import produce_letter
from redress.intake.tests.helpers import PDF, daughter_for_mother, fill_in
from redress.ombudsman.models import OmbudsmanCase
from redress.procedures.models import Procedure

from .pages import entry, trail, trail_text

pytestmark = pytest.mark.django_db

# 20 March 2026, midday in London.
NOW = dt.datetime(2026, 3, 20, 12, tzinfo=dt.UTC)


@pytest.fixture(autouse=True)
def _frozen():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def sam(make_user):
    return make_user("sam", "investigating_officer", first_name="Sam", last_name="Patel")


def case_page(client, officer, case) -> str:
    client.force_login(officer)
    return client.get(case.get_absolute_url()).content.decode()


def assert_no_codes(page: str) -> None:
    """No object representations, primary keys or raw field names in place of words."""
    text = trail_text(page)
    assert "None" not in text and ".None" not in text
    assert not re.search(r"\bID\b", text)
    assert "stage1" not in text and "_" not in text


def test_a_document_sent_with_the_online_form_is_on_the_case_trail(client, officer, django_capture_on_commit_callbacks):
    fill_in(client, daughter_for_mother(), files=[("care rota.pdf", PDF)])
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/feedback/check-your-answers/", {"website": ""})
    case = Representation.objects.get()

    page = case_page(client, officer, case)
    document = entry(page, "Document added: care rota.pdf")
    assert document["who"] == "The person, online"
    assert ("File name", "", "care rota.pdf") in document["changes"]
    assert ("Type of file", "", "application/pdf") in document["changes"]
    created = entry(page, "Case created")
    assert ("Method", "", "Online form") in created["changes"]
    assert ("Complainant", "", "Susan Hughes") in created["changes"]
    assert ("Date received", "", "20 March 2026") in created["changes"]
    assert_no_codes(page)


def test_information_and_a_document_added_through_track_your_case_are_on_the_trail(
    client, officer, make_case, django_capture_on_commit_callbacks
):
    person = Person.objects.create(first_name="Susan", last_name="Hughes", email="susan.hughes@example.com")
    case = make_case(complainant=person, service_user=person, received=dt.date(2026, 3, 2))
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/track/", {"reference": case.reference, "email": "susan.hughes@example.com"})
    code = re.search(r"\b(\d{6})\b", mail.outbox[-1].body).group(1)
    client.post("/track/code/", {"code": code})
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            "/track/case/",
            {"text": "Here is the letter from the agency.", "file": SimpleUploadedFile("agency.pdf", PDF)},
        )

    page = case_page(client, officer, case)
    added = entry(page, "Information added through Track your case")
    assert added["who"] == "The person, online"
    assert added["changes"] == [("Information", "", "Here is the letter from the agency.")]
    document = entry(page, "Document added: agency.pdf")
    assert ("Sent with", "", "Information added on 20 March 2026") in document["changes"]
    assert_no_codes(page)


def test_a_contact_restriction_on_the_complainant_is_on_the_trail_of_each_of_their_cases(client, officer, make_case):
    person = Person.objects.create(first_name="Rex", last_name="Persistent")
    first, second = make_case(complainant=person), make_case(complainant=person)
    client.force_login(officer)
    client.post(
        f"/cases/{first.reference}/restrict-contact/",
        {
            "terms": "One named officer, by email only",
            **{"starts_day": 1, "starts_month": 3, "starts_year": 2026},
            **{"review_day": 1, "review_month": 9, "review_year": 2026},
        },
    )

    for case in (first, second):
        page = case_page(client, officer, case)
        restriction = entry(page, "Contact restriction added")
        assert restriction["who"] == "Olivia Okafor"
        assert ("Person", "", "Rex Persistent") in restriction["changes"]
        assert ("What contact is allowed", "", "One named officer, by email only") in restriction["changes"]
        assert ("Review by", "", "1 September 2026") in restriction["changes"]
        assert_no_codes(page)
    assert "Contact restriction" not in trail_text(case_page(client, officer, make_case()))


def test_a_learning_action_is_on_the_trail_with_its_owner_and_due_date(client, officer, investigator, make_case):
    case = make_case()
    client.force_login(officer)
    client.post(
        f"/learning/cases/{case.reference}/add/",
        {
            "what_will_change": "Brief the team on care package delays",
            "level": "team",
            "kind": "training",
            "owner": investigator.pk,
            **{"due_day": 30, "due_month": 4, "due_year": 2026},
        },
    )

    page = case_page(client, officer, case)
    action = entry(page, "Learning action added: Brief the team on care package delays")
    assert action["who"] == "Olivia Okafor"
    assert ("Owner", "", "Ian Iqbal") in action["changes"]
    assert ("Due date", "", "30 April 2026") in action["changes"]
    assert ("Type of action", "", "Training or briefing") in action["changes"]
    assert ("Level", "", "Team") in action["changes"]
    assert_no_codes(page)


def test_a_reallocation_names_both_officers(client, officer, investigator, sam, make_case):
    case = make_case(investigating_officer=investigator, received=dt.date(2026, 3, 2))
    workflow.recompute(case)
    case.save()
    client.force_login(officer)
    response = client.post(
        f"/cases/{case.reference}/allocate/",
        {"officer": sam.pk, "date_day": 19, "date_month": 3, "date_year": 2026},
    )
    assert response.status_code == 302

    page = case_page(client, officer, case)
    changed = trail(page)[1]  # the newest entry is this view of the page
    assert (changed["who"], changed["what"]) == ("Olivia Okafor", "Case changed")
    assert ("Investigating officer", "Ian Iqbal", "Sam Patel") in changed["changes"]
    assert ("Stage 1 handled by", "(blank)", "Sam Patel") in changed["changes"]
    assert_no_codes(page)


def test_a_letter_and_a_link_from_the_ombudsman_are_on_the_trail(client, officer, make_case):
    case = make_case()
    produce_letter(case, "acknowledgement", officer)
    ombudsman = OmbudsmanCase.objects.create(
        reference="25 001 484", procedure=Procedure.objects.get(code="adult"), received=dt.date(2026, 3, 10)
    )
    ombudsman.complaints.add(case)

    page = case_page(client, officer, case)
    letter = entry(page, "Letter produced: Acknowledgement letter, 20 March 2026")
    assert ("Produced by", "", "Olivia Okafor") in letter["changes"]
    linked = entry(page, "Ombudsman case changed: 25 001 484")
    assert linked["changes"] == [("The council's complaints", "", f"Added: {case.reference}")]
    assert_no_codes(page)


def test_the_trail_takes_as_many_queries_for_many_entries_as_for_a_few(officer, investigator, sam, make_case):
    def queries_for_trail_after(reallocations: int) -> int:
        case = make_case(investigating_officer=investigator)
        for n in range(reallocations):
            workflow.allocate(case, by=officer, date=case.received, officer=(sam, investigator)[n % 2])
            case.save()
        with CaptureQueriesContext(connection) as queries:
            entries = readable(history_for_case(case)[:200], case)
        assert len(entries) == reallocations + 1
        return len(queries)

    assert queries_for_trail_after(40) == queries_for_trail_after(2)
