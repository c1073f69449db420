"""`newsfeed serve` and `newsfeed demo`: the development server and the demo site."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from .app import AppContext, main, pass_ctx
from .db import upgrade_database

if TYPE_CHECKING:
    pass


def _serve(app: AppContext, host: str, port: int) -> None:
    """The development server. Links (feeds, calendar, email) follow ``--host``/``--port`` unless
    the configuration sets its own ``[site] base_url``."""
    from newsfeed.config import DEFAULT_BASE_URL, replace
    from newsfeed.web import create_app

    config = app.config
    if config.site.base_url == DEFAULT_BASE_URL:
        shown = "127.0.0.1" if host in ("0.0.0.0", "::", "") else host  # noqa: S104 (a comparison)
        if ":" in shown:
            shown = f"[{shown}]"
        config = replace(config, site={"base_url": f"http://{shown}:{port}"})
    if config.admin.secure_cookies and config.site.base_url.startswith("http://"):
        # The development server speaks plain http: a Secure cookie would never come back.
        config = replace(config, admin={"secure_cookies": False})
        click.echo("note: session cookies without the Secure flag for this plain-http development server")
    flask_app = create_app(config)
    click.echo(f"serving {config.site.title} on {config.site.base_url}/ (development server)")
    flask_app.run(host=host, port=port, debug=False, use_reloader=False)


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=5000, show_default=True, type=int)
@pass_ctx
def serve(app: AppContext, host: str, port: int) -> None:
    """Run the development server (use gunicorn in production)."""
    _serve(app, host, port)


@main.command()
@click.option("--serve", "then_serve", is_flag=True, help="Serve the site afterwards.")
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=5000, show_default=True, type=int)
@pass_ctx
def demo(app: AppContext, then_serve: bool, host: str, port: int) -> None:
    """Create the database with demo content and an admin login (printed once)."""
    from newsfeed.adapters.db import utcnow
    from newsfeed.services.demo import load_demo

    upgrade_database(app.config)
    with app.session() as session:
        login = load_demo(session, now=utcnow(), host=app.config.host)
    if login:
        click.echo(f"demo content created in {app.config.database_url}")
        click.echo(f"admin login (shown once): {login[0]} / {login[1]}")
    else:
        click.echo("demo content is already there")
    if then_serve:
        _serve(app, host, port)
