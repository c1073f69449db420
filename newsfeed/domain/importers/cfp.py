"""Workshop calls and proposals: one organizing item with one milestone per deadline.

The document's note "(All dates are in 11.59pm AOE)" gives its time and zone to every deadline
written as a single day ("Paper submission deadline: 1 Feb 2025" is due 2025-02-02T11:59:00Z);
ranges such as "Reviewer bidding dates: 1 - 5 Feb 2025" stay day ranges. A day programme whose
header names a zone ("Vancouver Time (GMT-7)") is kept as a list of slots in that zone. Invited
speakers and organisers stay in the body.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter

from ..dates import FuzzyDate, find_dates, find_note, find_venues
from ..dates.zones import resolve
from ..text import after_title
from .model import Event, ImportedItem, ImportResult
from .text import plain

_HEADING = re.compile(r"^\s{0,3}(#{1,6})\s+(.*?)\s*$")
_MILESTONE = re.compile(
    r"^\s*(?:[-*•]\s+)?(?:\*\*)?(?P<label>[A-Z][^:\n]{2,60}?)(?:\*\*)?\s*:\s*(?P<when>.+)$"
)
_SLOT = re.compile(r"(?P<start>\d{1,2}:\d{2})\s*[-–]\s*(?P<end>\d{1,2}:\d{2})\s+(?P<what>[^\t]+?)\s*(?=\t|$)")
_ZONE_HEADER = re.compile(
    r"^(?P<zone>[A-Z][A-Za-z ]{2,30}Time)\s*(?:\((?P<offset>(?:GMT|UTC)\s?[+\-−]\s?\d{1,2})\))?"
)
_KEEP = re.compile(r"speaker|organi[sz]er|date|deadline|submission|schedule|programme|program|outline", re.I)


def looks_like_cfp(text: str) -> bool:
    deadlines = len(
        re.findall(
            # within one line ([ \t], not \s, which crosses lines: a run of blank lines had cost
            # O(n³), 500 s for 2,000 lines of one space)
            r"(?im)^[ \t]*[-*]?[ \t]*[^:\n]{0,40}(?:deadline|notification|camera[- ]ready)[^:\n]{0,20}:",
            text,
        )
    )
    return deadlines >= 2 or bool(find_note(text[:100_000]) and deadlines >= 1)


def parse_cfp(text: str, *, today: dt.date, path: str = "") -> ImportResult:
    result = ImportResult(format="cfp")
    note = find_note(text)
    if note:
        result.warnings.append(f"note applied to every single-day deadline: time {note[0]}, zone {note[1]}")
    lines = text.splitlines()
    title = next((plain(h.group(2)) for line in lines if (h := _HEADING.match(line))), "")
    if not title:
        title = next((plain(line) for line in lines if line.strip()), "Call for papers")
    milestones: list[Event] = []
    first_line = 0
    for number, line in enumerate(lines, start=1):
        m = _MILESTONE.match(line)
        if not m:
            continue
        found = find_dates(m.group("when"), today=today, prefer="future", note=note)
        days = [f for f in found if f.date.grain in ("day", "minute")]
        if not days:
            continue
        first_line = first_line or number
        milestones.append(Event(label=plain(m.group("label")), date=days[0].date))
    programme = _programme(lines)
    # The venue the call is for: the edition named most often near the top ("ICLR 2025").
    named = Counter(v.text for v in find_venues(f"{title}\n{text[:6000]}"))
    venues = [name for name, _ in named.most_common(1)]
    body = after_title(_body(lines), title)
    if not milestones:
        result.warnings.append("no dated milestones ('Label: date') found in the call")
    posted = FuzzyDate(start=today, end=today, grain="day", text=today.isoformat())
    result.warnings.append(f"a call carries no posting date: posted {today.isoformat()} (--today)")
    extra: dict[str, object] = {}
    if programme:
        extra["programme"] = programme
    result.items.append(
        ImportedItem(
            kind="organizing",
            rule="call for papers with deadlines",
            title=title[:200],
            text=body,
            posted=posted,
            events=tuple(milestones),
            venues=tuple(venues),
            source_path=path,
            source_line=first_line or 1,
            source_text="",
            extra=extra,
        )
    )
    return result


def _programme(lines: list[str]) -> list[dict[str, str | None]]:
    """Slots of a day programme under a header that names its zone."""
    zone: str | None = None
    slots: list[dict[str, str | None]] = []
    for line in lines:
        header = _ZONE_HEADER.match(line.strip())
        if header:
            resolved = resolve(header.group("zone")) or (
                resolve(header.group("offset") or "") if header.group("offset") else None
            )
            zone = resolved.name if resolved else None
            offset = resolve(header.group("offset")) if header.group("offset") else None
            zone_offset = offset.name if offset else None
            continue
        if zone is None:
            continue
        for slot in _SLOT.finditer(line):
            slots.append(
                {
                    "start": f"{int(slot.group('start')[:-3]):02d}:{slot.group('start')[-2:]}",
                    "end": f"{int(slot.group('end')[:-3]):02d}:{slot.group('end')[-2:]}",
                    "title": slot.group("what").strip(),
                    "tz": zone,
                    "offset": zone_offset,
                }
            )
    slots.sort(key=lambda s: s["start"] or "")
    return slots


def _body(lines: list[str]) -> str:
    """The parts a reader of the item needs: the opening, dates, programme, speakers, organisers."""
    keep: list[str] = []
    on = True
    for line in lines:
        heading = _HEADING.match(line)
        if heading:
            on = bool(_KEEP.search(heading.group(2))) or not keep
        if on:
            keep.append(line)
    return "\n".join(keep).strip()
