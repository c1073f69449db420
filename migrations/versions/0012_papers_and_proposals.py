"""papers and proposals: what scholarly sources say a person published, and the news proposed

``papers`` holds a person's papers as arXiv, DBLP, ORCID, Crossref and OpenReview describe them;
``proposals`` the draft news items proposed for a paper's events (one per paper and event, ever).
Both start empty. Downgrading drops them: proposals waiting for a decision would be lost, so it
refuses while any is pending (decided ones live on as items, or were dismissed).

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-05
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0012"
down_revision: str | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "papers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=True),
        sa.Column("title", sa.String(length=500), nullable=False),
        sa.Column("title_key", sa.String(length=300), nullable=False),
        sa.Column("first_author_key", sa.String(length=120), nullable=False),
        sa.Column("authors", sa.JSON(), nullable=False),
        sa.Column("venue", sa.String(length=300), nullable=True),
        sa.Column("doi", sa.String(length=300), nullable=True),
        sa.Column("arxiv_id", sa.String(length=40), nullable=True),
        sa.Column("openreview_id", sa.String(length=40), nullable=True),
        sa.Column("preprinted", sa.JSON(), nullable=True),
        sa.Column("published", sa.JSON(), nullable=True),
        sa.Column("url", sa.String(length=2000), nullable=True),
        sa.Column("sources", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["person_id"], ["people.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    for column in ("person_id", "title_key", "doi", "arxiv_id", "openreview_id"):
        op.create_index(f"ix_papers_{column}", "papers", [column])
    op.create_table(
        "proposals",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("paper_id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=True),
        sa.Column("event", sa.String(length=16), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("title", sa.String(length=500), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("posted", sa.JSON(), nullable=True),
        sa.Column("link", sa.String(length=2000), nullable=True),
        sa.Column("item_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(["paper_id"], ["papers.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["person_id"], ["people.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["item_id"], ["items.id"], ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("paper_id", "event"),
    )
    op.create_index("ix_proposals_person_id", "proposals", ["person_id"])
    op.create_index("ix_proposals_status", "proposals", ["status"])


def downgrade() -> None:
    pending = op.get_bind().execute(sa.text("SELECT count(*) FROM proposals WHERE status = 'pending'")).scalar()
    if pending:
        raise RuntimeError(
            f"{pending} proposals wait for a decision and revision 0011 has nowhere to keep them: "
            "approve or dismiss them, or restore a backup taken before the upgrade instead"
        )
    op.drop_table("proposals")
    op.drop_table("papers")
