import getpass
import sys
import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from redress.imports.labels import MappingFileError, keep_mappings, read_mapping
from redress.imports.readers import ImportFileError, Table
from redress.imports.services import run_import


class ImportCommand(BaseCommand):
    kind = ""

    def add_arguments(self, parser):
        parser.add_argument("file", help="CSV (UTF-8) or XLSX file")
        parser.add_argument("--dry-run", action="store_true", help="check everything, change nothing")
        parser.add_argument("--strict", action="store_true", help="labels the council has not set up are errors")
        parser.add_argument(
            "--mapping",
            metavar="FILE",
            help="CSV with columns list,label,means: labels in the file that mean an entry the council already "
            "has; kept for later imports",
        )

    def handle(self, *args, file, dry_run, strict, verbosity, mapping=None, **options):
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"There is no file at {path}")
        mappings = self.read_mapping(mapping) if mapping else []
        try:
            total = Table(path).estimated_rows()
        except ImportFileError:
            total = 0
        progress = ProgressBar(total, sys.stderr) if verbosity else None
        # The aliases are kept for later files (even if this one is refused for its rows); a dry
        # run changes nothing, so it uses them and then forgets them.
        with transaction.atomic():
            keep_mappings(mappings)
            result = run_import(
                self.kind, path, strict=strict, dry_run=dry_run, command_user=_account(), progress=progress
            )
            if dry_run:
                transaction.set_rollback(True)
        if progress:
            progress.done()
        for error in result.errors:
            self.stderr.write(f"Error: {error}" if error.row else f"Error: {error.message}")
        if result.error_count > len(result.errors):
            self.stderr.write(f"... and {result.error_count - len(result.errors)} more errors")
        if not result.ok:
            raise CommandError(f"{result.error_count} error(s): nothing was imported.")
        counts = ", ".join(f"{n} {what}" for what, n in sorted(result.created.items())) or "nothing"
        verb = "Would import" if dry_run else "Imported"
        self.stdout.write(f"{verb} {result.rows} rows: {counts}.")
        for list_name, labels in result.new_labels.items():
            self.stdout.write(f"New {list_name.lower()}: {', '.join(labels)}")
        if mappings:
            verb = "Would keep" if dry_run else "Kept"
            self.stdout.write(
                f"{verb} {len(mappings)} label mapping{'s' if len(mappings) != 1 else ''} for later imports."
            )
        if dry_run:
            self.stdout.write("Dry run: nothing was changed.")

    def read_mapping(self, mapping: str) -> list:
        if not Path(mapping).is_file():
            raise CommandError(f"There is no mapping file at {mapping}")
        try:
            return read_mapping(mapping)
        except MappingFileError as error:
            for problem in error.problems:
                self.stderr.write(f"Error: {problem}")
            raise CommandError(f"{len(error.problems)} error(s) in the mapping file: nothing was imported.") from None


def _account() -> str:
    """The operating-system account running the command, which the import's record keeps."""
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "unknown account"


class ProgressBar:
    """A one-line progress bar on a terminal; occasional lines in a log."""

    def __init__(self, total: int, stream):
        self.total, self.stream = total, stream
        self.tty = stream.isatty()
        self.started = time.monotonic()
        self.last_shown = 0.0

    def __call__(self, done: int) -> None:
        now = time.monotonic()
        if now - self.last_shown < (0.2 if self.tty else 10):
            return
        self.last_shown = now
        rate = done / max(now - self.started, 1e-6)
        if self.total:
            share = min(done / self.total, 1)
            bar = "#" * int(share * 30)
            line = f"[{bar:<30}] {share:4.0%} {done:,}/{self.total:,} rows, {rate:,.0f} rows/s"
        else:
            line = f"{done:,} rows, {rate:,.0f} rows/s"
        self.stream.write(("\r" + line) if self.tty else line + "\n")
        self.stream.flush()

    def done(self) -> None:
        if self.tty:
            self.stream.write("\n")
