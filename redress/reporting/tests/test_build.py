"""The annual report as a complaints manager publishes it: years side by side, no false zeros,
money and plurals written properly, and nothing unwritten or unapproved in the publication."""

import datetime as dt
import io
from decimal import Decimal

from docx import Document
from openpyxl import load_workbook
from pypdf import PdfReader

from redress.cases.models import Kind, Outcome, Person, Representation
from redress.configuration.models import ServiceArea
from redress.ombudsman.models import Decision, OmbudsmanCase, Recommendation, RemedyType
from redress.procedures.models import Procedure
from redress.reporting.build import build_report, money, plural
from redress.reporting.dataset import annual_report_dataset
from redress.reporting.document import Chart, Subheading, Table
from redress.reporting.documents import render_report
from redress.reporting.models import ReportNarrative
from redress.reporting.overview import build_overview

AS_OF = dt.date(2026, 5, 1)


def report(year=2025, procedure="adult", publication=False):
    return build_report(annual_report_dataset(year, procedure, AS_OF), publication=publication)


def table(report, key) -> Table:
    return next(t for t in report.tables() if t.key == key)


def text_of(report) -> str:
    parts = [v for fact in report.key_facts for v in fact]
    for section in report.sections:
        parts.append(section.heading)
        for block in section.blocks:
            if isinstance(block, str):
                parts.append(block)
            elif isinstance(block, Subheading):
                parts.append(block.text)
            elif isinstance(block, Table):
                parts += [block.caption, block.note, *(str(c) for row in block.rows for c in row)]
    return "\n".join(parts)


def test_a_year_before_the_records_start_reads_no_data_not_zero(make_case):
    make_case(received=dt.date(2024, 6, 3), outcome=Outcome.UPHELD, closed=dt.date(2024, 7, 1))
    make_case(received=dt.date(2025, 6, 2), outcome=Outcome.NOT_UPHELD, closed=dt.date(2025, 7, 1))
    make_case(received=dt.date(2025, 6, 9), outcome=Outcome.UPHELD, closed=dt.date(2025, 7, 1))
    built = report()
    outcomes = table(built, "outcomes")
    assert outcomes.headers == ["Outcome", "2023/24", "2024/25", "2025/26"]
    assert {row[0]: row[1:] for row in outcomes.rows}["Upheld"] == ["No data", "1 (100%)", "1 (50%)"]
    assert outcomes.rows[-1] == ["Total", "No data", 1, 2] and outcomes.total
    assert "2 in 2025/26, compared with 1 in 2024/25; no records before 2024/25." in text_of(built)
    by_year = next(b for s in built.sections for b in s.blocks if isinstance(b, Chart) and "by year" in b.title)
    assert by_year.series["Complaints"] == [None, 1, 2]
    assert ("Complaints received", "2 (last year 1)") in built.key_facts


def test_a_breakdown_with_nothing_recorded_is_one_sentence(make_case):
    for day in (2, 3, 4):
        make_case(received=dt.date(2025, 6, day))
    built = report()
    assert "Ethnicity was not recorded for 3 of 3 complaints." in text_of(built)
    assert not any(t.key == "equality-ethnicity" for t in built.tables())


def test_unwritten_sections_are_left_out_of_the_publication_and_flagged_inside(make_case):
    make_case(received=dt.date(2025, 6, 2))
    ReportNarrative.objects.create(year=2025, procedure="adult", introduction="Our year in complaints.")
    internal = [s.key for s in report().sections]
    published = report(publication=True)
    assert "general-importance" in internal and "actions" in internal
    assert "Not yet written: write it on the Reports page." in text_of(report())
    assert not {"general-importance", "actions"} & {s.key for s in published.sections}
    assert "Not yet written" not in text_of(published)
    assert "Our year in complaints." in text_of(published)


def test_key_facts_say_which_money_was_paid_and_which_the_ombudsman_asked_for(make_case):
    adult = Procedure.objects.get(code="adult")
    make_case(received=dt.date(2025, 6, 2), remedy_amount=Decimal("400.00"))
    case = OmbudsmanCase.objects.create(
        reference="25 000 001", procedure=adult, received=dt.date(2025, 7, 1), decided=dt.date(2025, 9, 1),
        decision=Decision.UPHELD_INJUSTICE,
    )  # fmt: skip
    Recommendation.objects.create(case=case, kind=RemedyType.PAYMENT, amount=Decimal("12920.69"))
    facts = dict(report().key_facts)
    assert facts["Paid at our own stages"] == "£400.00"
    assert facts["Asked for by the Ombudsman"] == "£12,920.69"
    assert "Financial remedies paid" not in facts


def test_money_has_thousands_separators_and_counts_agree_with_their_nouns():
    assert money("1234567.5") == "£1,234,567.50"
    assert plural(1, "upheld complaint") == "1 upheld complaint"
    assert plural(2, "upheld complaint") == "2 upheld complaints"
    assert plural(0, "complaint", none="No") == "No complaints"


def test_the_service_areas_common_prefix_is_said_once(make_case):
    parent = ServiceArea.objects.create(name="Adult Services")
    for name, n in [("Mental Health", 2), ("Hospital Team", 1)]:
        area = ServiceArea.objects.create(name=name, parent=parent)
        for day in range(n):
            make_case(received=dt.date(2025, 6, 2 + day), service_area=area)
    areas = table(report(), "service-areas")
    assert [row[0] for row in areas.rows] == ["Mental Health", "Hospital Team", "Total"]
    assert "within Adult Services" in areas.note


def test_the_procedure_description_is_not_followed_by_the_same_acknowledgement_sentence(make_case):
    adult = Procedure.objects.get(code="adult")
    adult.description = "We acknowledge every complaint within 3 working days."
    adult.save()
    make_case(received=dt.date(2025, 6, 2))
    assert "Complaints are acknowledged within" not in text_of(report())
    adult.description = "Complaints about adult social care follow the 2009 Regulations."
    adult.save()
    assert "Complaints are acknowledged within 3 working days." in text_of(report())


def compliment(procedure, received, **fields):
    return Representation.objects.create(
        kind=Kind.COMPLIMENT, procedure=Procedure.objects.get(code=procedure), received=received, **fields
    )


def test_only_approved_quotes_of_the_procedure_appear_in_every_format(make_case, officer):
    make_case(received=dt.date(2023, 4, 3))  # records from 2023/24: every year of the report has data
    person = Person.objects.create(
        first_name="Margaret", last_name="Oyelaran", address="14 Larch Close", phone="07700 900123"
    )
    secret = "Margaret Oyelaran of 14 Larch Close, 07700 900123, living with Parkinson's, thanks Dev."
    compliment("adult", dt.date(2025, 6, 2), summary=secret, complainant=person,
               quote="The team made my mother feel at home.", quote_approved_by=officer)  # fmt: skip
    compliment("adult", dt.date(2025, 6, 3), summary=secret, quote="Not yet approved words.")
    compliment("children", dt.date(2025, 6, 4), quote="A children's social care quote.", quote_approved_by=officer)
    built = report()
    texts = {
        "pdf": "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(render_report(built, "pdf"))).pages),
        "docx": "\n".join(p.text for p in Document(io.BytesIO(render_report(built, "docx"))).paragraphs),
        "html": render_report(built, "html").decode(),
        "xlsx": "\n".join(
            str(c)
            for sheet in load_workbook(io.BytesIO(render_report(built, "xlsx")))
            for row in sheet.iter_rows(values_only=True)
            for c in row
        ),
    }
    for name, text in texts.items():
        for private in ("Margaret", "Oyelaran", "Larch Close", "07700", "Parkinson", "Not yet approved",
                        "children's social care quote"):  # fmt: skip
            assert private not in text, (name, private)
    for name in ("pdf", "docx", "html"):
        assert "The team made my mother feel at home." in " ".join(texts[name].split()), name


def test_the_overview_sets_every_procedure_side_by_side_with_all_the_council_received(make_case):
    make_case(received=dt.date(2025, 6, 2), procedure="adult")
    make_case(received=dt.date(2025, 6, 2), procedure="children", stage=2)
    make_case(received=dt.date(2025, 6, 3), procedure="adult", ineligible=True)
    compliment("adult", dt.date(2025, 6, 4))
    Representation.objects.create(kind=Kind.COMPLIMENT, received=dt.date(2025, 6, 5))
    overview = build_overview(2025, AS_OF)
    received = {row[0]: row[1:] for row in table(overview, "overview-received").rows}
    names = dict(Procedure.objects.values_list("code", "name"))
    assert received[names["adult"]][0] == 1 and received[names["children"]][:2] == [1, 1]
    assert received["Total"][0] == 2
    compliments = dict(table(overview, "overview-compliments").rows)
    assert compliments[names["adult"]] == 1 and compliments["Not counted in any procedure's report"] == 1
    assert compliments["Total"] == 2
    council = dict(table(overview, "overview-council-wide").rows)
    assert council["Complaints"] == 3 and council["of which ineligible (redirected)"] == 1
    assert council["Total"] == 5
