"""Writing a new row and the rows that hang off it in one database round trip.

On PostgreSQL the rows go in as one statement (data-modifying common table expressions). A
statement is atomic on its own, so outside a transaction it commits by itself: a grievance then
costs one round trip instead of BEGIN, four INSERTs and COMMIT, and the statement is prepared on
the server once per connection. Outside a transaction, the rows of concurrent calls in one
process are also committed together (redress.core.groupcommit). Other databases (SQLite) save
the rows one by one in a transaction, which writes the same rows."""

from __future__ import annotations

import datetime as dt
import functools
import itertools
import threading
from collections.abc import Callable, Sequence
from typing import Any

import psycopg
from django.conf import settings
from django.db import DataError, IntegrityError, connections, models, router, transaction
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models import Field, ForeignKey, Model

from redress.core.groupcommit import GroupCommit

Shape = tuple[type[Model], tuple[type[Model], ...]]


def insert_together(parent: Model, children: Sequence[Model]) -> None:
    """Insert `parent` and `children`, all new, all or none. Each child has one foreign key to
    the parent's model, which is pointed at the parent. Sets their primary keys, like save().
    Sends no save signals (as bulk_create); nothing in redress listens for these rows'."""
    alias = router.db_for_write(type(parent), instance=parent)
    connection = connections[alias]
    links = [_link(type(child), type(parent)) for child in children]
    for child, link in zip(children, links, strict=True):
        setattr(child, link.name, parent)
    if connection.vendor != "postgresql":
        with transaction.atomic(using=alias):
            parent.save(using=alias, force_insert=True)
            for child in children:
                child.save(using=alias, force_insert=True)
        return
    rows = _Rows(parent, children, connection)
    if not connection.get_autocommit():
        # Inside the caller's transaction, and in a savepoint, so that a failure (a reused
        # idempotency key) leaves that transaction usable, as a nested atomic block would.
        with transaction.atomic(using=alias):
            _write(connection, [rows])
            rows.raise_error()
    elif settings.REDRESS_GROUP_COMMIT:
        _group_commit(alias).submit(rows)
    else:
        _write(connection, [rows])
    rows.raise_error()
    for instance, pk in zip((parent, *children), rows.ids, strict=True):
        instance.pk = pk
        instance._state.adding = False
        instance._state.db = alias
    for child, link in zip(children, links, strict=True):
        # As save() does once the parent has its key: sets the id, keeps the cached parent.
        setattr(child, link.name, parent)


class _Rows:
    """One call's rows: their values in statement order, and then their ids or the error."""

    def __init__(
        self, parent: Model, children: Sequence[Model], connection: BaseDatabaseWrapper
    ) -> None:
        self.shape: Shape = (type(parent), tuple(type(child) for child in children))
        fields = _statement((self.shape,)).fields[0]
        self.params: list[Any] = []
        for instance, instance_fields in zip((parent, *children), fields, strict=True):
            self.params += _values(instance, instance_fields, connection)
        self.ids: tuple[Any, ...] = ()
        self.error: BaseException | None = None

    def raise_error(self) -> None:
        if self.error is not None:
            raise self.error


def _write(connection: BaseDatabaseWrapper, batch: list[_Rows]) -> None:
    """Write a batch in one statement, recording each call's ids. A statement that breaks a
    constraint writes nothing; then each call is written on its own, so that it fails alone
    and the others succeed. Raises only while nothing has been written."""
    # Calls of the same shape next to each other: fewer distinct statements to prepare.
    batch = sorted(batch, key=lambda rows: len(rows.shape[1]))
    statement = _statement(tuple(rows.shape for rows in batch))
    try:
        ids = _execute_prepared(
            connection, statement.sql, [param for rows in batch for param in rows.params]
        )
    except (IntegrityError, DataError) as error:
        if len(batch) == 1:
            batch[0].error = error
            return
        for rows in batch:
            try:
                _write(connection, [rows])
            except Exception as single_error:
                rows.error = single_error
        return
    start = 0
    for rows, fields in zip(batch, statement.fields, strict=True):
        rows.ids = ids[start : start + len(fields)]
        start += len(fields)


_group_commits: dict[str, GroupCommit[_Rows]] = {}
_group_commits_lock = threading.Lock()


def _group_commit(alias: str) -> GroupCommit[_Rows]:
    with _group_commits_lock:
        group = _group_commits.get(alias)
        if group is None:
            # The batch is written on the connection of the thread that leads it.
            group = GroupCommit(lambda batch: _write(connections[alias], batch))
            _group_commits[alias] = group
        return group


class _Statement:
    def __init__(self, sql: str, fields: list[list[list[Field]]]) -> None:
        self.sql = sql
        # Per call, per table (the parent first): the columns filled from parameters, in order.
        self.fields = fields


@functools.cache
def _link(child: type[Model], parent: type[Model]) -> ForeignKey:
    links = [
        field
        for field in child._meta.concrete_fields
        if isinstance(field, ForeignKey) and field.related_model is parent
    ]
    if len(links) != 1:
        raise ValueError(f"{child.__name__} needs exactly one foreign key to {parent.__name__}")
    return links[0]


def _insert_fields(model: type[Model]) -> list[Field]:
    """The columns an INSERT names: all but an automatic primary key (as save() does)."""
    return [
        field
        for field in model._meta.local_concrete_fields
        if not (field.primary_key and field.db_returning)
    ]


@functools.lru_cache(maxsize=64)
def _statement(shapes: tuple[Shape, ...]) -> _Statement:
    """One INSERT ... RETURNING per table and call, chained by data-modifying CTEs: the
    children take their parent's new id from the CTE that inserted it."""

    def quote(name: str | None) -> str:
        assert name is not None  # only concrete fields and tables are named here
        return '"' + name.replace('"', '""') + '"'

    placeholders = (f"${number}" for number in itertools.count(1))
    parts: list[str] = []
    names: list[str] = []
    fields: list[list[list[Field]]] = []
    for call, (parent, children) in enumerate(shapes):
        parent_name = f"p{call}"
        call_fields = [_insert_fields(parent)]
        columns = [quote(f.column) for f in call_fields[0]]
        values = [next(placeholders) for _ in call_fields[0]]
        tables = [(parent_name, parent, columns, values)]
        for index, child in enumerate(children):
            link = _link(child, parent)
            child_fields = [f for f in _insert_fields(child) if f is not link]
            call_fields.append(child_fields)
            columns = [quote(link.column), *(quote(f.column) for f in child_fields)]
            values = [f"(SELECT * FROM {parent_name})", *(next(placeholders) for _ in child_fields)]
            tables.append((f"c{call}_{index}", child, columns, values))
        for name, model, columns, values in tables:
            pk = quote(model._meta.pk.column)
            parts.append(
                f"{name} AS (INSERT INTO {quote(model._meta.db_table)} ({', '.join(columns)}) "
                f"VALUES ({', '.join(values)}) RETURNING {pk})"
            )
            names.append(name)
        fields.append(call_fields)
    selected = ", ".join(f"(SELECT * FROM {name})" for name in names)
    return _Statement(f"WITH {', '.join(parts)} SELECT {selected}", fields)


def _values(instance: Model, fields: list[Field], connection: BaseDatabaseWrapper) -> list[Any]:
    # The same conversions as save(): pre_save fills auto_now fields, get_db_prep_save adapts.
    # Values that the latter would return unchanged skip its five calls deep: most of a
    # grievance's sixty values are plain text, times and NULLs.
    values = []
    for field in fields:
        value = field.pre_save(instance, True)
        unchanged = _UNCHANGED.get(type(field))
        if unchanged is None or not unchanged(value):
            value = field.get_db_prep_save(value, connection)
        values.append(value)
    return values


def _text(value: object) -> bool:
    return value is None or type(value) is str


# Per field class (exact classes only: a subclass may convert), when get_db_prep_save returns
# the value itself on PostgreSQL: to_python is the identity for it and the backend does not
# adapt it. Checked against save() by redress/cases/tests/test_submission_fastpath.py.
_UNCHANGED: dict[type[Field], Callable[[object], bool]] = {
    models.CharField: _text,
    models.TextField: _text,
    models.SlugField: _text,
    models.URLField: _text,
    models.BooleanField: lambda value: type(value) is bool,
    models.FloatField: lambda value: value is None or type(value) is float,
    models.DateTimeField: lambda value: (
        value is None or (type(value) is dt.datetime and value.utcoffset() is not None)
    ),
    models.ForeignKey: lambda value: value is None,
}


def _execute_prepared(connection: BaseDatabaseWrapper, sql: str, params: list[Any]) -> tuple:
    # What connection.cursor() does, with another kind of cursor.
    connection.close_if_health_check_failed()
    connection.ensure_connection()
    connection.validate_thread_sharing()
    # Django's wrapper: database errors become django.db errors (IntegrityError), and the
    # statement is logged and counted like any other query.
    raw: Any = _prepared_cursor(connection)
    cursor = (
        connection.make_debug_cursor(raw)
        if connection.queries_logged
        else connection.make_cursor(raw)
    )
    cursor.execute(sql, params)
    row = cursor.fetchone()
    assert row is not None
    return tuple(row)


def _prepared_cursor(connection: BaseDatabaseWrapper) -> _PreparedCursor:
    """One cursor per database connection, kept open: a cursor learns how to send each type
    of value the first time it meets it, and a fresh cursor per grievance would relearn the
    sixty values' types every time."""
    cursor: _PreparedCursor | None = getattr(connection, "_redress_prepared_cursor", None)
    if cursor is None or cursor.closed or cursor.connection is not connection.connection:
        cursor = _PreparedCursor(connection.connection)
        connection._redress_prepared_cursor = cursor  # type: ignore[attr-defined]
    return cursor


class _PreparedCursor(psycopg.RawCursor[Any]):
    """Server-side binding with PostgreSQL's own $n placeholders: psycopg neither rewrites the
    query text on every call (it does not cache that for queries with over 50 parameters) nor
    quotes the values into it, as Django's client-side cursor does; and the statement is
    prepared on first use, unless the connection's prepare_threshold is None (the setting
    REDRESS_DB_PREPARE=0, and Django's default)."""

    def execute(self, query: Any, params: Any = None, **kwargs: Any) -> Any:
        return super().execute(query, params, prepare=True, **kwargs)
