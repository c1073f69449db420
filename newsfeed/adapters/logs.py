"""What the processes log, and how: set up once by the process (a command, the scheduler, the
web app's factory), never at import.

newsfeed's own loggers log at ``[log] level``; every library (Alembic's migration chatter,
APScheduler) only its warnings. ``[log] format = "json"`` writes one
JSON object per line (``time``, ``level``, ``logger``, ``message`` and ``error`` when there is
one) for a log collector; "text" a readable line.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import sys

from newsfeed.config import Config

_HANDLER_NAME = "newsfeed"


class JsonLines(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        out = {
            "time": dt.datetime.fromtimestamp(record.created, dt.UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname.lower(),
            "logger": record.name,
            "message": record.getMessage(),
        }
        if record.exc_info:
            out["error"] = self.formatException(record.exc_info)
        return json.dumps(out, ensure_ascii=False)


def configure(config: Config) -> None:
    """Log to standard error as the configuration says (called again, it replaces itself)."""
    root = logging.getLogger()
    for handler in list(root.handlers):
        if handler.get_name() == _HANDLER_NAME:
            root.removeHandler(handler)
    handler = logging.StreamHandler(sys.stderr)
    handler.set_name(_HANDLER_NAME)
    if config.log.format == "json":
        handler.setFormatter(JsonLines())
    else:
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s %(message)s"))
    root.addHandler(handler)
    root.setLevel(logging.WARNING)
    logging.getLogger("newsfeed").setLevel(config.log.level.upper())
    for noisy in ("alembic", "apscheduler"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
