"""A real HTTP server on loopback whose answers a test changes between fetches (for sources)."""

from __future__ import annotations

import contextlib
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


@dataclass
class Answer:
    body: bytes = b""
    status: int = 200
    content_type: str = "text/html; charset=utf-8"
    etag: str | None = None  # a matching If-None-Match gets a 304
    location: str | None = None  # a redirect
    delay: float = 0.0  # seconds before the answer starts
    stream_mb: int = 0  # a body of this many megabytes, written in 1 MB chunks, no Content-Length
    # a slow server: "status" (the status line), "headers" (a header) or "chunks" (chunk after
    # chunk of a chunked body) written a byte or a chunk every ``every`` seconds, for ``lasting``
    trickle: str = ""
    every: float = 0.2
    lasting: float = 120.0


@dataclass
class Seen:
    path: str
    headers: dict[str, str]


@dataclass
class PageServer:
    answers: dict[str, Answer] = field(default_factory=dict)
    seen: list[Seen] = field(default_factory=list)
    started: threading.Event = field(default_factory=threading.Event)  # set at each request
    # megabytes of each streamed answer written before the client stopped reading (or all)
    streamed: dict[str, int] = field(default_factory=dict)
    finished: threading.Event = field(default_factory=threading.Event)  # set when a stream ends
    closing: threading.Event = field(default_factory=threading.Event)  # trickles stop

    def __post_init__(self) -> None:
        server = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: Any) -> None:
                pass

            def do_GET(self) -> None:  # noqa: N802 (the standard library's name)
                server.seen.append(Seen(self.path, {k.lower(): v for k, v in self.headers.items()}))
                server.started.set()
                answer = server.answers.get(self.path.split("?")[0])
                if answer is None:
                    self.send_error(404)
                    return
                if answer.delay:
                    time.sleep(answer.delay)
                if answer.trickle:
                    self.close_connection = True
                    with contextlib.suppress(OSError):  # the client gave up: as it should
                        self._trickle(answer)
                    return
                try:
                    if answer.etag and self.headers.get("If-None-Match") == answer.etag:
                        self.send_response(304)
                        self.send_header("ETag", answer.etag)
                        self.end_headers()
                        return
                    self.send_response(answer.status)
                    if answer.location:
                        self.send_header("Location", answer.location)
                    self.send_header("Content-Type", answer.content_type)
                    if answer.etag:
                        self.send_header("ETag", answer.etag)
                    if answer.stream_mb:
                        self.end_headers()
                        chunk = b"<p>" + b"x" * (1_000_000 - 3)
                        path = self.path.split("?")[0]
                        server.streamed[path] = 0
                        try:
                            for _ in range(answer.stream_mb):
                                self.wfile.write(chunk)
                                server.streamed[path] += 1
                        finally:
                            server.finished.set()
                        return
                    self.send_header("Content-Length", str(len(answer.body)))
                    self.end_headers()
                    self.wfile.write(answer.body)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client stopped reading (a size limit): as it should

            def _trickle(self, answer: Answer) -> None:
                until = time.monotonic() + answer.lasting
                out = self.wfile

                def slowly(data: bytes) -> bool:
                    for byte in data:
                        if time.monotonic() > until or server.closing.wait(answer.every):
                            return False
                        out.write(bytes([byte]))
                        out.flush()
                    return True

                if answer.trickle == "status":
                    slowly(b"HTTP/1.1 200 OK\r\n" * 1000)
                    return
                out.write(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n")
                if answer.trickle == "headers":
                    slowly(b"X-Slow: " + b"x" * 100_000)
                    return
                out.write(b"Transfer-Encoding: chunked\r\n\r\n")
                out.flush()
                while time.monotonic() < until and not server.closing.wait(answer.every):
                    out.write(b"3\r\n<p>\r\n")
                    out.flush()

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.httpd.server_port}"

    def close(self) -> None:
        self.closing.set()
        self.httpd.shutdown()
        self.httpd.server_close()
        self.thread.join(timeout=10)
