"""What each app puts on the audit trail, how its records reach their case, and in what words.

Apps register their models here rather than with django-auditlog directly (this registers them
there too), so that `trail.history_for_case` finds every entry about a case without knowing
which apps hold records of it, and `readable` can describe each entry as an officer would.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from auditlog.models import LogEntry
from auditlog.registry import auditlog
from django.db import models
from django.utils.text import capfirst

ADDED, CHANGED, REMOVED, OPENED = (
    LogEntry.Action.CREATE,
    LogEntry.Action.UPDATE,
    LogEntry.Action.DELETE,
    LogEntry.Action.ACCESS,
)
# "{noun}" is what the record is ("Document"), "{name}" what it was called when the entry was made.
PHRASES = {
    ADDED: "{noun} added: {name}",
    CHANGED: "{noun} changed: {name}",
    REMOVED: "{noun} removed: {name}",
    OPENED: "{noun} opened: {name}",
}
# The lookup that takes the case to itself, for the case model's own entries.
THE_CASE_ITSELF = ("pk",)


@dataclass(frozen=True)
class Record:
    """How one model appears on the audit trail."""

    model: type[models.Model]
    # Lookups from a record to the case it belongs to ("case", "person__representations_made").
    to_case: tuple[str, ...] = ()
    noun: str = ""
    phrases: dict[int, str] = field(default_factory=dict)
    # Names for fields whose verbose_name an officer would not recognise ("stage1 handler").
    labels: dict[str, str] = field(default_factory=dict)
    # Fields not worth a line: the link to the case it is shown on, a time that repeats When.
    hidden: frozenset[str] = frozenset()
    # On a case's trail, only the entries that change this field (an Ombudsman case linking it).
    only_changes_to: str = ""
    # The record's name as the trail shows it, from its str() when the entry was made.
    name: Callable[[str], str] = str
    # Who did it when no member of staff was signed in.
    unattended: str = "System"

    def phrase(self, action: int) -> str:
        return self.phrases.get(action, PHRASES.get(action, PHRASES[CHANGED]))

    def label(self, model_field: models.Field) -> str:
        return self.labels.get(model_field.name) or capfirst(str(model_field.verbose_name))


RECORDS: dict[type[models.Model], Record] = {}
# For a kind of case, how to find where a case came from when no audit entry says so (an import).
ORIGINS: dict[type[models.Model], Callable] = {}


def register(
    model: type[models.Model],
    *,
    to_case: Iterable[str] = (),
    noun: str = "",
    phrases: dict[int, str] | None = None,
    labels: dict[str, str] | None = None,
    hidden: Iterable[str] = (),
    only_changes_to: str = "",
    name: Callable[[str], str] = str,
    unattended: str = "System",
    **auditlog_options,
) -> None:
    """Put a model on the audit trail; `auditlog_options` (exclude_fields, m2m_fields) go to
    django-auditlog, which records its changes."""
    labels = labels or {}
    # Links from other records to this one (a case's submission, its letters) are not its own
    # fields: django-auditlog would record each as "intake.Attachment.None" on creation, which
    # the trail never shows, and look each one-to-one link up in a query of its own.
    reverse = [f.name for f in model._meta.get_fields() if f.auto_created and not f.concrete]
    exclude = [*auditlog_options.pop("exclude_fields", ()), *reverse]
    auditlog.register(model, mapping_fields=labels, exclude_fields=exclude, **auditlog_options)
    RECORDS[model] = Record(
        model=model,
        to_case=tuple(to_case),
        noun=noun or capfirst(str(model._meta.verbose_name)),
        phrases=phrases or {},
        labels=labels,
        hidden=frozenset(hidden),
        only_changes_to=only_changes_to,
        name=name,
        unattended=unattended,
    )


def register_origin(model: type[models.Model], origin: Callable) -> None:
    """`origin(case)` gives the first entry of a case's trail, or None: where it came from when
    no audit entry records its creation (rows written in bulk by an import)."""
    ORIGINS[model] = origin


def record_for(model: type[models.Model] | None) -> Record:
    if model in RECORDS:
        return RECORDS[model]
    noun = capfirst(str(model._meta.verbose_name)) if model else "Record"
    return Record(model=model, noun=noun)


def case_records() -> list[Record]:
    """Every model whose records are shown on the trail of the case they belong to."""
    return [record for record in RECORDS.values() if record.to_case]
