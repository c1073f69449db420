"""`newsfeed social` and `newsfeed outbox run` against a Mastodon instance on loopback: bad input
exits 2 naming the field, a loopback address is refused unless allowed, the secret comes from the
environment and is never printed, `test` signs in, `outbox run` posts what is due once."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from typing import Any

import pytest
from sqlalchemy.orm import Session

from tests import factories
from tests.mastodon_server import TOKEN, Instance


@pytest.fixture
def instance() -> Iterator[Instance]:
    running = Instance()
    yield running
    running.close()


def test_bad_accounts_are_refused_naming_what_is_wrong(
    runner: Any, monkeypatch: Any, instance: Instance
) -> None:
    runner(["db", "upgrade"])
    cases = {
        ("lab", "--network", "mastodon"): "url: the Mastodon instance's address",
        ("lab", "--network", "bluesky"): "handle: a Bluesky account needs its handle",
        ("Lab Account", "--network", "mastodon", "--url", "https://m.example"): "name: 1 to 40 lowercase",
        ("lab", "--network", "mastodon", "--url", "ftp://m.example"): "url: 'ftp://m.example' is not",
        ("lab", "--network", "mastodon", "--url", instance.url): "private, loopback or link-local",
        (
            "lab",
            "--network",
            "mastodon",
            "--url",
            "https://m.example",
            "--kinds",
            "gossip",
        ): "kinds: unknown kind",
        (
            "lab",
            "--network",
            "mastodon",
            "--url",
            "https://m.example",
            "--person",
            "nobody",
        ): "person: no person",
    }
    for args, message in cases.items():
        result = runner(["social", "add", *args])
        assert result.exit_code == 2, (args, result.output)
        assert message in result.output, (args, result.output)
    assert "no social accounts" in runner(["social", "list"]).output


def test_an_account_is_added_tested_and_posts_once_through_outbox_run(
    runner: Any, monkeypatch: Any, instance: Instance, session: Session
) -> None:
    runner(["db", "upgrade"])
    monkeypatch.setenv("NEWSFEED_SOURCES_ALLOW_NETWORKS", "127.0.0.0/8")
    monkeypatch.setenv("NEWSFEED_SOCIAL_LAB_SECRET", TOKEN)
    added = runner(
        ["social", "add", "lab", "--network", "mastodon", "--url", instance.url, "--kinds", "acceptance,talk"]
    )
    assert added.exit_code == 0, added.output
    assert "NEWSFEED_SOCIAL_LAB_SECRET" in added.output and TOKEN not in added.output
    tested = runner(["social", "test", "lab"])
    assert tested.exit_code == 0 and "signed in as @ada" in tested.output
    listed = json.loads(runner(["social", "list", "--json"]).output)
    assert listed[0]["kinds"] == ["acceptance", "talk"] and TOKEN not in json.dumps(listed)
    now = dt.datetime.now(dt.UTC)
    factories.item(session, "Our paper was accepted at ICML 2025", "05/2025", now=now)
    session.commit()
    first = runner(["outbox", "run"])
    assert first.exit_code == 0 and "social: 1 planned, 1 posted" in first.output, first.output
    again = runner(["digest", "run"])  # the alias: every channel again, nothing new
    assert "social: 0 planned, 0 posted" in again.output
    assert len(instance.statuses) == 1
    monkeypatch.setenv("NEWSFEED_SOCIAL_LAB_SECRET", "a revoked token")
    refused = runner(["social", "test", "lab"])
    assert refused.exit_code == 2 and "The access token is invalid" in refused.output
    assert "a revoked token" not in refused.output
    assert runner(["social", "remove", "lab"]).exit_code == 0
    assert runner(["social", "remove", "lab"]).exit_code == 2


def test_too_many_tags_are_refused(runner: Any) -> None:
    runner(["db", "upgrade"])
    many = ",".join(f"t{i}" for i in range(21))
    result = runner(
        ["social", "add", "lab", "--network", "mastodon", "--url", "https://m.example", "--tags", many]
    )
    assert result.exit_code == 2 and "tags: at most 20 tags" in result.output
