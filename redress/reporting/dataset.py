"""The numbers behind the statutory annual report (docs/interchange.md, section 4).

One function computes the dataset; every format (JSON, HTML, PDF, Word, spreadsheet) renders
it, so a number is computed once. Counting is done in the database; only the dates needed for
working-day response times are read row by row, and only for the year reported.
"""

from __future__ import annotations

import datetime as dt
import re
import statistics
from collections import Counter
from decimal import Decimal

from django.db import connection
from django.db.models import Count, Q, Sum
from django.utils import timezone

from redress.cases.models import STAGE_DATE_FIELDS, Concern, Kind, Outcome, Representation
from redress.cases.workflow import response_timeliness
from redress.configuration.models import Lookup, ServiceArea, financial_year, financial_year_label
from redress.ombudsman.figures import summarise
from redress.ombudsman.models import OmbudsmanCase
from redress.procedures.calendar import current_calendar
from redress.procedures.models import Procedure

from .supplement import supplement

FORMAT = "annual-report/1"
DEFAULT_BANDS = (20, 40, 60, 80, 100)
DEFAULT_AGE_BANDS = (18, 25, 35, 50, 65, 75, 85)
OUTCOMES = (*Outcome.values, "open")
UNKNOWN = "unknown"
# The columns read row by row for response times, and where each is in a row.
TIMELINESS_FIELDS = (
    "received",
    "acknowledged",
    "stage",
    "target_days",
    "risk",
    "extended_to",
    "outcome",
    *STAGE_DATE_FIELDS,
)
AT = {name: i for i, name in enumerate(TIMELINESS_FIELDS)}


def annual_report_dataset(
    year: int,
    procedure: str,
    as_of: dt.date | None = None,
    bands: tuple[int, ...] = DEFAULT_BANDS,
    age_bands: tuple[int, ...] = DEFAULT_AGE_BANDS,
) -> dict:
    as_of = as_of or timezone.localdate()
    start, end = financial_year(year)
    proc = Procedure.objects.prefetch_related("stages").get(code=procedure)
    in_year = Representation.objects.received_between(start, end)
    complaints = in_year.filter(kind=Kind.COMPLAINT, procedure=proc, ineligible=False)

    data = {
        "format": FORMAT,
        "year": financial_year_label(year),
        "start": start.isoformat(),
        "end": end.isoformat(),
        "procedure": procedure,
        "as_of": as_of.isoformat(),
        "complaints": _complaints(complaints, proc, as_of, bands, age_bands),
        "compliments": _compliments(in_year.filter(kind=Kind.COMPLIMENT), start),
        "comments": {"received": in_year.filter(kind=Kind.COMMENT).count()},
        "enquiries": {"received": in_year.filter(kind=Kind.ENQUIRY).count()},
        "service_requests": {"received": in_year.filter(kind=Kind.SERVICE_REQUEST).count()},
        "ineligible": {"received": in_year.filter(kind=Kind.COMPLAINT, ineligible=True).count()},
        "ombudsman": summarise(OmbudsmanCase.objects.filter(procedure=proc, received__gte=start, received__lte=end)),
    }
    # Figures beyond the interchange format, all under one key the format leaves free.
    data["supplement"] = supplement(year, proc, start, end, as_of)
    return data


def _complaints(complaints, proc: Procedure, as_of, bands, age_bands) -> dict:
    totals = complaints.aggregate(
        received=Count("pk"),
        provider_fault=Count("pk", filter=Q(provider_fault=True)),
        child=Count("pk", filter=Q(child_or_young_person=True)),
        advocate=Count("pk", filter=Q(advocate=True)),
        remedies=Sum("remedy_amount"),
    )
    outcomes = dict.fromkeys(OUTCOMES, 0)
    # An outcome recorded with a closing date after as_of was not known then.
    known = Q(closed__isnull=True) | Q(closed__lte=as_of)
    for row in complaints.filter(known).exclude(outcome="").values("outcome").annotate(n=Count("pk")):
        outcomes[row["outcome"]] += row["n"]
    outcomes["open"] = totals["received"] - sum(outcomes.values())
    profile = _profile(complaints)

    return {
        "received": totals["received"],
        "well_founded": outcomes["upheld"] + outcomes["partially_upheld"],
        "outcomes": outcomes,
        "provider_fault": totals["provider_fault"],
        "by_stage_reached": {str(k): v for k, v in profile["stage"].items()},
        "by_method": profile["method"],
        "by_point_of_receipt": profile["point_of_receipt"],
        "by_service_area": profile["service_area"],
        "by_relationship": profile["relationship"],
        "made_by_child_or_young_person": totals["child"],
        "with_advocate": totals["advocate"],
        "concerns": _concerns(complaints),
        "timeliness": _timeliness(complaints, proc, as_of, bands),
        "equality": _equality(profile, age_bands),
        "remedies_gbp": _money(totals["remedies"]),
    }


def _count_by(queryset, field: str) -> dict:
    """Counts per label, blank as "unknown", only labels with a count above zero."""
    counts: Counter = Counter()
    for row in queryset.values(field).annotate(n=Count("pk")).order_by():
        value = row[field]
        counts[UNKNOWN if value in (None, "") else value] += row["n"]
    return dict(sorted(counts.items(), key=lambda item: (item[0] == UNKNOWN, -item[1], str(item[0]))))


def _concerns(complaints) -> dict:
    """Per top-level category: complaints raising it, and the most serious finding on it.

    Counted in the database as complaints with a finding at least as serious as each level;
    the differences give the complaints whose most serious finding is that level."""
    distinct = {"distinct": True}
    rows = (
        Concern.objects.filter(representation__in=complaints)
        .values("category__label")
        .annotate(
            raised=Count("representation", **distinct),
            upheld=Count("representation", filter=Q(finding="upheld"), **distinct),
            at_least_partly=Count("representation", filter=Q(finding__in=["upheld", "partially_upheld"]), **distinct),
            any_finding=Count("representation", filter=~Q(finding=""), **distinct),
        )
        .order_by("-raised", "category__label")
    )
    return {
        row["category__label"]: {
            "raised": row["raised"],
            "upheld": row["upheld"],
            "partially_upheld": row["at_least_partly"] - row["upheld"],
            "not_upheld": row["any_finding"] - row["at_least_partly"],
            "no_finding": row["raised"] - row["any_finding"],
        }
        for row in rows
    }


def _timeliness(complaints, proc: Procedure, as_of, bands) -> dict:
    calendar = current_calendar()
    rows = _raw_rows(complaints, *TIMELINESS_FIELDS)
    received, ack = AT["received"], AT["acknowledged"]
    acknowledged = [(r[received], r[ack]) for r in rows if r[ack]]
    result = {
        "acknowledged": len(acknowledged),
        "acknowledged_within_3": sum(1 for received, ack in acknowledged if calendar.working_days(received, ack) <= 3),
    }
    for number in (1, 2, 3):
        result[f"stage{number}"] = _stage(rows, number, proc, calendar, as_of, bands)
    return result


def _raw_rows(queryset, *fields) -> list[tuple]:
    """Rows straight from the database driver, which already returns dates as dates: Django's
    per-value converters would otherwise dominate the cost of reading 100,000 rows."""
    sql, params = queryset.values_list(*fields).query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def _stage(rows, number: int, proc: Procedure, calendar, as_of, bands) -> dict:
    timeliness = response_timeliness(proc, number)
    start_at = AT["received"] if number == 1 else AT[f"stage{number}_requested"]
    response_at = AT[f"stage{number}_response"]
    stage_at, outcome_at, acknowledged_at = AT["stage"], AT["outcome"], AT["acknowledged"]
    risk_at, target_at, extended_at = AT["risk"], AT["target_days"], AT["extended_to"]
    responded, open_, within_target, within_agreed, days = 0, 0, 0, 0, []
    for row in rows:
        reached = row[stage_at]
        if reached < number:
            continue
        start, response = row[start_at], row[response_at]
        if not response or response > as_of:
            if row[outcome_at] != Outcome.WITHDRAWN:
                open_ += 1
            continue
        if start is None:
            continue
        responded += 1
        taken, on_time, on_agreed_time = timeliness(
            start=start,
            response=response,
            acknowledged=row[acknowledged_at],
            risk=row[risk_at],
            target_days=row[target_at],
            extended_to=row[extended_at],
            reached=reached,
            calendar=calendar,
        )
        days.append(taken)
        within_target += on_time
        within_agreed += on_agreed_time
    return {
        "responded": responded,
        "open": open_,
        "within_target": within_target,
        "within_agreed": within_agreed,
        "mean_days": round(sum(days) / len(days), 1) if days else None,
        "median_days": _number(statistics.median(days)) if days else None,
        "bands": _bands(days, bands),
    }


def _bands(days: list[int], edges: tuple[int, ...]) -> dict:
    labels, low = [], 0
    for edge in edges:
        labels.append((f"{low}-{edge}", edge))
        low = edge + 1
    counts = {label: 0 for label, _ in labels}
    counts[f"{low}+"] = 0
    for taken in days:
        for label, edge in labels:
            if taken <= edge:
                counts[label] += 1
                break
        else:
            counts[f"{low}+"] += 1
    return counts


def age_band_labels(edges: tuple[int, ...]) -> list[str]:
    labels = [f"under {edges[0]}"]
    labels += [f"{low}-{high - 1}" for low, high in zip(edges, edges[1:])]
    return labels + [f"{edges[-1]}+", UNKNOWN]


def _age_band(age: int | None, edges: tuple[int, ...]) -> str:
    if age is None:
        return UNKNOWN
    if age < edges[0]:
        return f"under {edges[0]}"
    for low, high in zip(edges, edges[1:]):
        if age < high:
            return f"{low}-{high - 1}"
    return f"{edges[-1]}+"


PROFILE = {
    "stage": "stage",
    "method": "method_id",
    "point_of_receipt": "point_of_receipt_id",
    "service_area": "service_area_id",
    "relationship": "relationship_id",
    "sex": "su_sex",
    "age": "su_age",
    "ethnicity": "su_ethnicity_id",
    "disability": "su_disability",
}


def _profile(complaints) -> dict[str, dict]:
    """Counts of the year's complaints by each descriptive column, labelled.

    The year's complaints are read once, in one pass, for all of these tables: grouping in the
    database once per table read the same rows nine times, which dominated the report's time."""
    columns = list(zip(*_raw_rows(complaints, *PROFILE.values()))) or [()] * len(PROFILE)
    counts = {name: Counter(values) for name, values in zip(PROFILE, columns)}
    lookups = dict(Lookup.objects.values_list("pk", "label"))
    groups = dict(Lookup.objects.filter(parent__isnull=False).values_list("pk", "parent__label"))
    areas = dict(ServiceArea.objects.values_list("pk", "path"))

    def named(counter: Counter, names=None, ethnicity=False) -> dict:
        labelled: Counter = Counter()
        for key, n in counter.items():
            if key in (None, ""):
                label = UNKNOWN
            elif ethnicity and key in groups:
                label = f"{groups[key]}: {lookups[key]}"
            else:
                label = names[key] if names is not None else key
            labelled[label] += n
        return dict(sorted(labelled.items(), key=lambda item: (item[0] == UNKNOWN, -item[1], str(item[0]))))

    return {
        "stage": named(counts["stage"]),
        "method": named(counts["method"], lookups),
        "point_of_receipt": named(counts["point_of_receipt"], lookups),
        "service_area": named(counts["service_area"], areas),
        "relationship": named(counts["relationship"], lookups),
        "sex": named(counts["sex"]),
        "ages": counts["age"],
        "ethnicity": named(counts["ethnicity"], lookups, ethnicity=True),
        "disability": named(counts["disability"]),
    }


def _equality(profile: dict, age_bands) -> dict:
    ages: Counter = Counter()
    for age, n in profile["ages"].items():
        ages[_age_band(age, age_bands)] += n
    return {
        "sex": profile["sex"],
        "age_band": {label: ages[label] for label in age_band_labels(age_bands) if ages[label]},
        "ethnicity": profile["ethnicity"],
        "disability": profile["disability"],
    }


def _months(start: dt.date) -> list[str]:
    return [f"{start.year + (start.month - 1 + i) // 12}-{(start.month - 1 + i) % 12 + 1:02d}" for i in range(12)]


def _compliments(compliments, start: dt.date) -> dict:
    by_month = dict.fromkeys(_months(start), 0)
    for day in compliments.values_list("received", flat=True).iterator():
        by_month[f"{day:%Y-%m}"] += 1
    themes = Counter(
        dict(compliments.filter(themes__isnull=False).values_list("themes__label").annotate(n=Count("pk")).order_by())
    )
    return {
        "received": compliments.count(),
        "by_month": by_month,
        "by_service_area": _count_by(compliments, "service_area__path"),
        "by_theme": dict(sorted(themes.items(), key=lambda i: (-i[1], i[0]))),
    }


def _rate(numerator: int, denominator: int) -> float | None:
    return round(numerator / denominator, 4) if denominator else None


def _money(amount: Decimal | None) -> str:
    return str((amount or Decimal("0")).quantize(Decimal("0.01")))


def _number(value: float) -> float | int:
    return int(value) if float(value).is_integer() else value


def complaints_by_month(year: int, procedure: str) -> dict[str, int]:
    """Complaints received each month of the year, to set beside compliments in the report."""
    start, end = financial_year(year)
    months = dict.fromkeys(_months(start), 0)
    received = (
        Representation.objects.received_between(start, end)
        .filter(kind=Kind.COMPLAINT, procedure__code=procedure, ineligible=False)
        .values_list("received", flat=True)
    )
    for day in received.iterator():
        months[f"{day:%Y-%m}"] += 1
    return months


def compliment_quotes(year: int, limit: int = 3) -> list[str]:
    """A few compliments in the words people used, with the names of staff and people removed."""
    start, end = financial_year(year)
    compliments = (
        Representation.objects.received_between(start, end)
        .filter(kind=Kind.COMPLIMENT)
        .exclude(summary="")
        .select_related("complainant", "service_user")
        .order_by("-received")[: limit * 5]
    )
    quotes = []
    for compliment in compliments:
        names = {compliment.staff_named}
        for person in (compliment.complainant, compliment.service_user):
            if person:
                names |= {person.first_name, person.last_name}
        quotes.append(remove_names(compliment.summary, names))
        if len(quotes) == limit:
            break
    return quotes


def remove_names(text: str, names: set[str]) -> str:
    words = {w for name in names if name for w in re.findall(r"[A-Z][a-z'-]+", name)}
    for word in sorted(words, key=len, reverse=True):
        text = re.sub(rf"\b{re.escape(word)}\b", "[name]", text)
    return text
