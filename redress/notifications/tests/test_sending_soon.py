"""An email goes within a minute of the change that queues it, without waiting for some other
event to start a send: the worker's next pass sends it, and the scheduler's next minute sends
anything left waiting."""

import datetime as dt
import io
from unittest import mock
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import transaction
from django_tasks_db.models import DBTaskResult

from redress.cases import workflow as case_workflow
from redress.notifications.background import Backoff, run_scheduler
from redress.notifications.models import OutboxMessage
from redress.notifications.reminders import queue_reminders
from redress.ombudsman import workflow
from redress.ombudsman.models import Decision, OmbudsmanSettings
from redress.procedures.models import Procedure

from .conftest import Stopped, run_worker, sleeps, stop

LONDON = ZoneInfo("Europe/London")


@pytest.fixture
def ombudsman_case(db):
    settings = OmbudsmanSettings.current()
    settings.monitoring_officer_email = "mo@council.example"
    settings.save()
    return workflow.open_case(
        reference="25 007 007", procedure=Procedure.objects.get(code="adult"), received=dt.date(2026, 1, 5)
    )


def record_fault_causing_injustice(client, case):
    return client.post(
        f"/ombudsman/{case.pk}/decision/",
        {"decision": "upheld_injustice", "decided_day": "2", "decided_month": "3", "decided_year": "2026"},
    )


def test_the_monitoring_officers_email_goes_at_the_workers_next_pass(
    client, ombudsman_case, link_officer, database_tasks, django_capture_on_commit_callbacks, time_machine
):
    time_machine.move_to(dt.datetime(2026, 3, 3, 10, tzinfo=LONDON), tick=False)
    client.force_login(link_officer)
    with django_capture_on_commit_callbacks(execute=True):
        assert record_fault_causing_injustice(client, ombudsman_case).status_code == 302
    assert mail.outbox == []  # queued for the worker, not sent in the request
    call_command("worker", "--batch", "--no-reload", "--no-startup-delay", stdout=io.StringIO())
    assert [(m.to, m.subject) for m in mail.outbox] == [
        (["mo@council.example"], "Ombudsman decision 25 007 007: upheld: fault causing injustice")
    ]
    assert DBTaskResult.objects.get().status == "SUCCESSFUL"


def test_reminders_saved_together_are_sent_by_one_task_at_the_workers_next_pass(
    make_case, investigator, database_tasks, django_capture_on_commit_callbacks, time_machine
):
    time_machine.move_to(dt.datetime(2026, 1, 15, 9, tzinfo=LONDON), tick=False)
    investigator.email = "ian@example.gov.uk"
    investigator.save()
    for _ in range(3):
        case = make_case(
            procedure="children", received=dt.date(2026, 1, 5), acknowledged=dt.date(2026, 1, 6),
            investigating_officer=investigator,
        )  # fmt: skip
        case_workflow.recompute(case, dt.date(2026, 1, 5))
        case.save()
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        assert queue_reminders(dt.date(2026, 1, 15)) == 3
    assert DBTaskResult.objects.count() == 1
    run_worker(sleeps()[1])
    assert [m.to for m in mail.outbox] == [["ian@example.gov.uk"]] * 3


def test_a_rolled_back_change_queues_no_send(ombudsman_case, database_tasks, django_capture_on_commit_callbacks):
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        workflow.record_decision(ombudsman_case, Decision.UPHELD_INJUSTICE, dt.date(2026, 3, 2))
        raise RuntimeError("the change failed")
    assert callbacks == [] and not DBTaskResult.objects.exists() and not OutboxMessage.objects.exists()


def test_an_email_whose_send_was_lost_goes_at_the_schedulers_next_minute(
    client, ombudsman_case, link_officer, time_machine
):
    # Before the hour of the daily run, so nothing else happens in the minute.
    time_machine.move_to(dt.datetime(2026, 3, 3, 6, 30, tzinfo=LONDON), tick=False)
    client.force_login(link_officer)
    record_fault_causing_injustice(client, ombudsman_case)  # its commit (and send task) never comes in a test
    assert OutboxMessage.objects.get(sent__isnull=True).to == "mo@council.example"
    call_command("scheduler", "--once", stdout=io.StringIO())
    assert [m.to for m in mail.outbox] == [["mo@council.example"]]


def test_a_failed_email_is_tried_again_a_minute_later(ombudsman_case, time_machine):
    time_machine.move_to(dt.datetime(2026, 3, 3, 6, 30, tzinfo=LONDON), tick=False)
    workflow.record_decision(ombudsman_case, Decision.UPHELD_INJUSTICE, dt.date(2026, 3, 2))
    slept, sleep = sleeps(lambda: time_machine.shift(60), stop)
    down_once = mock.patch("redress.notifications.reminders._email", side_effect=[OSError("mail server down"), 1])
    with down_once, pytest.raises(Stopped):
        run_scheduler(hour=7, backoff=Backoff(sleep=sleep))
    assert slept == [60, 60]
    message = OutboxMessage.objects.get()
    assert (message.attempts, message.sent) == (2, dt.datetime(2026, 3, 3, 6, 31, tzinfo=LONDON))
