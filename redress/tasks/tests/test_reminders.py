"""The daily run emails each person their tasks due that day and overdue, once a day."""

import datetime as dt

import pytest
import time_machine
from django.core import mail
from django.utils import timezone

from redress.notifications.tasks import daily_reminders
from redress.tasks.models import Task

pytestmark = pytest.mark.django_db
DUE = dt.date(2026, 7, 1)  # a Wednesday


@pytest.fixture
def tasks(case, investigator, officer):
    investigator.email, officer.email = "ian@council.example", "olivia@council.example"
    investigator.save()
    officer.save()
    made = {
        "ring": Task.objects.create(case=case, assigned_to=investigator, due=DUE, what="Ring Mrs Hughes back"),
        "chase": Task.objects.create(case=case, assigned_to=investigator, due=DUE - dt.timedelta(days=2), what="x"),
        "later": Task.objects.create(case=case, assigned_to=investigator, due=DUE + dt.timedelta(days=1), what="y"),
        "theirs": Task.objects.create(case=case, assigned_to=officer, due=DUE + dt.timedelta(days=1), what="z"),
    }
    return made


def run_on(day: dt.date, hour: int = 7) -> list:
    with time_machine.travel(dt.datetime(day.year, day.month, day.day, hour, tzinfo=timezone.get_current_timezone())):
        daily_reminders.call()
    return [message for message in mail.outbox if message.subject.startswith("Your tasks")]


def test_on_the_due_day_the_person_is_emailed_their_tasks_due_today_and_overdue(tasks, case):
    assert run_on(DUE - dt.timedelta(days=3)) == []
    [email] = run_on(DUE)
    assert email.to == ["ian@council.example"]
    assert email.subject == "Your tasks: 1 overdue and 1 due today"
    assert f"- {case.reference}: was due Monday 29 June 2026\n  http" in email.body
    assert f"- {case.reference}: due today\n" in email.body
    assert email.body.index("was due Monday") < email.body.index("due today\n")
    assert f"{case.get_absolute_url()}#tasks" in email.body and "/tasks/" in email.body
    # What the task says may name the people the case is about: it stays behind sign-in.
    assert "Hughes" not in email.body


def test_once_a_day_and_again_the_next_day_while_still_not_done(tasks, officer):
    run_on(DUE)
    assert len(run_on(DUE, hour=15)) == 1
    tasks["chase"].mark_done(officer)
    next_day = run_on(DUE + dt.timedelta(days=1))
    assert len(next_day) == 3
    # The one done is no longer in it; yesterday's is now overdue.
    assert sorted(m.subject for m in next_day[1:]) == [
        "Your tasks: 1 due today",
        "Your tasks: 1 overdue and 1 due today",
    ]


def test_done_tasks_and_people_without_email_get_nothing(tasks, officer, investigator):
    for name in ("ring", "chase"):
        tasks[name].mark_done(officer)
    assert run_on(DUE) == []
    investigator.email = ""
    investigator.save()
    assert [m.to for m in run_on(DUE + dt.timedelta(days=1))] == [["olivia@council.example"]]
