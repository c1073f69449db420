"""a personal calendar address per subscriber: /calendars/<calendar token>.ics

Each subscriber gets a secret calendar token: their calendar (what they follow, with an alarm at
each of their reminder lead times) is at an address with it, which they can replace from their
preferences page. Existing subscribers get a token each; nothing else changes. Downgrading
drops the tokens: calendar apps subscribed to those addresses stop getting updates, so it
refuses while a confirmed subscriber exists (restore a backup taken before the upgrade instead).

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-05
"""

from __future__ import annotations

import secrets
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("subscribers") as batch:
        batch.add_column(sa.Column("calendar_token", sa.String(length=64), nullable=True))
    bind = op.get_bind()
    rows = sa.table("subscribers", sa.column("id", sa.Integer()), sa.column("calendar_token", sa.String()))
    ids = [row[0] for row in bind.execute(sa.select(rows.c.id))]
    for start in range(0, len(ids), 1000):
        bind.execute(
            rows.update().where(rows.c.id == sa.bindparam("row_id")).values(calendar_token=sa.bindparam("token")),
            [{"row_id": i, "token": secrets.token_urlsafe(24)} for i in ids[start : start + 1000]],
        )
    with op.batch_alter_table("subscribers") as batch:
        batch.alter_column("calendar_token", existing_type=sa.String(length=64), nullable=False)
    op.create_index("ix_subscribers_calendar_token", "subscribers", ["calendar_token"], unique=True)


def downgrade() -> None:
    confirmed = op.get_bind().execute(
        sa.text("SELECT count(*) FROM subscribers WHERE status = 'confirmed' AND calendar_token IS NOT NULL")
    ).scalar()
    if confirmed:
        raise RuntimeError(
            f"{confirmed} confirmed subscribers have calendar addresses that revision 0010 cannot keep: "
            "restore a backup taken before the upgrade instead"
        )
    op.drop_index("ix_subscribers_calendar_token", "subscribers")
    with op.batch_alter_table("subscribers") as batch:
        batch.drop_column("calendar_token")
