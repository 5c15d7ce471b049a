"""Who may use each page, built from the URL configuration (issue 15).

ACCESS below is the one table of who may use each route. The test walks every named route,
opens it with real records for its address as each person (every role, an owner of a learning
action and of an Ombudsman remedy, and a visitor who is not signed in) and checks the answer:
allowed (a page, a file, or a redirect somewhere other than the sign-in page) or refused ("Page
not found", or the sign-in page for a visitor). A refused person's POST is refused too and
writes nothing. A route without a line in the table fails the test, so a new page cannot be
added without deciding who may use it. The Django admin's routes are for a superuser only, and
are checked on their own.

Every answer carries `Cache-Control: no-store, private`, and no page or download names a case
the person may not open: three overdue complaints are in the records, one (C) only for those who
see every case."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from contextlib import contextmanager
from dataclasses import dataclass, field

import pytest
from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core import signing
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.signals import request_finished
from django.db import close_old_connections
from django.test import Client
from django.urls import reverse

from redress.accounts.models import Role
from redress.cases import workflow
from redress.cases.models import Person, Representation
from redress.configuration.models import Council, Lookup, LookupList
from redress.correspondence import sending
from redress.correspondence.letters import produce_letter
from redress.correspondence.models import LetterTemplate
from redress.imports.models import ImportJob, ImportStatus
from redress.information_rights.models import Bundle, BundleStatus, IncludedCase, InformationRequest, RequestKind
from redress.intake.files import save_attachment
from redress.intake.models import Draft
from redress.intake.views import RESUME_SALT
from redress.learning.models import ActionKind, LearningAction, Level
from redress.ombudsman import workflow as ombudsman
from redress.ombudsman.models import Decision, Document, Recommendation
from redress.performance.models import Indicator
from redress.procedures.models import ClosureDay, Procedure, Stage
from redress.reporting.models import DownloadStatus, ReportDownload
from redress.retention.models import LegalHold
from redress.tasks.models import Task
from redress.tests.routes import named_routes

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489"
    "0000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082"
)


# Who may use a page: a test of the person (None when not signed in) and the record in its address.


class Who:
    def __init__(self, test):
        self.test = test

    def __call__(self, person, record) -> bool:
        return self.test(person, record)

    def __and__(self, other: Who) -> Who:
        return Who(lambda p, r: self(p, r) and other(p, r))

    def __or__(self, other: Who) -> Who:
        return Who(lambda p, r: self(p, r) or other(p, r))


def roles(*names: str) -> Who:
    return Who(lambda person, record: person is not None and person.role in names)


EVERYONE = Who(lambda person, record: True)
NOBODY = Who(lambda person, record: False)
SIGNED_IN = Who(lambda person, record: person is not None)
ADMINISTRATORS = roles(Role.ADMINISTRATOR)
EDITORS = roles(Role.ADMINISTRATOR, Role.COMPLAINTS_OFFICER)
# Everyone but read-only reporting, who never see an individual's case.
CASE_READERS = roles(*(set(Role) - {Role.REPORTING}))
# Those who take a complaint's findings, remedies, extensions and response (not the link officer).
HANDLER_ROLES = roles(Role.ADMINISTRATOR, Role.COMPLAINTS_OFFICER, Role.INVESTIGATING_OFFICER, Role.MANAGER)
REPORT_READERS = roles(*(set(Role) - {Role.INVESTIGATING_OFFICER}))
PERFORMANCE_EDITORS = roles(Role.ADMINISTRATOR, Role.MANAGER, Role.REPORTING)
OMBUDSMAN_HANDLERS = roles(Role.ADMINISTRATOR, Role.COMPLAINTS_OFFICER, Role.LINK_OFFICER)
# The people the records below name as able to use them: a case's readers, an action's updaters...
NAMED = Who(lambda person, record: person is not None and person.username in record.users)
ALLOCATED = Who(lambda person, record: person is not None and record.investigating_officer_id == person.pk)
# A case's letters are written and sent by the complaints team and the case's investigating officer.
LETTER_WRITERS = EDITORS | Who(
    lambda person, record: person is not None and record.case.investigating_officer_id == person.pk
)
# A stage response is checked by a manager or the complaints team.
REVIEWERS = roles(Role.ADMINISTRATOR, Role.COMPLAINTS_OFFICER, Role.MANAGER)


@dataclass
class Route:
    who: Who
    records: str = ""  # the World's list of records whose address the route is opened with
    kwargs: dict = field(default_factory=dict)  # the rest of the address
    query: str = ""
    post_only: bool = False


# One line a route. A new page needs a line here before the test passes.
ACCESS: dict[str, Route | list[Route]] = {
    "cases:home": Route(SIGNED_IN),
    "cases:dashboard": Route(CASE_READERS),
    "cases:list": Route(CASE_READERS, query="q=complaint"),
    "cases:list_download": Route(CASE_READERS, query="q=complaint&status=open"),
    "cases:new": Route(EDITORS),
    "cases:create": Route(EDITORS, kwargs={"kind": "complaint"}),
    "cases:detail": Route(NAMED, "cases"),
    "cases:edit": Route(EDITORS & NAMED, "cases"),
    "cases:findings": Route(HANDLER_ROLES & NAMED, "cases"),
    "cases:remedy": Route(HANDLER_ROLES & NAMED, "cases"),
    "cases:restrict": Route(EDITORS & NAMED, "cases"),
    # The case file: contacts, notes and documents, by those who handle the case (not the link officer).
    "cases:contact-add": Route(HANDLER_ROLES & NAMED, "cases"),
    "cases:document-add": Route(HANDLER_ROLES & NAMED, "cases"),
    "cases:action": [
        Route(EDITORS & NAMED, "cases", {"action": "allocate"}),
        Route(HANDLER_ROLES & NAMED, "cases", {"action": "extend"}),
    ],
    "intake:start": Route(EVERYONE),
    "intake:start-young": Route(EVERYONE),
    "intake:easy-read": Route(EVERYONE),
    "intake:privacy": Route(EVERYONE),
    "intake:accessibility": Route(EVERYONE),
    "intake:documents": Route(EVERYONE),
    "intake:check": Route(EVERYONE),
    "intake:confirmation": Route(EVERYONE),
    "intake:confirmation-easy-read": Route(EVERYONE),
    "intake:timed-out": Route(EVERYONE),
    "intake:resume": Route(EVERYONE, "resume_links"),
    "intake:keep-alive": Route(EVERYONE),
    "intake:question": Route(EVERYONE, kwargs={"slug": "what"}),
    "tracking:start": Route(EVERYONE),
    "tracking:code": Route(EVERYONE),
    "tracking:case": Route(EVERYONE),
    "tracking:sign-out": Route(EVERYONE, post_only=True),
    "case_files:download": Route(NAMED, "attachments"),
    "accounts:sign-in": Route(EVERYONE),
    "accounts:sign-out": Route(EVERYONE, post_only=True),
    "accounts:staff": Route(ADMINISTRATORS),
    "accounts:staff-add": Route(ADMINISTRATORS),
    "accounts:staff-edit": Route(ADMINISTRATORS, "staff"),
    "accounts:staff-end-sessions": Route(ADMINISTRATORS, "staff", post_only=True),
    "accounts:signed-out": Route(EVERYONE),
    "accounts:keep-alive": Route(SIGNED_IN),
    "accounts:password-change": Route(SIGNED_IN),
    "accounts:password-reset": Route(EVERYONE),
    "accounts:password-reset-sent": Route(EVERYONE),
    "accounts:password-reset-choose": Route(EVERYONE, kwargs={"uidb64": "MQ", "token": "not-a-token"}),
    "accounts:password-reset-done": Route(EVERYONE),
    # The second step of a sign-in: without a password just accepted, it goes back to the first.
    "accounts:sign-in-code": Route(EVERYONE),
    "accounts:sign-in-set-up": Route(EVERYONE),
    # Page not found until the council's identity provider is configured (test_council_sign_in.py).
    "accounts:oidc-start": Route(NOBODY),
    "accounts:oidc-callback": Route(NOBODY),
    "accounts:two-factor": Route(SIGNED_IN),
    "accounts:staff-reset-two-factor": Route(ADMINISTRATORS, "staff"),
    "accounts:staff-hand-over": Route(ADMINISTRATORS, "staff"),
    "information_rights:register": Route(EDITORS),
    "information_rights:new": Route(EDITORS),
    "information_rights:detail": Route(EDITORS, "information_requests"),
    "information_rights:edit": Route(EDITORS, "information_requests"),
    "information_rights:search": Route(EDITORS, "information_requests"),
    "information_rights:extend": Route(EDITORS, "information_requests"),
    "information_rights:close": Route(EDITORS, "information_requests"),
    "information_rights:decide": Route(EDITORS, "erasure_decisions"),
    "information_rights:erase": Route(EDITORS, "erasure_requests", post_only=True),
    "information_rights:prepare-bundle": Route(EDITORS, "access_requests", post_only=True),
    "information_rights:download": Route(EDITORS, "bundles"),
    "retention:index": Route(ADMINISTRATORS),
    "retention:place-hold": Route(EDITORS & NAMED, "cases"),
    "retention:release-hold": Route(EDITORS & NAMED, "legal_holds", post_only=True),
    "imports:index": Route(EDITORS),
    "imports:detail": Route(EDITORS, "imports"),
    "imports:progress": Route(EDITORS, "imports"),
    "imports:confirm": Route(EDITORS, "imports", post_only=True),
    "learning:list": Route(CASE_READERS),
    "learning:edit": Route(NAMED, "learning_actions"),  # its owner, the case's investigating officer, editors
    "learning:add": Route(HANDLER_ROLES & NAMED, "cases"),
    "learning:no-learning": Route(EDITORS & NAMED, "cases"),
    "tasks:mine": Route(CASE_READERS),
    "tasks:add": Route(NAMED, "cases"),  # anyone who can open the case
    "tasks:done": Route(NAMED, "tasks", post_only=True),
    "ombudsman:index": Route(OMBUDSMAN_HANDLERS),
    "ombudsman:create": Route(OMBUDSMAN_HANDLERS),
    "ombudsman:benchmarking": Route(OMBUDSMAN_HANDLERS),
    "ombudsman:settings": Route(OMBUDSMAN_HANDLERS),
    "ombudsman:detail": Route(NAMED, "ombudsman_cases"),  # handlers, and the owner of one of its remedies
    "ombudsman:edit": Route(OMBUDSMAN_HANDLERS, "ombudsman_cases"),
    "ombudsman:next-stage": Route(OMBUDSMAN_HANDLERS, "ombudsman_cases"),
    "ombudsman:answer": Route(OMBUDSMAN_HANDLERS, "ombudsman_cases"),
    "ombudsman:decision": Route(OMBUDSMAN_HANDLERS, "ombudsman_cases"),
    "ombudsman:refer-back": Route(OMBUDSMAN_HANDLERS, "ombudsman_cases"),
    "ombudsman:monitoring-officer": Route(OMBUDSMAN_HANDLERS, "decided_ombudsman_cases", post_only=True),
    "ombudsman:recommendation-add": Route(OMBUDSMAN_HANDLERS, "ombudsman_cases"),
    "ombudsman:recommendation": Route(NAMED, "remedies"),  # handlers, and the remedy's owner
    "ombudsman:upload": Route(NAMED, "ombudsman_cases", post_only=True),
    "ombudsman:download": Route(NAMED, "documents"),
    "performance:dashboard": Route(REPORT_READERS),
    "performance:figures": Route(PERFORMANCE_EDITORS, kwargs={"year": 2025, "period": "q4"}),
    "performance:targets": Route(PERFORMANCE_EDITORS, kwargs={"year": 2025}),
    "performance:indicators": Route(REPORT_READERS),
    "performance:indicator-add": Route(PERFORMANCE_EDITORS),
    "performance:indicator": Route(PERFORMANCE_EDITORS, "indicators"),
    "performance:national": Route(PERFORMANCE_EDITORS),
    "performance:report": Route(REPORT_READERS, query="year=2025&quarter=4"),
    "performance:download": Route(REPORT_READERS, kwargs={"format": "xlsx"}, query="year=2025&quarter=4"),
    "correspondence:templates": Route(EDITORS),
    "correspondence:template-edit": Route(EDITORS, "letter_templates"),
    "correspondence:new": Route(NAMED & (EDITORS | ALLOCATED), "cases"),
    "correspondence:download": [Route(NAMED, "letters", {"format": f}) for f in ("docx", "pdf")],
    "correspondence:letter": Route(NAMED, "case_letters"),
    "correspondence:edit": Route(NAMED & LETTER_WRITERS, "case_letters"),
    "correspondence:submit": Route(NAMED & LETTER_WRITERS, "case_letters"),
    "correspondence:review": Route(NAMED & REVIEWERS, "case_letters"),
    "correspondence:send": Route(NAMED & LETTER_WRITERS, "case_letters"),
    "reporting:annual": Route(REPORT_READERS, query="year=2026&procedure=adult"),
    "reporting:team": [
        Route(REPORT_READERS, kwargs={"kind": "weekly"}),
        Route(REPORT_READERS, kwargs={"kind": "weekly"}, query="format=xlsx"),
        Route(REPORT_READERS, kwargs={"kind": "monthly"}, query="format=xlsx"),
    ],
    "reporting:download": Route(REPORT_READERS, kwargs={"format": "xlsx"}, query="year=2026&procedure=adult"),
    "reporting:narrative": Route(EDITORS, kwargs={"year": 2026, "procedure": "adult"}),
    # A report built by the worker is for the person who asked for it only.
    "reporting:prepared": Route(REPORT_READERS & NAMED, "report_downloads"),
    "reporting:prepared-file": Route(REPORT_READERS & NAMED, "report_downloads"),
    "configuration:index": Route(ADMINISTRATORS),
    "configuration:council": Route(ADMINISTRATORS),
    "configuration:logo": Route(SIGNED_IN),
    "configuration:list": Route(ADMINISTRATORS, kwargs={"list_name": LookupList.METHOD}),
    "configuration:list-add": Route(ADMINISTRATORS, kwargs={"list_name": LookupList.METHOD}),
    "configuration:list-edit": Route(ADMINISTRATORS, "methods", {"list_name": LookupList.METHOD}),
    "configuration:service-areas": Route(ADMINISTRATORS),
    "configuration:service-area-add": Route(ADMINISTRATORS),
    "configuration:service-area-edit": Route(ADMINISTRATORS, "service_areas"),
    "procedures:list": Route(ADMINISTRATORS),
    "procedures:edit": Route(ADMINISTRATORS, "procedures"),
    "procedures:stage-edit": Route(ADMINISTRATORS, "stages"),
    "procedures:closure-days": Route(ADMINISTRATORS),
    "procedures:closure-day-delete": Route(ADMINISTRATORS, "closure_days"),
}

ROUTES = named_routes()


# The records the pages are opened with, and the people named on them.

EVERY_CASE = {"ada", "olivia", "lena"}  # administrator, complaints officer, link officer
PEOPLE = {
    "ada": Role.ADMINISTRATOR,
    "olivia": Role.COMPLAINTS_OFFICER,
    "ian": Role.INVESTIGATING_OFFICER,  # allocated to case A
    "mina": Role.MANAGER,  # manages Adult Services, so case A; owns a learning action on case B
    "lena": Role.LINK_OFFICER,
    "rory": Role.REPORTING,
    "otto": Role.INVESTIGATING_OFFICER,  # allocated nothing; owns a learning action on A and a remedy
}


@dataclass
class World:
    people: dict
    records: dict
    # What each person may see named: the references and complainants of the cases (and the
    # Ombudsman cases) they can open; the reference alone of a case that a learning action or
    # remedy they own is on.
    may_know: dict


@dataclass
class Named:
    """A record at an address (its pk unless given), with the people named as able to use it
    there (nobody, for the pages open to roles rather than people)."""

    record: object
    users: set[str]
    address: dict

    def __getattr__(self, name):
        return getattr(self.record, name)


def _named(record, users: set[str] = frozenset(), **address) -> Named:
    return Named(record, users, address or {"pk": record.pk})


@contextmanager
def closing_leaves_the_database_alone():
    """Closing a response ends its request, which would close the database connection in the
    middle of the test's transaction (PostgreSQL); Django's test client holds that off the same way."""
    request_finished.disconnect(close_old_connections)
    try:
        yield
    finally:
        request_finished.connect(close_old_connections)


@pytest.fixture
def world(make_user, make_case, area) -> World:
    people = {name: make_user(name, role, email=f"{name}@council.example") for name, role in PEOPLE.items()}
    area("Adult Services", manager=people["mina"])
    mental_health, fostering = area("Adult Services > Mental Health"), area("Children's Services > Fostering")

    def complaint(procedure, service_area, name, **fields):
        first, last = name.split()
        person = Person.objects.create(first_name=first, last_name=last, email=f"{first.lower()}@example.com")
        case = make_case(procedure=procedure, service_area=service_area, complainant=person, **fields)
        workflow.recompute(case)  # received in March: overdue on 15 June
        case.save()
        return case

    a = complaint("adult", mental_health, "Alice Adeyemi", investigating_officer=people["ian"])
    b = complaint("children", fostering, "Bella Brennan")
    c = complaint("children", fostering, "Carla Castellanos")
    readers = {a: EVERY_CASE | {"ian", "mina"}, b: EVERY_CASE, c: EVERY_CASE}

    def learning_action(case, owner):
        fields = {"what_will_change": "Brief the team", "level": Level.TEAM, "kind": ActionKind.TRAINING}
        return LearningAction.objects.create(case=case, owner=owner, due=dt.date(2026, 7, 31), **fields)

    on_a, on_b = learning_action(a, people["otto"]), learning_action(b, people["mina"])
    adult = Procedure.objects.get(code="adult")
    asked = ombudsman.open_case(reference="26 000 001", procedure=b.procedure, received=dt.date(2026, 5, 1))
    asked.complaints.add(b)
    ombudsman.record_decision(asked, Decision.UPHELD_INJUSTICE, dt.date(2026, 6, 1))
    remedies = [
        Recommendation.objects.create(case=asked, kind="apology", owner=people[owner], due=dt.date(2026, 7, 1))
        for owner in ("otto", "lena")
    ]
    other = ombudsman.open_case(reference="26 000 002", procedure=adult, received=dt.date(2026, 5, 4))
    ombudsman_readers = EVERY_CASE | {"otto"}
    documents = [
        save_attachment(SimpleUploadedFile("decision.pdf", PDF), Document, case=case, kind="ombudsman_letter")
        for case in (asked, other)
    ]
    attachments = [save_attachment(SimpleUploadedFile("letter.pdf", PDF), case=case) for case in (a, c)]
    letter = produce_letter(a, "acknowledgement", people["olivia"])
    response = produce_letter(a, "response", people["ian"])
    sending.submit(response, by=people["ian"])  # waiting for the manager's check
    # A file checked and waiting to be confirmed, but imported before: confirming it only says so.
    same_file = {"kind": "representations", "original_name": "cases.csv", "sha256": "0" * 64}
    ImportJob.objects.create(**same_file, status=ImportStatus.IMPORTED)
    again = ImportJob.objects.create(**same_file, status=ImportStatus.CHECKED)
    prepared = [
        ReportDownload.objects.create(
            requested_by=people[name],
            format="xlsx",
            query="year=2026&procedure=adult",
            title="Spreadsheet",
            filename="adult-complaints-annual-report-2026-internal.xlsx",
            status=DownloadStatus.READY,
        )  # fmt: skip
        for name in ("rory", "olivia")
    ]
    for download in prepared:
        download.file.save("report.xlsx", ContentFile(b"the year's figures"))
    council = Council.current()
    council.logo.save("logo.png", ContentFile(PNG))
    closure = ClosureDay.objects.create(date=dt.date(2026, 12, 24), description="Christmas Eve")
    draft = Draft.objects.create(answers={"what": {"kind": "complaint"}})
    asking = {"requester_name": "Carla Castellanos", "last_name": "Castellanos", "received": dt.date(2026, 6, 1)}
    access = InformationRequest.objects.create(kind=RequestKind.ACCESS, **asking)
    ready = Bundle.objects.create(request=access, status=BundleStatus.READY)
    ready.file.save("bundle.zip", ContentFile(b"PK\x05\x06" + b"\0" * 18))  # an empty zip
    Bundle.objects.create(request=access)  # waiting to be prepared, so preparing another only says so
    erasure = InformationRequest.objects.create(kind=RequestKind.ERASURE, **asking)
    undecided = IncludedCase.objects.create(request=erasure, case=c, case_reference=c.reference)
    hold = LegalHold.objects.create(case=a, reason="A claim", placed_by=people["olivia"])
    tasks = [
        Task.objects.create(case=case, assigned_to=people[to], due=dt.date(2026, 6, 15), what="Ring back")
        for case, to in ((a, "ian"), (b, "olivia"))
    ]

    records = {
        "cases": [_named(case, users, reference=case.reference) for case, users in readers.items()],
        "attachments": [
            *(_named(f, readers[case], reference=case.reference, pk=f.pk) for f, case in zip(attachments, (a, c))),
            _named(attachments[1], reference=a.reference, pk=attachments[1].pk),  # C's file, at A's address
        ],
        "letters": [_named(letter, readers[a])],
        "case_letters": [
            _named(response, readers[a], reference=a.reference, pk=response.pk),
            _named(response, reference=b.reference, pk=response.pk),  # A's letter, at B's address
        ],
        "learning_actions": [
            _named(on_a, {"ada", "olivia", "ian", "otto"}),  # editors, A's investigating officer, its owner
            _named(on_b, {"ada", "olivia", "mina"}),
        ],
        "ombudsman_cases": [_named(asked, ombudsman_readers), _named(other, EVERY_CASE)],
        "decided_ombudsman_cases": [_named(asked, ombudsman_readers)],
        "remedies": [
            _named(remedies[0], ombudsman_readers, pk=asked.pk, recommendation_pk=remedies[0].pk),
            _named(remedies[1], EVERY_CASE, pk=asked.pk, recommendation_pk=remedies[1].pk),  # not otto's
        ],
        "documents": [
            _named(documents[0], ombudsman_readers, pk=asked.pk, document_pk=documents[0].pk),
            _named(documents[1], EVERY_CASE, pk=other.pk, document_pk=documents[1].pk),
            _named(documents[1], pk=asked.pk, document_pk=documents[1].pk),  # the other case's, at this address
        ],
        "staff": [_named(people["ian"])],
        "imports": [_named(again)],
        "report_downloads": [_named(download, {download.requested_by.username}) for download in prepared],
        "indicators": [_named(Indicator.objects.first())],
        "letter_templates": [_named(LetterTemplate.objects.first())],
        "methods": [_named(Lookup.objects.of(LookupList.METHOD).first())],
        "service_areas": [_named(fostering)],
        "procedures": [_named(adult)],
        "stages": [_named(Stage.objects.filter(procedure=adult).first())],
        "closure_days": [_named(closure)],
        "information_requests": [_named(access), _named(erasure)],
        "access_requests": [_named(access)],
        "erasure_requests": [_named(erasure)],
        "erasure_decisions": [_named(undecided, pk=erasure.pk, included_pk=undecided.pk)],
        "bundles": [_named(ready, pk=access.pk, bundle_pk=ready.pk)],
        "legal_holds": [_named(hold, readers[a])],
        "tasks": [_named(task, readers[task.case]) for task in tasks],
        "resume_links": [_named(draft, signed=signing.dumps(draft.token, salt=RESUME_SALT))],
    }

    def known(*cases):
        return {word for case in cases for word in (case.reference, case.complainant.last_name)}

    everything = known(a, b, c) | {asked.reference, other.reference}
    may_know = dict.fromkeys(EVERY_CASE, everything)
    may_know |= {"ian": known(a), "mina": known(a) | {b.reference}, "rory": set()}
    may_know["otto"] = {a.reference, b.reference, asked.reference}  # his action is on A; his remedy's case is about B
    may_know[None] = set()
    return World(people, records, may_know)


# Opening a page and reading the answer.


def _addresses(world: World, name: str) -> list[tuple[Route, object, str]]:
    routes = ACCESS[name] if isinstance(ACCESS[name], list) else [ACCESS[name]]
    found = []
    for route in routes:
        for record in world.records[route.records] if route.records else [None]:
            kwargs = {**(record.address if record is not None else {}), **route.kwargs}
            url = reverse(name, kwargs=kwargs) + (f"?{route.query}" if route.query else "")
            found.append((route, record, url))
    return found


def _text(response) -> str:
    """What a person can read in the answer: the page, or the words inside a spreadsheet or a
    Word file. (A PDF's text is compressed; the letters are checked as Word files.)"""
    content = response.getvalue()
    if content.startswith(b"PK"):
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            return " ".join(archive.read(n).decode("utf-8", "replace") for n in archive.namelist())
    return content.decode("utf-8", "replace")


def _outcome(response) -> str:
    if response.status_code in {401, 403, 404}:
        return "refused"
    if response.status_code in {301, 302, 303}:
        # Sent to sign in first (signing out also ends on the sign-in page, but asks for no next page).
        signing_in = response.url.startswith(reverse("accounts:sign-in")) and "next=" in response.url
        return "refused" if signing_in else "allowed"
    if response.status_code in {200, 204}:
        return "allowed"
    return f"answered {response.status_code}"


def _client(person) -> Client:
    client = Client(raise_request_exception=False)
    if person is not None:
        client.force_login(person)
    return client


def test_every_route_has_a_line_in_the_access_table():
    missing = sorted(set(ROUTES) - set(ACCESS))
    assert not missing, "".join(f"\nadd {name} to ACCESS in redress/tests/test_access.py" for name in missing)
    assert not set(ACCESS) - set(ROUTES), f"ACCESS names routes that are gone: {sorted(set(ACCESS) - set(ROUTES))}"


@pytest.mark.parametrize("name", [None, *PEOPLE])
def test_each_person_may_use_only_the_pages_the_table_gives_them(world, name):
    person = world.people.get(name)
    client = _client(person)
    problems = []
    for route_name in sorted(set(ROUTES) & set(ACCESS)):
        for route, record, url in _addresses(world, route_name):
            expected = "allowed" if route.who(person, record) else "refused"
            written = LogEntry.objects.count()
            response = client.post(url) if route.post_only else client.get(url)
            got = _outcome(response)
            if got != expected:
                problems.append(f"{route_name} {url}: {got}, should be {expected}")
            if expected == "refused" and not route.post_only:
                # The form behind the page refuses a POST too, and changes nothing.
                posted = _outcome(client.post(url, {}))
                if posted != "refused":
                    problems.append(f"{route_name} {url}: a POST was {posted}, should be refused")
            if got == expected == "refused" and LogEntry.objects.count() != written:
                problems.append(f"{route_name} {url}: refused, but something was written")
            if "no-store" not in response.get("Cache-Control", "") or "private" not in response["Cache-Control"]:
                problems.append(f"{route_name} {url}: Cache-Control is {response.get('Cache-Control')!r}")
            if got == "allowed" and response.status_code == 200:
                shown = _text(response)
                leaked = {ref for ref in world.may_know["ada"] - world.may_know[name] if ref in shown}
                if leaked:
                    problems.append(f"{route_name} {url}: names {sorted(leaked)}, not for {name or 'a visitor'}")
            with closing_leaves_the_database_alone():
                response.close()  # the files downloaded
            if person is not None and "_auth_user_id" not in client.session:
                client.force_login(person)  # signed out by the sign-out page: sign in again
    assert not problems, f"{len(problems)} problems for {name or 'a visitor'}:\n" + "\n".join(problems)


def test_only_a_superuser_may_use_the_django_admin(world, make_user):
    """The Django admin is for the person who sets Redress up (see the README): no role opens it."""
    case = world.records["cases"][0]
    values = {
        "app_label": "accounts",
        "content_type_id": ContentType.objects.get_for_model(Representation).pk,
        "object_id": case.pk,
        "id": world.people["ian"].pk,
        "pk": world.people["ian"].pk,
    }
    admin_routes = {
        name: reverse(name, kwargs={k: values[k] for k in parameters})
        for name, parameters in named_routes(admin=True).items()
        if name.startswith("admin:") and name not in {"admin:login", "admin:logout"}
    }
    assert len(admin_routes) > 20
    sign_in = reverse("admin:login")
    problems = []
    for person in [None, *world.people.values()]:
        client = _client(person)
        for name, url in admin_routes.items():
            response = client.get(url)
            if response.status_code != 302 or not response.url.startswith(sign_in):
                problems.append(f"{name} {url} for {person}: {response.status_code} {response.get('Location')}")
    assert not problems, "\n".join(problems)
    superuser = make_user("root", Role.REPORTING, is_staff=True, is_superuser=True)
    client = _client(superuser)
    for url in (reverse("admin:index"), reverse("admin:accounts_user_changelist")):
        response = client.get(url)
        assert response.status_code == 200 and "no-store" in response["Cache-Control"]
