"""`newsfeed import` and `newsfeed export`: news lists in and out."""

from __future__ import annotations

import json

import click

from .app import AppContext, LateProgress, echo_capped, fail, main, pass_ctx, shown, today_option


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
            today=today_option(today, app.config.site.timezone),
            fmt=fmt,
            date_order=order,  # type: ignore[arg-type]
            default_order=app.config.site.date_order,  # type: ignore[arg-type]
        )
    except UnreadableDocument as exc:
        fail(str(exc))
    report = None
    if not dry_run:
        from newsfeed.services.imports import apply_import

        bar = LateProgress(len(result.items), "importing")
        try:
            with app.session() as session:
                report = apply_import(
                    session,
                    result,
                    person=person_slug,
                    now=utcnow(),
                    host=app.config.host,
                    progress=bar.update,
                )
        finally:
            bar.close()
    if as_json:
        out = result.as_dict()
        if report is not None:
            out["report"] = report.as_dict()
        click.echo(json.dumps(out, ensure_ascii=False, indent=2))
        return
    echo_capped("warning", result.warnings)
    for item in result.items:
        posted = item.posted.display() if item.posted else "undated"
        click.echo(f"{item.source_line:>5}  {shown(posted):<22} {item.kind:<11} {shown(item.title[:70])}")
    click.echo(f"{len(result.items)} item(s) read from {shown(result.description or result.format)}")
    if report is not None:
        echo_capped("failed", report.messages)
        echo_capped("note", report.notes)
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
