"""a date's weekday conflict flag

A date written with a weekday that does not fall on it ("Monday, 5 June 2025") keeps the date
and is now flagged, for posted dates and milestones; existing rows have no such flag (False).

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-30
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column(
        "items", sa.Column("posted_weekday_conflict", sa.Boolean(), nullable=False, server_default=sa.false())
    )
    op.add_column("milestones", sa.Column("weekday_conflict", sa.Boolean(), nullable=False, server_default=sa.false()))


def downgrade() -> None:
    op.drop_column("milestones", "weekday_conflict")
    op.drop_column("items", "posted_weekday_conflict")
