"""The public news pages at scale under gunicorn, compared in one run with precomputed bytes.

    python bench/pages.py [--items 100000] [--seconds 5] [--rounds 3] [--connections 32] [--workers 2]

Fills a fresh SQLite database (or NEWSFEED_BENCH_DATABASE_URL) with N published items (the same
data as bench/feeds.py), starts gunicorn on loopback with the real app plus /bench/bytes, which
returns the bytes of `/` precomputed (the ceiling for any Python route), and loads `/`, the filtered
`/?kind=talk` and the bytes route with wrk in interleaved rounds. Prints requests/s and ratios to
the bytes route (target: cached pages >= 0.8x), then, in-process with the cache emptied before
each request, the cold render time of the first page, a filtered page and the last page, and the
size of the pages (target <= 150 KB).
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from feeds import start_gunicorn, wrk  # bench/feeds.py: the same data, server and load tool

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

APP_MODULE = """
from flask import Response
from newsfeed.config import load_config
from newsfeed.web import create_app


def app():
    application = create_app(load_config())
    body = []

    @application.get("/bench/bytes")
    def precomputed():
        return Response(body[0], mimetype="text/html; charset=utf-8")

    with application.test_client() as client:
        body.append(client.get("/").data)
    return application
"""

ROUTES = {"/ cached": "/", "/?kind=talk cached": "/?kind=talk"}


def cold(url: str, paths: list[str], repeat: int = 7) -> dict[str, tuple[float, int]]:
    """Median seconds to answer each path with the page cache emptied first, and its size."""
    from newsfeed.config import build_config
    from newsfeed.web import create_app

    work = Path(tempfile.mkdtemp(prefix="newsfeed-bench-cold-"))
    config = build_config(
        {
            "database": {"url": url},
            "instance_path": str(work),
            "site": {"base_url": "http://bench.example.org"},
            "admin": {"secret_key": "bench"},
            "feeds": {"version_ttl": 0.0},
        }
    )
    app = create_app(config)
    cache = app.extensions["newsfeed.feed_cache"]
    out = {}
    with app.test_client() as client:
        for path in paths:
            times, size = [], 0
            for _ in range(repeat):
                cache.clear()
                started = time.perf_counter()
                response = client.get(path)
                times.append(time.perf_counter() - started)
                assert response.status_code == 200, (path, response.status_code)
                size = len(response.data)
            out[path] = (statistics.median(times), size)
    app.extensions["newsfeed.sessions"].kw["bind"].dispose()
    shutil.rmtree(work, ignore_errors=True)
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--items", type=int, default=100_000)
    ap.add_argument("--seconds", type=int, default=5)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--connections", type=int, default=32)
    ap.add_argument("--workers", type=int, default=2)
    args = ap.parse_args()
    server, base, url, work = start_gunicorn(APP_MODULE, items=args.items, workers=args.workers)
    results: dict[str, list[float]] = {"precomputed bytes (baseline)": [], **{name: [] for name in ROUTES}}
    try:
        for _ in range(300):
            try:
                with urllib.request.urlopen(f"{base}/", timeout=10):  # noqa: S310
                    break
            except OSError:
                time.sleep(0.1)
        for path in ROUTES.values():  # warm every worker's cache
            wrk(f"{base}{path}", 2, args.connections)
        for _ in range(args.rounds):
            baseline = wrk(f"{base}/bench/bytes", args.seconds, args.connections)
            results["precomputed bytes (baseline)"].append(baseline)
            for name, path in ROUTES.items():
                results[name].append(wrk(f"{base}{path}", args.seconds, args.connections))
    finally:
        server.terminate()
        server.wait(timeout=20)
    last_page = -(-args.items // 50)
    renders = cold(url, ["/", "/?kind=talk", f"/?page={last_page}"])
    print(
        f"gunicorn -w {args.workers}, wrk -t2 -c{args.connections} -d{args.seconds}s, "
        f"median of {args.rounds} interleaved rounds, {args.items:,} items"
    )
    baseline = statistics.median(results["precomputed bytes (baseline)"])
    print(f"{'route':30} {'requests/s':>12} {'ratio':>8}")
    print(f"{'precomputed bytes (baseline)':30} {baseline:12,.0f} {1.0:8.2f}")
    for name in ROUTES:
        rps = statistics.median(results[name])
        print(f"{name:30} {rps:12,.0f} {rps / baseline:8.2f}   target >= 0.80")
    print(f"{'cold render (cache emptied)':30} {'ms':>12} {'KB':>8}")
    for path, (seconds, size) in renders.items():
        print(f"{path:30} {seconds * 1000:12.1f} {size / 1024:8.1f}   target <= 150 KB")
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
