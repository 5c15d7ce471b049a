"""The performance screens: entering figures, targets and indicators, who may do what, the dashboard."""

import re
from decimal import Decimal

import pytest

from redress.performance.models import Commentary, Comparator, Indicator, IndicatorValue, QuarterlyUpdate

FIGURES = "/performance/figures/2025/q2/"


def indicator(code, part=""):
    return Indicator.objects.get(code=code, part=part)


def put(code, year, period, value, part="", **extra):
    IndicatorValue.objects.create(
        indicator=indicator(code, part), year=year, period=period, value=Decimal(value), **extra
    )


def row(page, first):
    """The cells of the table row whose first cell starts with `first`, as a reader sees them."""
    for found in re.findall(r"<tr class=\"govuk-table__row\">(.*?)</tr>", page, re.S):
        cells = [re.sub(r"<[^>]+>", " ", cell) for cell in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", found, re.S)]
        cells = [" ".join(cell.split()) for cell in cells]
        if cells and cells[0].startswith(first):
            return cells
    raise AssertionError(f"No row for {first}")


def checkbox(page, name):
    return re.search(rf'<input type="checkbox" name="{name}"[^>]*>', page).group()


def test_entering_figures_computes_values_and_clearing_one_removes_it(client, reporter):
    client.force_login(reporter)
    two_e, l2 = indicator("2E"), indicator("L2")
    response = client.post(
        FIGURES,
        {
            f"numerator_{two_e.pk}": "300",
            f"denominator_{two_e.pk}": "400",
            f"value_{l2.pk}": "30",
            f"note_{l2.pk}": "Provisional",
            f"commentary_{l2.pk}": "Two assessors left.",
        },
    )
    assert response.status_code == 302
    assert IndicatorValue.objects.get(indicator=two_e).value == Decimal("75.0000")
    saved = IndicatorValue.objects.get(indicator=l2)
    assert (saved.note, saved.updated_by) == ("Provisional", reporter)
    commentary = Commentary.objects.get(indicator=l2, quarter=2)
    assert (commentary.text, commentary.highlight, commentary.updated_by) == ("Two assessors left.", False, reporter)
    client.post(FIGURES, {f"numerator_{two_e.pk}": "300", f"denominator_{two_e.pk}": "400"})
    assert not IndicatorValue.objects.filter(indicator=l2).exists()


def test_an_accumulating_measure_takes_the_councils_estimate_and_its_count_is_named(client, reporter):
    client.force_login(reporter)
    two_c = indicator("2C")
    form = client.get(FIGURES).content.decode()
    assert "2C: number of admissions" in form
    assert "2C: estimated end of year (if the council projects it otherwise)" in form
    # A snapshot is not projected, so has no estimate to enter.
    assert f'name="estimate_{indicator("2E").pk}"' not in form
    response = client.post(
        FIGURES,
        {
            f"numerator_{two_c.pk}": "176",
            f"denominator_{two_c.pk}": "58600",
            f"estimate_{two_c.pk}": "620",
            f"commentary_{two_c.pk}": "Admissions are higher than planned.",
            f"highlight_{two_c.pk}": "on",
        },
    )
    assert response.status_code == 302
    value = IndicatorValue.objects.get(indicator=two_c, year=2025, period="q2")
    assert (value.numerator, value.value, value.estimate) == (176, Decimal("300.3413"), 620)
    assert Commentary.objects.get(indicator=two_c, year=2025, quarter=2).highlight
    # The form shows what was saved, ticked.
    form = client.get(FIGURES).content.decode()
    assert checkbox(form, f"highlight_{two_c.pk}").endswith(" checked>")
    assert 'value="620.0000"' in form


def test_an_annual_measures_quarter_may_be_left_blank(client, reporter):
    client.force_login(reporter)
    form = client.get(FIGURES).content.decode()
    one_a = form.split("1A Social care-related quality of life")[1].split("</fieldset>")[0]
    assert "measured once a year, so the quarter may be left blank (the report shows NA)" in one_a


def test_the_quarters_words_are_kept_for_the_year_and_quarter(client, reporter):
    client.force_login(reporter)
    words = {"key_changes": "A new front door opened in May.", "engagement": "## Carers' forum\nFifty carers came."}
    assert client.post(FIGURES, words).status_code == 302
    update = QuarterlyUpdate.objects.get(year=2025, quarter=2)
    assert (update.key_changes, update.engagement, update.updated_by) == (
        words["key_changes"],
        words["engagement"],
        reporter,
    )
    assert not QuarterlyUpdate.objects.filter(quarter=1).exists()
    assert "Fifty carers came." in client.get(FIGURES).content.decode()
    assert "Fifty carers came." not in client.get("/performance/figures/2025/q1/").content.decode()


def test_an_error_keeps_everything_typed(client, reporter):
    client.force_login(reporter)
    two_c, l2 = indicator("2C"), indicator("L2")
    response = client.post(
        FIGURES,
        {
            f"numerator_{two_c.pk}": "176",
            f"estimate_{two_c.pk}": "620",
            f"highlight_{two_c.pk}": "on",
            f"commentary_{l2.pk}": "Two assessors left.",
            "engagement": "Fifty carers came.",
        },
    ).content.decode()
    assert "2C: enter the denominator too, or neither" in response
    assert 'value="620"' in response and "Two assessors left." in response and "Fifty carers came." in response
    assert checkbox(response, f"highlight_{two_c.pk}").endswith(" checked>")
    assert not IndicatorValue.objects.exists() and not QuarterlyUpdate.objects.exists()


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"numerator_2E": "500", "denominator_2E": "400"}, "2E: the numerator must not be more than the denominator"),
        ({"numerator_2E": "5", "denominator_2E": "0"}, "2E: the denominator must be more than 0"),
        ({"denominator_2E": "400"}, "2E: enter the numerator too, or neither"),
        ({"denominator_2C": "58600"}, "2C: enter the number of admissions too, or neither"),
        ({"value_L2": "-3"}, "L2: value (days) must be 0 or more"),
        ({"value_L2": "soon"}, "L2: value (days) must be a number"),
        ({"estimate_2C": "600"}, "2C: enter the year so far as well as the estimate"),
        (
            {"numerator_2C": "176", "denominator_2C": "58600", "estimate_2C": "250"},
            "2C: the estimated end of year must not be less than the year so far (300.3)",
        ),
        ({"estimate_2C": "lots"}, "2C: estimated end of year (if the council projects it otherwise) must be a number"),
    ],
)
def test_bad_figures_are_refused_with_a_clear_error_and_nothing_saved(client, reporter, fields, message):
    client.force_login(reporter)
    data = {f"{k.split('_')[0]}_{indicator(k.split('_')[1]).pk}": v for k, v in fields.items()}
    response = client.post(FIGURES, data)
    assert message in response.content.decode()
    assert not IndicatorValue.objects.exists()


def test_who_may_read_and_who_may_enter(client, reporter, manager, officer, investigator):
    for user, read, enter in [(reporter, 200, 200), (manager, 200, 200), (officer, 200, 404), (investigator, 404, 404)]:
        client.force_login(user)
        assert client.get("/performance/").status_code == read
        assert client.get("/performance/report/?year=2025&quarter=2").status_code == read
        assert client.get(FIGURES).status_code == enter
        assert client.get("/performance/national-data/").status_code == enter


def test_targets_and_local_comparators(client, reporter):
    client.force_login(reporter)
    l2, two_d = indicator("L2"), indicator("2D", "part 1")
    form = client.get("/performance/targets/2025/").content.decode()
    assert f'name="england_{l2.pk}"' in form and f'name="england_{two_d.pk}"' not in form
    assert "2D part 1: target" in form
    client.post("/performance/targets/2025/", {f"target_{two_d.pk}": "80", f"england_{l2.pk}": "28.5"})
    assert Comparator.objects.get(indicator=two_d, year=2025).target == 80
    assert Comparator.objects.get(indicator=l2, year=2025).england == Decimal("28.5")


def test_the_indicators_page_names_parts_and_the_previous_framework(client, officer):
    client.force_login(officer)
    page = client.get("/performance/indicators/").content.decode()
    columns = ["Previously", "Unit", "Better", "Accumulates", "Measured once a year"]
    assert row(page, "Code") == ["Code", "Previously", "Indicator", "Objective", *columns[1:]]
    picked = [1, 4, 5, 6, 7]
    assert [row(page, "2D part 1")[i] for i in picked] == ["2B(1)", "Percentage", "Higher", "No", "No"]
    assert [row(page, "1A")[i] for i in picked] == ["1A", "Score", "Higher", "No", "Yes"]
    # Safeguarding concerns: a count shown for context, accumulating through the year.
    assert [row(page, "L4")[i] for i in picked] == ["–", "Count", "Neither", "Yes", "No"]
    assert row(page, "1E Previous framework")[2] == "Adults with learning disabilities in paid employment"
    assert '1E <strong class="govuk-tag govuk-tag--grey">Previous framework</strong>' in page


INDICATOR = {
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


def test_an_indicator_can_be_added_and_changed(client, reporter):
    client.force_login(reporter)
    assert client.post("/performance/indicators/add/", INDICATOR).status_code == 302
    assert indicator("L7").name == "Carers' assessments completed"
    response = client.post("/performance/indicators/add/", INDICATOR | {"threshold": "-1"})
    assert "The threshold must be 0 or more" in response.content.decode()
    assert "There is already an indicator with this code: L7 Carers" in response.content.decode()
    # A part of its own is a measure of its own.
    assert client.post("/performance/indicators/add/", INDICATOR | {"part": "part 1"}).status_code == 302
    l7 = indicator("L7")
    change = client.post(f"/performance/indicators/{l7.pk}/", INDICATOR | {"name": "Carers assessed"})
    assert change.status_code == 302 and indicator("L7").name == "Carers assessed"


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        (
            {"code": "2d", "part": "part 1"},
            "There is already an indicator with this code and part: 2D part 1 Older people (65 and over)",
        ),
        (
            {"code": "", "previous_framework": "on", "previous_code": "1E"},
            "There is already a measure with no code and this previous code: 1E (previous framework) Adults",
        ),
        (
            {"code": "", "previous_framework": "on"},
            "Enter the code in the previous framework: a measure with no code now is named by it",
        ),
        ({"code": ""}, "Enter the code, for example 2D or L7: only a previous framework&#x27;s measure has none"),
        ({"count_beside": "on"}, "Enter the number shown with the value, or untick showing it beside the value"),
        ({"annual": "on", "cumulative": "on"}, "A measure made once a year has no quarters to accumulate"),
    ],
)
def test_an_indicator_that_clashes_or_cannot_be_named_is_refused_and_nothing_saved(client, reporter, changes, message):
    client.force_login(reporter)
    held = Indicator.objects.count()
    response = client.post("/performance/indicators/add/", INDICATOR | changes)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert Indicator.objects.count() == held


def test_the_dashboard_charts_say_their_values_in_words(client, reporter):
    put("2D", 2024, "final", "81.0", part="part 1")
    put("2D", 2025, "q1", "82.6", part="part 1")
    client.force_login(reporter)
    page = client.get("/performance/?year=2025&quarter=1").content.decode()
    assert 'alt="2D part 1 over time. 2023/24: –; 2024/25: 81.0%; Q1: 82.6%; Q2: –; Q3: –; Q4: –."' in page


def test_the_chart_of_an_accumulating_measure_compares_whole_years(client, reporter):
    # 2C: 600 admissions per 100,000 last year; 160 in the first quarter (an estimated 640), and
    # 330 by the second, which the council estimates will be 620 by the end of the year.
    put("2C", 2024, "final", "600.0")
    put("2C", 2025, "q1", "160.0")
    put("2C", 2025, "q2", "330.0", estimate=Decimal("620"))
    client.force_login(reporter)
    page = client.get("/performance/?year=2025&quarter=2").content.decode()
    alt = page.split('alt="2C over time. ')[1].split('"')[0]
    assert "2024/25: 600.0; Q1 (estimated end of year): 640.0; Q2 (estimated end of year): 620.0" in alt
    assert "160.0" not in alt and "330.0" not in alt
    row = page.split('<th scope="row" class="govuk-table__header">2C ')[1].split("</tr>")[0]
    assert '330.0<br><span class="govuk-body-s">estimated end of year 620.0</span>' in row


def test_an_annual_measures_quarter_is_na_and_a_context_measure_is_not_judged(client, reporter):
    put("1A", 2024, "final", "19.0")
    put("L4", 2024, "final", "4000")
    put("L4", 2025, "q1", "1100")
    client.force_login(reporter)
    page = client.get("/performance/?year=2025&quarter=1").content.decode()
    one_a = page.split('<th scope="row" class="govuk-table__header">1A ')[1].split("</tr>")[0]
    assert '<td class="govuk-table__cell govuk-table__cell--numeric">NA</td>' in one_a
    l4 = page.split('<th scope="row" class="govuk-table__header">L4 ')[1].split("</tr>")[0]
    assert l4.count("Not judged") == 2 and "Improving" not in l4 and "Declining" not in l4


@pytest.mark.parametrize("query", ["year=soon", "quarter=5", "year=2025&quarter=x", "year=99999999999999999999"])
def test_a_dashboard_for_no_real_quarter_is_not_found(client, reporter, query):
    client.force_login(reporter)
    assert client.get(f"/performance/?{query}").status_code == 404
