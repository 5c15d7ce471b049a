"""Importing the national ASCOF data file and working out the council's comparators from it:
England, regional and council type values, rank and quartile among all councils, and the peer
average. docs/national-data.md explains the files for a performance officer.

Three layouts are read, told apart by their headings:
- the Department of Health and Social Care's CSV (from the 2024/25 release): one row for each
  geography, measure, breakdown and measure type (Numerator, Denominator, Outcome);
- NHS Digital's earlier files: the same, with a Measure Group, codes carrying their breakdown
  (2A1864, 1AF), Base rows for survey respondents and other measure types Redress does not use;
- a simple file, one row for each council, measure and breakdown, with its value and, if known,
  numerator and denominator.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils import timezone

from redress.imports.readers import FileProblems, RowError, Table, named_columns, tidy_name

from .catalogue import measure_key
from .models import Comparator, GeographyLevel, Indicator, NationalValue, PerformanceSettings
from .ranking import compare

# The financial year from which the national data uses the 2023/24 framework's codes; before
# it, the previous framework's.
FRAMEWORK_2023 = 2023

COLUMNS = [
    "geography_code",
    "area_code",
    "geography_name",
    "geography_level",
    "region",
    "measure_code",
    "measure_group",
    "disaggregation",
    "measure_type",
    "measure_value",
    "numerator",
    "denominator",
]
# Names used in the files the Department of Health and Social Care and NHS Digital publish, as
# they read once tidied. geography_code is the ONS code (E08000026); area_code the publisher's
# own (a council's CASSR code, a region's NE, or England), used when a row has no ONS code.
ALIASES = {
    "ons_code": "geography_code",
    "ons_area_code": "geography_code",
    "la_code": "geography_code",
    "geographical_code": "area_code",
    "geographical_description": "geography_name",
    "la_name": "geography_name",
    "geographical_level": "geography_level",
    "region_name": "region",
    "ascof_measure_code": "measure_code",
    "measure": "measure_code",
    "disaggregation_level": "disaggregation",
    "value": "measure_value",
}
IGNORED = {"year", "region_code", "measure_description", "measure_group_description"}
# Each is needed; any one of a group's names will do.
NEEDED = [("geography_code", "area_code"), ("geography_name",), ("measure_code", "measure_group"), ("measure_value",)]
# Suppressed or missing values in published statistics.
MISSING = {"", "x", "[x]", "c", "[c]", "z", "[z]", ":", "..", "-", "*", "n/a", "na"}
FIGURES = ("outcome", "numerator", "denominator")
LEVELS = {
    "council": GeographyLevel.COUNCIL,
    "local authority": GeographyLevel.COUNCIL,
    "cassr": GeographyLevel.COUNCIL,
    "region": GeographyLevel.REGION,
    "regional": GeographyLevel.REGION,
    "council type": GeographyLevel.COUNCIL_TYPE,
    "england": GeographyLevel.ENGLAND,
    "national": GeographyLevel.ENGLAND,
}
TOTALS = {"", "total", "all", "all ages", "persons", "t"}
# NHS Digital's codes end with the breakdown: 1864 is 18 to 64, 65OV 65 and over, 64U 64 and under.
AGE_SUFFIX = re.compile(r"(\d{4}|\d{2}OV|\d{2}U)$")
A_CODE = re.compile(r"\d[A-Z]")
# Before 2023/24, 2A's two parts were its age groups: 2A(1) 18 to 64, 2A(2) 65 and over.
PREVIOUS_PARTS = {("2A", "18-64"): "2A1", ("2A", "64 and under"): "2A1", ("2A", "65 and over"): "2A2"}
LARGEST = Decimal("1e10")  # as the figures are stored: 14 digits, 4 of them decimals


def breakdown(text: str) -> str:
    """A breakdown as it is compared: without case, the total as blank, and the ways of writing
    an age group or a sex made one ('18 to 64', '18-64' and '1864'; '65+' and '65OV')."""
    text = re.sub(r"\s+", " ", text.strip().lower())
    if text in TOTALS:
        return ""
    if match := re.fullmatch(r"(?:aged )?(\d+) ?(?:-|–|to) ?(\d+)", text) or re.fullmatch(r"(\d\d)(\d\d)", text):
        return f"{match[1]}-{match[2]}"
    if match := re.fullmatch(r"(?:aged )?(\d+) ?(?:\+|and over|and older|or over|or older|ov)", text):
        return f"{match[1]} and over"
    if match := re.fullmatch(r"(?:aged )?(\d+) ?(?:and under|or under|and younger|u)", text):
        return f"{match[1]} and under"
    return {"m": "male", "males": "male", "men": "male", "f": "female", "females": "female", "women": "female"}.get(
        text, text
    )


def file_measure(code: str, disaggregation: str, year: int) -> tuple[str, str]:
    """A file's measure code and breakdown as they are matched: '2D part 1', '2D(1)' and '2D1'
    are one measure; NHS Digital's 2A1864 is 2A for 18 to 64 and 1AF is 1A for women; and before
    2023/24, 2A for 18 to 64 is the previous framework's 2A(1)."""
    key, part = measure_key(code), breakdown(disaggregation)
    if (suffix := AGE_SUFFIX.search(key)) and A_CODE.match(key[: suffix.start()]):
        key, part = key[: suffix.start()], part or breakdown(suffix[1])
    elif part in ("male", "female") and key.endswith(part[0].upper()) and A_CODE.match(key[:-1]):
        key = key[:-1]
    if year < FRAMEWORK_2023 and (key, part) in PREVIOUS_PARTS:
        key, part = PREVIOUS_PARTS[(key, part)], ""
    return key, part


def national_key(indicator: Indicator, year: int) -> tuple[str, str] | None:
    """The measure and breakdown an indicator takes from the year's national data: from 2023/24
    its code and part (or its code in the national data, when set); before, its previous code.
    None for a local indicator, and for a measure the year's data cannot hold."""
    if indicator.local:
        return None
    if year >= FRAMEWORK_2023:
        code = indicator.national_code or f"{indicator.code} {indicator.part}"
    else:
        code = "" if indicator.previous_code.strip().lower() == "new" else indicator.previous_code
    return (measure_key(code), breakdown(indicator.disaggregation)) if code.strip() else None


def shown(key: tuple[str, str]) -> str:
    return f"{key[0]} ({key[1]})" if key[1] else key[0]


def national_measures(year: int) -> tuple[dict[tuple[str, str], Indicator], list[str]]:
    """Which indicator takes each measure and breakdown of the year's national data, and, in
    words, where two indicators would take the same figures (neither of them takes them)."""
    taken: dict[tuple[str, str], Indicator] = {}
    clashes: dict[tuple[str, str], list[Indicator]] = defaultdict(list)
    problems = []
    for indicator in Indicator.objects.exclude(local=True).order_by("order", "pk"):
        key = national_key(indicator, year)
        if key is None:
            continue
        if len(key[0]) > 20:
            problems.append(f"{indicator}: its measure code in the national data is longer than 20 characters")
        elif key in taken or key in clashes:
            clashes[key] += [taken.pop(key)] if key in taken else []
            clashes[key].append(indicator)
        else:
            taken[key] = indicator
    for key, indicators in clashes.items():
        names = " and ".join(f"{i.label} ({i.name})" for i in indicators)
        problems.append(
            f"{names} would take the same national figures, {shown(key)}: under Indicators, change the code "
            "in the national data, the previous code or the breakdown of all but one of them"
        )
    return taken, problems


@dataclass
class NationalImport:
    """What an import kept and what it left out, for the person who sent the file."""

    kept: int
    skipped: list[str] = field(default_factory=list)  # measures in the file Redress does not have
    other_types: Counter = field(default_factory=Counter)  # rows of measure types Redress does not use
    compared: int = 0

    def summary(self) -> str:
        said = [f"{_count(self.kept, 'figure')} imported and {_count(self.compared, 'measure')} compared"]
        if self.skipped:
            codes = ", ".join(self.skipped[:12]) + (" and others" if len(self.skipped) > 12 else "")
            said.append(f"{_count(len(self.skipped), 'measure')} in the file not in Redress left out: {codes}")
        if self.other_types:
            types = ", ".join(f"{name} ({count})" for name, count in sorted(self.other_types.items()))
            said.append(f"Rows of measure types Redress does not use left out: {types}")
        return ". ".join(said) + "."


def _count(number: int, thing: str) -> str:
    return f"{number} {thing}{'' if number == 1 else 's'}"


def _number(text: str) -> Decimal | None:
    if text.strip().lower() in MISSING:
        return None
    try:
        number = Decimal(text.strip().replace(",", "").removesuffix("%"))
    except InvalidOperation:
        number = None
    if number is None or not number.is_finite():
        raise ValueError("must be a number, or blank, x or [c] where the value is suppressed")
    if abs(number) >= LARGEST:
        raise ValueError("is too large to be a measure's figure")
    return number.quantize(Decimal("0.0001"))


def _level(text: str, codes: str) -> str:
    text = re.sub(r"[\s_-]+", " ", text.strip().lower())
    if text:
        if text not in LEVELS:
            raise ValueError("must be local authority, region, council type or England")
        return LEVELS[text]
    if codes.startswith("E92") or codes == "ENGLAND":
        return GeographyLevel.ENGLAND
    return GeographyLevel.REGION if codes.startswith("E12") else GeographyLevel.COUNCIL


def _columns(table: Table) -> dict[str, str]:
    """Each heading's name, or FileProblems naming every unknown, missing or doubled column."""
    problems = []
    try:
        names = named_columns(table, known=COLUMNS, required=[], aliases=ALIASES, ignored=IGNORED)
    except FileProblems as error:
        problems += error.problems
        names = {header: tidy_name(header, ALIASES) for header in table.columns}
    missing = [" or ".join(group) for group in NEEDED if not set(group) & set(names.values())]
    if missing:
        problems.append(f"The file has no {', '.join(missing)} column{'s' if len(missing) > 1 else ''}")
    by_name = defaultdict(list)
    for header, name in names.items():
        by_name[name].append(header)
    for name, headers in by_name.items():
        if len(headers) > 1 and name in COLUMNS:
            problems.append(f"The columns {' and '.join(headers)} are both read as {name}: remove one of them")
    if problems:
        raise FileProblems(problems)
    return names


@dataclass
class _Figure:
    """One geography's figures for one measure and breakdown, as the file gives them."""

    level: str
    name: str
    region: str
    values: dict = field(default_factory=dict)  # outcome, numerator, denominator


def read_national(table: Table, year: int) -> tuple[list[NationalValue], NationalImport]:
    """The file's figures for the measures Redress has, as unsaved NationalValue rows, or
    FileProblems naming every bad row and column. Reads any of the three layouts."""
    names = _columns(table)
    measures, problems = national_measures(year)
    if problems:
        raise FileProblems(problems)
    long = "measure_type" in names.values()
    result = NationalImport(kept=0)
    skipped: dict[str, None] = {}
    wanted_codes = {key for key, _ in measures}
    figures: dict[tuple[str, str, str], _Figure] = {}
    first: dict[tuple, int] = {}
    errors: list[RowError] = []
    for number, raw in table.rows():
        row = {names[k]: v for k, v in raw.items()}
        written = row.get("measure_code") or row.get("measure_group", "")
        key = file_measure(written, row.get("disaggregation", ""), year)
        if key not in measures:
            if written and key[0] not in wanted_codes:
                skipped.setdefault(written.upper())
            continue
        kind = row.get("measure_type", "").strip().lower() if long else "outcome"
        if not kind:
            errors.append(RowError(number, "measure_type", "", "is required: Numerator, Denominator or Outcome"))
            continue
        if kind not in FIGURES:
            result.other_types[row["measure_type"].strip()] += 1
            continue
        problem = len(errors)
        code = (row.get("geography_code") or row.get("area_code", "")).upper()
        column = "geography_code" if "geography_code" in names.values() else "area_code"
        if not code:
            errors.append(RowError(number, column, "", "is required"))
        elif len(code) > 20:
            errors.append(RowError(number, column, code, "is longer than a geography code can be (20 characters)"))
        if not row.get("geography_name"):
            errors.append(RowError(number, "geography_name", "", "is required"))
        try:
            level = _level(row.get("geography_level", ""), code)
        except ValueError as error:
            errors.append(RowError(number, "geography_level", row["geography_level"], str(error)))
        # A long file gives one figure a row, named by its measure type; a simple one all three.
        read = {kind: "measure_value"} if long else dict(zip(FIGURES, ["measure_value", *FIGURES[1:]]))
        values = {}
        for figure_kind, figure_column in read.items():
            try:
                values[figure_kind] = _number(row.get(figure_column, ""))
            except ValueError as error:
                errors.append(RowError(number, figure_column, row.get(figure_column, ""), str(error)))
        if len(errors) > problem:
            continue
        place = (code, *key)
        if (seen := first.setdefault((place, kind), number)) != number:
            what = f"{kind} for this measure" if long else "this measure"
            errors.append(RowError(number, column, code, f"has {what} twice (first on row {seen})"))
            continue
        figure = figures.setdefault(place, _Figure(level, row["geography_name"], row.get("region", "")))
        figure.values |= values
    if errors:
        raise FileProblems(
            [str(e) for e in errors[:200]] + ([f"and {len(errors) - 200} more"] if len(errors) > 200 else [])
        )
    rows = []
    for (code, measure, part), figure in figures.items():
        indicator = measures[(measure, part)]
        outcome, numerator, denominator = (figure.values.get(k) for k in FIGURES)
        # The published outcome is used as it is; without an outcome row it is worked out.
        value = outcome if "outcome" in figure.values else indicator.compute(numerator, denominator)
        if value is None:
            continue  # suppressed: this geography has no figure for the measure
        rows.append(
            NationalValue(
                year=year,
                geography_code=code,
                geography_name=figure.name[:200],
                level=figure.level,
                region=figure.region[:100],
                measure_code=measure,
                disaggregation=part,
                value=value,
                numerator=numerator,
                denominator=denominator,
            )
        )
    result.skipped = list(skipped)
    if not any(r.level == GeographyLevel.COUNCIL for r in rows):
        framework = "2023/24 codes" if year >= FRAMEWORK_2023 else "previous framework's codes"
        raise FileProblems(
            [
                "The file has no council figures for the measures Redress has. For this year measures are "
                f"matched by the {framework}: check the year chosen is the year of the file."
            ]
        )
    result.kept = len(rows)
    return rows, result


def import_national_file(table: Table, year: int) -> NationalImport:
    """Replace the year's national data with the file's, all or nothing, and work out the
    comparators again. Returns what was kept and left out."""
    rows, result = read_national(table, year)
    with transaction.atomic():
        NationalValue.objects.filter(year=year).delete()
        NationalValue.objects.bulk_create(rows, batch_size=1000)
        result.compared = update_comparators(year)
    return result


# What a comparator takes from the national data, cleared when its measure leaves the data.
NATIONAL_FIELDS = [
    "council_value", "england", "region", "council_type", "peer", "rank", "ranked", "quartile", "next_quartile",
    "from_national_data",
]  # fmt: skip


def update_comparators(year: int) -> int:
    """Work out every indicator's comparators for the year from the stored national data,
    keeping the council's own targets. An indicator whose measure is no longer in the year's
    data loses the figures it took from it. Returns how many indicators were compared."""
    settings = PerformanceSettings.current()
    measures, _ = national_measures(year)  # indicators that clash take nothing; the import refused them
    stored = defaultdict(list)
    for row in NationalValue.objects.filter(year=year):
        stored[(row.measure_code, row.disaggregation)].append(row)
    compared, now = 0, timezone.now()
    for key, indicator in measures.items():
        rows = stored.get(key)
        if not rows:
            Comparator.objects.filter(indicator=indicator, year=year, from_national_data__isnull=False).update(
                **dict.fromkeys(NATIONAL_FIELDS), rank_tied=False
            )
            continue
        national = compare(
            rows,
            indicator,
            council_code=settings.geography_code.strip().upper(),
            peer_codes=settings.peer_codes(),
            region=settings.region.strip(),
            council_type=settings.council_type.strip(),
        )
        Comparator.objects.update_or_create(
            indicator=indicator,
            year=year,
            defaults={
                "council_value": national.council_value,
                "england": national.england,
                "region": national.region,
                "council_type": national.council_type,
                "peer": national.peer,
                "rank": national.place.rank,
                "rank_tied": national.place.tied,
                "ranked": national.place.ranked,
                "quartile": national.place.quartile,
                "next_quartile": national.place.next_quartile,
                "from_national_data": now,
            },
        )
        compared += 1
    return compared
