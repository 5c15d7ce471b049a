import datetime as dt

import pytest
from auditlog.models import LogEntry

from redress.learning.models import LearningAction, Status

from .conftest import TODAY


@pytest.mark.time_machine(TODAY)
def test_overdue_means_open_and_due_before_today(make_case, make_action, officer):
    case = make_case()
    yesterday = make_action(case, officer, due=dt.date(2026, 3, 19))
    make_action(case, officer, due=dt.date(2026, 3, 20))
    make_action(case, officer, due=dt.date(2026, 3, 1), status=Status.COMPLETED, evidence="Done")
    make_action(case, officer, due=dt.date(2026, 3, 1), status=Status.CANCELLED)
    in_progress = make_action(case, officer, due=dt.date(2026, 3, 2), status=Status.IN_PROGRESS)

    overdue = LearningAction.objects.overdue(dt.date(2026, 3, 20))
    assert set(overdue) == {yesterday, in_progress}
    assert yesterday.is_overdue and not LearningAction.objects.get(due=dt.date(2026, 3, 20)).is_overdue
    assert LearningAction.objects.open().count() == 3
    assert LearningAction.objects.counts(dt.date(2026, 3, 20)) == {"open": 3, "overdue": 2, "completed": 1}


def test_staff_see_actions_on_cases_they_may_see_and_those_they_own(
    make_case, make_action, officer, investigator, manager
):
    allocated = make_action(make_case(investigating_officer=investigator), officer)
    owned = make_action(make_case(), investigator)
    hidden = make_action(make_case(), manager)

    assert set(LearningAction.objects.for_user(investigator)) == {allocated, owned}
    assert set(LearningAction.objects.for_user(officer)) == {allocated, owned, hidden}


def test_changes_to_an_action_are_logged_against_its_case(make_case, make_action, officer):
    case = make_case()
    action = make_action(case, officer)
    action.status = Status.IN_PROGRESS
    action.save()
    entries = LogEntry.objects.get_for_object(action)
    assert entries.count() == 2
    assert all(entry.additional_data == {"case": case.pk} for entry in entries)
