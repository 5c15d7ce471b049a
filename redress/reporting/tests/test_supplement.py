"""The annual report dataset's supplement: figures beyond the interchange format."""

import datetime as dt
from decimal import Decimal

from django.db import connection
from django.test.utils import CaptureQueriesContext

from redress.cases.models import Concern, Remedy
from redress.configuration.models import Lookup, LookupList
from redress.learning.models import ActionKind, LearningAction, Level, Status
from redress.ombudsman.models import Decision, OmbudsmanCase, Recommendation, RemedyType
from redress.procedures.models import Procedure
from redress.reporting.dataset import annual_report_dataset
from redress.reporting.models import ReportNarrative

AS_OF = dt.date(2026, 5, 1)


def supplement(year=2025):
    return annual_report_dataset(year, "adult", AS_OF)["supplement"]


def lookup(list_name, label, parent=None):
    return Lookup.objects.get_or_create(list_name=list_name, label=label, parent=parent)[0]


def test_records_start_on_the_first_case_of_the_procedure(make_case):
    assert supplement()["records_start"] is None
    make_case(received=dt.date(2024, 9, 2))
    make_case(received=dt.date(2023, 1, 5), procedure="children")
    assert supplement()["records_start"] == "2024-09-02"


def test_subcategories_count_each_complaint_once_under_their_category(make_case):
    category = lookup(LookupList.CONCERN_CATEGORY, "Communication")
    attitude = lookup(LookupList.CONCERN_CATEGORY, "Attitude of staff", category)
    first, second = make_case(received=dt.date(2025, 6, 2)), make_case(received=dt.date(2025, 6, 3))
    Concern.objects.create(representation=first, category=category, subcategory=attitude)
    Concern.objects.create(representation=first, category=category, subcategory=attitude)
    Concern.objects.create(representation=second, category=category, subcategory=attitude)
    Concern.objects.create(representation=second, category=category)
    assert supplement()["concern_subcategories"] == {"Communication": {"Attitude of staff": 2, "unknown": 1}}


def test_local_remedies_count_complaints_and_sum_their_amounts(make_case):
    apology, payment = lookup(LookupList.REMEDY_TYPE, "Apology"), lookup(LookupList.REMEDY_TYPE, "Payment")
    first, second = make_case(received=dt.date(2025, 6, 2)), make_case(received=dt.date(2025, 6, 3))
    Remedy.objects.create(case=first, kind=payment, amount=Decimal("250.00"))
    Remedy.objects.create(case=first, kind=payment, amount=Decimal("1000.50"))
    Remedy.objects.create(case=second, kind=apology)
    Remedy.objects.create(case=make_case(received=dt.date(2024, 6, 3)), kind=apology)  # last year
    assert supplement()["local_remedies"] == {
        "Apology": {"complaints": 1, "gbp": "0.00"},
        "Payment": {"complaints": 1, "gbp": "1250.50"},
    }


def test_ombudsman_cases_decided_in_the_year_count_whenever_received(db):
    adult = Procedure.objects.get(code="adult")
    old = OmbudsmanCase.objects.create(
        reference="24 000 001", procedure=adult, received=dt.date(2025, 2, 3), decided=dt.date(2025, 5, 1),
        decision=Decision.UPHELD_INJUSTICE, summary="We did not tell the family about direct payments.",
    )  # fmt: skip
    Recommendation.objects.create(case=old, kind=RemedyType.PAYMENT, amount=Decimal("500.00"))
    Recommendation.objects.create(case=old, kind=RemedyType.PAYMENT, amount=Decimal("250.00"))
    OmbudsmanCase.objects.create(reference="25 000 002", procedure=adult, received=dt.date(2025, 8, 1))
    OmbudsmanCase.objects.create(reference="23 000 003", procedure=adult, received=dt.date(2023, 8, 1))
    result = supplement()
    assert result["ombudsman_decided_in_year"]["received"] == 1
    assert result["ombudsman_decided_in_year"]["upheld"] == 1
    assert [(c["reference"], c["received_in_year"], c["remedies_gbp"]) for c in result["ombudsman_cases"]] == [
        ("24 000 001", False, "750.00"),
        ("25 000 002", True, "0.00"),
    ]
    assert result["ombudsman_cases"][0]["summary"] == "We did not tell the family about direct payments."
    assert result["ombudsman_cases"][1]["decision"] == "open"


def test_learning_actions_by_level_type_and_how_they_stand(make_case, officer):
    case = make_case(received=dt.date(2025, 6, 2))
    common = {"case": case, "owner": officer, "what_will_change": "Phone within two days"}
    LearningAction.objects.create(**common, level=Level.TEAM, kind=ActionKind.TRAINING, due=dt.date(2025, 9, 1),
                                  status=Status.COMPLETED, completed=dt.date(2025, 8, 1),
                                  you_said="Nobody rang me back.", we_did="We now ring within two days.",
                                  example_approved_by=officer)  # fmt: skip
    LearningAction.objects.create(**common, level=Level.TEAM, kind=ActionKind.POLICY, due=dt.date(2025, 9, 1),
                                  status=Status.COMPLETED, completed=dt.date(2025, 10, 1),
                                  you_said="Not chosen for the report.", we_did="Hidden.")  # fmt: skip
    LearningAction.objects.create(**common, level=Level.SERVICE, kind=ActionKind.POLICY, due=dt.date(2026, 4, 1))
    LearningAction.objects.create(**common, level=Level.SERVICE, kind=ActionKind.POLICY, due=dt.date(2026, 9, 1))
    learning = supplement()["learning"]
    assert learning["actions"] == 4
    assert learning["by_level"] == {"Service": 2, "Team": 2}
    assert learning["by_type"] == {"Policy change": 3, "Training or briefing": 1}
    assert (learning["completed_on_time"], learning["completed_late"]) == (1, 1)
    assert (learning["open"], learning["overdue"]) == (2, 1)
    assert learning["examples"] == [
        {"you_said": "Nobody rang me back.", "we_did": "We now ring within two days.", "service_area": "unknown"}
    ]


def test_complaints_per_thousand_people_served_when_the_council_enters_them(make_case):
    for day in (2, 3, 4):
        make_case(received=dt.date(2025, 6, day))
    assert supplement()["context"]["complaints_per_1000_served"] is None
    ReportNarrative.objects.create(year=2025, procedure="adult", people_served=7000)
    assert supplement()["context"] == {
        "people_served": 7000,
        "children_in_need": None,
        "long_term_support": None,
        "complaints_per_1000_served": 0.4,
    }


def test_the_supplement_takes_the_same_number_of_queries_for_many_cases(make_case, officer):
    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            supplement()
        return len(captured)

    make_case(received=dt.date(2025, 6, 2))
    few = queries()
    for day in range(3, 20):
        case = make_case(received=dt.date(2025, 6, day))
        LearningAction.objects.create(case=case, owner=officer, what_will_change="x", level=Level.TEAM,
                                      kind=ActionKind.POLICY, due=dt.date(2026, 1, 1))  # fmt: skip
    assert queries() == few
