"""Learning actions: added to a case, tracked to completion, listed for the team."""

from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone

from redress.accounts.decorators import case_editor_required, case_reader_required, unless_anonymised
from redress.cases.casefile import may_add_to
from redress.cases.models import Representation
from redress.views import save_form

from .forms import (
    LearningActionEditForm,
    LearningActionForm,
    LearningDecisionForm,
    LearningFilterForm,
    LearningProgressForm,
)
from .models import LearningAction, LearningDecision


def _get_case_for_user(user, reference: str) -> Representation:
    return get_object_or_404(Representation.objects.visible_to(user), reference=reference)


def _get_action_for_user(user, pk: int) -> LearningAction:
    """The action, if this user may update it; otherwise 404, whether or not it exists."""
    actions = LearningAction.objects.for_user(user).select_related("case", "owner")
    action = get_object_or_404(actions, pk=pk)
    if not action.can_be_updated_by(user):
        raise Http404
    return action


def _posted(request):
    # Not `request.POST or None`: an empty submission must still be validated and show its errors.
    return request.POST if request.method == "POST" else None


def learning_context(case: Representation, user) -> dict:
    """Context for `learning/includes/case_learning.html` on the case page."""
    actions = list(case.learning_actions.select_related("owner"))
    for action in actions:
        action.case = case
        action.user_can_update = action.can_be_updated_by(user)
    return {
        "case": case,
        "learning_actions": actions,
        "learning_decision": LearningDecision.objects.filter(case=case).select_related("recorded_by").first(),
        "can_edit": user.can_edit_cases,
        "can_add": may_add_to(user, case),
    }


@case_reader_required
@unless_anonymised
def add(request, reference):
    case = _get_case_for_user(request.user, reference)
    # The case's investigating officer adds the learning from their own investigation.
    if not may_add_to(request.user, case):
        raise Http404
    form = LearningActionForm(_posted(request), instance=LearningAction(case=case, created_by=request.user))
    return save_form(
        request,
        form,
        "learning/form.html",
        "Learning action added to {.case}",
        case.get_absolute_url(),
        {"case": case, "title": "Add a learning action", "back": case.get_absolute_url()},
    )


@case_reader_required
def edit(request, pk):
    action = _get_action_for_user(request.user, pk)
    progress_only = not request.user.can_edit_cases
    if progress_only:
        form = LearningProgressForm(_posted(request), instance=action)
    else:
        form = LearningActionEditForm(_posted(request), instance=action, approver=request.user)
    back = action.case.get_absolute_url() if action.case.is_visible_to(request.user) else reverse("learning:list")
    return save_form(
        request,
        form,
        "learning/form.html",
        "Learning action on {.case} saved",
        back,
        {
            "case": action.case,
            "action": action,
            "summary": progress_only,
            "title": "Update a learning action",
            "back": back,
        },
    )


@case_editor_required
@unless_anonymised
def no_learning(request, reference):
    case = _get_case_for_user(request.user, reference)
    decision = LearningDecision.objects.filter(case=case).first() or LearningDecision(case=case)
    decision.recorded_by = request.user
    form = LearningDecisionForm(_posted(request), instance=decision)
    return save_form(
        request,
        form,
        "learning/form.html",
        "Reason for no learning action on {.case} saved",
        case.get_absolute_url(),
        {"case": case, "title": "Record why there is no learning action", "back": case.get_absolute_url()},
    )


@case_reader_required
def action_list(request):
    today = timezone.localdate()
    form = LearningFilterForm(request.GET or None)
    actions = form.narrow(LearningAction.objects.for_user(request.user), request.user)
    counts = actions.counts(today)
    actions = form.show_only(actions, today).select_related("case", "owner")
    page = Paginator(actions.order_by("due", "pk"), 50).get_page(request.GET.get("page"))
    for action in page.object_list:
        action.user_can_update = action.can_be_updated_by(request.user)
    query = request.GET.copy()
    query.pop("page", None)
    others = query.copy()
    others.pop("show", None)
    return render(
        request,
        "learning/list.html",
        {
            "form": form,
            "page": page,
            "counts": counts,
            "query": query.urlencode(),
            "other_filters": others.urlencode(),
            "filtered": bool(request.GET),
        },
    )
