"""A paper as a scholarly service describes it, and the keys that tell two descriptions of one
paper apart from two papers (pure).

Each service's answer is read into :class:`PaperRecord` values (:mod:`.parsers`); records of one
paper, from one service or several, are grouped by :func:`newsfeed.domain.scholarly.papers.group`.
A date keeps the precision the service gives: ORCID's year-only and year-month dates stay a year
or a month (a :class:`~newsfeed.domain.dates.FuzzyDate` of that grain), never a made-up day.
"""

from __future__ import annotations

import calendar
import datetime as dt
import html
import re
import unicodedata
from dataclasses import dataclass
from typing import Literal

from newsfeed.domain.dates import FuzzyDate

Source = Literal["arxiv", "dblp", "orcid", "crossref", "openreview"]
# What a record says of the paper: out as a preprint, published (or accepted) at a venue, or
# only submitted somewhere (an OpenReview submission under review or rejected: public, no venue).
Stage = Literal["preprint", "published", "submitted"]


@dataclass(frozen=True)
class PaperRecord:
    source: Source
    source_id: str  # the service's own id of this record
    title: str
    authors: tuple[str, ...] = ()
    stage: Stage = "published"
    venue: str | None = None
    date: FuzzyDate | None = None
    doi: str | None = None  # lower case, without https://doi.org/
    arxiv_id: str | None = None  # without its version: 2401.01234, cond-mat/0412498
    openreview_id: str | None = None  # the forum id
    url: str | None = None

    @property
    def title_key(self) -> str:
        return title_key(self.title)

    @property
    def first_author_key(self) -> str:
        return person_key(self.authors[0]) if self.authors else ""


def fuzzy(year: int, month: int | None = None, day: int | None = None, text: str = "") -> FuzzyDate:
    """A date at the precision given: a year, a month or a day."""
    if month is None:
        return FuzzyDate(dt.date(year, 1, 1), dt.date(year, 12, 31), "year", text=text or str(year))
    if day is None:
        last = calendar.monthrange(year, month)[1]
        return FuzzyDate(dt.date(year, month, 1), dt.date(year, month, last), "month", text=text)
    return FuzzyDate(dt.date(year, month, day), dt.date(year, month, day), "day", text=text)


def safe_fuzzy(year: object, month: object = None, day: object = None) -> FuzzyDate | None:
    """:func:`fuzzy` from a service's loosely typed parts ("2013", 7, None); None when the year
    is missing or any part is not a valid date."""
    try:
        y = int(str(year))
        m = int(str(month)) if month not in (None, "") else None
        d = int(str(day)) if day not in (None, "") and m is not None else None
        if not 1000 <= y <= 9999:
            return None
        return fuzzy(y, m, d)
    except (TypeError, ValueError):
        return None


_DOI = re.compile(r"(10\.\d{4,9}/\S+)", re.IGNORECASE)
_ARXIV_NEW = re.compile(r"(?<![\d.])(\d{4}\.\d{4,5})(?:v\d+)?(?![\d])")
_ARXIV_OLD = re.compile(r"([a-z][a-z.\-]*/\d{7})(?:v\d+)?", re.IGNORECASE)


def doi_of(text: str | None) -> str | None:
    """A DOI in lower case (DOIs are case-insensitive; DBLP writes 10.48550/ARXIV.2407.15516),
    from a bare DOI or a doi.org address."""
    if not text:
        return None
    found = _DOI.search(text.strip())
    return found.group(1).rstrip(".").lower() if found else None


def arxiv_of(text: str | None) -> str | None:
    """An arXiv id without its version, from an id, an abs/pdf address or an arXiv DOI
    (10.48550/arXiv.2407.15516)."""
    if not text:
        return None
    found = _ARXIV_NEW.search(text) or _ARXIV_OLD.search(text)
    return found.group(1).lower() if found else None


_LATEX_COMMAND = re.compile(r"\\[a-zA-Z]+\*?\s*")
_LATEX_MATH = re.compile(r"\$([^$]*)\$")


def title_key(title: str) -> str:
    """The title with its spelling stripped: HTML entities and XML escapes decoded
    ("Don&apos;t"), LaTeX commands, braces and math delimiters dropped ("$\\delta$-free"),
    accents folded, case and punctuation ignored, a trailing full stop (DBLP's) gone."""
    text = html.unescape(html.unescape(title or ""))
    text = _LATEX_MATH.sub(r"\1", text)
    text = _LATEX_COMMAND.sub("", text).replace("{", "").replace("}", "")
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    return re.sub(r"[^0-9a-z]+", "", text)


_DISAMBIGUATION = re.compile(r"\s+\d{4}$")  # DBLP's "Xiaopeng Zhang 0009"


def person_key(name: str) -> str:
    """A name for matching first authors across services: accents folded, DBLP's homonym number
    dropped, the family name and the first initial ("Lino E. Coria" and "L. Coria": coria l).
    A name written "Family, Given" is turned around first."""
    name = _DISAMBIGUATION.sub("", html.unescape(name or "").strip())
    if "," in name:
        family, _, given = name.partition(",")
        name = f"{given.strip()} {family.strip()}"
    name = unicodedata.normalize("NFKD", name)
    name = "".join(c for c in name if not unicodedata.combining(c)).casefold()
    parts = [p for p in re.split(r"[\s.]+", name) if p]
    if not parts:
        return ""
    family = re.sub(r"[^a-z]", "", parts[-1])
    initial = re.sub(r"[^a-z]", "", parts[0])[:1] if len(parts) > 1 else ""
    return f"{family} {initial}".strip()


def clean_title(title: str) -> str:
    """A title to show: entities decoded, whitespace (arXiv's hard wraps) collapsed, DBLP's
    trailing full stop dropped (a question mark or other ending is kept)."""
    text = re.sub(r"\s+", " ", html.unescape(html.unescape(title or ""))).strip()
    return text[:-1] if text.endswith(".") and not text.endswith("..") else text


def stored(date: FuzzyDate | None) -> dict[str, str] | None:
    """A paper's date as kept in the database: its first and last day and its grain."""
    if date is None:
        return None
    return {
        "start": date.start.isoformat(),
        "end": date.end.isoformat(),
        "grain": date.grain,
        "text": date.text,
    }


def restored(data: dict[str, str] | None) -> FuzzyDate | None:
    if not data:
        return None
    return FuzzyDate(
        dt.date.fromisoformat(data["start"]),
        dt.date.fromisoformat(data["end"]),
        data["grain"],  # type: ignore[arg-type]
        text=data.get("text", ""),
    )
