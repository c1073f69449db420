"""`newsfeed serve` and `newsfeed demo`: the development server (with the scheduler beside it, so
that a confirmation email really leaves) and the demo site."""

from __future__ import annotations

import click

from .app import AppContext, fail, main, pass_ctx, shown
from .db import upgrade_database


def _serve(app: AppContext, host: str, port: int, *, with_scheduler: bool, interval: int) -> None:
    """The development server. Links (feeds, calendars, emails) follow ``--host``/``--port``
    unless the configuration sets its own ``[site] base_url``; with the scheduler, the emails it
    sends carry the same links."""
    import logging

    from newsfeed.adapters import logs
    from newsfeed.adapters.db import make_engine, session_factory, utcnow
    from newsfeed.adapters.mail import mailer_from_config
    from newsfeed.config import DEFAULT_BASE_URL, replace, warnings_of
    from newsfeed.web import create_app

    config = app.config
    if config.site.base_url == DEFAULT_BASE_URL:
        shown_host = "127.0.0.1" if host in ("0.0.0.0", "::", "") else host  # noqa: S104 (a comparison)
        if ":" in shown_host:
            shown_host = f"[{shown_host}]"
        config = replace(config, site={"base_url": f"http://{shown_host}:{port}"})
    if config.admin.secure_cookies and config.site.base_url.startswith("http://"):
        # The development server speaks plain http: a Secure cookie would never come back.
        config = replace(config, admin={"secure_cookies": False})
        click.echo("note: session cookies without the Secure flag for this plain-http development server")
    logs.configure(config)
    logging.getLogger("werkzeug").setLevel(logging.INFO)  # the development server's request lines
    if host not in ("127.0.0.1", "localhost", "::1"):
        for warning in warnings_of(config, listening=f"{host}:{port}"):
            click.echo(f"warning: {warning}", err=True)
    flask_app = create_app(config)
    stop = None
    if with_scheduler:
        from newsfeed.jobs.scheduler import start_background

        engine = make_engine(config.database_url)
        stop = start_background(
            session_factory(engine), mailer_from_config(config), config, clock=utcnow, interval=interval
        )
        click.echo(f"scheduler running beside the server: every {interval} s (emails go out from here)")
    click.echo(f"serving {config.site.title} on {config.site.base_url}/ (development server)")
    try:
        flask_app.run(host=host, port=port, debug=False, use_reloader=False)
    finally:
        if stop is not None:
            stop()
            engine.dispose()


_scheduler_options = [
    click.option(
        "--interval",
        default=15,
        show_default=True,
        type=click.IntRange(5, 3600),
        help="Seconds between the scheduler's runs (with the scheduler).",
    ),
]


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=5000, show_default=True, type=int)
@click.option(
    "--with-scheduler",
    is_flag=True,
    help="Run the scheduler in this process too (emails, scheduled posts, sources): for one-machine set-ups.",
)
@_scheduler_options[0]
@pass_ctx
def serve(app: AppContext, host: str, port: int, with_scheduler: bool, interval: int) -> None:
    """Run the development server (use gunicorn and `newsfeed scheduler` in production)."""
    _serve(app, host, port, with_scheduler=with_scheduler, interval=interval)


@main.command()
@click.option("--serve", "then_serve", is_flag=True, help="Serve the site afterwards, with the scheduler.")
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=5000, show_default=True, type=int)
@click.option("--reset", is_flag=True, help="Delete the demo content and build it again, dated from today.")
@_scheduler_options[0]
@pass_ctx
def demo(app: AppContext, then_serve: bool, host: str, port: int, reset: bool, interval: int) -> None:
    """Create the database with demo content and an admin login (printed once)."""
    from newsfeed.adapters.db import make_engine, utcnow
    from newsfeed.services.demo import DemoRefused, load_demo, reset_demo

    upgrade_database(app.config)
    where = shown(app.config.database_url)
    if reset:
        engine = make_engine(app.config.database_url)
        try:
            with app.session() as session:
                reset_demo(session)
        except DemoRefused as exc:
            fail(f"{where}: {exc}")
        finally:
            engine.dispose()
        click.echo(f"demo content deleted from {where}")
    with app.session() as session:
        login = load_demo(session, now=utcnow(), host=app.config.host)
    if login:
        click.echo(f"demo content created in {where}")
        click.echo(f"admin login (shown once): {login[0]} / {login[1]}")
    else:
        click.echo(
            f"demo content is already there, in {where}. Its admin login was printed when it was created; "
            "`newsfeed user reset-password admin@example.org` prints a new password, "
            "`newsfeed demo --reset` builds the demo again dated from today."
        )
    if then_serve:
        _serve(app, host, port, with_scheduler=True, interval=interval)
