"""Search, filters and sorting for the case list."""

from django import forms
from django.db.models import Q

from redress.configuration.models import ServiceArea
from redress.forms import GovukDateField, NamedErrors
from redress.procedures.models import Procedure

from .models import Kind
from .queues import QUEUES, queue, scoped

# Each order ends with the id so that Next and Previous (redress/cases/paging.py) can carry on
# from a case; each is read from an index (the surname order from the search index's).
SORTS = {
    "received": ("-received", "-pk"),
    "received-oldest": ("received", "pk"),
    "reference": ("reference", "pk"),
    "surname": ("search_entry__sort_name", "-search_entry__received", "-pk"),
}


class CaseFilterForm(NamedErrors, forms.Form):
    # SQLite refuses a LIKE pattern of more than 50,000 bytes; nothing searched for is near 200.
    q = forms.CharField(
        label="Search",
        required=False,
        max_length=200,
        help_text="Reference, name, email address, phone number, postcode or words in the case",
    )
    kind = forms.ChoiceField(label="Kind", required=False, choices=[("", "All kinds")] + Kind.choices)
    procedure = forms.ChoiceField(label="Procedure", required=False)
    service_area = forms.ModelChoiceField(
        label="Service area",
        required=False,
        queryset=ServiceArea.objects.all(),
        empty_label="All service areas",
    )
    status = forms.ChoiceField(
        label="Status",
        required=False,
        choices=[("", "Open or closed"), ("open", "Open"), ("closed", "Closed")],
    )
    received_from = GovukDateField(label="Received from", required=False)
    received_to = GovukDateField(label="Received to", required=False)
    queue = forms.ChoiceField(label="Work queue", required=False)
    scope = forms.ChoiceField(
        label="Whose cases",
        required=False,
        choices=[("", "Everything I can see"), ("mine", "Allocated to me"), ("team", "My team's service areas")],
    )
    sort = forms.ChoiceField(
        label="Sort by",
        required=False,
        choices=[
            ("received", "Newest first"),
            ("received-oldest", "Oldest first"),
            ("reference", "Reference"),
            ("surname", "Complainant's last name"),
        ],
    )

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["queue"].choices = [("", "Any")] + list(QUEUES.items())
        self.fields["procedure"].choices = (
            [("", "All procedures")]
            + [(p.code, p.name) for p in Procedure.objects.all()]
            + [("ineligible", "Ineligible")]
        )

    def clean(self):
        data = super().clean()
        start, end = data.get("received_from"), data.get("received_to")
        if start and end and end < start:
            self.add_error("received_to", "Received to must be on or after received from")
        return data

    def apply(self, cases):
        if not self.is_valid():
            return cases.none()
        data = self.cleaned_data
        if data["queue"]:
            cases = queue(cases, data["queue"])
        if data["scope"]:
            cases = scoped(cases, data["scope"], self.user)
        if data["q"]:
            cases = cases.search(data["q"])
        if data["kind"]:
            cases = cases.filter(kind=data["kind"])
        if data["procedure"] == "ineligible":
            cases = cases.filter(ineligible=True)
        elif data["procedure"]:
            cases = cases.filter(procedure__code=data["procedure"])
        if data["service_area"]:
            # An area includes the teams beneath it.
            path = data["service_area"].path
            cases = cases.filter(Q(service_area__path=path) | Q(service_area__path__startswith=path + " > "))
        if data["status"] == "open":
            cases = cases.open()
        elif data["status"] == "closed":
            cases = cases.closed()
        if data["received_from"]:
            cases = cases.filter(received__gte=data["received_from"])
        if data["received_to"]:
            cases = cases.filter(received__lte=data["received_to"])
        if data["sort"] == "surname":
            # An inner join, so the database can read the cases in the search index's order.
            cases = cases.filter(search_entry__isnull=False)
        return cases.order_by(*self.order())

    def order(self) -> tuple[str, ...]:
        sort = self.cleaned_data.get("sort") if self.is_valid() else None
        return SORTS[sort or "received"]

    def reference(self) -> str:
        """The search, when it could be a case's reference (one word)."""
        text = self.cleaned_data.get("q", "").strip() if self.is_valid() else ""
        return text if text and len(text.split()) == 1 else ""
