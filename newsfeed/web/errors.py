"""Bad input is a 400 naming the field, never a 500 or a traceback."""

from __future__ import annotations

from flask import Flask, Response, jsonify, render_template, request

from ..errors import InvalidInput, NotFound
from .database import get_config


def _wants_json() -> bool:
    best = request.accept_mimetypes.best_match(["application/json", "text/html"])
    if request.path.startswith("/admin/api/"):
        return True
    return best == "application/json" or request.path.endswith((".json", ".atom", ".rss", ".ics"))


def init_app(app: Flask) -> None:
    @app.errorhandler(InvalidInput)
    def invalid(exc: InvalidInput) -> tuple[Response | str, int]:
        if _wants_json():
            return jsonify(error=str(exc), field=exc.field), 400
        return render_template("error.html", site=get_config().site, message=str(exc), status=400), 400

    @app.errorhandler(NotFound)
    def not_found(exc: NotFound) -> tuple[Response | str, int]:
        if _wants_json():
            return jsonify(error=str(exc) or "not found"), 404
        return render_template("error.html", site=get_config().site, message=str(exc), status=404), 404
