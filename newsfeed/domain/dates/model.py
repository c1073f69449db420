"""Values produced by the date engine: a fuzzy date that carries its grain, and a match in text."""

from __future__ import annotations

import calendar
import datetime as dt
import json
from dataclasses import dataclass, field
from typing import Any, Literal

Grain = Literal["year", "month", "day", "minute"]
DateOrder = Literal["dmy", "mdy"]
Prefer = Literal["nearest", "past", "future"]

GRAINS: tuple[Grain, ...] = ("year", "month", "day", "minute")
_GRAIN_RANK = {g: i for i, g in enumerate(GRAINS)}

MONTH_NAMES = (
    "",
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
MONTH_ABBR = ("", "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
SEASON_NAMES = {(3, 5): "Spring", (6, 8): "Summer", (9, 11): "Fall", (12, 2): "Winter"}
# Thirds of a year, as "early 2024", "mid-2024", "late 2024" (approximate month ranges).
PART_NAMES = {(1, 4): "early ", (5, 8): "mid-", (9, 12): "late "}
# Thirds of a month, as "early June 2025", "mid-July 2025", "late August 2025" (approximate days).
MONTH_PARTS = {1: "early ", 11: "mid-", 21: "late "}


class DateParseError(ValueError):
    """A text holds no date, or an impossible one. The message says which and why."""


_DAYS = (0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def days_in_month(year: int, month: int) -> int:
    if month == 2 and calendar.isleap(year):
        return 29
    return _DAYS[month]


def month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, days_in_month(year, month))


@dataclass(frozen=True, slots=True)
class FuzzyDate:
    """One date or one range, at the precision it was written with.

    ``start`` and ``end`` are inclusive calendar dates: "May 2024" is 1–31 May 2024 at month grain.
    ``time``/``end_time`` ("HH:MM") exist only at minute grain; ``tz`` is "AoE", a "UTC+02:00"-style
    offset with the sign as written, or an IANA name; ``instant`` is the start as an aware UTC
    datetime when both a time and a zone are known (``end_instant`` likewise for the end).
    ``approximate`` marks vague words ("Fall 2023", "early 2024"): it is part of the value.

    How the value was read is kept beside it: ``text`` as written, ``ref`` the reference date it
    was read against (yearless and relative forms depend on it), ``inferred`` the parts not
    written but supplied from ``ref`` ("year", or "relative" for words such as "next week"),
    ``ambiguous`` when the day/month order was not settled by the text or a hint,
    ``zone_ambiguous`` for abbreviations such as IST, and ``weekday_conflict`` when a weekday
    written with a full date does not fall on it ("Monday, 5 June 2025": the date is kept).

    Equality is the value: two readings of the same date at the same precision are equal whatever
    their provenance, so ``parse(d.display(), today=d.ref) == d`` for every date the engine makes.
    Storage keeps every field, provenance included (``newsfeed.adapters.models`` maps all of them).
    """

    start: dt.date
    end: dt.date
    grain: Grain
    text: str = field(default="", compare=False)
    time: str | None = None
    end_time: str | None = None
    tz: str | None = None
    instant: dt.datetime | None = None
    end_instant: dt.datetime | None = None
    inferred: tuple[str, ...] = field(default=(), compare=False)
    ambiguous: bool = field(default=False, compare=False)
    approximate: bool = False
    zone_ambiguous: bool = field(default=False, compare=False)
    ref: dt.date | None = field(default=None, compare=False)
    weekday_conflict: bool = field(default=False, compare=False)

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise DateParseError(f"{self.text or self.start}: the range ends before it starts")
        if self.grain not in _GRAIN_RANK:
            raise ValueError(f"unknown grain {self.grain!r}")
        for instant in (self.instant, self.end_instant):
            if instant is not None and instant.utcoffset() != dt.timedelta(0):
                raise ValueError("instant must be an aware UTC datetime")

    def labelled(self, text: str, ref: dt.date | None) -> FuzzyDate:
        """This value with the ``text`` it was read from and its ``ref``.

        Only for a value the caller has just made and nobody else holds (the parser's hot path):
        it sets the two provenance fields in place instead of copying through
        ``dataclasses.replace``, which costs a fifth of a parse. Neither field takes part in
        equality or hashing.
        """
        _TEXT_SLOT.__set__(self, text)
        _REF_SLOT.__set__(self, ref)
        return self

    def sort_key(self) -> tuple[int, str, int, int, str, str]:
        """A total order: by start, then time, then end, then grain, then zone and text."""
        return (
            self.start.toordinal(),
            self.time or "",
            self.end.toordinal(),
            _GRAIN_RANK[self.grain],
            self.tz or "",
            self.text,
        )

    def __lt__(self, other: FuzzyDate) -> bool:
        return self.sort_key() < other.sort_key()

    def display(self) -> str:
        """A human form that :func:`newsfeed.domain.dates.parse` reads back to the same dates."""
        return display(self)

    @classmethod
    def undated(cls, seen: dt.date) -> FuzzyDate:
        """The posted date of news written without one: the day it was first seen (an import, a
        source's sync), flagged so that it is shown as undated, never as if it had been written."""
        return cls(start=seen, end=seen, grain="day", text="", inferred=("date",)).labelled("", seen)

    @property
    def is_undated(self) -> bool:
        return self.grain == "day" and not self.text and self.inferred == ("date",)

    def shown(self) -> str:
        """How pages, feeds and emails show a posted date: as written, or "undated" with the day
        it was first seen."""
        if self.is_undated:
            return f"undated (first seen {display(self)})"
        return display(self)

    def explain(self) -> str:
        """How this value was read, for a person checking it (the command line and the admin
        form's live preview say the same): "6–12 May 2024 · day precision", then the instant,
        what was inferred and from what, and any doubt."""
        notes = [f"{self.grain} precision"]
        if self.instant is not None:
            notes.append("instant " + self.instant.strftime("%Y-%m-%dT%H:%M:%SZ"))
        for part in self.inferred:
            notes.append(f"{part} inferred" + (f" from {self.ref.isoformat()}" if self.ref else ""))
        if self.ambiguous:
            notes.append("day/month order assumed")
        if self.approximate:
            notes.append("approximate")
        if self.zone_ambiguous:
            notes.append("the zone's abbreviation has two meanings")
        if self.weekday_conflict:
            notes.append("the weekday does not match the date")
        return f"{self.display()} · {' · '.join(notes)}"

    def as_dict(self) -> dict[str, object]:
        """The JSON shape used by the CLI, the importers and the admin preview."""
        return {
            "start": self.start.isoformat(),
            "end": self.end.isoformat(),
            "grain": self.grain,
            "time": self.time,
            "end_time": self.end_time,
            "tz": self.tz,
            "instant": _z(self.instant),
            "end_instant": _z(self.end_instant),
            "display": self.display(),
            "inferred": list(self.inferred),
            "ambiguous": self.ambiguous,
            "approximate": self.approximate,
            "zone_ambiguous": self.zone_ambiguous,
            "ref": self.ref.isoformat() if self.ref else None,
            "weekday_conflict": self.weekday_conflict,
        }

    def as_json(self) -> str:
        """``json.dumps(self.as_dict(), ensure_ascii=False)``, written out directly: the answer of
        every line of `newsfeed dates batch`, where the generic encoder cost a third of the time.
        A test checks both give the same text for every kind of date."""
        t, et, tz, ins, endins, ref = (
            self.time,
            self.end_time,
            self.tz,
            self.instant,
            self.end_instant,
            self.ref,
        )
        return (
            f'{{"start": "{self.start.isoformat()}", "end": "{self.end.isoformat()}", '
            f'"grain": "{self.grain}", '
            f'"time": {_JSON_STR(t) if t is not None else "null"}, '
            f'"end_time": {_JSON_STR(et) if et is not None else "null"}, '
            f'"tz": {_JSON_STR(tz) if tz is not None else "null"}, '
            f'"instant": {_JSON_STR(_instant(ins)) if ins is not None else "null"}, '
            f'"end_instant": {_JSON_STR(_instant(endins)) if endins is not None else "null"}, '
            f'"display": {_JSON_STR(self.display())}, '
            f'"inferred": [{", ".join(_JSON_STR(x) for x in self.inferred)}], '
            f'"ambiguous": {_JSON_BOOL[self.ambiguous]}, "approximate": {_JSON_BOOL[self.approximate]}, '
            f'"zone_ambiguous": {_JSON_BOOL[self.zone_ambiguous]}, '
            f'"ref": {_JSON_STR(ref.isoformat()) if ref is not None else "null"}, '
            f'"weekday_conflict": {_JSON_BOOL[self.weekday_conflict]}}}'
        )

    def value_key(self) -> str:
        """The value as one stable string (identity for imports, never a display string)."""
        return "|".join(
            (
                self.start.isoformat(),
                self.end.isoformat(),
                self.grain,
                self.time or "",
                self.end_time or "",
                self.tz or "",
                "~" if self.approximate else "",
            )
        )


_JSON_STR = json.encoder.encode_basestring  # the C encoder json.dumps(ensure_ascii=False) uses
_JSON_BOOL = {False: "false", True: "true"}


def _z(value: dt.datetime | None) -> str | None:
    return None if value is None else _instant(value)


def _instant(value: dt.datetime) -> str:
    return value.strftime("%Y-%m-%dT%H:%M:%SZ")


# The slot descriptors of the provenance fields, for :meth:`FuzzyDate.labelled`.
_TEXT_SLOT: Any = vars(FuzzyDate)["text"]
_REF_SLOT: Any = vars(FuzzyDate)["ref"]


@dataclass(frozen=True, slots=True)
class DateMatch:
    """A date found in free text: the value, and where it stands (``offset``, ``length``)."""

    date: FuzzyDate
    offset: int
    length: int
    text: str = field(default="")

    @property
    def span(self) -> tuple[int, int]:
        return (self.offset, self.offset + self.length)

    def as_dict(self) -> dict[str, object]:
        out = self.date.as_dict()
        out["text"] = self.text
        out["offset"] = self.offset
        return out


@dataclass(frozen=True, slots=True)
class Venue:
    """A venue edition such as "NeurIPS 2023" or "ICLR-2023": names a conference, not a date."""

    name: str
    year: int
    offset: int
    length: int
    text: str


# ---------------------------------------------------------------------------------------------
# display


def _day(d: dt.date) -> str:
    return f"{d.day} {MONTH_ABBR[d.month]} {d.year}"


def _zone_suffix(fd: FuzzyDate) -> str:
    from .zones import written_zone  # (zones does not import this module: no cycle)

    return f" {written_zone(fd.text, fd.tz)}" if fd.tz else ""


def display(fd: FuzzyDate) -> str:
    s, e = fd.start, fd.end
    if fd.approximate and fd.grain == "month":
        season = SEASON_NAMES.get((s.month, e.month))
        if season and e.year == s.year + (1 if s.month > e.month else 0):
            return f"{season} {e.year}"  # "Winter 2024" is December 2023 – February 2024
        part = PART_NAMES.get((s.month, e.month))
        if part and s.year == e.year:
            return f"{part}{s.year}"
    if fd.approximate and fd.grain == "day" and (s.year, s.month) == (e.year, e.month):
        part = MONTH_PARTS.get(s.day)
        if part and e.day == {1: 10, 11: 20, 21: days_in_month(s.year, s.month)}[s.day]:
            return f"{part}{MONTH_NAMES[s.month]} {s.year}"
    if fd.grain == "year":
        return str(s.year) if s.year == e.year else f"{s.year}–{e.year}"
    if fd.grain == "month":
        if (s.year, s.month) == (e.year, e.month):
            return f"{MONTH_NAMES[s.month]} {s.year}"
        if s.year == e.year:
            return f"{MONTH_NAMES[s.month]} – {MONTH_NAMES[e.month]} {e.year}"
        return f"{MONTH_NAMES[s.month]} {s.year} – {MONTH_NAMES[e.month]} {e.year}"
    if fd.grain == "day":
        return _day_range(s, e) + _zone_suffix(fd)
    # minute grain
    if s == e:
        times = fd.time or ""
        if fd.end_time and fd.end_time != fd.time:
            times = f"{fd.time}–{fd.end_time}"
        return f"{_day(s)}, {times}{_zone_suffix(fd)}"
    end_time = fd.end_time or fd.time
    return f"{_day(s)}, {fd.time} – {_day(e)}, {end_time}{_zone_suffix(fd)}"


def _day_range(s: dt.date, e: dt.date) -> str:
    if s == e:
        return _day(s)
    if (s.year, s.month) == (e.year, e.month):
        return f"{s.day}–{e.day} {MONTH_ABBR[s.month]} {s.year}"
    if s.year == e.year:
        return f"{s.day} {MONTH_ABBR[s.month]} – {e.day} {MONTH_ABBR[e.month]} {e.year}"
    return f"{_day(s)} – {_day(e)}"


def instant_text(instant: dt.datetime, zone: dt.tzinfo | None = None, label: str | None = None) -> str:
    """An instant as every page, feed and email shows one, in the style of :func:`display`:
    "17 Dec 2026, 00:59 CET" (``zone``: where to show it, UTC by default; ``label``: its name,
    by default the zone's own abbreviation at that instant). The browser writes the reader's
    time in the same style (static/public.js)."""
    local = instant.astimezone(zone or dt.UTC)
    name = label or local.tzname() or "UTC"
    return f"{_day(local.date())}, {local:%H:%M} {name}"
