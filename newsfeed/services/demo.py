"""Demo content drawn from real academic pages: news of every kind, a workshop with AoE deadlines,
publications. Every date goes through the date engine exactly as a researcher wrote it."""

from __future__ import annotations

import datetime as dt
import re

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..dates import find_dates, find_note, parse
from ..models import Item, Kind, Person, Role
from .items import ItemInput, LinkInput, MilestoneInput, create_item
from .users import create_user, generate_password

DEMO_TODAY = dt.date(2025, 3, 1)

PEOPLE = [
    ("wei-huang", "Wei Huang", "https://weihuang05.github.io/"),
    ("mingze-wang", "Mingze Wang", None),
]

# (person, posted as written, kind, Markdown text) — from a homepage "News" list (day-first dates).
NEWS = [
    (
        "wei-huang",
        "01/2025",
        Kind.ORGANIZING,
        "Our workshop on deep generative models at ICLR 2025 is now accepting submissions! "
        "We are also seeking "
        "reviewers to join us. For details, visit [the workshop site](https://delta-workshop.github.io/).",
    ),
    (
        "wei-huang",
        "12/2024",
        Kind.ACCEPTANCE,
        "One paper is accepted by Pattern Recognition, [Negatively correlated ensemble against transfer "
        "adversarial attacks](https://www.sciencedirect.com/science/article/pii/S0031320324009063).",
    ),
    (
        "wei-huang",
        "09/2024",
        Kind.ACCEPTANCE,
        "Seven papers are accepted by NeurIPS 2024, including [On the Comparison between Multi-modal and "
        "Single-modal Contrastive Learning](https://openreview.net/pdf?id=O2UwxfhY1P).",
    ),
    (
        "wei-huang",
        "05/2024",
        Kind.TRAVEL,
        "I will be attending [ICLR 2024](https://iclr.cc/) from 06/05/2024 to 12/05/2024 in Vienna. "
        "Feel free have a chat if you're there.",
    ),
    (
        "wei-huang",
        "12/2023",
        Kind.TRAVEL,
        "I will be attending [NeurIPS 2023](https://nips.cc/) from 10/12/2023 to 17/12/2023 "
        "at the New Orleans "
        "Ernest N. Morial Convention Center.",
    ),
    (
        "wei-huang",
        "10/2023",
        Kind.TRAVEL,
        "I will be attending [IBIS2023](https://ibisml.org/ibis2023/cfp/) from 29/10/2023 to 01/11/2023 in "
        "Kitakyushu.",
    ),
    (
        "wei-huang",
        "07/2023",
        Kind.TALK,
        "I had the privilege of giving a contributed talk at the [ICML 2023 workshop on High-Dimensional "
        "Learning Dynamics](https://sites.google.com/view/hidimlearning/home) in Honolulu, Hawaii.",
    ),
    ("wei-huang", "11/2022", Kind.POSITION, "I arrived in Tokyo, Japan!"),
    ("wei-huang", "05/2022", Kind.REVIEWING, "I am invited to serve as a reviewer for ICLR-2023."),
    (
        "wei-huang",
        "07/2021",
        Kind.REVIEWING,
        "I am invited to serve as a Senior Program Committee member for AAAI-2022.",
    ),
    (
        "mingze-wang",
        "May 2025",
        Kind.PREPRINT,
        "GradPower: Powering Gradients for Faster Language Model Pre-Training — under review.",
    ),
    (
        "mingze-wang",
        "May 2025",
        Kind.ACCEPTANCE,
        "The Sharpness Disparity Principle in Transformers for Accelerating Language Model Pre-Training "
        "(ICML 2025).",
    ),
]

WORKSHOP_TEXT = """\
DeLTa: Deep Generative Model in Machine Learning: Theory, Principle and Efficacy — a workshop at ICLR 2025.

(All dates are in 11.59pm AOE)
- Paper submission deadline: 1 Feb 2025
- Reviewer bidding dates: 1 - 5 Feb 2025
- Review Deadline: 25 Feb 2025
- Paper notification date: 27 Feb 2025
- Camera ready deadline: 4 Mar 2025
"""

_LINK = re.compile(r"\[([^\]]*)\]\(([^)\s]+)\)")
_TRIP_PLACE = re.compile(r"\b(?:in|at)\s+(?:the\s+)?([A-Z][\w.\- ]+?)(?:[.,]|$)")


def _title(text: str) -> str:
    plain = _LINK.sub(r"\1", text)
    first = re.split(r"(?<=[.!?])\s", plain, maxsplit=1)[0]
    return first[:200]


def _links(text: str) -> list[LinkInput]:
    return [LinkInput(href=href, title=title or None) for title, href in _LINK.findall(text)]


def _trip(text: str) -> list[MilestoneInput]:
    plain = _LINK.sub(r"\1", text)
    out = []
    for match in find_dates(plain, today=DEMO_TODAY, date_order="dmy"):
        place = _TRIP_PLACE.search(plain, match.offset + match.length)
        out.append(MilestoneInput(label="Trip", date=match.date, location=place.group(1) if place else None))
    return out


def _workshop() -> ItemInput:
    note = find_note(WORKSHOP_TEXT)
    milestones = []
    for line in WORKSHOP_TEXT.splitlines():
        if not line.startswith("- "):
            continue
        label, _, when = line[2:].partition(":")
        for match in find_dates(when, today=DEMO_TODAY, note=note):
            milestones.append(MilestoneInput(label=label.strip(), date=match.date))
    return ItemInput(
        title="We are organizing the DeLTa workshop at ICLR 2025",
        posted=parse("12/2024", today=DEMO_TODAY, date_order="dmy"),
        kind=Kind.ORGANIZING,
        body=WORKSHOP_TEXT,
        venue="ICLR 2025",
        location="Singapore",
        person="wei-huang",
        tags=["workshop", "generative models"],
        links=[LinkInput(href="https://delta-workshop.github.io/", title="Workshop site")],
        milestones=milestones,
    )


def load_demo(session: Session, *, now: dt.datetime, host: str) -> tuple[str, str] | None:
    """Create demo people, items and an admin login; (email, password) once, None if already there."""
    if session.scalar(select(Item.id).limit(1)) is not None:
        return None
    for slug, name, homepage in PEOPLE:
        session.add(Person(slug=slug, name=name, homepage=homepage, created_at=now))
    session.flush()
    for person, posted, kind, text in NEWS:
        data = ItemInput(
            title=_title(text),
            posted=parse(posted, today=DEMO_TODAY, date_order="dmy", prefer="past"),
            kind=kind,
            body=text,
            person=person,
            links=_links(text),
            milestones=_trip(text) if kind == Kind.TRAVEL else (),
            tags=["demo"],
        )
        create_item(session, data, now=now, host=host)
    create_item(session, _workshop(), now=now, host=host)
    email, password = "admin@example.org", generate_password()
    create_user(session, email, password, role=Role.ADMIN, name="Demo admin", now=now)
    return email, password
