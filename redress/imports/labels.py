"""Matching the labels in an import to the council's lists, adding new ones unless strict."""

from collections import defaultdict

from redress.configuration.models import Lookup, LookupList, ServiceArea

from .values import BadValue


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

    def lookup(self, list_name: str, label: str, parent: int | None = None, shown_as: str = "") -> int:
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

    def service_area(self, path: str) -> int:
        names = [name.strip() for name in path.split(">")]
        if any(not name for name in names):
            raise BadValue("must be service area names joined by ' > ', for example Adult Services > Mental Health")
        path = " > ".join(names)
        if path.lower() in self._areas:
            return self._areas[path.lower()]
        if self.strict:
            raise BadValue("is not one of the council's service areas (strict mode: add it in Settings first)")
        parent = None
        for depth in range(1, len(names) + 1):
            partial = " > ".join(names[:depth])
            if partial.lower() not in self._areas:
                area = ServiceArea.objects.create(name=names[depth - 1], parent_id=parent)
                self._areas[partial.lower()] = area.pk
                self.new["Service areas"].append(partial)
            parent = self._areas[partial.lower()]
        return parent
