"""The static build at scale, and the built files served by nginx against the live cached path.

    python bench/build.py [--items 10000 100000] [--seconds 5] [--rounds 3] [--connections 32]

For each size: fills a fresh SQLite database with N published items (bench/feeds.py's data: a
fifth of them with an event), runs `newsfeed build` into a fresh folder (the full build), edits
one item's title and builds again (the one-edit rebuild: how long, and how many files it
rewrote), then builds once more with nothing changed. Then, for the first size, serves the
built folder with nginx and the same data with the live app under gunicorn -w 2 (its page cache
warm) and loads `/` of both with wrk in interleaved rounds: requests/s and the ratio (goal: the
files >= 5x the live path). Needs wrk and nginx (Debian's wrk and nginx-light).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from feeds import fill, free_port, start_gunicorn, wrk  # bench/feeds.py: the same data and tools

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

LIVE_APP = """
from newsfeed.config import load_config
from newsfeed.web import create_app


def app():
    return create_app(load_config())
"""


def build_once(url: str, out: Path, at: dt.datetime) -> tuple[float, int, int]:
    """Seconds of one build of the site at ``url`` into ``out`` as of ``at``; files written,
    addresses rendered (the others were kept by their key). The three builds of one size share
    ``at``: a page with a running countdown is keyed by the hour, so builds an hour apart rightly
    re-render those pages, which is not what the one-edit and unchanged rebuilds measure."""
    from newsfeed.adapters.db import session_factory
    from newsfeed.config import build_config
    from newsfeed.domain.upcoming import event_grains
    from newsfeed.services.build_keys import BuildKeys
    from newsfeed.web import create_app
    from newsfeed.web.static_build import build_site, code_digest, key_function

    config = build_config(
        {
            "database": {"url": url},
            "instance_path": str(out.parent / "instance"),
            "site": {"base_url": "http://bench.example.org/"},
            "admin": {"secret_key": "bench", "secure_cookies": False},
        }
    )
    started = time.perf_counter()
    app = create_app(config, static_build=True, clock=lambda: at)
    grains = event_grains(config.site.month_events)
    with session_factory(app.extensions["newsfeed.sessions"].kw["bind"])() as session:
        at = app.extensions["newsfeed.clock"]()
        keys = BuildKeys(session, at, code_digest(app), config.site.timezone, grains, config.feeds.limit)
        report = build_site(app, out, base_url=config.site.base_url, key_of=key_function(app, keys))
    seconds = time.perf_counter() - started
    app.extensions["newsfeed.sessions"].kw["bind"].dispose()
    assert not report.broken, sorted(report.broken.items())[:5]
    return seconds, len(report.files.written), report.rendered


def edit_one(url: str) -> None:
    from sqlalchemy import select

    from newsfeed.adapters.db import make_engine, session_factory
    from newsfeed.adapters.models import Item
    from newsfeed.services.items import update_item, with_changes

    engine = make_engine(url)
    with session_factory(engine)() as session:
        item = session.scalars(select(Item).order_by(Item.id).offset(1234)).first()
        assert item is not None
        # as the admin page and the CLI edit: through the service (a new revision)
        changed = with_changes(item, title="An edited title")
        update_item(session, item, changed, now=dt.datetime.now(dt.UTC))
        session.commit()
    engine.dispose()


def serve_files(folder: Path, root: Path) -> tuple[subprocess.Popen[bytes], str]:
    """nginx on loopback serving ``root`` as a static host does (a folder's index.html)."""
    nginx = shutil.which("nginx") or "/usr/sbin/nginx"
    if not Path(nginx).exists():
        raise SystemExit("nginx is not installed: apt-get install nginx-light")
    port = free_port()
    user = "user root;\n" if os.geteuid() == 0 else ""  # workers read the build in a private folder
    conf = folder / "nginx.conf"
    conf.write_text(
        f"{user}worker_processes 2;\npid {folder}/nginx.pid;\nerror_log {folder}/nginx-error.log;\n"
        "events {}\nhttp { include /etc/nginx/mime.types; access_log off;\n"
        f"  server {{ listen 127.0.0.1:{port}; root {root};\n"
        "    location / { try_files $uri $uri/index.html =404; } } }\n"
    )
    server = subprocess.Popen([nginx, "-c", str(conf), "-p", str(folder), "-g", "daemon off;"])
    return server, f"http://127.0.0.1:{port}"


def wait_for(url: str) -> None:
    for _ in range(300):
        try:
            with urllib.request.urlopen(url, timeout=10):  # noqa: S310
                return
        except OSError:
            time.sleep(0.1)
    raise SystemExit(f"{url} did not answer")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--items", type=int, nargs="+", default=[10_000, 100_000])
    ap.add_argument("--seconds", type=int, default=5)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--connections", type=int, default=32)
    args = ap.parse_args()
    heads = ("full build s", "files", "one edit s", "rendered", "rewritten", "no change s", "rendered")
    print(f"{'items':>8} " + " ".join(f"{h:>12}" for h in heads))
    built: dict[int, Path] = {}
    for n in args.items:
        work = Path(tempfile.mkdtemp(prefix="newsfeed-bench-build-"))
        url = f"sqlite:///{work / 'bench.sqlite3'}"
        fill(url, n)
        out = work / "out"
        at = dt.datetime.now(dt.UTC)
        full, files, _ = build_once(url, out, at)
        edit_one(url)
        edit, rewritten, edit_rendered = build_once(url, out, at)
        same, none, same_rendered = build_once(url, out, at)
        assert none == 0, none
        row = (f"{full:12.1f}", f"{files:12,}", f"{edit:12.1f}", f"{edit_rendered:12,}", f"{rewritten:12,}",
               f"{same:12.1f}", f"{same_rendered:12,}")  # fmt: skip
        print(f"{n:8,} " + " ".join(row), flush=True)
        built[n] = out
    n = args.items[0]
    live, base, _, live_work = start_gunicorn(LIVE_APP, items=n, workers=2)
    static, files_base = serve_files(built[n].parent, built[n])
    results: dict[str, list[float]] = {"live": [], "files": []}
    try:
        wait_for(f"{base}/")
        wait_for(f"{files_base}/")
        wrk(f"{base}/", 2, args.connections)  # warm every worker's cache
        for _ in range(args.rounds):
            results["live"].append(wrk(f"{base}/", args.seconds, args.connections))
            results["files"].append(wrk(f"{files_base}/", args.seconds, args.connections))
    finally:
        live.terminate()
        static.terminate()
        live.wait(timeout=20)
        static.wait(timeout=20)
    live_rps, files_rps = statistics.median(results["live"]), statistics.median(results["files"])
    print(
        f"GET / with {n:,} items, wrk -t2 -c{args.connections} -d{args.seconds}s, "
        f"median of {args.rounds} interleaved rounds"
    )
    print(f"{'live cached path (gunicorn -w 2)':36} {live_rps:12,.0f} req/s {1.0:6.2f}")
    print(f"{'built files (nginx)':36} {files_rps:12,.0f} req/s {files_rps / live_rps:6.2f}   goal >= 5")
    for out in built.values():
        shutil.rmtree(out.parent, ignore_errors=True)
    shutil.rmtree(live_work, ignore_errors=True)


if __name__ == "__main__":
    main()
