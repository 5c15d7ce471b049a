"""The numbers behind the statutory annual report (docs/interchange.md, section 4).

One function computes the dataset; every format (JSON, HTML, PDF, Word, spreadsheet) renders
it, so a number is computed once. Counting is done in the database; only the dates needed for
working-day response times are read row by row, and only for the year reported.
"""

from __future__ import annotations

import datetime as dt
import statistics
from collections import Counter
from collections.abc import Callable

from django.db import connection
from django.db.models import Count, Q, Sum
from django.utils import timezone

from redress.cases.models import (
    STAGE_DATE_FIELDS,
    Concern,
    Finding,
    Investigator,
    Kind,
    Outcome,
    Remedy,
    Representation,
)
from redress.cases.workflow import response_timeliness
from redress.configuration.models import Lookup, ServiceArea, financial_year, financial_year_label
from redress.ombudsman.figures import summarise
from redress.ombudsman.models import OmbudsmanCase
from redress.procedures.calendar import current_calendar
from redress.procedures.models import Procedure

from .counting import UNKNOWN, by_count, count_by, money
from .supplement import supplement

FORMAT = "annual-report/1"
DEFAULT_BANDS = (20, 40, 60, 80, 100)
DEFAULT_AGE_BANDS = (18, 25, 35, 50, 65, 75, 85)
OUTCOMES = (*Outcome.values, "open")
STAGES = (1, 2, 3)
# The columns of the year's complaints read row by row (response times, outcomes by each
# descriptive column), and where each is in a row.
ROW_FIELDS = (
    "received",
    "acknowledged",
    "stage",
    "target_days",
    "risk",
    "extended_to",
    "closed",
    *STAGE_DATE_FIELDS,
    *(f"stage{n}_outcome" for n in STAGES),
    *(f"stage{n}_extended_to" for n in STAGES),
    "stage2_investigator",
    "joint_with",
    "method_id",
    "point_of_receipt_id",
    "service_area_id",
    "relationship_id",
    "su_sex",
    "su_age",
    "su_ethnicity_id",
    "su_disability",
    "su_primary_support_reason_id",
)
AT = {name: i for i, name in enumerate(ROW_FIELDS)}


def annual_report_dataset(
    year: int,
    procedure: str,
    as_of: dt.date | None = None,
    bands: tuple[int, ...] = DEFAULT_BANDS,
    age_bands: tuple[int, ...] = DEFAULT_AGE_BANDS,
) -> dict:
    return _dataset(year, procedure, as_of, bands, age_bands, whole=True)


def earlier_year_datasets(
    years: list[int],
    procedure: Procedure,
    as_of: dt.date | None = None,
    bands: tuple[int, ...] = DEFAULT_BANDS,
    age_bands: tuple[int, ...] = DEFAULT_AGE_BANDS,
) -> list[dict]:
    """The figures of earlier years that the report sets beside the year reported: the
    dataset's keys the tables of three years read, each computed as in the year's own dataset.
    What the report shows for the year reported only (outcomes by each column, later stages'
    response times, the supplement, remedies) is left out: computing two earlier years whole
    took twice as long again as the year reported. The labels and the calendar are read once
    for all the years; `procedure` is the report's own, its stages prefetched."""
    shared = Names(), current_calendar()
    return [_dataset(year, procedure, as_of, bands, age_bands, whole=False, counted_with=shared) for year in years]


def _dataset(year, procedure, as_of, bands, age_bands, *, whole: bool, counted_with=None) -> dict:
    """`procedure` is a code or the Procedure itself; `counted_with`, the labels and calendar
    (Names, WorkingDayCalendar) when several years are counted with the same ones."""
    as_of = as_of or timezone.localdate()
    start, end = financial_year(year)
    if isinstance(procedure, Procedure):
        proc, procedure = procedure, procedure.code
    else:
        proc = Procedure.objects.prefetch_related("stages").get(code=procedure)
    names, calendar = counted_with or (Names(), current_calendar())
    in_year = Representation.objects.received_between(start, end)
    complaints = in_year.filter(kind=Kind.COMPLAINT, procedure=proc, ineligible=False)
    # Interchange 1.1: compliments, comments, enquiries and service requests count in the report
    # of the procedure they carry.
    others = in_year.filter(procedure=proc)
    remedies = _remedies(complaints) if whole else None
    concerns = concern_rows(complaints, names)

    data = {
        "format": FORMAT,
        "year": financial_year_label(year),
        "start": start.isoformat(),
        "end": end.isoformat(),
        "procedure": procedure,
        "as_of": as_of.isoformat(),
        "complaints": _complaints(
            complaints, concerns, proc, as_of, bands, age_bands, remedies, names, calendar, whole=whole
        ),
        "compliments": _compliments(others.filter(kind=Kind.COMPLIMENT), start),
        **_received_by_kind(others),
        "ineligible": {"received": in_year.filter(kind=Kind.COMPLAINT, ineligible=True).count()},
        "ombudsman": summarise(OmbudsmanCase.objects.filter(procedure=proc, received__gte=start, received__lte=end)),
    }
    if not whole:
        return data
    # Figures beyond the interchange format, all under one key the format leaves free.
    data["supplement"] = supplement(
        year,
        proc,
        start,
        end,
        as_of,
        complaints,
        received=data["complaints"]["received"],
        local_remedies=remedies,
        concerns=concerns,
    )
    return data


def _received_by_kind(representations) -> dict:
    counts = dict(representations.exclude(kind=Kind.COMPLAINT).values_list("kind").annotate(n=Count("pk")).order_by())
    return {
        "comments": {"received": counts.get(Kind.COMMENT, 0)},
        "enquiries": {"received": counts.get(Kind.ENQUIRY, 0)},
        "service_requests": {"received": counts.get(Kind.SERVICE_REQUEST, 0)},
    }


def _complaints(
    complaints,
    concerns,
    proc: Procedure,
    as_of,
    bands,
    age_bands,
    remedies: dict | None,
    names,
    calendar,
    *,
    whole=True,
) -> dict:
    """The year's complaints; not `whole`, only what the report sets beside a later year."""
    rows = _raw_rows(complaints, *ROW_FIELDS)
    profile = _profile(rows, names)
    finals = [_outcome(row, as_of) for row in rows]
    outcomes = _outcome_counts(finals)
    timeliness = _timeliness(rows, proc, calendar, as_of, bands, whole=whole)
    joint_with = by_count(Counter(r[AT["joint_with"]] for r in rows if r[AT["joint_with"]]))
    if not whole:
        return {
            "received": len(rows),
            "outcomes": outcomes,
            "by_stage_reached": {str(k): v for k, v in profile["stage"].items()},
            "by_method": profile["method"],
            "by_point_of_receipt": profile["point_of_receipt"],
            "by_service_area": profile["service_area"],
            "by_relationship": profile["relationship"],
            "concerns": _concerns(concerns),
            "timeliness": timeliness,
            "equality": _equality(profile, age_bands),
            "joint_with": joint_with,
        }
    totals = complaints.aggregate(
        received=Count("pk"),
        provider_fault=Count("pk", filter=Q(provider_fault=True)),
        child=Count("pk", filter=Q(child_or_young_person=True)),
        advocate=Count("pk", filter=Q(advocate=True)),
        remedies=Sum("remedy_amount"),
    )
    timeliness["stage2"]["external_investigator"] = sum(
        1 for r in rows if r[AT["stage"]] >= 2 and r[AT["stage2_investigator"]] == Investigator.EXTERNAL
    )

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
        "concerns": _concerns(concerns),
        "timeliness": timeliness,
        "equality": _equality(profile, age_bands),
        "remedies_gbp": money(totals["remedies"]),
        "outcomes_by_service_area": _outcomes_by(rows, finals, "service_area_id", names.area),
        "outcomes_by_stage": _outcomes_by_stage(rows, as_of),
        "outcomes_by_equality": {
            "sex": _outcomes_by(rows, finals, "su_sex", names.plain),
            "age_band": _outcomes_by(rows, finals, "su_age", lambda age: _age_band(age, age_bands)),
            "ethnicity": _outcomes_by(rows, finals, "su_ethnicity_id", names.ethnicity),
            "disability": _outcomes_by(rows, finals, "su_disability", names.plain),
        },
        "joint_with": joint_with,
        "remedies_by_type": {kind: remedy["complaints"] for kind, remedy in remedies.items()},
    }


def _stage_outcome(row, number: int, as_of) -> str | None:
    """What the complaint counts as at this stage (docs/interchange.md, `outcomes_by_stage`): the
    stage's own outcome. At its highest stage, open until then, and an outcome recorded with a
    closing date after as_of was not known then; a lower stage without one is left out (None)."""
    own = row[AT[f"stage{number}_outcome"]]
    if row[AT["stage"]] != number:
        return own or None
    closed = row[AT["closed"]]
    return own if own and (closed is None or closed <= as_of) else "open"


def _outcome(row, as_of) -> str:
    """The complaint's final outcome as known at as_of: its highest stage's
    (redress.cases.workflow.final_outcome)."""
    return _stage_outcome(row, row[AT["stage"]], as_of)


def _outcome_counts(outcomes) -> dict:
    counts = dict.fromkeys(OUTCOMES, 0)
    for outcome in outcomes:
        counts[outcome] += 1
    return counts


def _outcomes_by(rows, finals: list[str], field: str, label: Callable) -> dict:
    """{label: all five outcomes} by a column, from each row's final outcome (`finals`); labels
    with no complaint left out. Counted by the column's values first, then labelled."""
    at = AT[field]
    grouped: dict[str, dict] = {}
    for (value, outcome), n in Counter(zip((row[at] for row in rows), finals)).items():
        grouped.setdefault(label(value), dict.fromkeys(OUTCOMES, 0))[outcome] += n
    ordered = by_count(Counter({name: sum(counts.values()) for name, counts in grouped.items()}))
    return {name: grouped[name] for name in ordered}


def _outcomes_by_stage(rows, as_of) -> dict:
    result = {}
    for number in STAGES:
        reached = [row for row in rows if row[AT["stage"]] >= number]
        if reached:
            outcomes = (_stage_outcome(row, number, as_of) for row in reached)
            result[str(number)] = _outcome_counts(o for o in outcomes if o)
    return result


def _remedies(complaints) -> dict:
    """Remedies given at the council's own stages, by type: the complaints given one (once each),
    largest first, and the money paid under it."""
    rows = (
        Remedy.objects.filter(case__in=complaints)
        .values("kind__label")
        .annotate(complaints=Count("case", distinct=True), gbp=Sum("amount"))
        .order_by()
    )
    amounts = {row["kind__label"]: row["gbp"] for row in rows}
    order = by_count(Counter({row["kind__label"]: row["complaints"] for row in rows}))
    return {kind: {"complaints": n, "gbp": money(amounts[kind])} for kind, n in order.items()}


def concern_rows(complaints, names: Names) -> list[tuple]:
    """(complaint, category, subcategory, finding) of every concern the complaints raise, by
    label: read once for the categories here and the subcategories in the supplement. Two grouped
    queries each read every concern of the year, which at 100,000 complaints took longer than
    reading them once and counting here."""
    labels = names.lookups
    concerns = Concern.objects.filter(representation__in=complaints.order_by()).order_by()
    rows = _raw_rows(concerns, "representation_id", "category_id", "subcategory_id", "finding")
    return [(case, labels[category], labels.get(sub), finding) for case, category, sub, finding in rows]


# A complaint's most serious finding on a category: upheld, partly, any other (not upheld), none.
UPHELD, PARTLY, NOT_UPHELD, NO_FINDING = 3, 2, 1, 0
SERIOUSNESS = {Finding.UPHELD: UPHELD, Finding.PARTIALLY_UPHELD: PARTLY, "": NO_FINDING}


def _concerns(concerns: list[tuple]) -> dict:
    """Per top-level category: complaints raising it, each once, by its most serious finding there."""
    worst: dict[str, dict[int, int]] = {}
    for case, category, _, finding in concerns:
        cases = worst.setdefault(category, {})
        cases[case] = max(cases.get(case, NO_FINDING), SERIOUSNESS.get(finding, NOT_UPHELD))
    result = {}
    for category in sorted(worst, key=lambda c: (-len(worst[c]), c)):
        n = Counter(worst[category].values())
        result[category] = {
            "raised": len(worst[category]),
            "upheld": n[UPHELD],
            "partially_upheld": n[PARTLY],
            "not_upheld": n[NOT_UPHELD],
            "no_finding": n[NO_FINDING],
        }
    return result


def _timeliness(rows, proc: Procedure, calendar, as_of, bands, *, whole=True) -> dict:
    """Acknowledgements and each stage's responses; not `whole`, stage 1's responses only."""
    if not whole:
        return {"stage1": _stage(rows, 1, proc, calendar, as_of, bands)}
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
    sql, params = queryset.order_by().values_list(*fields).query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def _stage(rows, number: int, proc: Procedure, calendar, as_of, bands) -> dict:
    timeliness = response_timeliness(proc, number)
    start_at = AT["received"] if number == 1 else AT[f"stage{number}_requested"]
    response_at = AT[f"stage{number}_response"]
    stage_at, acknowledged_at = AT["stage"], AT["acknowledged"]
    outcome_at = {n: AT[f"stage{n}_outcome"] for n in STAGES}  # the final outcome is the highest stage's
    risk_at, target_at, extended_at = AT["risk"], AT["target_days"], AT["extended_to"]
    own_extension_at = AT[f"stage{number}_extended_to"]
    responded, open_, within_target, within_agreed, days = 0, 0, 0, 0, []
    for row in rows:
        reached = row[stage_at]
        if reached < number:
            continue
        start, response = row[start_at], row[response_at]
        if not response or response > as_of:
            if row[outcome_at[reached]] != Outcome.WITHDRAWN:
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
            # The stage's own agreed date; `extended_to` is the highest stage's (interchange 1.1).
            agreed=row[own_extension_at] or (row[extended_at] if reached == number else None),
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


class Names:
    """The labels the year's rows are counted under, read once: lookups, service areas and
    census ethnicities written as "Group: Category"."""

    def __init__(self):
        self.lookups = dict(Lookup.objects.values_list("pk", "label"))
        self.groups = dict(Lookup.objects.filter(parent__isnull=False).values_list("pk", "parent__label"))
        self.areas = dict(ServiceArea.objects.values_list("pk", "path"))

    @staticmethod
    def plain(value) -> str:
        return UNKNOWN if value in (None, "") else value

    def lookup(self, pk) -> str:
        return UNKNOWN if pk is None else self.lookups[pk]

    def area(self, pk) -> str:
        return UNKNOWN if pk is None else self.areas[pk]

    def ethnicity(self, pk) -> str:
        if pk in self.groups:
            return f"{self.groups[pk]}: {self.lookups[pk]}"
        return self.lookup(pk)


PROFILE = {
    "stage": "stage",
    "method": "method_id",
    "point_of_receipt": "point_of_receipt_id",
    "service_area": "service_area_id",
    "relationship": "relationship_id",
    "sex": "su_sex",
    "ethnicity": "su_ethnicity_id",
    "disability": "su_disability",
    "primary_support_reason": "su_primary_support_reason_id",
}


def _profile(rows, names: Names) -> dict[str, dict]:
    """Counts of the year's complaints by each descriptive column, labelled.

    The year's complaints are read once, in one pass, for all of these tables: grouping in the
    database once per table read the same rows nine times, which dominated the report's time."""
    label = {
        "method": names.lookup,
        "point_of_receipt": names.lookup,
        "service_area": names.area,
        "relationship": names.lookup,
        "ethnicity": names.ethnicity,
        "primary_support_reason": names.lookup,
    }
    profile = {}
    for name, field in PROFILE.items():
        at, labelled = AT[field], Counter()
        for value, n in Counter(row[at] for row in rows).items():
            labelled[label.get(name, names.plain)(value)] += n
        profile[name] = by_count(labelled)
    profile["ages"] = Counter(row[AT["su_age"]] for row in rows)
    return profile


def _equality(profile: dict, age_bands) -> dict:
    ages: Counter = Counter()
    for age, n in profile["ages"].items():
        ages[_age_band(age, age_bands)] += n
    return {
        "sex": profile["sex"],
        "age_band": {label: ages[label] for label in age_band_labels(age_bands) if ages[label]},
        "ethnicity": profile["ethnicity"],
        "disability": profile["disability"],
        "primary_support_reason": profile["primary_support_reason"],
    }


def _months(start: dt.date) -> list[str]:
    return [f"{start.year + (start.month - 1 + i) // 12}-{(start.month - 1 + i) % 12 + 1:02d}" for i in range(12)]


def _compliments(compliments, start: dt.date) -> dict:
    by_month = dict.fromkeys(_months(start), 0)
    for day, n in compliments.values_list("received").annotate(n=Count("pk")).order_by():
        by_month[f"{day:%Y-%m}"] += n
    themes = Counter(
        dict(compliments.filter(themes__isnull=False).values_list("themes__label").annotate(n=Count("pk")).order_by())
    )
    return {
        "received": sum(by_month.values()),  # every day of the year falls in one of its months
        "by_month": by_month,
        "by_service_area": count_by(compliments, "service_area__path"),
        "by_theme": dict(sorted(themes.items(), key=lambda i: (-i[1], i[0]))),
    }


def _rate(numerator: int, denominator: int) -> float | None:
    return round(numerator / denominator, 4) if denominator else None


def _number(value: float) -> float | int:
    return int(value) if float(value).is_integer() else value


def complaints_by_month(year: int, procedure: str) -> dict[str, int]:
    """Complaints received each month of the year, to set beside compliments in the report."""
    start, end = financial_year(year)
    months = dict.fromkeys(_months(start), 0)
    received = (
        Representation.objects.received_between(start, end)
        .filter(kind=Kind.COMPLAINT, procedure__code=procedure, ineligible=False)
        .values_list("received")
        .annotate(n=Count("pk"))
        .order_by()
    )
    for day, n in received:  # counted by day in the database, a year's 365 rows at most
        months[f"{day:%Y-%m}"] += n
    return months
