"""The catalogue holds the ASCOF 2023/24 framework as it is written, and an installation seeded
with the first catalogue (new codes, old meanings) has its figures moved by meaning."""

import importlib
from decimal import Decimal

import pytest
from django.apps import apps

from redress.performance.catalogue import entries, identity, measure_key, move_to_2023_framework
from redress.performance.models import Commentary, Comparator, Indicator, IndicatorValue

# The 2023/24 framework: code and part, the code it replaced, unit, which way is better.
FRAMEWORK = """
1A||1A|score|higher
1B||1J|score|higher
1C||1D|score|higher
1D||3A|percentage|higher
1E||3B|percentage|higher
2A||2D|percentage|higher
2B||2A(1)|rate|lower
2C||2A(2)|rate|lower
2D|part 1|2B(1)|percentage|higher
2D|part 2|2B(2)|percentage|higher
2E||1G|percentage|higher
3A||1B|percentage|higher
3B||3C|percentage|higher
3C|part 1|3D(1)|percentage|higher
3C|part 2|3D(2)|percentage|higher
3D|part 1a|1C(1A)|percentage|higher
3D|part 1b|1C(1B)|percentage|higher
3D|part 2a|1C(2A)|percentage|higher
3D|part 2b|1C(2B)|percentage|higher
4A||4A|percentage|higher
4B||new|percentage|higher
5A|part 1|1I(1)|percentage|higher
5A|part 2|1I(2)|percentage|higher
6A||new|percentage|lower
6B||new|percentage|higher
"""


def test_every_measure_of_the_framework_has_its_code_part_previous_code_unit_and_polarity(db):
    for line in FRAMEWORK.strip().splitlines():
        code, part, previous, unit, polarity = line.split("|")
        indicator = Indicator.objects.get(code=code, part=part)
        assert (indicator.previous_code, indicator.unit, indicator.polarity) == (previous, unit, polarity), line
        assert not indicator.previous_framework and not indicator.local
    ascof = Indicator.objects.filter(local=False, previous_framework=False).exclude(code="6B", part__gt="")
    assert ascof.count() == len(FRAMEWORK.strip().splitlines())
    # 6B is shown with its parts, on rows of their own.
    assert list(Indicator.objects.filter(code="6B").values_list("part", flat=True)) == [
        "",
        "outstanding",
        "good",
        "other",
        "not yet rated",
    ]


def test_the_previous_frameworks_measures_councils_still_report_are_kept_and_marked(db):
    employment = Indicator.objects.get(code="", previous_code="1E")
    safe = Indicator.objects.get(code="", previous_code="4B")
    assert employment.previous_framework and safe.previous_framework
    assert employment.label == "1E (previous framework)"
    assert "learning disabilities in paid employment" in employment.name
    assert (employment.count_label, employment.count_beside) == ("Adults", True)
    assert "feel safe and secure" in safe.name


def test_only_admissions_and_counts_accumulate_through_the_year(db):
    accumulating = set(Indicator.objects.filter(cumulative=True).values_list("code", flat=True))
    assert accumulating == {"2B", "2C", "L4", "L5"}
    reviews = Indicator.objects.get(code="L1")
    assert not reviews.cumulative and reviews.unit == "percentage"
    for code in ("2B", "2C"):
        assert Indicator.objects.get(code=code).count_label == "Number of admissions"


def test_the_adjusted_quality_of_life_score_shows_three_decimals(db):
    adjusted = Indicator.objects.get(code="1B")
    assert adjusted.show(Decimal("0.423")) == "0.423"
    assert adjusted.show(Decimal("0.415")) == "0.415"


def test_codes_are_matched_however_the_part_is_written():
    assert measure_key("2D part 1") == measure_key("2D(1)") == measure_key("2d1") == "2D1"
    assert measure_key("1C(1A)") == measure_key("1C1A") == "1C1A"
    assert measure_key("3D Part 1a") == "3D1A"


def first_catalogue():
    """An installation as the first catalogue seeded it: the 2023/24 codes, the old meanings."""
    Indicator.objects.all().delete()
    importlib.import_module("redress.performance.migrations.0002_catalogue").seed(apps, None)


def test_an_installation_seeded_with_the_old_meanings_has_its_figures_moved_by_meaning(db):
    first_catalogue()
    old = {i.code: i for i in Indicator.objects.all()}
    # What the council entered against the old rows, by what each row measured.
    IndicatorValue.objects.create(indicator=old["1B"], year=2022, period="final", value=Decimal("74.0"))  # control
    Comparator.objects.create(indicator=old["1D"], year=2022, england=Decimal("0.411"))  # adjusted quality of life
    Comparator.objects.create(indicator=old["2B"], year=2023, target=Decimal(650))  # admissions, 65 and over
    Commentary.objects.create(indicator=old["5B"], year=2023, quarter=4, text="Carers' social contact rose.")
    IndicatorValue.objects.create(indicator=old["4B"], year=2022, period="final", value=Decimal("87.4"))
    # A council's own measure whose code the framework now uses keeps its figures under a new code.
    own = Indicator.objects.create(
        code="4C", objective="safety", name="Our own measure", unit="count", polarity="lower"
    )
    clash = Indicator.objects.create(
        code="1E", objective="safety", name="A local survey", unit="count", polarity="lower"
    )
    IndicatorValue.objects.create(indicator=clash, year=2022, period="final", value=Decimal(5))

    said = move_to_2023_framework(apps)

    control = Indicator.objects.get(code="3A", part="")
    assert control.values.get(year=2022).value == Decimal("74.0")
    assert "control over their daily life" in control.name
    assert Indicator.objects.get(code="1B").comparators.get(year=2022).england == Decimal("0.411")
    assert Indicator.objects.get(code="2C").comparators.get(year=2023).target == 650
    assert Indicator.objects.get(code="5A", part="part 2").commentaries.get().text == "Carers' social contact rose."
    assert Indicator.objects.get(code="", previous_code="4B").values.get().value == Decimal("87.4")
    assert Indicator.objects.get(pk=own.pk).code == "4C"
    clash.refresh_from_db()
    assert clash.code == "1E old" and clash.values.count() == 1
    assert Indicator.objects.get(code="1E", part="").previous_code == "3B"
    # It says what it moved, by the old code and the new.
    assert "1B (People who use services who report having control over their daily life) is 3A" in "\n".join(said)
    assert any(line.startswith("1D (") and " is 1B: 0 figures and 1 comparators moved" in line for line in said)
    assert any(line.startswith("1E A local survey") for line in said)
    # Afterwards the catalogue is the same as a new installation's, measure for measure.
    held = {identity(i): i for i in Indicator.objects.all()}
    for entry in entries():
        indicator = held[identity(entry)]
        assert {f: getattr(indicator, f) for f in entry} == entry, identity(entry)


def test_moving_twice_changes_nothing(db):
    first_catalogue()
    move_to_2023_framework(apps)
    before = list(Indicator.objects.values())
    said = move_to_2023_framework(apps)
    assert list(Indicator.objects.values()) == before
    assert said[-1] == "0 measures added"


@pytest.mark.parametrize("code", ["2B", "2C"])
def test_admissions_need_their_population(db, code):
    admissions = Indicator.objects.get(code=code)
    assert admissions.has_fraction and admissions.unit == "rate"
    value = IndicatorValue.objects.create(
        indicator=admissions, year=2023, period="q1", numerator=Decimal(11), denominator=Decimal(215686)
    )
    assert value.value == Decimal("5.1000")
    # A published value typed with only its count is kept as typed.
    typed = IndicatorValue.objects.create(
        indicator=admissions, year=2023, period="q2", numerator=Decimal(26), value=Decimal(12)
    )
    assert typed.value == 12
