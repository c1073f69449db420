"""The rules of the domain as SQL: one home for each condition and ordering every query shares.

- :func:`where` / :func:`narrow`: a :class:`~newsfeed.domain.selection.Selection` as a condition
  on ``Item`` (the same rule as ``Selection.matches``; a test checks that they agree);
- :func:`unknown_values`: which tags and people a selection names that do not exist;
- :func:`kind_condition`: an item listed under a kind (primary or secondary);
- :func:`visible_condition`: what anyone may see (published, or scheduled and due, and public);
- :func:`published_column` and :func:`published_at`: when an item became public on this site;
- :func:`newest_posting_first`, :func:`with_relations`: the orderings and loads pages share.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, func, or_, select, true
from sqlalchemy.orm import Session, selectinload

from newsfeed.domain.errors import InvalidInput
from newsfeed.domain.selection import URL_FIELDS, Fields, Selection
from newsfeed.domain.vocab import Status, Visibility

from .models import Item, Person, Tag


def kind_condition(kinds: Sequence[str]) -> ColumnElement[bool]:
    """Items listed under any of ``kinds``: the same rule as
    :func:`newsfeed.domain.selection.item_kinds`."""
    return or_(Item.kind.in_(list(kinds)), *(Item.also_kinds.contains(f" {kind} ") for kind in kinds))


def where(selection: Selection) -> ColumnElement[bool]:
    """The rule of ``Selection.matches`` as a SQL condition on ``Item``."""
    conditions: list[ColumnElement[bool]] = []
    if selection.kinds:
        conditions.append(kind_condition(selection.kinds))
    if selection.people:
        conditions.append(Item.person.has(Person.slug.in_(selection.people)))
    if selection.tags:
        conditions.append(Item.tags.any(Tag.slug.in_(selection.tags)))
    return and_(*conditions) if conditions else true()


def narrow(query: Select[Any], selection: Selection) -> Select[Any]:
    """``query`` limited to the items of ``selection``."""
    return query if selection.is_everything else query.where(where(selection))


def unknown_values(
    session: Session, selection: Selection, *, fields: Fields = URL_FIELDS
) -> list[tuple[str, str]]:
    """One problem per tag or person the selection names that does not exist."""
    problems: list[tuple[str, str]] = []
    if selection.people:
        found = set(session.scalars(select(Person.slug).where(Person.slug.in_(selection.people))))
        problems += [(fields.people, f"no person {slug!r}") for slug in selection.people if slug not in found]
    if selection.tags:
        found = set(session.scalars(select(Tag.slug).where(Tag.slug.in_(selection.tags))))
        problems += [(fields.tags, f"no tag {slug!r}") for slug in selection.tags if slug not in found]
    return problems


def described(session: Session, selection: Selection) -> str:
    """``selection.describe()`` with people's names instead of their slugs."""
    names: dict[str, str] = {}
    if selection.people:
        rows = session.execute(select(Person.slug, Person.name).where(Person.slug.in_(selection.people)))
        names = {slug: name for slug, name in rows}
    return selection.describe(names)


def check_known(session: Session, selection: Selection, *, fields: Fields = URL_FIELDS) -> None:
    """Every tag and person named exists; otherwise one InvalidInput listing each unknown one."""
    problems = unknown_values(session, selection, fields=fields)
    if problems:
        raise InvalidInput.many(problems)


def known_selection(
    session: Session,
    kinds: Iterable[object] = (),
    tags: Iterable[object] = (),
    people: Iterable[object] = (),
    *,
    fields: Fields = URL_FIELDS,
) -> Selection:
    """A selection as it arrived, checked, naming only tags and people that exist (every problem
    reported at once)."""
    return Selection.parse(
        kinds, tags, people, fields=fields, known=lambda s: unknown_values(session, s, fields=fields)
    )


def visible_condition(now: dt.datetime) -> ColumnElement[bool]:
    """Items anyone may see: published (or scheduled and due) and public."""
    return (
        or_(
            Item.status == Status.PUBLISHED,
            (Item.status == Status.SCHEDULED) & (Item.publish_at <= now),
        )
    ) & (Item.visibility == Visibility.PUBLIC)


def published_column() -> ColumnElement[dt.datetime]:
    """When an item became public on this site, as SQL (the feeds' order)."""
    return func.coalesce(Item.published_at, Item.publish_at)


def published_at(item: Item) -> dt.datetime:
    """When an item became (or becomes) public on this site: the feeds' "published", the digests'
    "new or updated"."""
    return item.published_at or item.publish_at or item.created_at


def newest_posting_first() -> list[Any]:
    """Newest posting first; items posted in the same period: the latest created first, and those
    imported together in the order of their source (a news list is newest first)."""
    return [
        Item.posted_start.desc(),
        Item.posted_end.desc(),
        Item.created_at.desc(),
        Item.source_line.asc(),
        Item.id.desc(),
    ]


def with_relations(query: Any) -> Any:
    return query.options(
        selectinload(Item.person),
        selectinload(Item.tags),
        selectinload(Item.links),
        selectinload(Item.milestones),
    )


def contains(column: ColumnElement[str] | Any, text: str) -> ColumnElement[bool]:
    """``column`` contains ``text`` literally, case-insensitively (``%`` and ``_`` are not wildcards)."""
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    condition: ColumnElement[bool] = column.ilike(f"%{escaped}%", escape="\\")
    return condition


def paged(
    session: Session, query: Select[Any], *, page: int, per_page: int
) -> tuple[list[Any], int, int, int]:
    """One page of an ordered query: (rows, total, page, pages), the page clamped to those there are."""
    total = session.scalar(select(func.count()).select_from(query.order_by(None).subquery())) or 0
    pages = max(1, -(-total // per_page))
    page = min(max(page, 1), pages)
    rows = list(session.scalars(query.offset((page - 1) * per_page).limit(per_page)))
    return rows, int(total), page, pages
