"""The national ASCOF data: files for about 150 councils built here in the three layouts Redress
reads (the Department of Health and Social Care's, NHS Digital's earlier one and the simple one),
and the council's rank, tie, quartile, value needed for the next quartile, regional, England and
peer figures checked against values worked out independently below."""

import math
import random
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from redress.imports.readers import FileProblems, Table
from redress.performance.models import Comparator, GeographyLevel, Indicator, NationalValue, PerformanceSettings
from redress.performance.national import (
    breakdown,
    file_measure,
    import_national_file,
    update_comparators,
)

REGIONS = ["North East", "West Midlands", "London", "South West", "North West"]
REGION_CODES = {"North East": "E12000001", "West Midlands": "E12000005", "London": "E12000007",
                "South West": "E12000009", "North West": "E12000002"}  # fmt: skip
COUNCIL = "E08000026"
PEERS = ["E08000025", "E08000027", "E08000031"]


def councils(n=150):
    """(ONS code, CASSR code, name, region); the council, E08000026, is in the West Midlands."""
    return [(f"E08{i:06d}", str(300 + i), f"Council {i}", REGIONS[i % len(REGIONS)]) for i in range(n)]


# A file generator: one measure's figures for every council, then written in a layout.


@dataclass
class Measure:
    """One measure of a generated file. code is as the file writes it; group is NHS Digital's
    measure group; breakdown the Disaggregation Level. The council's own counts are fixed so it
    ties with other councils; None leaves it out of the measure."""

    code: str
    multiplier: int
    numerators: list
    denominators: list
    council: tuple | None
    group: str = ""
    breakdown: str = "Total"
    suppressed: int = 3  # councils whose figures are suppressed
    published: dict = field(default_factory=dict)  # geography level: (code, name, value) rows given
    figures: dict = field(default_factory=dict)  # ONS code: (region, numerator, denominator, value)

    def generate(self, rng, n=150):
        hidden = set(rng.sample([c for c, *_ in councils(n) if c != COUNCIL], self.suppressed))
        for code, _, _, region in councils(n):
            numerator, denominator = rng.choice(self.numerators), rng.choice(self.denominators)
            if code == COUNCIL:
                if self.council is None:
                    continue
                numerator, denominator = self.council
            value = round(Decimal(numerator) / denominator * self.multiplier, 1)
            self.figures[code] = (region, numerator, denominator, None if code in hidden else value)
        return self

    def kept(self):
        """The councils with a value: suppressed ones have none."""
        return {code: f for code, f in self.figures.items() if f[3] is not None}


def dhsc_file(path, measures, other_breakdown=True):
    """The Department of Health and Social Care's layout: Numerator, Denominator and Outcome
    rows; [c] for a suppressed outcome with its counts blank; rows for England, regions and
    council types as the measure's published dict gives them."""
    lines = ["Geographical code,Geographical description,Geographical level,ONS code,ASCOF measure code,"
             "Disaggregation level,Measure type,Measure value"]  # fmt: skip
    names = {c: (cassr, name) for c, cassr, name, _ in councils()}
    for measure in measures:
        for code, (_, numerator, denominator, value) in measure.figures.items():
            cassr, name = names[code]
            given = value is not None
            for kind, figure in [("Numerator", numerator), ("Denominator", denominator), ("Outcome", value)]:
                text = figure if given else ("[c]" if kind == "Outcome" else "")
                lines.append(f"{cassr},{name},Local authority,{code},{measure.code},{measure.breakdown},{kind},{text}")
            if other_breakdown:  # women's figures, which no indicator takes
                lines.append(f"{cassr},{name},Local authority,{code},{measure.code},Female,Outcome,12.5")
        for level, (code, name, value) in measure.published.items():
            short = {"england": "England", "region": "WM", "council_type": "MD"}[level]
            shown = {"england": "England", "region": "Regional", "council_type": "Council type"}[level]
            lines.append(f"{short},{name},{shown},{code},{measure.code},Total,Outcome,{value}")
    path.write_text("\n".join(lines) + "\n")
    return path


def nhs_digital_file(path, measures):
    """NHS Digital's earlier layout: codes carrying their breakdown, Measure Group columns, Base
    and Margin of Error rows, and x for a suppressed value."""
    lines = ["Geographical Code,Geographical Description,Geographical Level,ONS Code,ASCOF Measure Code,"
             "Disaggregation Level,Measure Type,Measure Value,Measure Group,Measure Group Description"]  # fmt: skip
    names = {c: (cassr, name) for c, cassr, name, _ in councils()}
    for measure in measures:
        described = f'"Measure {measure.group}, as described"'
        for code, (_, numerator, denominator, value) in measure.figures.items():
            cassr, name = names[code]
            start = f"{cassr},{name},Council,{code},{measure.code},{measure.breakdown}"
            for kind, figure in [("Numerator", numerator), ("Denominator", denominator), ("Outcome", value)]:
                lines.append(f"{start},{kind},{'x' if value is None else figure},{measure.group},{described}")
            lines.append(f"{start},Base,{denominator},{measure.group},{described}")
            lines.append(f"{start},Margin of Error,1.2,{measure.group},{described}")
        for level, (code, name, value) in measure.published.items():
            shown = {"england": "England", "region": "Region", "council_type": "Council Type"}[level]
            lines.append(f"{code},{name},{shown},{code},{measure.code},{measure.breakdown},Outcome,{value},"
                         f"{measure.group},{described}")  # fmt: skip
    path.write_text("\n".join(lines) + "\n")
    return path


# Worked out here without the code under test.


def best_first(values, higher_is_better):
    return sorted(values, reverse=higher_is_better)


def quartile(value, values, higher_is_better):
    ordered = best_first(values, higher_is_better)
    rank = ordered.index(value) + 1  # the first position holding the value: ties share the better rank
    return rank, math.ceil(Fraction(4 * rank, len(ordered)))


def needed_for(target_quartile, values, higher_is_better):
    """The worst value among the councils' that would still be in the target quartile, by trying each."""
    good_enough = [v for v in values if quartile(v, values, higher_is_better)[1] <= target_quartile]
    return min(good_enough) if higher_is_better else max(good_enough)


def pooled(figures, multiplier):
    return Fraction(sum(f[1] for f in figures), sum(f[2] for f in figures)) * multiplier


def close(stored: Decimal, exact) -> bool:
    return abs(Fraction(stored) - Fraction(exact)) < Fraction(1, 10000)


@pytest.fixture
def settings_for_council(db):
    settings = PerformanceSettings.current()
    settings.geography_code = COUNCIL
    settings.region = "West Midlands"
    settings.council_type = "Metropolitan District"
    settings.peers = "\n".join(PEERS)
    settings.save()
    return settings


def assert_placed(comparator, measure, higher_is_better):
    values = [f[3] for f in measure.kept().values()]
    value = measure.figures[COUNCIL][3]
    rank, in_quartile = quartile(value, values, higher_is_better)
    assert comparator.council_value == value
    assert (comparator.rank, comparator.ranked, comparator.quartile) == (rank, len(values), in_quartile)
    assert comparator.rank_tied == (values.count(value) > 1)
    if in_quartile == 1:
        assert comparator.next_quartile is None
    else:
        assert comparator.next_quartile == needed_for(in_quartile - 1, values, higher_is_better)


# The Department of Health and Social Care's layout, 2023/24.


@pytest.fixture
def dhsc_2023(tmp_path):
    """2A (a percentage, higher is better) with England, West Midlands and metropolitan district
    rows; 2C (admissions per 100,000, lower is better) without them; 2D part 1 written 2D(1),
    which the council is missing from; 6B not yet rated, shown for context; and measures Redress
    does not have."""
    rng = random.Random(11)
    short_term = Measure("2A", 100, [100, 120, 150, 160], [200, 250, 400], council=(120, 200)).generate(rng)
    short_term.published = {"england": ("E92000001", "England", "77.7"),
                            "region": ("E12000005", "West Midlands", "71.3"),
                            "council_type": ("", "Metropolitan District", "69.9")}  # fmt: skip
    admissions = Measure("2C", 100000, [200, 250, 300, 400], [40000, 50000, 80000], council=(400, 50000))
    admissions.generate(rng)
    at_home = Measure("2D(1)", 100, [70, 80, 90], [100, 110], council=None).generate(rng)
    not_rated = Measure("6B not yet rated", 100, [1, 2, 3], [20, 25], council=(2, 20)).generate(rng)
    unknown = [Measure(code, 100, [1], [2], council=(1, 2)).generate(rng) for code in ("9Z", "1F")]
    measures = [short_term, admissions, at_home, not_rated, *unknown]
    return dhsc_file(tmp_path / "ascof-2023-24.csv", measures), dict(zip(["2A", "2C", "2D part 1", "6B"], measures))


def test_a_dhsc_file_places_the_council_among_the_councils_with_a_value(settings_for_council, dhsc_2023):
    path, measures = dhsc_2023
    import_national_file(Table(path), 2023)

    short_term = Comparator.objects.get(indicator__code="2A", year=2023)
    assert_placed(short_term, measures["2A"], higher_is_better=True)
    assert short_term.rank_tied and short_term.quartile > 1  # the file is built so both can be seen
    admissions = Comparator.objects.get(indicator__code="2C", year=2023)
    assert_placed(admissions, measures["2C"], higher_is_better=False)
    assert admissions.quartile > 1


def test_england_region_and_council_type_are_taken_from_the_file_when_it_has_them(settings_for_council, dhsc_2023):
    path, measures = dhsc_2023
    import_national_file(Table(path), 2023)

    short_term = Comparator.objects.get(indicator__code="2A", year=2023)
    assert (short_term.england, short_term.region, short_term.council_type) == (
        Decimal("77.7"),
        Decimal("71.3"),
        Decimal("69.9"),
    )
    # 2C has no England row, so England is worked out from the councils' counts; the file's
    # council rows do not say their region, so no regional figure can be worked out.
    admissions = Comparator.objects.get(indicator__code="2C", year=2023)
    assert close(admissions.england, pooled(measures["2C"].kept().values(), 100000))
    assert admissions.region is None and admissions.council_type is None
    peers = [measures["2C"].figures[c][3] for c in PEERS if measures["2C"].figures[c][3] is not None]
    assert close(admissions.peer, Fraction(sum(peers)) / len(peers))
    assert NationalValue.objects.filter(year=2023, level=GeographyLevel.REGION, geography_code="E12000005").exists()


def test_a_council_missing_from_a_measure_has_no_rank_but_the_comparators(settings_for_council, dhsc_2023):
    path, measures = dhsc_2023
    import_national_file(Table(path), 2023)
    at_home = Comparator.objects.get(indicator__code="2D", indicator__part="part 1", year=2023)
    assert (at_home.council_value, at_home.rank, at_home.quartile, at_home.next_quartile) == (None, None, None, None)
    assert at_home.ranked == len(measures["2D part 1"].kept())
    assert close(at_home.england, pooled(measures["2D part 1"].kept().values(), 100))


def test_a_measure_shown_for_context_is_not_ranked(settings_for_council, dhsc_2023):
    path, _ = dhsc_2023
    import_national_file(Table(path), 2023)
    not_rated = Comparator.objects.get(indicator__code="6B", indicator__part="not yet rated", year=2023)
    assert not_rated.council_value == Decimal(10)
    assert (not_rated.rank, not_rated.quartile, not_rated.next_quartile, not_rated.rank_tied) == (
        None,
        None,
        None,
        False,
    )


def test_measures_redress_does_not_have_are_left_out_and_counted(settings_for_council, dhsc_2023):
    path, measures = dhsc_2023
    result = import_national_file(Table(path), 2023)
    assert result.skipped == ["9Z", "1F"]
    assert "2 measures in the file not in Redress left out: 9Z, 1F." in result.summary()
    assert not NationalValue.objects.filter(measure_code__in=["9Z", "1F"]).exists()
    # Only the totals are kept: no indicator takes women's figures.
    assert set(NationalValue.objects.values_list("disaggregation", flat=True)) == {""}
    councils_kept = sum(len(m.kept()) for m in measures.values())
    assert NationalValue.objects.filter(level=GeographyLevel.COUNCIL).count() == councils_kept
    assert result.kept == councils_kept + 3  # and England, the region and the council type for 2A


# NHS Digital's layout, 2022/23: the previous framework's codes.


@pytest.fixture
def nhs_digital_2022(tmp_path):
    """2A1864 and 2A65OV (admissions, the previous framework's 2A(1) and 2A(2), now 2B and 2C),
    2D (short-term services, now 2A) with England and West Midlands rows, 1C2A (direct payments,
    now 3D part 2a), a women's 2D, and 4B, which is now a new measure and must not take the
    previous framework's 4B."""
    rng = random.Random(5)
    younger = Measure("2A1864", 100000, [10, 15, 20], [100000, 150000], council=(15, 100000), group="2A",
                      breakdown="18-64").generate(rng)  # fmt: skip
    older = Measure("2A65OV", 100000, [200, 250, 300, 400], [40000, 50000, 80000], council=(300, 50000),
                    group="2A", breakdown="65 and over").generate(rng)  # fmt: skip
    short_term = Measure("2D", 100, [100, 120, 150, 160], [200, 250, 400], council=(120, 200), group="2D")
    short_term.generate(rng).published = {"england": ("E92000001", "England", "79.1"),
                                          "region": ("E12000005", "West Midlands", "74.4")}  # fmt: skip
    women = Measure("2DF", 100, [1], [2], council=(1, 2), group="2D", breakdown="Female").generate(rng)
    direct = Measure("1C2A", 100, [20, 25, 30], [100, 120], council=(25, 100), group="1C(2A)").generate(rng)
    safe = Measure("4B", 100, [80, 85], [100], council=(85, 100), group="4B").generate(rng)
    measures = [younger, older, short_term, women, direct, safe]
    path = nhs_digital_file(tmp_path / "meas-from-asc-of-eng-2022-23.csv", measures)
    return path, dict(zip(["2B", "2C", "2A", "women", "3D", "4B"], measures))


def test_a_file_before_2023_is_matched_by_the_previous_framework_codes(settings_for_council, nhs_digital_2022):
    path, measures = nhs_digital_2022
    result = import_national_file(Table(path), 2022)

    assert_placed(Comparator.objects.get(indicator__code="2B", year=2022), measures["2B"], higher_is_better=False)
    assert_placed(Comparator.objects.get(indicator__code="2C", year=2022), measures["2C"], higher_is_better=False)
    short_term = Comparator.objects.get(indicator__code="2A", year=2022)
    assert_placed(short_term, measures["2A"], higher_is_better=True)
    assert (short_term.england, short_term.region) == (Decimal("79.1"), Decimal("74.4"))
    direct = Comparator.objects.get(indicator__code="3D", indicator__part="part 2a", year=2022)
    assert_placed(direct, measures["3D"], higher_is_better=True)
    # The previous framework's 4B is the measure with no code now, not the new 4B.
    assert not Comparator.objects.filter(indicator__code="4B", year=2022).exists()
    previous = Comparator.objects.get(indicator__code="", indicator__previous_code="4B", year=2022)
    assert previous.council_value == measures["4B"].figures[COUNCIL][3]
    # Every row of the five measures Redress takes has its Base and Margin of Error rows.
    assert result.other_types == {"Base": 5 * 150, "Margin of Error": 5 * 150}
    assert result.skipped == []


def test_the_same_file_read_as_2023_24_takes_the_new_codes(settings_for_council, nhs_digital_2022):
    path, measures = nhs_digital_2022
    import_national_file(Table(path), 2023)
    # In 2023/24 codes, 2D is part 1 and 2, 4B the new measure; 2A's age groups are no measure.
    assert not Comparator.objects.filter(indicator__code__in=["2B", "2C", "2A"], year=2023).exists()
    assert Comparator.objects.get(indicator__code="4B", year=2023).council_value == measures["4B"].figures[COUNCIL][3]


def test_suppressed_values_leave_the_council_out_of_the_ranking(settings_for_council, nhs_digital_2022):
    path, measures = nhs_digital_2022
    import_national_file(Table(path), 2022)
    hidden = [c for c, f in measures["2A"].figures.items() if f[3] is None]
    assert len(hidden) == 3
    assert not NationalValue.objects.filter(geography_code__in=hidden, measure_code="2D").exists()
    assert Comparator.objects.get(indicator__code="2A", year=2022).ranked == 150 - 3


def test_codes_and_breakdowns_are_read_however_the_publisher_writes_them():
    assert file_measure("2D part 1", "Total", 2023) == file_measure("2D(1)", "", 2023) == ("2D1", "")
    assert file_measure("2A1864", "18-64", 2022) == ("2A1", "")
    assert file_measure("2A65OV", "Total", 2022) == ("2A2", "")
    assert file_measure("2A", "18 to 64", 2023) == ("2A", "18-64")
    assert file_measure("1AF", "Female", 2022) == ("1A", "female")
    assert file_measure("1F", "Female", 2022) == ("1F", "female")  # 1F's F is its code
    assert file_measure("1C1B64U", "64 and under", 2022) == ("1C1B", "64 and under")
    assert breakdown("65+") == breakdown("65 and over") == breakdown("65OV") == "65 and over"
    assert breakdown("All ages") == breakdown("Total") == ""


# Refusals: all or nothing, each problem named.


def test_two_indicators_taking_the_same_figures_are_refused_by_name(settings_for_council, dhsc_2023):
    path, _ = dhsc_2023
    import_national_file(Table(path), 2023)
    before = NationalValue.objects.count()
    Indicator.objects.create(code="L9", name="Short-term services, our way", objective="local", unit="percentage",
                             polarity="higher", national_code="2A", order=99)  # fmt: skip
    with pytest.raises(FileProblems) as error:
        import_national_file(Table(path), 2023)
    [problem] = error.value.problems
    assert problem.startswith("2A (People who received short-term services")
    assert "and L9 (Short-term services, our way) would take the same national figures, 2A" in problem
    assert NationalValue.objects.count() == before


def test_the_refusal_is_explained_on_the_page(client, reporter, settings_for_council):
    Indicator.objects.filter(code="2B").update(national_code="2C")
    client.force_login(reporter)
    upload = SimpleUploadedFile("ascof.csv", b"geography_code,geography_name,measure_code,measure_value\nE1,A,2C,5\n")
    response = client.post("/performance/national-data/", {"upload": "1", "year": "2024", "file": upload})
    assert response.status_code == 200
    assert "would take the same national figures, 2C" in response.content.decode()


def test_bad_rows_of_a_dhsc_file_are_named_by_row_and_column(settings_for_council, tmp_path):
    path = tmp_path / "bad.csv"
    header = ("Geographical code,Geographical description,Geographical level,ONS code,ASCOF measure code,"
              "Disaggregation level,Measure type,Measure value")  # fmt: skip
    path.write_text(
        f"{header}\n"
        "310,Coventry,Local authority,E08000026,2A,Total,Outcome,seventy\n"
        "311,Dudley,Parish,E08000027,2A,Total,Outcome,70\n"
        "312,,Local authority,E08000028,2A,Total,Outcome,70\n"
        "313,Sandwell,Local authority,E08000029,2A,Total,Numerator,1\n"
        "313,Sandwell,Local authority,E08000029,2A,Total,Numerator,2\n"
        "314,Walsall,Local authority,E08000030,2A,Total,Outcome,NaN\n"
        "314,Walsall,Local authority,E08000030,9Z,Total,Outcome,not looked at\n"
        "315,Wolverhampton,Local authority,E08000031,2A,Total,,70\n"
    )
    with pytest.raises(FileProblems) as error:
        import_national_file(Table(path), 2023)
    assert error.value.problems == [
        "row 2, column measure_value ('seventy'): must be a number, or blank, x or [c] where the value is suppressed",
        "row 3, column geography_level ('Parish'): must be local authority, region, council type or England",
        "row 4, column geography_name: is required",
        "row 6, column geography_code ('E08000029'): has numerator for this measure twice (first on row 5)",
        "row 7, column measure_value ('NaN'): must be a number, or blank, x or [c] where the value is suppressed",
        "row 9, column measure_type: is required: Numerator, Denominator or Outcome",
    ]
    assert not NationalValue.objects.exists()


def test_a_file_matching_no_measure_for_the_year_says_to_check_the_year(settings_for_council, nhs_digital_2022):
    path, _ = nhs_digital_2022
    only_old = path.parent / "old.csv"
    lines = path.read_text().splitlines()
    only_old.write_text("\n".join([lines[0]] + [line for line in lines if ",2A1864," in line]) + "\n")
    with pytest.raises(FileProblems, match="matched by the 2023/24 codes: check the year chosen"):
        import_national_file(Table(only_old), 2023)


# The simple layout: one row a council, measure and breakdown.


@pytest.fixture
def simple_file(tmp_path):
    """2A (a percentage from counts, higher is better) and 2C (admissions per 100,000, lower is
    better) for 160 councils, each row naming its region; 2B without counts."""
    rng = random.Random(7)
    lines = ["Geography code,Geography name,Region,Measure code,Disaggregation,Measure value,Numerator,Denominator"]
    data = {"2A": {}, "2C": {}}
    for code, _, name, region in councils(160):
        denominator = rng.choice([200, 250, 400])
        numerator = rng.choice([100, 120, 150, 160])
        if code == COUNCIL:
            numerator, denominator = 150, 200  # 75.0%, shared with other councils
        value = round(Decimal(numerator) / denominator * 100, 1)
        lines.append(f"{code},{name},{region},2A,Total,{value},{numerator},{denominator}")
        data["2A"][code] = (region, numerator, denominator, value)
        population = rng.choice([40000, 50000, 80000])
        admissions = rng.choice([200, 250, 300, 400])
        if code == COUNCIL:
            admissions, population = 250, 50000  # 500.0 per 100,000
        rate = round(Decimal(admissions) / population * 100000, 1)
        lines.append(f"{code},{name},{region},2C,65+,{rate},{admissions},{population}")
        lines.append(f"{code},{name},{region},2B,All ages,{rng.randint(5, 30)},,")
        data["2C"][code] = (region, admissions, population, rate)
    path = tmp_path / "ascof.csv"
    path.write_text("\n".join(lines) + "\n")
    return path, data


def test_a_simple_file_works_out_england_and_the_region_from_160_councils(settings_for_council, simple_file):
    path, data = simple_file
    Indicator.objects.filter(code="2C").update(disaggregation="65 and over")
    assert import_national_file(Table(path), 2024).kept == 160 * 3

    for code, higher, multiplier in [("2A", True, 100), ("2C", False, 100000)]:
        comparator = Comparator.objects.get(indicator__code=code, year=2024)
        figures = data[code]
        values = [f[3] for f in figures.values()]
        rank, in_quartile = quartile(figures[COUNCIL][3], values, higher)
        assert values.count(figures[COUNCIL][3]) > 1 and comparator.rank_tied
        assert (comparator.rank, comparator.ranked, comparator.quartile) == (rank, 160, in_quartile)
        assert close(comparator.england, pooled(figures.values(), multiplier)), code
        in_region = [f for f in figures.values() if f[0] == "West Midlands"]
        assert close(comparator.region, pooled(in_region, multiplier)), code
        peers = [figures[c][3] for c in PEERS]
        assert close(comparator.peer, Fraction(sum(peers)) / len(peers)), code
        assert comparator.council_value == figures[COUNCIL][3]


def test_lower_is_better_ranks_the_smallest_first(settings_for_council, simple_file):
    path, data = simple_file
    Indicator.objects.filter(code="2C").update(disaggregation="65+")
    import_national_file(Table(path), 2024)
    best = min(f[3] for f in data["2C"].values())
    settings_for_council.geography_code = next(c for c, f in data["2C"].items() if f[3] == best)
    settings_for_council.save()
    update_comparators(2024)
    comparator = Comparator.objects.get(indicator__code="2C", year=2024)
    assert (comparator.rank, comparator.quartile, comparator.next_quartile) == (1, 1, None)


def test_targets_survive_a_new_import(settings_for_council, simple_file):
    path, _ = simple_file
    Comparator.objects.create(indicator=Indicator.objects.get(code="2A"), year=2024, target=Decimal(80))
    import_national_file(Table(path), 2024)
    import_national_file(Table(path), 2024)
    comparator = Comparator.objects.get(indicator__code="2A", year=2024)
    assert comparator.target == 80 and comparator.rank is not None


def test_a_measure_gone_from_a_new_import_loses_its_national_figures_but_not_its_target(
    settings_for_council, simple_file, tmp_path
):
    path, _ = simple_file
    import_national_file(Table(path), 2024)
    Comparator.objects.filter(indicator__code="2A", year=2024).update(target=Decimal(80))
    fewer = tmp_path / "fewer.csv"
    fewer.write_text("\n".join(line for line in path.read_text().splitlines() if ",2A," not in line) + "\n")
    import_national_file(Table(fewer), 2024)
    comparator = Comparator.objects.get(indicator__code="2A", year=2024)
    assert (comparator.target, comparator.rank, comparator.england, comparator.from_national_data) == (
        80,
        None,
        None,
        None,
    )


def test_malformed_rows_are_reported_unknown_measures_skipped_and_nothing_changes(settings_for_council, tmp_path):
    good = tmp_path / "good.csv"
    good.write_text("geography_code,geography_name,measure_code,measure_value\nE08000026,Coventry,2A,75\n")
    import_national_file(Table(good), 2024)
    bad = tmp_path / "bad.csv"
    bad.write_text(
        "geography_code,geography_name,measure_code,measure_value,numerator\n"
        "E08000026,Coventry,9Z,75,\n"
        "E08000027,Dudley,2A,seventy,\n"
        ",Nowhere,2A,70,\n"
        "E08000026,Coventry,2A,75,\n"
        "E08000028,Sandwell,2A,x,\n"
        "E08000029,Solihull,2A,71,1/2\n"
        "E08000030,Walsall,2A,12345678901,\n"
        "E08000026,Coventry,2A,76,\n"
    )
    with pytest.raises(FileProblems) as error:
        import_national_file(Table(bad), 2024)
    assert error.value.problems == [
        "row 3, column measure_value ('seventy'): must be a number, or blank, x or [c] where the value is suppressed",
        "row 4, column geography_code: is required",
        "row 7, column numerator ('1/2'): must be a number, or blank, x or [c] where the value is suppressed",
        "row 8, column measure_value ('12345678901'): is too large to be a measure's figure",
        "row 9, column geography_code ('E08000026'): has this measure twice (first on row 5)",
    ]
    assert list(NationalValue.objects.values_list("geography_code", "value")) == [("E08000026", Decimal(75))]


def test_missing_and_doubled_columns_are_named(db, tmp_path):
    path = tmp_path / "columns.csv"
    path.write_text("code,name,measure_value\nE1,A,1\n")
    with pytest.raises(FileProblems) as error:
        import_national_file(Table(path), 2024)
    assert error.value.problems[0].startswith("The file has columns Redress does not know: code, name.")
    assert error.value.problems[1] == (
        "The file has no geography_code or area_code, geography_name, measure_code or measure_group columns"
    )
    path.write_text("ONS code,LA code,geography_name,measure_code,measure_value\nE1,E1,A,2A,1\n")
    with pytest.raises(FileProblems, match="The columns ONS code and LA code are both read as geography_code"):
        import_national_file(Table(path), 2024)


def test_a_malformed_national_file_is_explained_on_the_page(client, reporter):
    client.force_login(reporter)
    upload = SimpleUploadedFile(
        "ascof.csv", b"geography_code,geography_name,measure_code,measure_value\nE1,A,2A,five\n"
    )
    response = client.post("/performance/national-data/", {"upload": "1", "year": "2025", "file": upload})
    assert "row 2, column measure_value (&#x27;five&#x27;): must be a number" in response.content.decode()


def test_changing_the_peer_group_works_the_comparisons_out_again(client, reporter, tmp_path):
    client.force_login(reporter)
    rows = ["geography_code,geography_name,measure_code,measure_value"]
    rows += [f"E0{i},Council {i},2A,{60 + i}" for i in range(1, 6)]
    upload = SimpleUploadedFile("ascof.csv", "\n".join(rows).encode())
    client.post("/performance/national-data/", {"upload": "1", "year": "2024", "file": upload})
    assert Comparator.objects.get(indicator__code="2A", year=2024).rank is None  # the council's code is not set
    client.post("/performance/national-data/", {"save_settings": "1", "geography_code": "e02", "peers": "E04\nE05"})
    comparator = Comparator.objects.get(indicator__code="2A", year=2024)
    assert (comparator.rank, comparator.quartile, comparator.peer) == (4, 4, Decimal("64.5"))
    # Fourth of five: the third council's value reaches the third quartile (5 × 3 ÷ 4 = 3.75).
    assert comparator.next_quartile == Decimal(63)
    assert PerformanceSettings.current().geography_code == "e02"


def test_the_page_says_what_an_import_kept_compared_and_left_out(client, reporter):
    client.force_login(reporter)
    rows = ["geography_code,geography_name,measure_code,measure_value"]
    rows += [f"E0{i},Council {i},2A,{60 + i}" for i in range(1, 4)] + ["E01,Council 1,9Z,5"]
    upload = SimpleUploadedFile("ascof.csv", "\n".join(rows).encode())
    response = client.post("/performance/national-data/", {"upload": "1", "year": "2024", "file": upload}, follow=True)
    assert "2024/25: 3 figures imported and 1 measure compared. 1 measure in the file not in Redress left out: 9Z." in (
        response.content.decode()
    )
