"""Export back to what a homepage uses: a Markdown news list, an al-folio ``_news`` folder, JSON.

The Markdown list uses the same style the news importer reads, with unambiguous labels ("May
2024", "6–12 May 2024"), so import -> export -> import gives the same items. al-folio files carry
the posted date as written in an extra front-matter key (``newsfeed_posted``) that al-folio
ignores and our importer prefers, so a month stays a month.
"""

from __future__ import annotations

import json
from collections.abc import Iterable

from newsfeed.domain.importers.model import ImportedItem


def _one_line(text: str) -> str:
    return " ".join(text.split())


def to_markdown(items: Iterable[ImportedItem], *, heading: str = "News") -> str:
    lines = [f"## {heading}", ""]
    for item in items:
        label = f"{item.posted.display()}: " if item.posted else ""  # undated news is written undated
        lines.append(f"* {label}{_one_line(item.text)}")
        lines.append("")
    return "\n".join(lines)


def to_alfolio(items: Iterable[ImportedItem]) -> dict[str, str]:
    """{file name: content} for an al-folio ``_news`` folder."""
    files = {}
    for n, item in enumerate(items, start=1):
        if item.posted is None:
            continue
        front = [
            "---",
            "layout: post",
            f"date: {item.posted.start.isoformat()}",
            f"newsfeed_posted: {json.dumps(item.posted.display(), ensure_ascii=False)}",
            f"newsfeed_kind: {item.kind}",
            "inline: true",
            "related_posts: false",
            "---",
        ]
        files[f"announcement_{n:04d}.md"] = "\n".join(front) + "\n" + item.text.strip() + "\n"
    return files


def to_json(items: Iterable[ImportedItem]) -> str:
    return json.dumps({"items": [i.as_dict() for i in items]}, ensure_ascii=False, indent=2) + "\n"
