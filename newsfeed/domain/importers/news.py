"""Date labels of news entries, items made from them, and the years a list leaves unwritten.

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
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from ..dates import DateMatch, DateOrder, DateParseError, find_dates, find_venues, parse
from ..dates.grammar import MONTH_NUMBER
from ..dates.model import FuzzyDate, month_end
from .classify import classify_item
from .events import events_in
from .model import Event, ImportedItem, Link
from .text import RELATIVE_DAY, links, paper_count, past_month_end, plain, title_of

_HEADING = re.compile(r"^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$")
_BULLET = re.compile(r"^(\s*)(?:[*\-+•‣◦▪●]|\d{1,3}[.)])\s+(.*)$")
# Decoration before a label: punctuation, emphasis, emoji, "On", a weekday ("🔥 **[Mon, Jan 15, 2024]**").
# A category in brackets before the label is the author's tag: "[Presentation] July 2026 — …";
# so is one in bold, of a word or two: "**Award** May 2024: …", "**获奖** 2020年9月10日"
_TAG = re.compile(
    r"\[[A-Za-z][A-Za-z &/'-]{0,30}\](?!\()"
    # not a month or a season in bold ("**Sept** — …"), which is the label itself
    r"|\*\*(?!(?i:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|spring|summer|fall|autumn|winter)[a-z]*\.?\*\*)"
    r"[^\W\d_][^\W\d_&/'-]{0,20}(?: [^\W\d_]{1,20})?\*\*(?=\s)"
)
_LEAD = re.compile(
    rf"^(?:{_TAG.pattern}|[^\w<]|_|<b>|<strong>|<em>|[Oo]n\s"
    r"|(?:NEW|New|new|Update|UPDATE)\b!?:?\s?|(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]{0,6}\.?,?\s)*"
)
# A month name alone as a label, under a year heading: "### 2023" then "* Jun: paper accepted".
_MONTH_LABEL = re.compile(
    r"(?i:(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]{0,6})\.?(?=\s*(?:[:|\]*)–—-]|\s\W))"
)
# what closes a label: brackets, emphasis, separators, a spacing entity, the weekday an Org
# timestamp carries inside its bracket ("[2019-01-22 Tue]"), and a place after the date inside
# its bracket
_TRAIL = re.compile(
    # a place the bracket names after the date: "[May 2026, CA]", "[Apr 2026, Korea]"
    r"^(?:,[ \t]?[^\W\d_][^\[\]()<>*\n]{0,28}?(?=[ \t]?[*_]{0,2}[\])])"
    r"|\s|\*\*|__|\*|_|\]|\)|`|:|\||-|–|—|,|\.|[：，、】）]|>|</b>|</strong>|~~|&nbsp;|&#160;|&ensp;|&emsp;"
    r"|(?i:mon|tue|wed|thu|fri|sat|sun)[a-z]{0,6}\.?(?=[\])>]))*"
)
_TRAILING_LABEL = re.compile(r"[\s(\[*_]*$")
_NEWS_HEADING = re.compile(
    r"\b(news|updates?|announcements?|highlights|what'?s new|recent activit|latest|timeline|events)\b", re.I
)
# A yearless numeric label: "4/5:", "30/4 -", "[03/27]", "12.05 |" (a separator must follow).
_NUMERIC_LABEL = re.compile(  # not the end of a whole date: "29/05/17:" holds no label "05/17"
    r"(?<![\d/.])(?P<label>[0-3]?\d\s?[/.]\s?[0-3]?\d)(?![\d/.])(?=\s*(?:\*\*|__)?\s*[:|\])–—-]|\s+[A-Z])"
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
    found = _labels(line[: start + 40], today=_ANY_DAY)
    return bool(found) and found[0].offset == start


_ANY_DAY = dt.date(2000, 1, 1)


def _labels(text: str, **options: Any) -> list[DateMatch]:
    """The dates in ``text`` that could label an entry: those said relative to today left out
    (:data:`RELATIVE_DAY`: "Our paper is accepted today!" would be dated the day of the import)."""
    return [
        m
        for m in find_dates(text, **options)
        if not (RELATIVE_DAY.search(m.date.text) and not any(c.isdigit() for c in m.date.text))
    ]


_EMPHASIS_MARK = re.compile(r"\*{1,3}|_{1,3}|`")


def _without_emphasis(text: str) -> tuple[str, list[int]]:
    """The text without emphasis markers, and for each of its characters where it stood."""
    kept: list[str] = []
    where: list[int] = []
    last = 0
    for m in _EMPHASIS_MARK.finditer(text):
        kept.append(text[last : m.start()])
        where += range(last, m.start())
        last = m.end()
    kept.append(text[last:])
    where += range(last, len(text))
    return "".join(kept), where


_EMPHASIS = (("**", re.compile(r"\*\*")), ("__", re.compile(r"__")), ("*", re.compile(r"(?<!\*)\*(?!\*)")))
_TAGS = ("b", "strong", "em", "i")


def _reopened(content: str, text: str) -> str:
    """``text`` (the end of ``content`` after its label) with the emphasis the label opened and the
    text closes opened again: "**03/2025 – Kickoff** Started …" -> "**Kickoff** Started …"."""
    consumed = content[: len(content) - len(text)]
    for marker, pattern in _EMPHASIS:
        if len(pattern.findall(consumed)) % 2 and len(pattern.findall(text)) % 2:
            return marker + text
    for tag in _TAGS:
        close = text.find(f"</{tag}>")
        if close >= 0 and f"<{tag}>" in consumed and f"<{tag}>" not in text[:close]:
            return f"<{tag}>{text}"
    return text


def label_of(
    content: str,
    *,
    today: dt.date,
    order: DateOrder | None,
    year: int | None,
    trailing: bool = True,
    spans: bool = True,
) -> tuple[FuzzyDate, str] | None:
    """(posted date, text without the label) when the content starts (or, with ``trailing``,
    ends) with a date label; emphasis the label opened and the text closes is kept whole. A
    label in a Pandoc span (``[June 2026]{.item-date} …``) is a label: the attributes are markup.
    Without ``spans`` (an entry outside any News section) a span of years at the end ("… in
    physics at Sichuan University (2016–2020).") is how long what it tells lasted, a degree or
    a post, not a label."""
    content = _french_month_label(_without_attributes(content))
    found = _label_of(content, today=today, order=order, year=year, trailing=trailing, spans=spans)
    if found is None:
        # a label whose day the month does not have ("November 31, 2024:"): its month
        lead = _LEAD.match(content)
        head = content[: (lead.end() if lead else 0) + 60]
        mended = past_month_end(head)
        if mended != head:
            content = mended + content[len(head) :]
            found = _label_of(content, today=today, order=order, year=year, trailing=trailing, spans=spans)
    if found is None or not content.endswith(found[1]):
        return found
    text = _reopened(content, found[1])
    lead = _LEAD.match(content)
    tag = _TAG.search(content, 0, lead.end()) if lead else None
    if tag and not text.startswith(tag.group(0)):  # the author's tag stays the text's head
        text = f"{tag.group(0)} {text}"
    return found[0], text


# after a date that opens a link's words, more of them before the link's address: "[2026 North
# East AI Agents Day](…)" (the date is the link's, no label; "[May 2024](…): …" is one)
_LINK_TEXT_GOES_ON = re.compile(r"[^\[\]\n]{0,300}?[^\W_][^\[\]\n]{0,300}\]\(")


def _opens_link_text(content: str, start: int, end: int) -> bool:
    """Whether the date at ``start:end`` opens the words of a Markdown link that go on after it."""
    return start > 0 and content[start - 1] == "[" and _LINK_TEXT_GOES_ON.match(content, end) is not None


# "mars" and "mai", the French March and May, which the dates leave out in running text (the
# planet, a name): as a label, the month and its year before a colon or a dash that opens the
# entry ("Mars 2024: My work has been accepted …", "mai 2023 : Soutenance de thèse", "Mars-April
# 2024: …"), they are months
_FRENCH_MONTH_LABEL = re.compile(r"(?i)(mars|mai)(?=(?:\s?[-–]\s?[^\W\d_]{3,9})?\s+(?:19|20)\d\d\s?[:–—-]\s)")


def _french_month_label(content: str) -> str:
    """The content with a label's French "mars" or "mai" written as the month the dates read."""
    lead = _LEAD.match(content)
    start = lead.end() if lead else 0
    m = _FRENCH_MONTH_LABEL.match(content, start)
    if m is None:
        return content
    month = "March" if m.group(1).lower() == "mars" else "May"
    return content[:start] + month + content[m.end() :]


def _label_of(
    content: str, *, today: dt.date, order: DateOrder | None, year: int | None, trailing: bool, spans: bool
) -> tuple[FuzzyDate, str] | None:
    ref = dt.date(year, 12, 31) if year else today
    lead = _LEAD.match(content)
    start = lead.end() if lead else 0
    head = content[: start + 90]
    found = _labels(head, today=ref, date_order=order, prefer="past")
    if (
        found
        and found[0].offset == start
        and not _opens_link_text(content, start, found[0].offset + found[0].length)
    ):
        match = found[0]
        rest = content[match.offset + match.length :]
        trail = _TRAIL.match(rest)
        text = rest[trail.end() if trail else 0 :]
        return match.date, text.lstrip()
    # a label broken up by emphasis: "***May.*** **2025** 🎉 …", "*Jan* *2024*:"
    bare, where = _without_emphasis(head)
    found = _labels(bare, today=ref, date_order=order, prefer="past")
    lead_bare = _LEAD.match(bare)
    if found and found[0].offset == (lead_bare.end() if lead_bare else 0) and found[0].date.grain != "year":
        match = found[0]
        end = where[match.offset + match.length - 1] + 1
        if _opens_link_text(content, start, end):
            return None
        rest = content[end:]
        trail = _TRAIL.match(rest)
        return match.date, rest[trail.end() if trail else 0 :].lstrip()
    numeric = _NUMERIC_LABEL.match(content, start)
    if numeric:  # "4/5:", "**30/4:**", "[03/27]": a yearless day and month in the document's order
        try:
            posted = parse(numeric.group("label"), today=ref, date_order=order, prefer="past")
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
    if not trailing:
        return None
    # A label right after the entry's headline in bold, before a dash and its body: "**BFL
    # release BII 3.2.0** *(17th February 2026)* -- This is our major release …"
    headline = _HEADLINE_LABEL.match(content)
    if headline:
        label = headline.group("label").strip()
        found = _labels(label, today=ref, date_order=order, prefer="past")
        if found and found[0].offset == 0 and found[0].length == len(label) and found[0].date.grain != "year":
            return found[0].date, content[: headline.end("title")] + content[headline.end() :]
    # A label at the end: "Gave a talk at MIT (Jan 2024)", "… — *May 2024*"; or in brackets before
    # the links that close an entry: "… OpenGV 2.0. (Mar. 2025) [[Code](…)] [[PDF](…)]"
    core = content
    links = ""
    for _ in range(6):
        start = max(0, len(core) - 700)  # a closing link is at most ~600 characters long
        closing = _CLOSING_LINK.search(core, start)
        if closing is None:
            break
        core, links = core[: closing.start()], core[closing.start() :] + links
    if links and not re.search(r"[)\]]\W{0,3}$", core):
        core, links = content, ""  # links that close no bracketed date are the text's own
    tail_start = max(0, len(core) - 60)
    tail = core[tail_start:]
    found = _labels(tail, today=ref, date_order=order, prefer="past")
    if found:
        match = found[-1]
        after = tail[match.offset + match.length :]
        before = core[: tail_start + match.offset]
        in_address = re.search(r"\]\([^\s()]{0,500}(?:\([^\s()]{0,500})?$", before[-1100:]) is not None
        if (
            re.fullmatch(r"[\s)\]*_.:!]*", after)  # "…, June 2017!"
            and match.date.grain in ("month", "day", "year")
            and not in_address  # a date in a link's address ("…Release-(2014-01-31))") is no label
            and (spans or not (match.date.grain == "year" and match.date.end.year > match.date.start.year))
        ):
            if match.date.grain == "year" and re.search(r"[^\W_][ \t]+$", before):
                # a year right after a word is a name's ("at Neuroscience 2025", "ICML 2025"):
                # it dates the entry and stays in its text
                return match.date, content
            if _DEADLINE_BEFORE.search(before):
                # "… Deadline: Aug 31, 2026.": the day applications close, not when it was said
                return None
            if _SENTENCE_DATE.search(before):
                # a date the sentence says ("an intern for the month of July.", "a talk in May
                # 2024"): it dates the entry and stays in its text, which would end on "of"
                return match.date, content
            text = _TRAILING_LABEL.sub("", before).rstrip(" -–—|,:")
            return match.date, f"{text} {links.strip()}".strip() if links else text
    return None


# a headline in bold (which may hold or end with a bold link), then a date in brackets, perhaps
# in italics, then a dash or a colon and the body, or nothing
_HEADLINE_LABEL = re.compile(
    r"(?P<title>\*\*[^\n]{1,300}?\*\*(?:\]\([^()\s]{1,500}\))?)"
    r"[ \t]*[*_]{0,2}[(\[](?P<label>[^()\[\]\n]{3,40})[)\]][*_]{0,2}"
    r"(?=[ \t]*(?:-{1,2}|[–—:|]|$))"
)


# the words that give a deadline before its day: "Deadline: Aug 31, 2026", "Apply by", "due"
_DEADLINE_BEFORE = re.compile(
    r"\b(?:deadlines?|due(?:\s+date)?|apply\s+(?:by|before)|clos(?:es?|ing)(?:\s+date)?)"
    r"\s*(?:is|on)?\s*[:：-]?\s*[*_]{0,2}$",
    re.I,
)


# the words a sentence puts before a date it says: a date after them is no label set off at
# the end ("as an intern for the month of July.", "held in Oslo in June 2025")
_SENTENCE_DATE = re.compile(
    r"\b(?:of|in|on|at|by|until|till|since|from|during|through|to|for|before|after|early|late|mid"
    r"|this|next|last|starting|beginning|ending)[ \t]+$",
    re.I,
)


# a link closing an entry, as a resource of a few words: " [[Code](https://…)]", " \[[PDF](…)\]",
# " [Slides](…)"; bounded, so that a long run of brackets stays linear
_CLOSING_LINK = re.compile(
    r"[ \t]{0,10}(?:\\?\[)?\[[^\[\]\n]{1,40}\]\([^()\s]{1,500}\)(?:\\?\])?[ \t]{0,10}$"
)


# A label in brackets that names a year but no date the engine reads: "[SEG. 2025]".
_BRACKET_YEAR = re.compile(
    r"^\W{0,4}\[(?P<label>[^\[\]\n]{0,24}?(?<!\d)(?P<year>(?:19|20)\d\d)(?!\d)[^\[\]\n]{0,8})\]\W*"
)


def year_label(content: str) -> tuple[FuzzyDate, str] | None:
    m = _BRACKET_YEAR.match(content)
    if m is None or not content[m.end() :].strip():
        return None
    return _year(int(m.group("year")), m.group("label")), content[m.end() :].strip()


def _year(year: int, text: str) -> FuzzyDate:
    return FuzzyDate(start=dt.date(year, 1, 1), end=dt.date(year, 12, 31), grain="year", text=text)


# "Aaron Sidder (2025). "The new science of waste"": a citation, its authors then its year
_CITATION = re.compile(r"[^\W\d_][^()\n]{1,80}?\s\((?P<year>(?:19|20)\d\d)[a-z]?\)[.,:]\s+\S")


def citation_year(content: str) -> tuple[FuzzyDate, str] | None:
    """The year of an entry written as a citation (press coverage, a publication list in APA
    style), and what follows it (the work's title first): posted in that year; the entry keeps
    its words."""
    m = _CITATION.match(content)
    if m is None:
        return None
    return _year(int(m.group("year")), m.group("year")), content[m.end() - 1 :]


def label_order_evidence(lines: list[str]) -> tuple[int, int]:
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


# kramdown's attributes ({:target="_blank"}, {: .red}); Pandoc's (Quarto, R Markdown) after a
# link, a span or an image: ids, classes and key=value pairs ([paper](…){target="_blank"},
# ![](p.png){width=50%}, [new]{.badge})
_ATTRIBUTE = r"""(?:[#.][\w:-]{1,80}|[\w-]{1,40}=(?:"[^"\n]{0,300}"|'[^'\n]{0,300}'|[^\s{}"']{1,300}))"""
_MARKUP_ATTRIBUTES = re.compile(
    rf"\{{:[^{{}}\n]{{0,300}}\}}"
    rf"|(?P<link>\]\((?:[^()\s]|\([^()\s]*\)){{0,2000}}\)|\])"
    rf"\{{[ \t]*{_ATTRIBUTE}(?:[ \t]+{_ATTRIBUTE}){{0,20}}[ \t]*\}}"
)


def _without_attributes(text: str) -> str:
    if "{" not in text:  # most texts: no attribute to look for
        return text
    return _MARKUP_ATTRIBUTES.sub(lambda m: m.group("link") or "", text)


# what an undated item's days are read against: none of them may lean on it (a written year only)
_ANY_TIME = FuzzyDate(start=dt.date(1900, 1, 1), end=dt.date(2199, 12, 31), grain="year", text="")


def _events(readable: str, kind: str, posted: FuzzyDate | None, order: DateOrder | None) -> tuple[Event, ...]:
    """The events an item's text tells; an undated item's are only the days written in full
    ("Deadline: Aug 31, 2026" of a position's call), whose year no posting date had to give."""
    if posted is not None:
        return events_in(readable, kind, posted=posted, order=order)
    found = [e for e in events_in(readable, kind, posted=_ANY_TIME, order=order) if not e.date.inferred]
    for event in found:  # days just read, held by no one else: read against no day of ours
        event.date.labelled(event.date.text, None)
    return tuple(found)


def make_item(
    text: str,
    posted: FuzzyDate | None,
    *,
    title: str = "",
    line: int = 0,
    source: str = "",
    path: str = "",
    order: DateOrder | None = None,
    year_from: str | None = None,
    hint: str = "",
    own_links: Sequence[Link] = (),
    own_events: Sequence[Event] = (),
) -> ImportedItem:
    """An item from its text and posted date: its kind (and the phrase that decided), the events,
    venues and links in its text (then ``own_links``, a record's link fields, that the text does
    not hold already), and where it came from. Kramdown's attributes of a link or a span
    (``[paper](…){:target="_blank"}``, ``{: .red}``) and Pandoc's (``[paper](…){target="_blank"}``,
    ``{.badge}``) are markup, not text."""
    text = _without_attributes(text)
    title = _without_attributes(title)
    readable = plain(text)
    decided = classify_item(text, hint)
    kind = decided.kind
    venues: list[str] = []
    for venue in find_venues(readable):
        if venue.text not in venues:
            venues.append(venue.text)
    return ImportedItem(
        kind=kind,
        also=decided.also,
        rule=decided.rule,
        year_from=year_from,
        # a title the document gives is read as its words are shown, a link's words for the link
        # ("### [Poor sleep may account for …](https://…)", "<h2>… the <a href=…>NSF Career
        # Award</a>!</h2>"), as one read off the text is
        title=(plain(title) or title) if title else title_of(text),
        text=text,
        posted=posted,
        events=_with_own_events(_events(readable, kind, posted, order), own_events),
        venues=tuple(venues),
        links=_with_own(links(text), own_links),
        papers=paper_count(readable) if kind == "acceptance" else None,
        source_path=path,
        source_line=line,
        source_text=source,
        hint=hint,
    )


# ---------------------------------------------------------------------------------------------
# years not written


_NAMED_YEAR = re.compile(r"(?<![\d/.\-])((?:19|20)\d\d)(?![\d/])")


def _direction(items: list[ImportedItem]) -> int:
    """-1 when the list runs newest first, 1 oldest first, judged by its dates with a written year."""
    known = [i.posted.start for i in items if i.posted is not None and "year" not in i.posted.inferred]
    down = sum(1 for a, b in zip(known, known[1:], strict=False) if b < a)
    up = sum(1 for a, b in zip(known, known[1:], strict=False) if b > a)
    return 1 if up > down else -1  # news lists run newest first unless shown otherwise


def with_year(posted: FuzzyDate, year: int) -> FuzzyDate | None:
    """The same day or period in another year (None for 29 February in a year without it)."""
    try:
        start = posted.start.replace(year=year)
        end = posted.end.replace(year=year + (posted.end.year - posted.start.year))
    except ValueError:  # 29 Feb
        return None
    return dataclasses.replace(posted, start=start, end=end, instant=None, end_instant=None)


def settle_years(
    items: list[ImportedItem], *, today: dt.date, warnings: list[str], default_order: str = "dmy"
) -> list[ImportedItem]:
    """Give every yearless item of one list its year, and say where it came from.

    In order: the year heading above it (already applied, ``year_from="heading"``); the items
    around it (a list running newest first that wraps from January back to December moves to
    the previous year); one year named in the item itself ("ACL 2020"); the reference date. A
    list with no year written at all then starts in the year the most of its named years agree
    with (:func:`_by_named_years`). An item whose date then breaks the order of the list is
    flagged (``out_of_order``) and warned of.
    """
    items = list(items)
    direction = _direction(items)
    dated = [item.posted for item in items if item.posted is not None]
    first_year = dated[0].start.year if dated else today.year  # as the reference date gives it
    for index, item in enumerate(items):
        posted = item.posted
        if posted is None or "year" not in posted.inferred or item.year_from is not None:
            continue
        year, source = _year_from_neighbours(items, index, direction), "neighbours"
        if year is None:
            year, source = _year_named(item, today), "text"
        moved = with_year(posted, year) if year is not None and posted.time is None else None
        if moved is None:
            items[index] = dataclasses.replace(item, year_from="reference date")
        else:
            items[index] = dataclasses.replace(item, posted=moved, year_from=source)
    items = _by_named_years(items, first_year, today, warnings)
    items = _settle_day_month(items, direction, warnings, default_order)
    return _flag_out_of_order(items, direction, warnings)


def _year_named(item: ImportedItem, today: dt.date) -> int | None:
    """The one year an item names ("Reviewer for ACL 2020"), not after next year; None when it
    names none or several."""
    years = {int(y) for y in _NAMED_YEAR.findall(plain(item.text))}
    return years.pop() if len(years) == 1 and next(iter(years)) <= today.year + 1 else None


def _by_named_years(
    items: list[ImportedItem], first_year: int, today: dt.date, warnings: list[str]
) -> list[ImportedItem]:
    """A list none of whose dates writes its year ("Oct 24", "Sep 19" … down to "Nov 01"), its
    items' years settled one from the next: the year of its first item is the one that agrees
    with the most of the years its news name ("@ NeurIPS 2025": news of it comes in 2025 or the
    year before), the latest of those not after today; with none named, or none agreeing, the
    reference date's (``first_year``). So a home page's box left as it stood a year ago is read
    in the years it was written, and one old year named ("our ICML 2016 paper wins the test of
    time award") does not move a list whose other news name this year's venues."""
    dated = [(n, item.posted) for n, item in enumerate(items) if item.posted is not None]
    if not dated or any("year" not in p.inferred or items[n].year_from == "heading" for n, p in dated):
        return items
    first = dated[0][1]
    base = first.start.year
    named: list[tuple[int, int]] = []  # (the item's year less the first's, the year it names)
    naming: set[int] = set()  # the items that name a year
    for n, posted in dated:
        said = _year_named(items[n], today)
        if said is not None:
            named.append((posted.start.year - base, said))
            naming.add(n)

    def fits(year: int) -> bool:  # the first item not after today
        moved = with_year(first, year)
        return moved is not None and moved.start <= today

    votes: Counter[int] = Counter()  # each year of the first item, by the items it agrees with
    for k, said in named:
        votes[said - k] += 1
        votes[said - k - 1] += 1

    def agreeing(year: int) -> int:
        return votes[year]

    candidates = {first_year, *votes}
    best = max(
        (year for year in candidates if fits(year) or year == first_year),
        key=lambda year: (agreeing(year), year == first_year and agreeing(year) == 0, year),
    )
    if best == base:
        return items
    shift = base - best
    items = list(items)
    for n, posted in dated:
        moved = with_year(posted, posted.start.year - shift) if posted.time is None else None
        if moved is not None:
            source = "reference date" if not agreeing(best) else "text" if n in naming else "neighbours"
            items[n] = dataclasses.replace(items[n], posted=moved, year_from=source)
    if agreeing(best) and len(named) > 1:
        warnings.append(
            f"years not written: read from {best}, the year that agrees with {agreeing(best)} of the "
            f"{len(named)} years its news name"
        )
    return items


def _swapped(posted: FuzzyDate) -> FuzzyDate | None:
    """The other reading of an ambiguous day/month date ("7/1/2021": 7 Jan or 1 Jul)."""
    if posted.grain != "day" or posted.start != posted.end:
        return None
    try:
        day = posted.start.replace(month=posted.start.day, day=posted.start.month)
    except ValueError:
        return None
    return dataclasses.replace(posted, start=day, end=day, instant=None, end_instant=None)


def _settle_day_month(
    items: list[ImportedItem], direction: int, warnings: list[str], default_order: str = "dmy"
) -> list[ImportedItem]:
    """Dates whose day/month order nothing in the document settled (read day-first and flagged
    ambiguous) are settled by the list's order: where only one reading keeps an item between its
    neighbours, that reading votes for its order; the order the votes agree on (else the site's
    default) is how every such date of the list is read."""
    dated = [n for n, item in enumerate(items) if item.posted is not None]
    votes = {"dmy": 0, "mdy": 0}
    for k, n in enumerate(dated):
        posted = items[n].posted
        assert posted is not None
        other = _swapped(posted) if posted.ambiguous else None
        if other is None:
            continue
        before = items[dated[k - 1]].posted if k > 0 else None
        after = items[dated[k + 1]].posted if k + 1 < len(dated) else None

        def fits(day: dt.date, before: FuzzyDate | None = before, after: FuzzyDate | None = after) -> bool:
            ok = True
            if before is not None:
                ok &= day <= before.end if direction == -1 else day >= before.start
            if after is not None:
                ok &= day >= after.start if direction == -1 else day <= after.end
            return ok

        here, there = fits(posted.start), fits(other.start)
        if here != there:
            votes["dmy" if here else "mdy"] += 1
    order = default_order
    if votes["mdy"] and not votes["dmy"]:
        order = "mdy"
    elif votes["dmy"] and not votes["mdy"]:
        order = "dmy"
    if order == "mdy":
        swapped = 0
        for n in dated:
            posted = items[n].posted
            assert posted is not None
            other = _swapped(posted) if posted.ambiguous else None
            if other is not None:
                items[n] = dataclasses.replace(items[n], posted=other)
                swapped += 1
        if swapped:
            why = "the list's order" if votes["mdy"] else "the site's default"
            warnings.append(f"day/month order: {swapped} ambiguous date(s) read month-first, by {why}")
    return items


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


def _with_own_events(written: Sequence[Event], own: Sequence[Event]) -> tuple[Event, ...]:
    """The events the text tells, then those a record gives in fields of its own (a deadline
    field) that the text does not tell already (the same day)."""
    told = {(e.date.start, e.date.end) for e in written}
    return (*written, *(e for e in own if (e.date.start, e.date.end) not in told))


def _with_own(written: list[Link], own: Sequence[Link]) -> tuple[Link, ...]:
    seen = {link.href for link in written}
    return (*written, *(link for link in own if link.href not in seen))
