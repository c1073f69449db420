"""Social accounts and what is posted to them (flushes, never commits; the outbox job,
:mod:`newsfeed.jobs.social`, sends and commits).

**What is posted.** An item goes to an account when it is public and listed, its kind is one of
the account's kinds (by default acceptance, award, talk, organizing, preprint), it has one of the
account's tags (when the account names tags), it is the account's person's (for a person's
account), it went public *after the account was added* and at most ``[social] max_age_hours``
(24) before the sweep that plans it, and it was written here (the admin page, the CLI, an
approved proposal): **an import or a source's sync is never posted**, nor is anything published
in the past. A scheduled item is posted when it goes live.

**Once per item and account, ever.** :func:`plan_posts` inserts one row per (item, account) with
``INSERT … ON CONFLICT DO NOTHING`` on that unique key: a second or concurrent planner cannot
make a second post. **Edits and retractions follow** (:func:`follow_changes`): when an item that
was posted stops being public (retracted, made private, deleted) its row turns into a delete;
when the text a post would now say differs from what was posted, a Mastodon post is edited;
a Bluesky post, which cannot be edited, stays as posted unless the editor asks for a repost
(:func:`repost`: the old post is deleted and a new one made).
"""

from __future__ import annotations

import datetime as dt
import re
import uuid
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import ColumnElement, and_, or_, select, update
from sqlalchemy.orm import Session, selectinload

from newsfeed.adapters import state
from newsfeed.adapters.db import insert_ignore
from newsfeed.adapters.models import Item, Person, SocialAccount, SocialPost, Tag, item_tags
from newsfeed.adapters.queries import published_column, visible_condition
from newsfeed.config import Config
from newsfeed.domain.errors import InvalidInput, NotFound
from newsfeed.domain.social import DEFAULT_KINDS, NETWORKS, Post, PostSource, compose
from newsfeed.domain.vocab import Kind
from newsfeed.render.safe_html import summary

BLUESKY_PDS = "https://bsky.social"
_NAME = re.compile(r"[a-z0-9][a-z0-9-]{0,39}")
FOLLOWED = "social_followed"  # site_state: the data version the last follow_changes looked at


def secret_variable(name: str) -> str:
    """The environment variable that holds account ``name``'s secret."""
    return "NEWSFEED_SOCIAL_" + re.sub(r"[^A-Z0-9]", "_", name.upper()) + "_SECRET"


@dataclass(frozen=True)
class AccountInput:
    name: str
    network: str
    url: str = ""
    handle: str = ""
    person: str | None = None
    kinds: Sequence[str] = ()
    tags: Sequence[str] = ()
    secret_file: str | None = None


def add_account(session: Session, data: AccountInput, *, now: dt.datetime, config: Config) -> SocialAccount:
    """A new account, checked: every problem is an :class:`InvalidInput` naming its field."""
    from urllib.parse import urlsplit

    from newsfeed.adapters.fetch import FetchError
    from newsfeed.services.syncing import fetcher_from_config

    name = data.name.strip().lower()
    if not _NAME.fullmatch(name):
        raise InvalidInput(
            "name", "1 to 40 lowercase letters, digits and hyphens, starting with a letter or digit"
        )
    if session.scalar(select(SocialAccount.id).where(SocialAccount.name == name)) is not None:
        raise InvalidInput("name", f"an account {name} exists already")
    if data.network not in NETWORKS:
        raise InvalidInput("network", f"{data.network!r}: one of {', '.join(NETWORKS)}")
    url = (data.url or (BLUESKY_PDS if data.network == "bluesky" else "")).strip().rstrip("/")
    if not url:
        raise InvalidInput("url", "the Mastodon instance's address, as https://mastodon.social")
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname or len(url) > 500:
        raise InvalidInput("url", f"{url[:100]!r} is not an http or https address")
    handle = data.handle.strip().lstrip("@")
    if data.network == "bluesky" and not handle:
        raise InvalidInput("handle", "a Bluesky account needs its handle, as ada.bsky.social")
    if len(handle) > 300:
        raise InvalidInput("handle", "at most 300 characters")
    person = None
    if data.person:
        person = session.scalar(select(Person).where(Person.slug == data.person))
        if person is None:
            raise InvalidInput("person", f"no person {data.person!r}")
    kinds = [k.strip() for k in data.kinds if k.strip()] or list(DEFAULT_KINDS)
    known = {k.value for k in Kind}
    unknown = [k for k in kinds if k not in known]
    if unknown:
        raise InvalidInput("kinds", f"unknown kind {unknown[0]!r} (known: {', '.join(sorted(known))})")
    tags = [t.strip().lower() for t in data.tags if t.strip()]
    if len(tags) > 20 or any(len(t) > 60 for t in tags):
        raise InvalidInput("tags", "at most 20 tags of at most 60 characters each")
    # last: the only check that asks the network (the name's addresses)
    try:
        fetcher_from_config(config).vet(
            parts.hostname, parts.port or (443 if parts.scheme == "https" else 80)
        )
    except FetchError as exc:
        raise InvalidInput("url", str(exc)) from None
    account = SocialAccount(
        name=name,
        network=data.network,
        url=url,
        handle=handle or None,
        secret_file=data.secret_file or None,
        person_id=person.id if person is not None else None,
        kinds=kinds,
        tags=tags,
        created_at=now,
    )
    session.add(account)
    session.flush()
    return account


def accounts(session: Session, *, person_id: int | None = None) -> list[SocialAccount]:
    """Every account (``person_id``: only that person's, for an editor)."""
    query = select(SocialAccount).options(selectinload(SocialAccount.person)).order_by(SocialAccount.name)
    if person_id is not None:
        query = query.where(SocialAccount.person_id == person_id)
    return list(session.scalars(query))


def account_named(session: Session, name: str, *, person_id: int | None = None) -> SocialAccount:
    account = session.scalar(select(SocialAccount).where(SocialAccount.name == name.strip().lower()))
    if account is None or (person_id is not None and account.person_id != person_id):
        raise NotFound(f"no social account {name!r}")
    return account


def remove_account(session: Session, name: str, *, person_id: int | None = None) -> SocialAccount:
    """Stop posting to an account (what it posted stays on the network)."""
    account = account_named(session, name, person_id=person_id)
    session.delete(account)
    session.flush()
    return account


def resume(session: Session, account: SocialAccount) -> None:
    """Post again to an account marked failing (its secret was fixed)."""
    account.failing = None
    account.session = None
    session.flush()


# -- what a post says ---------------------------------------------------------------------------


def post_of(item: Item, account: SocialAccount, config: Config) -> Post:
    source = PostSource(
        title=item.title,
        date_text=item.posted_text or item.posted.display(),
        venue=item.venue,
        url=config.urls.item(item.id),
        tags=tuple(t.slug for t in item.tags),
        description=summary(item.body or "", 300),
        language=config.site.language,
    )
    return compose(source, account.network, limit=account.max_characters)


# -- planning -----------------------------------------------------------------------------------


def _eligible(account: SocialAccount, now: dt.datetime, config: Config) -> ColumnElement[bool]:
    since = max(account.created_at, now - dt.timedelta(hours=config.social.max_age_hours))
    conditions = [
        visible_condition(now),
        Item.source_key.is_(None),
        Item.source_id.is_(None),
        published_column() >= since,
        published_column() <= now,
        Item.kind.in_(account.kinds),
    ]
    if account.person_id is not None:
        conditions.append(Item.person_id == account.person_id)
    if account.tags:
        tagged = (
            select(item_tags.c.item_id)
            .join(Tag, Tag.id == item_tags.c.tag_id)
            .where(Tag.slug.in_(account.tags))
        )
        conditions.append(Item.id.in_(tagged))
    return and_(*conditions)


def _new_post(item_id: int, account_id: int, now: dt.datetime) -> dict[str, object]:
    """A post row to make, due now, with the key that makes a repeat the same post."""
    return {"item_id": item_id, "account_id": account_id, "action": "post", "status": "pending",
            "due_at": now, "attempts": 0, "idempotency_key": uuid.uuid4().hex, "created_at": now}  # fmt: skip


def plan_posts(session: Session, *, now: dt.datetime, config: Config) -> int:
    """One post row for each item due on each working account; how many were new."""
    made = 0
    for account in session.scalars(select(SocialAccount).order_by(SocialAccount.id)):
        done = select(SocialPost.item_id).where(
            SocialPost.account_id == account.id, SocialPost.item_id.is_not(None)
        )
        ids = list(
            session.scalars(select(Item.id).where(_eligible(account, now, config), Item.id.not_in(done)))
        )
        rows = [_new_post(item_id, account.id, now) for item_id in ids]
        made += len(insert_ignore(session, SocialPost.__table__, rows, returning=SocialPost.__table__.c.id))
    session.flush()
    return made


def follow_changes(session: Session, *, now: dt.datetime, config: Config) -> int:
    """Turn the posts of items retracted since into deletes, and of items whose post would say
    something else into Mastodon edits; how many changed. Looks only when the data changed since
    the last look (the data version), so an idle site costs one read per sweep."""
    version = state.data_version(session)
    last = state.last(session, FOLLOWED)
    if last is not None and last[1] == str(version):
        return 0
    changed = 0
    posted = select(SocialPost).where(
        SocialPost.remote_id.is_not(None),
        SocialPost.action.in_(("post", "edit")),
        SocialPost.status.in_(("done", "failed")),
    )
    # which of the posted items are still public (not every visible item of the site)
    on_networks = posted.with_only_columns(SocialPost.item_id)
    visible_ids = set(
        session.scalars(select(Item.id).where(Item.id.in_(on_networks), visible_condition(now)))
    )
    for row in session.scalars(
        posted.options(selectinload(SocialPost.account), selectinload(SocialPost.item))
    ):
        if row.item_id is None or row.item_id not in visible_ids:
            row.action, row.status, row.due_at, row.attempts = "delete", "pending", now, 0
            row.next_attempt_at = None
            changed += 1
        elif row.account.network == "mastodon" and row.item is not None and row.status == "done":
            changed_text = post_of(row.item, row.account, config).digest != row.text_hash
            if changed_text:
                row.action, row.status, row.due_at, row.attempts = "edit", "pending", now, 0
                changed += 1
    state.mark(session, FOLLOWED, now, text=str(version))
    session.flush()
    return changed


def repost(session: Session, item_id: int, account: SocialAccount, *, now: dt.datetime) -> None:
    """Replace an item's post on a Bluesky account (which has no edit) with one saying what the
    item says now: the old one is deleted, then a new one posted (a new row takes its place)."""
    row = session.scalar(
        select(SocialPost).where(SocialPost.item_id == item_id, SocialPost.account_id == account.id)
    )
    if row is None or row.remote_id is None:
        raise NotFound(f"item {item_id} was not posted to {account.name}")
    session.execute(
        update(SocialPost)
        .where(SocialPost.id == row.id)
        .values(item_id=None, action="delete", status="pending", due_at=now, attempts=0)
    )
    session.flush()
    insert_ignore(session, SocialPost.__table__, [_new_post(item_id, account.id, now)])


def posts_of(session: Session, account: SocialAccount, *, limit: int = 20) -> list[SocialPost]:
    query = (
        select(SocialPost)
        .where(SocialPost.account_id == account.id)
        .order_by(SocialPost.created_at.desc(), SocialPost.id.desc())
        .limit(limit)
        .options(selectinload(SocialPost.item))
    )
    return list(session.scalars(query))


def due(now: dt.datetime) -> ColumnElement[bool]:
    """Rows the outbox may take now (their account working and not rate-limited)."""
    working = select(SocialAccount.id).where(
        SocialAccount.failing.is_(None),
        or_(SocialAccount.limit_until.is_(None), SocialAccount.limit_until <= now),
    )
    return and_(
        SocialPost.status == "pending",
        SocialPost.due_at <= now,
        or_(SocialPost.next_attempt_at.is_(None), SocialPost.next_attempt_at <= now),
        SocialPost.account_id.in_(working),
    )
