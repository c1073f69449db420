"""secondary kinds of an item

An item may be listed under more kinds than its primary one (an award of a travel grant to give a
talk: award, also travel and talk). Existing items have none ("").

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-30
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("items", sa.Column("also_kinds", sa.String(120), nullable=False, server_default=""))


def downgrade() -> None:
    held = op.get_bind().execute(
        sa.text("SELECT count(*) FROM items WHERE also_kinds IS NOT NULL AND also_kinds NOT IN ('', '[]')")
    ).scalar()
    if held:
        raise RuntimeError(
            f"{held} items have secondary kinds, which revision 0004 cannot hold: "
            "restore a backup taken before the upgrade instead"
        )
    op.drop_column("items", "also_kinds")
