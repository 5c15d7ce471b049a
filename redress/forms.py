"""Form pieces shared by every app: GOV.UK date inputs, postcodes, and error messages that name
the field."""

import datetime as dt
import re

from django import forms
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy


class TypedDate(str):
    """What was typed in the three boxes, as "year-month-day", keeping each box's text so that
    a page showing an error gives back exactly what was typed (a day of "-5" included)."""

    def __new__(cls, day: str, month: str, year: str):
        typed = super().__new__(cls, f"{year}-{month}-{day}")
        typed.parts = (day, month, year)
        return typed


class GovukDateWidget(forms.MultiWidget):
    """The GOV.UK date input: day, month and year in three boxes."""

    template_name = "widgets/govuk_date.html"

    def __init__(self, attrs=None):
        box = {"inputmode": "numeric"}
        super().__init__([forms.TextInput(box), forms.TextInput(box), forms.TextInput(box)], attrs)

    def decompress(self, value):
        if isinstance(value, TypedDate):
            return list(value.parts)
        if isinstance(value, dt.date):
            return [value.day, value.month, value.year]
        if isinstance(value, str) and value.count("-") == 2:
            year, month, day = value.split("-")
            return [day, month, year]
        return [None, None, None]

    def value_from_datadict(self, data, files, name):
        day, month, year = ((data.get(f"{name}_{part}") or "").strip() for part in ("day", "month", "year"))
        if not (day or month or year):
            return None
        return TypedDate(day, month, year)

    def value_omitted_from_data(self, data, files, name):
        return all(f"{name}_{part}" not in data for part in ("day", "month", "year"))

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        for sub, part in zip(context["widget"]["subwidgets"], ("day", "month", "year")):
            sub["name"] = f"{name}_{part}"
            sub["part"] = part
            sub["attrs"]["id"] = (
                f"{attrs.get('id', 'id_' + name)}_{part}" if part != "day" else attrs.get("id", "id_" + name)
            )
        return context


EARLIEST = dt.date(1900, 1, 1)
# Working days are counted on from dates, so a date near the end of the calendar (31 12 9999)
# would have nowhere to go.
LATEST = dt.date(2099, 12, 31)


class GovukDateField(forms.DateField):
    """A date in three boxes. No date before 1900 or after 2099 is a real one here; `past`
    refuses a date after today (a date received, a date of birth)."""

    widget = GovukDateWidget

    def __init__(self, *args, past: bool = False, **kwargs):
        kwargs.setdefault("input_formats", ["%Y-%m-%d"])
        super().__init__(*args, **kwargs)
        self.past = past
        self.name = (kwargs.get("label") or "The date").capitalize()
        self.error_messages["invalid"] = f"{self.name} must be a real date, like 27 3 2026"
        self.error_messages["required"] = f"Enter {self.name[0].lower() + self.name[1:]}"

    def to_python(self, value):
        if isinstance(value, str) and value.count("-") == 2:
            year, month, day = value.split("-")
            missing = [name for name, part in (("day", day), ("month", month), ("year", year)) if not part]
            if missing:
                raise forms.ValidationError(f"{self.name} must include a {' and a '.join(missing)}")
            if len(year) != 4:
                raise forms.ValidationError(f"{self.name} must have a year with 4 numbers, like 2026")
            value = f"{year}-{month.zfill(2)}-{day.zfill(2)}"
        return super().to_python(value)

    def validate(self, value):
        super().validate(value)
        if value and value < EARLIEST:
            raise forms.ValidationError(f"{self.name} must be after {EARLIEST:%-d %B %Y}")
        if value and value > LATEST:
            raise forms.ValidationError(f"{self.name} must be before {LATEST.year + 1}")
        if value and self.past and value > timezone.localdate():
            raise forms.ValidationError(f"{self.name} must be today or in the past")


# An amount of money paid, in pounds and pence (a DecimalField of 10 digits, 2 after the point).
AMOUNT_MESSAGES = {
    "invalid": "Amount must be in pounds and pence, like 250.00",
    "max_digits": "Amount must be less than £100,000,000",
    "max_whole_digits": "Amount must be less than £100,000,000",
    "max_decimal_places": "Amount must be in pounds and pence, like 250.00",
    "min_value": "Amount must be more than £0",
}


def _defaults(field: forms.Field) -> dict:
    messages = {}
    for cls in reversed(type(field).__mro__):
        messages.update(getattr(cls, "default_error_messages", {}))
    return messages


def named_messages(field: forms.Field, record: str = "record") -> dict[str, str]:
    """Error messages that say which answer is wrong, in the GOV.UK Design System's words.
    `record` is what a model form saves, for the message when an answer must be unique. They are
    translated, as the public form's pages are."""
    label = str(field.label or _("this answer"))
    named, lower = label[0].upper() + label[1:], label[0].lower() + label[1:]
    # Messages with limits in them are %-formatted by Django afterwards: a % in a label must
    # stay a %, and the limits' own placeholders must survive this first formatting.
    limited = {"field": named.replace("%", "%%"), "limit": "%(limit_value)d", "value": "%(limit_value)s"}
    choice = isinstance(field, forms.ChoiceField | forms.BooleanField)
    if isinstance(field, forms.FileField):
        return {
            "required": _("Select a file"),
            "missing": _("Select a file"),
            "empty": _("The selected file is empty"),
            "invalid": _("The selected file could not be read"),
            "max_length": _("The file name must be %(max)d characters or fewer"),
        }
    # A question for a label ("Which stage has the case reached?") cannot follow "Enter".
    if label.endswith("?"):
        required = _("Answer '%(field)s'") % {"field": label}
        from_list = _("Choose one of the answers to '%(field)s'") % {"field": label}
    else:
        required = (_("Select %(field)s") if choice else _("Enter %(field)s")) % {"field": lower}
        from_list = _("Choose %(field)s from the list") % {"field": lower}
    messages = {
        "required": required,
        "max_length": _("%(field)s must be %(limit)s characters or fewer") % limited,
        "min_length": _("%(field)s must be %(limit)s characters or more") % limited,
        "min_value": _("%(field)s must be %(value)s or more") % limited,
        "max_value": _("%(field)s must be %(value)s or less") % limited,
        "step_size": _("%(field)s must be a multiple of %(value)s") % limited,
        "invalid_choice": from_list,
        "invalid_pk_value": from_list,
        "invalid_list": from_list,
        "unique": f"There is already {'an' if record[0] in 'aeiou' else 'a'} {record} with this {lower}",
        # Any other field's own check (a date, a time, a pattern).
        "invalid": _("Enter %(field)s in the correct format") % {"field": lower},
    }
    if isinstance(field, forms.IntegerField):
        messages["invalid"] = _("%(field)s must be a whole number") % {"field": named}
    if isinstance(field, forms.DecimalField | forms.FloatField):
        messages["invalid"] = _("%(field)s must be a number") % {"field": named}
    if isinstance(field, forms.DecimalField) and field.max_digits is not None:
        whole = field.max_digits - (field.decimal_places or 0)
        messages["max_digits"] = messages["max_whole_digits"] = _("%(field)s must be less than %(most)s") % {
            "field": named,
            "most": f"{10**whole:,}",
        }
        messages["max_decimal_places"] = _("%(field)s must have no more than %(places)s decimal places") % {
            "field": limited["field"],
            "places": "%(max)s",
        }
    if isinstance(field, forms.EmailField):
        messages["invalid"] = _("Enter %(field)s in the correct format, like name@example.com") % {"field": lower}
    return messages


class NamedErrors:
    """Mixed into a form (`class StaffForm(NamedErrors, forms.ModelForm)`), it replaces
    Django's own messages, which do not say which answer is wrong ("This field is required.",
    "Ensure this value has at most 200 characters"), with ones that name the field. A message
    the form sets itself is kept. Done when the form is checked, so fields a form adds in its
    `__init__` are named too."""

    def full_clean(self):
        meta = getattr(self, "_meta", None)
        record = str(meta.model._meta.verbose_name) if getattr(meta, "model", None) else "record"
        for field in self.fields.values():
            defaults = _defaults(field)
            for code, message in named_messages(field, record).items():
                if field.error_messages.get(code, defaults.get(code)) == defaults.get(code):
                    field.error_messages[code] = message
        super().full_clean()


# A UK postcode: the outward code (area, district) and the inward code (sector, unit), with
# or without the space, in either case. GIR 0AA is the one postcode that does not fit.
POSTCODE = re.compile(r"^(?:([A-Z]{1,2}[0-9][A-Z0-9]?) ?([0-9][A-Z]{2})|(GIR) ?(0AA))$")


def normalise_postcode(value: str) -> str:
    """A postcode as Royal Mail writes it ("NB1 2AB"), from however it was typed (" nb12ab "),
    or ValidationError if it cannot be one."""
    typed = " ".join(str(value).upper().split())
    if not typed:
        return ""
    match = POSTCODE.match(typed.replace(" ", ""))
    if not match:
        raise forms.ValidationError(_("Enter a real postcode"), code="invalid")
    return " ".join(part for part in match.groups() if part)


class PostcodeField(forms.CharField):
    """A UK postcode, kept in Royal Mail's form: the one check for postcodes, staff and public."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_length", 10)
        kwargs.setdefault("label", gettext_lazy("Postcode"))
        super().__init__(*args, **kwargs)
        self.widget.attrs.setdefault("autocomplete", "postal-code")
        self.widget.attrs.setdefault("class", "govuk-input--width-10")
        self.widget.attrs.setdefault("spellcheck", "false")

    def to_python(self, value):
        # Spaces do not count against the length: "NB1   2AB" is still a postcode.
        return normalise_postcode(super().to_python(value))


class ModelMultipleChoiceField(forms.ModelMultipleChoiceField):
    """Django's, except that a number too big for the database's integers (which SQLite cannot
    even compare) is refused as a wrong choice instead of failing the page."""

    def _check_values(self, value):
        try:
            return super()._check_values(value)
        except OverflowError:
            raise forms.ValidationError(
                self.error_messages["invalid_pk_value"], code="invalid_pk_value", params={"pk": "?"}
            ) from None
