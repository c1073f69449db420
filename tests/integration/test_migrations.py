"""Alembic: `upgrade head` gives exactly the models' schema, and upgrading keeps data."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterator

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, inspect, select, text

from newsfeed.adapters.db import Base, make_engine
from newsfeed.adapters.migrate import alembic_config, head_revision, upgrade
from newsfeed.adapters.schema import HEAD, current_revision


@pytest.fixture
def empty_database_url(tmp_path) -> Iterator[str]:  # type: ignore[no-untyped-def]
    """An empty database: an SQLite file, or on PostgreSQL a schema of its own, dropped afterwards."""
    from tests.conftest import TEST_DB_URL

    if not TEST_DB_URL:
        yield f"sqlite:///{tmp_path / 'empty.sqlite3'}"
        return
    schema = f"migration_{uuid.uuid4().hex[:12]}"
    admin = make_engine(TEST_DB_URL)
    with admin.begin() as conn:
        conn.execute(text(f"CREATE SCHEMA {schema}"))
    separator = "&" if "?" in TEST_DB_URL else "?"
    yield f"{TEST_DB_URL}{separator}options=-csearch_path%3D{schema}"
    with admin.begin() as conn:
        conn.execute(text(f"DROP SCHEMA {schema} CASCADE"))
    admin.dispose()


def test_upgrade_head_matches_the_models(engine: Engine) -> None:
    with engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True})
        diff = compare_metadata(context, Base.metadata)
    assert diff == []
    assert current_revision(engine) == head_revision(str(engine.url)) == HEAD  # the constant is the head


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


def test_upgrading_a_database_that_holds_data_keeps_it(empty_database_url: str) -> None:
    """Walk every revision from the first: fill what exists, upgrade one step, check nothing was lost."""
    engine = make_engine(empty_database_url)
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


def test_revision_0002_keeps_every_date_and_derives_its_flags(empty_database_url: str) -> None:
    """A database filled at revision 0001 (dates without flags, a posted time dropped, two rows
    with one import key), upgraded for real: every stored value kept, flags derived by reading
    the text again against each item's creation date."""
    from sqlalchemy.orm import Session

    from newsfeed.adapters.models import Item

    engine = make_engine(empty_database_url)
    upgrade(engine, "0001")
    made = dt.datetime(2025, 3, 10, 9, 0, tzinfo=dt.UTC)
    rows = [
        # title, posted text, start, end, grain, source key
        ("yearless", "Feb 2", "2025-02-02", "2025-02-02", "day", "k1"),
        ("ambiguous", "06/05/2024", "2024-05-06", "2024-05-06", "day", "k2"),
        ("month", "05/2024", "2024-05-01", "2024-05-31", "month", "k2"),
        ("timed", "1 Feb 2025, 11.59pm AoE", "2025-02-01", "2025-02-01", "minute", None),
        ("unreadable", "someday", "2024-01-01", "2024-12-31", "year", None),
    ]
    with engine.begin() as conn:
        for n, (title, text_, start, end, grain, key) in enumerate(rows, start=1):
            conn.execute(
                text(
                    "INSERT INTO items (public_id, kind, title, body, posted_start, posted_end, posted_grain,"
                    " posted_text, status, visibility, created_at, updated_at, revision, source_key)"
                    " VALUES (:pid, 'other', :title, :body, :start, :end, :grain, :text, 'published',"
                    " 'public', :made, :made, 1, :key)"
                ),
                {
                    "pid": f"tag:x,2025:news/{n}",
                    "title": title,
                    "body": f"Body of {title}",
                    "start": start,
                    "end": end,
                    "grain": grain,
                    "text": text_,
                    "made": made,
                    "key": key,
                },
            )
        for position, (label, text_, start, end, grain) in enumerate(
            [
                ("Visit", "Fall 2023", "2023-09-01", "2023-11-30", "month"),
                ("Bidding", "1 - 5 Feb 2025", "2025-02-01", "2025-02-05", "day"),
                ("Talk", "Nov 18", "2024-11-18", "2024-11-18", "day"),
                ("Odd", "x", "2024-01-01", "2024-01-01", "day"),
            ]
        ):
            conn.execute(
                text(
                    'INSERT INTO milestones (item_id, position, label, start, "end", grain, text)'
                    " VALUES (1, :position, :label, :start, :end, :grain, :text)"
                ),
                {
                    "position": position,
                    "label": label,
                    "start": start,
                    "end": end,
                    "grain": grain,
                    "text": text_,
                },
            )
    upgrade(engine, "0002")
    upgrade(engine)  # later revisions only add columns; the models read the head schema
    with Session(engine) as session:
        items = {item.title: item for item in session.scalars(select(Item))}
        assert len(items) == 5
        ref = dt.date(2025, 3, 10)
        for title, text_, start, end, grain, _ in rows:  # every stored value kept
            posted = items[title].posted
            assert (posted.text, posted.start.isoformat(), posted.end.isoformat(), posted.grain) == (
                text_,
                start,
                end,
                grain,
            )
            assert posted.ref == ref
        assert items["yearless"].posted.inferred == ("year",)
        assert items["ambiguous"].posted.ambiguous
        assert not items["month"].posted.ambiguous and items["month"].posted.inferred == ()
        timed = items["timed"].posted
        assert (timed.time, timed.tz) == ("23:59", "AoE")
        assert timed.instant == dt.datetime(2025, 2, 2, 11, 59, tzinfo=dt.UTC)
        assert items["unreadable"].posted.inferred == () and not items["unreadable"].posted.approximate
        dates = {m.label: m.date for m in items["yearless"].milestones}
        assert dates["Visit"].approximate and dates["Visit"].display() == "Fall 2023"
        assert (dates["Bidding"].start, dates["Bidding"].end) == (dt.date(2025, 2, 1), dt.date(2025, 2, 5))
        assert dates["Talk"].inferred == ("year",)
        assert dates["Odd"].start == dt.date(2024, 1, 1) and dates["Odd"].inferred == ()
        keys = [items[t].source_key for t in ("yearless", "ambiguous", "month")]
        assert all(keys) and len(set(keys)) == 3  # owned, unique (a duplicate got its own suffix)
        assert all(key.startswith("0:") for key in keys if key)
        assert items["timed"].source_key is None
    engine.dispose()


def test_revision_0003_flags_addresses_that_are_not_one_mailbox(empty_database_url: str) -> None:
    from sqlalchemy.orm import Session

    from newsfeed.adapters.models import Subscriber

    engine = make_engine(empty_database_url)
    upgrade(engine, "0002")
    now = dt.datetime(2025, 1, 1, tzinfo=dt.UTC)
    with engine.begin() as conn:
        for n, email in enumerate(
            ["ok@example.org", "root,postmaster,x@attacker.example", "uni@exämple.org"]
        ):
            conn.execute(
                text(
                    "INSERT INTO subscribers (email, status, cadence, kinds, tags, people, timezone,"
                    " lead_days, token, created_at, bounce_count) VALUES (:email, 'confirmed', 'weekly',"
                    " '[]', '[]', '[]', 'UTC', '[]', :token, :now, 0)"
                ),
                {"email": email, "token": f"t{n}", "now": now},
            )
    upgrade(engine, "0003")
    upgrade(engine)  # later revisions only add columns; the models read the head schema
    with Session(engine) as session:
        rows = {s.email: s for s in session.scalars(select(Subscriber))}
        assert len(rows) == 3  # flagged, not deleted
        assert rows["ok@example.org"].address_problem is None
        assert rows["uni@exämple.org"].address_problem is None
        problem = rows["root,postmaster,x@attacker.example"].address_problem
        assert problem is not None and "not an email address" in problem
        assert all(s.epoch == 0 for s in rows.values())
    engine.dispose()
