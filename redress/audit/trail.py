"""Who viewed and changed what.

Changes to registered models are recorded by django-auditlog (field, old value, new value,
who and when). Views of a case are recorded explicitly by `record_view`, because only the
view knows that a person looked at a record.
"""

from auditlog.models import LogEntry
from auditlog.signals import accessed
from django.contrib.contenttypes.models import ContentType
from django.db.models import Q

from .registry import case_records


def record_view(instance) -> None:
    """Log that the signed-in user (from the request, via the audit middleware) viewed it."""
    accessed.send(sender=type(instance), instance=instance)


def history_for_case(case):
    """Every audit entry about a case and the records its apps link to it (registry.register's
    `to_case`), newest first: one query, whatever the number of kinds of record."""
    records = case_records()
    types = ContentType.objects.get_for_models(*(record.model for record in records))
    query = Q(pk__in=[])
    for record in records:
        # Entries of records on the case now, and of records since deleted, which said their
        # case when they were (get_additional_data). One subquery a way to the case, so that
        # each reads an index (ORed together they would join every person to every case).
        mine = Q(additional_data__case=case.pk)
        for lookup in record.to_case:
            mine |= Q(object_id__in=record.model._default_manager.filter(**{lookup: case.pk}).values("pk"))
        part = Q(content_type=types[record.model]) & mine
        if record.only_changes_to:
            part &= Q(changes__has_key=record.only_changes_to)
        query |= part
    return LogEntry.objects.filter(query).select_related("actor", "content_type").order_by("-timestamp", "-pk")


def history_for_ombudsman_case(case):
    """Every audit entry about an Ombudsman case, its stages, remedies and documents, newest first."""
    from redress.ombudsman.models import Document, OmbudsmanCase, Recommendation, StageRecord

    types = ContentType.objects.get_for_models(OmbudsmanCase, StageRecord, Recommendation, Document)
    query = Q(content_type=types[OmbudsmanCase], object_id=case.pk) | Q(
        content_type__in=[types[StageRecord], types[Recommendation], types[Document]],
        additional_data__ombudsman_case=case.pk,
    )
    return LogEntry.objects.filter(query).select_related("actor", "content_type").order_by("-timestamp", "-pk")
