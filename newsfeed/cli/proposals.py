"""`newsfeed proposals`: the news the paper sources propose, approved or dismissed for good."""

from __future__ import annotations

import datetime as dt
import json

import click

from .app import AppContext, fail, main, pass_ctx


@main.group()
def proposals() -> None:
    """News proposed from papers (arXiv, DBLP, ORCID, Crossref, OpenReview sources)."""


@proposals.command("list")
@click.option("--person", help="Only this person's.")
@click.option(
    "--all", "every", is_flag=True, help="Decided ones too (approved, dismissed, already in the news)."
)
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@pass_ctx
def proposals_list(app: AppContext, person: str | None, every: bool, as_json: bool) -> None:
    """What waits for a decision, newest first."""
    from newsfeed.domain.scholarly.model import restored
    from newsfeed.services.scholarly import list_proposals

    with app.session() as session:
        rows = [
            {
                "id": p.id,
                "event": p.event,
                "status": p.status,
                "title": p.title,
                "posted": (d.display() if (d := restored(p.posted)) else None),
                "link": p.link,
                "item_id": p.item_id,
            }
            for p in list_proposals(session, status=None if every else "pending", person=person)
        ]
    if as_json:
        click.echo(json.dumps(rows, indent=2, ensure_ascii=False))
        return
    if not rows:
        click.echo("no proposals waiting" if not every else "no proposals")
    for row in rows:
        click.echo(
            f"{row['id']:>5}  {row['status']:<10} {row['event']:<10} {row['posted'] or '':<14} {row['title']}"
        )


def _when(text: str | None) -> dt.datetime | None:
    if text is None:
        return None
    try:
        value = dt.datetime.fromisoformat(text)
    except ValueError:
        fail(f"--at: {text[:40]!r} is not a date and time (2026-12-07T09:00, UTC unless a zone is given)")
    return value if value.tzinfo else value.replace(tzinfo=dt.UTC)


@proposals.command("approve")
@click.argument("proposal_id", type=int)
@click.option(
    "--at", "at_text", help="Publish at this time instead of now (ISO, UTC unless a zone is given)."
)
@pass_ctx
def proposals_approve(app: AppContext, proposal_id: int, at_text: str | None) -> None:
    """Publish the proposed item (now, or --at a later time). Final."""
    from newsfeed.services.scholarly import approve

    at = _when(at_text)
    with app.session() as session:
        item = approve(session, proposal_id, now=dt.datetime.now(dt.UTC), host=app.config.host, at=at)
        item_id, status = item.id, item.status.value
    click.echo(f"proposal {proposal_id}: item {item_id} ({status})")


@proposals.command("dismiss")
@click.argument("proposal_id", type=int)
@pass_ctx
def proposals_dismiss(app: AppContext, proposal_id: int) -> None:
    """Never propose this again."""
    from newsfeed.services.scholarly import dismiss

    with app.session() as session:
        dismiss(session, proposal_id, now=dt.datetime.now(dt.UTC))
    click.echo(f"proposal {proposal_id}: dismissed")
