"""Reading the admin item form into a service input; every mistake is reported, each with its field.

**Edits never move a date nobody touched.** The form shows each stored date in its explicit form
(``FuzzyDate.display()``: "2 Feb 2025", never the yearless "Feb 2" it may have been written as). A
date field sent back exactly as it was shown keeps the stored value, flags and all, without being
read again. A date field that was changed is read against the item's own reference date (the date
its posted date was read against), never against today: a typo fixed a year later does not move
"Feb 2" to next year. Milestone rows carry the position of the milestone they show, so an
untouched row keeps its milestone's date even when rows above it are added or removed.
"""

from __future__ import annotations

import datetime as dt
import re
import zoneinfo
from typing import Any

from werkzeug.datastructures import MultiDict

from newsfeed.adapters.models import Item
from newsfeed.domain.dates import DateOrder, DateParseError, FuzzyDate, parse, resolve_zone, unknown_zone
from newsfeed.domain.errors import InvalidInput
from newsfeed.domain.links import LINK_RELS, InvalidLink, check_href
from newsfeed.domain.vocab import KINDS, Kind, Status, Visibility, check_kind
from newsfeed.services.items import ItemInput, LinkInput, MilestoneInput, parse_posted, reference_date

BLANK_MILESTONE_ROWS = 3
MAX_MILESTONE_ROWS = 100
_LINK_LINE = re.compile(r"^(?:(?P<rel>[a-z]+):\s+)?(?P<href>\S+)(?:\s+(?P<title>.+))?$")


def _choice(form: MultiDict[str, str], name: str, choices: tuple[str, ...] | list[str]) -> str:
    value = form.get(name, "").strip()
    if value not in choices:
        raise InvalidInput(name, f"{value[:40]!r} is not one of {', '.join(choices)}")
    return value


def _publish_at(raw: str, zone: str) -> dt.datetime | None:
    raw = raw.strip()
    if not raw:
        return None
    try:
        local = dt.datetime.fromisoformat(raw)
        if local.tzinfo is None:
            local = local.replace(tzinfo=zoneinfo.ZoneInfo(zone))
        value = local.astimezone(dt.UTC)
    except (ValueError, OverflowError):
        raise InvalidInput(
            "publish_at", f"{raw[:40]!r} is not a date and time such as 2025-03-01T09:00"
        ) from None
    if not 1970 <= value.year <= 2999:
        raise InvalidInput("publish_at", f"{raw[:40]!r} is out of range")
    return value


def _links(raw: str) -> list[LinkInput]:
    out = []
    for number, line in enumerate(raw.splitlines(), start=1):
        line = line.strip()
        if not line:
            continue
        m = _LINK_LINE.match(line)
        if not m:
            raise InvalidInput("links", f"line {number}: write 'URL title' or 'slides: URL title'")
        rel = m.group("rel") or "url"
        if rel not in LINK_RELS:
            raise InvalidInput("links", f"line {number}: {rel[:20]!r} is not one of {', '.join(LINK_RELS)}")
        try:
            check_href(m.group("href"))
        except InvalidLink as exc:
            raise InvalidInput("links", f"line {number}: {exc}") from None
        out.append(LinkInput(href=m.group("href"), rel=rel, title=m.group("title")))
    return out


def milestone_text(date: str, time: str, zone: str) -> str:
    return " ".join(part.strip() for part in (date, time, zone) if part.strip())


def _row_count(form: MultiDict[str, str]) -> int:
    raw = form.get("milestone_count", "0").strip()
    if not (raw.isascii() and raw.isdigit() and len(raw) <= 4):
        raise InvalidInput("milestones", "the number of rows is not a number")
    if int(raw) > MAX_MILESTONE_ROWS:
        raise InvalidInput("milestones", f"at most {MAX_MILESTONE_ROWS} rows of dates, not {int(raw):,}")
    return int(raw)


def _kept(current: Item | None, key: str, shown: str) -> FuzzyDate | None:
    """The stored date of the milestone a row showed, when the row still shows it unchanged."""
    if current is None or not (key.isascii() and key.isdigit() and len(key) <= 4):
        return None
    position = int(key)
    if position >= len(current.milestones):
        return None
    date = current.milestones[position].date
    return date if shown == date.display() else None


def _milestones(
    form: MultiDict[str, str], ref: dt.date, date_order: DateOrder, current: Item | None
) -> tuple[list[MilestoneInput], list[tuple[str, str]]]:
    out: list[MilestoneInput] = []
    problems: list[tuple[str, str]] = []
    for i in range(_row_count(form)):
        label = form.get(f"m{i}_label", "").strip()
        text = milestone_text(
            form.get(f"m{i}_date", ""), form.get(f"m{i}_time", ""), form.get(f"m{i}_zone", "")
        )
        location = form.get(f"m{i}_location", "").strip() or None
        if not label and not text:
            continue
        field = f"milestones[{i + 1}]"
        if not label:
            problems.append((field, "a dated milestone needs a label"))
            continue
        if not text:
            problems.append((field, f"{label[:60]!r} needs a date"))
            continue
        zone = form.get(f"m{i}_zone", "").strip()
        if zone and resolve_zone(zone) is None:
            problems.append((field, unknown_zone(zone)))
            continue
        date = _kept(current, form.get(f"m{i}_key", ""), text)
        if date is None:
            try:
                date = parse(text, today=ref, date_order=date_order)
            except DateParseError as exc:
                problems.append((field, str(exc)))
                continue
        out.append(MilestoneInput(label=label, date=date, location=location))
    return out, problems


def item_input(
    form: MultiDict[str, str],
    *,
    today: dt.date,
    zone: str,
    date_order: DateOrder,
    person: str | None,
    current: Item | None = None,
) -> ItemInput:
    """The item a submitted form describes (every problem at once). ``person``: forced for editors
    (their own); ``current``: the stored item being edited, whose untouched dates are kept."""
    problems: list[tuple[str, str]] = []
    ref = reference_date(current) if current is not None else today

    def attempt(read: Any) -> Any:
        try:
            return read()
        except InvalidInput as exc:
            problems.extend(exc.problems)
            return None

    title = form.get("title", "").strip()
    if not title:
        problems.append(("title", "a title is required"))
    posted_raw = form.get("posted", "").strip()
    posted: FuzzyDate | None = None
    if not posted_raw:
        problems.append(("posted", "write when this happened, such as 'May 2024' or '06/05/2024'"))
    elif current is not None and posted_raw == current.posted.display():
        posted = current.posted
    else:
        posted = attempt(lambda: parse_posted(posted_raw, today=ref, date_order=date_order))
    kind = attempt(lambda: check_kind(form.get("kind", "").strip()))
    also = attempt(lambda: _also(form))
    status = attempt(lambda: Status(_choice(form, "status", [s.value for s in Status])))
    visibility = attempt(lambda: Visibility(_choice(form, "visibility", [v.value for v in Visibility])))
    publish_at = attempt(lambda: _publish_at(form.get("publish_at", ""), zone))
    links = attempt(lambda: _links(form.get("links", ""))) or []
    milestones: list[MilestoneInput] = []
    try:
        milestones, row_problems = _milestones(form, ref, date_order, current)
        problems += row_problems
    except InvalidInput as exc:
        problems += exc.problems
    if problems:
        raise InvalidInput.many(problems)
    assert posted is not None
    assert kind is not None
    assert status is not None
    assert visibility is not None
    return ItemInput(
        title=title,
        posted=posted,
        kind=kind,
        also=also or (),
        body=form.get("body", ""),
        status=status,
        visibility=visibility,
        publish_at=publish_at,
        venue=form.get("venue", "").strip() or None,
        location=form.get("location", "").strip() or None,
        person=person if person is not None else (form.get("person", "").strip() or None),
        tags=[t.strip() for t in form.get("tags", "").split(",") if t.strip()],
        links=links,
        milestones=milestones,
    )


def _also(form: MultiDict[str, str]) -> tuple[Kind, ...]:
    """The secondary kinds ticked on the form; an unknown one is an error naming it."""
    chosen = form.getlist("also")
    if len(chosen) > len(KINDS):
        raise InvalidInput("also", "too many kinds")
    return tuple(check_kind(value, "also") for value in dict.fromkeys(chosen))


def expected_revision(form: MultiDict[str, str]) -> int | None:
    """The revision the form was opened at (None: a form without one, such as a script's)."""
    raw = form.get("revision", "").strip()
    if not raw:
        return None
    if not (raw.isascii() and raw.isdigit() and len(raw) <= 9):
        raise InvalidInput("revision", f"{raw[:20]!r} is not a revision number")
    return int(raw)


def item_form_values(item: Item | None, zone: str) -> dict[str, Any]:
    """What an edit form shows for an item (or a new one)."""
    if item is None:
        return {
            "title": "",
            "kind": "other",
            "also": [],
            "status": "published",  # a first post appears at once (draft is one choice away)
            "visibility": "public",
            "publish_at": "",
            "posted": "",
            "posted_written": "",
            "body": "",
            "venue": "",
            "location": "",
            "person": "",
            "tags": "",
            "links": "",
            "revision": "",
            "ref": "",
            "milestones": [],
        }
    publish_at = ""
    if item.publish_at:
        publish_at = item.publish_at.astimezone(zoneinfo.ZoneInfo(zone)).strftime("%Y-%m-%dT%H:%M")
    shown = item.posted.display()
    return {
        "title": item.title,
        "kind": item.kind.value,
        "also": [k.value for k in item.also],
        "status": item.status.value,
        "visibility": item.visibility.value,
        "publish_at": publish_at,
        "posted": shown,
        "posted_written": item.posted.text if item.posted.text != shown else "",
        "body": item.body,
        "venue": item.venue or "",
        "location": item.location or "",
        "person": item.person.slug if item.person else "",
        "tags": ", ".join(t.name for t in item.tags),
        "links": "\n".join(_link_line(link.rel, link.href, link.title) for link in item.links),
        "revision": str(item.revision),
        "ref": reference_date(item).isoformat(),
        "milestones": [
            {
                "key": str(position),
                "label": m.label,
                "date": m.date.display(),
                "time": "",
                "zone": "",
                "location": m.location or "",
            }
            for position, m in enumerate(item.milestones)
        ],
    }


def _link_line(rel: str, href: str, title: str | None) -> str:
    prefix = "" if rel == "url" else f"{rel}: "
    return f"{prefix}{href} {title}".rstrip() if title else f"{prefix}{href}"


ROW_FIELDS = ("key", "label", "date", "time", "zone", "location")


def form_values(form: MultiDict[str, str]) -> dict[str, Any]:
    """A submitted form's values, to show it again with its errors."""
    values: dict[str, Any] = {k: form.get(k, "") for k in item_form_values(None, "UTC") if k != "milestones"}
    rows = []
    try:
        count = _row_count(form)
    except InvalidInput:
        count = 0
    for i in range(count):
        row = {k: form.get(f"m{i}_{k}", "") for k in ROW_FIELDS}
        if any(row[k] for k in ROW_FIELDS if k != "key"):
            rows.append(row)
    values["milestones"] = rows
    return values
