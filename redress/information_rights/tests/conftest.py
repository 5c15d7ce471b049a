import datetime as dt

import pytest

from redress.cases.models import Person


@pytest.fixture
def person(db):
    def make(first: str, last: str, **fields) -> Person:
        return Person.objects.create(first_name=first, last_name=last, **fields)

    return make


@pytest.fixture
def jane(person):
    return person("Jane", "Smith", date_of_birth=dt.date(1980, 4, 1), email="jane.smith@example.org")
