"""One paper across every source: records are grouped when they share a DOI, an arXiv id or an
OpenReview id, or else the same title (as :func:`title_key` reads it) and the same first author
(as :func:`person_key` reads it, when both records name one). A preprint that is later published
is the same paper: its arXiv record and its venue record meet through the DOI the authors added,
the arXiv id a service lists, or the title and first author.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from newsfeed.domain.dates import FuzzyDate

from .model import PaperRecord


@dataclass(frozen=True)
class Paper:
    """The records of one paper, and what they say together."""

    records: tuple[PaperRecord, ...]

    def _best(self, name: str) -> str | None:
        values = [getattr(r, name) for r in self.records if getattr(r, name)]
        return values[0] if values else None

    @property
    def title(self) -> str:
        # the longest spelling: DBLP drops nothing, but ORCID imports sometimes cut subtitles
        return max((r.title for r in self.records), key=len)

    @property
    def doi(self) -> str | None:
        return self._best("doi")

    @property
    def arxiv_id(self) -> str | None:
        return self._best("arxiv_id")

    @property
    def openreview_id(self) -> str | None:
        return self._best("openreview_id")

    @property
    def authors(self) -> tuple[str, ...]:
        return max((r.authors for r in self.records), key=len)

    def first(self, stage: str) -> PaperRecord | None:
        """The earliest-dated record of that stage (undated ones last)."""
        found = [r for r in self.records if r.stage == stage]
        return min(found, key=lambda r: _order(r.date)) if found else None

    @property
    def preprinted(self) -> FuzzyDate | None:
        record = self.first("preprint")
        return record.date if record else None

    @property
    def published(self) -> PaperRecord | None:
        """The venue record: the one that names a venue, earliest first."""
        named = [r for r in self.records if r.stage == "published" and r.venue]
        return min(named, key=lambda r: _order(r.date)) if named else self.first("published")


def _order(date: FuzzyDate | None) -> tuple[int, int]:
    return (0, date.start.toordinal()) if date is not None else (1, 0)


class _Sets:
    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def join(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def group(records: Sequence[PaperRecord] | Iterable[PaperRecord]) -> list[Paper]:
    """The papers the records describe, in the order their first records came (linear in the
    number of records: each key is looked up in a dictionary, never compared pairwise)."""
    records = list(records)
    sets = _Sets(len(records))
    seen: dict[tuple[str, str], int] = {}
    by_title: dict[str, list[int]] = {}
    for i, record in enumerate(records):
        for name in ("doi", "arxiv_id", "openreview_id"):
            value = getattr(record, name)
            if value:
                if (name, value) in seen:
                    sets.join(seen[(name, value)], i)
                else:
                    seen[(name, value)] = i
        key = record.title_key
        if len(key) >= 12:  # "Introduction" alone names no paper
            by_title.setdefault(key, []).append(i)
    for members in by_title.values():
        for n, i in enumerate(members):
            for j in members[:n][-8:]:  # a title shared by more than a handful: look at the last few
                a, b = records[i].first_author_key, records[j].first_author_key
                if not a or not b or a == b:
                    sets.join(i, j)
                    break
    groups: dict[int, list[PaperRecord]] = {}
    for i, record in enumerate(records):
        groups.setdefault(sets.find(i), []).append(record)
    return [Paper(tuple(members)) for members in groups.values()]
