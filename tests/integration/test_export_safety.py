"""`newsfeed export` is as safe as the site: every hostile string, exported as a Markdown list
and as an al-folio folder, then built the way a Jekyll site builds it (Markdown with raw HTML
allowed, as kramdown does, and Liquid), gives nothing executable and no Liquid tag."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from lxml import html
from markdown_it import MarkdownIt
from sqlalchemy.orm import Session

from newsfeed.domain.vocab import Kind
from tests import factories
from tests.html_checks import HOSTILE_TEXTS, no_active_content

LIQUID = re.compile(r"\{\{|\{%")


def _built(markdown: str) -> str:
    """The HTML a Jekyll site makes of it: Markdown with raw HTML obeyed (kramdown's default)."""
    body = markdown.split("---\n", 2)[-1] if markdown.startswith("---\n") else markdown
    assert not LIQUID.search(body), body  # Liquid would run before Markdown
    rendered: str = MarkdownIt("commonmark", {"html": True}).render(body)
    return rendered


def test_every_hostile_string_exports_as_text_in_both_formats(
    runner: Any, session: Session, tmp_path: Path
) -> None:
    for n, text in enumerate(HOSTILE_TEXTS):
        factories.item(session, f"Hostile {n}", "05/2024", kind=Kind.TALK, body=text)
    session.commit()
    listing = tmp_path / "news.md"
    assert runner(["export", "--format", "markdown", str(listing)]).exit_code == 0
    folder = tmp_path / "_news"
    assert runner(["export", "--format", "alfolio", str(folder)]).exit_code == 0
    documents = [listing.read_text(), *(p.read_text() for p in sorted(folder.iterdir()))]
    assert len(documents) == 1 + len(HOSTILE_TEXTS)
    for document in documents:
        built = _built(document)
        no_active_content(built)
        for address in html.fromstring(f"<div>{built}</div>").xpath("//@href | //@src"):
            scheme = re.match(r"\s*([a-z][a-z0-9+.-]*):", str(address), re.I)
            assert scheme is None or scheme.group(1).lower() in ("http", "https", "mailto"), address
    # the words are still there, as text a reader sees
    shown = html.fromstring(_built(listing.read_text())).text_content()
    assert '<script>alert("x")</script>' in shown and "site.github.api_url" in shown
