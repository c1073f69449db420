"""Writing an import into the database: idempotent, edits become revisions, one transaction.

Matching an imported item to one already stored, in this order:

1. the same content key (same posted date and text) from the same person: **unchanged**;
2. among the stored items of the same source file not matched yet, the most similar one (difflib
   ratio >= 0.6 with the same posted date, >= 0.85 when the date changed too): an edited line,
   **updated** (its revision goes up by one, its tag URI stays);
3. otherwise **created**.

Exact matches are claimed first, over the whole file, so that a line inserted above others never
takes their place.

Items that fail validation are **failed** and reported with their line; the others are written.
Stored items that are no longer in the file are left alone (a homepage loses old news, the feed
keeps it).
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from dataclasses import dataclass, field, replace

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..importers import Event, ImportedItem, ImportResult, Link
from ..models import LINK_RELS, Item, Kind, Person
from .errors import InvalidInput
from .items import ItemInput, LinkInput, MilestoneInput, create_item, posted_date, update_item

_HREF = re.compile(r"^(https?://|mailto:)")


@dataclass
class ImportReport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    failed: int = 0
    messages: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, object]:
        return {
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "failed": self.failed,
            "messages": self.messages,
        }

    def summary(self) -> str:
        counts = ("created", "updated", "unchanged", "failed")
        return ", ".join(f"{name} {getattr(self, name)}" for name in counts)


def to_input(imported: ImportedItem, *, person: str | None) -> ItemInput:
    """The service input for an imported item (links the site cannot use are left out)."""
    if imported.posted is None:
        raise InvalidInput("posted", "no posting date")
    links = [
        LinkInput(href=link.href, rel=link.rel if link.rel in LINK_RELS else "url", title=link.title)
        for link in imported.links
        if _HREF.match(link.href)
    ]
    milestones = [
        MilestoneInput(label=e.label[:200], date=e.date, location=e.location) for e in imported.events
    ]
    location = next((e.location for e in imported.events if e.location), None)
    return ItemInput(
        title=imported.title[:500],
        posted=imported.posted,
        kind=Kind(imported.kind),
        body=imported.text,
        venue=imported.venues[0][:200] if imported.venues else None,
        location=location[:200] if location else None,
        person=person,
        links=links,
        milestones=milestones,
        source_path=imported.source_path or None,
        source_line=imported.source_line or None,
        source_text=imported.source_text or None,
        source_key=imported.key,
    )


def apply_import(
    session: Session, result: ImportResult, *, person: str | None, now: dt.datetime, host: str
) -> ImportReport:
    report = ImportReport()
    person_id = None
    if person:
        person_id = session.scalar(select(Person.id).where(Person.slug == person))
        if person_id is None:
            raise InvalidInput("person", f"no person {person!r}")
    stored = list(
        session.scalars(
            select(Item).where(
                Item.person_id.is_(person_id) if person_id is None else Item.person_id == person_id
            )
        )
    )
    by_key = {item.source_key: item for item in stored if item.source_key}
    matched: set[int] = set()
    pending: list[ImportedItem] = []
    for imported in result.items:  # first pass: what is already there, exactly
        existing = by_key.get(imported.key)
        if existing is not None and existing.id not in matched:
            matched.add(existing.id)
            report.unchanged += 1
        else:
            pending.append(imported)
    for imported in pending:  # second pass: edited lines, then new ones
        where = f"{imported.source_path or 'input'}:{imported.source_line}"
        try:
            data = to_input(imported, person=person)
            candidate = _edited(imported, stored, matched)
            if candidate is not None:
                matched.add(candidate.id)
                if update_item(session, candidate, _keep_status(data, candidate), now=now):
                    report.updated += 1
                else:
                    report.unchanged += 1
            else:
                item = create_item(session, data, now=now, host=host)
                matched.add(item.id)
                report.created += 1
        except InvalidInput as exc:  # raised by validation, before anything is written
            report.failed += 1
            report.messages.append(f"{where}: {exc}")
    return report


def _keep_status(data: ItemInput, item: Item) -> ItemInput:
    """An import edits content; it never republishes a retracted item or changes who sees it."""
    return replace(data, status=item.status, visibility=item.visibility, publish_at=item.publish_at)


def _edited(imported: ImportedItem, stored: list[Item], matched: set[int]) -> Item | None:
    """The stored item an edited line came from: same file, similar text (a changed date needs more)."""
    if imported.posted is None:
        return None
    text = " ".join(imported.text.split())
    best: tuple[float, Item] | None = None
    for item in stored:
        if item.id in matched or item.source_path != (imported.source_path or None):
            continue
        posted = posted_date(item)
        same_date = (posted.start, posted.end, posted.grain) == (
            imported.posted.start,
            imported.posted.end,
            imported.posted.grain,
        )
        ratio = difflib.SequenceMatcher(None, text, " ".join(item.body.split())).ratio()
        if ratio >= (0.6 if same_date else 0.85) and (best is None or ratio > best[0]):
            best = (ratio, item)
    return best[1] if best else None


def exported_items(
    session: Session, *, kinds: list[str] | None = None, person: str | None = None, now: dt.datetime
) -> list[ImportedItem]:
    """Public items as importer values, newest first, for the exporters."""
    from .items import milestone_date, public_items

    items = public_items(session, now=now, kinds=kinds or ())
    out = []
    for item in items:
        if person and (item.person is None or item.person.slug != person):
            continue
        out.append(
            ImportedItem(
                kind=item.kind.value,
                rule="stored",
                title=item.title,
                text=item.body or item.title,
                posted=posted_date(item),
                venues=(item.venue,) if item.venue else (),
                events=tuple(
                    Event(label=m.label, date=milestone_date(m), location=m.location) for m in item.milestones
                ),
                links=tuple(Link(href=link.href, title=link.title, rel=link.rel) for link in item.links),
                source_path=item.source_path or "",
                source_line=item.source_line or 0,
            )
        )
    return out
