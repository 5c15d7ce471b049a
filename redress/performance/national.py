"""Importing the national ASCOF data file and working out the council's comparators from it:
England and regional values, rank and quartile among all councils, and the peer average."""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils import timezone

from redress.imports.readers import FileProblems, RowError, Table, named_columns

from .models import Comparator, Indicator, NationalValue, PerformanceSettings
from .ranking import compare

COLUMNS = [
    "geography_code",
    "geography_name",
    "geography_level",
    "region",
    "measure_code",
    "disaggregation",
    "measure_value",
    "numerator",
    "denominator",
]
REQUIRED = ["geography_code", "geography_name", "measure_code", "measure_value"]
# Names used in the files NHS England publishes, as they read once tidied.
ALIASES = {
    "ons_code": "geography_code",
    "geographical_code": "geography_code",
    "la_code": "geography_code",
    "geographical_description": "geography_name",
    "la_name": "geography_name",
    "geographical_level": "geography_level",
    "region_name": "region",
    "measure": "measure_code",
    "measure_group": "measure_code",
    "disaggregation_level": "disaggregation",
    "value": "measure_value",
}
IGNORED = {"year", "region_code", "measure_description", "measure_type"}
# Suppressed or missing values in published statistics.
MISSING = {"", "x", "[x]", "c", "[c]", ":", "..", "-", "*", "n/a", "na"}
# England (E92) and regions (E12) are worked out here, not read, so every figure uses one method.
NOT_COUNCILS = ("E92", "E12")
TOTALS = {"", "total", "all", "all ages", "persons"}


def breakdown(text: str) -> str:
    """Breakdowns compared without case; the total has several names."""
    text = text.strip().lower()
    return "" if text in TOTALS else text


def _number(text: str) -> Decimal | None:
    if text.strip().lower() in MISSING:
        return None
    try:
        return Decimal(text.replace(",", "").removesuffix("%"))
    except InvalidOperation:
        raise ValueError("must be a number, or blank or x where the value is suppressed") from None


def import_national(table: Table, year: int) -> int:
    """Replace the year's national data with the file's, all or nothing, and work out the
    comparators again. Returns the council rows kept."""
    names = named_columns(table, known=COLUMNS, required=REQUIRED, aliases=ALIASES, ignored=IGNORED)
    measures = {i.code_in_national_data.upper() for i in Indicator.objects.exclude(local=True)}
    rows, errors, seen = [], [], {}
    for number, raw in table.rows():
        row = {names[k]: v for k, v in raw.items()}
        code = row.get("geography_code", "").upper()
        level = row.get("geography_level", "").lower()
        if code.startswith(NOT_COUNCILS) or level in {"england", "region", "national", "regional"}:
            continue
        problem = len(errors)
        for column in REQUIRED:
            if not row.get(column):
                errors.append(RowError(number, column, "", "is required"))
        measure = row.get("measure_code", "").upper()
        if measure and measure not in measures:
            errors.append(
                RowError(number, "measure_code", measure, "is not a measure in the catalogue: add it under Indicators")
            )
        fields = {}
        for column in ["measure_value", "numerator", "denominator"]:
            try:
                fields[column] = _number(row.get(column, ""))
            except ValueError as error:
                errors.append(RowError(number, column, row.get(column, ""), str(error)))
        key = (code, measure, breakdown(row.get("disaggregation", "")))
        if code and measure and key in seen:
            errors.append(
                RowError(number, "geography_code", code, f"has this measure twice (first on row {seen[key]})")
            )
        seen.setdefault(key, number)
        if len(errors) > problem or fields.get("measure_value") is None:
            continue
        rows.append(
            NationalValue(
                year=year,
                geography_code=code,
                geography_name=row["geography_name"],
                region=row.get("region", ""),
                measure_code=measure,
                disaggregation=key[2],
                value=fields["measure_value"],
                numerator=fields["numerator"],
                denominator=fields["denominator"],
            )
        )
    if errors:
        raise FileProblems(
            [str(e) for e in errors[:200]] + ([f"and {len(errors) - 200} more"] if len(errors) > 200 else [])
        )
    if not rows:
        raise FileProblems(["The file has no council values in it"])
    with transaction.atomic():
        NationalValue.objects.filter(year=year).delete()
        NationalValue.objects.bulk_create(rows, batch_size=1000)
        update_comparators(year)
    return len(rows)


def update_comparators(year: int) -> int:
    """Work out every indicator's comparators for the year from the stored national data,
    keeping the council's own targets. Returns how many indicators were compared."""
    settings = PerformanceSettings.current()
    stored = defaultdict(list)
    for row in NationalValue.objects.filter(year=year):
        stored[(row.measure_code, row.disaggregation)].append(row)
    compared = 0
    for indicator in Indicator.objects.exclude(local=True):
        rows = stored.get((indicator.code_in_national_data.upper(), breakdown(indicator.disaggregation)))
        if not rows:
            continue
        national = compare(rows, settings.geography_code.upper(), settings.peer_codes(), indicator)
        Comparator.objects.update_or_create(
            indicator=indicator,
            year=year,
            defaults={
                "council_value": national.council_value,
                "england": national.england,
                "region": national.region,
                "peer": national.peer,
                "rank": national.rank,
                "ranked": national.ranked,
                "quartile": national.quartile,
                "from_national_data": timezone.now(),
            },
        )
        compared += 1
    return compared
