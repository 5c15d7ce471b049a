"""The annual report dataset, checked against a real council's published figures."""

import datetime as dt
import json
from pathlib import Path

import pytest
from django.core.management import call_command

from redress.reporting.dataset import annual_report_dataset

DATA = Path(__file__).resolve().parents[3].parent / "shared" / "data" / "coventry-adult-1.1"
EXPECTED = sorted(DATA.glob("expected-*.json"))


@pytest.fixture
def coventry(db):
    call_command("import_representations", str(DATA / "representations.csv"), verbosity=0)
    call_command("import_ombudsman", str(DATA / "ombudsman.csv"), verbosity=0)


def params(path: Path) -> dict:
    expected = json.loads(path.read_text())
    return expected, expected.pop("_params")


@pytest.mark.parametrize("path", EXPECTED, ids=[p.stem for p in EXPECTED])
def test_imported_dataset_gives_exactly_the_published_report(coventry, path):
    expected, p = params(path)
    dataset = annual_report_dataset(
        p["year"],
        p["procedure"],
        dt.date.fromisoformat(p["as_of"]),
        age_bands=tuple(int(a) for a in p["age_bands"].split(",")),
    )
    dataset.pop("supplement")
    assert dataset == expected


@pytest.mark.parametrize("path", EXPECTED, ids=[p.stem for p in EXPECTED])
def test_annual_report_command_writes_the_same_json(coventry, path, tmp_path):
    expected, p = params(path)
    output = tmp_path / "report.json"
    call_command(
        "annual_report",
        year=p["year"],
        procedure=p["procedure"],
        as_of=dt.date.fromisoformat(p["as_of"]),
        age_bands=p["age_bands"],
        format="json",
        output=str(output),
    )
    written = json.loads(output.read_text())
    written.pop("supplement")
    assert written == expected


def test_the_data_as_at_an_earlier_date_shows_later_outcomes_as_open(coventry):
    later = annual_report_dataset(2022, "adult", dt.date(2024, 1, 31))
    earlier = annual_report_dataset(2022, "adult", dt.date(2022, 12, 31))
    assert earlier["complaints"]["outcomes"]["open"] > later["complaints"]["outcomes"]["open"]
    assert earlier["complaints"]["timeliness"]["stage1"]["responded"] < 45
    assert earlier["complaints"]["received"] == later["complaints"]["received"] == 66


def test_bands_follow_the_edges_asked_for(coventry):
    stage1 = annual_report_dataset(2022, "adult", dt.date(2024, 1, 31), bands=(10, 20))["complaints"]["timeliness"][
        "stage1"
    ]
    assert list(stage1["bands"]) == ["0-10", "11-20", "21+"]
    assert sum(stage1["bands"].values()) == stage1["responded"] == 45
    assert stage1["bands"]["0-10"] + stage1["bands"]["11-20"] == 29


def test_an_empty_year_has_every_fixed_key_and_no_rates(db):
    dataset = annual_report_dataset(2030, "children", dt.date(2031, 6, 1))
    complaints = dataset["complaints"]
    assert complaints["received"] == 0
    assert complaints["outcomes"] == {
        "upheld": 0,
        "partially_upheld": 0,
        "not_upheld": 0,
        "withdrawn": 0,
        "open": 0,
    }
    assert complaints["timeliness"]["stage3"]["mean_days"] is None
    assert list(dataset["compliments"]["by_month"])[0] == "2030-04" and len(dataset["compliments"]["by_month"]) == 12
    assert dataset["ombudsman"]["upheld_rate"] is None and dataset["ombudsman"]["decisions"] == {}
    assert complaints["equality"] == {
        "sex": {},
        "age_band": {},
        "ethnicity": {},
        "disability": {},
        "primary_support_reason": {},
    }


def test_bad_band_edges_are_refused(db):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="increasing order"):
        call_command("annual_report", year=2022, procedure="adult", bands="40,20")
