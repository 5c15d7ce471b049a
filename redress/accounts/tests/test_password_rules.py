"""The rules a new password must pass, checked one by one and together as settings.py lists them."""

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError

from conftest import PASSWORD
from redress.accounts.models import User
from redress.accounts.password_rules import NotAboutTheAccount, NotBreached, NotRepeated, council_name_parts
from redress.configuration.models import Council

OLIVIA = User(username="olivia.okafor", first_name="Olivia", last_name="Okafor")


def refusal(rule, password, user=OLIVIA) -> str | None:
    try:
        rule.validate(password, user)
    except ValidationError as error:
        return error.messages[0]
    return None


@pytest.mark.parametrize(
    "password",
    [
        "Password123!",
        "Summer2026!!",
        "Welcome12345",
        "P@ssw0rd2026",
        "2026letmein!",
        "Qwerty 123456",
        "$ummer!!2026",
        "iloveyou",
    ],
)
def test_breached_passwords_are_refused_even_with_numbers_and_symbols_added(password):
    assert "often found in data breaches" in refusal(NotBreached(), password)


@pytest.mark.parametrize(
    "password", [PASSWORD, "Tangerine kettle orbit 42", "9 purple giraffes sing", "summer in the lake district"]
)
def test_passwords_that_are_not_built_on_a_common_one_are_kept(password):
    assert refusal(NotBreached(), password) is None


@pytest.mark.parametrize(
    "password", ["aaaaaaaaaaaa", "AAAAAAAAAAAAAAAA", "abababababab", "abcabcabcabc", "aabbaabbaabb"]
)
def test_one_character_or_a_short_pattern_repeated_is_refused(password):
    assert refusal(NotRepeated(), password) == (
        "The password must not be one character or a short pattern repeated, like aaaaaaaaaaaa"
    )


def test_a_password_with_a_few_repeated_letters_is_kept():
    assert refusal(NotRepeated(), "bookkeeper coffee 77") is None


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("password", "message"),
    [
        ("olivia2026summer", "The password must not contain the first name"),
        ("my OLIVIA password", "The password must not contain the first name"),
        ("big-okafor-family", "The password must not contain the last name"),
        ("olivia.okafor!!!", "The password must not contain the user name"),
        ("Redress-Demo-2026!", "The password must not contain the demonstration password"),
        ("my redress demo 2026", "The password must not contain the demonstration password"),
    ],
)
def test_a_password_containing_the_persons_names_or_the_demo_password_is_refused(password, message):
    assert refusal(NotAboutTheAccount(), password) == message


@pytest.mark.django_db
@pytest.mark.parametrize("password", ["I work at northbridge", "NorthBridge City Council 1", "NORTH BRIDGE rocks 2026"])
def test_a_password_containing_the_councils_name_is_refused_whatever_its_spaces_and_capitals(password):
    Council.objects.update(name="Northbridge City Council")
    assert refusal(NotAboutTheAccount(), password) == "The password must not contain the council's name"


def test_the_part_of_a_councils_name_that_says_which_council_it_is_counts_as_its_name():
    assert council_name_parts("Royal Borough of Kingston upon Thames") == {
        "royalboroughofkingstonuponthames",
        "kingston",
        "thames",
    }


@pytest.mark.django_db
def test_words_every_council_has_in_its_name_are_not_refused():
    Council.objects.update(name="Northbridge City Council")
    assert refusal(NotAboutTheAccount(), "city council tax 2026 form") is None


@pytest.mark.django_db
def test_a_very_short_first_name_does_not_refuse_every_password_containing_it():
    assert refusal(NotAboutTheAccount(), "the algebra lessons", User(username="al.smith", first_name="Al")) is None


@pytest.mark.django_db
def test_the_rules_are_in_force_for_every_new_password():
    with pytest.raises(ValidationError) as refused:
        validate_password("Password123!", OLIVIA)
    assert "often found in data breaches" in " ".join(refused.value.messages)
    validate_password(PASSWORD, OLIVIA)  # the tests' own password still passes
