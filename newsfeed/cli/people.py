"""`newsfeed person`: the people whose news the site publishes."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import click

from .app import AppContext, main, pass_ctx, shown


@main.group()
def person() -> None:
    """People: who posts, whose pages, feeds and editors there are."""


def _profile_options(f: Any) -> Any:
    for option in reversed(
        [
            click.option("--homepage", help="Their homepage (http or https)."),
            click.option("--orcid", help="Their ORCID iD, e.g. 0000-0002-1825-0097."),
            click.option("--photo", "photo_url", help="The address of a photo (http or https)."),
            click.option("--bio", help="A short bio (Markdown)."),
        ]
    ):
        f = option(f)
    return f


@person.command("add")
@click.argument("slug")
@click.option("--name", required=True, help="Their name as readers see it.")
@_profile_options
@pass_ctx
def person_add(
    app: AppContext,
    slug: str,
    name: str,
    homepage: str | None,
    orcid: str | None,
    photo_url: str | None,
    bio: str | None,
) -> None:
    """Add a person (SLUG: the short name in addresses, such as ada-lovelace)."""
    from newsfeed.services.people import Profile, add_person

    with app.session() as session:
        added = add_person(
            session,
            slug,
            Profile(name=name, homepage=homepage, orcid=orcid, photo_url=photo_url, bio=bio),
            now=dt.datetime.now(dt.UTC),
        )
        slug, name = added.slug, added.name
    click.echo(shown(f"added {slug}: {name} (page /people/{slug})"))


@person.command("edit")
@click.argument("slug")
@click.option("--name", help="Their name as readers see it.")
@_profile_options
@pass_ctx
def person_edit(
    app: AppContext,
    slug: str,
    name: str | None,
    homepage: str | None,
    orcid: str | None,
    photo_url: str | None,
    bio: str | None,
) -> None:
    """Change what is given (an empty value clears it: --homepage '')."""
    from newsfeed.services.people import Profile, edit_person

    with app.session() as session:
        edited = edit_person(
            session, slug, Profile(name=name, homepage=homepage, orcid=orcid, photo_url=photo_url, bio=bio)
        )
        slug = edited.slug
    click.echo(f"saved {slug}")


@person.command("list")
@click.option("--json", "as_json", is_flag=True)
@pass_ctx
def person_list(app: AppContext, as_json: bool) -> None:
    """Every person: slug, name, items, homepage, ORCID iD."""
    from newsfeed.services.people import list_people

    with app.session() as session:
        rows = [
            {
                "slug": p.slug,
                "name": p.name,
                "items": n,
                "homepage": p.homepage,
                "orcid": p.orcid,
                "photo_url": p.photo_url,
                "bio": p.bio,
            }
            for p, n in list_people(session)
        ]
    if as_json:
        click.echo(json.dumps(rows, indent=2, ensure_ascii=False))
        return
    for row in rows:
        fields = [str(row["slug"]), str(row["name"]), f"{row['items']} item(s)"]
        fields += [str(row["homepage"] or "-"), str(row["orcid"] or "-")]
        click.echo(shown("\t".join(fields)))


@person.command("remove")
@click.argument("slug")
@pass_ctx
def person_remove(app: AppContext, slug: str) -> None:
    """Remove a person; their items stay on the site, no longer anyone's."""
    from newsfeed.services.people import remove_person

    with app.session() as session:
        count = remove_person(session, slug)
    click.echo(f"removed {slug}; their {count} item(s) stay")
