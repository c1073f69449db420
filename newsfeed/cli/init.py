"""`newsfeed init github`: the workflow that puts a repository's News on GitHub Pages."""

from __future__ import annotations

from pathlib import Path

import click

from .app import AppContext, fail, main, pass_ctx

WORKFLOW_PATH = Path(".github") / "workflows" / "newsfeed.yml"


@main.group()
def init() -> None:
    """Set newsfeed up somewhere it runs without a server."""


@init.command("github")
@click.option(
    "--repo",
    type=click.Path(file_okay=False, exists=True, path_type=Path),
    default=Path("."),
    show_default=True,
    help="The repository's folder.",
)
@click.option(
    "--source",
    default=None,
    help="The News in the repository: a folder (al-folio _news/, _posts/), a data file or a page "
    "[default: where the site keeps them, found as `newsfeed import REPO` finds them].",
)
@click.option("--format", "fmt", default="auto", show_default=True, help="As for `newsfeed import`.")
@click.option("--package", default="newsfeed", show_default=True, help="What pip installs in the workflow.")
@click.option("--branch", default="main", show_default=True, help="The branch whose pushes rebuild.")
@click.option("--force", is_flag=True, help="Replace an existing workflow.")
@pass_ctx
def init_github(
    app: AppContext, repo: Path, source: str | None, fmt: str, package: str, branch: str, force: bool
) -> None:
    """Write .github/workflows/newsfeed.yml: on every push and once a day, import SOURCE, build
    the site and deploy it to GitHub Pages."""
    from newsfeed.domain.vocab import IMPORT_FORMATS
    from newsfeed.render.workflow import github_workflow

    if fmt not in ("auto", *IMPORT_FORMATS):
        fail(f"--format: {fmt[:40]!r} is not one of auto, {', '.join(IMPORT_FORMATS)}")
    if source is None:
        source = _found_source(repo)
    relative = Path(source)
    if relative.is_absolute() or ".." in relative.parts:
        fail(f"--source: a path inside the repository, not {source[:100]!r}")
    if not (repo / relative).exists():
        fail(
            f"--source: there is no {source} in {repo.resolve()} (give the News file or folder with --source)"
        )
    target = repo / WORKFLOW_PATH
    if target.exists() and not force:
        fail(f"{target} exists already: --force replaces it")
    text = github_workflow(
        source=source,
        fmt=fmt,
        title=app.config.site.title,
        timezone=app.config.site.timezone,
        package=package,
        branch=branch,
    )
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text)
    click.echo(f"wrote {target}")
    click.echo("next: commit it, push, and set Settings -> Pages -> Source to 'GitHub Actions'")


def _found_source(repo: Path) -> str:
    """Where the repository keeps its News, found as `newsfeed import REPO` finds it; said."""
    import datetime as dt

    from newsfeed.adapters.files import site_news
    from newsfeed.domain.importers import UnreadableDocument

    try:
        place, result = site_news(repo, today=dt.datetime.now(dt.UTC).date())
    except UnreadableDocument as exc:
        fail(f"{exc} (or give it with --source)")
    click.echo(f"the News found in {place}: {len(result.items)} item(s), {result.description}")
    return place
