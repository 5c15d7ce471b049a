"""A demonstration council: service areas, staff who can sign in, and three financial years
(the current one, to today, and the two before it) of complaints, compliments, comments,
initial enquiries and service requests, with a few Ombudsman cases.

The same seed and the same day give the same council. Only `manage.py load_demo_data` (run
by `make run`, never in production) calls this.
"""

from __future__ import annotations

import datetime as dt
import random
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.contrib.auth.hashers import check_password, make_password
from django.db import transaction
from django.utils import timezone

from redress.accounts.models import Role, User
from redress.cases.findings import findings_stage
from redress.cases.models import (
    Concern,
    ConcernFinding,
    Consent,
    Finding,
    Kind,
    Outcome,
    Person,
    Representation,
    Sex,
    YesNo,
    concern_list,
    reserve_references,
)
from redress.configuration.models import (
    Council,
    Lookup,
    LookupList,
    ServiceArea,
    financial_year_label,
    report_procedures,
)
from redress.ombudsman.models import (
    UPHELD_DECISIONS,
    Decision,
    OmbudsmanCase,
    OmbudsmanSettings,
    PeerStatistics,
    Recommendation,
    RemedyType,
    Stage,
)
from redress.ombudsman.statistics import percentage
from redress.ombudsman.workflow import record_decision, record_response, start_stage
from redress.performance.models import Commentary, Comparator, Indicator, IndicatorValue, QuarterlyUpdate
from redress.performance.ranking import quartile_of
from redress.procedures.calendar import current_calendar
from redress.procedures.models import CountedFrom, Procedure

from . import content

PASSWORD = "redress-demo-2026"  # noqa: S105 - the documented demo password, never in production
SITE = "http://127.0.0.1:8000/"
SEED = 2026

# Received in a whole financial year; the current year gets its share so far.
PER_YEAR = {
    "adult": 50,
    "children": 40,
    "corporate": 13,
    "ineligible": 3,
    Kind.COMPLIMENT: 300,
    Kind.COMMENT: 20,
    Kind.ENQUIRY: 45,
    Kind.SERVICE_REQUEST: 30,
}
PLURALS = {
    Kind.COMPLIMENT: "Compliments",
    Kind.COMMENT: "Comments",
    Kind.ENQUIRY: "Initial enquiries",
    Kind.SERVICE_REQUEST: "Service requests",
}
WELL_FOUNDED = {Outcome.UPHELD, Outcome.PARTIALLY_UPHELD}
LATER_STAGE_OUTCOMES = {Outcome.UPHELD: 20, Outcome.PARTIALLY_UPHELD: 45, Outcome.NOT_UPHELD: 35}
OMBUDSMAN_DECISIONS = {
    Decision.CLOSED_NO_FURTHER_ACTION: 30,
    Decision.UPHELD_INJUSTICE: 22,
    Decision.NOT_UPHELD: 14,
    Decision.PREMATURE: 10,
    Decision.UPHELD_REMEDIED: 8,
    Decision.UPHELD_NO_INJUSTICE: 5,
    Decision.OUT_OF_JURISDICTION: 5,
    Decision.ADVICE_GIVEN: 3,
}


def is_loaded() -> bool:
    return Council.current().name == content.COUNCIL["name"]


def financial_years(today: dt.date, start_month: int = 4) -> list[tuple[dt.date, dt.date]]:
    """The two financial years before the current one, then the current one up to today."""
    current = today.year if today.month >= start_month else today.year - 1
    years = []
    for year in range(current - 2, current + 1):
        end = dt.date(year + 1, start_month, 1) - dt.timedelta(days=1)
        years.append((dt.date(year, start_month, 1), min(end, today)))
    return years


def load(today: dt.date | None = None, seed: int = SEED) -> dict[str, dict[str, int]]:
    """Create the demonstration council, unless it (or any other case) is already there.

    Returns how many of each were received in each financial year, e.g.
    {"Compliments": {"2024/25": 297, ...}}; empty when nothing was added.
    """
    if is_loaded() or Representation.objects.exists():
        return {}
    today = today or timezone.localdate()
    with transaction.atomic():
        volumes = _Demo(today, random.Random(seed)).load()
        recompute_deadlines(today)
        start = Council.current().financial_year_start(today)
        for case in online_submissions(today):
            volumes[f"{case.procedure.name} complaints"][financial_year_label(start.year)] += 1
        return volumes


def online_submissions(today: dt.date) -> list[Representation]:
    """Two forms sent online this morning, waiting in the triage queue."""
    from redress.intake.models import Draft
    from redress.intake.submission import submit

    def pk(list_name, label):
        return str(Lookup.objects.get(list_name=list_name, label=label).pk)

    contact = {"preferred": "email"}
    forms = [
        {
            "what": {"kind": "complaint"},
            "service": {"service": "adult"},
            "who": {"who": "someone_else"},
            "their-name": {"first_name": "Margaret", "last_name": "Hughes"},
            "relationship": {"relationship": pk(LookupList.RELATIONSHIP, "Son/Daughter")},
            "consent": {"consent": "given", "reason": ""},
            "your-details": {"first_name": "Susan", "last_name": "Hughes", "email": "susan.hughes@example.com"},
            "contact": contact,
            "support": {"needs": "Large print letters, please.", "language": ""},
            "what-happened": {"what_happened": content.ONLINE_COMPLAINT},
            "outcome": {"outcome": "An apology, and carers who arrive when they are meant to."},
            "documents": {"done": True},
            "equality": {"answer": "yes"},
            "equality-sex": {"sex": "female"},
            "equality-age": {"age": 84, "prefer_not": False},
            "equality-ethnicity": {"ethnicity": pk(LookupList.ETHNICITY, "Irish")},
            "equality-disability": {"disability": "yes"},
        },
        {
            "_young": True,
            "what": {"kind": "complaint"},
            "service": {"service": "children"},
            "who": {"who": "myself"},
            "advocate": {"advocate": "wanted", "details": ""},
            "your-details": {"first_name": "Jay", "last_name": "Brooks", "email": "jay.brooks@example.com"},
            "contact": contact,
            "support": {"needs": "", "language": ""},
            "what-happened": {"what_happened": "I have had four social workers this year and nobody tells me why."},
            "outcome": {"outcome": "One social worker who stays."},
            "documents": {"done": True},
            "equality": {"answer": "no"},
        },
    ]
    return [submit(Draft.objects.create(answers=answers).pk, today) for answers in forms]


def recompute_deadlines(today: dt.date) -> None:
    """Give every loaded complaint the deadlines the workflow would have worked out."""
    from redress.cases.workflow import recompute_cases

    complaints = Representation.objects.filter(kind="complaint")
    complaints.update(triaged=True)
    recompute_cases(complaints, today)


def sign_ins() -> list[tuple[str, str, str, str]]:
    """Role, user name, password and what they see, for each demo sign-in that exists."""
    wanted = [(username, sees) for username, _, _, _, _, sees in content.SIGN_INS]
    # A team manager too, after the director, to show that a manager sees only their areas.
    team = ServiceArea.objects.filter(path=content.TEAM_MANAGED, manager__role=Role.MANAGER).first()
    if team and team.manager.username not in dict(wanted):
        wanted.insert(-1, (team.manager.username, f"Cases in {team.path}"))
    users = {u.username: u for u in User.objects.filter(username__in=dict(wanted))}
    # The demo accounts share one hash, and checking an Argon2 hash takes a third of a second.
    works: dict[str, bool] = {}
    rows = []
    for username, sees in wanted:
        if user := users.get(username):
            if user.password not in works:
                works[user.password] = check_password(PASSWORD, user.password)
            password = PASSWORD if works[user.password] else "(changed since loading)"
            rows.append((user.get_role_display(), username, password, sees))
    return rows


@dataclass
class _Entry:
    """A representation waiting to be saved, with what is saved alongside it."""

    case: Representation
    code: str = ""  # the procedure, for a complaint accepted under one
    people: list[Person] = field(default_factory=list)
    concerns: list[Concern] = field(default_factory=list)
    themes: list[Lookup] = field(default_factory=list)


class _Demo:
    def __init__(self, today: dt.date, rng: random.Random) -> None:
        self.today, self.rng = today, rng
        self.calendar = current_calendar()
        self.now = timezone.now()
        self.council = Council.current()
        self.procedures = {p.code: p for p in Procedure.objects.prefetch_related("stages")}
        self.lookups = {(x.list_name, x.label): x for x in Lookup.objects.all()}

    def load(self) -> dict[str, dict[str, int]]:
        self.council.name = content.COUNCIL["name"]
        self.council.complaints_email = content.COUNCIL["complaints_email"]
        self.council.complaints_phone = content.COUNCIL["complaints_phone"]
        self.council.save()
        self.staff_and_areas()

        entries: list[_Entry] = []
        for start, end in financial_years(self.today, self.council.financial_year_start_month):
            days = [d for d in _days(start, end) if self.calendar.is_working_day(d)]
            if not days:
                continue
            for what, per_year in PER_YEAR.items():
                for received in sorted(self.rng.choice(days) for _ in range(self.volume(per_year, start, end))):
                    if what in self.procedures:
                        entries.append(self.complaint(what, received))
                    elif what == "ineligible":
                        entries.append(self.ineligible(received))
                    elif what == Kind.COMPLIMENT:
                        entries.append(self.compliment(received))
                    else:
                        entries.append(self.other(what, received))
        complaints = [e for e in entries if e.code]
        self.escalate(complaints)
        for entry in complaints:
            self.finish(entry)
        self.give_each_investigator_work(complaints)
        self.save(entries)
        ombudsman = self.ombudsman([e.case for e in complaints])
        ombudsman += self.ombudsman_in_hand([e.case for e in complaints])
        self.peer_statistics()
        self.performance()
        return self.volumes(entries, ombudsman)

    def give_each_investigator_work(self, complaints: list[_Entry]) -> None:
        """Each demo investigating officer has a complaint in hand, whatever the dates drawn."""
        for username, code in (("investigator", "adult"), ("investigator2", "children")):
            officer = self.users.get(username)
            open_cases = [e.case for e in complaints if e.code == code and not e.case.closed]
            if officer and open_cases and all(c.investigating_officer != officer for c in open_cases):
                open_cases[-1].investigating_officer = officer

    # Randomness, days and lookups.

    def pick(self, weights: dict):
        return self.rng.choices(list(weights), weights=list(weights.values()))[0]

    def chance(self, probability: float) -> bool:
        return self.rng.random() < probability

    def after(self, day: dt.date, working_days: int) -> dt.date:
        return self.calendar.add_working_days(day, working_days)

    def volume(self, per_year: int, start: dt.date, end: dt.date) -> int:
        whole = (start.replace(year=start.year + 1) - start).days
        return round(per_year * ((end - start).days + 1) / whole * self.rng.uniform(0.9, 1.1))

    def lookup(self, list_name: str, label: str | None) -> Lookup | None:
        return self.lookups[(list_name, label)] if label else None

    # Staff and service areas.

    def staff_and_areas(self) -> None:
        password = make_password(PASSWORD)
        taken = set(User.objects.values_list("username", flat=True))
        new = [
            User(
                username=username,
                role=role,
                first_name=first,
                last_name=last,
                job_title=title,
                email=f"{first}.{last}@northbridge.example".lower(),
                password=password,
            )
            for username, role, first, last, title, _ in content.SIGN_INS
            if username not in taken
        ]
        managers = {"Adult Services": "manager"}
        for path in content.SERVICE_AREAS:
            if path in managers:
                continue
            first, last = self.first_name(self.pick({"female": 6, "male": 4}), "british"), self.surname("british")
            username = f"{first}.{last}".lower()
            while username in taken:
                username += "1"
            taken.add(username)
            managers[path] = username
            name, depth = path.split(" > ")[-1], path.count(" > ")
            title = [f"Director of {name}", f"Head of {name}", f"{name} Manager"][depth]
            new.append(
                User(
                    username=username,
                    role=Role.MANAGER,
                    first_name=first,
                    last_name=last,
                    job_title=title,
                    email=f"{username}@northbridge.example",
                    password=password,
                )
            )
        User.objects.bulk_create(new)
        wanted = [*managers.values(), *(s[0] for s in content.SIGN_INS)]
        self.users = users = {u.username: u for u in User.objects.filter(username__in=wanted)}
        self.officer = users.get("officer")

        self.areas: dict[str, ServiceArea] = {}
        for path in content.SERVICE_AREAS:
            *parents, name = path.split(" > ")
            area, _ = ServiceArea.objects.get_or_create(
                name=name, parent=self.areas[" > ".join(parents)] if parents else None
            )
            if not area.manager_id:
                area.manager = users[managers[path]]
            if not parents and not area.default_procedure_id:
                area.default_procedure = self.procedures[content.DIRECTORATE_PROCEDURES[name]]
            area.save()
            self.areas[path] = area
        # Compliments, comments and enquiries count in their area's annual report (interchange 1.1).
        counted_in = report_procedures(self.areas.values())
        self.counted_in = {path: counted_in[area.pk][0] for path, area in self.areas.items()}

    # People.

    def first_name(self, sex: str, pool: str, age: int | None = None) -> str:
        if pool == "british" and age is not None:
            pool = "british_older" if age >= 65 else "british_child" if age < 18 else "british"
        if sex not in ("female", "male"):
            sex = self.rng.choice(["female", "male"])
        return self.rng.choice(content.FIRST_NAMES[pool][sex].split())

    def surname(self, pool: str) -> str:
        return self.rng.choice(content.SURNAMES[pool].split())

    def person(self, sex: str, pool: str, age: int | None = None, on=None, surname=None, contact=True) -> Person:
        first, last = self.first_name(sex, pool, age), surname or self.surname(pool)
        person = Person(first_name=first, last_name=last)
        if age is not None:
            person.date_of_birth = on - dt.timedelta(days=int((age + self.rng.random()) * 365.25))
        if contact:
            street = self.rng.choice(content.STREETS.split(", "))
            person.address = f"{self.rng.randint(1, 180)} {street}\nNorthbridge"
            letters = "ABDEFGHJLNPQRSTUWXYZ"
            person.postcode = (
                f"NB{self.rng.randint(1, 9)} {self.rng.randint(1, 9)}{''.join(self.rng.sample(letters, 2))}"
            )
            if self.chance(0.6):
                person.email = f"{first}.{last}{self.rng.randint(1, 99)}@example.com".lower().replace("'", "")
            if self.chance(0.6):
                person.phone = f"07700 900{self.rng.randint(0, 999):03d}"
        return person

    def random_pool(self) -> str:
        return self.pick({"british": 12, "south_asian": 2, "african": 1, "caribbean": 1, "european": 1})

    def people(self, entry: _Entry, path: str) -> str:
        """The person receiving the service and who complained for them, with equality monitoring.

        Returns the opening of the summary, saying who complained for whom.
        """
        case, code = entry.case, entry.code
        low, high = content.AGES.get(path, content.ADULT_AGES)
        age = self.rng.randint(low, high)
        sex = self.pick({"female": 57, "male": 43} if code == "adult" else {"female": 50, "male": 50})
        ethnicity = self.pick(content.ETHNICITIES)
        pool = content.POOL_OF_ETHNICITY.get(ethnicity) or self.random_pool()
        known_age = self.chance(0.92 if code != "corporate" else 0.35)
        user = self.person(sex, pool, age if known_age else None, case.received)
        relationship = self.pick(content.RELATIONSHIPS[code])
        if code == "children" and relationship == "Service user" and age < 10:
            relationship = "Parent"
        case.relationship = self.lookup(LookupList.RELATIONSHIP, relationship)
        if relationship == "Councillor or MP":
            case.point_of_receipt = self.lookup(LookupList.POINT_OF_RECEIPT, self.pick({"Councillor": 3, "MP": 2}))
        self.equality(case, code, path, sex, ethnicity, user)

        if relationship == "Service user":
            case.complainant = case.service_user = user
            case.consent = Consent.NOT_NEEDED
            entry.people.append(user)
            if code != "children":
                return ""
            case.child_or_young_person, case.advocate = True, self.chance(0.8)
            return (
                "Young person complaining, supported by an advocate." if case.advocate else "Young person complaining."
            )

        family = {"Son/Daughter": 0.6, "Spouse/Partner": 0.75, "Parent": 0.7, "Other relative": 0.5}
        same_name = self.chance(family.get(relationship, 0))
        female = self.chance(0.65)
        complainant = self.person(
            "female" if female else "male",
            pool if same_name else self.random_pool(),
            surname=user.last_name if same_name else None,
        )
        user.email = user.phone = ""
        if relationship == "Parent":
            user.address, user.postcode = complainant.address, complainant.postcode
        case.complainant, case.service_user = complainant, user
        entry.people += [complainant, user]
        case.advocate = relationship == "Advocacy service"
        if code == "children" and relationship == "Parent" and self.chance(0.75):
            case.consent = Consent.NOT_NEEDED  # someone with parental responsibility
        elif code == "adult":
            case.consent = self.pick({Consent.GIVEN: 55, Consent.CANNOT_GIVE: 30, Consent.NOT_NEEDED: 10, "": 5})
        else:
            case.consent = self.pick({Consent.GIVEN: 70, Consent.CANNOT_GIVE: 10, "": 20})
        actor = {
            "Son/Daughter": "Daughter" if female else "Son",
            "Spouse/Partner": "Partner",
            "Parent": "Mother" if female else "Father",
            "Other relative": "A relative",
            "Friend or neighbour": "A neighbour",
            "Advocacy service": "An advocate",
            "Carer": "Foster carer" if code == "children" else "Carer",
            "Professional": "A teacher" if code == "children" else "A district nurse",
            "Councillor or MP": "A local councillor",
        }[relationship]
        return f"{actor} complaining on behalf of {user.first_name}."

    def equality(self, case: Representation, code: str, path: str, sex: str, ethnicity: str, user: Person):
        """Monitoring of the person receiving the service: blank is "not known", which differs
        from "prefer not to say". Corporate complaints seldom record it."""
        case.su_age = user.age_on(case.received)
        if code == "corporate" and self.chance(0.7):
            return
        case.su_sex = self.pick({sex: 91, "": 5, Sex.PREFER_NOT_TO_SAY: 3, Sex.OTHER: 1})
        if self.chance(0.9):
            case.su_ethnicity = self.lookup(LookupList.ETHNICITY, ethnicity)
        if path in ("Adult Services > Learning Disabilities", "Children's Services > Disabled Children"):
            case.su_disability = YesNo.YES
        elif code == "adult":
            case.su_disability = self.pick({YesNo.YES: 65, YesNo.NO: 15, YesNo.PREFER_NOT_TO_SAY: 3, "": 17})
        else:
            case.su_disability = self.pick({YesNo.YES: 15, YesNo.NO: 55, YesNo.PREFER_NOT_TO_SAY: 2, "": 28})
        if code == "adult" and self.chance(0.88):
            reason = self.pick(content.PRIMARY_SUPPORT_REASONS.get(path, content.OLDER))
            case.su_primary_support_reason = self.lookup(LookupList.PRIMARY_SUPPORT_REASON, reason)

    # Representations.

    def representation(self, kind: str, received: dt.date, path: str, methods: dict, points: dict):
        created = dt.datetime.combine(received, dt.time(9)) + dt.timedelta(minutes=self.rng.randint(0, 480))
        return Representation(
            kind=kind,
            received=received,
            service_area=self.areas[path],
            method=self.lookup(LookupList.METHOD, self.pick(methods)),
            point_of_receipt=self.lookup(LookupList.POINT_OF_RECEIPT, self.pick(points)),
            created=min(timezone.make_aware(created), self.now),
            created_by=self.officer,
            procedure=None if kind == Kind.COMPLAINT else self.counted_in[path],
        )

    def complaint(self, code: str, received: dt.date) -> _Entry:
        path = self.pick(content.COMPLAINT_AREAS[code])
        case = self.representation(Kind.COMPLAINT, received, path, content.METHODS, content.POINTS_OF_RECEIPT)
        case.procedure = self.procedures[code]
        entry = _Entry(case, code)
        opening = self.people(entry, path)
        entry.concerns = self.concerns(code)
        case.summary = " ".join([opening, *(c.description for c in entry.concerns)]).strip()
        self.stage1(case)
        return entry

    def concerns(self, code: str) -> list[Concern]:
        if code == "corporate":
            topics = content.CORPORATE_CONCERNS
        else:
            topics = [(cat, sub, by[code]) for cat, sub, by in content.CONCERNS if code in by]
        chosen = []
        for _ in range(self.pick({1: 50, 2: 35, 3: 15})):
            topic = self.rng.choices(topics, weights=[t[2][0] for t in topics])[0]
            if topic not in chosen:
                chosen.append(topic)
        return [
            Concern(
                category=self.lookup(concern_list(code), category),
                subcategory=self.lookup(concern_list(code), subcategory),
                description=self.rng.choice(descriptions),
            )
            for category, subcategory, (_, descriptions) in chosen
        ]

    def stage1(self, case: Representation) -> None:
        procedure, today = case.procedure, self.today
        allowed = procedure.acknowledgement_days
        # Most acknowledged within the procedure's days, some late.
        days = self.rng.randint(1, allowed) if self.chance(0.9) else self.rng.randint(allowed + 1, allowed + 6)
        acknowledged = self.after(case.received, days)
        if acknowledged > today:
            return
        case.acknowledged = acknowledged
        stage = procedure.stage(1)
        if procedure.code == "adult" and self.chance(0.15):
            case.target_days = self.rng.choice([40, 65])  # a longer response time agreed for a complex case
        start = acknowledged if stage.counted_from == CountedFrom.ACKNOWLEDGED else case.received
        target = case.target_days or stage.target_days
        if self.chance(0.06):
            withdrawn = self.after(acknowledged, self.rng.randint(1, target))
            if withdrawn <= today:
                case.outcome, case.closed = Outcome.WITHDRAWN, withdrawn
            return
        if (today - case.received).days < 150 and self.chance(0.12):
            # Still open and overdue, some against a date agreed with the complainant.
            agreed = self.after(start, target + self.rng.randint(5, 20))
            if agreed <= today and self.chance(0.5):
                case.extended_to = agreed
            return
        response, extended_to = self.respond(start, stage.target_days, stage.extended_days, case.target_days)
        if response <= today:
            case.stage1_response, case.extended_to = response, extended_to
            case.closed, case.outcome = response, self.pick(content.OUTCOMES[procedure.code])

    def respond(self, start, target: int, longest: int | None, agreed: int | None = None):
        """The response date and any extension agreed: mostly on time, some extended, some late."""
        target = agreed or target
        roll = self.rng.random()
        if roll < 0.72:
            return self.after(start, self.rng.randint(max(1, target // 3), target)), None
        if roll < 0.88 and longest and longest > target:
            taken = self.rng.randint(target + 1, min(longest, target * 2))
            extended_to = self.after(start, self.rng.randint(taken, min(longest, taken + 5)))
            return self.after(start, taken), min(extended_to, self.today)
        return self.after(start, self.rng.randint(target + 1, target * 2 + 5)), None

    def escalate(self, complaints: list[_Entry]) -> None:
        """Some unhappy children's complainants go on to stage 2 and one or two to stage 3;
        two corporate ones to stage 2."""
        unhappy = {Outcome.NOT_UPHELD, Outcome.PARTIALLY_UPHELD}

        def candidates(code: str, stage: int) -> list[Representation]:
            return [
                e.case for e in complaints if e.code == code and e.case.stage == stage and e.case.outcome in unhappy
            ]

        children = candidates("children", 1)
        for case in self.rng.sample(children, round(len(children) * 0.2)):
            self.next_stage(case, 2)
        for case in self.rng.sample(candidates("children", 2), min(2, len(candidates("children", 2)))):
            self.next_stage(case, 3)
        for case in self.rng.sample(candidates("corporate", 1), min(2, len(candidates("corporate", 1)))):
            self.next_stage(case, 2)

    def next_stage(self, case: Representation, number: int) -> None:
        stage = case.procedure.stage(number)
        previous = getattr(case, f"stage{number - 1}_response")
        requested = self.after(previous, self.rng.randint(2, stage.request_within_days or 20))
        if requested > self.today:
            return
        setattr(case, f"stage{number - 1}_outcome", case.outcome)
        case.stage, case.closed, case.outcome, case.extended_to = number, None, "", None
        setattr(case, f"stage{number}_requested", requested)
        response, extended_to = self.respond(requested, stage.target_days, stage.extended_days)
        if response <= self.today:
            setattr(case, f"stage{number}_response", response)
            case.extended_to, case.closed = extended_to, response
            case.outcome = self.pick(LATER_STAGE_OUTCOMES)

    def finish(self, entry: _Entry) -> None:
        """Findings consistent with the outcome, remedies, provider fault and allocation."""
        case, concerns = entry.case, entry.concerns
        if case.outcome == Outcome.UPHELD:
            findings = [Finding.UPHELD] + [
                self.pick({Finding.UPHELD: 3, Finding.PARTIALLY_UPHELD: 1}) for _ in concerns[1:]
            ]
        elif case.outcome == Outcome.NOT_UPHELD:
            findings = [Finding.NOT_UPHELD] * len(concerns)
        elif case.outcome == Outcome.PARTIALLY_UPHELD:
            findings = [self.rng.choice(Finding.values) for _ in concerns]
            if len(set(findings)) == 1:
                findings[0] = Finding.PARTIALLY_UPHELD
        else:
            findings = [""] * len(concerns)
        self.rng.shuffle(findings)
        for concern, finding in zip(concerns, findings):
            concern.finding = finding

        path = case.service_area.path
        if case.outcome in WELL_FOUNDED and self.chance(0.1 if entry.code == "children" else 0.2):
            charges = path.endswith("Finance & Charging") or any(
                c.subcategory and c.subcategory.label == "Charging" for c in concerns
            )
            amount = self.rng.uniform(60, 2400) if charges else self.rng.choice([100, 150, 200, 250, 300, 500, 750])
            case.remedy_amount = Decimal(f"{amount:.2f}")
        care = path.endswith("Commissioning") or any(
            c.subcategory and c.subcategory.label == "Quality of care" for c in concerns
        )
        case.provider_fault = entry.code == "adult" and case.outcome in WELL_FOUNDED and care and self.chance(0.6)

        area_manager = case.service_area.manager
        if entry.code == "adult":
            case.investigating_officer = self.users.get("investigator") if self.chance(0.65) else area_manager
        elif entry.code == "children":
            independent = case.stage > 1 or self.chance(0.5)
            case.investigating_officer = self.users.get("investigator2") if independent else area_manager
        elif case.stage > 1:
            # Complaint Handling Code: someone other than the stage 1 responder handles stage 2.
            case.investigating_officer = case.service_area.parent.manager
        else:
            case.investigating_officer = area_manager

    def ineligible(self, received: dt.date) -> _Entry:
        redirect, path, _, details = self.rng.choices(content.INELIGIBLE, weights=[i[2] for i in content.INELIGIBLE])[0]
        case = self.representation(Kind.COMPLAINT, received, path, content.METHODS, content.POINTS_OF_RECEIPT)
        case.ineligible, case.redirected_to, case.redirection_details, case.summary = True, redirect, details, details
        handled = self.after(received, self.rng.randint(1, 3))
        if handled <= self.today:
            case.acknowledged = case.closed = handled
        complainant = self.person(self.pick({"female": 6, "male": 4}), self.random_pool())
        case.complainant = complainant
        return _Entry(case, people=[complainant])

    def compliment(self, received: dt.date) -> _Entry:
        domain = self.pick({"adult": 55, "children": 25, "corporate": 20})
        path = self.pick(content.COMPLIMENT_AREAS[domain])
        case = self.representation(
            Kind.COMPLIMENT, received, path, content.COMPLIMENT_METHODS, content.COMPLIMENT_POINTS
        )
        quote, themes = self.rng.choice(content.COMPLIMENTS[domain])
        pool = self.random_pool()
        first = self.first_name(self.pick({"female": 7, "male": 3}), pool)
        case.staff_named, case.summary = f"{first} {self.surname(pool)}", quote.format(staff=first)
        case.passed_to_staff, case.passed_to_manager = self.chance(0.9), self.chance(0.8)
        entry = _Entry(case, themes=[self.lookup(LookupList.COMPLIMENT_THEME, t) for t in themes])
        if self.chance(0.7):
            case.complainant = self.person(self.pick({"female": 6, "male": 4}), self.random_pool(), contact=False)
            entry.people.append(case.complainant)
        return entry

    def other(self, kind: str, received: dt.date) -> _Entry:
        path, summary = self.rng.choice(content.OTHER_KINDS[kind])
        case = self.representation(kind, received, path, content.METHODS, {"Customer Services": 1, "Service team": 1})
        case.summary = summary
        entry = _Entry(case)
        if self.chance(0.8):
            case.complainant = self.person(self.pick({"female": 6, "male": 4}), self.random_pool())
            entry.people.append(case.complainant)
        return entry

    # Saving.

    def save(self, entries: list[_Entry]) -> None:
        Person.objects.bulk_create([p for e in entries for p in e.people])
        # References numbered in order of receipt, through the counters the case form uses next.
        entries.sort(key=lambda e: (e.case.received, e.case.created))
        series = defaultdict(list)
        for entry in entries:
            series[(entry.case.reference_prefix(), entry.case.received.year)].append(entry.case)
        for (prefix, year), cases in series.items():
            for case, reference in zip(cases, reserve_references(prefix, year, len(cases))):
                case.reference = reference
        for entry in entries:
            # The final outcome is the highest stage's (redress.cases.workflow.final_outcome).
            setattr(entry.case, f"stage{entry.case.stage}_outcome", entry.case.outcome)
        Representation.objects.bulk_create([e.case for e in entries], batch_size=500)
        for entry in entries:
            for concern in entry.concerns:
                concern.representation = entry.case
        Concern.objects.bulk_create([c for e in entries for c in e.concerns], batch_size=500)
        ConcernFinding.objects.bulk_create(
            [
                ConcernFinding(concern=c, stage=findings_stage(e.case), finding=c.finding)
                for e in entries
                for c in e.concerns
                if c.finding
            ],
            batch_size=500,
        )
        Theme = Representation.themes.through
        Theme.objects.bulk_create(
            [Theme(representation_id=e.case.pk, lookup_id=t.pk) for e in entries for t in e.themes], batch_size=500
        )

    def ombudsman(self, complaints: list[Representation]) -> list[OmbudsmanCase]:
        """About one closed complaint in twenty goes on to the Ombudsman. Each case goes through
        the stages it would have reached by today, mostly answered on time."""
        closed = [c for c in complaints if c.closed and c.outcome != Outcome.WITHDRAWN]
        cases, references = [], set()
        settings = OmbudsmanSettings.current()
        settings.monitoring_officer_email = content.MONITORING_OFFICER_EMAIL
        settings.save()
        for complaint in sorted(self.rng.sample(closed, round(len(closed) / 20)), key=lambda c: c.closed):
            received = self.after(complaint.closed, self.rng.randint(15, 100))
            if received > self.today:
                continue
            reference = f"{received:%y} {self.rng.randint(0, 19):03d} {self.rng.randint(0, 999):03d}"
            if reference in references:
                continue
            references.add(reference)
            case = OmbudsmanCase.objects.create(
                reference=reference,
                procedure=complaint.procedure,
                service_area=complaint.service_area,
                received=received,
                investigator=f"{self.first_name('female', 'british')} {self.surname('british')}",
            )
            case.complaints.add(complaint)
            decision = self.pick(OMBUDSMAN_DECISIONS)
            investigated = decision in UPHELD_DECISIONS or decision == Decision.NOT_UPHELD
            day = self.ombudsman_stage(case, Stage.ENQUIRY, received, self.rng.choice([1, 2, 3]))
            if investigated and day:
                day = self.ombudsman_stage(case, Stage.INVESTIGATION, self.after(day, self.rng.randint(5, 25)))
            if investigated and day:
                day = self.ombudsman_stage(case, Stage.DRAFT_DECISION, self.after(day, self.rng.randint(15, 40)))
            decided = day and self.after(day, self.rng.randint(5, 20))
            if decided and decided <= self.today:
                record_decision(case, decision, decided, today=decided)
                if decision == Decision.UPHELD_INJUSTICE:
                    area = complaint.service_area
                    self.recommendations(case, (area.manager if area else None) or self.users["manager"])
            cases.append(case)
        return cases

    def ombudsman_in_hand(self, complaints: list[Representation]) -> list[OmbudsmanCase]:
        """Three cases the link officer is working on today: one being investigated, one at draft
        decision, and one whose payment is overdue."""
        closed = [c for c in complaints if c.closed and c.closed < self.today - dt.timedelta(days=120)]
        link = self.users["link"]
        made = []
        for n, (weeks_ago, stages) in enumerate([(4, 2), (12, 3), (16, 3)]):
            complaint = closed[-1 - n]
            received = self.today - dt.timedelta(weeks=weeks_ago)
            case = OmbudsmanCase.objects.create(
                reference=f"{received:%y} {900 + n:03d} {self.rng.randint(0, 999):03d}",
                procedure=complaint.procedure,
                service_area=complaint.service_area,
                received=received,
                link_officer=link,
                investigator=f"{self.first_name('male', 'british')} {self.surname('british')}",
                summary="Complains that the council's response did not put right the delays found.",
            )
            case.complaints.add(complaint)
            day = self.ombudsman_stage(case, Stage.ENQUIRY, received, 3)
            if stages >= 2:
                day = self.ombudsman_stage(case, Stage.INVESTIGATION, self.after(day, 3), answer=stages > 2)
            if stages >= 3:
                start = self.today - dt.timedelta(days=4 if n == 1 else 50)
                self.ombudsman_stage(case, Stage.DRAFT_DECISION, start, answer=n == 2)
            if n == 2:
                decided = self.today - dt.timedelta(days=35)
                record_decision(case, Decision.UPHELD_INJUSTICE, decided)
                due, owner = self.after(decided, 20), self.users["manager"]
                apology = "Apologise in writing for the delay in the reassessment."
                Recommendation.objects.create(
                    case=case, kind=RemedyType.APOLOGY, details=apology, owner=owner, due=due,
                    completed=self.after(decided, 6), evidence="Copy of the letter of apology.", accepted=True,
                )  # fmt: skip
                Recommendation.objects.create(
                    case=case, kind=RemedyType.PAYMENT, amount=Decimal(300), owner=owner, due=due,
                    details="Pay £300 for the distress caused by the delay.",
                )  # fmt: skip
            made.append(case)
        return made

    def performance(self) -> None:
        """Three years of adult social care performance figures up to the last full quarter, the
        national comparators of the two years before, targets, and commentary on the latest quarter."""
        year = self.council.financial_year_start(self.today).year
        done = (self.today.month - self.council.financial_year_start_month) % 12 // 3  # quarters finished
        latest = (year, done) if done else (year - 1, 4)
        values, comparators = [], []
        for indicator in Indicator.objects.filter(active=True):
            base, denominator = content.PERFORMANCE_BASES[indicator.label]
            level = Decimal(str(base))
            for y in range(latest[0] - 2, latest[0] + 1):
                quarters = 4 if y < latest[0] else (latest[1] if y == latest[0] else 0)
                # A survey is reported once a year: its quarters are not applicable.
                for q in range(1, 0 if indicator.annual else quarters + 1):
                    level *= Decimal(str(self.rng.uniform(0.97, 1.035)))
                    shown = level * q / 4 if indicator.cumulative else level
                    value = self.indicator_value(indicator, y, f"q{q}", shown, denominator)
                    # The council projects some accumulating measures itself: admissions slow in the
                    # winter, so its estimate is below the year so far scaled up.
                    if indicator.cumulative and q < 4 and indicator.label in content.PERFORMANCE_ESTIMATED:
                        value.estimate = (value.value * 4 / q * Decimal("0.96")).quantize(Decimal("0.1"))
                    values.append(value)
                if quarters == 4:
                    values.append(self.indicator_value(indicator, y, "final", level, denominator))
            # National figures for the two years before the latest report's (the report ranks the
            # council in both), and targets for the years still being reported.
            for y in (latest[0] - 2, latest[0] - 1):
                spread = Decimal(str(self.rng.uniform(0.9, 1.1)))
                comparators.append(
                    Comparator(
                        indicator=indicator, year=y, peer=level * spread, region=level * spread * Decimal("1.02"),
                        england=level * Decimal(str(self.rng.uniform(0.92, 1.08))), council_value=level,
                        rank=None if indicator.local else self.rng.randint(10, 140),
                        ranked=None if indicator.local else 153,
                    )
                )  # fmt: skip
            for y in sorted({latest[0], year}):
                comparators.append(
                    Comparator(indicator=indicator, year=y, target=(level * Decimal("1.03")).quantize(1))
                )
        for comparator in comparators:
            if comparator.rank:
                comparator.quartile = quartile_of(comparator.rank, comparator.ranked)
                if comparator.quartile > 1 and comparator.indicator.judged:
                    # The value the council would need to reach the next quartile: a little better than its own.
                    better = Decimal("1.05") if comparator.indicator.higher_is_better else Decimal("0.95")
                    comparator.next_quartile = comparator.council_value * better
            for name in ("council_value", "peer", "region", "england", "next_quartile"):
                value = getattr(comparator, name)
                places = Decimal(1).scaleb(-comparator.indicator.decimals)
                setattr(comparator, name, value.quantize(places) if value is not None else None)
        IndicatorValue.objects.bulk_create(values)
        Comparator.objects.bulk_create(comparators)
        Commentary.objects.bulk_create(
            Commentary(
                indicator=Indicator.objects.get(code=code, part=""),
                year=latest[0],
                quarter=latest[1],
                text=text,
                highlight=code in content.PERFORMANCE_HIGHLIGHTS,
            )
            for code, text in content.PERFORMANCE_COMMENTARY.items()
        )
        QuarterlyUpdate.objects.create(
            year=latest[0],
            quarter=latest[1],
            key_changes=content.PERFORMANCE_KEY_CHANGES,
            engagement=content.PERFORMANCE_ENGAGEMENT,
        )

    def indicator_value(self, indicator: Indicator, year: int, period: str, value: Decimal, denominator: int):
        if indicator.has_fraction:
            numerator = (value * denominator / indicator.multiplier).quantize(Decimal(1))
            return IndicatorValue(
                indicator=indicator, year=year, period=period, numerator=numerator, denominator=denominator,
                value=indicator.compute(numerator, Decimal(denominator)),
            )  # fmt: skip
        places = Decimal(1).scaleb(-indicator.decimals)
        return IndicatorValue(indicator=indicator, year=year, period=period, value=value.quantize(places))

    def peer_statistics(self) -> None:
        """Last year's Ombudsman statistics for the council and its region, to compare with."""
        year = self.council.financial_year_start(self.today).year - 1
        rows = []
        for name in [content.COUNCIL["name"], *content.PEER_COUNCILS]:
            investigated = self.rng.randint(18, 60)
            upheld = round(investigated * self.rng.uniform(0.55, 0.9))
            rows.append(
                PeerStatistics(
                    year=year,
                    council=name,
                    region=content.REGION,
                    received=investigated * self.rng.randint(3, 5),
                    upheld=upheld,
                    not_upheld=investigated - upheld,
                    upheld_rate=percentage(upheld, investigated),
                    compliance_rate=Decimal(self.rng.choice([90, 95, 100, 100, 100])),
                    satisfactory_remedy_rate=Decimal(self.rng.randint(0, 30)),
                )
            )
        PeerStatistics.objects.bulk_create(rows)

    def ombudsman_stage(
        self, case: OmbudsmanCase, stage: str, started: dt.date, days: int | None = None, answer: bool = True
    ):
        """Start a stage, and answer it unless today comes first; the day answered, or None."""
        if started > self.today:
            return None
        record = start_stage(case, stage, started, self.after(started, days) if days else None)
        if not answer:
            return None
        answered = self.after(started, self.rng.randint(1, (record.ombudsman_due - started).days + 2))
        if answered > self.today:
            return None
        record_response(case, answered)
        return answered

    def recommendations(self, case: OmbudsmanCase, owner: User) -> None:
        due = self.after(case.decided, 20)
        wanted = [(RemedyType.APOLOGY, None, "Apologise in writing for the faults found.")]
        if self.chance(0.6):
            amount = Decimal(self.rng.choice([150, 250, 300, 500, 750, 1000]))
            wanted.append((RemedyType.PAYMENT, amount, "Pay for the distress and time and trouble caused."))
        if self.chance(0.3):
            wanted.append((RemedyType.PROCEDURE_CHANGE, None, "Review the procedure and remind staff of it."))
        for kind, amount, details in wanted:
            done = self.after(case.decided, self.rng.choice([5, 10, 15, 18, 19, 20, 22, 26]))
            finished = done <= self.today
            Recommendation.objects.create(
                case=case,
                kind=kind,
                amount=amount,
                details=details,
                owner=owner,
                due=due,
                completed=done if finished else None,
                evidence="Copy of the letter and payment record sent to the Ombudsman." if finished else "",
                accepted=True if finished and done <= due else None,
            )

    def volumes(self, entries: list[_Entry], ombudsman: list[OmbudsmanCase]) -> dict[str, dict[str, int]]:
        years = financial_years(self.today, self.council.financial_year_start_month)
        labels = {code: f"{p.name} complaints" for code, p in self.procedures.items()}
        labels |= {"ineligible": "Ineligible complaints (redirected)", **PLURALS, "ombudsman": "Ombudsman cases"}
        counts = {label: {financial_year_label(s.year): 0 for s, _ in years} for label in labels.values()}
        received = [(e.code or ("ineligible" if e.case.ineligible else e.case.kind), e.case.received) for e in entries]
        for what, day in received + [("ombudsman", c.received) for c in ombudsman]:
            start = next(s for s, end in years if s <= day <= end)
            counts[labels[what]][financial_year_label(start.year)] += 1
        return counts


def _days(start: dt.date, end: dt.date) -> list[dt.date]:
    return [start + dt.timedelta(days=n) for n in range((end - start).days + 1)]
