"""Findings at every stage: each concern's finding and what was found, a narrative and an outcome
for each stage reached, and the case's final outcome from its highest stage."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from redress.cases import workflow
from redress.cases.findings import findings_by_stage, record_findings
from redress.cases.models import Concern, ConcernFinding, Representation, StageFinding
from redress.configuration.models import Lookup
from redress.imports.models import ImportKind
from redress.imports.services import run_import
from redress.reporting.dataset import annual_report_dataset

D = dt.date


@pytest.fixture
def complaint(make_case, investigator):
    """A children's complaint about two things, answered at stage 1 and taken to stage 2."""
    case = make_case(procedure="children", received=D(2026, 1, 5), investigating_officer=investigator)
    category = Lookup.objects.get(list_name="concern_category", label="Communication", parent=None)
    Concern.objects.create(representation=case, category=category, description="Not told of the move")
    Concern.objects.create(representation=case, category=category, description="Calls not returned")
    return case


def concerns(case):
    return list(case.concerns.all())


def test_each_stage_keeps_its_own_findings_and_outcome_and_the_final_outcome_is_the_highest_stages(complaint, officer):
    first, second = concerns(complaint)
    record_findings(
        complaint,
        1,
        {first.pk: ("upheld", "The plan changed without a letter"), second.pk: ("not_upheld", "Calls were logged")},
        "We found the council should have written.",
    )
    workflow.respond(complaint, by=officer, date=D(2026, 1, 16))
    assert (complaint.stage1_outcome, complaint.outcome) == ("partially_upheld", "partially_upheld")

    workflow.escalate(complaint, by=officer, date=D(2026, 1, 26))
    assert complaint.outcome == ""  # stage 2 has no outcome yet
    assert workflow.derived_outcome(complaint) == ""  # stage 1's findings are not stage 2's
    record_findings(complaint, 2, {first.pk: ("upheld", ""), second.pk: ("upheld", "Three calls missed")}, "")
    workflow.respond(complaint, by=officer, date=D(2026, 3, 2))

    complaint.refresh_from_db()
    assert (complaint.stage1_outcome, complaint.stage2_outcome, complaint.outcome) == (
        "partially_upheld",
        "upheld",
        "upheld",
    )
    at_stage_1 = [(c.description, f.finding, f.narrative) for c, f in complaint.findings_at(1)]
    assert at_stage_1 == [
        ("Not told of the move", "upheld", "The plan changed without a letter"),
        ("Calls not returned", "not_upheld", "Calls were logged"),
    ]
    assert [f.finding for _, f in complaint.findings_at(2)] == ["upheld", "upheld"]
    # Each concern's own finding (the annual report's) is its latest.
    assert list(complaint.concerns.values_list("finding", flat=True)) == ["upheld", "upheld"]
    stages = findings_by_stage(complaint)
    assert [(s.stage, s.outcome, s.narrative) for s in stages] == [
        (1, "partially_upheld", "We found the council should have written."),
        (2, "upheld", ""),
    ]


def test_findings_cannot_be_recorded_for_a_stage_not_reached(complaint):
    with pytest.raises(ValueError, match="has not reached stage 2"):
        record_findings(complaint, 2, {}, "")


def test_the_findings_page_asks_for_the_current_stage_and_an_earlier_one_on_request(client, complaint, officer):
    first, second = concerns(complaint)
    record_findings(complaint, 1, {first.pk: ("upheld", ""), second.pk: ("upheld", "")}, "")
    workflow.respond(complaint, by=officer, date=D(2026, 1, 16))
    workflow.escalate(complaint, by=officer, date=D(2026, 1, 26))
    client.force_login(officer)
    address = f"/cases/{complaint.reference}/findings/"

    page = client.get(address).content.decode()
    assert "Record the stage 2 findings" in page and "Record the stage 1 findings instead" in page
    assert client.get(address + "?stage=9").context["stage"] == 2  # a stage not reached: the current one

    response = client.post(
        address + "?stage=1",
        {f"finding_{first.pk}": "not_upheld", f"narrative_{first.pk}": "On review, a letter was sent"},
    )
    assert response.status_code == 302
    assert ConcernFinding.objects.get(concern=first, stage=1).finding == "not_upheld"
    assert not ConcernFinding.objects.filter(stage=2).exclude(finding="").exists()
    client.post(
        address, {f"finding_{first.pk}": "upheld", f"finding_{second.pk}": "partially_upheld", "narrative": "x"}
    )
    assert StageFinding.objects.get(case=complaint, stage=2).narrative == "x"

    page = client.get(complaint.get_absolute_url()).content.decode()
    stage_1 = page[page.index('id="findings-stage-1"') : page.index('id="findings-stage-2"')]
    assert "Stage 1: Upheld" in stage_1 and "On review, a letter was sent" in stage_1
    assert "Stage 2: no outcome yet" in page and "Partially upheld" in page


def test_a_bad_finding_is_named_and_nothing_is_saved(client, complaint, officer):
    first, _ = concerns(complaint)
    client.force_login(officer)
    page = client.post(f"/cases/{complaint.reference}/findings/", {f"finding_{first.pk}": "guilty"})
    assert page.status_code == 200
    assert "Choose a finding on concern 1 that is offered" in page.content.decode()
    assert not ConcernFinding.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_existing_findings_move_to_the_stage_they_belong_to():
    """The data migration, run on a database as it was before: a concern's one finding and what was
    found become its latest answered stage's, and a case's outcome its highest stage's, so that no
    figure changes."""
    executor = MigrationExecutor(connection)
    before, after = [("cases", "0010_concern_finding_narrative")], [("cases", "0011_stage_findings_panel")]
    executor.migrate(before)
    old = executor.loader.project_state(before).apps
    case = old.get_model("cases", "Representation").objects.create(
        reference="CSC-1",
        kind="complaint",
        received=D(2026, 1, 5),
        stage=2,
        stage1_response=D(2026, 1, 16),
        stage2_requested=D(2026, 1, 26),
        outcome="upheld",
    )
    category = old.get_model("configuration", "Lookup").objects.filter(parent=None).first()
    concern = old.get_model("cases", "Concern").objects.create(
        representation=case, category_id=category.pk, finding="upheld", finding_narrative="No letter was sent"
    )
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(after)
    migrated = Representation.objects.get(pk=case.pk)
    assert (migrated.stage2_outcome, migrated.outcome) == ("upheld", "upheld")
    # Stage 2 was not answered: the finding was stage 1's.
    assert list(ConcernFinding.objects.values_list("concern", "stage", "finding", "narrative")) == [
        (concern.pk, 1, "upheld", "No letter was sent")
    ]
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())


CASES = "reference,kind,procedure,received,stage,stage1_response,stage2_requested,stage2_response,outcome,closed"
CASES += ",stage1_outcome,stage2_outcome,concerns"


def test_imported_stage_outcomes_give_each_stage_its_findings_and_the_annual_reports_figures(db, tmp_path):
    path = tmp_path / "cases.csv"
    path.write_text(
        "\n".join(
            [
                CASES,
                "C-1,complaint,children,2025-05-06,2,2025-05-16,2025-05-27,2025-07-01,upheld,2025-07-01,"
                "not_upheld,,Communication=upheld",
                "C-2,complaint,children,2025-05-06,2,2025-05-16,2025-05-27,,,,partially_upheld,,Communication",
                "C-3,complaint,children,2025-05-06,1,2025-05-16,,,not_upheld,2025-05-16,,,Communication=not_upheld",
            ]
        )
        + "\n"
    )
    result = run_import(ImportKind.REPRESENTATIONS, path)
    assert result.ok, [str(e) for e in result.errors]
    found = ConcernFinding.objects.values_list("concern__representation__reference", "stage", "finding")
    assert sorted(found) == [("C-1", 2, "upheld"), ("C-3", 1, "not_upheld")]
    by_stage = annual_report_dataset(2025, "children", D(2026, 4, 30))["complaints"]["outcomes_by_stage"]
    assert by_stage["1"] == {"upheld": 0, "partially_upheld": 1, "not_upheld": 2, "withdrawn": 0, "open": 0}
    assert by_stage["2"] == {"upheld": 1, "partially_upheld": 0, "not_upheld": 0, "withdrawn": 0, "open": 1}


def test_an_imported_highest_stage_outcome_must_be_the_final_outcome(db, tmp_path):
    path = tmp_path / "cases.csv"
    path.write_text(f"{CASES}\nC-1,complaint,adult,2025-05-06,1,2025-05-16,,,upheld,2025-05-16,not_upheld,,\n")
    result = run_import(ImportKind.REPRESENTATIONS, path)
    assert [str(e) for e in result.errors] == [
        "row 2, column stage1_outcome ('not_upheld'): is not the same as outcome (upheld): the final outcome is "
        "stage 1's, the highest reached"
    ]


def test_an_outcome_cannot_be_set_by_hand_past_the_workflow(complaint, officer):
    """The case's outcome follows its highest stage's whatever else is saved with it."""
    complaint.outcome = "upheld"
    workflow.recompute(complaint)
    assert complaint.outcome == ""
    with pytest.raises(ValidationError, match="Record the stage 1 response"):
        workflow.close(complaint, by=officer, date=D(2026, 1, 20))
