"""No form in Redress, public or staff, answers with Django's own English messages ("This field
is required.", "Enter a valid email address.", "Ensure this value..."), which do not say which
answer is wrong.

Every form class in the project is found by importing every module, built with the arguments
its page would give it, and sent empty, with answers of the wrong kind and with numbers out of
range. The test_bad_input walk does the same through the pages; this one also reaches forms
whose pages only show some of their fields."""

from __future__ import annotations

import datetime as dt
import importlib
import inspect
import pkgutil
import re

import pytest
from django import forms
from django.core.files.uploadedfile import SimpleUploadedFile

import redress
from redress.accounts.handover import OpenWork
from redress.accounts.models import User
from redress.configuration.models import LookupList
from redress.forms import GovukDateWidget
from redress.information_rights.models import InformationRequest
from redress.ombudsman import workflow as ombudsman
from redress.ombudsman.models import Recommendation
from redress.performance.models import Indicator
from redress.procedures.models import Procedure
from redress.tasks.models import Task
from redress.tests.test_bad_input import GENERIC

DJANGO = re.compile(f"{GENERIC.pattern}|Select a valid choice|Enter a valid|is not one of the available")
SKIPPED_PARTS = {"tests", "migrations", "management"}


def every_form_class() -> list[type[forms.BaseForm]]:
    found = {}
    for module in pkgutil.walk_packages(redress.__path__, "redress."):
        if SKIPPED_PARTS & set(module.name.split(".")) or module.name in {"redress.wsgi", "redress.asgi"}:
            continue
        for value in vars(importlib.import_module(module.name)).values():
            if (
                inspect.isclass(value)
                and issubclass(value, forms.BaseForm)
                and value.__module__.startswith("redress.")
                and not value.__name__.startswith("_")
            ):
                found[f"{value.__module__}.{value.__qualname__}"] = value
    return [found[name] for name in sorted(found)]


FORMS = every_form_class()


def _needed(form_class) -> list[str]:
    """The arguments without a default that the form, or a form it is built on, asks for."""
    needed = []
    for cls in form_class.__mro__:
        if "__init__" not in vars(cls) or cls in {forms.BaseForm, forms.BaseModelForm}:
            continue
        for parameter in inspect.signature(cls.__init__).parameters.values():
            if (
                parameter.default is parameter.empty
                and parameter.kind in {parameter.KEYWORD_ONLY, parameter.POSITIONAL_OR_KEYWORD}
                and parameter.name not in {"self", *needed}
            ):
                needed.append(parameter.name)
    return needed


@pytest.fixture
def ombudsman_case():
    return ombudsman.open_case(
        reference="26 000 001", procedure=Procedure.objects.get(code="adult"), received=dt.date(2026, 5, 1)
    )


@pytest.fixture
def own_arguments(ombudsman_case, administrator, investigator, make_case):
    """Forms whose page gives them something particular, as their views do."""
    return {
        "redress.accounts.forms.HandoverForm": {"person": investigator, "work": OpenWork.of(investigator)},
        "redress.cases.actions.StageFindingsForm": {"case": make_case(procedure="adult"), "stage": 1},
        "redress.tasks.forms.TaskForm": {"instance": Task(case=make_case(procedure="adult"), created_by=administrator)},
        "redress.ombudsman.forms.StageForm": {"case": ombudsman_case},
        "redress.ombudsman.forms.RecommendationForm": {"instance": Recommendation(case=ombudsman_case)},
        "redress.accounts.forms.StaffForm": {"instance": User()},
    }


@pytest.fixture
def arguments(administrator, make_case):
    """What each form's page gives it besides the answers, by the name of the argument."""
    case = make_case(procedure="adult")
    return {
        "user": administrator,
        "editor": administrator,
        "approver": administrator,
        "case": case,
        "kind": "complaint",
        "list_name": LookupList.METHOD,
        "matches": [],
        "new_labels": {},
        "request": InformationRequest.objects.create(
            kind="access", requester_name="Susan Hughes", received=dt.date(2026, 6, 1)
        ),
        "indicators": list(Indicator.objects.all()[:3]),
        "year": 2026,
        "period": "q1",
        "years": [(2026, "2026/27")],
    }


def _answers(form: forms.BaseForm, wrong: str) -> tuple[dict, dict]:
    """Data and files with every field answered wrongly in the same way."""
    data, files = {}, {}
    for name, field in form.fields.items():
        key = form.add_prefix(name)
        if wrong == "huge":
            value = str(10**30) if isinstance(field, forms.IntegerField | forms.DecimalField) else None
            value = "-5" if value is None and isinstance(field, forms.FloatField) else value
        elif isinstance(field, forms.FileField):
            files[key] = SimpleUploadedFile("empty.pdf", b"")
            continue
        elif isinstance(field, forms.BooleanField):
            continue
        elif isinstance(field, forms.IntegerField | forms.DecimalField | forms.FloatField):
            value = "abc"
        elif isinstance(field, forms.EmailField):
            value = "name@"
        elif isinstance(field.widget, GovukDateWidget):
            data |= {f"{key}_day": "31", f"{key}_month": "2", f"{key}_year": "2026"}
            continue
        elif isinstance(field, forms.MultipleChoiceField | forms.ModelMultipleChoiceField):
            data[key] = ["999999999"]
            continue
        elif isinstance(field, forms.ChoiceField | forms.ModelChoiceField | forms.DateField | forms.TimeField):
            value = "999999999"
        else:
            value = "x" * 100_001
        if value is not None:
            data[key] = value
    return data, files


def messages(form: forms.BaseForm) -> list[str]:
    form.is_valid()
    return [str(message) for errors in form.errors.values() for message in errors]


@pytest.mark.django_db
@pytest.mark.parametrize("form_class", FORMS, ids=lambda f: f"{f.__module__}.{f.__name__}")
def test_no_form_says_what_django_says(form_class, arguments, own_arguments):
    needed = _needed(form_class)
    own = own_arguments.get(f"{form_class.__module__}.{form_class.__name__}", {})
    if missing := [name for name in needed if name not in arguments and name not in own]:
        pytest.fail(f"{form_class.__name__} needs {missing}: add them to arguments() or own_arguments()")
    given = {name: arguments[name] for name in needed if name in arguments} | own
    shown = messages(form_class(data={}, **given))
    for wrong in ("of the wrong kind", "huge"):
        blank = form_class(data={}, **given)
        data, files = _answers(blank, wrong)
        shown += messages(form_class(data=data, files=files, **given))
    assert not [message for message in shown if DJANGO.search(message)]


def test_every_forms_module_is_walked():
    modules = {form.__module__ for form in FORMS}
    assert {"redress.intake.questions", "redress.intake.forms", "redress.cases.forms", "redress.accounts.forms"} <= (
        modules
    )
    assert len(FORMS) > 80
