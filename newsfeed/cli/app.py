"""The `newsfeed` command: thin click commands over the services. Each commits once.

Bad input exits with status 2 and a message naming what was wrong, never a traceback.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, NoReturn

import click

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from newsfeed.config import Config


class CliError(click.ClickException):
    exit_code = 2


def fail(message: str) -> NoReturn:
    raise CliError(shown(message))


def shown(text: str) -> str:
    """Text for the terminal: control characters and bidi overrides escaped, never obeyed."""
    from newsfeed.domain.text import printable

    return printable(text)


class AppContext:
    """What commands share: the configuration, loaded once and lazily (dates need none)."""

    def __init__(self, config_path: str | None) -> None:
        self.config_path = config_path
        self._config: Config | None = None

    @property
    def config(self) -> Config:
        if self._config is None:
            from newsfeed.config import ConfigError, load_config

            try:
                self._config = load_config(self.config_path)
            except ConfigError as exc:
                fail(f"configuration: {exc}")
        return self._config

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A session whose work is committed once at the end, or rolled back on any error."""
        from newsfeed.adapters.db import make_engine, session_factory
        from newsfeed.domain.errors import InvalidInput

        engine = make_engine(self.config.database_url)
        _require_schema(engine)
        session = session_factory(engine)()
        try:
            yield session
            session.commit()
        except InvalidInput as exc:
            session.rollback()
            fail(str(exc))
        except BaseException:
            session.rollback()
            raise
        finally:
            session.close()
            engine.dispose()


def _require_schema(engine: Any) -> None:
    """A clear message instead of "no such table" when the database is not migrated."""
    from newsfeed.adapters.migrate import current_revision, head_revision

    current = current_revision(engine)
    head = head_revision(engine.url.render_as_string(hide_password=False))
    if current == head:
        return
    engine.dispose()
    if current is None:
        fail("the database has no tables yet: run `newsfeed db upgrade` first")
    fail(f"the database is at revision {current}, this newsfeed needs {head}: run `newsfeed db upgrade`")


pass_ctx = click.make_pass_decorator(AppContext)


@click.group()
@click.option("--config", "config_path", envvar="NEWSFEED_CONFIG", help="TOML configuration file.")
@click.version_option(package_name="newsfeed")
@click.pass_context
def main(ctx: click.Context, config_path: str | None) -> None:
    """newsfeed: academic news with fuzzy dates, as feeds, pages and email digests."""
    ctx.obj = AppContext(config_path)


# ---------------------------------------------------------------------------------------------
# db


@main.group()
def db() -> None:
    """Database schema."""


def _upgrade(config: Config) -> str | None:
    from newsfeed.adapters.db import make_engine
    from newsfeed.adapters.migrate import current_revision, upgrade

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
    revision = _upgrade(app.config)
    click.echo(f"database at revision {revision}")


# ---------------------------------------------------------------------------------------------
# serve and demo


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

    _upgrade(app.config)
    with app.session() as session:
        login = load_demo(session, now=utcnow(), host=app.config.host)
    if login:
        click.echo(f"demo content created in {app.config.database_url}")
        click.echo(f"admin login (shown once): {login[0]} / {login[1]}")
    else:
        click.echo("demo content is already there")
    if then_serve:
        _serve(app, host, port)


# ---------------------------------------------------------------------------------------------
# users


@main.group()
def user() -> None:
    """Admin and editor accounts."""


@user.command("create")
@click.argument("email")
@click.option("--role", type=click.Choice(["admin", "editor"]), default="editor", show_default=True)
@click.option("--name", default="")
@click.option("--person", "person_slug", help="Slug of the person an editor posts as.")
@click.option("--password-stdin", is_flag=True, help="Read the password from standard input.")
@pass_ctx
def user_create(
    app: AppContext, email: str, role: str, name: str, person_slug: str | None, password_stdin: bool
) -> None:
    """Create an account; without --password-stdin a password is generated and printed once."""
    from newsfeed.adapters.db import utcnow
    from newsfeed.domain.vocab import Role
    from newsfeed.services.users import create_user, generate_password

    password = sys.stdin.readline().rstrip("\n") if password_stdin else generate_password()
    with app.session() as session:
        created = create_user(
            session, email, password, role=Role(role), name=name, person_slug=person_slug, now=utcnow()
        )
        address = created.email
    click.echo(f"created {role} {address}")
    if not password_stdin:
        click.echo(f"password (shown once): {password}")


@user.command("list")
@pass_ctx
def user_list(app: AppContext) -> None:
    """Every account: address, role, person, active, last sign-in."""
    from newsfeed.services.users import list_users

    with app.session() as session:
        for row in list_users(session):
            person = row.person.slug if row.person else "-"
            last = f"{row.last_login_at:%Y-%m-%d %H:%M} UTC" if row.last_login_at else "never signed in"
            state = "active" if row.active else "disabled"
            click.echo(f"{row.email}\t{row.role.value}\t{person}\t{state}\t{last}")


@user.command("reset-password")
@click.argument("email")
@click.option("--password-stdin", is_flag=True, help="Read the new password from standard input.")
@pass_ctx
def user_reset_password(app: AppContext, email: str, password_stdin: bool) -> None:
    """Set a new password (generated and printed once unless given on standard input); every
    session of that account is signed out."""
    from newsfeed.services.users import generate_password, reset_password

    password = sys.stdin.readline().rstrip("\n") if password_stdin else generate_password()
    with app.session() as session:
        address = reset_password(session, email, password).email
    click.echo(f"password reset for {address}; its other sessions are signed out")
    if not password_stdin:
        click.echo(f"password (shown once): {password}")


# ---------------------------------------------------------------------------------------------
# import and export


@main.command("import")
@click.argument("path", type=click.Path(path_type=str))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["auto", "news", "alfolio", "publications", "listing", "cfp"]),
    default="auto",
    show_default=True,
)
@click.option("--date-order", type=click.Choice(["auto", "dmy", "mdy"]), default="auto", show_default=True)
@click.option("--today", help="Reference date for yearless dates, YYYY-MM-DD (default: today, site zone).")
@click.option("--person", "person_slug", help="Slug of the person the items belong to.")
@click.option("--dry-run", is_flag=True, help="Read and report; write nothing.")
@click.option("--json", "as_json", is_flag=True, help="Print the items and warnings as JSON.")
@pass_ctx
def import_(
    app: AppContext,
    path: str,
    fmt: str,
    date_order: str,
    today: str | None,
    person_slug: str | None,
    dry_run: bool,
    as_json: bool,
) -> None:
    """Import a news list, al-folio _news folder, publication list, paper listing or call."""
    from newsfeed.adapters.db import utcnow
    from newsfeed.adapters.files import read_path
    from newsfeed.domain.importers import UnreadableDocument

    order = None if date_order == "auto" else date_order
    try:
        result = read_path(
            path,
            today=_today(today, app.config.site.timezone),
            fmt=fmt,
            date_order=order,  # type: ignore[arg-type]
            default_order=app.config.site.date_order,  # type: ignore[arg-type]
        )
    except UnreadableDocument as exc:
        fail(str(exc))
    report = None
    if not dry_run:
        from newsfeed.services.imports import apply_import

        with app.session() as session:
            report = apply_import(session, result, person=person_slug, now=utcnow(), host=app.config.host)
    if as_json:
        out = result.as_dict()
        if report is not None:
            out["report"] = report.as_dict()
        click.echo(json.dumps(out, ensure_ascii=False, indent=2))
        return
    for warning in result.warnings:
        click.echo(f"warning: {shown(warning)}", err=True)
    for item in result.items:
        posted = item.posted.display() if item.posted else "?"
        click.echo(f"{item.source_line:>5}  {shown(posted):<22} {item.kind:<11} {shown(item.title[:70])}")
    click.echo(f"{len(result.items)} item(s) read as {result.format}")
    if report is not None:
        for message in report.messages:
            click.echo(f"failed: {shown(message)}", err=True)
        click.echo(report.summary())
    else:
        click.echo("dry run: nothing written")


@main.command("export")
@click.argument("out", required=False)
@click.option("--format", "fmt", type=click.Choice(["markdown", "alfolio", "json"]), default="markdown")
@click.option("--kind", "kinds", multiple=True, help="Only items of this kind (repeatable).")
@click.option("--person", "person_slug", help="Only this person's items.")
@pass_ctx
def export(
    app: AppContext, out: str | None, fmt: str, kinds: tuple[str, ...], person_slug: str | None
) -> None:
    """Export public items as a Markdown news list, an al-folio _news folder, or JSON."""
    from pathlib import Path

    from newsfeed.adapters.db import utcnow
    from newsfeed.domain.vocab import kind_problem
    from newsfeed.render.export import to_alfolio, to_json, to_markdown
    from newsfeed.services.imports import exported_items

    for kind in kinds:
        problem = kind_problem(kind)
        if problem:
            fail(f"--kind: {problem}")
    with app.session() as session:
        items = exported_items(session, kinds=list(kinds), person=person_slug, now=utcnow())
    if fmt == "alfolio":
        if not out:
            fail("an al-folio export needs an OUT folder")
        folder = Path(out)
        folder.mkdir(parents=True, exist_ok=True)
        files = to_alfolio(items)
        for name, content in files.items():
            (folder / name).write_text(content, encoding="utf-8")
        click.echo(f"wrote {len(files)} file(s) to {folder}")
        return
    text = to_markdown(items) if fmt == "markdown" else to_json(items)
    if out:
        Path(out).write_text(text, encoding="utf-8")
        click.echo(f"wrote {len(items)} item(s) to {out}")
    else:
        click.echo(shown(text), nl=False)


# ---------------------------------------------------------------------------------------------
# subscribers, digests, scheduler


def _now(value: str | None) -> dt.datetime:
    if value is None:
        return dt.datetime.now(dt.UTC)
    try:
        parsed = dt.datetime.fromisoformat(value)
    except ValueError:
        fail(f"--now: {value!r} is not a date and time such as 2025-02-03T08:00Z")
    if parsed.tzinfo is None:
        fail(f"--now: {value!r} has no time zone (add Z or +01:00)")
    return parsed.astimezone(dt.UTC)


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


@main.group()
def sources() -> None:
    """Pages and feeds people already keep, synced into items."""


@sources.command("add")
@click.argument("url")
@click.option("--name", help="A short name (default: from the address).")
@click.option(
    "--format",
    "fmt",
    default="auto",
    show_default=True,
    help="auto, feed, news, alfolio, publications, listing or cfp.",
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
    """Add a source; it is due at once (`newsfeed sources sync NAME`, or the scheduler)."""
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
    from newsfeed.services.sources import due, fetcher_from_config, find_source

    if bool(name) == every_source:
        fail("name one source, or --all")
    engine = make_engine(app.config.database_url)
    _require_schema(engine)
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
        for source_id in ids:
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


@main.group()
def digest() -> None:
    """Digests and reminders."""


@digest.command("run")
@click.option("--now", "now_text", help="Pretend it is this UTC time (ISO 8601 with a zone).")
@pass_ctx
def digest_run(app: AppContext, now_text: str | None) -> None:
    """One sweep by hand: plan what is due, send it, report."""
    from newsfeed.adapters.db import make_engine, session_factory
    from newsfeed.adapters.mail import mailer_from_config
    from newsfeed.jobs.sweep import sweep

    engine = make_engine(app.config.database_url)
    _require_schema(engine)
    try:
        report = sweep(
            session_factory(engine), mailer_from_config(app.config), now=_now(now_text), config=app.config
        )
    finally:
        engine.dispose()
    for error in report.errors:
        click.echo(f"warning: {shown(error)}", err=True)
    click.echo(report.summary())


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
        why, message = preview(session, subscriber, now=_now(now_text), config=app.config)
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
    import logging

    from newsfeed.adapters.db import make_engine, session_factory, utcnow
    from newsfeed.adapters.mail import mailer_from_config
    from newsfeed.jobs.scheduler import run

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    engine = make_engine(app.config.database_url)
    _require_schema(engine)
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


# ---------------------------------------------------------------------------------------------
# dates


def _today(value: str | None, zone: str = "UTC") -> dt.date:
    """``--today``, or today in ``zone`` (the site's for imports; UTC for the date commands, which
    read no configuration)."""
    if value is None:
        from newsfeed.domain.periods import site_today

        return site_today(dt.datetime.now(dt.UTC), zone)
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        fail(f"--today: {value!r} is not a date in the form YYYY-MM-DD")


date_options = [
    click.option("--today", help="Reference date YYYY-MM-DD (default: today, UTC)."),
    click.option("--date-order", type=click.Choice(["dmy", "mdy"]), help="Order of numeric day/month."),
    click.option("--prefer", type=click.Choice(["nearest", "past", "future"]), default="nearest"),
    click.option("--json", "as_json", is_flag=True, help="Print JSON."),
]


def _with_date_options(f: Any) -> Any:
    for option in reversed(date_options):
        f = option(f)
    return f


@main.group()
def dates() -> None:
    """The fuzzy date engine."""


@dates.command("parse")
@click.argument("text")
@_with_date_options
def dates_parse(text: str, today: str | None, date_order: str | None, prefer: str, as_json: bool) -> None:
    """Parse a field holding one date or one range."""
    from newsfeed.domain.dates import DateParseError, parse

    try:
        value = parse(text, today=_today(today), date_order=date_order, prefer=prefer)  # type: ignore[arg-type]
    except DateParseError as exc:
        fail(str(exc))
    if as_json:
        click.echo(json.dumps(value.as_dict(), ensure_ascii=False))
    else:
        click.echo(shown(value.explain()))


@dates.command("find")
@click.argument("text")
@_with_date_options
def dates_find(text: str, today: str | None, date_order: str | None, prefer: str, as_json: bool) -> None:
    """Find every date and range in free text."""
    from newsfeed.domain.dates import DateParseError, find_dates

    try:
        found = find_dates(text, today=_today(today), date_order=date_order, prefer=prefer)  # type: ignore[arg-type]
    except DateParseError as exc:
        fail(str(exc))
    if as_json:
        click.echo(json.dumps({"dates": [m.as_dict() for m in found]}, ensure_ascii=False))
        return
    for m in found:
        click.echo(f"{m.offset}\t{shown(m.text)}\t{shown(m.date.display())} · {m.date.grain}")


@dates.command("batch")
def dates_batch() -> None:
    """JSON lines in (mode, text, today, date_order?, prefer?), one JSON line out per line, in order."""
    from newsfeed.domain.dates.batch import run

    run(sys.stdin, sys.stdout)


if __name__ == "__main__":  # pragma: no cover
    main()
