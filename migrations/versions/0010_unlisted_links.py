"""unlisted items behind an unguessable link: /items/<id>/<link token>

An unlisted item used to be reachable at /items/<id>, so walking the ids found them all. Every
item now has a random link token; an unlisted item is shown only at its address with the token
(its old address answers 404, or redirects a signed-in editor of it). Existing items get a token
each; nothing else changes. Downgrading drops the tokens (unlisted items then show at their ids
again, as before): the links handed out stop working, so it refuses while unlisted items exist.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-05
"""

from __future__ import annotations

import secrets
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("items") as batch:
        batch.add_column(sa.Column("link_token", sa.String(length=32), nullable=True))
    bind = op.get_bind()
    items = sa.table("items", sa.column("id", sa.Integer()), sa.column("link_token", sa.String()))
    ids = [row[0] for row in bind.execute(sa.select(items.c.id))]
    for start in range(0, len(ids), 1000):
        bind.execute(
            items.update().where(items.c.id == sa.bindparam("item_id")).values(link_token=sa.bindparam("token")),
            [{"item_id": i, "token": secrets.token_urlsafe(16)} for i in ids[start : start + 1000]],
        )
    op.create_index("ix_items_link_token", "items", ["link_token"], unique=True)


def downgrade() -> None:
    unlisted = op.get_bind().execute(sa.text("SELECT count(*) FROM items WHERE visibility = 'unlisted'")).scalar()
    if unlisted:
        raise RuntimeError(
            f"{unlisted} unlisted items have links that revision 0009 cannot keep: "
            "restore a backup taken before the upgrade instead"
        )
    op.drop_index("ix_items_link_token", "items")
    with op.batch_alter_table("items") as batch:
        batch.drop_column("link_token")
