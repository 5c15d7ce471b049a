"""The annual report dataset, checked against a real council's published figures."""

import datetime as dt
import json
from pathlib import Path

import pytest
from django.core.management import call_command

from redress.cases.models import Kind, Remedy, Representation
from redress.configuration.models import Lookup
from redress.ombudsman.models import OmbudsmanCase, Recommendation, StageRecord
from redress.procedures.models import Procedure
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


def expected_figures(path: Path) -> dict:
    return params(path)[0]


def interchange_figures(path: Path) -> dict:
    """The dataset for the expected file's parameters, without Redress's own supplement."""
    _, p = params(path)
    dataset = annual_report_dataset(
        p["year"],
        p["procedure"],
        dt.date.fromisoformat(p["as_of"]),
        age_bands=tuple(int(a) for a in p["age_bands"].split(",")),
    )
    dataset.pop("supplement")
    return dataset


@pytest.mark.parametrize("path", EXPECTED, ids=[p.stem for p in EXPECTED])
def test_imported_dataset_gives_exactly_the_published_report(coventry, path):
    assert interchange_figures(path) == expected_figures(path)


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


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"format": "pdf"}, "Give --output for a pdf file"),
        ({"format": "pdf", "output": "/no/such/folder/report.pdf"}, "Cannot write /no/such/folder/report.pdf"),
        ({"format": "json", "output": "/"}, "Cannot write /"),
    ],
)
def test_a_report_that_cannot_be_written_says_why(db, options, message):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match=message):
        call_command("annual_report", year=2022, procedure="adult", **options)


@pytest.fixture
def coventry_through_the_pages(client, officer):
    """The same files imported as an officer does it: upload, check the preview, confirm."""
    client.force_login(officer)
    for kind, name in (("representations", "representations.csv"), ("ombudsman", "ombudsman.csv")):
        with open(DATA / name, "rb") as handle:
            response = client.post("/imports/", {"kind": kind, "file": handle})
        assert response.status_code == 302
        assert "The file is ready to import" in client.get(response.url).content.decode()
        client.post(f"{response.url}confirm/", {})
        assert "Imported" in client.get(response.url).content.decode()


@pytest.mark.parametrize("path", EXPECTED, ids=[p.stem for p in EXPECTED])
def test_files_imported_through_the_pages_give_exactly_the_published_report(coventry_through_the_pages, path):
    assert interchange_figures(path) == expected_figures(path)


AS_OF = dt.date(2026, 3, 31)


def complaint(procedure="children", received=dt.date(2025, 5, 1), **fields) -> Representation:
    if fields.get("outcome"):
        # The final outcome is the highest stage's, as the workflow keeps it.
        fields.setdefault(f"stage{fields.get('stage', 1)}_outcome", fields["outcome"])
    return Representation.objects.create(
        kind=Kind.COMPLAINT, procedure=Procedure.objects.get(code=procedure), received=received, **fields
    )


def complaints_2025(procedure="children") -> dict:
    return annual_report_dataset(2025, procedure, AS_OF)["complaints"]


def outcomes(**counts) -> dict:
    return {"upheld": 0, "partially_upheld": 0, "not_upheld": 0, "withdrawn": 0, "open": 0} | counts


def test_compliments_comments_and_enquiries_count_only_in_their_procedures_report(db):
    adult, corporate = Procedure.objects.get(code="adult"), Procedure.objects.get(code="corporate")
    received = dt.date(2025, 6, 2)
    for kind, procedure in [
        (Kind.COMPLIMENT, adult),
        (Kind.COMPLIMENT, adult),
        (Kind.COMPLIMENT, corporate),  # about the bins
        (Kind.COMPLIMENT, None),  # counted in no procedure's report
        (Kind.COMMENT, adult),
        (Kind.ENQUIRY, corporate),
        (Kind.SERVICE_REQUEST, adult),
    ]:
        Representation.objects.create(kind=kind, procedure=procedure, received=received)
    adults = annual_report_dataset(2025, "adult", AS_OF)
    assert adults["compliments"]["received"] == 2 and adults["compliments"]["by_month"]["2025-06"] == 2
    assert [adults[k]["received"] for k in ("comments", "enquiries", "service_requests")] == [1, 0, 1]
    assert annual_report_dataset(2025, "corporate", AS_OF)["enquiries"]["received"] == 1


def test_outcomes_by_stage_count_each_stage_reached(db):
    closed = dt.date(2025, 9, 1)
    # Stage 1 not upheld, then upheld at stage 2.
    complaint(stage=2, stage1_outcome="not_upheld", stage2_outcome="upheld", outcome="upheld", closed=closed)
    # No stage 1 outcome recorded: left out at stage 1; the final outcome stands for stage 2.
    complaint(stage=2, outcome="partially_upheld", closed=closed)
    # Each stage counts its own outcome; the final one is the highest stage's.
    complaint(stage=3, stage1_outcome="upheld", stage3_outcome="not_upheld", outcome="not_upheld", closed=closed)
    complaint(stage=1)  # still open
    # Closed after the day the report is read as at: not known then.
    complaint(stage=1, stage1_outcome="upheld", outcome="upheld", closed=dt.date(2026, 4, 2))
    by_stage = complaints_2025()["outcomes_by_stage"]
    assert by_stage == {
        "1": outcomes(not_upheld=1, upheld=1, open=2),
        "2": outcomes(upheld=1, partially_upheld=1),
        "3": outcomes(not_upheld=1),
    }


def test_outcomes_by_stage_has_no_key_for_a_stage_nobody_reached(db):
    complaint(procedure="adult", outcome="upheld", closed=dt.date(2025, 6, 1))
    assert complaints_2025("adult")["outcomes_by_stage"] == {"1": outcomes(upheld=1)}
    assert complaints_2025("corporate")["outcomes_by_stage"] == {}


def test_outcomes_by_service_area_and_by_equality_hold_all_five_outcomes(db, area):
    team = area("Children's Services > Fostering")
    closed = dt.date(2025, 6, 1)
    complaint(service_area=team, su_sex="female", su_age=15, su_disability="yes", outcome="upheld", closed=closed)
    complaint(service_area=team, su_sex="female", su_age=40)
    complaint(su_age=None, outcome="withdrawn", closed=closed)
    data = complaints_2025()
    assert data["outcomes_by_service_area"] == {
        "Children's Services > Fostering": outcomes(upheld=1, open=1),
        "unknown": outcomes(withdrawn=1),
    }
    equality = data["outcomes_by_equality"]
    assert equality["sex"] == {"female": outcomes(upheld=1, open=1), "unknown": outcomes(withdrawn=1)}
    assert equality["age_band"] == {
        "under 18": outcomes(upheld=1),
        "35-49": outcomes(open=1),
        "unknown": outcomes(withdrawn=1),
    }
    assert equality["disability"] == {"yes": outcomes(upheld=1), "unknown": outcomes(open=1, withdrawn=1)}
    assert equality["ethnicity"] == {"unknown": outcomes(upheld=1, open=1, withdrawn=1)}
    assert data["equality"]["primary_support_reason"] == {"unknown": 3}


def test_joint_handling_remedies_by_type_and_external_investigators(db, officer):
    nhs = complaint(joint_with="NHS", stage=2, stage2_investigator="external")
    complaint(joint_with="NHS", stage=2, stage2_investigator="internal")
    complaint(stage2_investigator="")
    apology, payment = (Lookup.objects.get_or_create(list_name="remedy_type", label=t)[0] for t in ("Apology", "Pay"))
    for kind in (apology, apology, payment):
        Remedy.objects.create(case=nhs, kind=kind, recorded_by=officer)
    data = complaints_2025()
    assert data["joint_with"] == {"NHS": 2}
    assert data["remedies_by_type"] == {"Apology": 1, "Pay": 1}
    assert data["timeliness"]["stage2"]["external_investigator"] == 1


def test_the_ombudsmans_enquiry_answers_and_remedies_by_type(db):
    adult = Procedure.objects.get(code="adult")
    received = dt.date(2025, 5, 1)
    answered = [(dt.date(2025, 5, 8), dt.date(2025, 5, 8)), (dt.date(2025, 5, 8), dt.date(2025, 5, 9)), None]
    for number, answer in enumerate(answered):
        case = OmbudsmanCase.objects.create(reference=f"25 000 00{number}", procedure=adult, received=received)
        if answer:
            due, responded = answer
            StageRecord.objects.create(
                case=case, stage="enquiry", started=received, ombudsman_due=due, internal_due=due, responded=responded
            )
        Recommendation.objects.create(case=case, kind="apology", named_as="Apology")
    # A type the file named with no amount or date: named, but no remedy is outstanding.
    Recommendation.objects.create(case=case, kind="other", named_as="Review of charging")
    Recommendation.objects.create(case=case, kind="other", named_as="Review of charging")
    ombudsman = annual_report_dataset(2025, "adult", AS_OF)["ombudsman"]
    assert (ombudsman["responses_on_time"], ombudsman["responses_late"]) == (1, 1)
    assert ombudsman["remedies_by_type"] == {"Apology": 3, "Review of charging": 1}
    assert ombudsman["remedies_outstanding"] == 0
