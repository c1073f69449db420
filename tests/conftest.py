"""The fixture ladder: config -> app -> session -> client / runner.

Database tests run on a real SQLite file by default. With NEWSFEED_TEST_DATABASE_URL set (for
example postgresql+psycopg://postgres@127.0.0.1:5432/test) they run on that database instead: the
schema is migrated once per run and every table is emptied before each test. Under pytest-xdist
(``pytest -n auto``) each worker has a database of its own, named after that one and the worker
(``test_gw0``, created when missing), since workers would empty each other's tables and share
advisory locks in one database.

Hypothesis runs without deadlines (a busy machine makes any per-example deadline flaky; the
tests that claim a cost measure it as a ratio, :mod:`tests.scaling`), and with the examples each
test asks for. ``HYPOTHESIS_PROFILE=dev`` keeps Hypothesis's own defaults for local exploration.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import settings
from jinja2 import BytecodeCache
from jinja2.bccache import Bucket
from sqlalchemy import Engine, text
from sqlalchemy.orm import Session

from newsfeed.adapters.db import Base, make_engine, session_factory
from newsfeed.adapters.migrate import upgrade
from newsfeed.config import Config, build_config

# A test that takes one of these fixtures uses the test database (TEST_DB_URL when it is set).
DATABASE_FIXTURES = ("database_url", "empty_database_url")


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Markers derived from what a test takes, before ``-m`` selects:

    - ``db`` marks exactly the tests that use the test database (they take one of
      :data:`DATABASE_FIXTURES`, directly or through another fixture). The PostgreSQL lane runs
      ``-m db``: a test that only parses, or runs a program on a SQLite file of its own, would run
      there a second time on the same SQLite, and a test that uses the database is never left out.
      Nothing marks ``db`` by hand.
    - Browser tests are slow tests too: ``pytest -m "not slow"`` is the fast lane."""
    for item in items:
        if item.get_closest_marker("browser") is not None:
            item.add_marker(pytest.mark.slow)
        uses_database = any(name in getattr(item, "fixturenames", ()) for name in DATABASE_FIXTURES)
        if item.get_closest_marker("db") is not None and not uses_database:
            raise pytest.UsageError(
                f"{item.nodeid} is marked db by hand but takes none of {', '.join(DATABASE_FIXTURES)}: "
                "the db marker is derived from the fixtures (tests/conftest.py)"
            )
        if uses_database:
            item.add_marker(pytest.mark.db)
    # Slow tests first (a stable sort: each keeps its module's order). Under ``-n`` the run then
    # ends on short tests that the workers share out, not on one worker finishing a long test
    # that it took up last while the others wait.
    items.sort(key=lambda item: item.get_closest_marker("slow") is None)


settings.register_profile("ci", deadline=None, print_blob=True)
settings.register_profile("dev")
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

FIXTURES = Path(__file__).parent / "fixtures"
PASSWORD = "correct horse battery staple"


def _worker_database(url: str, worker: str) -> str:
    """``url`` for one pytest-xdist worker: on PostgreSQL, a database of its own beside the one
    named (created here when missing); SQLite tests already use a file per test."""
    if not url or not worker:
        return url
    from sqlalchemy.engine import make_url

    base = make_url(url)
    if base.get_backend_name() != "postgresql":
        return url
    name = f"{base.database}_{worker}"
    admin = make_engine(url)
    with admin.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        if conn.execute(text("SELECT 1 FROM pg_database WHERE datname = :n"), {"n": name}).first() is None:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    return base.set(database=name).render_as_string(hide_password=False)


TEST_DB_URL = _worker_database(
    os.environ.get("NEWSFEED_TEST_DATABASE_URL", ""), os.environ.get("PYTEST_XDIST_WORKER", "")
)


class Clock:
    """An injectable clock that tests move by hand."""

    def __init__(self, now: dt.datetime) -> None:
        self.now = now

    def __call__(self) -> dt.datetime:
        return self.now

    def advance(self, **delta: float) -> dt.datetime:
        self.now += dt.timedelta(**delta)
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock(dt.datetime(2025, 3, 1, 9, 0, tzinfo=dt.UTC))


@pytest.fixture(scope="session")
def _template_db(tmp_path_factory: pytest.TempPathFactory) -> Path | None:
    """A migrated SQLite file, copied for each test (migrating once is faster than per test)."""
    if TEST_DB_URL:
        engine = make_engine(TEST_DB_URL)
        with engine.begin() as conn:
            if conn.dialect.name == "postgresql":
                conn.execute(text("DROP SCHEMA public CASCADE"))
                conn.execute(text("CREATE SCHEMA public"))
        upgrade(engine)
        engine.dispose()
        return None
    path = tmp_path_factory.mktemp("template") / "newsfeed.sqlite3"
    engine = make_engine(f"sqlite:///{path}")
    upgrade(engine)
    engine.dispose()
    return path


@pytest.fixture
def database_url(_template_db: Path | None, tmp_path: Path) -> str:
    if _template_db is None:
        # Emptied with DELETE (dependent tables first) and its sequences restarted: the tables
        # hold a test's few rows, and TRUNCATE, which gives each table a new file, took ten
        # times as long (34 ms against 3 ms for every test of the PostgreSQL lane).
        engine = make_engine(TEST_DB_URL)
        tables = [t.name for t in reversed(Base.metadata.sorted_tables)]
        with engine.begin() as conn:
            sequences = conn.scalars(
                text("SELECT sequencename FROM pg_sequences WHERE schemaname = current_schema()")
            ).all()
            emptying = [f"DELETE FROM {name}" for name in tables]
            conn.execute(
                text("; ".join([*emptying, *(f"ALTER SEQUENCE {name} RESTART" for name in sequences)]))
            )
            conn.execute(
                text("INSERT INTO site_state (key, int_value, updated_at) VALUES ('data_version', 0, now())")
            )
        engine.dispose()
        return TEST_DB_URL
    path = tmp_path / "instance" / "newsfeed.sqlite3"
    path.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy(_template_db, path)
    return f"sqlite:///{path}"


def make_config(tmp_path: Path, database_url: str = "", **sections: dict[str, Any]) -> Config:
    data: dict[str, Any] = {
        "instance_path": str(tmp_path / "instance"),
        "site": {
            "title": "Test Lab News",
            "base_url": "http://news.example.org",
            "timezone": "Europe/Vienna",
        },
        "database": {"url": database_url},
        "admin": {"secret_key": "test-secret-key", "secure_cookies": False},
        "mail": {"sender": "news@example.org"},
        # Tests write through other sessions than the app's and expect to see it at once.
        "feeds": {"version_ttl": 0.0},
    }
    for name, values in sections.items():
        data.setdefault(name, {}).update(values)
    return build_config(data, env={})


@pytest.fixture
def config(tmp_path: Path, database_url: str) -> Config:
    return make_config(tmp_path, database_url)


@pytest.fixture
def engine(config: Config) -> Iterator[Engine]:
    engine = make_engine(config.database_url)
    yield engine
    engine.dispose()


@pytest.fixture
def session(engine: Engine) -> Iterator[Session]:
    with session_factory(engine)() as session:
        yield session


class _TemplateCodeCache(BytecodeCache):
    """Compiled templates kept for this test process: every test builds an app of its own, and
    each app's Jinja environment would parse and compile again each template it renders (about
    10 ms each). Jinja checks each template's source against the checksum kept with its code."""

    def __init__(self) -> None:
        self.codes: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        code = self.codes.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: Bucket) -> None:
        self.codes[bucket.key] = bucket.bytecode_to_string()


TEMPLATE_CODE = _TemplateCodeCache()


def _test_app(config: Config, clock: Clock) -> Any:
    from newsfeed.web import create_app

    app = create_app(config, clock=clock)
    app.config["TESTING"] = True
    app.jinja_env.bytecode_cache = TEMPLATE_CODE
    return app


@pytest.fixture
def app(config: Config, clock: Clock) -> Any:
    app = _test_app(config, clock)
    yield app
    app.extensions["newsfeed.sessions"].kw["bind"].dispose()


@pytest.fixture
def app_factory(clock: Clock) -> Iterator[Any]:
    """More app instances (another gunicorn worker, another configuration); disposed afterwards."""
    made: list[Any] = []

    def make(config: Config) -> Any:
        app = _test_app(config, clock)
        made.append(app)
        return app

    yield make
    for app in made:
        app.extensions["newsfeed.sessions"].kw["bind"].dispose()


@pytest.fixture
def client(app: Any) -> Any:
    return app.test_client()


@pytest.fixture
def config_file(tmp_path: Path, database_url: str) -> Path:
    """The same settings as ``config``, as a TOML file for the CLI."""
    path = tmp_path / "newsfeed.toml"
    path.write_text(
        f"""instance_path = "{tmp_path / "instance"}"
[site]
title = "Test Lab News"
base_url = "http://news.example.org"
[database]
url = "{database_url}"
[admin]
secret_key = "test-secret-key"
secure_cookies = false
"""
    )
    return path


@pytest.fixture
def runner(config_file: Path) -> Any:
    """Invoke the CLI in-process with the test configuration: runner(["db", "upgrade"])."""
    from click.testing import CliRunner

    from newsfeed.cli.commands import main

    cli = CliRunner()

    def run(args: list[str], input: str | None = None) -> Any:
        return cli.invoke(main, ["--config", str(config_file), *args], input=input, catch_exceptions=False)

    return run


@pytest.fixture
def smtp() -> Iterator[Any]:
    """A real SMTP server (aiosmtpd) on a free loopback port."""
    from tests.smtp_sink import SMTPSink

    sink = SMTPSink().start()
    yield sink
    sink.stop()


@pytest.fixture
def mail_config(tmp_path: Path, database_url: str, smtp: Any) -> Config:
    return make_config(
        tmp_path,
        database_url,
        mail={"transport": "smtp", "smtp_host": "127.0.0.1", "smtp_port": smtp.port, "timeout": 5.0},
    )


# Passwords are hashed with scrypt at a lower cost in tests (N = 2^10 instead of 2^17: the same
# algorithm and code, 128 times cheaper): at full strength each sign-in costs about 0.4 s of CPU,
# nearly a quarter of the suite. The tests about the hash itself (its stored strength, timing
# that must not tell accounts apart, sign-ins that must overlap) are marked ``password_strength``
# and keep the real cost.
TEST_PASSWORD_METHOD = "scrypt:1024:8:1"  # noqa: S105 (a hash method, not a password)
_HASHES: dict[str, str] = {}


@pytest.fixture(autouse=True)
def password_method(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """The hash method of this test: the cheap one unless it is marked ``password_strength``."""
    from newsfeed.services import users

    if request.node.get_closest_marker("password_strength") is None:
        monkeypatch.setattr(users, "PASSWORD_METHOD", TEST_PASSWORD_METHOD)
    return users.PASSWORD_METHOD


@pytest.fixture
def password_hash(password_method: str) -> str:
    """PASSWORD hashed with this test's method (once per method per run)."""
    from newsfeed.services.users import hash_password

    if password_method not in _HASHES:
        _HASHES[password_method] = hash_password(PASSWORD)
    return _HASHES[password_method]


@pytest.fixture
def live_server(app: Any) -> Iterator[str]:
    """The app on a real loopback port, in a thread (for the browser tests)."""
    import threading

    from werkzeug.serving import make_server

    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join(timeout=10)
    server.server_close()
