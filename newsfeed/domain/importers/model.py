"""What an importer produces: items with their dates, kind (and the rule that chose it), events."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any

from ..dates import FuzzyDate
from ..vocab import IMPORT_FORMATS, KINDS

__all__ = ["FORMATS", "KINDS", "Event", "ImportResult", "ImportedItem", "Link", "UnreadableDocument"]

FORMATS = IMPORT_FORMATS


class UnreadableDocument(ValueError):
    """A document that cannot be read as a whole: nothing is imported, and the message says why."""


@dataclass(frozen=True)
class Event:
    """A dated thing inside an item: the days of a trip, a talk, a deadline."""

    label: str
    date: FuzzyDate
    location: str | None = None

    def as_dict(self) -> dict[str, Any]:
        return {"label": self.label, **self.date.as_dict(), "location": self.location, "text": self.date.text}


@dataclass(frozen=True)
class Link:
    href: str
    title: str | None = None
    rel: str = "url"


@dataclass(frozen=True)
class ImportedItem:
    kind: str
    rule: str
    title: str
    text: str
    posted: FuzzyDate | None
    events: tuple[Event, ...] = ()
    venues: tuple[str, ...] = ()
    links: tuple[Link, ...] = ()
    papers: int | None = None
    source_path: str = ""
    source_line: int = 0
    source_text: str = ""
    notes: tuple[str, ...] = ()
    extra: dict[str, Any] = field(default_factory=dict)
    also: tuple[str, ...] = ()  # secondary kinds ("an award of a travel grant to give a talk")
    # where a year not written came from: "heading", "neighbours", "text" or "reference date"
    year_from: str | None = None
    out_of_order: bool = False  # the posted date breaks the order of the list around it
    hint: str = ""  # the author's own category of the item ("AWARD"), when the document gives one

    @property
    def key(self) -> str:
        """Identity of the content: the posted date's value and the text (spaces folded), so the
        same line imported again has the same key whatever the day it is read on."""
        posted = self.posted.value_key() if self.posted else ""
        raw = f"{posted}\x00{' '.join(self.text.split())}"
        return hashlib.sha256(raw.encode()).hexdigest()[:32]

    def as_dict(self) -> dict[str, Any]:
        posted = None
        if self.posted is not None:
            posted = self.posted.as_dict() | {"text": self.posted.text}
        out: dict[str, Any] = {
            "kind": self.kind,
            "also": list(self.also),
            "rule": self.rule,
            "title": self.title,
            "text": self.text,
            "posted": posted,
            "events": [e.as_dict() for e in self.events],
            "venues": list(self.venues),
            "links": [{"href": link.href, "title": link.title, "rel": link.rel} for link in self.links],
            "papers": self.papers,
            "source": {"path": self.source_path, "line": self.source_line},
        }
        if self.hint:
            out["category"] = self.hint  # the author's own category, which the kind weighs
        if self.year_from is not None:
            out["year_from"] = self.year_from
        if self.out_of_order:
            out["out_of_order"] = True
        if self.notes:
            out["notes"] = list(self.notes)
        out.update(self.extra)
        return out


@dataclass
class ImportResult:
    format: str
    items: list[ImportedItem] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    date_order: str | None = None
    description: str = ""  # what the reader recognised: "YAML data file, 27 records, …"

    def as_dict(self) -> dict[str, Any]:
        return {
            "format": self.format,
            "description": self.description,
            "date_order": self.date_order,
            "items": [i.as_dict() for i in self.items],
            "warnings": list(self.warnings),
        }
