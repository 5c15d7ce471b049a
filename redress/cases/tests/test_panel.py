"""Children's stage 2 (investigating officer, Independent Person, external or not) and the stage 3
review panel (three members and a chair, its recommendations, the council's response to each)."""

import datetime as dt

import pytest

from redress.cases import workflow
from redress.cases.models import PanelMember, PanelRecommendation
from redress.reporting.dataset import annual_report_dataset

D = dt.date


def date(prefix: str, day: dt.date) -> dict:
    return {f"{prefix}_day": day.day, f"{prefix}_month": day.month, f"{prefix}_year": day.year}


@pytest.fixture
def at_stage_2(make_case, officer):
    case = make_case(procedure="children", received=D(2025, 9, 1))
    workflow.respond(case, by=officer, date=D(2025, 9, 12), outcome="not_upheld")
    workflow.escalate(case, by=officer, date=D(2025, 9, 15))
    return case


@pytest.fixture
def at_stage_3(at_stage_2, officer):
    workflow.respond(at_stage_2, by=officer, date=D(2025, 10, 17), outcome="not_upheld")
    workflow.escalate(at_stage_2, by=officer, date=D(2025, 10, 20))
    return at_stage_2


def test_childrens_stage_2_records_the_officer_the_independent_person_and_an_external_investigation(
    client, officer, investigator, at_stage_2
):
    client.force_login(officer)
    address = f"/cases/{at_stage_2.reference}/allocate/"
    page = client.post(address, {**date("date", D(2025, 9, 16)), "officer": investigator.pk}).content.decode()
    assert "Enter the Independent Person for the stage 2 investigation" in page
    assert "Select whether the investigation is external" in page

    response = client.post(
        address,
        {
            **date("date", D(2025, 9, 16)),
            "officer": investigator.pk,
            "independent_person": "Pat Okoye",
            "investigator": "external",
        },
    )
    assert response.status_code == 302
    at_stage_2.refresh_from_db()
    assert (at_stage_2.investigating_officer, at_stage_2.independent_person, at_stage_2.stage2_investigator) == (
        investigator,
        "Pat Okoye",
        "external",
    )
    page = client.get(at_stage_2.get_absolute_url()).content.decode()
    assert "External: the investigating officer is from outside the council" in page and "Pat Okoye" in page
    # The annual report's figure comes from the same record.
    report = annual_report_dataset(2025, "children", D(2026, 4, 30))
    assert report["complaints"]["timeliness"]["stage2"]["external_investigator"] == 1


def test_whether_external_is_asked_only_at_stage_2(client, officer, make_case, investigator):
    case = make_case(procedure="children")
    client.force_login(officer)
    assert "investigator" not in client.get(f"/cases/{case.reference}/allocate/").context["form"].fields
    with pytest.raises(workflow.ValidationError, match="stage 2 only"):
        workflow.allocate(case, by=officer, date=D(2026, 3, 3), officer=investigator, investigator="external")


MEMBERS = {
    "member1_name": "Ann Chair",
    "member1_role": "Independent chair",
    "member2_name": "Bo Ames",
    "member2_role": "Independent person",
    "member3_name": "Cy Dale",
    "member3_role": "Independent person",
}


def test_the_panel_has_three_members_one_of_them_the_chair(client, officer, at_stage_3):
    client.force_login(officer)
    address = f"/cases/{at_stage_3.reference}/panel-held/"
    page = client.post(address, {**date("date", D(2025, 11, 20)), "member1_name": "Ann Chair"}).content.decode()
    for error in (
        "Enter member 1&#x27;s role",
        "Enter member 2&#x27;s name",
        "Enter member 3&#x27;s role",
        "Select which member chairs the panel",
    ):
        assert error in page
    assert not PanelMember.objects.exists()
    page = client.post(address, {**date("date", D(2025, 11, 20)), **MEMBERS, "chair": "7"}).content.decode()
    assert "Select which member chairs the panel: member 1, 2 or 3" in page

    response = client.post(address, {**date("date", D(2025, 11, 20)), **MEMBERS, "chair": "0"})
    assert response.status_code == 302
    assert [(m.name, m.role, m.chair) for m in at_stage_3.panel_members.all()] == [
        ("Ann Chair", "Independent chair", True),
        ("Bo Ames", "Independent person", False),
        ("Cy Dale", "Independent person", False),
    ]
    page = client.get(at_stage_3.get_absolute_url()).content.decode()
    panel = page[page.index('id="review-panel"') :]
    assert "20 November 2025" in panel and "Ann Chair, Independent chair" in panel


def test_each_recommendation_gets_the_councils_response_with_reasons_when_not_accepted(client, officer, at_stage_3):
    workflow.panel_held(
        at_stage_3, by=officer, date=D(2025, 11, 20), members=[("A", "Chair"), ("B", "IP"), ("C", "IP")], chair=0
    )
    client.force_login(officer)
    assert client.get(f"/cases/{at_stage_3.reference}/panel-recommendation/").status_code == 404  # no report yet
    client.post(f"/cases/{at_stage_3.reference}/panel-report/", date("date", D(2025, 11, 26)))
    page = client.post(f"/cases/{at_stage_3.reference}/panel-recommendation/", {"text": "  "}).content.decode()
    assert "Enter the recommendation" in page
    for text in ("Apologise in writing", "Review the placement"):
        client.post(f"/cases/{at_stage_3.reference}/panel-recommendation/", {"text": text})
    apologise, review = at_stage_3.panel_recommendations.all()

    address = f"/cases/{at_stage_3.reference}/panel-response/"
    page = client.post(
        address,
        {
            **date("date", D(2025, 12, 10)),
            f"response_{apologise.pk}": "accepted",
            f"response_{review.pk}": "not_accepted",
        },
    ).content.decode()
    assert "Give the reasons for not accepting recommendation 2" in page
    page = client.post(address, {**date("date", D(2025, 11, 25)), f"response_{apologise.pk}": "accepted"}).content
    assert "Select whether the council accepts recommendation 2" in page.decode()

    response = client.post(
        address,
        {
            **date("date", D(2025, 12, 10)),
            f"response_{apologise.pk}": "accepted",
            f"response_{review.pk}": "not_accepted",
            f"reasons_{review.pk}": "The placement was reviewed in October",
        },
    )
    assert response.status_code == 302
    assert [(r.text, r.response, r.reasons, r.responded) for r in PanelRecommendation.objects.all()] == [
        ("Apologise in writing", "accepted", "", D(2025, 12, 10)),
        ("Review the placement", "not_accepted", "The placement was reviewed in October", D(2025, 12, 10)),
    ]
    page = client.get(at_stage_3.get_absolute_url()).content.decode()
    table = page[page.index('id="recommendations"') :]
    assert "Accepted on 10 December 2025" in table
    assert "Not accepted on 10 December 2025: The placement was reviewed in October" in table


def test_the_response_cannot_come_before_the_panels_report(officer, at_stage_3):
    workflow.panel_held(
        at_stage_3, by=officer, date=D(2025, 11, 20), members=[("A", "Chair"), ("B", "IP"), ("C", "IP")], chair=1
    )
    with pytest.raises(workflow.ValidationError, match="before the panel met"):
        workflow.panel_reported(at_stage_3, by=officer, date=D(2025, 11, 19))
    workflow.panel_reported(at_stage_3, by=officer, date=D(2025, 11, 26))
    workflow.add_recommendation(at_stage_3, by=officer, text="Apologise")
    (recommendation,) = at_stage_3.panel_recommendations.all()
    with pytest.raises(workflow.ValidationError, match="before the panel's report on 26 November 2025"):
        workflow.respond_to_panel(
            at_stage_3, by=officer, date=D(2025, 11, 25), responses={recommendation.pk: ("accepted", "")}
        )


def test_anonymising_the_case_removes_the_panels_names_and_the_findings_words(officer, at_stage_3):
    from redress.cases.findings import record_findings
    from redress.cases.models import Concern, ConcernFinding, StageFinding
    from redress.configuration.models import Lookup
    from redress.retention.anonymising import anonymise

    concern = Concern.objects.create(representation=at_stage_3, category=Lookup.objects.filter(parent=None).first())
    record_findings(at_stage_3, 3, {concern.pk: ("upheld", "Mrs Lee was not told")}, "Mrs Lee's son waited")
    workflow.panel_held(
        at_stage_3,
        by=officer,
        date=D(2025, 11, 20),
        members=[("Ann Chair", "Chair"), ("B", "IP"), ("C", "IP")],
        chair=0,
    )
    workflow.panel_reported(at_stage_3, by=officer, date=D(2025, 11, 26))
    workflow.add_recommendation(at_stage_3, by=officer, text="Apologise to Mrs Lee")
    workflow.withdraw(at_stage_3, by=officer, date=D(2025, 12, 1))
    anonymise(at_stage_3, reason="Its retention period ended")
    assert list(PanelMember.objects.values_list("name", "role")) == [("", "Chair"), ("", "IP"), ("", "IP")]
    assert list(PanelRecommendation.objects.values_list("text", "reasons")) == [("", "")]
    assert list(ConcernFinding.objects.values_list("finding", "narrative")) == [("upheld", "")]
    assert list(StageFinding.objects.values_list("narrative", flat=True)) == [""]
