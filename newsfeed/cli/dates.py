"""`newsfeed dates`: the fuzzy date engine on the command line."""

from __future__ import annotations

import json
import sys
from typing import TYPE_CHECKING, Any

import click

from .app import fail, main, shown, today_option

if TYPE_CHECKING:
    pass


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
        value = parse(text, today=today_option(today), date_order=date_order, prefer=prefer)  # type: ignore[arg-type]
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
        found = find_dates(text, today=today_option(today), date_order=date_order, prefer=prefer)  # type: ignore[arg-type]
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
