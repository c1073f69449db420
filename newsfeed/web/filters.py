"""Template helpers: human dates from stored fuzzy dates."""

from __future__ import annotations

from flask import Flask

from ..models import Item
from ..services.items import posted_date


def posted(item: Item) -> str:
    return posted_date(item).display()


def init_app(app: Flask) -> None:
    app.add_template_filter(posted, "posted")
