"""The performance screens: entering figures, targets and indicators, who may do what, the dashboard."""

from decimal import Decimal

import pytest

from redress.performance.models import Commentary, Comparator, Indicator, IndicatorValue


def indicator(code):
    return Indicator.objects.get(code=code)


def put(code, year, period, value):
    IndicatorValue.objects.create(indicator=indicator(code), year=year, period=period, value=Decimal(value))


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


def test_the_dashboard_charts_say_their_values_in_words(client, reporter):
    put("1A", 2024, "final", "19.0")
    put("1A", 2025, "q1", "19.6")
    client.force_login(reporter)
    page = client.get("/performance/?year=2025&quarter=1").content.decode()
    assert 'alt="1A over time. 2023/24: –; 2024/25: 19.0; Q1: 19.6; Q2: –; Q3: –; Q4: –."' in page
