"""Downgrades keep data or refuse: a database filled through the services at the head revision
goes down one revision at a time to the first and back up, and every row of every table is what
it was (SQLite's table copies no longer cascade into the children); where the older schema cannot
hold something (a source, a secondary kind, a person's bio, a grouped reminder, a proposals
email, a social post), the downgrade
refuses with a message to restore a backup and changes nothing."""

from __future__ import annotations

from typing import Any

import pytest
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, inspect, select, text

from newsfeed.adapters.db import make_engine, session_factory
from newsfeed.adapters.migrate import alembic_config, downgrade, upgrade
from newsfeed.adapters.models import Delivery, Item, Paper, Person, Proposal, SocialAccount, SocialPost
from newsfeed.adapters.schema import HEAD
from newsfeed.config import Config
from newsfeed.domain.vocab import DeliveryKind, Kind, Role, Visibility
from newsfeed.services.sources import add_source
from newsfeed.services.subscriptions import add_confirmed, confirmation_delivery, read_preferences
from newsfeed.services.users import create_user
from tests import factories
from tests.conftest import make_config
from tests.integration.test_migrations import empty_database_url

__all__ = ["empty_database_url"]


def _revisions(engine: Engine) -> list[str]:
    script = ScriptDirectory.from_config(alembic_config(str(engine.url)))
    return [rev.revision for rev in reversed(list(script.walk_revisions()))]


# Made anew by an upgrade and meaningful only for unlisted items and confirmed subscribers,
# whose downgrades refuse.
REMADE = {("items", "link_token"), ("subscribers", "calendar_token")}


def _rows(engine: Engine) -> dict[str, list[tuple[str, ...]]]:
    """Every row of every table (but Alembic's own), as text, in a stable order."""
    out = {}
    with engine.connect() as connection:
        for table in inspect(connection).get_table_names():
            if table == "alembic_version":
                continue
            columns = [
                c["name"] for c in inspect(connection).get_columns(table) if (table, c["name"]) not in REMADE
            ]
            listed = ", ".join(f'"{c}"' for c in columns)
            rows = connection.execute(text(f'SELECT {listed} FROM "{table}"')).all()  # noqa: S608
            out[table] = sorted(tuple(str(v) for v in row) for row in rows)
    return out


def _fill_plain(engine: Engine) -> None:
    """What every revision can hold: people, items with dates, places, tags, links and their
    history, subscribers and their confirmation emails."""
    with session_factory(engine)() as s:
        factories.person(s, "ada", "Ada Lovelace")
        for n in range(6):
            factories.item(
                s,
                f"Talk {n} at the seminar",
                "05/2024",
                kind=Kind.TALK,
                person="ada",
                tags=["seminar"],
                links=[],
                venue="Vienna seminar",
                milestones=[("Talk", f"{n + 1} Jun 2025"), ("Dinner", f"{n + 2} Jun 2025")],
            )
        for n in range(3):
            pending = add_confirmed(
                s, f"r{n}@example.org", read_preferences(s), now=factories.NOW, confirmed=False
            )
            confirmation_delivery(s, pending, factories.NOW)
        s.commit()


def test_every_downgrade_and_upgrade_again_keeps_every_row(empty_database_url: str) -> None:
    engine = make_engine(empty_database_url)
    revisions = _revisions(engine)
    upgrade(engine)
    _fill_plain(engine)
    before = _rows(engine)
    assert before["milestones"] and before["item_revisions"] and before["item_tags"] and before["deliveries"]
    for older in reversed(revisions[:-1]):
        downgrade(engine, older)
    upgrade(engine)
    assert _rows(engine) == before
    engine.dispose()


RICH = {
    # revision whose downgrade must refuse: what it cannot hold, made through the services
    "0014": "posted",
    "0013": "told",
    "0012": "proposal",
    "0011": "confirmed",
    "0010": "unlisted",
    "0009": "grouped",
    "0008": "bio",
    "0006": "source",
    "0005": "also",
}


def _make(kind: str, engine: Engine, config: Config) -> None:
    with session_factory(engine)() as s:
        if kind == "bio":
            person = s.scalar(select(Person))
            assert person is not None
            person.bio = "Works on analytical engines."
        elif kind == "source":
            add_source(s, "https://ada.example.org/", now=factories.NOW, config=config)
        elif kind == "posted":
            account = SocialAccount(name="lab", network="mastodon", url="https://m.example", kinds=["talk"],
                                    tags=[], created_at=factories.NOW)  # fmt: skip
            s.add(account)
            s.flush()
            s.add(SocialPost(item_id=s.scalar(select(Item.id)), account_id=account.id, action="post",
                             status="done", due_at=factories.NOW, idempotency_key="k", remote_id="101",
                             created_at=factories.NOW))  # fmt: skip
        elif kind == "told":
            user = create_user(
                s, "ada@example.org", "a long enough password", role=Role.ADMIN, now=factories.NOW
            )
            s.add(Delivery(user_id=user.id, kind=DeliveryKind.PROPOSALS, period="2025-03-01",
                           due_at=factories.NOW, created_at=factories.NOW))  # fmt: skip
        elif kind == "proposal":
            at = factories.NOW
            paper = Paper(title="Fast graphs", title_key="fastgraphs", first_author_key="", authors=[],
                          sources=[], created_at=at, updated_at=at)  # fmt: skip
            s.add(paper)
            s.flush()
            s.add(Proposal(paper_id=paper.id, event="preprint", title="New preprint: Fast graphs", body="",
                           created_at=factories.NOW))  # fmt: skip
        elif kind == "confirmed":
            add_confirmed(s, "reader@example.org", read_preferences(s), now=factories.NOW, confirmed=True)
        elif kind == "unlisted":
            factories.item(s, "Shared by link", "05/2024", visibility=Visibility.UNLISTED)
        elif kind == "also":
            factories.item(s, "A talk and a trip", "05/2024", kind=Kind.TALK, also=[Kind.TRAVEL])
        elif kind == "grouped":
            first = "(SELECT min(id) FROM deliveries)"
            s.execute(
                text(f"UPDATE deliveries SET status = 'grouped', carrier_id = {first} WHERE id > {first}")
            )
        s.commit()


@pytest.mark.parametrize(("revision", "kind"), sorted(RICH.items()))
def test_a_downgrade_that_would_lose_data_refuses_and_changes_nothing(
    empty_database_url: str, tmp_path: Any, revision: str, kind: str
) -> None:
    engine = make_engine(empty_database_url)
    revisions = _revisions(engine)
    upgrade(engine)
    _fill_plain(engine)
    _make(kind, engine, make_config(tmp_path, empty_database_url))
    for newer in reversed(revisions):  # down to just above the revision that refuses
        if newer == revision:
            break
        downgrade(engine, revisions[revisions.index(newer) - 1])
    before = _rows(engine)
    older = revisions[revisions.index(revision) - 1]
    with pytest.raises(Exception, match="restore a backup"):
        downgrade(engine, older)
    assert _rows(engine) == before
    with engine.connect() as connection:
        assert connection.execute(text("SELECT version_num FROM alembic_version")).scalar() == revision
    engine.dispose()


def test_db_downgrade_on_the_command_line_refuses_with_the_reason(runner: Any) -> None:
    runner(["db", "upgrade"])
    runner(["person", "add", "ada", "--name", "Ada", "--bio", "Works on engines."])
    refused = runner(["db", "downgrade", "0007"])
    assert (
        refused.exit_code == 2
        and "downgrade refused" in refused.output
        and "restore a backup" in refused.output
    )
    assert f"revision {HEAD}" in runner(["db", "upgrade"]).output
