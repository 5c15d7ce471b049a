"""What a password may not be, beyond Django's length and all-numbers rules (settings.py
AUTH_PASSWORD_VALIDATORS lists them all). Each rule refuses with its own message saying what to
change. Everything is checked offline: no password ever leaves the server."""

from __future__ import annotations

import re
from functools import cache

from django.contrib.auth.password_validation import CommonPasswordValidator
from django.core.exceptions import ValidationError

# Words in many councils' names that say nothing about which council it is.
GENERIC_NAME_WORDS = {
    "council",
    "borough",
    "city",
    "county",
    "district",
    "metropolitan",
    "royal",
    "london",
    "the",
    "and",
    "of",
    "upon",
    "north",
    "south",
    "east",
    "west",
}
# How people dress up a common word: P@ssw0rd, $ummer.
SUBSTITUTIONS = str.maketrans("@431!0$57", "aaeiiosst")
LEADING, TRAILING = re.compile(r"^[\W\d_]+"), re.compile(r"[\W\d_]+$")


def squashed(text: str) -> str:
    """Lower case with no spaces, so that "North Bridge" is found in "northbridge1"."""
    return "".join(text.lower().split())


def letters_and_digits(text: str) -> str:
    return re.sub(r"[\W_]", "", text.lower())


@cache
def common_passwords() -> frozenset[str]:
    # Django's list: the 20,000 passwords seen most often in published breaches.
    return frozenset(CommonPasswordValidator().passwords)


def guessable_forms(password: str) -> set[str]:
    """The password, and the common password it may be built on: with numbers and symbols taken
    off its ends (Password123!, 2026Summer) and look-alike characters read as letters (P@ssw0rd)."""
    whole = squashed(password)
    forms = {whole, whole.translate(SUBSTITUTIONS)}
    # Look-alikes at the start ($ummer!!2026) stay until the numbers after them are gone.
    for cut in (TRAILING.sub("", whole), LEADING.sub("", whole), TRAILING.sub("", LEADING.sub("", whole))):
        read = cut.translate(SUBSTITUTIONS)
        forms |= {cut, read, TRAILING.sub("", LEADING.sub("", read))}
    return {form for form in forms if len(form) >= 4}


class NotBreached:
    """Refuses a password seen in breaches, or one of those with numbers or symbols added or
    letters swapped for look-alikes. Replaces Django's CommonPasswordValidator, which lets
    Password123! and Summer2026!! through."""

    message = (
        "The password is too easy to guess: it is, or is based on, a password often found in data breaches. "
        "Choose one that is not a common word or password with numbers or symbols added"
    )

    def validate(self, password, user=None):
        if guessable_forms(password) & common_passwords():
            raise ValidationError(self.message, code="password_breached")

    def get_help_text(self):
        return "It cannot be a common password, even with numbers or symbols added."


class NotRepeated:
    """Refuses one character or a short pattern over and over (aaaaaaaaaaaa, abcabcabcabc)."""

    message = "The password must not be one character or a short pattern repeated, like aaaaaaaaaaaa"

    def validate(self, password, user=None):
        text = password.lower()
        if len(set(text)) < 4 or re.fullmatch(r"(.{1,6}?)\1+", text):
            raise ValidationError(self.message, code="password_repeated")

    def get_help_text(self):
        return "It cannot be one character or a short pattern repeated."


class NotAboutTheAccount:
    """Refuses a password containing the user name, first name or last name (Django's similarity
    check lets "olivia2026summer" through for Olivia), the council's name or the demonstration
    password, which is published in the README."""

    # Shorter names ("Al", "Jo") are in too many ordinary words to refuse.
    shortest_name = 3

    def validate(self, password, user=None):
        from redress.configuration.models import Council
        from redress.demo.generate import PASSWORD as DEMO_PASSWORD

        text = squashed(password)
        if letters_and_digits(DEMO_PASSWORD) in letters_and_digits(password):
            raise ValidationError("The password must not contain the demonstration password", code="password_demo")
        for field, words in (("user name", "username"), ("first name", "first_name"), ("last name", "last_name")):
            value = squashed(getattr(user, words, "") or "")
            if len(value) >= self.shortest_name and value in text:
                raise ValidationError(f"The password must not contain the {field}", code="password_names")
        if any(part in text for part in council_name_parts(Council.current().name)):
            raise ValidationError("The password must not contain the council's name", code="password_council")

    def get_help_text(self):
        return "It cannot contain your name, user name or the council's name."


def council_name_parts(name: str) -> set[str]:
    """The whole name without spaces, and each word of it that says which council it is:
    "Northbridge City Council" gives northbridgecitycouncil and northbridge."""
    words = {word for word in re.split(r"[\W_]+", name.lower()) if len(word) >= 4}
    return {squashed(name)} | (words - GENERIC_NAME_WORDS)
