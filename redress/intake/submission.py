"""Turning a finished online form into a case in the triage queue, exactly once."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from redress.cases.models import Consent, Kind, Person, Representation
from redress.cases.workflow import recompute
from redress.configuration.models import Council, Lookup, LookupList, ServiceArea
from redress.notifications import reminders
from redress.procedures.models import Procedure

from .files import save_attachment
from .models import Attachment, Contribution, Draft, Submission
from .questions import KIND_NAMES, about_someone_else, current_answers, kind, route


def display(field, value) -> str:
    """An answer as the person chose it: the label of a choice, 'Yes' for a ticked box."""
    if value in (None, ""):
        return ""
    if hasattr(field, "choices") and field.choices:
        return str({str(k): v for k, v in field.choices}.get(str(value), value))
    if value is True:
        return _("Yes")
    if value is False:
        return ""
    return str(value)


def summary(answers: dict, attachment_names: list[str] | None = None) -> list[dict]:
    """Every question on this person's route with its answer, for Check your answers and for staff."""
    rows = []
    young = bool(answers.get("_young"))
    for question in route(answers):
        if question.form is None:
            names = attachment_names or []
            rows.append(
                {"slug": question.slug, "question": str(question.title), "answer": "\n".join(names) or _("None")}
            )
            continue
        form = question.form(young=young, answers=answers)
        given = answers.get(question.slug, {})
        for name, field in form.fields.items():
            answer = display(field, given.get(name))
            if name == "prefer_not" and not answer:
                continue
            rows.append({"slug": question.slug, "question": str(field.label), "answer": answer or _("Not given")})
    return rows


def counting_procedure(kind_chosen: str, service: str, service_area: ServiceArea | None = None) -> Procedure:
    """The procedure a case sent online comes under. A complaint's is the service the person
    chose; a compliment or comment counts in its service area's annual report (interchange 1.1)
    when the area is known and has a default, and otherwise in the report of the service chosen."""
    if kind_chosen != Kind.COMPLAINT and service_area is not None:
        default = service_area.report_procedure()
        if default is not None:
            return default
    # With its stages, which the case's due dates are worked out from.
    return Procedure.objects.prefetch_related("stages").get(code=service)


def _lookup(pk) -> Lookup | None:
    return Lookup.objects.filter(pk=pk).first() if pk else None


def _first_of_each(wanted: dict[str, str]) -> dict[str, Lookup]:
    """The first entry (in list order) labelled as wanted in each list, {list: label}, in one query."""
    matches = Q()
    for list_name, label in wanted.items():
        matches |= Q(list_name=list_name, label__iexact=label)
    found: dict[str, Lookup] = {}
    for lookup in Lookup.objects.filter(matches):
        found.setdefault(lookup.list_name, lookup)
    return found


def acknowledgement(case: Representation, submission: Submission) -> tuple[str, str]:
    """The email that tells the person we have their complaint, compliment or comment."""
    council = Council.current()
    person = case.complainant
    what = KIND_NAMES[case.kind]
    subject = _("We have received your %(what)s: %(reference)s") % {"what": what, "reference": case.reference}
    lines = [
        _("Dear %(name)s,") % {"name": person.first_name},
        "",
        _("Thank you for your %(what)s to %(council)s. Your reference number is %(reference)s.")
        % {"what": what, "council": council.name, "reference": case.reference},
        "",
    ]
    if case.kind == Kind.COMPLAINT:
        days = case.procedure.acknowledgement_days if case.procedure else 3
        lines += [
            _(
                "We will contact you within %(days)s working days to talk about your complaint, what you would "
                "like to happen and when we expect to reply."
            )
            % {"days": days},
            "",
            _("You can see how your complaint is going, and send us more information, at %(url)s")
            % {"url": f"{settings.SITE_URL}/track/"},
            _("You will need your reference number and this email address."),
        ]
        if submission.advocate_requested:
            lines += ["", _("You asked us to find you an advocate. We will arrange this and tell you who it is.")]
    else:
        lines.append(_("We will pass your %(what)s on to the people it is about.") % {"what": what})
    contact = " ".join(filter(None, [council.complaints_phone, council.complaints_email]))
    lines += ["", _("If you need to contact us: %(contact)s") % {"contact": contact or council.name}]
    return subject, "\n".join(lines)


def _people(answers: dict) -> tuple[Person, Person | None]:
    """The person contacting us and, when it is about someone else, that person: not yet saved."""
    details = answers["your-details"]
    complainant = Person(
        first_name=details["first_name"].strip(),
        last_name=details["last_name"].strip(),
        email=details.get("email", ""),
        phone=details.get("phone", ""),
        address=details.get("address", "").strip(),
        postcode=details.get("postcode", "").strip().upper(),
    )
    if not about_someone_else(answers):
        return complainant, None
    them = answers["their-name"]
    return complainant, Person(first_name=them["first_name"].strip(), last_name=them["last_name"].strip())


def _equality(answers: dict) -> dict:
    if answers.get("equality", {}).get("answer") != "yes":
        return {}
    age = answers.get("equality-age", {}).get("age")
    return {
        "su_sex": answers.get("equality-sex", {}).get("sex") or "",
        "su_age": age if age is not None else None,
        "su_ethnicity": _lookup(answers.get("equality-ethnicity", {}).get("ethnicity")),
        "su_disability": answers.get("equality-disability", {}).get("disability") or "",
    }


@dataclass
class Prepared:
    """A finished draft worked out as a case, a submission and its people, none of them saved."""

    answers: dict  # the draft's answers it was worked out from
    attachment_names: list[str]
    case: Representation
    submission: Submission
    complainant: Person
    service_user: Person | None


def _prepare(draft: Draft, attachment_names: list[str], today: dt.date) -> Prepared:
    answers = current_answers(draft.answers)
    chosen = kind(answers)
    complainant, service_user = _people(answers)
    consent = answers.get("consent", {})
    advocate = answers.get("advocate", {}).get("advocate", "")
    relationship = _lookup(answers.get("relationship", {}).get("relationship"))
    wanted = {LookupList.METHOD: "Online form"}
    if relationship is None:
        wanted[LookupList.RELATIONSHIP] = "Service user"
    usual = _first_of_each(wanted)
    case = Representation(
        kind=chosen,
        procedure=counting_procedure(chosen, answers["service"]["service"]),
        received=today,
        method=usual.get(LookupList.METHOD),
        relationship=relationship or usual.get(LookupList.RELATIONSHIP),
        consent=consent.get("consent", Consent.NOT_NEEDED if not about_someone_else(answers) else ""),
        advocate=advocate == "has_one",
        child_or_young_person=bool(answers.get("_young")),
        summary=answers["what-happened"]["what_happened"],
        staff_named=answers.get("staff", {}).get("staff_named", ""),
        **_equality(answers),
    )
    recompute(case, today)
    support = answers.get("support", {})
    submission = Submission(
        young_person=bool(answers.get("_young")),
        advocate_requested=advocate == "wanted",
        preferred_contact=answers["contact"]["preferred"],
        support_needs=support.get("needs", ""),
        language=support.get("language", ""),
        consent_details="\n".join(
            filter(None, [consent.get("reason", ""), answers.get("advocate", {}).get("details", "")])
        ),
        what_happened=answers["what-happened"]["what_happened"],
        desired_outcome=answers.get("outcome", {}).get("outcome", ""),
        answers=summary(answers, attachment_names),
    )
    return Prepared(draft.answers, attachment_names, case, submission, complainant, service_user)


def _attachment_names(draft: Draft) -> list[str]:
    return [attachment.name for attachment in draft.attachments.all()]


def noting_documents(drafts):
    """Drafts with `has_attachments`, whether any document is attached, read in the same query:
    most have none, and their names then need no query of their own."""
    return drafts.annotate(has_attachments=Exists(Attachment.objects.filter(draft=OuterRef("pk"))))


def _names_if_any(draft: Draft) -> list[str]:
    return _attachment_names(draft) if getattr(draft, "has_attachments", True) else []


def _locked(draft_id: int) -> Draft:
    """The draft, locked until the transaction ends."""
    return noting_documents(Draft.objects.select_for_update()).get(pk=draft_id)


def submit(draft: Draft | int, today: dt.date | None = None) -> Representation:
    """Create the case from a finished draft (or the draft with this id) in one transaction, and
    queue the acknowledgement.

    The case is worked out from the answers first, outside the transaction, so that it holds
    its locks (on SQLite, the whole database's) only while it writes: many people can press
    Send at once. The draft row is then locked, so a second press of Send (or a refresh of the
    page that sent it) waits for the first and then finds its case instead of making another;
    answers changed in the meantime (in another tab) are worked out again."""
    today = today or timezone.localdate()
    if not isinstance(draft, Draft) or draft.case_id:
        draft = Draft.objects.select_related("case").get(pk=getattr(draft, "pk", draft))
    if draft.case_id:
        return draft.case
    draft_id = draft.pk
    prepared = _prepare(draft, _names_if_any(draft), today)
    with transaction.atomic():
        draft = _locked(draft_id)
        if draft.case_id:
            return draft.case
        # Documents are added and removed without a change to the draft's row.
        names = _attachment_names(draft) if prepared.attachment_names else _names_if_any(draft)
        if draft.answers != prepared.answers or names != prepared.attachment_names:
            prepared = _prepare(draft, names, today)
        case, submission = prepared.case, prepared.submission
        complainant = prepared.complainant
        complainant.save()
        if prepared.service_user is not None:
            prepared.service_user.save()
        case.complainant, case.service_user = complainant, prepared.service_user or complainant
        case.save()
        submission.case = case
        submission.save()
        if names:
            draft.attachments.update(case=case)
        # The answers now live on the case; the draft keeps only the link to it.
        draft.case, draft.answers = case, {"_submitted": True}
        draft.save(update_fields=["case", "answers"])
        subject, body = acknowledgement(case, submission)
        reminders.queue(f"received:{case.pk}", complainant.email, subject, body, case, new_key=True)
        if complainant.phone and settings.NOTIFY_API_KEY and settings.NOTIFY_SMS_TEMPLATE_ID:
            reminders.queue(
                f"received-sms:{case.pk}",
                complainant.phone,
                subject,
                _("%(council)s: we have received your %(what)s. Your reference number is %(reference)s.")
                % {
                    "council": Council.current().name,
                    "what": case.get_kind_display().lower(),
                    "reference": case.reference,
                },
                case,
                channel="sms",
                new_key=True,
            )
    return case


def add_information(case: Representation, text: str, upload=None) -> Contribution:
    """What the person adds through Track your case, with a note to whoever has the case."""
    with transaction.atomic():
        contribution = Contribution.objects.create(case=case, text=text.strip())
        if upload:
            save_attachment(upload, case=case, contribution=contribution)
        officer = case.investigating_officer
        reminders.queue(
            f"contribution:{contribution.pk}",
            officer.email if officer and officer.email else settings.COMPLAINTS_TEAM_EMAIL,
            f"New information on {case.reference}",
            f"The person who contacted us has added information to {case.reference} online.\n\n"
            + reminders.case_link(case),
            case,
        )
    return contribution
