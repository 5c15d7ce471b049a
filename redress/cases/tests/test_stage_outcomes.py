"""Each stage keeps its own outcome and agreed date as staff work the case (interchange 1.1), so
the annual report can count outcomes by stage and judge every stage against its own extension."""

import datetime as dt

import pytest
import time_machine

from redress.cases import workflow
from redress.cases.models import Representation

D = dt.date
RECEIVED = D(2026, 1, 5)


@pytest.fixture(autouse=True)
def today():
    with time_machine.travel(dt.datetime(2026, 3, 2, 12, tzinfo=dt.UTC)):
        yield


def complaint(make_case, procedure="children", received=RECEIVED, **fields):
    case = make_case(procedure=procedure, received=received, **fields)
    workflow.recompute(case)
    case.save()
    return case


def stored(case) -> Representation:
    return Representation.objects.get(pk=case.pk)


def test_the_response_records_the_stages_outcome_and_escalation_keeps_it(make_case, officer):
    case = complaint(make_case)
    workflow.respond(case, by=officer, date=D(2026, 1, 14), outcome="not_upheld")
    assert stored(case).stage1_outcome == "not_upheld"
    workflow.escalate(case, by=officer, date=D(2026, 1, 20))
    workflow.respond(case, by=officer, date=D(2026, 2, 10), outcome="partially_upheld")
    case = stored(case)
    assert (case.stage1_outcome, case.stage2_outcome, case.outcome) == (
        "not_upheld",
        "partially_upheld",
        "partially_upheld",
    )


def test_escalating_a_case_imported_before_1_1_keeps_its_stage_1_outcome_and_agreed_date(make_case, officer):
    case = complaint(make_case, stage1_response=D(2026, 1, 23), outcome="upheld", extended_to=D(2026, 1, 23))
    workflow.escalate(case, by=officer, date=D(2026, 1, 26))
    case = stored(case)
    assert (case.stage1_outcome, case.stage1_extended_to) == ("upheld", D(2026, 1, 23))
    assert (case.outcome, case.extended_to, case.stage2_extended_to) == ("", None, None)


def test_withdrawing_sets_the_current_stages_outcome_and_reopening_clears_it(make_case, officer):
    case = complaint(make_case)
    workflow.respond(case, by=officer, date=D(2026, 1, 14), outcome="not_upheld")
    workflow.escalate(case, by=officer, date=D(2026, 1, 20))
    workflow.withdraw(case, by=officer, date=D(2026, 1, 30), reason="Resolved by the team")
    assert (stored(case).stage1_outcome, stored(case).stage2_outcome) == ("not_upheld", "withdrawn")
    workflow.reopen(case, by=officer, date=D(2026, 2, 2), reason="The complainant asked again")
    assert (stored(case).stage1_outcome, stored(case).stage2_outcome, stored(case).outcome) == ("not_upheld", "", "")


def test_each_stage_keeps_the_date_agreed_in_its_own_extension(make_case, officer):
    case = complaint(make_case)
    workflow.extend(
        case, by=officer, date=D(2026, 1, 12), new_due=D(2026, 1, 30), reason="Complex", agreed_on=D(2026, 1, 12)
    )
    assert stored(case).stage1_extended_to == D(2026, 1, 30)
    workflow.respond(case, by=officer, date=D(2026, 1, 29), outcome="not_upheld")
    workflow.escalate(case, by=officer, date=D(2026, 2, 2))
    workflow.extend(
        case,
        by=officer,
        date=D(2026, 2, 4),
        new_due=D(2026, 3, 20),
        reason="An external investigator",
        agreed_on=D(2026, 2, 4),
    )
    case = stored(case)
    assert (case.stage1_extended_to, case.stage2_extended_to, case.extended_to) == (
        D(2026, 1, 30),
        D(2026, 3, 20),
        D(2026, 3, 20),
    )
    workflow.change_extension(case, by=officer, date=D(2026, 2, 5), reason="Agreed by mistake")
    assert (stored(case).stage1_extended_to, stored(case).stage2_extended_to) == (D(2026, 1, 30), None)


def test_working_out_the_deadlines_leaves_imported_agreed_dates_of_stages_without_extensions(make_case):
    case = complaint(
        make_case,
        stage=2,
        stage1_response=D(2026, 1, 16),
        stage2_requested=D(2026, 1, 19),
        stage1_extended_to=D(2026, 1, 16),
    )
    workflow.recompute_cases(Representation.objects.filter(pk=case.pk))
    assert stored(case).stage1_extended_to == D(2026, 1, 16)
