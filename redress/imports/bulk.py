"""Writing many rows quickly: one prepared INSERT run with executemany.

Django's bulk_create prepares every value of every row through the field API and, on SQLite,
splits the work into statements of a few dozen rows. For imports of a million rows that is most
of the time spent, so rows are written here with the database driver directly. Only plain
values are handled: the caller has already checked and converted every cell.
"""

from __future__ import annotations

from decimal import Decimal

from django.db import connection, models


class RowWriter:
    def __init__(self, model: type[models.Model]):
        self.fields = [f for f in model._meta.concrete_fields if not f.primary_key]
        self.defaults = {f.attname: f.get_default() for f in self.fields}
        names = ", ".join(connection.ops.quote_name(f.column) for f in self.fields)
        marks = ", ".join(["%s"] * len(self.fields))
        # Table and column names come from the model, quoted by the backend: no user input.
        self.sql = f"INSERT INTO {connection.ops.quote_name(model._meta.db_table)} ({names}) VALUES ({marks})"  # noqa: S608
        ops = connection.ops
        self.adapters = []
        for field in self.fields:
            kind = field.get_internal_type()
            if kind == "DateField":
                self.adapters.append(ops.adapt_datefield_value)
            elif kind == "DateTimeField":
                self.adapters.append(ops.adapt_datetimefield_value)
            elif kind == "DecimalField":
                self.adapters.append(
                    lambda v, f=field: (
                        None if v is None else ops.adapt_decimalfield_value(Decimal(v), f.max_digits, f.decimal_places)
                    )
                )
            else:
                self.adapters.append(None)

    def write(self, rows: list[dict]) -> None:
        attnames = [f.attname for f in self.fields]
        values = []
        for row in rows:
            record = []
            for name, adapt in zip(attnames, self.adapters):
                value = row.get(name, self.defaults[name])
                # Strings are already in the database's form (e.g. a timestamp adapted once per batch).
                record.append(adapt(value) if adapt and value is not None and not isinstance(value, str) else value)
            values.append(record)
        with connection.cursor() as cursor:
            cursor.executemany(self.sql, values)
