"""The case list's search index: one CaseSearch row a case, holding in lowercase what a search
looks in, with a trigram index over it (SQLite: an FTS5 table; PostgreSQL: pg_trgm), so that
finding "Smith" among a million cases reads the index instead of joining every case to its
concerns and people.

The rows are rebuilt from the case here and nowhere else: when a case, a concern or a person is
saved (the signals below), after an import writes its rows directly, after anonymisation, and
all at once by `manage.py rebuild_search_index` after anything written straight to the database.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Callable

from django.apps import apps as django_apps
from django.db import connection, models, transaction
from django.db.models import F, Func, Q
from django.db.models.expressions import RawSQL
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from .models import PHONE_PUNCTUATION, CaseSearch, Concern, Person, Representation

BATCH = 2_000
FEW = 1_000  # matches a search sorts itself; more are read in the list's order
FTS = "cases_casesearch_fts"  # SQLite only: the trigram index over cases_casesearch
# The FTS5 table reads its text from cases_casesearch (external content); these triggers keep
# it in step with every insert, update and delete there.
SQLITE_INDEX = [
    "CREATE VIRTUAL TABLE IF NOT EXISTS cases_casesearch_fts USING fts5(words, phones, postcodes, "
    "content='cases_casesearch', content_rowid='case_id', tokenize='trigram')",
]
SQLITE_TRIGGERS = [
    "CREATE TRIGGER IF NOT EXISTS cases_casesearch_fts_ai AFTER INSERT ON cases_casesearch BEGIN "
    "INSERT INTO cases_casesearch_fts(rowid, words, phones, postcodes) "
    "VALUES (new.case_id, new.words, new.phones, new.postcodes); "
    "END",
    "CREATE TRIGGER IF NOT EXISTS cases_casesearch_fts_ad AFTER DELETE ON cases_casesearch BEGIN "
    "INSERT INTO cases_casesearch_fts(cases_casesearch_fts, rowid, words, phones, postcodes) "
    "VALUES ('delete', old.case_id, old.words, old.phones, old.postcodes); END",
    "CREATE TRIGGER IF NOT EXISTS cases_casesearch_fts_au AFTER UPDATE ON cases_casesearch BEGIN "
    "INSERT INTO cases_casesearch_fts(cases_casesearch_fts, rowid, words, phones, postcodes) "
    "VALUES ('delete', old.case_id, old.words, old.phones, old.postcodes); "
    "INSERT INTO cases_casesearch_fts(rowid, words, phones, postcodes) "
    "VALUES (new.case_id, new.words, new.phones, new.postcodes); "
    "END",
]
SQLITE_DROP_TRIGGERS = [f"DROP TRIGGER IF EXISTS {FTS}_{name}" for name in ("ai", "ad", "au")]
POSTGRES_INDEX = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    *(
        f"CREATE INDEX IF NOT EXISTS case_search_{column}_trgm ON cases_casesearch USING gin ({column} gin_trgm_ops)"  # noqa: S608  our column names
        for column in ("words", "phones", "postcodes")
    ),
]
PERSON = ("first_name", "last_name", "email", "phone", "postcode")
PHONE_STRIP = re.compile("[" + re.escape(PHONE_PUNCTUATION) + "]")


def entry(case: dict, concerns: list[str]) -> dict:
    """The search row of one case, from its values (as `_case_values` reads them)."""
    people = [
        {name: case[f"{who}__{name}"] or "" for name in PERSON}
        for who in ("complainant", "service_user")
        if case[f"{who}_id"]
    ]
    last, first = case.get("complainant__last_name") or "", case.get("complainant__first_name") or ""
    words = [case["reference"], case["summary"], *concerns]
    for person in people:
        words += [person["first_name"], person["last_name"], person["email"]]
    return {
        "case_id": case["pk"],
        "words": "\n".join(w for w in words if w).lower(),
        "phones": "".join(" " + PHONE_STRIP.sub("", p["phone"]) for p in people if p["phone"]),
        "postcodes": "".join(" " + p["postcode"].replace(" ", "").lower() for p in people if p["postcode"]),
        "sort_name": f"{last}\t{first}".strip().lower(),
        "received": case["received"],
    }


def new_case_entry(case_id: int, fields: dict) -> dict:
    """The search row of a case being written with no people or concern descriptions yet (an
    imported row), from the values written, without reading the case back."""
    return entry({**fields, "pk": case_id, "complainant_id": None, "service_user_id": None}, [])


def _values_in_memory(case: Representation) -> dict | None:
    """The values `entry` reads, from a case just saved and its people as they were saved with
    it; None when a person is not loaded with the case (then only the database knows them)."""
    values = {"pk": case.pk, "reference": case.reference, "summary": case.summary, "received": case.received}
    for who in ("complainant", "service_user"):
        values[f"{who}_id"] = getattr(case, f"{who}_id")
        if values[f"{who}_id"] is None:
            continue
        if not Representation._meta.get_field(who).is_cached(case):
            return None
        person = getattr(case, who)
        values.update({f"{who}__{name}": getattr(person, name) for name in PERSON})
    return values


def add_case(case: Representation) -> None:
    """A new case's search row, written from the case in memory rather than read back (a new
    case has no concerns yet, nor a row to replace): one statement where a refresh takes five,
    on every online form sent."""
    values = _values_in_memory(case)
    if values is None:
        refresh([case.pk])
    else:
        CaseSearch.objects.create(**entry(values, []))


def add_new(entries: list[dict], write: Callable[[list[dict]], object]) -> None:
    """Write new cases' search rows with `write` (an import's bulk writer). On SQLite the trigram
    index takes them in one statement instead of through its trigger a row at a time, which is
    several times faster; the trigger is back before anything else can write."""
    if connection.vendor != "sqlite":
        write(entries)
        return
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(SQLITE_DROP_TRIGGERS[0])
        write(entries)
        cursor.execute(
            f"INSERT INTO {FTS}(rowid, words, phones, postcodes) SELECT case_id, words, phones, postcodes "  # noqa: S608
            "FROM cases_casesearch WHERE case_id IN (SELECT value FROM json_each(%s))",
            [json.dumps([e["case_id"] for e in entries])],
        )
        cursor.execute(SQLITE_TRIGGERS[0])


def _rows(case_ids, apps=django_apps) -> list:
    Case, ConcernModel, Search = (apps.get_model("cases", name) for name in ("Representation", "Concern", "CaseSearch"))
    fields = ["pk", "reference", "summary", "received", "complainant_id", "service_user_id"]
    fields += [f"{who}__{name}" for who in ("complainant", "service_user") for name in PERSON]
    concerns = defaultdict(list)
    for case_id, description in ConcernModel.objects.filter(representation__in=case_ids).values_list(
        "representation_id", "description"
    ):
        concerns[case_id].append(description)
    return [
        Search(**entry(case, concerns[case["pk"]])) for case in Case.objects.filter(pk__in=case_ids).values(*fields)
    ]


def refresh(case_ids) -> None:
    """Rebuild these cases' search rows from the cases as they are now."""
    case_ids = sorted(set(case_ids))
    for start in range(0, len(case_ids), BATCH):
        chunk = case_ids[start : start + BATCH]
        with transaction.atomic():
            CaseSearch.objects.filter(case__in=chunk).delete()
            CaseSearch.objects.bulk_create(_rows(chunk), batch_size=500)


def rebuild_all(apps=django_apps, report=None) -> int:
    """Every case's search row, afresh (after rows were written straight to the database). On
    SQLite the trigram index is rebuilt once at the end rather than row by row."""
    Case, Search = apps.get_model("cases", "Representation"), apps.get_model("cases", "CaseSearch")
    sqlite = connection.vendor == "sqlite"
    done = 0
    with transaction.atomic(), connection.cursor() as cursor:
        if sqlite:
            for sql in SQLITE_DROP_TRIGGERS:
                cursor.execute(sql)
        Search.objects.all()._raw_delete(Search.objects.db)
        last = 0
        while True:
            chunk = list(Case.objects.filter(pk__gt=last).order_by("pk").values_list("pk", flat=True)[:BATCH])
            if not chunk:
                break
            Search.objects.bulk_create(_rows(chunk, apps), batch_size=500)
            last, done = chunk[-1], done + len(chunk)
            if report and done % 100_000 < BATCH:
                report(done)
        if sqlite:
            cursor.execute("INSERT INTO cases_casesearch_fts(cases_casesearch_fts) VALUES ('rebuild')")
            for sql in SQLITE_TRIGGERS:
                cursor.execute(sql)
    return done


def matching(cases, words: list[str], phone: str, postcode: str):
    """The cases with every word somewhere in their words; or the phone number, or a postcode
    starting so."""
    if connection.vendor == "sqlite":
        return _sqlite_matching(cases, words, phone, postcode)
    # PostgreSQL's planner weighs the trigram indexes against the list's order itself.
    query = Q()
    for word in words:
        query &= Q(search_entry__words__contains=word.lower())
    if phone:
        query |= Q(search_entry__phones__contains=phone)
    if postcode:
        query |= Q(search_entry__postcodes__contains=" " + postcode.lower())
    return cases.filter(query)


def _phrase(column: str, text: str) -> str:
    return f'{column} : "' + text.lower().replace('"', '""') + '"'


def _sqlite_matching(cases, words, phone, postcode):
    """One query of the FTS5 table for the whole search. A trigram needs three characters, so a
    shorter word is looked for in each row (GLOB, the stored text being lowercase)."""
    where, params = [], []
    long, short = [w for w in words if len(w) >= 3], [w for w in words if len(w) < 3]
    others = [_phrase("phones", phone)] * bool(phone) + [_phrase("postcodes", " " + postcode)] * bool(postcode)
    # Without short words the phone or postcode joins the words' match, not a UNION of two.
    one_match = others and long and not short
    if long:
        every_word = " AND ".join(_phrase("words", w) for w in long)
        where.append(f"{FTS} MATCH %s")
        params.append(" OR ".join([f"({every_word})", *others]) if one_match else every_word)
    for word in short:
        where.append("words GLOB %s")
        params.append("*" + re.sub(r"([*?\[])", r"[\1]", word.lower()) + "*")
    sql = f"SELECT rowid FROM {FTS} WHERE " + " AND ".join(where)  # noqa: S608  no text of the search in it
    if others and not one_match:
        sql += f" UNION SELECT rowid FROM {FTS} WHERE {FTS} MATCH %s"  # noqa: S608
        params.append(" OR ".join(others))
    # A few matches: the list sorts them. Many (a common name): the list reads the cases in its
    # order and keeps those that match ("+" keeps SQLite from sorting every match instead).
    with connection.cursor() as cursor:
        cursor.execute(f"{sql} LIMIT {FEW + 1}", params)  # noqa: S608  our SQL, the text as parameters
        found = [row[0] for row in cursor.fetchall()]
    if len(found) <= FEW:
        return cases.filter(pk__in=found)
    every = Func(F("pk"), template="+%(expressions)s", output_field=models.IntegerField())
    return cases.alias(matched_id=every).filter(matched_id__in=RawSQL(sql, params))  # noqa: S611  parameters


@receiver(post_save, sender=Representation)
def _case_saved(sender, instance, created=False, raw=False, **kwargs):
    if raw:
        return
    if created:
        add_case(instance)
    else:
        refresh([instance.pk])


@receiver([post_save, post_delete], sender=Concern)
def _concern_changed(sender, instance, raw=False, origin=None, **kwargs):
    # A case being deleted takes its concerns and search row with it.
    if (
        not raw
        and not isinstance(origin, Representation)
        and Representation.objects.filter(pk=instance.representation_id).exists()
    ):
        refresh([instance.representation_id])


@receiver(post_save, sender=Person)
def _person_saved(sender, instance, created=False, raw=False, **kwargs):
    # A person just added is on no case yet: the case saved with them writes its own row.
    if not raw and not created:
        refresh(
            Representation.objects.filter(Q(complainant=instance) | Q(service_user=instance)).values_list(
                "pk", flat=True
            )
        )
