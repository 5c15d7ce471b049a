from django.template.loader import render_to_string

from redress.learning.views import learning_context


def test_case_page_section_lists_actions_and_offers_to_add_one(make_case, make_action, officer, investigator):
    case = make_case()
    action = make_action(case, investigator)
    html = render_to_string("learning/includes/case_learning.html", learning_context(case, officer))
    assert "Brief the team on care package delays" in html
    assert f'href="/learning/{action.pk}/"' in html
    assert f'href="/learning/cases/{case.reference}/add/"' in html


def test_investigating_officer_adds_actions_to_their_case_but_does_not_decide_there_is_no_learning(
    make_case, make_action, officer, investigator, link_officer
):
    case = make_case(investigating_officer=investigator)
    action = make_action(case, officer)
    html = render_to_string("learning/includes/case_learning.html", learning_context(case, investigator))
    assert "Add a learning action" in html
    assert f'href="/learning/{action.pk}/"' in html  # may record progress on their case's action
    assert "Record why there is no learning action" not in html
    # The link officer reads every case but adds nothing to it.
    html = render_to_string("learning/includes/case_learning.html", learning_context(case, link_officer))
    assert "Add a learning action" not in html
