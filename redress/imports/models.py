import hashlib
import json
from pathlib import Path

from django.conf import settings
from django.db import models
from django.utils import timezone


class ImportKind(models.TextChoices):
    REPRESENTATIONS = "representations", "Representations"
    OMBUDSMAN = "ombudsman", "Ombudsman cases"


class ImportStatus(models.TextChoices):
    UPLOADED = "uploaded", "Waiting to be checked"
    CHECKING = "checking", "Checking"
    CHECKED = "checked", "Checked: ready to import"
    REJECTED = "rejected", "Has errors: nothing imported"
    IMPORTING = "importing", "Importing"
    IMPORTED = "imported", "Imported"


class ImportJob(models.Model):
    """One file given to Redress to import: who gave it, what checking it found, what it made."""

    kind = models.CharField(max_length=20, choices=ImportKind.choices)
    file = models.FileField(upload_to="imports/", blank=True)
    original_name = models.CharField("File name", max_length=255)
    sha256 = models.CharField("SHA-256 fingerprint", max_length=64, db_index=True)
    strict = models.BooleanField("Only labels already in the council's lists", default=False)
    status = models.CharField(max_length=20, choices=ImportStatus.choices, default=ImportStatus.UPLOADED)
    rows_total = models.PositiveIntegerField("Rows", default=0, help_text="About how many, until it has been read.")
    preview = models.JSONField(null=True, blank=True)
    result = models.JSONField(null=True, blank=True)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL)
    command_user = models.CharField(
        "Run on the command line by",
        max_length=150,
        blank=True,
        help_text="The operating-system account that ran the import command.",
    )
    created = models.DateTimeField(default=timezone.now)
    finished = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} from {self.original_name}"

    @property
    def imported_by(self) -> str:
        if self.uploaded_by_id:
            return str(self.uploaded_by)
        if self.command_user:
            return f"{self.command_user} (command line)"
        return "Command line"

    @property
    def is_running(self) -> bool:
        return self.status in {ImportStatus.UPLOADED, ImportStatus.CHECKING, ImportStatus.IMPORTING}

    def earlier_import(self) -> "ImportJob | None":
        """The same file, imported before: importing it again would duplicate its rows."""
        return (
            ImportJob.objects.filter(kind=self.kind, sha256=self.sha256, status=ImportStatus.IMPORTED)
            .exclude(pk=self.pk)
            .first()
        )

    # Progress is kept in a small file beside the upload, not in the database: the import
    # holds its transaction open until the end, and the progress page must see it move.
    @property
    def progress_path(self) -> Path:
        return Path(settings.MEDIA_ROOT) / "imports" / f"progress-{self.pk}.json"

    def report_progress(self, rows_done: int) -> None:
        path = self.progress_path
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_suffix(".tmp")
        temporary.write_text(json.dumps({"rows_done": rows_done}))
        temporary.replace(path)

    @property
    def rows_done(self) -> int:
        try:
            return json.loads(self.progress_path.read_text())["rows_done"]
        except (OSError, ValueError, KeyError):
            return 0

    @property
    def percent_done(self) -> int:
        if not self.rows_total:
            return 0
        return min(100, round(100 * self.rows_done / self.rows_total))


class ImportedCase(models.Model):
    """Which import, and which row of its file, a case came from. Written with the case's own
    row, in bulk, so that a large import does not need an audit entry per case."""

    job = models.ForeignKey(ImportJob, on_delete=models.PROTECT, related_name="cases")
    case = models.OneToOneField("cases.Representation", on_delete=models.CASCADE, related_name="import_record")
    row = models.PositiveIntegerField("Row in the file")

    def __str__(self) -> str:
        return f"Row {self.row} of {self.job.original_name}"


def file_sha256(path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()
