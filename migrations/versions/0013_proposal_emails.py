"""proposal emails: an account is told once a day of the news proposed from its papers

``deliveries.kind`` takes a new value, ``proposals`` (an email to an account listing the news
proposed since its last one), and account deliveries are unique per (account, kind, period):
``period`` is the day, so no second planner, concurrent or later, can add a second email for one
day. Existing rows are untouched (test digests have no period, so they never collide).

Downgrading refuses while proposal emails exist (revision 0012 has no such kind): restore a
backup taken before the upgrade.

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-05
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0013"
down_revision: str | None = "0012"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

OLD = ("digest", "reminder", "confirmation", "test")
NEW = (*OLD, "proposals")


def _kind_check(values: tuple[str, ...]) -> str:
    return "kind IN (" + ", ".join(f"'{v}'" for v in values) + ")"


def upgrade() -> None:
    with op.batch_alter_table("deliveries") as batch:
        batch.drop_constraint(op.f("ck_deliveries_delivery_kind"), type_="check")
        batch.create_check_constraint("delivery_kind", _kind_check(NEW))
        batch.create_unique_constraint(op.f("uq_deliveries_user_id_kind_period"), ["user_id", "kind", "period"])


def downgrade() -> None:
    told = op.get_bind().execute(sa.text("SELECT count(*) FROM deliveries WHERE kind = 'proposals'")).scalar()
    if told:
        raise RuntimeError(
            f"{told} proposal emails were planned, which revision 0012 cannot record: "
            "restore a backup taken before the upgrade instead"
        )
    with op.batch_alter_table("deliveries") as batch:
        batch.drop_constraint(op.f("uq_deliveries_user_id_kind_period"), type_="unique")
        batch.drop_constraint(op.f("ck_deliveries_delivery_kind"), type_="check")
        batch.create_check_constraint("delivery_kind", _kind_check(OLD))
