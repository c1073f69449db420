"""The CLI: commands work, bad input exits 2 with a message, never a traceback."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from newsfeed.adapters.models import Item, User
from newsfeed.domain.vocab import Role

FIXTURES = Path(__file__).parent.parent / "fixtures"


def test_dates_parse_and_find(runner: Any) -> None:
    result = runner(
        ["dates", "parse", "06/05/2024 to 12/05/2024", "--today", "2025-03-01", "--date-order", "dmy"]
    )
    assert result.exit_code == 0
    assert result.output.strip() == "6–12 May 2024 · day precision"
    result = runner(["dates", "parse", "1 Feb 2025 (11.59pm AOE)", "--today", "2025-03-01", "--json"])
    data = json.loads(result.output)
    assert (data["grain"], data["tz"], data["instant"]) == ("minute", "AoE", "2025-02-02T11:59:00Z")
    result = runner(
        ["dates", "find", "from 06/05/2024 to 12/05/2024 in Vienna", "--today", "2025-03-01", "--json"]
    )
    assert [d["text"] for d in json.loads(result.output)["dates"]] == ["06/05/2024 to 12/05/2024"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["dates", "parse", "13/13/2024", "--today", "2025-03-01"], "13/13/2024: there is no month 13"),
        (["dates", "parse", "Invited Talk 4", "--today", "2025-03-01"], "no date in 'Invited Talk 4'"),
        (["dates", "parse", "May 2024", "--today", "yesterday"], "--today: 'yesterday' is not a date"),
    ],
)
def test_dates_errors_exit_2(runner: Any, args: list[str], message: str) -> None:
    result = runner(args)
    assert result.exit_code == 2
    assert message in result.output
    assert "Traceback" not in result.output


def test_dates_batch_in_one_process() -> None:
    """The real console script, as outside checks run it: one JSON line out per line in."""
    lines = [json.loads(line) for line in (FIXTURES / "dates.jsonl").read_text().splitlines() if line.strip()]
    feed = "".join(
        json.dumps({k: c[k] for k in ("mode", "text", "today", "date_order", "prefer") if k in c}) + "\n"
        for c in lines
    )
    feed += "not json\n" + json.dumps({"mode": "parse", "text": "May 2024", "today": "soon"}) + "\n"
    proc = subprocess.run(
        [sys.executable, "-m", "newsfeed", "dates", "batch"],
        input=feed,
        capture_output=True,
        text=True,
        check=True,
    )
    out = [json.loads(line) for line in proc.stdout.splitlines()]
    assert len(out) == len(lines) + 2
    assert out[-2] == {"error": "not a JSON object"}
    assert "today" in out[-1]["error"]
    first = out[0]
    assert set(first) >= {
        "start",
        "end",
        "grain",
        "time",
        "end_time",
        "tz",
        "instant",
        "display",
        "inferred",
        "ambiguous",
    }


def test_db_upgrade_creates_the_sqlite_file(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from newsfeed.cli.commands import main

    db = tmp_path / "fresh" / "news.sqlite3"
    result = CliRunner().invoke(
        main, ["db", "upgrade"], env={"NEWSFEED_DATABASE_URL": f"sqlite:///{db}", "NEWSFEED_CONFIG": ""}
    )
    assert result.exit_code == 0, result.output
    assert "database at revision" in result.output
    assert db.exists()


def test_bad_configuration_exits_2(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from newsfeed.cli.commands import main

    bad = tmp_path / "bad.toml"
    bad.write_text("[site]\ncolour = 'red'\n")
    result = CliRunner().invoke(main, ["--config", str(bad), "db", "upgrade"])
    assert result.exit_code == 2
    assert "[site] colour: unknown key" in result.output


@pytest.mark.password_strength
def test_user_create_hashes_the_password_and_refuses_duplicates_bad_addresses_and_short_passwords(
    runner: Any, session: Session
) -> None:
    result = runner(
        ["user", "create", "Editor@Example.ORG", "--role", "admin", "--password-stdin"],
        input="a long enough password\n",
    )
    assert result.exit_code == 0, result.output
    user = session.scalar(select(User))
    assert user is not None and user.email == "editor@example.org" and user.role == Role.ADMIN
    assert user.password_hash.startswith("scrypt:131072:8:1$")
    again = runner(["user", "create", "editor@example.org"])
    assert again.exit_code == 2
    assert "email: a user editor@example.org exists already" in again.output
    bad = runner(["user", "create", "not-an-email"])
    assert bad.exit_code == 2 and "email: 'not-an-email' is not an email address" in bad.output
    short = runner(["user", "create", "b@example.org", "--password-stdin"], input="short\n")
    assert short.exit_code == 2 and "password: at least 12 characters" in short.output


def test_user_list_and_reset_password_signs_other_sessions_out(runner: Any, session: Session) -> None:
    from newsfeed.services.users import verify_password

    created = runner(["user", "create", "ed@example.org", "--role", "admin"])
    assert created.exit_code == 0, created.output
    runner(["person", "add", "sam", "--name", "Sam"])
    runner(["user", "create", "second@example.org", "--person", "sam"], input="")
    listed = runner(["user", "list"])
    assert listed.exit_code == 0
    rows = [line.split("\t") for line in listed.output.splitlines()]
    assert [(r[0], r[1], r[3], r[4]) for r in rows] == [
        ("ed@example.org", "admin", "active", "never signed in"),
        ("second@example.org", "editor", "active", "never signed in"),
    ]
    before = session.scalar(select(User).where(User.email == "ed@example.org"))
    assert before is not None
    old_token, old_hash = before.session_token, before.password_hash
    session.rollback()
    reset = runner(["user", "reset-password", "ED@example.org"])
    assert reset.exit_code == 0, reset.output
    password = reset.output.split("password (shown once): ")[1].strip()
    session.expire_all()
    after = session.scalar(select(User).where(User.email == "ed@example.org"))
    assert after is not None and verify_password(after, password)
    assert after.password_hash != old_hash and after.session_token != old_token
    typed = runner(
        ["user", "reset-password", "ed@example.org", "--password-stdin"], input="another long password\n"
    )
    assert typed.exit_code == 0 and "shown once" not in typed.output
    session.expire_all()
    assert verify_password(
        session.scalars(select(User).where(User.email == "ed@example.org")).one(), "another long password"
    )
    unknown = runner(["user", "reset-password", "nobody@example.org"])
    assert unknown.exit_code == 2 and "email: no user nobody@example.org" in unknown.output
    short = runner(["user", "reset-password", "ed@example.org", "--password-stdin"], input="short\n")
    assert short.exit_code == 2 and "password: at least 12 characters" in short.output


def test_demo_command_creates_content_once(runner: Any, session: Session) -> None:
    result = runner(["demo"])
    assert result.exit_code == 0, result.output
    assert "admin login (shown once): admin@example.org / " in result.output
    count = session.scalar(select(func.count(Item.id)))
    assert count and count > 10
    again = runner(["demo"])
    assert "already there" in again.output
    assert session.scalar(select(func.count(Item.id))) == count


@pytest.mark.slow
def test_console_script_serves_the_demo(tmp_path: Path) -> None:
    """The README's first command, end to end: `newsfeed demo --serve`, then `/` shows the demo."""
    import socket
    import time
    import urllib.request

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = {**os.environ, "NEWSFEED_INSTANCE_PATH": str(tmp_path / "instance")}
    env.pop("NEWSFEED_CONFIG", None)
    env.pop("NEWSFEED_DATABASE_URL", None)
    log = (tmp_path / "serve.log").open("w")
    proc = subprocess.Popen(
        [sys.executable, "-m", "newsfeed", "demo", "--serve", "--port", str(port)],
        cwd=tmp_path,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        body = ""
        for _ in range(100):
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2) as response:  # noqa: S310
                    body = response.read().decode()
                break
            except OSError:
                time.sleep(0.2)
        assert "6–12 May 2024" in body  # the ICLR trip's dates
        assert "1 Feb 2025, 23:59 AoE" in body  # the workshop's submission deadline
        assert "DeLTa: Deep Generative Model" in body
        # every link follows --port: the feed's links, the calendar's, the page's own
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/feed.atom", timeout=5) as response:  # noqa: S310
            feed = response.read().decode()
        assert f"http://127.0.0.1:{port}/items/" in feed and "127.0.0.1:5000" not in feed
        assert f"webcal://127.0.0.1:{port}/calendar.ics" in body and ":5000" not in body
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/upcoming", timeout=5) as response:  # noqa: S310
            upcoming = response.read().decode()
        assert "Kyoto University" in upcoming and "Paper submission deadline" in upcoming  # live demo content
    finally:
        proc.terminate()
        proc.wait(timeout=10)
        log.close()
    assert "admin login (shown once)" in (tmp_path / "serve.log").read_text()
    assert (tmp_path / "instance" / "newsfeed.sqlite3").exists()


def test_import_dry_run_json_writes_nothing(runner: Any, session: Session) -> None:
    seed = FIXTURES / "seeds" / "000_00131e9a34f93c5c.txt"
    result = runner(["import", str(seed), "--dry-run", "--json", "--today", "2025-03-01"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert len(data["items"]) == 34
    first = data["items"][0]
    assert set(first) >= {
        "kind",
        "rule",
        "title",
        "text",
        "posted",
        "events",
        "venues",
        "links",
        "papers",
        "source",
    }
    assert first["source"]["line"] == 28
    assert any("day-first" in w for w in data["warnings"])
    assert session.scalar(select(func.count(Item.id))) == 0


def test_import_writes_then_reports_unchanged(runner: Any, session: Session) -> None:
    seed = FIXTURES / "seeds" / "003_ed098f0169d864fe.txt"
    first = runner(["import", str(seed), "--today", "2024-12-01"])
    assert first.exit_code == 0, first.output
    assert "created 1, updated 0, unchanged 0, failed 0" in first.output
    again = runner(["import", str(seed), "--today", "2024-12-01"])
    assert "created 0, updated 0, unchanged 1, failed 0" in again.output
    workshop = session.scalar(select(Item))
    assert workshop is not None
    assert [m.label for m in workshop.milestones][:2] == [
        "Paper submission deadline",
        "Reviewer bidding dates",
    ]


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda p: p / "missing.md", "no such file"),
        (lambda p: (p / "empty.md").write_text("") and p / "empty.md" or p / "empty.md", "the file is empty"),
        (
            lambda p: (p / "bin.md").write_bytes(b"\x00\x01binary") and p / "bin.md" or p / "bin.md",
            "a binary file",
        ),
        (
            lambda p: (p / "latin.md").write_bytes(b"* 05/2024 caf\xe9") and p / "latin.md" or p / "latin.md",
            "not UTF-8",
        ),
    ],
    ids=["missing", "empty", "binary", "latin1"],
)
def test_unreadable_files_exit_2_and_write_nothing(
    runner: Any, tmp_path: Path, make: Any, message: str
) -> None:
    path = make(tmp_path)
    result = runner(["import", str(path)])
    assert result.exit_code == 2
    assert message in result.output


def test_export_writes_markdown_alfolio_and_json_that_read_back(runner: Any, tmp_path: Path) -> None:
    seed = FIXTURES / "seeds" / "000_00131e9a34f93c5c.txt"
    assert runner(["import", str(seed), "--today", "2025-03-01"]).exit_code == 0
    markdown = runner(["export", "--kind", "travel"])
    assert markdown.exit_code == 0
    lines = [line for line in markdown.output.splitlines() if line.startswith("* ")]
    assert lines[0].startswith("* May 2024: I will be attending [ICLR 2024](https://iclr.cc/)")
    assert len(lines) == 4
    folder = tmp_path / "_news"
    result = runner(["export", "--format", "alfolio", str(folder)])
    assert result.exit_code == 0 and len(list(folder.glob("*.md"))) == 34
    again = runner(["import", str(folder), "--dry-run", "--json"])
    assert len(json.loads(again.output)["items"]) == 34
    bad = runner(["export", "--kind", "party"])
    assert bad.exit_code == 2 and "--kind: 'party' is not a kind (one of" in bad.output


def test_a_slow_import_shows_a_progress_bar_and_a_quick_one_prints_none(capsys: Any) -> None:
    from newsfeed.cli.app import LateProgress

    quick = LateProgress(10, "importing", after=3600.0)  # done long before a bar is worth showing
    quick.update(4)
    quick.update(6)
    quick.close()
    assert capsys.readouterr().err == ""
    slow = LateProgress(10, "importing", after=0.0)  # as after a second of work
    slow.update(4)
    slow.update(6)
    slow.close()
    assert "importing" in capsys.readouterr().err


def test_import_says_what_it_read_and_counts_repeats_as_unchanged(runner: Any, tmp_path: Path) -> None:
    data = FIXTURES / "docs" / "002.yml"
    dry = runner(["import", str(data), "--dry-run"])
    assert dry.exit_code == 0, dry.output
    assert "24 item(s) read from YAML data file, 24 records" in dry.output
    repeated = tmp_path / "news.md"
    repeated.write_text(
        "## News\n* 05/2024 Paper accepted.\n* 04/2024 Talk at MIT.\n* 05/2024 Paper accepted.\n"
    )
    written = runner(["import", str(repeated)])
    assert written.exit_code == 0, written.output
    assert "created 2, updated 0, unchanged 1, failed 0" in written.output
    assert "failed:" not in written.output and "note: " in written.output


@pytest.mark.slow
def test_the_demo_sends_a_confirmation_with_links_on_its_own_port_within_a_minute(tmp_path: Path) -> None:
    """`newsfeed demo --serve --port P` runs the scheduler beside the server: a sign-up's
    confirmation email is printed on the console, its link on port P, and that link confirms."""
    import http.cookiejar
    import re
    import socket
    import time
    import urllib.parse
    import urllib.request

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = {**os.environ, "NEWSFEED_INSTANCE_PATH": str(tmp_path / "instance")}
    env.pop("NEWSFEED_CONFIG", None)
    env.pop("NEWSFEED_DATABASE_URL", None)
    log_path = tmp_path / "serve.log"
    log = log_path.open("w")
    proc = subprocess.Popen(
        [sys.executable, "-m", "newsfeed", "demo", "--serve", "--port", str(port), "--interval", "5"],
        cwd=tmp_path,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
    base = f"http://127.0.0.1:{port}"
    try:
        form = ""
        for _ in range(150):
            try:
                form = opener.open(f"{base}/subscribe", timeout=2).read().decode()
                break
            except OSError:
                time.sleep(0.2)
        token = re.search(r'name="csrf_token" value="([^"]+)"', form)
        assert token is not None, form[:500]
        data = urllib.parse.urlencode(
            {
                "csrf_token": token.group(1),
                "email": "newcomer@example.org",
                "cadence": "weekly",
                "lead_days": "",
            }
        ).encode()
        assert opener.open(f"{base}/subscribe", data=data, timeout=10).status == 200
        deadline = time.monotonic() + 60  # "it leaves within a minute"
        link = None
        while time.monotonic() < deadline and link is None:
            found = re.search(rf"{re.escape(base)}/subscribe/confirm/\S+", log_path.read_text())
            link = found.group(0) if found else None
            time.sleep(0.5)
        assert link is not None, log_path.read_text()[-3000:]
        assert "127.0.0.1:5000" not in log_path.read_text()
        page = opener.open(link, timeout=10).read().decode()
        token = re.search(r'name="csrf_token" value="([^"]+)"', page)
        assert token is not None
        confirmed = opener.open(link, data=urllib.parse.urlencode({"csrf_token": token.group(1)}).encode())
        assert "<h1>Subscribed</h1>" in confirmed.read().decode()
    finally:
        proc.terminate()
        proc.wait(30)
        log.close()


def test_the_quick_commands_load_no_importer_parser_or_password_hasher() -> None:
    """`status`, `user list` and `sources list` start in under 0.5 s (bench/cli.py) because what
    they do not need is loaded by the commands that do: a deterministic check of that."""
    import subprocess
    import sys

    heavy = (
        "newsfeed.domain.importers",
        "newsfeed.domain.dates.parser",
        "newsfeed.adapters.fetch",
        "werkzeug",
        "email_validator",
        "sqlalchemy.dialects.postgresql",
        "flask",
    )
    probe = (
        "import sys, newsfeed.cli.commands, newsfeed.services.sources, newsfeed.services.users,"
        " newsfeed.services.status, newsfeed.adapters.schema;"
        f" print(','.join(m for m in {heavy!r} if m in sys.modules))"
    )
    loaded = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert loaded.stdout.strip() == ""
