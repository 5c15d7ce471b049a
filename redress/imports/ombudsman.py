"""Importing Ombudsman cases from CSV or XLSX (docs/interchange.md, section 3)."""

from __future__ import annotations

from collections.abc import Callable

from redress.cases.models import Representation
from redress.ombudsman.models import Decision, OmbudsmanCase, Recommendation, RemedyType, Stage, StageRecord
from redress.procedures.models import Procedure

from .readers import RowCheck, RowError, Table
from .representations import ImportResult, run_rows
from .values import BadValue, parse_choice, parse_date, parse_money, parse_yes_no

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
    # Added in interchange 1.1, all optional.
    "summary",
    "remedy_types",
    "response_due",
    "responded",
]
REQUIRED = ["reference", "procedure", "received"]
# A remedy type as a file names it, where it plainly is one of the Ombudsman's usual remedies;
# any other is kept as "other" under the name the file gave it.
REMEDY_KINDS = {
    "apology": RemedyType.APOLOGY,
    "payment": RemedyType.PAYMENT,
    "financial": RemedyType.PAYMENT,
    "financial remedy": RemedyType.PAYMENT,
    "reassessment": RemedyType.REASSESSMENT,
    "procedure change": RemedyType.PROCEDURE_CHANGE,
    "change to a procedure": RemedyType.PROCEDURE_CHANGE,
    "training": RemedyType.TRAINING,
}
NAMED_AS_LENGTH = Recommendation._meta.get_field("named_as").max_length


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
        "summary": row.get("summary", ""),
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
    remedy_types = cell("remedy_types", _remedy_types) or []
    answer = {"due": cell("response_due", parse_date), "responded": cell("responded", parse_date)}
    if answer["responded"] and not answer["due"] and not row.get("response_due"):
        fail("response_due", "is required when there is a responded date: the date the Ombudsman asked for it by")
    for column, value in (("response_due", answer["due"]), ("responded", answer["responded"])):
        if value and fields["received"] and value < fields["received"]:
            fail(column, f"is before the date received ({fields['received'].isoformat()})")
    if check.failed:
        return None
    return {
        "fields": fields,
        "complaint_reference": row.get("complaint_reference", ""),
        "remedy": remedy,
        "remedy_types": remedy_types,
        "answer": answer,
    }


def _remedy_types(text: str) -> list[str]:
    """The remedies asked for, each once, as the file names them."""
    names: dict[str, str] = {}
    for part in filter(None, (" ".join(p.split()) for p in text.split(";"))):
        if len(part) > NAMED_AS_LENGTH:
            raise BadValue(f"each remedy type must be at most {NAMED_AS_LENGTH} characters, separated by ;")
        names.setdefault(part.lower(), part)
    return list(names.values())


def _recommendations(case: OmbudsmanCase, parsed: dict) -> list[Recommendation]:
    """One recommendation per remedy type named, and the file's amount and dates on the payment
    (else the first), so the remedies' money and compliance count as when the file named none."""
    remedy = parsed["remedy"]
    recorded = any(v is not None for v in remedy.values())
    if not parsed["remedy_types"]:
        # The file holds one remedy a case: kept as one recommendation, a payment when it has an amount.
        if not recorded:
            return []
        kind = RemedyType.PAYMENT if remedy["amount"] is not None else RemedyType.OTHER
        return [Recommendation(case=case, kind=kind, **remedy)]
    recommendations = [
        Recommendation(case=case, kind=REMEDY_KINDS.get(name.lower(), RemedyType.OTHER), named_as=name)
        for name in parsed["remedy_types"]
    ]
    payments = [r for r in recommendations if r.kind == RemedyType.PAYMENT]
    carrying = (payments or recommendations)[0]
    carrying.amount, carrying.due, carrying.completed = remedy["amount"], remedy["due"], remedy["completed"]
    return recommendations


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
    links, remedies, answers = [], [], []
    for case, (_, parsed) in zip(cases, batch):
        if parsed["complaint_reference"]:
            links.append(
                OmbudsmanCase.complaints.through(
                    ombudsmancase=case, representation_id=complaints[parsed["complaint_reference"]]
                )
            )
        remedies += _recommendations(case, parsed)
        answer = parsed["answer"]
        if answer["due"]:
            # The council's answer to the Ombudsman's enquiries, with the Ombudsman's date as ours too.
            answers.append(
                StageRecord(
                    case=case,
                    stage=Stage.ENQUIRY,
                    started=case.received,
                    ombudsman_due=answer["due"],
                    internal_due=answer["due"],
                    responded=answer["responded"],
                )
            )
    OmbudsmanCase.complaints.through.objects.bulk_create(links)
    Recommendation.objects.bulk_create(remedies)
    StageRecord.objects.bulk_create(answers)
    result.created["ombudsman case"] += len(batch)
