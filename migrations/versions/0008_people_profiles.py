"""people profiles: an ORCID iD, a photo and a short bio beside name, slug and homepage

People are now managed on their own (`newsfeed person …`, the admin page's People), and their pages
show a profile. The new columns are empty for existing people; nothing else changes. Downgrading
drops them, and refuses while any of them holds something (restore a backup instead).

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-05
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("people") as batch:
        batch.add_column(sa.Column("orcid", sa.String(length=19), nullable=True))
        batch.add_column(sa.Column("photo_url", sa.String(length=500), nullable=True))
        batch.add_column(sa.Column("bio", sa.Text(), nullable=True))


def downgrade() -> None:
    held = op.get_bind().execute(
        sa.text("SELECT count(*) FROM people WHERE orcid IS NOT NULL OR photo_url IS NOT NULL OR bio IS NOT NULL")
    ).scalar()
    if held:
        raise RuntimeError(
            f"{held} people have an ORCID iD, a photo or a bio that revision 0007 cannot keep: "
            "restore a backup taken before the upgrade instead"
        )
    with op.batch_alter_table("people") as batch:
        batch.drop_column("bio")
        batch.drop_column("photo_url")
        batch.drop_column("orcid")
