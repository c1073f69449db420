"""Alembic: `upgrade head` gives exactly the models' schema, and upgrading keeps data."""

from __future__ import annotations

import datetime as dt

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, inspect, text

from newsfeed.db import Base, make_engine
from newsfeed.migrate import alembic_config, current_revision, head_revision, upgrade

pytestmark = pytest.mark.db


def test_upgrade_head_matches_the_models(engine: Engine) -> None:
    with engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True})
        diff = compare_metadata(context, Base.metadata)
    assert diff == []
    assert current_revision(engine) == head_revision(str(engine.url))


def test_the_check_sees_a_missing_column(engine: Engine) -> None:
    """compare_metadata is not vacuous: a column the migrations lack shows up as a difference."""
    from sqlalchemy import Column, Integer, MetaData, Table

    extra = MetaData()
    for table in Base.metadata.sorted_tables:
        table.to_metadata(extra)
    Table("people", extra, Column("shoe_size", Integer), extend_existing=True)
    with engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), extra)
    assert any(d[0] == "add_column" and d[3].name == "shoe_size" for d in diff)


def test_sqlite_file_is_created_when_absent(tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "deep" / "folder" / "news.sqlite3"
    engine = make_engine(f"sqlite:///{path}")
    upgrade(engine)
    assert path.exists()
    assert "items" in inspect(engine).get_table_names()
    engine.dispose()


def _fill(conn, tables: set[str]) -> dict[str, int]:  # type: ignore[no-untyped-def]
    """Insert a row into each table that exists at this revision; return the row counts."""
    now = dt.datetime(2025, 1, 1, tzinfo=dt.UTC)
    statements = {
        "people": "INSERT INTO people (slug, name, created_at) VALUES ('ada', 'Ada', :now)",
        "items": (
            "INSERT INTO items (public_id, kind, title, body, posted_start, posted_end, posted_grain,"
            " posted_text, status, visibility, created_at, updated_at, revision, person_id)"
            " VALUES ('tag:x,2025:news/1', 'talk', 'A talk', '', '2024-05-01', '2024-05-31', 'month',"
            " '05/2024', 'published', 'public', :now, :now, 1, 1)"
        ),
        "milestones": (
            'INSERT INTO milestones (item_id, position, label, start, "end", grain, text)'
            " VALUES (1, 0, 'Talk', '2024-05-06', '2024-05-06', 'day', '6 May 2024')"
        ),
        "subscribers": (
            "INSERT INTO subscribers (email, status, cadence, kinds, tags, people, timezone, lead_days,"
            " token, created_at, bounce_count) VALUES ('s@example.org', 'confirmed', 'weekly', '[]', '[]',"
            " '[]', 'UTC', '[14, 3, 1]', 'tok', :now, 0)"
        ),
    }
    for table, sql in statements.items():
        if table in tables:
            conn.execute(text(sql), {"now": now})
    return {
        t: conn.execute(text(f'SELECT count(*) FROM "{t}"')).scalar_one() for t in statements if t in tables
    }


def test_upgrading_a_database_that_holds_data_keeps_it(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """Walk every revision from the first: fill what exists, upgrade one step, check nothing was lost."""
    path = tmp_path / "walk.sqlite3"
    engine = make_engine(f"sqlite:///{path}")
    script = ScriptDirectory.from_config(alembic_config(str(engine.url)))
    revisions = [rev.revision for rev in reversed(list(script.walk_revisions()))]
    upgrade(engine, revisions[0])
    with engine.begin() as conn:
        before = _fill(conn, set(inspect(conn).get_table_names()))
    assert before["items"] == 1
    for revision in [*revisions[1:], "head"]:
        upgrade(engine, revision)
        with engine.connect() as conn:
            after = {t: conn.execute(text(f'SELECT count(*) FROM "{t}"')).scalar_one() for t in before}
            assert after == before
            assert conn.execute(text("SELECT title FROM items")).scalar_one() == "A talk"
    engine.dispose()
