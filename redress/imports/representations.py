"""Importing representations from CSV or XLSX (docs/interchange.md, section 2).

One pass over the file: each row is checked, and while no row has failed, rows are written in
batches inside one transaction. Any error, or a dry run, rolls the whole import back, so the
database is either given every row or none.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from types import SimpleNamespace

from django.db import connection, transaction
from django.utils import timezone

from redress.cases import search
from redress.cases.findings import findings_stage
from redress.cases.models import (
    INELIGIBLE_PREFIX,
    KIND_PREFIXES,
    STAGE_DATE_FIELDS,
    CaseSearch,
    Concern,
    ConcernFinding,
    Finding,
    Investigator,
    Kind,
    Outcome,
    Remedy,
    Representation,
    Sex,
    YesNo,
    concern_list,
    reserve_references,
)
from redress.cases.workflow import DEADLINE_FIELDS, recompute
from redress.configuration.models import LookupList
from redress.procedures.calendar import current_calendar
from redress.procedures.models import Procedure

from .bulk import RowWriter, checked_as_written, find_rows
from .columns import REPRESENTATION_COLUMNS as COLUMNS
from .labels import Labels
from .models import ImportedCase
from .readers import RowCheck, RowError, Table
from .values import (
    BadValue,
    parse_choice,
    parse_date,
    parse_money,
    parse_whole_number,
    parse_yes_no,
)

REQUIRED = ["kind", "received"]
PROCEDURES = {"adult", "children", "corporate", "ineligible"}
INVESTIGATORS = set(Investigator.values)
OUTCOMES = set(Outcome.values)
FINDINGS = set(Finding.values)
KINDS = set(Kind.values)
SEXES = set(Sex.values)
DISABILITY = set(YesNo.values)
DATE_COLUMNS = ["acknowledged", *STAGE_DATE_FIELDS, "extended_to", "closed"]
# A later stage's response and agreed date are checked against its request instead.
ON_OR_AFTER_RECEIPT = [c for c in DATE_COLUMNS if c not in ("stage2_response", "stage3_response")]
JOINT_WITH_LENGTH = Representation._meta.get_field("joint_with").max_length
BATCH = 2000
CASE_FIELDS = {f.attname for f in Representation._meta.concrete_fields}
MAX_ERRORS_KEPT = 10_000


class Rollback(Exception):
    pass


@dataclass
class ImportResult:
    dry_run: bool = False
    rows: int = 0
    created: Counter = field(default_factory=Counter)
    new_labels: dict[str, list[str]] = field(default_factory=dict)
    errors: list[RowError] = field(default_factory=list)
    error_count: int = 0

    @property
    def ok(self) -> bool:
        return self.error_count == 0

    def add_error(self, error: RowError) -> None:
        self.error_count += 1
        if len(self.errors) < MAX_ERRORS_KEPT:
            self.errors.append(error)

    def as_dict(self) -> dict:
        return {
            "dry_run": self.dry_run,
            "rows": self.rows,
            "created": dict(self.created),
            "new_labels": self.new_labels,
            "error_count": self.error_count,
            "errors": [e.__dict__ for e in self.errors],
        }


def check_columns(columns: list[str], known: list[str], required: list[str]) -> list[RowError]:
    errors = []
    unknown = [c for c in columns if c not in known]
    if unknown:
        errors.append(
            RowError(1, ", ".join(unknown), "", "unknown column: check the spelling against the import format")
        )
    for column in required:
        if column not in columns:
            errors.append(RowError(1, column, "", "required column is missing"))
    duplicates = sorted({c for c in columns if columns.count(c) > 1})
    if duplicates:
        errors.append(RowError(1, ", ".join(duplicates), "", "column appears more than once"))
    return errors


class RowReader:
    """Turns one row into the fields of a Representation, its concerns and its themes."""

    def __init__(self, labels: Labels):
        self.labels = labels
        # With their stages, which the workflow reads to work out an open complaint's deadlines.
        self.procedures = {p.code: p for p in Procedure.objects.prefetch_related("stages")}
        self.today = timezone.localdate()

    def read(self, number: int, row: dict[str, str], report: Callable[[RowError], None]) -> dict | None:
        check = RowCheck(number, row, report)
        cell, fail = check.cell, check.fail

        kind = cell("kind", parse_choice, KINDS)
        if not row.get("kind"):
            fail("kind", "is required: complaint, compliment, comment, enquiry or service_request")
        received = cell("received", parse_date)
        if not row.get("received"):
            fail("received", "is required: the date received, written YYYY-MM-DD")

        fields: dict = {"kind": kind, "received": received, "reference": row.get("reference", "")}
        procedure_code = cell("procedure", parse_choice, PROCEDURES)
        if kind == Kind.COMPLAINT:
            if not procedure_code:
                if row.get("procedure", "") == "":
                    fail("procedure", "is required for a complaint: adult, children, corporate or ineligible")
            elif procedure_code == "ineligible":
                fields["ineligible"] = True
            else:
                procedure = self.procedures.get(procedure_code)
                if procedure is None:
                    fail("procedure", "is not set up in this council's procedures")
                fields["procedure"] = procedure
        elif procedure_code == "ineligible":
            fail(
                "procedure",
                f"cannot be ineligible for a {kind.replace('_', ' ')}: give adult, children or corporate "
                "(the procedure whose annual report counts it), or leave it blank",
            )
        elif kind and procedure_code:
            # Interchange 1.1: the procedure whose annual report counts a compliment, comment,
            # enquiry or service request.
            procedure = self.procedures.get(procedure_code)
            if procedure is None:
                fail("procedure", "is not set up in this council's procedures")
            fields["procedure"] = procedure

        dates = {}
        for column in DATE_COLUMNS:
            dates[column] = fields[column] = cell(column, parse_date)
        stage = cell("stage", parse_whole_number, 1, 3)
        fields["stage"] = stage or 1
        fields["target_days"] = cell("target_days", parse_whole_number, 1, 400)
        fields["outcome"] = cell("outcome", parse_choice, OUTCOMES) or ""
        fields["provider_fault"] = bool(cell("provider_fault", parse_yes_no))
        fields["child_or_young_person"] = bool(cell("child_or_young_person", parse_yes_no))
        fields["advocate"] = bool(cell("advocate", parse_yes_no))
        fields["su_sex"] = cell("su_sex", parse_choice, SEXES) or ""
        fields["su_age"] = cell("su_age", parse_whole_number, 0, 120)
        fields["su_disability"] = cell("su_disability", parse_choice, DISABILITY) or ""
        fields["remedy_amount"] = cell("remedy_amount", parse_money)
        fields["summary"] = row.get("summary", "")
        extensions = self._stages(fields, row, check, stage_given=stage is not None or not row.get("stage"))
        fields["stage2_investigator"] = cell("stage2_investigator", parse_choice, INVESTIGATORS) or ""
        if fields["stage2_investigator"] and fields["stage"] < 2:
            fail(
                "stage2_investigator",
                f"is for stage 2, but stage is {fields['stage']}: give the highest stage reached",
            )
        fields["joint_with"] = row.get("joint_with", "")
        if len(fields["joint_with"]) > JOINT_WITH_LENGTH:
            fail("joint_with", f"is longer than {JOINT_WITH_LENGTH} characters: give the other body's name")

        # A date after the day of the import is a typing error, and a case received in the future
        # could never be triaged.
        for column, value in [("received", received), *dates.items(), *extensions.items()]:
            if value and value > self.today:
                fail(column, f"is in the future (after {self.today.isoformat()}, the day of the import)")
        if received:
            for column in ON_OR_AFTER_RECEIPT:
                if dates[column] and dates[column] < received:
                    fail(column, f"is before the date received ({received.isoformat()})")
            if extensions["stage1_extended_to"] and extensions["stage1_extended_to"] < received:
                fail("stage1_extended_to", f"is before the date received ({received.isoformat()})")
        for n in (2, 3):
            requested, response = dates[f"stage{n}_requested"], dates[f"stage{n}_response"]
            if requested and response and response < requested:
                fail(f"stage{n}_response", f"is before stage {n} was requested ({requested.isoformat()})")
            agreed = extensions[f"stage{n}_extended_to"]
            if requested and agreed and agreed < requested:
                fail(f"stage{n}_extended_to", f"is before stage {n} was requested ({requested.isoformat()})")
            if (requested or response) and fields["stage"] < n:
                fail(
                    "stage",
                    f"is {fields['stage']} but the row has stage {n} dates: give the highest stage reached",
                )
        if fields["outcome"] == "withdrawn" and not dates["closed"]:
            fail("closed", "is required when the outcome is withdrawn: the date it was withdrawn")

        def label(column, list_name):
            return cell(column, lambda t: self.labels.lookup(list_name, t) if t else None)

        fields["method_id"] = label("method", LookupList.METHOD)
        fields["point_of_receipt_id"] = label("point_of_receipt", LookupList.POINT_OF_RECEIPT)
        fields["relationship_id"] = label("complainant_relationship", LookupList.RELATIONSHIP)
        fields["su_ethnicity_id"] = label("su_ethnicity", LookupList.ETHNICITY)
        fields["su_primary_support_reason_id"] = label("su_primary_support_reason", LookupList.PRIMARY_SUPPORT_REASON)
        fields["service_area_id"] = cell("service_area", lambda t: self.labels.service_area(t) if t else None)
        concerns = cell("concerns", lambda text: self._concerns(text, concern_list(procedure_code))) or []
        themes = cell("themes", lambda text: self._labels(LookupList.COMPLIMENT_THEME, text)) or []
        # Remedies given at the council's own stages, each type once.
        remedies = cell("remedy_types", lambda text: self._labels(LookupList.REMEDY_TYPE, text)) or []
        if check.failed:
            return None
        return {"fields": fields, "concerns": concerns, "themes": themes, "remedies": remedies}

    def _stages(self, fields: dict, row: dict[str, str], check: RowCheck, stage_given: bool) -> dict:
        """Each stage's own outcome and agreed date (interchange 1.1). The highest stage reached
        takes `outcome` and `extended_to` when its own is blank; a stage above it is an error
        (unless `stage` itself could not be read, which is reported already).
        Returns the stage agreed dates as given, for the date checks."""
        stage, given = fields["stage"], {}
        for n in (1, 2, 3):
            outcome, extension = f"stage{n}_outcome", f"stage{n}_extended_to"
            fields[outcome] = check.cell(outcome, parse_choice, OUTCOMES) or ""
            fields[extension] = given[extension] = check.cell(extension, parse_date)
            for column in (outcome, extension):
                if n > stage and stage_given and row.get(column):
                    check.fail(column, f"is for stage {n}, but stage is {stage}: give the highest stage reached")
        highest, agreed = f"stage{stage}_extended_to", fields["extended_to"]
        if fields[highest] and agreed and fields[highest] != agreed:
            check.fail(
                highest,
                f"is not the same as extended_to ({agreed.isoformat()}): both are the date agreed for stage "
                f"{stage}, the highest reached",
            )
        # The final outcome is the highest stage's (redress.cases.workflow.final_outcome).
        own, final = fields[f"stage{stage}_outcome"], fields["outcome"]
        if own and final and own != final:
            check.fail(
                f"stage{stage}_outcome",
                f"is not the same as outcome ({final}): the final outcome is stage {stage}'s, the highest reached",
            )
        fields[f"stage{stage}_outcome"] = fields["outcome"] = own or final
        fields[highest] = fields["extended_to"] = fields[highest] or agreed
        return given

    def _concerns(self, text: str, list_name: str) -> list[tuple[int, int | None, str]]:
        concerns = []
        for part in filter(None, (p.strip() for p in text.split(";"))):
            path, _, finding = part.partition("=")
            finding = finding.strip().lower()
            if finding and finding not in FINDINGS:
                raise BadValue(f"finding {finding!r} must be upheld, partially_upheld or not_upheld")
            names = [n.strip() for n in path.split(">")]
            if len(names) > 2 or not all(names):
                raise BadValue("each concern must be 'Category' or 'Category > Subcategory', separated by ;")
            category = self.labels.lookup(list_name, names[0])
            subcategory = None
            if len(names) == 2:
                subcategory = self.labels.lookup(list_name, names[1], parent=category, shown_as=" > ".join(names))
            concerns.append((category, subcategory, finding))
        return concerns

    def _labels(self, list_name: str, text: str) -> list[int]:
        """A `;`-separated list of labels of one list, each once."""
        return sorted({self.labels.lookup(list_name, t.strip()) for t in text.split(";") if t.strip()})


def run_rows(
    table: Table,
    columns: list[str],
    required: list[str],
    *,
    strict: bool,
    dry_run: bool,
    progress: Callable[[int], None] | None,
    read,
    write,
) -> ImportResult:
    """The loop every import shares: check the header, then read each row and write batches,
    all in one transaction that is rolled back on any error or in a dry run.

    `read(number, row, labels, report)` returns a parsed row or None; `write(batch, result)`
    checks the batch against the database and writes it while the result is still clean."""
    result = ImportResult(dry_run=dry_run)
    for error in check_columns(table.columns, columns, required):
        result.add_error(error)
    if not result.ok:
        return result
    try:
        with transaction.atomic():
            labels = Labels(strict)
            batch: list[tuple[int, dict]] = []
            with checked_as_written():
                for number, row in table.rows():
                    result.rows += 1
                    parsed = read(number, row, labels, result.add_error)
                    if parsed:
                        batch.append((number, parsed))
                    if len(batch) >= BATCH:
                        write(batch, result)
                        batch = []
                    if progress and result.rows % 500 == 0:
                        progress(result.rows)
                write(batch, result)
            if progress:
                progress(result.rows)
            result.new_labels = dict(labels.new)
            if dry_run or not result.ok:
                raise Rollback
    except Rollback:
        pass
    return result


def import_representations(
    table: Table,
    *,
    strict: bool = False,
    dry_run: bool = False,
    user=None,
    progress: Callable[[int], None] | None = None,
    job=None,
) -> ImportResult:
    reader: RowReader | None = None
    seen: dict[str, int] = {}

    def read(number, row, labels, report):
        nonlocal reader
        reader = reader or RowReader(labels)
        reference = row.get("reference", "")
        if reference in seen:
            report(
                RowError(number, "reference", reference, f"appears twice in the file (first on row {seen[reference]})")
            )
        elif reference:
            seen[reference] = number
        return reader.read(number, row, report)

    return run_rows(
        table,
        COLUMNS,
        REQUIRED,
        strict=strict,
        dry_run=dry_run,
        progress=progress,
        read=read,
        write=lambda batch, result: _write(batch, result, user, job),
    )


def _write(batch: list[tuple[int, dict]], result: ImportResult, user, job=None) -> None:
    """Check the batch's references against the database, then write it if all is well."""
    if not batch:
        return
    given = {p["fields"]["reference"]: n for n, p in batch if p["fields"]["reference"]}
    for (reference,) in find_rows(Representation, "reference", list(given), "reference"):
        result.add_error(
            RowError(
                given[reference],
                "reference",
                reference,
                "is already in Redress: this row may have been imported before",
            )
        )
    if not result.ok:
        return
    # References for rows without one, issued in blocks per prefix and year.
    wanting: dict[tuple[str, int], list[dict]] = {}
    for _, parsed in batch:
        fields = parsed["fields"]
        if not fields["reference"]:
            wanting.setdefault((_prefix(fields), fields["received"].year), []).append(fields)
    for (prefix, year), rows in wanting.items():
        for fields, reference in zip(rows, reserve_references(prefix, year, len(rows))):
            fields["reference"] = reference

    now = connection.ops.adapt_datetimefield_value(dt.datetime.now(dt.UTC))
    calendar = current_calendar()
    records = []
    for _, parsed in batch:
        fields = dict(parsed["fields"])
        procedure = fields.pop("procedure", None)
        fields.update(
            procedure_id=procedure.pk if procedure else None,
            procedure_code=getattr(procedure, "code", None),
            created=now,
            updated=now,
            created_by_id=user.pk if user else None,
        )
        records.append(fields)
        if procedure and fields["kind"] == Kind.COMPLAINT and not fields["closed"]:
            _set_deadlines(fields, procedure, calendar)
    written = RowWriter(Representation).write(records, with_ids=True)
    if written is None:
        written = _ids_by_reference([r["reference"] for r in records])
    ids = dict(zip((r["reference"] for r in records), written))
    concerns = [
        (ids[record["reference"]], category, subcategory, finding)
        for record, (_, parsed) in zip(records, batch)
        for category, subcategory, finding in parsed["concerns"]
    ]
    concern_ids = RowWriter(Concern).write(
        [
            {"representation_id": case, "category_id": category, "subcategory_id": subcategory, "finding": finding}
            for case, category, subcategory, finding in concerns
        ],
        with_ids=True,
    )
    # Each finding is the concern's at the stage it belongs to, as a finding recorded in Redress.
    stages = {ids[r["reference"]]: findings_stage(SimpleNamespace(**r)) for r in records}
    if concern_ids is None:
        found = (
            Concern.objects.filter(representation__in=stages)
            .exclude(finding="")
            .values_list("pk", "representation", "finding")
        )
    else:
        found = [(pk, case, finding) for pk, (case, _, _, finding) in zip(concern_ids, concerns) if finding]
    RowWriter(ConcernFinding).write(
        [{"concern_id": pk, "stage": stages[case], "finding": finding, "narrative": ""} for pk, case, finding in found]
    )
    if job is not None and job.pk:
        # Each case's trail starts with the import and row it came from (audit.registry origins).
        RowWriter(ImportedCase).write(
            [
                {"job_id": job.pk, "case_id": ids[record["reference"]], "row": number}
                for record, (number, _) in zip(records, batch)
            ]
        )
    # Remedies given, by type; the amount paid stays the case's remedy_amount.
    RowWriter(Remedy).write(
        [
            {
                "case_id": ids[record["reference"]],
                "kind_id": kind,
                "recorded_by_id": user.pk if user else None,
                "recorded": now,
            }
            for record, (_, parsed) in zip(records, batch)
            for kind in parsed["remedies"]
        ]
    )
    Theme = Representation.themes.through
    Theme.objects.bulk_create(
        [
            Theme(representation_id=ids[record["reference"]], lookup_id=theme)
            for record, (_, parsed) in zip(records, batch)
            for theme in parsed["themes"]
        ]
    )
    # The rows were written directly: no save keeps the search index, so their entries are written here.
    search.add_new([search.new_case_entry(ids[r["reference"]], r) for r in records], RowWriter(CaseSearch).write)
    for record in records:
        result.created[_count_key(record)] += 1


def _set_deadlines(fields: dict, procedure: Procedure, calendar) -> None:
    """An open complaint's deadlines from the workflow, as one recorded on screen gets them,
    worked out before it is written (a new case has no events yet), so that a million rows are
    not written and then each written again."""
    case = Representation(**{name: value for name, value in fields.items() if name in CASE_FIELDS})
    case.procedure = procedure
    recompute(case, calendar=calendar)
    fields.update({name: getattr(case, name) for name in DEADLINE_FIELDS})


def _ids_by_reference(references: list[str]) -> list[int]:
    """The new cases' ids, where the database could not give them as it wrote them (SQLite)."""
    ids = dict(find_rows(Representation, "reference", references, "reference", "id"))
    return [ids[reference] for reference in references]


def _prefix(fields: dict) -> str:
    if fields["kind"] != Kind.COMPLAINT:
        return KIND_PREFIXES[fields["kind"]]
    if fields.get("ineligible"):
        return INELIGIBLE_PREFIX
    return fields["procedure"].reference_prefix


def _count_key(record: dict) -> str:
    if record["kind"] != Kind.COMPLAINT:
        return record["kind"]
    if record.get("ineligible"):
        return "complaint: ineligible"
    return f"complaint: {record['procedure_code']}"
