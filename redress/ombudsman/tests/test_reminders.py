"""Reminders before a remedy is due, when it is overdue, and before our answer to the Ombudsman is due."""

import datetime as dt

import pytest

from redress.notifications.models import OutboxMessage
from redress.ombudsman import workflow
from redress.ombudsman.models import Decision, Recommendation
from redress.ombudsman.reminders import queue_ombudsman_reminders
from redress.procedures.models import Procedure


@pytest.fixture
def remedy(db, link_officer, make_user):
    owner = make_user("owen", "manager", email="owen@council.example")
    case = workflow.open_case(
        reference="25 007 007", procedure=Procedure.objects.get(code="adult"), received=dt.date(2026, 1, 5)
    )
    workflow.record_response(case, dt.date(2026, 1, 6))
    workflow.record_decision(case, Decision.UPHELD_INJUSTICE, dt.date(2026, 3, 2))
    return Recommendation.objects.create(
        case=case, kind="payment", amount=200, owner=owner, due=dt.date(2026, 3, 30), details="Pay £200"
    )


def sent():
    return sorted((m.to, m.subject) for m in OutboxMessage.objects.all())


def test_the_owner_is_reminded_five_working_days_before_once(remedy):
    queue_ombudsman_reminders(dt.date(2026, 3, 20))  # six working days before Monday 30 March
    assert sent() == []
    queue_ombudsman_reminders(dt.date(2026, 3, 23))
    queue_ombudsman_reminders(dt.date(2026, 3, 24))
    assert sent() == [("owen@council.example", "Ombudsman remedy due 30 March: 25 007 007")]


def test_an_overdue_remedy_goes_to_its_owner_and_the_link_officer(remedy):
    queue_ombudsman_reminders(dt.date(2026, 3, 31))
    assert sent() == [
        ("lena@council.example", "Overdue Ombudsman remedy: 25 007 007"),
        ("owen@council.example", "Overdue Ombudsman remedy: 25 007 007"),
    ]
    remedy.completed = dt.date(2026, 4, 1)
    remedy.save()
    OutboxMessage.objects.all().delete()
    queue_ombudsman_reminders(dt.date(2026, 4, 2))
    assert sent() == []


def test_the_link_officer_is_reminded_before_our_own_deadline(db, link_officer):
    case = workflow.open_case(
        reference="25 008 008", procedure=Procedure.objects.get(code="adult"), received=dt.date(2026, 2, 2)
    )
    workflow.start_stage(case, "investigation", dt.date(2026, 2, 2))  # ours: Thursday 26 February
    queue_ombudsman_reminders(dt.date(2026, 2, 23))
    # The enquiry was never answered, but the case has moved on: only the investigation counts.
    assert sent() == []
    queue_ombudsman_reminders(dt.date(2026, 2, 24))
    assert sent() == [("lena@council.example", "Ombudsman investigation due: 25 008 008")]
    workflow.record_response(case, dt.date(2026, 2, 25))
    OutboxMessage.objects.all().delete()
    queue_ombudsman_reminders(dt.date(2026, 2, 26))
    assert sent() == []


def test_the_daily_run_queues_and_sends_them(remedy, time_machine, mailoutbox):
    from redress.notifications.tasks import daily_reminders

    time_machine.move_to(dt.datetime(2026, 3, 31, 9, 0), tick=False)
    daily_reminders.call()
    assert sorted(m.to[0] for m in mailoutbox) == ["lena@council.example", "owen@council.example"]
