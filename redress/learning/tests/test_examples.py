"""Choosing a learning action as a "you said, we did" example for the annual report."""

import datetime as dt

import pytest

from redress.cases.models import Kind
from redress.reporting.dataset import annual_report_dataset

from .conftest import TODAY

pytestmark = pytest.mark.time_machine(TODAY, tick=False)

YOU_SAID = "You said it took too long to hear back about home care."
WE_DID = "We now call everyone within two working days."


def edit(officer, **fields) -> dict:
    return {
        "what_will_change": "Call back within two working days",
        "level": "service",
        "kind": "guidance",
        "owner": officer.pk,
        "due_day": "30",
        "due_month": "4",
        "due_year": "2026",
        "status": "in_progress",
        **fields,
    }


@pytest.fixture
def action(make_case, make_action, officer):
    return make_action(make_case(received=dt.date(2025, 6, 2)), officer)


def test_officer_writes_you_said_we_did_and_chooses_it_for_the_report(client, officer, action):
    client.force_login(officer)
    page = client.get(f"/learning/{action.pk}/").content.decode()
    assert "You said" in page and "We did" in page and "Use as an example in the annual report" in page

    response = client.post(
        f"/learning/{action.pk}/", edit(officer, you_said=YOU_SAID, we_did=WE_DID, use_as_example="on")
    )

    assert response.status_code == 302
    action.refresh_from_db()
    assert (action.you_said, action.we_did, action.example_approved_by) == (YOU_SAID, WE_DID, officer)
    examples = annual_report_dataset(2025, "adult", dt.date(2026, 3, 20))["supplement"]["learning"]["examples"]
    assert [(e["you_said"], e["we_did"]) for e in examples] == [(YOU_SAID, WE_DID)]


def test_the_texts_alone_do_not_put_the_example_in_the_report(client, officer, action):
    client.force_login(officer)
    client.post(f"/learning/{action.pk}/", edit(officer, you_said=YOU_SAID, we_did=WE_DID))
    action.refresh_from_db()
    assert (action.you_said, action.example_approved_by) == (YOU_SAID, None)


def test_an_example_needs_both_texts(client, officer, action):
    client.force_login(officer)
    response = client.post(f"/learning/{action.pk}/", edit(officer, you_said=YOU_SAID, use_as_example="on"))
    assert response.status_code == 200
    assert "Enter what was done, to use it as an example in the annual report" in response.content.decode()
    action.refresh_from_db()
    assert (action.you_said, action.example_approved_by) == ("", None)


def test_unticking_withdraws_the_example_and_the_box_shows_the_choice(client, officer, administrator, action):
    action.you_said, action.we_did, action.example_approved_by = YOU_SAID, WE_DID, administrator
    action.save()
    client.force_login(officer)
    assert "checked" in _checkbox(client.get(f"/learning/{action.pk}/").content.decode())

    client.post(f"/learning/{action.pk}/", edit(officer, you_said=YOU_SAID, we_did=WE_DID))

    action.refresh_from_db()
    assert action.example_approved_by is None


def test_changing_the_words_of_a_chosen_example_makes_the_officer_its_approver(client, officer, administrator, action):
    action.you_said, action.we_did, action.example_approved_by = YOU_SAID, WE_DID, administrator
    action.save()
    client.force_login(officer)
    client.post(f"/learning/{action.pk}/", edit(officer, you_said=YOU_SAID, we_did=WE_DID, use_as_example="on"))
    action.refresh_from_db()
    assert action.example_approved_by == administrator  # unchanged words keep their approver

    client.post(
        f"/learning/{action.pk}/", edit(officer, you_said=YOU_SAID, we_did="We call back.", use_as_example="on")
    )
    action.refresh_from_db()
    assert (action.we_did, action.example_approved_by) == ("We call back.", officer)


def test_the_owner_recording_progress_cannot_choose_examples(client, make_case, make_action, investigator):
    action = make_action(make_case(kind=Kind.COMPLAINT), investigator)
    client.force_login(investigator)
    page = client.get(f"/learning/{action.pk}/").content.decode()
    assert "Use as an example in the annual report" not in page
    client.post(f"/learning/{action.pk}/", {"status": "in_progress", "you_said": YOU_SAID, "use_as_example": "on"})
    action.refresh_from_db()
    assert (action.you_said, action.example_approved_by) == ("", None)


def _checkbox(page: str) -> str:
    start = page.index('name="use_as_example"')
    return page[page.rindex("<input", 0, start) : page.index(">", start)]
