"""Is the database at the schema this code needs? Answered without loading Alembic.

:data:`HEAD` is the newest revision in ``migrations/versions``; a test checks that it is the head
Alembic finds, so a new revision cannot be added without it. Asking a database costs one query:
every command, the web app's start and /healthz ask it.
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Engine, inspect, text
from sqlalchemy.engine import make_url

HEAD = "0014"


def current_revision(engine: Engine) -> str | None:
    """The database's revision, or None when it has no tables yet."""
    with engine.connect() as connection:
        if not inspect(connection).has_table("alembic_version"):
            return None
        row = connection.execute(text("SELECT version_num FROM alembic_version")).first()
        return str(row[0]) if row else None


def problem(engine: Engine) -> str | None:
    """What is wrong with the database's schema, naming the database; None when it is ready."""
    where = describe(engine)
    url = make_url(engine.url)
    sqlite_file = url.get_backend_name() == "sqlite" and url.database not in (None, "", ":memory:")
    if sqlite_file and not Path(str(url.database)).exists():
        return (
            f"no newsfeed database at {where} (looked for it from {Path.cwd()}): run the command from "
            "the site's folder, name the configuration (--config or NEWSFEED_CONFIG) or the database "
            "([database] url, NEWSFEED_DATABASE_URL), or create it with `newsfeed db upgrade`"
        )
    try:
        current = current_revision(engine)
    except Exception as exc:  # the database cannot be reached at all
        return f"{where}: the database cannot be reached ({type(exc).__name__}: {str(exc)[:200]})"
    if current is None:
        return f"{where}: the database has no tables yet: run `newsfeed db upgrade` first"
    if current != HEAD:
        return (
            f"{where}: the database is at revision {current}, this newsfeed needs {HEAD}: "
            "run `newsfeed db upgrade`"
        )
    return None


def describe(engine: Engine) -> str:
    """The database as a person finds it: the SQLite file's full path, or the server's URL
    without its password."""
    url = make_url(engine.url)
    if url.get_backend_name() == "sqlite" and url.database not in (None, "", ":memory:"):
        return str(Path(str(url.database)).resolve())
    return url.render_as_string(hide_password=True)
