"""The database going away in the middle of a request, as tests simulate it."""

from unittest import mock

from django.db import OperationalError, connection


def lock_writes(execute, sql, params, many, context):
    """For connection.execute_wrapper: a SQLite file another process holds, once its timeout has
    passed. Reads work; writes fail."""
    if sql.lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE")):
        raise OperationalError("database is locked")
    return execute(sql, params, many, context)


def database_down():
    """The database server stopped or unreachable: no query gets a connection."""
    refused = OperationalError("connection to server failed: Connection refused")
    return mock.patch.object(connection, "ensure_connection", side_effect=refused)
