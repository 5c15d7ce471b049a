from django.core.management.base import BaseCommand
from django.utils import timezone

from redress.retention.anonymising import anonymise_due, due_for_anonymisation


class Command(BaseCommand):
    help = (
        "Anonymise the closed cases whose retention period has ended (the scheduler does this every day). "
        "With --dry-run, list their references and change nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="list the cases due, change nothing")

    def handle(self, *args, dry_run, **options):
        today = timezone.localdate()
        if dry_run:
            due = list(due_for_anonymisation(today).values_list("reference", "kind", "closed"))
            for reference, kind, closed in due:
                self.stdout.write(f"{reference}\t{kind}\tclosed {closed:%-d %B %Y}")
            self.stdout.write(f"{len(due)} case(s) would be anonymised today.")
            return
        self.stdout.write(f"Anonymised {anonymise_due(today)} case(s).")
