"""Anonymising closed cases once the council no longer needs to know who they were about (UK GDPR,
storage limitation).

What goes: names, contact details, addresses, dates of birth, everything written in words (the
summary, concerns, event reasons, notes, tasks, the online form's answers, letters), files, and on request
the equality monitoring answers. What stays: what reports count (dates, stage, outcomes, procedure,
service area, categories, kind, remedies' types and amounts, the Ombudsman's decisions), and words
written to be published and approved as naming no one (a compliment's quote, "you said, we did"),
so that a past year's annual report is the same after as before.

The audit trail keeps the fact of every change, with who and when, but the values of the fields
anonymised are replaced by REMOVED: otherwise django-auditlog's change history would keep what
the case no longer does.
"""

from __future__ import annotations

import datetime as dt
import logging

from auditlog.context import disable_auditlog
from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from redress.audit.trail import history_for_case, history_for_ombudsman_case
from redress.cases import search
from redress.cases.models import (
    CaseEvent,
    Concern,
    ConcernFinding,
    Contact,
    Kind,
    PanelMember,
    PanelRecommendation,
    Person,
    Remedy,
    Representation,
    Restriction,
    StageFinding,
)
from redress.correspondence.models import CaseLetter
from redress.intake.models import Attachment, Contribution, Draft, Submission, TrackingCode
from redress.learning.models import LearningAction, LearningDecision
from redress.notifications.models import OutboxMessage
from redress.ombudsman.models import Document, OmbudsmanCase, Recommendation
from redress.tasks.models import Task

from .models import Anonymisation, LegalHold, RetentionRules, period_start

log = logging.getLogger(__name__)

REMOVED = "(removed)"
RETENTION_REASON = "Its retention period ended"

# The fields blanked, by model. Staff names on records (officers, who approved what) stay: they
# are the council's record of its own work, kept under its staff rules.
BLANKED: dict[type[models.Model], tuple[str, ...]] = {
    Person: ("first_name", "last_name", "date_of_birth", "email", "phone", "address", "postcode"),
    Representation: ("summary", "redirection_details", "staff_named", "independent_person"),
    Concern: ("description",),
    ConcernFinding: ("narrative",),
    StageFinding: ("narrative",),
    # Panel members are independent people, not staff: their names go with the case's.
    PanelMember: ("name",),
    PanelRecommendation: ("text", "reasons"),
    CaseEvent: ("reason",),
    Contact: ("with_whom", "summary"),
    Remedy: ("details", "approved_by"),
    Submission: ("support_needs", "language", "consent_details", "what_happened", "desired_outcome", "answers"),
    Contribution: ("text",),
    LearningAction: ("what_will_change", "evidence"),
    LearningDecision: ("no_learning_reason",),
    Task: ("what",),
    OmbudsmanCase: ("investigator",),
    Recommendation: ("details", "evidence"),
}
EQUALITY = ("su_age", "su_sex", "su_ethnicity", "su_disability", "su_primary_support_reason")
# Kept on the record when approved for publishing, but earlier drafts in the trail are not.
PUBLISHED = {Representation: ("quote",), LearningAction: ("you_said", "we_did")}
# Values the trail holds that the record no longer does: the people a case pointed to, the
# names of files and the subjects of letters deleted, contact restrictions' terms.
ALSO_IN_THE_TRAIL = {
    Representation: ("complainant", "service_user"),
    Attachment: ("name", "description"),
    Document: ("name",),
    CaseLetter: ("subject",),
    Restriction: ("terms",),
}
# Models whose name in the trail (the entry's object_repr) comes from what is removed.
NAMED_FROM_PERSONAL_DATA = {Person, Attachment, Document, LearningAction, Task}


class CannotAnonymise(ValueError):
    """Why a case cannot be anonymised now."""


def due_for_anonymisation(today: dt.date):
    """The cases whose kind's retention period ended by `today`, that no legal hold in force keeps
    and no open Ombudsman case needs, oldest first."""
    rules = RetentionRules.current()
    past = Q(pk__in=[])
    for kind in Kind.values:
        cutoff = rules.cutoff(kind, today)
        # As models.period_start: from closure, or for all but complaints, when received.
        ended = Q(closed__lte=cutoff)
        if kind != Kind.COMPLAINT:
            ended |= Q(closed__isnull=True, received__lte=cutoff)
        past |= Q(kind=kind) & ended
    held = LegalHold.objects.in_force(today).filter(case=OuterRef("pk"))
    ombudsman_open = OmbudsmanCase.objects.open().filter(complaints=OuterRef("pk"))
    return (
        Representation.objects.filter(past, anonymisation__isnull=True)
        .exclude(Exists(held))
        .exclude(Exists(ombudsman_open))
        .order_by("closed", "received", "pk")
    )


def anonymise(case: Representation, *, by=None, reason: str) -> None:
    """Remove the personal details of a case (a complaint once closed), keeping what reports
    count. `by` is the member of staff who asked for it (None: the daily run); `reason` says why,
    in words naming no one."""
    today = timezone.localdate()
    if Anonymisation.objects.filter(case=case).exists():
        return
    if period_start(case) is None:
        raise CannotAnonymise(f"{case.reference} is still open: close it before removing its personal details")
    if LegalHold.objects.in_force(today).filter(case=case).exists():
        raise CannotAnonymise(f"A legal hold keeps {case.reference}: release it first")
    rules = RetentionRules.current()
    with transaction.atomic():
        with disable_auditlog():
            _remove_personal_data(case, rules)
        # With the audit log on: the case's one new entry, saying who, when and why.
        record = Anonymisation.objects.create(case=case, by=by, reason=reason)
        if by is not None:
            LogEntry.objects.get_for_object(record).update(actor=by)


def _remove_personal_data(case: Representation, rules: RetentionRules) -> None:
    equality = not rules.keep_equality_monitoring
    shared = _shared_people(case)
    entries = list(_trail_of(case, shared))
    _remove_people(case, shared)
    _blank(Representation, Representation.objects.filter(pk=case.pk), equality=equality)
    if not case.quote_approved_by_id:
        Representation.objects.filter(pk=case.pk).update(quote="")
    _blank(Concern, Concern.objects.filter(representation=case))
    _blank(ConcernFinding, ConcernFinding.objects.filter(concern__representation=case))
    for model in (
        CaseEvent,
        Contact,
        Remedy,
        StageFinding,
        PanelMember,
        PanelRecommendation,
        Submission,
        Contribution,
        LearningAction,
        LearningDecision,
        Task,
    ):
        _blank(model, model.objects.filter(case=case))
    LearningAction.objects.filter(case=case, example_approved_by__isnull=True).update(you_said="", we_did="")
    # Files go from storage at once: were the transaction to fail, the next run tries again.
    _delete_with_files(Attachment.objects.filter(Q(case=case) | Q(draft__case=case)), "file")
    _delete_with_files(CaseLetter.objects.filter(case=case), "word", "pdf")
    Draft.objects.filter(case=case).delete()
    TrackingCode.objects.filter(case=case).delete()
    OutboxMessage.objects.filter(case=case).delete()  # emails and texts to the person, sent long ago
    for ombudsman_case in case.ombudsman_cases.all():
        if not ombudsman_case.complaints.exclude(pk=case.pk).filter(anonymisation__isnull=True).exists():
            entries += _anonymise_ombudsman_case(ombudsman_case)
    _redact(entries, case, equality=equality)
    # The case list's search no longer finds it by anything personal.
    search.refresh([case.pk])


def anonymise_due(today: dt.date) -> int:
    """The daily run: anonymise every case due today. Returns how many were."""
    done = 0
    for case in due_for_anonymisation(today).iterator():
        try:
            anonymise(case, reason=RETENTION_REASON)
        except Exception:
            # Only the record's number: its reference may be quoted beside a name elsewhere.
            log.exception("Retention: case %s could not be anonymised; the next run tries again", case.pk)
        else:
            done += 1
    log.info("Retention: anonymised %d case(s) past their retention period", done)
    return done


def _trail_of(case: Representation, shared: set[int]):
    """The case's audit entries to redact: all of them, but those of a person who is also part of
    a case not anonymised, whose details stay (with that case)."""
    types = ContentType.objects.get_for_models(Person, Restriction)
    return history_for_case(case).exclude(
        Q(content_type=types[Person], object_id__in=shared)
        | Q(content_type=types[Restriction], object_id__in=Restriction.objects.filter(person__in=shared).values("pk"))
    )


def _shared_people(case: Representation) -> set[int]:
    mine = {pk for pk in (case.complainant_id, case.service_user_id) if pk}
    others = Representation.objects.exclude(pk=case.pk).filter(anonymisation__isnull=True)
    return {pk for pk in mine if others.filter(Q(complainant=pk) | Q(service_user=pk)).exists()}


def _remove_people(case: Representation, shared: set[int]) -> None:
    """Blank the case's people. Someone also part of a case not anonymised (`shared`) is kept
    for that case, and this one points to a new blank person instead."""
    replacement = {pk: Person.objects.create().pk for pk in shared}
    if replacement:
        Representation.objects.filter(pk=case.pk).update(
            complainant=replacement.get(case.complainant_id, case.complainant_id),
            service_user=replacement.get(case.service_user_id, case.service_user_id),
        )
    only_here = {pk for pk in (case.complainant_id, case.service_user_id) if pk} - shared
    _blank(Person, Person.objects.filter(pk__in=only_here))
    Restriction.objects.filter(person__in=only_here).delete()


def _anonymise_ombudsman_case(ombudsman_case: OmbudsmanCase) -> list[LogEntry]:
    """An Ombudsman case all of whose complaints are anonymised: its decision and remedies stay,
    for the Ombudsman's figures; the council's summary stays too, written (as the interchange
    format says) with no personal data, for the annual report that prints it."""
    entries = list(history_for_ombudsman_case(ombudsman_case))
    _blank(OmbudsmanCase, OmbudsmanCase.objects.filter(pk=ombudsman_case.pk))
    _blank(Recommendation, Recommendation.objects.filter(case=ombudsman_case))
    _delete_with_files(Document.objects.filter(case=ombudsman_case), "file")
    return entries


def _blank(model: type[models.Model], rows, equality: bool = False) -> None:
    names = BLANKED[model] + (EQUALITY if equality else ())
    rows.update(**{name: _empty(model._meta.get_field(name)) for name in names})


def _empty(field: models.Field):
    if field.has_default() and not field.null:
        return field.get_default()
    return None if field.null else ""


def _delete_with_files(rows, *file_fields: str) -> None:
    for row in rows:
        for name in file_fields:
            getattr(row, name).delete(save=False)
    rows.delete()


def _redact(entries: list[LogEntry], case: Representation, equality: bool) -> None:
    """Replace the removed values in these audit entries, keeping which fields changed, when and
    by whom, and the entries of records deleted (files, letters) on the case's trail. The address
    an entry was made from is dropped where it was the person's own (no member of staff was signed
    in: the online form, Track your case)."""
    for entry in entries:
        model = entry.content_type.model_class()
        names = set(BLANKED.get(model, ())) | set(PUBLISHED.get(model, ())) | set(ALSO_IN_THE_TRAIL.get(model, ()))
        if model is Representation and equality:
            names |= set(EQUALITY)
        changes = entry.changes_dict or {}
        for name in names & changes.keys():
            changes[name] = _redacted(changes[name])
        LogEntry.objects.filter(pk=entry.pk).update(
            changes=changes or entry.changes,
            changes_text="",
            serialized_data=None,
            additional_data={**(entry.additional_data or {}), "case": case.pk},
            object_repr=REMOVED if model in NAMED_FROM_PERSONAL_DATA else entry.object_repr,
            remote_addr=entry.remote_addr if entry.actor_id else None,
            remote_port=entry.remote_port if entry.actor_id else None,
        )


def _redacted(values):
    if isinstance(values, dict):  # many-to-many: {"type": "m2m", "objects": [names]}
        return {**values, "objects": [REMOVED for _ in values.get("objects", [])]}
    return [value if value in (None, "", "None") else REMOVED for value in values]
