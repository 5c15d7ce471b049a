from decimal import Decimal

from django import forms

from redress.configuration.forms import ORDER_MOST, at_most, whole_number
from redress.forms import NamedErrors

from .models import Commentary, Comparator, Indicator, IndicatorValue, PerformanceSettings, Unit


def _number(label: str, **attrs) -> forms.DecimalField:
    return forms.DecimalField(
        label=label,
        required=False,
        max_digits=14,
        decimal_places=4,
        min_value=0,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "class": "govuk-input--width-10", **attrs}),
        error_messages={
            "invalid": f"{label} must be a number",
            "min_value": f"{label} must be 0 or more",
            "max_decimal_places": f"{label} must have no more than 4 decimal places",
        },
    )


class FiguresForm(NamedErrors, forms.Form):
    """A period's figures for every indicator, and (for a quarter) the commentary for the report."""

    def __init__(self, *args, indicators, year: int, period: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.indicators, self.year, self.period = list(indicators), year, period
        self.quarter = int(period[1]) if period.startswith("q") else None
        saved = {v.indicator_id: v for v in IndicatorValue.objects.filter(year=year, period=period)}
        notes = (
            dict(Commentary.objects.filter(year=year, quarter=self.quarter).values_list("indicator_id", "text"))
            if self.quarter
            else {}
        )
        for indicator in self.indicators:
            value, pk = saved.get(indicator.pk), indicator.pk
            named = f"{indicator.code}"
            if indicator.has_fraction:
                self.fields[f"numerator_{pk}"] = _number(f"{named}: numerator")
                self.fields[f"denominator_{pk}"] = _number(f"{named}: denominator")
                self.initial |= {
                    f"numerator_{pk}": value and value.numerator,
                    f"denominator_{pk}": value and value.denominator,
                }
            else:
                self.fields[f"value_{pk}"] = _number(f"{named}: value ({indicator.get_unit_display().lower()})")
                self.initial[f"value_{pk}"] = value and value.value
            self.fields[f"note_{pk}"] = forms.CharField(label=f"{named}: note on the figure", required=False)
            self.initial[f"note_{pk}"] = value.note if value else ""
            if self.quarter:
                self.fields[f"commentary_{pk}"] = forms.CharField(
                    label=f"{named}: commentary for the report",
                    required=False,
                    widget=forms.Textarea(attrs={"rows": 3}),
                )
                self.initial[f"commentary_{pk}"] = notes.get(pk, "")

    def rows(self):
        """The fields of each indicator, for the template."""
        for indicator in self.indicators:
            names = ["numerator", "denominator"] if indicator.has_fraction else ["value"]
            names += ["note"] + (["commentary"] if self.quarter else [])
            yield indicator, [self[f"{name}_{indicator.pk}"] for name in names]

    def clean(self):
        data = super().clean()
        for indicator in self.indicators:
            pk = indicator.pk
            if indicator.has_fraction:
                numerator, denominator = data.get(f"numerator_{pk}"), data.get(f"denominator_{pk}")
                if (numerator is None) != (denominator is None) and f"numerator_{pk}" not in self.errors:
                    missing = "denominator" if denominator is None else "numerator"
                    self.add_error(f"{missing}_{pk}", f"{indicator.code}: enter the {missing} too, or neither")
                elif denominator == 0:
                    self.add_error(f"denominator_{pk}", f"{indicator.code}: the denominator must be more than 0")
                elif (
                    indicator.unit == Unit.PERCENTAGE
                    and numerator is not None
                    and denominator is not None
                    and numerator > denominator
                ):
                    self.add_error(
                        f"numerator_{pk}", f"{indicator.code}: the numerator must not be more than the denominator"
                    )
            elif indicator.unit == Unit.PERCENTAGE and (data.get(f"value_{pk}") or 0) > 100:
                self.add_error(f"value_{pk}", f"{indicator.code}: a percentage must not be more than 100")
        return data

    def save(self, user) -> int:
        """Keep what was entered; a value cleared on the form is removed. Returns values kept."""
        kept = 0
        for indicator in self.indicators:
            pk, data = indicator.pk, self.cleaned_data
            numbers = {
                "numerator": data.get(f"numerator_{pk}"),
                "denominator": data.get(f"denominator_{pk}"),
                "value": data.get(f"value_{pk}"),
            }
            note = data[f"note_{pk}"].strip()
            if all(v is None for v in numbers.values()) and not note:
                IndicatorValue.objects.filter(indicator=indicator, year=self.year, period=self.period).delete()
            else:
                value, _ = IndicatorValue.objects.get_or_create(indicator=indicator, year=self.year, period=self.period)
                for name, number in numbers.items():
                    setattr(value, name, number)
                value.note, value.updated_by = note, user
                value.save()
                kept += value.value is not None
            if self.quarter:
                Commentary.objects.update_or_create(
                    indicator=indicator,
                    year=self.year,
                    quarter=self.quarter,
                    defaults={"text": data[f"commentary_{pk}"].strip(), "updated_by": user},
                )
        return kept


class TargetsForm(NamedErrors, forms.Form):
    """The year's targets, and the comparators of local indicators, which no national data holds."""

    LOCAL = [("peer", "peer group average"), ("region", "region"), ("england", "England")]

    def __init__(self, *args, indicators, year: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.indicators, self.year = list(indicators), year
        saved = {c.indicator_id: c for c in Comparator.objects.filter(year=year)}
        for indicator in self.indicators:
            comparator, pk = saved.get(indicator.pk), indicator.pk
            names = [("target", "target")] + (self.LOCAL if indicator.local else [])
            for name, words in names:
                self.fields[f"{name}_{pk}"] = _number(f"{indicator.code}: {words}")
                self.initial[f"{name}_{pk}"] = getattr(comparator, name) if comparator else None

    def rows(self):
        for indicator in self.indicators:
            names = ["target"] + ([n for n, _ in self.LOCAL] if indicator.local else [])
            yield indicator, [self[f"{name}_{indicator.pk}"] for name in names]

    def save(self) -> None:
        for indicator in self.indicators:
            values = {
                name: self.cleaned_data[key]
                for name in ["target", *(n for n, _ in self.LOCAL)]
                if (key := f"{name}_{indicator.pk}") in self.cleaned_data
            }
            Comparator.objects.update_or_create(indicator=indicator, year=self.year, defaults=values)


class IndicatorForm(NamedErrors, forms.ModelForm):
    class Meta:
        model = Indicator
        fields = [
            "code",
            "previous_code",
            "objective",
            "name",
            "description",
            "unit",
            "polarity",
            "cumulative",
            "has_fraction",
            "local",
            "national_code",
            "disaggregation",
            "threshold",
            "decimals",
            "order",
            "active",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "polarity": forms.RadioSelect,
            "decimals": whole_number(),
            "order": whole_number(),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Figures are kept to 4 decimal places, so no more can be shown.
        at_most(self, 4, "decimals")
        at_most(self, ORDER_MOST, "order")

    def clean_threshold(self):
        threshold = self.cleaned_data["threshold"]
        if threshold is not None and threshold < Decimal(0):
            raise forms.ValidationError("The threshold must be 0 or more")
        return threshold


class SettingsForm(NamedErrors, forms.ModelForm):
    class Meta:
        model = PerformanceSettings
        fields = ["geography_code", "region", "council_type", "peers"]
        widgets = {"peers": forms.Textarea(attrs={"rows": 8})}


class NationalDataForm(NamedErrors, forms.Form):
    year = forms.TypedChoiceField(label="Which year is the data for?", coerce=int)
    file = forms.FileField(
        label="Upload the national ASCOF data file",
        help_text="CSV or Excel: one row per council, measure and breakdown.",
        error_messages={"required": "Select a file"},
    )

    def __init__(self, *args, years, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = years


class ReportForm(NamedErrors, forms.Form):
    year = forms.TypedChoiceField(label="Financial year", coerce=int)
    quarter = forms.TypedChoiceField(
        label="Quarter", coerce=int, choices=[(q, f"Quarter {q}") for q in (1, 2, 3, 4)], widget=forms.RadioSelect
    )

    def __init__(self, *args, years, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = years
