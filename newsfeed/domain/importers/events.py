"""Dated things inside an item's text: the days of a trip with its place, a talk, a deadline."""

from __future__ import annotations

import re

from ..dates import DateOrder, FuzzyDate, find_dates
from .model import Event
from .text import place_after

_LABEL_BEFORE = re.compile(r"([A-Z][\w\- ]{2,40}?)(?:\s+(?:is|on|by))?\s*:\s*$")
_DEFAULT_LABEL = {"travel": "Trip", "talk": "Talk", "organizing": "Deadline"}


def events_in(text: str, kind: str, *, posted: FuzzyDate, order: DateOrder | None) -> tuple[Event, ...]:
    """Dated things inside the text: a trip's days with its place, a talk's date and time, a deadline."""
    ref = posted.end
    out = []
    for match in find_dates(text, today=ref, date_order=order, prefer="nearest"):
        d = match.date
        if d.grain not in ("day", "minute") or "relative" in d.inferred:
            continue  # "next Friday" in an old post names no day we can trust
        if "date" in d.inferred and not (posted.grain in ("day", "minute") and posted.start == posted.end):
            continue  # "at 3pm" alone is on the day of the post, known only when the post has a day
        label = _DEFAULT_LABEL.get(kind, "Event")
        before = text[max(0, match.offset - 60) : match.offset]
        named = _LABEL_BEFORE.search(before)
        if named:
            label = named.group(1).strip()
        out.append(Event(label=label, date=d, location=place_after(text, match.offset + match.length)))
    return tuple(out)
