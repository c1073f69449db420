"""A social sweep killed for real (SIGKILL, by its own process) right after the network answered
and before the answer was recorded: what a crash, an OOM kill or a deploy does at the worst
moment."""

from __future__ import annotations

import datetime as dt
import json
import os
import signal
import subprocess
import sys
from typing import Any

SCRIPT = """
import datetime as dt, json, os, signal, sys
from newsfeed.adapters.db import make_engine, session_factory
from newsfeed.config import build_config
from newsfeed.jobs.social import deliver

data, now = json.loads(sys.argv[1]), dt.datetime.fromisoformat(sys.argv[2])
config = build_config(data, env={})
engine = make_engine(config.database_url)
deliver(session_factory(engine), now=now, config=config,
        after_answer=lambda row: os.kill(os.getpid(), signal.SIGKILL))
print("not killed")
"""


def sweep_killed_after_the_answer(data: dict[str, Any], now: dt.datetime, secrets: dict[str, str]) -> int:
    """Run one sweep in a process of its own that kills itself after the first answer; its
    return code (-9 when it was killed there)."""
    env = {**os.environ, **secrets}
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT, json.dumps(data), now.isoformat()],
        env=env, capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert "not killed" not in done.stdout, done.stdout + done.stderr
    return done.returncode


__all__ = ["sweep_killed_after_the_answer", "signal"]
