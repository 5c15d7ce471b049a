"""One rule decides whether a response was within target: the monthly scorecard and the annual
report count the same responses as on time."""

import datetime as dt

import pytest
import time_machine

from redress.cases.models import Representation
from redress.cases.workflow import response_timeliness
from redress.procedures.calendar import WorkingDayCalendar
from redress.procedures.models import Procedure
from redress.reporting.dataset import annual_report_dataset
from redress.reporting.team import monthly_scorecard

RECEIVED = dt.date(2025, 6, 2)  # a Monday
THIRTY_WORKING_DAYS_LATER = dt.date(2025, 7, 14)


@pytest.fixture(autouse=True)
def today():
    with time_machine.travel(dt.datetime(2025, 9, 1, 12, tzinfo=dt.UTC)):
        yield


def scorecard_on_time(year: int, month: int, procedure: str) -> str:
    table = next(t for t in monthly_scorecard(year, month).tables() if t.key == "by-procedure")
    return next(row for row in table.rows if row[0] == procedure)[-1]


def test_thirty_working_days_is_thirty_working_days_after_receipt():
    assert WorkingDayCalendar().working_days(RECEIVED, THIRTY_WORKING_DAYS_LATER) == 30


@pytest.mark.parametrize(("risk", "on_time"), [("red", True), ("amber", False)])
def test_a_risk_rated_response_is_on_time_in_both_the_scorecard_and_the_annual_report(make_case, risk, on_time):
    # Adult procedure: red (high risk) allows 65 working days, amber 20.
    make_case(
        procedure="adult",
        received=RECEIVED,
        acknowledged=RECEIVED,
        risk=risk,
        stage1_response=THIRTY_WORKING_DAYS_LATER,
        outcome="upheld",
        closed=THIRTY_WORKING_DAYS_LATER,
    )
    assert scorecard_on_time(2025, 7, "Adult social care") == ("1 of 1" if on_time else "0 of 1")
    stage1 = annual_report_dataset(2025, "adult", dt.date(2025, 9, 1))["complaints"]["timeliness"]["stage1"]
    assert (stage1["responded"], stage1["within_target"], stage1["within_agreed"]) == (1, int(on_time), int(on_time))


def test_a_timescale_set_for_the_case_counts_before_its_risk_rating(make_case):
    make_case(
        procedure="adult",
        received=RECEIVED,
        risk="red",
        target_days=25,
        stage1_response=THIRTY_WORKING_DAYS_LATER,
    )
    assert scorecard_on_time(2025, 7, "Adult social care") == "0 of 1"
    stage1 = annual_report_dataset(2025, "adult", dt.date(2025, 9, 1))["complaints"]["timeliness"]["stage1"]
    assert stage1["within_target"] == 0


def test_a_late_response_by_the_agreed_date_is_within_agreed_but_not_within_target(make_case):
    make_case(
        procedure="adult",
        received=RECEIVED,
        risk="amber",
        extended_to=THIRTY_WORKING_DAYS_LATER,
        stage1_response=THIRTY_WORKING_DAYS_LATER,
    )
    assert scorecard_on_time(2025, 7, "Adult social care") == "1 of 1"  # the scorecard counts agreed dates
    stage1 = annual_report_dataset(2025, "adult", dt.date(2025, 9, 1))["complaints"]["timeliness"]["stage1"]
    assert (stage1["within_target"], stage1["within_agreed"]) == (0, 1)


def test_each_stage_is_judged_against_its_own_agreed_date(make_case):
    # Stage 1 answered 30 working days after receipt, on the date agreed for stage 1; stage 2's
    # agreed date (extended_to, the highest stage's) does not reach back to stage 1.
    def stage1(**fields):
        make_case(
            procedure="children",
            received=RECEIVED,
            stage=2,
            stage1_response=THIRTY_WORKING_DAYS_LATER,
            stage2_requested=THIRTY_WORKING_DAYS_LATER,
            **fields,
        )
        report = annual_report_dataset(2025, "children", dt.date(2025, 9, 1))
        Representation.objects.all().delete()
        return report["complaints"]["timeliness"]["stage1"]

    extended = stage1(stage1_extended_to=THIRTY_WORKING_DAYS_LATER)
    assert (extended["within_target"], extended["within_agreed"]) == (0, 1)
    not_extended = stage1(extended_to=THIRTY_WORKING_DAYS_LATER)
    assert (not_extended["within_target"], not_extended["within_agreed"]) == (0, 0)


def test_the_rule_takes_the_stages_agreed_date(db):
    rule = response_timeliness(Procedure.objects.get(code="children"), 1)
    late = {
        "start": RECEIVED,
        "response": THIRTY_WORKING_DAYS_LATER,
        "acknowledged": None,
        "risk": "",
        "target_days": None,
        "calendar": WorkingDayCalendar(),
    }
    assert rule(**late, agreed=THIRTY_WORKING_DAYS_LATER) == (30, False, True)
    assert rule(**late, agreed=THIRTY_WORKING_DAYS_LATER - dt.timedelta(days=1)) == (30, False, False)
    assert rule(**late, agreed=None) == (30, False, False)


def test_the_corporate_stage_1_counts_from_the_acknowledgement(db):
    rule = response_timeliness(Procedure.objects.get(code="corporate"), 1)
    answered = {"start": RECEIVED, "risk": "", "target_days": None, "agreed": None}
    calendar = WorkingDayCalendar()
    # Code: 10 working days from the acknowledgement, or 15 from receipt when none is recorded.
    acknowledged_on_day_4 = dt.date(2025, 6, 6)
    day_14, day_15, day_16 = dt.date(2025, 6, 20), dt.date(2025, 6, 23), dt.date(2025, 6, 24)
    assert rule(**answered, response=day_14, acknowledged=acknowledged_on_day_4, calendar=calendar)[1]
    assert not rule(**answered, response=day_15, acknowledged=acknowledged_on_day_4, calendar=calendar)[1]
    assert rule(**answered, response=day_15, acknowledged=None, calendar=calendar)[1]
    assert not rule(**answered, response=day_16, acknowledged=None, calendar=calendar)[1]
