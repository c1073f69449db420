"""Numbered publication lists: "[13] Title" / "Authors." / "Venue (ICML 2025), 1-23." entries.

Each entry becomes an acceptance (a preprint when the venue line says "under review", "arXiv
preprint", "submitted" ...), with its venue ("ICML 2025"), its date when one is written ("May
2025") or else the venue's year, and notes such as "Spotlight, top 5.1%". Page ranges ("1-23")
are not dates.
"""

from __future__ import annotations

import datetime as dt
import re

from ..dates import FuzzyDate, find_dates, find_venues
from .model import ImportedItem, ImportResult, Link
from .text import links, plain

ENTRY = re.compile(r"^\s*(?:\[(?P<a>\d{1,4})\]|(?P<b>\d{1,4})[.)])\s+(?P<title>\S.*)$")
_PREPRINT = re.compile(
    r"under review|arxiv preprint|\bpreprint\b|\bsubmitted\b|in submission|working paper", re.I
)
_PAREN = re.compile(r"\(([^()]{2,80})\)")
_VENUE_PAREN = re.compile(r"^[A-Z][A-Za-z&\-]{1,20}(?:[\s\-']?\d{2,4})(?:\s*[-–:]\s*[\w\- ]{1,20})?$")
_NOTE = re.compile(r"oral|spotlight|poster|best|award|top\s*\d|highlight|selected|invited", re.I)
_STOP = re.compile(r"^[^,.;:]{1,40}$")


def _entries(lines: list[str]) -> list[tuple[int, list[str]]]:
    entries: list[tuple[int, list[str]]] = []
    current: list[str] | None = None
    for number, raw in enumerate(lines, start=1):
        line = raw.strip()
        m = ENTRY.match(line)
        if m:
            current = [m.group("title")]
            entries.append((number, current))
            continue
        if current is None:
            continue
        if not line:
            if len(current) >= 3:
                current = None
            continue
        if len(current) >= 2 and _STOP.match(line) and not re.search(r"\d{4}", line):
            current = None  # a heading after the list ("Co-authors")
            continue
        current.append(line)
    return entries


def _year_date(year: int) -> FuzzyDate:
    return FuzzyDate(start=dt.date(year, 1, 1), end=dt.date(year, 12, 31), grain="year", text=str(year))


def parse_publications(text: str, *, today: dt.date, path: str = "") -> ImportResult:
    result = ImportResult(format="publications")
    for line, parts in _entries(text.splitlines()):
        title = parts[0].strip().rstrip(".")
        authors = parts[1].strip().rstrip(".") if len(parts) > 1 else ""
        venue_line = " ".join(p.strip() for p in parts[2:])
        if not venue_line:
            result.warnings.append(f"line {line}: {title[:60]!r} has no venue line; not imported")
            continue
        readable = plain(venue_line)
        preprint = bool(_PREPRINT.search(readable))
        venue = None
        notes = []
        for paren in _PAREN.findall(readable):
            paren = paren.strip()
            if venue is None and _VENUE_PAREN.match(paren):
                venue = paren
            elif _NOTE.search(paren):
                notes.append(paren)
        if venue is None:
            found = find_venues(readable)
            venue = found[0].text if found else None
        dates = [m.date for m in find_dates(readable, today=today, prefer="past") if m.date.grain != "year"]
        posted: FuzzyDate | None = dates[0] if dates else None
        if posted is None:
            years = [int(y) for y in re.findall(r"(?<!\d)((?:19|20)\d\d)(?!\d)", readable)]
            if years:
                posted = _year_date(years[0])
        if posted is None:
            result.warnings.append(f"line {line}: {title[:60]!r} has no date or year; not imported")
            continue
        kind = "preprint" if preprint else "acceptance"
        rule = _PREPRINT.search(readable).group(0).lower() if preprint else "publication list entry"  # type: ignore[union-attr]
        body = f"{title}\n\n{authors}\n\n{venue_line}"
        result.items.append(
            ImportedItem(
                kind=kind,
                rule=rule,
                title=title,
                text=body,
                posted=posted,
                venues=(venue,) if venue else (),
                links=tuple(links(venue_line)) or _arxiv(venue_line),
                papers=1,
                source_path=path,
                source_line=line,
                source_text="\n".join(parts),
                notes=tuple(notes),
                extra={"authors": authors, "venue_line": venue_line},
            )
        )
    if not result.items and not result.warnings:
        result.warnings.append("no numbered entries such as '[1] Title' found")
    return result


def _arxiv(text: str) -> tuple[Link, ...]:
    m = re.search(r"arXiv[: ]\s*(\d{4}\.\d{4,5})", text)
    return (Link(href=f"https://arxiv.org/abs/{m.group(1)}", title="arXiv", rel="arxiv"),) if m else ()
