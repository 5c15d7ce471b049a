"""A children's complaint from its stage 1 findings to the council's response to a review panel, in a
real browser with axe on every page: findings at each stage, the stage 2 investigating officer and
Independent Person, the panel's three members and chair, its recommendations and the council's
response to each, and the final outcome from stage 3."""

import datetime as dt

from playwright.sync_api import expect

from redress.cases.models import Concern, PanelRecommendation, Representation
from redress.configuration.models import Lookup

from .test_workflow_journey import act, fill_date


def record_findings(journey, stage: int, findings: list[str], narrative: str, on_first: str = "") -> None:
    page = journey.page
    journey.click("link", f"Record the stage {stage} findings")
    expect(page.get_by_role("heading", name=f"Record the stage {stage} findings")).to_be_visible()
    for number, finding in enumerate(findings, 1):
        page.get_by_role("group", name=f"Finding on concern {number}").get_by_label(finding, exact=True).check()
    if on_first:
        page.get_by_label("What was found on concern 1").fill(on_first)
    page.get_by_label("What the investigation found").fill(narrative)
    journey.click("button", f"Save the stage {stage} findings")


def test_childrens_complaint_through_findings_at_each_stage_to_the_review_panel(
    journey, officer, investigator, make_case
):
    case = make_case(procedure="children", received=dt.date(2026, 1, 5), investigating_officer=investigator)
    category = Lookup.objects.get(list_name="concern_category", label="Communication", parent=None)
    Concern.objects.create(representation=case, category=category, description="Not told of the move")
    Concern.objects.create(representation=case, category=category, description="Calls not returned")
    page = journey.page
    journey.sign_in("olivia")
    journey.goto(case.get_absolute_url())

    # Stage 1.
    act(journey, case, "Record the acknowledgement", dt.date(2026, 1, 6))
    record_findings(
        journey, 1, ["Upheld", "Not upheld"], "The move was not explained.", on_first="No letter about the move"
    )
    act(journey, case, "Record the response", dt.date(2026, 1, 16))
    expect(page.locator("#findings-stage-1")).to_have_text("Stage 1: Partially upheld")

    # Stage 2: the investigating officer, the Independent Person, an external investigation.
    act(journey, case, "Record a request for the next stage", dt.date(2026, 1, 26))
    journey.click("link", "Allocate")
    fill_date(page, "Date", dt.date(2026, 1, 27))
    page.get_by_label("Investigating officer", exact=True).select_option(value=str(investigator.pk))
    page.get_by_label("Independent Person").fill("Pat Okoye")
    page.get_by_label("Yes: the investigating officer is from outside the council").check()
    journey.click("button", "Allocate")
    expect(page.locator("#stage-2-investigation")).to_be_visible()
    record_findings(journey, 2, ["Upheld", "Partially upheld"], "The independent investigation found more.")
    act(journey, case, "Record the response", dt.date(2026, 2, 27))
    expect(page.locator("#findings-stage-2")).to_have_text("Stage 2: Partially upheld")

    # Stage 3: the review panel.
    act(journey, case, "Record a request for the next stage", dt.date(2026, 3, 2))
    journey.click("link", "Record the review panel meeting")
    fill_date(page, "Date the panel met", dt.date(2026, 3, 30))
    journey.click("button", "Record the review panel meeting")
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter member 1's name")
    journey.check()
    members = [("Ann Chair", "Independent chair"), ("Bo Ames", "Independent person"), ("Cy Dale", "Independent person")]
    for number, (name, role) in enumerate(members, 1):
        page.get_by_label(f"Member {number}: name").fill(name)
        page.get_by_label(f"Member {number}: role").fill(role)
    page.get_by_role("group", name="Who chairs the panel?").get_by_label("Member 1", exact=True).check()
    journey.click("button", "Record the review panel meeting")
    expect(page.locator("#review-panel")).to_be_visible()
    act(journey, case, "Record the panel's report", dt.date(2026, 4, 2))
    for text in ("Apologise to the young person in writing", "Review the placement plan"):
        journey.click("link", "Add a panel recommendation")
        page.get_by_label("Recommendation", exact=True).fill(text)
        journey.click("button", "Add a panel recommendation")

    journey.click("link", "Record the council's response to the recommendations")
    fill_date(page, "Date of the council's response", dt.date(2026, 4, 16))
    page.get_by_role("group", name="Recommendation 1: Apologise").get_by_label("Accepted", exact=True).check()
    page.get_by_role("group", name="Recommendation 2: Review").get_by_label("Not accepted", exact=True).check()
    journey.click("button", "Record the council's response to the recommendations")
    expect(page.locator(".govuk-error-summary")).to_contain_text("Give the reasons for not accepting recommendation 2")
    journey.check()
    page.get_by_label("Reasons for not accepting recommendation 2").fill("The plan was reviewed in March")
    journey.click("button", "Record the council's response to the recommendations")

    record_findings(journey, 3, ["Upheld", "Upheld"], "The panel found both concerns well founded.")
    act(journey, case, "Record the response", dt.date(2026, 4, 20))

    # The case page: each stage's findings, the panel, the responses, the final outcome.
    expect(page.locator("#findings-stage-3")).to_have_text("Stage 3: Upheld")
    expect(page.locator("#review-panel + dl")).to_contain_text("Ann Chair, Independent chair")
    expect(page.locator("#recommendations")).to_contain_text(
        "Not accepted on 16 April 2026: The plan was reviewed in March"
    )
    expect(page.locator("#findings-stage-1 + table")).to_contain_text("No letter about the move")
    final = page.locator(".govuk-summary-list__row", has_text="Final outcome")
    expect(final).to_contain_text("Upheld")

    case = Representation.objects.get(pk=case.pk)
    assert (case.stage1_outcome, case.stage2_outcome, case.stage3_outcome, case.outcome) == (
        "partially_upheld",
        "partially_upheld",
        "upheld",
        "upheld",
    )
    assert (case.independent_person, case.stage2_investigator) == ("Pat Okoye", "external")
    assert [(m.name, m.chair) for m in case.panel_members.all()] == [
        ("Ann Chair", True),
        ("Bo Ames", False),
        ("Cy Dale", False),
    ]
    assert list(PanelRecommendation.objects.values_list("response", flat=True)) == ["accepted", "not_accepted"]
