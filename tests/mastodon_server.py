"""A Mastodon instance on loopback for the tests: the endpoints newsfeed uses, answering with the
JSON Mastodon documents for them.

- ``GET /api/v2/instance`` (https://docs.joinmastodon.org/methods/instance/#v2): the instance,
  with ``configuration.statuses.max_characters`` and ``characters_reserved_per_url``;
- ``GET /api/v1/accounts/verify_credentials``
  (https://docs.joinmastodon.org/methods/accounts/#verify_credentials): the token's account;
- ``POST /api/v1/statuses`` (https://docs.joinmastodon.org/methods/statuses/#create): a Status;
  a repeated ``Idempotency-Key`` answers the status made the first time, as Mastodon does for an
  hour (https://docs.joinmastodon.org/methods/statuses/#headers);
- ``PUT /api/v1/statuses/:id`` (https://docs.joinmastodon.org/methods/statuses/#edit): the
  edited Status, ``edited_at`` set;
- ``DELETE /api/v1/statuses/:id`` (https://docs.joinmastodon.org/methods/statuses/#delete): the
  deleted Status, with its ``text``; 404 ``{"error": "Record not found"}`` for an unknown id;
- a wrong token: 401 ``{"error": "The access token is invalid"}``
  (https://docs.joinmastodon.org/client/authorized/);
- rate limits (https://docs.joinmastodon.org/api/rate-limits/): every answer carries
  ``X-RateLimit-Limit``, ``X-RateLimit-Remaining`` and ``X-RateLimit-Reset`` (ISO 8601); a test
  may make the next answers 429 (``limited``) or 503 (``failing``).
"""

from __future__ import annotations

import datetime as dt
import json
import threading
import urllib.parse
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

TOKEN = "mastodon-test-token"  # noqa: S105 (a test token)


@dataclass
class Instance:
    max_characters: int = 500
    token: str = TOKEN
    statuses: dict[str, dict[str, Any]] = field(default_factory=dict)
    deleted: dict[str, dict[str, Any]] = field(default_factory=dict)
    keys: dict[str, str] = field(default_factory=dict)  # Idempotency-Key -> status id
    requests: list[tuple[str, str]] = field(default_factory=list)  # (method, path)
    limited: int = 0  # the next this many requests answer 429
    failing: int = 0  # the next this many requests answer 503
    reset_in: dt.timedelta = dt.timedelta(minutes=5)
    lock: threading.Lock = field(default_factory=threading.Lock)
    _next_id: int = 100

    def __post_init__(self) -> None:
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(self))
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    def status(self, text: str, *, language: str | None, visibility: str) -> dict[str, Any]:
        self._next_id += 1
        sid = str(self._next_id)
        now = dt.datetime.now(dt.UTC).isoformat().replace("+00:00", "Z")
        return {
            "id": sid,
            "uri": f"{self.url}/users/ada/statuses/{sid}",
            "url": f"{self.url}/@ada/{sid}",
            "created_at": now,
            "edited_at": None,
            "content": "<p>"
            + text.replace("&", "&amp;").replace("<", "&lt;").replace("\n", "<br />")
            + "</p>",
            "text": text,
            "visibility": visibility,
            "language": language,
            "sensitive": False,
            "spoiler_text": "",
            "account": {
                "id": "1",
                "username": "ada",
                "acct": "ada",
                "display_name": "Ada",
                "url": f"{self.url}/@ada",
            },
            "media_attachments": [],
            "mentions": [],
            "tags": [],
            "emojis": [],
            "reblogs_count": 0,
            "favourites_count": 0,
            "replies_count": 0,
        }


def _handler(instance: Instance) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: Any) -> None:
            pass

        def _answer(self, status: int, body: Any) -> None:
            data = json.dumps(body).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json; charset=utf-8")
            self.send_header("Content-Length", str(len(data)))
            reset = (dt.datetime.now(dt.UTC) + instance.reset_in).isoformat().replace("+00:00", "Z")
            self.send_header("X-RateLimit-Limit", "300")
            self.send_header("X-RateLimit-Remaining", "0" if status == 429 else "299")
            self.send_header("X-RateLimit-Reset", reset)
            self.end_headers()
            self.wfile.write(data)

        def _form(self) -> dict[str, str]:
            length = int(self.headers.get("Content-Length") or 0)
            raw = self.rfile.read(length).decode() if length else ""
            if "json" in (self.headers.get("Content-Type") or ""):
                return {k: str(v) for k, v in json.loads(raw or "{}").items()}
            return {k: v[-1] for k, v in urllib.parse.parse_qs(raw).items()}

        def _handle(self, method: str) -> None:
            path = urllib.parse.urlsplit(self.path).path.rstrip("/") or "/"
            form = self._form() if method in ("POST", "PUT") else {}
            with instance.lock:
                instance.requests.append((method, path))
                if instance.limited > 0:
                    instance.limited -= 1
                    self._answer(429, {"error": "Too many requests"})
                    return
                if instance.failing > 0:
                    instance.failing -= 1
                    self._answer(503, {"error": "Service Unavailable"})
                    return
                if path == "/api/v2/instance":
                    statuses = {"max_characters": instance.max_characters, "characters_reserved_per_url": 23}
                    config = {"statuses": statuses}
                    self._answer(200, {"domain": "127.0.0.1", "title": "Test", "version": "4.3.0",
                                       "configuration": config})  # fmt: skip
                    return
                if self.headers.get("Authorization") != f"Bearer {instance.token}":
                    self._answer(401, {"error": "The access token is invalid"})
                    return
                if path == "/api/v1/accounts/verify_credentials":
                    self._answer(200, {"id": "1", "username": "ada", "acct": "ada", "display_name": "Ada"})
                    return
                if path == "/api/v1/statuses" and method == "POST":
                    key = self.headers.get("Idempotency-Key")
                    if key and key in instance.keys:
                        self._answer(200, instance.statuses[instance.keys[key]])
                        return
                    text = form.get("status", "")
                    if len(text) > instance.max_characters + 200:
                        self._answer(422, {"error": "Validation failed: Text character limit exceeded"})
                        return
                    status = instance.status(text, language=form.get("language"),
                                             visibility=form.get("visibility", "public"))  # fmt: skip
                    instance.statuses[status["id"]] = status
                    if key:
                        instance.keys[key] = status["id"]
                    self._answer(200, status)
                    return
                if path.startswith("/api/v1/statuses/"):
                    sid = path.rsplit("/", 1)[-1]
                    found = instance.statuses.get(sid)
                    if found is None:
                        self._answer(404, {"error": "Record not found"})
                        return
                    if method == "PUT":
                        found["text"] = form.get("status", found["text"])
                        found["content"] = "<p>" + found["text"] + "</p>"
                        found["edited_at"] = dt.datetime.now(dt.UTC).isoformat().replace("+00:00", "Z")
                        self._answer(200, found)
                        return
                    if method == "DELETE":
                        instance.deleted[sid] = instance.statuses.pop(sid)
                        self._answer(200, found)
                        return
                self._answer(404, {"error": "Record not found"})

        def do_GET(self) -> None:  # noqa: N802
            self._handle("GET")

        def do_POST(self) -> None:  # noqa: N802
            self._handle("POST")

        def do_PUT(self) -> None:  # noqa: N802
            self._handle("PUT")

        def do_DELETE(self) -> None:  # noqa: N802
            self._handle("DELETE")

    return Handler
