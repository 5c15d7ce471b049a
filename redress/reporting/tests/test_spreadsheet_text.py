"""Words someone typed into Redress never become a formula in a spreadsheet it writes.

Each test plants formula-like text where a member of staff can put it (a service area, a
procedure, an officer's name, an indicator), makes the real file through the page or the
command people use, and opens it as a spreadsheet program would."""

import datetime as dt
import io

import pytest
from django.core.management import call_command
from openpyxl import load_workbook

from redress.configuration.models import ServiceArea
from redress.performance.forms import IndicatorForm
from redress.performance.models import Indicator, IndicatorValue
from redress.procedures.models import Procedure
from redress.reporting.renderers.xlsx import cell_value

pytestmark = pytest.mark.django_db

# One of each start OWASP lists for CSV injection; "-2+3" is text, not the number 1.
PAYLOADS = ['=HYPERLINK("http://evil.example","Click")', "+SUM(1,1)", "@SUM(1)", "-2+3", "\t=1+1", "\r=1+1"]


def assert_text_not_formulas(content: bytes, planted: list[str]) -> None:
    book = load_workbook(io.BytesIO(content))
    cells = [cell for sheet in book for row in sheet.iter_rows() for cell in row if cell.value is not None]
    assert [c.coordinate for c in cells if c.data_type == "f"] == []
    for text in planted:
        found = [c for c in cells if isinstance(c.value, str) and text in c.value]
        assert found, f"{text!r} is not in the spreadsheet"
        for cell in found:
            assert cell.data_type == "s", (text, cell.coordinate)
            if cell.value == text:
                assert cell.quotePrefix, (text, cell.coordinate)  # shown, and kept, as typed text


@pytest.fixture
def planted_areas(make_case):
    for n, name in enumerate(PAYLOADS):
        area = ServiceArea.objects.create(name=name)
        make_case(received=dt.date(2025, 6, 2) + dt.timedelta(days=n), service_area=area)
    return PAYLOADS


def test_the_annual_report_spreadsheet_keeps_service_area_names_as_text(client, officer, planted_areas):
    client.force_login(officer)
    response = client.get("/reports/annual/download/xlsx/?year=2025&procedure=adult")
    assert response.status_code == 200
    assert_text_not_formulas(response.content, planted_areas)
    complaints = next(load_workbook(io.BytesIO(response.content))["received-by-year"].iter_rows(min_row=4))
    assert len(PAYLOADS) in [c.value for c in complaints if c.data_type == "n"]  # counts stay numbers


def test_the_council_wide_overview_keeps_procedure_names_as_text(client, officer, make_case, tmp_path):
    adult = Procedure.objects.get(code="adult")
    adult.name = "=1+1"
    adult.save()
    make_case(received=dt.date(2025, 6, 2))
    client.force_login(officer)
    response = client.get("/reports/annual/download/xlsx/?year=2025&procedure=all")
    assert_text_not_formulas(response.content, ["=1+1"])
    call_command("annual_report", year=2025, procedure="all", format="xlsx", output=str(tmp_path / "all.xlsx"))
    assert_text_not_formulas((tmp_path / "all.xlsx").read_bytes(), ["=1+1"])


def test_the_annual_report_command_keeps_service_area_names_as_text(planted_areas, tmp_path):
    out = tmp_path / "adult.xlsx"
    call_command("annual_report", year=2025, procedure="adult", format="xlsx", output=str(out), stdout=io.StringIO())
    assert_text_not_formulas(out.read_bytes(), planted_areas)


@pytest.mark.time_machine(dt.datetime(2025, 7, 1, 12, tzinfo=dt.UTC))
def test_the_weekly_report_keeps_area_and_officer_names_as_text(client, officer, make_user, planted_areas):
    from redress.cases.models import Representation

    name = "=cmd|' /C calc'!A0"
    someone = make_user("mallory", "investigating_officer", first_name=name, last_name="")
    Representation.objects.update(investigating_officer=someone, due=dt.date(2025, 6, 20))  # overdue: listed
    client.force_login(officer)
    response = client.get("/reports/team/weekly/?format=xlsx")
    assert_text_not_formulas(response.content, [*planted_areas, name])


def test_an_indicator_name_the_reporting_user_types_stays_text_in_the_performance_report(client, reporter, tmp_path):
    indicator = Indicator.objects.get(code="2C", part="")
    IndicatorValue.objects.create(indicator=indicator, year=2025, period="q1", value=160)
    typed = {k: v for k, v in IndicatorForm(instance=indicator).initial.items() if v is not None}
    client.force_login(reporter)
    response = client.post(f"/performance/indicators/{indicator.pk}/", {**typed, "name": PAYLOADS[0]})
    assert response.status_code == 302
    download = client.get("/performance/report/download/xlsx/?year=2025&quarter=1")
    assert download.status_code == 200
    assert_text_not_formulas(download.content, [PAYLOADS[0]])
    out = tmp_path / "performance.xlsx"
    call_command("performance_report", year="2025", quarter="1", format="xlsx", output=str(out), stdout=io.StringIO())
    assert_text_not_formulas(out.read_bytes(), [PAYLOADS[0]])


def test_a_negative_number_stays_a_number_and_a_sum_written_as_text_stays_text():
    assert cell_value("-5") == (-5, "#,##0") and cell_value(-5)[0] == -5
    assert cell_value("-2+3") == ("-2+3", "@")
