"""Rules about learning that other parts of the service ask before acting."""

from redress.cases.models import Outcome, Representation

from .models import LearningDecision, Status

WELL_FOUNDED = {Outcome.UPHELD, Outcome.PARTIALLY_UPHELD}


def closure_blockers(case: Representation) -> list[str]:
    """Why this case may not be closed yet, as messages for the officer; empty if it may.

    An upheld or partially upheld complaint needs a learning action (not cancelled) or a
    recorded reason why there is none, so that every well-founded complaint is learnt from.
    """
    if case.outcome not in WELL_FOUNDED:
        return []
    if case.learning_actions.exclude(status=Status.CANCELLED).exists():
        return []
    if LearningDecision.objects.filter(case=case).exists():
        return []
    return [
        f"This complaint was {case.get_outcome_display().lower()}: add a learning action, "
        "or record why there is none, before closing it"
    ]
