"""The error pages as a browser gets them from a live server (DEBUG off), checked with axe."""

import pytest


@pytest.mark.urls("redress.tests.test_error_pages")
def test_page_not_found_and_the_problem_page_are_accessible(journey):
    for path in ("/feedback/no-such-question/", "/no-such-page/"):
        journey.goto(path)
        assert journey.page.get_by_role("heading", level=1).inner_text() == "Page not found"
    journey.goto("/broken/")
    assert journey.page.get_by_role("heading", level=1).inner_text() == "Sorry, there is a problem with the service"
    assert journey.page.title() == "Sorry, there is a problem with the service – Redress"
