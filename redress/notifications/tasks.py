from django.db import transaction
from django.utils import timezone
from django_tasks import task

from redress.ombudsman.reminders import queue_ombudsman_reminders
from redress.tasks.reminders import queue_task_reminders

from .reminders import queue_reminders, send_outbox


@task()
def daily_reminders() -> None:
    # Saved together, so that they queue one send task rather than one each; sent here straight away.
    with transaction.atomic():
        queue_reminders(timezone.localdate())
        queue_ombudsman_reminders(timezone.localdate())
        queue_task_reminders(timezone.localdate())
    send_outbox()


@task()
def send_messages() -> None:
    """Send what is waiting now: queued when a change that adds a message is saved."""
    send_outbox()
