"""The worker as it runs in production: tasks stored in the database, a worker claiming them."""

import sqlite3

import pytest
from django.db import connection

from redress.notifications.background import Backoff, Worker


@pytest.fixture
def database_tasks(settings, transactional_db):
    """Tasks queue in the database, as in production, instead of running at once. The worker runs
    outside any transaction, as in production: it closes old connections between tasks, which
    inside a test's transaction would close the test's own connection (on PostgreSQL)."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def run_worker(sleep) -> None:
    """One pass of the worker, as `manage.py worker --batch` runs it: until no task is ready."""
    Worker(
        queue_names=["default"],
        excluded_queue_names=[],
        interval=1,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="test-worker",
        backoff=Backoff(sleep=sleep),
    ).run()


class Stopped(Exception):
    """Raised by a test's sleep to end a loop that otherwise runs for ever."""


def stop():
    raise Stopped


def sleeps(*then):
    """A sleep that records how long it was asked to wait and does not wait; after the n-th call
    it runs the n-th of `then` (None for nothing). Returns (the durations, the sleep)."""
    slept = []

    def sleep(seconds: float) -> None:
        slept.append(seconds)
        if len(slept) <= len(then) and then[len(slept) - 1]:
            then[len(slept) - 1]()

    return slept, sleep


class DatabaseLock:
    """A second connection to the test database holding SQLite's write lock, as a long import or
    another process would."""

    def __init__(self):
        self.other = sqlite3.connect(connection.settings_dict["NAME"], uri=True, isolation_level=None)

    def hold(self) -> None:
        self.other.execute("BEGIN EXCLUSIVE")

    def release(self) -> None:
        self.other.execute("ROLLBACK")


@pytest.fixture
def database_lock(transactional_db, monkeypatch):
    if connection.vendor != "sqlite":
        pytest.skip("holds SQLite's lock")
    # On a database in a file (not the usual in-memory test database), fail after waiting this long
    # for the lock, not 20 seconds.
    monkeypatch.setitem(connection.settings_dict["OPTIONS"], "timeout", 0.01)
    connection.close()
    lock = DatabaseLock()
    yield lock
    lock.other.close()
