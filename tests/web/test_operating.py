"""What an operator relies on: health endpoints that tell the truth, metrics only for allowed
addresses, `newsfeed status`, and a web app that refuses to start on a database it cannot use."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy.orm import Session

from newsfeed.adapters import schema, state
from newsfeed.adapters.db import make_engine
from newsfeed.adapters.migrate import upgrade
from newsfeed.adapters.models import Delivery, Source, Subscriber
from newsfeed.domain.vocab import DeliveryKind, DeliveryStatus, SubscriberStatus
from newsfeed.web import SchemaNotReady, create_app
from tests import factories
from tests.conftest import make_config


def test_healthz_checks_the_database_and_its_schema(app: Any, client: Any, tmp_path: Path) -> None:
    ok = client.get("/healthz")
    assert ok.status_code == 200 and ok.json["status"] == "ok"
    # the schema moves on under a running app (an upgrade half done): 503 with the reason
    engine = app.extensions["newsfeed.sessions"].kw["bind"]
    with engine.begin() as connection:
        connection.exec_driver_sql("UPDATE alembic_version SET version_num = '0006'")
    try:
        down = client.get("/healthz")
        assert down.status_code == 503 and "at revision 0006" in down.json["reason"]
    finally:
        with engine.begin() as connection:
            connection.exec_driver_sql(f"UPDATE alembic_version SET version_num = '{schema.HEAD}'")


def test_the_web_app_refuses_an_unmigrated_database_with_the_commands_message(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'empty.sqlite3'}"
    with pytest.raises(SchemaNotReady, match="no newsfeed database at .*empty.sqlite3"):
        create_app(make_config(tmp_path, url))
    engine = make_engine(url)
    with engine.begin() as connection:  # a database, but no tables
        connection.exec_driver_sql("CREATE TABLE unrelated (x INTEGER)")
    engine.dispose()
    with pytest.raises(SchemaNotReady, match="no tables yet: run `newsfeed db upgrade`"):
        create_app(make_config(tmp_path, url))


def test_healthz_scheduler_says_when_the_scheduler_is_down(session: Session, client: Any, clock: Any) -> None:
    never = client.get("/healthz/scheduler")
    assert never.status_code == 503 and "no scheduler has ever ticked" in never.json["reason"]
    state.mark(session, state.SCHEDULER_TICK, clock.now - dt.timedelta(seconds=50), text="host:1:abc")
    session.commit()
    alive = client.get("/healthz/scheduler")
    assert alive.status_code == 200 and alive.json["last_tick_by"] == "host:1:abc"
    clock.advance(minutes=4)
    stale = client.get("/healthz/scheduler")
    assert stale.status_code == 503 and "more than 180 s" in stale.json["reason"]


def test_metrics_count_requests_and_read_deliveries_for_allowed_addresses_only(
    session: Session, client: Any, clock: Any
) -> None:
    subscriber = Subscriber(email="r@example.org", status=SubscriberStatus.CONFIRMED, created_at=clock.now)
    session.add(subscriber)
    session.flush()
    for status in (DeliveryStatus.PENDING, DeliveryStatus.SENT, DeliveryStatus.SENT, DeliveryStatus.FAILED):
        session.add(
            Delivery(
                subscriber_id=subscriber.id,
                kind=DeliveryKind.CONFIRMATION,
                due_at=clock.now,
                status=status,
                sent_at=clock.now if status == DeliveryStatus.SENT else None,
            )
        )
    session.add(Source(name="broken", url="https://x.example/", tags=[], last_report={}, last_status="error"))
    factories.item(session, "News", "02/2025")
    session.commit()
    for _ in range(3):
        assert client.get("/feed.atom").status_code == 200  # the first rendered, the others from the cache
    assert client.get("/metrics", environ_base={"REMOTE_ADDR": "203.0.113.9"}).status_code == 404
    text = client.get("/metrics", environ_base={"REMOTE_ADDR": "127.0.0.1"}).data.decode()
    assert 'newsfeed_requests_total{route="/feed.<fmt>",status="200"} 3.0' in text
    assert 'newsfeed_render_seconds_count{kind="atom"} 1.0' in text
    assert (
        'newsfeed_deliveries{status="sent"} 2.0' in text
        and 'newsfeed_deliveries{status="failed"} 1.0' in text
    )
    assert 'newsfeed_sources{result="error"} 1.0' in text
    assert "newsfeed_scheduler_last_tick_age_seconds -1.0" in text


def test_status_json_reports_schema_scheduler_deliveries_sources_and_warnings(
    runner: Any, session: Session, clock: Any
) -> None:
    session.add(
        Source(
            name="broken",
            url="https://x.example/",
            tags=[],
            last_report={},
            last_status="error",
            failures=2,
            last_error="connection refused",
        )
    )
    session.commit()
    result = runner(["status", "--json"])
    assert result.exit_code == 0, result.output
    found = json.loads(result.output)
    assert set(found) == {"schema", "scheduler", "deliveries", "sources", "warnings"}
    assert found["schema"]["ok"] and found["scheduler"]["ok"] is False
    assert found["sources"]["failing"] == [{"name": "broken", "failures": 2, "error": "connection refused"}]
    assert any("no scheduler tick" in w for w in found["warnings"])
    text = runner(["status"])
    assert "scheduler: last tick never" in text.output and "broken: 2 failure(s)" in text.output


def test_a_command_run_from_the_wrong_folder_names_where_it_looked_and_creates_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from click.testing import CliRunner

    from newsfeed.cli.commands import main

    monkeypatch.chdir(tmp_path)
    for name in ("NEWSFEED_CONFIG", "NEWSFEED_DATABASE_URL", "NEWSFEED_INSTANCE_PATH"):
        monkeypatch.delenv(name, raising=False)
    result = CliRunner().invoke(main, ["user", "list"])
    assert result.exit_code == 2
    assert f"no newsfeed database at {tmp_path / 'instance' / 'newsfeed.sqlite3'}" in result.output
    assert not (tmp_path / "instance").exists()


def test_migrating_then_serving_works(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'site.sqlite3'}"
    engine = make_engine(url)
    upgrade(engine)
    engine.dispose()
    app = create_app(make_config(tmp_path, url))
    assert app.test_client().get("/healthz").status_code == 200


def test_the_app_warns_at_start_about_a_default_base_url_and_secure_cookies_on_http(
    tmp_path: Path, database_url: str, caplog: pytest.LogCaptureFixture, app_factory: Any
) -> None:
    """gunicorn with the default configuration: every link would say 127.0.0.1:5000, and signing
    in over plain http would fail; the app says both when it starts."""
    from tests.conftest import make_config

    config = make_config(
        tmp_path, database_url, site={"base_url": "http://127.0.0.1:5000"}, admin={"secure_cookies": True}
    )
    with caplog.at_level("WARNING", logger="newsfeed.web"):
        app_factory(config)  # disposed afterwards: no pooled connection left to the collector
    said = [r.getMessage() for r in caplog.records if r.name == "newsfeed.web"]
    assert any("base_url is the default" in m for m in said)
    assert any("CSRF session token is missing" in m for m in said)
