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
    original_name = models.CharField(max_length=255)
    sha256 = models.CharField(max_length=64, db_index=True)
    strict = models.BooleanField(default=False)
    status = models.CharField(max_length=20, choices=ImportStatus.choices, default=ImportStatus.UPLOADED)
    rows_total = models.PositiveIntegerField(default=0)
    preview = models.JSONField(null=True, blank=True)
    result = models.JSONField(null=True, blank=True)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL)
    created = models.DateTimeField(default=timezone.now)
    finished = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} from {self.original_name}"

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


def file_sha256(path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()
