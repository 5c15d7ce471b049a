"""Turning the text of one cell into a value, or a clear reason why it cannot be."""

import datetime as dt
import re
from decimal import Decimal, InvalidOperation

ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


class BadValue(ValueError):
    """The message says what is wrong and what would be right."""


def parse_date(text: str) -> dt.date | None:
    if not text:
        return None
    if not ISO_DATE.match(text):
        raise BadValue("must be a date written YYYY-MM-DD, for example 2023-04-27")
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise BadValue("is not a real date") from None


def parse_choice(text: str, choices: set[str] | dict[str, object]):
    if not text:
        return None
    key = text.lower()
    if key not in choices:
        raise BadValue("must be one of: " + ", ".join(sorted(choices)))
    return choices[key] if isinstance(choices, dict) else key


YES_NO = {"yes": True, "no": False, "y": True, "n": False, "true": True, "false": False}


def parse_yes_no(text: str) -> bool | None:
    return parse_choice(text, YES_NO)


def parse_whole_number(text: str, low: int, high: int) -> int | None:
    if not text:
        return None
    if not re.fullmatch(r"\d+", text):
        raise BadValue("must be a whole number")
    number = int(text)
    if not low <= number <= high:
        raise BadValue(f"must be between {low} and {high}")
    return number


def parse_money(text: str) -> Decimal | None:
    if not text:
        return None
    cleaned = text.replace("£", "").replace(",", "")
    try:
        amount = Decimal(cleaned)
    except InvalidOperation:
        raise BadValue("must be an amount in pounds, for example 250.00") from None
    if amount < 0 or amount != amount.quantize(Decimal("0.01")) or amount >= Decimal("100000000"):
        raise BadValue("must be an amount in pounds and pence, for example 250.00")
    return amount.quantize(Decimal("0.01"))
