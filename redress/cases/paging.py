"""The case list a page at a time, without counting or skipping over a million cases.

Next and Previous carry the case a page ends or starts at (`?after=` and `?before=` its id), and
the next page is the cases beyond that case's place in the list's order, read from an index. A
page number (`?page=N`, from older links) still works for the first MAX_PAGE pages. The count
is exact up to COUNT_UP_TO and said as "more than" beyond it."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q

PER_PAGE = 25
COUNT_UP_TO = 1_000
MAX_PAGE = 1_000  # by number; Next goes on from there


class BadPageLink(ValueError):
    """An ?after= or ?before= that names no case in the list."""


@dataclass
class CasePage:
    cases: list
    previous: str | None  # the query string of the page before; None on the first page
    next: str | None
    count: int | None  # how many cases match, or None for more than COUNT_UP_TO
    number: int | None = None  # when asked for by number

    @property
    def more_than(self) -> int:
        return COUNT_UP_TO


def _columns(order: tuple[str, ...]) -> list[tuple[str, bool]]:
    return [(name.lstrip("-"), name.startswith("-")) for name in order]


def _beyond(columns: list[tuple[str, bool]], values) -> Q:
    """The rows after these values in this order: (a > A) or (a = A and (b > B or ...)), with
    a >= A as well so that the database reads the index from A rather than from the start."""
    condition = None
    for (path, descending), value in reversed(list(zip(columns, values))):
        past = Q(**{f"{path}__{'lt' if descending else 'gt'}": value})
        condition = past if condition is None else past | (Q(**{path: value}) & condition)
    path, descending = columns[0]
    return Q(**{f"{path}__{'lte' if descending else 'gte'}": values[0]}) & condition


def _anchor(cases, value: str, columns) -> tuple:
    if not value.isdigit() or len(value) > 18:
        raise BadPageLink(value)
    values = cases.filter(pk=int(value)).values_list(*(path for path, _ in columns)).first()
    if values is None:
        raise BadPageLink(value)
    return values


def case_page(cases, order: tuple[str, ...], params, visible) -> CasePage:
    """One page of these cases in this order, as `params` (the request's GET) asks: after or
    before a case among `visible` (the cases the person may see, which the page's rows are read
    from), or by page number."""
    order = tuple(order) if order[-1].lstrip("-") == "pk" else (*order, "-pk")
    columns = _columns(order)
    links = params.copy()
    for name in ("page", "after", "before"):
        links.pop(name, None)

    def link(**key) -> str:
        query = links.copy()
        query.update(key)
        return query.urlencode()

    ids = cases.values_list("pk", flat=True)
    number = None
    backwards = False
    if params.get("after"):
        ids = ids.filter(_beyond(columns, _anchor(visible, params["after"], columns))).order_by(*order)
        found, more = _take(ids, 0)
        has_previous = True
    elif params.get("before"):
        backwards = True
        reverse = [(path, not descending) for path, descending in columns]
        back_order = [f"{'-' if descending else ''}{path}" for path, descending in reverse]
        ids = ids.filter(_beyond(reverse, _anchor(visible, params["before"], columns))).order_by(*back_order)
        found, more = _take(ids, 0)
        found.reverse()
        has_previous = more
    else:
        number = _number(params.get("page"))
        found, more = _take(ids.order_by(*order), (number - 1) * PER_PAGE)
        has_previous = number > 1
    has_next = True if backwards else more
    rows = visible.in_bulk(found)  # by id alone: the filters were applied to find them
    page_cases = [rows[pk] for pk in found if pk in rows]
    return CasePage(
        cases=page_cases,
        previous=(link(before=found[0]) if found else links.urlencode()) if has_previous else None,
        next=link(after=found[-1]) if has_next and found else None,
        count=_count(cases),
        number=number,
    )


def _take(ids, offset: int) -> tuple[list[int], bool]:
    found = list(ids[offset : offset + PER_PAGE + 1])
    return found[:PER_PAGE], len(found) > PER_PAGE


def _number(value) -> int:
    try:
        number = int(value or 1)
    except ValueError:
        return 1
    return min(max(number, 1), MAX_PAGE)


def _count(cases) -> int | None:
    """How many, counting no further than COUNT_UP_TO + 1 rows."""
    counted = cases.order_by().values("pk")[: COUNT_UP_TO + 1].count()
    return counted if counted <= COUNT_UP_TO else None
