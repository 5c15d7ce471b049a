"""The copy of a person's information (subject access, UK GDPR Article 15): a zip holding a PDF
index of everything found, the files sent with each case and the letters sent, as PDFs.

Other people's information in the same cases (the complainant when the person is the one it is
about, or the other way round, and anyone the words name) is not silently included: their
records are withheld and every passage that names them is flagged for the officer to review and
redact before anything is sent."""

from __future__ import annotations

import hashlib
import logging
import re
import tempfile
import zipfile
from dataclasses import dataclass, field
from pathlib import PurePath

from django.core.files import File
from django.template.loader import render_to_string
from django.utils import timezone

from redress.audit.readable import readable
from redress.audit.trail import history_for_case, history_for_ombudsman_case
from redress.cases.models import ConcernFinding, Person
from redress.configuration.models import Council
from redress.correspondence.models import CaseLetter
from redress.intake.models import Attachment
from redress.ombudsman.models import Document
from redress.pdf import html_to_pdf

from .models import Bundle, BundleStatus, IncludedCase

log = logging.getLogger(__name__)

PERSON_FIELDS = [
    ("first_name", "First name"),
    ("last_name", "Last name"),
    ("date_of_birth", "Date of birth"),
    ("email", "Email address"),
    ("phone", "Phone"),
    ("address", "Address"),
    ("postcode", "Postcode"),
]
EQUALITY_FIELDS = ["su_age", "su_sex", "su_ethnicity", "su_disability", "su_primary_support_reason"]


@dataclass
class Text:
    """Something held, and the other people it names, for redaction review."""

    label: str
    value: str
    names_others: list[str] = field(default_factory=list)


@dataclass
class CaseSection:
    reference: str
    matched_on: str
    details: list[Text] = field(default_factory=list)
    people: list[dict] = field(default_factory=list)
    letters: list[dict] = field(default_factory=list)
    files: list[dict] = field(default_factory=list)
    ombudsman: list[dict] = field(default_factory=list)
    audit: list[dict] = field(default_factory=list)

    @property
    def flagged(self) -> list[str]:
        """Every field that names someone else: the list the officer works through."""
        flags = [f"{item.label}: names {', '.join(item.names_others)}" for item in self.details if item.names_others]
        flags += [f"{p['role']} ({p['name_withheld']}): their details are withheld" for p in self.people if p["third"]]
        flags += [
            f"Letter '{letter['subject']}': names {', '.join(letter['names_others'])}"
            for letter in self.letters
            if letter["names_others"]
        ]
        withheld = sum(1 for entry in self.audit if entry["withheld"])
        if withheld:
            flags.append(f"{withheld} audit entr{'y' if withheld == 1 else 'ies'} about another person: withheld")
        naming = sum(1 for entry in self.audit if entry["names_others"] and not entry["withheld"])
        if naming:
            flags.append(f"{naming} audit entr{'y' if naming == 1 else 'ies'} naming another person")
        return flags


def _names_in(text: str, others: list[Person]) -> list[str]:
    """Which of the other people the words name, by their full name or their last name."""
    found = []
    for person in others:
        names = {str(person), person.last_name} - {"", "Name not recorded"}
        if any(re.search(rf"\b{re.escape(name)}\b", text, re.IGNORECASE) for name in names):
            found.append(str(person))
    return found


def _value(record, name: str) -> str:
    value = getattr(record, name)
    if hasattr(record, f"get_{name}_display"):
        return str(getattr(record, f"get_{name}_display")())
    if hasattr(value, "strftime"):
        return f"{value:%-d %B %Y}"
    if isinstance(value, bool):
        return "Yes" if value else "No"
    return "" if value is None else str(value)


def _safe_name(name: str) -> str:
    return re.sub(r"[^\w.\- ]", "_", PurePath(name.replace("\\", "/")).name)[:120] or "file"


class _Builder:
    def __init__(self, bundle: Bundle, archive: zipfile.ZipFile):
        self.bundle, self.archive = bundle, archive

    def add(self, path: str, data: bytes) -> dict:
        self.archive.writestr(path, data)
        self.bundle.items_done += 1
        self.bundle.save(update_fields=["items_done"])
        return {"path": path, "sha256": hashlib.sha256(data).hexdigest(), "size": len(data)}

    def section(self, included: IncludedCase) -> CaseSection:
        case = included.case
        subjects = set(included.people.values_list("pk", flat=True))
        people = {p.pk: p for p in (case.complainant, case.service_user) if p}
        others = [p for pk, p in people.items() if pk not in subjects]
        section = CaseSection(reference=case.reference, matched_on=included.matched_on)

        def text(label: str, value: str) -> None:
            if value:
                section.details.append(Text(label, value, _names_in(value, others)))

        text("What it is", case.get_kind_display())
        text("Route", case.route)
        text("Date received", _value(case, "received"))
        text("Status", case.status)
        text("Date closed", _value(case, "closed"))
        text("Service area", str(case.service_area or ""))
        text("Outcome", case.get_outcome_display())
        text("Summary", case.summary)
        for contact in case.contacts.all():
            text(f"{contact.heading} ({contact.date:%-d %B %Y})", contact.details)
        for concern in case.concerns.select_related("category", "subcategory__parent"):
            text(f"Concern: {concern}", concern.description)  # its findings, stage by stage, follow
        for finding in case.stage_findings.all():
            text(f"What the stage {finding.stage} investigation found", finding.narrative)
        for concern_finding in ConcernFinding.objects.filter(concern__representation=case).select_related("concern"):
            text(
                f"Stage {concern_finding.stage} finding on: {concern_finding.concern}",
                " ".join(filter(None, [concern_finding.get_finding_display(), concern_finding.narrative])),
            )
        # The review panel's members are other people by definition, as the Independent Person is.
        for member in case.panel_members.all():
            section.details.append(Text("Review panel member", member.name, [member.name]))
        for recommendation in case.panel_recommendations.all():
            text("Review panel recommendation", recommendation.text)
            text(
                "The council's response to it",
                " ".join(filter(None, [recommendation.get_response_display(), recommendation.reasons])),
            )
        for task in case.tasks.all():
            text(f"Task (due {task.due:%-d %B %Y})", task.what)
        for event in case.events.all():
            text(f"{event.get_kind_display()} ({event.date:%-d %B %Y})", event.details or event.get_kind_display())
        for remedy in case.remedies.select_related("kind"):
            text(f"Remedy: {remedy}", remedy.details or str(remedy))
        # Staff named in a compliment and the Independent Person are other people by definition.
        for label, value in (("Staff named", case.staff_named), ("Independent Person", case.independent_person)):
            if value:
                section.details.append(Text(label, value, [value]))
        submission = getattr(case, "submission", None)
        if submission:
            text("Online form: what happened", submission.what_happened)
            text("Online form: what they would like to happen", submission.desired_outcome)
            text("Online form: help needed to contact them", submission.support_needs)
            text("Online form: why the person cannot agree", submission.consent_details)
        for contribution in case.contributions.all():
            text(str(contribution), contribution.text)

        for role, person in (("Made the complaint", case.complainant), ("The person it is about", case.service_user)):
            if person is None or (role == "The person it is about" and person.pk == case.complainant_id):
                continue
            third = person.pk not in subjects
            held = [(label, _value(person, name)) for name, label in PERSON_FIELDS if getattr(person, name)]
            if role == "The person it is about":
                held += [
                    (str(case._meta.get_field(name).verbose_name).capitalize(), _value(case, name))
                    for name in EQUALITY_FIELDS
                    if getattr(case, name) not in (None, "")
                ]
            section.people.append(
                {
                    "role": role,
                    "third": third,
                    # Of another person only what is held is said, never its value.
                    "held": [(label, "" if third else value) for label, value in held],
                    "name_withheld": "another person" if third else "",
                }
            )

        for number, letter in enumerate(case.letters.order_by("produced", "pk"), start=1):
            with letter.pdf.open("rb") as handle:
                stored = self.add(f"letters/{case.reference}/{number:02d}-{letter.kind}.pdf", handle.read())
            section.letters.append(
                {
                    "subject": letter.subject,
                    "kind": letter.get_kind_display(),
                    "produced": timezone.localtime(letter.produced),
                    "names_others": _names_in(letter.text, others),
                    **stored,
                }
            )
        for number, attachment in enumerate(case.attachments.all(), start=1):
            section.files.append(self._file(f"files/{case.reference}/{number:02d}-", attachment))

        for ombudsman in case.ombudsman_cases.order_by("received", "pk"):
            section.ombudsman.append(
                {
                    "reference": ombudsman.reference,
                    "received": ombudsman.received,
                    "status": ombudsman.status,
                    "decision": ombudsman.get_decision_display(),
                    "summary": Text("Summary", ombudsman.summary, _names_in(ombudsman.summary, others)),
                    "files": [
                        self._file(f"files/ombudsman-{_safe_name(ombudsman.reference)}/{n:02d}-", document)
                        for n, document in enumerate(ombudsman.documents.all(), start=1)
                    ],
                    "audit": [
                        self._entry(e, t, subjects, others) for e, t in _trail(history_for_ombudsman_case(ombudsman))
                    ],
                }
            )
        section.audit = [self._entry(e, t, subjects, others) for e, t in _trail(history_for_case(case), case)]
        return section

    def _file(self, prefix: str, stored) -> dict:
        with stored.file.open("rb") as handle:
            added = self.add(prefix + _safe_name(stored.name), handle.read())
        return {"name": stored.name, "type": stored.content_type, "uploaded": stored.uploaded, **added}

    @staticmethod
    def _entry(entry, trail, subjects: set[int], others: list[Person]) -> dict:
        about_another = entry.content_type.model_class() is Person and entry.object_id not in subjects
        words = " ".join([trail.what, *(f"{c.before} {c.after}" for c in trail.changes)])
        return {"entry": trail, "withheld": about_another, "names_others": _names_in(words, others)}


def _trail(entries, subject=None):
    entries = list(entries)
    # `readable` adds the case's origin after the entries; it has no entry of its own to check.
    return zip(entries, readable(entries, subject), strict=False)


def build(bundle: Bundle) -> None:
    """Put the bundle together, counting each item as it goes in so the page can show progress."""
    request = bundle.request
    included = list(request.cases.filter(case__isnull=False).select_related("case__complainant", "case__service_user"))
    bundle.status, bundle.items_done = BundleStatus.BUILDING, 0
    cases = [i.case for i in included]
    bundle.items_total = (
        1
        + CaseLetter.objects.filter(case__in=cases).count()
        + Attachment.objects.filter(case__in=cases).count()
        + Document.objects.filter(case__complaints__in=cases).count()
    )
    bundle.save(update_fields=["status", "items_done", "items_total"])
    try:
        with tempfile.TemporaryFile() as spool:
            with zipfile.ZipFile(spool, "w", compression=zipfile.ZIP_DEFLATED) as archive:
                builder = _Builder(bundle, archive)
                sections = [builder.section(i) for i in included]
                page = render_to_string(
                    "information_rights/bundle_index.html",
                    {"request": request, "sections": sections, "council": Council.current(), "made": timezone.now()},
                )
                builder.add("index.pdf", html_to_pdf(page))
            spool.seek(0)
            digest = hashlib.sha256()
            for chunk in iter(lambda: spool.read(65536), b""):
                digest.update(chunk)
            spool.seek(0)
            bundle.file.save(bundle.filename, File(spool), save=False)
    except Exception as error:
        # The kind of error only: a message could quote someone's details.
        log.error("Information request bundle %s could not be prepared (%s)", bundle.pk, type(error).__name__)
        bundle.status, bundle.finished = BundleStatus.FAILED, timezone.now()
        bundle.save(update_fields=["status", "finished"])
        raise
    bundle.sha256, bundle.status, bundle.finished = digest.hexdigest(), BundleStatus.READY, timezone.now()
    bundle.save(update_fields=["file", "sha256", "status", "finished"])
