"""The daily reminder run: exactly the emails due on a day, once each, retried once on failure."""

import datetime as dt
from unittest import mock

import pytest
from django.core import mail
from django.core.management import call_command

from redress.cases import workflow
from redress.notifications.models import OutboxMessage
from redress.notifications.reminders import queue_reminders, send_outbox

D = dt.date


@pytest.fixture
def cases(make_case, area, investigator, manager, officer):
    """Three children's complaints received on 5 January 2026 (response due 19 January)."""
    investigator.email, manager.email, officer.email = (
        "ian@example.gov.uk",
        "mina@example.gov.uk",
        "olivia@example.gov.uk",
    )
    for person in (investigator, manager, officer):
        person.save()
    team = area("Children's Services > Fostering", manager=manager)
    made = []
    for _ in range(3):
        case = make_case(
            procedure="children",
            received=D(2026, 1, 5),
            acknowledged=D(2026, 1, 6),
            investigating_officer=investigator,
            service_area=team,
        )
        workflow.recompute(case, D(2026, 1, 5))
        case.save()
        made.append(case)
    return made


def test_officer_is_reminded_two_working_days_before_the_due_date(cases):
    assert queue_reminders(D(2026, 1, 14)) == 0
    assert queue_reminders(D(2026, 1, 15)) == 3
    send_outbox()
    assert sorted(m.to[0] for m in mail.outbox) == ["ian@example.gov.uk"] * 3
    assert "response due 19 January" in mail.outbox[0].subject


def test_running_twice_on_a_day_sends_nothing_more(cases):
    queue_reminders(D(2026, 1, 15))
    send_outbox()
    queue_reminders(D(2026, 1, 15))
    send_outbox()
    assert len(mail.outbox) == 3


def test_manager_hears_when_a_response_is_overdue(cases):
    queue_reminders(D(2026, 1, 20))
    send_outbox()
    assert sorted(m.to[0] for m in mail.outbox) == ["mina@example.gov.uk"] * 3
    assert mail.outbox[0].subject.startswith("Overdue:")


def test_complaints_officers_hear_when_an_acknowledgement_is_late(cases, make_case):
    late = make_case(procedure="children", received=D(2026, 1, 12))
    workflow.recompute(late, D(2026, 1, 12))
    late.save()
    queue_reminders(D(2026, 1, 15))  # due 15 January: not late yet
    assert not OutboxMessage.objects.filter(key__startswith="ack-late").exists()
    queue_reminders(D(2026, 1, 16))
    send_outbox()
    late_notes = [m for m in mail.outbox if m.subject == f"Acknowledgement late: {late.reference}"]
    assert [m.to[0] for m in late_notes] == ["olivia@example.gov.uk"]


def test_a_paused_or_answered_case_gets_no_reminder(cases, officer):
    workflow.pause(cases[0], by=officer, date=D(2026, 1, 12), reason="Waiting for consent")
    workflow.respond(cases[1], by=officer, date=D(2026, 1, 14))
    queue_reminders(D(2026, 1, 20))
    assert OutboxMessage.objects.filter(key__startswith="overdue").count() == 1


def test_a_failed_send_is_retried_once_and_never_sent_twice(cases):
    queue_reminders(D(2026, 1, 15))
    with mock.patch("redress.notifications.reminders._email", side_effect=OSError("mail server down")):
        assert send_outbox() == (0, 3)
    assert send_outbox() == (3, 0)
    assert send_outbox() == (0, 0)
    assert len(mail.outbox) == 3


def test_a_message_that_fails_twice_is_kept_with_its_error_and_not_tried_again(cases):
    queue_reminders(D(2026, 1, 15))
    with mock.patch("redress.notifications.reminders._email", side_effect=OSError("mail server down")):
        assert send_outbox() == (0, 3)
        assert send_outbox() == (0, 3)
        assert send_outbox() == (0, 0)
    assert set(OutboxMessage.objects.values_list("attempts", "last_error", "sent")) == {(2, "OSError", None)}


def test_a_rolled_back_change_sends_nothing(cases):
    from django.db import transaction

    with pytest.raises(RuntimeError), transaction.atomic():
        queue_reminders(D(2026, 1, 15))
        raise RuntimeError("the change failed")
    assert not OutboxMessage.objects.exists()


def test_the_scheduler_queues_the_run_once_a_day(cases):
    import time_machine

    with time_machine.travel(dt.datetime(2026, 1, 15, 9, tzinfo=dt.UTC)):
        call_command("scheduler", once=True, hour=7, stdout=mock.MagicMock())
        call_command("scheduler", once=True, hour=7, stdout=mock.MagicMock())
    assert len(mail.outbox) == 3
