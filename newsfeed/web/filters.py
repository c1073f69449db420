"""Template helpers: human dates from stored fuzzy dates."""

from __future__ import annotations

from flask import Flask

from ..models import Item, Milestone
from ..services.items import milestone_date, posted_date


def posted(item: Item) -> str:
    return posted_date(item).display()


def when(milestone: Milestone) -> str:
    return milestone_date(milestone).display()


def init_app(app: Flask) -> None:
    app.add_template_filter(posted, "posted")
    app.add_template_filter(when, "when")
