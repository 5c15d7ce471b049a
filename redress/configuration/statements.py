"""The privacy notice and accessibility statement the public form links to: the council's own
words from Settings, or, until it writes them, a standard text naming the council.

The texts are plain text: a blank line starts a new paragraph, a line starting "## " is a
heading and lines starting "- " are a bulleted list."""

from __future__ import annotations

from dataclasses import dataclass

PRIVACY_NOTICE = """\
{council} is the data controller for the information you give us when you make a complaint, \
compliment or comment about social care or another council service.

## What we collect
- your name and contact details, and those of anyone you are contacting us for
- what happened, what you would like to happen, and any documents or photos you send
- if you choose to answer them, equality questions about sex, age, ethnic group and disability

## Why we collect it and our lawful basis
We use your information to look into and answer what you tell us, to learn from complaints and \
to report on how we handle them. Our lawful basis is public task (UK GDPR Article 6(1)(e)): \
councils must have complaints procedures under the Local Authority Social Services and National \
Health Service Complaints (England) Regulations 2009 and the Children Act 1989 Representations \
Procedure (England) Regulations 2006. Health and equality information is used under Article \
9(2)(g), substantial public interest, for statutory purposes and equality monitoring.

## Who we share it with
We share your information only with the staff and services needed to look into what you tell \
us, an independent investigator or advocate where one is involved, and the Local Government \
and Social Care Ombudsman if you ask them to look at your complaint. We never sell it.

## How long we keep it
We keep the records of a complaint, compliment or comment for 6 years after it is closed, unless \
the law needs us to keep them longer. Then we remove anything that identifies you.

## Your rights
You can ask for a copy of your information, ask us to correct it, and in some cases ask us to \
delete it or to stop using it. You can complain to the Information Commissioner's Office at \
ico.org.uk or on 0303 123 1113.

## Contact us
{contact}"""

ACCESSIBILITY_STATEMENT = """\
This accessibility statement applies to {council}'s online form for complaints, compliments and \
comments, and to Track your case.

We want as many people as possible to be able to use this service. For example, you should be able to:
- change colours, contrast levels and fonts using browser or device settings
- zoom in up to 400% without the text spilling off the screen
- navigate the whole service using just a keyboard or speech recognition software
- listen to the whole service using a screen reader

We have also made the text as simple as possible to understand, and there is an easy read \
version and a form written for children and young people.

## How accessible this service is
We believe every page of this service meets the Web Content Accessibility Guidelines version \
2.2 AA standard. Documents you upload are kept as you send them.

## Feedback and contact information
If you need information in a different format, like large print, easy read, audio recording \
or braille, or you find a problem with this service's accessibility:
{contact}

## Enforcement procedure
The Equality and Human Rights Commission (EHRC) is responsible for enforcing the Public Sector \
Bodies (Websites and Mobile Applications) (No. 2) Accessibility Regulations 2018 (the \
'accessibility regulations'). If you are not happy with how we respond to your complaint, \
contact the Equality Advisory and Support Service (EASS).

## Technical information about this service's accessibility
{council} is committed to making its website accessible, in accordance with the accessibility \
regulations. This service is fully compliant with the Web Content Accessibility Guidelines \
version 2.2 AA standard.

## How we tested this service
Every page is checked with automated accessibility testing (axe) each time the service \
changes, and the service is built with the GOV.UK Design System's accessible components."""


def contact_lines(council) -> str:
    lines = [f"- email {council.complaints_email}" if council.complaints_email else ""]
    lines.append(f"- call {council.complaints_phone}" if council.complaints_phone else "")
    lines = [line for line in lines if line]
    return "\n".join(lines) or f"- write to the complaints team at {council.name}"


def standard_text(template: str, council) -> str:
    return template.format(council=council.name, contact=contact_lines(council))


@dataclass
class Block:
    kind: str  # heading, paragraph or list
    lines: list[str]


def blocks(text: str) -> list[Block]:
    """The text's headings, paragraphs and lists, in order."""
    found: list[Block] = []
    for line in text.replace("\r\n", "\n").split("\n"):
        line = line.strip()
        if not line:
            found.append(Block("gap", []))
        elif line.startswith("## "):
            found.append(Block("heading", [line[3:].strip()]))
        else:
            kind = "list" if line.startswith("- ") else "paragraph"
            line = line[2:].strip() if kind == "list" else line
            if found and found[-1].kind == kind:
                found[-1].lines.append(line)
            else:
                found.append(Block(kind, [line]))
    return [block for block in found if block.kind != "gap"]
