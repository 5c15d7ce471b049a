"""Finding everything held about one person, for a subject access or erasure request.

The matching rules, so that a namesake's case is never sent to the wrong person:

- A name matches only as a whole: first and last names exactly as typed, ignoring capitals and
  extra spaces ("Jo Smith" does not find "Joanne Smith" or "Jo Smithson").
- An email address matches only exactly, ignoring capitals and spaces around it.
- A date of birth never finds anyone by itself (many people share one): it confirms a name, and
  rules a person out when their record (now, or before a change on the audit trail) says
  another date.
- A reference is the council's case reference or the Ombudsman's, exactly.

Each kind of record is searched: the case's people (who made it, including a representative
acting for someone else, and who it is about), Ombudsman cases by their reference, the words of
the letters sent, the names of files uploaded and the online form's answers, and the audit
trail (names, email addresses and dates of birth a person's record held before a change).
A match names the keys it was found on and what disagrees; only a match on an email address,
a reference, or a name with its date of birth is "strong" and chosen in advance. The officer
reviews every match and chooses what to include."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.db.models.functions import Lower, Trim

from redress.cases.models import Person, Representation
from redress.correspondence.models import CaseLetter
from redress.intake.models import Attachment, Submission
from redress.ombudsman.models import OmbudsmanCase

NAME, EMAIL, BIRTH, REFERENCE = "name", "email address", "date of birth", "reference"
FOUND_IN_CASE, FOUND_IN_OMBUDSMAN = "the case's people", "an Ombudsman case"
FOUND_IN_LETTER, FOUND_IN_UPLOAD, FOUND_IN_AUDIT = "a letter", "an upload or the online form", "the audit trail"


@dataclass
class Match:
    """A case that holds information about the person, and why it was found."""

    case: Representation
    people: set[int] = field(default_factory=set)
    roles: set[str] = field(default_factory=set)
    matched_on: set[str] = field(default_factory=set)
    found_in: set[str] = field(default_factory=set)
    differs: set[str] = field(default_factory=set)

    @property
    def strong(self) -> bool:
        return bool(self.matched_on & {EMAIL, REFERENCE}) or {NAME, BIRTH} <= self.matched_on

    def summary(self) -> str:
        return ", ".join(sorted(self.matched_on))


def normal_name(text: str) -> str:
    return " ".join(text.split()).casefold()


def roles_of(case: Representation, person: Person) -> set[str]:
    roles = set()
    if case.complainant_id == person.pk:
        roles.add("Representative for someone else" if case.for_someone_else else "Made the complaint")
    if case.service_user_id == person.pk:
        roles.add("The person it is about")
    return roles


def _name_query(words: list[str]) -> Q:
    """Every way the words split into a first and a last name ("Mary Ann" "Smith"), on names
    trimmed and in small letters (see `people_by_name`)."""
    words = [word.lower() for word in words]
    query = Q(pk__in=[])
    for split in range(len(words) + 1):
        query |= Q(_first=" ".join(words[:split]), _last=" ".join(words[split:]))
    return query


def people_by_name():
    return Person.objects.annotate(_first=Lower(Trim("first_name")), _last=Lower(Trim("last_name")))


class _Search:
    def __init__(self, name: str, email: str, date_of_birth: dt.date | None, reference: str):
        self.words = name.split()
        self.name = normal_name(name)
        self.email = email.strip().lower()
        self.birth = date_of_birth
        self.reference = reference.strip()
        self.matches: dict[int, Match] = {}
        self.person_type = ContentType.objects.get_for_model(Person)

    def match(self, case: Representation) -> Match:
        return self.matches.setdefault(case.pk, Match(case=case))

    def run(self) -> list[Match]:
        if self.name or self.email:
            self.search_people()
            self.letters()
            self.uploads()
        if self.reference:
            self.references()
        return sorted(self.matches.values(), key=lambda m: (not m.strong, m.case.received, m.case.pk))

    # The case's people, now and as the audit trail remembers them.
    def search_people(self) -> None:
        query = Q(pk__in=[])
        if self.email:
            query |= Q(email__iexact=self.email)
        if self.name:
            query |= _name_query(self.words)
        found = {p.pk: p for p in people_by_name().filter(query)}
        past = self._past_people()
        # People found only by what their record said before it was changed.
        found.update({p.pk: p for p in Person.objects.filter(pk__in=past.keys() - found.keys())})
        if self.birth:
            # A date of birth since corrected still confirms the person, whatever else changed.
            corrected = LogEntry.objects.filter(
                content_type=self.person_type, object_id__in=found, changes__icontains="date_of_birth"
            )
            self._remember(past, corrected)
        for person in found.values():
            self.person(person, past.get(person.pk, {}))

    def _past_people(self) -> dict[int, dict[str, set]]:
        """The names, email addresses and dates of birth people's records held before a change."""
        query = Q(pk__in=[])
        if self.email:
            query |= Q(changes__icontains=self.email)
        if self.name:
            query |= Q(object_repr__iexact=" ".join(self.words))
        return self._remember({}, LogEntry.objects.filter(query, content_type=self.person_type))

    def _remember(self, past: dict[int, dict[str, set]], entries) -> dict[int, dict[str, set]]:
        for entry in entries.only("object_id", "object_repr", "changes"):
            values = past.setdefault(entry.object_id, {NAME: set(), EMAIL: set(), BIRTH: set()})
            values[NAME].add(normal_name(entry.object_repr))
            changes = entry.changes_dict or {}
            values[EMAIL].update(str(v).lower() for v in changes.get("email", []) if v)
            values[BIRTH].update(str(v) for v in changes.get("date_of_birth", []) if v and v != "None")
        return past

    def person(self, person: Person, past: dict[str, set]) -> None:
        matched_on, differs, in_audit = set(), set(), False
        if self.email:
            if person.email.lower() == self.email:
                matched_on.add(EMAIL)
            elif self.email in past.get(EMAIL, ()):
                matched_on.add(EMAIL)
                in_audit = True
            elif person.email:
                differs.add("a different email address is recorded")
        if self.name:
            if normal_name(str(person)) == self.name:
                matched_on.add(NAME)
            elif self.name in past.get(NAME, ()):
                matched_on.add(NAME)
                in_audit = True
        if self.birth:
            if person.date_of_birth == self.birth or self.birth.isoformat() in past.get(BIRTH, ()):
                matched_on.add(BIRTH)
            elif person.date_of_birth:
                if matched_on <= {NAME}:
                    return  # someone else of the same name
                differs.add("a different date of birth is recorded")
            else:
                differs.add("no date of birth is recorded")
        if not matched_on & {NAME, EMAIL}:
            return
        cases = Representation.objects.filter(Q(complainant=person) | Q(service_user=person))
        for case in cases.select_related("complainant", "service_user"):
            found = self.match(case)
            found.people.add(person.pk)
            found.roles |= roles_of(case, person)
            found.matched_on |= matched_on
            found.differs |= differs
            found.found_in.add(FOUND_IN_CASE)
            if in_audit:
                found.found_in.add(FOUND_IN_AUDIT)

    # The words the council wrote and the files and answers the person sent.
    def _namesake_only(self, case: Representation) -> bool:
        """The case's person of this name is recorded with another date of birth."""
        people = [p for p in (case.complainant, case.service_user) if p and normal_name(str(p)) == self.name]
        return bool(people) and all(p.date_of_birth and p.date_of_birth != self.birth for p in people)

    def _text_hits(self, cases, found_in: str, key: str) -> None:
        for case in cases.select_related("complainant", "service_user").distinct():
            if key == NAME and self.birth and case.pk not in self.matches and self._namesake_only(case):
                continue
            found = self.match(case)
            found.matched_on.add(key)
            found.found_in.add(found_in)
            if self.birth and not (found.matched_on & {BIRTH}):
                found.differs.add("found in words only: check it is the same person")

    def _keys(self) -> list[tuple[str, str]]:
        return [(key, text) for key, text in ((NAME, " ".join(self.words)), (EMAIL, self.email)) if text]

    def letters(self) -> None:
        for key, text in self._keys():
            letters = CaseLetter.objects.filter(text__icontains=text).values("case")
            self._text_hits(Representation.objects.filter(pk__in=letters), FOUND_IN_LETTER, key)

    def uploads(self) -> None:
        for key, text in self._keys():
            files = Attachment.objects.filter(case__isnull=False, name__icontains=text).values("case")
            answers = Submission.objects.filter(answers__icontains=text).values("case")
            cases = Representation.objects.filter(Q(pk__in=files) | Q(pk__in=answers))
            self._text_hits(cases, FOUND_IN_UPLOAD, key)

    def references(self) -> None:
        cases = Representation.objects.filter(reference__iexact=self.reference)
        ombudsman = Representation.objects.filter(ombudsman_cases__reference__iexact=self.reference)
        for found_in, query in ((FOUND_IN_CASE, cases), (FOUND_IN_OMBUDSMAN, ombudsman)):
            for case in query.select_related("complainant", "service_user"):
                found = self.match(case)
                found.matched_on.add(REFERENCE)
                found.found_in.add(found_in)


def find_person(
    *, name: str = "", email: str = "", date_of_birth: dt.date | None = None, reference: str = ""
) -> list[Match]:
    """Every case holding information about the person, strongest matches first."""
    return _Search(name, email, date_of_birth, reference).run()


def ombudsman_cases_of(cases) -> list[OmbudsmanCase]:
    return list(OmbudsmanCase.objects.filter(complaints__in=cases).distinct().order_by("received", "pk"))
