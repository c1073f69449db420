"""The edge of the web app: what a request may carry before any view sees it, and the headers
every answer carries.

- Ids in paths are ``<id:…>``: 1 to 2^31-1 written in at most ten digits; anything else is a 404
  (never an integer overflow in the database).
- A NUL byte in the path, a query parameter or a form field is a 400 naming where it was (no
  text may hold one; other control characters are removed from stored text by the services).
- Query strings: at most 100 parameters of at most 1,000 characters each.
- Request bodies: at most ``[site] max_request_kb`` (the import page: ``[admin] max_upload_mb``);
  larger ones are refused with 413 before they are read.
- Security headers through Flask-Talisman: a Content-Security-Policy without inline scripts,
  ``frame-ancestors 'none'`` (and X-Frame-Options) except where framing is the point, a
  Referrer-Policy, X-Content-Type-Options, and HSTS on https.
"""

from __future__ import annotations

from typing import Any

from flask import Flask, request
from flask_talisman import Talisman
from werkzeug.routing import BaseConverter, ValidationError

from newsfeed.domain.errors import InvalidInput

MAX_ID = 2**31 - 1
MAX_ARGS = 100
MAX_ARG_LENGTH = 1_000
UPLOAD_ENDPOINTS = frozenset({"admin.import_preview", "admin.import_confirm"})

CSP = {
    "default-src": "'self'",
    "script-src": "'self'",
    # Email HTML previews (in a sandboxed frame) and a few style attributes use inline styles.
    "style-src": ["'self'", "'unsafe-inline'"],
    # People's photos are addresses on their own sites (https only; an image runs nothing).
    "img-src": ["'self'", "data:", "https:"],
    "object-src": "'none'",
    "base-uri": "'self'",
    "form-action": "'self'",
    "frame-ancestors": "'none'",
}

talisman = Talisman()


class IdConverter(BaseConverter):
    """A database id: 1 to 2^31-1, digits only."""

    regex = r"[0-9]{1,10}"

    def to_python(self, value: str) -> int:
        number = int(value)
        if not 1 <= number <= MAX_ID:
            raise ValidationError()
        return number

    def to_url(self, value: Any) -> str:
        return str(int(value))


def _check_request() -> None:
    config = request.environ.get("newsfeed.config")
    if request.endpoint in UPLOAD_ENDPOINTS and config is not None:
        limit = config.admin.max_upload_mb * 1_000_000
        request.max_content_length = limit
        request.max_form_memory_size = limit
    if "\x00" in request.path:
        raise InvalidInput("path", "contains a NUL byte")
    if len(request.args) > MAX_ARGS:
        raise InvalidInput("query", f"more than {MAX_ARGS} parameters")
    for key, value in request.args.items(multi=True):
        name = key[:40] if key.isprintable() else "query"
        if "\x00" in key or "\x00" in value:
            raise InvalidInput(name, "contains a NUL byte")
        if len(value) > MAX_ARG_LENGTH or len(key) > MAX_ARG_LENGTH:
            raise InvalidInput(name, f"longer than {MAX_ARG_LENGTH:,} characters")
    if request.method in ("POST", "PUT", "PATCH"):
        for key, value in request.form.items(multi=True):
            if key == "text" and request.endpoint in UPLOAD_ENDPOINTS:
                continue  # a pasted document: the importer says where the NUL is, as the CLI does
            if "\x00" in key or "\x00" in value:
                raise InvalidInput(key[:40] if key.isprintable() else "form", "contains a NUL byte")


def init_app(app: Flask) -> None:
    config = app.extensions["newsfeed.config"]
    app.url_map.converters["id"] = IdConverter
    app.config["MAX_CONTENT_LENGTH"] = config.site.max_request_kb * 1_000
    app.config["MAX_FORM_MEMORY_SIZE"] = config.site.max_request_kb * 1_000

    @app.before_request
    def check() -> None:
        request.environ["newsfeed.config"] = config
        _check_request()

    talisman.init_app(
        app,
        force_https=False,  # the proxy in front decides; the development server speaks http
        frame_options="DENY",
        content_security_policy=CSP,
        referrer_policy="strict-origin-when-cross-origin",
        session_cookie_secure=config.admin.secure_cookies,
        session_cookie_http_only=True,
        session_cookie_samesite="Lax",
        strict_transport_security=True,  # sent only on https
        x_content_type_options=True,
        feature_policy={},
        permissions_policy={"browsing-topics": "()", "interest-cohort": "()"},
        document_policy={},
    )
