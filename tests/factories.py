"""Factory functions that build test data through the services (never by hand-written SQL)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy.orm import Session

from newsfeed.adapters.models import Item, Person
from newsfeed.domain.dates import parse
from newsfeed.domain.vocab import Kind, Status, Visibility
from newsfeed.services.items import ItemInput, MilestoneInput, create_item

NOW = dt.datetime(2025, 3, 1, 9, 0, tzinfo=dt.UTC)


def person(session: Session, slug: str = "ada", name: str = "Ada Lovelace") -> Person:
    p = Person(slug=slug, name=name)
    session.add(p)
    session.flush()
    return p


def item(
    session: Session,
    title: str = "One paper accepted at ICML 2024",
    posted: str = "05/2024",
    *,
    kind: Kind = Kind.ACCEPTANCE,
    status: Status = Status.PUBLISHED,
    visibility: Visibility = Visibility.PUBLIC,
    now: dt.datetime = NOW,
    milestones: list[tuple[str, str]] = (),  # type: ignore[assignment]
    **extra: Any,
) -> Item:
    data = ItemInput(
        title=title,
        posted=parse(posted, today=now.date(), date_order="dmy", prefer="past"),
        kind=kind,
        status=status,
        visibility=visibility,
        milestones=[
            MilestoneInput(label=label, date=parse(text, today=now.date(), date_order="dmy"))
            for label, text in milestones
        ],
        **extra,
    )
    created = create_item(session, data, now=now, host="news.example.org")
    assert created is not None  # no import key: always a new item
    return created
