"""`newsfeed build OUT/`: the public site as static files (GitHub Pages, any CDN or web server)."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import click

from .app import AppContext, fail, main, pass_ctx, require_schema


@main.command()
@click.argument("out", type=click.Path(file_okay=False, path_type=Path))
@click.option(
    "--base-url",
    help="Where the files will be served, e.g. https://user.github.io/site/ (default: [site] base_url).",
)
@click.option(
    "--strict", is_flag=True, help="Exit 1 when a page links to one of the site's that does not exist."
)
@click.option(
    "--full",
    is_flag=True,
    help="Render every file again (after changing the database by hand, outside newsfeed).",
)
@pass_ctx
def build(app: AppContext, out: Path, base_url: str | None, full: bool, strict: bool) -> None:
    """Write every public page, feed and calendar into OUT/ (only the files that changed).

    A rebuild renders only what the changes since the last build touch (each file's inputs are
    recorded in OUT/.newsfeed-build.json); --full renders everything and still writes only the
    files whose bytes changed. A link to a page of the site that does not exist (an item body
    linking a removed item) is reported and left as written; --strict makes it an error."""
    from urllib.parse import urlsplit

    from newsfeed.adapters.db import make_engine, session_factory
    from newsfeed.domain.upcoming import event_grains
    from newsfeed.services.build_keys import BuildKeys
    from newsfeed.services.public import next_change
    from newsfeed.web import create_app
    from newsfeed.web.static_build import build_site, code_digest, key_function

    config = app.config
    if base_url is not None:
        parts = urlsplit(base_url)
        if parts.scheme not in ("http", "https") or not parts.hostname or parts.query or parts.fragment:
            fail(f"--base-url: an http(s) address without ?query or #fragment, not {base_url[:100]!r}")
        config = dataclasses.replace(config, site=dataclasses.replace(config.site, base_url=base_url))
    engine = make_engine(config.database_url, create=False)
    require_schema(engine)
    engine.dispose()
    site = create_app(config, static_build=True)
    try:
        at = site.extensions["newsfeed.clock"]()

        def until() -> dt.datetime | None:
            with session_factory(site.extensions["newsfeed.sessions"].kw["bind"])() as session:
                return next_change(
                    session,
                    now=at,
                    site_zone=config.site.timezone,
                    grains=event_grains(config.site.month_events),
                )

        grains = event_grains(config.site.month_events)
        with session_factory(site.extensions["newsfeed.sessions"].kw["bind"])() as session:
            keys = BuildKeys(session, at, code_digest(site), config.site.timezone, grains, config.feeds.limit)
            report = build_site(
                site,
                out,
                base_url=config.site.base_url,
                next_change=until,
                key_of=None if full else key_function(site, keys),
            )
    finally:
        site.extensions["newsfeed.sessions"].kw["bind"].dispose()
    files = report.files
    click.echo(
        f"built {report.pages:,} pages into {out}: {len(files.written):,} files written, "
        f"{files.unchanged:,} unchanged, {len(files.removed):,} removed ({report.rendered:,} rendered)"
    )
    if report.dropped:
        click.echo(f"links dropped (a server answers them, not files): {', '.join(sorted(report.dropped))}")
    if report.next_build is not None:
        click.echo(
            f"build again by {report.next_build:%Y-%m-%d %H:%M} UTC "
            "(a scheduled item goes live or an event starts or ends then)"
        )
    for address, page in sorted(report.broken.items()):
        click.echo(f"broken link: {address} (linked from {page}): no such page", err=True)
    for link in sorted(report.odd):
        click.echo(f"link left as written: {link[:120]} (names no file of the site)", err=True)
    if report.broken and strict:
        raise SystemExit(1)
