import datetime as dt

import pytest
import time_machine

from redress.learning.models import LearningAction, Status

from .conftest import TODAY

pytestmark = pytest.mark.usefixtures("_frozen")


@pytest.fixture
def _frozen():
    with time_machine.travel(TODAY):
        yield


def form_data(owner, due=dt.date(2026, 4, 30), **overrides):
    return {
        "what_will_change": "Brief the team on care package delays",
        "level": "team",
        "kind": "training",
        "owner": owner.pk,
        "due_day": due.day,
        "due_month": due.month,
        "due_year": due.year,
        **overrides,
    }


def test_complaints_officer_adds_a_learning_action_to_a_case(client, officer, investigator, make_case):
    case = make_case()
    client.force_login(officer)
    assert client.get(f"/learning/cases/{case.reference}/add/").status_code == 200

    response = client.post(f"/learning/cases/{case.reference}/add/", form_data(investigator))

    assert response.status_code == 302
    assert response.url == case.get_absolute_url()
    action = case.learning_actions.get()
    assert (action.owner, action.due, action.status, action.created_by) == (
        investigator,
        dt.date(2026, 4, 30),
        Status.PLANNED,
        officer,
    )


def test_due_date_in_the_past_is_refused(client, officer, make_case):
    case = make_case()
    client.force_login(officer)
    response = client.post(f"/learning/cases/{case.reference}/add/", form_data(officer, due=dt.date(2026, 3, 19)))
    assert response.status_code == 200
    assert "Due date must be today or in the future" in response.content.decode()
    assert not LearningAction.objects.exists()


def test_missing_answers_are_each_named(client, officer, make_case):
    case = make_case()
    client.force_login(officer)
    page = client.post(f"/learning/cases/{case.reference}/add/", {}).content.decode()
    for message in ("Enter what will change", "Select the level of the action", "Select who owns the action"):
        assert message in page
    assert "Enter due date" in page


def test_investigating_officer_adds_learning_actions_only_to_their_own_cases(client, investigator, make_case):
    allocated, not_theirs = make_case(investigating_officer=investigator), make_case()
    client.force_login(investigator)
    assert client.post(f"/learning/cases/{not_theirs.reference}/add/", form_data(investigator)).status_code == 404
    assert not LearningAction.objects.exists()

    response = client.post(f"/learning/cases/{allocated.reference}/add/", form_data(investigator))
    assert response.status_code == 302
    assert LearningAction.objects.get().case == allocated
