"""The web application: the only package that imports Flask."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from pathlib import Path

from flask import Flask

from newsfeed.adapters import logs, schema
from newsfeed.adapters.db import make_engine, session_factory, utcnow
from newsfeed.config import Config, load_config, secret_key, warnings_of

from . import database

Clock = Callable[[], dt.datetime]
log = logging.getLogger("newsfeed.web")


class SchemaNotReady(RuntimeError):
    """The database is missing or not at the schema this code needs: the app does not start."""


def create_app(config: Config | None = None, *, clock: Clock = utcnow, static_build: bool = False) -> Flask:
    """The app factory: everything is attached here, nothing happens at import time. Refuses to
    build an app on a database that is not migrated (:class:`SchemaNotReady`, with the reason).
    Without ``config`` (gunicorn: ``newsfeed.web:create_app()``) it reads NEWSFEED_CONFIG and sets
    up logging as ``[log]`` says. What the operator should fix though it runs (a default
    ``base_url``, Secure cookies on plain http) is logged as a warning at start. ``static_build``:
    the app answers ``newsfeed build`` (its pages know they become files: no forms, countdowns
    kept right by the browser)."""
    if config is None:
        config = load_config()
        logs.configure(config)
    for warning in warnings_of(config):
        log.warning("%s", warning)
    app = Flask(
        __name__,
        template_folder="../templates",
        static_folder="../static",
        instance_path=str(Path(config.instance_path).resolve()),
    )
    app.config.update(
        SECRET_KEY=secret_key(config),
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        SESSION_COOKIE_SECURE=config.admin.secure_cookies,
    )
    app.extensions["newsfeed.config"] = config
    if config.admin.proxies:
        from werkzeug.middleware.proxy_fix import ProxyFix

        # The client's address (for sign-in and sign-up limits) and scheme from the proxies' headers.
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=config.admin.proxies, x_proto=config.admin.proxies)  # type: ignore[method-assign]
    app.extensions["newsfeed.clock"] = clock
    app.config["NEWSFEED_STATIC_BUILD"] = static_build
    engine = make_engine(config.database_url, echo=config.database.echo)
    problem = schema.problem(engine)
    if problem is not None:  # as the commands do: never 500 on every page with /healthz saying ok
        engine.dispose()
        raise SchemaNotReady(problem)
    database.init_app(app, session_factory(engine))

    from . import admin, auth, caching, edge, errors, feeds, filters, ops, public, subscribe

    edge.init_app(app)
    filters.init_app(app)
    errors.init_app(app)
    caching.init_app(app)
    auth.init_app(app)
    ops.init_app(app)
    app.register_blueprint(public.bp)
    app.register_blueprint(feeds.bp)
    app.register_blueprint(auth.bp)
    app.register_blueprint(admin.bp)
    app.register_blueprint(subscribe.bp)
    return app
