"""The web application: the only package that imports Flask."""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Callable
from pathlib import Path

from flask import Flask

from ..config import Config, load_config
from ..db import make_engine, session_factory, utcnow
from . import database

Clock = Callable[[], dt.datetime]


def _secret_key(config: Config) -> str:
    """The configured key, or one generated once into the instance folder (zero set-up)."""
    if config.admin.secret_key:
        return config.admin.secret_key
    path = Path(config.instance_path) / "secret_key"
    if path.exists():
        return path.read_text().strip()
    path.parent.mkdir(parents=True, exist_ok=True)
    key = secrets.token_urlsafe(48)
    path.write_text(key)
    path.chmod(0o600)
    return key


def create_app(config: Config | None = None, *, clock: Clock = utcnow) -> Flask:
    """The app factory: everything is attached here, nothing happens at import time."""
    config = config or load_config()
    app = Flask(
        __name__,
        template_folder="../templates",
        static_folder="../static",
        instance_path=str(Path(config.instance_path).resolve()),
    )
    app.config.update(
        SECRET_KEY=_secret_key(config),
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        SESSION_COOKIE_SECURE=config.admin.secure_cookies,
    )
    app.extensions["newsfeed.config"] = config
    app.extensions["newsfeed.clock"] = clock
    engine = make_engine(config.database_url, echo=config.database.echo)
    database.init_app(app, session_factory(engine))

    from . import admin, auth, errors, feeds, filters, public

    filters.init_app(app)
    errors.init_app(app)
    feeds.init_app(app)
    auth.init_app(app)
    app.register_blueprint(public.bp)
    app.register_blueprint(feeds.bp)
    app.register_blueprint(auth.bp)
    app.register_blueprint(admin.bp)
    return app
