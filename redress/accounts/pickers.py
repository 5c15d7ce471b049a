"""The one field for choosing a member of staff: an investigating officer, the owner of a learning
action or of an Ombudsman remedy, a handler, the person receiving a leaver's work.

Each person is offered as "Name (role, job title)", the job title standing for their team (a
manager's names the area they lead), and two people with the same name are told apart by their
email address. Accounts that are switched off are not offered, except the person already chosen
on the record being changed, so that saving it unchanged still works."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from django import forms
from django.db.models import Q
from django.forms.models import ModelChoiceIterator

from .models import Role, User

# Who may investigate a complaint; who may own a learning action or a remedy (anyone who opens cases).
ALLOCATABLE = (Role.INVESTIGATING_OFFICER, Role.MANAGER, Role.COMPLAINTS_OFFICER)
NOT_REPORTING = tuple(role for role in Role if role != Role.REPORTING)


def staff_label(person: User, clash: bool = False) -> str:
    parts = [person.get_role_display()]
    if person.job_title:
        parts.append(person.job_title)
    if not person.is_active:
        parts.append("account switched off")
    label = f"{person} ({', '.join(parts)})"
    return f"{label} – {person.email or person.username}" if clash else label


class _StaffChoices(ModelChoiceIterator):
    def __iter__(self):
        people = list(self.queryset)
        names = Counter(str(person) for person in people)
        self.field.clashing = {name for name, count in names.items() if count > 1}
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for person in people:
            yield self.choice(person)


class StaffChoiceField(forms.ModelChoiceField):
    iterator = _StaffChoices

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("queryset", User.objects.none())
        super().__init__(*args, **kwargs)
        self.clashing: set[str] = set()

    def offer(self, roles: Iterable[str] = NOT_REPORTING, keep=None, excluding=None) -> StaffChoiceField:
        """Offer the active staff with these roles, and `keep` (a person or their id) whatever
        their account or role now, being the one already chosen."""
        people = Q(is_active=True, role__in=list(roles))
        keep = getattr(keep, "pk", keep)
        if keep:
            people |= Q(pk=keep)
        queryset = User.objects.filter(people).order_by("first_name", "last_name", "username")
        self.queryset = queryset.exclude(pk=excluding.pk) if excluding else queryset
        return self

    def to_python(self, value):
        try:
            return super().to_python(value)
        except OverflowError:  # an id too big for SQLite's integers is no one's
            raise forms.ValidationError(self.error_messages["invalid_choice"], code="invalid_choice") from None

    def label_from_instance(self, person: User) -> str:
        return staff_label(person, str(person) in self.clashing)
