"""grouped reminders: one reminder email per subscriber per sweep

Every reminder still has its own row (its unique key is what makes it sent once), but the
reminders that fall due for one subscriber in one planning are sent as one email: the first row
carries them (``carrier_id`` of the others points at it) and the others are ``grouped``. Existing
rows are untouched.

Downgrading refuses while grouped rows exist (revision 0008 has no such status): restore a backup
taken before the upgrade.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-05
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

OLD = ("pending", "sending", "sent", "failed", "cancelled")
NEW = (*OLD, "grouped")


def _status_check(values: tuple[str, ...]) -> str:
    return "status IN (" + ", ".join(f"'{v}'" for v in values) + ")"


def upgrade() -> None:
    with op.batch_alter_table("deliveries") as batch:
        batch.add_column(sa.Column("carrier_id", sa.Integer(), nullable=True))
        batch.create_foreign_key(
            "fk_deliveries_carrier_id_deliveries", "deliveries", ["carrier_id"], ["id"], ondelete="CASCADE"
        )
        batch.drop_constraint(op.f("ck_deliveries_delivery_status"), type_="check")
        batch.create_check_constraint("delivery_status", _status_check(NEW))
    op.create_index("ix_deliveries_carrier_id", "deliveries", ["carrier_id"])


def downgrade() -> None:
    grouped = op.get_bind().execute(sa.text("SELECT count(*) FROM deliveries WHERE status = 'grouped'")).scalar()
    if grouped:
        raise RuntimeError(
            f"{grouped} reminders were sent grouped, which revision 0008 cannot record: "
            "restore a backup taken before the upgrade instead"
        )
    op.drop_index("ix_deliveries_carrier_id", "deliveries")
    with op.batch_alter_table("deliveries") as batch:
        batch.drop_constraint(op.f("ck_deliveries_delivery_status"), type_="check")
        batch.create_check_constraint("delivery_status", _status_check(OLD))
        batch.drop_constraint("fk_deliveries_carrier_id_deliveries", type_="foreignkey")
        batch.drop_column("carrier_id")
