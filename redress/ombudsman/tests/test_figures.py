"""The Ombudsman figures: compliance with remedies case by case, as the Ombudsman counts it, and
the same numbers on the dashboard, the link officer's view and the annual report dataset."""

import datetime as dt
from decimal import Decimal

import pytest

from redress.ombudsman import figures, workflow
from redress.ombudsman.models import Decision, OmbudsmanCase, Recommendation
from redress.procedures.models import Procedure
from redress.reporting.dataset import annual_report_dataset

DECIDED = dt.date(2025, 6, 2)


def decided_case(reference, decision=Decision.UPHELD_INJUSTICE, received=dt.date(2025, 4, 7), remedies=()):
    case = workflow.open_case(reference=reference, procedure=Procedure.objects.get(code="adult"), received=received)
    workflow.record_decision(case, decision, DECIDED)
    for kind, amount, due, completed in remedies:
        Recommendation.objects.create(case=case, kind=kind, amount=amount, due=due, completed=completed)
    return case


@pytest.fixture
def year_of_cases(db):
    due = dt.date(2025, 7, 1)
    return [
        # One remedy late of two: the case counts as late.
        decided_case("A", remedies=[("apology", None, due, due), ("payment", Decimal(300), due, dt.date(2025, 7, 3))]),
        # Both on time.
        decided_case("B", remedies=[("apology", None, due, dt.date(2025, 6, 20)), ("payment", Decimal(150), due, due)]),
        # One done on time, one still to do: outstanding.
        decided_case("C", remedies=[("apology", None, due, due), ("training", None, due, None)]),
        decided_case("D", Decision.NOT_UPHELD),
        decided_case("E", Decision.CLOSED_NO_FURTHER_ACTION),
        workflow.open_case(reference="F", procedure=Procedure.objects.get(code="adult"), received=dt.date(2025, 9, 1)),
    ]


def test_each_case_counts_once_by_its_worst_remedy(year_of_cases):
    a, b, c, d, *_ = year_of_cases
    assert [a.compliance(), b.compliance(), c.compliance(), d.compliance()] == ["late", "on_time", "outstanding", None]
    summary = figures.summarise(OmbudsmanCase.objects.all())
    assert summary == {
        "received": 6,
        "decided": 5,
        "decisions": {"upheld_injustice": 3, "closed_no_further_action": 1, "not_upheld": 1, "open": 1},
        "upheld": 3,
        "not_upheld": 1,
        "upheld_rate": 0.75,
        "remedies_gbp": "450.00",
        "remedies_completed_on_time": 1,
        "remedies_late": 1,
        "remedies_outstanding": 1,
        "responses_on_time": 0,
        "responses_late": 0,
        "remedies_by_type": {},
    }


def test_the_annual_report_dataset_has_the_same_ombudsman_figures(year_of_cases):
    dataset = annual_report_dataset(2025, "adult", as_of=dt.date(2026, 3, 31))
    assert dataset["ombudsman"] == figures.summarise(OmbudsmanCase.objects.all())
    # Cases are counted in the year they were received.
    assert annual_report_dataset(2024, "adult", as_of=dt.date(2026, 3, 31))["ombudsman"]["received"] == 0


def test_payments_made_count_only_completed_payments(year_of_cases):
    assert figures.paid(OmbudsmanCase.objects.all()) == Decimal(450)
    Recommendation.objects.filter(amount=Decimal(150)).update(completed=None)
    assert figures.paid(OmbudsmanCase.objects.all()) == Decimal(300)


def test_answers_to_the_ombudsman_on_time_and_late(db):
    case = workflow.open_case(
        reference="G", procedure=Procedure.objects.get(code="adult"), received=dt.date(2025, 5, 5)
    )
    workflow.record_response(case, dt.date(2025, 5, 9))  # due Thursday 8 May
    other = workflow.open_case(reference="H", procedure=case.procedure, received=dt.date(2025, 5, 5))
    workflow.record_response(other, dt.date(2025, 5, 8))
    assert figures.responses(dt.date(2025, 4, 1), dt.date(2026, 3, 31)) == {"on_time": 1, "late": 1}
    assert figures.responses(dt.date(2026, 4, 1), dt.date(2027, 3, 31)) == {"on_time": 0, "late": 0}


def test_the_dashboard_shows_overdue_answers_and_remedies(year_of_cases, link_officer, manager):
    Recommendation.objects.filter(kind="training").update(owner=manager)
    today = dt.date(2025, 9, 10)  # case F's enquiry answer was due on 4 September
    panel = figures.dashboard(link_officer, today)
    assert (panel["open"], panel["answers_overdue"], panel["remedies_overdue"]) == (2, 1, 1)
    assert (panel["year"]["remedies_completed_on_time"], panel["year"]["remedies_late"]) == (1, 1)
    # The owner sees only the remedy they own; someone who owns none sees no panel.
    assert [str(r) for r in figures.dashboard(manager, today)["mine"]] == ["Training"]
    Recommendation.objects.update(owner=None)
    assert figures.dashboard(manager, today) is None
