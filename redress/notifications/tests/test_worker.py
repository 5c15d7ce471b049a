"""The worker and the scheduler wait out a locked or unavailable database, longer after each
failure up to a minute, and then send what was waiting; a database error never stops them."""

import datetime as dt
import logging
from unittest import mock
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import OperationalError, connections
from django_tasks_db.models import DBTaskResult

from redress.notifications.background import Backoff, run_scheduler
from redress.notifications.reminders import queue

from .conftest import Stopped, run_worker, sleeps, stop

LONDON = ZoneInfo("Europe/London")
pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _frozen(time_machine):
    time_machine.move_to(dt.datetime(2026, 3, 3, 6, 30, tzinfo=LONDON), tick=False)


def queue_emails(count: int) -> None:
    for number in range(count):
        queue(f"test:{number}", f"officer{number}@council.example", "Acknowledgement late", "See the case.")


@pytest.fixture
def outage(monkeypatch):
    """The database server refusing connections, as PostgreSQL does while it restarts."""
    database = connections["default"]
    connect = database.ensure_connection

    class Outage:
        down = False

        def ensure_connection(self):
            if self.down:
                # What Django raises when the driver cannot connect.
                raise OperationalError('connection to server at "db", port 5432 failed: Connection refused')
            connect()

    outage = Outage()
    monkeypatch.setattr(database, "ensure_connection", outage.ensure_connection)
    return outage


def test_the_worker_waits_out_a_locked_database_and_then_sends_the_emails(database_tasks, database_lock, caplog):
    queue_emails(2)
    assert DBTaskResult.objects.count() == 2  # one send each: they were not saved together
    database_lock.hold()
    slept, sleep = sleeps(None, None, None, database_lock.release)
    with caplog.at_level(logging.WARNING, "redress.notifications.background"):
        run_worker(sleep)
    assert slept == [1, 2, 4, 8]
    assert sorted(m.to[0] for m in mail.outbox) == ["officer0@council.example", "officer1@council.example"]
    assert caplog.messages == [f"Database locked (OperationalError): the worker tries again in {s} s" for s in slept]


def test_the_worker_waits_out_an_unavailable_database_up_to_a_minute_between_tries(database_tasks, outage):
    queue_emails(1)
    outage.down = True
    slept, sleep = sleeps(*[None] * 7, lambda: setattr(outage, "down", False))
    run_worker(sleep)
    assert slept == [1, 2, 4, 8, 16, 32, 60, 60]
    assert [m.to for m in mail.outbox] == [["officer0@council.example"]]


def test_the_longest_wait_can_be_set(database_tasks, outage):
    queue_emails(1)
    outage.down = True
    slept, sleep = sleeps(*[None] * 4, lambda: setattr(outage, "down", False))
    with mock.patch(
        "redress.notifications.management.commands.worker.Backoff",
        lambda longest: Backoff(longest=longest, sleep=sleep),
    ):
        call_command("worker", "--batch", "--no-reload", "--no-startup-delay", "--longest-wait", "5", verbosity=0)
    assert slept == [1, 2, 4, 5, 5]
    assert len(mail.outbox) == 1


def test_the_scheduler_waits_out_a_locked_database_and_starts_again_from_a_second(database_tasks, database_lock):
    # With the worker stopped, the scheduler sends what is waiting.
    queue_emails(1)
    database_lock.hold()

    def another_email_then_locked():
        queue("test:late", "late@council.example", "Acknowledgement late", "See the case.")
        database_lock.hold()

    slept, sleep = sleeps(None, database_lock.release, another_email_then_locked, database_lock.release, stop)
    with pytest.raises(Stopped):
        run_scheduler(hour=7, backoff=Backoff(sleep=sleep))
    # Locked twice, then a minute's wait, then locked once more: the wait after that starts at a second.
    assert slept == [1, 2, 60, 1, 60]
    assert [m.to for m in mail.outbox] == [["officer0@council.example"], ["late@council.example"]]
