"""Bad input never gives a server error (issue 12).

Every named page, staff and public, is found by walking the URL patterns and opened with real
records for its parameters. Each form on it is sent again and again, one field at a time set to a
boundary value while the others keep what the page offered: dates in 2099, 1800, on 31 February
and in the year 9999, negative, huge and non-numeric numbers, very long text, empty answers and
odd files (and, in every such field at once, tampered choices and other text). No answer may be
a server error; a page that shows errors still has what was typed in its text boxes, and names
the answer that is wrong instead of giving Django's own "This field is required"."""

from __future__ import annotations

import copy
import datetime as dt
import re
import time
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

import lxml.html
import pytest
from django.contrib.auth.tokens import default_token_generator
from django.contrib.auth.views import INTERNAL_RESET_SESSION_TOKEN
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction
from django.test import Client
from django.urls import resolve, reverse
from django.urls.converters import IntConverter
from django.utils.http import urlsafe_base64_encode
from django_otp.plugins.otp_totp.models import TOTPDevice

from redress.accounts import two_factor
from redress.cases import workflow
from redress.cases.actions import ACTIONS
from redress.cases.models import Concern, Kind, Person, Remedy
from redress.configuration.models import Lookup, LookupList
from redress.correspondence import sending
from redress.correspondence.letters import produce_letter
from redress.correspondence.models import LetterTemplate
from redress.imports.models import ImportJob, ImportStatus
from redress.information_rights.models import IncludedCase, InformationRequest
from redress.intake import views as intake
from redress.intake.files import save_attachment
from redress.intake.models import Draft
from redress.intake.questions import BY_SLUG, route
from redress.learning.models import ActionKind, LearningAction, Level
from redress.ombudsman import workflow as ombudsman
from redress.ombudsman.models import Decision, Recommendation
from redress.performance.models import Indicator, Period
from redress.procedures.models import ClosureDay, Procedure, ProcedureCode, Stage
from redress.reporting.models import ReportDownload
from redress.retention.models import LegalHold
from redress.tasks.models import Task
from redress.tests.routes import named_routes

NOW = dt.datetime(2026, 6, 17, 10, 30, tzinfo=dt.UTC)  # Wednesday 17 June 2026, 11:30 in London
TODAY = dt.date(2026, 6, 17)
pytestmark = pytest.mark.time_machine(NOW, tick=False)
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"

HUGE = str(10**30)
LONG = "x" * 100_000
TEXT = ["", LONG]
TEXT_TOGETHER = ["-50", HUGE, "<script>alert(1)</script>"]
NUMBER = ["", "abc", "-50", "0", "2099", HUGE, "NaN"]
CHOICE = ["abc", "", HUGE]
DATES = [
    ("1", "1", "2099"),
    ("1", "1", "1800"),
    ("31", "2", "2026"),
    ("-50", "6", "2026"),
    ("31", "12", "9999"),
    ("abc", "abc", "abc"),
    ("", "", ""),
]
FILES = [("empty.pdf", b""), ("not-a-pdf.pdf", b"abc"), ("x" * 300 + ".pdf", PDF)]

# Pages that are files or data rather than forms, so have nothing to send.
NOT_FORMS = {
    "accounts:keep-alive",
    "case_files:download",
    "cases:list_download",
    "correspondence:download",
    "imports:progress",
    "information_rights:download",
    "intake:keep-alive",
    "ombudsman:download",
    "performance:download",
    "reporting:download",
    "reporting:prepared-file",
}

# The case record form (cases/forms.py) is being rewritten: a theme number too big for the
# database fails the page, and its people's fields give Django's own messages.
KNOWN = {"cases:create", "cases:edit"}


URLS = named_routes()


# Reading the forms on a page.


@dataclass
class Control:
    name: str
    kind: str  # text, email, number, textarea, hidden, password, select, radio, checkbox, file, button
    values: list[str] = field(default_factory=list)  # what the page offers, as a browser would send it
    options: list[str] = field(default_factory=list)

    @property
    def typed(self) -> bool:
        return self.kind in {"text", "email", "number", "textarea"}


@dataclass
class Form:
    method: str
    action: str
    controls: dict[str, Control] = field(default_factory=dict)

    def add(self, name: str, kind: str, value: str | None = None, chosen: bool = True) -> None:
        control = self.controls.setdefault(name, Control(name, kind))
        if value is None:
            return
        control.options.append(value)
        if chosen:
            control.values.append(value)


def forms_on(url: str, html: str) -> list[Form]:
    """The forms on a page and their fields, with what a browser would send for each."""
    forms = []
    for element in lxml.html.document_fromstring(html).iter("form"):
        form = Form(element.get("method", "get").lower(), urlsplit(urljoin(url, element.get("action", ""))).path)
        forms.append(form)
        for control in element.iter("input", "select", "textarea", "button"):
            name = control.get("name")
            if not name:
                continue
            kind = (control.get("type") or ("submit" if control.tag == "button" else "text")).lower()
            if control.tag == "select":
                form.add(name, "select")
                for option in control.iter("option"):
                    value = option.get("value", option.text_content())
                    form.add(name, "select", value, chosen=option.get("selected") is not None)
            elif control.tag == "textarea":
                text = control.text or ""
                form.add(name, "textarea", text[1:] if text.startswith("\n") else text)
            elif kind in {"submit", "image"}:
                form.add(name, "button", control.get("value", ""), chosen=False)
            elif kind in {"radio", "checkbox"}:
                form.add(name, kind, control.get("value", "on"), chosen=control.get("checked") is not None)
            elif kind == "file":
                form.add(name, "file")
            elif kind == "number" or control.get("inputmode") in {"numeric", "decimal"}:
                form.add(name, "number", control.get("value", ""))
            elif kind in {"text", "email", "tel", "search", "url"}:
                form.add(name, "email" if kind == "email" else "text", control.get("value", ""))
            elif kind != "button":
                form.add(name, kind, control.get("value", ""))
    return forms


# Filling them in.


def _ordinary(control: Control) -> list[str]:
    """What a person would send without changing the field: the page's value, or one that fits."""
    if any(control.values) or control.kind == "hidden":
        return control.values
    if control.kind == "select":
        return [next((o for o in control.options if o), "")]
    if control.kind == "radio":
        return control.options[:1]
    if control.kind in {"checkbox", "button", "file"}:
        return []
    if control.name.endswith(("_day", "_month", "_year")):
        part = control.name.rsplit("_", 1)[1]
        return [str(getattr(TODAY, part))]
    return {"number": ["5"], "email": ["test@example.gov.uk"], "password": ["A long test password 12"]}.get(
        control.kind, ["Test"]
    )


def _ordinary_data(form: Form) -> dict:
    data = {name: _ordinary(control) for name, control in form.controls.items()}
    # A browser sends the first submit button when Enter is pressed.
    button = next((c for c in form.controls.values() if c.kind == "button" and c.name), None)
    if button:
        data[button.name] = button.options[:1]
    return {name: values for name, values in data.items() if values}


def _sample(form: Form) -> list[Control]:
    """The fields to vary: of fields that differ only by a number (a formset's forms, a figure
    for each indicator) the first, which stands for the rest."""
    shapes = set()
    chosen = []
    for name, control in form.controls.items():
        shape = re.sub(r"\d+", "#", name)
        if shape not in shapes and name != "csrfmiddlewaretoken":
            shapes.add(shape)
            chosen.append(control)
    return chosen


def variations(form: Form):
    """(what is being tried, whether it is something a person types, the data to send). Dates,
    numbers, files and text one field at a time; the values that matter less for text, and
    tampered choices, in every such field at once."""
    ordinary = _ordinary_data(form)
    sample = _sample(form)
    dates = [c.name[: -len("_day")] for c in sample if c.name.endswith("_day")]
    dates = [d for d in dates if f"{d}_month" in form.controls and f"{d}_year" in form.controls]
    in_dates = {f"{d}_{part}" for d in dates for part in ("day", "month", "year")}
    for date in dates:
        for day, month, year in DATES:
            data = dict(ordinary, **{f"{date}_day": [day], f"{date}_month": [month], f"{date}_year": [year]})
            yield f"{date}={day}/{month}/{year[:12]}", True, data
    texts, choices = [], []
    for control in sample:
        name = control.name
        if name in in_dates:
            continue
        if control.kind == "file":
            for filename, content in FILES:
                upload = SimpleUploadedFile(filename, content)
                yield f"{name}=file {filename[:20]} ({len(content)} bytes)", True, dict(ordinary, **{name: upload})
        elif control.kind == "number":
            for value in NUMBER:
                yield f"{name}={value[:12]!r}", True, dict(ordinary, **{name: [value]})
        elif control.kind in {"text", "email", "textarea", "password"}:
            texts.append(name)
            for value in TEXT:
                yield (
                    f"{name}={value[:12]!r}{'...' if len(value) > 12 else ''}",
                    True,
                    dict(ordinary, **{name: [value]}),
                )
        else:
            choices.append(name)
    for names, values, typed in [(texts, TEXT_TOGETHER, True), (choices, CHOICE, False)]:
        for value in values if names else []:
            yield f"{', '.join(names)[:60]} all {value[:12]!r}", typed, dict(ordinary, **dict.fromkeys(names, [value]))


def _send(client: Client, form: Form, data: dict):
    """Send the form and undo whatever it did, so each try starts from the same records."""
    cookies = copy.deepcopy(client.cookies)
    with transaction.atomic():
        if form.method == "post":
            response = client.post(form.action, data)
        else:
            response = client.get(form.action, {k: v for k, v in data.items() if not hasattr(v, "read")})
        transaction.set_rollback(True)
    client.cookies = cookies
    return response


def _shown(form: Form, response) -> tuple[dict, list[str]] | None:
    """On a page showing errors: what its text boxes hold, and the error messages."""
    html = response.content.decode()
    if "govuk-error-message" not in html and "govuk-error-summary" not in html:
        return None
    values = {}
    for again in forms_on(form.action, html):
        values |= {name: c.values for name, c in again.controls.items() if c.typed}
    page = lxml.html.document_fromstring(html)
    messages = [
        " ".join(e.text_content().replace("Error:", "").split())
        for e in page.xpath(
            "//*[contains(@class, 'govuk-error-message')] | //ul[contains(@class, 'govuk-error-summary__list')]/li"
        )
    ]
    return values, messages


def _lost(form: Form, data: dict, shown: dict) -> list[str]:
    """Text typed into the form that the page showing its errors no longer has."""
    lost = []
    for name, control in form.controls.items():
        sent = data.get(name)
        if control.typed and name in shown and isinstance(sent, list) and shown[name] != sent:
            lost.append(f"{name} (sent {sent[0][:20]!r}, shown {[v[:20] for v in shown[name]]!r})")
    return lost


# Django's own messages, which do not say which answer is wrong.
GENERIC = re.compile(
    r"This field is required|Enter a whole number|Enter a number|Ensure this value|Ensure that there are no more"
    r"|Enter a valid|is not a valid value|Enter a list of values|No file was submitted|The submitted file is empty"
)


def try_every_field(client: Client, url: str, problems: list[str], seen: set) -> int:
    """Open the page and send each of its forms with every variation; returns how many were sent."""
    page = client.get(url)
    if page.status_code >= 500:
        problems.append(f"GET {url} -> {page.status_code}")
    if page.status_code != 200 or "html" not in page.get("Content-Type", ""):
        return 0
    sent = 0
    for form in forms_on(url, page.content.decode()):
        fields = {n for n in form.controls if n != "csrfmiddlewaretoken"}
        # A form is tried once, whichever record its page is about; the workflow's steps share a
        # view, so each step is its own form.
        match = resolve(form.action)
        key = (form.method, match.view_name, match.kwargs.get("action"), frozenset(fields))
        if not fields or key in seen:
            continue  # a button that only confirms (signing out, removing), or a form already tried
        seen.add(key)
        where = f"{form.method.upper()} {form.action}"
        for tried, typed, data in variations(form):
            response = _send(client, form, data)
            sent += 1
            if response.status_code >= 500:
                error = getattr(response, "exc_info", None)
                detail = f"{error[0].__name__}: {str(error[1])[:200]}" if error else ""
                problems.append(f"{where} {tried} -> {response.status_code} {detail}")
            elif response.status_code == 200 and (shown := _shown(form, response)):
                values, messages = shown
                if lost := _lost(form, data, values):
                    problems.append(f"{where} {tried}: typed text lost in {', '.join(lost)}")
                if typed and (generic := [m for m in messages if GENERIC.search(m)]):
                    problems.append(f"{where} {tried}: says {generic[0]!r}, not which answer")
    return sent


# The records each page is opened with.


@dataclass
class World:
    administrator: object
    investigator: object
    cases: dict
    ombudsman: list
    remedy: Recommendation
    action: LearningAction
    task: Task
    job: ImportJob
    closure: ClosureDay


@pytest.fixture
def world(administrator, investigator, make_case, area) -> World:
    home_care = area("Adult Services > Home Care")
    person = Person.objects.create(
        first_name="Susan", last_name="Hughes", email="susan.hughes@example.com", date_of_birth=dt.date(1950, 3, 1)
    )
    category = Lookup.objects.of(LookupList.CONCERN_CATEGORY).top_level().first()
    remedy_kind = Lookup.objects.of(LookupList.REMEDY_TYPE).first()

    def complaint(procedure: str, received=dt.date(2026, 6, 1), **fields):
        case = make_case(
            procedure=procedure,
            received=received,
            complainant=person,
            service_user=person,
            service_area=home_care,
            investigating_officer=investigator,
            **fields,
        )
        for description in ("Missed visits", "Rude carer"):
            Concern.objects.create(representation=case, category=category, description=description)
        workflow.recompute(case)
        case.save()
        return case

    by = {"by": administrator}
    new = complaint("adult")
    handled = complaint("children", received=dt.date(2026, 3, 2))
    workflow.triage(handled, date=dt.date(2026, 3, 3), **by)
    workflow.acknowledge(handled, date=dt.date(2026, 3, 4), **by)
    workflow.respond(handled, date=dt.date(2026, 3, 20), **by)
    workflow.escalate(handled, date=dt.date(2026, 3, 25), **by)
    paused = complaint("corporate")
    workflow.pause(paused, date=dt.date(2026, 6, 2), reason="Waiting for consent", **by)
    closed = complaint("adult", received=dt.date(2026, 2, 2))
    workflow.respond(closed, date=dt.date(2026, 3, 2), **by)
    workflow.close(closed, date=dt.date(2026, 4, 1), **by)
    Remedy.objects.create(case=handled, kind=remedy_kind, details="Apology", recorded_by=administrator)
    cases = {"new": new, "handled": handled, "paused": paused, "closed": closed}
    for kind in (Kind.COMPLIMENT, Kind.COMMENT, Kind.ENQUIRY, Kind.SERVICE_REQUEST):
        cases[kind] = make_case(kind=kind, procedure=None, received=dt.date(2026, 6, 1), complainant=person)

    adult = Procedure.objects.get(code="adult")
    waiting = ombudsman.open_case(reference="26 000 001", procedure=adult, received=dt.date(2026, 5, 1))
    waiting.complaints.add(closed)
    decided = ombudsman.open_case(reference="25 000 002", procedure=adult, received=dt.date(2026, 1, 5))
    ombudsman.record_decision(decided, Decision.UPHELD_INJUSTICE, dt.date(2026, 4, 1))
    remedy = Recommendation.objects.create(
        case=decided, kind="payment", amount=250, owner=investigator, due=dt.date(2026, 7, 1)
    )
    action = LearningAction.objects.create(
        case=handled,
        owner=investigator,
        due=dt.date(2026, 7, 31),
        what_will_change="Brief the team",
        level=Level.TEAM,
        kind=ActionKind.TRAINING,
    )
    # On the dashboard and in My tasks, each with its "Mark as done" button.
    task = Task.objects.create(case=new, assigned_to=administrator, due=TODAY, what="Ring Susan back")
    job = ImportJob.objects.create(
        kind="representations", original_name="cases.csv", sha256="0" * 64, status=ImportStatus.CHECKED
    )
    closure = ClosureDay.objects.create(date=dt.date(2026, 12, 24), description="Christmas Eve")
    # A report being built by the worker, whose page shows its progress.
    ReportDownload.objects.create(
        requested_by=administrator, format="pdf", query="year=2026&procedure=adult", title="PDF", filename="r.pdf"
    )
    for kind in ("access", "erasure"):
        request = InformationRequest.objects.create(
            kind=kind, requester_name="Susan Hughes", email=person.email, received=dt.date(2026, 6, 1)
        )
        IncludedCase.objects.create(request=request, case=closed, case_reference=closed.reference)
    LegalHold.objects.create(case=handled, reason="Insurance claim CL-1", placed_by=administrator)
    return World(administrator, investigator, cases, [waiting, decided], remedy, action, task, job, closure)


LETTER_PAGES = {f"correspondence:{page}" for page in ("letter", "edit", "submit", "review", "send")}


def _letter(world: World, submitted: bool) -> dict:
    """A stage response on the new case: a draft, or one waiting for the check."""
    case = world.cases["new"]
    letter = produce_letter(case, "response", world.investigator)
    if submitted:
        sending.submit(letter, by=world.investigator)
    return {"reference": case.reference, "pk": letter.pk}


def arguments(world: World, name: str) -> list[dict]:
    """The parameters to open each page with."""
    if name in LETTER_PAGES:
        return [_letter(world, submitted=name == "correspondence:review")]
    cases = world.cases.values()
    complaints = [c for c in cases if c.kind == Kind.COMPLAINT]
    every = [{"reference": c.reference} for c in cases]
    ombudsman_cases = [{"pk": c.pk} for c in world.ombudsman]
    lookups = [(choice, Lookup.objects.of(choice).first()) for choice in LookupList]
    templates = LetterTemplate.objects.all()[:3]
    stages = Stage.objects.filter(procedure__code="children")
    indicators = [Indicator.objects.filter(has_fraction=f).first() for f in (True, False)]
    requests = [{"pk": r.pk} for r in InformationRequest.objects.all()]
    return {
        "accounts:staff-edit": [{"pk": world.administrator.pk}, {"pk": world.investigator.pk}],
        "accounts:staff-reset-two-factor": [{"pk": world.investigator.pk}],
        "accounts:staff-end-sessions": [{"pk": world.investigator.pk}],
        "accounts:staff-hand-over": [{"pk": world.investigator.pk}],
        # The emailed link's token is swapped for this one once opened (the session holds it).
        "accounts:password-reset-choose": [
            {"uidb64": urlsafe_base64_encode(b"%d" % world.investigator.pk)} | {"token": "set-password"}
        ],
        # The record form is the same for a new case and a changed one: a complaint new, a
        # compliment changed.
        "cases:create": [{"kind": Kind.COMPLAINT}],
        "cases:detail": every,
        "cases:edit": [{"reference": world.cases[Kind.COMPLIMENT].reference}],
        "cases:findings": [{"reference": c.reference} for c in complaints],
        "cases:remedy": [{"reference": c.reference} for c in complaints[:1]],
        "cases:restrict": every[:1],
        "cases:contact-add": every[:1],
        "cases:document-add": every[:1],
        "cases:action": [{"reference": c.reference, "action": a} for c in cases for a in ACTIONS],
        "configuration:list": [{"list_name": choice} for choice in LookupList],
        "configuration:list-add": [{"list_name": choice} for choice in LookupList],
        "configuration:list-edit": [{"list_name": choice, "pk": lookup.pk} for choice, lookup in lookups if lookup],
        "configuration:service-area-edit": [{"pk": world.cases["new"].service_area.pk}],
        "correspondence:template-edit": [{"pk": t.pk} for t in templates],
        "correspondence:new": [{"reference": c.reference} for c in complaints[:1]],
        "case_files:download": [{"reference": world.cases["new"].reference, "pk": 1}],
        "correspondence:download": [{"pk": 1, "format": "pdf"}],
        "imports:detail": [{"pk": world.job.pk}],
        **{
            f"information_rights:{name}": requests
            for name in ("detail", "edit", "search", "extend", "erase", "close", "prepare-bundle")
        },
        "information_rights:decide": [{"pk": i.request_id, "included_pk": i.pk} for i in IncludedCase.objects.all()],
        "information_rights:download": [{"pk": requests[0]["pk"], "bundle_pk": 1}],
        "imports:progress": [{"pk": world.job.pk}],
        "imports:confirm": [{"pk": world.job.pk}],
        "intake:question": [{"slug": slug} for slug in BY_SLUG],
        "intake:resume": [{"signed": "not-a-signed-link"}],
        "learning:edit": [{"pk": world.action.pk}],
        "learning:add": [{"reference": world.cases["handled"].reference}],
        "learning:no-learning": [{"reference": world.cases["handled"].reference}],
        "ombudsman:detail": ombudsman_cases,
        "ombudsman:edit": ombudsman_cases,
        "ombudsman:next-stage": ombudsman_cases,
        "ombudsman:answer": ombudsman_cases,
        "ombudsman:decision": ombudsman_cases,
        "ombudsman:refer-back": ombudsman_cases,
        "ombudsman:monitoring-officer": ombudsman_cases,
        "ombudsman:recommendation-add": ombudsman_cases,
        "ombudsman:recommendation": [{"pk": world.remedy.case_id, "recommendation_pk": world.remedy.pk}],
        "ombudsman:upload": ombudsman_cases,
        "ombudsman:download": [{"pk": world.ombudsman[0].pk, "document_pk": 1}],
        "performance:figures": [{"year": 2026, "period": period} for period in Period.values],
        "performance:targets": [{"year": 2026}],
        "performance:indicator": [{"pk": i.pk} for i in indicators if i],
        "procedures:edit": [{"pk": p.pk} for p in Procedure.objects.all()],
        "procedures:stage-edit": [{"pk": s.pk} for s in stages],
        "procedures:closure-day-delete": [{"pk": world.closure.pk}],
        "reporting:team": [{"kind": "weekly"}, {"kind": "monthly"}],
        "reporting:prepared": [{"pk": download.pk} for download in ReportDownload.objects.all()],
        "reporting:prepared-file": [{"pk": download.pk} for download in ReportDownload.objects.all()],
        "reporting:narrative": [{"year": 2026, "procedure": code} for code in ProcedureCode.values],
        "retention:place-hold": [{"reference": world.cases["closed"].reference}],
        "retention:release-hold": [{"pk": hold.pk} for hold in LegalHold.objects.all()],
        "tasks:add": [{"reference": world.cases["new"].reference}],
        "tasks:done": [{"pk": world.task.pk}],
    }.get(name, [{}])


# Who opens each page, and what they have done before.


def pending(person) -> dict:
    backend = "django.contrib.auth.backends.ModelBackend"
    return {"user": person.pk, "backend": backend, "next": "/", "at": time.time()}


def _with_session(client: Client, **values) -> Client:
    session = client.session
    session.update(values)
    session.save()
    return client


def _online_form_answers(kind: str) -> dict:
    lookup = Lookup.objects.of(LookupList.RELATIONSHIP).exclude(label__iexact="Service user").first()
    ethnicity = Lookup.objects.of(LookupList.ETHNICITY).exclude(parent=None).first()
    return {
        "_young": True,
        "what": {"kind": kind},
        "service": {"service": "adult"},
        "who": {"who": "someone_else"},
        "their-name": {"first_name": "Margaret", "last_name": "Hughes"},
        "relationship": {"relationship": str(lookup.pk)},
        "consent": {"consent": "given", "reason": ""},
        "advocate": {"advocate": "no", "details": ""},
        "your-details": {
            "first_name": "Susan",
            "last_name": "Hughes",
            "email": "susan.hughes@example.com",
            "phone": "07700 900982",
            "address": "12 Mill Lane, Northbridge",
            "postcode": "NB1 2AB",
        },
        "contact": {"preferred": "email"},
        "support": {"needs": "", "language": ""},
        "what-happened": {"what_happened": "Carers missed four morning visits."},
        "staff": {"staff_named": "Sam"},
        "outcome": {"outcome": "An apology."},
        "documents": {"done": True},
        "equality": {"answer": "yes"},
        "equality-sex": {"sex": "female"},
        "equality-age": {"age": 84, "prefer_not": False},
        "equality-ethnicity": {"ethnicity": str(ethnicity.pk)},
        "equality-disability": {"disability": "yes"},
    }


def _online_form(client: Client, name: str, kwargs: dict) -> Client:
    """A visitor part way through the online form: every page before this one answered."""
    kind = "compliment" if kwargs.get("slug") == "staff" else "complaint"
    draft = Draft.objects.create(answers=_online_form_answers(kind))
    if name == "intake:documents":
        save_attachment(SimpleUploadedFile("letter.pdf", PDF), draft=draft)
    if name == "intake:timed-out":
        return _with_session(client, **{intake.TIMED_OUT: draft.token})
    assert "slug" not in kwargs or BY_SLUG[kwargs["slug"]] in route(draft.answers)
    return _with_session(client, **{intake.DRAFT: draft.token, intake.SEEN: time.time()})


def clients(world: World, name: str, kwargs: dict) -> list[Client]:
    def client(user=None) -> Client:
        made = Client(raise_request_exception=False)
        if user:
            made.force_login(user)
        return made

    namespace = name.split(":")[0]
    if namespace == "intake":
        return [_online_form(client(), name, kwargs)]
    if namespace == "tracking":
        case = world.cases["new"]
        return [
            _with_session(client(), **{intake.TRACK_PENDING: case.pk, intake.TRACK_WRONG: 0}),
            _with_session(client(), **{intake.TRACK_CASE: case.pk, intake.TRACK_UNTIL: time.time() + 600}),
        ]
    if name in {"accounts:sign-in", "accounts:password-reset", "accounts:signed-out"}:
        return [client()]
    if name in {"accounts:sign-in-code", "accounts:sign-in-set-up"}:
        # Between the password and the code: the administrator has an authenticator app, the
        # investigator is setting one up.
        TOTPDevice.objects.get_or_create(user=world.administrator, confirmed=True)
        return [
            _with_session(client(), **{two_factor.PENDING: pending(person)})
            for person in (world.administrator, world.investigator)
        ]
    if name == "accounts:password-reset-choose":
        token = default_token_generator.make_token(world.investigator)
        return [_with_session(client(), **{INTERNAL_RESET_SESSION_TOKEN: token})]
    # Administrators may open every staff page; the owner of a learning action or an Ombudsman
    # remedy has a form of their own for recording progress.
    owners = {"learning:edit", "ombudsman:recommendation"}
    return [client(world.administrator)] + ([client(world.investigator)] if name in owners else [])


def _groups() -> dict[str, list[str]]:
    """The pages of each app, the case record form on its own."""
    groups: dict[str, list[str]] = {}
    for name in URLS:
        group = "case record" if name in KNOWN else name.split(":")[0]
        groups.setdefault(group, []).append(name)
    return groups


GROUPS = _groups()


@pytest.mark.parametrize(
    "group",
    list(GROUPS),
)
def test_no_boundary_value_in_any_form_gives_a_server_error(world, group):
    problems: list[str] = []
    pages = [name for name in GROUPS[group] if name not in NOT_FORMS]
    sent = 0
    for name in pages:
        parameters, seen = set(URLS[name]), set()
        for kwargs in arguments(world, name):
            assert set(kwargs) == parameters, f"{name} needs values for {sorted(parameters)} in arguments()"
            url = reverse(name, kwargs=kwargs)
            for client in clients(world, name, kwargs):
                sent += try_every_field(client, url, problems, seen)
    assert sent or not pages, f"No form was found on the {group} pages: are the records right?"
    assert not problems, f"{len(problems)} problems:\n" + "\n".join(problems[:60])


# The issue's examples, one by one.


def test_a_negative_payment_is_refused_naming_the_amount_and_the_total_stays(client, world):
    case = world.cases["handled"]
    client.force_login(world.administrator)
    payment = Lookup.objects.of(LookupList.REMEDY_TYPE).filter(label__icontains="payment").first()
    response = client.post(
        f"/cases/{case.reference}/remedies/add/",
        {"kind": payment.pk, "amount": "-50.00", "approved_by": "Director of Adult Services", "details": "Refund"},
    )
    page = response.content.decode()
    assert response.status_code == 200 and "Amount must be more than £0" in page
    assert 'value="-50.00"' in page and 'value="Director of Adult Services"' in page
    assert case.remedies.count() == 1
    case.refresh_from_db()
    assert case.remedy_amount is None


def test_an_ombudsman_remedy_payment_must_be_more_than_nothing(client, world):
    client.force_login(world.administrator)
    case = world.ombudsman[1]
    response = client.post(
        f"/ombudsman/{case.pk}/remedies/add/",
        {"kind": "payment", "amount": "-50", "owner": world.investigator.pk, "due_day": "1", "due_month": "7"}
        | {"due_year": "2026"},
    )
    assert response.status_code == 200 and "Amount must be more than £0" in response.content.decode()
    assert case.recommendations.count() == 1


@pytest.mark.parametrize("model", [Remedy, Recommendation])
def test_no_remedy_is_ever_kept_with_a_negative_amount(world, model):
    remedy = Remedy.objects.first() if model is Remedy else world.remedy
    remedy.amount = -50
    with pytest.raises(IntegrityError), transaction.atomic():
        remedy.save()


def test_removing_a_document_with_a_number_that_is_not_one_removes_nothing(client, world):
    _online_form(client, "intake:documents", {})
    for tampered in ["abc", "", "-5", HUGE]:
        response = client.post("/feedback/documents/", {"remove": tampered})
        assert response.status_code == 302 and response.url == "/feedback/documents/"
    page = client.get("/feedback/documents/").content.decode()
    assert "letter.pdf" in page


def test_a_date_after_2099_is_refused_naming_the_field(client, world):
    client.force_login(world.administrator)
    case = world.ombudsman[0]
    response = client.post(
        f"/ombudsman/{case.pk}/next-stage/",
        {"stage": "investigation", "started_day": "31", "started_month": "12", "started_year": "9999"},
    )
    page = response.content.decode()
    assert "Date the ombudsman&#x27;s letter arrived must be before 2100" in page
    assert 'value="9999"' in page
    assert case.stages.count() == 1


def test_django_messages_give_way_to_ones_naming_the_answer(client, world):
    client.force_login(world.administrator)
    response = client.post(
        "/account/staff/add/",
        {"username": "sam", "first_name": "S" * 151, "last_name": "", "email": "sam@example.gov.uk"}
        | {"role": "manager", "password": "A long test password 12"},
    )
    page = response.content.decode()
    assert "First name must be 150 characters or fewer" in page and "Enter their last name" in page
    assert "Ensure this value" not in page and "This field is required" not in page


def test_an_address_with_a_number_too_big_or_a_reference_too_long_is_page_not_found(world):
    client = Client(raise_request_exception=False)
    client.force_login(world.administrator)
    tried = 0
    for name, parameters in URLS.items():
        numbers = {p for p, converter in parameters.items() if isinstance(converter, IntConverter)}
        if not numbers and "reference" not in parameters:
            continue
        kwargs = arguments(world, name)[0]
        odd = {p: 10**30 if p in numbers else "X" * 1000 if p == "reference" else v for p, v in kwargs.items()}
        status = client.get(reverse(name, kwargs=odd)).status_code
        tried += 1
        assert status in {404, 405}, f"{name} {odd}: {status}"
    assert tried > 20
