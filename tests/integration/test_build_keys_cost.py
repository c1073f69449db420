"""The keys of a rebuild: they cost linear time in the number of items: with 4x the items (and so 4x
the list pages), keying every list page costs about 4x, not 16x (the list's count per year was
once recounted over every item for each of its pages: 75 s for a 100,000-item rebuild)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy.orm import Session

from newsfeed.adapters.db import make_engine, session_factory
from newsfeed.adapters.migrate import upgrade
from newsfeed.adapters.models import Item
from newsfeed.domain.selection import EVERYTHING
from newsfeed.domain.vocab import Kind, Status, Visibility
from newsfeed.services.build_keys import BuildKeys
from newsfeed.services.items import update_item, with_changes
from newsfeed.services.public import PER_PAGE
from tests.scaling import LINEAR_WHEN_QUADRUPLED, linear_growth

NOW = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)


def _filled(folder: Path, n: int) -> str:
    url = f"sqlite:///{folder / f'items-{n}.sqlite3'}"
    engine = make_engine(url)
    upgrade(engine)
    start = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)
    with session_factory(engine)() as session:
        for i in range(n):
            when = start + dt.timedelta(hours=i * 7)
            session.add(Item(public_id=f"tag:t,2000:{i}", kind=Kind.TALK, title=f"Item {i}", body="",
                             posted_start=when.date(), posted_end=when.date(), posted_grain="day",
                             posted_text="", status=Status.PUBLISHED, visibility=Visibility.PUBLIC,
                             published_at=when, created_at=when, updated_at=when))  # fmt: skip
        session.commit()
    engine.dispose()
    return url


@pytest.mark.slow
def test_keying_every_list_page_costs_linear_time(tmp_path: Path) -> None:
    urls: dict[int, str] = {}

    def prepare(n: int) -> Callable[[], object]:
        url = urls.get(n) or urls.setdefault(n, _filled(tmp_path, n))
        engine = make_engine(url)
        session = session_factory(engine)()
        keys = BuildKeys(session, NOW, "code", "UTC", ("day",), 50)
        pages = -(-n // PER_PAGE)

        def work() -> None:
            try:
                assert len({keys.news_page(EVERYTHING, page) for page in range(1, pages + 1)}) == pages
            finally:
                session.close()
                engine.dispose()

        return work

    assert linear_growth(prepare, 3_000) < LINEAR_WHEN_QUADRUPLED


def test_an_upcoming_page_is_rendered_again_only_when_its_events_or_the_hour_change(session: Session) -> None:
    from tests import factories

    talk = factories.item(
        session, "Talk at the seminar", "01/2026", kind=Kind.TALK, milestones=[("Talk", "20 Jan 2026")]
    )
    factories.item(session, "A paper accepted", "01/2026")
    session.commit()

    def key(at: dt.datetime) -> str:
        return BuildKeys(session, at, "code", "UTC", ("day",), 50).upcoming(EVERYTHING, 1)

    first = key(NOW)
    assert key(NOW + dt.timedelta(minutes=20)) == first  # the same hour, nothing changed: kept
    assert key(NOW + dt.timedelta(hours=1)) != first  # countdowns move on
    factories.item(session, "Another paper", "01/2026")  # no event: the page does not show it
    session.commit()
    assert key(NOW) == first
    update_item(session, talk, with_changes(talk, title="Keynote at the seminar"), now=NOW)
    session.commit()
    assert key(NOW) != first
