"""Digest delivery throughput against plain smtplib, measured in the same run, and peak memory.

    python bench/digest.py [--subscribers 10000] [--small 1000]

Fills a fresh SQLite database (or NEWSFEED_BENCH_DATABASE_URL) with confirmed weekly subscribers
and a week of news with upcoming deadlines, starts an aiosmtpd sink in its own process, then:

- baseline: the very same digest messages, composed beforehand by the same code, sent with plain
  smtplib over one connection (so both sides push identical bytes through the same sink);
- newsfeed: one sweep (plan, claim, compose each digest, send over one connection, record each
  delivery), timed end to end.

Prints messages/s of both and the ratio (target >= 0.5), and the peak Python memory of a sweep
(tracemalloc) for a list and one five times longer (build, send, discard: it must not grow with
the number of subscribers).
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import os
import shutil
import smtplib
import socket
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Iterator
from contextlib import contextmanager
from email.message import Message
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from newsfeed.config import Config, build_config  # noqa: E402
from newsfeed.db import make_engine, session_factory  # noqa: E402
from newsfeed.mail import SMTPMailer  # noqa: E402
from newsfeed.migrate import upgrade  # noqa: E402
from newsfeed.models import Cadence, Item, Kind, Milestone, Status, Subscriber, SubscriberStatus  # noqa: E402
from newsfeed.services.outbox import sweep  # noqa: E402

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


def baseline(port: int, messages: list[Message]) -> float:
    """Plain smtplib sending the very same messages, built beforehand, over one connection."""
    started = time.perf_counter()
    with smtplib.SMTP("127.0.0.1", port) as smtp:
        for msg in messages:
            smtp.send_message(msg)
    return len(messages) / (time.perf_counter() - started)


class Keep:
    """A mailer that keeps the messages (for the baseline) instead of sending them."""

    def __init__(self) -> None:
        self.messages: list[Message] = []

    @contextmanager
    def connect(self) -> Iterator[Keep]:
        yield self

    def send(self, message: Message) -> None:
        self.messages.append(message)


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


def prebuilt(url: str, subscribers: int, work: Path) -> list[Message]:
    """The digests a sweep sends, composed by the same code, for the baseline to send."""
    fill(url, subscribers)
    engine = make_engine(url)
    keep = Keep()
    sweep(session_factory(engine), keep, now=MONDAY, config=_config(url, work))  # type: ignore[arg-type]
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


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--subscribers", type=int, default=10_000)
    ap.add_argument("--small", type=int, default=1_000)
    args = ap.parse_args()
    port = free_port()
    sink = start_sink(port)
    work = Path(tempfile.mkdtemp(prefix="newsfeed-digest-bench-"))
    try:
        base_url = os.environ.get("NEWSFEED_BENCH_DATABASE_URL")
        small_url = base_url or f"sqlite:///{work / 'small.sqlite3'}"
        large_url = base_url or f"sqlite:///{work / 'large.sqlite3'}"
        if base_url:
            raise SystemExit(
                "NEWSFEED_BENCH_DATABASE_URL: give an empty database per run (not supported yet)"
            )
        _, small_peak, _ = run_sweep(small_url, port, args.small, work, trace=True)
        _, peak, _ = run_sweep(f"sqlite:///{work / 'traced.sqlite3'}", port, args.small * 5, work, trace=True)
        rate, _, sent = run_sweep(large_url, port, args.subscribers, work, trace=False)
        messages = prebuilt(f"sqlite:///{work / 'baseline.sqlite3'}", args.subscribers, work)
        plain = baseline(port, messages)
        size = sum(len(m.as_bytes()) for m in messages[:100]) // 100
        del messages
    finally:
        sink.terminate()
        sink.wait(10)
        shutil.rmtree(work, ignore_errors=True)
    print(f"weekly digest to {sent:,} confirmed subscribers (about {size:,} bytes each)")
    print("aiosmtpd sink in its own process on loopback")
    print(f"{'smtplib, the same messages pre-built':44} {plain:10,.0f} msg/s")
    ratio = rate / plain
    print(
        f"{'newsfeed sweep (compose + send + record)':44} {rate:10,.0f} msg/s  "
        f"ratio {ratio:.2f} (target >= 0.5)"
    )
    print(
        f"peak Python memory of a sweep (tracemalloc): {small_peak / 1e6:.1f} MB for {args.small:,} "
        f"subscribers, "
        f"{peak / 1e6:.1f} MB for {args.small * 5:,} ({peak / small_peak:.2f}x for 5x the list)"
    )


if __name__ == "__main__":
    main()
