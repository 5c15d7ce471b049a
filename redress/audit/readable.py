"""Audit entries in the words a complaints officer uses.

"Document added: letter.pdf", "Investigating officer: Sam Patel": fields by their names, linked
records by what they are called, choices by their labels, dates as dates. Never a primary key,
a reverse relation ("intake.Attachment.None") or a raw code. Linked records are looked up once
per kind for the whole trail, not once per entry.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from auditlog.models import LogEntry
from django.conf import settings
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import models
from django.db.models import ForeignObjectRel
from django.utils import timezone

from .registry import ADDED, CHANGED, OPENED, ORIGINS, REMOVED, Record, record_for

# The record whose page the trail is on is "the case", not a name.
ABOUT_THE_CASE = {
    ADDED: "Case created",
    CHANGED: "Case changed",
    REMOVED: "Case deleted",
    OPENED: "Viewed the case",
}
M2M_OPERATIONS = {"add": "Added", "delete": "Removed"}


@dataclass(frozen=True)
class Change:
    field: str
    before: str
    after: str


@dataclass
class TrailEntry:
    when: dt.datetime
    who: str
    what: str
    changes: list[Change] = field(default_factory=list)

    @property
    def rows(self) -> list[Change]:
        """At least one row, for a table with a line per change."""
        return self.changes or [Change("", "", "")]


def readable(entries: Iterable[LogEntry], subject: models.Model | None = None) -> list[TrailEntry]:
    """The trail of `subject` (the case whose page it is), newest first, ending with where the
    case came from when that is known apart from its entries (registry.register_origin)."""
    entries = list(entries)
    names = _linked_names(entries)
    trail = [_entry(entry, subject, names) for entry in entries]
    origin = ORIGINS.get(type(subject))
    first = origin(subject) if origin else None
    if first:
        trail.append(first)
    return trail


def _entry(entry: LogEntry, subject, names: dict) -> TrailEntry:
    model = entry.content_type.model_class()
    record = record_for(model)
    if subject is not None and model is type(subject) and entry.object_id == subject.pk:
        what = ABOUT_THE_CASE.get(entry.action, ABOUT_THE_CASE[CHANGED])
    else:
        what = record.phrase(entry.action).format(noun=record.noun, name=record.name(entry.object_repr))
    who = str(entry.actor) if entry.actor else (entry.actor_email or record.unattended)
    changes = [] if entry.action == OPENED or model is None else _changes(entry, model, record, names)
    return TrailEntry(when=entry.timestamp, who=who, what=what, changes=changes)


def _changes(entry: LogEntry, model, record: Record, names: dict) -> list[Change]:
    # A new or deleted record lists only the values it had; a change shows before and after.
    whole_record = entry.action in (ADDED, REMOVED)
    changes = []
    for name, values in (entry.changes_dict or {}).items():
        model_field = _field(model, name)
        if model_field is None or name in record.hidden:
            continue
        label = record.label(model_field)
        if isinstance(values, dict):
            # Many-to-many: {"type": "m2m", "operation": "add", "objects": [names]}.
            verb = M2M_OPERATIONS.get(values.get("operation"), "Changed")
            changes.append(Change(label, "", f"{verb}: {', '.join(map(str, values.get('objects', [])))}"))
            continue
        if whole_record:
            value = values[1] if entry.action == ADDED else values[0]
            # Blank fields and unticked boxes are not worth a line each.
            if value is None or value is False or value in ("", "None", "False"):
                continue
            shown = _value(model_field, value, names)
            changes.append(Change(label, "", shown) if entry.action == ADDED else Change(label, shown, ""))
            continue
        before, after = (_value(model_field, value, names) for value in values)
        if before != after:
            changes.append(Change(label, before or "(blank)", after or "(blank)"))
    return sorted(changes, key=lambda change: change.field)


def _field(model, name: str) -> models.Field | None:
    """The model field an entry names, or None for what no officer needs to see: the primary key,
    reverse relations (recorded on creation as "intake.Attachment.None"), fields since removed."""
    try:
        model_field = model._meta.get_field(name)
    except FieldDoesNotExist:
        return None
    if isinstance(model_field, ForeignObjectRel) or model_field.primary_key:
        return None
    return model_field


def _value(model_field: models.Field, value, names: dict) -> str:
    if value in (None, "", "None"):
        return ""
    if model_field.many_to_one or model_field.one_to_one:
        related = model_field.related_model
        return names.get((related, _pk(model_field, value)), f"(a deleted {related._meta.verbose_name})")
    if model_field.choices:
        labels = {str(key): label for key, label in model_field.flatchoices}
        return str(labels.get(str(value), value))
    kind = model_field.get_internal_type()
    if kind == "BooleanField":
        return "Yes" if value in (True, "True") else ("No" if value in (False, "False") else str(value))
    if kind == "DateField":
        return _date(value)
    if kind == "DateTimeField":
        return _datetime(value)
    if kind == "JSONField":
        return "(changed)"
    text = str(value)
    limit = settings.AUDITLOG_CHANGE_DISPLAY_TRUNCATE_LENGTH
    return text if len(text) <= limit else text[:limit] + "…"


def _date(value) -> str:
    try:
        return f"{dt.date.fromisoformat(str(value)[:10]):%-d %B %Y}"
    except ValueError:
        return str(value)


def _datetime(value) -> str:
    # django-auditlog keeps times as naive UTC.
    try:
        moment = dt.datetime.fromisoformat(str(value))
    except ValueError:
        return str(value)
    if timezone.is_naive(moment):
        moment = moment.replace(tzinfo=dt.UTC)
    return f"{timezone.localtime(moment):%-d %B %Y %H:%M}"


def _pk(model_field: models.Field, value):
    try:
        return model_field.target_field.to_python(value)
    except (ValidationError, TypeError, ValueError):
        return None


def _linked_names(entries: list[LogEntry]) -> dict:
    """What each linked record (an officer, a service area, a lookup) is called, in one query per
    kind of record across all the entries."""
    wanted: dict[type[models.Model], set] = defaultdict(set)
    for entry in entries:
        model = entry.content_type.model_class()
        if model is None or entry.action == OPENED:
            continue
        for name, values in (entry.changes_dict or {}).items():
            model_field = _field(model, name)
            if model_field is None or not (model_field.many_to_one or model_field.one_to_one):
                continue
            for value in values if isinstance(values, list) else ():
                pk = _pk(model_field, value)
                if pk is not None:
                    wanted[model_field.related_model].add(pk)
    names = {}
    for related, pks in wanted.items():
        # A lookup's name includes its parent's ("Communication > Delay"): fetch them together.
        parents = [f.name for f in related._meta.concrete_fields if f.many_to_one and f.related_model is related]
        for item in related._default_manager.select_related(*parents).filter(pk__in=pks):
            names[(related, item.pk)] = str(item)
    return names
