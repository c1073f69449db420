"""`newsfeed outbox`, `digest` and `scheduler`: the outbox by hand and the scheduler process."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from .app import AppContext, fail, main, now_option, pass_ctx, require_schema, shown

if TYPE_CHECKING:
    pass


@main.group()
def digest() -> None:
    """Digests and reminders."""


@main.group()
def outbox() -> None:
    """Everything newsfeed sends: email and social posts."""


def _run_outbox(app: AppContext, now_text: str | None) -> None:
    from newsfeed.adapters.db import make_engine, session_factory
    from newsfeed.adapters.mail import mailer_from_config
    from newsfeed.jobs.social import deliver
    from newsfeed.jobs.sweep import sweep

    at = now_option(now_text)  # a bad --now exits before any connection is opened
    engine = make_engine(app.config.database_url, create=False)
    try:
        require_schema(engine)
        sessions = session_factory(engine)
        report = sweep(sessions, mailer_from_config(app.config), now=at, config=app.config)
        posts = deliver(sessions, now=at, config=app.config)
    finally:
        engine.dispose()
    for error in [*report.errors, *posts.errors]:
        click.echo(f"warning: {shown(error)}", err=True)
    click.echo(report.summary())
    click.echo(posts.summary())


@outbox.command("run")
@click.option("--now", "now_text", help="Pretend it is this UTC time (ISO 8601 with a zone).")
@pass_ctx
def outbox_run(app: AppContext, now_text: str | None) -> None:
    """One sweep of every channel by hand: plan what is due (digests, reminders, posts), send it, report."""
    _run_outbox(app, now_text)


@digest.command("run")
@click.option("--now", "now_text", help="Pretend it is this UTC time (ISO 8601 with a zone).")
@pass_ctx
def digest_run(app: AppContext, now_text: str | None) -> None:
    """One sweep of every channel by hand (the same as `newsfeed outbox run`)."""
    _run_outbox(app, now_text)


@digest.command("preview")
@click.argument("email")
@click.option("--now", "now_text", help="Pretend it is this UTC time (ISO 8601 with a zone).")
@pass_ctx
def digest_preview(app: AppContext, email: str, now_text: str | None) -> None:
    """Print what this subscriber would receive in their next digest, and why."""
    from sqlalchemy import select

    from newsfeed.adapters.models import Subscriber
    from newsfeed.services.digests import preview
    from newsfeed.services.users import normalise_email

    with app.session() as session:
        address = normalise_email(email)
        subscriber = session.scalar(select(Subscriber).where(Subscriber.email == address))
        if subscriber is None:
            fail(f"email: no subscriber {address}")
        why, message = preview(session, subscriber, now=now_option(now_text), config=app.config)
        click.echo(shown(why))
        if message is not None:
            click.echo("")
            click.echo(shown(f"Subject: {message['Subject']}"))
            click.echo(shown(message.part("plain")))


@main.command()
@click.option(
    "--interval", default=60, show_default=True, type=click.IntRange(5, 3600), help="Seconds between runs."
)
@click.option(
    "--lease",
    "lease_seconds",
    type=click.IntRange(5, 86400),
    help="Seconds the scheduler lease lasts unless renewed (default: 3 intervals, at least 60).",
)
@pass_ctx
def scheduler(app: AppContext, interval: int, lease_seconds: int | None) -> None:
    """Run scheduled work in this process: publish due items, send digests and reminders."""
    from newsfeed.adapters import logs
    from newsfeed.adapters.db import make_engine, session_factory, utcnow
    from newsfeed.adapters.mail import mailer_from_config
    from newsfeed.jobs.scheduler import run

    logs.configure(app.config)
    engine = make_engine(app.config.database_url, create=False)
    require_schema(engine)
    try:
        run(
            session_factory(engine),
            mailer_from_config(app.config),
            app.config,
            clock=utcnow,
            interval=interval,
            lease_seconds=lease_seconds,
        )
    finally:
        engine.dispose()
