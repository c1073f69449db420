"""CLI start-up: the wall time of `newsfeed status`, `newsfeed user list` and `newsfeed sources list`
on the demo database (target: under 0.5 s each), against `python -c pass` and `python -c "import
sqlalchemy"` measured in the same run, alternating so that a busy moment costs every command alike.

    python bench/cli.py [--repeat 15]

Prints each command's median and best wall time and its ratio to the bare interpreter; exits 1 if
a median is over the target.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

TARGET = 0.5
BIN = Path(sys.executable).parent


def timed(arguments: list[str], env: dict[str, str], cwd: str) -> float:
    start = time.perf_counter()
    subprocess.run(
        arguments, env=env, cwd=cwd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=15)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        env = {**os.environ, "NEWSFEED_INSTANCE_PATH": str(Path(folder) / "instance")}
        for key in ("NEWSFEED_CONFIG", "NEWSFEED_DATABASE_URL"):
            env.pop(key, None)
        subprocess.run([str(BIN / "newsfeed"), "demo"], env=env, cwd=folder, check=True, capture_output=True)
        commands = {
            "python -c pass": [sys.executable, "-c", "pass"],
            "python -c 'import sqlalchemy'": [sys.executable, "-c", "import sqlalchemy"],
            "newsfeed status": [str(BIN / "newsfeed"), "status"],
            "newsfeed user list": [str(BIN / "newsfeed"), "user", "list"],
            "newsfeed sources list": [str(BIN / "newsfeed"), "sources", "list"],
        }
        for arguments in commands.values():  # warm the file cache and the bytecode
            subprocess.run(arguments, env=env, cwd=folder, capture_output=True)
        times: dict[str, list[float]] = {name: [] for name in commands}
        for _ in range(args.repeat):
            for name, arguments in commands.items():
                times[name].append(timed(arguments, env, folder))
    base = statistics.median(times["python -c pass"])
    print(f"{'command':32} {'median':>8} {'best':>8} {'× python':>9}")
    over = []
    for name, measured in times.items():
        median = statistics.median(measured)
        print(f"{name:32} {median:7.3f}s {min(measured):7.3f}s {median / base:8.1f}×")
        if name.startswith("newsfeed") and median > TARGET:
            over.append(name)
    verdict = "met" if not over else "missed: " + ", ".join(over)
    print(f"target: every newsfeed command under {TARGET} s (median): {verdict}")
    return 1 if over else 0


if __name__ == "__main__":
    sys.exit(main())
