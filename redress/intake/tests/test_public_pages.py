"""The public form's own pages: the council's privacy notice and accessibility statement, the
safeguarding team's number, an advocate for every complainant, and postcodes that are real."""

import pytest
from django.core import mail

from redress.cases.forms import PersonForm
from redress.cases.models import Representation
from redress.configuration.models import Council
from redress.forms import normalise_postcode
from redress.intake.questions import YourDetailsForm

from .helpers import daughter_for_mother, fill_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def council():
    council = Council.current()
    council.name = "Northbridge City Council"
    council.complaints_email = "complaints@northbridge.gov.uk"
    council.save()
    return council


def settings_data(council, **changes) -> dict:
    return {
        "name": council.name,
        "financial_year_start_month": 4,
        "reference_format": council.reference_format,
        "publication_threshold": 5,
        "complaints_email": council.complaints_email,
        **changes,
    }


def test_every_public_page_links_to_the_privacy_notice_and_accessibility_statement(client, council):
    for page in ["/feedback/", "/feedback/young-people/", "/track/", "/feedback/what/"]:
        html = client.get(page).content.decode()
        assert 'href="/feedback/privacy/"' in html and 'href="/feedback/accessibility/"' in html, page

    privacy = client.get("/feedback/privacy/").content.decode()
    assert '<h1 class="govuk-heading-l">Privacy notice</h1>' in privacy
    assert "Northbridge City Council is the data controller" in privacy
    for heading in ["What we collect", "How long we keep it", "Your rights", "Contact us"]:
        assert f'<h2 class="govuk-heading-m">{heading}</h2>' in privacy
    assert "public task" in privacy and "<li>email complaints@northbridge.gov.uk</li>" in privacy

    statement = client.get("/feedback/accessibility/").content.decode()
    assert "Accessibility statement" in statement and "Northbridge City Council&#x27;s online form" in statement
    assert "Enforcement procedure" in statement and "Equality Advisory and Support Service" in statement


def test_the_council_writes_its_own_privacy_notice_in_settings(client, administrator, council):
    client.force_login(administrator)
    form = client.get("/settings/council/").content.decode()
    # The standard text is there to edit, rather than an empty box.
    assert "Northbridge City Council is the data controller" in form

    own = "We are <b>Northbridge</b>.\n\n## Retention\n- 6 years\n- then deleted"
    response = client.post("/settings/council/", settings_data(council, privacy_notice=own))
    assert response.status_code == 302
    client.logout()
    page = client.get("/feedback/privacy/").content.decode()
    assert "We are &lt;b&gt;Northbridge&lt;/b&gt;." in page and "<b>Northbridge</b>" not in page
    assert '<h2 class="govuk-heading-m">Retention</h2>' in page and "<li>6 years</li><li>then deleted</li>" in page
    assert "data controller" not in page


def test_the_standard_text_saved_unchanged_still_follows_the_council_name(client, administrator, council):
    client.force_login(administrator)
    standard = council.accessibility_statement_text()
    client.post("/settings/council/", settings_data(council, accessibility_statement=standard.replace("\n", "\r\n")))
    client.post("/settings/council/", settings_data(council, name="Northbridge Borough Council"))
    council.refresh_from_db()
    assert council.accessibility_statement == ""
    assert "Northbridge Borough Council&#x27;s online form" in client.get("/feedback/accessibility/").content.decode()


def test_the_start_pages_give_the_safeguarding_team_s_numbers(client, administrator, council):
    page = client.get("/feedback/").content.decode()
    assert "call the police on 999, or our safeguarding team straight away" in page

    client.force_login(administrator)
    client.post(
        "/settings/council/",
        settings_data(council, safeguarding_phone="01632 960 100", safeguarding_out_of_hours_phone="01632 960 999"),
    )
    client.logout()
    for start in ["/feedback/", "/feedback/young-people/"]:
        page = client.get(start).content.decode()
        assert "Call our safeguarding team on 01632 960 100." in page
        assert "In the evening, at weekends and on bank holidays, call 01632 960 999." in page
    assert "our safeguarding team straight away" not in client.get("/feedback/").content.decode()


def test_without_a_safeguarding_number_the_complaints_number_is_given(client, council):
    council.complaints_phone = "0300 123 4567"
    council.save()
    page = client.get("/feedback/").content.decode()
    assert "Call us on 0300 123 4567 and ask for the safeguarding team." in page


def test_an_adult_complaint_is_asked_about_an_advocate_and_gets_one(client, send):
    answers = daughter_for_mother() | {"advocate": {"advocate": "wanted"}}
    fill_in(client, answers)
    page = client.get("/feedback/advocate/").content.decode()
    assert "Would you like an advocate to help you?" in page
    assert "An advocate is an independent person who can help you make your complaint" in page
    assert "children&#x27;s social care" not in page
    send()
    case = Representation.objects.get()
    assert case.procedure.code == "adult" and not case.child_or_young_person
    assert case.submission.advocate_requested
    assert "find you an advocate" in mail.outbox[0].body


def test_an_adult_who_has_an_advocate_is_recorded_as_supported_by_one(client, send):
    advocate = {"advocate": "has_one", "details": "Jo Bell, Northbridge Advocacy, 01632 960 222"}
    fill_in(client, daughter_for_mother() | {"advocate": advocate})
    send()
    case = Representation.objects.get()
    assert case.advocate and not case.submission.advocate_requested
    assert "Jo Bell, Northbridge Advocacy" in case.submission.consent_details


def test_a_compliment_is_not_asked_about_an_advocate(client):
    client.post("/feedback/what/", {"kind": "compliment"})
    response = client.post("/feedback/service/", {"service": "adult"})
    assert response.url == "/feedback/your-details/"


@pytest.mark.parametrize(
    ("typed", "kept"),
    [("nb1 2ab", "NB1 2AB"), (" NB12AB ", "NB1 2AB"), ("sw1a1aa", "SW1A 1AA"), ("M1  1AE", "M1 1AE"), ("", "")]
    + [("gir0aa", "GIR 0AA"), ("EC1A 1BB", "EC1A 1BB")],
)
def test_a_postcode_is_kept_as_royal_mail_writes_it(typed, kept):
    assert normalise_postcode(typed) == kept


@pytest.mark.parametrize("typed", ["12345", "NB1", "NB1 2ABC", "not a postcode", "1NB 2AB", "NB1 AB2"])
def test_a_postcode_that_cannot_be_one_is_refused_on_the_public_and_staff_forms(typed):
    details = {"first_name": "Sam", "last_name": "Lee", "email": "sam@example.com", "postcode": typed}
    public = YourDetailsForm(details)
    staff = PersonForm({"first_name": "Sam", "postcode": typed})
    assert public.errors["postcode"] == ["Enter a real postcode"]
    assert staff.errors["postcode"] == ["Enter a real postcode"]


def test_the_online_form_refuses_a_wrong_postcode_and_keeps_what_was_typed(client, send):
    answers = daughter_for_mother()
    answers["your-details"] = answers["your-details"] | {"postcode": "NB1 2ABC"}
    with pytest.raises(AssertionError, match="Enter a real postcode"):
        fill_in(client, answers)
    page = client.post("/feedback/your-details/", answers["your-details"]).content.decode()
    assert 'value="NB1 2ABC"' in page


def test_a_tampered_answer_names_the_question_in_the_person_s_words(client):
    page = client.post("/feedback/what/", {"kind": "something-else"}).content.decode()
    assert "Choose one of the answers to &#x27;What would you like to do?&#x27;" in page
    assert "Select a valid choice" not in page
