"""Importing the Ombudsman's annual statistics and setting the council beside its peers."""

from decimal import Decimal

import pytest
from openpyxl import Workbook

from redress.imports.readers import FileProblems, ImportFileError, Table
from redress.ombudsman.models import OmbudsmanSettings, PeerStatistics
from redress.ombudsman.statistics import import_statistics, peer_table

HEADER = "council,region,received,upheld,not_upheld,compliance_rate\n"
REGION = (
    "Example Council,North East,100,30,10,100\n"
    "Durham County Council,North East,200,30,20,95\n"
    "Gateshead Council,North East,90,9,1,\n"
    "Sunderland City Council,North East,120,10,10,100\n"
    "Kent County Council,South East,400,80,20,100\n"
)


def load(tmp_path, text, year=2024, name="statistics.csv"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return import_statistics(Table(path), year)


def test_the_ombudsmans_own_spreadsheet_headings_and_percentages_are_understood(db, tmp_path):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(
        [
            "Authority name",
            "Authority type",
            "Region",
            "Complaints and enquiries received",
            "Upheld",
            "Not upheld",
            "Referred back for local resolution",
            "Upheld rate (%)",
            "Compliance rate (%)",
            "Satisfactory remedy provided by authority (%)",
        ]
    )
    sheet.append(["Example Council", "Unitary", "North East", 1234, 40, 10, 200, "80%", 100, 12.5])
    path = tmp_path / "annual.xlsx"
    workbook.save(path)
    assert import_statistics(Table(path), 2024) == 1
    row = PeerStatistics.objects.get()
    assert (row.council, row.region, row.received, row.upheld, row.not_upheld, row.referred_back) == (
        "Example Council",
        "North East",
        1234,
        40,
        10,
        200,
    )
    assert (row.upheld_rate, row.compliance_rate, row.satisfactory_remedy_rate) == (
        Decimal("80.00"),
        Decimal("100.00"),
        Decimal("12.50"),
    )


def test_a_missing_upheld_rate_is_worked_out_from_the_counts(db, tmp_path):
    load(tmp_path, HEADER + "Example Council,North East,100,30,10,\n")
    assert PeerStatistics.objects.get().upheld_rate == Decimal("75.00")


def test_every_problem_is_reported_with_its_row_and_nothing_is_kept(db, tmp_path):
    load(tmp_path, HEADER + REGION)
    with pytest.raises(FileProblems) as error:
        load(
            tmp_path,
            "council,region,received,upheld,not_upheld,upheld_rate\n"
            "Example Council,North East,100,thirty,10,75\n"
            "Durham County Council,North East,-4,3,1,\n"
            ",North East,1,1,1,\n"
            "Example Council,North East,1,1,1,120%\n",
        )
    assert error.value.problems == [
        "row 2, column upheld ('thirty'): must be a whole number",
        "row 3, column received ('-4'): must be a whole number",
        "row 4, column council: is required",
        "row 5, column upheld_rate ('120%'): must be a percentage between 0 and 100",
        "row 5, column council ('Example Council'): appears twice (first on row 2)",
    ]
    # The earlier import of the year is untouched.
    assert PeerStatistics.objects.filter(year=2024).count() == 5


def test_missing_and_unknown_columns_are_named(db, tmp_path):
    with pytest.raises(FileProblems) as error:
        load(tmp_path, "council,recieved,upheld\nExample Council,1,1\n")
    assert error.value.problems == [
        "The file has columns Redress does not know: recieved. Expected: council, region, received, upheld, "
        "not_upheld, closed_after_initial_enquiries, referred_back, incomplete_invalid, advice_given, upheld_rate, "
        "compliance_rate, satisfactory_remedy_rate",
        "The file has no received, not_upheld columns",
    ]


def test_a_file_that_is_not_a_spreadsheet_is_refused(db, tmp_path):
    path = tmp_path / "statistics.xlsx"
    path.write_text("council,received\n")
    with pytest.raises(ImportFileError, match="not a real Excel workbook"):
        import_statistics(Table(path), 2024)


def test_importing_a_year_again_replaces_it_and_leaves_other_years(db, tmp_path):
    load(tmp_path, HEADER + REGION, year=2023)
    load(tmp_path, HEADER + REGION, year=2024)
    load(tmp_path, HEADER + "Example Council,North East,1,1,1,\n", year=2024)
    assert PeerStatistics.objects.filter(year=2024).count() == 1
    assert PeerStatistics.objects.filter(year=2023).count() == 5


def test_the_council_beside_the_rest_of_its_region(db, tmp_path):
    load(tmp_path, HEADER + REGION)
    table = peer_table(2024)
    assert table.council.council == "Example Council"
    assert [r.council for r in table.rows] == [
        "Sunderland City Council",
        "Durham County Council",
        "Example Council",
        "Gateshead Council",
    ]
    # The other three together: 49 upheld of 80 investigated; everyone: 159 of 220.
    assert (table.peer_upheld_rate, table.england_upheld_rate) == (Decimal("61.3"), Decimal("72.3"))
    assert peer_table(2025) is None


def test_the_council_beside_its_chosen_neighbours(db, tmp_path):
    load(tmp_path, HEADER + REGION)
    settings = OmbudsmanSettings.current()
    settings.statistics_name = "example council"
    settings.peer_group = "chosen"
    settings.peers = "Kent County Council\nGateshead Council\nNowhere Council\n"
    settings.save()
    table = peer_table(2024)
    assert [r.council for r in table.rows] == ["Example Council", "Kent County Council", "Gateshead Council"]
    assert table.missing == ["Nowhere Council"]
    # Kent and Gateshead together: 89 upheld of 110 investigated.
    assert table.peer_upheld_rate == Decimal("80.9")


def test_a_council_missing_from_the_statistics_is_said(db, tmp_path, settings):
    load(tmp_path, HEADER + "Durham County Council,North East,200,30,20,95\n")
    table = peer_table(2024)
    assert table.council is None and table.looked_for == "Example Council"
