import time

from django.core.management.base import BaseCommand
from django.db import IntegrityError
from django.utils import timezone

from redress.intake.tasks import forget_abandoned_forms
from redress.notifications.models import DailyRun
from redress.notifications.tasks import daily_reminders


class Command(BaseCommand):
    help = "Queue the daily reminders and clean-up once a day (after the given hour) for the worker to do."

    def add_arguments(self, parser):
        parser.add_argument("--hour", type=int, default=7, help="the hour of the day to run, London time")
        parser.add_argument("--once", action="store_true", help="check once and stop")

    def handle(self, *args, hour, once, **options):
        while True:
            now = timezone.localtime()
            if now.hour >= hour:
                try:
                    DailyRun.objects.create(date=now.date())
                except IntegrityError:
                    pass  # already queued today
                else:
                    daily_reminders.enqueue()
                    forget_abandoned_forms.enqueue()
                    self.stdout.write(f"Queued the reminders for {now:%-d %B %Y}")
            if once:
                return
            time.sleep(60)
