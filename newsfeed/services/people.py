"""The people whose news the site publishes: a short name in URLs (the slug), a name everywhere a
reader sees them, and a profile (homepage, ORCID iD, photo, short bio) on their page.

Every problem of a form or a command is reported at once, naming its field. A slug is taken once:
two adds of the same slug at the same moment make one person, and the other is told it exists
(an insert-or-get on the unique slug, never a 500). Removing a person keeps their items (no longer
anyone's) and is refused while an editor account posts as them.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from newsfeed.adapters.db import insert_ignore
from newsfeed.adapters.models import Item, Person, User
from newsfeed.domain.errors import InvalidInput
from newsfeed.domain.links import InvalidLink, check_href
from newsfeed.domain.text import clean, clean_line

SLUG = re.compile(r"^[a-z0-9][a-z0-9-]{0,79}$")
ORCID = re.compile(r"^(?:https?://orcid\.org/)?(\d{4})-?(\d{4})-?(\d{4})-?(\d{3}[\dX])$", re.I)
NAME_MAX, BIO_MAX = 200, 2_000


@dataclass(frozen=True)
class Profile:
    """What a person is, as given (None: not given, "" : cleared)."""

    name: str | None = None
    homepage: str | None = None
    orcid: str | None = None
    photo_url: str | None = None
    bio: str | None = None


def orcid_id(text: str) -> str:
    """An ORCID iD as stored ("0000-0002-1825-0097"), its check digit verified (ISO 7064 11,2)."""
    m = ORCID.match(text.strip())
    if m is None:
        raise InvalidInput("orcid", f"{text[:40]!r} is not an ORCID iD such as 0000-0002-1825-0097")
    digits = "".join(m.groups()).upper()
    total = 0
    for ch in digits[:-1]:
        total = (total + int(ch)) * 2
    check = (12 - total % 11) % 11
    if digits[-1] != ("X" if check == 10 else str(check)):
        raise InvalidInput("orcid", f"{text[:40]!r} is not a valid ORCID iD (its check digit does not match)")
    return "-".join(digits[i : i + 4] for i in range(0, 16, 4))


def _checked(profile: Profile, problems: list[tuple[str, str]]) -> dict[str, str | None]:
    values: dict[str, str | None] = {}
    if profile.name is not None:
        name = clean_line(profile.name).strip()
        if not name:
            problems.append(("name", "a name is required"))
        elif len(name) > NAME_MAX:
            problems.append(("name", f"at most {NAME_MAX} characters"))
        values["name"] = name
    for field in ("homepage", "photo_url"):
        given = getattr(profile, field)
        if given is None:
            continue
        given = given.strip()
        if given:
            try:
                check_href(given)
            except InvalidLink as exc:
                problems.append((field, str(exc)))
            if field == "photo_url" and not given.lower().startswith("https://"):
                problems.append((field, "an https:// address (pages are served over https)"))
            elif given.lower().startswith("mailto:"):
                problems.append((field, "an http(s) address"))
        values[field] = given or None
    if profile.orcid is not None:
        try:
            values["orcid"] = orcid_id(profile.orcid) if profile.orcid.strip() else None
        except InvalidInput as exc:
            problems += exc.problems
    if profile.bio is not None:
        bio = clean(profile.bio).strip()
        if len(bio) > BIO_MAX:
            problems.append(("bio", f"at most {BIO_MAX:,} characters"))
        values["bio"] = bio or None
    return values


def add_person(session: Session, slug: str, profile: Profile, *, now: dt.datetime) -> Person:
    """A new person; InvalidInput naming every bad field, or the slug when it is taken."""
    problems: list[tuple[str, str]] = []
    slug = (slug or "").strip().lower()
    if not SLUG.match(slug):
        problems.append(("slug", f"{slug[:40]!r}: lower-case letters, digits and dashes, at most 80"))
    if profile.name is None:
        problems.append(("name", "a name is required"))
    values = _checked(profile, problems)
    if problems:
        raise InvalidInput.many(problems)
    taken = insert_ignore(
        session,
        Person.__table__,
        [{"slug": slug, "created_at": now, "email": None, **values}],
        index_elements=["slug"],
        returning=Person.__table__.c.id,
    )
    if not taken:
        raise InvalidInput("slug", f"a person {slug!r} exists already")
    person = session.get(Person, taken[0])
    assert person is not None
    return person


def no_person(slug: str) -> str:
    """The message for a slug that names nobody, with how to make them."""
    return (
        f"no person {slug[:40]!r}: add them first (`newsfeed person add {slug[:40]} --name NAME` "
        "or the admin page's People)"
    )


def find_person(session: Session, slug: str) -> Person:
    person = session.scalar(select(Person).where(Person.slug == (slug or "").strip().lower()))
    if person is None:
        raise InvalidInput("person", no_person(slug))
    return person


def edit_person(session: Session, slug: str, profile: Profile) -> Person:
    """Change what ``profile`` gives (fields left None stay as they are)."""
    person = find_person(session, slug)
    problems: list[tuple[str, str]] = []
    values = _checked(profile, problems)
    if problems:
        raise InvalidInput.many(problems)
    for field, value in values.items():
        setattr(person, field, value)
    session.flush()
    return person


def remove_person(session: Session, slug: str) -> int:
    """Remove a person; their items stay, no longer anyone's. The number of those items."""
    person = find_person(session, slug)
    editors = session.scalar(select(func.count(User.id)).where(User.person_id == person.id)) or 0
    if editors:
        raise InvalidInput(
            "person", f"{editors} editor account(s) post as {person.slug}: give them another person first"
        )
    items = session.scalar(select(func.count(Item.id)).where(Item.person_id == person.id)) or 0
    session.delete(person)
    session.flush()
    return int(items)


def list_people(session: Session) -> list[tuple[Person, int]]:
    """Every person with how many items they have, by name."""
    counts = dict(session.execute(select(Item.person_id, func.count(Item.id)).group_by(Item.person_id)).all())
    people = session.scalars(select(Person).order_by(Person.name, Person.slug))
    return [(p, int(counts.get(p.id, 0))) for p in people]
