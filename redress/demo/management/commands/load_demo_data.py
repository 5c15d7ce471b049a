from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from redress.cases.models import Representation
from redress.demo import generate


class Command(BaseCommand):
    help = (
        "Load a demonstration council with three financial years of cases and a sign-in for each role, "
        "then print the sign-ins. Does nothing more if the demonstration is already loaded."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--force", action="store_true", help="run even though DEBUG is off (the demo accounts share a password)"
        )

    def handle(self, *args, force, **options):
        # Demo accounts with a published password must never reach a live installation.
        if not settings.DEBUG and not force:
            raise CommandError(
                "DEBUG is off, so this looks like a live installation: demonstration data and accounts "
                "with a published password are not loaded. Use --force if you really mean it."
            )
        if generate.is_loaded():
            self.stdout.write("The demonstration council is already loaded; nothing added.")
        elif Representation.objects.exists():
            self.stdout.write("The database already holds cases, so no demonstration data was added.")
        else:
            self.write_volumes(generate.load())
        self.write_sign_ins()

    def write_volumes(self, volumes: dict[str, dict[str, int]]) -> None:
        years = list(next(iter(volumes.values()), {}))
        rows = [["Received", *years], *([label, *map(str, row.values())] for label, row in volumes.items())]
        self.stdout.write(self.style.SUCCESS("Loaded the demonstration council (the last year is up to today):"))
        self.table(rows)

    def write_sign_ins(self) -> None:
        rows = generate.sign_ins()
        if not rows:
            return
        self.stdout.write("")
        self.stdout.write(self.style.SUCCESS(f"Demonstration sign-ins for {generate.SITE}"))
        self.table([["Role", "User name", "Password", "Sees"], *rows])
        self.stdout.write("Every other directorate, division and team has a manager account with the same password.")
        self.stdout.write("At its first sign-in each account sets up an authenticator app (two-factor authentication).")

    def table(self, rows: list[list[str]]) -> None:
        widths = [max(len(str(row[i])) for row in rows) for i in range(len(rows[0]))]
        for n, row in enumerate(rows):
            self.stdout.write("  ".join(str(cell).ljust(width) for cell, width in zip(row, widths)).rstrip())
            if n == 0:
                self.stdout.write("  ".join("-" * width for width in widths))
