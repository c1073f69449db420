"""Homepage news lists: Markdown or HTML bullets, each starting (or ending) with a date label.

"* 05/2024 I will be attending [ICLR 2024](https://iclr.cc/) from 06/05/2024 to 12/05/2024 in
Vienna." becomes a travel item posted in May 2024 with a trip on 6–12 May 2024 in Vienna.

- Labels in every form the date engine knows, decorated or not: ``**Dec. 2024:**``, ``[2024/05]``,
  ``2023.11.21 |``, ``<b>Jan 2025</b>``, ``(May 2024)`` at the end of a line.
- Bullets that wrap onto following lines are joined; yearless labels ("18th Nov") take the year of
  the heading above them ("## 2022"); a bullet with no label under a year heading is posted in
  that year (year grain).
- The day/month order of the whole document is inferred from its unambiguous dates (29/10/2023
  proves day-first) unless given, and reported in the warnings.
- When the page has a heading such as "News", "Updates" or "Announcements", only its sections are
  read. Bullets without any date are not news: they are listed in the warnings, never dropped
  silently.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from ..dates import DateOrder, find_dates, find_venues, infer_date_order
from ..dates.grammar import MONTH_NUMBER
from ..dates.model import FuzzyDate, month_end
from .events import events_in
from .kinds import classify
from .model import ImportedItem, ImportResult
from .text import html_to_markdown, links, looks_like_html, paper_count, plain, title_of

_HEADING = re.compile(r"^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$")
_BULLET = re.compile(r"^(\s*)(?:[*\-+•‣◦▪●]|\d{1,3}[.)])\s+(.*)$")
# Decoration before a label: punctuation, emphasis, emoji, "On", a weekday ("🔥 **[Mon, Jan 15, 2024]**").
_LEAD = re.compile(
    r"^(?:[^\w<]|_|<b>|<strong>|<em>|[Oo]n\s|(?:NEW|New|new|Update|UPDATE)\b!?:?\s?"
    r"|(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]{0,6}\.?,?\s)*"
)
# A month name alone as a label, under a year heading: "### 2023" then "* Jun: paper accepted".
_MONTH_LABEL = re.compile(
    r"(?i:(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]{0,6})\.?(?=\s*(?:[:|\]*)–—-]|\s\W))"
)
_TRAIL = re.compile(r"^(?:\s|\*\*|__|\*|_|\]|\)|`|:|\||-|–|—|,|\.|>|</b>|</strong>|~~)*")
_TRAILING_LABEL = re.compile(r"[\s(\[*_]*$")
_NEWS_HEADING = re.compile(
    r"\b(news|updates?|announcements?|highlights|what'?s new|recent activit|latest|timeline|events)\b", re.I
)
_YEAR_ONLY = re.compile(r"^\s*\**\s*((?:19|20)\d\d)\s*\**\s*:?\s*$")
_OPEN_TAG = re.compile(r"(<(?:li|h[1-6]|p)\b[^>]*>)", re.IGNORECASE)
_TABLE_RULE = re.compile(r"^\s*\|?\s*:?-{3,}")
_MARKER = re.compile(r"\x00(\d+)\x00")


@dataclass
class _Block:
    line: int
    heading: str
    year: int | None
    lines: list[str] = field(default_factory=list)
    bullet: bool = True
    indent: int = 0

    @property
    def content(self) -> str:
        """The joined lines; the last keeps its trailing text exactly as written."""
        parts = [part.strip() for part in self.lines[:-1] if part.strip()]
        parts.append(self.lines[-1].lstrip())
        return " ".join(parts)


@dataclass
class _Section:
    heading: str
    level: int
    blocks: list[_Block] = field(default_factory=list)


def starts_with_date(line: str) -> bool:
    """Does a line open with a date label (a new item in a list written without bullets)?"""
    lead = _LEAD.match(line)
    start = lead.end() if lead else 0
    if start >= len(line) or not (line[start].isdigit() or line[start].isupper()):
        return False
    found = find_dates(line[: start + 40], today=_ANY_DAY)
    return bool(found) and found[0].offset == start


_ANY_DAY = dt.date(2000, 1, 1)


def _label(
    content: str, *, today: dt.date, order: DateOrder | None, year: int | None
) -> tuple[FuzzyDate, str] | None:
    """(posted date, text without the label) when the content starts or ends with a date label."""
    ref = dt.date(year, 12, 31) if year else today
    lead = _LEAD.match(content)
    start = lead.end() if lead else 0
    head = content[: start + 90]
    found = find_dates(head, today=ref, date_order=order, prefer="past")
    if found and found[0].offset == start:
        match = found[0]
        rest = content[match.offset + match.length :]
        trail = _TRAIL.match(rest)
        text = rest[trail.end() if trail else 0 :]
        return match.date, text.lstrip()
    if year is not None:
        month = _MONTH_LABEL.match(content, start)
        if month:
            number = MONTH_NUMBER[month.group(1).lower()]
            first = dt.date(year, number, 1)
            posted = FuzzyDate(start=first, end=month_end(year, number), grain="month", text=month.group(0))
            rest = content[month.end() :]
            trail = _TRAIL.match(rest)
            return posted, rest[trail.end() if trail else 0 :].lstrip()
    # A label at the end: "Gave a talk at MIT (Jan 2024)", "… — *May 2024*"
    tail_start = max(0, len(content) - 60)
    tail = content[tail_start:]
    found = find_dates(tail, today=ref, date_order=order, prefer="past")
    if found:
        match = found[-1]
        after = tail[match.offset + match.length :]
        if re.fullmatch(r"[\s)\]*_.:]*", after) and match.date.grain in ("month", "day", "year"):
            before = content[: tail_start + match.offset]
            text = _TRAILING_LABEL.sub("", before).rstrip(" -–—|,:")
            return match.date, text
    return None


def _sections(lines: list[str], line_numbers: list[int]) -> list[_Section]:
    sections = [_Section(heading="", level=0)]
    year: int | None = None
    current: _Block | None = None
    blank = False
    for raw, lineno in zip(lines, line_numbers, strict=True):
        line = raw.rstrip()
        heading = _HEADING.match(line)
        if heading:
            title = plain(heading.group(2))
            ym = _YEAR_ONLY.match(title)
            if ym:
                year = int(ym.group(1))
                sections[-1].blocks.append(
                    _Block(line=lineno, heading=title, year=year, lines=[], bullet=False)
                )
            else:
                sections.append(_Section(heading=title, level=len(heading.group(1))))
                year = None
            current = None
            blank = False
            continue
        if not line.strip():
            blank = True
            continue
        ym = _YEAR_ONLY.match(line)
        if ym:  # a bare "2022" or "**2022**" line acts as a year heading
            year = int(ym.group(1))
            current = None
            blank = False
            continue
        if _TABLE_RULE.match(line):
            continue
        if line.lstrip().startswith("|"):  # a Markdown table row: "| Jan 15, 2024 | text |"
            raw = line = " ".join(cell.strip() for cell in line.strip().strip("|").split("|"))
            current = None
        bullet = _BULLET.match(raw)
        indented = len(line) - len(line.lstrip()) >= 2
        starts_dated = bullet is None and current is not None and starts_with_date(line)
        nested = bullet is not None and current is not None and len(bullet.group(1)) > current.indent + 1
        if bullet and not nested:
            current = _Block(
                line=lineno,
                heading=sections[-1].heading,
                year=year,
                lines=[bullet.group(2)],
                indent=len(bullet.group(1)),
            )
            sections[-1].blocks.append(current)
        elif current is not None and (not blank or indented) and not (starts_dated and not indented):
            current.lines.append(raw)
        else:
            current = _Block(line=lineno, heading=sections[-1].heading, year=year, lines=[raw], bullet=False)
            sections[-1].blocks.append(current)
        blank = False
    return sections


def parse_news(
    text: str,
    *,
    today: dt.date,
    date_order: DateOrder | None = None,
    default_order: DateOrder = "dmy",
    path: str = "",
) -> ImportResult:
    result = ImportResult(format="news")
    if looks_like_html(text):
        text = html_to_markdown(_mark_lines(text))
    lines = text.splitlines()
    numbers: list[int] = []
    last = 0
    clean: list[str] = []
    for index, line in enumerate(lines, start=1):
        marker = _MARKER.search(line)
        if marker:
            last = int(marker.group(1))
            line = _MARKER.sub("", line)
        numbers.append(last if last else index)
        clean.append(line)
    order = date_order
    if order is None:
        inferred, dmy, mdy = infer_date_order(text)
        if inferred:
            order = inferred
            evidence = dmy if inferred == "dmy" else mdy
            name = "day-first (dd/mm)" if inferred == "dmy" else "month-first (mm/dd)"
            result.warnings.append(f"day/month order: {name}, inferred from {evidence} unambiguous date(s)")
        elif dmy and mdy:
            order = default_order
            result.warnings.append(
                f"day/month order: the document mixes day-first ({dmy}) and month-first ({mdy}) dates; "
                f"ambiguous ones read as {default_order}"
            )
        else:
            order = default_order
    else:
        result.warnings.append(f"day/month order: {order} (given)")
    result.date_order = order

    sections = _sections(clean, numbers)
    news_sections = [s for s in sections if _NEWS_HEADING.search(s.heading)]
    chosen = news_sections if any(_dated(s, today, order) for s in news_sections) else sections
    for section in sections:
        if section not in chosen:
            bullets = [b for b in section.blocks if b.bullet and b.lines]
            if bullets and _dated(section, today, order):
                result.warnings.append(
                    f"lines {bullets[0].line}–{bullets[-1].line}: {len(bullets)} dated bullet(s) under "
                    f"{section.heading or 'the top of the page'!r} are outside the news section; skipped"
                )
            continue
        for block in section.blocks:
            if not block.lines:
                continue
            _read_block(block, result, today=today, order=order, path=path, news=bool(news_sections))
    return result


def _dated(section: _Section, today: dt.date, order: DateOrder | None) -> bool:
    return any(
        b.lines and _label(b.content, today=today, order=order, year=b.year) is not None
        for b in section.blocks
    )


def _read_block(
    block: _Block, result: ImportResult, *, today: dt.date, order: DateOrder | None, path: str, news: bool
) -> None:
    content = block.content
    labelled = _label(content, today=today, order=order, year=block.year)
    if labelled is None:
        if block.year is not None and block.bullet:
            year = block.year
            posted = FuzzyDate(
                start=dt.date(year, 1, 1), end=dt.date(year, 12, 31), grain="year", text=str(year)
            )
            labelled = (posted, content.strip())
        else:
            if block.bullet or news:
                snippet = (plain(content) or content.strip())[:60]
                result.warnings.append(f"line {block.line}: no date label, not imported: {snippet!r}")
            return
    posted, body = labelled
    if not body.strip():
        result.warnings.append(f"line {block.line}: a date label with no text, not imported")
        return
    readable = plain(body)
    kind, rule = classify(body)
    venues: list[str] = []
    for venue in find_venues(readable):
        if venue.text not in venues:
            venues.append(venue.text)
    result.items.append(
        ImportedItem(
            kind=kind,
            rule=rule,
            title=title_of(body),
            text=body,
            posted=posted,
            events=events_in(readable, kind, posted=posted, order=order),
            venues=tuple(venues),
            links=tuple(links(body)),
            papers=paper_count(readable) if kind == "acceptance" else None,
            source_path=path,
            source_line=block.line,
            source_text="\n".join(block.lines),
        )
    )


def _mark_lines(html: str) -> str:
    """Tag each <li> and heading with its source line, so HTML items keep their line numbers."""
    out = []
    for lineno, line in enumerate(html.splitlines(keepends=True), start=1):
        out.append(_OPEN_TAG.sub("\\1" + f"\x00{lineno}\x00", line))
    return "".join(out)
