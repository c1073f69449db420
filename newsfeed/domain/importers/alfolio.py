"""al-folio ``_news/`` folders: one Markdown file per item, the date in the front matter.

```
---
layout: post
date: 2022-02-28 15:59:00-0400
inline: true
---
A long announcement with **Markdown** and [links](https://example.org).
```
"""

from __future__ import annotations

import datetime as dt
import re

from ..dates import DateParseError, find_venues, parse
from .classify import classify_item
from .events import events_in
from .model import ImportedItem, ImportResult
from .text import links, paper_count, plain, title_of

_FRONT = re.compile(r"\A---[ \t]*\r?\n(.*?)\r?\n---[ \t]*\r?\n?(.*)\Z", re.S)
_KEY = re.compile(r"^([A-Za-z_][\w-]*)\s*:\s*(.*?)\s*$")
_LIQUID = re.compile(r"\{%.*?%\}|\{\{.*?\}\}", re.S)


def front_matter(text: str) -> tuple[dict[str, str], str, int]:
    """(keys, body, line where the body starts) of a Jekyll file; simple ``key: value`` lines."""
    m = _FRONT.match(text)
    if not m:
        return {}, text, 1
    keys: dict[str, str] = {}
    for line in m.group(1).splitlines():
        km = _KEY.match(line)
        if km:
            keys[km.group(1).lower()] = km.group(2).strip().strip("'\"")
    body_line = m.group(1).count("\n") + 3
    return keys, m.group(2), body_line


_STAMP = re.compile(r"^((?:19|20)\d\d)-(\d\d)-(\d\d)(?=$|[ T])")


def _day_before_month(stamp: str) -> str | None:
    """ "2024-20-11" (no month 20) -> "2024-11-20": a stamp written YYYY-DD-MM, when only that reading
    is a date; None for every other stamp."""
    m = _STAMP.match(stamp.strip())
    if m is None:
        return None
    year, a, b = (int(x) for x in m.groups())
    if a <= 12 or not 1 <= b <= 12:
        return None
    try:
        dt.date(year, b, a)
    except ValueError:
        return None
    return f"{m.group(1)}-{m.group(3)}-{m.group(2)}{stamp.strip()[10:]}"


def parse_alfolio(files: list[tuple[str, str]], *, today: dt.date) -> ImportResult:
    """Items from (path, content) pairs of an al-folio ``_news`` folder, oldest first."""
    result = ImportResult(format="alfolio")
    for path, content in files:
        keys, body, body_line = front_matter(content)
        if "date" not in keys:
            result.warnings.append(f"{path}:1: no date in the front matter, not imported")
            continue
        stamp = keys.get("newsfeed_posted") or keys["date"]
        swapped = _day_before_month(stamp)
        if swapped is not None:
            result.warnings.append(
                f"{path}:1: date {stamp!r} has no month {stamp[5:7]}: read as {swapped} (YYYY-DD-MM)"
            )
            stamp = swapped
        try:
            posted = parse(stamp, today=today)
        except DateParseError as exc:
            result.warnings.append(f"{path}:1: {exc}")
            continue
        body = _LIQUID.sub("", body).strip()
        if not body and not keys.get("title"):
            result.warnings.append(f"{path}:{body_line}: empty news item, not imported")
            continue
        readable = plain(body)
        decided = classify_item(f"{keys.get('title', '')} {body}")
        kind = decided.kind
        result.items.append(
            ImportedItem(
                kind=kind,
                also=decided.also,
                rule=decided.rule,
                title=keys.get("title") or title_of(body),
                text=body,
                posted=posted,
                events=events_in(readable, kind, posted=posted, order=None),
                venues=tuple(dict.fromkeys(v.text for v in find_venues(readable))),
                links=tuple(links(body)),
                papers=paper_count(readable) if kind == "acceptance" else None,
                source_path=path,
                source_line=body_line,
                source_text=content,
            )
        )
    result.items.sort(key=lambda i: (i.posted.sort_key() if i.posted else (), i.source_path))
    return result
