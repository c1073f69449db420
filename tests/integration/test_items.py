"""Items: creation, real edits bump the revision, UTC at the boundary, publication rules."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from sqlalchemy import select
from sqlalchemy.exc import StatementError
from sqlalchemy.orm import Session

from newsfeed.adapters.db import NaiveDatetimeError
from newsfeed.adapters.models import Item, SiteState
from newsfeed.domain.errors import InvalidInput
from newsfeed.domain.selection import EVERYTHING
from newsfeed.domain.vocab import Kind, Status, Visibility
from newsfeed.services.items import ItemInput, publish_due, update_item
from newsfeed.services.public import timeline
from tests import factories


def data_version(session: Session) -> int:
    return session.scalar(select(SiteState.int_value).where(SiteState.key == "data_version")) or 0


NOW = factories.NOW


def test_create_keeps_the_fuzzy_date_and_a_stable_tag_uri(session: Session) -> None:
    item = factories.item(session, posted="06/05/2024 to 12/05/2024", kind=Kind.TRAVEL)
    session.commit()
    again = session.get(Item, item.id)
    assert again is not None
    assert (again.posted_start, again.posted_end, again.posted_grain) == (
        dt.date(2024, 5, 6),
        dt.date(2024, 5, 12),
        "day",
    )
    assert again.posted_text == "06/05/2024 to 12/05/2024"
    assert again.public_id.startswith("tag:news.example.org,2025:news/")
    assert again.revision == 1
    assert again.created_at == NOW and again.created_at.tzinfo is not None


def _input_of(item: Item, **changes: object) -> ItemInput:
    base = ItemInput(title=item.title, posted=item.posted, kind=item.kind, status=item.status)
    return dataclasses.replace(base, **changes)  # type: ignore[arg-type]


def test_a_real_edit_bumps_the_revision_and_keeps_the_id(session: Session) -> None:
    item = factories.item(session)
    public_id = item.public_id
    version = data_version(session)
    later = NOW + dt.timedelta(hours=2)
    assert update_item(session, item, _input_of(item, title="Two papers accepted at ICML 2024"), now=later)
    assert item.revision == 2
    assert item.public_id == public_id
    assert item.updated_at == later
    assert data_version(session) == version + 1
    assert item.revisions[-1].changes["title"] == [
        "One paper accepted at ICML 2024",
        "Two papers accepted at ICML 2024",
    ]


def test_saving_without_a_change_is_not_a_revision(session: Session) -> None:
    item = factories.item(session)
    assert not update_item(session, item, _input_of(item), now=NOW + dt.timedelta(hours=1))
    assert item.revision == 1
    assert item.updated_at == NOW


def test_naive_datetimes_are_refused_at_the_boundary(session: Session) -> None:
    item = factories.item(session)
    item.publish_at = dt.datetime(2025, 1, 1, 12, 0)  # noqa: DTZ001 - the point of the test
    with pytest.raises(StatementError) as err:
        session.flush()
    assert isinstance(err.value.orig, NaiveDatetimeError)
    session.rollback()


def test_aware_datetimes_are_stored_as_utc(session: Session) -> None:
    vienna = dt.timezone(dt.timedelta(hours=2))
    item = factories.item(
        session, status=Status.SCHEDULED, publish_at=dt.datetime(2025, 6, 1, 10, 0, tzinfo=vienna)
    )
    session.commit()
    session.expire_all()
    again = session.get(Item, item.id)
    assert again is not None and again.publish_at is not None
    assert again.publish_at == dt.datetime(2025, 6, 1, 8, 0, tzinfo=dt.UTC)
    assert again.publish_at.utcoffset() == dt.timedelta(0)


def test_only_public_published_items_are_listed_and_scheduled_ones_go_live_on_time(session: Session) -> None:
    factories.item(session, title="public")
    factories.item(session, title="draft", status=Status.DRAFT)
    factories.item(session, title="retracted", status=Status.RETRACTED)
    factories.item(session, title="private", visibility=Visibility.PRIVATE)
    factories.item(session, title="unlisted", visibility=Visibility.UNLISTED)
    factories.item(session, title="later", status=Status.SCHEDULED, publish_at=NOW + dt.timedelta(days=1))
    assert [i.title for i in timeline(session, EVERYTHING, now=NOW)] == ["public"]
    # Once publish_at has passed the scheduled item is visible with no manual step...
    tomorrow = NOW + dt.timedelta(days=1, minutes=1)
    assert sorted(i.title for i in timeline(session, EVERYTHING, now=tomorrow)) == ["later", "public"]
    # ... and the job that publishes it records when it became public (never in the future).
    assert publish_due(session, tomorrow) == 1
    later = session.scalar(select(Item).where(Item.title == "later"))
    assert later is not None and later.status == Status.PUBLISHED
    assert later.published_at == NOW + dt.timedelta(days=1)


def test_invalid_input_names_the_field(session: Session) -> None:
    with pytest.raises(InvalidInput) as err:
        factories.item(session, title="   ")
    assert err.value.field == "title"
    with pytest.raises(InvalidInput) as err:
        factories.item(session, status=Status.SCHEDULED)
    assert err.value.field == "publish_at"


def test_milestones_keep_zone_and_instant(session: Session) -> None:
    item = factories.item(
        session, kind=Kind.ORGANIZING, milestones=[("Paper submission", "1 Feb 2025, 11.59pm AoE")]
    )
    session.commit()
    session.expire_all()
    ms = session.get(Item, item.id).milestones[0]  # type: ignore[union-attr]
    assert (ms.label, ms.tz, ms.time) == ("Paper submission", "AoE", "23:59")
    assert ms.instant == dt.datetime(2025, 2, 2, 11, 59, tzinfo=dt.UTC)
