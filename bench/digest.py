"""Digest delivery throughput against plain smtplib, measured in the same run, and peak memory.

    python bench/digest.py [--database sqlite|postgresql] [--subscribers N] [--rounds 3] [--small 1000]

Fills a fresh database (an SQLite file, or with ``--database postgresql`` a new schema in the
PostgreSQL at NEWSFEED_BENCH_DATABASE_URL, default postgresql+psycopg://postgres@127.0.0.1:5432/test)
with confirmed weekly subscribers and a week of news with upcoming deadlines, starts an aiosmtpd
sink in its own process, then, in interleaved rounds (the machine is noisy: each ratio compares
two runs made one after the other):

- baseline: the very same digest messages, composed beforehand by the same code, sent as bytes
  with plain smtplib over one connection (nothing but the SMTP conversation is timed);
- newsfeed: one sweep (plan, claim, compose each digest, renew its lease, send, record each
  delivery with a commit), timed end to end.

Prints messages/s of both per round, the median ratio (target >= 0.8), and the peak Python memory
of a sweep (tracemalloc) for a list and one five times longer (it must not grow with the number
of subscribers). Defaults: 10,000 subscribers on SQLite, 20,000 on PostgreSQL.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import os
import shutil
import smtplib
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from newsfeed.adapters.db import make_engine, session_factory  # noqa: E402
from newsfeed.adapters.mail import Deferred, SMTPMailer  # noqa: E402
from newsfeed.adapters.migrate import upgrade  # noqa: E402
from newsfeed.adapters.models import Item, Milestone, Subscriber
from newsfeed.config import Config, build_config  # noqa: E402
from newsfeed.domain.vocab import Cadence, Kind, Status, SubscriberStatus
from newsfeed.jobs.sweep import sweep  # noqa: E402
from newsfeed.render.messages import Email  # noqa: E402

MONDAY = dt.datetime(2025, 2, 3, 8, 0, tzinfo=dt.UTC)  # 08:00 UTC on a Monday: weekly digests due


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_sink(port: int) -> subprocess.Popen[bytes]:
    proc = subprocess.Popen(
        [sys.executable, "-m", "aiosmtpd", "-n", "-l", f"127.0.0.1:{port}", "-c", "aiosmtpd.handlers.Sink"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    for _ in range(100):
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return proc
        except OSError:
            time.sleep(0.05)
    raise SystemExit("the SMTP sink did not start")


def fill(url: str, subscribers: int) -> None:
    engine = make_engine(url)
    upgrade(engine)
    week_ago = MONDAY - dt.timedelta(days=7)
    with session_factory(engine)() as session:
        for n in range(20):
            when = week_ago + dt.timedelta(hours=8 * n)
            item = Item(
                public_id=f"tag:bench.example.org,2025:news/{n}",
                kind=[Kind.ACCEPTANCE, Kind.TALK, Kind.ORGANIZING][n % 3],
                title=f"News {n}: a paper accepted at ICML 2025",
                body=f"One paper is accepted by **ICML 2025**, [paper {n}](https://arxiv.org/abs/2501.{n:05d}).",
                posted_start=dt.date(2025, 1, 1),
                posted_end=dt.date(2025, 1, 31),
                posted_grain="month",
                posted_text="01/2025",
                status=Status.PUBLISHED,
                published_at=when,
                created_at=when,
                updated_at=when,
            )
            if n % 3 == 2:
                deadline = MONDAY + dt.timedelta(days=5 + n)
                item.milestones = [
                    Milestone(
                        label="Paper submission",
                        start=deadline.date(),
                        end=deadline.date(),
                        grain="minute",
                        time="23:59",
                        tz="AoE",
                        instant=deadline,
                        text="x",
                    )
                ]
            session.add(item)
        zones = ["Europe/Vienna", "Asia/Tokyo", "America/New_York", "UTC"]
        for n in range(subscribers):
            session.add(
                Subscriber(
                    email=f"reader{n}@example.org",
                    status=SubscriberStatus.CONFIRMED,
                    cadence=Cadence.WEEKLY,
                    kinds=[],
                    tags=[],
                    people=[],
                    timezone=zones[n % len(zones)] if n % 2 else "UTC",
                    lead_days=[],
                    confirmed_at=week_ago - dt.timedelta(days=30),
                    last_digest_at=week_ago,
                    created_at=week_ago - dt.timedelta(days=30),
                )
            )
            if n % 2000 == 1999:
                session.flush()
        session.commit()
    engine.dispose()


def baseline(port: int, messages: list[Email]) -> float:
    """Plain smtplib sending the very same messages, built beforehand (as bytes, with their
    envelope), over one connection: nothing but the SMTP conversation is timed."""
    raw = [(m.sender, [m.recipient], m.as_bytes()) for m in messages]
    started = time.perf_counter()
    with smtplib.SMTP("127.0.0.1", port) as smtp:
        for sender, recipients, data in raw:
            smtp.sendmail(sender, recipients, data)
    return len(raw) / (time.perf_counter() - started)


class Keep:
    """A mailer that keeps the messages (for the baseline) instead of sending them."""

    def __init__(self) -> None:
        self.messages: list[Email] = []

    @contextmanager
    def connect(self) -> Iterator[Keep]:
        yield self

    def send(self, message: Email) -> None:
        self.messages.append(message)

    def start(self, message: Email) -> Deferred:
        return Deferred(lambda: self.send(message))


def _config(url: str, work: Path) -> Config:
    return build_config(
        {
            "instance_path": str(work / "instance"),
            "site": {"base_url": "http://bench.example.org"},
            "database": {"url": url},
            "admin": {"secret_key": "bench"},
            "mail": {"sender": "news@bench.example.org"},
            "digests": {"send_hour": 8, "batch_size": 500},
        },
        env={},
    )


def prebuilt(url: str, subscribers: int, work: Path) -> list[Email]:
    """The digests a sweep sends, composed by the same code, for the baseline to send."""
    fill(url, subscribers)
    engine = make_engine(url)
    keep = Keep()
    sweep(session_factory(engine), keep, now=MONDAY, config=_config(url, work))
    engine.dispose()
    return keep.messages


def run_sweep(url: str, port: int, subscribers: int, work: Path, *, trace: bool) -> tuple[float, int, int]:
    """(messages/s, peak traced bytes or 0, messages sent). Tracing memory slows Python down a
    lot, so throughput is measured in runs without it."""
    fill(url, subscribers)
    config = _config(url, work)
    engine = make_engine(url)
    gc.collect()
    if trace:
        tracemalloc.start()
    started = time.perf_counter()
    report = sweep(session_factory(engine), SMTPMailer("127.0.0.1", port), now=MONDAY, config=config)
    elapsed = time.perf_counter() - started
    peak = 0
    if trace:
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    engine.dispose()
    if report.sent != subscribers:
        raise SystemExit(f"sent {report.sent} of {subscribers}: {report.summary()} {report.errors[:3]}")
    return subscribers / elapsed, peak, report.sent


class Databases:
    """A fresh, empty database for each run: a new SQLite file, or a new PostgreSQL schema."""

    def __init__(self, kind: str, work: Path) -> None:
        self.kind = kind
        self.work = work
        self.base = os.environ.get(
            "NEWSFEED_BENCH_DATABASE_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
        )
        self.schemas: list[str] = []

    def fresh(self, name: str) -> str:
        if self.kind == "sqlite":
            return f"sqlite:///{self.work / (name + '.sqlite3')}"
        from sqlalchemy import text

        schema = f"bench_{name}_{os.getpid()}_{len(self.schemas)}"
        engine = make_engine(self.base)
        with engine.begin() as conn:
            conn.execute(text(f"DROP SCHEMA IF EXISTS {schema} CASCADE"))
            conn.execute(text(f"CREATE SCHEMA {schema}"))
        engine.dispose()
        self.schemas.append(schema)
        separator = "&" if "?" in self.base else "?"
        return f"{self.base}{separator}options=-csearch_path%3D{schema}"

    def drop_all(self) -> None:
        if not self.schemas:
            return
        from sqlalchemy import text

        engine = make_engine(self.base)
        with engine.begin() as conn:
            for schema in self.schemas:
                conn.execute(text(f"DROP SCHEMA IF EXISTS {schema} CASCADE"))
        engine.dispose()


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--database", choices=["sqlite", "postgresql"], default="sqlite")
    ap.add_argument("--subscribers", type=int)
    ap.add_argument("--small", type=int, default=1_000)
    ap.add_argument("--rounds", type=int, default=3)
    args = ap.parse_args()
    subscribers = args.subscribers or (20_000 if args.database == "postgresql" else 10_000)
    port = free_port()
    sink = start_sink(port)
    work = Path(tempfile.mkdtemp(prefix="newsfeed-digest-bench-"))
    dbs = Databases(args.database, work)
    rows = []
    try:
        _, small_peak, _ = run_sweep(dbs.fresh("small"), port, args.small, work, trace=True)
        _, peak, _ = run_sweep(dbs.fresh("traced"), port, args.small * 5, work, trace=True)
        size = 0
        for n in range(args.rounds):
            messages = prebuilt(dbs.fresh(f"baseline{n}"), subscribers, work)
            size = sum(len(m.as_bytes()) for m in messages[:100]) // 100
            plain = baseline(port, messages)
            del messages
            rate, _, sent = run_sweep(dbs.fresh(f"sweep{n}"), port, subscribers, work, trace=False)
            rows.append((plain, rate))
            ratio = rate / plain
            print(f"round {n + 1}: smtplib {plain:,.0f} msg/s, newsfeed {rate:,.0f} msg/s, ratio {ratio:.2f}")
    finally:
        sink.terminate()
        sink.wait(10)
        dbs.drop_all()
        shutil.rmtree(work, ignore_errors=True)
    ratios = sorted(rate / plain for plain, rate in rows)
    print(
        f"weekly digest to {subscribers:,} confirmed subscribers (about {size:,} bytes each), {args.database}"
    )
    print("aiosmtpd sink in its own process on loopback")
    plain_median = statistics.median(p for p, _ in rows)
    rate_median = statistics.median(r for _, r in rows)
    print(f"{'smtplib, the same messages pre-built (median)':50} {plain_median:10,.0f} msg/s")
    print(f"{'newsfeed sweep (compose + send + record) (median)':50} {rate_median:10,.0f} msg/s")
    print(
        f"ratio, median of {len(rows)} rounds: {statistics.median(ratios):.2f} (target >= 0.8; rounds: "
        + ", ".join(f"{r:.2f}" for r in ratios)
        + ")"
    )
    print(
        f"peak Python memory of a sweep (tracemalloc): {small_peak / 1e6:.1f} MB for {args.small:,} "
        f"subscribers, "
        f"{peak / 1e6:.1f} MB for {args.small * 5:,} ({peak / small_peak:.2f}x for 5x the list)"
    )


if __name__ == "__main__":
    main()
