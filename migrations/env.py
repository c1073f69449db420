"""Alembic environment: the database URL comes from newsfeed's own configuration."""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection

from newsfeed.adapters import models  # noqa: F401  (registers every table on the metadata)
from newsfeed.adapters.db import Base, make_engine
from newsfeed.config import load_config

config = context.config
target_metadata = Base.metadata


def _run(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    url = config.get_main_option("sqlalchemy.url") or load_config().database_url
    engine = make_engine(url)
    with engine.connect() as conn:
        if conn.dialect.name == "sqlite":
            # as newsfeed.adapters.migrate does: a table copy must not cascade into its children
            conn.exec_driver_sql("PRAGMA foreign_keys=OFF")
            conn.commit()
        _run(conn)
    engine.dispose()


if context.is_offline_mode():
    context.configure(url=config.get_main_option("sqlalchemy.url"), target_metadata=target_metadata)
    with context.begin_transaction():
        context.run_migrations()
else:
    run_migrations_online()
