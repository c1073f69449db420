"""Errors as answers: a page in the site's look for browsers, JSON where JSON was asked for.

Bad input is a 400 naming the field (every problem, when there are several), never a 500 or a
traceback; HTTP errors (404, 405, 413, 429, …) get the same treatment.
"""

from __future__ import annotations

import logging

from flask import Flask, Response, jsonify, render_template, request
from werkzeug.exceptions import HTTPException, InternalServerError

from newsfeed.domain.errors import InvalidInput, NotFound

from .database import get_config

log = logging.getLogger("newsfeed.web")

TITLES = {
    400: "Bad request",
    401: "Sign in first",
    403: "Not allowed",
    404: "Not found",
    405: "Not allowed here",
    409: "Changed meanwhile",
    413: "Too large",
    429: "Too many requests",
    500: "Something went wrong",
    503: "Busy",
}


def wants_json() -> bool:
    if request.path.startswith("/admin/api/") or request.path.endswith((".json", ".atom", ".rss", ".ics")):
        return True
    accept = request.accept_mimetypes
    return (
        accept.best_match(["text/html", "application/json"]) == "application/json" and not accept.accept_html
    )


def answer(
    status: int, message: str, *, field: str | None = None, problems: tuple[tuple[str, str], ...] = ()
) -> tuple[Response | str, int]:
    if wants_json():
        body: dict[str, object] = {"error": message}
        if field is not None:
            body["field"] = field
        if len(problems) > 1:
            body["problems"] = [{"field": f, "message": m} for f, m in problems]
        return jsonify(body), status
    page = render_template(
        "error.html",
        site=get_config().site,
        status=status,
        title=TITLES.get(status, "Error"),
        message=message,
        field=field,
        problems=problems,
    )
    return page, status


def init_app(app: Flask) -> None:
    @app.errorhandler(InvalidInput)
    def invalid(exc: InvalidInput) -> tuple[Response | str, int]:
        return answer(400, str(exc), field=exc.field, problems=exc.problems)

    @app.errorhandler(NotFound)
    def not_found(exc: NotFound) -> tuple[Response | str, int]:
        return answer(404, str(exc) or "not found")

    @app.errorhandler(HTTPException)
    def http_error(exc: HTTPException) -> tuple[Response | str, int] | HTTPException:
        if exc.code is None or exc.code < 400:
            return exc
        message = exc.description or TITLES.get(exc.code, "error")
        if exc.code == 413:
            message = "the request is larger than this site accepts"
        elif exc.code == 404:
            message = "there is no page at this address"
        return answer(exc.code, message)

    @app.errorhandler(InternalServerError)
    def server_error(exc: InternalServerError) -> tuple[Response | str, int]:
        log.error("500 on %s %s", request.method, request.path, exc_info=exc.original_exception)
        return answer(500, "the server could not answer this request; it has been logged")
