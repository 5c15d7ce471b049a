"""A performance officer enters a quarter's figures: older people's admissions to care homes with
the council's own estimate of the year, a measure named in the summary of key changes and the
quarter's engagement text; the dashboard compares whole years and the report preview follows."""

from decimal import Decimal

from playwright.sync_api import expect

from redress.performance.models import Commentary, Indicator, IndicatorValue, QuarterlyUpdate


def given(code: str, year: int, period: str, part: str = "", **numbers) -> None:
    IndicatorValue.objects.create(
        indicator=Indicator.objects.get(code=code, part=part),
        year=year,
        period=period,
        **{k: Decimal(v) for k, v in numbers.items()},
    )


def test_a_quarters_figures_estimate_highlight_and_engagement_reach_the_dashboard_and_report(journey, reporter):
    # Last year's outturns and this year's first quarter are already in.
    given("2C", 2024, "final", numerator=352, denominator=58600)  # 600.7 per 100,000
    given("2C", 2025, "q1", numerator=94, denominator=58600)  # 160.4 so far: an estimated 641.6
    given("2D", 2024, "final", "part 1", numerator=250, denominator=310)  # 80.6%
    given("2D", 2025, "q1", "part 1", numerator=255, denominator=310)  # 82.3%
    given("1A", 2024, "final", value=19.0)  # a survey: once a year
    page = journey.page
    journey.sign_in("rory")

    page.get_by_role("link", name="Performance", exact=True).click()
    journey.check()
    page.get_by_label("Financial year").select_option("2025/26")
    journey.click("button", "Show")
    page.get_by_role("link", name="quarter 2", exact=True).click()
    journey.check()
    expect(page.get_by_role("heading", name="Quarter 2 figures, 2025/26")).to_be_visible()
    expect(page.locator("fieldset", has_text="1A Social care-related quality of life")).to_contain_text(
        "measured once a year, so the quarter may be left blank (the report shows NA)"
    )
    page.get_by_label("2C: number of admissions", exact=True).fill("176")
    page.get_by_label("2C: estimated end of year (if the council projects it otherwise)", exact=True).fill("250")
    page.get_by_label("2C: commentary for the report", exact=True).fill("Admissions are higher than planned.")
    page.get_by_label("2C: name it in the summary of key changes", exact=True).check()
    page.get_by_label("2D part 1: numerator", exact=True).fill("260")
    page.get_by_label("2D part 1: denominator", exact=True).fill("310")
    page.get_by_label("Involvement, engagement and user experience", exact=True).fill(
        "## Carers' forum\nForty-two carers came to the forum."
    )
    journey.click("button", "Save figures")
    # Admissions without the population they are counted in are refused, as is an estimate below
    # the year so far; nothing typed is lost.
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("2C: enter the denominator too, or neither")
    expect(page.get_by_label("2C: estimated end of year (if the council projects it otherwise)")).to_have_value("250")
    expect(page.get_by_label("2C: name it in the summary of key changes")).to_be_checked()
    expect(page.get_by_label("Involvement, engagement and user experience")).to_have_value(
        "## Carers' forum\nForty-two carers came to the forum."
    )
    page.get_by_label("2C: denominator", exact=True).fill("58600")
    journey.click("button", "Save figures")
    expect(summary).to_contain_text("2C: the estimated end of year must not be less than the year so far (300.3)")
    page.get_by_label("2C: estimated end of year (if the council projects it otherwise)", exact=True).fill("620")
    journey.click("button", "Save figures")
    expect(page.get_by_text("Quarter 2, 2025/26: 2 values saved")).to_be_visible()

    assert IndicatorValue.objects.get(indicator__code="2C", year=2025, period="q2").estimate == 620
    assert Commentary.objects.get(indicator__code="2C", year=2025, quarter=2).highlight
    assert QuarterlyUpdate.objects.get(year=2025, quarter=2).engagement.endswith("Forty-two carers came to the forum.")

    # The dashboard: the year so far with the council's estimate beneath; the chart compares
    # whole years, so admissions do not seem to fall from 600 to 160.
    row = page.get_by_role("row", name="2C Adults aged 65 and over")
    expect(row).to_contain_text("300.3")
    expect(row).to_contain_text("estimated end of year 620.0")
    expect(row.get_by_role("img")).to_have_attribute(
        "alt",
        "2C over time. 2023/24: –; 2024/25: 600.7; Q1 (estimated end of year): 641.6; "
        "Q2 (estimated end of year): 620.0; Q3 (estimated end of year): –; Q4 (estimated end of year): –.",
    )
    expect(
        page.get_by_role("row", name="1A Social care-related quality of life").get_by_role("cell").first
    ).to_have_text("NA")
    expect(page.get_by_role("row", name="L4 Safeguarding concerns received")).to_contain_text("Not judged")

    page.get_by_role("link", name="The quarterly performance report").click()
    journey.check()
    preview = page.locator(".redress-report-preview")
    expect(preview.get_by_role("heading", level=1)).to_contain_text("quarter 2 2025/26")
    expect(preview).to_contain_text("Admissions are higher than planned.")
    expect(page.get_by_role("link", name="Word of the")).to_be_visible()
