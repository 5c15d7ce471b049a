"""Which annual report counts what the public send online (interchange 1.1)."""

import pytest

from redress.cases.models import Kind, Representation
from redress.intake.submission import counting_procedure
from redress.procedures.models import Procedure

from .helpers import fill_in

pytestmark = pytest.mark.django_db


def test_an_online_compliment_counts_in_the_report_of_the_service_chosen(client, send):
    answers = {
        "what": {"kind": "compliment"},
        "service": {"service": "children"},
        "your-details": {"first_name": "Tom", "last_name": "Ng", "email": "tom@example.com"},
        "contact": {"preferred": "email"},
        "what-happened": {"what_happened": "Our foster carer went the extra mile."},
        "staff": {"staff_named": "Jo"},
    }
    fill_in(client, answers)
    send()
    case = Representation.objects.get()
    assert case.kind == Kind.COMPLIMENT and case.procedure.code == "children"


def test_a_known_area_with_a_default_decides_the_report_of_a_compliment(area):
    waste = area("Environment > Waste Services")
    waste.parent.default_procedure = Procedure.objects.get(code="corporate")
    waste.parent.save()
    waste.refresh_from_db()
    assert counting_procedure(Kind.COMPLIMENT, "adult", waste).code == "corporate"
    # A complaint's procedure is the service chosen, whatever the area.
    assert counting_procedure(Kind.COMPLAINT, "adult", waste).code == "adult"
    # An area with no default anywhere above it leaves the service chosen.
    assert counting_procedure(Kind.COMMENT, "children", area("Housing")).code == "children"
