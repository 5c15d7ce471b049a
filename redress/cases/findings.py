"""Findings at each stage: a finding on each concern and a narrative for the stage.

The one place findings are read and written, so that the findings page, the workflow's outcome,
the case page and the response letter all see the same ones."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction

from .models import Concern, ConcernFinding, Finding, Outcome, Representation, StageFinding


@dataclass
class StageFindings:
    """What was found at one stage: each concern with its finding there (None if it has none),
    the stage's narrative and, once its response was sent, the stage's outcome."""

    stage: int
    concerns: list[tuple[Concern, ConcernFinding | None]]
    narrative: str
    outcome: str

    @property
    def outcome_label(self) -> str:
        return Outcome(self.outcome).label if self.outcome else ""

    @property
    def recorded(self) -> bool:
        return bool(self.narrative or self.outcome or any(f and f.finding for _, f in self.concerns))


def findings_stage(case: Representation) -> int:
    """The stage a concern's only finding belongs to, where it came without one (an import, or
    a case recorded before findings had stages): the latest stage answered, else the current."""
    answered = [n for n in range(1, case.stage + 1) if getattr(case, f"stage{n}_response")]
    return answered[-1] if answered else case.stage


def findings_at(case: Representation, stage: int) -> list[tuple[Concern, ConcernFinding | None]]:
    """Each of the case's concerns, in order, with its finding at this stage."""
    concerns = list(case.concerns.select_related("category", "subcategory__parent"))
    found = {f.concern_id: f for f in ConcernFinding.objects.filter(concern__in=concerns, stage=stage)}
    return [(concern, found.get(concern.pk)) for concern in concerns]


def stage_findings(case: Representation, stage: int) -> StageFindings:
    narrative = StageFinding.objects.filter(case=case, stage=stage).values_list("narrative", flat=True).first()
    return StageFindings(
        stage=stage,
        concerns=findings_at(case, stage),
        narrative=narrative or "",
        outcome=getattr(case, f"stage{stage}_outcome"),
    )


def findings_by_stage(case: Representation) -> list[StageFindings]:
    """The findings of each stage the case has reached, stage 1 first."""
    return [stage_findings(case, stage) for stage in range(1, case.stage + 1)]


def derived_outcome(findings: list[str]) -> str:
    """Upheld if every concern is upheld; not upheld if none is; partially upheld otherwise;
    blank while any concern has no finding."""
    if not findings or "" in findings:
        return ""
    if all(f == Finding.UPHELD for f in findings):
        return Outcome.UPHELD
    if all(f == Finding.NOT_UPHELD for f in findings):
        return Outcome.NOT_UPHELD
    return Outcome.PARTIALLY_UPHELD


def outcome_at(case: Representation, stage: int) -> str:
    """The outcome this stage's findings on the concerns give."""
    return derived_outcome([f.finding if f else "" for _, f in findings_at(case, stage)])


@transaction.atomic
def record_findings(case: Representation, stage: int, findings: dict[int, tuple[str, str]], narrative: str) -> None:
    """Record a stage's findings: for each concern (by its id) a finding and what was found, and
    the stage's narrative. Each concern's own `finding` becomes its latest stage's, which the annual
    report counts."""
    if not 1 <= stage <= case.stage:
        raise ValueError(f"{case.reference} has not reached stage {stage}")
    concerns = {c.pk: c for c in case.concerns.all()}
    for pk, (finding, text) in findings.items():
        ConcernFinding.objects.update_or_create(
            concern=concerns[pk], stage=stage, defaults={"finding": finding, "narrative": text}
        )
    StageFinding.objects.update_or_create(case=case, stage=stage, defaults={"narrative": narrative})
    for concern in concerns.values():
        latest = concern.findings.exclude(finding="").order_by("-stage").values_list("finding", flat=True).first()
        if concern.finding != (latest or ""):
            concern.finding = latest or ""
            concern.save(update_fields=["finding"])
