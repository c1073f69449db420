"""Engine, sessions and the column types every model shares (UTC datetimes, naming convention)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from sqlalchemy import DateTime, Engine, MetaData, String, create_engine, event
from sqlalchemy.engine import Dialect, make_url
from sqlalchemy.orm import DeclarativeBase, Session, sessionmaker
from sqlalchemy.types import TypeDecorator

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class NaiveDatetimeError(ValueError):
    """A datetime without a zone reached the database boundary."""


class UTCDateTime(TypeDecorator[dt.datetime]):
    """An aware datetime stored as UTC.

    Naive datetimes are refused (we cannot know their zone). SQLite keeps no offset, so values are
    normalised to UTC before storing and given back their UTC zone when loaded.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: dt.datetime | None, dialect: Dialect) -> dt.datetime | None:
        if value is None:
            return None
        if not isinstance(value, dt.datetime):
            raise TypeError(f"expected a datetime, got {type(value).__name__}")
        if value.tzinfo is None or value.utcoffset() is None:
            raise NaiveDatetimeError(f"naive datetime {value.isoformat()} refused: give it a time zone")
        value = value.astimezone(dt.UTC)
        if dialect.name == "sqlite":
            return value.replace(tzinfo=None)
        return value

    def process_result_value(self, value: dt.datetime | None, dialect: Dialect) -> dt.datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=dt.UTC)
        return value.astimezone(dt.UTC)


class Flags(TypeDecorator[tuple[str, ...]]):
    """A short tuple of words ("year", "relative") stored as one comma-separated string."""

    impl = String(64)
    cache_ok = True

    def process_bind_param(self, value: tuple[str, ...] | None, dialect: Dialect) -> str:
        return ",".join(value or ())

    def process_result_value(self, value: str | None, dialect: Dialect) -> tuple[str, ...]:
        return tuple(word for word in (value or "").split(",") if word)


def insert_ignore(
    session: Session,
    table: Any,
    rows: Sequence[dict[str, Any]],
    *,
    index_elements: Sequence[str] | None = None,
    returning: Any = None,
) -> list[Any]:
    """``INSERT … ON CONFLICT DO NOTHING`` on SQLite and PostgreSQL: a row whose unique key is
    taken (by an earlier or a concurrent writer) is left alone. ``returning``: a column (or a
    tuple of columns, given back as tuples) for each row that was new (what was really inserted;
    rowcount is not reliable for it on PostgreSQL). Many rows go as one executemany
    (SQLAlchemy's "insertmanyvalues")."""
    if not rows:
        return []
    dialect = session.get_bind().dialect.name
    from sqlalchemy.dialects import postgresql, sqlite  # (deferred: CLI start-up)

    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    statement: Any = insert(table).on_conflict_do_nothing(index_elements=index_elements)
    if returning is None:
        session.connection().execute(statement, list(rows))
        return []
    columns = returning if isinstance(returning, tuple) else (returning,)
    statement = statement.returning(*columns)
    if len(rows) == 1:
        result = session.connection().execute(statement.values(rows[0]))
    else:
        result = session.connection().execute(statement, list(rows))
    if isinstance(returning, tuple):
        return [tuple(row) for row in result]
    return list(result.scalars())


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def make_engine(url: str, *, echo: bool = False, create: bool = True) -> Engine:
    """An engine for SQLite (foreign keys on; with ``create``, the file's folder is made) or
    PostgreSQL. Commands that only use a database pass ``create=False``: run from the wrong
    folder, they say where they looked instead of leaving an empty ``instance/`` behind."""
    parsed = make_url(url)
    kwargs: dict[str, Any] = {"echo": echo}
    if parsed.get_backend_name() == "sqlite":
        database = parsed.database
        if create and database and database != ":memory:":
            Path(database).parent.mkdir(parents=True, exist_ok=True)
        kwargs["connect_args"] = {"timeout": 30}
    else:
        kwargs["pool_pre_ping"] = True
    engine = create_engine(url, **kwargs)
    if parsed.get_backend_name() == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
    return engine


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    # With WAL, NORMAL keeps every commit safe from an application crash (what the delivery
    # records need) without an fsync per commit.
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.close()


def session_factory(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(bind=engine, expire_on_commit=False)
