from django.conf import settings
from django.db import models

from redress.configuration.models import financial_year_label
from redress.procedures.models import ProcedureCode


class ReportNarrative(models.Model):
    """What staff write for one year's annual report of one procedure."""

    year = models.PositiveSmallIntegerField()
    procedure = models.CharField(max_length=20, choices=ProcedureCode.choices)
    introduction = models.TextField(blank=True)
    general_importance = models.TextField("Matters of general importance", blank=True)
    learning = models.TextField("Learning and service improvements", blank=True)
    actions = models.TextField("Actions planned for next year", blank=True)
    # Context for the year's figures, entered by the council: complaints per 1,000 people served.
    people_served = models.PositiveIntegerField("People who received a service", null=True, blank=True)
    children_in_need = models.PositiveIntegerField("Children in need", null=True, blank=True)
    long_term_support = models.PositiveIntegerField("People in long-term support", null=True, blank=True)
    updated = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)

    class Meta:
        constraints = [models.UniqueConstraint("year", "procedure", name="one_narrative_per_report")]

    def __str__(self) -> str:
        return f"{self.get_procedure_display()} {financial_year_label(self.year)}"
