"""The case records on the audit trail, and the names an officer knows their fields by."""

from redress.audit.registry import ADDED, CHANGED, REMOVED, THE_CASE_ITSELF, register

from .models import (
    DATE_LABELS,
    Concern,
    ConcernFinding,
    Contact,
    PanelMember,
    PanelRecommendation,
    Person,
    Remedy,
    Representation,
    Restriction,
    StageFinding,
)

# The case's people, and the records of a person, reach the case through either of its people.
THROUGH_ITS_PEOPLE = ("representations_made", "representations_about")

register(
    Representation,
    to_case=THE_CASE_ITSELF,
    m2m_fields={"themes"},
    exclude_fields=["updated"],
    # Who created it and when are the entry's own Who and When.
    hidden={"created", "created_by"},
    labels={
        **DATE_LABELS,
        "kind": "What it is",
        "risk": "Risk rating",
        "stage1_handler": "Stage 1 handled by",
        "stage_acknowledged": "Current stage acknowledged",
        "acknowledgement_due": "Acknowledgement due",
        "stage_started": "Current stage started",
    },
)
register(Concern, to_case=("representation",), hidden={"representation"})
register(ConcernFinding, to_case=("concern__representation",), hidden={"concern"}, noun="Finding on a concern")
register(StageFinding, to_case=("case",), hidden={"case"}, noun="Stage findings")
register(PanelMember, to_case=("case",), hidden={"case"}, noun="Review panel member")
register(PanelRecommendation, to_case=("case",), hidden={"case"}, noun="Review panel recommendation")
register(
    Person,
    to_case=THROUGH_ITS_PEOPLE,
    noun="Person",
    phrases={CHANGED: "Details changed: {name}"},
)
register(Remedy, to_case=("case",), hidden={"case", "recorded"}, labels={"kind": "Remedy"})
register(
    Restriction,
    to_case=tuple(f"person__{lookup}" for lookup in THROUGH_ITS_PEOPLE),
    noun="Contact restriction",
    # Its name is only its start date, which is among its fields; the person is named there too.
    phrases={ADDED: "Contact restriction added", REMOVED: "Contact restriction removed"},
    labels={"terms": "What contact is allowed", "ended": "Ended"},
)
register(
    Contact,
    to_case=("case",),
    noun="Contact log entry",
    hidden={"case", "recorded"},
    labels={"kind": "What it was", "recorded_by": "Recorded by"},
)
