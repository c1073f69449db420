"""Documents as structure: every format read by a real parser into one sequence of blocks.

A reader turns a document into :class:`Block` values in document order: **headings** (with their
level) and **entries** (a list item, a table row, a card, a paragraph, a data record, a file of a
folder). An entry carries its text as Markdown-ish prose (links as ``[text](href)``) and, when the
structure itself says so, its date (a data field, a front matter key, a file name, a ``<time>``)
and its title. :mod:`.records` then finds the News among them and makes items, the same way for
every format.

Readers, by what the document is:

- **Markdown** through markdown-it-py (CommonMark and tables): headings, top-level list items (a
  nested list belongs to its item), paragraphs, tables, and raw HTML blocks read as HTML; front
  matter (``---`` YAML or ``+++`` TOML) read as data when it holds the news;
- **HTML** through lxml's tolerant parser: headings, outermost list items, paragraphs (split at
  ``<br><br>``), table rows, definition lists and repeated cards (an ``<article>``, or siblings
  of one class that each hold a heading); comments, scripts and styles are not content;
- **data files** (YAML, JSON, TOML): the list of records (or the mapping from dates to texts)
  that looks most like news, its fields recognised by their content;
- **org-mode** and **reStructuredText**: headings, lists and paragraphs (drawers, ``#+`` lines,
  comments and directives are not content);
- **JavaScript** that writes HTML (``document.write('<ul>…')``): the string, unescaped, as HTML;
- **folders** (al-folio ``_news/``, Hugo ``content/post/``, Jekyll ``_posts/``): one entry per
  file, dated by its front matter or its file name.

Pure: text in, blocks out (the files of a folder are read by :mod:`newsfeed.adapters.files`).
"""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import io
import itertools
import json
import re
import tomllib
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from html import escape as html_escape
from html import unescape as html_unescape
from typing import Any

import yaml
from lxml import etree
from lxml import html as lxml_html
from markdown_it import MarkdownIt

from ..dates import DateOrder, DateParseError, FuzzyDate, find_dates, infer_date_order, parse
from ..dates.model import month_end
from .jsdata import js_data, js_strings
from .model import Event, Link
from .templates import hidden_page, listing_sources, loop_sources, without_loops
from .text import RELATIVE_DAY, link_rel, mended_date

# Chinese, Korean and Japanese write words without spaces ("新闻动态", "최근 소식"): their words are
# matched anywhere in the heading, without word boundaries. "Update" names the news where it ends
# the heading ("Latest Update", "Update:"), not where the thing updated follows it ("Update
# Steps", "Update the backend": a README's instructions).
NEWS_HEADING = re.compile(
    r"\b(news|updates|update(?![ \t]+\w)|announcements?|highlights|what'?s\s+new|recent\s+activit\w*|timeline"
    r"|latest(?!\s+(?:posts?|blog\w*|publications?|papers?|preprints?|projects?|talks?|articles?|videos?|works?)\b)"
    r"|happenings|neuigkeiten|aktuelles|nouvelles|actualit[ée]s|nouveaut[ée]s|noticias|novedades"
    r"|not[íi]cias|novidades|novità|notizie|nieuws|nyheter|uutiset|aktualno[śs]ci|новости)\b"
    r"|新闻|新聞|动态|動態|资讯|通知公告|뉴스|소식|공지|ニュース|お知らせ|新着|最新情報",
    re.I,
)
# Headings of the other dated lists a homepage keeps: never read as news when a page has both.
OTHER_HEADING = re.compile(
    r"\b(publications?|papers?|preprints?|selected\s+works?|awards?|honou?rs?|educations?|experiences?|"
    r"employment|positions?|talks?|presentations?|invited\s+talks?|teaching|courses?|services?|"
    r"activities|internships?|reviewers?|reviewing|"
    r"students?|members?|people|team|staff|projects?|research|contact|bio(?:graphy)?|about|cv|"
    r"skills|interests|patents?|grants?|funding|software|code|misc|"
    r"publikationen|publicaciones|pubblicazioni|publica[çc][õo]es|vortr[äa]ge|preise|auszeichnungen|"
    r"prix|distinctions|premios|premi|pr[êe]mios|lehre|enseignement|docencia|insegnamento|ensino|"
    r"mitglieder|membres|miembros|membri|membros|projekte|projets|proyectos|progetti|projetos|"
    r"kontakt|contacto|contatti|contato|lebenslauf)\b"
    r"|论文|論文|发表|成果|荣誉|榮譽|获奖|獲獎|奖励|成员|成員|团队|團隊|教育|项目|联系|科研|研究方向"
    r"|논문|수상|구성원|연구|業績|受賞|メンバー|研究",
    re.I,
)


_HEADING_LINE = re.compile(
    r"^\s{0,3}#{1,6}\s+(.{1,200})$|<h[1-6][^>]{0,200}>([^<]{1,200})<|^[ \t]*\*\*([^*\n]{1,80})\*\*[ \t]*$",
    re.M,
)


def named_news(path: str) -> bool:
    """Whether a data path names the news ("news", "newsList", "news_items", "latest-updates")."""
    return bool(NEWS_HEADING.search(re.sub(r"([a-z])([A-Z])", r"\1 \2", path).replace("_", " ")))


_LINK_TARGET = re.compile(r"\[([^\[\]\n]{0,500})\]\([^()\n]{0,2000}\)")


def heading_words(text: str) -> str:
    """A heading as it is shown: a link's words without its target, so that a story linked to
    ``…/news/…`` is not a News section."""
    return _LINK_TARGET.sub(r"\1", text)


_WORD_AFTER = re.compile(r"\s*([^\W\d_]+)")
# the words that may follow the news in a section's heading ("News and Events", "News from the
# lab", "news archive"): any other word in small letters makes it a story's title
_SECTION_WORDS = frozenset(
    {
        "and", "or", "from", "of", "in", "at", "for", "about", "on", "by", "to", "with", "since",
        "this", "the", "our", "my", "archive", "archives", "feed", "items", "list", "board", "posts",
        "stories", "section", "page", "roundup", "digest",
    }
)  # fmt: skip


def names_news(heading: str) -> bool:
    """Whether a heading names the News section ("Recent News", "News and Events", "新闻"), not a
    story's title with the word in it ("OSU News covers our sensor array paper", whose news is
    followed by a word in small letters that no section's name has there)."""
    found = NEWS_HEADING.search(heading)
    if found is None:
        return False
    after = _WORD_AFTER.match(heading, found.end())
    return after is None or not after.group(1).islower() or after.group(1) in _SECTION_WORDS


def has_news_heading(text: str) -> bool:
    """Whether a page has a heading (Markdown, HTML, or a bold line of its own) that names the
    News: its News section. A heading inside an HTML comment (a section the author took out) is
    none."""
    text = _without_comments(text)
    return any(names_news(next(g for g in m.groups() if g)) for m in _HEADING_LINE.finditer(text))


def _without_comments(text: str) -> str:
    """``text`` without its HTML comments (an unclosed one runs to the end), in one pass."""
    kept: list[str] = []
    at = 0
    while (start := text.find("<!--", at)) >= 0:
        kept.append(text[at:start])
        end = text.find("-->", start + 4)
        if end < 0:
            return "".join(kept)
        at = end + 3
    kept.append(text[at:])
    return "".join(kept)


@dataclass
class Block:
    """One heading or one entry of a document, in document order."""

    kind: str  # "heading" or "entry"
    text: str
    line: int
    level: int = 0  # a heading's level (1 is the highest)
    bullet: bool = False  # a list item, row, card or record (not a loose paragraph)
    title: str = ""  # the entry's own title (a card's heading, a post's title)
    date: FuzzyDate | None = None  # the date the structure gives (field, file name, <time>)
    source: str = ""  # the entry as written
    hint: str = ""  # the author's own category of the entry ("AWARD", "talk")
    group: int = 0  # entries of one list share it
    undated_ok: bool = False  # a record whose format has no date (a folder file without one)
    path: str = ""  # the file it came from, when a document is a folder
    links: tuple[Link, ...] = ()  # links a record gives in fields of their own (``link: https://…``)
    events: tuple[Event, ...] = ()  # deadlines a record gives in fields of their own (``deadline: …``)


@dataclass
class Document:
    """What a reader made of a document: its blocks, what it recognised, what it left out."""

    format: str
    description: str
    blocks: list[Block] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


class _Groups:
    def __init__(self) -> None:
        self.n = 0
        # the (tag, class) of the repeated cards met so far: one such card alone in its block (a
        # year's single news, kept like the other years' several) is a card too
        self.card_kinds: set[tuple[str, str]] = set()

    def next(self) -> int:
        self.n += 1
        return self.n


# ---------------------------------------------------------------------------------------------
# text from HTML


_BLOCK_TAGS = {
    "p",
    "div",
    "section",
    "article",
    "ul",
    "ol",
    "li",
    "table",
    "tr",
    "dl",
    "dt",
    "dd",
    "blockquote",
}
_DROP_TAGS = {"script", "style", "noscript", "template", "svg", "button", "form", "iframe", "head", "title"}
_MORE = re.compile(
    r"^\s*(read|see|learn)?\s*more\b.*$|^\s*(continue reading|details|\[?more\]?)\s*(»|→|…)?\s*$"
    r"|^\W{0,4}(?:(?:view|see|show|browse|read)\s+)?(?:all|older|newer|past|previous|next|more)\s+"
    r"(?:news|posts|entries|updates|announcements|items)\b[^\w]{0,4}$"
    r"|^\W*(?:back\s+to\s+(?:the\s+)?top|to\s+top|top\s+of\s+page)\W*$|^\s*[↑⬆]\s*$",
    re.I,
)


def html_text(element: Any, *, skip: set[Any] | None = None) -> str:
    """The readable text of an element as Markdown-ish prose: links ``[text](href)``, bold
    ``**…**``, line breaks as spaces, images and "Read more" links left out."""
    out: list[str] = []

    def walk(el: Any) -> None:
        if not isinstance(el.tag, str) or el.tag in _DROP_TAGS or (skip and el in skip):
            if el.tail and isinstance(el.tag, str) or (el.tail and not isinstance(el.tag, str)):
                out.append(el.tail)
            return
        tag = el.tag.lower()
        if tag == "br":
            out.append(" ")
        elif tag == "img":
            pass
        elif tag == "a":
            inner = _inline(el)
            href = _href(el.get("href") or "")
            if _MORE.match(inner or ""):
                pass
            elif href and inner.strip() and not href.startswith(("#", "javascript:")):
                # the spaces inside the link ("dataset<a> DomainNet </a> has") part the words
                raw = "".join(el.itertext())
                before = " " if raw[:1].isspace() else ""
                after = " " if raw[-1:].isspace() else ""
                out.append(f"{before}[{inner.strip()}]({href}){after}")
            else:
                out.append(inner)
            if el.tail:
                out.append(el.tail)
            return
        else:
            if tag in _BLOCK_TAGS:
                out.append(" ")
            bold = tag in ("b", "strong")
            if bold:
                out.append("**")
            if el.text:
                out.append(el.text)
            for child in el:
                walk(child)
            if bold:
                out.append("**")
            if tag in _BLOCK_TAGS or tag == "time":  # "<time>2026</time><span>Paper …": apart
                out.append(" ")
        if el.tail:
            out.append(el.tail)

    if element.text:
        out.append(element.text)
    for child in element:
        walk(child)
    return _fold("".join(out))


# an attribute swallowed by an unclosed quote: href="….html target="_blank"" reads as the address
# "….html target="
_SWALLOWED = re.compile(r"\s+[A-Za-z][\w-]{0,30}=.*\Z", re.S)


def _href(value: str) -> str:
    """A link's address as a browser takes it: spaces around it dropped, an attribute that an
    unclosed quote swallowed left out, a space inside it percent-encoded ("../SPARK Magazine
    2018.pdf"), so that the Markdown link stays one."""
    return re.sub(r"\s", "%20", _SWALLOWED.sub("", value.strip()))


def _inline(el: Any) -> str:
    return " ".join("".join(t for t in el.itertext()).split())


def _fold(text: str) -> str:
    """Whitespace folded; an empty bold (``<b></b>``) is none, and two bold runs apart by space
    alone (``<p><b>Key dates:</b></p><ul><li><b>Aug 11:</b> …``) are one, their space kept."""
    text = re.sub(r"\*\*(\s*)\*\*", r"\1", text)
    return " ".join(text.split())


_CARD_WORDS = frozenset({"card", "post", "entry", "item", "article"})
_TITLE_WORDS = frozenset({"title", "headline"})


def _class_words(el: Any) -> set[str]:
    return {w for c in (el.get("class") or "").lower().split() for w in re.split(r"[-_]", c)}


_BUTTON_WORDS = frozenset({"button", "btn"})


def _join_action_buttons(actions: Any) -> None:
    """A list whose every item is one link styled as a button ("Video", "Slides", "Register":
    ``<ul class="actions"><li><a class="button" …>``) under a card's paragraph is that card's
    links, not items: its links join the paragraph before it."""
    items = [child for child in actions if isinstance(child.tag, str)]
    links = []
    for item in items:
        inner = [child for child in item if isinstance(child.tag, str)]
        if (
            item.tag != "li"
            or len(inner) != 1
            or inner[0].tag != "a"
            or not _BUTTON_WORDS & _class_words(inner[0])
            or (item.text or "").strip()
            or (inner[0].tail or "").strip()
        ):
            return
        links.append(inner[0])
    owner = actions.getprevious()
    while owner is not None and not isinstance(owner.tag, str):
        owner = owner.getprevious()
    if not links or owner is None or owner.tag != "p" or not _inline(owner):
        return
    for link in links:
        link.tail = None
        if len(owner):
            owner[-1].tail = (owner[-1].tail or "").rstrip() + " "
        else:
            owner.text = (owner.text or "").rstrip() + " "
        owner.append(link)
    _remove_keep_tail(actions)


def _clean_tree(root: Any) -> None:
    for bad in root.xpath("//comment() | //processing-instruction()"):
        parent = bad.getparent()
        if parent is not None:
            _remove_keep_tail(bad)
    for el in list(root.iter("button")):
        _disclosure_heading(el)
    for el in list(root.iter(*_DROP_TAGS)):
        if el.getparent() is not None:
            _remove_keep_tail(el)
    # a footnote's mark ("study<sup><a class="footref" href="#fn.1">1</a></sup>", Org's and
    # Pandoc's HTML) points into the page: no text of the sentence it marks
    for el in list(root.iter("a")):
        href = el.get("href") or ""
        classes = (el.get("class") or "").lower()
        scripted = href.strip().lower().startswith("javascript:") or (
            href.strip() in ("", "#") and el.get("onclick") is not None
        )
        if el.getparent() is not None and scripted:
            _remove_keep_tail(el)  # a control ("Show more" toggling the older news), not a link
            continue
        if (
            el.getparent() is not None
            and ("headerlink" in classes.split() or el.text_content().strip() in ("¶", "#", "🔗"))
            and href.startswith("#")
        ):
            # a heading's permanent link (MkDocs' and Sphinx's "¶", a "#" anchor): no words
            _remove_keep_tail(el)
            continue
        if el.getparent() is not None and (
            "footref" in classes
            or "footnote-ref" in classes
            or el.get("role") == "doc-noteref"
            or re.match(r"#fn(?:ref)?[.:\-_]?\d", href)
        ):
            parent = el.getparent()
            _remove_keep_tail(el)
            if parent.tag == "sup" and not parent.text_content().strip() and parent.getparent() is not None:
                _remove_keep_tail(parent)
    for actions in list(root.iter("ul", "ol")):
        _join_action_buttons(actions)
    # the site's navigation and the page's own footer (contact, social links, the CV), and the
    # dialogs a theme keeps hidden until asked (a "Cite" box, the search overlay), the words only
    # a screen reader says (a carousel's "Previous" and "Next" beside its arrows), and the pager
    # of a list of posts ("← Newer Posts", "Page 2"), are no list of news; a footer inside an
    # article or a card (its date, its byline) is kept
    chrome: list[Any] = []
    stack: list[tuple[Any, bool]] = [(root, False)]  # (element, inside an article or a card)
    while stack:
        el, inside = stack.pop()
        if not isinstance(el.tag, str):
            continue
        role = (el.get("role") or "").lower()
        classes = set((el.get("class") or "").split())
        named = el.get("id") == "footer" or bool({"footer", "site-footer", "page-footer"} & classes)
        if (
            el.tag in ("nav", "dialog")
            or role in ("navigation", "contentinfo", "dialog", "alertdialog", "search")
            or "modal" in classes
            or bool(_SCREEN_READER_ONLY & classes)
            or bool({"pagination", "pager", "paginator"} & _class_words(el))
            or ((el.tag == "footer" or named) and not inside)
        ):
            chrome.append(el)
            continue
        # a footer of an article, a list item or a card holds its date or byline; one that a
        # <section> holds is the page's (a broken page's footer ends up inside its last section)
        inside = inside or el.tag in ("article", "li") or bool(_CARD_WORDS & _class_words(el))
        stack.extend((child, inside) for child in el)
    for el in chrome:
        if el.getparent() is not None:
            _remove_keep_tail(el)


# the classes that hide words from the screen and leave them to screen readers: Bootstrap's
# ``sr-only`` and ``visually-hidden``, WordPress's ``screen-reader-text``
_SCREEN_READER_ONLY = frozenset({"sr-only", "visually-hidden", "screen-reader-text"})


_TOGGLE_ATTRIBUTES = ("aria-expanded", "aria-controls", "data-toggle", "data-bs-toggle")
_UI_WORD = re.compile(r"\W*(?:view|show|more|details|expand|open|close|toggle)\W*", re.I)


def _disclosure_heading(button: Any) -> None:
    """A button that opens a collapsed part (an accordion's, a news board's: ``aria-expanded``,
    ``data-bs-toggle``) shows that part's title, and its date: it is read as the heading of its
    card (inside a heading already, as its text), less a word that only names the action ("View").
    Other buttons are controls, dropped with the forms and scripts."""
    if not any(button.get(name) is not None for name in _TOGGLE_ATTRIBUTES):
        return
    for part in list(button.iter()):
        if part is not button and _UI_WORD.fullmatch(_inline(part) or "x") and part.getparent() is not None:
            _remove_keep_tail(part)
    in_heading = any(str(a.tag).lower() in _HEADING_TAGS for a in button.iterancestors())
    button.tag = "span" if in_heading else "h6"
    for name in list(button.attrib):
        del button.attrib[name]


def _remove_keep_tail(el: Any) -> None:
    parent = el.getparent()
    tail = el.tail
    if tail:
        previous = el.getprevious()
        if previous is not None:
            previous.tail = (previous.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail
    parent.remove(el)


# ---------------------------------------------------------------------------------------------
# HTML


_HEADING_TAGS = ("h1", "h2", "h3", "h4", "h5", "h6")
# the reference day for recognising a date rather than reading it: far enough ahead that every
# year written is past, and just after a leap year, so that "29 Feb" without its year reads
ANY_DAY = dt.date(2097, 1, 1)
_DATE_ONLY = re.compile(r"^\W{0,3}(?:date|posted|published|on)?\s*:?\s*(?P<d>.{4,40}?)\W{0,3}$", re.I)


def read_html(text: str, *, line_offset: int = 0, groups: _Groups | None = None) -> list[Block]:
    """Blocks of an HTML document or fragment (tolerant of broken markup)."""
    groups = groups or _Groups()
    text = strip_templates(text)
    if not text.strip():
        return []
    root = _fragment(text, "div")
    if root is None:
        return []
    _clean_tree(root)
    blocks: list[Block] = []
    _walk_html(root, blocks, line_offset, groups)
    return blocks


def _fragment(text: str, parent: str) -> Any:
    """The markup as one element named ``parent`` holding it, or None when there is nothing to
    read. A whole document whose body is empty or missing (a page that a script fills: lxml's
    fragment parser asserts on it) is read as a document: its body, else nothing."""
    try:
        return lxml_html.fragment_fromstring(text, create_parent=parent)
    except (etree.ParserError, ValueError):
        return None
    except AssertionError:
        try:
            body = lxml_html.document_fromstring(text).body
        except (etree.ParserError, ValueError, IndexError):
            return None
        if body is None:
            return None
        body.tag = parent
        return body


def _line(el: Any, offset: int) -> int:
    return (el.sourceline or 1) + offset


def _cards(parent: Any, seen: set[tuple[str, str]]) -> list[Any]:
    """Children of ``parent`` that are repeated cards: ``<article>`` elements, or two or more
    siblings of one tag and class, each a small block with one heading (a title) and no list;
    or one alone of the tag and class of cards ``seen`` before on the page, which it adds to."""
    found = _repeated_cards(parent)
    if found:
        seen.update((c.tag, c.get("class", "")) for c in found if c.get("class"))
        return found
    kids = [c for c in parent if isinstance(c.tag, str)]
    alone = [c for c in kids if (c.tag, c.get("class", "")) in seen]
    if len(alone) == 1 and (_is_card(alone[0]) or _is_dated_card(alone[0])):
        return alone
    # the one item of a list a theme draws as cards (``<div class="news-item">`` with its date, a
    # title and its text, a News section holding one news so far): a card, when it is dated
    if len(kids) == 1 and _CARD_WORDS & _class_words(kids[0]):
        if _is_card(kids[0]):
            heading = next(kids[0].iter(*_HEADING_TAGS))
            if _date_part(kids[0], {heading, *heading.iter()}) is not None:
                return kids
        elif _is_dated_card(kids[0]):
            return kids
    return []


def _repeated_cards(parent: Any) -> list[Any]:
    kids = [c for c in parent if isinstance(c.tag, str)]
    articles = [c for c in kids if c.tag == "article"]
    if articles and all(_is_card(c) for c in articles):
        return articles
    # articles without a title, each its date, a label and its text; one whose markup is broken
    # (an unclosed <div> swallowing the articles after it) is walked as a block of its own, and
    # one holding no date at all ("Open": a standing call for students) is no such card either
    dated = [c for c in articles if _is_dated_card(c)]
    if dated and 5 * len(dated) >= 4 * sum(1 for c in articles if _date_part(c, set()) is not None):
        return dated
    by_class: dict[tuple[str, str], list[Any]] = {}
    for c in kids:
        if c.tag in ("div", "section", "li") and c.get("class"):
            by_class.setdefault((c.tag, c.get("class", "")), []).append(c)
    for same in by_class.values():
        if len(same) < 2:
            continue
        if all(_is_card(c) for c in same) or all(_is_dated_card(c) for c in same):
            return same
        # blocks a theme names cards, some of them holding a list (Hugo Academic's
        # accomplishment cards: one holds the season's papers as a list, another its grants)
        if _CARD_WORDS & _class_words(same[0]) and all(_is_listing_card(c) for c in same):
            return same
    return []


def _is_listing_card(el: Any) -> bool:
    """A card whose body may be a list: one heading that titles it (no section's name, no date
    alone: "2024" heads a list of that year), short."""
    headings = list(el.iter(*_HEADING_TAGS))
    if len(headings) != 1 or len(_inline(el)) > 5000:
        return False
    title = _inline(headings[0])
    date = _card_date(title.strip(" :"))
    only_a_date = date is not None and len(re.sub(r"\W", "", title)) <= len(re.sub(r"\W", "", date.text))
    return not _names_a_list(title) and not only_a_date


def _is_dated_card(el: Any) -> bool:
    """A small block with no heading but a line that is only its date, and text besides (a
    theme's stream item: a title link, a summary, "Dec 1, 2022 · 1 min read"). An
    ``<article>`` is one piece however its paragraphs are broken (``<br><br>`` between a news'
    parts: "A productive month! <br><br> Kaihao presented … <br><br> Zimin presented …") and
    may be longer; any other block with four line breaks or more is a list of lines."""
    article = el.tag == "article"
    if _has_heading(el) or (sum(1 for _ in el.iter("li")) >= 2 and not _links_of_a_card(el)):
        return False
    if not article and sum(1 for _ in el.iter("br")) >= 4:
        return False
    words = _inline(el)
    if len(words) > (5000 if article else 1500):
        return False
    found = _date_part(el, set())
    if found is None or len(words) <= len(_inline(found[0])) + 3:
        return False
    # one date: a block holding several dated entries ("1 May … 11 Apr …", a year's list of a
    # page that keeps one such block a year) is a list of cards, not one
    # the date's own part, what it holds and the parts around it ("Dec 1, 2022 · 1 min read")
    return _date_part(el, {found[0], *found[0].iter(), *found[0].iterancestors()}) is None


def _links_of_a_card(el: Any) -> bool:
    """A block a theme names a card (``news-item``) whose lists only link elsewhere (the press
    that covered the story: "- [Eureka Alert](…)", "- [Straits Times](…)"): its resources, not
    entries of its own."""
    if not _CARD_WORDS & _class_words(el):
        return False
    return all(
        (links := [a for a in li.iter("a") if a.get("href")])
        and _inline(li).strip() == _inline(links[0]).strip()
        for li in el.iter("li")
    )


def _is_card(el: Any) -> bool:
    """A small block with one heading that titles it: not a section of the page (whose heading
    names a list: News, Publications …), no list, no run of line-broken entries, short; nor a
    block that is only its heading, a date (``<div class="news-year"><h4>2025</h4></div>``: the
    year over the cards after it)."""
    headings = list(el.iter(*_HEADING_TAGS))
    if len(headings) != 1:
        return False
    title = _inline(headings[0])
    if _names_a_list(title):
        return False
    words = _inline(el)
    if words.strip() == title.strip() and _card_date(words.strip(" :")):
        return False
    items = sum(1 for _ in el.iter("li"))
    breaks = sum(1 for _ in el.iter("br"))
    return items < 2 and breaks < 4 and len(words) <= 1500


def _has_heading(el: Any) -> bool:
    return any(True for _ in el.iter(*_HEADING_TAGS))


def _holds_lists(el: Any) -> bool:
    """An element that holds the page's lists rather than being one entry: a heading in it names
    a list (News, Publications …), or it holds a table or list of several rows. al-folio's home
    page is one ``<article>`` holding the biography, the news table and the publications."""
    if any(_names_a_list(_inline(h)) for h in el.iter(*_HEADING_TAGS)):
        return True
    return sum(1 for _ in el.iter("tr")) >= 2 or sum(1 for _ in el.iter("li")) >= 2


def _names_a_list(title: str) -> bool:
    """A heading that names a section of the page (News, Publications …), not an entry's title."""
    return bool(NEWS_HEADING.search(title) or OTHER_HEADING.fullmatch(title.strip(" :")))


def _walk_html(el: Any, blocks: list[Block], offset: int, groups: _Groups) -> None:
    cards = _cards(el, groups.card_kinds)
    group = groups.next() if cards else 0
    for child in el:
        if not isinstance(child.tag, str):
            continue
        tag = child.tag.lower()
        if child in cards:
            blocks.append(_card(child, offset, group))
        elif tag == "article" and _has_heading(child) and not _holds_lists(child):
            blocks.append(_card(child, offset, groups.next()))
        elif tag in _HEADING_TAGS or tag == "summary":  # a <details>' summary heads what it opens
            title = html_text(child)
            if title:
                level = 6 if tag == "summary" else int(tag[1])
                before = child.getprevious()
                while before is not None and not isinstance(before.tag, str):
                    before = before.getprevious()
                if before is not None and level < 6 and _labels_a_list(before, heading=True):
                    # a section's label above its title ("<p class="readout">Education</p><h2>
                    # Academic path</h2>"): the label names the section, the title a part of it
                    blocks.append(Block("heading", html_text(before), _line(before, offset), level=level))
                    level += 1
                blocks.append(Block("heading", title, _line(child, offset), level=level))
        elif tag in ("ul", "ol"):
            list_group = groups.next()
            for item in child:
                if isinstance(item.tag, str) and item.tag.lower() == "li":
                    entry = _entry(item, offset, list_group, bullet=True)
                    if entry is not None:
                        blocks.append(entry)
                elif isinstance(item.tag, str):
                    _walk_html(item, blocks, offset, groups)
        elif tag == "li":
            entry = _entry(child, offset, groups.next(), bullet=True)
            if entry is not None:
                blocks.append(entry)
        elif tag == "table":
            table_group = groups.next()
            rows = []
            for r in _own_rows(child):
                if _layout_row(r):  # a layout table: its cells are the page
                    for cell in r:
                        if isinstance(cell.tag, str):
                            _walk_html(cell, blocks, offset, groups)
                elif not (r.find("th") is not None and r.find("td") is None):
                    rows.append(r)
            cells_of = _drop_row_numbers([[html_text(c) for c in r if isinstance(c.tag, str)] for r in rows])
            for row, cells in zip(rows, cells_of, strict=True):
                text = " ".join(c for c in cells if c)
                if text:
                    blocks.append(
                        Block(
                            "entry",
                            text,
                            _line(row, offset),
                            bullet=True,
                            group=table_group,
                            source=_source(row),
                        )
                    )
        elif tag == "dl":
            dl_group = groups.next()
            term = ""
            for item in child:
                if not isinstance(item.tag, str):
                    continue
                if item.tag == "dt":
                    term = html_text(item)
                elif item.tag == "dd":
                    text = f"{term} {html_text(item)}".strip()
                    blocks.append(
                        Block(
                            "entry",
                            text,
                            _line(item, offset),
                            bullet=True,
                            group=dl_group,
                            source=_source(item),
                        )
                    )
                    term = ""
        elif _labels_a_list(child):
            # a card's label naming the list after it ("<span class="dashboard-label">Latest
            # Updates</span><ul>…"): its heading
            blocks.append(Block("heading", html_text(child), _line(child, offset), level=6))
        elif _labels_a_list(child, heading=True):
            pass  # read with the heading after it
        elif tag == "p":
            for part in _paragraph_parts(child):
                blocks.append(replace(part, line=part.line + offset))
        elif tag == "pre" and (pre := _preformatted_parts(child)) is not None:
            for part in pre:
                blocks.append(replace(part, line=part.line + offset))
        elif len(child) == 0 or all(
            not isinstance(c.tag, str)
            or c.tag
            in (
                "a",
                "b",
                "strong",
                "i",
                "em",
                "span",
                "br",
                "small",
                "time",
                "code",
                "sup",
                "sub",
                "font",
                "u",
                "img",
            )
            for c in child
        ):
            text = html_text(child)
            if text and not _MORE.match(text):  # "Back to top", "View all news": controls
                blocks.append(Block("entry", text, _line(child, offset), source=_source(child)))
        else:
            _walk_html(child, blocks, offset, groups)


_LABEL_WORDS = frozenset({"label", "title", "heading", "header", "eyebrow", "kicker", "stitle"})


def _labels_a_list(el: Any, *, heading: bool = False) -> bool:
    """A short label naming a list of the page ("Latest Updates", "News", "Teaching") in an
    element of its own (a span, a paragraph, a bold line), right before a list, a table or a
    definition list: that list's heading, not an entry of the section above it; with
    ``heading``, right before a heading instead (a section's label over its title, "Education"
    over "Academic path")."""
    if el.tag.lower() not in ("span", "div", "p", "strong", "b", "label") or any(
        isinstance(c.tag, str) and c.tag.lower() not in ("b", "strong", "span", "i", "em") for c in el
    ):
        return False
    after = el.getnext()
    while after is not None and not isinstance(after.tag, str):
        after = after.getnext()
    follows = _HEADING_TAGS if heading else ("ul", "ol", "dl", "table")
    if after is None:
        return False
    if after.tag.lower() not in follows and not (
        # a label a theme styles as one over its block of rows (``<div class="section-label">
        # Awards</div><div class="award-list"><div class="award-row">…``)
        not heading and after.tag.lower() in ("div", "section") and _LABEL_WORDS & _class_words(el)
    ):
        return False
    text = _inline(el)
    return 0 < len(text.split()) <= 4 and _names_a_list(text)


def _paragraph_parts(p: Any) -> Iterator[Block]:
    """A paragraph, or its parts when ``<br><br>`` (or ``<br>`` between dated lines) splits it
    into several entries, as a list written without list markup."""
    markup = lxml_html.tostring(p, encoding="unicode")
    inner = re.sub(r"^<p\b[^>]*>|</p>\s*$", "", markup.strip())
    parts = re.split(r"(?:<br\s*/?>\s*){2,}", inner)
    line = p.sourceline or 1
    if len(parts) == 1:
        # one ``<br>`` between lines that open with their date ("<strong>November 24,
        # 2025:</strong> Maitham passed …<br><strong>August 20, 2025:</strong> Simin …"): a
        # news per such line, as a Markdown paragraph of such lines is read
        dated_lines = _dated_lines(inner) if "<br" in inner else None
        if dated_lines is not None:
            parts, texts = dated_lines
        else:
            text = html_text(p)
            if text:
                yield Block("entry", text, line, source=markup)
            return
    else:
        texts = [_part_text(part) for part in parts]
    group = id(p) % 1_000_000 + 1_000_000
    for part, text in zip(parts, texts, strict=True):
        if text:
            yield Block("entry", text, line, bullet=True, group=group, source=part.strip())
        line += part.count("\n")


def _dated_lines(inner: str) -> tuple[list[str], list[str]] | None:
    """A paragraph's markup split at its single line breaks into news, when its first line and
    at least one other open with their date: each such line opens a news, as does a line
    opening with a numbered label the dates do not read (a slip: "November 31, 2024:"), which
    stays undated but apart; any other line goes on the news before it (its second line). The
    news' markup and texts, or None."""
    lines = re.split(r"<br\s*/?>", inner)
    said = [_part_text(part) for part in lines]
    opens = [bool(t) and _opens_with_date(t) for t in said]
    first = next((n for n, t in enumerate(said) if t), None)
    if first is None or not opens[first] or sum(opens) < 2:
        return None
    return _news_of_lines(lines, said, opens, first, "<br>")


def _news_of_lines(
    lines: list[str], said: list[str], opens: list[bool], first: int, joint: str
) -> tuple[list[str], list[str]]:
    """Lines from ``first`` on, as news: each line opening with its date (or a numbered label)
    opens one, any other goes on the one before it, joined in markup by ``joint``."""
    parts: list[str] = []
    texts: list[str] = []
    for n in range(first, len(lines)):
        part, text = lines[n], said[n]
        if n == first or opens[n] or (text and _numbered_label(text)):
            parts.append(part)
            texts.append(text)
        else:
            parts[-1] = f"{parts[-1]}{joint}{part}"
            texts[-1] = f"{texts[-1]} {text}".strip()
    return parts, texts


_CODE_COMMENT = re.compile(r"(?://+|/\*+|#+|--+|;+|%+)\s*")


def _preformatted_parts(pre: Any) -> list[Block] | None:
    """A ``<pre>`` block whose lines open with their dates (News styled as code, a terminal's
    log: ``<pre>// Updates\n<span>05/25:</span> I will attend ICRA …\n<span>02/25:</span> …
    </pre>``): its line breaks are the text's own, so each line opening with its date is a news
    and the others go on the news above them; one short line above the first (the block's
    label, a code comment's marks taken off) is its heading. None when no line opens with a
    date (a BibTeX entry, a command): the block is one entry, as other elements are."""
    markup = lxml_html.tostring(pre, encoding="unicode", with_tail=False)
    inner = re.sub(r"^<pre\b[^>]*>|</pre>$", "", markup.strip())
    lines = inner.split("\n")
    said = [_part_text(part) for part in lines]
    opens = [bool(t) and _opens_with_date(t) for t in said]
    first = next((n for n, dated in enumerate(opens) if dated), None)
    if first is None:
        return None
    line = pre.sourceline or 1
    blocks: list[Block] = []
    above = [t for t in said[:first] if t]
    if above:
        label = above[0].strip()
        opening = _CODE_COMMENT.match(label)  # "// Publication updates", "# Updates"
        label = label[opening.end() :] if opening else label
        if label.endswith("*/"):  # "/* Updates */"
            label = label[:-2].rstrip("*")
        label = label.strip()
        if len(above) > 1 or len(label.split()) > 8:
            return None  # prose above the dated lines: not a list of news
        if label:
            blocks.append(Block("heading", label, line + said.index(above[0]), level=6))
    group = id(pre) % 1_000_000 + 1_000_000
    at = first
    parts, texts = _news_of_lines(lines, said, opens, first, "\n")
    for part, text in zip(parts, texts, strict=True):
        if text:
            blocks.append(Block("entry", text, line + at, bullet=True, group=group, source=part.strip()))
        at += part.count("\n") + 1
    return blocks


def _numbered_label(line: str) -> bool:
    """Whether a line opens with a short label holding a number, as a date label does."""
    for pattern in _LINE_LABELS:
        m = pattern.match(line)
        if m and any(c.isdigit() for c in m.group(1)):
            return True
    return False


def _part_text(part: str) -> str:
    """The text of a part of a paragraph's markup (between its line breaks)."""
    fragment = _fragment(part or " ", "span")
    return html_text(fragment) if fragment is not None else ""


def _layout_row(row: Any) -> bool:
    """A table row that lays out the page rather than being one entry: it holds a table, a
    heading that names a list, or a list of several items in a long text (an old site's page,
    a table's cell holding the whole News list)."""
    if next(row.iter("table"), None) is not None:
        return True
    if any(_names_a_list(_inline(h)) for h in row.iter(*_HEADING_TAGS)):
        return True
    return sum(1 for _ in row.iter("li")) >= 3 and len(_inline(row)) > 1500


def _own_rows(table: Any) -> list[Any]:
    """A table's own rows, not those of the tables inside its cells."""
    return [r for r in table.iter("tr") if next(r.iterancestors("table"), None) is table]


def _entry(el: Any, offset: int, group: int, *, bullet: bool) -> Block | None:
    source = _source(el)
    hint = " ".join(take_badges(el))
    text = html_text(el)
    if not text:
        return None
    date, text = _time_element(el, text)
    return Block(
        "entry", text, _line(el, offset), bullet=bullet, group=group, date=date, source=source, hint=hint
    )


# a badge a theme draws before an item ("<span class="badge bg-primary">Paper</span>", a span
# with a background and rounded corners): the author's category of the item, not its text
_BADGE_CLASSES = frozenset({"badge", "tag", "label", "chip", "pill", "category"})
_BADGE_STYLE = re.compile(r"background(?:-color)?\s*:", re.I)


_BADGE_TAGS = frozenset({"span", "small", "mark", "label", "b", "strong", "em"})


def _is_badge(el: Any) -> bool:
    if not isinstance(el.tag, str) or el.tag.lower() not in _BADGE_TAGS:
        return False
    # a ``<label>`` that labels no control of a form ("<label><a …>Member</a></label>") is one
    labelled = el.tag.lower() == "label" and el.get("for") is None and next(el.iter("input"), None) is None
    if not (labelled or _class_words(el) & _BADGE_CLASSES or _BADGE_STYLE.search(el.get("style") or "")):
        return False
    text = " ".join(el.text_content().split())
    return 0 < len(text) <= 30 and len(text.split()) <= 3 and not any(c.isdigit() for c in text)


def take_badges(el: Any) -> list[str]:
    """The badges inside an entry (:func:`_is_badge`, at most three), taken out of it: their
    words are the item's category. A badge holding a date ("May 2025") is the entry's date and
    stays."""
    found = [b for b in el.iter() if b is not el and _is_badge(b)][:3]
    names = [" ".join(b.text_content().split()) for b in found]
    for badge in found:
        if badge.getparent() is not None:
            _remove_keep_tail(badge)
    return names


def _card(el: Any, offset: int, group: int) -> Block:
    """A card: its heading is the title; a line that is only a date ("Date: <time>March 30,
    2026</time>") dates it and is not text; "Read more" links are not text."""
    hint = " ".join(take_badges(el))  # "<label>Publication</label>": the card's category
    heading = next(el.iter(*_HEADING_TAGS), None)
    if heading is None:  # a theme's title without a heading tag: ``<div class="news-title">``
        heading = next((p for p in el.iter() if p is not el and _TITLE_WORDS & _class_words(p)), None)
        shown = _inline(heading) if heading is not None else ""
        heading = heading if 0 < len(shown) <= 300 and not _only_a_date(shown) else None
    title = html_text(heading) if heading is not None else ""
    date: FuzzyDate | None = None
    skip: set[Any] = {heading} if heading is not None else set()
    found = _date_part(el, skip)
    byline = ""
    if found is not None:
        skip.add(_metadata_of(found[0], el))
        date = found[1]
    else:
        dated_byline = _byline_date(el, skip)
        if dated_byline is not None:
            part, date, byline = dated_byline
            skip.add(part)
    skip.update(part for part in el.iter("span", "small", "div") if _READING_TIME.fullmatch(_inline(part)))
    body = html_text(el, skip=skip)
    body = f"{byline} {body}".strip() if byline else body
    text = f"{title} {body}".strip() if title else body
    return Block(
        "entry",
        text,
        _line(el, offset),
        bullet=True,
        title=title,
        date=date,
        group=group,
        source=_source(el),
        hint=hint,
    )


_READING_TIME = re.compile(r"\W*\d{1,3}\s*min(?:ute)?s?\.?\s+read\W*", re.I)


_METADATA_CLASS = re.compile(
    r"(?:^|[\s_-])(?:meta|metadata|byline|post-info|entry-footer|post-footer)(?:$|[\s_-])"
)


def _metadata_of(part: Any, card: Any) -> Any:
    """The card's metadata line that holds its date (a ``<footer>``, an ``…-meta`` block: "May 2,
    2024 · 1 min · A. Author"), left out of the text with the date; else the date's own part."""
    for ancestor in part.iterancestors():
        if ancestor is card:
            break
        if ancestor.tag == "footer" or _METADATA_CLASS.search(ancestor.get("class") or ""):
            return ancestor if len(_inline(ancestor)) <= 120 else part
    return part


def _date_part(el: Any, skip: set[Any]) -> tuple[Any, FuzzyDate] | None:
    """The first part of a card that is only a date ("Date: <time>March 30, 2026</time>",
    "posted at 2017-06-14 [permalink]"), and that date; else the first short part a date opens
    or closes ("March 3, 2024 by A. Author"), which may be a sentence of the story ("On June
    13th, we travelled to Scotland.") when the card has no date of its own."""
    loose: tuple[Any, FuzzyDate] | None = None
    for part in el.iter("p", "time", "span", "div", "small"):
        if part is el or part in skip:  # a part of the card, not the card ("11 Dec Our paper …")
            continue
        words = _inline(part)
        stamped = _machine_date(part)
        if stamped is not None and (not words or len(words) <= 60):
            return part, stamped
        if not words or len(words) > 60:
            continue
        m = _DATE_ONLY.match(words)
        if m is None:
            continue
        date = _card_date(m.group("d").strip(" .,"))
        if date is None:
            continue
        beside = _WORDS_BESIDE_DATE.findall(words.replace(date.text, " ", 1))
        if all(w.lower() in _STAMP_WORDS for w in beside):
            return part, date
        loose = loose or (part, date)
    return loose


# the words a date's own line holds beside it: "posted at 2017-06-14 [permalink]", "Date: …"
_STAMP_WORDS = frozenset({"date", "posted", "published", "on", "at", "permalink", "updated"})


def _machine_date(part: Any) -> FuzzyDate | None:
    """The date a ``<time datetime="2026-06-07">`` gives when its words leave out the year
    ("07 Jun"): the attribute is written for machines, whole; None for any other part, or when
    the words already give a whole date (the page shows that one)."""
    stamp = (part.get("datetime") or "").strip() if part.tag == "time" else ""
    if not re.match(r"\d{4}-\d{2}", stamp):
        return None
    shown = _card_date(_inline(part).strip(" .,")) if _inline(part) else None
    if shown is not None and "year" not in shown.inferred:
        return None
    try:
        date = parse(stamp[:10] if "T" in stamp or " " in stamp else stamp, today=ANY_DAY)
    except DateParseError:
        return None
    return date if "year" not in date.inferred else None


def _byline_date(el: Any, skip: set[Any]) -> tuple[Any, FuzzyDate, str] | None:
    """A card's metadata line (``class="article-metadata"``) that ends or opens with its date
    beside other words ("Recent grant funding! · Feb 2026"): the line, the date, and its other
    words (the card's subtitle)."""
    for part in el.iter("p", "span", "div", "small"):
        if part in skip or not _METADATA_CLASS.search(part.get("class") or ""):
            continue
        words = _inline(part)
        if not words or len(words) > 120:
            continue
        found = find_dates(words, today=ANY_DAY)
        for match in (found[-1], found[0]) if found else ():
            before, after = words[: match.offset], words[match.offset + match.length :]
            if not after.strip(" .·|,;:-–—") or not before.strip(" .·|,;:-–—"):
                rest = f"{before} {after}".strip(" .·|,;:-–—")
                return part, match.date, rest
    return None


# a date label opening a line: bracketed or emphasised ("**[10/2024]**", "[05/2024]", "**May
# 2024**"), or written before a colon or a dash ("May 2024: …")
_LINE_LABELS = (
    re.compile(r"\s*(?:\*\*|__|\*|_)?\s*\[([^\[\]\n]{3,30})\]"),
    re.compile(r"\s*(?:\*\*|__)([^*_\n]{3,30})(?:\*\*|__)"),
    re.compile(r"\s*([^:\n]{3,30}?)\s*(?::|\s[-–—])\s"),
)


def _opens_with_date(line: str) -> bool:
    """Whether a line of text opens with a date label of its own (at most one reading a way)."""
    for pattern in _LINE_LABELS:
        m = pattern.match(line)
        if m and _card_date(m.group(1).strip(" *_:")) is not None:
            return True
    return False


# a card's date line of a year and a month's number apart ("2025 09", as a timeline shows them):
# that month (the dates' grammar reads no such pair in running text, where "2025 10 papers" is
# a year and a count)
_YEAR_SPACE_MONTH = re.compile(r"\s*((?:19|20)\d\d)\s{1,3}(0[1-9]|1[0-2])\s*")


def _card_date(words: str) -> FuzzyDate | None:
    """A card's date line, a writer's slip in it mended ("2 Feburary")."""
    paired = _YEAR_SPACE_MONTH.fullmatch(words)
    if paired:
        words = f"{paired.group(1)}-{paired.group(2)}"
    for attempt in dict.fromkeys((words, mended_date(words))):
        try:
            return parse(attempt, today=ANY_DAY)
        except DateParseError:
            continue
    return None


def _time_element(el: Any, text: str) -> tuple[FuzzyDate | None, str]:
    """A ``<time datetime>`` at the start of an entry is its date label (left in the text)."""
    return None, text


def _source(el: Any) -> str:
    try:
        return str(lxml_html.tostring(el, encoding="unicode", with_tail=False))[:20000]
    except (TypeError, ValueError):
        return ""


# ---------------------------------------------------------------------------------------------
# Markdown


_MD = MarkdownIt("commonmark", {"html": True}).enable("table")
# front matter opens the file, perhaps after a comment for whoever edits it ("<!-- newest first -->")
_LEAD = r"\A(?:\ufeff)?(?:\s*<!--(?:(?!-->).){0,2000}-->)?\s*?"
FRONT_YAML = re.compile(_LEAD + r"---[ \t]*\r?\n(.*?)\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.S)
FRONT_TOML = re.compile(_LEAD + r"\+\+\+[ \t]*\r?\n(.*?)\r?\n\+\+\+[ \t]*(?:\r?\n|\Z)", re.S)
_LIQUID = re.compile(r"\{%[^{}]{0,2000}%\}|\{\{[^{}]{0,2000}\}\}")


# Hugo's ``ref`` and ``relref`` shortcodes, which the site builds into the address of one of its
# own pages (``[our paper]({{< ref "/publications/veg_pvis26" >}})``, a quote escaped inside a
# YAML or JSON string): the page's path
_HUGO_REF = re.compile(r"""\{\{[<%]-?\s*(?:rel)?ref\s+\\?(["']?)([^"'\\{}\s]{1,300})\\?\1\s*-?[>%]\}\}""")


def hugo_refs(text: str) -> str:
    """The text with each Hugo ``ref`` or ``relref`` shortcode written as the path of the page it
    names, from the site's root, as Hugo builds it ("./papers/IROS-24.md" is
    "/papers/IROS-24/", "/news/_index.md" "/news/"); one pass, linear in the text."""
    if "ref" not in text or "{{" not in text:
        return text
    return _HUGO_REF.sub(lambda m: _page_path(m.group(2)), text)


def _page_path(ref: str) -> str:
    path = ref.split("#")[0].removeprefix("./").lstrip("/")
    for end in ("_index.md", "index.md", ".md"):
        if path.endswith(end):
            path = path[: -len(end)]
            break
    fragment = ref[len(ref.split("#")[0]) :]
    return "/" + (path.rstrip("/") + "/" if path.strip("/") else "") + fragment


def strip_templates(text: str) -> str:
    """A template's tags (Liquid and Jinja ``{% … %}``/``{{ … }}``, Hugo shortcodes) are not
    content: left out, their line breaks kept so lines still count as written. A tag holds no
    brace and at most 2,000 characters, so an unclosed ``{{`` looks no further than the next
    brace: linear in the page. What a ``{% capture %}`` holds is a value the page hands to an
    include (a feature card's blurb, as the Greene Lab template's home page does), not a list of
    the page's own: left out too."""
    text = _SHORTCODE_OPEN.sub(_shortcode_date, text) if "=" in text and "{{" in text else text
    text = hugo_refs(text)
    return _LIQUID.sub(lambda m: "\n" * m.group(0).count("\n"), _without_captures(text))


# a Hugo shortcode handed the date of what it wraps (``{{< news-row date="2026.02" >}}Our paper
# …{{< /news-row >}}``; Blowfish's ``{{< timelineItem header="DeepChopper Is Published"
# badge="2026-01-19" >}}``): the date, and the title it is handed, its template shows before
# the text
_SHORTCODE_OPEN = re.compile(r"\{\{[<%]-?\s*[\w-]{1,60}\s([^{}]{0,1000}?)-?[>%]\}\}")
_ATTRIBUTE = re.compile(r"""([\w-]{1,40})\s*=\s*(?:"([^"\n]{0,300})"|'([^'\n]{0,300})')""")
_DATE_ATTRIBUTES = ("date", "badge", "time", "when", "day", "datetime", "posted", "published")
_TITLE_ATTRIBUTES = ("header", "title", "heading")


def _shortcode_date(m: re.Match[str]) -> str:
    """A dated shortcode's opening tag as the date label it shows and the title it is handed
    ("2026.02: ", "2026-01-19: DeepChopper Is Published "), when a date attribute's value is a
    date; else the tag, left out as templates are."""
    attributes = {k.lower(): a or b for k, a, b in _ATTRIBUTE.findall(m.group(1))}
    date = next(
        (
            v.strip()
            for k in _DATE_ATTRIBUTES
            if (v := attributes.get(k)) and _card_date(v.strip()) is not None
        ),
        None,
    )
    if date is None:
        return m.group(0)
    title = next((t.strip() for k in _TITLE_ATTRIBUTES if (t := attributes.get(k, "")).strip()), "")
    return f"{date}: {title} " if title else f"{date}: "


_CAPTURE = re.compile(r"\{%-?\s*capture\b[^{}%]{0,200}-?%\}")
_END_CAPTURE = re.compile(r"\{%-?\s*endcapture\s*-?%\}")


def _without_captures(text: str) -> str:
    """The page without its ``{% capture %}…{% endcapture %}`` blocks, their line breaks kept;
    one pass (an unclosed capture runs to the end of the page)."""
    if "capture" not in text:
        return text
    out: list[str] = []
    pos = 0
    while True:
        start = _CAPTURE.search(text, pos)
        if start is None:
            break
        end = _END_CAPTURE.search(text, start.end())
        stop = end.end() if end is not None else len(text)
        out += [text[pos : start.start()], "\n" * text.count("\n", start.start(), stop)]
        pos = stop
    out.append(text[pos:])
    return "".join(out)


_LIST_MARK = re.compile(r"^\s*(?:[*\-+•‣◦▪●]|\d{1,3}[.)])\s+")


def split_front_matter(text: str) -> tuple[dict[str, Any] | None, str, int]:
    """(front matter as data or None, the body, the body's first line). Front matter is YAML
    between ``---`` lines, TOML between ``+++`` lines, or the ``Key: value`` lines Pelican and
    MultiMarkdown open a Markdown post with (``Title:``, ``Date:``, ``Category:`` …, then a blank
    line)."""
    for pattern, load in ((FRONT_YAML, _load_yaml), (FRONT_TOML, _load_toml)):
        m = pattern.match(text)
        if m:
            try:
                data = one_language(load(m.group(1)))
            except ValueError:
                # YAML a generator would refuse but the author meant plainly ("title: 'Radar
                # Fusion in Bird's Eye View'", an apostrophe inside single quotes): its top-level
                # ``key: value`` lines, so the post keeps its title and date
                data = _plain_lines(m.group(1)) if load is _load_yaml else None
            return (data if isinstance(data, dict) else {}), text[m.end() :], text[: m.end()].count("\n") + 1
    return _key_value_metadata(text)


_PLAIN_LINE = re.compile(r"([A-Za-z_][\w-]{0,40})[ \t]*:[ \t]+(\S[^\n]{0,2000})")


def _plain_lines(block: str) -> dict[str, Any]:
    """A front matter's top-level ``key: value`` lines as plain strings, a trailing ``# comment``
    and a value's surrounding quotes left out; lists and nested keys are not read."""
    found: dict[str, Any] = {}
    for line in block.splitlines()[:200]:
        m = _PLAIN_LINE.fullmatch(line.rstrip())
        if m is None:
            continue
        value = re.sub(r"[ \t]#.*$", "", m.group(2)).strip()  # one blank before "#": linear
        if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
            value = value[1:-1].strip()
        if value:
            found.setdefault(m.group(1), value)
    return found


# the keys Pelican and MultiMarkdown metadata use: a page opening with such lines (a title or a date
# among them) and a blank line after them has them as its front matter
_METADATA_KEYS = frozenset({
    "title", "date", "modified", "category", "categories", "tags", "keywords", "slug", "author",
    "authors", "summary", "subtitle", "lang", "status", "template", "url", "save_as", "type",
    "description", "image", "draft",
})  # fmt: skip
_METADATA_LINE = re.compile(r"([A-Za-z][A-Za-z_ -]{0,30}):[ \t]+(\S.{0,2000})")


def _key_value_metadata(text: str) -> tuple[dict[str, Any] | None, str, int]:
    meta: dict[str, Any] = {}
    lines = text.split("\n", 41)
    for n, line in enumerate(lines[:40]):
        if not line.strip():
            if len(meta) >= 2 and ("title" in meta or "date" in meta):
                return meta, "\n".join(lines[n + 1 :]), n + 2
            return None, text, 1
        m = _METADATA_LINE.fullmatch(line.rstrip("\r"))
        key = m.group(1).strip().lower().replace(" ", "_") if m else ""
        if key not in _METADATA_KEYS:
            return None, text, 1
        meta[key] = m.group(2).strip() if m else ""
    return None, text, 1


# a Pandoc (Quarto, R Markdown) fenced div's opening or closing line: ``::: {.callout-note}``,
# ``:::: {.columns}``, ``::: aside``, ``:::``; or a Nuxt Content (MDC) block component's,
# ``::div{class="lang-en"}``, ``::alert``, ``::``: markup around the blocks it holds, not text
_DIV_FENCE = re.compile(
    r"^[ \t]{0,3}(?::{3,}[ \t]*(?:\{[^{}\n]{0,300}\}|[\w-]{1,80})?[ \t]*:*"
    r"|:{2,}[A-Za-z][\w-]{0,79}(?:\{[^{}\n]{0,300}\})?|::)[ \t]*$",
    re.M,
)


# an admonition's opening line (MkDocs Material, Python-Markdown): ``!!! success "2025 News"``,
# ``??? note``, ``???+ info "Title"``; its block is the lines indented under it
_ADMONITION = re.compile(
    r"([ \t]*)(?:!!!|\?\?\?\+?)[ \t]+[\w-]+(?:[ \t]+[\w-]+)*(?:[ \t]+\"[^\"\n]*\")?[ \t]*"
)


def without_admonitions(text: str) -> str:
    """``text`` with each admonition's opening line left out and its indented block brought
    back to the admonition's own level, so its lists and paragraphs read as Markdown, not as
    code; the line count kept."""
    if "!!!" not in text and "???" not in text:
        return text
    lines = text.split("\n")
    n = 0
    while n < len(lines):
        m = _ADMONITION.fullmatch(lines[n])
        n += 1
        if m is None:
            continue
        lines[n - 1] = ""
        base = len(m.group(1).expandtabs(4))
        while n < len(lines):
            line = lines[n].expandtabs(4)
            indent = len(line) - len(line.lstrip(" "))
            if line.strip() and indent < base + 4:
                break
            lines[n] = line[:base] + line[base + 4 :] if line.strip() else ""
            n += 1
    return "\n".join(lines)


def read_markdown(text: str, *, line_offset: int = 0, groups: _Groups | None = None) -> list[Block]:
    """Blocks of a Markdown body (no front matter)."""
    groups = groups or _Groups()
    text = without_admonitions(_DIV_FENCE.sub("", strip_templates(text)))
    lines = text.splitlines()
    tokens = _MD.parse(text)
    blocks: list[Block] = []
    html: list[str] = []
    html_line = 0
    i = 0

    def flush_html() -> None:
        nonlocal html
        if html:
            blocks.extend(read_html("\n".join(html), line_offset=line_offset + html_line - 1, groups=groups))
            html = []

    open_elements = 0  # block elements the HTML so far opened and has not closed
    cards = _html_around_markdown(tokens)
    while i < len(tokens):
        token = tokens[i]
        if i in cards:
            # an element whose Markdown inside it (blank lines around) is closed again before
            # the next heading: one piece of HTML, its Markdown shown as HTML, so that a card
            # stays one card
            flush_html()
            end = cards[i]
            html_line = (token.map[0] + 1) if token.map else 1
            html = [_card_html(tokens[i : end + 1])]
            open_elements = 0
            flush_html()
            i = end + 1
            continue
        inside = token.type == "code_block" and html and open_elements > 0
        if (token.type == "html_block" and token.level == 0) or inside:
            # an indented line after a blank one inside an open element ("<article>" over
            # indented "<span>"s) is more of that HTML, as Jekyll's kramdown reads it, not code
            if not html:
                html_line = (token.map[0] + 1) if token.map else 1
            html.append(token.content)
            open_elements += _opened(token.content)
            i += 1
            continue
        open_elements = 0
        flush_html()
        if token.type == "heading_open":
            inline = tokens[i + 1]
            level = int(token.tag[1])
            blocks.append(Block("heading", inline.content.strip(), _md_line(token, line_offset), level=level))
            i += 3
        elif token.type in ("bullet_list_open", "ordered_list_open") and token.level == 0:
            group = groups.next()
            depth = 0
            j = i
            while j < len(tokens):
                t = tokens[j]
                if t.type in ("bullet_list_open", "ordered_list_open"):
                    depth += 1
                elif t.type in ("bullet_list_close", "ordered_list_close"):
                    depth -= 1
                    if depth == 0:
                        break
                elif t.type == "list_item_open" and depth == 1 and t.map:
                    start, end = t.map
                    head = inline_text(_LIST_MARK.sub("", lines[start], count=1))
                    nested = _nested_items(tokens, j) if _only_a_date(head) else []
                    if nested:
                        # a year's or month's item over its own list ("* **2026**" over "  * **05/10**:
                        # …"): the date heads the list, whose items are the entries, as a bold date
                        # line over a list does
                        blocks.append(Block("entry", head, start + 1 + line_offset, source=lines[start]))
                        group = groups.next()
                        blocks += [
                            e for a, b in nested if (e := _list_entry(lines[a:b], a + 1 + line_offset, group))
                        ]
                        group = groups.next()
                    else:
                        entry = _list_entry(lines[start:end], start + 1 + line_offset, group)
                        if entry is not None:
                            blocks.append(entry)
                j += 1
            i = j + 1
        elif token.type == "paragraph_open" and token.level == 0 and token.map:
            start, end = token.map
            paragraph = "\n".join(lines[start:end]).strip()
            written = [(n, ln.strip()) for n, ln in enumerate(lines[start:end]) if ln.strip()]
            if len(written) >= 2 and all(_opens_with_date(ln) for _, ln in written):
                # a line per item with no blank line between ("**[10/2024]** …" on each): an
                # entry per line, as a list written without list markup
                group = groups.next()
                for n, ln in written:
                    line = start + n + 1 + line_offset
                    blocks.append(Block("entry", inline_text(ln), line, bullet=True, group=group, source=ln))
            elif paragraph:
                line = start + 1 + line_offset
                blocks.append(Block("entry", inline_text(paragraph), line, source=paragraph))
            i += 3
        elif token.type == "table_open":
            group = groups.next()
            rows: list[tuple[int, list[str]]] = []
            j = i
            while j < len(tokens) and tokens[j].type != "table_close":
                row_map = tokens[j].map
                if tokens[j].type == "tr_open" and row_map and tokens[j].level > 1:
                    cells = []
                    k = j + 1
                    while tokens[k].type != "tr_close":
                        if tokens[k].type == "inline":
                            # a cell's inline HTML read as the text it shows, as a paragraph's
                            cells.append(inline_text(tokens[k].content.strip()))
                        k += 1
                    if tokens[j - 1].type != "thead_open":
                        rows.append((row_map[0] + 1 + line_offset, cells))
                j += 1
            kept = _drop_row_numbers([cells for _, cells in rows])
            for (line, _), cells in zip(rows, kept, strict=True):
                text_row = " ".join(c for c in cells if c)
                if text_row:
                    blocks.append(Block("entry", text_row, line, bullet=True, group=group, source=text_row))
            i = j + 1
        else:
            i += 1
    flush_html()
    return blocks


def _list_entry(raw: list[str], line: int, group: int) -> Block | None:
    """A list item's lines as one entry, its list mark left out; None when it says nothing."""
    item = "\n".join([_LIST_MARK.sub("", raw[0], count=1)] + raw[1:]).lstrip()
    if not item:
        return None
    return Block("entry", inline_text(item), line, bullet=True, group=group, source="\n".join(raw))


def _only_a_date(text: str) -> bool:
    """A line that is only a year, a month or a day ("**2026**", "2025:", "May 2024"), its
    emphasis and punctuation aside."""
    words = re.sub(r"<[^>]{0,300}>", " ", text).strip(" *_:.-–—[]()")
    if not words or len(words) > 30:
        return False
    date = _card_date(words)
    return date is not None and len(re.sub(r"\W", "", date.text)) == len(re.sub(r"\W", "", words))


def _nested_items(tokens: list[Any], at: int) -> list[tuple[int, int]]:
    """The lines (start, end) of the items of the list nested in the list item opened at
    ``tokens[at]``, one level down; none when it holds no list."""
    found: list[tuple[int, int]] = []
    level = tokens[at].level
    for k in range(at + 1, len(tokens)):  # to the item's close only: a long list stays linear
        t = tokens[k]
        if t.type == "list_item_close" and t.level == level:
            break
        if t.type == "list_item_open" and t.level == level + 2 and t.map:
            found.append((t.map[0], t.map[1]))
    return found


_BLOCK_TAG = re.compile(
    r"<(/?)(?:div|section|article|main|aside|header|footer|nav|ul|ol|table|details|figure|blockquote)\b[^>]{0,2000}?(/?)>",
    re.I,
)


def _opened(html: str) -> int:
    """Block elements ``html`` opens less those it closes."""
    count = 0
    for m in _BLOCK_TAG.finditer(html):
        if m.group(1):
            count -= 1
        elif not m.group(2):
            count += 1
    return count


def _html_around_markdown(tokens: list[Any]) -> dict[int, int]:
    """Where HTML at the top level opens an element, Markdown follows inside it, and HTML closes
    it again before the next heading ("<div class=news-item>…<div class=news-links>", a blank
    line, "**Press**" over a list of links, "</div></div></div>"): the index of the opening
    HTML token and of the closing one. One pass: an element still open at a heading or at the
    end is not such a card, and its Markdown is read as Markdown."""
    found: dict[int, int] = {}
    depth = 0
    start = -1
    markdown = False  # whether Markdown came between since the element opened
    for n, token in enumerate(tokens):
        if token.type == "html_block" and token.level == 0:
            opened = _opened(token.content)
            if depth <= 0:
                depth, start, markdown = max(opened, 0), n, False
                continue
            depth += opened
            if depth <= 0:
                if markdown:
                    found[start] = n
                depth = 0
        elif token.type == "heading_open" and token.level == 0:
            depth = 0
        elif depth > 0 and token.level == 0 and token.type != "code_block":
            markdown = True
    return found


def _card_html(tokens: list[Any]) -> str:
    """The HTML of tokens from an opening HTML block to its closing one: HTML as written,
    Markdown rendered (an indented line stays the HTML it is, as in :func:`read_markdown`), each
    block on the line it was written on, so that items keep their lines."""
    first = tokens[0].map[0] if tokens[0].map else 0
    parts: list[str] = []
    at = 0  # the line of the source the HTML so far has reached
    for token in tokens:
        if token.map and token.map[0] - first > at:
            parts.append("\n" * (token.map[0] - first - at))
            at = token.map[0] - first
        if token.type in ("html_block", "code_block") and token.level == 0:
            piece = token.content
        else:
            piece = _MD.renderer.render([token], _MD.options, {})
            piece = piece if token.type == "fence" else piece.replace("\n", " ")
        parts.append(piece)
        at += piece.count("\n")
    return "".join(parts)


def _md_line(token: Any, offset: int) -> int:
    return (token.map[0] + 1 if token.map else 1) + offset


_ROW_NUMBER = re.compile(r"\s*(\d{1,4})\.?\s*")


def _drop_row_numbers(rows: list[list[str]]) -> list[list[str]]:
    """A table's rows without a column that only numbers them (1, 2, 3, … or counting down to 1,
    one per row): the number is the row's place, not part of its news. A column of years counts
    too, but not from 1, so it stays (it dates the rows)."""
    if len(rows) < 2:
        return rows
    width = min(len(r) for r in rows)
    for column in range(width):
        found = [_ROW_NUMBER.fullmatch(r[column]) for r in rows]
        if not all(found):
            continue
        numbers = [int(m.group(1)) for m in found if m]
        if numbers in (list(range(1, len(rows) + 1)), list(range(len(rows), 0, -1))):
            return [r[:column] + r[column + 1 :] for r in rows]
    return rows


# inline HTML, and the paragraphs and lists a data file's field may hold ("<p>…</p><ul><li>…")
# the inline tags an author styles a sentence with (a ``<code style="color: …">`` for colour, a
# ``<mark>``, a ``<cite>``, a "new" badge ``<img src="new.gif">``), besides the common ones: read
# as the text they hold (an image as none)
_HTML_IN_TEXT = re.compile(
    r"</?(?:a|b|strong|i|em|span|br|time|font|u|p|ul|ol|li|div|sup|sub|small|big|code|tt|kbd|samp|mark"
    r"|cite|q|abbr|dfn|del|ins|s|strike|center|nobr|img)\b",
    re.I,
)


_CODE_SPAN = re.compile(r"`[^`\n]{1,500}`")


def inline_text(text: str, badges: list[str] | None = None) -> str:
    """An entry's or a field's lines as one line (the text a reader sees), inline HTML (a title's
    ``<strong>``) made Markdown-ish; the badges it draws (:func:`take_badges`) are left out, and
    added to ``badges`` when given."""
    parts = [part for part in text.splitlines() if part.strip()]
    if not parts:
        return ""
    # the lines joined; the last keeps its trailing text exactly as written
    text = " ".join([*(p.strip() for p in parts[:-1]), parts[-1].lstrip()])
    if _HTML_IN_TEXT.search(_CODE_SPAN.sub("", text)):
        # a tag written inside backticks ("use `<code>`") is the sentence's text, not markup
        text = _CODE_SPAN.sub(lambda m: html_escape(m.group(0), quote=False), text)
        fragment = _fragment(text, "span")
        if fragment is not None:
            _clean_tree(fragment)
            found = take_badges(fragment)
            if badges is not None:
                badges += found
            text = html_text(fragment)
    return _ENTITY.sub(_character, text) if "&" in text else text


# a character reference ("&quot;", "&#8212;", "&#x27;"); "&lt;", "&gt;" and "&amp;" stay as
# written, as Markdown shows them so and the item's text is Markdown
_ENTITY = re.compile(r"&(?:[A-Za-z][A-Za-z0-9]{1,31}|#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6});")
_KEPT_ENTITIES = frozenset({"<", ">", "&"})


def _character(m: re.Match[str]) -> str:
    decoded = html_unescape(m.group(0))
    return m.group(0) if decoded in _KEPT_ENTITIES or decoded == m.group(0) else decoded


# ---------------------------------------------------------------------------------------------
# org-mode and reStructuredText


_ORG_HEADING = re.compile(r"^(\*+)\s+(.*?)\s*(?::[\w@#%:]+:)?\s*$")


_ORG_VERBATIM = re.compile(r"#\+BEGIN_(SRC|EXAMPLE|EXPORT|COMMENT)\b", re.I)


def read_org(text: str) -> list[Block]:
    blocks: list[Block] = []
    groups = _Groups()
    paragraph: list[str] = []
    start = 0
    drawer = False
    skipped = ""  # the end line of a code, example, comment or export block being skipped
    group = groups.next()

    def flush() -> None:
        nonlocal paragraph
        if paragraph:
            raw = " ".join(p.strip() for p in paragraph)
            bullet = bool(_LIST_MARK.match(paragraph[0]))
            body = _LIST_MARK.sub("", raw, count=1) if bullet else raw
            blocks.append(
                Block(
                    "entry", _org_inline(body), start, bullet=bullet, group=group, source="\n".join(paragraph)
                )
            )
            paragraph = []

    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        if drawer:
            drawer = stripped.upper() != ":END:"
            continue
        if skipped:
            skipped = "" if stripped.upper().startswith(skipped) else skipped
            continue
        verbatim = _ORG_VERBATIM.match(stripped)
        if verbatim:  # code, an example, a comment, raw output for one exporter (a script): no text
            flush()
            skipped = f"#+END_{verbatim.group(1).upper()}"
            continue
        if re.match(r"^:[A-Z_]+:\s*$", stripped, re.I) and stripped.upper() != ":END:":
            flush()
            drawer = True
            continue
        heading = _ORG_HEADING.match(line)
        if heading and line.startswith("*"):
            flush()
            blocks.append(
                Block("heading", _org_inline(heading.group(2)), number, level=len(heading.group(1)))
            )
            group = groups.next()
            continue
        if stripped.startswith(("#+", "# ")) or stripped == "#":
            flush()
            continue
        if not stripped:
            flush()
            continue
        if _LIST_MARK.match(line) and paragraph:
            flush()
        if not paragraph:
            start = number
        paragraph.append(line)
    flush()
    return blocks


# Org's timestamps, active or not: "<2024-05-03 Fri>", "[2019-01-22 Tue 10:00-11:30]"
_ORG_TIMESTAMP = re.compile(
    r"[<\[]((?:19|20)\d\d-\d\d-\d\d)(?: [^\W\d_]{2,9}\.?)?( \d{1,2}:\d\d(?:-\d{1,2}:\d\d)?)?[>\]]"
)


# Org's links, [[target][description]] or [[target]]; its emphasis (*bold*, /italic/, =code=,
# ~verbatim~, +strike+, _underline_) opens after a space or "-({'\"" and closes, with the same mark,
# before a space or punctuation, as Org reads it; at most 150 characters between the marks
_ORG_LINK = re.compile(r"\[\[([^\[\]\n]{1,2000})\](?:\[([^\[\]\n]{1,2000})\])?\]")
_ORG_EMPHASIS = re.compile(
    r"(?:^|(?<=[\s\-({'\"]))([*/=~+_])(\S|\S[^\n]{0,300}?\S)\1(?=[\s\-.,;:!?')}\"\]]|$)"
)


def _org_inline(text: str) -> str:
    """An Org line as Markdown text: its timestamps as dates, its links as Markdown links (their
    targets untouched: ``https://…`` keeps its slashes), its emphasis marks left out."""
    text = _ORG_TIMESTAMP.sub(r"\1\2", text.replace("\x00", ""))  # NUL marks the links below
    text = re.sub(r"\s?\[fn:[\w-]{1,40}\]", "", text)  # a footnote's mark
    targets: list[str] = []

    def link(m: re.Match[str]) -> str:
        targets.append(m.group(1))
        mark = f"\x00{len(targets) - 1}\x00"
        return f"[{m.group(2)}]({mark})" if m.group(2) else mark

    text = _ORG_LINK.sub(link, text)
    for _ in range(2):  # emphasis inside emphasis: /*BARCCSYN* Fall Retreat/
        text = _ORG_EMPHASIS.sub(r"\2", text)
    text = re.sub("\x00(\\d+)\x00", lambda m: targets[int(m.group(1))], text)
    return " ".join(text.split())


_RST_UNDERLINE = re.compile(r"^([=\-~^\"'`#*+:.<>_])\1{2,}\s*$")
_RST_LINK = re.compile(r"`([^`<]+?)\s*<([^>]+)>`_{1,2}")
_RST_ROLE = re.compile(r":[\w-]+:`([^`<]+?)(?:\s*<[^>]+>)?`")


def read_rst(text: str) -> list[Block]:
    lines = text.splitlines()
    blocks: list[Block] = []
    groups = _Groups()
    levels: list[str] = []
    group = groups.next()
    i = 0
    paragraph: list[str] = []
    start = 0

    def flush() -> None:
        nonlocal paragraph
        if paragraph:
            raw = " ".join(p.strip() for p in paragraph)
            bullet = bool(_LIST_MARK.match(paragraph[0]))
            body = _LIST_MARK.sub("", raw, count=1) if bullet else raw
            blocks.append(
                Block(
                    "entry", _rst_inline(body), start, bullet=bullet, group=group, source="\n".join(paragraph)
                )
            )
            paragraph = []

    while i < len(lines):
        line = lines[i]
        stripped = line.strip()
        nxt = lines[i + 1] if i + 1 < len(lines) else ""
        if (
            stripped
            and not line.startswith(" ")
            and _RST_UNDERLINE.match(nxt)
            and len(nxt.strip()) >= min(len(stripped) - 1, 4)  # docutils warns of a short one, and reads it
        ):
            flush()
            char = nxt.strip()[0]
            overline = i > 0 and _RST_UNDERLINE.match(lines[i - 1] or "") is not None
            mark = char + ("o" if overline else "")
            if mark not in levels:
                levels.append(mark)
            blocks.append(Block("heading", _rst_inline(stripped), i + 1, level=levels.index(mark) + 1))
            group = groups.next()
            i += 2
            continue
        if _RST_UNDERLINE.match(line) and (not paragraph):
            i += 1
            continue
        if stripped.startswith(".."):
            flush()  # a comment or a directive: its indented block is not prose
            i += 1
            while i < len(lines) and (not lines[i].strip() or lines[i].startswith((" ", "\t"))):
                i += 1
            continue
        if not stripped:
            flush()
            i += 1
            continue
        if _LIST_MARK.match(line) and paragraph:
            flush()
        if (
            not paragraph
            and not line[:1].isspace()
            and not _LIST_MARK.match(line)
            and nxt.strip()
            and nxt[:1].isspace()
            and len(stripped) <= 80
        ):
            # a definition list's term ("October 2012" over its indented paragraphs): it heads
            # every paragraph of its definition, as a heading does its section
            blocks.append(Block("heading", _rst_inline(stripped), i + 1, level=len(levels) + 1))
            group = groups.next()
            i += 1
            continue
        if not paragraph:
            start = i + 1
        paragraph.append(line)
        i += 1
    flush()
    return blocks


def _rst_inline(text: str) -> str:
    text = _RST_LINK.sub(r"[\1](\2)", text)
    text = _RST_ROLE.sub(r"\1", text)
    text = re.sub(r"``([^`]+)``", r"\1", text)
    text = re.sub(r"\\(.)", r"\1", text)
    return " ".join(text.split())


# ---------------------------------------------------------------------------------------------
# JavaScript that writes HTML


_HTML_IN_JS = re.compile(r"<(?:li|ul|ol|p|div|h[1-6]|br)\b", re.I)


def html_in_javascript(text: str) -> str | None:
    """The HTML a script writes (``document.write('<ul>…')``, ``innerHTML = "…"``): its string
    literals that hold a tag, unescaped, read in one pass (:func:`.jsdata.js_strings`); None when
    it writes none."""
    parts = [s for s in js_strings(text) if _HTML_IN_JS.search(s)]
    return "\n".join(parts) if parts else None


# ---------------------------------------------------------------------------------------------
# data files


def _load_yaml(text: str) -> Any:
    try:
        return yaml.load(text, Loader=_SafeLoader)  # noqa: S506 (a safe loader without object tags)
    except yaml.YAMLError as exc:
        raise ValueError(f"not YAML: {exc}") from None


class _SafeLoader(yaml.SafeLoader):
    """YAML's safe loader; a timestamp that is no date ("2024-20-11") and a month written with a
    dot ("10.2023", a number to YAML) stay text, for the importer to read (and explain) rather
    than failing the whole file or losing the month."""


def _timestamp(loader: yaml.SafeLoader, node: yaml.Node) -> Any:
    try:
        return yaml.SafeLoader.construct_yaml_timestamp(loader, node)  # type: ignore[arg-type]
    except ValueError:
        return loader.construct_scalar(node)  # type: ignore[arg-type]


_SafeLoader.add_constructor("tag:yaml.org,2002:timestamp", _timestamp)

# "10.2023", "2019.11": a month written with a dot, which YAML reads as a number (10.2023, and
# "10.2020" as 10.202)
_DOTTED_MONTH = re.compile(r"(?:0?[1-9]|1[0-2])\.(?:19|20)\d\d|(?:19|20)\d\d\.(?:0?[1-9]|1[0-2])")


def _float(loader: yaml.SafeLoader, node: yaml.Node) -> Any:
    """A number, but a month written with a dot stays as written, for the date engine."""
    text = loader.construct_scalar(node)  # type: ignore[arg-type]
    if isinstance(text, str) and _DOTTED_MONTH.fullmatch(text.strip()):
        return text.strip()
    return yaml.SafeLoader.construct_yaml_float(loader, node)  # type: ignore[arg-type]


_SafeLoader.add_constructor("tag:yaml.org,2002:float", _float)


def _load_toml(text: str) -> Any:
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ValueError(f"not TOML: {exc}") from None


def _without_trailing_commas(text: str) -> str:
    """JSON with the commas before a closing ``]`` or ``}`` left out (outside strings): what
    JavaScript and many site generators accept and ``json`` does not. One pass, linear."""
    out: list[str] = []
    in_string = escaped = False
    pending = -1  # index in ``out`` of a comma that may be trailing
    for ch in text:
        if in_string:
            escaped = not escaped and ch == "\\"
            if ch == '"' and not escaped:
                in_string = False
        elif ch == '"':
            in_string, pending = True, -1
        elif ch == ",":
            pending = len(out)
        elif ch in "]}" and pending >= 0:
            out[pending] = ""
            pending = -1
        elif not ch.isspace():
            pending = -1
        out.append(ch)
    return "".join(out)


_CSV_HEADER = re.compile(r"[^\W\d][\w .()/-]{0,39}")


def _csv_header(text: str, kind: str) -> tuple[str, list[str]] | None:
    """The delimiter and column names of a table whose first line names its columns (Jekyll's
    ``_data/*.csv`` and ``*.tsv``, a spreadsheet's export): a tab for TSV, else whichever of
    comma, semicolon (as spreadsheets write CSV where the comma is the decimal mark) and tab
    splits the first line into the most names; None when that line is no such header."""
    first = text.lstrip("\ufeff").split("\n", 1)[0].strip()
    choices = ("\t",) if kind == "tsv" else (",", ";", "\t")
    delimiter = max(choices, key=first.count)
    names = [name.strip().strip('"').strip() for name in first.split(delimiter)]
    while names and not names[-1]:  # a spreadsheet's export with empty columns after the named ones
        names.pop()
    if not 2 <= len(names) <= 40 or not all(_CSV_HEADER.fullmatch(name) for name in names):
        return None
    return delimiter, names


def _is_dated_table(text: str) -> bool:
    """A CSV or TSV table without its file name (pasted, or a spreadsheet's published export):
    a first line of column names, one of them a date's, and at least two of the rows under it
    (among the first eleven) with as many fields, read as records."""
    header = _csv_header(text, "csv")
    if header is None or not any(_DATE_KEYS.match(name) for name in header[1]):
        return False
    delimiter, names = header
    try:
        table = csv.reader(io.StringIO(text.lstrip("\ufeff")), delimiter=delimiter, skipinitialspace=True)
        rows = list(itertools.islice(table, 12))
    except csv.Error:
        return False
    if sum(len(row) == len(names) for row in rows[1:]) < 2:
        return False
    try:
        return bool(find_records(load_data(text, "csv")))
    except ValueError:
        return False


def load_data(text: str, kind: str) -> Any:
    if kind in ("csv", "tsv"):
        header = _csv_header(text, kind)
        if header is None:
            raise ValueError("its first line does not name the columns")
        try:
            # a space after the delimiter before a quoted field (`01/31/21, "Our paper, …"`)
            reader = csv.DictReader(
                io.StringIO(text.lstrip("\ufeff")), delimiter=header[0], skipinitialspace=True
            )
            rows = [{(k or "").strip(): (v or "").strip() for k, v in row.items() if k} for row in reader]
        except csv.Error as exc:
            raise ValueError(f"not {kind.upper()}: {exc}") from None
        return [row for row in rows if any(row.values())]
    if kind == "json":
        try:
            return json.loads(text)
        except json.JSONDecodeError as exc:
            try:
                return json.loads(_without_trailing_commas(text))
            except json.JSONDecodeError:
                raise ValueError(f"not JSON: {exc}") from None
    if kind == "toml":
        return _load_toml(text)
    return _load_yaml(text)


_DATE_KEYS = re.compile(r"^(date|time|when|day|posted|published|pubdate|created|year|month|on)$", re.I)
_TITLE_KEYS = re.compile(r"^(title|headline|name|heading|subject)$", re.I)
# the fields that hold a record's body, beside its title
_BODY_KEYS = re.compile(r"^(description|summary|content|body|details|text|excerpt|abstract)$", re.I)
# the author's own category of a record or post: "type", "category", "tags", "type_tag", "news_type"
HINT_KEYS = re.compile(
    r"^(?:type|kind|category|categories|tag|tags|label|icon|emoji|type_tag|\w+_(?:type|kind|category))$", re.I
)
# A record's field that holds a link of the item's own ("link", "url", "paper_url", "pdf", "doi"),
# not a picture's ("image_url", "thumbnail").
_LINK_KEYS = re.compile(r"(?:url|link|href|pdf|doi|slides|video|code|arxiv)s?$", re.I)
_PICTURE_KEYS = re.compile(r"image|img|icon|photo|thumb|avatar|logo|banner|cover", re.I)
_DOI = re.compile(r"(?:doi:\s*)?(10\.\d{4,9}/\S+)$", re.I)


# where a template's stand-in item links: "/news/placeholder/", "placeholder.html"
STAND_IN_ADDRESS = re.compile(r"(?:^|/)placeholder(?:[/.#?]|$)", re.I)


def _stand_in_record(row: dict[str, Any]) -> str:
    """The address a record's link field gives when it is a template's stand-in (a theme's
    ``_data/news.yml``: "More news!", ``link: "/news/placeholder/"``); "" for others."""
    for key, value in row.items():
        linked = isinstance(key, str) and isinstance(value, str) and _LINK_KEYS.search(key)
        if linked and STAND_IN_ADDRESS.search(value.strip()):
            return str(value).strip()
    return ""


def record_links(row: dict[str, Any]) -> tuple[Link, ...]:
    """The links a record gives in fields of their own, in its order: web addresses, and a DOI
    written bare (``doi: 10.1145/…``) as its doi.org address. Pictures' addresses are no links."""
    found: list[Link] = []
    for key, value in row.items():
        if not (isinstance(key, str) and isinstance(value, str)):
            continue
        if not _LINK_KEYS.search(key) or _PICTURE_KEYS.search(key):
            continue
        href = value.strip()
        doi = _DOI.match(href)
        if doi is not None:
            href = f"https://doi.org/{doi.group(1)}"
        if not re.match(r"https?://\S+$", href) or any(link.href == href for link in found):
            continue
        named = key if not re.fullmatch(r"(?:url|link|href)s?", key, re.I) else ""
        found.append(Link(href=href, title=None, rel=link_rel(href, named)))
    return tuple(found)


# a record's field that holds a deadline ("deadline", "submission_deadline", "abstractDeadline",
# "due", "due_date")
_DEADLINE_KEY = re.compile(r"deadline|(?:^|[_\- ])due(?:[_\- ]?date)?$", re.I)


def record_deadlines(
    row: dict[str, Any], *, skip: str | None, today: dt.date, order: DateOrder | None
) -> tuple[Event, ...]:
    """The deadlines a record gives in fields of their own (``deadline: 2026-01-16``,
    ``submission_deadline: "1 Feb 2025, 11.59pm AoE"``), each an event named for its field
    ("Submission deadline"), so that the calendar shows it and reminders come before it; a
    field that is no day (a month, "TBA") gives none, and ``skip``, the record's own date
    field, is its posting date, not a deadline."""
    found: list[Event] = []
    for key, value in row.items():
        if not isinstance(key, str) or key == skip or not _DEADLINE_KEY.search(key):
            continue
        date, _ = record_date(value, month_year=False, today=today, key=key, order=order)
        if date is None or date.grain not in ("day", "minute") or any(e.date == date for e in found):
            continue
        words = re.sub(r"(?<=[a-z])(?=[A-Z])", " ", key).replace("_", " ").replace("-", " ").split()
        found.append(Event(label=" ".join(words).capitalize()[:60], date=date))
    return tuple(found)


# a file's path or name ("files/jop.jpeg", "/assets/img/lab.png", "slides.pdf")
_FILE_PATH = re.compile(
    r"(?:https?://)?[\w./~%:+=?&-]{0,300}\.(?:jpe?g|png|gif|webp|svg|avif|bmp|pdf|mp4|webm|mov|pptx?|docx?|zip)",
    re.I,
)
_FLAG_VALUE = re.compile(r"\d{1,3}|true|false|yes|no|y|n", re.I)
# the site's page a record leads to ("route: /projects/", "#awards"): an address, no words
_SITE_ADDRESS = re.compile(r"[/#][\w./~%#?=&+-]{0,300}")
_SKIP_KEYS = re.compile(
    r"(url|link|href|image|img|icon|photo|thumb(?:nail)?|pdf|doi|slug|id|uuid|guid|hash|sha|checksum|layout|permalink"
    r"|filename|(?<![a-z])file|(?<![a-z])path"
    r"|colou?r|style|class|css|width|height|weight|align)s?$",  # how the theme draws it, no text
    re.I,
)


@dataclass
class Records:
    """A list of news records found in data, with what each field is."""

    path: str
    rows: list[dict[str, Any]]
    date_key: str | None
    text_key: str | None
    title_key: str | None
    hint_key: str | None
    keyed_by_date: bool = False
    parts: tuple[str, ...] = ()  # the short text fields read with the text, in the record's order
    group: Any = None  # the year of the group that holds the list ("2026: [ … ]", "year: 2026")
    # lists of one shape kept by year, read as one: (first row, the group's year) for each
    groups: tuple[tuple[int, Any], ...] = ()


# a stamp a tool writes without separators: "20240501", "20120101154803" (YYYYMMDDhhmmss)
_COMPACT_STAMP = re.compile(
    r"((?:19|20)\d\d)(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])(?:([01]\d|2[0-3])([0-5]\d)([0-5]\d)?)?"
)


def compact_stamp(value: Any) -> Any:
    """A data field's stamp written without separators as ISO ("20120101154803" is "2012-01-01
    15:48:03"); any other value as it is."""
    m = _COMPACT_STAMP.fullmatch(str(value).strip()) if isinstance(value, (str, int)) else None
    if m is None:
        return value
    day = f"{m.group(1)}-{m.group(2)}-{m.group(3)}"
    return f"{day} {m.group(4)}:{m.group(5)}:{m.group(6) or '00'}" if m.group(4) else day


def _date_value(value: Any) -> bool:
    """A value that is a date: the date is most of it ("12 March 2023", "Sep 2023 (updated)"), not
    the label of a sentence ("[12-03-2023] One paper accepted by ICME.", a field that is the
    record's text and carries its date)."""
    value = compact_stamp(value)
    if isinstance(value, (dt.date, dt.datetime)):
        return True
    if isinstance(value, str) and 3 <= len(value) <= 60:
        try:
            found = parse(value.strip(), today=ANY_DAY)
        except DateParseError:
            return bool(re.fullmatch(r"\s*\d{1,2}/\d{2}\s*", value))
        if RELATIVE_DAY.search(found.text) and not re.search(r"\d", found.text):
            return False  # "Meet this week's researcher": a title, no stored date says "this week"
        return len(_WORDS_BESIDE_DATE.findall(value.replace(found.text, " ", 1))) <= 2
    return isinstance(value, int) and 1900 <= value <= 2100


_WORDS_BESIDE_DATE = re.compile(r"[^\W\d_]{2,}")


def _finer_than_year(value: Any) -> bool:
    """A date value that names a month or a day, not a year alone."""
    if isinstance(value, (dt.date, dt.datetime)):
        return True
    if not isinstance(value, str):
        return False
    try:
        return parse(value.strip(), today=ANY_DAY).grain != "year"
    except DateParseError:
        return False


def _text_list(value: Any) -> bool:
    """A list of texts ("items: [Paper accepted …, Talk at …]"): one item each."""
    return isinstance(value, list) and bool(value) and all(isinstance(v, str) and v.strip() for v in value)


def _is_date_key(key: object) -> bool:
    return isinstance(key, (dt.date, dt.datetime)) or (isinstance(key, str) and _date_value(key))


# ISO 639-1 codes of the languages sites are most often kept in, alone or with a region
# ("zh-CN", "pt_BR"): a mapping keyed only by them holds one value in several languages.
_LANGUAGES = frozenset({
    "ar", "bg", "ca", "cs", "da", "de", "el", "en", "es", "et", "eu", "fa", "fi", "fr", "ga", "gl",
    "he", "hi", "hr", "hu", "hy", "is", "it", "ja", "ka", "kk", "ko", "lt", "lv", "mk", "ms", "mt",
    "nb", "nl", "nn", "no", "pl", "pt", "ro", "ru", "sk", "sl", "sq", "sr", "sv", "sw", "ta", "th",
    "tr", "uk", "ur", "uz", "vi", "zh",
})  # fmt: skip


LANGUAGE_CODE = re.compile(r"[a-z]{2}(?:[-_][a-zA-Z]{2,4})?")  # "en", "zh-CN", "pt_BR"


def language_of(key: object) -> str:
    """The language a key names ("zh-CN" -> "zh"), or "" when it names none."""
    code = re.split(r"[-_]", key, maxsplit=1)[0].lower() if isinstance(key, str) else ""
    return code if code in _LANGUAGES else ""


def _chosen_language(keys: list[Any]) -> Any:
    """Of keys naming languages, the English one, else the first written."""
    return next((k for k in keys if language_of(k) == "en"), keys[0])


def one_language(data: Any) -> Any:
    """``data`` (a data file, a post's front matter) with every value kept in several languages
    (``title: {en: …, ja: …}``, ``date: {en: Mar 2026, zh: 2026 年
    3 月}``) read in one: English when it is there, else the first written. So are fields kept
    side by side (``title: 两篇论文…``, ``title_en: Two papers…``): the English one is the
    field; a record's versions beside its own fields (``time: May 2026``, ``en: {news: …}``,
    ``zh: {news: …}``): the English version's fields are the record's; and a whole file kept
    once per language (``en: [records]``, ``zh: [records]``)."""
    if isinstance(data, dict):
        keys = list(data)
        if len(keys) >= 2 and all(language_of(k) for k in keys):
            values = list(data.values())
            if all(isinstance(v, str | int | float | dt.date) for v in values) or all(
                isinstance(v, list) for v in values
            ):
                return one_language(data[_chosen_language(keys)])
        versions = [k for k in keys if language_of(k) and isinstance(data[k], dict)]
        if len(versions) >= 2:
            chosen = data[_chosen_language(versions)]
            merged = {k: v for k, v in data.items() if k not in versions}
            data = {**merged, **{k: v for k, v in chosen.items() if k not in merged}}
        texts = [k for k in keys if language_of(k) and isinstance(data.get(k), str)]
        if len(texts) >= 2:  # {date: …, en: "Patent authorized!", zh: "…"}: the English text
            kept = _chosen_language(texts)
            data = {k: v for k, v in data.items() if k not in texts or k == kept}
        return _english_siblings({k: one_language(v) for k, v in data.items()})
    if isinstance(data, list):
        return [one_language(v) for v in data]
    return data


_SIBLING = re.compile(r"(\w+?)[_-]([a-z]{2}(?:[-_][A-Za-z]{2})?)")


def _english_siblings(row: dict[Any, Any]) -> dict[Any, Any]:
    """A record's ``title_en`` beside its ``title`` (or ``title_zh``) is its title: the English
    text takes the field's own name and the other languages' fields go. With no English one, the
    field with no language in its name is the site's own and its versions go (``headline`` beside
    ``headline_ko``), as a post kept once per language is read."""
    english: dict[str, Any] = {}
    base_of: dict[str, str] = {}  # each field named for a language, and the field it is a version of
    for key, value in row.items():
        m = _SIBLING.fullmatch(key) if isinstance(key, str) else None
        if m is None or not language_of(m.group(2)) or not isinstance(value, str):
            continue
        base_of[key] = m.group(1)
        if language_of(m.group(2)) == "en" and value.strip():
            english[m.group(1)] = value
    if not english:
        own = {b for b in base_of.values() if isinstance(row.get(b), str) and row[b].strip()}
        return {k: v for k, v in row.items() if base_of.get(k) not in own}
    kept = {k: v for k, v in row.items() if base_of.get(k) not in english}
    return {**kept, **english}


_YEAR = re.compile(r"\s*(?:19|20)\d\d\s*")


def _year_of_group(value: Any) -> Any:
    """The year a group of records names (``{year: 2026, items: [ … ]}``: a field named like a
    date that holds a year and nothing finer, beside a list), or None; a record's own date
    (``{date: 2024-05-03, links: [ … ]}``) makes no group."""
    if not isinstance(value, dict) or not any(isinstance(v, list) for v in value.values()):
        return None
    return next(
        (
            v
            for k, v in value.items()
            if isinstance(k, str)
            and _DATE_KEYS.match(k)
            and isinstance(v, int | str)
            and not isinstance(v, bool)
            and _YEAR.fullmatch(str(v))
        ),
        None,
    )


_INDEX = re.compile(r"\[\d+\]")


def _by_year(found: list[Records]) -> list[Records]:
    """The lists of records kept by year (``years: [{year: 2026, items: [ … ]}, …]``, ``2026:
    [ … ]``, ``[{year: 2026, news: [ … ]}]``) joined: each list of one shape under a year of its
    own, in file order, each group's first row marked with its year; then the lists found."""
    shapes: dict[str, list[Records]] = {}
    for records in found:
        if records.group is None or records.keyed_by_date:
            continue
        parts = _INDEX.sub("[*]", records.path).split(".")
        shape = ".".join("*" if _is_date_key(part) else part for part in parts)
        shapes.setdefault(shape, []).append(records)
    joined: list[Records] = []
    for shape, lists in shapes.items():
        if len(lists) < 2:
            continue
        rows: list[dict[str, Any]] = []
        groups: list[tuple[int, Any]] = []
        for records in lists:
            groups.append((len(rows), records.group))
            rows += records.rows
        if all(set(row) == {"text"} for row in rows):  # sentences dated by their labels
            described: Records | None = Records(shape, rows, None, "text", None, None)
        else:
            described = _describe(rows, shape)
        if described is not None:
            joined.append(dataclasses.replace(described, groups=tuple(groups)))
    return joined + found


def find_records(data: Any, path: str = "") -> list[Records]:
    """Every list of mappings and every mapping keyed by dates inside ``data``, with its fields
    recognised by content: the date field is the one whose values read as dates (a field named
    like one first), the text the longest text field, the title a short text field named so. A
    value kept in several languages is read in English (:func:`one_language`). Lists of one
    shape kept by year are also found joined (:func:`_by_year`)."""
    if not path:
        return _by_year(_find_records(one_language(data), "", None))
    return _find_records(data, path, None)


def _find_records(data: Any, path: str, group: Any) -> list[Records]:
    found: list[Records] = []
    if isinstance(data, list):
        rows = [r for r in data if isinstance(r, dict)]
        if len(rows) >= 1 and len(rows) >= len(data) / 2:
            described = _describe(rows, path)
            if described is not None:
                found.append(dataclasses.replace(described, group=group))
        keyed = [r for r in rows if r and all(_is_date_key(k) for k in r)]
        if len(keyed) >= 2 and len(keyed) >= 0.8 * len(data):
            # a list of mappings from a date to its text ("- May 2024: Organizing a day." as
            # YAML reads it), one per news: one list keyed by dates, in file order
            dated = [{"date": k, "text": v} for r in keyed for k, v in r.items() if isinstance(v, str)]
            if dated:
                found.append(
                    Records(path, dated, "date", "text", None, None, group=group, keyed_by_date=True)
                )
        texts = [t for t in data if isinstance(t, str) and t.strip()]
        if (
            len(texts) >= 2
            and len(texts) >= 0.8 * len(data)
            and sum(map(len, texts)) >= 25 * len(texts)
            and sum(" " in t.strip() for t in texts) * 2 >= len(texts)
        ):
            # a list of sentences ("Sep'25: Two papers …"), not of tags or names: entries,
            # dated by their own labels
            found.append(Records(path, [{"text": t} for t in texts], None, "text", None, None, group=group))
        for n, child in enumerate(data):
            if isinstance(child, (dict, list)):
                found += _find_records(child, f"{path}[{n}]", _year_of_group(child))
    elif isinstance(data, dict):
        keys = list(data)
        if keys and sum(_is_date_key(k) for k in keys) >= max(1, len(keys) * 0.8):
            rows = [{"date": k, "text": v} for k, v in data.items() if isinstance(v, str)]
            if rows:
                found.append(Records(path, rows, "date", "text", None, None, keyed_by_date=True))
        records = [v for v in data.values() if isinstance(v, dict)]
        alone = len(data) == 1 and bool(records) and any(_date_value(v) for v in records[0].values())
        if (len(records) >= 2 and len(records) >= 0.8 * len(data)) or alone:
            # records keyed by a name ("siebel_scholar: {date: …, content: …}"), in file order;
            # a file of one such record when it is dated (a year's file of a data folder); keyed
            # by their titles ("New paper published in JMRI": {date: …, content: …}), each with
            # its title when it has none of its own
            if _titled_by_keys(data):
                records = [{"title": k, **v} for k, v in data.items() if isinstance(v, dict)]
            described = _describe(records, path)
            if described is not None:
                found.append(described)
        for key, child in data.items():
            if isinstance(child, (dict, list)):
                year = key if _is_date_key(key) or _YEAR.fullmatch(str(key)) else group
                found += _find_records(child, f"{path}.{key}" if path else str(key), year)
    return found


def _titled_by_keys(data: dict[Any, Any]) -> bool:
    """Records keyed by their titles: most keys are phrases of three words or more, and no record
    has a title field of its own."""
    phrases = sum(1 for k in data if isinstance(k, str) and len(k.split()) >= 3)
    titled = any(isinstance(v, dict) and any(_TITLE_KEYS.match(str(f)) for f in v) for v in data.values())
    return 2 * phrases > len(data) and not titled


_YEAR_KEY = re.compile(r"(?:year|yyyy|yr)", re.I)
_MONTH_KEY = re.compile(r"(?:month|mon|mm)", re.I)
_DAY_KEY = re.compile(r"(?:day|dd)", re.I)
JOINED_DATE = "year/month/day"  # the field a record's date split over three fields is read as


def _month_number(value: Any) -> int | None:
    """A month a field holds on its own: 3, "03", "03月", "3월", "March", "Mar", "März" (the date
    grammar's names); None else."""
    text = str(value).strip().rstrip("月월.").strip() if isinstance(value, (str, int)) else ""
    if text.isdigit():
        return int(text) if 1 <= int(text) <= 12 else None
    if not text.isalpha():
        return None
    from ..dates.grammar import month_number  # the grammar loads with the parser, on first use

    try:
        return month_number(text)
    except KeyError:
        return None


def _joined_dates(rows: list[dict[str, Any]], keys: list[str]) -> list[dict[str, Any]]:
    """Records whose date is split over a year, a month and a day field (``year: 2025, month:
    '03月', day: 15``), each with those fields read as one date (:data:`JOINED_DATE`, written
    ``2025-03-15`` or ``2025-03``), kept where the year was; the records unchanged when no month
    field holds months alone."""
    year = next((k for k in keys if _YEAR_KEY.fullmatch(k)), None)
    month = next((k for k in keys if _MONTH_KEY.fullmatch(k)), None)
    day = next((k for k in keys if _DAY_KEY.fullmatch(k)), None)
    if year is None or month is None:
        return rows
    months = [r.get(month) for r in rows if r.get(month) not in (None, "")]
    if not months or sum(1 for m in months if _month_number(m) is not None) < 0.8 * len(months):
        return rows
    joined: list[dict[str, Any]] = []
    for row in rows:
        number = _month_number(row.get(month))
        written = str(row.get(year) or "").strip()
        if not re.fullmatch(r"\d{4}", written) or number is None:
            joined.append(row)
            continue
        date = f"{written}-{number:02d}"
        day_value = str(row.get(day) or "").strip().rstrip("日일") if day else ""
        if day_value.isdigit() and 1 <= int(day_value) <= 31:
            date = f"{date}-{int(day_value):02d}"
        joined.append(
            {
                (JOINED_DATE if k == year else k): (date if k == year else v)
                for k, v in row.items()
                if k not in (month, day)
            }
        )
    return joined


def _describe(rows: list[dict[str, Any]], path: str) -> Records | None:
    keys: list[str] = []
    for row in rows:
        keys += [k for k in row if isinstance(k, str) and k not in keys]
    rows = _joined_dates(rows, keys)
    keys = []
    for row in rows:
        keys += [k for k in row if isinstance(k, str) and k not in keys]

    def share(predicate: Any, key: str) -> float:
        return sum(1 for r in rows if key in r and predicate(r[key])) / len(rows)

    def filled(key: str) -> list[Any]:
        return [r[key] for r in rows if r.get(key) not in (None, "")]

    def date_field(key: str) -> bool:
        """Most records' values read as dates; or, for a field named like a date, most of the
        records that fill it in (undated records leave it empty)."""
        values = filled(key)
        dated = sum(1 for v in values if _date_value(v))
        return share(_date_value, key) >= 0.5 or bool(
            _DATE_KEYS.match(key) and values and dated >= 0.8 * len(values)
        )

    def finer(key: str) -> float:
        """The share of the records whose value names more than a year ("Jul 2026" beside a
        "year: 2026" field, which only groups the records)."""
        return sum(1 for v in filled(key) if _date_value(v) and _finer_than_year(v)) / len(rows)

    dates = [k for k in keys if date_field(k)]
    if any(_DATE_KEYS.match(k) for k in dates):
        # a title that names its month ("title: Community meetup: May 2026") beside a field
        # named for the date is the record's title, not a second date
        dates = [k for k in dates if not _TITLE_KEYS.match(k)]
    dates.sort(key=lambda k: (not _DATE_KEYS.match(k), -round(finer(k), 1), -share(_date_value, k)))
    texts = [
        k
        for k in keys
        if k not in dates
        and not _SKIP_KEYS.search(k)
        and not HINT_KEYS.match(k)
        and share(lambda v: isinstance(v, str) and len(v.strip()) > 0 or _text_list(v), k) >= 0.5
        # a column of flags or numbers ("highlight: 1", "featured: yes") is no text
        and not all(isinstance(v, str) and _FLAG_VALUE.fullmatch(v.strip()) for v in filled(k))
    ]
    if not texts:
        return None
    length = {
        k: sum(len(value_text(r[k])) for r in rows if isinstance(r.get(k), (str, list))) / len(rows)
        for k in texts
    }
    text_key = max(texts, key=lambda k: (not _TITLE_KEYS.match(k) or len(texts) == 1, length[k]))
    title_key = next((k for k in texts if k != text_key and _TITLE_KEYS.match(k)), None)
    if title_key is None and _TITLE_KEYS.match(text_key):
        # a list of titles, a few of which have a body ("description" in 7 records of 58, a
        # seminar's abstract): the body is the text where a record gives one, the title else
        body = next(
            (
                k
                for k in keys
                if _BODY_KEYS.match(k)
                and k not in dates
                and len([v for v in filled(k) if isinstance(v, str) and v.strip()]) >= 2
            ),
            None,
        )
        if body is not None:
            title_key, text_key = text_key, body
    hint_key = next(
        (
            k
            for k in keys
            # a field that holds dates ("label: 2026-07", the date as the theme prints it) names
            # no category; the next one may ("tag: paper")
            if HINT_KEYS.match(k) and k not in dates and share(lambda v: isinstance(v, str), k) >= 0.5
        ),
        None,
    )

    def short_part(k: str) -> bool:
        """A short text field beside the text ("prefix", "link_text", "venue"): part of what the
        page shows as the item, so read with it; a second long text would repeat it."""
        values = [v.strip() for v in filled(k) if isinstance(v, str) and v.strip()]
        # a flag in words that repeats over the records ("status: new|archive") is no text;
        # a repeated emoji ("prefix: 🏅") is shown, so it is
        flag = (
            len(values) >= 4
            and len(set(values)) <= 2
            and all(re.fullmatch(r"[^\W\d_][\w-]*", v) for v in values)
        )
        # a file the theme draws ("cover: files/jop.jpeg") is no text either, nor the site's
        # page it leads to ("route: /cv/"), nor a number or a yes/no that flags the record
        # ("highlight: 1")
        files = all(_FILE_PATH.fullmatch(v) or _SITE_ADDRESS.fullmatch(v) for v in values)
        flag = flag or all(_FLAG_VALUE.fullmatch(v) for v in values)
        return (
            bool(values)
            and not flag
            and not files
            and share(lambda v: isinstance(v, str), k) >= 0.5
            and sum(map(len, values)) / len(values) <= 40
        )

    parts = tuple(
        k
        for k in keys
        if k == text_key
        or (
            k not in dates
            and k != title_key
            and not _SKIP_KEYS.search(k)
            and not HINT_KEYS.match(k)
            and not _piece_of(k, text_key)  # read as the text itself where that is missing
            and short_part(k)
        )
    )
    return Records(path, rows, dates[0] if dates else None, text_key, title_key, hint_key, parts=parts)


def _dated_by_labels(records: Records) -> bool:
    """Records without a date field whose text (or title) opens with its date in most of them
    ("title = \"[12-03-2023] One paper accepted by ICME.\""): the page builder's list of news,
    each dated by its label."""
    opened = 0
    for row in records.rows:
        values = [row.get(k) for k in (records.title_key, records.text_key) if k]
        value = next((v for v in values if isinstance(v, str) and v.strip()), "")
        head = value.lstrip(" [(*_")[:40]
        try:
            found = parse(head, today=ANY_DAY)
        except DateParseError:
            continue
        opened += head.startswith(found.text)
    return opened >= 0.8 * len(records.rows)


def records_score(records: Records) -> tuple[int, int, int]:
    """How much a list of records looks like the news: named so, dated, long."""
    named = named_news(records.path)
    other = bool(OTHER_HEADING.search(records.path.split(".")[-1])) and not named
    dated = records.date_key is not None
    return (int(named) - int(other), int(dated), len(records.rows))


def month_year_column(values: list[str]) -> bool:
    """A date field written "11/24" throughout: month and two-digit year (the site's own layout
    prints it so), never a yearless day."""
    pairs = [re.fullmatch(r"\s*(\d{1,2})/(\d{2})\s*", v) for v in values]
    return bool(values) and all(p is not None and 1 <= int(p.group(1)) <= 12 for p in pairs)


_TWO_DIGITS = re.compile(r"\s*(\d{2})([/.-])(\d{1,2})\2(\d{1,2})\s*")


def _valid(year: int, month: int, day: int, today: dt.date) -> bool:
    try:
        return dt.date(year, month, day) <= today
    except ValueError:
        return False


def year_first_column(values: list[str], today: dt.date) -> bool:
    """A date field written "19/09/12" throughout that only year, month, day reads: every value
    is a past date so, and read day-first or month-first some value is no date or one still to
    come ("19/08/27" would be 19 Aug 2027), or every reading is past and only year first keeps
    the list in order. A value with no digits ("Pinned 📌") is no date of the field's."""
    values = [v for v in values if any(c.isdigit() for c in v)]
    parts = [_TWO_DIGITS.fullmatch(v) for v in values]
    if not values or any(p is None for p in parts):
        return False
    numbers = [(int(p.group(1)), int(p.group(3)), int(p.group(4))) for p in parts if p is not None]
    if not all(_valid(2000 + a, b, c, today) for a, b, c in numbers):
        return False
    day_first = all(_valid(2000 + c, b, a, today) for a, b, c in numbers)
    month_first = all(_valid(2000 + c, a, b, today) for a, b, c in numbers)
    if not day_first and not month_first:
        return True
    # every reading makes past dates ("26/8/21", "26/6/18", "26/4/13", "26/1/16"): the one that
    # keeps the list in its order, when only year first does
    in_order = [
        _monotonic([dt.date(2000 + y, m, d) for y, m, d in readings])
        for readings, possible in (
            (numbers, True),
            ([(c, b, a) for a, b, c in numbers], day_first),
            ([(c, a, b) for a, b, c in numbers], month_first),
        )
        if possible
    ]
    return len(numbers) >= 3 and in_order[0] and not any(in_order[1:])


def _monotonic(days: list[dt.date]) -> bool:
    """Whether dates run one way, newest first or oldest first."""
    pairs = list(itertools.pairwise(days))
    return all(a >= b for a, b in pairs) or all(a <= b for a, b in pairs)


# "2018-05-30 00:00:00", "2018-05-30T00:00": a day a tool wrote at midnight, with no zone
_MIDNIGHT = re.compile(r"((?:19|20)\d\d-\d\d-\d\d)[ T]00:00(?::00(?:\.0+)?)?")


def record_date(
    value: Any,
    *,
    month_year: bool,
    today: dt.date,
    year_first: bool = False,
    key: str = "",
    order: DateOrder | None = None,
) -> tuple[FuzzyDate | None, str]:
    """A data field's date: a date value, or text read by the date engine; ``year_first``: the
    field is written yy/mm/dd throughout (:func:`year_first_column`); ``key``, the field's name,
    may give its precision (``yyyymm``, ``month``, ``year``); ``order``, the field's day/month
    order its other values settle."""
    value = compact_stamp(value)
    if isinstance(value, dt.datetime) and value.tzinfo is None and value.time() == dt.time.min:
        text = value.date().isoformat()  # a day a tool wrote at midnight ("2018-05-30 00:00:00")
    elif isinstance(value, dt.datetime):
        stamp = value.isoformat(sep=" ")
        text = stamp
    elif isinstance(value, dt.date):
        text = value.isoformat()
    elif isinstance(value, int):
        text = str(value)
    elif isinstance(value, str):
        text = value.strip()
        midnight = _MIDNIGHT.fullmatch(text)
        if midnight:
            text = midnight.group(1)
    else:
        return None, ""
    if year_first:
        m = _TWO_DIGITS.fullmatch(text)
        if m:
            day = dt.date(2000 + int(m.group(1)), int(m.group(3)), int(m.group(4)))
            return FuzzyDate(day, day, "day", text=text), text
    if month_year:
        m = re.fullmatch(r"(\d{1,2})/(\d{2})", text)
        if m:
            month, year = int(m.group(1)), 2000 + int(m.group(2))
            last = (dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)).day
            return FuzzyDate(dt.date(year, month, 1), dt.date(year, month, last), "month", text=text), text
    try:
        date = parse(text, today=today, prefer="past", date_order=order)
    except DateParseError:
        return None, text
    named = _KEY_GRAIN.get(key.lower().replace("_", "").replace("-", "")) if key else None
    if date.grain == "day" and named == "month" and date.start.day == 1:
        # a field named for a month (``yyyymm: 2018-02-01``): the 1st stands for the month
        date = FuzzyDate(date.start, month_end(date.start.year, date.start.month), "month", text=text)
    elif date.grain == "day" and named == "year" and (date.start.month, date.start.day) == (1, 1):
        date = FuzzyDate(date.start, dt.date(date.start.year, 12, 31), "year", text=text)
    return date, text


# a date field whose name gives its precision: a month's first day or a year's stands for it
_KEY_GRAIN = {"yyyymm": "month", "yearmonth": "month", "month": "month", "yyyy": "year", "year": "year"}


def value_text(value: Any) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, list):
        return ", ".join(str(v) for v in value if isinstance(v, (str, int, float)))
    return "" if value is None else str(value)


def read_data(
    text: str, kind: str, *, today: dt.date, name: str = "the file", one_record: bool = False
) -> Document:
    """The news records of a data file; ``one_record``: a file that is one mapping with no list
    of records in it (``{"date": …, "title": …}``, a file of a data folder) is that record."""
    try:
        data = load_data(hugo_refs(text), kind)  # a link to a page of the site, as Hugo writes it
    except ValueError as exc:
        return Document(kind, f"{kind.upper()} file that could not be read", warnings=[f"{name}: {exc}"])
    line_of = _line_finder(text)
    document = data_document(data, kind, today=today, line_of=line_of)
    if one_record and isinstance(data, dict) and not any(b.kind == "entry" for b in document.blocks):
        document = data_document([data], kind, today=today, line_of=line_of)
    return document


def _line_finder(text: str) -> Any:
    def find(snippets: list[str], after: int) -> int:
        """The line of a record: where the first of its values found as written (its date, its
        title, its text …; a value with escapes in the file is not found as written) first shows
        after the previous record's line (``after``, 0 before the first record)."""
        for snippet in snippets:
            needle = snippet.strip().splitlines()[0][:40] if snippet.strip() else ""
            if len(needle) < 4:
                continue
            index = text.find(needle, _offset(after + 1) if after else 0)
            if index >= 0:
                return text.count("\n", 0, index) + 1
        return max(after, 1)

    line_starts = [0] + [m.end() for m in re.finditer("\n", text)]

    def _offset(line: int) -> int:
        return len(text) if line > len(line_starts) else line_starts[max(line - 1, 0)]

    return find


def data_document(
    data: Any, kind: str, *, today: dt.date, line_of: Any = None, label: str | None = None
) -> Document:
    """The news records of parsed data (a data file, or front matter that holds the news)."""
    names = {"yaml": "YAML", "json": "JSON", "toml": "TOML", "csv": "CSV", "tsv": "TSV"}
    shown = label or f"{names.get(kind, kind)} data file"
    candidates = [r for r in find_records(data) if r.text_key is not None]
    if not candidates:
        return Document(
            kind, f"{shown}, no list of records", warnings=["no list of records with a text field"]
        )
    best = max(candidates, key=records_score)
    blocks: list[Block] = []
    skipped: list[str] = []
    last = 0
    written = [r[best.date_key] for r in best.rows if best.date_key and isinstance(r.get(best.date_key), str)]
    month_year = best.date_key is not None and month_year_column(written)
    year_first = best.date_key is not None and year_first_column(written, today)
    # the field's day/month order, as its dates above 12 settle it ("12/17/23" beside "12/01/24"
    # makes the latter 1 Dec): a file is written one way throughout
    order, dmy, mdy = infer_date_order("\n".join(written))
    notes: list[str] = []
    if year_first:
        notes.append(
            f"dates in `{best.date_key}` read year first (yy/mm/dd), the only reading that fits them all"
        )
    elif order is not None:
        name = "day-first (dd/mm)" if order == "dmy" else "month-first (mm/dd)"
        notes.append(
            f"day/month order: {name}, inferred from {dmy or mdy} unambiguous date(s) in `{best.date_key}`"
        )
    rows: list[dict[str, Any]] = []
    years = dict(best.groups)
    group_years: dict[int, Any] = {}  # the row that opens a group kept by year, and the year
    for n, row in enumerate(best.rows):
        if n in years:
            group_years[len(rows)] = years[n]
        value = row.get(best.text_key or "")
        if isinstance(value, list) and _text_list(value) and not (best.title_key and row.get(best.title_key)):
            # a record that holds a list of texts under its date: one record per text
            rows += [{**row, best.text_key or "": text} for text in value]
        else:
            rows.append(row)
    # the fields most of the records have (a list of dated records: their date and text)
    counts = Counter(k for row in rows if isinstance(row, dict) for k in row if isinstance(k, str))
    shared = [k for k, n in counts.items() if 2 * n > len(rows)][:5] if best.date_key else []
    for number, row in enumerate(rows, 1):
        if number - 1 in group_years:
            # a group kept by year is read as under a year heading: its dates without a year
            # take that year
            year = str(group_years[number - 1])
            heading_date = record_date(year, month_year=False, today=today)[0]
            blocks.append(Block("heading", year, max(last, 1), level=2, date=heading_date))
        hidden = hidden_page(row)
        if hidden:
            skipped.append(f"record {number}: {hidden}, not shown on the site: not imported")
            continue
        if best.text_key and row.get(best.text_key) in (None, ""):
            # a record that writes its text in pieces named for the list's text field
            # ("descriptionPrefix", "descriptionLinkLabel", "descriptionSuffix", around a link)
            split = [v for k, v in row.items() if _piece_of(k, best.text_key) and isinstance(v, str)]
            if split:
                row = {**row, best.text_key: "".join(split)}
        main = value_text(row.get(best.text_key or "", ""))
        pieces = [value_text(row.get(k, "")).strip() for k in best.parts or (best.text_key or "",)]
        # a picture's or a file's address in a short field is what the theme draws, even in a
        # column whose other rows hold words ("thumb: https://…/17.jpg" beside "thumb: ExpEYES")
        body = " ".join(piece for piece in pieces if piece and not _FILE_PATH.fullmatch(piece))
        title = value_text(row.get(best.title_key, "")) if best.title_key else ""
        if not body.strip() and not title.strip() and not any(k in row for k in shared):
            # a record with none of the fields most of the list's records have ("mark: The
            # beginning of my PhD program" between records of ``date`` and ``text``): a marker
            # the theme draws between them, not a news
            skipped.append(
                f"record {number}: none of the list's fields ({', '.join(shared)}): a marker, not a news"
            )
            continue
        if not body.strip() and not title.strip():
            # a record that leaves the list's text field out has its own: its longest text
            own = [
                v
                for k, v in row.items()
                if isinstance(k, str)
                and isinstance(v, str)
                and k != best.date_key
                and not _SKIP_KEYS.search(k)
                and not HINT_KEYS.match(k)
                and not _FILE_PATH.fullmatch(v.strip())
            ]
            body = max(own, key=len, default="").strip()
        in_date_field = False
        if not body.strip() and not title.strip():
            date_value = row.get(best.date_key) if best.date_key else None
            if isinstance(date_value, str) and len(date_value.split()) > 3:
                # "date: 1. September 2024 - <b>The lab is starting!!</b>": the author wrote the
                # record's date and its text in one field; the text is dated by its label
                body, in_date_field = date_value.strip(), True
            else:
                skipped.append(f"record {number}: no text, not imported")
                continue
        text = f"{title.strip()} {body.strip()}".strip() if title else body.strip()
        stand_in = _stand_in_record(row)
        if stand_in:
            skipped.append(
                f"record {number}: links to a template's stand-in page ({stand_in[:80]}), not imported"
            )
            continue
        date = None
        date_text = ""
        if best.date_key is not None and best.date_key in row and not in_date_field:
            date, date_text = record_date(
                row[best.date_key],
                month_year=month_year,
                today=today,
                year_first=year_first,
                key=best.date_key,
                order=order,
            )
        line = line_of([date_text, title, main, *pieces], last) if line_of else max(last, 1)
        last = line
        badges: list[str] = []
        # a Markdown hard break ("… \\") at the end is no text
        joined = inline_text(text, badges).rstrip("\\ ")
        hint = value_text(row.get(best.hint_key, "")) if best.hint_key else ""
        blocks.append(
            Block(
                "entry",
                joined,
                line,
                bullet=True,
                title=inline_text(title) if title else "",
                date=date.labelled(date_text, date.ref) if date is not None else None,
                source=body,
                hint=hint or " ".join(badges),
                group=1,
                undated_ok=True,
                links=record_links(row),
                events=record_deadlines(row, skip=best.date_key, today=today, order=order),
            )
        )
    fields = [f"`{k}`" for k in (best.date_key, best.title_key, *(best.parts or (best.text_key,))) if k]
    where = f" under `{best.path}`" if best.path and not best.keyed_by_date else ""
    how = "dates as keys" if best.keyed_by_date else f"fields {' and '.join(fields)}"
    return Document(
        kind, f"{shown}, {len(best.rows)} records{where}, {how}", blocks, warnings=notes + skipped
    )


# ---------------------------------------------------------------------------------------------
# which reader


_ORG_SIGN = re.compile(
    r"^#\+(?:TITLE|AUTHOR|OPTIONS|SETUPFILE|INCLUDE|DATE)\b|^:PROPERTIES:\s*$", re.M | re.I
)
_RST_SIGN = re.compile(r"^\S.*\n(?:={3,}|-{3,}|~{3,}|\^{3,}|\*{3,})\s*$|^\.\. [\w-]+::", re.M)
_TOML_SIGN = re.compile(r"^\s*(?:\[\[?[\w.\" -]+\]\]?|[\w\"-]+\s*=\s*(?:\"|'|\d|\[|\{|true|false))", re.M)
_YAML_SIGN = re.compile(r"^(?:-\s+)?[A-Za-z_][\w -]*:(?:\s|$)")
_MARKDOWN_SIGN = re.compile(r"^\s{0,3}(?:#{1,6}\s|[*+-]\s|\d{1,3}[.)]\s)", re.M)
_EXTENSIONS = {
    ".json": "json", ".yml": "yaml", ".yaml": "yaml", ".toml": "toml", ".js": "js", ".mjs": "js",
    ".cjs": "js", ".jsx": "js", ".ts": "js", ".tsx": "js",  # a script, a React page: its data
    ".vue": "js", ".svelte": "js", ".astro": "js",  # a component: its script's data, its markup
    ".org": "org", ".rst": "rst", ".rest": "rst", ".html": "html", ".htm": "html",
    ".md": "markdown", ".markdown": "markdown", ".txt": None, ".csv": "csv", ".tsv": "tsv",
    ".qmd": "markdown", ".rmd": "markdown", ".mdx": "markdown",  # Quarto, R Markdown, MDX
    ".typ": "typst",
}  # fmt: skip


def _labelled_lines(data: Any) -> bool:
    """Whether YAML read a Markdown list of labelled lines ("- May 2024: Paper accepted.", "- A
    talk at MIT."): a list of sentences and of one-key mappings from a short label to a sentence,
    which a file without a name is read as, a list, not data."""
    if not isinstance(data, list) or not data:
        return False
    for row in data:
        if isinstance(row, dict):
            if len(row) != 1 or not all(isinstance(v, str) and " " in v.strip() for v in row.values()):
                return False
        elif not isinstance(row, str):
            return False
    return True


def markup_of(text: str, path: str = "") -> str:
    """What a news document is written in, from its name and then its content."""
    suffix = ("." + path.rsplit(".", 1)[-1].lower()) if "." in path.rsplit("/", 1)[-1] else ""
    known = _EXTENSIONS.get(suffix)
    if known is not None:
        return known
    head = text.lstrip("\ufeff \t\r\n")[:4000]
    if head[:1] in "[{":
        try:
            json.loads(text)
            return "json"
        except json.JSONDecodeError:
            pass
    if re.search(r"document\.write\s*\(|\.innerHTML\s*[+]?=", head):
        return "js"
    if _is_dated_table(text):
        return "csv"
    if _ORG_SIGN.search(head):
        return "org"
    if _RST_SIGN.search(head) and not _MARKDOWN_SIGN.search(head):
        return "rst"
    meaningful = (line for line in head.splitlines() if line.strip() and not line.lstrip().startswith("#"))
    first = next(meaningful, "")
    if _TOML_SIGN.match(first) and not _YAML_SIGN.match(first):
        try:
            if find_records(_load_toml(text)):
                return "toml"
        except ValueError:
            pass
    if _YAML_SIGN.match(first):
        try:
            loaded = _load_yaml(text)
            if find_records(loaded) and not _labelled_lines(loaded):
                return "yaml"
        except ValueError:
            pass
    if re.search(r"<(?:li|ul|ol|p|div|h[1-6]|br|table)\b", head, re.I) and not _MARKDOWN_SIGN.search(head):
        return "html"
    return "markdown"


_MARKUP_NAMES = {
    "markdown": "Markdown page", "html": "HTML page", "org": "org-mode page",
    "rst": "reStructuredText page", "js": "JavaScript that writes HTML", "typst": "Typst page",
}  # fmt: skip


def _piece_of(key: Any, field: str) -> bool:
    """Whether a record's field is a piece of ``field``'s text ("descriptionPrefix",
    "description_suffix", "descriptionLinkLabel" of "description"), not a field of its own."""
    if not isinstance(key, str) or len(key) <= len(field) or not key.startswith(field):
        return False
    rest = key[len(field) :]
    return (rest[0].isupper() or rest[0] in "_-") and not _SKIP_KEYS.search(rest)


def news_document(text: str, *, path: str = "", today: dt.date) -> Document:
    """A news document read by the parser for what it is written in."""
    markup = markup_of(text, path)
    if markup in ("json", "yaml", "toml", "csv", "tsv"):
        return read_data(text, markup, today=today, name=path or "the text")
    if markup == "js":
        written = html_in_javascript(text) or ""
        blocks = read_html(written)
        label = _MARKUP_NAMES["js"]
        if not any(b.kind == "entry" for b in blocks) and _JSX_TAG.search(text):
            # a React component that writes its news as markup (<li><b>Jan 2025</b>: …</li>)
            jsx = read_html(jsx_markup(text))
            if any(b.kind == "entry" for b in jsx):
                blocks, label = jsx, "JSX markup of a component"
        document = _described(Document("news", label, blocks))
        # a script that keeps its news as data (const NEWS = [{date: …}]): read so when that list
        # is longer than what it writes as HTML; a list neither dated nor named news is the
        # script's code (a menu, a search library's options)
        data = js_data(text)
        useful = [
            r
            for r in (find_records(data) if data is not None else [])
            if r.text_key and (r.date_key or named_news(r.path))
        ]
        written_entries = sum(1 for b in document.blocks if b.kind == "entry")
        # a dated list named news (newsData.newsList) is the news even when its records hold
        # more HTML (each one's detail page) than they are records
        news_list = any(r.date_key and named_news(r.path) for r in useful)
        if data is not None and useful and (news_list or max(len(r.rows) for r in useful) > written_entries):
            return data_document(data, "js", today=today, label="JavaScript data", line_of=_line_finder(text))
        return document
    if markup == "typst":
        shown = markdown_document(typst_markdown(text), today=today)
        return _described(Document("news", _MARKUP_NAMES["typst"], shown.blocks, warnings=shown.warnings))
    if markup == "org":
        return _described(Document("news", _MARKUP_NAMES["org"], read_org(text)))
    if markup == "rst":
        document = Document("news", _MARKUP_NAMES["rst"], read_rst(text))
        named = toctree_entries(text)
        embedded = "" if any(b.kind == "entry" for b in document.blocks) else embedded_posts(text)
        if embedded:  # a ".. raw:: html" timeline of posts on another site
            document.warnings.append(embedded)
        if named and not any(b.kind == "entry" for b in document.blocks):
            document.warnings.append(
                f"a table of contents naming {len(named)} document(s) ({', '.join(named[:3])}"
                f"{', …' if len(named) > 3 else ''}): the news is in them — import the folder that holds them"
            )
        return _described(document)
    sources = loop_sources(text)
    if sources:  # a template: its loops' bodies are the shape of an item, never items
        text = without_loops(text)
    if markup == "markdown":
        meta = split_front_matter(text)[0]
        hidden = hidden_page(meta)
        if hidden:  # a section switched off, a draft: the site does not show it
            return Document(
                "news",
                f"Markdown page the site does not show ({hidden})",
                warnings=[f"the page says {hidden}: the site does not show it, so its news are not read"],
            )
        sources += listing_sources(meta)
    if markup == "html":
        document = _described(Document("news", _MARKUP_NAMES["html"], read_html(text)))
    else:
        document = markdown_document(text, today=today)
    if not any(b.kind == "entry" for b in document.blocks):
        embedded = embedded_posts(text)
        if embedded:
            document.warnings.append(embedded)
    if sources and _news_section_is_empty(document.blocks):
        # the section headed News is the loop ("## Latest News" over site.posts): the page's
        # other lists (its publications, a thesis's contributions) are not its news
        document.blocks = [b for b in document.blocks if b.kind != "entry"]
        document.warnings.append("its News section is a loop: the page itself holds no news")
    elif _news_section_is_empty(document.blocks) and _bare_news_heading(document.blocks):
        # "# 🔥 News" straight above "# 📝 Publications", its items not yet written or all
        # commented out: the page has no news, and its honours, internships or welcome are not
        document.blocks = [b for b in document.blocks if b.kind != "entry"]
        document.warnings.append("its News section is empty: the page holds no news")
    if sources:
        document.warnings.append(
            f"a template: its news are read from {' and '.join(sources[:3])}"
            f"{f' (and {len(sources) - 3} more)' if len(sources) > 3 else ''} — import that instead"
        )
    return document


# an embedded post: <iframe src="https://www.linkedin.com/embed/…">, a tweet's or a toot's
# blockquote; each tag read to at most 2,000 characters, so a page of unclosed tags stays linear
_EMBED = re.compile(
    r"""<(?:iframe|embed)\b[^>]{0,2000}?\bsrc\s*=\s*["']?(?:https?:)?//([\w.-]{1,200})"""
    r"""|<(?:blockquote|a)\b[^>]{0,2000}?\bclass\s*=\s*["']?"""
    r"""(twitter-tweet|twitter-timeline|mastodon-embed|bluesky-embed|instagram-media)""",
    re.I,
)
_EMBED_HOSTS = {
    "twitter-tweet": "twitter.com",
    "twitter-timeline": "twitter.com",
    "mastodon-embed": "Mastodon",
    "bluesky-embed": "bsky.app",
    "instagram-media": "instagram.com",
}


def embedded_posts(text: str) -> str:
    """What a page with no entries of its own embeds from other sites ("4 embedded post(s) from
    www.linkedin.com"), as the reason it gives no items; "" when it embeds none."""
    hosts: dict[str, int] = {}
    for m in _EMBED.finditer(text):
        host = m.group(1).lower() if m.group(1) else _EMBED_HOSTS[m.group(2).lower()]
        if host.endswith(("youtube.com", "youtube-nocookie.com", "vimeo.com", "google.com")):
            continue  # a video or a map beside the text, not the news
        hosts[host] = hosts.get(host, 0) + 1
    if not hosts:
        return ""
    said = ", ".join(f"{n} from {h}" for h, n in sorted(hosts.items(), key=lambda kv: -kv[1])[:3])
    return f"its news are posts embedded from other sites ({said}): they are not on the page to read"


# Typst markup (a homepage written in Typst, ``content/news.typ``), line by line
_TYPST_CODE_LINE = re.compile(r"^\s*#(?:import|include|set|show|let)\b.*$", re.M)
_TYPST_COMMENT = re.compile(r"(?<![:/\\])//[^\n]*|/\*.*?(?:\*/|\Z)", re.S)
_TYPST_HEADING = re.compile(r"^(=+)[ \t]+", re.M)
_TYPST_LINK = re.compile(r"""#link\(\s*"([^"\n]{0,500})"\s*\)(?:\[([^\[\]\n]{0,1000})\])?""")
_TYPST_CALL_WITH_BODY = re.compile(r"#[A-Za-z][\w.-]{0,40}(?:\([^()\n]{0,300}\))?\[([^\[\]\n]{0,1000})\]")
_TYPST_CALL = re.compile(r"#[A-Za-z][\w.-]{0,40}(?:\([^()\n]{0,300}\))?")
_TYPST_STRONG = re.compile(r"(?<![\w*\\])\*(?=\S)([^*\n]{1,300}?)(?<=\S)\*(?![\w*])")
_TYPST_EMPHASIS = re.compile(r"(?<![\w\\])_(?=\S)([^_\n]{1,300}?)(?<=\S)_(?!\w)")
_TYPST_ESCAPE = re.compile(r"\\([<>#*_@$\\\[\]])")


def typst_markdown(text: str) -> str:
    """A Typst document as Markdown, line for line: ``= Heading`` is ``# Heading``, ``*strong*``
    is ``**strong**``, ``_emphasis_`` is ``*emphasis*``, ``#link("url")[text]`` is a link, a call
    with a body (``#text(fill: red)[*Oral*]``) is its body, code lines (``#import``, ``#set``,
    ``#let``) and comments are none. Calls inside bodies are read from the innermost, three deep
    at most: each pass is one scan."""
    text = _TYPST_COMMENT.sub(lambda m: "\n" * m.group().count("\n"), text)
    text = _TYPST_CODE_LINE.sub("", text)
    text = _TYPST_HEADING.sub(lambda m: "#" * min(len(m.group(1)), 6) + " ", text)
    for _ in range(3):
        text = _TYPST_LINK.sub(lambda m: f"[{m.group(2) or m.group(1)}]({m.group(1)})", text)
        text = _TYPST_CALL_WITH_BODY.sub(r"\1", text)
    text = _TYPST_CALL.sub("", text)
    text = _TYPST_STRONG.sub(r"**\1**", text)
    text = _TYPST_EMPHASIS.sub(r"*\1*", text)
    return _TYPST_ESCAPE.sub(r"\1", text)


_JSX_TAG = re.compile(r"<(?:li|ul|ol|p|h[1-6]|tr|td|article|section)\b[^<>]{0,300}>")
_JSX_EXPRESSION = re.compile(r"\{[^{}]{0,300}\}")


def jsx_markup(script: str) -> str:
    """The markup a React component writes, as HTML: its JavaScript expressions (``{name}``,
    ``{/* … */}``, ``{items.map(…)}``) and its code around the markup are no text, and
    ``className`` is ``class``. Nested braces are taken out from the innermost, twice at most:
    each pass is one scan."""
    text = script
    for _ in range(2):
        text = _JSX_EXPRESSION.sub(" ", text)
    # the code before the first element and after the last is no text of the page
    first = _JSX_TAG.search(text)
    last = text.rfind(">")
    if first is None or last < first.start():
        return ""
    return re.sub(r"\bclassName=", "class=", text[first.start() : last + 1])


def _news_section_is_empty(blocks: list[Block]) -> bool:
    """Whether the page has a section headed News with no entry of its own (a template's loop
    was all it held); a page with no such heading is not."""
    found = False
    level: int | None = None  # the open News section's heading level
    for block in blocks:
        if block.kind == "heading":
            if level is not None and block.level <= level:
                level = None
            if level is None and names_news(heading_words(block.text)):
                level, found = block.level, True
        elif level is not None:
            return False
    return found


def _bare_news_heading(blocks: list[Block]) -> bool:
    """Whether a heading naming the News is followed straight by a heading of its level or
    above, or ends the page: a section with nothing in it, not even headings of its own (one
    heading per item, or years, being its content)."""
    return any(
        block.kind == "heading"
        and names_news(heading_words(block.text))
        and (after is None or (after.kind == "heading" and after.level <= block.level))
        for block, after in zip(blocks, [*blocks[1:], None], strict=True)
    )


def markdown_document(text: str, *, today: dt.date) -> Document:
    """A Markdown page; news kept in its front matter (a block named News holding a list, or a
    list of dated records) is read with the body."""
    meta, body, first_line = split_front_matter(text)
    blocks: list[Block] = []
    label = "Markdown page"
    if meta:
        embedded = _news_in_data(meta)
        if embedded is not None:
            blocks.append(Block("heading", "News", 1, level=1))
            blocks += read_markdown(embedded)
            label = "Markdown page with its news in the front matter"
        elif front_matter_records(meta):
            lines = _line_finder(text)
            records = data_document(meta, "yaml", today=today, label="front matter", line_of=lines)
            blocks += records.blocks
            label = f"Markdown page with news records in the front matter ({records.description})"
    blocks += read_markdown(body, line_offset=first_line - 1)
    return _described(Document("news", label, blocks))


def front_matter_records(meta: Any) -> list[Records]:
    """The dated records a page keeps in its front matter (``news: [{title: …, date: …}, …]``,
    two at least): the page's news, which its layout renders, not the page's own text."""
    return [
        r
        for r in find_records(meta)
        if r.text_key and len(r.rows) >= 2 and (r.date_key or _dated_by_labels(r))
    ]


def records_page(meta: Any, body: str) -> bool:
    """Whether a file is a page of news records rather than one post: nothing in its body, and
    a field of its front matter (``news:``) holding two or more dated records."""
    return not body.strip() and any(r.path for r in front_matter_records(meta))


def _news_in_data(data: Any) -> str | None:
    """The Markdown of a block named News inside front matter data (a page builder's section)."""
    if isinstance(data, dict):
        names = [
            v for k, v in data.items() if isinstance(v, str) and k in ("id", "name", "title", "block", "type")
        ]
        if any(NEWS_HEADING.search(n) for n in names):
            texts = [t for t in _strings(data) if "\n" in t and _MARKDOWN_SIGN.search(t)]
            if texts:
                return max(texts, key=len)
        children: list[Any] = list(data.values())
    elif isinstance(data, list):
        children = data
    else:
        return None
    for child in children:
        found = _news_in_data(child)
        if found is not None:
            return found
    return None


def _strings(data: Any) -> Iterator[str]:
    if isinstance(data, str):
        yield data
    elif isinstance(data, dict):
        for value in data.values():
            yield from _strings(value)
    elif isinstance(data, list):
        for value in data:
            yield from _strings(value)


_TOCTREE = re.compile(r"^\.\.\s+toctree::[^\n]*\n((?:[ \t]+\S[^\n]*\n|[ \t]*\n)*)", re.M)


def toctree_entries(text: str) -> list[str]:
    """The documents a reStructuredText ``.. toctree::`` names (Sphinx's table of contents)."""
    named: list[str] = []
    for m in _TOCTREE.finditer(text if text.endswith("\n") else text + "\n"):
        for line in m.group(1).splitlines():
            entry = line.strip()
            if entry and not entry.startswith(":"):
                named.append(entry)
    return named


def _described(document: Document) -> Document:
    entries = sum(1 for b in document.blocks if b.kind == "entry")
    headings = sum(1 for b in document.blocks if b.kind == "heading")
    document.description = f"{document.description}, {headings} heading(s) and {entries} entries"
    return document
