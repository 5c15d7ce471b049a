import datetime as dt

import pytest

from redress.cases import workflow


@pytest.fixture
def team(area, manager):
    """Adult Services > Mental Health, managed by Mina."""
    return area("Adult Services > Mental Health", manager=manager)


@pytest.fixture
def case(make_case, team, investigator):
    """Ian's complaint, in Mina's team."""
    made = make_case(received=dt.date(2026, 6, 1), service_area=team, investigating_officer=investigator)
    workflow.recompute(made)
    made.save()
    return made


@pytest.fixture
def other_case(make_case, area):
    """A complaint in another team, allocated to nobody."""
    return make_case(received=dt.date(2026, 6, 1), service_area=area("Children's Services > Fostering"))
