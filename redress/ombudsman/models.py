"""Cases the Local Government and Social Care Ombudsman (LGSCO) has taken up with the council."""

from django.db import models

from redress.cases.models import Representation
from redress.configuration.models import ServiceArea
from redress.procedures.models import Procedure


class Decision(models.TextChoices):
    # Codes of the interchange spec, section 3.
    UPHELD_INJUSTICE = "upheld_injustice", "Upheld: fault causing injustice"
    UPHELD_NO_INJUSTICE = "upheld_no_injustice", "Upheld: fault, no injustice"
    UPHELD_REMEDIED = "upheld_remedied", "Upheld: fault, already remedied by the council"
    NOT_UPHELD = "not_upheld", "Not upheld: no fault"
    CLOSED_NO_FURTHER_ACTION = "closed_no_further_action", "Closed after initial enquiries"
    OUT_OF_JURISDICTION = "out_of_jurisdiction", "Out of jurisdiction"
    PREMATURE = "premature", "Premature: referred back for local resolution"
    INCOMPLETE_INVALID = "incomplete_invalid", "Incomplete or invalid"
    ADVICE_GIVEN = "advice_given", "Advice given"


UPHELD_DECISIONS = {Decision.UPHELD_INJUSTICE, Decision.UPHELD_NO_INJUSTICE, Decision.UPHELD_REMEDIED}


class OmbudsmanCase(models.Model):
    reference = models.CharField("Ombudsman's reference", max_length=40, unique=True)
    procedure = models.ForeignKey(Procedure, on_delete=models.PROTECT, related_name="ombudsman_cases")
    complaint = models.ForeignKey(
        Representation, null=True, blank=True, on_delete=models.PROTECT, related_name="ombudsman_cases"
    )
    service_area = models.ForeignKey(ServiceArea, null=True, blank=True, on_delete=models.PROTECT)
    received = models.DateField(help_text="When the Ombudsman first contacted the council about it.")
    decided = models.DateField(null=True, blank=True)
    decision = models.CharField(max_length=30, choices=Decision.choices, blank=True)
    public_report = models.BooleanField(default=False)
    remedy_amount = models.DecimalField(max_digits=10, decimal_places=2, null=True, blank=True)
    remedy_due = models.DateField(null=True, blank=True)
    remedy_completed = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["-received", "reference"]
        indexes = [models.Index(fields=["procedure", "received"])]

    def __str__(self) -> str:
        return self.reference

    @property
    def upheld(self) -> bool:
        return self.decision in UPHELD_DECISIONS
