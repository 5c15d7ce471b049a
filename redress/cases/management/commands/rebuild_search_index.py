"""Rebuild the case list's search index from every case, after rows were written straight to the
database (a benchmark's people, a restore from elsewhere). Saving through Redress, imports and
anonymisation keep it up to date themselves."""

from django.core.management.base import BaseCommand

from redress.cases.search import rebuild_all


class Command(BaseCommand):
    help = "Rebuild the case list's search index from every case"

    def handle(self, *args, **options):
        done = rebuild_all(report=lambda n: self.stdout.write(f"{n:,} cases indexed"))
        self.stdout.write(self.style.SUCCESS(f"Search index rebuilt: {done:,} cases"))
