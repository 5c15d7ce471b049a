"""The daily email to each person listing their tasks due today and overdue."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.urls import reverse

from redress.accounts.models import User
from redress.notifications.reminders import case_link, queue

from .models import Task


def queue_task_reminders(today: dt.date) -> int:
    """One email a person a day. It names each task's case and due date but not what the task
    says, which may name the people the case is about: the text is on the case, behind sign-in."""
    queued = 0
    waiting = Task.objects.open().filter(due__lte=today).values("assigned_to")
    for person in User.objects.filter(pk__in=waiting, is_active=True).exclude(email=""):
        tasks = list(Task.objects.for_person(person).filter(due__lte=today))
        if not tasks:
            continue
        overdue = sum(task.due < today for task in tasks)
        due_today = len(tasks) - overdue
        counts = [f"{n} {label}" for n, label in ((overdue, "overdue"), (due_today, "due today")) if n]
        lines = [
            f"- {task.case.reference}: {'due today' if task.due == today else f'was due {task.due:%A %-d %B %Y}'}\n"
            f"  {case_link(task.case)}#tasks"
            for task in tasks
        ]
        queued += queue(
            f"tasks-due:{person.pk}:{today}",
            person.email,
            f"Your tasks: {' and '.join(counts)}",
            f"You have {len(tasks)} task{'s' if len(tasks) != 1 else ''} to do "
            f"({', '.join(counts)}):\n\n" + "\n".join(lines) + f"\n\nAll your tasks: {settings.SITE_URL}"
            f"{reverse('tasks:mine')}",
        )
    return queued
