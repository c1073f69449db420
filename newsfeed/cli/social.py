"""`newsfeed social`: the Bluesky and Mastodon accounts news is posted to."""

from __future__ import annotations

import datetime as dt
import json

import click

from .app import AppContext, fail, main, pass_ctx, shown


@main.group()
def social() -> None:
    """Accounts on Bluesky and Mastodon that news is posted to (once per item and account)."""


def _csv(value: str | None) -> list[str]:
    return [part.strip() for part in (value or "").split(",") if part.strip()]


@social.command("add")
@click.argument("name")
@click.option("--network", type=click.Choice(["bluesky", "mastodon"]), required=True)
@click.option(
    "--url", default="", help="The Mastodon instance, or the Bluesky PDS (default https://bsky.social)."
)
@click.option("--handle", default="", help="The Bluesky handle (ada.bsky.social).")
@click.option("--person", "person_slug", help="A person's own account: only their news goes there.")
@click.option(
    "--kinds", help="Kinds posted, comma-separated (default: acceptance,award,talk,organizing,preprint)."
)
@click.option("--tags", help="Only items with one of these tags, comma-separated.")
@click.option("--secret-file", type=click.Path(dir_okay=False), help="A file holding the secret.")
@pass_ctx
def social_add(
    app: AppContext,
    name: str,
    network: str,
    url: str,
    handle: str,
    person_slug: str | None,
    kinds: str | None,
    tags: str | None,
    secret_file: str | None,
) -> None:
    """Add an account. Its secret (the Bluesky app password, the Mastodon access token) is read
    from NEWSFEED_SOCIAL_<NAME>_SECRET or --secret-file when it posts; it is never stored.

    \b
    newsfeed social add lab --network bluesky --handle lab.bsky.social
    newsfeed social add ada --network mastodon --url https://mastodon.social --person ada"""
    from newsfeed.services.social import AccountInput, add_account, secret_variable

    data = AccountInput(name=name, network=network, url=url, handle=handle, person=person_slug,
                        kinds=_csv(kinds), tags=_csv(tags), secret_file=secret_file)  # fmt: skip
    with app.session() as session:
        account = add_account(session, data, now=dt.datetime.now(dt.UTC), config=app.config)
        shown_name, variable = account.name, secret_variable(account.name)
        posts = ", ".join(account.kinds)
    click.echo(f"added {shown_name}: posts {posts} from now on; its secret: ${variable} or --secret-file")


@social.command("list")
@click.option("--json", "as_json", is_flag=True)
@pass_ctx
def social_list(app: AppContext, as_json: bool) -> None:
    """Every account: where, whose, what it posts, and why it stopped if it did (never the secret)."""
    from newsfeed.services.social import accounts

    with app.session() as session:
        rows = [
            {
                "name": a.name,
                "network": a.network,
                "url": a.url,
                "handle": a.handle,
                "person": a.person.slug if a.person is not None else None,
                "kinds": a.kinds,
                "tags": a.tags,
                "failing": a.failing,
                "waiting_until": a.limit_until.isoformat() if a.limit_until else None,
            }
            for a in accounts(session)
        ]
    if as_json:
        click.echo(json.dumps(rows, indent=2))
        return
    if not rows:
        click.echo("no social accounts (newsfeed social add NAME --network bluesky|mastodon …)")
    for r in rows:
        whose = f" for {r['person']}" if r["person"] else ""
        state = f"  FAILING: {r['failing']}" if r["failing"] else ""
        where = r["handle"] or r["url"]
        kinds = ", ".join(str(k) for k in (r["kinds"] or []))
        click.echo(shown(f"{r['name']}  {r['network']} {where}{whose}: {kinds}{state}"))


@social.command("test")
@click.argument("name")
@pass_ctx
def social_test(app: AppContext, name: str) -> None:
    """Sign in to the account (nothing is posted) and say who it is; a failing account that signs
    in again is resumed."""
    from newsfeed.adapters.social import SocialError
    from newsfeed.jobs.social import connect
    from newsfeed.services.social import account_named, resume

    with app.session() as session:
        account = account_named(session, name)
        kept: list[str] = []
        try:
            client = connect(app.config)(account, kept.append)
            try:
                who = client.check()
            finally:
                client.close()
        except SocialError as exc:
            fail(f"{account.name}: {exc}")
        was_failing = account.failing is not None
        if was_failing:
            resume(session, account)
        if kept:
            account.session = kept[-1]  # Bluesky's new session, kept for the next post
    click.echo(shown(f"{name}: signed in as {who}" + (" (resumed)" if was_failing else "")))


@social.command("remove")
@click.argument("name")
@pass_ctx
def social_remove(app: AppContext, name: str) -> None:
    """Stop posting to an account (what it posted stays on the network)."""
    from newsfeed.services.social import remove_account

    with app.session() as session:
        remove_account(session, name)
    click.echo(f"removed {name}")
