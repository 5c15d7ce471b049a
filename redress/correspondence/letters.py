"""Filling in letter templates from a case, and producing the Word and PDF files."""

from __future__ import annotations

import html
import io
import re

from django.core.files.base import ContentFile
from django.utils import timezone
from docx import Document

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
]
OMBUDSMAN = (
    "the Local Government and Social Care Ombudsman, www.lgo.org.uk, telephone 0300 061 0614. "
    "The Ombudsman usually expects our complaints procedure to be finished first."
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
    template = template_for(kind, case.procedure)
    values = merge_fields(case)
    subject, text = merge(template.subject, values), merge(template.body, values)
    paragraphs = [p.strip() for p in text.split("\n\n") if p.strip()]
    letter = CaseLetter(case=case, kind=kind, subject=subject, text=text, produced_by=user)
    name = f"{case.reference}-{kind}-{timezone.localtime():%Y%m%d%H%M%S}"
    letter.word.save(f"{name}.docx", ContentFile(_word(values, subject, paragraphs)), save=False)
    letter.pdf.save(f"{name}.pdf", ContentFile(_pdf(values, subject, paragraphs)), save=False)
    letter.save()
    return letter


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
        document.add_paragraph(paragraph)
    document.add_paragraph(f"Complaints team\n{values['council_name']}")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _pdf(values, subject, paragraphs) -> bytes:
    e = html.escape
    body = "".join(f"<p>{e(p)}</p>" for p in paragraphs)
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
