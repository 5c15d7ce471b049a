"""Filling in letter templates from a case, and producing the Word and PDF files."""

from __future__ import annotations

import html
import io
import re

from django.core.files.base import ContentFile
from django.utils import timezone
from docx import Document

from redress.cases.models import Outcome
from redress.configuration.models import Council
from redress.pdf import html_to_pdf

from .defaults import TEMPLATES
from .models import CaseLetter, LetterTemplate

FIELD = re.compile(r"{{\s*([a-z_]+)\s*}}")
FIELDS = [
    "complainant_name",
    "complainant_address",
    "person_name",
    "reference",
    "received",
    "procedure",
    "stage",
    "due_date",
    "extended_to",
    "investigating_officer",
    "council_name",
    "complaints_email",
    "complaints_phone",
    "today",
    "escalation",
    "concerns",
    "outcome",
    "remedies",
    "learning_actions",
    "next_steps",
]
OMBUDSMAN = (
    "the Local Government and Social Care Ombudsman, www.lgo.org.uk, telephone 0300 061 0614. "
    "The Ombudsman usually expects our complaints procedure to be finished first, and you should "
    "normally contact them within 12 months of when you first knew about the problem."
)


def escalation_text(case) -> str:
    """How the complainant can take the complaint further from where it is now."""
    procedure = case.procedure
    following = procedure.stage(case.stage + 1) if procedure else None
    if following:
        within = (
            f" within {following.request_within_days} working days of this letter"
            if following.request_within_days
            else ""
        )
        return (
            f"If you are not satisfied, you can ask for your complaint to go to stage {following.number} "
            f"({following.name.lower()}){within} by contacting the complaints team. You can also contact " + OMBUDSMAN
        )
    return "If you are not satisfied with this response, you can ask " + OMBUDSMAN


def _date(day) -> str:
    return f"{day:%-d %B %Y}" if day else ""


def findings_for_letter(case) -> list[dict[str, str]]:
    """Each concern of the complaint with its finding and what was found at the stage being
    answered, for the response letter. The one place the letter reads findings from."""
    return [
        {
            "concern": str(concern),
            "description": concern.description,
            "finding": found.get_finding_display() if found and found.finding else "No finding recorded yet",
            "narrative": found.narrative if found else "",
        }
        for concern, found in case.findings_at(case.stage)
    ]


def concerns_text(findings: list[dict[str, str]]) -> str:
    """A paragraph for each concern: what it was, the finding, and why."""
    paragraphs = []
    for number, item in enumerate(findings, start=1):
        about = f"{item['concern']}: {item['description']}" if item["description"] else item["concern"]
        paragraphs.append(
            f"{number}. Your concern: {about}\nOur finding: {item['finding']}"
            + (f"\n{item['narrative']}" if item["narrative"] else "")
        )
    return "\n\n".join(paragraphs) or "We have not recorded the points of your complaint."


def outcome_text(case) -> str:
    from redress.cases.workflow import derived_outcome

    outcome = derived_outcome(case) or case.outcome
    return Outcome(outcome).label.lower() if outcome else "still to be decided"


def remedies_text(case) -> str:
    remedies = [
        f"{remedy.kind.label}{f' of £{remedy.amount:,.2f}' if remedy.amount else ''}"
        + (f": {remedy.details}" if remedy.details else "")
        for remedy in case.remedies.select_related("kind")
    ]
    if not remedies:
        return "We have not found anything we need to put right for you."
    return "To put things right we will:\n" + "\n".join(f"- {remedy}" for remedy in remedies)


def learning_text(case) -> str:
    actions = [action.what_will_change for action in case.learning_actions.all()]
    if not actions:
        return "We have not identified changes to our services from your complaint."
    return "What we will change as a result of your complaint:\n" + "\n".join(f"- {action}" for action in actions)


def merge_fields(case) -> dict[str, str]:
    council = Council.current()
    person = case.service_user if case.for_someone_else else case.complainant
    complainant = case.complainant
    return {
        "complainant_name": str(complainant) if complainant else "Sir or Madam",
        "complainant_address": " ".join(filter(None, [complainant.address, complainant.postcode]))
        if complainant
        else "",
        "person_name": str(person) if person else "",
        "reference": case.reference,
        "received": _date(case.received),
        "procedure": case.procedure.name if case.procedure else "",
        "stage": str(case.stage),
        "due_date": _date(case.due),
        "extended_to": _date(case.extended_to),
        "investigating_officer": str(case.investigating_officer or ""),
        "council_name": council.name,
        "complaints_email": council.complaints_email,
        "complaints_phone": council.complaints_phone,
        "today": _date(timezone.localdate()),
        "escalation": escalation_text(case),
        "concerns": concerns_text(findings_for_letter(case)),
        "outcome": outcome_text(case),
        "remedies": remedies_text(case),
        "learning_actions": learning_text(case),
        "next_steps": escalation_text(case),
    }


def unknown_fields(text: str) -> list[str]:
    return sorted({name for name in FIELD.findall(text) if name not in FIELDS})


def merge(text: str, values: dict[str, str]) -> str:
    """Plain substitution of known fields: no template language, so wording cannot run code."""
    return FIELD.sub(lambda m: values.get(m.group(1), m.group(0)), text)


def template_for(kind: str, procedure) -> LetterTemplate:
    """The procedure's own wording, or the general one; the default wording if neither exists."""
    specific = LetterTemplate.objects.filter(kind=kind, procedure=procedure).first()
    if specific:
        return specific
    subject, body = TEMPLATES[kind]
    return LetterTemplate.objects.get_or_create(kind=kind, procedure=None, defaults={"subject": subject, "body": body})[
        0
    ]


def produce_letter(case, kind: str, user) -> CaseLetter:
    """A letter drafted from its template and the case as it is now."""
    template = template_for(kind, case.procedure)
    values = merge_fields(case)
    letter = CaseLetter(
        case=case,
        kind=kind,
        stage=case.stage,
        subject=merge(template.subject, values),
        text=merge(template.body, values),
        produced_by=user,
    )
    render_files(letter, values)
    letter.save()
    return letter


def render_files(letter: CaseLetter, values: dict[str, str] | None = None) -> None:
    """Make the letter's Word and PDF files from its subject and words (unsaved)."""
    values = values or merge_fields(letter.case)
    paragraphs = [p.strip() for p in letter.text.replace("\r\n", "\n").split("\n\n") if p.strip()]
    name = f"{letter.case.reference}-{letter.kind}-{timezone.localtime():%Y%m%d%H%M%S}"
    for field in (letter.word, letter.pdf):
        if field:
            field.delete(save=False)  # the earlier draft's files
    letter.word.save(f"{name}.docx", ContentFile(_word(values, letter.subject, paragraphs)), save=False)
    letter.pdf.save(f"{name}.pdf", ContentFile(_pdf(values, letter.subject, paragraphs)), save=False)


def _word(values, subject, paragraphs) -> bytes:
    document = Document()
    document.core_properties.title = subject
    document.core_properties.author = values["council_name"]
    document.add_paragraph(values["council_name"]).runs[0].bold = True
    document.add_paragraph(values["today"])
    document.add_paragraph(f"{values['complainant_name']}\n{values['complainant_address']}".strip())
    document.add_paragraph(f"Our reference: {values['reference']}")
    document.add_heading(subject, level=1)
    for paragraph in paragraphs:
        document.add_paragraph(paragraph)  # a line break inside a paragraph stays one in Word
    document.add_paragraph(f"Complaints team\n{values['council_name']}")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _pdf(values, subject, paragraphs) -> bytes:
    e = html.escape
    body = "".join("<p>" + e(p).replace("\n", "<br>") + "</p>" for p in paragraphs)
    page = (
        f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{e(subject)}</title>'
        f'<meta name="author" content="{e(values["council_name"])}">'
        "<style>@page { size: A4; margin: 2.5cm } body { font-family: Arial, sans-serif; font-size: 11pt }"
        " h1 { font-size: 14pt }</style></head><body>"
        f"<p><strong>{e(values['council_name'])}</strong></p><p>{e(values['today'])}</p>"
        f"<p>{e(values['complainant_name'])}<br>{e(values['complainant_address'])}</p>"
        f"<p>Our reference: {e(values['reference'])}</p><h1>{e(subject)}</h1>{body}"
        f"<p>Complaints team<br>{e(values['council_name'])}</p></body></html>"
    )
    return html_to_pdf(page)
