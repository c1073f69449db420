"""test digests queued: a delivery may be addressed to an account instead of a subscriber

The admin page's "send a test digest to yourself" used to send inside the web request; it is now
a delivery like any other, sent by the next sweep. Such a delivery names the account it goes to
(``user_id``) and no subscriber, so ``subscriber_id`` may be empty. Existing rows keep their
subscriber; nothing else changes.

Downgrading refuses while test deliveries exist (they have no subscriber to go back to): delete
them first (``DELETE FROM deliveries WHERE user_id IS NOT NULL``) or restore a backup.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-05
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("deliveries") as batch:
        batch.add_column(sa.Column("user_id", sa.Integer(), nullable=True))
        batch.create_foreign_key("fk_deliveries_user_id_users", "users", ["user_id"], ["id"], ondelete="CASCADE")
        batch.alter_column("subscriber_id", existing_type=sa.Integer(), nullable=True)


def downgrade() -> None:
    bind = op.get_bind()
    tests = bind.execute(sa.text("SELECT count(*) FROM deliveries WHERE user_id IS NOT NULL")).scalar()
    if tests:
        raise RuntimeError(
            f"{tests} test digest deliveries have no subscriber and cannot be kept by revision 0006: "
            "delete them (DELETE FROM deliveries WHERE user_id IS NOT NULL) or restore a backup"
        )
    with op.batch_alter_table("deliveries") as batch:
        batch.alter_column("subscriber_id", existing_type=sa.Integer(), nullable=False)
        batch.drop_constraint("fk_deliveries_user_id_users", type_="foreignkey")
        batch.drop_column("user_id")
