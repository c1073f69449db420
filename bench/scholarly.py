"""Scholarly sources at scale: 50 persons × 200 papers each, read from ORCID-shaped answers on
loopback, against plain http.client fetching the same answers in the same run.

    python bench/scholarly.py [--persons 50] [--papers 200] [--rounds 3]

Fills a fresh SQLite database (or NEWSFEED_BENCH_DATABASE_URL) with the persons and one ORCID
source each, serves each person's works (v3.0 JSON, as pub.orcid.org answers: groups with a DOI,
year-month dates) from a loopback HTTP server, then times: the first sync of every source (papers
stored, recent ones proposed), a re-sync with the same answers (everything matched, nothing new),
and the same requests made with http.client alone (the network and server floor). Prints seconds
and the ratios to the floor.
"""

from __future__ import annotations

import argparse
import datetime as dt
import http.client
import json
import os
import shutil
import statistics
import sys
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from newsfeed.adapters.db import make_engine, session_factory  # noqa: E402
from newsfeed.adapters.migrate import upgrade  # noqa: E402
from newsfeed.adapters.models import Paper, Person, Proposal  # noqa: E402
from newsfeed.config import build_config  # noqa: E402
from newsfeed.jobs.sync import sync  # noqa: E402
from newsfeed.services.sources import add_source  # noqa: E402
from newsfeed.services.syncing import fetcher_from_config  # noqa: E402

NOW = dt.datetime(2026, 12, 1, 9, 0, tzinfo=dt.UTC)


def orcid_id(n: int) -> str:
    """A valid ORCID iD (ISO 7064 MOD 11-2 check digit) for person ``n``."""
    digits = f"{n:015d}"
    total = 0
    for d in digits:
        total = (total + int(d)) * 2
    check = (12 - total % 11) % 11
    raw = digits + ("X" if check == 10 else str(check))
    return "-".join(raw[i : i + 4] for i in range(0, 16, 4))


def works(person: int, papers: int) -> bytes:
    groups = []
    for k in range(papers):
        doi = f"10.5555/p{person}.{k}"
        month = 1 + (k % 12)
        year = 2026 - k // 12
        ext = {"external-id": [{"external-id-type": "doi", "external-id-value": doi,
                                "external-id-relationship": "self"}]}  # fmt: skip
        summary = {
            "put-code": person * 10_000 + k,
            "title": {"title": {"value": f"On the theory of things, part {k} (person {person})"}},
            "external-ids": ext,
            "type": "journal-article",
            "publication-date": {
                "year": {"value": str(year)},
                "month": {"value": f"{month:02d}"},
                "day": None,
            },
            "journal-title": {"value": f"Journal {k % 7}"},
        }
        groups.append({"external-ids": ext, "work-summary": [summary]})
    return json.dumps({"last-modified-date": None, "group": groups, "path": "/works"}).encode()


def serve(bodies: dict[str, bytes]) -> tuple[ThreadingHTTPServer, str]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args: Any) -> None:
            pass

        def do_GET(self) -> None:  # noqa: N802
            body = bodies.get(self.path.split("?")[0])
            if body is None:
                self.send_error(404)
                return
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"


def plain(urls: list[str]) -> float:
    started = time.perf_counter()
    for url in urls:
        parts = urlsplit(url)
        connection = http.client.HTTPConnection(parts.hostname or "", parts.port, timeout=30)
        connection.request("GET", parts.path, headers={"Accept": "application/json"})
        answer = connection.getresponse()
        answer.read()
        connection.close()
    return time.perf_counter() - started


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--persons", type=int, default=50)
    ap.add_argument("--papers", type=int, default=200)
    ap.add_argument("--rounds", type=int, default=3)
    args = ap.parse_args()
    bodies = {f"/orcid/{orcid_id(n)}/works": works(n, args.papers) for n in range(args.persons)}
    server, base = serve(bodies)
    work = Path(tempfile.mkdtemp(prefix="newsfeed-bench-scholarly-"))
    url = os.environ.get("NEWSFEED_BENCH_DATABASE_URL") or f"sqlite:///{work / 'bench.sqlite3'}"
    config = build_config(
        {
            "database": {"url": url},
            "instance_path": str(work),
            "site": {"base_url": "http://bench.example.org"},
            "sources": {
                "allow_networks": "127.0.0.0/8",
                "timeout": 30.0,
                "max_kb": 20_000,
                "min_every_minutes": 1,
            },
            "scholarly": {"orcid_api": f"{base}/orcid"},
        }
    )
    engine = make_engine(url)
    upgrade(engine)
    sessions = session_factory(engine)
    with sessions() as s:
        ids = []
        for n in range(args.persons):
            s.add(Person(slug=f"p{n}", name=f"Person {n}"))
            s.flush()
            ids.append(add_source(s, orcid_id(n), fmt="orcid", person=f"p{n}", now=NOW, config=config).id)
        s.commit()
    fetcher = fetcher_from_config(config)

    def sync_all(at: dt.datetime) -> float:
        started = time.perf_counter()
        for i in ids:
            report = sync(sessions, fetcher, i, now=at, config=config, owner="bench", force=True)
            assert report.error is None, report.error
        return time.perf_counter() - started

    first = sync_all(NOW)
    with sessions() as s:
        papers = s.query(Paper).count()
        proposals = s.query(Proposal).count()
    again, floor = [], []
    for r in range(args.rounds):
        again.append(sync_all(NOW + dt.timedelta(days=1 + r)))
        floor.append(plain([base + path for path in bodies]))
    with sessions() as s:
        assert s.query(Paper).count() == papers
        assert s.query(Proposal).count() == proposals
    floor_s, again_s = statistics.median(floor), statistics.median(again)
    size = sum(len(b) for b in bodies.values()) / 1e6
    print(f"{args.persons} persons × {args.papers} papers ({size:.1f} MB of ORCID answers on loopback), "
          f"{url.split(':')[0]}; median of {args.rounds} rounds")  # fmt: skip
    print(f"{'what':42} {'seconds':>9} {'per source':>11} {'× http.client':>14}")
    rows = [
        ("http.client, the same requests (floor)", floor_s),
        ("first sync (papers stored, proposals made)", first),
        ("re-sync (all matched, nothing new)", again_s),
    ]
    for name, seconds in rows:
        print(f"{name:42} {seconds:9.2f} {seconds / len(ids) * 1000:9.1f}ms {seconds / floor_s:14.1f}")
    print(f"stored {papers:,} papers, {proposals:,} proposals (events within propose_days)")
    engine.dispose()
    server.shutdown()
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
