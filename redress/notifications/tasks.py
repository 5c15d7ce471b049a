from django.utils import timezone
from django_tasks import task

from redress.ombudsman.reminders import queue_ombudsman_reminders

from .reminders import queue_reminders, send_outbox


@task()
def daily_reminders() -> None:
    queue_reminders(timezone.localdate())
    queue_ombudsman_reminders(timezone.localdate())
    send_outbox()


@task()
def send_messages() -> None:
    """Send what is waiting now, such as the acknowledgement of an online form."""
    send_outbox()
