"""`newsfeed backup` while the service writes, and `newsfeed restore` of it: every row of every
table comes back (SQLite through its online backup API, PostgreSQL through pg_dump/pg_restore)."""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, delete, func, select
from sqlalchemy.orm import Session

from newsfeed.adapters.db import Base, make_engine, session_factory
from newsfeed.adapters.models import Delivery, Item
from newsfeed.config import Config
from newsfeed.domain.vocab import Kind
from newsfeed.services.subscriptions import add_confirmed, confirmation_delivery, read_preferences
from tests import factories


def _rows(engine: Engine) -> dict[str, set[tuple[str, ...]]]:
    with engine.connect() as connection:
        return {
            table.name: {tuple(str(v) for v in row) for row in connection.execute(select(table))}
            for table in Base.metadata.sorted_tables
        }


def _fill(session: Session) -> None:
    factories.person(session, "ada", "Ada Lovelace")
    for n in range(40):
        factories.item(
            session,
            f"Talk {n} at the seminar",
            "05/2024",
            kind=Kind.TALK,
            person="ada",
            tags=["seminar", f"t{n % 3}"],
            milestones=[("Talk", f"{n % 28 + 1} Jun 2025, 14:00 CET")],
        )
    for n in range(15):
        subscriber = add_confirmed(
            session,
            f"reader{n}@example.org",
            read_preferences(session),
            now=factories.NOW,
            confirmed=n % 2 == 0,
        )
        if n % 2:
            confirmation_delivery(session, subscriber, factories.NOW)
    session.commit()


def test_a_backup_taken_while_a_writer_writes_restores_every_row(
    runner: Any, config: Config, session: Session, tmp_path: Path
) -> None:
    _fill(session)
    engine = make_engine(config.database_url)
    before = _rows(engine)
    assert before["deliveries"] and before["subscribers"] and before["milestones"] and before["item_tags"]

    stop, written = threading.Event(), [0]
    writer_engine = make_engine(config.database_url)

    def write() -> None:
        sessions = session_factory(writer_engine)
        while not stop.is_set():
            with sessions() as s:
                factories.item(s, f"Written during the backup {written[0]}", "06/2025")
                s.commit()
            written[0] += 1

    thread = threading.Thread(target=write)
    thread.start()
    while written[0] < 3:  # the writer is writing before the backup starts…
        stop.wait(0.01)
    at_start = written[0]
    out = tmp_path / "newsfeed.backup"
    made = runner(["backup", str(out)])
    at_end = written[0]
    while written[0] < at_end + 3:  # …and goes on after it returned
        stop.wait(0.01)
    stop.set()
    thread.join()
    writer_engine.dispose()
    assert made.exit_code == 0, made.output
    assert "1 people" in made.output and "15 subscribers" in made.output
    assert not list(tmp_path.glob(".*.partial"))

    # the database is lost; the restore must refuse to overwrite one that holds data
    refused = runner(["restore", str(out)])
    assert refused.exit_code == 2 and "--replace" in refused.output
    with session_factory(engine)() as s:
        for table in reversed(Base.metadata.sorted_tables):
            s.execute(delete(table))
        s.commit()
    restored = runner(["restore", str(out)])
    assert restored.exit_code == 0, restored.output
    after = _rows(engine)
    for table, rows in before.items():
        if table == "site_state":  # the writer moved the data version on
            assert {r[0] for r in rows} == {r[0] for r in after[table]}
        elif table in ("items", "item_revisions"):  # the writer added to these
            assert rows <= after[table], table
        else:
            assert after[table] == rows, table
    with session_factory(engine)() as s:
        items = s.scalar(select(func.count(Item.id))) or 0
        assert 40 + at_start <= items <= 40 + written[0]
        assert s.scalar(select(func.count(Delivery.id))) == len(before["deliveries"])
    engine.dispose()


def test_restore_refuses_what_is_not_a_backup_of_this_database(runner: Any, tmp_path: Path) -> None:
    junk = tmp_path / "notes.txt"
    junk.write_text("hello")
    result = runner(["restore", str(junk)])
    assert result.exit_code == 2 and "not a newsfeed backup" in result.output
    assert runner(["restore", str(tmp_path / "missing.db")]).exit_code == 2
    stranger = tmp_path / "other.sqlite3"
    sqlite3.connect(stranger).execute("CREATE TABLE t (x)").connection.commit()
    result = runner(["restore", str(stranger)])
    assert result.exit_code == 2
    assert (
        "not a newsfeed one" in result.output
        or "is a sqlite backup and this database is postgresql" in result.output
    )


def test_a_backup_of_a_newer_schema_is_refused(runner: Any, config: Config, tmp_path: Path) -> None:
    engine = make_engine(config.database_url)
    if engine.dialect.name != "sqlite":
        pytest.skip("the newer-schema backup is made by editing a SQLite file")
    out = tmp_path / "b.sqlite3"
    assert runner(["backup", str(out)]).exit_code == 0
    with sqlite3.connect(out) as edit:
        edit.execute("UPDATE alembic_version SET version_num = '9999'")
    result = runner(["restore", str(out), "--replace"])
    assert result.exit_code == 2 and "newer newsfeed (schema 9999" in result.output
    engine.dispose()


def test_backup_into_a_missing_folder_says_so(runner: Any, tmp_path: Path) -> None:
    result = runner(["backup", str(tmp_path / "no" / "such" / "b.db")])
    assert result.exit_code == 2 and "does not exist" in result.output
