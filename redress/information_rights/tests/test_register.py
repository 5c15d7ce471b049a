"""The register: who may use it, recording a request, due dates, overdue flags and extensions."""

import datetime as dt

import pytest
from auditlog.models import LogEntry

from redress.information_rights.models import InformationRequest, RequestKind, Status


def make_request(**fields) -> InformationRequest:
    fields.setdefault("kind", RequestKind.ACCESS)
    fields.setdefault("requester_name", "Jane Smith")
    fields.setdefault("first_name", "Jane")
    fields.setdefault("last_name", "Smith")
    return InformationRequest.objects.create(**fields)


@pytest.fixture
def item(db):
    return make_request(received=dt.date(2026, 6, 1))


def test_only_administrators_and_complaints_officers_see_information_requests(
    client, item, administrator, officer, investigator, manager, link_officer, reporter
):
    pages = ["/information-requests/", "/information-requests/new/", f"/information-requests/{item.pk}/"]
    pages += [f"/information-requests/{item.pk}/search/", f"/information-requests/{item.pk}/close/"]
    for user, status in [
        (administrator, 200),
        (officer, 200),
        (investigator, 404),
        (manager, 404),
        (link_officer, 404),
        (reporter, 404),
    ]:
        client.force_login(user)
        for page in pages:
            assert client.get(page).status_code == status, (user.role, page)
        assert client.post(f"/information-requests/{item.pk}/bundles/").status_code in {302 if status == 200 else 404}
    client.logout()
    assert client.get("/information-requests/").status_code == 302  # to sign in


def test_the_register_lists_open_requests_soonest_due_first_and_flags_the_overdue(client, officer):
    late = make_request(received=dt.date(2026, 5, 1))  # due 1 June: overdue on 15 June
    due = make_request(received=dt.date(2026, 6, 1), requester_name="Tom Brown")  # due 1 July
    extended = make_request(received=dt.date(2026, 4, 1), extension_months=2, extension_reason="Complex")  # 1 July
    closed = make_request(received=dt.date(2026, 1, 2), status=Status.COMPLETED, closed=dt.date(2026, 2, 1))
    client.force_login(officer)
    page = client.get("/information-requests/").content.decode()
    body = page[page.index('<tbody class="govuk-table__body">') :]
    rows = body.split('<tr class="govuk-table__row">')[1:]
    assert len(rows) == 3 and late.number in rows[0] and "1 Jun 2026" in rows[0] and "Overdue" in rows[0]
    assert due.number in rows[1] + rows[2]
    assert not any("Overdue" in row for row in rows[1:])
    assert any(extended.number in row and "1 Jul 2026 (extended)" in row for row in rows)
    assert closed.number not in page and "1 request overdue" in page
    everything = client.get("/information-requests/?show=all").content.decode()
    assert closed.number in everything and everything.count("Overdue") == 1


def test_recording_a_request_gives_its_deadline_and_goes_to_the_search(client, officer):
    client.force_login(officer)
    response = client.post(
        "/information-requests/new/",
        {
            "kind": "access",
            "requester_name": "Jane Smith",
            "first_name": "Jane",
            "last_name": "Smith",
            "email": "jane.smith@example.org",
            "received_day": "31",
            "received_month": "1",
            "received_year": "2026",
            "handler": officer.pk,
        },
        follow=True,
    )
    item = InformationRequest.objects.get()
    assert item.due == dt.date(2026, 3, 2) and item.created_by == officer  # 28 February is a Saturday
    assert f"Request {item.number} added: answer by 2 March 2026" in response.content.decode()
    assert response.redirect_chain[-1][0] == f"/information-requests/{item.pk}/search/"


def test_a_request_with_nothing_to_search_by_or_a_date_to_come_is_refused(client, officer):
    client.force_login(officer)
    page = client.post(
        "/information-requests/new/",
        {"kind": "erasure", "requester_name": "X", "received_day": "1", "received_month": "7", "received_year": "2026"},
    ).content.decode()
    assert "Date received must be today or in the past" in page
    assert "Enter the person&#x27;s name, email address or a case reference, to search by" in page
    assert not InformationRequest.objects.exists()


def test_an_extension_needs_a_reason_and_stops_at_two_further_months(client, officer, item):
    client.force_login(officer)
    url = f"/information-requests/{item.pk}/extend/"
    assert "Enter why more time is needed" in client.post(url, {"months": "1"}).content.decode()
    client.post(url, {"months": "1", "reason": "Many records across three cases"})
    item.refresh_from_db()
    assert item.extension_months == 1 and item.due == dt.date(2026, 8, 3)
    page = client.post(url, {"months": "2", "reason": "More"}).content.decode()
    assert "The time can be extended by 2 months at most: 1 left" in page
    client.post(url, {"months": "1", "reason": "Still more"})
    item.refresh_from_db()
    assert item.due == dt.date(2026, 9, 1) and "Many records" in item.extension_reason
    assert (
        "already been extended by the most allowed" in client.post(url, {"months": "1", "reason": "x"}).content.decode()
    )


def test_viewing_a_request_is_on_its_audit_trail(client, officer, item):
    client.force_login(officer)
    page = client.get(f"/information-requests/{item.pk}/").content.decode()
    assert 'id="audit-trail"' in page
    viewed = LogEntry.objects.get(action=LogEntry.Action.ACCESS, object_id=item.pk)
    assert viewed.actor == officer


def test_closing_records_the_date_and_the_outcome_letter(client, officer, item):
    client.force_login(officer)
    page = client.get(f"/information-requests/{item.pk}/close/").content.decode()
    assert "Information Commissioner" in page
    client.post(
        f"/information-requests/{item.pk}/close/",
        {
            "status": "completed",
            "closed_day": "15",
            "closed_month": "6",
            "closed_year": "2026",
            "outcome_letter": "Done",
        },
    )
    item.refresh_from_db()
    assert (item.status, item.closed, item.outcome_letter) == ("completed", dt.date(2026, 6, 15), "Done")
    assert not item.is_overdue(dt.date(2027, 1, 1))
