"""Template helpers: human dates from stored fuzzy dates, sanitised Markdown, and the site's URLs
(``urls``: root-relative, for the site's own pages; ``site_urls``: absolute, for what is copied
elsewhere: feed and calendar links, the embed)."""

from __future__ import annotations

import datetime as dt

from flask import Flask
from markupsafe import Markup

from newsfeed.adapters.models import Item, Milestone
from newsfeed.domain.dates import instant_text
from newsfeed.domain.text import after_title
from newsfeed.domain.urls import Urls
from newsfeed.render.safe_html import markdown_html

PAGES = Urls()


def posted(item: Item) -> str:
    return item.posted.shown()


def when(milestone: Milestone) -> str:
    return milestone.date.display()


def instant(value: dt.datetime) -> str:
    """An instant in UTC, in the one style every channel uses (the browser rewrites it in the
    reader's own zone where it can)."""
    return instant_text(value)


def markdown(source: str, title: str | None = None) -> Markup:
    """Markdown rendered with raw HTML off and sanitised: safe to insert as-is. With ``title``, a
    first heading that repeats it is left out (the page shows the title above)."""
    if title:
        source = after_title(source, title)
    return Markup(markdown_html(source))  # noqa: S704 (sanitised by nh3 in markdown_html)


def init_app(app: Flask) -> None:
    site_urls = app.extensions["newsfeed.config"].urls
    static_build = bool(app.config.get("NEWSFEED_STATIC_BUILD"))
    app.context_processor(lambda: {"urls": PAGES, "site_urls": site_urls, "static_build": static_build})
    app.add_template_filter(markdown, "markdown")
    app.add_template_filter(instant, "instant")
    app.add_template_filter(posted, "posted")
    app.add_template_filter(when, "when")
