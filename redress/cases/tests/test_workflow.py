"""Deadlines and the actions that move a complaint through its procedure."""

import datetime as dt

import pytest
import time_machine
from django.core.exceptions import ValidationError

from redress.cases import workflow
from redress.cases.findings import record_findings
from redress.cases.models import Concern, EventKind
from redress.configuration.models import Lookup
from redress.procedures.models import ClosureDay

D = dt.date


@pytest.fixture(autouse=True)
def today():
    with time_machine.travel(dt.datetime(2026, 1, 20, 12, tzinfo=dt.UTC)):
        yield


CHRISTMAS_2025 = D(2025, 12, 19)


def complaint(make_case, procedure="adult", received=CHRISTMAS_2025, **fields):
    case = make_case(procedure=procedure, received=received, **fields)
    workflow.recompute(case)
    case.save()
    return case


def test_adult_acknowledgement_and_response_due_over_christmas(make_case):
    # Received Friday 19 December 2025; 25, 26 December and 1 January are bank holidays.
    case = complaint(make_case)
    assert case.acknowledgement_due == D(2025, 12, 24)  # 3 working days
    assert case.due == D(2026, 1, 21)  # 20 working days: 22-24 and 29-31 Dec, 2 Jan, then 13 more


def test_a_risk_rating_sets_the_adult_timescale(make_case):
    case = complaint(make_case, risk="green")
    assert case.due == D(2026, 1, 7)  # 10 working days
    case.risk = "red"
    workflow.recompute(case)
    assert case.due == D(2026, 3, 25)  # 65 working days


def test_children_stage_1_over_easter(make_case):
    # Received Wednesday 1 April 2026; Good Friday 3 April and Easter Monday 6 April.
    case = complaint(make_case, procedure="children", received=D(2026, 4, 1))
    assert case.due == D(2026, 4, 17)  # 10 working days


def test_corporate_stage_1_counts_from_the_acknowledgement(make_case, officer):
    case = complaint(make_case, procedure="corporate", received=D(2026, 1, 5))
    assert case.acknowledgement_due == D(2026, 1, 12)
    workflow.acknowledge(case, by=officer, date=D(2026, 1, 7))
    assert case.due == D(2026, 1, 21)  # 10 working days after 7 January


def test_a_council_closure_day_moves_the_deadline(make_case):
    ClosureDay.objects.create(date=D(2025, 12, 24), description="Christmas Eve")
    case = complaint(make_case)
    assert case.acknowledgement_due == D(2025, 12, 29)


def test_a_pause_stops_the_clock_and_a_restart_resumes_it(make_case, officer):
    case = complaint(make_case, procedure="children", received=D(2026, 1, 5))
    assert case.due == D(2026, 1, 19)
    workflow.pause(case, by=officer, date=D(2026, 1, 7), reason="Waiting for consent from the young person")
    assert case.paused_since == D(2026, 1, 7) and workflow.rag(case) == "paused"
    workflow.resume(case, by=officer, date=D(2026, 1, 12))  # 3 working days stopped
    assert case.paused_since is None and case.due == D(2026, 1, 22)


def test_an_extension_sets_the_agreed_date_within_the_procedures_limit(make_case, officer):
    case = complaint(make_case, procedure="children", received=D(2026, 1, 5))
    with pytest.raises(ValidationError, match="20 working days at most"):
        workflow.extend(
            case, by=officer, date=D(2026, 1, 15), new_due=D(2026, 3, 1), reason="Complex", agreed_on=D(2026, 1, 15)
        )
    workflow.extend(
        case,
        by=officer,
        date=D(2026, 1, 15),
        new_due=D(2026, 2, 2),
        reason="Several services involved",
        agreed_on=D(2026, 1, 15),
    )
    assert case.due == D(2026, 2, 2) and case.extended_to == D(2026, 2, 2)
    assert case.events.filter(kind=EventKind.EXTENDED).get().agreed_on == D(2026, 1, 15)


def test_overdue_and_due_soon(make_case):
    case = complaint(make_case, procedure="children", received=D(2026, 1, 5))  # due 19 January
    assert workflow.rag(case) == "overdue"
    case = complaint(make_case, procedure="children", received=D(2026, 1, 12))  # due 26 January
    assert workflow.rag(case) == "due soon"


def test_stage_2_runs_from_the_request_and_needs_the_stage_1_response(make_case, officer):
    case = complaint(make_case, procedure="children", received=D(2025, 12, 1))
    with pytest.raises(ValidationError, match="Record the stage 1 response first"):
        workflow.escalate(case, by=officer, date=D(2026, 1, 5))
    workflow.respond(case, by=officer, date=D(2025, 12, 12))
    workflow.escalate(case, by=officer, date=D(2026, 1, 5))
    assert case.stage == 2 and case.stage2_requested == D(2026, 1, 5)
    assert case.due == D(2026, 2, 9)  # 25 working days


def test_corporate_stage_2_needs_a_different_handler(make_case, officer, investigator, manager):
    case = complaint(make_case, procedure="corporate", received=D(2025, 11, 3))
    workflow.allocate(case, by=officer, date=D(2025, 11, 4), officer=investigator)
    workflow.respond(case, by=officer, date=D(2025, 11, 14))
    workflow.escalate(case, by=officer, date=D(2025, 12, 1))
    with pytest.raises(ValidationError, match="handled stage 1"):
        workflow.allocate(case, by=officer, date=D(2025, 12, 2), officer=investigator)
    workflow.allocate(case, by=officer, date=D(2025, 12, 2), officer=manager)
    assert case.investigating_officer == manager


def test_the_outcome_follows_the_findings_unless_overridden_with_a_reason(make_case, officer):
    case = complaint(make_case)
    delay = Lookup.objects.get(label="Standard of Service", parent=None)
    first = Concern.objects.create(representation=case, category=delay)
    second = Concern.objects.create(representation=case, category=delay)
    record_findings(case, 1, {first.pk: ("upheld", ""), second.pk: ("not_upheld", "")}, "")
    assert workflow.derived_outcome(case) == "partially_upheld"
    with pytest.raises(ValidationError, match="give a reason"):
        workflow.respond(case, by=officer, date=D(2026, 1, 10), outcome="not_upheld")
    workflow.respond(case, by=officer, date=D(2026, 1, 10))
    assert case.outcome == "partially_upheld" and case.due is None


def test_safeguarding_triage_pauses_the_complaint(make_case, officer):
    case = complaint(make_case, received=D(2026, 1, 12))
    workflow.triage(case, by=officer, date=D(2026, 1, 12), safeguarding=True, reason="Possible neglect")
    assert case.safeguarding and case.paused_since == D(2026, 1, 12)
    assert [e.kind for e in case.events.all()] == [EventKind.SAFEGUARDING, EventKind.PAUSED]


def test_withdraw_close_and_reopen(make_case, officer):
    case = complaint(make_case)
    with pytest.raises(ValidationError, match="Record the stage 1 response before closing"):
        workflow.close(case, by=officer, date=D(2026, 1, 15))
    workflow.withdraw(case, by=officer, date=D(2026, 1, 15), reason="Resolved with the team")
    assert case.closed == D(2026, 1, 15) and case.outcome == "withdrawn" and case.due is None
    workflow.reopen(case, by=officer, date=D(2026, 1, 19), reason="The complainant asked again")
    assert case.closed is None and case.due == D(2026, 1, 21)


def test_events_cannot_be_changed(make_case, officer):
    case = complaint(make_case)
    event = workflow.acknowledge(case, by=officer, date=D(2025, 12, 22)) or case.events.get()
    event.reason = "changed"
    with pytest.raises(ValueError, match="cannot be changed"):
        event.save()


def test_six_month_limit_for_adult_complaints(make_case):
    assert workflow.six_month_limit(complaint(make_case, received=D(2025, 8, 31))) == D(2026, 2, 28)
    assert workflow.six_month_limit(complaint(make_case, procedure="children")) is None


def test_early_resolution_is_recorded_as_an_enquiry_not_a_complaint(make_case, officer):
    case = complaint(make_case, received=D(2026, 1, 12))
    workflow.triage(case, by=officer, date=D(2026, 1, 13), decision="early_resolution", reason="Visit rebooked")
    assert case.kind == "enquiry" and case.closed == D(2026, 1, 13) and case.due is None
    assert not type(case).objects.in_progress().filter(pk=case.pk).exists()


def test_an_ineligible_contact_is_redirected_and_closed(make_case, officer):
    case = complaint(make_case, received=D(2026, 1, 12))
    workflow.triage(case, by=officer, date=D(2026, 1, 12), decision="ineligible", redirected_to="safeguarding")
    assert case.ineligible and case.procedure is None and case.redirected_to == "safeguarding" and case.closed


def test_a_late_request_for_stage_2_needs_a_reason(make_case, officer):
    case = complaint(make_case, procedure="children", received=D(2025, 11, 3))
    workflow.respond(case, by=officer, date=D(2025, 11, 14))
    # 20 working days after 14 November 2025 is 12 December.
    with pytest.raises(ValidationError, match="after 12 December 2025"):
        workflow.escalate(case, by=officer, date=D(2025, 12, 15))
    workflow.escalate(case, by=officer, date=D(2025, 12, 15), reason="The young person was in hospital")
    assert case.stage == 2 and case.events.last().reason == "The young person was in hospital"


def test_a_child_who_complains_without_an_advocate_is_offered_one(client, officer, make_case):
    case = make_case(procedure="children", child_or_young_person=True)
    client.force_login(officer)
    assert "Offer an advocate" in client.get(case.get_absolute_url()).content.decode()


PANEL = [("Ann Chair", "Independent chair"), ("Bo Ames", "Independent person"), ("Cy Dale", "Independent person")]


def test_review_panel_report_and_council_response_deadlines(make_case, officer):
    case = complaint(make_case, procedure="children", received=D(2025, 9, 1))
    workflow.respond(case, by=officer, date=D(2025, 9, 12))
    workflow.escalate(case, by=officer, date=D(2025, 9, 15))
    workflow.respond(case, by=officer, date=D(2025, 10, 17))
    workflow.escalate(case, by=officer, date=D(2025, 10, 20))
    assert case.due == D(2025, 12, 1)  # panel within 30 working days of the request
    workflow.panel_held(case, by=officer, date=D(2025, 11, 20), members=PANEL, chair=0)
    assert case.due == D(2025, 11, 27)  # the panel's report within 5 working days
    workflow.panel_reported(case, by=officer, date=D(2025, 11, 26))
    assert case.due == D(2025, 12, 17)  # the council's response within 15 working days of the report
