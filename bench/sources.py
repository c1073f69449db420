"""How long the scheduler's sync of 100 sources takes, served locally, half of them answering 304.

    python bench/sources.py [--sources 100] [--items 20] [--rounds 3]

A threaded HTTP server on loopback serves N homepages (HTML, a News list of ``--items`` items
each, with an ETag). A fresh SQLite database (or NEWSFEED_BENCH_DATABASE_URL) gets N sources.
Then, timed:

1. the first sync of every source (each page read, every item created);
2. a sync of every source where half answer 304 (unchanged since the last fetch) and half changed
   (one item edited and one added): the issue's figure;
3. the floor in the same run: the same N requests with plain http.client (no parsing, no
   database), to show how much of a sync is the fetch itself.
"""

from __future__ import annotations

import argparse
import datetime as dt
import http.client
import os
import statistics
import sys
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from newsfeed.adapters.db import make_engine, session_factory  # noqa: E402
from newsfeed.adapters.migrate import upgrade  # noqa: E402
from newsfeed.adapters.models import Item, Source  # noqa: E402
from newsfeed.config import build_config  # noqa: E402
from newsfeed.jobs.sync import sync_due
from newsfeed.services.syncing import fetcher_from_config

KINDS = [
    "Our paper on {t} is accepted at ICML {y}.",
    "I gave an invited talk on {t} at the university seminar.",
    "I am invited to serve as a reviewer for NeurIPS {y}.",
    "I will be attending ICLR {y} in Vienna from 06/05/{y} to 12/05/{y}.",
    "New preprint on arXiv about {t}.",
]


def page(n: int, items: int, version: int) -> bytes:
    lines = []
    for i in range(items):
        year = 2024 - i // 12
        month = 12 - i % 12
        text = KINDS[i % len(KINDS)].format(t=f"topic {n}-{i}", y=year)
        if version and i == 0:
            text += " Updated."
        lines.append(f"<li>{month:02d}/{year} {text}</li>")
    if version:
        lines.insert(0, f"<li>12/2024 New news {version} from site {n}: a talk at the lab.</li>")
    return (
        "<html><body><h1>Researcher</h1><h2>News</h2><ul>\n" + "\n".join(lines) + "\n</ul></body></html>"
    ).encode()


class Pages:
    def __init__(self, count: int, items: int) -> None:
        self.version = [0] * count
        self.items = items
        pages = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.0"

            def log_message(self, *args: Any) -> None:
                pass

            def do_GET(self) -> None:  # noqa: N802
                n = int(self.path.strip("/").split("/")[0])
                etag = f'"{n}-{pages.version[n]}"'
                if self.headers.get("If-None-Match") == etag:
                    self.send_response(304)
                    self.send_header("ETag", etag)
                    self.end_headers()
                    return
                body = page(n, pages.items, pages.version[n])
                self.send_response(200)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("ETag", etag)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    @property
    def port(self) -> int:
        return int(self.httpd.server_port)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sources", type=int, default=100)
    ap.add_argument("--items", type=int, default=20)
    ap.add_argument("--rounds", type=int, default=3)
    args = ap.parse_args()
    pages = Pages(args.sources, args.items)
    first_times, half_times, floor_times = [], [], []
    for _ in range(args.rounds):
        work = Path(tempfile.mkdtemp(prefix="newsfeed-bench-sources-"))
        url = os.environ.get("NEWSFEED_BENCH_DATABASE_URL") or f"sqlite:///{work / 'bench.sqlite3'}"
        config = build_config(
            {
                "database": {"url": url},
                "instance_path": str(work),
                "site": {"base_url": "http://bench.example.org"},
                "sources": {"allow_networks": "127.0.0.0/8", "min_every_minutes": 1},
            }
        )
        engine = make_engine(url)
        upgrade(engine)
        sessions = session_factory(engine)
        now = dt.datetime(2025, 1, 1, tzinfo=dt.UTC)
        with sessions() as s:
            s.query(Item).delete()
            s.query(Source).delete()
            for n in range(args.sources):
                s.add(
                    Source(
                        name=f"site-{n}",
                        url=f"http://127.0.0.1:{pages.port}/{n}/",
                        tags=[],
                        every_minutes=360,
                        next_fetch_at=now,
                        last_status="new",
                        last_report={},
                        failures=0,
                    )
                )
            s.commit()
        pages.version = [0] * args.sources
        fetcher = fetcher_from_config(config)
        started = time.perf_counter()
        reports = sync_due(sessions, fetcher, now=now, config=config, owner="bench", limit=args.sources)
        first_times.append(time.perf_counter() - started)
        assert all(r.status == "changed" for r in reports), [
            r.summary() for r in reports if r.status != "changed"
        ]
        for n in range(0, args.sources, 2):
            pages.version[n] = 1  # half of them changed; the other half answer 304
        later = now + dt.timedelta(hours=7)
        started = time.perf_counter()
        reports = sync_due(sessions, fetcher, now=later, config=config, owner="bench", limit=args.sources)
        half_times.append(time.perf_counter() - started)
        statuses = sorted(r.status for r in reports)
        assert statuses.count("not modified") == args.sources // 2, statuses
        started = time.perf_counter()
        for n in range(args.sources):
            conn = http.client.HTTPConnection("127.0.0.1", pages.port, timeout=10)
            conn.request(
                "GET", f"/{n}/", headers={"If-None-Match": f'"{n}-{pages.version[n]}"' if n % 2 else ""}
            )
            conn.getresponse().read()
            conn.close()
        floor_times.append(time.perf_counter() - started)
        with sessions() as s:
            items = s.query(Item).count()
        engine.dispose()
    first, half, floor = (statistics.median(t) for t in (first_times, half_times, floor_times))
    n = args.sources
    print(f"{n} sources of {args.items} items each, served on loopback; median of {args.rounds} rounds")
    print(f"{'step':52} {'seconds':>8} {'ms/source':>10}")
    for label, seconds in [
        ("first sync (every page read, every item created)", first),
        ("sync, half 304 and half changed (the figure)", half),
        ("the same requests with plain http.client (floor)", floor),
    ]:
        print(f"{label:52} {seconds:8.2f} {seconds * 1000 / n:10.1f}")
    print(f"items stored after the last round: {items:,}")
    pages.httpd.shutdown()


if __name__ == "__main__":
    main()
