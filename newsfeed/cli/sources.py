"""`newsfeed sources`: pages and feeds people already keep, synced into items."""

from __future__ import annotations

import datetime as dt
import json
from typing import TYPE_CHECKING, Any

import click

from .app import AppContext, LateProgress, fail, main, pass_ctx, require_schema, shown

if TYPE_CHECKING:
    pass


@main.group()
def sources() -> None:
    """Pages and feeds people already keep, synced into items."""


@sources.command("add")
@click.argument("url", metavar="URL|ID")
@click.option("--name", help="A short name (default: from the address).")
@click.option(
    "--format",
    "fmt",
    default="auto",
    show_default=True,
    help="auto, feed, news, alfolio, publications, listing or cfp; or a paper service, whose ID "
    "is given instead of a URL: arxiv (author query), dblp (person id), orcid (ORCID iD), crossref "
    "(ORCID iD), openreview (profile id): papers are stored and news proposed for --person.",
)
@click.option("--person", "person_slug", help="Whose news this is.")
@click.option("--tag", "tags", multiple=True, help="A tag added to every item (repeatable).")
@click.option("--every", default=None, help="How often to look: 6h (the default), 30m, 1d.")
@pass_ctx
def sources_add(
    app: AppContext,
    url: str,
    name: str | None,
    fmt: str,
    person_slug: str | None,
    tags: tuple[str, ...],
    every: str | None,
) -> None:
    """Add a source; it is due at once (`newsfeed sources sync NAME`, or the scheduler).

    \b
    newsfeed sources add https://ada.example.org/news --person ada
    newsfeed sources add 0000-0002-1825-0097 --format orcid --person ada"""
    from newsfeed.services.sources import add_source

    with app.session() as session:
        source = add_source(
            session,
            url,
            fmt=fmt,
            person=person_slug,
            tags=tags,
            every=every,
            name=name,
            now=dt.datetime.now(dt.UTC),
            config=app.config,
        )
        shown_name, minutes = source.name, source.every_minutes
    click.echo(f"added {shown_name}: every {_every(minutes)}")


def _every(minutes: int) -> str:
    if minutes % 1440 == 0:
        return f"{minutes // 1440}d"
    return f"{minutes // 60}h" if minutes % 60 == 0 else f"{minutes}m"


@sources.command("list")
@click.option("--json", "as_json", is_flag=True)
@pass_ctx
def sources_list(app: AppContext, as_json: bool) -> None:
    """Every source: its address, whose, how often, the last fetch and what came of it."""
    from newsfeed.services.sources import list_sources

    with app.session() as session:
        rows: list[dict[str, Any]] = [
            {
                "name": s.name,
                "url": s.url,
                "format": s.format,
                "person": s.person.slug if s.person else None,
                "tags": list(s.tags),
                "every": _every(s.every_minutes),
                "fetched_at": s.fetched_at.isoformat() if s.fetched_at else None,
                "next_fetch_at": s.next_fetch_at.isoformat() if s.next_fetch_at else None,
                "status": s.last_status,
                "report": dict(s.last_report or {}),
                "error": s.last_error,
            }
            for s in list_sources(session)
        ]
    if as_json:
        click.echo(json.dumps(rows, indent=2))
        return
    for row in rows:
        last = row["fetched_at"] or "never fetched"
        fields = [row["name"], row["url"], row["person"] or "-", f"every {row['every']}", last, row["status"]]
        line = "\t".join(str(f) for f in fields)
        if row["error"]:
            line += f": {row['error']}"
        click.echo(shown(line))


@sources.command("sync")
@click.argument("name", required=False)
@click.option("--all", "every_source", is_flag=True, help="Every source that is due.")
@click.option("--dry-run", is_flag=True, help="Fetch and report; write nothing.")
@click.option("--force", is_flag=True, help="Even when not due yet (never within min_every_minutes).")
@pass_ctx
def sources_sync(app: AppContext, name: str | None, every_source: bool, dry_run: bool, force: bool) -> None:
    """Fetch a source (or every due one) now and write what changed."""
    import uuid

    from newsfeed.adapters.db import make_engine, session_factory
    from newsfeed.domain.errors import InvalidInput
    from newsfeed.jobs.sync import sync
    from newsfeed.services.sources import find_source
    from newsfeed.services.syncing import due, fetcher_from_config

    if bool(name) == every_source:
        fail("name one source, or --all")
    engine = make_engine(app.config.database_url, create=False)
    require_schema(engine)
    sessions = session_factory(engine)
    owner = f"cli-{uuid.uuid4().hex[:12]}"
    now = dt.datetime.now(dt.UTC)
    try:
        with sessions() as session:
            try:
                ids = [find_source(session, name).id] if name else due(session, now=now, limit=10_000)
            except InvalidInput as exc:
                fail(str(exc))
        fetcher = fetcher_from_config(app.config)
        failed = 0
        bar = LateProgress(len(ids), "syncing")  # shown when the syncs take more than a second
        for source_id in ids:
            bar.update(1)
            report = sync(
                sessions,
                fetcher,
                source_id,
                now=now,
                config=app.config,
                owner=owner,
                dry_run=dry_run,
                force=force,
            )
            failed += report.status == "error"
            click.echo(shown(report.summary() + (" (dry run: nothing written)" if dry_run else "")))
            for message in report.messages[:10]:
                click.echo(shown(f"  {message}"))
        bar.close()
        if not ids:
            click.echo("no source is due")
    finally:
        engine.dispose()
    if failed and name:
        raise SystemExit(1)


@sources.command("remove")
@click.argument("name")
@pass_ctx
def sources_remove(app: AppContext, name: str) -> None:
    """Remove a source; its items stay on the site, no longer synced."""
    from newsfeed.services.sources import remove_source

    with app.session() as session:
        count = remove_source(session, name)
    click.echo(f"removed {name}; its {count} item(s) stay")
