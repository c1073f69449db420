"""Running the Alembic migrations from code (the CLI and the tests use this)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from alembic import command
from alembic.config import Config as AlembicConfig
from alembic.script import ScriptDirectory
from sqlalchemy import Engine


def alembic_config(url: str) -> AlembicConfig:
    from newsfeed import migrations  # type: ignore[attr-defined]

    cfg = AlembicConfig()
    cfg.set_main_option("script_location", str(Path(migrations.__file__).parent))
    cfg.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return cfg


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Apply migrations up to ``revision`` on the engine's database (SQLite file created if absent)."""
    _run(engine, command.upgrade, revision)


def downgrade(engine: Engine, revision: str) -> None:
    """Go back to ``revision``. Every downgrade keeps the rows (children survive the table copies
    SQLite needs) or refuses, naming what the older schema cannot hold (RuntimeError): then
    restore a backup taken before the upgrade instead."""
    _run(engine, command.downgrade, revision)


def _run(engine: Engine, step: Callable[[AlembicConfig, str], None], revision: str) -> None:
    cfg = alembic_config(engine.url.render_as_string(hide_password=False))
    with engine.connect() as connection:
        sqlite = connection.dialect.name == "sqlite"
        if sqlite:
            # A migration that copies a table (Alembic's batch mode on SQLite) drops the old one:
            # with foreign keys enforced that would cascade into the rows that point at it.
            connection.exec_driver_sql("PRAGMA foreign_keys=OFF")
            connection.commit()
        try:
            with connection.begin():
                cfg.attributes["connection"] = connection
                step(cfg, revision)
        finally:
            if sqlite:
                connection.exec_driver_sql("PRAGMA foreign_keys=ON")
                connection.commit()


def head_revision(url: str) -> str | None:
    return ScriptDirectory.from_config(alembic_config(url)).get_current_head()
