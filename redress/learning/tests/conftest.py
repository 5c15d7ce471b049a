import datetime as dt

import pytest

from redress.learning.models import ActionKind, LearningAction, Level

# 20 March 2026, midday in London.
TODAY = dt.datetime(2026, 3, 20, 12, tzinfo=dt.UTC)


@pytest.fixture
def make_action(db):
    def make(case, owner, due=dt.date(2026, 4, 30), **fields):
        fields.setdefault("what_will_change", "Brief the team on care package delays")
        fields.setdefault("level", Level.TEAM)
        fields.setdefault("kind", ActionKind.TRAINING)
        return LearningAction.objects.create(case=case, owner=owner, due=due, **fields)

    return make
