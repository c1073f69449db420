"""Folders of news, one file per item: al-folio ``_news/``, Hugo ``content/news|post/``, Jekyll
``_posts/``, and posts in reStructuredText (Sphinx, Pelican, Nikola) or Org.

Each file is one item. Its date is its front matter's ``date`` (YAML ``---`` or TOML ``+++``), or
the ``YYYY-MM-DD-`` its name starts with (Jekyll's rule) or a whole date inside its name
(``news_2022_06_15_award.rst``) or opening it unseparated (``20260214-report.html``), or the
``YYYY-MM-`` its name starts with (a month), or a date label opening its title or closing it
after a separator ("Design Started – January 2025"); a reStructuredText post's metadata is
Pelican's field list (``:date:``) or Nikola's comments (``.. date:``), an Org post's its
``#+DATE:`` and ``#+TITLE:``, and its title else its first heading. Its text is its title and its
body, except an al-folio ``inline: true`` item, whose title the site does not show. A section
page (``_index.md``) and drafts (``draft: true``) are not items.
Items come newest first, as the sites list them.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace
from typing import Any

from ..dates import DateParseError, FuzzyDate, parse
from .news import label_of
from .records import PLACEHOLDER_SAID, date_heading, overlaps, sample_summary, subject_date
from .structure import (
    HINT_KEYS,
    LANGUAGE_CODE,
    Block,
    Document,
    inline_text,
    language_of,
    markdown_document,
    markup_of,
    read_data,
    read_html,
    read_markdown,
    read_org,
    read_rst,
    record_date,
    records_page,
    split_front_matter,
)
from .templates import hidden_page, listing_sources
from .text import past_month_end, plain

# "2024-05-03-talk.md"; Jekyll also takes one-digit months and days ("2025-9-01-gaze.md")
_NAME_DATE = re.compile(r"^((?:19|20)\d\d)-(\d{1,2})-(\d{1,2})-")
# "2025-01-turbopump-design.md": a year and month opening the name, and no day
_NAME_MONTH = re.compile(r"^((?:19|20)\d\d)-(0[1-9]|1[0-2])-(?!\d)")
# "news_2022_06_15_award.rst", "2024_05_03.org": a whole date in the name, apart from its words
_NAME_DATE_ANYWHERE = re.compile(r"(?:^|[_\-])((?:19|20)\d\d)[_\-](\d\d)[_\-](\d\d)(?=[_\-.]|$)")
# "20260214-report.html", "20240501_talk.md": a date written without separators opening the name;
# "202502203.html", "2025022001.md": the third (or first) news of a day, numbered after its date
_NAME_COMPACT = re.compile(r"^((?:19|20)\d\d)(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])(?:\d{1,2}(?=\.))?(?=[-_.])")
# reStructuredText metadata: Pelican's field list (":date: 2024-05-03"), Nikola's comments
# (".. date: 2024/05/03 10:00"); Org's keywords ("#+DATE: <2024-05-03 Fri>")
_RST_FIELD = re.compile(r"^(?::(?=\w+:)|\.\.\s+)(\w+):(.*)$")
_ORG_KEYWORD = re.compile(r"^#\+(\w+):(.*)$")
_STAMP = re.compile(r"^((?:19|20)\d\d)-(\d\d)-(\d\d)(?=$|[ T])")
# "23-09-20 15:59:00-0400": a stamp opening with a two-digit year, month and day
_SHORT_STAMP = re.compile(r"^(\d\d)([-/.])(\d\d?)\2(\d\d?)(?=$|[ T])")


def day_before_month(stamp: str) -> str | None:
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


# the notes Hugo Academic's (Wowchemy's) archetypes write into every new publication and talk
# page, which their owners leave in ("Click the *Cite* button above to demo the feature …"): the
# theme's instructions, not the page's words; a line that is only such a note goes
_ARCHETYPE_NOTE = re.compile(
    r"^[ \t]*(?:Click the [*_]Cite[*_] button above to demo the feature to enable visitors to import "
    r"publication metadata into their reference management software\."
    r"|Click the [*_]Slides[*_] button above to demo [\w ]{0,40}slides feature\."
    r"|Create your slides in Markdown - click the [*_]Slides[*_] button to check out the example\."
    r"|Supplementary notes can be added here, including \[[^\]\n]{0,60}\]\([^)\s]{0,200}\)\.)[ \t]*$",
    re.M,
)


def _venue(meta: dict[str, Any]) -> str:
    """Where a Hugo Academic publication page says its paper appeared ("In *PAKDD2019*", its
    ``publication_short``, else its ``publication``), as plain text; "" for another page."""
    if not {"publication_types", "publication", "publication_short"} & meta.keys():
        return ""
    said = (
        _scalar_text(meta.get("publication_short")).strip() or _scalar_text(meta.get("publication")).strip()
    )
    return plain(said[:300])


def _truthy(value: Any) -> bool:
    return value is True or (isinstance(value, str) and value.strip().lower() in ("true", "yes", "1"))


# a post's front-matter fields that date it, as the site generators name them: Jekyll's and
# Hugo's ``date``, Astro's ``pubDate``, Hugo's ``publishDate``, Eleventy's and others' ``published``
# (a flag, ``published: true``, dates nothing); never ``lastmod`` or ``updated``
_POSTED_KEYS = ("newsfeed_posted", "date", "pubDate", "publishDate", "pubdate", "published", "publish_date")


# the words of a site's own name for the field that dates a post that say it is not the posting:
# ``lastModDate``, ``updatedDate``, ``expiryDate``, the end of an event's ``dateFrom``/``dateTo``
_NOT_POSTED_WORDS = frozenset(
    {"last", "mod", "modified", "update", "updated", "expiry", "expires", "end", "to", "until"}
)


def _field_words(key: str) -> set[str]:
    return {w.lower() for w in re.findall(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])", key)}


def _filed_words(filed: str) -> set[str]:
    return {w.lower() for w in re.findall(r"[^\W_]+", filed)}


def _posted_stamp(meta: dict[str, Any]) -> Any:
    """The value that dates a post, by the first of its date fields that holds one, then the same
    fields under Hugo's ``params:`` (``params: {date: Sep 22, 2025}``); else the first field whose
    name says date in a site's own words (``dateFrom``, ``news_date``, ``eventDate``), not one
    that says when it was changed or ends (``lastModDate``, ``dateTo``)."""
    for fields in (meta, meta.get("params")):
        if not isinstance(fields, dict):
            continue
        for key in _POSTED_KEYS:
            value = fields.get(key)
            if value is not None and value != "" and not isinstance(value, bool):
                return value
    for fields in (meta, meta.get("params")):
        if not isinstance(fields, dict):
            continue
        for key, value in fields.items():
            words = _field_words(key) if isinstance(key, str) else set()
            if (
                "date" in words
                and not words & _NOT_POSTED_WORDS
                and isinstance(value, (str, dt.date))
                and value
            ):
                return value
    return None


def name_day(name: str) -> tuple[int, int, int] | None:
    """The year, month and day a file's name writes out ("2024-05-03-talk.md", "20240501_talk.md")."""
    m = _NAME_DATE.match(name) or _NAME_DATE_ANYWHERE.search(name) or _NAME_COMPACT.match(name)
    return (int(m.group(1)), int(m.group(2)), int(m.group(3))) if m else None


def _year_first(stamp: str, name_day: tuple[int, int, int] | None) -> str:
    """A stamp opening with a two-digit year (``23-09-20 15:59:00-0400``) written out in full
    (``2023-09-20 15:59:00-0400``, time and zone kept) when the file's name spells out that
    same day (``2023-09-20.md``), as Jekyll reads it; read day first it would be 23 Sep 2020.
    Any other stamp as it is."""
    m = _SHORT_STAMP.match(stamp.strip())
    if m is None or name_day is None:
        return stamp
    year, month, day = name_day
    if (year % 100, month, day) != (int(m.group(1)), int(m.group(3)), int(m.group(4))):
        return stamp
    return f"{year:04d}-{month:02d}-{day:02d}{stamp.strip()[m.end() :]}"


def _file_date(path: str, meta: dict[str, Any], today: dt.date, warnings: list[str]) -> FuzzyDate | None:
    stamp = _posted_stamp(meta)
    name = path.replace("\\", "/").rsplit("/", 1)[-1]
    if stamp is not None and not isinstance(stamp, (dt.date, str)):
        stamp = str(stamp)
    if isinstance(stamp, str):
        stamp = _year_first(stamp, name_day(name))
        swapped = day_before_month(stamp)
        if swapped is not None:
            warnings.append(
                f"{path}:1: date {stamp!r} has no month {stamp[5:7]}: read as {swapped} (YYYY-DD-MM)"
            )
            stamp = swapped
        try:
            return parse(stamp.strip(), today=today)
        except DateParseError as exc:
            # a day the month does not have ("2025-11-31"): the month is what it surely says
            month = past_month_end(stamp.strip())
            try:
                found = parse(month, today=today) if month != stamp.strip() else None
            except DateParseError:
                found = None
            warnings.append(f"{path}:1: {exc}" + (f": dated {found.display()}" if found else ""))
            return found
    if stamp is not None:
        return record_date(stamp, month_year=False, today=today)[0]
    day = name_day(name)
    if day is not None:
        try:
            return parse(f"{day[0]}-{day[1]:02d}-{day[2]:02d}", today=today)
        except DateParseError:
            return None
    m = _NAME_MONTH.match(name)
    if m:
        return parse(f"{m.group(1)}-{m.group(2)}", today=today)
    return _summary_label(meta, today)


# a post's fields that summarise it, as a list of posts shows them under its title
_SUMMARY_KEYS = ("description", "summary", "excerpt", "abstract")


def _summary_label(meta: dict[str, Any], today: dt.date) -> FuzzyDate | None:
    """A post with no date of its own whose summary opens with one, as its list shows it under
    the title (``excerpt: "2021-4-27 &nbsp;&nbsp; Miyun, Beijing<br/>…"``): that date, a month or
    a day."""
    for key in _SUMMARY_KEYS:
        value = meta.get(key)
        if isinstance(value, str) and value.strip():
            found = label_of(inline_text(value[:300]), today=today, order=None, year=None, trailing=False)
            if found is not None and found[0].grain in ("month", "day", "minute"):
                return found[0]
    return None


# a post's body or title that is only what its template leaves in an unfilled field ("NULL",
# "None", "TBD", "xxxxx"): no text
_NO_TEXT = re.compile(r"\W*(?:(?:null|none|nil|n/?a|tbd|todo|x{3,}|\.{3}|…)\W*)?", re.I)


_MDX_MODULE_LINE = re.compile(r"^(?:import|export)\s[^\n]*$", re.M)


_HTML_PAGE = re.compile(r"\s*(?:<!--.{0,200}?-->\s*)?<(?:!doctype\s+html|html)\b", re.I | re.S)


def _body_text(body: str, line: int, *, titled: bool = True) -> tuple[str, str]:
    """(heading, text): a post's body as the prose a reader sees (headings, lists and paragraphs
    in order); a whole HTML page (``<!DOCTYPE html>``, a slide deck exported beside the notes)
    read as HTML, its styles and scripts no prose. A post with no title of its own (not
    ``titled``) whose body opens with a heading is titled by that heading, apart from the text."""
    read = read_html if _HTML_PAGE.match(body) else read_markdown
    blocks = [block for block in read(body, line_offset=line - 1) if block.text]
    heading = ""
    if not titled and blocks and blocks[0].kind == "heading":
        heading, blocks = blocks[0].text, blocks[1:]
    return heading, " ".join(block.text for block in blocks)


def _letters(text: str) -> str:
    """A text's letters and digits (of any script), lower case, its links read as their text."""
    return re.sub(r"[\W_]", "", plain(text)).lower()


def _opens_with(body: str, title: str) -> bool:
    """Whether a post's body opens by repeating its title (in other punctuation, its link
    written out): the title is then not put before it a second time."""
    head = _letters(title)
    return bool(head) and _letters(body[: len(title) * 4 + 400]).startswith(head)


def _markup_post(path: str, content: str) -> tuple[dict[str, Any], str, int] | None:
    """(metadata, body text, first line) of a reStructuredText or Org post; None for others.
    Its title is its ``title`` field, else its first heading (left out of the body)."""
    lower = path.lower()
    if lower.endswith(".rst"):
        pattern, reader = _RST_FIELD, read_rst
    elif lower.endswith(".org"):
        pattern, reader = _ORG_KEYWORD, read_org
    else:
        return None
    meta: dict[str, Any] = {}
    for line in content.splitlines()[:40]:
        m = pattern.match(line.strip())
        if m:
            key, value = m.group(1).lower(), m.group(2).strip()
            meta.setdefault(key, value.strip("<>[] ") if key == "date" else value)
    blocks = [
        b
        for b in reader(content)
        if not (b.kind == "entry" and pattern.match((b.source.strip().splitlines() or [""])[0]))
    ]
    heading = next((b for b in blocks if b.kind == "heading"), None)
    if not meta.get("title") and heading is not None:
        meta["title"] = heading.text
        blocks = [b for b in blocks if b is not heading]
    body = " ".join(b.text for b in blocks if b.text)
    return meta, body, (blocks[0].line if blocks else 1)


# a repository's own documents, not posts: README, LICENSE, CONTRIBUTING, CHANGELOG …, and any
# name written in capitals ("DEPLOY_NOTES.md"), as such documents are named
_REPOSITORY_DOC = re.compile(
    r"(?i:readme|licen[cs]e|contributing|changelog|changes|code_of_conduct|security|authors|todo|tasks)(?:\.|$)"
    r"|[A-Z][A-Z0-9]*(?:[_-][A-Z0-9]+)*\.(?:md|markdown|txt|rst|org)$"
)


def repository_document(file_name: str) -> bool:
    """Whether a file is the repository's own document (README, LICENSE, CHANGELOG …), not news."""
    return bool(_REPOSITORY_DOC.match(file_name))


def _scalar_text(value: object) -> str:
    """A front matter field's text: a string, number or date as written, a list's texts joined;
    a mapping is no text (never its printed form)."""
    if isinstance(value, list):
        return " ".join(_scalar_text(v) for v in value if not isinstance(v, list | dict)).strip()
    if value is None or isinstance(value, dict | bool):
        return ""
    return str(value)


def own_page(path: str, folder: str) -> bool:
    """Whether a file is its folder's own page, not a post: Hugo's section page (``_index.md``,
    at any depth), or an ``index.*`` at the folder's top (a listing page: Quarto's, a site's); a
    page bundle's ``post/index.md`` is a post."""
    parent, _, file_name = path.replace("\\", "/").rpartition("/")
    top = parent == folder.replace("\\", "/").rstrip("/")
    return file_name.startswith("_index.") or (file_name.startswith("index.") and top)


# data files a folder of them holds (Hugo's data/news/2024/en.yaml): read when it holds no documents
DATA_FILE_SUFFIXES = (".yml", ".yaml", ".json", ".toml")
# a post's category or tag that files it as a theme's sample ("sample-posts", "demo", "example"),
# or under the site generator itself, as Jekyll themes file theirs ("jekyll update" of Minima's
# "Welcome to Jekyll!", "jekyll pixyll" of Pixyll's eight): a lab files its news otherwise
_SAMPLE_FILED = re.compile(
    r"(?<![\w-])(?:(?:sample|demo|example|dummy)(?:[-_ ]?posts?)?s?|jekyll)(?![\w-])", re.I
)


def has_own_date(path: str, content: str, *, today: dt.date) -> bool:
    """Whether a file of a folder gives its own date, as a post does: its front matter (or a
    reStructuredText or Org post's metadata), its name, or a date label in its title; a data
    file's records carry theirs."""
    if path.lower().endswith(DATA_FILE_SUFFIXES):
        return True
    markup = _markup_post(path, content)
    meta = markup[0] if markup is not None else (split_front_matter(content)[0] or {})
    if _file_date(path, meta, today, []) is not None:
        return True
    title = plain(inline_text(_scalar_text(meta.get("title")))).strip()
    dated = date_heading(title, today=today, order=None) if title else None
    return dated is not None and bool(dated[1])


def _language_part(path: str) -> tuple[tuple[str, str, str], str] | None:
    """The (folder, name, suffix) a file shares with its versions in other languages, and the
    language its name gives: "post/index.zh.md" is (("post", "index", ".md"), "zh"),
    "post/award.md" (("post", "award", ".md"), ""), as the site's default language; None for a
    name with no suffix."""
    folder, _, file_name = path.replace("\\", "/").rpartition("/")
    parts = file_name.split(".")
    if len(parts) < 2:
        return None
    suffix = "." + parts[-1].lower()
    if language_of(parts[-2]) and LANGUAGE_CODE.fullmatch(parts[-2]):
        return (folder, ".".join(parts[:-2]), suffix), parts[-2]
    return (folder, ".".join(parts[:-1]), suffix), ""


def one_language_files(files: list[tuple[str, str]]) -> tuple[list[tuple[str, str]], int]:
    """A folder's files with each file kept once per language (Hugo's ``index.en.md`` and
    ``index.zh.md``, ``award.md`` and ``award.zh.md``, a data folder's ``en.yaml``, ``ja.yaml``,
    ``zh.yaml``) in one version: the one with no language in its name (the site's default),
    else English, else the first; and how many versions were left out. A name that is only a
    language ("de.md") with no other version is a post like any other."""
    versions: dict[tuple[str, str, str], list[tuple[str, int]]] = {}
    for n, (path, _) in enumerate(files):
        found = _language_part(path)
        if found is not None:
            versions.setdefault(found[0], []).append((found[1], n))
    dropped: set[int] = set()
    for group in versions.values():
        if len(group) < 2 or all(not lang for lang, _ in group):
            continue
        keep = next((n for lang, n in group if not lang), None)
        if keep is None:
            keep = next((n for lang, n in group if language_of(lang) == "en"), group[0][1])
        dropped |= {n for _, n in group if n != keep}
    return [f for n, f in enumerate(files) if n not in dropped], len(dropped)


# a file named by a date of zeros ("0000-00-00.md", "0000-00-00-template.md"): the blank its
# owner copies for a new post, its fields empty ("date: ''", "### title")
_ZERO_DATE = re.compile(r"0000[-_.]?00[-_.]?00(?!\d)")


def read_folder(files: list[tuple[str, str]], *, today: dt.date, name: str = "") -> Document:
    """One entry per file of a folder, newest first; a data file gives its records (Hugo's
    ``data/news/2024/en.yaml``)."""
    warnings: list[str] = []
    rows: list[tuple[FuzzyDate | None, str, Block]] = []
    shapes: set[str] = set()
    sample_filed: set[str] = set()  # the words the theme's sample posts are filed under
    samples = 0
    filed_under: dict[str, set[str]] = {}  # each post's words of the same fields
    files, translations = one_language_files(files)
    if translations:
        warnings.append(f"{translations} file(s) kept in another language beside the one read: not imported")
    documents: list[str] = []
    listed: dict[str, None] = {}  # what the home page's sections kept here list
    for path, content in files:
        file_name = path.replace("\\", "/").rsplit("/", 1)[-1]
        if _REPOSITORY_DOC.match(file_name):
            documents.append(file_name)
            continue
        if own_page(path, name) or file_name.startswith("_"):
            continue  # Astro and Jekyll leave a file named "_…" out of a collection ("_README.md")
        if _ZERO_DATE.match(file_name):
            warnings.append(f"{path}: a template for new posts (named by the date 0000-00-00), not imported")
            continue
        kind = markup_of(content, path) if file_name.lower().endswith(DATA_FILE_SUFFIXES) else ""
        if kind in ("yaml", "json", "toml"):
            data = read_data(content, kind, today=today, name=path, one_record=True)
            entries = [replace(b, path=path) for b in data.blocks if b.kind == "entry"]
            warnings += [f"{path}: {w}" for w in data.warnings if entries or not w.startswith("no list")]
            shapes.add("folder of data files")
            rows += [(b.date, path, b) for b in entries]
            continue
        markup = _markup_post(path, content)
        if markup is not None:
            meta, text, line = markup
            markup_name = "reStructuredText" if path.lower().endswith(".rst") else "Org"
            shapes.add(f"folder of {markup_name} posts")
        else:
            found, body, line = split_front_matter(content)
            meta = found or {}
            if path.lower().endswith(".mdx"):  # MDX: its import and export lines are code
                body = _MDX_MODULE_LINE.sub("", body)
            if "button" in body or "Supplementary notes" in body:
                body = _ARCHETYPE_NOTE.sub("", body)
            heading, text = _body_text(body, line, titled=bool(_scalar_text(meta.get("title")).strip()))
            if heading:
                meta = {**meta, "title": heading}
            if len(text) <= 40 and _NO_TEXT.fullmatch(text):  # "NULL", "xxxxx": a field left unfilled
                text = ""
            shown = listing_sources(meta) if meta.get("widget") or meta.get("block") else []
            if shown:
                # a section of a Hugo Academic home page kept in the news folder (``posts.md``,
                # ``widget = "pages"``, ``page_type = "talk"``): it shows the pages it lists,
                # which are the news, and is no post itself
                warnings.append(
                    f"{path}:1: a section of the home page listing {', '.join(shown)}, not a post"
                )
                listed.update(dict.fromkeys(shown))
                continue
            if meta.get("widget") and _truthy(meta.get("headless")) and not hidden_page(meta):
                # a section of a Hugo Academic home page kept in the folder that shows what its
                # body holds (``widget = "blank"``, titled "新闻" over its dated paragraphs): its
                # news, not one post titled by the section
                page = markdown_document(content, today=today)
                shapes.add("section of the home page")
                warnings += page.warnings
                rows += [(b.date, path, replace(b, path=path)) for b in page.blocks if b.kind == "entry"]
                continue
            if records_page(meta, body) and not hidden_page(meta):
                # a page of the folder that keeps the news as records in its front matter
                # (``news: [{title: …, date: …}, …]``, which its layout renders): its records
                page = markdown_document(content, today=today)
                shapes.add("page with news records in its front matter")
                warnings += page.warnings
                rows += [(b.date, path, replace(b, path=path)) for b in page.blocks if b.kind == "entry"]
                continue
        hidden = hidden_page(meta) or (
            "a draft" if str(meta.get("status") or "").strip().lower() == "draft" else ""
        )
        if hidden:
            warnings.append(f"{path}:1: {hidden}, not shown on the site: not imported")
            continue
        filed = " ".join(_scalar_text(meta.get(k)) for k in ("categories", "category", "tags"))
        if _SAMPLE_FILED.search(filed):
            # filed by the theme as its sample ("categories: sample-posts", al-folio's 31 posts)
            warnings.append(f"{path}:1: filed as {filed.strip()!r}: {PLACEHOLDER_SAID}, not imported")
            sample_filed.update(_filed_words(filed))
            samples += 1
            continue
        filed_under[path] = _filed_words(filed)
        summary = next(
            (k for k in ("summary", "abstract", "description") if sample_summary(_scalar_text(meta.get(k)))),
            None,
        )
        if summary is not None:
            # a theme's sample whose body the owner may have edited but whose front matter still
            # says what it is (Hugo Blox's example event: "summary: An example event.", its
            # abstract lorem ipsum)
            warnings.append(f"{path}:1: its {summary} is {PLACEHOLDER_SAID}, not imported")
            continue
        if "inline" in meta:
            shapes.add("al-folio _news folder")
        elif _NAME_DATE.match(file_name):
            # Jekyll's naming (2024-05-01-title.md), which Hugo and Next.js sites use too: the
            # folder is "Jekyll _posts folder" only when it is _posts/
            shapes.add("folder of posts named by date")
        elif content.lstrip().startswith("+++"):
            shapes.add("Hugo content folder")
        posted = _file_date(path, meta, today, warnings)
        if posted is not None and posted.start.year > today.year + 1:
            # "date: 2036-04-12" on a lab's first news, "The website is live!": a slip of a
            # digit, which a generator's build would not publish until then either
            warnings.append(
                f"{path}:1: dated {posted.display()}, more than a year after today: a slip in its date?"
            )
        badges: list[str] = []
        # a title as the feed shows it: its HTML ("<strong>…</strong>", a badge) read, plain text
        title = plain(inline_text(_scalar_text(meta.get("title")), badges)).strip()
        title = "" if len(title) <= 40 and _NO_TEXT.fullmatch(title) else title
        dated = date_heading(title, today=today, order=None) if title else None
        if dated is not None and dated[1]:  # "Design Started – January 2025"
            if posted is None:
                posted, title = dated
            elif overlaps(dated[0], posted):
                title = dated[1]  # the title repeats the date the file gives
        inline = _truthy(meta.get("inline"))
        if posted is not None and title:
            # a body opening with the post's own date ("# May, 2026: Showcase …" in a post of
            # 1 May 2026) after its title: a label repeating it, left out (a year alone names
            # what follows: "2020 BoB CTF Write-up")
            label = label_of(text, today=today, order=None, year=posted.start.year, trailing=False)
            if (
                label is not None
                and label[0].grain != "year"
                and overlaps(label[0], posted)
                and not subject_date(text, label[1])
            ):
                text = label[1]
        if title and not inline and not _opens_with(text, title):
            text = f"{title} {text}".strip()
        if not text:
            # a post with no title and no body that keeps its words in its summary field
            # (``description:``, ``summary:``, ``excerpt:``), which the site's list shows
            said = next(
                (_scalar_text(meta.get(k)) for k in _SUMMARY_KEYS if _scalar_text(meta.get(k)).strip()), ""
            )
            text = plain(inline_text(said)).strip()
        if not text:
            warnings.append(f"{path}:{line}: empty news item, not imported")
            continue
        event = _scalar_text(meta.get("event")).strip()[:300]
        if event:
            # a Hugo Academic talk (``content/talk/``, ``content/event/``): its title names the
            # talk, its ``event`` and ``location`` where it was given, as the site's list shows them
            where = ", ".join(w for w in (event, _scalar_text(meta.get("location")).strip()[:300]) if w)
            text = text if event.lower() in text.lower() else f"{text}\n\n{where}"
        venue = "" if event else _venue(meta)
        if venue:
            # a Hugo Academic publication (``content/publication/``): its title names the paper,
            # ``publication_short`` or ``publication`` where it appeared, as the site's list shows it
            text = text if venue.lower() in text.lower() else f"{text}\n\n{venue}"
        hint = meta.get("categories") or meta.get("category") or meta.get("tags") or ""
        if not hint:  # another field naming the post's category ("type_tag: publication")
            hint = next((v for k, v in meta.items() if HINT_KEYS.match(str(k)) and isinstance(v, str)), "")
        hint = hint or " ".join(badges)  # a badge its title draws ("Featured")
        # a page naming the event it was given at is a talk's, one naming its venue a paper's,
        # whatever tags it has besides ("tags: [Other]")
        hint = " ".join(
            w for w in (_scalar_text(hint), "talk" if event else "publication" if venue else "") if w
        )
        block = Block(
            "entry",
            text,
            line,
            bullet=True,
            title="" if inline else title,
            date=posted,
            source=content,
            hint=_scalar_text(hint),
            group=1,
            undated_ok=True,
            path=path,
        )
        rows.append((posted, path, block))
    if samples and 2 * samples >= samples + len(rows):
        # the theme's other samples, filed only under what its samples are filed under
        # ("categories: [tutorial]" beside three "[Jekyll, tutorial]" posts of Mediumish)
        siblings = {p for p, words in filed_under.items() if words and words <= sample_filed}
        for path in sorted(siblings):
            warnings.append(f"{path}:1: filed as the theme's samples are: {PLACEHOLDER_SAID}, not imported")
        rows = [r for r in rows if r[1] not in siblings]
    rows.sort(key=lambda r: (r[0].sort_key() if r[0] else (0,), r[1]), reverse=True)
    folder = name.replace("\\", "/").rstrip("/").rsplit("/", 1)[-1]
    if folder == "_news":
        shapes = {"al-folio _news folder"}
    elif folder == "_posts":
        shapes = {"Jekyll _posts folder"}
    described = " and ".join(sorted(shapes)) or "folder of news files"
    blocks = [block for _, _, block in rows]
    files_read = len({path for _, path, _ in rows})
    if not rows and listed:
        warnings.append(
            f"a template: its news are read from {' and '.join(list(listed)[:3])} — import that instead"
        )
    if not rows and documents:
        # a repository of an application (a Django site keeping its news in a database): its
        # README says how to run it, no news
        warnings.append(
            f"{', '.join(documents[:5])}: the repository's own document{'s' * (len(documents) > 1)}, not news"
        )
    return Document(
        "folder", f"{described}, {files_read} file{'' if files_read == 1 else 's'}", blocks, warnings
    )
