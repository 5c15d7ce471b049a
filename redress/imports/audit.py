"""Imports on the audit trail: one entry per import (services.record_import), and on each case
it made, where the case came from."""

from django.utils import timezone

from redress.audit.readable import Change, TrailEntry
from redress.audit.registry import register_origin
from redress.cases.models import Representation

from .models import ImportedCase


def imported_from(case: Representation) -> TrailEntry | None:
    link = ImportedCase.objects.filter(case=case).select_related("job__uploaded_by").first()
    if link is None:
        return None
    job = link.job
    when = job.finished or job.created
    return TrailEntry(
        when=when,
        who=job.imported_by,
        what=(
            f"Imported from {job.original_name} (import {job.pk}) by {job.imported_by} "
            f"on {timezone.localtime(when):%-d %B %Y}"
        ),
        changes=[
            Change("Row in the file", "", str(link.row)),
            Change("SHA-256 fingerprint", "", job.sha256),
        ],
    )


register_origin(Representation, imported_from)
