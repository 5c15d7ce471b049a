"""The Ombudsman pages mark a deadline passed or overdue as the querysets decide, the same
decision the dashboard counts."""

import datetime as dt

import pytest
import time_machine

from redress.ombudsman import figures
from redress.ombudsman.models import (
    Decision,
    OmbudsmanCase,
    Recommendation,
    RemedyType,
    Stage,
    StageRecord,
)
from redress.procedures.models import Procedure

D = dt.date
TODAY = D(2026, 3, 5)
OVERDUE = '<strong class="govuk-tag govuk-tag--red">Overdue</strong>'
PASSED = '<strong class="govuk-tag govuk-tag--orange">Passed</strong>'


@pytest.fixture(autouse=True)
def today():
    with time_machine.travel(dt.datetime(2026, 3, 5, 12, tzinfo=dt.UTC)):
        yield


def ombudsman_case(reference: str, **fields) -> OmbudsmanCase:
    return OmbudsmanCase.objects.create(
        reference=reference, procedure=Procedure.objects.get(code="adult"), received=D(2026, 2, 2), **fields
    )


def stage(case: OmbudsmanCase, internal_due: dt.date, ombudsman_due: dt.date, **fields) -> StageRecord:
    return StageRecord.objects.create(
        case=case,
        stage=Stage.ENQUIRY,
        started=D(2026, 2, 2),
        internal_due=internal_due,
        ombudsman_due=ombudsman_due,
        **fields,
    )


@pytest.fixture
def cases(db, link_officer, manager):
    passed = ombudsman_case("26 000 001")
    stage(passed, internal_due=D(2026, 3, 4), ombudsman_due=TODAY)  # our deadline went yesterday
    overdue = ombudsman_case("26 000 002")
    stage(overdue, internal_due=D(2026, 3, 2), ombudsman_due=D(2026, 3, 4))
    on_track = ombudsman_case("26 000 003")
    stage(on_track, internal_due=TODAY, ombudsman_due=D(2026, 3, 9))
    answered_late = ombudsman_case("26 000 004")
    stage(answered_late, internal_due=D(2026, 2, 4), ombudsman_due=D(2026, 2, 5), responded=D(2026, 2, 9))
    decided = ombudsman_case("26 000 005", decided=D(2026, 2, 20), decision=Decision.UPHELD_INJUSTICE)
    for kind, due, completed in [
        (RemedyType.APOLOGY, D(2026, 3, 4), None),  # overdue
        (RemedyType.PAYMENT, TODAY, None),  # due today: not yet overdue
        (RemedyType.TRAINING, None, None),  # no date: never overdue
        (RemedyType.REASSESSMENT, D(2026, 2, 27), D(2026, 3, 2)),  # done, late
    ]:
        Recommendation.objects.create(case=decided, kind=kind, due=due, completed=completed, owner=manager)
    return {"passed": passed, "overdue": overdue, "on_track": on_track, "late": answered_late, "decided": decided}


def row(page: str, text: str) -> str:
    """The table row of the page that holds `text`."""
    return next(r for r in page.split("<tr")[1:] if text in r)


def test_open_cases_show_our_deadline_passed_and_the_ombudsman_deadline_overdue(client, link_officer, cases):
    client.force_login(link_officer)
    page = client.get("/ombudsman/").content.decode()
    assert PASSED in row(page, "26 000 001") and OVERDUE not in row(page, "26 000 001")
    assert PASSED in row(page, "26 000 002") and OVERDUE in row(page, "26 000 002")
    assert PASSED not in row(page, "26 000 003") and OVERDUE not in row(page, "26 000 003")
    assert "Answered 9 Feb 2026: waiting for the Ombudsman" in row(page, "26 000 004")
    remedies = page.split('id="remedies"')[1].split('id="figures"')[0]
    assert OVERDUE in row(remedies, "Apology")
    assert OVERDUE not in row(remedies, "Payment") and OVERDUE not in row(remedies, "Training")
    assert remedies.count(OVERDUE) == figures.dashboard(link_officer, TODAY)["remedies_overdue"] == 1


def test_a_case_page_marks_an_unanswered_stage_overdue_only_after_the_ombudsman_deadline(client, link_officer, cases):
    client.force_login(link_officer)
    overdue = client.get(cases["overdue"].get_absolute_url()).content.decode()
    assert OVERDUE in row(overdue, "Enquiry and assessment")
    passed = client.get(cases["passed"].get_absolute_url()).content.decode()
    assert OVERDUE not in row(passed, "Enquiry and assessment") and "Not yet" in row(passed, "Enquiry and assessment")
    late = client.get(cases["late"].get_absolute_url()).content.decode()
    assert 'govuk-tag--red">Late</strong>' in row(late, "Enquiry and assessment")


def test_a_case_page_marks_only_remedies_not_done_by_their_date_overdue(client, link_officer, cases):
    client.force_login(link_officer)
    page = client.get(cases["decided"].get_absolute_url()).content.decode()
    assert OVERDUE in row(page, "Apology")
    assert "Not yet" in row(page, "Payment") and "Not yet" in row(page, "Training")
    assert 'govuk-tag--red">Late</strong>' in row(page, "Reassessment") and OVERDUE not in row(page, "Reassessment")


def test_the_dashboard_counts_the_answers_the_pages_mark_overdue(link_officer, cases):
    marked = StageRecord.objects.waiting().with_deadlines(TODAY).filter(overdue=True)
    assert [s.case.reference for s in marked] == ["26 000 002"]
    assert figures.dashboard(link_officer, TODAY)["answers_overdue"] == 1


def test_the_remedies_a_manager_owns_are_marked_overdue_on_their_dashboard(client, manager, cases):
    client.force_login(manager)
    page = client.get("/dashboard/").content.decode()
    assert OVERDUE in row(page, "Apology") and OVERDUE not in row(page, "Payment")


def test_the_ombudsman_panel_is_on_the_dashboard_once_and_not_in_its_title(client, manager, cases):
    client.force_login(manager)
    page = client.get("/dashboard/").content.decode()
    title = page.split("<title>")[1].split("</title>")[0]
    assert title.startswith("Dashboard –") and "Ombudsman" not in title
    assert page.count("Remedies you own") == 1
