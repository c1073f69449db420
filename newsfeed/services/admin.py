"""Queries and actions behind the admin pages."""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass
from typing import Generic, TypeVar

from sqlalchemy import or_, select
from sqlalchemy.orm import Session, selectinload

from newsfeed.adapters.models import Item, ItemRevision, Person, Subscriber, User
from newsfeed.adapters.queries import contains, kind_condition, paged
from newsfeed.domain.errors import InvalidInput, NotFound
from newsfeed.domain.vocab import Role, Status, check_kind

from .items import input_of, update_item

T = TypeVar("T")


@dataclass(frozen=True)
class Actor:
    """Who acts: an editor may only touch items of their own person."""

    user_id: int
    role: Role
    person_id: int | None

    @property
    def is_admin(self) -> bool:
        return self.role == Role.ADMIN


PER_PAGE = 50


@dataclass(frozen=True)
class Listing(Generic[T]):
    """One page of an admin list: its rows, how many match in all, which page of how many."""

    rows: list[T]
    total: int
    page: int
    pages: int


def search_items(
    session: Session,
    actor: Actor,
    *,
    q: str = "",
    kind: str = "",
    status: str = "",
    person: str = "",
    page: int = 1,
    per_page: int = PER_PAGE,
) -> Listing[Item]:
    """The items an account may edit matching the filters, newest posting first, a page at a time
    (``q``: words in the title or body, taken literally)."""
    query = select(Item).options(selectinload(Item.person)).order_by(Item.posted_start.desc(), Item.id.desc())
    if not actor.is_admin:
        query = query.where(Item.person_id == (actor.person_id or -1))  # never "IS NULL"
    if q.strip():
        text = q.strip()[:100]
        query = query.where(or_(contains(Item.title, text), contains(Item.body, text)))
    if kind:
        check_kind(kind)
        query = query.where(kind_condition([kind]))  # primary or secondary, as every filter
    if status:
        if status not in [s.value for s in Status]:
            raise InvalidInput("status", f"{status[:40]!r} is not a status")
        query = query.where(Item.status == Status(status))
    if person:
        query = query.where(Item.person.has(Person.slug == person))
    return Listing(*paged(session, query, page=page, per_page=per_page))


def search_subscribers(
    session: Session, *, q: str = "", page: int = 1, per_page: int = PER_PAGE
) -> Listing[Subscriber]:
    """Subscribers whose address contains ``q``, newest first, a page at a time."""
    query = select(Subscriber).order_by(Subscriber.created_at.desc(), Subscriber.id.desc())
    if q.strip():
        query = query.where(contains(Subscriber.email, q.strip()[:100]))
    return Listing(*paged(session, query, page=page, per_page=per_page))


def item_for(session: Session, actor: Actor, item_id: int) -> Item:
    item = session.get(Item, item_id)
    if item is None or (
        not actor.is_admin and (actor.person_id is None or item.person_id != actor.person_id)
    ):
        raise NotFound(f"no item {item_id}")
    return item


def person_slug_for(session: Session, actor: Actor) -> str | None:
    """The person an editor must post as (None for admins, who choose)."""
    if actor.is_admin:
        return None
    if actor.person_id is None:
        raise InvalidInput("person", "this editor account has no person to post as: ask an admin")
    slug = session.scalar(select(Person.slug).where(Person.id == actor.person_id))
    assert slug is not None
    return slug


def retract(session: Session, actor: Actor, item_id: int, *, now: dt.datetime) -> Item:
    item = item_for(session, actor, item_id)
    data = dataclasses.replace(input_of(item), status=Status.RETRACTED)
    update_item(session, item, data, now=now, user_id=actor.user_id)
    return item


@dataclass(frozen=True)
class HistoryRow:
    revision: int
    at: dt.datetime
    who: str
    changes: dict[str, object]


def history(session: Session, actor: Actor, item_id: int) -> tuple[Item, list[HistoryRow]]:
    item = item_for(session, actor, item_id)
    rows = session.execute(
        select(ItemRevision, User.email)
        .outerjoin(User, User.id == ItemRevision.user_id)
        .where(ItemRevision.item_id == item.id)
        .order_by(ItemRevision.revision.desc())
    ).all()
    return item, [
        HistoryRow(r.revision, r.changed_at, email or "import or command line", r.changes)
        for r, email in rows
    ]


def people(session: Session) -> list[Person]:
    return list(session.scalars(select(Person).order_by(Person.name)))


def users(session: Session) -> list[User]:
    return list(session.scalars(select(User).options(selectinload(User.person)).order_by(User.email)))
