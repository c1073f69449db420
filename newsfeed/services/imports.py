"""Writing an import into the database: idempotent, edits become revisions, one transaction.

Matching an imported item to one already stored, in this order:

1. the same content key (same posted date and text) from the same person: **unchanged**;
2. among the stored items of the same source file not matched yet, the most similar one (difflib
   ratio >= 0.6 with the same posted date, >= 0.85 when the date changed too): an edited line,
   **updated** (its revision goes up by one, its tag URI stays). Only the few stored items that
   share the most distinctive words with the line are compared (an index of words), so matching a
   list whose every line was edited costs about linear time, not a comparison of every pair;
3. otherwise **created**.

Exact matches are claimed first, over the whole file, so that a line inserted above others never
takes their place. The content key is the posted date's *value* and the text (never a display
string), scoped to the person: ``"<person id or 0>:<hash>"``. It is unique in the database and
items are created with ``INSERT … ON CONFLICT DO NOTHING`` on it, so two imports of the same file
at the same moment (two terminals, a double-clicked confirm) create each item once: the second
finds it taken and counts it **unchanged**. An update checks the revision it planned against,
so an item edited meanwhile is left as the editor saved it (reported).

Items that fail validation are **failed** and reported with their line; the others are written.
Stored items that are no longer in the file are left alone (a homepage loses old news, the feed
keeps it). A line repeated in one document is one item: the repeat is **unchanged**, with a note.

**An import is not news.** An item whose posted date is over (its whole period ended before the
import) is published *as of* that date: its ``published_at`` (and ``updated_at``) is the end of
its posted period, never later than now. Feeds therefore show it in its place among older
entries, and digests, which announce what was published or updated since a subscriber's last
one, never announce it as new. An item without a written date is posted as "undated (first seen
<the import's day>)" and published as of the dated item written above it in the document (or
below it, when it opens the list), so it stays where the author put it; a list with no date at
all is published at the import. An item posted in the current period (this month's news) is
published at the import, as any new post.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from newsfeed.adapters.models import Item, Person
from newsfeed.adapters.state import bump_data_version
from newsfeed.domain.dates import FuzzyDate
from newsfeed.domain.errors import Conflict, InvalidInput
from newsfeed.domain.importers import Event, ImportedItem, ImportResult, Link
from newsfeed.domain.links import LINK_RELS, is_valid_href
from newsfeed.domain.selection import Selection
from newsfeed.domain.vocab import Kind

from .items import ItemInput, LinkInput, MilestoneInput, NewItem, check_new, create_many, update_item
from .people import no_person
from .public import timeline


@dataclass
class ImportReport:
    """What an import did: the counts, the failures (one message per failed line) and notes
    (lines counted unchanged for a reason: a repeat, an item edited meanwhile)."""

    created: int = 0
    updated: int = 0
    unchanged: int = 0
    failed: int = 0
    messages: list[str] = field(default_factory=list)  # one per failed line
    notes: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, object]:
        return {
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "failed": self.failed,
            "messages": self.messages,
            "notes": self.notes,
        }

    def summary(self) -> str:
        counts = ("created", "updated", "unchanged", "failed")
        return ", ".join(f"{name} {getattr(self, name)}" for name in counts)


def to_input(
    imported: ImportedItem, *, person: str | None, key: str | None = None, seen: dt.date | None = None
) -> ItemInput:
    """The service input for an imported item (links the site cannot use are left out); an item
    without a date is posted "undated", first seen on ``seen``."""
    posted = imported.posted
    if posted is None:
        if seen is None:
            raise InvalidInput("posted", "no posting date")
        posted = FuzzyDate.undated(seen)
    links = [
        LinkInput(href=link.href, rel=link.rel if link.rel in LINK_RELS else "url", title=link.title)
        for link in imported.links
        if is_valid_href(link.href)
    ]
    milestones = [
        MilestoneInput(label=e.label[:200], date=e.date, location=e.location[:200] if e.location else None)
        for e in imported.events
    ]
    location = next((e.location for e in imported.events if e.location), None)
    return ItemInput(
        title=imported.title[:500],
        posted=posted,
        kind=Kind(imported.kind),
        also=tuple(Kind(k) for k in imported.also),
        body=imported.text,
        venue=imported.venues[0][:200] if imported.venues else None,
        location=location[:200] if location else None,
        person=person,
        links=links,
        milestones=milestones,
        source_path=(imported.source_path or None) and imported.source_path[:500],
        source_line=imported.source_line or None,
        source_text=imported.source_text or None,
        source_key=key,
    )


@dataclass
class ImportPlan:
    """What an import will do, decided from what is stored now (nothing written yet)."""

    person: str | None
    owner: int | str
    creates: list[ImportedItem] = field(default_factory=list)
    updates: list[tuple[ImportedItem, int, int]] = field(default_factory=list)  # (line, item id, revision)
    unchanged: int = 0
    messages: list[str] = field(default_factory=list)
    matched: set[int] = field(default_factory=set)  # stored items found again (same or edited)
    stored: list[Item] = field(default_factory=list)  # the stored items it was matched against


def source_key(owner: int | str, imported: ImportedItem) -> str:
    return f"{owner}:{imported.key}"


def plan_import(
    session: Session, result: ImportResult, *, person: str | None, source_id: int | None = None
) -> ImportPlan:
    """``source_id``: match against the items of that synced source only (keys ``s<id>:…``), not
    against everything of the person (their hand posts and other sources stay apart)."""
    person_id = None
    if person:
        person_id = session.scalar(select(Person.id).where(Person.slug == person))
        if person_id is None:
            raise InvalidInput("person", no_person(person))
    if source_id is not None:
        plan = ImportPlan(person=person, owner=f"s{source_id}")
        scope = Item.source_id == source_id
    else:
        plan = ImportPlan(person=person, owner=person_id or 0)
        scope = Item.person_id.is_(person_id) if person_id is None else Item.person_id == person_id
    stored = list(session.scalars(select(Item).where(scope)))
    plan.stored = stored
    by_key = {item.source_key: item for item in stored if item.source_key}
    matched: set[int] = set()
    pending: list[ImportedItem] = []
    first_line: dict[str, int] = {}
    for imported in result.items:  # first pass: what is already there, exactly
        key = source_key(plan.owner, imported)
        if key in first_line:  # the same date and text twice in one document: one item
            plan.unchanged += 1
            where = f"{imported.source_path or 'input'}:{imported.source_line}"
            plan.messages.append(f"{where}: the same as line {first_line[key]}")
            continue
        first_line[key] = imported.source_line
        existing = by_key.get(key)
        if existing is not None and existing.id not in matched:
            matched.add(existing.id)
            plan.unchanged += 1
        else:
            pending.append(imported)
    matcher = _Matcher([item for item in stored if item.id not in matched])
    for imported in pending:  # second pass: edited lines, then new ones
        candidate = matcher.find(imported, matched)
        if candidate is not None:
            matched.add(candidate.id)
            plan.updates.append((imported, candidate.id, candidate.revision))
        else:
            plan.creates.append(imported)
    plan.matched = matched
    return plan


Progress = Callable[[int], None]
BATCH = 500  # new items written per round of statements


def write_import(
    session: Session, plan: ImportPlan, *, now: dt.datetime, host: str, progress: Progress | None = None
) -> ImportReport:
    """Write a plan; ``progress(n)`` is told of every n items written (for a progress bar)."""
    report = ImportReport(unchanged=plan.unchanged, notes=list(plan.messages))
    tick = progress or (lambda _n: None)
    tick(plan.unchanged)
    # the items to update, with what an edit compares (tags, links, milestones, person), in a
    # few statements per batch instead of several lazy loads per item
    loaded: dict[int, Item] = {}  # held here: the session's identity map keeps them only weakly
    for start in range(0, len(plan.updates), BATCH):
        ids = [item_id for _, item_id, _ in plan.updates[start : start + BATCH]]
        found = session.scalars(
            select(Item)
            .where(Item.id.in_(ids))
            .options(
                selectinload(Item.tags),
                selectinload(Item.links),
                selectinload(Item.milestones),
                selectinload(Item.person),
            )
        ).all()
        loaded.update((item.id, item) for item in found)
    for imported, item_id, revision in plan.updates:
        tick(1)
        where = f"{imported.source_path or 'input'}:{imported.source_line}"
        item = loaded.get(item_id)
        try:
            if item is None:
                raise Conflict("removed while importing")
            seen = item.posted.start  # an undated item keeps the day it was first seen
            data = to_input(imported, person=plan.person, key=source_key(plan.owner, imported), seen=seen)
            if update_item(
                session, item, _keep_status(data, item), now=now, expected_revision=revision, bump=False
            ):
                report.updated += 1
            else:
                report.unchanged += 1
        except InvalidInput as exc:  # raised by validation, before anything is written
            report.failed += 1
            report.messages.append(f"{where}: {exc}")
        except Conflict as exc:
            report.unchanged += 1
            report.notes.append(f"{where}: not updated, the item was {exc} (kept as it is)")
    if report.updated:
        bump_data_version(session, now)  # once for all the updates (feed caches key on it)
    anchors = published_anchors(plan.creates, now)
    new: list[NewItem] = []
    for imported in plan.creates:
        where = f"{imported.source_path or 'input'}:{imported.source_line}"
        try:
            key = source_key(plan.owner, imported)
            data = check_new(to_input(imported, person=plan.person, key=key, seen=now.date()))
        except InvalidInput as exc:
            tick(1)
            report.failed += 1
            report.messages.append(f"{where}: {exc}")
            continue
        new.append(NewItem(data, anchors.get(id(imported))))
    for start in range(0, len(new), BATCH):  # a few statements per batch, whatever its size
        batch = new[start : start + BATCH]
        for new_id in create_many(session, batch, now=now, host=host):
            if new_id is None:
                report.unchanged += 1  # the same line, already stored (another import, or twice here)
            else:
                report.created += 1
        tick(len(batch))
    return report


def posted_over(posted: FuzzyDate, now: dt.datetime) -> dt.datetime | None:
    """The end of a posted period that is over at ``now`` (the last second of its last day, UTC),
    or None while it is not over."""
    if posted.is_undated:
        return None
    ended = dt.datetime.combine(posted.end + dt.timedelta(days=1), dt.time(), tzinfo=dt.UTC)
    return ended - dt.timedelta(seconds=1) if ended <= now else None


def published_anchors(items: list[ImportedItem], now: dt.datetime) -> dict[int, dt.datetime]:
    """When each imported item is published as of (see the module's "An import is not news"): a
    dated item whose period is over, at its end; an undated one, as of the nearest dated item
    written above it (below it when it opens the list). Items absent are published now."""
    dated: list[dt.datetime | None] = [
        posted_over(i.posted, now) if i.posted is not None else None for i in items
    ]
    out: dict[int, dt.datetime] = {}
    for n, item in enumerate(items):
        when = dated[n]
        if when is None and item.posted is None:
            above = next((dated[k] for k in range(n - 1, -1, -1) if dated[k] is not None), None)
            below = next((dated[k] for k in range(n + 1, len(items)) if dated[k] is not None), None)
            when = above or below
        if when is not None:
            out[id(item)] = when
    return out


def apply_import(
    session: Session,
    result: ImportResult,
    *,
    person: str | None,
    now: dt.datetime,
    host: str,
    progress: Progress | None = None,
) -> ImportReport:
    plan = plan_import(session, result, person=person)
    return write_import(session, plan, now=now, host=host, progress=progress)


def _keep_status(data: ItemInput, item: Item) -> ItemInput:
    """An import edits content; it never republishes a retracted item or changes who sees it."""
    return replace(data, status=item.status, visibility=item.visibility, publish_at=item.publish_at)


_WORD = re.compile(r"[^\W\d_]{3,}|\d{3,}")
COMMON = 50  # a word in more stored items than this tells nothing about which one a line was
CANDIDATES = 5


def _words(text: str) -> set[str]:
    return {w.lower() for w in _WORD.findall(text[:5_000])}


class _Matcher:
    """Finds the stored item an edited line came from, comparing it only with the stored items
    of its file that share the most distinctive words with it."""

    def __init__(self, stored: list[Item]) -> None:
        self.items = {item.id: item for item in stored}
        self.bodies = {item.id: " ".join(item.body.split()) for item in stored}
        self.index: dict[tuple[str | None, str], list[int]] = defaultdict(list)
        self.lines: dict[tuple[str | None, int], int] = {}
        for item in stored:
            for word in _words(item.body):
                self.index[(item.source_path, word)].append(item.id)
            if item.source_line is not None:
                self.lines[(item.source_path, item.source_line)] = item.id

    def find(self, imported: ImportedItem, matched: set[int]) -> Item | None:
        if imported.posted is None:
            return None
        path = imported.source_path or None
        shared: Counter[int] = Counter()
        for word in _words(imported.text):
            ids = self.index.get((path, word), ())
            if len(ids) <= COMMON:
                shared.update(i for i in ids if i not in matched)
        for offset in range(-3, 4):  # and the items at about the same line (lines of common words)
            near = self.lines.get((path, imported.source_line + offset))
            if near is not None and near not in matched:
                shared[near] += 0
        text = " ".join(imported.text.split())
        best: tuple[float, Item] | None = None
        for item_id, _ in shared.most_common(CANDIDATES + 7):
            item = self.items[item_id]
            need = 0.6 if item.posted == imported.posted else 0.85
            matcher = difflib.SequenceMatcher(None, text[:5_000], self.bodies[item_id][:5_000])
            if matcher.real_quick_ratio() < need or matcher.quick_ratio() < need:
                continue
            ratio = matcher.ratio()
            if ratio >= need and (best is None or ratio > best[0]):
                best = (ratio, item)
        return best[1] if best else None


def exported_items(
    session: Session, *, kinds: list[str] | None = None, person: str | None = None, now: dt.datetime
) -> list[ImportedItem]:
    """Public items as importer values, newest first, for the exporters."""
    items = timeline(session, Selection.parse(kinds or ()), now=now)
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
                posted=None if item.posted.is_undated else item.posted,
                venues=(item.venue,) if item.venue else (),
                events=tuple(Event(label=m.label, date=m.date, location=m.location) for m in item.milestones),
                links=tuple(Link(href=link.href, title=link.title, rel=link.rel) for link in item.links),
                source_path=item.source_path or "",
                source_line=item.source_line or 0,
            )
        )
    return out
