from django.core.management.base import BaseCommand

from redress.notifications.background import Backoff, run_scheduler


class Command(BaseCommand):
    help = (
        "Every minute, send the emails waiting in the outbox, and once a day (after the given hour) queue "
        "the reminders, clean-up and anonymising of cases past their retention period for the worker. "
        "Waits out database errors rather than stopping."
    )

    def add_arguments(self, parser):
        parser.add_argument("--hour", type=int, default=7, help="the hour of the day to run, London time")
        parser.add_argument("--once", action="store_true", help="check once and stop")
        parser.add_argument(
            "--longest-wait",
            type=float,
            default=60,
            help="the most seconds to wait between tries when the database is down",
        )

    def handle(self, *args, hour, once, longest_wait, **options):
        run_scheduler(hour, Backoff(longest=longest_wait), once=once, say=self.stdout.write)
