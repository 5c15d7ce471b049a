"""Choosing the words of a compliment the annual report may quote, with the person's consent."""

import datetime as dt

import pytest

from redress.audit.tests.pages import trail
from redress.cases.models import Kind, Representation

NOW = dt.datetime(2026, 3, 20, 12, tzinfo=dt.UTC)
# As the page posts it: the form has nothing to fill in but its security token.
WITHDRAW = {"csrfmiddlewaretoken": "token"}
CONFIRMED = {"quote": "  The carers made my mother feel at home.  ", "confirmed": "on"}

pytestmark = pytest.mark.time_machine(NOW, tick=False)


@pytest.fixture
def compliment(make_case):
    return make_case(kind=Kind.COMPLIMENT, summary="Mrs Jones thanked Sam on Ward 4 for the care of her mother.")


def test_officer_chooses_words_and_the_case_records_who_approved_them(client, officer, compliment):
    client.force_login(officer)
    page = client.get(compliment.get_absolute_url()).content.decode()
    assert "Not approved: the report does not quote this compliment" in page
    assert f"/cases/{compliment.reference}/quote/" in page

    response = client.post(f"/cases/{compliment.reference}/quote/", CONFIRMED)

    assert response.status_code == 302
    compliment.refresh_from_db()
    assert compliment.quote == "The carers made my mother feel at home."
    assert (compliment.quote_approved_by, compliment.quote_approved) == (officer, NOW)
    page = client.get(compliment.get_absolute_url()).content.decode()
    assert "By Olivia Okafor on 20 March 2026: the report may quote these words" in page


def test_the_form_starts_from_the_words_already_written(client, officer, make_case):
    case = make_case(kind=Kind.COMPLIMENT, quote="Kind and patient staff.")
    client.force_login(officer)
    page = client.get(f"/cases/{case.reference}/quote/").content.decode()
    assert "Kind and patient staff.</textarea>" in page
    assert "These words identify no one and the person agreed to be quoted" in page


def test_words_are_not_approved_without_the_confirmation(client, officer, compliment):
    client.force_login(officer)
    response = client.post(f"/cases/{compliment.reference}/quote/", {"quote": "Lovely staff."})
    assert response.status_code == 200
    assert "Confirm that the words identify no one and the person agreed to be quoted" in response.content.decode()
    compliment.refresh_from_db()
    assert (compliment.quote, compliment.quote_approved_by) == ("", None)


def test_blank_words_are_refused(client, officer, compliment):
    client.force_login(officer)
    response = client.post(f"/cases/{compliment.reference}/quote/", {"quote": "   ", "confirmed": "on"})
    assert "Enter the words the annual report may quote" in response.content.decode()
    assert Representation.objects.get(pk=compliment.pk).quote_approved_by is None


def test_withdrawing_the_quote_keeps_the_words_but_stops_the_report_quoting_them(client, officer, compliment):
    client.force_login(officer)
    assert client.get(f"/cases/{compliment.reference}/withdraw-quote/").status_code == 404  # nothing approved yet
    client.post(f"/cases/{compliment.reference}/quote/", CONFIRMED)

    response = client.post(f"/cases/{compliment.reference}/withdraw-quote/", WITHDRAW)

    assert response.status_code == 302
    compliment.refresh_from_db()
    assert compliment.quote == "The carers made my mother feel at home."
    assert (compliment.quote_approved_by, compliment.quote_approved) == (None, None)


@pytest.mark.parametrize("person", ["investigator", "manager", "reporter"])
def test_staff_who_cannot_edit_cases_cannot_approve_a_quote(client, request, person, compliment):
    client.force_login(request.getfixturevalue(person))
    page = client.get(compliment.get_absolute_url())
    if page.status_code == 200:
        assert f"/cases/{compliment.reference}/quote/" not in page.content.decode()
    assert client.post(f"/cases/{compliment.reference}/quote/", CONFIRMED).status_code in {403, 404}
    compliment.refresh_from_db()
    assert compliment.quote_approved_by is None


def test_a_complaint_has_no_words_to_quote(client, officer, make_case):
    complaint = make_case()
    client.force_login(officer)
    assert f"/cases/{complaint.reference}/quote/" not in client.get(complaint.get_absolute_url()).content.decode()
    assert client.post(f"/cases/{complaint.reference}/quote/", CONFIRMED).status_code == 404


def test_the_audit_trail_shows_the_words_and_who_approved_them(client, officer, compliment):
    client.force_login(officer)
    client.post(f"/cases/{compliment.reference}/quote/", CONFIRMED)
    client.post(f"/cases/{compliment.reference}/withdraw-quote/", WITHDRAW)

    entries = trail(client.get(compliment.get_absolute_url()).content.decode())

    changes = [change for e in entries for change in e["changes"]]
    assert ("Words that may be quoted", "(blank)", "The carers made my mother feel at home.") in changes
    approvals = [(before, after) for field, before, after in changes if field == "Quote approved by"]
    assert approvals == [("Olivia Okafor", "(blank)"), ("(blank)", "Olivia Okafor")]  # newest first
    assert [e["who"] for e in entries if e["changes"]][:2] == ["Olivia Okafor", "Olivia Okafor"]
