"""Import speed: parse a generated 1,000-item news list (target: under 0.5 s), write a 5,000-item
list into a new SQLite database (target: under 10 s, parsing included), and the hostile cases.

    python bench/import.py [--items 1000] [--repeat 5] [--write 5000]

Prints the best and median time, items/s, and the time to read the seed homepage for reference;
then the two inputs that used to cost super-linear time: one pathological line (unclosed "[a]("
links, in HTML so that no line limit refuses it) at 250 KB, 500 KB and 1 MB, and re-importing a
list whose every line was edited, at 500, 1,000 and 2,000 items, into an SQLite file (each time
roughly doubling with the size: linear).
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import statistics
import time
from pathlib import Path

from newsfeed.domain.importers import parse_text

ROOT = Path(__file__).resolve().parent.parent
TEMPLATES = [
    "One paper is accepted by {venue}, [{title}](https://arxiv.org/abs/24{n:02d}.{m:05d}).",
    "I will be attending [{venue}](https://example.org) from {d1:02d}/{mo:02d}/{y}"
    " to {d2:02d}/{mo:02d}/{y} in Vienna.",
    "I am invited to serve as a reviewer for {venue}.",
    "Gave an invited talk at the MIT ML seminar on {d1} {mon} {y} at 3pm EST.",
    "We are organizing a workshop [{title}](https://example.org) at {venue}!"
    " Submission deadline: {d1} {mon} {y}.",
    "Our paper received the Best Paper Award at {venue}.",
    "I joined RIKEN AIP as a research scientist.",
    "New preprint on arXiv: [{title}](https://arxiv.org/abs/24{n:02d}.{m:05d}).",
]
MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


def generate(n: int, seed: int = 11) -> str:
    rng = random.Random(seed)
    lines = ["## News", ""]
    for _ in range(n):
        y, mo = rng.randint(2015, 2025), rng.randint(1, 12)
        d1 = rng.randint(1, 20)
        body = rng.choice(TEMPLATES).format(
            venue=rng.choice(["ICML 2024", "NeurIPS 2023", "ICLR 2025", "KDD 2024"]),
            title="A Study of Things " + str(rng.randint(1, 999)),
            n=rng.randint(1, 12),
            m=rng.randint(0, 99999),
            d1=d1,
            d2=d1 + rng.randint(1, 7),
            mo=mo,
            y=y,
            mon=MONTHS[mo - 1],
        )
        lines.append(f"* {mo:02d}/{y} {body} (item {len(lines) // 2})")
        lines.append("")
    return "\n".join(lines)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--items", type=int, default=1000)
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--write", type=int, default=5000, help="items of the written import")
    args = ap.parse_args()
    text = generate(args.items)
    today = dt.date(2025, 6, 1)
    times = []
    count = 0
    for _ in range(args.repeat):
        started = time.perf_counter()
        result = parse_text(text, today=today, fmt="news")
        times.append(time.perf_counter() - started)
        count = len(result.items)
    seed = (ROOT / "tests" / "fixtures" / "seeds" / "000_00131e9a34f93c5c.txt").read_text()
    started = time.perf_counter()
    parse_text(seed, today=today)
    seed_time = time.perf_counter() - started
    best, median = min(times), statistics.median(times)
    print(f"news list of {args.items} bullets: {count} items read")
    print(f"best {best:.3f} s, median {median:.3f} s, {count / median:,.0f} items/s")
    print(f"target: under 0.5 s for 1,000 items: {'ok' if median < 0.5 else 'TOO SLOW'}")
    print(f"seed homepage (34 items): {seed_time * 1000:.1f} ms")
    write(args.write)
    pathological()
    reimport()


def write(n: int) -> None:
    """A first import of ``n`` items, written and committed, as ``newsfeed import`` does it."""
    import tempfile

    from newsfeed.adapters.db import make_engine, session_factory
    from newsfeed.adapters.migrate import upgrade
    from newsfeed.services.imports import apply_import

    now = dt.datetime(2025, 6, 1, tzinfo=dt.UTC)
    folder = Path(tempfile.mkdtemp(prefix="newsfeed-import-bench-"))
    engine = make_engine(f"sqlite:///{folder / 'bench.sqlite3'}")
    upgrade(engine)
    text = generate(n)
    started = time.perf_counter()
    result = parse_text(text, today=now.date(), path="news.md")
    parsed = time.perf_counter()
    with session_factory(engine)() as session:
        report = apply_import(session, result, person=None, now=now, host="b")
        session.commit()
    done = time.perf_counter()
    engine.dispose()
    total = done - started
    print(
        f"import of {n:,} items written to SQLite: {total:.2f} s "
        f"(read {parsed - started:.2f} s, write {done - parsed:.2f} s; {report.summary()}); "
        f"target under 10 s: {'ok' if total < 10 else 'TOO SLOW'}"
    )


def pathological() -> None:
    for size in (250_000, 500_000, 1_000_000):
        text = "<ul><li>05/2024 " + "[a](" * (size // 4) + "</li></ul>"
        started = time.perf_counter()
        parse_text(text, today=dt.date(2025, 6, 1))
        print(f"one {size // 1000:,} KB line of unclosed links: {time.perf_counter() - started:.2f} s")


def reimport() -> None:
    import tempfile

    from newsfeed.adapters.db import make_engine, session_factory
    from newsfeed.adapters.migrate import upgrade
    from newsfeed.services.imports import apply_import

    now = dt.datetime(2025, 6, 1, tzinfo=dt.UTC)
    for n in (500, 1000, 2000):
        folder = Path(tempfile.mkdtemp(prefix="newsfeed-import-bench-"))
        engine = make_engine(f"sqlite:///{folder / 'bench.sqlite3'}")
        upgrade(engine)
        text = generate(n)
        edited = "\n".join(
            line.replace(" ", "  ", 1).replace(".", " (updated).", 1) for line in text.splitlines()
        )
        with session_factory(engine)() as session:
            apply_import(
                session, parse_text(text, today=now.date(), path="news.md"), person=None, now=now, host="b"
            )
            session.commit()
            started = time.perf_counter()
            report = apply_import(
                session, parse_text(edited, today=now.date(), path="news.md"), person=None, now=now, host="b"
            )
            session.commit()
            elapsed = time.perf_counter() - started
        engine.dispose()
        print(f"re-import of {n:,} edited items: {elapsed:.2f} s ({report.summary()})")


if __name__ == "__main__":
    main()
