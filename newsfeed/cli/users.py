"""`newsfeed user`: admin and editor accounts."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

import click

from .app import AppContext, main, pass_ctx

if TYPE_CHECKING:
    pass


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


@user.command("set-person")
@click.argument("email")
@click.argument("person_slug", metavar="SLUG")
@pass_ctx
def user_set_person(app: AppContext, email: str, person_slug: str) -> None:
    """Give an account the person it posts as (an editor without one may do nothing)."""
    from newsfeed.services.users import set_person

    with app.session() as session:
        changed = set_person(session, email, person_slug)
        address, slug = changed.email, person_slug
    click.echo(f"{address} posts as {slug}")
