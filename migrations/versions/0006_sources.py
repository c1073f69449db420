"""sources: pages and feeds synced into items

A source is a URL, how to read it, whose it is, tags to add and how often to look; it keeps what
the last fetch said (ETag, Last-Modified), what came of it, and a lease so that two schedulers
never fetch it at once. Items remember the source they came from, how many fetches in a row went
without them (retracted after two), and whether the source differs from a hand edit. Existing
items came from no source.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-30
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "sources",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=80), nullable=False),
        sa.Column("url", sa.String(length=2000), nullable=False),
        sa.Column("format", sa.String(length=16), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=True),
        sa.Column("tags", sa.JSON(), nullable=False),
        sa.Column("every_minutes", sa.Integer(), nullable=False),
        sa.Column("added_by", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("etag", sa.String(length=300), nullable=True),
        sa.Column("last_modified", sa.String(length=100), nullable=True),
        sa.Column("fetched_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("synced_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("next_fetch_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("last_status", sa.String(length=32), nullable=False),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.Column("last_report", sa.JSON(), nullable=False),
        sa.Column("failures", sa.Integer(), nullable=False),
        sa.Column("lease_owner", sa.String(length=64), nullable=True),
        sa.Column("lease_until", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(["added_by"], ["users.id"], ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["person_id"], ["people.id"], ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("name"),
    )
    op.create_index("ix_sources_next_fetch_at", "sources", ["next_fetch_at"])
    with op.batch_alter_table("items") as batch:
        batch.add_column(sa.Column("source_id", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("source_missing", sa.Integer(), nullable=False, server_default="0"))
        batch.add_column(sa.Column("source_differs", sa.Boolean(), nullable=False, server_default=sa.false()))
        batch.create_foreign_key("fk_items_source_id_sources", "sources", ["source_id"], ["id"], ondelete="SET NULL")
        batch.create_index("ix_items_source_id", ["source_id"])


def downgrade() -> None:
    held = op.get_bind().execute(sa.text("SELECT count(*) FROM sources")).scalar()
    if held:
        raise RuntimeError(
            f"{held} sources are followed, which revision 0005 cannot hold (nor which items they gave): "
            "restore a backup taken before the upgrade instead"
        )
    with op.batch_alter_table("items") as batch:
        batch.drop_index("ix_items_source_id")
        batch.drop_constraint("fk_items_source_id_sources", type_="foreignkey")
        batch.drop_column("source_differs")
        batch.drop_column("source_missing")
        batch.drop_column("source_id")
    op.drop_index("ix_sources_next_fetch_at", table_name="sources")
    op.drop_table("sources")
