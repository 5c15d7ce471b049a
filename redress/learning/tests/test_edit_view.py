import datetime as dt

import pytest
import time_machine

from redress.learning.models import Status

from .conftest import TODAY

pytestmark = pytest.mark.usefixtures("_frozen")


@pytest.fixture
def _frozen():
    with time_machine.travel(TODAY):
        yield


def complete(**overrides):
    return {"status": "completed", "evidence": "Team briefing held; minutes on file", **overrides}


def test_owner_completes_their_action_with_evidence(client, make_case, make_action, investigator):
    # The owner need not be allocated to the case to record progress on their own action.
    action = make_action(make_case(), investigator)
    client.force_login(investigator)
    assert client.get(f"/learning/{action.pk}/").status_code == 200

    response = client.post(f"/learning/{action.pk}/", complete())

    assert response.status_code == 302
    assert response.url == "/learning/"
    action.refresh_from_db()
    assert (action.status, action.completed) == (Status.COMPLETED, dt.date(2026, 3, 20))
    assert action.evidence == "Team briefing held; minutes on file"


def test_completing_without_evidence_is_refused(client, make_case, make_action, investigator):
    action = make_action(make_case(), investigator)
    client.force_login(investigator)
    response = client.post(f"/learning/{action.pk}/", complete(evidence=" "))
    assert response.status_code == 200
    assert "Enter the evidence that the action is complete" in response.content.decode()
    action.refresh_from_db()
    assert (action.status, action.completed) == (Status.PLANNED, None)


def test_owner_cannot_rewrite_the_action_itself(client, make_case, make_action, investigator):
    action = make_action(make_case(), investigator)
    client.force_login(investigator)
    client.post(f"/learning/{action.pk}/", {"status": "in_progress", "what_will_change": "Nothing"})
    action.refresh_from_db()
    assert (action.status, action.what_will_change) == (Status.IN_PROGRESS, "Brief the team on care package delays")


def test_investigating_officer_updates_actions_on_their_case(client, make_case, make_action, investigator, manager):
    case = make_case(investigating_officer=investigator)
    action = make_action(case, manager)
    client.force_login(investigator)
    response = client.post(
        f"/learning/{action.pk}/", complete(completed_day="18", completed_month="3", completed_year="2026")
    )
    assert response.url == case.get_absolute_url()
    action.refresh_from_db()
    assert action.completed == dt.date(2026, 3, 18)


def test_complaints_officer_edits_any_action_and_may_keep_a_past_due_date(
    client, make_case, make_action, officer, investigator
):
    action = make_action(make_case(), investigator, due=dt.date(2026, 3, 1))
    client.force_login(officer)
    response = client.post(
        f"/learning/{action.pk}/",
        {
            "what_will_change": "Update the home care guidance",
            "level": "service",
            "kind": "guidance",
            "owner": officer.pk,
            "due_day": "1",
            "due_month": "3",
            "due_year": "2026",
            "status": "in_progress",
        },
    )
    assert response.status_code == 302
    action.refresh_from_db()
    assert (action.what_will_change, action.owner, action.status) == (
        "Update the home care guidance",
        officer,
        "in_progress",
    )


def test_investigating_officer_cannot_open_an_action_on_a_case_not_allocated_to_them(
    client, make_case, make_action, officer, investigator
):
    action = make_action(make_case(), officer)
    client.force_login(investigator)
    assert client.get(f"/learning/{action.pk}/").status_code == 404
    assert client.post(f"/learning/{action.pk}/", complete()).status_code == 404
    action.refresh_from_db()
    assert action.status == Status.PLANNED


def test_manager_who_sees_the_case_but_does_not_own_the_action_cannot_update_it(
    client, make_case, make_action, area, officer, manager
):
    action = make_action(make_case(service_area=area("Adult Services", manager=manager)), officer)
    client.force_login(manager)
    assert client.get(f"/learning/{action.pk}/").status_code == 404
