"""Who viewed and changed what.

Changes to registered models are recorded by django-auditlog (field, old value, new value,
who and when). Views of a case are recorded explicitly by `record_view`, because only the
view knows that a person looked at a record.
"""

from auditlog.models import LogEntry
from auditlog.signals import accessed
from django.contrib.contenttypes.models import ContentType
from django.db.models import Q


def record_view(instance) -> None:
    """Log that the signed-in user (from the request, via the audit middleware) viewed it."""
    accessed.send(sender=type(instance), instance=instance)


def history_for_case(case):
    """Every audit entry about a case, its concerns and the people on it, newest first."""
    from redress.cases.models import Concern, Person, Remedy, Representation
    from redress.learning.models import LearningAction, LearningDecision

    types = ContentType.objects.get_for_models(
        Representation, Concern, Person, Remedy, LearningAction, LearningDecision
    )
    people = [pk for pk in (case.complainant_id, case.service_user_id) if pk]
    query = Q(content_type=types[Representation], object_id=case.pk) | Q(
        content_type=types[Concern], additional_data__case=case.pk
    )
    query |= Q(
        content_type__in=[types[Remedy], types[LearningAction], types[LearningDecision]], additional_data__case=case.pk
    )
    if people:
        query |= Q(content_type=types[Person], object_id__in=people)
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
