"""Direction of travel, estimates, entering figures, who may do what, and the report's formats."""

import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import load_workbook
from pypdf import PdfReader

from redress.performance.calculations import (
    DECLINING,
    IMPROVING,
    NO_CHANGE,
    direction,
    estimated_end_of_year,
    indicator_years,
)
from redress.performance.models import Commentary, Comparator, Indicator, IndicatorValue, PerformanceSettings


def indicator(code):
    return Indicator.objects.get(code=code)


def put(code, year, period, value):
    IndicatorValue.objects.create(indicator=indicator(code), year=year, period=period, value=Decimal(value))


@pytest.mark.parametrize(
    ("code", "now", "before", "expected"),
    [
        ("1A", "19.5", "19.0", IMPROVING),  # score, higher is better, threshold 0.2
        ("1A", "19.1", "19.0", NO_CHANGE),
        ("1A", "19.2", "19.0", NO_CHANGE),  # exactly the threshold: not significant
        ("1A", "18.7", "19.0", DECLINING),
        ("2B", "540", "560", IMPROVING),  # rate, lower is better, threshold 5
        ("2B", "563", "560", NO_CHANGE),
        ("2B", "600", "560", DECLINING),
        ("L2", "30", None, None),
    ],
)
def test_direction_of_travel_follows_polarity_and_threshold(db, code, now, before, expected):
    assert direction(indicator(code), Decimal(now), Decimal(before) if before else None) == expected


def test_the_threshold_is_the_councils_to_change(db):
    one = indicator("1A")
    one.threshold = Decimal("1")
    one.save()
    assert direction(one, Decimal("19.5"), Decimal("19.0")) == NO_CHANGE


def test_a_cumulative_indicator_is_projected_to_the_end_of_the_year(db):
    admissions = indicator("2B")
    assert estimated_end_of_year(admissions, Decimal("150"), 1) == Decimal(600)
    assert estimated_end_of_year(admissions, Decimal("300"), 3) == Decimal(400)
    assert estimated_end_of_year(indicator("1A"), Decimal("19"), 2) is None


def test_quarter_one_is_compared_with_last_years_outturn_and_later_quarters_with_the_last(db):
    put("L2", 2024, "final", "20")
    put("L2", 2025, "q1", "25")
    put("L2", 2025, "q2", "24")
    row = next(r for r in indicator_years(2025, 1) if r.indicator.code == "L2")
    assert (row.previous, row.quarter_trend) == (Decimal(20), DECLINING)
    row = next(r for r in indicator_years(2025, 2) if r.indicator.code == "L2")
    assert (row.previous, row.quarter_trend, row.annual_trend) == (Decimal(25), NO_CHANGE, DECLINING)
    # With no figure yet for quarter 3, the annual trend still uses the latest quarter that has one.
    row = next(r for r in indicator_years(2025, 3) if r.indicator.code == "L2")
    assert (row.quarter_trend, row.latest, row.annual_trend) == (None, Decimal(24), DECLINING)


def test_the_latest_national_comparison_is_used_when_this_years_is_not_out(db):
    Comparator.objects.create(indicator=indicator("1B"), year=2024, england=Decimal("77.1"), rank=40, ranked=153)
    Comparator.objects.create(indicator=indicator("1B"), year=2025, target=Decimal(80))
    row = next(r for r in indicator_years(2025, 2) if r.indicator.code == "1B")
    assert (row.comparator.year, row.comparator.england, row.target) == (2024, Decimal("77.1"), Decimal(80))


def figures(**values):
    return {f"{name}_{indicator(code).pk}": value for (name, code), value in values.items()}


def test_entering_figures_computes_values_and_clearing_one_removes_it(client, reporter):
    client.force_login(reporter)
    one_b, l2 = indicator("1B"), indicator("L2")
    response = client.post(
        "/performance/figures/2025/q2/",
        {
            f"numerator_{one_b.pk}": "300",
            f"denominator_{one_b.pk}": "400",
            f"value_{l2.pk}": "30",
            f"note_{l2.pk}": "Provisional",
            f"commentary_{l2.pk}": "Two assessors left.",
        },
    )
    assert response.status_code == 302
    assert IndicatorValue.objects.get(indicator=one_b).value == Decimal("75.0000")
    assert IndicatorValue.objects.get(indicator=l2).note == "Provisional"
    assert Commentary.objects.get(indicator=l2, quarter=2).text == "Two assessors left."
    client.post("/performance/figures/2025/q2/", {f"numerator_{one_b.pk}": "300", f"denominator_{one_b.pk}": "400"})
    assert not IndicatorValue.objects.filter(indicator=l2).exists()


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"numerator_1B": "500", "denominator_1B": "400"}, "1B: the numerator must not be more than the denominator"),
        ({"numerator_1B": "5", "denominator_1B": "0"}, "1B: the denominator must be more than 0"),
        ({"denominator_1B": "400"}, "1B: enter the numerator too, or neither"),
        ({"value_L2": "-3"}, "L2: value (days) must be 0 or more"),
        ({"value_L2": "soon"}, "L2: value (days) must be a number"),
    ],
)
def test_bad_figures_are_refused_with_a_clear_error_and_nothing_saved(client, reporter, fields, message):
    client.force_login(reporter)
    data = {f"{k.split('_')[0]}_{indicator(k.split('_')[1]).pk}": v for k, v in fields.items()}
    response = client.post("/performance/figures/2025/q2/", data)
    assert message in response.content.decode()
    assert not IndicatorValue.objects.exists()


def test_who_may_read_and_who_may_enter(client, reporter, manager, officer, investigator):
    for user, read, enter in [(reporter, 200, 200), (manager, 200, 200), (officer, 200, 404), (investigator, 404, 404)]:
        client.force_login(user)
        assert client.get("/performance/").status_code == read
        assert client.get("/performance/report/?year=2025&quarter=2").status_code == read
        assert client.get("/performance/figures/2025/q2/").status_code == enter
        assert client.get("/performance/national-data/").status_code == enter


def test_targets_and_local_comparators(client, reporter):
    client.force_login(reporter)
    l2, one_b = indicator("L2"), indicator("1B")
    form = client.get("/performance/targets/2025/").content.decode()
    assert f'name="england_{l2.pk}"' in form and f'name="england_{one_b.pk}"' not in form
    client.post("/performance/targets/2025/", {f"target_{one_b.pk}": "80", f"england_{l2.pk}": "28.5"})
    assert Comparator.objects.get(indicator=one_b, year=2025).target == 80
    assert Comparator.objects.get(indicator=l2, year=2025).england == Decimal("28.5")


def test_an_indicator_can_be_added_and_changed(client, reporter):
    client.force_login(reporter)
    data = {
        "code": "L7",
        "objective": "local",
        "name": "Carers' assessments completed",
        "unit": "count",
        "polarity": "higher",
        "threshold": "5",
        "decimals": "0",
        "order": "40",
        "active": "on",
    }
    assert client.post("/performance/indicators/add/", data).status_code == 302
    assert indicator("L7").name == "Carers' assessments completed"
    response = client.post("/performance/indicators/add/", data | {"threshold": "-1"})
    assert "The threshold must be 0 or more" in response.content.decode()
    assert "There is already an indicator with this code" in response.content.decode()


def test_a_malformed_national_file_is_explained_on_the_page(client, reporter):
    client.force_login(reporter)
    upload = SimpleUploadedFile("ascof.csv", b"geography_code,geography_name,measure_code,measure_value\nE1,A,9Z,5\n")
    response = client.post("/performance/national-data/", {"upload": "1", "year": "2025", "file": upload})
    assert "row 2, column measure_code (&#x27;9Z&#x27;): is not a measure in the catalogue" in response.content.decode()


def test_changing_the_peer_group_works_the_comparisons_out_again(client, reporter, tmp_path):
    client.force_login(reporter)
    rows = ["geography_code,geography_name,measure_code,measure_value"]
    rows += [f"E0{i},Council {i},1B,{60 + i}" for i in range(1, 6)]
    upload = SimpleUploadedFile("ascof.csv", "\n".join(rows).encode())
    client.post("/performance/national-data/", {"upload": "1", "year": "2024", "file": upload})
    assert Comparator.objects.get(indicator__code="1B", year=2024).rank is None  # the council's code is not set
    client.post("/performance/national-data/", {"save_settings": "1", "geography_code": "e02", "peers": "E04\nE05"})
    comparator = Comparator.objects.get(indicator__code="1B", year=2024)
    assert (comparator.rank, comparator.quartile, comparator.peer) == (4, 4, Decimal("64.5"))
    assert PerformanceSettings.current().geography_code == "e02"


def test_the_pdf_and_spreadsheet_hold_the_same_appendix(client, reporter):
    put("1A", 2024, "final", "19.0")
    put("1A", 2025, "q1", "19.6")
    client.force_login(reporter)
    pdf = PdfReader(io.BytesIO(client.get("/performance/report/download/pdf/?year=2025&quarter=1").content))
    last = pdf.pages[-1]
    assert float(last.mediabox.width) > float(last.mediabox.height)  # landscape
    text = "\n".join(p.extract_text() for p in pdf.pages)
    assert "Appendix: every indicator" in text and "▲ Improving" in text
    book = load_workbook(io.BytesIO(client.get("/performance/report/download/xlsx/?year=2025&quarter=1").content))
    values = [cell for sheet in book for row in sheet.iter_rows(values_only=True) for cell in row]
    assert "1A Social care-related quality of life score" in values and "▲ Improving" in values


def test_the_dashboard_charts_say_their_values_in_words(client, reporter):
    put("1A", 2024, "final", "19.0")
    put("1A", 2025, "q1", "19.6")
    client.force_login(reporter)
    page = client.get("/performance/?year=2025&quarter=1").content.decode()
    assert 'alt="1A over time. 2023/24: –; 2024/25: 19.0; Q1: 19.6; Q2: –; Q3: –; Q4: –."' in page


def test_values_show_in_their_unit_rounded_half_up(db):
    assert indicator("1B").show(Decimal("72.05")) == "72.1%"
    assert indicator("L2").show(Decimal("27.25")) == "27.3 days"
    assert indicator("L4").show(Decimal("4406.5")) == "4,407"
    assert indicator("1D").show(Decimal("0.405")) == "0.41"
    assert indicator("1A").show(None) == "–"
