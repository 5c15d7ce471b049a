"""A performance analyst enters a quarter's figures and commentary, then downloads the quarterly
report as Word and finds the appendix and arrows as the figures say."""

import io
from decimal import Decimal
from pathlib import Path

from docx import Document
from playwright.sync_api import expect

from redress.performance.models import Indicator, IndicatorValue


def given(code: str, year: int, period: str, **numbers) -> None:
    IndicatorValue.objects.create(
        indicator=Indicator.objects.get(code=code),
        year=year,
        period=period,
        **{k: Decimal(v) for k, v in numbers.items()},
    )


def test_a_quarters_figures_and_commentary_become_the_word_report(journey, reporter):
    # Last year's outturns and this year's first quarter are already in.
    given("1B", 2024, "final", numerator=288, denominator=400)  # 72.0%
    given("1B", 2025, "q1", numerator=280, denominator=400)  # 70.0%
    given("2B", 2024, "final", numerator=350, denominator=50000)  # 700.0 per 100,000
    given("2B", 2025, "q1", numerator=100, denominator=50000)  # 200.0 so far: an estimated 800.0 for the year
    given("L2", 2024, "final", value=20)
    given("L2", 2025, "q1", value=25)
    page = journey.page
    journey.sign_in("rory")

    page.get_by_role("link", name="Performance", exact=True).click()
    journey.check()
    page.get_by_label("Financial year").select_option("2025/26")
    journey.click("button", "Show")
    page.get_by_role("link", name="quarter 2", exact=True).click()
    journey.check()
    expect(page.get_by_role("heading", name="Quarter 2 figures, 2025/26")).to_be_visible()
    page.get_by_label("1B: numerator", exact=True).fill("300")
    page.get_by_label("1B: denominator", exact=True).fill("400")
    page.get_by_label("2B: numerator", exact=True).fill("150")
    page.get_by_label("2B: denominator", exact=True).fill("50000")
    page.get_by_label("L2: value (days)", exact=True).fill("30")
    page.get_by_label("L2: commentary for the report", exact=True).fill("Two assessors left in August.")
    page.get_by_label("L6: numerator", exact=True).fill("30")
    journey.click("button", "Save figures")
    # A numerator without its denominator is refused, and nothing typed is lost.
    expect(page.locator(".govuk-error-summary")).to_contain_text("L6: enter the denominator too, or neither")
    expect(page.get_by_label("1B: numerator", exact=True)).to_have_value("300")
    page.get_by_label("L6: numerator", exact=True).fill("")
    journey.click("button", "Save figures")
    expect(page.get_by_text("Quarter 2, 2025/26: 3 values saved")).to_be_visible()
    row = page.get_by_role("row", name="1B People who use services")
    expect(row).to_contain_text("75.0%")
    expect(row).to_contain_text("▲ Improving")

    page.get_by_role("link", name="The quarterly performance report").click()
    journey.check()
    expect(page.get_by_role("heading", name="Adult social care performance report: quarter 2 2025/26")).to_be_visible()
    with page.expect_download() as info:
        page.get_by_role("link", name="Word of the").click()
    document = Document(io.BytesIO(Path(info.value.path()).read_bytes()))

    appendix = document.tables[-1]
    header = [c.text for c in appendix.rows[0].cells]
    assert header[:10] == [
        "Indicator",
        "Better",
        "2023/24",
        "2024/25",
        "Q1",
        "Q2",
        "Q3",
        "Q4",
        "Final 2025/26",
        "Annual trend",
    ]
    rows = {r.cells[0].text.split()[0]: [c.text for c in r.cells] for r in appendix.rows[1:]}
    # 1B: up from 72.0% last year to 75.0% (higher is better).
    assert rows["1B"][1:10] == ["Higher", "–", "72.0%", "70.0%", "75.0%", "–", "–", "–", "▲ Improving"]
    # 2B: 300.0 so far is an estimated 600.0 for the year, below last year's 700.0 (lower is better).
    assert rows["2B"][1:10] == ["Lower", "–", "700.0", "200.0", "300.0", "–", "–", "–", "▲ Improving"]
    # L2: 30 days, up from 20 last year: waiting longer is worse.
    assert rows["L2"][1:10] == ["Lower", "–", "20.0 days", "25.0 days", "30.0 days", "–", "–", "–", "▼ Declining"]
    assert rows["1A"][9] == "Not comparable"

    text = "\n".join(p.text for p in document.paragraphs)
    assert "2 improved, 1 declined and 0 showed no significant change" in text
    assert "Two assessors left in August." in text
    l2 = next(
        t for t in document.tables if t.rows[0].cells[0].text == "Measure" and "30.0 days" in t.rows[1].cells[1].text
    )
    assert [c.text for c in l2.rows[2].cells] == ["Since last quarter", "▼ Declining"]
    assert document.sections[-1].orientation == 1  # the appendix is on landscape pages
