import datetime as dt

from django import forms
from django.utils import timezone

from redress.configuration.forms import whole_number
from redress.configuration.models import current_financial_year, financial_year_label
from redress.forms import GovukDateField, NamedErrors
from redress.procedures.models import Procedure

from .dataset import DEFAULT_AGE_BANDS, DEFAULT_BANDS
from .models import ReportNarrative


def parse_edges(text: str, name: str) -> tuple[int, ...]:
    try:
        values = tuple(int(v) for v in text.replace(" ", "").split(","))
    except ValueError:
        raise forms.ValidationError(f"{name} must be whole numbers separated by commas, like 20,40,60") from None
    if values[0] <= 0 or any(b <= a for a, b in zip(values, values[1:])):
        raise forms.ValidationError(f"{name} must be whole numbers above 0, each bigger than the one before")
    return values


# The procedure choice that asks for every procedure side by side rather than one annual report.
OVERVIEW = "all"


class AnnualReportForm(NamedErrors, forms.Form):
    year = forms.TypedChoiceField(label="Financial year", coerce=int)
    procedure = forms.ChoiceField(label="Procedure", widget=forms.RadioSelect)
    as_of = GovukDateField(
        label="Read the data as at", required=False, help_text="Leave blank for today. For example, 31 5 2026"
    )
    bands = forms.CharField(
        label="Response-time bands",
        required=False,
        initial=",".join(map(str, DEFAULT_BANDS)),
        help_text="Upper edges in working days, separated by commas",
    )
    age_bands = forms.CharField(
        label="Age bands",
        required=False,
        initial=",".join(map(str, DEFAULT_AGE_BANDS)),
        help_text="Lower edges in years, separated by commas",
    )
    publication = forms.BooleanField(
        label="Version for publication: show small counts as 'fewer than 5'", required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        latest = current_financial_year()
        self.fields["year"].choices = [(y, financial_year_label(y)) for y in range(latest, latest - 10, -1)]
        self.fields["procedure"].choices = [(p.code, p.name) for p in Procedure.objects.all()] + [
            (OVERVIEW, "All procedures: council-wide overview")
        ]
        for name in ("bands", "age_bands"):
            self.fields[name].widget.attrs["class"] = "govuk-input--width-20"

    def clean_bands(self):
        return parse_edges(self.cleaned_data["bands"] or ",".join(map(str, DEFAULT_BANDS)), "Response-time bands")

    def clean_age_bands(self):
        return parse_edges(self.cleaned_data["age_bands"] or ",".join(map(str, DEFAULT_AGE_BANDS)), "Age bands")

    def clean_as_of(self):
        return self.cleaned_data["as_of"] or timezone.localdate()

    @property
    def overview(self) -> bool:
        return self.cleaned_data["procedure"] == OVERVIEW

    def query(self) -> str:
        """The options as a query string, for download links."""
        data = self.cleaned_data
        as_of: dt.date = data["as_of"]
        return (
            f"year={data['year']}&procedure={data['procedure']}&as_of_day={as_of.day}&as_of_month={as_of.month}"
            f"&as_of_year={as_of.year}&bands={','.join(map(str, data['bands']))}"
            f"&age_bands={','.join(map(str, data['age_bands']))}" + ("&publication=on" if data["publication"] else "")
        )


class FigureField(forms.IntegerField):
    """A count such as the people a service reached; "5,200" is taken as written in a spreadsheet."""

    def __init__(self, label: str, help_text: str):
        super().__init__(
            label=label,
            required=False,
            min_value=0,
            max_value=10_000_000,
            help_text=help_text,
            widget=whole_number(10),
            error_messages={
                "invalid": f"{label} must be a whole number, like 5200",
                "min_value": f"{label} must be 0 or more",
                "max_value": f"{label} must be 10,000,000 or fewer",
            },
        )

    def to_python(self, value):
        return super().to_python(value.replace(",", "").replace(" ", "") if isinstance(value, str) else value)


class NarrativeForm(NamedErrors, forms.ModelForm):
    """The report's own words, and the year's figures that set its complaints in context."""

    people_served = FigureField(
        "People who received a service",
        "In the year, for complaints per 1,000 people served. Leave blank if not known.",
    )
    children_in_need = FigureField("Children in need", "In the year, for a children's social care report.")
    long_term_support = FigureField("People in long-term support", "People receiving long-term support in the year.")

    class Meta:
        model = ReportNarrative
        fields = ["introduction", "general_importance", "learning", "actions"]
        widgets = {name: forms.Textarea(attrs={"rows": 8}) for name in fields}
        fields += ["people_served", "children_in_need", "long_term_support"]
        help_texts = {
            "introduction": "Who the report is for and what it covers. Leave a blank line between paragraphs.",
            "general_importance": "Themes and issues that matter beyond single complaints.",
            "learning": "What changed because of complaints this year.",
            "actions": "What the service will do next year, and the targets.",
        }
