"""subscriber epochs, checked addresses, throttles

Subscribers get an ``epoch`` (bumped by every unsubscribe: older confirmation links stop working)
and ``address_problem``: every stored address is checked with the same rules as new ones
(email-validator: one mailbox, no lists, display names or groups), and a row that fails keeps its
address and gets the reason (it is flagged, not deleted; nothing is sent to it). A table of
throttle events counts sign-ups per client and per address across workers.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-30
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("subscribers", sa.Column("epoch", sa.Integer(), nullable=False, server_default="0"))
    op.add_column("subscribers", sa.Column("address_problem", sa.Text(), nullable=True))
    op.create_table(
        "throttle_events",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("scope", sa.String(length=32), nullable=False),
        sa.Column("key", sa.String(length=400), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_throttle_events")),
    )
    op.create_index("ix_throttle_events_scope_key_at", "throttle_events", ["scope", "key", "at"], unique=False)
    _flag_bad_addresses(op.get_bind())


def downgrade() -> None:
    op.drop_index("ix_throttle_events_scope_key_at", table_name="throttle_events")
    op.drop_table("throttle_events")
    op.drop_column("subscribers", "address_problem")
    op.drop_column("subscribers", "epoch")


_SUBSCRIBERS = sa.table(
    "subscribers", sa.column("id", sa.Integer()), sa.column("address_problem", sa.Text())
)


def _flag_bad_addresses(conn: sa.Connection) -> None:
    from email_validator import EmailNotValidError, validate_email

    for row in conn.execute(sa.text("SELECT id, email FROM subscribers ORDER BY id")).all():
        try:
            validate_email(
                row.email,
                check_deliverability=False,
                allow_smtputf8=True,
                allow_display_name=False,
                allow_quoted_local=False,
                allow_domain_literal=False,
            )
        except EmailNotValidError as exc:
            problem = f"{row.email[:80]!r} is not an email address: {exc}"
            conn.execute(sa.update(_SUBSCRIBERS).where(_SUBSCRIBERS.c.id == row.id).values(address_problem=problem))
