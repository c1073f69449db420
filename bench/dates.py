"""Throughput of the date engine against dateparser and python-dateutil, measured in the same run.

    python bench/dates.py [--n 10000] [--repeat 3]

Inputs: the seed corpus (tests/fixtures/dates.jsonl) and a generated mix of N date fields in the
forms researchers write (numeric, month names, ranges, times with zones, yearless, with noise).
Each parser sees the same strings; failures count as work done. Prints strings/s and the ratios
(targets: >= 20x dateparser with languages=['en'], >= 1x dateutil).

Then the path the maintainers time: `newsfeed dates batch` as a process, JSON lines in and out,
against the same kind of loop around dateutil's fuzzy parser (``DATEUTIL_LOOP``, a process of
its own), both fed the same file of --batch-lines lines, in alternating rounds; the
figure is the median of the per-round ratios (target >= 1.5x).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import statistics
import subprocess
import sys
import tempfile
import time
import warnings
from collections.abc import Callable
from pathlib import Path

from newsfeed.domain.dates import DateParseError, find_dates, parse

ROOT = Path(__file__).resolve().parent.parent
TODAY = dt.date(2025, 3, 1)
MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
FULL = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
        "November", "December"]  # fmt: skip


def generate(n: int, seed: int = 7) -> list[str]:
    rng = random.Random(seed)
    out = []
    for _ in range(n):
        y, m, d = rng.randint(2015, 2026), rng.randint(1, 12), rng.randint(1, 28)
        d2 = min(28, d + rng.randint(1, 5))
        form = rng.randrange(16)
        out.append(
            [
                f"{m:02d}/{y}",
                f"{d:02d}/{m:02d}/{y}",
                f"{d:02d}/{m:02d}/{y} to {d2:02d}/{m:02d}/{y}",
                f"{d} {MONTHS[m - 1]} {y}",
                f"{MONTHS[m - 1]} {d}, {y}",
                f"{FULL[m - 1]} {y}",
                f"{d} - {d2} {MONTHS[m - 1]} {y}",
                f"{d} {MONTHS[m - 1]} {y}, 11.59pm AoE",
                f"{y}-{m:02d}-{d:02d}",
                f"{y}.{m}.{d}",
                f"{MONTHS[m - 1]} {d}",
                f"{FULL[m - 1]} {d}th, {y}",
                f"{y}",
                f"{MONTHS[m - 1]}. {y}",
                f"{d}.{m:02d}.{y}",
                f"{y}-{m:02d}-{d:02d} {rng.randint(0, 23):02d}:{rng.randint(0, 59):02d}:00+0100",
            ][form]
        )
    return out


def corpus() -> list[dict[str, str]]:
    path = ROOT / "tests" / "fixtures" / "dates.jsonl"
    return [json.loads(line) for line in path.read_text().splitlines() if line.strip()]


def ours_field(text: str) -> object:
    try:
        return parse(text, today=TODAY)
    except DateParseError:
        return None


def ours_case(case: dict[str, str]) -> object:
    if case["mode"] == "find":
        return find_dates(case["text"], today=TODAY, date_order=case.get("date_order"))  # type: ignore[arg-type]
    try:
        return parse(case["text"], today=TODAY, date_order=case.get("date_order"))  # type: ignore[arg-type]
    except DateParseError:
        return None


def make_dateutil() -> Callable[[str], object]:
    from dateutil import parser as du

    default = dt.datetime(2025, 3, 1)  # noqa: DTZ001 (dateutil's default, naive by design)

    def run(text: str) -> object:
        try:
            return du.parse(text, default=default, fuzzy=True)
        except (ValueError, OverflowError):
            return None

    return run


def make_dateparser() -> Callable[[str], object] | None:
    try:
        import dateparser
    except ImportError:
        return None
    warnings.filterwarnings("ignore")
    settings = {"RELATIVE_BASE": dt.datetime(2025, 3, 1)}  # noqa: DTZ001 (dateparser wants naive)

    def run(text: str) -> object:
        return dateparser.parse(text, languages=["en"], settings=settings)

    return run


def rate(fn: Callable[[object], object], items: list[object], repeat: int) -> float:
    runs = []
    for _ in range(repeat):
        started = time.perf_counter()
        for item in items:
            fn(item)
        runs.append(len(items) / (time.perf_counter() - started))
    return statistics.median(runs)


# The dateutil side of the batch comparison, run as its own process (`python -c`, importing nothing
# of newsfeed): JSON lines in, one JSON line out per line.
DATEUTIL_LOOP = """
import datetime as dt, json, sys, warnings
from dateutil import parser as du
warnings.filterwarnings("ignore")
out = sys.stdout
for line in sys.stdin:
    case = json.loads(line)
    try:
        day = du.parse(case["text"], default=dt.datetime.fromisoformat(case["today"]), fuzzy=True)
        answer = {"start": day.date().isoformat(), "time": day.strftime("%H:%M")}
    except (ValueError, OverflowError) as exc:
        answer = {"error": str(exc)}
    out.write(json.dumps(answer, ensure_ascii=False) + "\\n")
out.flush()
"""


def batch_file(n: int) -> Path:
    """N JSON lines: the generated mix (parse) with the seed corpus (parse and find) mixed in."""
    mix = generate(n)
    cases = corpus()
    lines = []
    for i, text in enumerate(mix):
        if i % 10 == 0:
            case = cases[(i // 10) % len(cases)]
            lines.append(
                {k: case[k] for k in ("mode", "text", "date_order") if case.get(k) is not None}
                | {"today": "2025-03-01"}
            )
        else:
            lines.append({"mode": "parse", "text": text, "today": "2025-03-01"})
    handle = tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False)  # noqa: SIM115
    with handle:
        handle.writelines(json.dumps(line) + "\n" for line in lines)
    return Path(handle.name)


def timed_process(command: list[str], path: Path) -> float:
    with path.open("rb") as feed:
        started = time.perf_counter()
        subprocess.run(command, stdin=feed, stdout=subprocess.DEVNULL, check=True)
        return time.perf_counter() - started


def batch(n: int, rounds: int) -> None:
    path = batch_file(n)
    ours_cmd = [str(Path(sys.executable).parent / "newsfeed"), "dates", "batch"]
    theirs_cmd = [sys.executable, "-c", DATEUTIL_LOOP]
    try:
        timed_process(ours_cmd, path)  # warm the file cache and the imports
        timed_process(theirs_cmd, path)
        ratios, ours_times, their_times = [], [], []
        for _ in range(rounds):
            ours = timed_process(ours_cmd, path)
            theirs = timed_process(theirs_cmd, path)
            ours_times.append(ours)
            their_times.append(theirs)
            ratios.append(theirs / ours)
    finally:
        path.unlink()
    print(
        f"\nbatch of {n:,} JSON lines, {rounds} alternating rounds (seconds per process, start-up included)"
    )
    for name, times in (("newsfeed dates batch", ours_times), ("dateutil fuzzy loop", their_times)):
        each = ", ".join(f"{t:.3f}" for t in times)
        print(f"  {name:22} median {statistics.median(times):.3f}  ({each})")
    ratio = statistics.median(ratios)
    verdict = "ok" if ratio >= 1.5 else "BELOW TARGET"
    print(f"batch: newsfeed / dateutil = {ratio:.2f}x median of rounds (target >= 1.5x) {verdict}")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=10_000)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--dateparser-sample", type=int, default=2000, help="strings given to dateparser (slow)")
    ap.add_argument("--batch-lines", type=int, default=20_000, help="lines fed to the batch processes")
    ap.add_argument("--batch-rounds", type=int, default=5)
    args = ap.parse_args()
    mix = generate(args.n)
    cases = corpus()
    texts = [c["text"] for c in cases]
    dateutil_fn = make_dateutil()
    dateparser_fn = make_dateparser()
    if dateparser_fn:
        dateparser_fn("warm up")
    rows: list[tuple[str, str, float]] = []
    rows.append(("corpus", "newsfeed", rate(ours_case, cases, args.repeat * 20)))  # type: ignore[arg-type]
    rows.append(("corpus", "dateutil", rate(dateutil_fn, texts, args.repeat * 20)))  # type: ignore[arg-type]
    if dateparser_fn:
        rows.append(("corpus", "dateparser", rate(dateparser_fn, texts, args.repeat)))  # type: ignore[arg-type]
    rows.append(("mix", "newsfeed", rate(ours_field, mix, args.repeat)))  # type: ignore[arg-type]
    rows.append(("mix", "dateutil", rate(dateutil_fn, mix, args.repeat)))  # type: ignore[arg-type]
    if dateparser_fn:
        sample = mix[: args.dateparser_sample]
        rows.append(("mix", "dateparser", rate(dateparser_fn, sample, 1)))  # type: ignore[arg-type]
    print(f"{'input':8} {'parser':12} {'strings/s':>12}")
    for name, parser, value in rows:
        print(f"{name:8} {parser:12} {value:12,.0f}")
    for name in ("corpus", "mix"):
        ours = next(v for n, p, v in rows if n == name and p == "newsfeed")
        for other in ("dateutil", "dateparser"):
            theirs = [v for n, p, v in rows if n == name and p == other]
            if theirs:
                target = 20 if other == "dateparser" else 1
                verdict = "ok" if ours / theirs[0] >= target else "BELOW TARGET"
                print(f"{name}: newsfeed / {other} = {ours / theirs[0]:.1f}x (target >= {target}x) {verdict}")
    if not dateparser_fn:
        print("dateparser is not installed: pip install -e '.[bench]' to compare with it")
    batch(args.batch_lines, args.batch_rounds)


if __name__ == "__main__":
    main()
