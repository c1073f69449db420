"""Reading the admin forms into service inputs; every mistake is an InvalidInput naming its field."""

from __future__ import annotations

import datetime as dt
import re
import zoneinfo
from typing import Any

from werkzeug.datastructures import MultiDict

from ..dates import DateParseError, parse
from ..importers import KINDS
from ..models import LINK_RELS, Item, Kind, Status, Visibility
from ..services.errors import InvalidInput
from ..services.items import ItemInput, LinkInput, MilestoneInput, milestone_date, parse_posted

BLANK_MILESTONE_ROWS = 3
_LINK_LINE = re.compile(r"^(?:(?P<rel>[a-z]+):\s+)?(?P<href>\S+)(?:\s+(?P<title>.+))?$")


def _choice(form: MultiDict[str, str], name: str, choices: tuple[str, ...] | list[str]) -> str:
    value = form.get(name, "").strip()
    if value not in choices:
        raise InvalidInput(name, f"{value!r} is not one of {', '.join(choices)}")
    return value


def _publish_at(raw: str, zone: str) -> dt.datetime | None:
    raw = raw.strip()
    if not raw:
        return None
    try:
        local = dt.datetime.fromisoformat(raw)
    except ValueError:
        raise InvalidInput("publish_at", f"{raw!r} is not a date and time such as 2025-03-01T09:00") from None
    if local.tzinfo is None:
        local = local.replace(tzinfo=zoneinfo.ZoneInfo(zone))
    return local.astimezone(dt.UTC)


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
            raise InvalidInput("links", f"line {number}: {rel!r} is not one of {', '.join(LINK_RELS)}")
        if not re.match(r"^https?://", m.group("href")):
            raise InvalidInput("links", f"line {number}: {m.group('href')!r} is not an http(s) link")
        out.append(LinkInput(href=m.group("href"), rel=rel, title=m.group("title")))
    return out


def milestone_text(date: str, time: str, zone: str) -> str:
    return " ".join(part.strip() for part in (date, time, zone) if part.strip())


def _milestones(form: MultiDict[str, str], today: dt.date, date_order: str) -> list[MilestoneInput]:
    out = []
    try:
        rows = min(int(form.get("milestone_count", "0")), 100)
    except ValueError:
        raise InvalidInput("milestones", "the number of rows is not a number") from None
    for i in range(rows):
        label = form.get(f"m{i}_label", "").strip()
        text = milestone_text(
            form.get(f"m{i}_date", ""), form.get(f"m{i}_time", ""), form.get(f"m{i}_zone", "")
        )
        location = form.get(f"m{i}_location", "").strip() or None
        if not label and not text:
            continue
        if not label:
            raise InvalidInput(f"milestones[{i + 1}]", "a dated milestone needs a label")
        if not text:
            raise InvalidInput(f"milestones[{i + 1}]", f"{label!r} needs a date")
        try:
            date = parse(text, today=today, date_order=date_order)  # type: ignore[arg-type]
        except DateParseError as exc:
            raise InvalidInput(f"milestones[{i + 1}]", str(exc)) from None
        out.append(MilestoneInput(label=label[:200], date=date, location=location))
    return out


def item_input(
    form: MultiDict[str, str], *, today: dt.date, zone: str, date_order: str, person: str | None
) -> ItemInput:
    """The item a submitted form describes. ``person``: forced for editors (their own)."""
    title = form.get("title", "").strip()
    if not title:
        raise InvalidInput("title", "a title is required")
    posted_raw = form.get("posted", "").strip()
    if not posted_raw:
        raise InvalidInput("posted", "write when this happened, such as 'May 2024' or '06/05/2024'")
    posted = parse_posted(posted_raw, today=today, date_order=date_order)
    tags = [t.strip() for t in form.get("tags", "").split(",") if t.strip()]
    return ItemInput(
        title=title,
        posted=posted,
        kind=Kind(_choice(form, "kind", KINDS)),
        body=form.get("body", ""),
        status=Status(_choice(form, "status", [s.value for s in Status])),
        visibility=Visibility(_choice(form, "visibility", [v.value for v in Visibility])),
        publish_at=_publish_at(form.get("publish_at", ""), zone),
        venue=form.get("venue", "").strip() or None,
        location=form.get("location", "").strip() or None,
        person=person if person is not None else (form.get("person", "").strip() or None),
        tags=tags,
        links=_links(form.get("links", "")),
        milestones=_milestones(form, today, date_order),
    )


def item_form_values(item: Item | None, zone: str) -> dict[str, Any]:
    """What an edit form shows for an item (or a new one)."""
    if item is None:
        return {
            "title": "",
            "kind": "other",
            "status": "draft",
            "visibility": "public",
            "publish_at": "",
            "posted": "",
            "body": "",
            "venue": "",
            "location": "",
            "person": "",
            "tags": "",
            "links": "",
            "milestones": [],
        }
    publish_at = ""
    if item.publish_at:
        publish_at = item.publish_at.astimezone(zoneinfo.ZoneInfo(zone)).strftime("%Y-%m-%dT%H:%M")
    return {
        "title": item.title,
        "kind": item.kind.value,
        "status": item.status.value,
        "visibility": item.visibility.value,
        "publish_at": publish_at,
        "posted": item.posted_text,
        "body": item.body,
        "venue": item.venue or "",
        "location": item.location or "",
        "person": item.person.slug if item.person else "",
        "tags": ", ".join(t.name for t in item.tags),
        "links": "\n".join(_link_line(link.rel, link.href, link.title) for link in item.links),
        "milestones": [
            {
                "label": m.label,
                "date": milestone_date(m).display(),
                "time": "",
                "zone": "",
                "location": m.location or "",
            }
            for m in item.milestones
        ],
    }


def _link_line(rel: str, href: str, title: str | None) -> str:
    prefix = "" if rel == "url" else f"{rel}: "
    return f"{prefix}{href} {title}".rstrip() if title else f"{prefix}{href}"


def form_values(form: MultiDict[str, str]) -> dict[str, Any]:
    """A submitted form's values, to show it again with its error."""
    values: dict[str, Any] = {k: form.get(k, "") for k in item_form_values(None, "UTC") if k != "milestones"}
    rows = []
    try:
        count = min(int(form.get("milestone_count", "0")), 100)
    except ValueError:
        count = 0
    for i in range(count):
        row = {k: form.get(f"m{i}_{k}", "") for k in ("label", "date", "time", "zone", "location")}
        if any(row.values()):
            rows.append(row)
    values["milestones"] = rows
    return values
