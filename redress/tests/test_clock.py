"""Unit tests run on a fixed day (conftest.A_FIXED_NOW), never today's date."""

import datetime as dt
import time

import pytest
from django.utils import timezone

from conftest import A_FIXED_NOW


def test_every_unit_test_runs_on_the_same_day_whatever_the_real_date():
    assert timezone.localdate() == dt.date(2026, 6, 15)
    assert timezone.now() - A_FIXED_NOW < dt.timedelta(minutes=1)


def test_the_clock_still_ticks_so_timeouts_can_pass():
    before = timezone.now()
    time.sleep(0.01)
    assert timezone.now() > before


def test_fixtures_are_made_on_the_fixed_day_too(officer):
    assert timezone.localdate(officer.date_joined) == dt.date(2026, 6, 15)


@pytest.mark.time_machine(dt.datetime(2027, 1, 4, 9, tzinfo=dt.UTC))
def test_a_test_can_move_the_clock_for_itself_and_its_fixtures(officer):
    assert timezone.localdate() == dt.date(2027, 1, 4)
    assert timezone.localdate(officer.date_joined) == dt.date(2027, 1, 4)
