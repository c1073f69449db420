"""The production smoke test: what the README's "Run it in production" starts, started for real.

gunicorn with two sync workers, the scheduler in its own process, the database of the run
(PostgreSQL in CI's second lane, SQLite otherwise), an aiosmtpd sink as the mail server, and,
where nginx is installed (.ci/run installs it from Debian's packages), nginx in front with
deploy/nginx/newsfeed.conf over TLS. Then a reader subscribes, confirms from the email, an admin
signs in and posts, a sweep sends the digest, and /healthz, /metrics and `newsfeed status --json`
say what they should. Slow clients trickling their headers hold no worker behind nginx.
"""

from __future__ import annotations

import datetime as dt
import http.cookiejar
import json
import os
import re
import shutil
import socket
import ssl
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.deploy.nginx import main_config
from tests.smtp_sink import SMTPSink, free_port

pytestmark = pytest.mark.slow
BIN = Path(sys.executable).parent
PASSWORD = "a production admin password"
NGINX = shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None)


def _wait(what: str, check: Any, *, seconds: float = 60.0) -> Any:
    deadline = time.monotonic() + seconds
    last: object = None
    while time.monotonic() < deadline:
        try:
            found = check()
        except OSError as exc:
            found, last = None, exc
        if found:
            return found
        time.sleep(0.2)
    raise AssertionError(f"{what}: not within {seconds:.0f} s (last: {last})")


class Site:
    """The processes of one production-shaped site, and a browser-like client for it."""

    def __init__(self, tmp: Path, database_url: str, smtp: SMTPSink) -> None:
        self.tmp = tmp
        self.gunicorn_port = free_port()
        self.nginx_port = free_port() if NGINX else None
        self.base = (
            f"https://127.0.0.1:{self.nginx_port}" if NGINX else f"http://127.0.0.1:{self.gunicorn_port}"
        )
        self.config = tmp / "newsfeed.toml"
        self.config.write_text(
            f"""instance_path = "{tmp / "instance"}"
[site]
title = "Production Lab News"
base_url = "{self.base}"
[database]
url = "{database_url}"
[mail]
transport = "smtp"
smtp_host = "127.0.0.1"
smtp_port = {smtp.port}
sender = "news@lab.example.org"
timeout = 10.0
[admin]
secure_cookies = {"true" if NGINX else "false"}
proxies = {1 if NGINX else 0}
"""
        )
        self.env = {**os.environ, "NEWSFEED_CONFIG": str(self.config)}
        for key in ("NEWSFEED_DATABASE_URL", "NEWSFEED_SITE_BASE_URL", "NEWSFEED_INSTANCE_PATH"):
            self.env.pop(key, None)
        self.processes: list[subprocess.Popen[bytes]] = []
        self.logs: list[Any] = []
        context = ssl.create_default_context()
        context.check_hostname = False
        context.verify_mode = ssl.CERT_NONE  # the test's own self-signed certificate
        self.tls = context
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()),
            urllib.request.HTTPSHandler(context=context),
        )

    def cli(self, *args: str, input: str | None = None) -> str:
        done = subprocess.run(
            [str(BIN / "newsfeed"), *args],
            env=self.env,
            input=input,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert done.returncode == 0, (args, done.stdout, done.stderr)
        return done.stdout

    def start(self, name: str, arguments: list[str]) -> None:
        log = (self.tmp / f"{name}.log").open("wb")
        self.logs.append(log)
        self.processes.append(
            subprocess.Popen(arguments, env=self.env, cwd=self.tmp, stdout=log, stderr=subprocess.STDOUT)
        )

    def start_nginx(self) -> None:
        assert NGINX is not None and self.nginx_port is not None
        conf = main_config(self.tmp, upstream=self.gunicorn_port, https=self.nginx_port, http=free_port())
        self.start("nginx", [NGINX, "-c", str(conf), "-p", str(self.tmp), "-g", "daemon off;"])

    def get(self, path: str, *, timeout: float = 15) -> tuple[int, str]:
        try:
            with self.opener.open(self.base + path, timeout=timeout) as answer:
                return answer.status, answer.read().decode()
        except urllib.error.HTTPError as exc:
            return exc.code, exc.read().decode()

    def post(self, path: str, fields: dict[str, str], *, token_from: str) -> tuple[int, str]:
        status, page = self.get(token_from)
        assert status == 200, (token_from, status, page[:300])
        token = re.search(r'name="csrf_token" value="([^"]+)"', page)
        assert token is not None, page[:500]
        data = urllib.parse.urlencode({"csrf_token": token.group(1), **fields}).encode()
        # as a browser does (over https, the CSRF check also wants the page the form came from)
        request = urllib.request.Request(
            self.base + path, data=data, headers={"Referer": self.base + token_from}
        )
        try:
            with self.opener.open(request, timeout=30) as answer:
                return answer.status, answer.read().decode()
        except urllib.error.HTTPError as exc:
            return exc.code, exc.read().decode()

    def stop(self) -> None:
        for process in reversed(self.processes):
            process.terminate()
        for process in self.processes:
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        for log in self.logs:
            log.close()


@pytest.fixture
def site(tmp_path: Path, database_url: str) -> Iterator[tuple[Site, SMTPSink]]:
    smtp = SMTPSink().start()
    running = Site(tmp_path, database_url, smtp)
    try:
        yield running, smtp
    finally:
        running.stop()
        smtp.stop()


def _slow_client(port: int, tls: ssl.SSLContext | None, stop: threading.Event) -> None:
    """A client that sends its request headers one byte every half second, and never finishes."""
    raw = socket.create_connection(("127.0.0.1", port), timeout=30)
    conn = tls.wrap_socket(raw, server_hostname="127.0.0.1") if tls else raw
    try:
        request = b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: " + b"x" * 200
        for byte in request:
            if stop.wait(0.5):
                return
            conn.sendall(bytes([byte]))
    except OSError:
        return
    finally:
        conn.close()


def _start_gunicorn(s: Site) -> None:
    """As the README and deploy/systemd/newsfeed-web.service start it."""
    bind = f"127.0.0.1:{s.gunicorn_port}"
    s.start(
        "gunicorn", [str(BIN / "gunicorn"), "--workers", "2", "--bind", bind, "newsfeed.web:create_app()"]
    )


def test_the_readme_production_recipe_serves_subscribes_confirms_posts_and_sends(
    site: tuple[Site, SMTPSink],
) -> None:
    s, smtp = site
    assert "database at revision" in s.cli("db", "upgrade")
    s.cli("user", "create", "admin@lab.example.org", "--role", "admin", "--password-stdin", input=PASSWORD)
    s.cli("person", "add", "ada", "--name", "Ada Lovelace")
    _start_gunicorn(s)
    s.start("scheduler", [str(BIN / "newsfeed"), "scheduler", "--interval", "5"])
    if NGINX:
        s.start_nginx()
    # nginx answers 502 until gunicorn's workers listen (slow on a busy machine): wait past that
    health = _wait("/healthz", lambda: (r := s.get("/healthz", timeout=3))[0] not in (502, 503, 504) and r)
    assert health[0] == 200 and json.loads(health[1])["status"] == "ok"

    # a reader subscribes; the confirmation comes by email within the minute; the link confirms
    status, page = s.post(
        "/subscribe", {"email": "reader@example.org", "cadence": "daily"}, token_from="/subscribe"
    )
    assert status == 200, re.findall(r"<p[^>]*>[^<]*</p>", page)
    (confirmation,) = _wait("the confirmation email", lambda: smtp.recorder.to("reader@example.org"))
    link = re.search(r"(https?://\S+/subscribe/confirm/\S+)", confirmation.get_body(("plain",)).get_content())
    assert link is not None and link.group(1).startswith(s.base)  # links carry the configured address
    path = link.group(1)[len(s.base) :]
    status, page = s.post(path, {}, token_from=path)
    assert status == 200 and "<h1>Subscribed</h1>" in page

    # an admin signs in (Secure cookies over TLS when nginx is in front) and posts
    status, _ = s.post(
        "/admin/login", {"email": "admin@lab.example.org", "password": PASSWORD}, token_from="/admin/login"
    )
    assert status == 200
    fields = {
        "title": "Our paper was accepted at ICML 2026",
        "kind": "acceptance",
        "posted": "05/2026",
        "status": "published",
        "visibility": "public",
        "person": "ada",
        "milestone_count": "0",
    }
    status, page = s.post("/admin/items/new", fields, token_from="/admin/items/new")
    assert status == 200 and "Our paper was accepted" in page
    _wait("the post on the front page", lambda: "Our paper was accepted" in s.get("/")[1], seconds=10)

    # the next daily digest, swept as the scheduler would at its hour
    tomorrow = (dt.datetime.now(dt.UTC) + dt.timedelta(days=1)).replace(
        hour=8, minute=30, second=0, microsecond=0
    )
    swept = s.cli("digest", "run", "--now", tomorrow.isoformat())
    assert "sent 1" in swept, swept
    text = smtp.recorder.to("reader@example.org")[-1].get_body(("plain",))
    assert text is not None and "Our paper was accepted at ICML 2026" in text.get_content()

    status, metrics = s.get("/metrics")
    assert (
        status == 200
        and "newsfeed_requests_total" in metrics
        and 'newsfeed_deliveries{status="sent"}' in metrics
    )
    state = json.loads(s.cli("status", "--json"))
    assert set(state) == {"schema", "scheduler", "deliveries", "sources", "warnings"}
    assert state["schema"]["ok"] and state["scheduler"]["ok"], state
    assert state["deliveries"]["sent_24h"] >= 2 and state["deliveries"]["failed"] == 0
    assert not [w for w in state["warnings"] if "base_url" in w or "cookie" in w], state["warnings"]


@pytest.mark.skipif(NGINX is None, reason="nginx is not installed (apt-get install nginx-light)")
def test_slow_clients_hold_no_worker_behind_nginx(site: tuple[Site, SMTPSink]) -> None:
    """Four clients trickling their headers, then five health probes: through nginx all five
    answer; straight at gunicorn's two sync workers (printed for comparison) they wait."""
    s, _ = site
    s.cli("db", "upgrade")
    _start_gunicorn(s)
    s.start_nginx()
    _wait("/healthz", lambda: s.get("/healthz", timeout=3)[0] == 200)
    assert s.nginx_port is not None

    def probes(base: str, tls: ssl.SSLContext | None, timeout: float) -> int:
        stop = threading.Event()
        port = int(base.rsplit(":", 1)[1])
        clients = [threading.Thread(target=_slow_client, args=(port, tls, stop)) for _ in range(4)]
        for c in clients:
            c.start()
        time.sleep(1.0)  # the slow clients are connected and trickling
        answered = 0
        for _ in range(5):
            try:
                with s.opener.open(f"{base}/healthz", timeout=timeout) as answer:
                    answered += answer.status == 200
            except OSError:
                pass
        stop.set()
        for c in clients:
            c.join()
        return answered

    direct = probes(f"http://127.0.0.1:{s.gunicorn_port}", None, 2.0)
    behind = probes(f"https://127.0.0.1:{s.nginx_port}", s.tls, 10.0)
    print(f"health probes answered with 4 slow clients: at gunicorn {direct}/5, behind nginx {behind}/5")
    assert behind == 5
