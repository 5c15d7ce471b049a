"""GOV.UK's "Page not found" and "Sorry, there is a problem with the service" pages, with DEBUG
off as on a live server; a database outage on any page is a 503 that says when to try again."""

import pytest
from django.urls import path

import redress.urls
from redress.configuration.models import Council
from redress.tests.outage import database_down

pytestmark = pytest.mark.django_db


def broken_page(request):
    raise RuntimeError("a fault in Redress")


# This module is the URL configuration for the tests that need a page that breaks.
urlpatterns = [*redress.urls.urlpatterns, path("broken/", broken_page)]
handler404, handler500 = redress.urls.handler404, redress.urls.handler500


@pytest.fixture
def live(client):
    client.raise_request_exception = False  # what a live server sends, not the test's traceback
    return client


def test_a_page_that_does_not_exist_says_how_to_find_the_right_one(live):
    council = Council.current()
    council.name, council.complaints_phone = "Barsetshire County Council", "01234 567890"
    council.save()
    page = live.get("/feedback/no-such-question/")
    text = page.content.decode()
    assert page.status_code == 404
    assert "<title>Page not found – Complain, compliment or comment – Barsetshire County Council</title>" in text
    assert "If you typed the web address, check it is correct." in text
    assert "If you pasted the web address, check you copied the entire address." in text
    assert "contact the complaints team:" in text and "01234 567890" in text
    staff = live.get("/no-such-page/").content.decode()
    assert "Page not found" in staff and "Redress complaints" in staff  # the staff header


@pytest.mark.urls(__name__)
def test_a_fault_gives_the_problem_page_without_touching_the_database(live, django_assert_num_queries):
    with django_assert_num_queries(0):
        page = live.get("/broken/")
    text = page.content.decode()
    assert page.status_code == 500 and "Retry-After" not in page
    assert '<h1 class="govuk-heading-l">Sorry, there is a problem with the service</h1>' in text
    assert "Try again later." in text and "Traceback" not in text and "a fault in Redress" not in text


def test_while_the_database_is_down_every_page_says_try_again_in_a_few_minutes(live, officer):
    live.force_login(officer)
    with database_down():
        staff, public = live.get("/dashboard/"), live.get("/feedback/")
    for page in (staff, public):
        text = page.content.decode()
        assert page.status_code == 503 and page["Retry-After"] == "300"
        assert "Sorry, there is a problem with the service" in text and "Try again in a few minutes." in text
    assert "Anything you saved before this page is safe." in staff.content.decode()
    assert "Complain, compliment or comment about social care" in public.content.decode()

    assert live.get("/dashboard/").status_code == 200  # back: the same session carries on
