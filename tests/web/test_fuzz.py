"""Random requests to every route, anonymous and signed in as an editor and as an admin: never a 5xx.

Hypothesis draws a route from the URL map, fills its path arguments with hostile values (NUL,
huge numbers, control characters, bidi overrides, very long text, "²"), adds a random query string
and, for POST routes, a random form with a valid CSRF token, and sends it with the route's method
(or a wrong one). The number of examples is bounded so that it runs in CI on both databases.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy.orm import Session

from newsfeed.adapters.models import Person, User
from newsfeed.domain.vocab import Role
from newsfeed.services.demo import load_demo
from tests import factories
from tests.conftest import PASSWORD

pytestmark = pytest.mark.slow

HOSTILE_VALUES = [
    "\x00",
    "%00",
    "2147483648",
    "9223372036854775808",
    "-1",
    "0",
    "²",
    "1e9",
    "\u202e",
    "\x1b[31m",
    "' OR 1=1 --",
    "<script>alert(1)</script>",
    "a" * 5000,
    "../../etc/passwd",
    "ünï@exämple.org",
    "root,postmaster,x@attacker.example",
    "9999-12-31T23:59-12:00",
    "31/02/2024",
    "Europe/Viena",
    "",
    " ",
]
HOSTILE = st.sampled_from(HOSTILE_VALUES)
TEXT = st.one_of(HOSTILE, st.text(max_size=60))
FIELDS = st.sampled_from(
    [
        "title", "posted", "kind", "status", "visibility", "publish_at", "body", "venue", "location",
        "person", "tags", "links", "milestone_count", "m0_label", "m0_date", "m0_time", "m0_zone",
        "m0_key", "revision", "email", "password", "cadence", "kinds", "people", "timezone", "lead_days",
        "text", "path", "format", "date_order", "role", "name", "q", "page", "ref", "next",
    ]
)  # fmt: skip


def _sign_in(client: Any, email: str) -> None:
    page = client.get("/admin/login").data.decode()
    csrf = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)  # type: ignore[union-attr]
    response = client.post("/admin/login", data={"email": email, "password": PASSWORD, "csrf_token": csrf})
    assert response.status_code == 302


# Health checks answer 503 by design (with the reason) when what they check is down: no scheduler
# has ticked in the fuzzed app, for one.
HEALTH_CHECKS = {"ops.healthz", "ops.scheduler_health"}


def _replacement(value: str) -> Callable[[re.Match[str]], str]:
    """A value put into a path as it is (a plain replacement string would read its backslashes)."""
    return lambda _match: value


@pytest.fixture
def clients(session: Session, app: Any) -> dict[str, Any]:
    from werkzeug.security import generate_password_hash

    password_hash = generate_password_hash(PASSWORD, "pbkdf2:sha256:1")  # fast: many sign-ins here
    load_demo(session, now=factories.NOW, host="news.example.org")
    person = session.query(Person).first()
    assert person is not None
    session.add(User(email="root@example.org", password_hash=password_hash, role=Role.ADMIN))
    session.add(User(email="ed@example.org", password_hash=password_hash, role=Role.EDITOR, person=person))
    session.commit()
    out = {"anonymous": app.test_client()}
    for name, email in (("admin", "root@example.org"), ("editor", "ed@example.org")):
        client = app.test_client()
        _sign_in(client, email)
        out[name] = client
    return out


def _csrf(client: Any) -> str:
    page = client.get("/admin/import").data.decode()
    m = re.search(r'name="csrf_token" value="([^"]+)"', page) or re.search(
        r'name="csrf-token" content="([^"]+)"', page
    )
    return m.group(1) if m else ""


def _rules() -> list[tuple[str, str]]:
    """(endpoint, rule) of every route but static files and signing out, from an app of its own."""
    import tempfile
    from pathlib import Path

    from newsfeed.adapters.db import make_engine
    from newsfeed.adapters.migrate import upgrade
    from newsfeed.web import create_app
    from tests.conftest import make_config

    folder = Path(tempfile.mkdtemp(prefix="newsfeed-fuzz-"))
    url = f"sqlite:///{folder / 'x.sqlite3'}"
    engine = make_engine(url)
    upgrade(engine)
    engine.dispose()
    app = create_app(make_config(folder, url))
    found = sorted(
        (r.endpoint, r.rule) for r in app.url_map.iter_rules() if r.endpoint not in ("static", "auth.logout")
    )
    app.extensions["newsfeed.sessions"].kw["bind"].dispose()
    return found


RULES = _rules()
EXAMPLES = int(os.environ.get("NEWSFEED_TEST_FUZZ_EXAMPLES", "12"))


@pytest.mark.parametrize(("endpoint", "rule"), RULES, ids=[f"{e} {r}" for e, r in RULES])
@given(data=st.data())
@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_no_request_is_ever_a_server_error(
    app: Any, clients: dict[str, Any], endpoint: str, rule: str, data: st.DataObject
) -> None:
    (matched,) = [r for r in app.url_map.iter_rules() if r.endpoint == endpoint and r.rule == rule]
    methods = sorted((matched.methods or set()) - {"HEAD", "OPTIONS"})
    if matched.arguments and not getattr(matched, "_swept", False):
        # every hostile value in every path argument, for every method, once per route
        for value in HOSTILE_VALUES:
            url = rule
            for name in matched.arguments:
                url = re.sub(rf"<(?:\w+:)?{name}>", _replacement(value), url)
            for method in methods:
                status = clients["admin"].open(url, method=method).status_code
                assert status < 500, (method, url, status)
        matched._swept = True
    who = data.draw(st.sampled_from(["anonymous", "editor", "admin"]), label="who")
    client = clients[who]
    url = rule
    for name in matched.arguments:
        value = data.draw(st.one_of(HOSTILE, st.from_regex(r"[a-z0-9]{1,12}", fullmatch=True)), label=name)
        url = re.sub(rf"<(?:\w+:)?{name}>", _replacement(value), url)
    query = data.draw(st.lists(st.tuples(FIELDS, TEXT), max_size=4), label="query")
    method = data.draw(st.sampled_from([*methods, *methods, "POST", "DELETE"]), label="method")
    form = dict(data.draw(st.lists(st.tuples(FIELDS, TEXT), max_size=8), label="form"))
    if who != "anonymous" and data.draw(st.booleans(), label="with csrf"):
        form["csrf_token"] = _csrf(client)
    response = client.open(url, method=method, query_string=query, data=form)
    status = response.status_code
    response.close()
    if endpoint in HEALTH_CHECKS and status == 503:  # their answer when what they check is down
        assert response.json is not None and response.json["reason"], response.data
        return
    assert status < 500, (method, url, query, form, status, response.data[:500])
