"""Export back to what a homepage uses: a Markdown news list, an al-folio ``_news`` folder, JSON.

The Markdown list uses the same style the news importer reads, with unambiguous labels ("May
2024", "6–12 May 2024"), so import -> export -> import gives the same items. al-folio files carry
the posted date as written in an extra front-matter key (``newsfeed_posted``) that al-folio
ignores and our importer prefers, so a month stays a month.

**As safe as the site.** What is exported is built by Jekyll (kramdown passes raw HTML through,
Liquid runs ``{{ }}`` and ``{% %}``), so every text goes through :func:`safe_markdown` first:
raw HTML is written as text (``&lt;``), links and reference definitions whose address is not
http(s), mailto or relative lose the address (entities and hidden whitespace decoded first, as a
browser would), and Liquid delimiters are written as entities. The site itself never obeys raw
HTML either, so nothing that showed as text on the site runs on the homepage.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterable

from newsfeed.domain.importers.model import ImportedItem


def _one_line(text: str) -> str:
    return " ".join(text.split())


_LIQUID = {"{{": "&#123;&#123;", "}}": "&#125;&#125;", "{%": "&#123;%", "%}": "%&#125;"}
_LIQUID_RE = re.compile(r"\{\{|\}\}|\{%|%\}")
_AUTOLINK = re.compile(r"<((?:https?://|mailto:)[^\s<>]+)>", re.I)
_TAG_START = re.compile(r"<(?=[A-Za-z/!?])")
_INLINE_LINK = re.compile(r"(\]\(\s*<?)([^)\s>]*)")
_REFERENCE = re.compile(r"^( {0,3}\[[^\]\n]+\]:[ \t]*<?)(\S*)", re.M)
_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*):")
_SAFE_SCHEMES = {"http", "https", "mailto"}
_HIDDEN = re.compile(r"[\x00-\x20\x7f]+")


def _safe_address(address: str) -> str:
    """The address, or "#" when it would run something (javascript:, data:, vbscript:, …)."""
    decoded = _HIDDEN.sub("", html.unescape(address))
    scheme = _SCHEME.match(decoded)
    return address if scheme is None or scheme.group(1).lower() in _SAFE_SCHEMES else "#"


def safe_markdown(text: str) -> str:
    """Markdown that a Jekyll site (kramdown with raw HTML, then Liquid) renders as the text it
    is: no HTML element, no script address, no Liquid tag."""
    text = _LIQUID_RE.sub(lambda m: _LIQUID[m.group()], text)
    kept: list[str] = []

    def keep(m: re.Match[str]) -> str:
        kept.append(m.group(0) if _safe_address(m.group(1)) != "#" else html.escape(m.group(0)))
        return f"\x00{len(kept) - 1}\x00"

    text = _AUTOLINK.sub(keep, text.replace("\x00", ""))
    text = _TAG_START.sub("&lt;", text)
    text = _INLINE_LINK.sub(lambda m: m.group(1) + _safe_address(m.group(2)), text)
    text = _REFERENCE.sub(lambda m: m.group(1) + _safe_address(m.group(2)), text)
    return re.sub(r"\x00(\d+)\x00", lambda m: kept[int(m.group(1))], text)


def to_markdown(items: Iterable[ImportedItem], *, heading: str = "News") -> str:
    lines = [f"## {heading}", ""]
    for item in items:
        label = f"{item.posted.display()}: " if item.posted else ""  # undated news is written undated
        lines.append(f"* {label}{safe_markdown(_one_line(item.text))}")
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
        body = safe_markdown(item.text.strip())
        files[f"announcement_{n:04d}.md"] = "\n".join(front) + "\n" + body + "\n"
    return files


def to_json(items: Iterable[ImportedItem]) -> str:
    return json.dumps({"items": [i.as_dict() for i in items]}, ensure_ascii=False, indent=2) + "\n"
