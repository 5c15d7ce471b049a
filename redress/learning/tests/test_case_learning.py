from django.template.loader import render_to_string

from redress.learning.views import learning_context


def test_case_page_section_lists_actions_and_offers_to_add_one(make_case, make_action, officer, investigator):
    case = make_case()
    action = make_action(case, investigator)
    html = render_to_string("learning/includes/case_learning.html", learning_context(case, officer))
    assert "Brief the team on care package delays" in html
    assert f'href="/learning/{action.pk}/"' in html
    assert f'href="/learning/cases/{case.reference}/add/"' in html


def test_investigating_officer_sees_actions_but_cannot_add_one(make_case, make_action, officer, investigator):
    case = make_case(investigating_officer=investigator)
    make_action(case, officer)
    context = learning_context(case, investigator)
    html = render_to_string("learning/includes/case_learning.html", context)
    assert context["can_edit"] is False
    assert "Add a learning action" not in html
    assert "/learning/" in html  # may still record progress on their case's action
