"""social posting: accounts on Bluesky and Mastodon, and one post per item and account

``social_accounts`` holds the accounts newsfeed posts to (never their secrets, which come from
the environment or a file); ``social_posts`` one row per (item, account), ever, with what the
outbox does next and the remote post's ids. Both start empty.

Downgrading drops them; it refuses while any post exists on a network (its ids would be lost,
so a retraction could no longer delete it): restore a backup taken before the upgrade.

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-05
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0014"
down_revision: str | None = "0013"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "social_accounts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=64), nullable=False),
        sa.Column("network", sa.String(length=16), nullable=False),
        sa.Column("url", sa.String(length=500), nullable=False),
        sa.Column("handle", sa.String(length=300), nullable=True),
        sa.Column("secret_file", sa.String(length=500), nullable=True),
        sa.Column("person_id", sa.Integer(), nullable=True),
        sa.Column("kinds", sa.JSON(), nullable=False),
        sa.Column("tags", sa.JSON(), nullable=False),
        sa.Column("failing", sa.Text(), nullable=True),
        sa.Column("session", sa.Text(), nullable=True),
        sa.Column("limit_until", sa.DateTime(timezone=True), nullable=True),
        sa.Column("max_characters", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["person_id"], ["people.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("name"),
    )
    op.create_index("ix_social_accounts_person_id", "social_accounts", ["person_id"])
    op.create_table(
        "social_posts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("item_id", sa.Integer(), nullable=True),
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column("action", sa.String(length=8), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("due_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("next_attempt_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("lease_owner", sa.String(length=64), nullable=True),
        sa.Column("lease_until", sa.DateTime(timezone=True), nullable=True),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.Column("idempotency_key", sa.String(length=64), nullable=False),
        sa.Column("remote_id", sa.String(length=300), nullable=True),
        sa.Column("remote_cid", sa.String(length=200), nullable=True),
        sa.Column("remote_url", sa.String(length=500), nullable=True),
        sa.Column("text_hash", sa.String(length=64), nullable=True),
        sa.Column("posted_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["item_id"], ["items.id"], ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["account_id"], ["social_accounts.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("item_id", "account_id"),
    )
    op.create_index("ix_social_posts_status_due_at", "social_posts", ["status", "due_at"])


def downgrade() -> None:
    posted = op.get_bind().execute(sa.text("SELECT count(*) FROM social_posts WHERE remote_id IS NOT NULL")).scalar()
    if posted:
        raise RuntimeError(
            f"{posted} posts are on social networks and revision 0013 has nowhere to keep their ids: "
            "restore a backup taken before the upgrade instead"
        )
    op.drop_table("social_posts")
    op.drop_table("social_accounts")
