"""Checking and importing a file: the same steps for the command line and the web."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from auditlog.models import LogEntry
from django.utils import timezone

from .models import ImportJob, ImportKind, ImportStatus, file_sha256
from .ombudsman import import_ombudsman
from .readers import ImportFileError, RowError, Table
from .representations import ImportResult, import_representations


def run_import(
    kind: str,
    path: Path | str,
    *,
    name: str | None = None,
    strict: bool = False,
    dry_run: bool = False,
    user=None,
    command_user: str = "",
    job: ImportJob | None = None,
    progress: Callable[[int], None] | None = None,
) -> ImportResult:
    """Read the file and import it (or only check it, with dry_run). Never partly imports.

    A real import is kept as an ImportJob with an audit entry of who imported which file and how
    many rows it had; each case it makes is linked to it (ImportedCase)."""
    try:
        table = Table(path, name)
    except ImportFileError as error:
        result = ImportResult(dry_run=dry_run)
        result.add_error(RowError(0, "", "", str(error)))
        return result
    if job is None:
        job = ImportJob(
            kind=kind,
            original_name=table.name,
            sha256=file_sha256(path),
            strict=strict,
            uploaded_by=user,
            command_user=command_user,
        )
    earlier = job.earlier_import()
    if earlier:
        result = ImportResult(dry_run=dry_run)
        result.add_error(
            RowError(
                0,
                "",
                "",
                (
                    f"This file was already imported on {timezone.localtime(earlier.created):%-d %B %Y at %H:%M} "
                    f"(import {earlier.pk}). Importing it again would duplicate its rows."
                ),
            )
        )
        return result
    if not dry_run:
        # Saved first, so that the cases it makes can say which import they came from.
        job.status = ImportStatus.IMPORTING
        job.save()
    if kind == ImportKind.REPRESENTATIONS:
        result = import_representations(table, strict=strict, dry_run=dry_run, user=user, progress=progress, job=job)
    else:
        result = import_ombudsman(table, strict=strict, dry_run=dry_run, user=user, progress=progress)
    if not dry_run:
        job.status = ImportStatus.IMPORTED if result.ok else ImportStatus.REJECTED
        job.rows_total = result.rows
        job.result = result.as_dict()
        job.finished = timezone.now()
        job.save()
        record_import(job)
    return result


def record_import(job: ImportJob) -> None:
    """One audit entry for the whole import, however many rows: who, which file, what came of it."""
    facts = {
        "original_name": job.original_name,
        "sha256": job.sha256,
        "rows_total": job.rows_total,
        "status": job.status,
        "uploaded_by": job.uploaded_by_id,
        "command_user": job.command_user,
    }
    LogEntry.objects.log_create(
        job,
        action=LogEntry.Action.CREATE,
        actor=job.uploaded_by,
        changes={name: [None, value] for name, value in facts.items() if value not in (None, "")},
        timestamp=job.finished,
    )


def check_job(job: ImportJob) -> None:
    """The preview: a dry run, whose counts, new labels and errors are kept on the job."""
    job.status = ImportStatus.CHECKING
    job.rows_total = Table(job.file.path, job.original_name).estimated_rows() if _readable(job) else 0
    job.save(update_fields=["status", "rows_total"])
    result = run_import(
        job.kind,
        job.file.path,
        name=job.original_name,
        strict=job.strict,
        dry_run=True,
        user=job.uploaded_by,
        job=job,
        progress=job.report_progress,
    )
    job.preview = result.as_dict()
    job.status = ImportStatus.CHECKED if result.ok else ImportStatus.REJECTED
    job.save(update_fields=["preview", "status"])


def commit_job(job: ImportJob) -> None:
    job.status = ImportStatus.IMPORTING
    job.save(update_fields=["status"])
    job.report_progress(0)
    run_import(
        job.kind,
        job.file.path,
        name=job.original_name,
        strict=job.strict,
        user=job.uploaded_by,
        job=job,
        progress=job.report_progress,
    )


def _readable(job: ImportJob) -> bool:
    try:
        Table(job.file.path, job.original_name)
        return True
    except ImportFileError:
        return False
