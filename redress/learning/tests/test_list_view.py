import datetime as dt
import re

import pytest
import time_machine

from redress.learning.models import Status

from .conftest import TODAY

pytestmark = pytest.mark.usefixtures("_frozen")


@pytest.fixture
def _frozen():
    with time_machine.travel(TODAY):
        yield


@pytest.fixture
def actions(make_case, make_action, officer, investigator):
    allocated = make_case(investigating_officer=investigator)
    return {
        "overdue": make_action(
            allocated, officer, due=dt.date(2026, 3, 10), what_will_change="Late audit", kind="audit"
        ),
        "open": make_action(make_case(), investigator, what_will_change="Owned briefing"),
        "completed": make_action(
            make_case(),
            officer,
            status=Status.COMPLETED,
            evidence="Done",
            what_will_change="Finished policy",
            level="department",
        ),
    }


def rows(page: str) -> int:
    return page.count('<tr class="govuk-table__row">') - 1


def test_counts_at_the_top_match_the_list(client, officer, actions):
    client.force_login(officer)
    page = client.get("/learning/").content.decode()
    assert "2 open" in page and "1 overdue" in page and "1 completed" in page
    assert "3 learning actions" in page and rows(page) == 3

    for show, expected in (("open", 2), ("overdue", 1), ("completed", 1)):
        page = client.get("/learning/", {"show": show}).content.decode()
        assert rows(page) == expected
        assert f"{expected} learning action" in page


def test_overdue_action_is_tagged_in_words(client, officer, actions):
    client.force_login(officer)
    page = client.get("/learning/", {"show": "overdue"}).content.decode()
    assert re.search(r'<strong class="govuk-tag govuk-tag--red">Overdue</strong>', page)
    assert actions["overdue"].case.reference in page
    assert page.count("Overdue</strong>") == 1


def test_filters_by_level_type_and_owner(client, officer, actions):
    client.force_login(officer)
    assert "Finished policy" in client.get("/learning/", {"level": "department"}).content.decode()
    assert rows(client.get("/learning/", {"level": "department"}).content.decode()) == 1
    assert rows(client.get("/learning/", {"kind": "audit"}).content.decode()) == 1
    mine = client.get("/learning/", {"mine": "on"}).content.decode()
    assert rows(mine) == 2 and "Owned briefing" not in mine
    assert "0 overdue" in client.get("/learning/", {"kind": "training"}).content.decode()


def test_investigating_officer_lists_only_actions_on_their_cases_and_their_own(client, investigator, actions):
    client.force_login(investigator)
    page = client.get("/learning/").content.decode()
    assert "Late audit" in page and "Owned briefing" in page
    assert "Finished policy" not in page
    assert "0 completed" in page


def test_reporting_user_cannot_see_learning_actions(client, reporter, actions):
    client.force_login(reporter)
    assert client.get("/learning/").status_code == 404
