import pytest

from redress.accounts.models import User
from redress.cases.models import Outcome
from redress.learning.models import LearningDecision, Status
from redress.learning.rules import closure_blockers


@pytest.mark.parametrize("outcome", [Outcome.UPHELD, Outcome.PARTIALLY_UPHELD])
def test_well_founded_complaint_without_learning_cannot_be_closed(make_case, outcome):
    case = make_case(outcome=outcome)
    [message] = closure_blockers(case)
    assert case.get_outcome_display().lower() in message


@pytest.mark.parametrize("outcome", [Outcome.NOT_UPHELD, Outcome.WITHDRAWN, ""])
def test_complaint_not_found_at_fault_needs_no_learning(make_case, outcome):
    assert closure_blockers(make_case(outcome=outcome)) == []


def test_upheld_complaint_with_a_learning_action_may_close(make_case, make_action, officer):
    case = make_case(outcome=Outcome.UPHELD)
    make_action(case, officer, status=Status.PLANNED)
    assert closure_blockers(case) == []


def test_cancelled_learning_action_does_not_count(make_case, make_action, officer):
    case = make_case(outcome=Outcome.PARTIALLY_UPHELD)
    make_action(case, officer, status=Status.CANCELLED)
    assert len(closure_blockers(case)) == 1


def test_recorded_reason_for_no_learning_lets_upheld_complaint_close(make_case, officer: User):
    case = make_case(outcome=Outcome.UPHELD)
    LearningDecision.objects.create(
        case=case, no_learning_reason="One-off error, already put right", recorded_by=officer
    )
    assert closure_blockers(case) == []
