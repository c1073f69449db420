"""From blocks to news items, the same way for every format (:mod:`.structure` reads them).

1. **Only the News.** A section whose heading says News, Updates, Announcements, Latest … (any
   level, any markup) is the news, down to the next heading of its level or higher; when a page
   has none, the sections whose headings name another list (Publications, Awards, Education,
   Talks …) are left out, and of the rest the entries that carry dates are read. Headings that
   are dates ("## 2023", "**April 2026**", "* *May 21, 2007*") date what follows them and never
   end a section.
2. **Each entry's date**: the date its structure gives (a data field, front matter, a file name,
   a card's date line), else its own label (at the start, "05/2024 …", or at the end, "… (May
   2024)"), else the date heading above it; a list entry written as a citation ("A. Author
   (2025). Title") is posted in its year.
3. **One heading per item**: under a date heading, or in a news section whose sub-headings each
   hold prose, each heading with its prose is one item (title and body); a heading that is only a
   date over prose and then a list of only links (the paper, the press) is one item too. A
   heading's date may open it ("05/2026 Retreat"), close it in brackets ("Talk (May 2024)") or
   after a separator ("Press · 01-18-2024"); dates in headings count, with the entries', towards
   the document's day/month order.
4. **Undated lists are lists**: list items, rows, cards and records without any date are items
   (posted unknown); a loose paragraph without a date beside dated entries is a lead-in, not an
   item, and is reported, and so is a heading with prose and no date beside dated news ("Stay
   up to date" over a sentence, then "Recent" over the dated list).
5. Years not written are settled per list (:func:`.news.settle_years`).
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from collections import Counter
from dataclasses import dataclass, field, replace

from ..dates import DateOrder, FuzzyDate, find_dates, infer_date_order
from .model import ImportResult, Link
from .news import (
    citation_year,
    label_of,
    label_order_evidence,
    make_item,
    settle_years,
    starts_with_date,
    with_year,
    year_label,
)
from .structure import (
    NEWS_HEADING,
    OTHER_HEADING,
    STAND_IN_ADDRESS,
    Block,
    Document,
    heading_words,
    names_news,
    year_first_column,
)
from .text import MD_LINK, link_rel, mended_date, plain, title_of, with_emoji

_DATE_HEADING_CHARS = re.compile(r"[\s*_#:|.,()\[\]`~-]+")


def date_heading(text: str, *, today: dt.date, order: DateOrder | None) -> tuple[FuzzyDate, str] | None:
    """A heading that is a date, or a title that ends with one in brackets: (date, title left).
    A slip in the date (a misspelt month, a stray comma) is mended first."""
    found = _date_heading(text, today=today, order=order)
    if found is None:
        mended = mended_date(text)
        if mended != text:
            found = _date_heading(mended, today=today, order=order)
    return found


def _date_heading(text: str, *, today: dt.date, order: DateOrder | None) -> tuple[FuzzyDate, str] | None:
    bare = _DATE_HEADING_CHARS.sub(" ", text).strip()
    if not bare or len(bare) > 300:
        return None
    found = find_dates(text, today=today, date_order=order, prefer="past")
    if not found:
        return None
    first = found[0]
    covered = _DATE_HEADING_CHARS.sub(" ", first.text).strip()
    if covered == bare and first.date.grain in ("year", "month", "day", "minute"):
        return first.date, ""
    if len(bare) > 60 and "(" not in text and _DATE_HEADING_CHARS.sub("", text[: first.offset]):
        return None  # a long title with a date inside it, not a date heading
    last = found[-1]
    after = text[last.offset + last.length :]
    before = text[: last.offset]
    if re.fullmatch(r"\s*[)\]][\s*_]*", after) and re.search(r"[(\[]\s*$", before):
        title = re.sub(r"[\s(\[–—:-]+$", "", before).strip().lstrip("*_ ")
        if title:
            return last.date, title
    # "05/2026 Retreat in Oberwesel", "March 3, 2024 — Talk at X": a date of a month or finer
    # that opens the heading, then its title (a year alone opens "2024 Publications")
    lead = text[: first.offset]
    rest = text[first.offset + first.length :]
    if (
        not _DATE_HEADING_CHARS.sub("", lead)
        and first.date.grain in ("month", "day", "minute")
        and re.match(r"[\s:|–—-]|$", rest)
    ):
        title = re.sub(r"^[\s*_:|–—-]+", "", rest).strip()
        if re.search(r"[^\W\d_]", title):
            return first.date, title
    # "Press · 01-18-2024", "Talk at MIT – March 3, 2024": a title, a separator, then a date of a
    # month or finer that ends the heading
    if last.date.grain in ("month", "day", "minute") and not _DATE_HEADING_CHARS.sub("", after):
        parts = re.fullmatch(r"(.*?[^\W\d_].*?)\s*[·•|–—:,-]\s*", before)
        if parts:
            return last.date, parts.group(1).strip()
    return None


@dataclass
class _Context:
    heading_date: FuzzyDate | None = None
    heading_level: int = 99


@dataclass
class _Entry:
    block: Block
    news: bool
    other: bool
    heading_date: FuzzyDate | None
    section: str
    group: tuple[int, str] = (0, "")
    heading_items: list[Block] = field(default_factory=list)


# a list item that is only a link, perhaps with a note in parentheses: "[Press story](url) (NYU)"
_LINK_ONLY = re.compile(r"\s*\[[^\]]+\]\((?:[^()\s]|\([^()\s]*\))+\)\s*(?:\([^()]*\))?[.;,]?\s*")


# A theme's or a site generator's sample post: its filler text ("Lorem ipsum"), a post that says
# it is an example ("This is an example post with …", "THIS IS JUST A SAMPLE POST"), describes the
# theme ("This theme supports …") or tells the site's owner where to edit it ("You'll find this
# post in your `_posts` directory", "edit `config.yml` and set `future: false`", "put it into
# `_posts`", "a `notebooks` folder at the root of your website"), or the site builder's own
# ("Hugo Blox Builder is designed to …", "Wowchemy supports …"), or asks to be replaced ("Replace
# this with a real item"). None of these is how an author words their own news.
_PLACEHOLDER = re.compile(
    r"\blorem\s+ipsum\b"
    r"|\b(?:this|it) is (?:just |only )?(?:an? )?(?:example|sample|demo|dummy|placeholder) (?:blog )?"
    r"(?:post|page|entry|announcement)(?![-\w])"
    r"|\bthis (?:theme|template) (?:also )?(?:supports|implements|lets|allows)\b"
    r"|\b(?:find|edit) this (?:post|page|file) in (?:your|the) [`'\"]?_?(?:posts|content|news)\b"
    r"|\bedit (?:your |the )?[`'\"]?_?(?:config|hugo)\.(?:ya?ml|toml)\b"
    r"|\b(?:put|place|save|store) (?:it|them|the file) (?:in|into|under) (?:the |your )?[`'\"]?_posts?\b"
    r"|\b(?:folder|directory) at the root of your (?:website|site|repository)\b"
    r"|\b(?:in|to|into) your [`'\"]?(?:content/posts?|_posts|content)/?[`'\"]? (?:folder|directory)\b"
    r"|\b(?:hugo blox(?: builder)?|wowchemy)\b[^.!?\n]{0,80}\b(?:is designed|supports|handles)\b"
    # or describes itself as the theme's demonstration of an item (al-folio's sample news: "A
    # simple inline announcement.", "Announcements and news can be much longer than just quick
    # inline posts.")
    r"|\ba (?:simple |short )?inline announcement\b"
    r"|\b(?:announcements?|news)(?: and (?:announcements?|news))? can be (?:much )?longer than\b"
    # or speaks to the site's new owner: "we've populated your new site with some initial
    # content", "the file path to your Academic website folder"
    r"|\b(?:populated|filled|seeded) your (?:new )?(?:web)?site\b"
    r"|\byour (?:\w+ )?(?:website|site) (?:folder|directory)\b"
    # or asks its owner to put theirs in its place: "Replace this with a real item."
    r"|\breplace this (?:text |item |entry |post |placeholder |example )?with (?:a |an |your )?"
    r"(?:real|own|actual)\b",
    re.I,
)
PLACEHOLDER_SAID = "a theme's sample text (lorem ipsum, a sample post)"
# or a post that titles itself by the feature it shows, in small letters, as al-folio titles its
# samples ("a post with redirect", "a post with diagrams"; an author's own title is capitalised):
# matched at the start only, apart from the pattern above, which searches the whole text
_FEATURE_TITLE = re.compile(r"an? (?:post|blog post) with \w")
# a template's stand-in for an item, wholly in brackets: "[News item 5]", "[Update text here]"
_PLACEHOLDER_ITEM = re.compile(
    r"\[\s*(?:news|update|item|event|announcement|text|title|description)"
    r"(?:\s+(?:item|title|text|here|description))*\s*\d{0,3}\s*\]\.?"
    # or numbered without brackets: a template's "News 1" … "News 8", "Update 3"
    r"|(?:news|update|item|announcement)(?:\s+item)?\s*#?\d{1,3}\.?"
    # or naming the field it stands in for: "News Title", "Update text here"
    r"|(?:news|update|item|announcement|event)(?:\s+(?:title|text|headline|description|content))"
    r"(?:\s+(?:here|goes here))?\.?",
    re.I,
)
# an item its template marks as a sample, in brackets before its words: "[Sample] ICDE 2025 paper
# accepted", "[샘플] 2025년도 대학원생 모집", "【示例】…", "[サンプル] …", "(Example) …", or in
# capitals before a dash or colon: "PLACEHOLDER — …"
_SAMPLE_MARK = re.compile(
    r"^\W{0,3}(?:[\[【(（]\s*(?:sample|example|demo|dummy|placeholder|샘플|예시|示例|样例|範例|サンプル)\s*[\]】)）]"
    # or the word in capitals and a dash or colon: "PLACEHOLDER — New rig commissioned", "SAMPLE: …"
    r"|(?-i:PLACEHOLDER|SAMPLE|EXAMPLE|DUMMY|TEMPLATE)\s{0,2}[—–:-]"
    # or a first sentence saying the words are a stand-in: "This is demo text.", "Sample text:",
    # "デモ文章です。" (demo text), "示例文本：", "예시 텍스트."
    r"|(?:this\s+is\s+)?(?:an?\s+)?(?:demo|sample|dummy|placeholder|example)\s+(?:text|content|copy)"
    r"(?:\s+(?:here|goes\s+here))?\s*[.!:。]"
    r"|(?:デモ|ダミー|サンプル)(?:文章|テキスト|文)(?:です)?[。.:：]"
    r"|(?:示例|样例|测试|範例)(?:文本|文字|内容)[。.:：]"
    r"|(?:예시|샘플|더미)\s?(?:문장|텍스트|내용)(?:입니다)?[.:。])",
    re.I,
)

# the page's own stamp, at its foot or under its list: when it was last changed, its copyright
# ("All rights reserved & Last update on Feb, 2022", "© 2024 A. Person", "Ruogu Lin © 2026",
# "Last modified: 3 May 2024"); a short text that is only that is no news, even with a date
# beside it
_PAGE_STAMP = re.compile(
    r"^\W*(?:(?:page|site|website)\s+)?last\s+(?:updated?|modified|changed|revised|edited)\b"
    # "Most recent update: 16 October 2023.": the latest update named with its date (or all that
    # is left once its date is read as the label), not news
    r"|^\W*(?:most\s+recent|latest)\s+update[ds]?(?:\s*(?:on\b|:)\W{0,3}"
    r"(?=\d|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\W{1,3}\d)|\W*$)"
    r"|^\W*(?:©|\(c\)\s|copyright\b)|©\s*(?:19|20)\d\d\b|\ball rights reserved\b",
    re.I,
)
# the page's note about itself: "Check back soon for more updates", "This page will be
# regularly updated with the latest news", "More news coming soon", "News coming soon.", "Coming
# soon", "🤗 will be updated from now!"
_PAGE_NOTE = re.compile(
    r"^\W*(?:check\s+back\s+(?:soon|later|often)"
    r"|(?:more\s+)?(?:news|updates|announcements|content|posts)\s+(?:(?:is|are)\s+)?(?:coming|to\s+come|soon)"
    # "Welcome to our news section.", "Welcome to the News page!"
    r"|welcome\s+to\s+(?:our|the|my)\s+(?:news|updates|announcements)(?:\s+(?:section|page))?(?=\W*(?:$|[.!]))"
    r"|coming\s+soon(?=\W*$)"
    r"|this\s+(?:page|section|list)\s+(?:will\s+be|is)\s+(?:\w+\s+)?updated"
    # or, with no subject, "🤗 will be updated from now!", "To be updated"
    r"|(?:will|to)\s+be\s+(?:\w+\s+)?updated)\b",
    re.I,
)

# the words of lorem ipsum, which filler generators draw from ("Eget Nulla: Posuere urna nec
# tincidunt praesent. Egestas sed sed risus pretium quam."): a template's stand-in text
_LOREM = """a ac accumsan adipiscing aenean aliquam aliquet amet ante arcu at auctor augue bibendum blandit
    commodo condimentum congue consectetur consequat convallis cras cursus dapibus diam dictum
    dictumst dignissim dis dolor donec dui duis egestas eget eleifend elementum elit enim erat eros
    est et etiam eu euismod facilisi facilisis fames faucibus felis fermentum feugiat fringilla
    fusce gravida habitant habitasse hac hendrerit iaculis id imperdiet in integer interdum ipsum
    justo labore lacinia lacus laoreet lectus leo libero ligula lobortis lorem luctus maecenas magna
    magnis malesuada massa mattis mauris metus mi molestie mollis montes morbi mus nam nascetur
    natoque nec neque netus nibh nisi nisl non nulla nullam nunc odio orci ornare parturient
    pellentesque penatibus pharetra phasellus placerat platea porta porttitor posuere potenti
    praesent pretium proin pulvinar purus quam quis quisque rhoncus ridiculus risus rutrum sagittis
    sapien scelerisque sed sem semper senectus sit sociis sodales sollicitudin suscipit suspendisse
    tellus tempor tempus tincidunt tortor tristique turpis ullamcorper ultrices ultricies urna ut
    varius vel velit venenatis vestibulum vitae vivamus viverra volutpat vulputate"""
_LOREM_WORDS = frozenset(_LOREM.split())


# a post's summary that only says it is an example ("An example event.", as Hugo Blox's sample
# talk and post say of themselves in their front matter)
_EXAMPLE_SUMMARY = re.compile(
    r"\W*(?:this is )?(?:(?:an?|the) )?(?:example|sample|demo|test|dummy) (?:blog )?"
    r"(?:event|talk|post|page|project|publication|news|item|entry|announcement|article)\W*",
    re.I,
)


def sample_summary(text: str) -> bool:
    """Whether a post's summary or abstract is a theme's sample text: lorem ipsum, a sample's
    words (:data:`_PLACEHOLDER`), or only that it is an example ("An example event.")."""
    return bool(_EXAMPLE_SUMMARY.fullmatch(text.strip()) or _PLACEHOLDER.search(text) or _filler(text))


def _stand_in_link(text: str) -> bool:
    """Whether an item's text links where a template's stand-in does ("[More](/news/placeholder/)";
    a data record's link field is looked at as the record is read)."""
    if "laceholder" not in text:
        return False  # most items, at the cost of one scan
    return any(STAND_IN_ADDRESS.search(m.group(2)) for m in MD_LINK.finditer(text[:5000]))


_WORD = re.compile(r"[^\W\d_]+")


def _one_word_over(text: str) -> bool:
    """Whether an item is one word said over and over ("News news news news news."): a word of
    three letters or more, four times or more, and no other word."""
    first_two = [m.group(0).lower() for m in itertools.islice(_WORD.finditer(text), 2)]
    if len(first_two) < 2 or first_two[0] != first_two[1]:
        return False  # most items: their first two words differ
    words = _WORD.findall(text[:2000].lower())
    return len(words) >= 4 and len(set(words)) == 1 and len(words[0]) >= 3


_SENTENCE_BREAK = re.compile(r"(?<=[.!?])\s+")


def _one_sentence_over(text: str) -> bool:
    """Whether an item is one sentence said over and over, as a template fills a post's body
    ("This is full content. This is full content. …"): a sentence of three words or more, three
    times or more and two in three of the item's sentences (its first 3,000 characters)."""
    head = text[:3000]
    if head.count(". ") < 2:
        return False  # most items, at the cost of one scan
    sentences = [s.lower() for s in _SENTENCE_BREAK.split(head.strip()) if s]
    common, times = Counter(sentences).most_common(1)[0]
    return times >= 3 and 3 * times >= 2 * len(sentences) and len(common.split()) >= 3


def _filler(text: str) -> bool:
    """Whether an item's words are lorem ipsum's, as a filler generator writes them: eight words
    of three letters or more, four in five of them its vocabulary and five of them different
    (Latin prose has other words; "a", "in", "sit" alone are English too)."""
    if len(_LOREM_WORDS.intersection(re.findall(r"[^\W\d_]{3,}", text.lower()))) < 5:
        return False  # most items, at the cost of one pass: five different lorem words at least
    words = [w for w in re.findall(r"[^\W\d_]+", plain(text).lower()) if len(w) >= 3]
    if len(words) < 8:
        return False
    lorem = [w for w in words if w in _LOREM_WORDS]
    return len(lorem) >= 0.8 * len(words) and len(set(lorem)) >= 5


# a short note wholly in brackets ("(No travel)", "[to be updated]", "(none yet)")
_ASIDE = re.compile(r"[(\[]\s*[^()\[\]\d]{1,40}?\s*[)\]]\.?")
_FIELD_LINE = re.compile(r"[ \t]*([A-Za-z][A-Za-z _-]{0,30}?)[ \t]*:[ \t]*(.{0,500})")
_DATE_FIELD = re.compile(r"(?i)date|posted|published|when|time")


def _field_lines(block: Block) -> list[tuple[str, str]] | None:
    """A paragraph that is only ``Key: value`` lines, one of them a date ("ID: ecs-2026",
    "Date: 2026-05-24", "Image Caption:"), as (key, value) pairs; None for prose."""
    lines = [line for line in block.source.splitlines() if line.strip()]
    if len(lines) < 2 or len(lines) > 40:
        return None
    pairs = []
    for line in lines:
        m = _FIELD_LINE.fullmatch(line.rstrip())
        if m is None or m.group(2).startswith("//"):  # "See: https://…" is a sentence's
            return None
        pairs.append((m.group(1).strip(), m.group(2).strip()))
    return pairs if any(_DATE_FIELD.fullmatch(k) and v for k, v in pairs) else None


# a list item that is one of a record's fields, its key in bold ("- **Link**: https://…",
# "- **描述**：…")
_FIELD_BULLET = re.compile(r"\*\*([^*\n]{1,30}?)\s*[:：]?\*\*\s*[:：]?\s*(.*)", re.S)
_PICTURE = re.compile(r"(?i)\S+\.(?:png|jpe?g|gif|webp|svg|avif)(?:\?\S*)?")
_BARE_URL = re.compile(r"https?://\S+")


def _field_bullets(prose: list[Block]) -> list[Block] | None:
    """The body of a titled heading whose list is its record's fields, each key in bold
    (``- **Link**: https://…``, ``- **Image**: /assets/a.jpg``, ``- **Description**: …``): the
    values as the item reads them, a bare address as a link named by its key, a picture left
    out; None when the list under the heading is not such fields (two or more, every item one)."""
    bullets = [b for b in prose if b.bullet]
    if len(bullets) < 2 or any(not b.bullet for b in prose[: len(bullets)]):
        return None
    fields = [_FIELD_BULLET.fullmatch(b.text.strip()) for b in bullets]
    if any(m is None for m in fields):
        return None
    body: list[Block] = []
    links: list[Block] = []  # after the text, as a card shows them
    for block, m in zip(bullets, fields, strict=True):
        assert m is not None
        key, value = m.group(1).strip(), m.group(2).strip()
        if not value or _PICTURE.fullmatch(value):
            continue
        if _BARE_URL.fullmatch(value):
            links.append(replace(block, text=f"[{key}]({value})", bullet=False))
        else:
            body.append(replace(block, text=value, bullet=False))
    return body + links + [b for b in prose if not b.bullet]


# the line a built blog closes each story with: "posted at 2017-06-14 [permalink]", "Published
# on 3 May 2024", "Date: 2024-05-03"
_STAMP = re.compile(r"(?:posted|published|written)(?:\s+(?:at|on))?\s*:?\s+|date\s*:\s*", re.I)
_PERMALINK = re.compile(r"\s*\[{1,2}permalink\]{1,2}(?:\([^()\s]{0,2000}\))?\s*$", re.I)


def _stamp(block: Block, today: dt.date, order: DateOrder | None) -> str:
    """The date a story's closing stamp gives, as written ("2017-06-14" of "posted at 2017-06-14
    [permalink]"), a day or a month; "" when the block is none."""
    if block.kind == "heading" or block.bullet or len(block.text) > 300:
        return ""
    m = _STAMP.match(block.text)
    if m is None:
        return ""
    rest = _PERMALINK.sub("", block.text[m.end() :]).strip()
    found = date_heading(rest, today=today, order=order) if rest else None
    return rest if found is not None and not found[1] and found[0].grain != "year" else ""


def _stamps_after_titles(blocks: list[Block], today: dt.date, order: DateOrder | None) -> list[Block]:
    """Stories titled by a heading whose prose closes with their stamp ("<h5>Ori-Mandu at DIS
    2017</h5>", a paragraph, "posted at 2017-06-14 [permalink]"): the stamp dates the heading, as
    "Title (2017-06-14)" would, so that each story is one item of that date, whatever its title
    says ("projects at CHI'17" is a story, not a section of projects). A heading that gives a
    date of its own keeps it; a section of several stamped stories or of list items, or a News
    section, is no story."""
    out: list[Block] = []
    start = 0  # where the current heading's section starts in ``out``
    stamps = 0  # the stamps of the section so far
    listed = False  # whether the section holds list items
    for n, block in enumerate(blocks):
        if block.kind == "heading":
            start, stamps, listed = len(out), 0, False
        else:
            stamped = _stamp(block, today, order)
            stamps += bool(stamped)
            listed = listed or block.bullet
        out.append(block)
        closing = n + 1 == len(blocks) or blocks[n + 1].kind == "heading"
        if not closing or len(out) - start < 3 or out[start].kind != "heading" or block.kind == "heading":
            continue
        heading = out[start]
        if (
            stamped
            and stamps == 1
            and not listed
            and not NEWS_HEADING.search(heading.text)
            and date_heading(heading.text, today=today, order=order) is None
        ):
            out[start] = replace(heading, text=f"{heading.text} ({stamped})")
            out.pop()
    return out


def _document_order(blocks: list[Block], today: dt.date, order: DateOrder | None) -> list[_Entry]:
    """Entries with the headings above them: in a news section, in another list, and dated by a
    date heading; a heading with prose under it (and no list) becomes one entry (title + body)."""
    blocks = _stamps_after_titles(blocks, today, order)
    stack: list[tuple[int, str]] = []  # (level, text) of the section headings above
    date_ctx: list[tuple[int, FuzzyDate]] = []
    out: list[_Entry] = []
    pending: tuple[Block, FuzzyDate | None, str, int] | None = None  # a heading collecting prose
    prose: list[Block] = []

    def flush_heading_item() -> None:
        nonlocal pending, prose
        if pending is not None:
            heading, date, title, level = pending
            fields = _field_lines(prose[0]) if prose and not prose[0].bullet else None
            if fields is not None:
                # "## Title" then "ID: …", "Date: 2026-05-24", "Image: …" lines: the item's
                # fields, as a site's own script reads them; the date field dates it
                found = next((v for k, v in fields if _DATE_FIELD.fullmatch(k)), "")
                field_date = date_heading(found, today=today, order=order) if date is None and found else None
                if field_date is not None and not field_date[1]:
                    date = field_date[0]
                prose = prose[1:]
            # "## 2026-01-13 Title" over "- **Link**: …", "- **Description**: …": one record
            fielded = bool(title) and date is not None and bool(prose) and prose[0].bullet
            record = _field_bullets(prose) if fielded else None
            if record is not None:
                prose = record
            if date is None and prose and not prose[0].bullet and len(prose[0].text.split()) <= 12:
                # "### Poor sleep …" over "**Science News** | Feb 2, 2026", or a place and a date
                # ("Dragontail Peak, WA (August, 2019)"): the line dates the story and stays its
                # body, as it does under a heading outside the news
                line = date_heading(prose[0].text, today=today, order=order)
                if line is not None and line[1] and line[0].grain != "year":
                    date = line[0]
            stamps = _date_lines(prose, today, order) if date is None else {}
            if 0 in stamps and len(stamps) == 1:
                # "## The Lab" over "**2024.7.24**" and its prose: one item of that day, as a
                # heading "The Lab (2024-07-24)" would be
                date, prose, stamps = stamps[0], prose[1:], {}
            has_list = any(b.bullet for b in prose)
            # a titled heading is one item: its prose (and, under a dated heading, a list after
            # its prose) is its body, and a dated one with no prose is its title alone; a heading
            # that is only a date, or whose prose opens with a list, dates that list's items,
            # unless that list after its prose is only links (the story's paper and press): then
            # prose and links are one item
            if 0 in stamps and len(stamps) > 1:
                # several such lines, each over its own prose: the heading names a list of
                # dated paragraphs, each line dating the paragraphs after it
                whole = False
            elif prose:
                whole = bool(title) and not prose[0].bullet and (date is not None or not has_list)
                whole = whole or (
                    date is not None
                    and not prose[0].bullet
                    and has_list
                    and all(_LINK_ONLY.fullmatch(b.text) for b in prose if b.bullet)
                    and not any(starts_with_date(b.text) for b in prose if not b.bullet)
                )
            else:
                whole = bool(title) and date is not None
            if whole:
                body = prose
                text = " ".join([title, *(b.text for b in body)]).strip()
                item = Block(
                    "entry",
                    text,
                    heading.line,
                    bullet=True,
                    title=title,
                    date=date,
                    source="\n".join([heading.source or heading.text, *(b.source for b in body)]),
                    group=-heading.level,
                )
                out.append(_entry(item, stack, None))
            else:
                current = date
                for n, b in enumerate(prose):
                    if n in stamps:
                        current = stamps[n]
                        continue
                    part = (
                        _part_of_year(b.text, level + 1, [(level, date)], today=today, order=order)
                        if date is not None and date.grain == "year" and not b.bullet
                        else None
                    )
                    if part is not None:  # "## 2025" then "**July**": the list under it is July's
                        current = part[0]
                        continue
                    out.append(_entry(b, stack, current))
        pending, prose = None, []

    titled: Block | None = None  # an undated heading with nothing under it yet
    for block in blocks:
        heading_before, titled = titled, None
        if block.kind == "heading":
            dated = date_heading(block.text, today=today, order=order) or _part_of_year(
                block.text, block.level, date_ctx, today=today, order=order
            )
            # a sub-heading that is only a date, or dated and titled under a date alone
            own_item = dated is not None and (not dated[1] or (pending is not None and not pending[2]))
            if pending is not None and block.level > pending[3] and not own_item:
                # a sub-heading of an item ("Abstract"): part of its body; a sub-heading that is
                # only a date ("### 2018") heads a list of its own, and so is a dated, titled one
                # under a heading that is only a date ("## 2022" over "### 2022-10-01 New wiki")
                prose.append(Block("entry", block.text, block.line, source=block.text))
                continue
            in_news = any(names_news(heading_words(h)) for _, h in stack)
            flush_heading_item()
            if dated is not None:
                date, title = dated
                while date_ctx and date_ctx[-1][0] >= block.level:
                    date_ctx.pop()
                date_ctx.append((block.level, date))
                pending = (block, date, title, block.level)
                continue
            while date_ctx and date_ctx[-1][0] >= block.level:
                date_ctx.pop()
            shown = heading_words(block.text)
            if in_news and stack and block.level > stack[-1][0] and not names_news(shown):
                # a sub-heading inside the news: one item per heading with its prose
                pending = (block, None, block.text, block.level)
                continue
            while stack and stack[-1][0] >= block.level:
                stack.pop()
            stack.append((block.level, block.text))
            if not (names_news(shown) or _other_section(shown)):
                titled = block
            continue
        if pending is not None:
            prose.append(block)
            continue
        dated_line = None
        if not block.bullet and block.date is None:
            dated_line = date_heading(block.text, today=today, order=order)
        if (
            heading_before is not None
            and dated_line is not None
            and dated_line[0].grain != "year"
            and stack
            and stack[-1][1] == heading_before.text
        ):
            # a title, then a line that dates it ("## Review out in COSB!" / "**(December, 2020)**"),
            # then its prose: one item, as a heading "Title (December 2020)" would be
            stack.pop()
            level = heading_before.level
            while date_ctx and date_ctx[-1][0] >= level:
                date_ctx.pop()
            pending = (heading_before, dated_line[0], heading_before.text, level)
            if dated_line[1]:  # "Dragontail Peak, WA (August, 2019)": the line, as written, is body
                prose.append(block)
            continue
        if dated_line is not None and not dated_line[1]:
            level = (stack[-1][0] + 1) if stack else 1
            while date_ctx and date_ctx[-1][0] >= level:
                date_ctx.pop()
            date_ctx.append((level, dated_line[0]))  # "**2022**" or "**April 2026**": a date heading
            continue
        out.append(_entry(block, stack, date_ctx[-1][1] if date_ctx else None))
    flush_heading_item()
    return _with_resource_lists(out)


def _date_lines(prose: list[Block], today: dt.date, order: DateOrder | None) -> dict[int, FuzzyDate]:
    """The paragraphs of a heading's prose that are only a date ("**2024.7.24**"), by position."""
    found: dict[int, FuzzyDate] = {}
    for n, block in enumerate(prose):
        if block.bullet or block.date is not None:
            continue
        dated = date_heading(block.text, today=today, order=order)
        if dated is not None and not dated[1]:
            found[n] = dated[0]
    return found


def _with_resource_lists(entries: list[_Entry]) -> list[_Entry]:
    """A list that is only links right after a paragraph opening with its date ("May 2025 — Gave
    a talk at AGU." then "- [Slides](…)") is that paragraph's resources, not items of its own."""
    out: list[_Entry] = []
    for entry in entries:
        block = entry.block
        if out and block.bullet and _LINK_ONLY.fullmatch(block.text):
            before = out[-1]
            owner = before.block
            if (
                before.section == entry.section
                and not owner.bullet
                and owner.date is None
                and starts_with_date(owner.text)
            ):
                merged = replace(
                    owner,
                    text=f"{owner.text} {block.text}",
                    source=f"{owner.source}\n{block.source}" if owner.source else block.source,
                )
                out[-1] = replace(before, block=merged)
                continue
        out.append(entry)
    return out


def _part_of_year(
    text: str, level: int, date_ctx: list[tuple[int, FuzzyDate]], *, today: dt.date, order: DateOrder | None
) -> tuple[FuzzyDate, str] | None:
    """A heading of one word that is a month or a season ("### May", "Fall") under a year's heading
    ("## 2026"): that month or season of that year, heading the list under it."""
    word = _DATE_HEADING_CHARS.sub(" ", text).strip()
    above = [date for lvl, date in date_ctx if lvl < level]
    if not word.isalpha() or len(word) > 12 or not above or above[-1].grain != "year":
        return None
    found = date_heading(f"{word} {above[-1].start.year}", today=today, order=order)
    if found is None or found[1] or found[0].grain != "month":
        return None
    return found


# sections of a CV that hold no news whatever their dates: degrees, jobs held, courses taught,
# the people of a lab, how to reach them
_CV_SECTION = re.compile(
    r"\b(?:educations?|experiences?|employment|internships?|work|teaching|courses?|skills|interests|contact|"
    r"bio(?:graphy)?|about|cv|members?|people|team|students?|lebenslauf|formation|formaci[óo]n|"
    r"ausbildung)\b|教育|学历|學歷|成员|成員|团队|團隊|联系|학력|구성원|学歴|メンバー",
    re.I,
)


def _dated_list(members: list[_Entry], today: dt.date, order: DateOrder | None) -> bool:
    """Whether a group of entries is a dated list: one of them is dated, unless it is a run of
    paragraphs under a News heading of which fewer than one in four are (43 paragraphs whose
    labels, "**250826**", read as no date, one of them dated by a year in its words: that one
    had made the 42 others lead-ins, dropped)."""
    run = members[0].news and len(members) >= 8 and not any(e.block.bullet for e in members)
    if not run:
        return any(_dated(e, today, order) for e in members)  # the first dated entry settles it
    dated = 0
    for entry in members:
        if _dated(entry, today, order):
            dated += 1
            if 4 * dated >= len(members):
                return True
    return False


def subject_date(text: str, rest: str) -> bool:
    """Whether the date opening ``text`` (``rest`` follows it) is the sentence's subject, not a
    label: no mark after it and a word in lower case next ("July 2026 release is live", "2024
    edition of the workshop"), or a season or term that names what follows ("Fall 2021 Seminar
    Series #1", "Spring 2026 Research Seminar"), where a label reads "July 2026: …", "[2022-06-15]
    Best …", "Fall 2021: …"."""
    lead = text[: len(text) - len(rest)].rstrip()
    if not (lead and lead[-1].isalnum() and rest[:1].isalpha()):
        return False
    return rest[:1].islower() or _SEASON_LEAD.match(lead.lstrip(" *_[(")) is not None


_SEASON_LEAD = re.compile(r"(?:fall|spring|summer|winter|autumn)\b", re.I)


def _other_section(heading: str) -> bool:
    """A heading naming another list ("Publications", "Invited talks", "Selected awards and
    honours"), not an item's title that holds such a word ("Conference talks in RosettaCon 2020
    and AICHE 2020"): a section's name is short."""
    ideographs = sum(1 for c in heading if "\u3040" <= c <= "\u9fff" or "\uac00" <= c <= "\ud7af")
    return bool(OTHER_HEADING.search(heading)) and len(heading.split()) <= 6 and ideographs <= 10


def _entry(block: Block, stack: list[tuple[int, str]], heading_date: FuzzyDate | None) -> _Entry:
    headings = [heading_words(h) for _, h in stack]
    others = [_other_section(h) and not names_news(h) for h in headings]
    other = any(others)
    # a heading that names the news and another list ("News & Publications", 团队动态与代表成果)
    # holds both: a section under it named for the other list is not news
    news = any(
        names_news(h) and not (_other_section(h) and any(others[n + 1 :])) for n, h in enumerate(headings)
    )
    section = headings[-1] if headings else ""
    return _Entry(block, news, other, heading_date, section, (block.group, section))


def read_items(
    document: Document,
    *,
    today: dt.date,
    date_order: DateOrder | None = None,
    default_order: DateOrder = "dmy",
    path: str = "",
) -> ImportResult:
    result = ImportResult(format=document.format, description=document.description)
    result.warnings += document.warnings
    order, settled = _order(document, date_order, default_order, result)
    label_order: DateOrder | None = order if settled else None  # unsettled: read, flag, settle by the list
    entries = _document_order(document.blocks, today, order)
    if not entries:
        result.warnings.append(f"{document.description}: nothing that reads as a list of news")
        return result
    chosen = _continued(_choose(entries, today=today, order=order, result=result))
    # a paragraph under a date heading whose entries are a list is that list's lead-in
    headings_with_lists = {
        id(e.heading_date) for e in chosen if e.heading_date is not None and e.block.bullet
    }
    groups: dict[tuple[int, str], list[_Entry]] = {}
    for entry in chosen:
        groups.setdefault(entry.group, []).append(entry)
    for members in groups.values():
        _six_digit_labels(members, today, result)
    dated_groups = {key for key, members in groups.items() if _dated_list(members, today, order)}
    # a loose paragraph without a date is an item only as one of several in a section headed
    # News that has no dated entries; otherwise it is a lead-in or prose, not a list
    dated_sections = {section for _, section in dated_groups}
    dated_somewhere = {
        key: key in dated_groups
        or key[1] in dated_sections  # the section's cards or list beside it are dated
        or not (members[0].news and sum(1 for e in members if not e.block.bullet) >= 2)
        for key, members in groups.items()
    }
    # a heading with prose and no date, in a group with no dated entry, beside dated entries
    # elsewhere, is a part of the page ("Stay up to date", "About"), not an item
    for key, members in groups.items():
        first = len(result.items)
        for entry in members:
            if _page_section(entry, key, dated_groups):
                result.warnings.append(
                    f"line {entry.block.line}: a section of the page with no date beside the dated news, "
                    f"not an item: {entry.block.title[:60]!r}"
                )
                continue
            lead_in = not entry.block.bullet and id(entry.heading_date) in headings_with_lists
            _read(
                entry,
                result,
                today=today,
                order=label_order,
                path=path,
                list_dated=dated_somewhere[key],
                lead_in=lead_in,
            )
        result.items[first:] = settle_years(
            result.items[first:], today=today, warnings=result.warnings, default_order=default_order
        )
    if not result.items:
        result.warnings.append(_why_nothing(entries))
    return result


def _continued(entries: list[_Entry]) -> list[_Entry]:
    """The entries with each undated paragraph between paragraphs that open with their dates
    joined to the one before it, as the rest of that news after its picture ("**(03.2024)** I
    presented ThermalGrasp …", a picture, "We also wrapped up teaching engineering class."):
    neither a lead-in, which comes before the list, nor a note after it."""
    out: list[_Entry] = []
    for n, entry in enumerate(entries):
        before = out[-1] if out else None
        if (
            before is not None
            and _paragraph(entry)
            and _paragraph(before)
            and before.group == entry.group
            and before.heading_date is entry.heading_date  # under the same date heading
            and entry.block.date is None
            and not entry.block.title
            and starts_with_date(before.block.text)
            and not starts_with_date(entry.block.text)
            and any(
                _paragraph(later)
                and later.group == entry.group
                and later.heading_date is entry.heading_date
                and starts_with_date(later.block.text)
                for later in entries[n + 1 : n + 6]
            )
        ):
            block = before.block
            out[-1] = replace(
                before,
                block=replace(
                    block,
                    text=f"{block.text}\n\n{entry.block.text}",
                    source=f"{block.source}\n\n{entry.block.source}",
                ),
            )
            continue
        out.append(entry)
    return out


def _paragraph(entry: _Entry) -> bool:
    """A loose paragraph of the page (not a list item, a record or a heading's story)."""
    return not entry.block.bullet and not entry.block.undated_ok and not entry.heading_items


def _order(
    document: Document, date_order: DateOrder | None, default_order: DateOrder, result: ImportResult
) -> tuple[DateOrder, bool]:
    """The document's day/month order, and whether it is settled (given, or proved by dates such
    as 29/10/2023) rather than the site's default."""
    if date_order is not None:
        result.warnings.append(f"day/month order: {date_order} (given)")
        result.date_order = date_order
        return date_order, True
    # the entries' own dates, and the headings' ("### 06-17-2025" heads the entry under it)
    texts = [b.text for b in document.blocks if b.kind == "heading" or b.date is None]
    inferred, dmy, mdy = infer_date_order("\n".join(texts))
    label_dmy, label_mdy = label_order_evidence(texts)
    dmy, mdy = dmy + label_dmy, mdy + label_mdy
    inferred = "dmy" if dmy and not mdy else "mdy" if mdy and not dmy else None
    order: DateOrder = default_order
    if inferred:
        order = inferred
        name = "day-first (dd/mm)" if inferred == "dmy" else "month-first (mm/dd)"
        result.warnings.append(f"day/month order: {name}, inferred from {dmy or mdy} unambiguous date(s)")
    elif dmy and mdy:
        result.warnings.append(
            f"day/month order: the document mixes day-first ({dmy}) and month-first ({mdy}) dates; "
            f"ambiguous ones read as {default_order}"
        )
    result.date_order = order
    return order, bool(inferred)


def _page_section(entry: _Entry, key: tuple[int, str], dated_groups: set[tuple[int, str]]) -> bool:
    """A heading item (a heading with its prose) in a group with no dated item (so undated), on
    a page whose news elsewhere carry dates."""
    block = entry.block
    return block.group < 0 and bool(block.title) and key not in dated_groups and bool(dated_groups - {key})


def _dated(entry: _Entry, today: dt.date, order: DateOrder | None) -> bool:
    return (
        entry.block.date is not None
        or entry.heading_date is not None
        or label_of(entry.block.text, today=today, order=order, year=None) is not None
    )


# "**250826** Student defended.", "**250619:** …", "[250826] …", "250826: …": a six-digit label
# opening an entry
_SIX_DIGITS = re.compile(r"\s{0,3}(?:\*\*|__|\[|\()?(\d{6}):?(?:\*\*|__|\]|\))?:?\s+(?=\S)")


def _six_digit_labels(members: list[_Entry], today: dt.date, result: ImportResult) -> None:
    """A list whose entries open with six-digit labels ("**250826**", three or more, most of
    its entries) dated by them read year first (yymmdd), when only that reading makes every
    label a past date, or keeps the list in order where the day-first one does not
    (:func:`year_first_column`); otherwise they stay undated. Rewritten in place: the label is
    the entry's date, no part of its text."""
    labelled = [
        (entry, m)
        for entry in members
        if entry.block.date is None and (m := _SIX_DIGITS.match(entry.block.text)) is not None
    ]
    if len(labelled) < 3 or 2 * len(labelled) < len(members):
        return
    written = [f"{m.group(1)[:2]}/{m.group(1)[2:4]}/{m.group(1)[4:]}" for _, m in labelled]
    if not year_first_column(written, today):
        return
    for (entry, m), stamp in zip(labelled, written, strict=True):
        label = m.group(1)
        day = dt.date(2000 + int(label[:2]), int(label[2:4]), int(label[4:]))
        title = entry.block.title
        head = _SIX_DIGITS.match(title) if title else None
        entry.block = replace(
            entry.block,
            date=FuzzyDate(day, day, "day", text=stamp),
            text=entry.block.text[m.end() :],
            title=title[head.end() :] if head else title,
        )
    result.warnings.append(
        f"{len(labelled)} six-digit labels ({labelled[0][1].group(1)} …) read year first (yymmdd), "
        "the only reading that keeps them past dates in the list's order"
    )


def _choose(
    entries: list[_Entry], *, today: dt.date, order: DateOrder | None, result: ImportResult
) -> list[_Entry]:
    """The news: the news sections when the page has any; otherwise every entry outside the
    sections named for another list, and of those the lists that carry dates when some do."""
    news = [e for e in entries if e.news]
    if news and not any(_dated(e, today, order) for e in news):
        # a News section with nothing dated ("### More News", its links) does not outrank the
        # dated list heading the page, under no heading of its own: both are the news
        top = [e for e in entries if not e.news and not e.section and _dated(e, today, order)]
        if len(top) >= 2:
            groups = {e.group for e in top}
            news = [e for e in entries if e.news or e.group in groups]
    if news:
        menus = _menus(news, today, order)
        if menus:
            # a page's menus inside its News section (the tabs "Timeline", "Index" over the list,
            # the footer's "Join", "Sponsors"): no news beside the dated ones
            news = [e for e in news if e.group not in menus]
            result.warnings.append(f'{len(menus)} list(s) of menu links ("Index", "Join"): not read')
        read = {id(e) for e in news}
        skipped = [e for e in entries if id(e) not in read and _dated(e, today, order)]
        if skipped:
            sections = sorted({e.section or "the top of the page" for e in skipped})
            result.warnings.append(
                f"{len(skipped)} dated entr{'y' if len(skipped) == 1 else 'ies'} outside the news section "
                f"({', '.join(repr(s) for s in sections[:5])}): not read"
            )
        return news
    # a page whose every list is named for another: its talks or awards may be read as news,
    # a CV's sections never (an "Education" list of degrees is no news)
    rest = [e for e in entries if not e.other] or [e for e in entries if not _CV_SECTION.search(e.section)]
    cited = _publication_sections(rest)
    if cited:
        # papers under headings of their own words ("Others", "For Fluid Synthesis"), each
        # opening with its authors, "M. Werhahn, Y. Xie, M. Chu and N. Thuerey.", its links after
        rest = [e for e in rest if e.section not in cited]
        result.warnings.append(
            f"{len(cited)} section(s) of publications (entries open with their authors: "
            f"{', '.join(repr(s or 'the top of the page') for s in sorted(cited)[:5])}): not read"
        )
    dated_groups = {e.group for e in rest if _dated(e, today, order)}
    if dated_groups:
        kept = [e for e in rest if e.group in dated_groups]
        left = len(rest) - len(kept)
        if left:
            result.warnings.append(
                f"{left} undated entr{'y' if left == 1 else 'ies'} outside the dated lists: not read"
            )
        return kept
    return rest


# a citation's list of authors, two or more names of initials and a surname, then a stop or the
# title's quotes ("M. Werhahn, Y. Xie, **M. Chu** and N. Thuerey. "A Multi-Pass GAN …"", "Weiss S,
# Chu M."); "A. Smith and B. Jones won the award" goes on as a sentence, no citation
_INITIAL = r"[A-Z](?![a-z])\.?"
_SURNAME = r"[A-Z][\w'’-]{1,30}"
_NAME = rf"(?:[A-Z][A-Za-z]?\.[ -]?){{1,3}}[ ]?{_SURNAME}|{_SURNAME},? {_INITIAL}(?:[ -]?{_INITIAL}){{0,2}}"
_SEPARATOR = r"[*_]{0,2}\*?\s*,[*_]{0,2}\s*(?:(?:and|&)\s+)?|[*_]{0,2}\*?\s+(?:and|&)\s+"
_AUTHORS = re.compile(
    rf"[\W_]{{0,4}}(?>{_NAME})(?>(?:{_SEPARATOR})[*_]{{0,2}}(?:{_NAME})){{1,40}}+"
    r"(?:,? et al\.?)?[*_]{0,2}\*?(?:\s*[.:]|(?<=\.)(?=\s)|\s*[\"“*_])"
)


_LINKS_ONLY = re.compile(r"(?:[\s|,·/]{0,5}\[[^\[\]]{1,40}\]\([^()\s]{1,2000}\)){1,20}[\s|,·/]{0,5}")


def _publication_sections(entries: list[_Entry]) -> set[str]:
    """The sections of a page with no News that list papers: a third of their entries at least
    open with their authors (a paper's row of links, "[Project](…) [Code](…)", aside)."""
    by_section: dict[str, list[_Entry]] = {}
    for e in entries:
        by_section.setdefault(e.section, []).append(e)
    found = set()
    for section, members in by_section.items():
        cited = sum(1 for e in members if _AUTHORS.match(e.block.text))
        said = sum(1 for e in members if not _LINKS_ONLY.fullmatch(e.block.text))
        if cited and 3 * cited >= said:
            found.add(section)
    return found


# a menu's link: a few words, no figure ("Timeline", "Get in Touch"), its address alone
_MENU_LINK = re.compile(r"\s*\[\s*[^\W\d_][^\]\d]{0,30}\]\([^()\s]{1,500}\)\s*")


def _menus(news: list[_Entry], today: dt.date, order: DateOrder | None) -> set[tuple[int, str]]:
    """The lists among the news that are menus: two or more undated items, each only a link of a
    few words, when other news are dated."""
    by_group: dict[tuple[int, str], list[_Entry]] = {}
    for e in news:
        if e.group[0]:  # a list's, not a paragraph's
            by_group.setdefault(e.group, []).append(e)
    menus = {
        group
        for group, members in by_group.items()
        if len(members) >= 2
        and all(
            e.block.bullet
            and _MENU_LINK.fullmatch(e.block.text)
            and len(e.block.text.split("](")[0].split()) <= 3
            for e in members
        )
    }
    if not menus or not any(_dated(e, today, order) for e in news if e.group not in menus):
        return set()
    return {g for g in menus if not any(_dated(e, today, order) for e in by_group[g])}


def _read(
    entry: _Entry,
    result: ImportResult,
    *,
    today: dt.date,
    order: DateOrder | None,
    path: str,
    list_dated: bool,
    lead_in: bool = False,
) -> None:
    block = entry.block
    title = with_emoji(block.title)  # before its label is read: "May 2025: :tada: …"
    text = with_emoji(block.text.lstrip())
    if not text.strip():
        return
    posted: FuzzyDate | None = block.date
    year_from = None
    linked_label: tuple[Link, ...] = ()
    if posted is None:
        heading = entry.heading_date
        year = heading.start.year if heading is not None else None
        linked = _LINKED_LABEL.match(text)
        if linked is not None:
            # "[May 2024](https://…): Gave a talk": a label that is a link's whole words is the
            # date, its address one of the item's links (it had left "(https://…): Gave a talk")
            bare = linked.group(1) + text[linked.end() :]
            found = label_of(bare, today=today, order=order, year=year, trailing=False)
            if found is not None and len(bare) - len(found[1]) >= len(linked.group(1).rstrip()):
                text = bare
                linked_label = (Link(href=linked.group(2), rel=link_rel(linked.group(2), "")),)
        labelled = label_of(
            text, today=today, order=order, year=year, trailing=heading is None, spans=entry.news
        )
        if (
            labelled is not None
            and heading is not None
            and labelled[0].grain == "year"
            and heading.grain != "year"
            and labelled[0].start <= heading.start <= heading.end <= labelled[0].end
        ):
            # a year that opens the text ("2018 International Conference on …") under a finer
            # date heading of that year ("December 13~16, 2018") is the text's, not its date
            labelled = None
        if labelled is None and heading is not None:
            # under a date heading a date at the end is the posting date only when it refines the
            # heading's ("(Jan 2024)" under "## 2024"); otherwise it is the date of an event
            ending = label_of(text, today=today, order=order, year=year)
            if (
                ending is not None
                and heading.start <= ending[0].start <= ending[0].end <= heading.end
                # a span of days ("… accepted at CVPR 2026 to be held in Denver on June 05-07,
                # 2026.") is the days of the event it tells of, not when it was news
                and not (ending[0].grain == "day" and ending[0].end > ending[0].start)
            ):
                labelled = ending
        if labelled is None and block.bullet:
            labelled = year_label(text)
            if labelled is not None:
                result.warnings.append(
                    f"line {block.line}: label {labelled[0].text!r} is no date; posted in the year it names"
                )
        if labelled is None and block.bullet and heading is None:
            cited = citation_year(text)
            if cited is not None:
                labelled = (cited[0], text)
                title = title or title_of(cited[1]).strip(" \"'“”‘’")  # the work, not its author
                result.warnings.append(f"line {block.line}: a citation; posted in its year ({cited[0].text})")
        if labelled is not None:
            posted, text = labelled
            if year is not None and "year" in posted.inferred:
                year_from = "heading"
            titled = label_of(title, today=today, order=order, year=year, trailing=False) if title else None
            if titled is not None and (titled[0].start, titled[0].end) == (posted.start, posted.end):
                title = titled[1]  # a record's title that opens with the label its text has
        elif entry.heading_date is not None:
            posted = entry.heading_date
    else:
        if "year" in posted.inferred and posted.time is None:
            # a yearless date the structure gives (a card's "2 February"): the year heading's,
            # else the reference date's (the latest not after it), for the list to settle
            heading = entry.heading_date
            year = heading.start.year if heading is not None else today.year
            moved = with_year(posted, year)
            if heading is None and moved is not None and moved.start > today:
                moved = with_year(posted, year - 1)
            if moved is not None:
                posted = moved
                year_from = "heading" if heading is not None else None
        labelled = label_of(text, today=today, order=order, year=posted.start.year)
        if labelled is not None and overlaps(labelled[0], posted) and not subject_date(text, labelled[1]):
            label = labelled[0]
            text = labelled[1]  # the label repeats the date the structure gives
            titled = (
                label_of(title, today=today, order=order, year=posted.start.year, trailing=False)
                if title
                else None
            )
            if titled is not None and (
                (titled[0].start, titled[0].end) == (posted.start, posted.end)
                or (titled[0].start, titled[0].end) == (label.start, label.end)
                and label.grain != "year"
            ):
                # "[2022-06-15] Best Reviewer Award" in a post dated so, "May 2010: Best Paper
                # Award" in a record dated 2010-05-20: the title opens with the text's label (a
                # year opening it names it: "2021 DH Training Scholarships")
                title = titled[1]
    if not text.strip():
        result.warnings.append(f"line {block.line}: a date with no text, not imported")
        return
    where = f"{block.path}:{block.line}" if block.path else f"line {block.line}"
    if _ASIDE.fullmatch(text.strip()) and len(text.split()) <= 5:
        # "(No travel)", "[to be updated]" under a year: the author's note that there is none
        result.warnings.append(f"{where}: an aside in brackets, not an item: {text.strip()!r}")
        return
    if any(
        len(t.split()) <= 12 and _PAGE_STAMP.search(t) or len(t.split()) <= 20 and _PAGE_NOTE.search(t)
        for t in (text, block.text)
    ):
        result.warnings.append(
            f"{where}: the page's own stamp (last updated, copyright), not an item: {text[:60]!r}"
        )
        return
    if (
        _PLACEHOLDER.search(text)
        or _FEATURE_TITLE.match(text)
        or _PLACEHOLDER_ITEM.fullmatch(text.strip())
        or _SAMPLE_MARK.match(text)
        or _filler(text)
        or _one_word_over(text)
        or _one_sentence_over(text)
        or _stand_in_link(text)
    ):
        # a theme's sample post ("Blog Post number 1", "… Win the Best Paper Award at
        # Wowchemy 2020", "Welcome to Jekyll!"): filler text, not the author's news
        result.warnings.append(f"{where}: {PLACEHOLDER_SAID}, not imported: {text[:60]!r}")
        return
    if posted is None and not (block.bullet or block.undated_ok or not list_dated):
        result.warnings.append(f"{where}: no date, a lead-in rather than an item: {text[:60]!r}")
        return
    if lead_in:
        result.warnings.append(f"{where}: a lead-in of the list under its date, not an item: {text[:60]!r}")
        return
    if posted is None:
        result.warnings.append(f"{where}: no date: imported as undated (posted unknown)")
    result.items.append(
        make_item(
            text,
            posted,
            title=title,
            line=block.line,
            source=block.source or block.text,
            path=block.path or path,
            order=order,
            year_from=year_from,
            hint=block.hint,
            own_links=block.links + linked_label,
            own_events=block.events,
        )
    )


# a Markdown link whose words are a date label, opening an entry: "[May 2024](https://…): …"
_LINKED_LABEL = re.compile(r"\[([^\[\]\n]{3,40})\]\((https?://[^()\s]{1,2000})\)")


def overlaps(a: FuzzyDate, b: FuzzyDate) -> bool:
    """Whether two dates share a day ("May 2024" and "3 May 2024")."""
    return a.start <= b.start <= a.end or b.start <= a.start <= b.end


def _why_nothing(entries: list[_Entry]) -> str:
    sections: dict[str, list[_Entry]] = {}
    for e in entries:
        sections.setdefault(e.section or "the top of the page", []).append(e)
    shown = "; ".join(
        f"{name!r}: {len(group)} entr{'y' if len(group) == 1 else 'ies'}, "
        + (
            "a section of a CV, not news"
            if all(e.other and _CV_SECTION.search(e.section) for e in group)
            else "none with a date or in a list"
        )
        for name, group in list(sections.items())[:6]
    )
    return f"no news item found: {shown}"
