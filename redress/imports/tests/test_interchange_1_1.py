"""The columns added in interchange 1.1 (docs/interchange.md, sections 2 and 3): each stage's
outcome and agreed date, joint handling, remedies by type, the stage 2 investigator, the procedure
of a compliment or enquiry, and the Ombudsman's summaries, remedy types and enquiry answers."""

import datetime as dt
from pathlib import Path

from redress.cases.models import Remedy, Representation
from redress.configuration.models import Lookup
from redress.imports.models import ImportKind
from redress.imports.services import run_import
from redress.ombudsman.models import OmbudsmanCase, StageRecord

CASES = (
    "reference,kind,procedure,received,stage,stage1_response,stage2_requested,stage2_response,"
    "extended_to,outcome,closed,stage1_outcome,stage2_outcome,stage1_extended_to,stage2_extended_to,"
    "joint_with,remedy_types,stage2_investigator"
)
OMBUDSMAN = "reference,procedure,received,decided,decision,remedy_amount,remedy_due,remedy_completed"


def write(tmp_path: Path, text: str, name: str = "cases.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def import_cases(tmp_path, *rows: str, **options):
    return run_import(ImportKind.REPRESENTATIONS, write(tmp_path, "\n".join([CASES, *rows]) + "\n"), **options)


def messages(result) -> list[str]:
    return [str(e) for e in result.errors]


def test_each_stage_keeps_its_own_outcome_and_agreed_date(db, tmp_path, officer):
    result = import_cases(
        tmp_path,
        "C-1,complaint,children,2025-01-06,2,2025-01-17,2025-01-27,2025-03-10,2025-03-14,upheld,2025-03-10,"
        "not_upheld,,2025-01-24,,NHS,Apology; Financial; apology,external",
        user=officer,
    )
    assert result.ok, messages(result)
    case = Representation.objects.get(reference="C-1")
    assert (case.stage1_outcome, case.stage2_outcome, case.outcome) == ("not_upheld", "upheld", "upheld")
    # extended_to is the highest stage's agreed date: stage 2 takes it when its own is blank.
    assert (case.stage1_extended_to, case.stage2_extended_to, case.extended_to) == (
        dt.date(2025, 1, 24),
        dt.date(2025, 3, 14),
        dt.date(2025, 3, 14),
    )
    assert (case.joint_with, case.stage2_investigator) == ("NHS", "external")
    remedies = Remedy.objects.filter(case=case).order_by("kind__label")
    assert [(r.kind.label, r.amount, r.recorded_by) for r in remedies] == [
        ("Apology", None, officer),
        ("Financial", None, officer),
    ]
    assert "Financial" in result.new_labels["Remedy types"]


def test_a_highest_stage_agreed_date_given_alone_is_the_cases_too(db, tmp_path):
    assert import_cases(tmp_path, "C-1,complaint,adult,2025-01-06,1,,,,,,,,,2025-02-28,,,,").ok
    case = Representation.objects.get()
    assert (case.stage1_extended_to, case.extended_to) == (dt.date(2025, 2, 28), dt.date(2025, 2, 28))


def test_stage_columns_that_do_not_fit_the_stage_reached_are_named(db, tmp_path):
    result = import_cases(
        tmp_path,
        "C-1,complaint,adult,2025-01-06,1,2025-01-20,,,,upheld,2025-01-20,,upheld,,2025-02-01,,,internal",
        "C-2,complaint,adult,2025-01-06,1,,,,2025-02-10,,,,,2025-02-11,,,,",
        "C-3,complaint,adult,2025-01-06,1,,,,,,,resolved,,2025-01-03,,,,outside",
    )
    assert messages(result) == [
        "row 2, column stage2_outcome ('upheld'): is for stage 2, but stage is 1: give the highest stage reached",
        "row 2, column stage2_extended_to ('2025-02-01'): is for stage 2, but stage is 1: give the highest stage "
        "reached",
        "row 2, column stage2_investigator ('internal'): is for stage 2, but stage is 1: give the highest stage "
        "reached",
        "row 3, column stage1_extended_to ('2025-02-11'): is not the same as extended_to (2025-02-10): both are the "
        "date agreed for stage 1, the highest reached",
        "row 4, column stage1_outcome ('resolved'): must be one of: not_upheld, partially_upheld, upheld, withdrawn",
        "row 4, column stage2_investigator ('outside'): must be one of: external, internal",
        "row 4, column stage1_extended_to ('2025-01-03'): is before the date received (2025-01-06)",
    ]
    assert not Representation.objects.exists()


def test_a_later_stages_agreed_date_before_its_request_is_refused(db, tmp_path):
    result = import_cases(tmp_path, "C-1,complaint,children,2025-01-06,2,2025-01-17,2025-01-27,,,,,,,,2025-01-20,,,")
    assert messages(result) == [
        "row 2, column stage2_extended_to ('2025-01-20'): is before stage 2 was requested (2025-01-27)"
    ]


def test_strict_mode_refuses_a_remedy_type_the_council_has_not_set_up(db, tmp_path):
    Lookup.objects.get_or_create(list_name="remedy_type", label="Apology")
    result = import_cases(tmp_path, "C-1,complaint,adult,2025-01-06,,,,,,,,,,,,,Apology; Gift voucher,", strict=True)
    assert messages(result) == [
        "row 2, column remedy_types ('Apology; Gift voucher'): is not in the council's remedy types "
        "(strict mode: add it in Settings first)"
    ]
    assert not Remedy.objects.exists()


def test_a_compliment_or_enquiry_carries_the_procedure_whose_report_counts_it(db, tmp_path):
    path = write(
        tmp_path,
        "kind,procedure,received\ncompliment,adult,2025-01-06\nenquiry,corporate,2025-01-07\ncomment,,2025-01-08\n"
        "service_request,ineligible,2025-01-09\n",
    )
    result = run_import(ImportKind.REPRESENTATIONS, path)
    assert messages(result) == [
        "row 5, column procedure ('ineligible'): cannot be ineligible for a service request: give adult, children "
        "or corporate (the procedure whose annual report counts it), or leave it blank"
    ]
    path.write_text(path.read_text().replace("service_request,ineligible", "service_request,children"))
    assert run_import(ImportKind.REPRESENTATIONS, path).ok
    assert dict(Representation.objects.values_list("kind", "procedure__code")) == {
        "compliment": "adult",
        "enquiry": "corporate",
        "comment": None,
        "service_request": "children",
    }
    # Only complaints have deadlines.
    assert not Representation.objects.filter(acknowledgement_due__isnull=False).exists()


def test_ombudsman_remedies_by_type_keep_the_files_names_and_its_money_on_the_payment(db, tmp_path):
    path = write(
        tmp_path,
        OMBUDSMAN + ",summary,remedy_types,response_due,responded\n"
        "23 001 484,adult,2024-01-05,2024-04-01,upheld_injustice,300.00,2024-05-01,2024-05-03,"
        "Care charges not explained,Apology; Financial; Procedure change; Review of charging,2024-01-19,2024-01-22\n"
        "23 001 485,adult,2024-01-05,2024-04-01,upheld_injustice,,2024-05-01,2024-04-20,,Apology; Training,"
        "2024-01-19,\n",
        name="ombudsman.csv",
    )
    result = run_import(ImportKind.OMBUDSMAN, path)
    assert result.ok, messages(result)
    first, second = OmbudsmanCase.objects.order_by("reference")
    assert first.summary == "Care charges not explained"
    assert [(r.named_as, r.kind, r.amount) for r in first.recommendations.order_by("pk")] == [
        ("Apology", "apology", None),
        ("Financial", "payment", 300),
        ("Procedure change", "procedure_change", None),
        ("Review of charging", "other", None),
    ]
    # Without a payment the first carries the dates; the remedy record is as the file says.
    assert [(r.named_as, r.due, r.completed) for r in second.recommendations.order_by("pk")] == [
        ("Apology", dt.date(2024, 5, 1), dt.date(2024, 4, 20)),
        ("Training", None, None),
    ]
    answers = StageRecord.objects.order_by("case__reference")
    assert [(a.stage, a.started, a.ombudsman_due, a.internal_due, a.responded) for a in answers] == [
        ("enquiry", dt.date(2024, 1, 5), dt.date(2024, 1, 19), dt.date(2024, 1, 19), dt.date(2024, 1, 22)),
        ("enquiry", dt.date(2024, 1, 5), dt.date(2024, 1, 19), dt.date(2024, 1, 19), None),
    ]


def test_an_ombudsman_answer_without_its_due_date_or_before_the_case_is_refused(db, tmp_path):
    path = write(
        tmp_path,
        "reference,procedure,received,response_due,responded\n"
        "1,adult,2024-01-05,,2024-01-10\n"
        "2,adult,2024-01-05,2024-01-04,2024-01-03\n",
        name="ombudsman.csv",
    )
    result = run_import(ImportKind.OMBUDSMAN, path)
    assert messages(result) == [
        "row 2, column response_due: is required when there is a responded date: the date the Ombudsman asked for it by",
        "row 3, column response_due ('2024-01-04'): is before the date received (2024-01-05)",
        "row 3, column responded ('2024-01-03'): is before the date received (2024-01-05)",
    ]
    assert not OmbudsmanCase.objects.exists() and not StageRecord.objects.exists()
