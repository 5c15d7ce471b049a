"""The Ombudsman's published annual statistics for councils: importing the file and setting the
council beside its peers, as the best annual reports do."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.db import transaction

from redress.configuration.models import Council
from redress.imports.readers import FileProblems, RowError, Table, named_columns
from redress.imports.values import BadValue, parse_whole_number

from .models import OmbudsmanSettings, PeerStatistics

COUNTS = [
    "received",
    "upheld",
    "not_upheld",
    "closed_after_initial_enquiries",
    "referred_back",
    "incomplete_invalid",
    "advice_given",
]
RATES = ["upheld_rate", "compliance_rate", "satisfactory_remedy_rate"]
COLUMNS = ["council", "region", *COUNTS, *RATES]
REQUIRED = ["council", "received", "upheld", "not_upheld"]
# The names the Ombudsman's own spreadsheet uses, as they read once tidied.
ALIASES = {
    "authority": "council",
    "authority_name": "council",
    "organisation": "council",
    "complaints_and_enquiries_received": "received",
    "referred_back_for_local_resolution": "referred_back",
    "incomplete_or_invalid": "incomplete_invalid",
    "satisfactory_remedy_provided_by_authority": "satisfactory_remedy_rate",
}
IGNORED = {"authority_type", "organisation_type", "ons_code"}


def parse_rate(text: str) -> Decimal | None:
    """A percentage, as the Ombudsman publishes it: 71, 71.4 or 71%."""
    if not text:
        return None
    try:
        rate = Decimal(text.removesuffix("%").strip())
    except InvalidOperation:
        raise BadValue("must be a percentage, for example 71 or 71%") from None
    if not 0 <= rate <= 100:
        raise BadValue("must be a percentage between 0 and 100")
    return rate.quantize(Decimal("0.01"))


def import_statistics(table: Table, year: int) -> int:
    """Replace the year's statistics with the file's, all or nothing. Returns the rows kept."""
    names = named_columns(table, known=COLUMNS, required=REQUIRED, aliases=ALIASES, ignored=IGNORED)
    rows, seen, errors = [], {}, []
    for number, raw in table.rows():
        row = {names[k]: v for k, v in raw.items()}
        fields, failed = {"year": year, "council": row.get("council", ""), "region": row.get("region", "")}, False
        for column, parse in [*((c, _count) for c in COUNTS), *((c, parse_rate) for c in RATES)]:
            try:
                fields[column] = parse(row.get(column, ""))
            except BadValue as error:
                errors.append(RowError(number, column, row.get(column, ""), str(error)))
                failed = True
        for column in REQUIRED:
            if not row.get(column):
                errors.append(RowError(number, column, "", "is required"))
                failed = True
        council = fields["council"].casefold()
        if council and council in seen:
            errors.append(
                RowError(number, "council", fields["council"], f"appears twice (first on row {seen[council]})")
            )
            failed = True
        seen.setdefault(council, number)
        if failed:
            continue
        if fields["upheld_rate"] is None:
            investigated = fields["upheld"] + fields["not_upheld"]
            fields["upheld_rate"] = percentage(fields["upheld"], investigated) if investigated else Decimal(0)
        rows.append(PeerStatistics(**fields))
    if errors:
        raise FileProblems([str(e) for e in errors])
    if not rows:
        raise FileProblems(["The file has no councils in it"])
    with transaction.atomic():
        PeerStatistics.objects.filter(year=year).delete()
        PeerStatistics.objects.bulk_create(rows)
    return len(rows)


def _count(text: str) -> int | None:
    return parse_whole_number(text.replace(",", ""), 0, 10**7)


@dataclass
class PeerTable:
    year: int
    council: PeerStatistics | None
    peers: list[PeerStatistics]
    missing: list[str]  # chosen peers not in the statistics
    group: str  # in words, for the caption
    peer_upheld_rate: Decimal | None
    england_upheld_rate: Decimal | None
    looked_for: str

    @property
    def rows(self) -> list[PeerStatistics]:
        """The council among its peers, lowest upheld rate first."""
        rows = [*self.peers, *([self.council] if self.council else [])]
        return sorted(rows, key=lambda r: (r.upheld_rate, r.council))


def percentage(part: int, whole: int, places: str = "0.01") -> Decimal:
    return (Decimal(100 * part) / Decimal(whole)).quantize(Decimal(places), rounding=ROUND_HALF_UP)


def pooled_upheld_rate(rows) -> Decimal | None:
    upheld = sum(r.upheld for r in rows)
    investigated = sum(r.investigated for r in rows)
    return percentage(upheld, investigated, "0.1") if investigated else None


def peer_table(year: int) -> PeerTable | None:
    """The council beside its chosen peer group in a year's statistics; None with no statistics."""
    everyone = list(PeerStatistics.objects.filter(year=year))
    if not everyone:
        return None
    settings = OmbudsmanSettings.current()
    name = settings.statistics_name or Council.current().name
    by_name = {row.council.casefold(): row for row in everyone}
    council = by_name.get(name.casefold())
    if settings.peer_group == "chosen":
        wanted = settings.peer_names()
        peers = [by_name[n.casefold()] for n in wanted if n.casefold() in by_name and n.casefold() != name.casefold()]
        missing = [n for n in wanted if n.casefold() not in by_name]
        group = "nearest neighbours"
    else:
        region = council.region if council else ""
        peers = [r for r in everyone if region and r.region == region and r is not council]
        missing, group = [], f"other councils in {region}" if region else "other councils in the region"
    return PeerTable(
        year=year,
        council=council,
        peers=peers,
        missing=missing,
        group=group,
        peer_upheld_rate=pooled_upheld_rate(peers),
        england_upheld_rate=pooled_upheld_rate(everyone),
        looked_for=name,
    )
