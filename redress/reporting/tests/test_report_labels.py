"""The annual report names outcomes and Ombudsman decisions as the models do."""

import datetime as dt

import lxml.html
import pytest
import time_machine

from redress.cases.models import Outcome
from redress.ombudsman.models import Decision, OmbudsmanCase
from redress.procedures.models import Procedure
from redress.reporting.build import build_report
from redress.reporting.dataset import annual_report_dataset
from redress.reporting.renderers.html import render_html


@pytest.fixture(autouse=True)
def today():
    with time_machine.travel(dt.datetime(2026, 5, 1, 12, tzinfo=dt.UTC)):
        yield


def table_rows(html: str, caption: str) -> dict[str, str]:
    table = lxml.html.fromstring(html).xpath(f"//table[caption[contains(., '{caption}')]]")[0]
    return {row[0].text_content().strip(): row[-1].text_content().strip() for row in table.xpath(".//tbody/tr")}


def test_every_ombudsman_decision_is_named_with_the_model_label_in_the_report(db, make_case):
    adult = Procedure.objects.get(code="adult")
    for number, decision in enumerate(Decision, start=1):
        OmbudsmanCase.objects.create(
            reference=f"25 000 {number:03}",
            procedure=adult,
            received=dt.date(2025, 5, number),
            decided=dt.date(2025, 12, number),
            decision=decision,
        )
    OmbudsmanCase.objects.create(reference="25 000 100", procedure=adult, received=dt.date(2026, 3, 2))
    dataset = annual_report_dataset(2025, "adult", dt.date(2026, 4, 30))
    report = build_report(dataset)
    table = next(t for t in report.tables() if t.key == "ombudsman-decisions")
    # This year's column: each of the 10 cases is 1 (10%).
    expected = {decision.label: "1 (10%)" for decision in Decision} | {"Not yet decided": "1 (10%)"}
    assert {row[0]: row[-1] for row in table.rows if row[0] != "Total"} == expected
    assert table_rows(render_html(report, standalone=True), "Ombudsman decisions") == expected | {"Total": "10"}


def test_complaint_outcomes_are_named_with_the_model_labels_in_the_report(db, make_case):
    for outcome in Outcome:
        make_case(procedure="adult", received=dt.date(2025, 6, 2), outcome=outcome, closed=dt.date(2025, 7, 1))
    report = build_report(annual_report_dataset(2025, "adult", dt.date(2026, 4, 30)))
    outcomes = next(t for t in report.tables() if t.key == "outcomes")
    assert [row[0] for row in outcomes.rows] == [*Outcome.labels, "Still open", "Total"]
