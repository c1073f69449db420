"""`newsfeed db`: the database schema."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from .app import AppContext, main, pass_ctx

if TYPE_CHECKING:
    from newsfeed.config import Config


@main.group()
def db() -> None:
    """Database schema."""


def upgrade_database(config: Config) -> str | None:
    from newsfeed.adapters.db import make_engine
    from newsfeed.adapters.migrate import upgrade
    from newsfeed.adapters.schema import current_revision

    engine = make_engine(config.database_url)
    try:
        upgrade(engine)
        return current_revision(engine)
    finally:
        engine.dispose()


@db.command("upgrade")
@pass_ctx
def db_upgrade(app: AppContext) -> None:
    """Apply migrations (creates the SQLite file when absent)."""
    revision = upgrade_database(app.config)
    click.echo(f"database at revision {revision}")


@db.command("downgrade")
@click.argument("revision")
@pass_ctx
def db_downgrade(app: AppContext, revision: str) -> None:
    """Go back to REVISION (take a backup first). A step the older schema cannot hold data of
    refuses and changes nothing: restore the backup taken before the upgrade instead."""
    from newsfeed.adapters.db import make_engine
    from newsfeed.adapters.migrate import downgrade
    from newsfeed.adapters.schema import current_revision

    from .app import fail

    engine = make_engine(app.config.database_url, create=False)
    try:
        downgrade(engine, revision)
        click.echo(f"database at revision {current_revision(engine)}")
    except RuntimeError as exc:
        fail(f"downgrade refused: {exc}")
    finally:
        engine.dispose()
