"""Importing Ombudsman cases from CSV or XLSX (docs/interchange.md, section 3)."""

from __future__ import annotations

from collections.abc import Callable

from redress.cases.models import Representation
from redress.ombudsman.models import Decision, OmbudsmanCase, Recommendation, RemedyType
from redress.procedures.models import Procedure

from .readers import RowCheck, RowError, Table
from .representations import ImportResult, run_rows
from .values import parse_choice, parse_date, parse_money, parse_yes_no

COLUMNS = [
    "reference",
    "procedure",
    "complaint_reference",
    "received",
    "decided",
    "decision",
    "public_report",
    "service_area",
    "remedy_amount",
    "remedy_due",
    "remedy_completed",
]
REQUIRED = ["reference", "procedure", "received"]


def import_ombudsman(
    table: Table,
    *,
    strict: bool = False,
    dry_run: bool = False,
    user=None,
    progress: Callable[[int], None] | None = None,
) -> ImportResult:
    procedures = {p.code: p.pk for p in Procedure.objects.all()}
    seen: dict[str, int] = {}

    def read(number, row, labels, report):
        return _read(number, row, procedures, labels, seen, report)

    return run_rows(
        table, COLUMNS, REQUIRED, strict=strict, dry_run=dry_run, progress=progress, read=read, write=_write
    )


def _read(number, row, procedures, labels, seen, report) -> dict | None:
    check = RowCheck(number, row, report)
    cell, fail = check.cell, check.fail

    reference = row.get("reference", "")
    if not reference:
        fail("reference", "is required: the Ombudsman's reference, for example 23 001 484")
    elif reference in seen:
        fail("reference", f"appears twice in the file (first on row {seen[reference]})")
    else:
        seen[reference] = number
    code = cell("procedure", parse_choice, set(procedures))
    if not row.get("procedure"):
        fail("procedure", "is required: adult, children or corporate")
    fields = {
        "reference": reference,
        "procedure_id": procedures.get(code),
        "received": cell("received", parse_date),
        "decided": cell("decided", parse_date),
        "decision": cell("decision", parse_choice, set(Decision.values)) or "",
        "public_report": bool(cell("public_report", parse_yes_no)),
        "service_area_id": cell("service_area", lambda t: labels.service_area(t) if t else None),
    }
    if not row.get("received"):
        fail("received", "is required: the date the council was first contacted, written YYYY-MM-DD")
    if fields["decided"] and not fields["decision"] and not row.get("decision"):
        fail("decision", "is required when there is a decided date")
    if fields["decision"] and not row.get("decided"):
        fail("decided", "is required when there is a decision: the date of the final decision")
    if fields["received"] and fields["decided"] and fields["decided"] < fields["received"]:
        fail("decided", f"is before the date received ({fields['received'].isoformat()})")
    remedy = {
        "amount": cell("remedy_amount", parse_money),
        "due": cell("remedy_due", parse_date),
        "completed": cell("remedy_completed", parse_date),
    }
    if check.failed:
        return None
    return {"fields": fields, "complaint_reference": row.get("complaint_reference", ""), "remedy": remedy}


def _write(batch, result: ImportResult) -> None:
    if not batch:
        return
    references = [parsed["fields"]["reference"] for _, parsed in batch]
    rows = {parsed["fields"]["reference"]: n for n, parsed in batch}
    for reference in OmbudsmanCase.objects.filter(reference__in=references).values_list("reference", flat=True):
        result.add_error(
            RowError(
                rows[reference],
                "reference",
                reference,
                "is already in Redress: this case may have been imported before",
            )
        )
    wanted = {parsed["complaint_reference"] for _, parsed in batch if parsed["complaint_reference"]}
    complaints = dict(Representation.objects.filter(reference__in=wanted).values_list("reference", "pk"))
    for number, parsed in batch:
        linked = parsed["complaint_reference"]
        if linked and linked not in complaints:
            result.add_error(
                RowError(
                    number,
                    "complaint_reference",
                    linked,
                    "is not a complaint in Redress: import the complaints first",
                )
            )
    if not result.ok:
        return
    cases = OmbudsmanCase.objects.bulk_create([OmbudsmanCase(**parsed["fields"]) for _, parsed in batch])
    links, remedies = [], []
    for case, (_, parsed) in zip(cases, batch):
        if parsed["complaint_reference"]:
            links.append(
                OmbudsmanCase.complaints.through(
                    ombudsmancase=case, representation_id=complaints[parsed["complaint_reference"]]
                )
            )
        remedy = parsed["remedy"]
        # The file holds one remedy a case: kept as one recommendation, a payment when it has an amount.
        if any(v is not None for v in remedy.values()):
            kind = RemedyType.PAYMENT if remedy["amount"] is not None else RemedyType.OTHER
            remedies.append(Recommendation(case=case, kind=kind, **remedy))
    OmbudsmanCase.complaints.through.objects.bulk_create(links)
    Recommendation.objects.bulk_create(remedies)
    result.created["ombudsman case"] += len(batch)
