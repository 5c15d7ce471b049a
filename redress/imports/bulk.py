"""Writing many rows quickly, with the database driver directly.

Django's bulk_create prepares every value of every row through the field API and, on SQLite,
splits the work into statements of a few dozen rows. For imports of a million rows that is most
of the time spent. Here SQLite runs one prepared INSERT with executemany, and PostgreSQL takes
the rows with COPY FROM STDIN, which is many times faster than row-by-row INSERTs. Only plain
values are handled: the caller has already checked and converted every cell.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from decimal import Decimal
from operator import itemgetter

from django.db import connection, models


class RowWriter:
    def __init__(self, model: type[models.Model]):
        # Every column but an id the database issues (a one-to-one primary key is written).
        self.fields = [f for f in model._meta.concrete_fields if not isinstance(f, models.AutoField)]
        self.attnames = [f.attname for f in self.fields]
        self.defaults = {f.attname: f.get_default() for f in self.fields}
        ops = connection.ops
        self.copy = connection.vendor == "postgresql"
        table = ops.quote_name(model._meta.db_table)
        pk = model._meta.pk
        self.db_table, self.pk_name = model._meta.db_table, pk.column
        self.pk_column = ops.quote_name(pk.column)
        self.names = ", ".join(ops.quote_name(f.column) for f in self.fields)
        marks = ", ".join(["%s"] * len(self.fields))
        # Table and column names come from the model, quoted by the backend: no user input.
        self.sql = f"INSERT INTO {table} ({self.names}) VALUES ({marks})"  # noqa: S608
        self.table = table
        self.adapters = []
        for field in self.fields:
            kind = field.get_internal_type()
            if kind == "DateField" and not self.copy:
                self.adapters.append(ops.adapt_datefield_value)
            elif kind == "DateTimeField" and not self.copy:
                self.adapters.append(ops.adapt_datetimefield_value)
            elif kind == "DecimalField":
                self.adapters.append(
                    lambda v, f=field: (
                        None if v is None else ops.adapt_decimalfield_value(Decimal(v), f.max_digits, f.decimal_places)
                    )
                )
            else:
                # PostgreSQL's COPY writes dates and times itself (psycopg's own adapters).
                self.adapters.append(None)

    def _records(self, rows: list[dict]) -> list[list]:
        defaults = self.defaults
        pick = itemgetter(*self.attnames)
        if len(self.attnames) == 1:
            pick = lambda values, one=pick: (one(values),)  # noqa: E731
        adapting = [(i, adapt) for i, adapt in enumerate(self.adapters) if adapt]
        values = []
        for row in rows:
            record = list(pick({**defaults, **row}))
            for i, adapt in adapting:
                value = record[i]
                # Strings are already in the database's form (e.g. a timestamp adapted once per batch).
                if value is not None and not isinstance(value, str):
                    record[i] = adapt(value)
            values.append(record)
        return values

    def write(self, rows: list[dict], *, with_ids: bool = False) -> list[int] | None:
        """Write the rows; with_ids, return their new primary keys in the same order, where the
        database can give them without looking the rows up again (PostgreSQL: taken from the
        table's sequence beforehand). Otherwise None."""
        if not rows:
            return [] if with_ids and self.copy else None
        values = self._records(rows)
        with connection.cursor() as cursor:
            if not self.copy:
                cursor.executemany(self.sql, values)
                return None
            ids = None
            columns = self.names
            if with_ids:
                cursor.execute(
                    "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
                    [self.db_table, self.pk_name, len(values)],
                )
                ids = [pk for (pk,) in cursor.fetchall()]
                columns = f"{self.pk_column}, {columns}"
                values = [[pk, *record] for pk, record in zip(ids, values)]
            with cursor.copy(f"COPY {self.table} ({columns}) FROM STDIN") as copy:
                for record in values:
                    copy.write_row(record)
            return ids


def find_rows(model: type[models.Model], field: str, values: list, *wanted: str) -> list[tuple]:
    """The `wanted` columns of the rows whose `field` is one of `values`, in one indexed query
    however many values there are, without the work Django's `__in` does for each value."""
    ops, meta = connection.ops, model._meta
    columns = ", ".join(ops.quote_name(meta.get_field(name).column) for name in wanted)
    column = ops.quote_name(meta.get_field(field).column)
    # Names come from the model, quoted by the backend; the values are one parameter.
    if connection.vendor == "postgresql":
        condition, parameter = "= ANY(%s)", list(values)
    else:
        condition, parameter = "IN (SELECT value FROM json_each(%s))", json.dumps(list(values))
    sql = f"SELECT {columns} FROM {ops.quote_name(meta.db_table)} WHERE {column} {condition}"  # noqa: S608
    with connection.cursor() as cursor:
        cursor.execute(sql, [parameter])
        return cursor.fetchall()


@contextmanager
def checked_as_written() -> Iterator[None]:
    """Foreign keys checked as each batch is written rather than all at the commit (PostgreSQL
    defers Django's to the commit): a million rows' checks would otherwise all wait for the end,
    with the progress bar stopped at 100% and the database holding every pending check in memory.
    The rows are written in the order they refer to each other, so nothing needs the deferral."""
    if connection.vendor != "postgresql":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    yield
    # Back to Django's own (every deferrable constraint is a foreign key, deferred) for whatever
    # else the surrounding transaction does; after an error the transaction is rolled back anyway.
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL DEFERRED")
