"""The national ASCOF data: a file of 160 councils built here, and the council's rank, quartile,
regional, England and peer figures checked against values worked out independently below."""

import math
import random
from decimal import Decimal
from fractions import Fraction

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from redress.imports.readers import FileProblems, Table
from redress.performance.models import Comparator, Indicator, NationalValue, PerformanceSettings
from redress.performance.national import import_national

REGIONS = ["North East", "North West", "London", "South West", "West Midlands"]
COUNCIL = "E08000026"
PEERS = ["E08000025", "E08000027", "E08000031"]


def councils(n=160):
    return [(f"E08{i:06d}", f"Council {i}", REGIONS[i % len(REGIONS)]) for i in range(n)]


@pytest.fixture
def national_file(tmp_path):
    """Two measures for 160 councils: 1B (a percentage, higher is better, from counts) and 2B
    (older people's admissions per 100,000, lower is better). Values repeat, so there are ties,
    and the council ties with others on both. England and a region appear as rows too."""
    rng = random.Random(7)
    lines = ["Geography code,Geography name,Region,Measure code,Disaggregation,Measure value,Numerator,Denominator"]
    data = {"1B": {}, "2B": {}}
    for code, name, region in councils():
        denominator = rng.choice([200, 250, 400])
        numerator = rng.choice([100, 120, 150, 160])
        if code == COUNCIL:
            numerator, denominator = 150, 200  # 75.0%, shared with other councils
        value = round(Decimal(numerator) / denominator * 100, 1)
        lines.append(f"{code},{name},{region},1B,Total,{value},{numerator},{denominator}")
        data["1B"][code] = (region, value, numerator, denominator)
        population = rng.choice([40000, 50000, 80000])
        admissions = rng.choice([200, 250, 300, 400])
        if code == COUNCIL:
            admissions, population = 250, 50000  # 500.0 per 100,000
        rate = round(Decimal(admissions) / population * 100000, 1)
        lines.append(f"{code},{name},{region},2A,65+,{rate},{admissions},{population}")
        lines.append(f"{code},{name},{region},2A,18-64,{rng.randint(5, 30)},,")
        data["2B"][code] = (region, rate, admissions, population)
    lines.append("E92000001,England,,1B,Total,99.9,1,1")
    lines.append("E12000005,West Midlands,,1B,Total,99.9,1,1")
    path = tmp_path / "ascof.csv"
    path.write_text("\n".join(lines) + "\n")
    return path, data


def expected(measure: dict, higher_is_better: bool, multiplier: int):
    """Worked out here without the code under test: a sorted list for the rank, exact fractions
    for the pooled values."""
    region, value, *_ = measure[COUNCIL]
    ordered = sorted((v for _, v, *_ in measure.values()), reverse=higher_is_better)
    rank = ordered.index(value) + 1  # the first position holding the value: ties share the better rank
    n = len(ordered)
    quartile = math.ceil(Fraction(4 * rank, n))

    def pooled(rows):
        return Fraction(sum(r[2] for r in rows), sum(r[3] for r in rows)) * multiplier

    in_region = [r for r in measure.values() if r[0] == region]
    peers = [measure[c][1] for c in PEERS]
    return {
        "rank": rank,
        "ranked": n,
        "quartile": quartile,
        "england": pooled(measure.values()),
        "region": pooled(in_region),
        "peer": Fraction(sum(peers)) / len(peers),
        "ties": ordered.count(value),
    }


def close(stored: Decimal, exact: Fraction) -> bool:
    return abs(Fraction(stored) - exact) < Fraction(1, 10000)


@pytest.fixture
def settings_for_council(db):
    settings = PerformanceSettings.current()
    settings.geography_code = COUNCIL
    settings.peers = "\n".join(PEERS)
    settings.save()


def test_rank_quartile_region_england_and_peers_from_160_councils(settings_for_council, national_file):
    path, data = national_file
    assert import_national(Table(path), 2024) == 160 * 3

    for code, higher, multiplier in [("1B", True, 100), ("2B", False, 100000)]:
        comparator = Comparator.objects.get(indicator__code=code, year=2024)
        want = expected(data[code], higher, multiplier)
        assert want["ties"] > 1  # the council shares its value with others
        assert (comparator.rank, comparator.ranked, comparator.quartile) == (
            want["rank"],
            want["ranked"],
            want["quartile"],
        )
        assert close(comparator.england, want["england"]), code
        assert close(comparator.region, want["region"]), code
        assert close(comparator.peer, want["peer"]), code
        assert comparator.council_value == data[code][COUNCIL][1]


def test_lower_is_better_ranks_the_smallest_first(settings_for_council, national_file):
    path, data = national_file
    import_national(Table(path), 2024)
    best = min(v for _, v, *_ in data["2B"].values())
    best_code = next(c for c, (_, v, *_) in data["2B"].items() if v == best)
    settings = PerformanceSettings.current()
    settings.geography_code = best_code
    settings.save()
    from redress.performance.national import update_comparators

    update_comparators(2024)
    assert Comparator.objects.get(indicator__code="2B", year=2024).rank == 1
    assert Comparator.objects.get(indicator__code="2B", year=2024).quartile == 1


def test_targets_survive_a_new_import(settings_for_council, national_file):
    path, _ = national_file
    Comparator.objects.create(indicator=Indicator.objects.get(code="1B"), year=2024, target=Decimal(80))
    import_national(Table(path), 2024)
    import_national(Table(path), 2024)
    comparator = Comparator.objects.get(indicator__code="1B", year=2024)
    assert comparator.target == 80 and comparator.rank is not None


def test_unknown_measures_and_malformed_rows_are_reported_and_nothing_changes(settings_for_council, tmp_path):
    good = tmp_path / "good.csv"
    good.write_text("geography_code,geography_name,measure_code,measure_value\nE08000026,Coventry,1B,75\n")
    import_national(Table(good), 2024)
    bad = tmp_path / "bad.csv"
    bad.write_text(
        "geography_code,geography_name,measure_code,measure_value,numerator\n"
        "E08000026,Coventry,9Z,75,\n"
        "E08000027,Dudley,1B,seventy,\n"
        ",Nowhere,1B,70,\n"
        "E08000026,Coventry,1B,75,\n"
        "E08000028,Sandwell,1B,x,\n"
        "E08000029,Solihull,1B,71,1/2\n"
    )
    with pytest.raises(FileProblems) as error:
        import_national(Table(bad), 2024)
    assert error.value.problems == [
        "row 2, column measure_code ('9Z'): is not a measure in the catalogue: add it under Indicators",
        "row 3, column measure_value ('seventy'): must be a number, or blank or x where the value is suppressed",
        "row 4, column geography_code: is required",
        "row 7, column numerator ('1/2'): must be a number, or blank or x where the value is suppressed",
    ]
    assert list(NationalValue.objects.values_list("geography_code", "value")) == [("E08000026", Decimal(75))]


def test_a_repeated_row_and_missing_columns_are_named(db, tmp_path):
    path = tmp_path / "twice.csv"
    path.write_text("geography_code,geography_name,measure_code,measure_value\nE1,A,1B,1\nE1,A,1B,2\n")
    with pytest.raises(FileProblems, match=r"row 3, column geography_code \('E1'\): has this measure twice"):
        import_national(Table(path), 2024)
    path.write_text("code,name,measure_value\nE1,A,1\n")
    with pytest.raises(FileProblems) as error:
        import_national(Table(path), 2024)
    assert error.value.problems[0].startswith("The file has columns Redress does not know: code, name.")
    assert error.value.problems[1] == "The file has no geography_code, geography_name, measure_code columns"


def test_a_malformed_national_file_is_explained_on_the_page(client, reporter):
    client.force_login(reporter)
    upload = SimpleUploadedFile("ascof.csv", b"geography_code,geography_name,measure_code,measure_value\nE1,A,9Z,5\n")
    response = client.post("/performance/national-data/", {"upload": "1", "year": "2025", "file": upload})
    assert "row 2, column measure_code (&#x27;9Z&#x27;): is not a measure in the catalogue" in response.content.decode()


def test_changing_the_peer_group_works_the_comparisons_out_again(client, reporter, tmp_path):
    client.force_login(reporter)
    rows = ["geography_code,geography_name,measure_code,measure_value"]
    rows += [f"E0{i},Council {i},1B,{60 + i}" for i in range(1, 6)]
    upload = SimpleUploadedFile("ascof.csv", "\n".join(rows).encode())
    client.post("/performance/national-data/", {"upload": "1", "year": "2024", "file": upload})
    assert Comparator.objects.get(indicator__code="1B", year=2024).rank is None  # the council's code is not set
    client.post("/performance/national-data/", {"save_settings": "1", "geography_code": "e02", "peers": "E04\nE05"})
    comparator = Comparator.objects.get(indicator__code="1B", year=2024)
    assert (comparator.rank, comparator.quartile, comparator.peer) == (4, 4, Decimal("64.5"))
    assert PerformanceSettings.current().geography_code == "e02"
