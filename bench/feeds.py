"""Feed serving cost under gunicorn, compared in one run with a route that returns precomputed bytes.

    python bench/feeds.py [--items 10000] [--seconds 5] [--rounds 3] [--connections 32] [--workers 2]

Fills a fresh SQLite database (or NEWSFEED_BENCH_DATABASE_URL) with N published items, starts
gunicorn on loopback with the real app plus one extra route, /bench/bytes, that returns the same
Atom bytes precomputed (the ceiling for any Python route), and loads each URL with wrk (Debian's
package; `apt-get install wrk`). Prints requests/s of the cached feed, the 304 answer and the
bytes route, their ratios (targets: cached >= 0.8x bytes, 304 >= 1.0x bytes), and the cold render
time of a 50-entry feed measured in-process.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from newsfeed.adapters.db import make_engine, session_factory  # noqa: E402
from newsfeed.adapters.migrate import upgrade  # noqa: E402
from newsfeed.adapters.models import Item, Milestone
from newsfeed.domain.vocab import Kind, Status, Visibility

KINDS = list(Kind)


def fill(url: str, n: int) -> None:
    engine = make_engine(url)
    upgrade(engine)
    start = dt.datetime(2020, 1, 1, tzinfo=dt.UTC)
    with session_factory(engine)() as session:
        for i in range(n):
            when = start + dt.timedelta(hours=i)
            day = when.date()
            item = Item(
                public_id=f"tag:bench.example.org,2020:news/{i:08x}",
                kind=KINDS[i % len(KINDS)],
                title=f"News item {i}: a paper accepted at a venue with a long enough title",
                body=f"One paper is accepted by **ICML {2020 + i % 6}**, [paper {i}](https://arxiv.org/abs/2401.{i:05d}).",
                posted_start=day.replace(day=1),
                posted_end=day.replace(day=28),
                posted_grain="month",
                posted_text=day.strftime("%m/%Y"),
                status=Status.PUBLISHED,
                visibility=Visibility.PUBLIC,
                published_at=when,
                created_at=when,
                updated_at=when,
            )
            if i % 5 == 0:
                item.milestones = [
                    Milestone(label="Trip", start=day, end=day + dt.timedelta(days=3), grain="day", text="x")
                ]
            session.add(item)
            if i % 1000 == 999:
                session.flush()
        session.commit()
    engine.dispose()


APP_MODULE = """
from flask import Response
from newsfeed.config import load_config
from newsfeed.web import create_app


def app():
    application = create_app(load_config())
    body = []

    @application.get("/bench/bytes")
    def precomputed():
        return Response(body[0], mimetype="application/atom+xml; charset=utf-8")

    with application.test_client() as client:
        body.append(client.get("/feed.atom").data)
    return application
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wrk(url: str, seconds: int, connections: int, header: str | None = None) -> float:
    cmd = ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency", url]
    if header:
        cmd[1:1] = ["-H", header]
    out = subprocess.run(cmd, capture_output=True, text=True, check=True).stdout
    m = re.search(r"Requests/sec:\s+([\d.]+)", out)
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    if non2xx:
        raise SystemExit(f"{url}: {non2xx.group(1)} error responses\n{out}")
    assert m, out
    return float(m.group(1))


def cold_render(url: str, repeat: int = 20) -> float:
    """Median seconds to query and render the newest 50 entries as Atom, no cache."""
    from newsfeed.domain.selection import EVERYTHING
    from newsfeed.domain.urls import Urls
    from newsfeed.render.syndication import Feed, render_atom
    from newsfeed.services.feeds import entry_of, feed_page

    engine = make_engine(url)
    times = []
    now = dt.datetime(2030, 1, 1, tzinfo=dt.UTC)
    for _ in range(repeat):
        with session_factory(engine)() as session:
            started = time.perf_counter()
            page = feed_page(session, EVERYTHING, now=now, limit=50, page=None)
            entries = [entry_of(i, urls=Urls.of("http://bench.example.org")) for i in page.items]
            render_atom(
                Feed(
                    id="tag:bench.example.org,2024:feed",
                    title="bench",
                    subtitle="bench",
                    self_url="http://bench.example.org/feed.atom",
                    alternate_url="http://bench.example.org/",
                    updated=now,
                    entries=entries,
                )
            )
            times.append(time.perf_counter() - started)
    engine.dispose()
    return statistics.median(times)


def start_gunicorn(
    app_module: str, *, items: int, workers: int
) -> tuple[subprocess.Popen[bytes], str, str, Path]:
    """A fresh database of ``items`` items (SQLite, or NEWSFEED_BENCH_DATABASE_URL) served by
    gunicorn on loopback with ``app_module`` (the real app plus /bench/bytes): (server, base URL,
    database URL, work folder). bench/pages.py uses it too."""
    if not shutil.which("wrk"):
        raise SystemExit("wrk is not installed: apt-get install wrk")
    gunicorn = shutil.which("gunicorn") or str(Path(sys.executable).with_name("gunicorn"))
    work = Path(tempfile.mkdtemp(prefix="newsfeed-bench-"))
    url = os.environ.get("NEWSFEED_BENCH_DATABASE_URL") or f"sqlite:///{work / 'bench.sqlite3'}"
    started = time.perf_counter()
    fill(url, items)
    print(f"filled {items:,} items in {time.perf_counter() - started:.1f} s ({url.split(':')[0]})")
    (work / "bench_app.py").write_text(app_module)
    port = free_port()
    env = {
        **os.environ,
        "NEWSFEED_DATABASE_URL": url,
        "NEWSFEED_SITE_BASE_URL": "http://bench.example.org",
        "NEWSFEED_INSTANCE_PATH": str(work / "instance"),
        "NEWSFEED_ADMIN_SECRET_KEY": "bench",
        "PYTHONPATH": f"{work}{os.pathsep}{ROOT}",
    }
    env.pop("NEWSFEED_CONFIG", None)
    command = [gunicorn, "-w", str(workers), "-b", f"127.0.0.1:{port}", "--log-level", "warning"]
    server = subprocess.Popen([*command, "bench_app:app()"], env=env, cwd=work)
    return server, f"http://127.0.0.1:{port}", url, work


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--items", type=int, default=10_000)
    ap.add_argument("--seconds", type=int, default=5)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--connections", type=int, default=32)
    ap.add_argument("--workers", type=int, default=2)
    args = ap.parse_args()
    server, base, url, work = start_gunicorn(APP_MODULE, items=args.items, workers=args.workers)
    try:
        etag = ""
        for _ in range(200):
            try:
                with urllib.request.urlopen(f"{base}/feed.atom", timeout=5) as response:  # noqa: S310
                    etag = response.headers["ETag"]
                break
            except OSError:
                time.sleep(0.1)
        # warm every worker's cache
        wrk(f"{base}/feed.atom", 2, args.connections)
        bytes_rps = wrk(f"{base}/bench/bytes", args.seconds, args.connections)
        cached_rps = wrk(f"{base}/feed.atom", args.seconds, args.connections)
        not_modified_rps = wrk(
            f"{base}/feed.atom", args.seconds, args.connections, header=f"If-None-Match: {etag}"
        )
    finally:
        server.terminate()
        server.wait(timeout=20)
    cold = cold_render(url)
    print(
        f"gunicorn -w {args.workers}, wrk -t2 -c{args.connections} -d{args.seconds}s, "
        f"median of {args.rounds} interleaved rounds, {args.items:,} items"
    )
    print(f"{'route':28} {'requests/s':>12} {'ratio':>8}")
    print(f"{'precomputed bytes (baseline)':28} {bytes_rps:12,.0f} {1.0:8.2f}")
    print(f"{'/feed.atom cached':28} {cached_rps:12,.0f} {cached_rps / bytes_rps:8.2f}   target >= 0.80")
    ratio = not_modified_rps / bytes_rps
    print(f"{'/feed.atom 304':28} {not_modified_rps:12,.0f} {ratio:8.2f}   target >= 1.00")
    print(f"cold render of 50 entries (query + build + Atom): {cold * 1000:.1f} ms (median of 20)")
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
