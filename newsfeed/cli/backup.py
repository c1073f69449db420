"""`newsfeed backup` / `newsfeed restore`: the whole database, while the service runs."""

from __future__ import annotations

from pathlib import Path

import click

from .app import AppContext, fail, main, pass_ctx, require_schema, shown


@main.command("backup")
@click.argument("out", type=click.Path(dir_okay=False, path_type=Path))
@pass_ctx
def backup_command(app: AppContext, out: Path) -> None:
    """Write a backup of the database to OUT while the service keeps running (SQLite: its online
    backup API; PostgreSQL: pg_dump). Keep the instance folder's secret_key with it."""
    from newsfeed.adapters.backup import BackupError, backup
    from newsfeed.adapters.db import make_engine

    engine = make_engine(app.config.database_url, create=False)
    require_schema(engine)
    try:
        held = backup(engine, out)
    except BackupError as exc:
        fail(f"backup: {exc}")
    finally:
        engine.dispose()
    click.echo(shown(f"backed up to {out}: {held.describe()}"))


@main.command("restore")
@click.argument("source", metavar="IN", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--replace", is_flag=True, help="Overwrite a database that holds items or subscribers.")
@pass_ctx
def restore_command(app: AppContext, source: Path, replace: bool) -> None:
    """Restore the backup IN into the configured database, then bring its schema up to this
    version. Stop the web workers and the scheduler first."""
    from newsfeed.adapters.backup import BackupError, restore, summary
    from newsfeed.adapters.db import make_engine
    from newsfeed.adapters.migrate import upgrade

    engine = make_engine(app.config.database_url)
    try:
        restore(engine, source, replace=replace)
        upgrade(engine)
        held = summary(engine)
    except BackupError as exc:
        fail(f"restore: {exc}")
    finally:
        engine.dispose()
    click.echo(shown(f"restored {source}: {held.describe()}"))
