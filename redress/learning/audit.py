from redress.audit.registry import ADDED, CHANGED, REMOVED, register

from .models import LearningAction, LearningDecision

register(
    LearningAction,
    to_case=("case",),
    exclude_fields=["updated"],
    hidden={"case", "created", "created_by"},
    # Its str() starts with the case's reference, which the case's own page need not repeat.
    name=lambda text: text.partition(" learning action: ")[2] or text,
)
register(
    LearningDecision,
    to_case=("case",),
    exclude_fields=["recorded"],
    hidden={"case"},
    phrases={
        ADDED: "Recorded that there is no learning action",
        CHANGED: "Reason for no learning action changed",
        REMOVED: "Decision that there is no learning action withdrawn",
    },
)
