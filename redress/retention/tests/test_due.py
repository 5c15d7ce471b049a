"""Which closed cases the next run anonymises: past their kind's retention period, not held."""

import datetime as dt

import pytest
import time_machine
from django.utils import timezone

from redress.cases.models import Kind, Outcome
from redress.ombudsman.models import Decision, OmbudsmanCase, Recommendation
from redress.procedures.models import Procedure
from redress.retention.anonymising import CannotAnonymise, anonymise, due_for_anonymisation
from redress.retention.models import LegalHold, RetentionRules

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 6, 15)  # the tests' fixed day (conftest)


def closed_case(make_case, closed: dt.date, kind=Kind.COMPLAINT, **fields):
    return make_case(
        kind=kind, received=closed - dt.timedelta(days=60), closed=closed, outcome=Outcome.UPHELD, **fields
    )


def due(today=TODAY) -> list[str]:
    return list(due_for_anonymisation(today).values_list("reference", flat=True))


def test_a_case_closed_six_years_ago_is_due_and_one_closed_a_day_later_is_not(make_case):
    six_years = closed_case(make_case, dt.date(2020, 6, 15))
    a_day_short = closed_case(make_case, dt.date(2020, 6, 16))
    assert due() == [six_years.reference]
    # The next day's run takes the other.
    assert due(TODAY + dt.timedelta(days=1)) == [six_years.reference, a_day_short.reference]


@time_machine.travel(dt.datetime(2026, 3, 1, 9, tzinfo=dt.UTC), tick=False)
def test_a_case_closed_on_29_february_is_due_once_its_sixth_year_has_ended(make_case):
    leap = closed_case(make_case, dt.date(2020, 2, 29))
    assert RetentionRules.current().anonymised_from(leap) == dt.date(2026, 3, 1)
    assert due(dt.date(2026, 2, 28)) == []
    assert due(timezone.localdate()) == [leap.reference]


def test_an_open_complaint_is_never_due_however_old(make_case):
    make_case(received=dt.date(2001, 1, 1))
    assert due() == []


def test_a_compliment_or_enquiry_with_no_closing_date_is_kept_from_the_day_it_was_received(make_case):
    compliment = make_case(kind=Kind.COMPLIMENT, received=dt.date(2020, 6, 15))
    make_case(kind=Kind.ENQUIRY, received=dt.date(2020, 6, 16))
    assert due() == [compliment.reference]


def test_each_kind_has_its_own_period(make_case):
    rules = RetentionRules.current()
    rules.compliment_years = 2
    rules.complaint_years = 10
    rules.save()
    compliment = closed_case(make_case, dt.date(2024, 6, 1), kind=Kind.COMPLIMENT, procedure=None)
    complaint = closed_case(make_case, dt.date(2018, 6, 1))
    closed_case(make_case, dt.date(2016, 6, 16))  # a day short of ten years
    old_complaint = closed_case(make_case, dt.date(2016, 6, 15))
    assert set(due()) == {compliment.reference, old_complaint.reference}
    assert complaint.reference not in due()


def test_a_legal_hold_keeps_a_case_until_released_or_its_end_date_passes(make_case, officer):
    held = closed_case(make_case, dt.date(2019, 1, 10))
    hold = LegalHold.objects.create(case=held, reason="Claim CL-204", until=TODAY, placed_by=officer)
    assert due() == []
    with pytest.raises(CannotAnonymise, match="legal hold"):
        anonymise(held, reason="Erasure request")
    # The day after its end date the hold no longer stops it.
    assert due(TODAY + dt.timedelta(days=1)) == [held.reference]
    hold.until = None
    hold.save()
    assert due(TODAY + dt.timedelta(days=1)) == []
    hold.released, hold.released_by = timezone.now(), officer
    hold.save()
    assert due() == [held.reference]


def test_a_case_whose_ombudsman_case_is_still_open_is_kept(make_case):
    complaint = closed_case(make_case, dt.date(2019, 1, 10))
    ombudsman = OmbudsmanCase.objects.create(
        reference="19 000 111", procedure=Procedure.objects.get(code="adult"), received=dt.date(2019, 3, 1)
    )
    ombudsman.complaints.add(complaint)
    assert due() == []
    ombudsman.decided, ombudsman.decision = dt.date(2019, 9, 1), Decision.UPHELD_INJUSTICE
    ombudsman.save()
    remedy = Recommendation.objects.create(case=ombudsman, kind="apology", due=dt.date(2019, 10, 1))
    assert due() == [], "a remedy still to complete"
    remedy.completed = dt.date(2019, 9, 20)
    remedy.save()
    assert due() == [complaint.reference]


def test_an_anonymised_case_is_not_due_again_and_an_open_one_cannot_be_anonymised(make_case):
    case = closed_case(make_case, dt.date(2019, 1, 10))
    anonymise(case, reason="Its retention period ended")
    assert due() == []
    with pytest.raises(CannotAnonymise, match="still open"):
        anonymise(make_case(), reason="Erasure request")
