"""Backups of the whole database, taken while the service runs, and restoring one.

- **SQLite**: SQLite's online backup API (``sqlite3.Connection.backup``) copies a consistent
  snapshot page by page while the web workers and the scheduler keep writing (WAL mode: readers
  never block writers). The copy is written beside ``OUT`` and renamed into place only when it is
  whole and passes ``PRAGMA integrity_check``, so a backup file is never half written.
- **PostgreSQL**: ``pg_dump --format=custom`` (a consistent snapshot in one transaction, taken
  while the service runs) and ``pg_restore --clean --if-exists --single-transaction`` (all or
  nothing), with the client programs of the server's major version on the PATH.

A restore refuses a backup of the other engine, a file that is not a newsfeed backup, or one made
by a newer schema than this code knows; it refuses to replace a database that holds items or
subscribers unless told to (``replace=True``), and brings an older backup up to this code's schema
after restoring it. What is not in the database is not in the backup: keep the instance folder's
``secret_key`` (or ``[admin] secret_key``) with it, or sessions, confirmation links and
preferences links stop working after a restore on another machine.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine, text
from sqlalchemy.engine import make_url

from .schema import HEAD

SQLITE_MAGIC = b"SQLite format 3\x00"
PG_MAGIC = b"PGDMP"
COUNTED = ("items", "people", "subscribers", "deliveries", "sources", "users")


class BackupError(Exception):
    """A backup or restore that cannot be done, with the reason for the operator."""


@dataclass(frozen=True)
class Summary:
    """What a backup holds (or a restore brought back): rows per table and the schema revision."""

    engine: str
    revision: str | None
    counts: dict[str, int]

    def describe(self) -> str:
        rows = ", ".join(f"{self.counts.get(t, 0):,} {t}" for t in COUNTED)
        return f"{rows} (schema {self.revision or 'none'})"


def libpq_url(engine: Engine) -> str:
    """The database address as PostgreSQL's own programs take it (no SQLAlchemy driver name)."""
    return engine.url.set(drivername="postgresql").render_as_string(hide_password=False)


def sqlite_path(engine: Engine) -> Path:
    database = make_url(str(engine.url)).database
    if not database or database == ":memory:":
        raise BackupError("an in-memory SQLite database has nothing to back up")
    return Path(database)


def _counts(connection: sqlite3.Connection) -> Summary:
    tables = {r[0] for r in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    if "alembic_version" not in tables:
        raise BackupError("it is a SQLite database but not a newsfeed one (it has no schema revision)")
    revision = connection.execute("SELECT version_num FROM alembic_version").fetchone()
    counts = {
        t: int(connection.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0])  # noqa: S608 (COUNTED)
        for t in COUNTED
        if t in tables
    }
    return Summary("sqlite", revision[0] if revision else None, counts)


def summary(engine: Engine) -> Summary:
    """Rows per table and the revision of the live database."""
    with engine.connect() as connection:
        names = set(engine.dialect.get_table_names(connection))
        revision = None
        if "alembic_version" in names:
            revision = connection.execute(text("SELECT version_num FROM alembic_version")).scalar()
        counts = {
            t: int(connection.execute(text(f'SELECT count(*) FROM "{t}"')).scalar() or 0)  # noqa: S608 (COUNTED)
            for t in COUNTED
            if t in names
        }
    return Summary(engine.dialect.name, revision, counts)


def backup(engine: Engine, out: Path) -> Summary:
    """Write a backup of the database to ``out`` (replaced only once the new one is whole)."""
    out = out.expanduser()
    if out.is_dir():
        raise BackupError(f"{out} is a folder: give the backup file's name")
    if not out.parent.is_dir():
        raise BackupError(f"{out.parent} does not exist")
    partial = out.with_name(f".{out.name}.partial")
    try:
        if engine.dialect.name == "sqlite":
            return _backup_sqlite(sqlite_path(engine), partial, out)
        if engine.dialect.name == "postgresql":
            return _backup_postgresql(engine, partial, out)
        raise BackupError(f"no backup for {engine.dialect.name} databases")
    finally:
        partial.unlink(missing_ok=True)


def _backup_sqlite(path: Path, partial: Path, out: Path) -> Summary:
    if not path.exists():
        raise BackupError(f"there is no database at {path} (run `newsfeed db upgrade` first)")
    partial.unlink(missing_ok=True)
    source = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=30)
    target = sqlite3.connect(partial)
    try:
        source.backup(target)  # one consistent snapshot; writers go on meanwhile (WAL)
        target.execute("PRAGMA journal_mode=DELETE")  # one self-contained file
        problem = target.execute("PRAGMA integrity_check").fetchone()[0]
        if problem != "ok":
            raise BackupError(f"the copy failed its integrity check: {problem}")
        held = _counts(target)
    finally:
        target.close()
        source.close()
    os.replace(partial, out)
    return held


def _program(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        raise BackupError(f"{name} is not installed (Debian: apt-get install postgresql-client)")
    return found


def _run(arguments: list[str]) -> None:
    done = subprocess.run(arguments, capture_output=True, text=True, check=False)  # noqa: S603 (fixed program)
    if done.returncode != 0:
        raise BackupError(f"{Path(arguments[0]).name} failed: {done.stderr.strip()[-2000:]}")


def _backup_postgresql(engine: Engine, partial: Path, out: Path) -> Summary:
    held = summary(engine)
    _run([_program("pg_dump"), "--format=custom", "--no-owner", f"--file={partial}", libpq_url(engine)])
    os.replace(partial, out)
    return held


def restore(engine: Engine, source: Path, *, replace: bool = False) -> Summary:
    """Replace the database's content with the backup ``source``; the caller upgrades the schema
    afterwards when the backup is older than the code."""
    source = source.expanduser()
    if not source.is_file():
        raise BackupError(f"there is no backup file at {source}")
    with source.open("rb") as f:
        magic = f.read(16)
    kind = (
        "sqlite" if magic.startswith(SQLITE_MAGIC) else "postgresql" if magic.startswith(PG_MAGIC) else None
    )
    if kind is None:
        raise BackupError(f"{source} is not a newsfeed backup (neither a SQLite file nor a pg_dump archive)")
    if kind != engine.dialect.name:
        raise BackupError(f"{source} is a {kind} backup and this database is {engine.dialect.name}")
    if kind == "sqlite":
        probe = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
        try:
            _check_revision(_counts(probe).revision, source)
        finally:
            probe.close()
    else:
        _check_revision(_pg_revision(source), source)
    now = _held_now(engine)
    if now and not replace:
        raise BackupError(f"the database holds {now}: pass --replace to overwrite it with {source}")
    if kind == "sqlite":
        target_path = sqlite_path(engine)
        target_path.parent.mkdir(parents=True, exist_ok=True)
        engine.dispose()  # no pooled connection of ours in the way
        src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
        dst = sqlite3.connect(target_path, timeout=30)
        try:
            src.backup(dst)  # page by page under the target's write lock: all or nothing
        finally:
            dst.close()
            src.close()
    else:
        _run(
            [
                _program("pg_restore"),
                "--clean",
                "--if-exists",
                "--no-owner",
                "--single-transaction",
                f"--dbname={libpq_url(engine)}",
                str(source),
            ]
        )
        engine.dispose()
    return summary(engine)


def _pg_revision(source: Path) -> str | None:
    """The schema revision inside a pg_dump archive (its alembic_version rows), read without
    restoring anything."""
    done = subprocess.run(  # noqa: S603 (fixed program)
        [_program("pg_restore"), "--data-only", "--table=alembic_version", "--file=-", str(source)],
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        raise BackupError(f"{source} is not a readable pg_dump archive: {done.stderr.strip()[-500:]}")
    lines = done.stdout.splitlines()
    for n, line in enumerate(lines):
        if line.startswith("COPY ") and "alembic_version" in line and n + 1 < len(lines):
            return lines[n + 1].strip() or None
    raise BackupError(f"{source} is a pg_dump archive but not of a newsfeed database (no schema revision)")


def _check_revision(revision: str | None, source: Path) -> None:
    if revision is not None and revision > HEAD:
        raise BackupError(
            f"{source} was made by a newer newsfeed (schema {revision}; this one knows up to {HEAD}): "
            "restore it with that version"
        )


def _held_now(engine: Engine) -> str:
    """ "3 items, 2 subscribers" if the database holds any, else ""."""
    try:
        live = summary(engine)
    except Exception:  # noqa: BLE001 (no database yet: nothing to lose)
        return ""
    held = [f"{live.counts[t]:,} {t}" for t in ("items", "subscribers") if live.counts.get(t)]
    return ", ".join(held)
