from decimal import Decimal

from django import forms
from django.utils import timezone

from redress.configuration.forms import ORDER_MOST, at_most, whole_number
from redress.forms import NamedErrors

from .models import (
    Commentary,
    Comparator,
    Indicator,
    IndicatorValue,
    PerformanceSettings,
    QuarterlyUpdate,
    Unit,
)


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


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


class FiguresForm(NamedErrors, forms.Form):
    """A period's figures for every indicator and, for a quarter, the commentary for the report,
    which measures the summary of key changes names, and the quarter's words for no one measure."""

    QUARTER_WORDS = ["key_changes", "engagement"]

    def __init__(self, *args, indicators, year: int, period: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.indicators, self.year, self.period = list(indicators), year, period
        self.quarter = int(period[1]) if period.startswith("q") else None
        saved = {v.indicator_id: v for v in IndicatorValue.objects.filter(year=year, period=period)}
        notes = (
            {c.indicator_id: c for c in Commentary.objects.filter(year=year, quarter=self.quarter)}
            if self.quarter
            else {}
        )
        for indicator in self.indicators:
            value, pk = saved.get(indicator.pk), indicator.pk
            named = indicator.label
            if indicator.has_fraction:
                counted = _lower_first(indicator.count_label) if indicator.count_label else "numerator"
                self.fields[f"numerator_{pk}"] = _number(f"{named}: {counted}")
                self.fields[f"denominator_{pk}"] = _number(f"{named}: denominator")
                self.initial |= {
                    f"numerator_{pk}": value and value.numerator,
                    f"denominator_{pk}": value and value.denominator,
                }
            else:
                self.fields[f"value_{pk}"] = _number(f"{named}: value ({indicator.get_unit_display().lower()})")
                self.initial[f"value_{pk}"] = value and value.value
            if self.quarter and indicator.cumulative:
                self.fields[f"estimate_{pk}"] = _number(
                    f"{named}: estimated end of year (if the council projects it otherwise)"
                )
                self.fields[f"estimate_{pk}"].help_text = (
                    f"In the indicator's unit. Blank: the year so far is scaled up to the whole year, "
                    f"{self.quarter} quarter{'s' if self.quarter > 1 else ''} to 4."
                )
                self.initial[f"estimate_{pk}"] = value and value.estimate
            self.fields[f"note_{pk}"] = forms.CharField(label=f"{named}: note on the figure", required=False)
            self.initial[f"note_{pk}"] = value.note if value else ""
            if self.quarter:
                commentary = notes.get(pk)
                self.fields[f"commentary_{pk}"] = forms.CharField(
                    label=f"{named}: commentary for the report",
                    required=False,
                    widget=forms.Textarea(attrs={"rows": 3}),
                )
                self.fields[f"highlight_{pk}"] = forms.BooleanField(
                    label=f"{named}: name it in the summary of key changes", required=False
                )
                self.initial[f"commentary_{pk}"] = commentary.text if commentary else ""
                self.initial[f"highlight_{pk}"] = bool(commentary and commentary.highlight)
        if self.quarter:
            update = QuarterlyUpdate.objects.filter(year=year, quarter=self.quarter).first()
            for name in self.QUARTER_WORDS:
                field = QuarterlyUpdate._meta.get_field(name)
                self.fields[name] = forms.CharField(
                    label=field.verbose_name[:1].upper() + field.verbose_name[1:],
                    help_text=field.help_text,
                    required=False,
                    widget=forms.Textarea(attrs={"rows": 6}),
                )
                self.initial[name] = getattr(update, name) if update else ""

    def rows(self):
        """The fields of each indicator, for the template."""
        for indicator in self.indicators:
            names = ["numerator", "denominator"] if indicator.has_fraction else ["value"]
            if self.quarter and indicator.cumulative:
                names.append("estimate")
            names += ["note"] + (["commentary", "highlight"] if self.quarter else [])
            yield indicator, [self[f"{name}_{indicator.pk}"] for name in names]

    def quarter_words(self):
        return [self[name] for name in self.QUARTER_WORDS] if self.quarter else []

    def clean(self):
        data = super().clean()
        for indicator in self.indicators:
            pk, named = indicator.pk, indicator.label
            if indicator.has_fraction:
                numerator, denominator = data.get(f"numerator_{pk}"), data.get(f"denominator_{pk}")
                if (numerator is None) != (denominator is None) and f"numerator_{pk}" not in self.errors:
                    missing = "denominator" if denominator is None else "numerator"
                    words = self.fields[f"{missing}_{pk}"].label.partition(": ")[2]
                    self.add_error(f"{missing}_{pk}", f"{named}: enter the {words} too, or neither")
                elif denominator == 0:
                    self.add_error(f"denominator_{pk}", f"{named}: the denominator must be more than 0")
                elif (
                    indicator.unit == Unit.PERCENTAGE
                    and numerator is not None
                    and denominator is not None
                    and numerator > denominator
                ):
                    words = self.fields[f"numerator_{pk}"].label.partition(": ")[2]
                    self.add_error(f"numerator_{pk}", f"{named}: the {words} must not be more than the denominator")
            elif indicator.unit == Unit.PERCENTAGE and (data.get(f"value_{pk}") or 0) > 100:
                self.add_error(f"value_{pk}", f"{named}: a percentage must not be more than 100")
            self._check_estimate(indicator, data)
        return data

    def _check_estimate(self, indicator, data) -> None:
        """An estimate is of a year already counted, and the year will hold at least what it has so far."""
        pk = indicator.pk
        estimate = data.get(f"estimate_{pk}")
        if estimate is None:
            return
        if indicator.has_fraction:
            so_far = indicator.compute(data.get(f"numerator_{pk}"), data.get(f"denominator_{pk}"))
        else:
            so_far = data.get(f"value_{pk}")
        if so_far is None:
            if not any(f"{name}_{pk}" in self.errors for name in ("numerator", "denominator", "value")):
                self.add_error(f"estimate_{pk}", f"{indicator.label}: enter the year so far as well as the estimate")
        elif estimate < so_far:
            self.add_error(
                f"estimate_{pk}",
                f"{indicator.label}: the estimated end of year must not be less than the year so far "
                f"({indicator.show(so_far)})",
            )

    def save(self, user) -> int:
        """Keep what was entered; a value cleared on the form is removed. Returns values kept."""
        kept = 0
        for indicator in self.indicators:
            pk, data = indicator.pk, self.cleaned_data
            numbers = {
                "numerator": data.get(f"numerator_{pk}"),
                "denominator": data.get(f"denominator_{pk}"),
                "value": data.get(f"value_{pk}"),
                "estimate": data.get(f"estimate_{pk}"),
            }
            note = data[f"note_{pk}"].strip()
            if all(v is None for v in numbers.values()) and not note:
                IndicatorValue.objects.filter(indicator=indicator, year=self.year, period=self.period).delete()
            else:
                value, _ = IndicatorValue.objects.get_or_create(indicator=indicator, year=self.year, period=self.period)
                for name, number in numbers.items():
                    setattr(value, name, number)
                value.note, value.updated_by, value.updated = note, user, timezone.now()
                value.save()
                kept += value.value is not None
            if self.quarter:
                text, highlight = data[f"commentary_{pk}"].strip(), data[f"highlight_{pk}"]
                found = Commentary.objects.filter(indicator=indicator, year=self.year, quarter=self.quarter)
                if text or highlight or found.exists():
                    Commentary.objects.update_or_create(
                        indicator=indicator,
                        year=self.year,
                        quarter=self.quarter,
                        defaults={"text": text, "highlight": highlight, "updated_by": user, "updated": timezone.now()},
                    )
        if self.quarter:
            words = {name: self.cleaned_data[name].strip() for name in self.QUARTER_WORDS}
            found = QuarterlyUpdate.objects.filter(year=self.year, quarter=self.quarter)
            if any(words.values()) or found.exists():
                QuarterlyUpdate.objects.update_or_create(
                    year=self.year,
                    quarter=self.quarter,
                    defaults={**words, "updated_by": user, "updated": timezone.now()},
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
                self.fields[f"{name}_{pk}"] = _number(f"{indicator.label}: {words}")
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
            "part",
            "previous_code",
            "previous_framework",
            "objective",
            "name",
            "description",
            "unit",
            "polarity",
            "cumulative",
            "annual",
            "has_fraction",
            "count_label",
            "count_beside",
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

    def clean(self):
        # The model's uniqueness rules are conditional, so a model form would not say which answer
        # clashes: each is checked here and named.
        data = super().clean()
        code, part, previous = (data.get(name, "").strip() for name in ("code", "part", "previous_code"))
        others = Indicator.objects.exclude(pk=self.instance.pk)
        if code:
            other = others.filter(code__iexact=code, part__iexact=part).first()
            if other:
                self.add_error(
                    "part" if part else "code",
                    f"There is already an indicator with this code{' and part' if part else ''}: {other}",
                )
        elif not data.get("previous_framework"):
            self.add_error("code", "Enter the code, for example 2D or L7: only a previous framework's measure has none")
        elif not previous:
            self.add_error(
                "previous_code", "Enter the code in the previous framework: a measure with no code now is named by it"
            )
        elif other := others.filter(code="", previous_code__iexact=previous).first():
            self.add_error("previous_code", f"There is already a measure with no code and this previous code: {other}")
        if data.get("count_beside") and not data.get("count_label", "").strip():
            self.add_error(
                "count_label", "Enter the number shown with the value, or untick showing it beside the value"
            )
        if data.get("annual") and data.get("cumulative"):
            self.add_error("cumulative", "A measure made once a year has no quarters to accumulate: untick one of them")
        return data


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
