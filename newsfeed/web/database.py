"""One SQLAlchemy session per request, closed (and rolled back unless committed) at teardown."""

from __future__ import annotations

import datetime as dt
from typing import Any, cast

from flask import Flask, current_app, g
from sqlalchemy.orm import Session, sessionmaker

from newsfeed.config import Config


def init_app(app: Flask, factory: sessionmaker[Session]) -> None:
    app.extensions["newsfeed.sessions"] = factory
    app.teardown_appcontext(_close)


def get_session() -> Session:
    if "db_session" not in g:
        g.db_session = current_app.extensions["newsfeed.sessions"]()
    return cast(Session, g.db_session)


def _close(_exc: BaseException | None) -> None:
    session = g.pop("db_session", None)
    if session is not None:
        session.close()


def get_config() -> Config:
    return cast(Config, current_app.extensions["newsfeed.config"])


def now() -> dt.datetime:
    clock: Any = current_app.extensions["newsfeed.clock"]
    return cast(dt.datetime, clock())
