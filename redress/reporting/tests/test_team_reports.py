"""The weekly progress report and the monthly scorecard."""

import datetime as dt
import io

import pytest
import time_machine
from openpyxl import load_workbook

from redress.cases import workflow
from redress.cases.models import Representation
from redress.cases.queues import queue
from redress.configuration.models import ServiceArea
from redress.reporting.team import weekly_progress

D = dt.date


@pytest.fixture(autouse=True)
def today():
    with time_machine.travel(dt.datetime(2026, 1, 20, 12, tzinfo=dt.UTC)):
        yield


@pytest.fixture
def cases(make_case, area, officer):
    fostering = area("Children's Services > Fostering")
    mental_health = area("Adult Services > Mental Health")
    made = [
        make_case(procedure="children", received=D(2026, 1, 5), service_area=fostering, acknowledged=D(2026, 1, 6)),
        make_case(procedure="children", received=D(2026, 1, 12), service_area=fostering, acknowledged=D(2026, 1, 16)),
        make_case(procedure="adult", received=D(2026, 1, 2), service_area=mental_health, acknowledged=D(2026, 1, 5)),
    ]
    for case in made:
        workflow.recompute(case)
        case.save()
    workflow.respond(made[2], by=officer, date=D(2026, 1, 15))
    return made


def test_weekly_report_counts_open_due_and_overdue_per_area(client, officer, cases):
    client.force_login(officer)
    page = client.get("/reports/team/weekly/").content.decode()
    assert "Weekly progress report, week of 19 January 2026" in page
    assert cases[0].reference in page  # overdue: due 19 January
    assert cases[1].reference not in page  # due 26 January: counted, not listed as overdue


def test_weekly_report_downloads_as_a_spreadsheet_with_the_same_numbers(client, officer, cases):
    client.force_login(officer)
    response = client.get("/reports/team/weekly/?format=xlsx")
    book = load_workbook(io.BytesIO(response.content))
    rows = [row for sheet in book for row in sheet.iter_rows(values_only=True)]
    totals = next(r for r in rows if r and r[0] == "All service areas")
    assert totals[1:8] == (3, 3, 0, 0, 0, 1, 0)  # open, stages, due by Sunday, overdue, paused


def test_monthly_scorecard_counts_acknowledgements_and_responses_on_time(client, officer, cases):
    client.force_login(officer)
    page = client.get("/reports/team/monthly/?month=2026-01").content.decode()
    assert "Monthly scorecard, January 2026" in page
    rows = {line.split("</th>")[0].rsplit(">", 1)[-1]: line for line in page.split("<tr") if "</th>" in line}
    adult, children = rows["Adult social care"], rows["Children&#x27;s social care"]
    assert adult.count("1 of 1") == 2  # acknowledged within 3 working days, and answered on time
    assert "1 of 2" in children and "0 of 0" in children  # one late acknowledgement; no responses yet


def test_investigating_officers_do_not_see_team_reports(client, investigator, cases):
    client.force_login(investigator)
    assert client.get("/reports/team/weekly/").status_code == 404


def _spreadsheet_text(response) -> str:
    book = load_workbook(io.BytesIO(response.content))
    return " ".join(str(cell) for sheet in book for row in sheet.iter_rows(values_only=True) for cell in row)


def test_reporting_users_see_the_weekly_totals_but_no_case(client, reporter, cases):
    client.force_login(reporter)
    page = client.get("/reports/team/weekly/").content.decode()
    spreadsheet = _spreadsheet_text(client.get("/reports/team/weekly/?format=xlsx"))
    for shown in (page, spreadsheet):
        assert "All service areas" in shown and "Mental Health" in shown
        assert "Overdue complaints" not in shown
        assert not any(case.reference in shown for case in cases)
    totals = next(t for t in weekly_progress(D(2026, 1, 20), reporter).tables() if t.key == "open-by-area").rows[-1]
    assert totals[1:7] == [3, 3, 0, 0, 0, 1]  # the whole council's numbers


def test_a_manager_sees_the_weekly_report_for_their_own_areas_only(client, area, manager, cases):
    area("Children's Services", manager=manager)
    client.force_login(manager)
    page = client.get("/reports/team/weekly/").content.decode()
    spreadsheet = _spreadsheet_text(client.get("/reports/team/weekly/?format=xlsx"))
    for shown in (page, spreadsheet):
        assert cases[0].reference in shown  # overdue, in Fostering, which she manages
        assert "Adult Services" not in shown
    ServiceArea.objects.filter(manager=manager).update(manager=None)
    area("Adult Services", manager=manager)
    report = weekly_progress(D(2026, 1, 20), manager)
    assert cases[0].reference not in str([t.rows for t in report.tables()])
    assert [row[0] for row in report.tables()[0].rows] == ["Adult Services > Mental Health", "All service areas"]
    assert "the complaints you can open" in report.subtitle


def test_weekly_report_counts_the_dashboard_queues(make_case, area, officer):
    fostering, mental_health = area("Children's Services > Fostering"), area("Adult Services > Mental Health")
    for service_area, due, fields in [
        (fostering, D(2026, 1, 19), {}),  # overdue since yesterday
        (fostering, D(2026, 1, 12), {"paused_since": D(2026, 1, 9)}),  # clock stopped: not overdue
        (fostering, D(2026, 1, 5), {"closed": D(2026, 1, 9)}),
        (fostering, D(2026, 1, 5), {"ineligible": True}),
        (mental_health, D(2026, 1, 20), {"investigating_officer": officer}),  # due today
        (mental_health, D(2026, 1, 25), {}),  # due on Sunday
        (mental_health, D(2026, 1, 26), {}),  # due next week
        (mental_health, D(2026, 1, 2), {"investigating_officer": officer}),
        (None, D(2026, 1, 16), {}),
    ]:
        make_case(procedure="adult", received=D(2025, 12, 1), service_area=service_area, due=due, **fields)
    today = D(2026, 1, 20)
    report = weekly_progress(today, officer)
    table = next(t for t in report.tables() if t.key == "open-by-area")
    columns = {"due-this-week": 5, "overdue": 6, "paused": 7, "awaiting-allocation": 8}
    areas = {"Children's Services > Fostering": fostering, "Adult Services > Mental Health": mental_health}
    for row in table.rows[:-1]:
        cases = Representation.objects.filter(service_area=areas.get(row[0]))
        assert {name: row[i] for name, i in columns.items()} == {
            name: queue(cases, name, today).count() for name in columns
        }, row[0]
    totals = table.rows[-1]
    assert (
        {name: totals[i] for name, i in columns.items()}
        == {name: queue(Representation.objects.all(), name, today).count() for name in columns}
        == {"due-this-week": 2, "overdue": 3, "paused": 1, "awaiting-allocation": 5}
    )
    listed = next(t for t in report.tables() if t.key == "overdue")
    assert [row[0] for row in listed.rows] == list(
        queue(Representation.objects.all(), "overdue", today).order_by("due").values_list("reference", flat=True)
    )
