"""Workflow actions through the case page: who may take each, and the record each leaves."""

import datetime as dt

import pytest
import time_machine

from redress.cases import workflow
from redress.cases.models import CaseEvent

D = dt.date


@pytest.fixture(autouse=True)
def today():
    with time_machine.travel(dt.datetime(2026, 1, 20, 12, tzinfo=dt.UTC)):
        yield


@pytest.fixture
def case(make_case, investigator, area, manager):
    made = make_case(
        procedure="children",
        received=D(2026, 1, 5),
        investigating_officer=investigator,
        service_area=area("Children's Services > Fostering", manager=manager),
    )
    workflow.recompute(made)
    made.save()
    return made


def date(prefix: str, day: dt.date) -> dict:
    return {f"{prefix}_day": day.day, f"{prefix}_month": day.month, f"{prefix}_year": day.year}


def test_officer_acknowledges_and_the_page_shows_the_due_dates(client, officer, case):
    client.force_login(officer)
    response = client.post(f"/cases/{case.reference}/acknowledge/", date("date", D(2026, 1, 6)))
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.acknowledged == D(2026, 1, 6)
    page = client.get(case.get_absolute_url()).content.decode()
    assert "Monday 19 January 2026" in page and "Overdue" in page
    assert "Acknowledged" in page[page.index('id="timeline"') :]


@pytest.mark.parametrize(
    ("role", "action", "allowed"),
    [
        ("officer", "allocate", True),
        ("officer", "withdraw", True),
        ("investigator", "extend", True),
        ("investigator", "respond", True),
        ("investigator", "allocate", False),
        ("investigator", "withdraw", False),
        ("investigator", "acknowledge", False),
        ("manager", "extend", True),
        ("manager", "close", False),
        ("reporter", "extend", False),
    ],
)
def test_each_action_is_open_only_to_the_right_roles(request, client, case, role, action, allowed):
    client.force_login(request.getfixturevalue(role))
    status = client.get(f"/cases/{case.reference}/{action}/").status_code
    assert status == (200 if allowed else 404)


def test_investigating_officer_cannot_act_on_someone_elses_case(client, make_case, investigator):
    other = make_case(procedure="children", received=D(2026, 1, 5))
    workflow.recompute(other)
    other.save()
    client.force_login(investigator)
    assert client.post(f"/cases/{other.reference}/extend/", {}).status_code == 404


def test_an_extension_needs_a_reason_and_records_who_agreed_it(client, investigator, case):
    client.force_login(investigator)
    page = client.post(
        f"/cases/{case.reference}/extend/",
        {
            **date("date", D(2026, 1, 15)),
            **date("new_due", D(2026, 1, 30)),
            **date("agreed_on", D(2026, 1, 15)),
        },
    ).content.decode()
    assert "Enter reason for the extension" in page or "This field is required" in page
    client.post(
        f"/cases/{case.reference}/extend/",
        {
            **date("date", D(2026, 1, 15)),
            **date("new_due", D(2026, 1, 30)),
            **date("agreed_on", D(2026, 1, 15)),
            "reason": "The foster carer is away until the 26th",
        },
    )
    case.refresh_from_db()
    assert case.due == D(2026, 1, 30)
    event = CaseEvent.objects.get(kind="extended")
    assert event.by == investigator and event.reason.startswith("The foster carer")


def test_a_rule_broken_by_an_action_is_explained_on_the_form(client, officer, case):
    client.force_login(officer)
    page = client.post(f"/cases/{case.reference}/close/", date("date", D(2026, 1, 19))).content.decode()
    assert "Record the stage 1 response before closing" in page
    case.refresh_from_db()
    assert case.closed is None


def test_a_date_in_the_future_is_refused(client, officer, case):
    client.force_login(officer)
    page = client.post(f"/cases/{case.reference}/acknowledge/", date("date", D(2026, 2, 1))).content.decode()
    assert "The date cannot be in the future" in page


def test_every_change_an_action_makes_is_in_the_audit_trail(client, officer, case):
    client.force_login(officer)
    client.post(f"/cases/{case.reference}/acknowledge/", date("date", D(2026, 1, 6)))
    page = client.get(case.get_absolute_url()).content.decode()
    trail = page[page.index('id="audit-trail"') :]
    assert "acknowledged" in trail and "6 Jan" in page


def test_dashboard_counts_match_the_lists_they_link_to(client, officer, case, make_case):
    fresh = make_case(procedure="adult", received=D(2026, 1, 19))
    workflow.recompute(fresh)
    fresh.save()
    client.force_login(officer)
    page = client.get("/dashboard/").content.decode()
    for queue, expected in [("overdue", 1), ("awaiting-allocation", 1), ("awaiting-acknowledgement", 2)]:
        listing = client.get(f"/cases/?queue={queue}").content.decode()
        assert f"{expected} case" in listing
        assert f'?queue={queue}">{expected}<' in page


def test_a_complaint_with_a_corporate_part_is_split(client, officer, case):
    from redress.cases.models import Concern, Representation
    from redress.configuration.models import Lookup
    from redress.procedures.models import Procedure

    care = Lookup.objects.get(list_name="concern_category", label="Standard of Service", parent=None)
    money = Lookup.objects.get(list_name="concern_category", label="Financial issues", parent=None)
    Concern.objects.create(representation=case, category=care)
    tax = Concern.objects.create(representation=case, category=money, description="Council tax bill")
    corporate = Procedure.objects.get(code="corporate")
    client.force_login(officer)
    response = client.post(
        f"/cases/{case.reference}/split/",
        {
            **date("date", D(2026, 1, 6)),
            "concerns": [tax.pk],
            "procedure": corporate.pk,
        },
    )
    assert response.status_code == 302
    part = Representation.objects.get(procedure=corporate)
    assert list(part.concerns.all()) == [tax] and case.concerns.count() == 1
    assert part.received == case.received and part.reference.startswith("CORP-")
    assert f"Parts moved to {part.reference}" in client.get(case.get_absolute_url()).content.decode()


def test_dashboard_shows_overdue_learning_actions(client, officer, case):
    from redress.learning.models import LearningAction

    LearningAction.objects.create(
        case=case, what_will_change="Train the team", level="team", kind="training", owner=officer, due=D(2026, 1, 10)
    )
    client.force_login(officer)
    assert "1 learning action overdue" in client.get("/dashboard/").content.decode()
