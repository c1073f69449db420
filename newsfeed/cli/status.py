"""`newsfeed status`: how the installation is doing (schema, scheduler, deliveries, sources,
configuration warnings), as text or JSON for a monitor."""

from __future__ import annotations

import datetime as dt
import json

import click

from .app import AppContext, main, pass_ctx, shown


@main.command()
@click.option(
    "--json",
    "as_json",
    is_flag=True,
    help="Print JSON (keys schema, scheduler, deliveries, sources, warnings).",
)
@pass_ctx
def status(app: AppContext, as_json: bool) -> None:
    """How it is doing: schema, scheduler, what waits to be sent or failed, failing sources."""
    from newsfeed.adapters import schema
    from newsfeed.adapters.db import make_engine, session_factory
    from newsfeed.services.status import Schema, report

    engine = make_engine(app.config.database_url, create=False)
    try:
        problem = schema.problem(engine)
        revision = None if problem and "no newsfeed database" in problem else _revision(engine)
        with session_factory(engine)() as session:
            found = report(session, app.config, Schema(revision, schema.HEAD), now=dt.datetime.now(dt.UTC))
        if problem is not None and problem not in found["warnings"]:
            found["warnings"].insert(0, problem)
    finally:
        engine.dispose()
    if as_json:
        click.echo(json.dumps(found, indent=2))
        return
    s = found["schema"]
    ready = "" if s["ok"] else " NOT READY"
    click.echo(f"schema: {s['revision'] or 'none'} (this newsfeed needs {s['expected']}){ready}")
    if found["scheduler"] is not None:
        sch = found["scheduler"]
        age = sch["last_tick_age_seconds"]
        tick = "never" if age is None else f"{age:.0f} s ago"
        down = "" if sch["ok"] else " DOWN"
        click.echo(f"scheduler: last tick {tick}, lease held by {sch['lease_holder'] or 'nobody'}{down}")
    if found["deliveries"] is not None:
        d = found["deliveries"]
        oldest = d["oldest_pending_age_seconds"]
        waiting = f", the oldest due {oldest:.0f} s ago" if oldest is not None else ""
        counts = f"{d['failed']} failed, {d['sent_24h']} sent in 24 h"
        click.echo(f"deliveries: {d['pending']} pending{waiting}, {counts}")
    if found["sources"] is not None:
        src = found["sources"]
        click.echo(f"sources: {src['total']}, {len(src['failing'])} failing")
        for failing in src["failing"]:
            click.echo(shown(f"  {failing['name']}: {failing['failures']} failure(s): {failing['error']}"))
    for warning in found["warnings"]:
        click.echo(f"warning: {shown(warning)}")


def _revision(engine: object) -> str | None:
    from newsfeed.adapters.schema import current_revision

    try:
        return current_revision(engine)  # type: ignore[arg-type]
    except Exception:  # the database cannot be reached: the problem says so
        return None
