"""The two processes that run beside the web server: the worker, which runs queued tasks, and
the scheduler, which queues the daily run and sends the outbox every minute.

Neither stops on a database error. django_tasks_db's own `db_worker` exits on the first one it
does not expect ("database is locked" as it starts its transaction on SQLite, "connection
refused" on PostgreSQL), and everything queued behind it then waits for someone to restart it.
These loops wait instead, longer after each failure in a row, and carry on when the database is
back."""

from __future__ import annotations

import datetime as dt
import logging
import random
import time
from collections.abc import Callable

from django.db import DatabaseError, IntegrityError, OperationalError, close_old_connections, connections, transaction
from django.utils import timezone
from django_tasks_db.management.commands import db_worker
from django_tasks_db.models import DBTaskResult
from django_tasks_db.utils import exclusive_transaction, is_locked_database_exception

from redress.intake.tasks import forget_abandoned_forms
from redress.retention.tasks import anonymise_closed_cases

from .models import DailyRun
from .reminders import send_outbox
from .tasks import daily_reminders

log = logging.getLogger(__name__)
TICK = 60  # seconds between the scheduler's checks, so a waiting email goes within a minute


class Backoff:
    """How long to wait after a database error: `first` seconds, doubling after each failure in
    a row up to `longest`, and back to `first` once something works."""

    def __init__(self, first: float = 1, longest: float = 60, sleep: Callable[[float], None] = time.sleep):
        self.first, self.longest, self.sleep = first, longest, sleep
        self.delay = first

    def wait(self, error: DatabaseError, who: str) -> None:
        # Only the kind of error: a database's message can quote the values of a row.
        locked = isinstance(error, OperationalError) and is_locked_database_exception(error)
        state = "locked" if locked else "unavailable"
        log.warning("Database %s (%s): the %s tries again in %g s", state, type(error).__name__, who, self.delay)
        # A broken connection is not reused: the next query opens a new one.
        connections.close_all()
        self.sleep(self.delay)
        self.delay = min(self.delay * 2, self.longest)

    def reset(self) -> None:
        self.delay = self.first


class Worker(db_worker.Worker):
    """django_tasks_db's worker, with its loop rewritten so that a database error while claiming
    or finishing a task means waiting and trying again rather than exiting."""

    def __init__(self, *, backoff: Backoff, **options):
        super().__init__(**options)
        self.backoff = backoff

    def run(self) -> None:
        log.info("Starting worker %s for queues %s", self.worker_id, ",".join(self.queue_names))
        if self.startup_delay and self.interval:
            self.backoff.sleep(random.random())  # noqa: S311 - so that workers started together spread out
        while self.running:
            try:
                close_old_connections()
                task_result = self.claim()
                if task_result is not None:
                    self.run_task(task_result)
            except DatabaseError as error:
                self.backoff.wait(error, "worker")
                continue
            self.backoff.reset()
            if self.batch and task_result is None:
                return
            if self.max_tasks is not None and self._run_tasks >= self.max_tasks:
                return
            if self.running and task_result is None:
                self.backoff.sleep(self.interval)

    def claim(self) -> DBTaskResult | None:
        """The next task ready to run, marked as running by this worker so no other takes it."""
        tasks = DBTaskResult.objects.ready().filter(backend_name=self.backend_name)
        if not self.process_all_queues:
            tasks = tasks.filter(queue_name__in=self.queue_names)
        if self.excluded_queue_names:
            tasks = tasks.exclude(queue_name__in=self.excluded_queue_names)
        with exclusive_transaction(tasks.db):
            task_result = tasks.get_locked()
            if task_result is not None:
                task_result.claim(self.worker_id)
        return task_result


def scheduler_tick(hour: int) -> dt.date | None:
    """One minute's work: queue the daily run (reminders, forgetting unsent forms, anonymising
    cases past their retention period) once a day from `hour` (London time), and send
    whatever waits in the outbox, such as an email whose own send task was lost. Returns the day
    when it queued the daily run."""
    now = timezone.localtime()
    today, queued = now.date(), None
    if now.hour >= hour:
        try:
            # The day is marked done only with its tasks queued, so a failure is tried again.
            with transaction.atomic():
                DailyRun.objects.create(date=today)
                daily_reminders.enqueue()
                forget_abandoned_forms.enqueue()
                anonymise_closed_cases.enqueue()
        except IntegrityError:
            pass  # already queued today
        else:
            queued = today
    send_outbox()
    return queued


def run_scheduler(hour: int, backoff: Backoff, once: bool = False, say: Callable[[str], None] = log.info) -> None:
    """Run the scheduler's tick every minute; with `once`, until one tick has worked."""
    while True:
        try:
            if day := scheduler_tick(hour):
                say(f"Queued the reminders for {day:%-d %B %Y}")
        except DatabaseError as error:
            backoff.wait(error, "scheduler")
            continue
        backoff.reset()
        if once:
            return
        backoff.sleep(TICK)
