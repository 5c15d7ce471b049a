"""What each council sets for itself: its name and logo, the lists its officers pick from,
and its service areas."""

import contextvars
import datetime as dt
import re
from collections import defaultdict

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.signals import request_finished, request_started
from django.db import models
from django.db.models.functions import Lower
from django.db.models.signals import post_delete, post_save
from django.utils import timezone

from . import statements

# References appear in case addresses (/cases/<reference>/), so they keep to characters that
# need no escaping there.
REFERENCE_CHARACTERS = re.compile(r"[A-Za-z0-9._-]+")

# The council as read once in this request, for everything in it that names the council (the
# page header, a new case's reference, its acknowledgement). Never kept from one request to the
# next, so a change in Settings shows at once in every process.
_in_this_request: contextvars.ContextVar[dict | None] = contextvars.ContextVar("council", default=None)


class Council(models.Model):
    """The one council this installation serves."""

    name = models.CharField(max_length=200, default="Example Council")
    logo = models.ImageField(upload_to="council/", blank=True)
    financial_year_start_month = models.PositiveSmallIntegerField(
        default=4, help_text="The month the financial year starts: 4 for 1 April."
    )
    reference_format = models.CharField(
        max_length=60,
        default="{prefix}-{year}-{number:05d}",
        help_text="How case references look. {prefix} is the procedure or kind, {year} the "
        "year received and {number} the next number in that year.",
    )
    publication_threshold = models.PositiveSmallIntegerField(
        default=5,
        help_text="In published reports, counts from 1 up to one less than this are shown as "
        "'fewer than N' in equality and service-area tables, so no one can be identified.",
    )
    complaints_email = models.EmailField(blank=True)
    complaints_phone = models.CharField(max_length=40, blank=True)
    # The public form tells anyone at risk of harm to call these rather than fill it in.
    safeguarding_phone = models.CharField(max_length=40, blank=True)
    safeguarding_out_of_hours_phone = models.CharField(max_length=40, blank=True)
    # Blank: the standard text in statements.py, naming the council.
    privacy_notice = models.TextField(blank=True)
    accessibility_statement = models.TextField(blank=True)

    class Meta:
        verbose_name = "council"

    def __str__(self) -> str:
        return self.name

    @classmethod
    def current(cls) -> "Council":
        remembered = _in_this_request.get()
        if remembered is not None and "council" in remembered:
            return remembered["council"]
        council = cls.objects.order_by("pk").first() or cls.objects.create()
        if remembered is not None:
            remembered["council"] = council
        return council

    def financial_year_start(self, day):
        """The first day of the financial year that `day` falls in."""
        year = day.year if day.month >= self.financial_year_start_month else day.year - 1
        return day.replace(year=year, month=self.financial_year_start_month, day=1)

    def format_reference(self, prefix: str, year: int, number: int) -> str:
        return self.reference_format.format(prefix=prefix, year=year, number=number)

    def example_reference(self) -> str:
        return example_reference(self.reference_format)

    def privacy_notice_text(self) -> str:
        return self.privacy_notice or statements.standard_text(statements.PRIVACY_NOTICE, self)

    def accessibility_statement_text(self) -> str:
        return self.accessibility_statement or statements.standard_text(statements.ACCESSIBILITY_STATEMENT, self)


def _request_started(**kwargs) -> None:
    _in_this_request.set({})


def _request_finished(**kwargs) -> None:
    _in_this_request.set(None)


def _council_changed(**kwargs) -> None:
    remembered = _in_this_request.get()
    if remembered is not None:
        remembered.clear()


request_started.connect(_request_started, dispatch_uid="council-in-request")
request_finished.connect(_request_finished, dispatch_uid="council-after-request")
post_save.connect(_council_changed, sender=Council, dispatch_uid="council-saved")
post_delete.connect(_council_changed, sender=Council, dispatch_uid="council-deleted")


def financial_year(year: int) -> tuple[dt.date, dt.date]:
    """The first and last days of the financial year starting in `year`."""
    month = Council.current().financial_year_start_month
    return dt.date(year, month, 1), dt.date(year + 1, month, 1) - dt.timedelta(days=1)


def current_financial_year() -> int:
    """The year the current financial year starts in."""
    return Council.current().financial_year_start(timezone.localdate()).year


def financial_year_label(year: int) -> str:
    """How reports name the financial year starting in `year`: 2025/26."""
    return f"{year}/{str(year + 1)[-2:]}"


def example_reference(reference_format: str) -> str:
    """The reference the 123rd adult complaint this year would get, or ValidationError saying
    why the format cannot make references."""
    year = timezone.localdate().year
    try:
        example, next_one = (reference_format.format(prefix="ASC", year=year, number=n) for n in (123, 124))
    except (KeyError, IndexError, ValueError, AttributeError):
        raise ValidationError(
            "The reference format can only use {prefix}, {year} and {number}, like {prefix}-{year}-{number:05d}"
        ) from None
    if example == next_one:
        raise ValidationError("The reference format must include {number}, so that every reference is different")
    if not REFERENCE_CHARACTERS.fullmatch(example):
        raise ValidationError(
            f"References can only contain letters, numbers, hyphens, full stops and underscores, "
            f"but this format makes {example}"
        )
    if len(example) > 40:
        raise ValidationError("The reference format makes references longer than 40 characters")
    return example


class LookupList(models.TextChoices):
    METHOD = "method", "Methods of receipt"
    POINT_OF_RECEIPT = "point_of_receipt", "Points of receipt"
    RELATIONSHIP = "relationship", "Complainant relationships"
    CONCERN_CATEGORY = "concern_category", "Concern categories"
    CORPORATE_CONCERN_CATEGORY = "corporate_concern_category", "Corporate concern categories"
    COMPLIMENT_THEME = "compliment_theme", "Compliment themes"
    REMEDY_TYPE = "remedy_type", "Remedy types"
    PRIMARY_SUPPORT_REASON = "primary_support_reason", "Primary support reasons"
    ETHNICITY = "ethnicity", "Ethnicity categories"


# What each list is for, as the settings pages describe it.
LIST_DESCRIPTIONS = {
    LookupList.METHOD: "How a representation reached the council, such as email or letter",
    LookupList.POINT_OF_RECEIPT: "Where in the council it first arrived, such as a councillor or MP",
    LookupList.RELATIONSHIP: "How the complainant is related to the person receiving the service",
    LookupList.CONCERN_CATEGORY: "What complaints are about, in categories and subcategories",
    LookupList.CORPORATE_CONCERN_CATEGORY: "What complaints about the council's other services are about",
    LookupList.COMPLIMENT_THEME: "What compliments praise",
    LookupList.REMEDY_TYPE: "What the council did to put things right",
    LookupList.PRIMARY_SUPPORT_REASON: "The main reason a person receives adult social care, in groups",
    LookupList.ETHNICITY: "Ethnic groups and ethnicities from the 2021 census, for equality monitoring",
}

# Lists whose entries may have one level of children (category > subcategory, group > ethnicity).
NESTED_LISTS = {
    LookupList.CONCERN_CATEGORY,
    LookupList.CORPORATE_CONCERN_CATEGORY,
    LookupList.ETHNICITY,
    LookupList.PRIMARY_SUPPORT_REASON,
}


class LookupQuerySet(models.QuerySet):
    def of(self, list_name: str) -> "LookupQuerySet":
        return self.filter(list_name=list_name)

    def active(self) -> "LookupQuerySet":
        return self.filter(active=True)

    def top_level(self) -> "LookupQuerySet":
        return self.filter(parent__isnull=True)

    def in_list_order(self) -> list["Lookup"]:
        """Main entries by order, each followed by its own sub-entries."""
        children = defaultdict(list)
        for entry in self.select_related("parent"):
            children[entry.parent_id].append(entry)
        ordered = []
        for entry in sorted(children[None], key=Lookup.sort_key):
            ordered += [entry, *sorted(children[entry.pk], key=Lookup.sort_key)]
        return ordered


class Lookup(models.Model):
    """One entry in one of the council's lists, e.g. the method of receipt "Email"."""

    list_name = models.CharField(max_length=40, choices=LookupList.choices, db_index=True)
    label = models.CharField(max_length=200)
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT, related_name="children")
    active = models.BooleanField(default=True)
    order = models.PositiveIntegerField(default=0)

    objects = LookupQuerySet.as_manager()

    class Meta:
        ordering = ["list_name", "order", "label"]
        constraints = [
            models.UniqueConstraint(
                "list_name",
                Lower("label"),
                "parent",
                name="unique_lookup_label",
                condition=models.Q(parent__isnull=False),
            ),
            models.UniqueConstraint(
                "list_name",
                Lower("label"),
                name="unique_top_level_lookup_label",
                condition=models.Q(parent__isnull=True),
            ),
        ]

    def __str__(self) -> str:
        return self.path

    def sort_key(self) -> tuple[int, str]:
        return self.order, self.label.lower()

    @property
    def path(self) -> str:
        return f"{self.parent.label} > {self.label}" if self.parent_id else self.label

    @property
    def group_label(self) -> str:
        """The label reports use: "Group: label" for ethnicities in a census group."""
        if self.parent_id and self.list_name == LookupList.ETHNICITY:
            return f"{self.parent.label}: {self.label}"
        return self.path


class ServiceAreaQuerySet(models.QuerySet):
    def active(self) -> "ServiceAreaQuerySet":
        return self.filter(active=True)

    def managed_by(self, user) -> "ServiceAreaQuerySet":
        """Areas the user manages and every area beneath them."""
        managed = list(self.model.objects.filter(manager=user).values_list("path", flat=True))
        if not managed:
            return self.none()
        query = models.Q()
        for path in managed:
            query |= models.Q(path=path) | models.Q(path__startswith=path + " > ")
        return self.filter(query)

    def in_tree_order(self) -> list["ServiceArea"]:
        """Each area followed by the areas beneath it, siblings by order then name.

        Sorting on the stored path would not do: "Adults (North)" sorts between "Adults" and
        "Adults > Mental Health"."""
        children = defaultdict(list)
        for area in self:
            children[area.parent_id].append(area)
        ordered = []

        def add(parent_id):
            for area in sorted(children[parent_id], key=lambda a: (a.order, a.name.lower())):
                ordered.append(area)
                add(area.pk)

        add(None)
        return ordered


class ServiceArea(models.Model):
    """A directorate, division or team, as a tree."""

    name = models.CharField(max_length=200)
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT, related_name="children")
    # The full path ("Adult Services > Mental Health") is stored so that imports and
    # reports can match and group on it without walking the tree.
    path = models.CharField(max_length=600, unique=True, editable=False)
    manager = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="managed_service_areas",
    )
    default_procedure = models.ForeignKey(
        "procedures.Procedure",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The annual report that counts compliments, comments and enquiries about this area, "
        "unless the officer recording one chooses another. Blank: the area above's.",
    )
    active = models.BooleanField(default=True)
    order = models.PositiveIntegerField(default=0)

    objects = ServiceAreaQuerySet.as_manager()

    class Meta:
        ordering = ["path"]
        constraints = [
            models.UniqueConstraint(
                "parent", "name", name="unique_service_area_name", condition=models.Q(parent__isnull=False)
            ),
            models.UniqueConstraint(
                "name", name="unique_top_level_service_area_name", condition=models.Q(parent__isnull=True)
            ),
        ]

    def __str__(self) -> str:
        return self.path

    def save(self, *args, **kwargs) -> None:
        old_path = self.path
        self.path = f"{self.parent.path} > {self.name}" if self.parent_id else self.name
        super().save(*args, **kwargs)
        if old_path and old_path != self.path:
            for child in self.children.all():
                child.save()

    @property
    def depth(self) -> int:
        return self.path.count(" > ")

    def is_descendant_of(self, other: "ServiceArea") -> bool:
        return self.path.startswith(other.path + " > ")

    def report_procedure(self):
        """The procedure whose annual report counts a compliment, comment, enquiry or service
        request about this area (interchange 1.1): the area's own default, or the nearest
        default above it; None when no area on the way up has one."""
        area = self
        while area is not None:
            if area.default_procedure_id:
                return area.default_procedure
            area = area.parent
        return None


def report_procedures(areas) -> dict[int, tuple]:
    """For each area, (the procedure that counts its compliments, whether it comes from an
    area above), walking the tree in memory rather than one query per level."""
    by_pk = {area.pk: area for area in areas}
    found = {}
    for area in by_pk.values():
        above = area
        while above is not None and not above.default_procedure_id:
            above = by_pk.get(above.parent_id)
        found[area.pk] = (above.default_procedure if above else None, above is not None and above is not area)
    return found


# The list name a label alias has when it names a service area rather than a Lookup.
SERVICE_AREA_LIST = "service_area"


class LabelAlias(models.Model):
    """A label as another system writes it ("White British"), kept as meaning one of the
    council's own entries or service areas, so that the next import finds it instead of adding a
    near-duplicate to the list."""

    list_name = models.CharField(max_length=40)  # a LookupList, or SERVICE_AREA_LIST
    label = models.CharField(max_length=600)
    lookup = models.ForeignKey(Lookup, null=True, blank=True, on_delete=models.CASCADE, related_name="aliases")
    service_area = models.ForeignKey(
        ServiceArea, null=True, blank=True, on_delete=models.CASCADE, related_name="aliases"
    )
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name_plural = "label aliases"
        constraints = [
            models.UniqueConstraint("list_name", Lower("label"), name="unique_label_alias"),
            models.CheckConstraint(
                condition=models.Q(lookup__isnull=False, service_area__isnull=True)
                | models.Q(lookup__isnull=True, service_area__isnull=False),
                name="label_alias_means_one_thing",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.label} = {self.lookup or self.service_area}"
