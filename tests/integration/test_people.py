"""People are first-class: made, edited, listed and removed from the command line and the admin page,
and shown by name (never slug) wherever a reader sees them. On a fresh install, before this, no
command could make a person, so `user create --person`, `import --person` and `sources add --person`
all failed."""

from __future__ import annotations

import json
import threading
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session, sessionmaker

from newsfeed.adapters.db import make_engine, session_factory
from newsfeed.adapters.models import Item, Person, User
from newsfeed.config import Config
from newsfeed.domain.errors import InvalidInput
from newsfeed.services.people import Profile, add_person, orcid_id
from tests import factories


def test_a_fresh_install_can_make_a_person_and_then_use_them_everywhere(
    runner: Any, tmp_path: Path, session: Session
) -> None:
    assert runner(["db", "upgrade"]).exit_code == 0
    before = runner(["user", "create", "ada@example.org", "--role", "editor", "--person", "ada"])
    assert before.exit_code == 2 and "newsfeed person add ada" in before.output

    added = runner(
        ["person", "add", "ada", "--name", "Ada Lovelace", "--orcid", "https://orcid.org/0000-0002-1825-0097"]
    )
    assert added.exit_code == 0, added.output
    assert runner(["user", "create", "ada@example.org", "--role", "editor", "--person", "ada"]).exit_code == 0
    news = tmp_path / "news.md"
    news.write_text("* 05/2024 Our paper was accepted at ICML 2024.\n")
    imported = runner(["import", str(news), "--person", "ada"])
    assert imported.exit_code == 0, imported.output
    assert runner(["sources", "add", "https://ada.example.org/", "--person", "ada"]).exit_code == 0

    listed = json.loads(runner(["person", "list", "--json"]).output)
    assert listed == [
        {
            "slug": "ada",
            "name": "Ada Lovelace",
            "items": 1,
            "homepage": None,
            "orcid": "0000-0002-1825-0097",
            "photo_url": None,
            "bio": None,
        }
    ]


def test_person_edit_changes_what_is_given_and_an_empty_value_clears(runner: Any) -> None:
    runner(["db", "upgrade"])
    runner(["person", "add", "ada", "--name", "Ada", "--homepage", "https://ada.example.org/", "--bio", "Hi"])
    assert runner(["person", "edit", "ada", "--name", "Ada Lovelace", "--homepage", ""]).exit_code == 0
    (row,) = json.loads(runner(["person", "list", "--json"]).output)
    assert (row["name"], row["homepage"], row["bio"]) == ("Ada Lovelace", None, "Hi")


@pytest.mark.parametrize(
    ("args", "field"),
    [
        (["person", "add", "Ada Lovelace", "--name", "Ada"], "slug"),
        (["person", "add", "ada", "--name", "   "], "name"),
        (["person", "add", "ada", "--name", "Ada", "--orcid", "0000-0002-1825-0098"], "orcid"),
        (["person", "add", "ada", "--name", "Ada", "--homepage", "javascript:alert(1)"], "homepage"),
        (["person", "add", "ada", "--name", "Ada", "--photo", "http://ada.example.org/a.jpg"], "photo_url"),
        (["person", "edit", "nobody", "--name", "X"], "person"),
    ],
)
def test_bad_person_input_exits_2_naming_the_field(runner: Any, args: list[str], field: str) -> None:
    runner(["db", "upgrade"])
    result = runner(args)
    assert result.exit_code == 2, result.output
    assert f"{field}:" in result.output and "Traceback" not in result.output


def test_orcid_check_digit_follows_iso_7064() -> None:
    # ORCID's own examples: https://support.orcid.org/hc/en-us/articles/360006897674
    assert orcid_id("0000-0002-1825-0097") == "0000-0002-1825-0097"
    assert orcid_id("000000021694233X") == "0000-0002-1694-233X"
    with pytest.raises(InvalidInput, match="check digit"):
        orcid_id("0000-0002-1694-2330")


def test_removing_a_person_keeps_their_items_and_is_refused_while_an_editor_posts_as_them(
    runner: Any, session: Session
) -> None:
    runner(["db", "upgrade"])
    runner(["person", "add", "ada", "--name", "Ada"])
    factories.item(session, person="ada")
    session.commit()
    runner(["user", "create", "ada@example.org", "--role", "editor", "--person", "ada"])
    refused = runner(["person", "remove", "ada"])
    assert refused.exit_code == 2 and "editor account" in refused.output
    session.execute(delete(User))  # the account goes (an admin's decision; no command for it yet)
    session.commit()
    removed = runner(["person", "remove", "ada"])
    assert removed.exit_code == 0 and "1 item(s) stay" in removed.output
    session.expire_all()
    assert session.scalar(select(func.count(Item.id))) == 1
    assert session.scalar(select(func.count(Person.id))) == 0


def test_two_concurrent_adds_of_one_slug_make_one_person_and_tell_the_other(config: Config) -> None:
    engine = make_engine(config.database_url)
    sessions: sessionmaker[Session] = session_factory(engine)
    both = threading.Barrier(2, timeout=30)
    outcomes: list[str] = []

    def add(name: str) -> None:
        with sessions() as session:
            both.wait()
            try:
                add_person(session, "ada", Profile(name=name), now=factories.NOW)
                session.commit()
                outcomes.append("added")
            except InvalidInput as exc:
                session.rollback()
                outcomes.append(str(exc))

    threads = [threading.Thread(target=add, args=(n,)) for n in ("Ada", "Ada L.")]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    engine.dispose()
    assert sorted(outcomes) == ["added", "slug: a person 'ada' exists already"]


def test_an_editor_needs_a_person_and_one_can_be_given_later(runner: Any) -> None:
    runner(["db", "upgrade"])
    refused = runner(["user", "create", "ed@example.org", "--role", "editor"])
    assert refused.exit_code == 2 and "an editor posts as a person" in refused.output
    assert runner(["user", "create", "root@example.org", "--role", "admin"]).exit_code == 0
    runner(["person", "add", "ed", "--name", "Ed"])
    assert (
        runner(["user", "set-person", "root@example.org", "ed"]).output.strip()
        == "root@example.org posts as ed"
    )
    assert runner(["user", "set-person", "root@example.org", "nobody"]).exit_code == 2


def test_status_names_editor_accounts_left_without_a_person(
    runner: Any, session: Session, password_hash: str
) -> None:
    runner(["db", "upgrade"])
    session.add(User(email="old-editor@example.org", password_hash=password_hash))  # from before the rule
    session.commit()
    state = json.loads(runner(["status", "--json"]).output)
    assert any("without a person" in w and "old-editor@example.org" in w for w in state["warnings"])
