"""fuzzy dates stored whole; one import key per line

Every field of a FuzzyDate gets a column, for posted dates and milestones alike: time, zone and
instants of a posted date, and for both the flags (inferred, ambiguous, approximate,
zone_ambiguous) and the reference date the text was read against. Existing rows keep every stored
value; their flags (and a posted date's time and zone) are derived by reading the stored text
again against the item's own creation date (or, for milestones an importer read against the
posting date, against that), and only a reading that gives back the stored dates and grain is
used. Import keys gain their owner and become unique, so that two imports of one line at the same
moment create one item.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-30
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _flag(name: str) -> sa.Column[Any]:
    return sa.Column(name, sa.Boolean(), nullable=False, server_default=sa.false())


def upgrade() -> None:
    # Plain ADD COLUMN and CREATE INDEX (no table copies): SQLite supports both as they are.
    op.add_column("items", sa.Column("posted_time", sa.String(length=5), nullable=True))
    op.add_column("items", sa.Column("posted_end_time", sa.String(length=5), nullable=True))
    op.add_column("items", sa.Column("posted_tz", sa.String(length=64), nullable=True))
    op.add_column("items", sa.Column("posted_instant", sa.DateTime(timezone=True), nullable=True))
    op.add_column("items", sa.Column("posted_end_instant", sa.DateTime(timezone=True), nullable=True))
    op.add_column("items", sa.Column("posted_inferred", sa.String(length=64), nullable=False, server_default=""))
    op.add_column("items", _flag("posted_ambiguous"))
    op.add_column("items", _flag("posted_approximate"))
    op.add_column("items", _flag("posted_zone_ambiguous"))
    op.add_column("items", sa.Column("posted_ref", sa.Date(), nullable=True))
    op.add_column("milestones", sa.Column("inferred", sa.String(length=64), nullable=False, server_default=""))
    op.add_column("milestones", _flag("ambiguous"))
    op.add_column("milestones", _flag("approximate"))
    op.add_column("milestones", _flag("zone_ambiguous"))
    op.add_column("milestones", sa.Column("ref", sa.Date(), nullable=True))

    _backfill(op.get_bind())

    op.drop_index("ix_items_source_key", table_name="items")
    op.create_index("ix_items_source_key", "items", ["source_key"], unique=True)


def downgrade() -> None:
    with op.batch_alter_table("items", schema=None) as batch_op:
        batch_op.drop_index("ix_items_source_key")
        batch_op.create_index("ix_items_source_key", ["source_key"], unique=False)
    with op.batch_alter_table("milestones", schema=None) as batch_op:
        for name in ("ref", "zone_ambiguous", "approximate", "ambiguous", "inferred"):
            batch_op.drop_column(name)
    with op.batch_alter_table("items", schema=None) as batch_op:
        for name in (
            "posted_ref",
            "posted_zone_ambiguous",
            "posted_approximate",
            "posted_ambiguous",
            "posted_inferred",
            "posted_end_instant",
            "posted_instant",
            "posted_tz",
            "posted_end_time",
            "posted_time",
        ):
            batch_op.drop_column(name)


# ---------------------------------------------------------------------------------------------
# data: frozen copies of what this revision needs, so later code changes cannot alter it


def _date(value: Any) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value)[:10])


def _reread(text: str, refs: list[dt.date], stored: tuple[dt.date, dt.date, str], prefer: str) -> Any:
    """The engine's reading of ``text`` that gives back the stored dates and grain, or None."""
    from newsfeed.domain.dates import DateParseError, parse

    if not text.strip():
        return None
    for ref in refs:
        for order in (None, "dmy", "mdy"):
            try:
                value = parse(text, today=ref, date_order=order, prefer=prefer)  # type: ignore[arg-type]
            except (DateParseError, ValueError):
                continue
            if (value.start, value.end, value.grain) == stored:
                return value
    return None


def _flags(value: Any, prefix: str) -> dict[str, Any]:
    return {
        f"{prefix}inferred": ",".join(value.inferred),
        f"{prefix}ambiguous": value.ambiguous,
        f"{prefix}approximate": value.approximate,
        f"{prefix}zone_ambiguous": value.zone_ambiguous,
        f"{prefix}ref": value.ref,
    }


def _key(owner: int, value_key: str, body: str) -> str:
    raw = f"{value_key}\x00{' '.join(body.split())}"
    return f"{owner}:{hashlib.sha256(raw.encode()).hexdigest()[:32]}"


def _value_key(start: dt.date, end: dt.date, grain: str, reading: Any) -> str:
    time = tz = end_time = ""
    approximate = ""
    if reading is not None:
        time, end_time, tz = reading.time or "", reading.end_time or "", reading.tz or ""
        approximate = "~" if reading.approximate else ""
    return "|".join((start.isoformat(), end.isoformat(), grain, time, end_time, tz, approximate))


_ITEMS = sa.table(
    "items",
    sa.column("id", sa.Integer()),
    sa.column("posted_time", sa.String()),
    sa.column("posted_end_time", sa.String()),
    sa.column("posted_tz", sa.String()),
    sa.column("posted_instant", sa.DateTime(timezone=True)),
    sa.column("posted_end_instant", sa.DateTime(timezone=True)),
    sa.column("posted_inferred", sa.String()),
    sa.column("posted_ambiguous", sa.Boolean()),
    sa.column("posted_approximate", sa.Boolean()),
    sa.column("posted_zone_ambiguous", sa.Boolean()),
    sa.column("posted_ref", sa.Date()),
    sa.column("source_key", sa.String()),
)
_MILESTONES = sa.table(
    "milestones",
    sa.column("id", sa.Integer()),
    sa.column("inferred", sa.String()),
    sa.column("ambiguous", sa.Boolean()),
    sa.column("approximate", sa.Boolean()),
    sa.column("zone_ambiguous", sa.Boolean()),
    sa.column("ref", sa.Date()),
)


def _instant(conn: sa.Connection, value: dt.datetime | None) -> dt.datetime | None:
    """As the application's UTCDateTime stores it: UTC, naive on SQLite (which keeps no offset)."""
    if value is None:
        return None
    value = value.astimezone(dt.UTC)
    return value.replace(tzinfo=None) if conn.dialect.name == "sqlite" else value


def _backfill(conn: sa.Connection) -> None:
    items = conn.execute(
        sa.text(
            "SELECT id, posted_start, posted_end, posted_grain, posted_text, created_at, person_id,"
            " body, source_key FROM items ORDER BY id"
        )
    ).all()
    created: dict[int, dt.date] = {}
    posted_end: dict[int, dt.date] = {}
    keys: set[str] = set()
    for row in items:
        start, end = _date(row.posted_start), _date(row.posted_end)
        made = _date(row.created_at)
        created[row.id] = made
        posted_end[row.id] = end
        reading = _reread(row.posted_text or "", [made], (start, end, row.posted_grain), "past")
        values: dict[str, Any] = {"posted_ref": made}
        if reading is not None:
            values.update(_flags(reading, "posted_"))
            if reading.grain == "minute":
                values.update(
                    posted_time=reading.time,
                    posted_end_time=reading.end_time,
                    posted_tz=reading.tz,
                    posted_instant=_instant(conn, reading.instant),
                    posted_end_instant=_instant(conn, reading.end_instant),
                )
        if row.source_key:
            key = _key(row.person_id or 0, _value_key(start, end, row.posted_grain, reading), row.body or "")
            base, n = key, 1
            while key in keys:
                n += 1
                key = f"{base}#{n}"
            keys.add(key)
            values["source_key"] = key
        conn.execute(sa.update(_ITEMS).where(_ITEMS.c.id == row.id).values(**values))

    milestones = conn.execute(
        sa.text('SELECT id, item_id, start, "end", grain, text FROM milestones ORDER BY id')
    ).all()
    for row in milestones:
        start, end = _date(row.start), _date(row.end)
        refs = [created.get(row.item_id, start), posted_end.get(row.item_id, start)]
        reading = _reread(row.text or "", refs, (start, end, row.grain), "nearest")
        values = {"ref": refs[0]}
        if reading is not None:
            values.update(_flags(reading, ""))
        conn.execute(sa.update(_MILESTONES).where(_MILESTONES.c.id == row.id).values(**values))
