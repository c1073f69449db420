"""The Selection's SQL and in-memory answers agree, and every channel selects through it."""

from __future__ import annotations

import datetime as dt
from typing import Any

import feedparser
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select
from sqlalchemy.orm import Session

from newsfeed.adapters.models import Item, Subscriber
from newsfeed.adapters.queries import narrow, visible_condition
from newsfeed.domain.errors import InvalidInput
from newsfeed.domain.selection import Selection
from newsfeed.domain.vocab import KINDS, Kind
from newsfeed.services.subscriptions import add_confirmed, read_preferences
from tests import factories

NOW = factories.NOW
TAGS = ["ml", "theory", "vision"]
PEOPLE = ["ada", "bob", "cy"]


def _seed(session: Session) -> None:
    for slug in PEOPLE:
        factories.person(session, slug, slug.title())
    n = 0
    for kind in (Kind.TALK, Kind.AWARD, Kind.TRAVEL, Kind.ACCEPTANCE):
        for person in [*PEOPLE, None]:
            n += 1
            factories.item(
                session,
                f"{kind.value} {n}",
                "05/2024",
                kind=kind,
                person=person,
                tags=[TAGS[n % 3], TAGS[(n * 2) % 3]] if n % 4 else [],
            )
    session.commit()


selections = st.builds(
    Selection.parse,
    st.lists(st.sampled_from(KINDS), max_size=3),
    st.lists(st.sampled_from(TAGS), max_size=2),
    st.lists(st.sampled_from(PEOPLE), max_size=2),
)


@given(selections)
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_sql_and_memory_select_the_same_items(session: Session, selection: Selection) -> None:
    if session.scalar(select(Item.id).limit(1)) is None:
        _seed(session)
    everything = session.scalars(select(Item).where(visible_condition(NOW))).all()
    by_sql = set(session.scalars(narrow(select(Item.id).where(visible_condition(NOW)), selection)))
    in_memory = {item.id for item in everything if selection.matches(item)}
    assert by_sql == in_memory


def test_a_subscribers_filter_is_a_selection_and_survives_storage(session: Session) -> None:
    _seed(session)
    prefs = read_preferences(session, kinds=["Talk"], tags=["ML"], people=["ada"], lead_days="3")
    add_confirmed(session, "s@example.org", prefs, now=NOW, confirmed=True)
    session.commit()
    session.expire_all()
    subscriber = session.scalar(select(Subscriber))
    assert subscriber is not None
    assert subscriber.selection == Selection(("talk",), ("ml",), ("ada",))


def test_forms_report_every_bad_value_and_unknown_names(session: Session) -> None:
    _seed(session)
    with pytest.raises(InvalidInput) as err:
        read_preferences(
            session,
            cadence="hourly",
            kinds=["bogus"],
            tags=["nothing-here"],
            people=["zed"],
            timezone="Mars/Base",
        )
    assert err.value.fields() == ["cadence", "kinds", "people", "tags", "timezone"]


def test_feed_page_and_digest_select_the_same_items(session: Session, client: Any, app: Any) -> None:
    _seed(session)
    query = "kind=talk&kind=award&tag=ml&person=ada&person=bob"
    selection = Selection.parse(["talk", "award"], ["ml"], ["ada", "bob"])
    expected = {
        item.title
        for item in session.scalars(select(Item).where(visible_condition(NOW)))
        if selection.matches(item)
    }
    assert expected
    feed = {e.title for e in feedparser.parse(client.get(f"/feed.atom?{query}").data).entries}
    page = client.get(f"/?{query}").data.decode()
    on_page = {title for title in (i.title for i in session.scalars(select(Item))) if f">{title}<" in page}
    assert feed == expected
    assert on_page == expected
    from newsfeed.services.digests import build_digest

    prefs = read_preferences(session, kinds=["talk", "award"], tags=["ml"], people=["ada", "bob"])
    subscriber = add_confirmed(
        session, "d@example.org", prefs, now=NOW - dt.timedelta(days=400), confirmed=True
    )
    config = app.extensions["newsfeed.config"]
    digest = build_digest(session, subscriber, now=NOW + dt.timedelta(days=1), config=config, label="x")
    assert {i.title for i in digest.items} == expected


def test_a_bad_filter_in_a_url_is_a_400_naming_it(client: Any, session: Session) -> None:
    _seed(session)
    for url, field in [
        ("/feed.atom?kind=bogus", "kind"),
        ("/?person=%00", "person"),
        ("/upcoming?tag=%00", "tag"),
        ("/calendar.ics?person=nobody", "person"),
    ]:
        response = client.get(url)
        assert response.status_code == 400, url
        assert field in response.data.decode(), url
