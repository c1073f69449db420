"""Papers from the scholarly sources, and the news proposed for them (flushes, never commits).

A sync of a scholarly source (:mod:`newsfeed.services.syncing`) hands its records here: they are
grouped into papers (:func:`newsfeed.domain.scholarly.group`) and matched with the person's papers
already stored (by DOI, arXiv id, OpenReview id, else title and first author), which are then
completed (ids, venue, dates, the sources that list them). Each paper's events are proposed as
draft news for the person to approve, **once per paper and event, ever**:

- ``preprint``: its first public version ("New preprint: *Title* (with A, B)"), dated as the
  preprint server dates it;
- ``acceptance``: its venue ("*Title* accepted at ICLR 2025"), dated as the venue's record is
  (a year or a month when that is all the source says), or the day it was first seen when the
  source gives no date and the paper was already known;

an event older than ``[scholarly] propose_days`` (90) is stored, not proposed (the first sync of a
long publication list proposes only what is recent), and a news item the person already wrote
about the paper (a link to its DOI, arXiv or OpenReview page, or its title in the item)
suppresses the proposal. A dismissed proposal never comes back; an approved one is an item.

**Telling the person.** The accounts that speak for the person (an editor, or an admin linked to
them) get one email a day, at ``[digests] send_hour`` in the site's zone, when news was proposed
for the person since their last one; a person no active account speaks for is told to the admins
(someone must hear of it). The email is a delivery in the outbox, keyed by (account, day), so a
second or concurrent planner cannot add another that day and the sweep sends it exactly once
(:func:`notice_rows`, :func:`noticed`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, false, func, or_, select
from sqlalchemy.orm import Session, selectinload

from newsfeed.adapters.models import Delivery, Item, Paper, Person, Proposal, Source, User
from newsfeed.config import Config
from newsfeed.domain.dates.model import GRAINS
from newsfeed.domain.errors import InvalidInput, NotFound
from newsfeed.domain.periods import period_due
from newsfeed.domain.scholarly import PaperRecord, group, person_key, title_key
from newsfeed.domain.scholarly.model import fuzzy, restored, stored
from newsfeed.domain.scholarly.papers import Paper as GroupedPaper
from newsfeed.domain.vocab import Cadence, DeliveryKind, DeliveryStatus, Kind, Role, Status

from .items import ItemInput, LinkInput, create_item

EVENTS = ("preprint", "acceptance")
_FINER = {grain: -rank for rank, grain in enumerate(GRAINS)}  # the finer, the smaller


@dataclass
class PapersReport:
    papers: int = 0
    new: int = 0
    proposed: int = 0
    suppressed: int = 0
    old: int = 0  # events older than propose_days: stored, not proposed

    def summary(self) -> str:
        return (
            f"{self.papers} papers ({self.new} new), {self.proposed} proposed, "
            f"{self.suppressed} already in the news, {self.old} too old to propose"
        )


class _Known:
    """The person's stored papers, looked up by each id and by title key (no pairwise scan)."""

    def __init__(self, rows: Sequence[Paper]) -> None:
        self.rows: list[Paper] = []
        self.by: dict[tuple[str, str], Paper] = {}
        self.titles: dict[str, list[Paper]] = {}
        for row in rows:
            self.add(row)

    def add(self, row: Paper) -> None:
        self.rows.append(row)
        self.index(row)

    def index(self, row: Paper) -> None:
        for name in ("doi", "arxiv_id", "openreview_id"):
            value = getattr(row, name)
            if value:
                self.by.setdefault((name, value), row)
        self.titles.setdefault(row.title_key, [])
        if row not in self.titles[row.title_key]:
            self.titles[row.title_key].append(row)

    def match(self, paper: GroupedPaper) -> Paper | None:
        for name in ("doi", "arxiv_id", "openreview_id"):
            value = getattr(paper, name)
            if value and (name, value) in self.by:
                return self.by[(name, value)]
        key = title_key(paper.title)
        first = next((r.first_author_key for r in paper.records if r.authors), "")
        if len(key) < 12:
            return None
        for row in self.titles.get(key, [])[:8]:
            if not first or not row.first_author_key or first == row.first_author_key:
                return row
        return None


def _sources(paper: GroupedPaper) -> list[str]:
    return sorted({f"{r.source}:{r.source_id}"[:200] for r in paper.records})


def apply_records(
    session: Session,
    source: Source,
    records: Sequence[PaperRecord],
    *,
    now: dt.datetime,
    config: Config,
) -> PapersReport:
    """Store what ``records`` (one fetch of ``source``) say of the person's papers, and propose
    the news (see the module)."""
    report = PapersReport()
    person_id = source.person_id
    known = _Known(list(session.scalars(select(Paper).where(Paper.person_id == person_id))))
    known_before = source.synced_at is not None
    for paper in group(records):
        report.papers += 1
        row = known.match(paper)
        if row is None:
            row = Paper(
                person_id=person_id,
                title=paper.title[:500],
                title_key=title_key(paper.title)[:300],
                authors=list(paper.authors)[:200],
                sources=[],
                created_at=now,
                updated_at=now,
            )
            first = next((r for r in paper.records if r.authors), None)
            row.first_author_key = (first.first_author_key if first else "")[:120]
            session.add(row)
            known.add(row)
            report.new += 1
        for name in ("doi", "arxiv_id", "openreview_id"):
            if getattr(row, name) is None and getattr(paper, name):
                setattr(row, name, getattr(paper, name)[: 40 if name != "doi" else 300])
        if len(paper.title) > len(row.title):
            row.title = paper.title[:500]
        if len(paper.authors) > len(row.authors or []):
            row.authors = list(paper.authors)[:200]
        preprint = paper.first("preprint")
        if preprint is not None and preprint.date is not None:
            earlier = restored(row.preprinted)
            if earlier is None or preprint.date.start < earlier.start:
                row.preprinted = stored(preprint.date)
        venue = paper.published
        if venue is not None and venue.venue and not row.venue:
            row.venue = venue.venue[:300]  # as the first source to name it wrote it
        dated = [r.date for r in paper.records if r.stage == "published" and r.date is not None]
        if dated:  # the most precise date any source gives of the publication
            best = min(dated, key=lambda d: (_FINER[d.grain], d.start))
            now_known = restored(row.published)
            if now_known is None or _FINER[best.grain] < _FINER[now_known.grain]:
                row.published = stored(best)
        elif row.published is None and row.venue and known_before:
            row.published = stored(
                fuzzy(now.year, now.month, now.day)
            )  # newly published, undated: seen today
        row.url = row.url or next((r.url for r in paper.records if r.url), None)
        row.sources = sorted(set(row.sources or []) | set(_sources(paper)))
        row.updated_at = now
        known.index(row)
    session.flush()
    _propose_all(session, person_id, known.rows, now=now, config=config, report=report)
    session.flush()
    return report


@dataclass(frozen=True)
class _Written:
    """What the person already wrote, read once per sync: each item with the links and body it
    could name a paper by, and its text as a title key."""

    item_id: int
    marks: str  # the item's links and body, lower case
    text_key: str

    @classmethod
    def of_person(cls, session: Session, person_id: int | None) -> list[_Written]:
        items = session.scalars(
            select(Item).where(Item.person_id == person_id).options(selectinload(Item.links))
        )
        return [
            cls(
                item.id,
                " ".join(link.href.lower() for link in item.links) + " " + (item.body or "").lower(),
                title_key(f"{item.title} {item.body or ''}"),
            )
            for item in items
        ]


def _written_about(row: Paper, written: Sequence[_Written]) -> int | None:
    """The id of a news item of the person about this paper: it links the paper, or names its
    title."""
    marks = [m.lower() for m in (row.doi, row.arxiv_id, row.openreview_id) if m]
    for item in written:
        if any(m in item.marks for m in marks):
            return item.item_id
        if len(row.title_key) >= 20 and row.title_key in item.text_key:
            return item.item_id
    return None


def _proposal_text(row: Paper, event: str, person: Person | None) -> tuple[str, str, str | None]:
    own = person_key(person.name) if person is not None else None
    coauthors = [a for a in (row.authors or []) if person_key(a) != own]
    more = " et al." if len(coauthors) > 3 else ""
    with_whom = f" (with {', '.join(coauthors[:3])}{more})" if coauthors else ""
    link = (
        f"https://arxiv.org/abs/{row.arxiv_id}" if event == "preprint" and row.arxiv_id
        else f"https://doi.org/{row.doi}" if row.doi else row.url
    )  # fmt: skip
    if event == "preprint":
        title = f"New preprint: {row.title}"
        body = f"New preprint: *{row.title}*{with_whom}." + (f" [Read it]({link})." if link else "")
    else:
        title = f"{row.title} accepted at {row.venue}"
        body = f"*{row.title}*{with_whom} accepted at {row.venue}." + (f" [Paper]({link})." if link else "")
    return title[:500], body, link


def _propose_all(
    session: Session, person_id: int | None, rows: Sequence[Paper], *, now: dt.datetime, config: Config,
    report: PapersReport,
) -> None:  # fmt: skip
    """Propose what is new of ``rows`` (one person's papers): the person, what they wrote and
    the proposals made before are each read once, not once per paper."""
    person = session.get(Person, person_id) if person_id is not None else None
    existing: dict[tuple[int, str], Proposal] = {
        (p.paper_id, p.event): p
        for p in session.scalars(select(Proposal).where(Proposal.paper_id.in_([r.id for r in rows])))
    } if rows else {}  # fmt: skip
    written: list[_Written] | None = None
    oldest = now.date() - dt.timedelta(days=config.scholarly.propose_days)
    for row in rows:
        for event in EVENTS:
            date = row.preprinted if event == "preprint" else row.published
            before = existing.get((row.id, event))
            if before is not None:
                if before.status == "pending" and date and before.posted != date:
                    before.posted = date  # a source gave the date more precisely since: still undecided
                continue
            when = restored(date)
            if when is None or (event == "acceptance" and not row.venue):
                continue
            if when.end < oldest:
                report.old += 1
                continue
            if written is None:
                written = _Written.of_person(session, person_id)
            title, body, link = _proposal_text(row, event, person)
            item_id = _written_about(row, written)
            session.add(
                Proposal(
                    paper_id=row.id,
                    person_id=row.person_id,
                    event=event,
                    title=title,
                    body=body,
                    posted=stored(when),
                    link=link,
                    created_at=now,
                    status="suppressed" if item_id is not None else "pending",
                    item_id=item_id,
                )
            )
            if item_id is not None:
                report.suppressed += 1
            else:
                report.proposed += 1


def list_proposals(
    session: Session, *, status: str | None = "pending", person: str | None = None
) -> list[Proposal]:
    query = select(Proposal).order_by(Proposal.created_at.desc(), Proposal.id.desc())
    if status:
        query = query.where(Proposal.status == status)
    if person:
        query = query.join(Person, Person.id == Proposal.person_id).where(Person.slug == person)
    return list(session.scalars(query.options(selectinload(Proposal.paper))))


def _pending(session: Session, proposal_id: int, *, person_id: int | None = None) -> Proposal:
    proposal = session.get(Proposal, proposal_id)
    if proposal is None or (person_id is not None and proposal.person_id != person_id):
        raise NotFound(f"no proposal {proposal_id}")
    if proposal.status != "pending":
        raise InvalidInput("id", f"proposal {proposal_id} was {proposal.status} already: decisions are final")
    return proposal


def approve(
    session: Session,
    proposal_id: int,
    *,
    now: dt.datetime,
    host: str,
    at: dt.datetime | None = None,
    draft: bool = False,
    person_id: int | None = None,
) -> Item:
    """The proposal as a news item of its person: published now, scheduled ``at`` a later time,
    or a ``draft`` to edit before publishing. Final: it is never proposed again. ``person_id``:
    an editor may decide only their own person's proposals."""
    proposal = _pending(session, proposal_id, person_id=person_id)
    posted = restored(proposal.posted) or fuzzy(now.year, now.month, now.day)
    person = session.get(Person, proposal.person_id) if proposal.person_id else None
    scheduled = at is not None and at > now
    data = ItemInput(
        title=proposal.title,
        posted=posted,
        kind=Kind.PREPRINT if proposal.event == "preprint" else Kind.ACCEPTANCE,
        body=proposal.body,
        status=Status.DRAFT if draft else Status.SCHEDULED if scheduled else Status.PUBLISHED,
        publish_at=at if scheduled and not draft else None,
        venue=proposal.paper.venue if proposal.event == "acceptance" else None,
        person=person.slug if person else None,
        links=[LinkInput(proposal.link)] if proposal.link else [],
    )
    item = create_item(session, data, now=now, host=host)
    assert item is not None
    proposal.status, proposal.item_id, proposal.decided_at = "approved", item.id, now
    session.flush()
    return item


def dismiss(
    session: Session, proposal_id: int, *, now: dt.datetime, person_id: int | None = None
) -> Proposal:
    """Never propose this again."""
    proposal = _pending(session, proposal_id, person_id=person_id)
    proposal.status, proposal.decided_at = "dismissed", now
    session.flush()
    return proposal


# -- telling the person ------------------------------------------------------------------------


def told_about(user: User) -> ColumnElement[bool]:
    """The proposals an account hears of: its own person's; an admin's also those of a person no
    active account speaks for, and those of no person."""
    own: ColumnElement[bool] = Proposal.person_id == user.person_id if user.person_id is not None else false()
    if user.role != Role.ADMIN:
        return own
    spoken_for = select(User.person_id).where(User.active.is_(True), User.person_id.is_not(None))
    return or_(own, Proposal.person_id.is_(None), Proposal.person_id.not_in(spoken_for))


def _previous_notice(session: Session, user_id: int, *, before: dt.datetime) -> dt.datetime | None:
    """When the account's last proposals email before ``before`` was due (the start of what the
    next one lists)."""
    value: dt.datetime | None = session.scalar(
        select(func.max(Delivery.due_at)).where(
            Delivery.user_id == user_id, Delivery.kind == DeliveryKind.PROPOSALS, Delivery.due_at < before
        )
    )
    return value.replace(tzinfo=dt.UTC) if value is not None and value.tzinfo is None else value


def _new_for(user: User, since: dt.datetime | None, until: dt.datetime) -> Any:
    query = select(Proposal).where(
        Proposal.status == "pending", told_about(user), Proposal.created_at <= until
    )
    return query if since is None else query.where(Proposal.created_at > since)


def notice_rows(session: Session, *, now: dt.datetime, zone: str, send_hour: int) -> list[dict[str, object]]:
    """The proposals emails due by ``now``, as outbox rows: one for each active account with news
    proposed for it since its last one and by today's send time (``send_hour`` in ``zone``);
    ``period`` is that day, so the outbox's unique key allows one per account and day."""
    day, due = period_due(Cadence.DAILY, now, zone, send_hour)
    rows: list[dict[str, object]] = []
    for user in session.scalars(select(User).where(User.active.is_(True)).order_by(User.id)):
        since = _previous_notice(session, user.id, before=due)
        if session.scalar(_new_for(user, since, due).with_only_columns(Proposal.id).limit(1)) is None:
            continue
        rows.append(
            {
                "user_id": user.id,
                "kind": DeliveryKind.PROPOSALS,
                "period": day,
                "due_at": due,
                "status": DeliveryStatus.PENDING,
                "attempts": 0,
                "created_at": now,
            }
        )
    return rows


def noticed(session: Session, delivery: Delivery) -> list[Proposal]:
    """What a proposals email lists when it is sent: the account's proposals made since its
    previous email and by this one's due time that still wait for a decision (one decided in
    between is left out), newest first."""
    user = delivery.user
    if user is None or not user.active:
        return []
    since = _previous_notice(session, user.id, before=delivery.due_at)
    query = _new_for(user, since, delivery.due_at).order_by(Proposal.created_at.desc(), Proposal.id.desc())
    return list(session.scalars(query.options(selectinload(Proposal.person))))
