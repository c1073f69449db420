"""A FuzzyDate stored and loaded is the same FuzzyDate, every field of it, on both databases."""

from __future__ import annotations

import dataclasses

from hypothesis import HealthCheck, given, settings
from sqlalchemy import Engine, delete
from sqlalchemy.orm import Session

from newsfeed.adapters.db import session_factory
from newsfeed.adapters.models import FUZZY_FIELDS, Item
from newsfeed.domain.dates import DateParseError, FuzzyDate, parse
from newsfeed.services.items import ItemInput, MilestoneInput, create_item
from tests.factories import NOW
from tests.unit.test_dates import written_dates


def test_every_field_of_a_fuzzy_date_has_a_column() -> None:
    assert tuple(f.name for f in dataclasses.fields(FuzzyDate)) == FUZZY_FIELDS
    columns = set(Item.__table__.c.keys())
    assert {f"posted_{name}" for name in FUZZY_FIELDS} <= columns


@given(written_dates())
@settings(
    max_examples=120,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_store_then_load_is_the_identity(engine: Engine, case: tuple[str, dict[str, object]]) -> None:
    text, options = case
    try:
        value = parse(text, **options)  # type: ignore[arg-type]
    except DateParseError:
        return
    sessions = session_factory(engine)
    with sessions() as session:
        item = create_item(
            session,
            ItemInput(title="t", posted=value, milestones=[MilestoneInput("m", value)]),
            now=NOW,
            host="news.example.org",
        )
        assert item is not None
        item_id = item.id
        session.commit()
    with sessions() as session:
        loaded = session.get(Item, item_id)
        assert loaded is not None
        # every field, provenance included (equality alone compares only the value)
        assert dataclasses.astuple(loaded.posted) == dataclasses.astuple(value)
        assert dataclasses.astuple(loaded.milestones[0].date) == dataclasses.astuple(value)
        session.execute(delete(Item).where(Item.id == item_id))
        session.commit()


def test_flags_survive_storage(session: Session) -> None:
    ref = NOW.date()
    cases = {
        "Feb 2": parse("Feb 2", today=ref, prefer="past"),
        "Fall 2023": parse("Fall 2023", today=ref),
        "06/05/2024": parse("06/05/2024", today=ref),
        "1 Feb 2025, 3pm IST": parse("1 Feb 2025, 3pm IST", today=ref),
        "next week": parse("next week", today=ref),
        "Monday, 5 June 2025": parse("Monday, 5 June 2025", today=ref),  # a Thursday: weekday_conflict
    }
    assert cases["Monday, 5 June 2025"].weekday_conflict
    ids = {}
    for text, value in cases.items():
        item = create_item(
            session,
            ItemInput(title=text, posted=value, milestones=[MilestoneInput("m", value)]),
            now=NOW,
            host="h",
        )
        assert item is not None
        ids[text] = item.id
    session.commit()
    session.expire_all()
    loaded = {text: session.get(Item, item_id) for text, item_id in ids.items()}
    assert loaded["Feb 2"].posted.inferred == ("year",)  # type: ignore[union-attr]
    assert loaded["Fall 2023"].milestones[0].date.approximate  # type: ignore[union-attr]
    assert loaded["Fall 2023"].milestones[0].date.display() == "Fall 2023"  # type: ignore[union-attr]
    assert loaded["06/05/2024"].posted.ambiguous  # type: ignore[union-attr]
    assert loaded["1 Feb 2025, 3pm IST"].posted.zone_ambiguous  # type: ignore[union-attr]
    assert loaded["1 Feb 2025, 3pm IST"].posted.instant is not None  # type: ignore[union-attr]
    assert loaded["next week"].posted.inferred == ("relative",)  # type: ignore[union-attr]
    assert loaded["Monday, 5 June 2025"].posted.weekday_conflict  # type: ignore[union-attr]
    assert loaded["Monday, 5 June 2025"].milestones[0].date.weekday_conflict  # type: ignore[union-attr]
    assert all(item.posted.ref == ref for item in loaded.values())  # type: ignore[union-attr]
