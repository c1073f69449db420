"""Concurrent writers: two imports of one file, a double-clicked confirm, two saves of one item.

Each test makes the work really overlap and checks that it did: both imports plan against the
empty database before either writes; the second save starts before the first one commits.
"""

from __future__ import annotations

import json
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from newsfeed.adapters.db import session_factory
from newsfeed.adapters.models import Item, ItemRevision
from newsfeed.domain.errors import Conflict
from newsfeed.services import imports
from newsfeed.services.items import update_item, with_changes
from tests import factories
from tests.conftest import PASSWORD
from tests.web.test_admin import sign_in, token

pytestmark = pytest.mark.slow
FIXTURES = Path(__file__).parent.parent / "fixtures"
SEED = FIXTURES / "seeds" / "000_00131e9a34f93c5c.txt"

IMPORTER = """
import datetime as dt, json, sys, time
from pathlib import Path
from newsfeed.config import load_config
from newsfeed.adapters.db import make_engine, session_factory
from newsfeed.adapters.files import read_path
from newsfeed.services.imports import plan_import, write_import

config = load_config(sys.argv[1])
go = Path(sys.argv[3])
now = dt.datetime(2025, 3, 1, tzinfo=dt.UTC)
result = read_path(sys.argv[2], today=now.date())
engine = make_engine(config.database_url)
with session_factory(engine)() as session:
    plan = plan_import(session, result, person=None)
    session.rollback()  # end the reading transaction: plan on what was committed, then wait
    print(json.dumps({"planned": len(plan.creates)}), flush=True)
    while not go.exists():
        time.sleep(0.01)
    report = write_import(session, plan, now=now, host="news.example.org")
    session.commit()
print(json.dumps(report.as_dict()), flush=True)
engine.dispose()
"""


def test_two_imports_of_one_file_at_once_create_each_item_once(
    config_file: Path, engine: Engine, tmp_path: Path
) -> None:
    go = tmp_path / "go"
    script = tmp_path / "importer.py"
    script.write_text(IMPORTER)
    processes = [
        subprocess.Popen(
            [sys.executable, str(script), str(config_file), str(SEED), str(go)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(2)
    ]
    planned = [json.loads(p.stdout.readline()) for p in processes]  # type: ignore[union-attr]
    # Both read the database before either wrote: each plans to create all 34.
    assert planned == [{"planned": 34}, {"planned": 34}]
    go.touch()
    reports = []
    for p in processes:
        out, err = p.communicate(timeout=120)
        assert p.returncode == 0, err
        reports.append(json.loads(out.strip().splitlines()[-1]))
    with Session(engine) as session:
        assert session.scalar(select(func.count(Item.id))) == 34
    assert sorted(r["created"] for r in reports) == [0, 34]
    assert sorted(r["unchanged"] for r in reports) == [0, 34]


def test_a_double_clicked_import_confirm_creates_each_item_once(
    app: Any, session: Session, password_hash: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tests.web.test_admin import add_user

    clients = []
    for email in ("one@example.org", "two@example.org"):  # two tabs, or two admins at once
        add_user(session, password_hash, email=email)
        client = app.test_client()
        assert sign_in(client, email, PASSWORD).status_code == 302
        clients.append(client)
    text = "## News\n* 05/2024 Gave a talk at MIT.\n* 04/2024 Two papers accepted at ICML 2024.\n"
    planned = threading.Barrier(2, timeout=30)
    original = imports.plan_import

    def plan_then_wait(*args: Any, **kwargs: Any) -> Any:
        plan = original(*args, **kwargs)
        args[0].rollback()  # what SQLite's autocommit reads would see: only committed rows
        planned.wait()  # both requests have planned before either writes
        return plan

    monkeypatch.setattr(imports, "plan_import", plan_then_wait)
    answers: list[str] = []

    def confirm(client: Any) -> None:
        csrf = token(client, "/admin/import")
        data = {"csrf_token": csrf, "text": text, "path": "pasted", "format": "auto"}
        answers.append(client.post("/admin/import/confirm", data=data).data.decode())

    threads = [threading.Thread(target=confirm, args=(c,)) for c in clients]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert len(answers) == 2
    assert sorted("created 2," in a for a in answers) == [False, True]
    assert any("created 0, updated 0, unchanged 2" in a for a in answers)
    session.expire_all()
    assert session.scalar(select(func.count(Item.id))) == 2


def test_two_saves_of_one_item_at_once_one_wins_and_the_other_is_told(engine: Engine) -> None:
    sessions = session_factory(engine)
    with sessions() as s:
        item_id = factories.item(s).id
        s.commit()
    first, second = sessions(), sessions()
    mine = first.get(Item, item_id)
    theirs = second.get(Item, item_id)
    assert mine is not None and theirs is not None and mine.revision == theirs.revision == 1
    assert update_item(first, mine, with_changes(mine, title="Mine"), now=factories.NOW)  # holds the row
    outcome: list[object] = []
    started = threading.Event()

    def save_theirs() -> None:
        started.set()
        try:
            update_item(second, theirs, with_changes(theirs, title="Theirs"), now=factories.NOW)
            second.commit()
            outcome.append("saved")
        except Conflict as exc:
            second.rollback()
            outcome.append(exc)

    thread = threading.Thread(target=save_theirs)
    thread.start()
    started.wait()
    time.sleep(0.5)
    assert outcome == []  # the second save is waiting for the first: they overlap
    first.commit()
    thread.join(30)
    assert len(outcome) == 1 and isinstance(outcome[0], Conflict)
    first.close()
    second.close()
    with sessions() as s:
        stored = s.get(Item, item_id)
        assert stored is not None and (stored.title, stored.revision) == ("Mine", 2)
        revisions = s.scalars(select(ItemRevision.revision).where(ItemRevision.item_id == item_id)).all()
        assert sorted(revisions) == [1, 2]
