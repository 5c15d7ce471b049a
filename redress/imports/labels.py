"""Matching the labels in an import to the council's lists, adding new ones unless strict.

A label the council has said means one of its own entries (a LabelAlias, kept from an earlier
import's preview or a mapping file) is looked up first, so "White British" finds the census
category instead of becoming a second one."""

import csv
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from django.db import transaction

from redress.configuration.models import SERVICE_AREA_LIST, LabelAlias, Lookup, LookupList, ServiceArea

from .values import BadValue

SERVICE_AREAS = "Service areas"  # how the import's report names new service areas
# Lists whose main entries and sub-entries are different things (a concern's category and its
# subcategory), so a label may only mean an entry at its own level.
LEVELLED_LISTS = {LookupList.CONCERN_CATEGORY, LookupList.CORPORATE_CONCERN_CATEGORY}


class Labels:
    """Looks labels up in memory; new ones are created in the import's own transaction, so a
    failed or dry run leaves the council's lists as they were."""

    def __init__(self, strict: bool):
        self.strict = strict
        self.new: dict[str, list[str]] = defaultdict(list)
        self._lookups: dict[tuple[str, int | None, str], int] = {}
        for pk, list_name, label, parent_id, parent_label in Lookup.objects.values_list(
            "pk", "list_name", "label", "parent_id", "parent__label"
        ):
            self._lookups[(list_name, parent_id, label.lower())] = pk
            if parent_id and list_name == LookupList.ETHNICITY:
                # "White: Irish" is how census categories are written in most exports.
                self._lookups[(list_name, None, f"{parent_label}: {label}".lower())] = pk
        self._areas = {path.lower(): pk for pk, path in ServiceArea.objects.values_list("pk", "path")}
        self._paths = {pk: path for path, pk in self._areas.items()}
        self._aliases = {
            (list_name, label.lower()): lookup_id or area_id
            for list_name, label, lookup_id, area_id in LabelAlias.objects.values_list(
                "list_name", "label", "lookup_id", "service_area_id"
            )
        }

    def lookup(self, list_name: str, label: str, parent: int | None = None, shown_as: str = "") -> int:
        alias = self._aliases.get((list_name, (shown_as or label).lower()))
        if alias:
            return alias
        key = (list_name, parent, label.lower())
        if key in self._lookups:
            return self._lookups[key]
        list_label = LookupList(list_name).label
        if self.strict:
            raise BadValue(f"is not in the council's {list_label.lower()} (strict mode: add it in Settings first)")
        entry = Lookup.objects.create(list_name=list_name, label=label, parent_id=parent, order=1000)
        self._lookups[key] = entry.pk
        self.new[list_label].append(shown_as or label)
        return entry.pk

    def _area(self, path: str) -> int | None:
        return self._aliases.get((SERVICE_AREA_LIST, path.lower())) or self._areas.get(path.lower())

    def service_area(self, path: str) -> int:
        names = [name.strip() for name in path.split(">")]
        if any(not name for name in names):
            raise BadValue("must be service area names joined by ' > ', for example Adult Services > Mental Health")
        path = " > ".join(names)
        found = self._area(path)
        if found:
            return found
        if self.strict:
            raise BadValue("is not one of the council's service areas (strict mode: add it in Settings first)")
        parent = None
        for depth in range(1, len(names) + 1):
            partial = " > ".join(names[:depth])
            pk = self._area(partial)
            if pk is None and parent is not None:
                # Under an area reached through an alias, the team may already be there by name.
                pk = self._areas.get(f"{self._paths[parent]} > {names[depth - 1]}".lower())
            if pk is None:
                area = ServiceArea.objects.create(name=names[depth - 1], parent_id=parent)
                self._areas[area.path.lower()] = self._areas[partial.lower()] = pk = area.pk
                self._paths[pk] = area.path.lower()
                self.new[SERVICE_AREAS].append(partial)
            parent = pk
        return parent


# The lists an import may add to, by the name its report gives them, and the other way round.
LIST_NAMES = {choice.label: choice.value for choice in LookupList} | {SERVICE_AREAS: SERVICE_AREA_LIST}


# One entry of each list, as the preview names it: "Add as a new ethnicity category".
ITEM_NAMES = {
    LookupList.METHOD: "method of receipt",
    LookupList.POINT_OF_RECEIPT: "point of receipt",
    LookupList.RELATIONSHIP: "complainant relationship",
    LookupList.CONCERN_CATEGORY: "concern category",
    LookupList.CORPORATE_CONCERN_CATEGORY: "corporate concern category",
    LookupList.COMPLIMENT_THEME: "compliment theme",
    LookupList.REMEDY_TYPE: "remedy type",
    LookupList.PRIMARY_SUPPORT_REASON: "primary support reason",
    LookupList.ETHNICITY: "ethnicity category",
    SERVICE_AREA_LIST: "service area",
}


def entries_for(list_name: str, label: str = "") -> list[tuple[int, str]]:
    """The council's entries a label in this list may be mapped onto, as (pk, how it is shown)."""
    if list_name == SERVICE_AREA_LIST:
        return [(area.pk, area.path) for area in ServiceArea.objects.active().in_tree_order()]
    entries = Lookup.objects.of(list_name).active().in_list_order()
    if list_name in LEVELLED_LISTS:
        sub_entry = " > " in label
        entries = [entry for entry in entries if bool(entry.parent_id) == sub_entry]
    return [(entry.pk, entry.group_label) for entry in entries]


def keep_alias(list_name: str, label: str, pk: int) -> LabelAlias:
    """Remember that `label` in this list means the entry (or service area) `pk` from now on."""
    target = {"service_area_id": pk, "lookup_id": None}
    if list_name != SERVICE_AREA_LIST:
        target = {"lookup_id": pk, "service_area_id": None}
    alias = LabelAlias.objects.filter(list_name=list_name, label__iexact=label).first()
    if alias is None:
        return LabelAlias.objects.create(list_name=list_name, label=label, **target)
    for name, value in target.items():
        setattr(alias, name, value)
    alias.save()
    return alias


class MappingFileError(Exception):
    def __init__(self, problems: list[str]):
        super().__init__("; ".join(problems))
        self.problems = problems


@dataclass
class Mapping:
    list_name: str
    label: str
    pk: int


MAPPING_COLUMNS = ["list", "label", "means"]


def read_mapping(path: Path | str) -> list[Mapping]:
    """The rows of a mapping file (CSV, columns list,label,means), each checked against the
    council's lists; MappingFileError names every bad row by its number."""
    try:
        with open(path, newline="", encoding="utf-8-sig") as handle:
            rows = list(csv.DictReader(handle))
            columns = [c.strip().lower() for c in (rows[0].keys() if rows else [])]
    except (OSError, UnicodeDecodeError, csv.Error) as error:
        raise MappingFileError([f"The mapping file cannot be read as UTF-8 CSV: {error}"]) from None
    if not rows:
        raise MappingFileError(["The mapping file has no rows: it needs the columns list,label,means and a row each"])
    missing = [c for c in MAPPING_COLUMNS if c not in columns]
    if missing:
        raise MappingFileError(
            [f"The mapping file is missing the column(s) {', '.join(missing)}: it needs list,label,means"]
        )
    lists = {value: value for value in LIST_NAMES.values()} | {
        name.lower(): value for name, value in LIST_NAMES.items()
    }
    mappings, problems = [], []
    for number, row in enumerate(rows, start=2):  # row 1 is the header
        row = {(k or "").strip().lower(): (v or "").strip() for k, v in row.items() if k}
        list_name = lists.get(row["list"].lower().replace(" ", "_")) or lists.get(row["list"].lower())
        if not list_name:
            known = ", ".join(sorted(LIST_NAMES.values()))
            problems.append(f"Row {number}: list '{row['list']}' is not one of {known}")
            continue
        if not row["label"]:
            problems.append(f"Row {number}: label is empty: give the label as the file writes it")
            continue
        pk = _entry_meant(list_name, row["label"], row["means"])
        if pk is None:
            problems.append(
                f"Row {number}: means '{row['means']}' is not one of the council's {_list_title(list_name)}"
                + (" at the same level as the label" if list_name in LEVELLED_LISTS else "")
            )
            continue
        mappings.append(Mapping(list_name, row["label"], pk))
    if problems:
        raise MappingFileError(problems)
    return mappings


def _list_title(list_name: str) -> str:
    return SERVICE_AREAS.lower() if list_name == SERVICE_AREA_LIST else LookupList(list_name).label.lower()


def _entry_meant(list_name: str, label: str, means: str) -> int | None:
    """The entry `means` names, written as the settings show it ("White: Irish", "Category >
    Subcategory", "Adult Services > Mental Health") or by its own label when that is unique."""
    wanted = " ".join(means.split()).lower()
    if not wanted:
        return None
    if list_name == SERVICE_AREA_LIST:
        wanted = " > ".join(part.strip() for part in wanted.split(">"))
    entries = entries_for(list_name, label)
    exact = [pk for pk, shown in entries if shown.lower() == wanted]
    if exact:
        return exact[0]
    if list_name == SERVICE_AREA_LIST:
        return None
    by_label = [
        entry.pk for entry in Lookup.objects.filter(pk__in=[pk for pk, _ in entries], label__iexact=means.strip())
    ]
    return by_label[0] if len(by_label) == 1 else None


def keep_mappings(mappings: list[Mapping]) -> None:
    with transaction.atomic():
        for mapping in mappings:
            keep_alias(mapping.list_name, mapping.label, mapping.pk)
