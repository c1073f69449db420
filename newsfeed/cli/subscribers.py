"""`newsfeed subscribers`: email subscribers added by hand or from a CSV file."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

import click

from .app import AppContext, fail, main, pass_ctx

if TYPE_CHECKING:
    pass


@main.group()
def subscribers() -> None:
    """Email subscribers."""


@subscribers.command("add")
@click.argument("email")
@click.option(
    "--cadence", type=click.Choice(["daily", "weekly", "monthly"]), default="weekly", show_default=True
)
@click.option("--kind", "kinds", multiple=True, help="Only these kinds (repeatable; none: all).")
@click.option("--tag", "tags", multiple=True, help="Only these tags (repeatable).")
@click.option("--person", "people", multiple=True, help="Only these people's news (repeatable).")
@click.option("--lead-days", default="14,3,1", show_default=True, help="Reminder lead times in days.")
@click.option("--timezone", "zone", default="UTC", show_default=True)
@click.option("--confirmed", is_flag=True, help="They consented elsewhere: no confirmation email.")
@pass_ctx
def subscribers_add(
    app: AppContext,
    email: str,
    cadence: str,
    kinds: tuple[str, ...],
    tags: tuple[str, ...],
    people: tuple[str, ...],
    lead_days: str,
    zone: str,
    confirmed: bool,
) -> None:
    """Add a subscriber (a confirmation email is queued unless --confirmed)."""
    from newsfeed.services.subscriptions import add_confirmed, read_preferences

    with app.session() as session:
        prefs = read_preferences(
            session,
            cadence=cadence,
            kinds=kinds,
            tags=tags,
            people=people,
            timezone=zone,
            lead_days=lead_days,
        )
        subscriber = add_confirmed(session, email, prefs, now=dt.datetime.now(dt.UTC), confirmed=confirmed)
        address, status = subscriber.email, subscriber.status.value
    click.echo(f"{address}: {status}")


@subscribers.command("import")
@click.argument("path", type=click.Path(path_type=str))
@pass_ctx
def subscribers_import(app: AppContext, path: str) -> None:
    """Subscribers from CSV (columns: email, cadence, kinds, tags, people, timezone, lead_days, confirmed).
    Any bad row: every problem is listed by line and nothing is imported."""
    from pathlib import Path

    from newsfeed.services.subscriptions import import_csv

    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        fail(f"{path}: cannot read: {exc}")
    with app.session() as session:
        report = import_csv(session, text, now=dt.datetime.now(dt.UTC))
        if report.errors:
            session.rollback()
            fail("nothing imported:\n" + "\n".join(report.errors))
    click.echo(f"imported {report.added} subscriber(s)")
