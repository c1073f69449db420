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

import dataclasses
import datetime as dt
import re
from dataclasses import dataclass, field

from ..dates import DateOrder, DateParseError, find_dates, find_venues, infer_date_order, parse
from ..dates.grammar import MONTH_NUMBER
from ..dates.model import FuzzyDate, month_end
from .classify import classify_item
from .events import events_in
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
# A yearless numeric label: "4/5:", "30/4 -", "[03/27]", "12.05 |" (a separator must follow).
_NUMERIC_LABEL = re.compile(
    r"(?P<label>[0-3]?\d\s?[/.]\s?[0-3]?\d)(?![\d/.])(?=\s*(?:\*\*|__)?\s*[:|\])–—-])"
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
    numeric = _NUMERIC_LABEL.match(content, start)
    if numeric:  # "4/5:", "**30/4:**", "[03/27]": a yearless day and month in the document's order
        try:
            posted = parse(numeric.group("label"), today=ref, date_order=order or "dmy", prefer="past")
        except DateParseError:
            posted = None
        if posted is not None:
            rest = content[numeric.end() :]
            trail = _TRAIL.match(rest)
            return posted, rest[trail.end() if trail else 0 :].lstrip()
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
        label_dmy, label_mdy = _label_order_evidence(clean)
        dmy, mdy = dmy + label_dmy, mdy + label_mdy
        inferred = "dmy" if dmy and not mdy else "mdy" if mdy and not dmy else None
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
        first = len(result.items)
        for block in section.blocks:
            if not block.lines:
                continue
            _read_block(block, result, today=today, order=order, path=path, news=bool(news_sections))
        result.items[first:] = settle_years(result.items[first:], today=today, warnings=result.warnings)
    return result


# A label in brackets that names a year but no date the engine reads: "[SEG. 2025]".
_BRACKET_YEAR = re.compile(
    r"^\W{0,4}\[(?P<label>[^\[\]\n]{0,24}?(?<!\d)(?P<year>(?:19|20)\d\d)(?!\d)[^\[\]\n]{0,8})\]\W*"
)


def _year_label(content: str) -> tuple[FuzzyDate, str] | None:
    m = _BRACKET_YEAR.match(content)
    if m is None or not content[m.end() :].strip():
        return None
    year = int(m.group("year"))
    posted = FuzzyDate(
        start=dt.date(year, 1, 1), end=dt.date(year, 12, 31), grain="year", text=m.group("label")
    )
    return posted, content[m.end() :].strip()


def _label_order_evidence(lines: list[str]) -> tuple[int, int]:
    """Day-first and month-first evidence from yearless labels ("30/4:" is day-first)."""
    dmy = mdy = 0
    for line in lines:
        lead = _LEAD.match(line) or _BULLET.match(line)
        m = _NUMERIC_LABEL.search(line[: (lead.end() if lead else 0) + 12])
        if m is None:
            continue
        a, b = (int(x) for x in re.split(r"\s?[/.]\s?", m.group("label")))
        if a > 12 >= b >= 1:
            dmy += 1
        elif b > 12 >= a >= 1:
            mdy += 1
    return dmy, mdy


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
    if labelled is None and block.bullet:
        labelled = _year_label(content)
        if labelled is not None:
            result.warnings.append(
                f"line {block.line}: label {labelled[0].text!r} is no date; posted in the year it names"
            )
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
    decided = classify_item(body)
    kind = decided.kind
    venues: list[str] = []
    for venue in find_venues(readable):
        if venue.text not in venues:
            venues.append(venue.text)
    result.items.append(
        ImportedItem(
            kind=kind,
            also=decided.also,
            rule=decided.rule,
            year_from="heading" if block.year is not None and "year" in posted.inferred else None,
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


# ---------------------------------------------------------------------------------------------
# years not written


_NAMED_YEAR = re.compile(r"(?<![\d/.\-])((?:19|20)\d\d)(?![\d/])")


def _direction(items: list[ImportedItem]) -> int:
    """-1 when the list runs newest first, 1 oldest first, judged by its dates with a written year."""
    known = [i.posted.start for i in items if i.posted is not None and "year" not in i.posted.inferred]
    down = sum(1 for a, b in zip(known, known[1:], strict=False) if b < a)
    up = sum(1 for a, b in zip(known, known[1:], strict=False) if b > a)
    return 1 if up > down else -1  # news lists run newest first unless shown otherwise


def _with_year(posted: FuzzyDate, year: int) -> FuzzyDate | None:
    try:
        start = posted.start.replace(year=year)
        end = posted.end.replace(year=year + (posted.end.year - posted.start.year))
    except ValueError:  # 29 Feb
        return None
    return dataclasses.replace(posted, start=start, end=end, instant=None, end_instant=None)


def settle_years(items: list[ImportedItem], *, today: dt.date, warnings: list[str]) -> list[ImportedItem]:
    """Give every yearless item of one list its year, and say where it came from.

    In order: the year heading above it (already applied, ``year_from="heading"``); the items
    around it (a list running newest first that wraps from January back to December moves to
    the previous year); one year named in the item itself ("ACL 2020"); the reference date. An
    item whose date then breaks the order of the list is flagged (``out_of_order``) and warned of.
    """
    items = list(items)
    direction = _direction(items)
    for index, item in enumerate(items):
        posted = item.posted
        if posted is None or "year" not in posted.inferred or item.year_from is not None:
            continue
        year, source = _year_from_neighbours(items, index, direction), "neighbours"
        if year is None:
            named = {int(y) for y in _NAMED_YEAR.findall(plain(item.text))}
            if len(named) == 1 and next(iter(named)) <= today.year + 1:
                year, source = named.pop(), "text"
        moved = _with_year(posted, year) if year is not None and posted.time is None else None
        if moved is None:
            items[index] = dataclasses.replace(item, year_from="reference date")
        else:
            items[index] = dataclasses.replace(item, posted=moved, year_from=source)
    return _flag_out_of_order(items, direction, warnings)


def _year_from_neighbours(items: list[ImportedItem], index: int, direction: int) -> int | None:
    """The year that keeps the item in the list's order next to its nearest item with a year: in a
    newest-first list an item is no later than the one above it and no earlier than the one below
    ("18th Dec" under "15 Jan 2024" is in 2023); an oldest-first list the other way round."""
    posted = items[index].posted
    assert posted is not None
    here = (posted.start.month, posted.start.day)
    for step in (-1, 1):  # the item above first, then the one below
        j = index + step
        while 0 <= j < len(items):
            other = items[j].posted
            if other is not None and ("year" not in other.inferred or items[j].year_from is not None):
                there = (other.start.month, other.start.day)
                year = other.start.year
                no_later_than_other = (step == -1) == (direction == -1)
                if no_later_than_other:
                    return year if here <= there else year - 1
                return year if here >= there else year + 1
            j += step
    return None


def _flag_out_of_order(items: list[ImportedItem], direction: int, warnings: list[str]) -> list[ImportedItem]:
    """Flag the item that breaks the list's order: the one out of step with both neighbours, else
    the one whose year was not written, else the one at the end of the list."""
    dated = [index for index, item in enumerate(items) if item.posted is not None]
    if len(dated) < 3:
        return items
    starts = [items[n].posted.start for n in dated]  # type: ignore[union-attr]
    bad = [
        (starts[k + 1] > starts[k]) if direction == -1 else (starts[k + 1] < starts[k])
        for k in range(len(starts) - 1)
    ]
    broken = [0] * len(starts)
    for k, wrong in enumerate(bad):
        if wrong:
            broken[k] += 1
            broken[k + 1] += 1
    flagged: set[int] = set()
    for k, wrong in enumerate(bad):
        if not wrong:
            continue
        x, y = k, k + 1

        def fits(a: int, b: int) -> bool:
            return (starts[b] <= starts[a]) if direction == -1 else (starts[b] >= starts[a])

        guessed = ["year" in items[dated[n]].posted.inferred for n in (x, y)]  # type: ignore[union-attr]
        if broken[x] == 2 or broken[y] == 2:
            flagged.add(x if broken[x] == 2 else y)
        elif guessed[0] != guessed[1]:
            flagged.add(x if guessed[0] else y)
        elif x > 0 and fits(x - 1, y):
            flagged.add(x)  # the list reads on without x
        elif y + 1 < len(starts) and fits(x, y + 1):
            flagged.add(y)  # the list reads on without y
        else:
            flagged.add(x if x == 0 else y)
    out = list(items)
    for k in sorted(flagged):
        item = items[dated[k]]
        out[dated[k]] = dataclasses.replace(item, out_of_order=True)
        warnings.append(
            f"line {item.source_line}: {item.posted.display()} is out of the list's order "  # type: ignore[union-attr]
            f"({'newest' if direction == -1 else 'oldest'} first)"
        )
    return out
