"""Text helpers shared by the importers: HTML to Markdown, links, plain text, titles, places."""

from __future__ import annotations

import calendar
import difflib
import re
from html import unescape
from html.parser import HTMLParser

import emoji

from .model import Link

_MONTHS = (
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
    "november", "december",
)  # fmt: skip
_WORD = re.compile(r"[A-Za-z]{5,12}")
_MONTH_COMMA = re.compile(r"\b((?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?),\s+(?=\d)", re.I)


def mended_date(text: str) -> str:
    """A date with a writer's slip mended: a misspelt month ("Spetember"), a comma between
    month and day ("August, 31, 2011") and a day past the month's end (:func:`past_month_end`)."""

    def month(m: re.Match[str]) -> str:
        word = m.group(0)
        if word.lower() in _MONTHS:
            return word
        close = difflib.get_close_matches(word.lower(), _MONTHS, n=1, cutoff=0.8)
        return close[0].capitalize() if close else word

    return past_month_end(_MONTH_COMMA.sub(r"\1 ", _WORD.sub(month, text)))


_MONTH_NAME = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]{0,6}"
# "November 31, 2024", "31st Nov. 2024", "2024-11-31": a day the month does not have
_DAY_IN_MONTH = re.compile(
    rf"\b(?:(?P<m1>{_MONTH_NAME})\.?\s+(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y1>(?:19|20)\d\d)"
    rf"|(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<m2>{_MONTH_NAME})\.?,?\s+(?P<y2>(?:19|20)\d\d)"
    r"|(?P<y3>(?:19|20)\d\d)-(?P<m3>0[1-9]|1[0-2])-(?P<d3>\d\d))\b",
    re.I,
)


def past_month_end(text: str) -> str:
    """The text with each date whose day the month does not have ("November 31, 2024", a slip of
    the writer's) written as its month ("November 2024"): the month is what it surely says."""

    from ..dates.grammar import month_number  # the grammar loads with the parser, on first use

    def month_only(m: re.Match[str]) -> str:
        if m.group("y3"):
            year, number, day = int(m.group("y3")), int(m.group("m3")), int(m.group("d3"))
            name = ""
        else:
            name = m.group("m1") or m.group("m2")
            if not any(full.startswith(name.lower()) for full in _MONTHS):  # "Mayor 31, 2024"
                return m.group(0)
            year, number, day = (
                int(m.group("y1") or m.group("y2")),
                month_number(name),
                int(m.group("d1") or m.group("d2")),
            )
        if day <= calendar.monthrange(year, number)[1] or day > 31:
            return m.group(0)
        return f"{name} {year}" if name else f"{year}-{number:02d}"

    return _DAY_IN_MONTH.sub(month_only, text) if any(c.isdigit() for c in text) else text


# ":sparkles:", ":page_facing_up:": an emoji as Jekyll (jemoji), Hugo (enableEmoji) and GitHub
# write it; a time ("10:30:45") or a word between colons the emoji table lacks stays as written
_SHORTCODE = re.compile(r"(?<![\w:]):([a-z0-9][a-z0-9_+-]{0,40}):(?![\w:])")


def with_emoji(text: str) -> str:
    """The text with emoji shortcodes written as the emoji they show."""
    if ":" not in text:
        return text
    return _SHORTCODE.sub(lambda m: emoji.emojize(m.group(0), language="alias"), text)


MD_LINK = re.compile(
    r"\[((?:[^\[\]]|\[[^\[\]]*\]){0,500})\]\(\s*<?([^()\s<>]*(?:\([^()\s]*\)[^()\s<>]*)*)>?(?:\s+\"[^\"]*\")?\s*\)"
)
_EMPHASIS = re.compile(r"(?<!\\)(\*\*|__|(?<![\w*])\*(?!\s)|(?<!\s)\*(?![\w*])|`)")
# emphasis by underscores around words ("[_3D Paintbrush_](…) has been accepted", "_snake_case_"),
# not one inside a word (snake_case) nor a lone one ("_config.yml"), nor an escaped one ("\\_")
_UNDERSCORED = re.compile(r"(?<![\w\\])_([^\s_](?:(?:[^_\n]|(?<=\w)_(?=\w)){0,300}?[^\s_\\])?)_(?!\w)")
# a Markdown backslash escape (Pandoc writes "I\'m", "snake\_case", "5\*"): the character
_ESCAPED = re.compile(r"\\([!-/:-@\[-`{-~])")
# a tag or a comment, not words in angle brackets ("<|endoftext|>", a prompt editor's name)
_TAG = re.compile(r"<(?:/?[A-Za-z][^<>]{0,500}|/|!--[^>]{0,500})>")
_SPACES = re.compile(r"\s+")


def links(text: str) -> list[Link]:
    """Markdown links ``[title](href)`` in order (the Markdown kept in an item's text)."""
    out = []
    for title, href in MD_LINK.findall(text):
        title = " ".join(title.split())
        out.append(Link(href=href, title=title or None, rel=link_rel(href, title)))
    return out


def link_rel(href: str, title: str = "") -> str:
    """What a link leads to, from its address and its title: arxiv, doi, code, slides, video or url."""
    rel = "url"
    low = href.lower()
    if "arxiv.org" in low:
        rel = "arxiv"
    elif "doi.org/" in low:
        rel = "doi"
    elif "github.com" in low and ("slides" not in title.lower()):
        rel = "code"
    if "slides" in title.lower():
        rel = "slides"
    elif "video" in title.lower() or "youtube.com" in low:
        rel = "video"
    return rel


def plain(text: str) -> str:
    """Readable text: links become their titles, emphasis and tags go, spaces fold."""
    if "](" in text:
        text = MD_LINK.sub(lambda m: m.group(1), text)
    if "<" in text:
        text = _TAG.sub("", text)
    text = _EMPHASIS.sub("", text)
    if "_" in text:
        text = _UNDERSCORED.sub(r"\1", text)
    if "\\" in text:
        text = _ESCAPED.sub(r"\1", text)
    return _SPACES.sub(" ", unescape(text) if "&" in text else text).strip()


_ABBREVIATIONS = {
    "e.g",
    "i.e",
    "etc",
    "dr",
    "prof",
    "vs",
    "al",
    "et",  # "et. al." as often written
    "no",
    "st",
    "mr",
    "ms",
    "mrs",
    "jr",
    "sr",
    "fig",
}


_MONTH_ABBREVIATIONS = frozenset(
    {"jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec"}
)


def _sentence_end(text: str, index: int) -> bool:
    """Is the '.' (or '!', '?') at ``index`` the end of a sentence?"""
    if text[index] in "!?":
        return True
    # the word before, looked for in the 64 characters before (no abbreviation is longer), so a
    # text of a thousand "Dr. " is read in linear time
    before = text[max(0, index - 64) : index].rsplit(" ", 1)[-1]
    if len(before) == 1 and before.isupper():
        return False  # an initial: "Ernest N. Morial"
    if before.lower().rstrip(".") in _ABBREVIATIONS:
        return False
    if (
        before.lower().lstrip("(").rstrip(".") in _MONTH_ABBREVIATIONS
        and text[index + 1 : index + 3].strip()[:1].isdigit()
    ):
        return False  # a month before its day or year: "(10-14 Dec. 2018)", "Sept. 5"
    if re.fullmatch(r"\W*(?:[A-Za-z]{1,3}\.)+[A-Za-z]{1,3}", before):
        return False  # a dotted abbreviation: "Ph.D.", "M.Sc.", "U.S."
    return not (index + 1 < len(text) and text[index + 1].isdigit())  # "5.1%" or "2.0"


# a sentence that only says there is news, whatever it is: "Thrilled to share some exciting news!",
# "I'm happy to announce a big update.", "Some exciting news to share!"
_ANNOUNCING = re.compile(
    r"\W*(?:(?:i\s+am|i'm|we\s+are|we're)\s+)?(?:(?:so|very|really|super)\s+)?"
    r"(?:thrilled|excited|happy|delighted|pleased|glad|proud)\s+to\s+(?:share|announce)\s+"
    r"(?:(?:some|a|an|the|our|my)\s+)?(?:\w+\s+){0,2}(?:news|updates?|announcements?)\W*"
    r"|\W*(?:(?:some|big|great|exciting|good|more)\s+){1,2}(?:news|updates?|announcements?)"
    r"(?:\s+to\s+share)?\W*",
    re.I,
)


def first_sentence(text: str, limit: int = 200) -> str:
    """The text's first sentence, cut at ``limit`` characters; one that is only an exclamation
    of up to three words opening the news ("Alhamdulillah!", "Great news!"), or only says there
    is news ("Thrilled to share some exciting news!"), with the sentence after it, which says
    what happened."""
    exclaimed = False
    for m in re.finditer(r"[.!?](?=\s|$)", text):
        if _sentence_end(text, m.start()):
            opening = text[: m.end()]
            if not exclaimed and (
                text[m.start()] == "!"
                and len(text[: m.start()].split()) <= 3
                or _ANNOUNCING.fullmatch(opening)
            ):
                exclaimed = True
                if text[m.end() :].strip():
                    continue
            text = text[: m.end()]
            break
    text = text.strip()
    if len(text) > limit:
        cut = text[:limit].rsplit(" ", 1)[0]
        text = cut.rstrip(",;:") + "…"
    return text


def title_of(text: str) -> str:
    return first_sentence(plain(text)) or "(untitled)"


_PLACE_START = re.compile(r"\s*,?\s*(?:in|at)\s+(?:the\s+)?(?=[A-Z])")
_PLACE_STOP = re.compile(r"\s(?:from|to|on|during|for|with|and I|where|which|to present)\s|[(\[]|!|\?|;")


def place_after(text: str, pos: int) -> str | None:
    """The place named right after a date: "… 12/05/2024 in Vienna." -> "Vienna"."""
    m = _PLACE_START.match(text, pos)
    if not m:
        return None
    rest = text[m.end() : m.end() + 160]
    stop = _PLACE_STOP.search(rest)
    if stop:
        rest = rest[: stop.start()]
    for dot in re.finditer(r"\.", rest):
        if _sentence_end(rest, dot.start()):
            rest = rest[: dot.start()]
            break
    place = rest.strip(" ,.")
    return place or None


NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "our": 1, "my": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "twenty": 20, "several": 0, "multiple": 0,
}  # fmt: skip
_PAPERS = re.compile(
    r"\b(?P<n>\d{1,2}|a|an|one|our|my|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen"
    r"|fourteen|fifteen|twenty)\s+(?:(?:new|full|long|short|main|conference|journal|workshop|research|co-authored"
    r"|first-author|oral|spotlight|poster)[\s-]+){0,3}(?P<noun>papers?|works?|articles?|manuscripts?|submissions?)\b",
    re.IGNORECASE,
)


def paper_count(text: str) -> int | None:
    """How many papers an acceptance announces, when it says ("Seven papers are accepted")."""
    m = _PAPERS.search(text)
    if not m:
        return None
    n = m.group("n").lower()
    count = int(n) if n.isdigit() else NUMBER_WORDS[n]
    if count == 1 and m.group("noun").lower().endswith("s") and n in ("our", "my"):
        return None  # "our papers": a count we do not know
    return count or None


class _HTMLToMarkdown(HTMLParser):
    """Just enough HTML -> Markdown for news lists: bullets, headings, links, bold, line breaks."""

    BLOCK = {"p", "div", "section", "article", "ul", "ol", "table", "tr", "br", "dl", "dt", "dd"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self.href: list[str | None] = []
        self.skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style"):
            self.skip += 1
        elif tag == "li":
            self.out.append("\n* ")
        elif tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            self.out.append("\n\n" + "#" * int(tag[1]) + " ")
        elif tag in ("b", "strong"):
            self.out.append("**")
        elif tag == "a":
            href = dict(attrs).get("href")
            self.href.append(href)
            if href:
                self.out.append("[")
        elif tag in self.BLOCK:
            self.out.append("\n")
        elif tag == "td":
            self.out.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style"):
            self.skip = max(0, self.skip - 1)
        elif tag in ("b", "strong"):
            self.out.append("**")
        elif tag == "a":
            href = self.href.pop() if self.href else None
            if href:
                self.out.append(f"]({href})")
        elif tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            self.out.append("\n\n")
        elif tag in self.BLOCK or tag == "li":
            self.out.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.skip:
            self.out.append(" ".join(data.split("\n")) if "\n" in data else data)


def looks_like_html(text: str) -> bool:
    return bool(re.search(r"<(?:li|ul|ol|p|div|h[1-6]|br|table)\b", text[:20000], re.IGNORECASE))


def html_to_markdown(text: str) -> str:
    parser = _HTMLToMarkdown()
    parser.feed(text)
    parser.close()
    lines = [line.rstrip() for line in "".join(parser.out).splitlines()]
    return "\n".join(lines)


# a day said relative to when it is read ("today", "tomorrow", "this week", "last Friday"): on a
# page it names no day of its own ("Meet this week's researcher", "Reach out to us today!")
RELATIVE_DAY = re.compile(r"\b(?:this|next|last|today|tonight|tomorrow|yesterday|ago)\b", re.I)
