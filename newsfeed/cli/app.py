"""The `newsfeed` command: thin click commands over the services. Each commits once.

Bad input exits with status 2 and a message naming what was wrong, never a traceback.
"""

from __future__ import annotations

import datetime as dt
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
        from newsfeed.domain.errors import InvalidInput, NotFound

        engine = make_engine(self.config.database_url, create=False)
        require_schema(engine)
        session = session_factory(engine)()
        try:
            yield session
            session.commit()
        except (InvalidInput, NotFound) as exc:
            session.rollback()
            fail(str(exc))
        except BaseException:
            session.rollback()
            raise
        finally:
            session.close()
            engine.dispose()


def require_schema(engine: Any) -> None:
    """A clear message, naming the database it looked at, instead of "no such table" when the
    database is not migrated (or not there: nothing is created by asking)."""
    from newsfeed.adapters.schema import problem

    found = problem(engine)
    if found is None:
        return
    engine.dispose()
    fail(found)


pass_ctx = click.make_pass_decorator(AppContext)


@click.group()
@click.option("--config", "config_path", envvar="NEWSFEED_CONFIG", help="TOML configuration file.")
@click.version_option(package_name="newsfeed")
@click.pass_context
def main(ctx: click.Context, config_path: str | None) -> None:
    """newsfeed: academic news with fuzzy dates, as feeds, pages and email digests."""
    ctx.obj = AppContext(config_path)


def now_option(value: str | None) -> dt.datetime:
    if value is None:
        return dt.datetime.now(dt.UTC)
    try:
        parsed = dt.datetime.fromisoformat(value)
    except ValueError:
        fail(f"--now: {value!r} is not a date and time such as 2025-02-03T08:00Z")
    if parsed.tzinfo is None:
        fail(f"--now: {value!r} has no time zone (add Z or +01:00)")
    return parsed.astimezone(dt.UTC)


def today_option(value: str | None, zone: str = "UTC") -> dt.date:
    """``--today``, or today in ``zone`` (the site's for imports; UTC for the date commands, which
    read no configuration)."""
    if value is None:
        from newsfeed.domain.periods import site_today

        return site_today(dt.datetime.now(dt.UTC), zone)
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        fail(f"--today: {value!r} is not a date in the form YYYY-MM-DD")


class LateProgress:
    """A progress bar on standard error that shows itself only once the work has taken a second
    (a small import prints nothing more): ``update(n)`` as work gets done, ``close()`` at the end."""

    def __init__(self, total: int, label: str, *, after: float = 1.0) -> None:
        import time

        self.total = total
        self.label = label
        self.after = after
        self.done = 0
        self.started = time.monotonic()
        self._bar: Any = None
        self._clock = time.monotonic

    def update(self, n: int) -> None:
        self.done += n
        if self._bar is None and self._clock() - self.started >= self.after and self.total:
            self._bar = click.progressbar(length=self.total, label=self.label, file=sys.stderr)
            self._bar.__enter__()
            self._bar.update(self.done - n)
        if self._bar is not None:
            self._bar.update(n)

    def close(self) -> None:
        if self._bar is not None:
            self._bar.__exit__(None, None, None)
            self._bar = None


def echo_capped(prefix: str, lines: list[str], *, most: int = 20) -> None:
    """Print up to ``most`` lines of a list on standard error, then how many more there are."""
    for line in lines[:most]:
        click.echo(f"{prefix}: {shown(line)}", err=True)
    if len(lines) > most:
        click.echo(f"{prefix}: … and {len(lines) - most} more ({prefix}s in full with --json)", err=True)
