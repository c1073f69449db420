"""Scraped paper listings: an arXiv category code glued to the date, then title, authors, abstract.

```
LGMar 25, 2022Code
Chaos is a Ladder: A New Theoretical Understanding of Contrastive Learning via Augmentation Overlap

Yifei Wang, Qi Zhang, Yisen Wang et al. · mit

Recently, contrastive learning has risen ...
```

Each entry is a preprint. The newest entries carry no year ("CLFeb 2"): it comes from ``today``
(the most recent such date not after it). A score may stand before the code ("89.4LGMar 19Code").
"""

from __future__ import annotations

import datetime as dt
import re

from ..dates import DateParseError, parse
from .model import ImportedItem, ImportResult

HEADER = re.compile(
    r"^(?P<score>\d{1,3}\.\d)?(?P<cat>[A-Z]{2,6}(?:-[A-Z]{2,4})?)"
    r"(?P<date>(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.? \d{1,2}(?:, (?:19|20)\d\d)?)"
    r"(?P<code>Code)?\s*$"
)


def parse_listing(text: str, *, today: dt.date, path: str = "") -> ImportResult:
    result = ImportResult(format="listing")
    lines = text.splitlines()
    starts = [i for i, line in enumerate(lines) if HEADER.match(line.strip())]
    for n, start in enumerate(starts):
        end = starts[n + 1] if n + 1 < len(starts) else len(lines)
        header = HEADER.match(lines[start].strip())
        assert header is not None
        paragraphs = _paragraphs(lines[start + 1 : end])
        if not paragraphs:
            result.warnings.append(f"line {start + 1}: a listing header with no title; not imported")
            continue
        title = paragraphs[0]
        byline = paragraphs[1] if len(paragraphs) > 1 else ""
        authors, _, affiliation = byline.partition(" · ")
        abstract = "\n\n".join(paragraphs[2:])
        try:
            posted = parse(header.group("date"), today=today, prefer="past")
        except DateParseError as exc:
            result.warnings.append(f"line {start + 1}: {exc}")
            continue
        body = "\n\n".join(p for p in (title, byline, abstract) if p)
        result.items.append(
            ImportedItem(
                kind="preprint",
                rule="paper listing entry",
                title=title,
                text=body,
                posted=posted,
                papers=1,
                source_path=path,
                source_line=start + 1,
                source_text="\n".join(lines[start:end]).strip(),
                extra={
                    "category": header.group("cat"),
                    "authors": authors.strip(),
                    "affiliation": affiliation.strip() or None,
                    "has_code": bool(header.group("code")),
                },
            )
        )
    return result


def _paragraphs(lines: list[str]) -> list[str]:
    out: list[str] = []
    current: list[str] = []
    for line in lines:
        if line.strip():
            current.append(line.strip())
        elif current:
            out.append(" ".join(current))
            current = []
    if current:
        out.append(" ".join(current))
    return out
