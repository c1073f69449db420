"""Writing imports: idempotent, edits become revisions, new lines never hijack old items."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from newsfeed.adapters.models import Item, Person
from newsfeed.adapters.state import data_version
from newsfeed.domain.errors import InvalidInput
from newsfeed.domain.importers import parse_text
from newsfeed.services.imports import apply_import

FIXTURES = Path(__file__).parent.parent / "fixtures"
NOW = dt.datetime(2025, 3, 1, tzinfo=dt.UTC)
TODAY = NOW.date()


def _run(session: Session, text: str, person: str | None = None):  # type: ignore[no-untyped-def]
    result = parse_text(text, today=TODAY, path="news.md")
    return apply_import(session, result, person=person, now=NOW, host="news.example.org")


def _count(session: Session) -> int:
    return session.scalar(select(func.count(Item.id))) or 0


def test_seed_import_is_idempotent(session: Session) -> None:
    text = (FIXTURES / "seeds" / "000_00131e9a34f93c5c.txt").read_text()
    first = _run(session, text)
    assert (first.created, first.updated, first.unchanged, first.failed) == (34, 0, 0, 0)
    session.commit()
    second = _run(session, text)
    assert (second.created, second.updated, second.unchanged) == (0, 0, 34)
    assert _count(session) == 34
    trip = session.scalar(select(Item).where(Item.title.like("I will be attending ICLR 2024%")))
    assert trip is not None
    assert (trip.milestones[0].start, trip.milestones[0].location) == (dt.date(2024, 5, 6), "Vienna")
    assert trip.source_line == 38 and trip.source_path == "news.md"


def test_an_edited_line_updates_its_item(session: Session) -> None:
    original = "## News\n* 05/2024 Two papers are accepted by ICML 2024.\n* 04/2024 Gave a talk at MIT.\n"
    _run(session, original)
    session.commit()
    item = session.scalar(select(Item).where(Item.title.like("Two papers%")))
    assert item is not None
    public_id = item.public_id
    edited = original.replace("Two papers are accepted", "Three papers are accepted")
    # and a new line above the others: it must not take the place of an existing item
    edited = edited.replace("## News\n", "## News\n* 06/2024 Joined the PC of NeurIPS 2024.\n")
    report = _run(session, edited)
    assert (report.created, report.updated, report.unchanged) == (1, 1, 1)
    session.commit()
    assert _count(session) == 3
    session.refresh(item)
    assert item.title.startswith("Three papers")
    assert item.revision == 2
    assert item.public_id == public_id


def test_a_reimport_that_edits_items_moves_the_data_version_once(session: Session) -> None:
    """Feed caches key on the data version: a re-import that edits three items moves it (the
    feeds show the edits) and moves it once, not once per item (a counter update each); one
    that changes nothing leaves it."""
    original = "## News\n* 05/2024 Paper at ICML.\n* 04/2024 Talk at MIT.\n* 03/2024 Trip to Oslo.\n"
    _run(session, original)
    session.commit()
    before = data_version(session)
    report = _run(session, original.replace(".\n", ", with slides.\n"))
    assert report.updated == 3
    session.commit()
    assert data_version(session) == before + 1
    assert _run(session, original.replace(".\n", ", with slides.\n")).unchanged == 3
    assert data_version(session) == before + 1


def test_items_belong_to_the_person_given(session: Session) -> None:
    session.add(Person(slug="ada", name="Ada"))
    session.flush()
    _run(session, "* 05/2024 Gave a talk at MIT.\n", person="ada")
    item = session.scalar(select(Item))
    assert item is not None and item.person is not None and item.person.slug == "ada"
    with pytest.raises(InvalidInput, match="person: no person 'bob'"):
        _run(session, "* 05/2024 Gave a talk.\n", person="bob")


def test_links_the_site_cannot_use_are_left_out(session: Session) -> None:
    report = _run(
        session, "* 05/2023 One paper is accepted by AutoML 2023. [No Free Lunch]() [ok](https://ok.org)\n"
    )
    assert report.created == 1
    item = session.scalar(select(Item))
    assert item is not None
    assert [link.href for link in item.links] == ["https://ok.org"]


def test_a_line_repeated_in_a_list_is_one_item_and_editing_both_copies_is_fine(session: Session) -> None:
    text = "## News\n* 05/2024 Joined RIKEN AIP.\n* 04/2024 Gave a talk.\n* 05/2024 Joined RIKEN AIP.\n"
    first = _run(session, text)
    assert (first.created, first.unchanged) == (2, 1)
    # a repeat is a note, not a failure: the counts agree with the lines
    assert "news.md:4: the same as line 2" in first.notes and first.messages == [] and first.failed == 0
    session.commit()
    edited = _run(session, text.replace("Joined RIKEN AIP.", "Joined RIKEN AIP in Tokyo."))
    assert (edited.created, edited.updated, edited.unchanged, edited.failed) == (0, 1, 2, 0)
    session.commit()
    assert _count(session) == 2
