"""Form pieces shared by every app: GOV.UK date inputs."""

import datetime as dt

from django import forms
from django.utils import timezone


class GovukDateWidget(forms.MultiWidget):
    """The GOV.UK date input: day, month and year in three boxes."""

    template_name = "widgets/govuk_date.html"

    def __init__(self, attrs=None):
        box = {"inputmode": "numeric"}
        super().__init__([forms.TextInput(box), forms.TextInput(box), forms.TextInput(box)], attrs)

    def decompress(self, value):
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
        return f"{year}-{month}-{day}"

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


class GovukDateField(forms.DateField):
    """A date in three boxes. No date before 1900 is a real one here; `past` refuses a date after
    today (a date received, a date of birth)."""

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
        if value and self.past and value > timezone.localdate():
            raise forms.ValidationError(f"{self.name} must be today or in the past")
