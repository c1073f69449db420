"""Importers: text in, items out. Pure: no Flask, no SQLAlchemy, no clock.

``read_document`` picks the format (or takes the one given) and returns an ImportResult whose
items carry their kind and the rule that chose it, dates, events, venues, links and source lines.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import itertools
import re
from dataclasses import replace

from ..dates import DateOrder
from ..text import clean
from .cfp import looks_like_cfp, parse_cfp
from .folders import has_own_date, one_language_files, own_page, read_folder
from .listing import HEADER as LISTING_HEADER
from .listing import parse_listing
from .model import FORMATS, KINDS, Event, ImportedItem, ImportResult, Link, UnreadableDocument
from .publications import ENTRY as PUBLICATION_ENTRY
from .publications import parse_publications
from .records import read_items
from .structure import (
    NEWS_HEADING,
    OTHER_HEADING,
    Block,
    Document,
    markup_of,
    named_news,
    names_news,
    news_document,
    records_page,
    split_front_matter,
    strip_templates,
)
from .templates import hidden_page
from .text import looks_like_html

__all__ = [
    "FORMATS",
    "KINDS",
    "Event",
    "ImportResult",
    "ImportedItem",
    "Link",
    "UnreadableDocument",
    "detect_format",
    "parse_text",
    "parse_folder",
]

MAX_BYTES = 20_000_000
MAX_LINE = 100_000  # characters: a news item is a paragraph, not a megabyte


def check_document(text: str, *, name: str = "the text") -> str:
    """The text as importers read it, or UnreadableDocument saying why not (the same message on
    the command line and in the admin page): no NUL anywhere, at most MAX_BYTES, and (but in
    HTML, where a whole page may be written on one line) no line longer than MAX_LINE; other
    control characters and bidi overrides are removed."""
    if len(text) > MAX_BYTES:
        raise UnreadableDocument(f"{name}: {len(text):,} characters is more than the {MAX_BYTES:,} allowed")
    nul = text.find("\x00")
    if nul >= 0:
        line = text.count("\n", 0, nul) + 1
        raise UnreadableDocument(f"{name}: a NUL byte at line {line}: a binary file, not text")
    start = 0
    number = 1
    if looks_like_html(text):
        start = len(text) + 1  # a page may be one line: the HTML is split at its tags instead
    while start <= len(text):
        end = text.find("\n", start)
        end = len(text) if end < 0 else end
        if end - start > MAX_LINE:
            raise UnreadableDocument(
                f"{name}: line {number} is {end - start:,} characters long, more than the {MAX_LINE:,} "
                "a news item may have"
            )
        start = end + 1
        number += 1
    return clean(text)


def detect_format(text: str, path: str = "") -> str:
    """The format a document is written in, from its content (and its name)."""
    meta, body, _ = split_front_matter(text)
    markup = markup_of(text, path)
    if (
        meta
        and markup not in ("json", "yaml", "toml", "csv", "tsv")  # a data file's keys are its records'
        and "date" in meta
        and not meta.get("sections")
        and not meta.get("widget")  # a section of the home page (Hugo Academic), not a post
        and not records_page(meta, body)  # a page of news records its layout renders
        and not hidden_page(meta)
        and len(body.strip()) < 20_000
    ):
        return "alfolio"  # one file of a news folder: its date in the front matter
    if markup not in ("markdown", "html"):
        return "news"
    lines = text.splitlines()
    if sum(1 for line in lines if LISTING_HEADER.match(line.strip())) >= 2:
        return "listing"
    if sum(1 for line in lines if PUBLICATION_ENTRY.match(line) and line.lstrip().startswith("[")) >= 3:
        return "publications"
    if looks_like_cfp(text):
        return "cfp"
    return "news"


def parse_text(
    text: str,
    *,
    today: dt.date,
    fmt: str = "auto",
    date_order: DateOrder | None = None,
    default_order: DateOrder = "dmy",
    path: str = "",
) -> ImportResult:
    """Items from one document's text (the admin page's paste-and-preview uses this too)."""
    text = check_document(text, name=path or "the text")
    detected = fmt == "auto"
    if detected:
        fmt = detect_format(text, path)
    if fmt == "news":
        document = news_document(text, path=path, today=today)
        if _news_page(path, markup_of(text, path), document):
            # the page is the News by its name: read as under its heading, undated news kept
            document.blocks.insert(0, Block("heading", "News", 0, level=0))
        result = read_items(
            document, today=today, date_order=date_order, default_order=default_order, path=path
        )
    elif fmt == "publications":
        result = parse_publications(text, today=today, path=path)
        result.description = "numbered publication list"
    elif fmt == "listing":
        result = parse_listing(text, today=today, path=path)
        result.description = "scraped paper listing"
    elif fmt == "cfp":
        result = parse_cfp(text, today=today, path=path)
        result.description = "workshop call with milestones"
    elif fmt == "alfolio":
        result = read_items(read_folder([(path or "pasted.md", text)], today=today), today=today, path=path)
        if detected:
            # a page whose front matter has a date (Hugo writes one into every page) but whose
            # body lists two or more dated news is that list, not one post
            listed = read_items(
                news_document(text, path=path, today=today),
                today=today,
                date_order=date_order,
                default_order=default_order,
                path=path,
            )
            if sum(1 for item in listed.items if item.posted is not None) >= 2:
                result = listed
    else:
        raise UnreadableDocument(f"unknown format {fmt!r} (one of auto, {', '.join(FORMATS)})")
    return with_year_sources(result)


def _news_page(path: str, markup: str, document: Document) -> bool:
    """Whether a page is the site's News by its name (``news.md``, ``updates.html``, the section
    page ``content/news/index.md``) and no heading of it says where its News is or names another
    list ("Publications"): all of it is the News, its undated headings and paragraphs the news as
    under a heading "News" (a page of one heading per story, none dated, had been read as none)."""
    if markup in ("json", "yaml", "toml", "csv", "tsv", "js"):
        return False  # a data file or a script: its records are read as records
    parts = path.replace("\\", "/").lower().rsplit("/", 2)
    stem = parts[-1].rsplit(".", 1)[0]
    if stem in ("index", "_index") and len(parts) > 1:
        stem = parts[-2]
    if not named_news(stem):
        return False
    headings = [b.text for b in document.blocks if b.kind == "heading"]
    return not any(names_news(h) or _list_name(h) for h in headings)


_NAME_WORD = re.compile(r"[^\W\d_]+")


def _list_name(heading: str) -> bool:
    """Whether a heading is the name of another list: a word or two ("Publications", "Invited
    talks"), or three in capitals or joined by "and" ("Awards and Honours", "Selected Journal
    Papers"), one of them naming the list; "Melanie wins award" is a story."""
    words = _NAME_WORD.findall(heading[:200])
    if not words or len(words) > 3:
        return False
    # a word of the list's name, or a few ideographs holding it ("科研成果")
    named = (
        OTHER_HEADING.fullmatch(w) or (not w.isascii() and len(w) <= 8 and OTHER_HEADING.search(w))
        for w in words
    )
    if not any(named):
        return False
    return len(words) <= 2 or all(w[0].isupper() or w.lower() in ("and", "of") for w in words)


def with_year_sources(result: ImportResult) -> ImportResult:
    """Every item whose year was not written says where it came from; what no context settled
    came from the reference date (``today``, ``--today`` on the CLI, the preview's field)."""
    result.items = [
        dataclasses.replace(item, year_from="reference date")
        if item.posted is not None and "year" in item.posted.inferred and item.year_from is None
        else item
        for item in result.items
    ]
    return result


def parse_folder(
    files: list[tuple[str, str]], *, today: dt.date, fmt: str = "auto", name: str = "the folder"
) -> ImportResult:
    """Items from the files of a folder, as (path, text) pairs: one item per file (al-folio
    ``_news/``, Hugo ``content/post/``, Jekyll ``_posts/``)."""
    if fmt not in ("auto", "alfolio", "news"):
        raise UnreadableDocument(f"{name}: a folder is read as a folder of news files (one item per file)")
    if not files:
        raise UnreadableDocument(
            f"{name}: no news files (.md, .markdown, .mdx, .qmd, .Rmd, .html, .rst, .org; "
            ".yml, .yaml, .json, .toml when it holds no documents) in this folder"
        )
    checked: list[tuple[str, str]] = []
    refused: list[str] = []
    for path, text in files:
        try:
            checked.append((path, check_document(text, name=path)))
        except UnreadableDocument as exc:  # one file a reader refuses: the folder's others are read
            refused.append(f"not read: {exc}")
    if not checked:
        raise UnreadableDocument(refused[0].removeprefix("not read: "))
    archives: list[ImportResult] = []
    kept, translations = one_language_files(checked)  # a page kept once per language: one read
    listed = _section_list(kept, today=today, name=name)
    if listed is not None:
        return listed
    for path, text in kept:
        # the folder's own page (_index.md) is read below, only when the folder has no posts
        archive = None if own_page(path, name) else _archive_page(path, text, today=today)
        if archive is not None:
            archives.append(archive)
    if archives:
        paths = {item.source_path for archive in archives for item in archive.items}
        checked = [(path, text) for path, text in kept if path not in paths]
    document = read_folder(checked, today=today, name=name) if checked else Document("folder", "", [])
    result = with_year_sources(read_items(document, today=today, path=name))
    result.warnings += refused
    if archives:
        result = _with_archives(result, archives)
        if translations:
            result.warnings.append(
                f"{translations} file(s) kept in another language beside the one read: not imported"
            )
    if result.items:
        return result
    # no posts in the folder: a section whose own page (Hugo's _index.md, an index.md or
    # index.qmd at its top) holds the news list
    for path, text in checked:
        if own_page(path, name):
            page = parse_text(text, today=today, fmt="news", path=path)
            if page.items:
                shown = path.replace("\\", "/").rpartition("/")[2]  # the folder names where it is
                page.description = f"the section page {shown}: {page.description}"
                return page
            break
    return result


def _section_list(files: list[tuple[str, str]], *, today: dt.date, name: str) -> ImportResult | None:
    """A section whose own page (Hugo's ``_index.md``) lists its news, dated (``{{< news-row
    date="2026.02" >}}Our paper …``), beside pages with no date of their own (an "All News and
    Events" page of years, an about page): the own page's list, when it is one as an archive
    page is (:func:`_archive_page`); its other pages are the section's pages, not news, and the
    report names them. None when any other page is dated as a post is: the posts are the news."""
    own = [(path, text) for path, text in files if own_page(path, name)]
    others = [path for path, text in files if not own_page(path, name)]
    if not own or not others or any(has_own_date(p, t, today=today) for p, t in files if p in others):
        return None
    listed = _archive_page(own[0][0], own[0][1], today=today)
    if listed is None:
        return None
    shown = ", ".join(others[:5]) + (f" and {len(others) - 5} more" if len(others) > 5 else "")
    listed.warnings.append(f"{shown}: no date of their own beside the section page's list: not imported")
    return listed


# a year, a month's name or a day's number opening a line, a list item or an element ("- (Apr-25)
# …", "<div class="date">2026/04/01", "* 12 May 2024: …"): a page with fewer than four such holds
# no list of four dated news, and is not read a second time
_DATE_LEAD = re.compile(
    r"(?:^|(?<=[\n>]))[ \t]{0,20}(?:[-*+•|]|\d{1,3}[.)])?[ \t]{0,5}[(\[*_]{0,3}"
    r"(?:(?:19|20)\d\d(?!\d)|(?i:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]{0,6}\b"
    r"|[0-3]?\d(?:st|nd|rd|th)?[ ./-]{1,2}(?:[01]?\d|(?i:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)))"
)
_ARCHIVE_WORD = re.compile(r"\barchives?\b", re.I)
_PERIOD = re.compile(r"(?:19|20)\d\d(?:\s{0,3}[-–—_]\s{0,3}(?:19|20)\d\d)?")
_ARCHIVE_NAME = re.compile(r"\barchives?\b|\ball\b", re.I)  # "News Archive", "All News", all.html


def _archive_page(path: str, text: str, *, today: dt.date) -> ImportResult | None:
    """A page of a folder of news that is itself a list of them (a "News Archive" page kept in
    ``content/news/``, a built "All News" page in ``news/``, a page of the years "2007-2011"):
    its news, when its title, first heading or name says news or an archive or names its years,
    and it lists at least four dated news of two months or more that make up most of its text;
    None for a post (whose schedule of talks or list of important dates stays that one post)."""
    shown_text = strip_templates(text) if "{{" in text else text  # a shortcode's date shown
    if sum(1 for _ in itertools.islice(_DATE_LEAD.finditer(shown_text), 4)) < 4:
        return None  # the cheap test first: most posts are not such pages
    meta, _, _ = split_front_matter(text)
    if meta and hidden_page(meta):
        return None  # a draft: the folder's reading says so
    file_name = path.replace("\\", "/").rsplit("/", 1)[-1]
    title = str((meta or {}).get("title") or "")
    # a page of a period of the archive ("2007-2011", "2024"), by its title or its name
    period = any(_PERIOD.fullmatch(t.strip()) for t in (title, file_name.split(".")[0]))
    stem = file_name.rsplit(".", 1)[0].replace("-", " ").replace("_", " ")
    named = "archive" if period else f"{title} {stem}"
    if not (NEWS_HEADING.search(named) or _ARCHIVE_NAME.search(named)):
        if not (NEWS_HEADING.search(text) or _ARCHIVE_WORD.search(text)):
            return None  # no heading can say so either: the page is not read twice
        named = ""
    document = news_document(text, path=path, today=today)
    if not named:
        heading = next((b.text for b in document.blocks if b.kind == "heading"), "")
        if not (NEWS_HEADING.search(heading) or _ARCHIVE_NAME.search(heading)):
            return None
    listed = read_items(document, today=today, path=path)
    dated = [item for item in listed.items if item.posted is not None]
    months = {(item.posted.start.year, item.posted.start.month) for item in dated if item.posted}
    shown = sum(len(block.text) for block in document.blocks)
    # each news with the date it is labelled with ("May 2023: …", a grid's date beside its text)
    listed_text = sum(len(item.text) + len(item.posted.text if item.posted else "") for item in dated)
    if len(dated) < 4 or len(months) < 2 or 5 * listed_text < 3 * shown:
        return None
    listed.items = [replace(item, source_path=item.source_path or path) for item in listed.items]
    listed.description = f"{file_name}, a page listing news ({listed.description})"
    return listed


def _with_archives(result: ImportResult, archives: list[ImportResult]) -> ImportResult:
    """A folder's posts and the news its archive pages list, newest first (undated last)."""
    items = [*result.items, *(item for archive in archives for item in archive.items)]
    items.sort(key=lambda item: item.posted.sort_key() if item.posted else (0,), reverse=True)
    described = "; ".join(archive.description for archive in archives)
    merged = ImportResult(
        format="folder",
        description=f"{result.description}; {described}"
        if result.items
        else f"folder of news files: {described}",
    )
    merged.items = items
    merged.warnings = [*(result.warnings if result.items else []), *(w for a in archives for w in a.warnings)]
    return merged
