"""From matched text to :class:`FuzzyDate`: validation, day/month order, years, times and zones."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterator
from dataclasses import replace
from typing import Literal

from . import grammar as g
from .model import (
    MONTH_NAMES,
    DateMatch,
    DateOrder,
    DateParseError,
    FuzzyDate,
    Grain,
    Prefer,
    Venue,
    days_in_month,
    month_end,
)
from .zones import resolve, to_utc, unknown_zone

MAX_FIELD = 10_000
# What reads as a zone name after a date ("Europe/Viena"): one the engine does not know is an
# error in a date field, never silently dropped (a time without its zone gets no reminder).
_ZONE_SHAPE = re.compile(
    r"\s{0,3}[,(]?\s{0,3}(?P<z>[A-Z][A-Za-z]{1,19}/[A-Z][A-Za-z_-]{1,30}(?:/[A-Z][A-Za-z_-]{1,30})?)"
)
MAX_TEXT = 1_000_000
Mode = Literal["parse", "find"]


class _Skip(Exception):
    """A regex match that is not a date after all (a verb "may", a venue edition): skip silently."""


class _Ctx:
    __slots__ = ("date_order", "mode", "prefer", "today")

    def __init__(self, today: dt.date, date_order: DateOrder | None, prefer: Prefer, mode: Mode) -> None:
        if isinstance(today, dt.datetime):
            today = today.date()
        if not isinstance(today, dt.date):
            raise TypeError("today must be a date")
        if date_order not in (None, "dmy", "mdy"):
            raise ValueError(f"date_order must be 'dmy' or 'mdy', not {date_order!r}")
        if prefer not in ("nearest", "past", "future"):
            raise ValueError(f"prefer must be 'nearest', 'past' or 'future', not {prefer!r}")
        self.today = today
        self.date_order = date_order
        self.prefer = prefer
        self.mode = mode


# ---------------------------------------------------------------------------------------------
# small semantic helpers


def _check(text: str, year: int, month: int, day: int | None = None) -> None:
    if not 1 <= month <= 12:
        raise DateParseError(f"{text}: there is no month {month}")
    if day is not None:
        if day < 1:
            raise DateParseError(f"{text}: there is no day {day}")
        dim = days_in_month(year, month)
        if day > dim:
            raise DateParseError(f"{text}: {MONTH_NAMES[month]} {year} has {dim} days")


def _month(m: re.Match[str], name: str, ctx: _Ctx) -> int:
    word = m.group(name)
    if word == "may" and ctx.mode == "find":
        raise _Skip  # the verb, not the month
    return g.MONTH_NUMBER[word[:3].lower()]


def _century(two: int, today: dt.date) -> int:
    year = 2000 + two
    return year - 100 if year > today.year + 20 else year


def _year(m: re.Match[str], name: str, ctx: _Ctx) -> int | None:
    value = m.group(name)
    if value is not None:
        return int(value)
    short = m.groupdict().get(name + "s")
    if short is not None:
        return _century(int(short), ctx.today)
    return None


def _infer_year(text: str, month: int, day: int, ctx: _Ctx) -> int:
    today = ctx.today
    options = []
    for year in (today.year - 1, today.year, today.year + 1):
        if day <= days_in_month(year, month):
            options.append(dt.date(year, month, day))
    if not options:
        raise DateParseError(f"{text}: {MONTH_NAMES[month]} {day} exists only in leap years; write the year")
    if ctx.prefer == "past":
        past = [d for d in options if d <= today]
        chosen = max(past) if past else min(options)
    elif ctx.prefer == "future":
        future = [d for d in options if d >= today]
        chosen = min(future) if future else max(options)
    else:
        chosen = min(options, key=lambda d: (abs((d - today).days), d))
    return chosen.year


def _order(text: str, a: int, b: int, sep: str, hint: DateOrder | None) -> tuple[int, int, bool]:
    """(day, month, ambiguous) of two numbers written day/month or month/day."""
    if a > 12 and b > 12:
        raise DateParseError(f"{text}: there is no month {b if b <= 31 else a}")
    if sep == ".":
        return a, b, False  # dotted dates are day-first
    if a > 12:
        return a, b, False
    if b > 12:
        return b, a, False
    if hint == "mdy":
        return b, a, False
    return a, b, hint is None and a != b


def _settled(a: int, b: int) -> DateOrder | None:
    if a > 12 >= b:
        return "dmy"
    if b > 12 >= a:
        return "mdy"
    return None


def _day_date(text: str, year: int, month: int, day: int) -> dt.date:
    _check(text, year, month, day)
    return dt.date(year, month, day)


def _fd(
    text: str,
    start: dt.date,
    end: dt.date,
    grain: Grain,
    *,
    inferred: tuple[str, ...] = (),
    ambiguous: bool = False,
) -> FuzzyDate:
    if end < start:
        raise DateParseError(f"{text}: the range ends before it starts")
    return FuzzyDate(start=start, end=end, grain=grain, text=text, inferred=inferred, ambiguous=ambiguous)


def _days(
    text: str,
    ctx: _Ctx,
    start: tuple[int | None, int, int],
    end: tuple[int | None, int, int] | None = None,
    *,
    ambiguous: bool = False,
) -> FuzzyDate:
    """A day or a day range from (year?, month, day) ends; a missing year is shared or inferred."""
    sy, sm, sd = start
    ey, em, ed = end if end is not None else start
    inferred: tuple[str, ...] = ()
    if sy is None:
        sy = ey
    if sy is None:
        _check(text, 2000, sm, sd)  # a leap year: only the month and day are checked here
        sy = _infer_year(text, sm, sd, ctx)
        inferred = ("year",)
    if ey is None:
        ey = sy if (em, ed) >= (sm, sd) else sy + 1
    s = _day_date(text, sy, sm, sd)
    e = _day_date(text, ey, em, ed)
    if e < s:
        raise DateParseError(f"{text}: the range ends before it starts")
    return _fd(text, s, e, "day", inferred=inferred, ambiguous=ambiguous)


def _months(text: str, start: tuple[int, int], end: tuple[int, int] | None = None) -> FuzzyDate:
    sy, sm = start
    ey, em = end or start
    _check(text, sy, sm)
    _check(text, ey, em)
    return _fd(text, dt.date(sy, sm, 1), month_end(ey, em), "month")


# ---------------------------------------------------------------------------------------------
# one handler per alternative of the master pattern


def _numeric_range(m: re.Match[str], text: str, ctx: _Ctx) -> FuzzyDate:
    pa, pb, qa, qb = (int(m.group(n)) for n in ("pa", "pb", "qa", "qb"))
    sep = m.group("ps")
    hint = ctx.date_order
    settled = _settled(pa, pb) or _settled(qa, qb)
    if sep == ".":
        settled = "dmy"
    if settled:
        hint = settled
    d1, m1, amb1 = _order(text, pa, pb, sep, hint)
    d2, m2, amb2 = _order(text, qa, qb, sep, hint)
    y1 = _numeric_year(m.group("py"), ctx)
    y2 = _numeric_year(m.group("qy"), ctx)
    return _days(text, ctx, (y1, m1, d1), (y2, m2, d2), ambiguous=amb1 or amb2)


def _numeric_year(value: str, ctx: _Ctx) -> int:
    year = int(value)
    return _century(year, ctx.today) if len(value) == 2 else year


def _iso_range(m: re.Match[str], text: str, ctx: _Ctx) -> FuzzyDate:
    a = (int(m.group("iay")), int(m.group("iam")), int(m.group("iad")))
    b = (int(m.group("iby")), int(m.group("ibm")), int(m.group("ibd")))
    return _days(text, ctx, a, b)


def _my_num_range(m: re.Match[str], text: str, ctx: _Ctx) -> FuzzyDate:
    return _months(
        text, (int(m.group("ny1")), int(m.group("nm1"))), (int(m.group("ny2")), int(m.group("nm2")))
    )


def _ddm(m: re.Match[str], text: str, ctx: _Ctx) -> FuzzyDate:
    month = _month(m, "ddm", ctx)
    year = _year(m, "ddy", ctx)
    return _days(text, ctx, (year, month, int(m.group("dd1"))), (year, month, int(m.group("dd2"))))


def _dmdm(m: re.Match[str], text: str, ctx: _Ctx) -> FuzzyDate:
    a = (_year(m, "ey", ctx), _month(m, "em", ctx), int(m.group("ed")))
    b = (_year(m, "fy", ctx), _month(m, "fm", ctx), int(m.group("fd")))
    return _days(text, ctx, a, b)


def _mdmd(m: re.Match[str], text: str, ctx: _Ctx) -> FuzzyDate:
    a = (_year(m, "gy", ctx), _month(m, "gm", ctx), int(m.group("gd")))
    b = (_year(m, "hy", ctx), _month(m, "hm", ctx), int(m.group("hd")))
    return _days(text, ctx, a, b)


def _mdd(m: re.Match[str], text: str, ctx: _Ctx) -> FuzzyDate:
    month = _month(m, "km", ctx)
    year = _year(m, "ly", ctx)
    return _days(text, ctx, (year, month, int(m.group("kd"))), (year, month, int(m.group("ld"))))


def _mm(m: re.Match[str], text: str, ctx: _Ctx) -> FuzzyDate:
    m1, m2 = _month(m, "mm1", ctx), _month(m, "mm2", ctx)
    y2 = _year(m, "my2", ctx)
    assert y2 is not None
    y1 = _year(m, "my1", ctx)
    if y1 is None:
        y1 = y2 if m1 <= m2 else y2 - 1
    return _months(text, (y1, m1), (y2, m2))


def _yy(m: re.Match[str], text: str, ctx: _Ctx) -> FuzzyDate:
    y1, y2 = int(m.group("yy1")), int(m.group("yy2"))
    if y2 <= y1:
        raise _Skip  # "2019-2019" or a descending pair is not a range of years
    return _fd(text, dt.date(y1, 1, 1), dt.date(y2, 12, 31), "year")


def _iso(m: re.Match[str], text: str, ctx: _Ctx) -> FuzzyDate:
    fd = _days(text, ctx, (int(m.group("oy")), int(m.group("om")), int(m.group("od"))))
    if m.group("oH") is None:
        return fd
    hhmm = f"{int(m.group('oH')):02d}:{m.group('oM')}"
    offset = m.group("oz")
    tz = None
    if offset:
        zone = resolve("UTC" if offset == "Z" else f"UTC{offset}")
        tz = zone.name if zone else None
    return _timed(fd, hhmm, None, tz)


def _ymd(m: re.Match[str], text: str, ctx: _Ctx) -> FuzzyDate:
    return _days(text, ctx, (int(m.group("ty")), int(m.group("tm")), int(m.group("td"))))


def _dmy_num(m: re.Match[str], text: str, ctx: _Ctx) -> FuzzyDate:
    day, month, ambiguous = _order(
        text, int(m.group("ua")), int(m.group("ub")), m.group("us"), ctx.date_order
    )
    year = _numeric_year(m.group("uy"), ctx)
    return _days(text, ctx, (year, month, day), ambiguous=ambiguous)


def _ym_num(m: re.Match[str], text: str, ctx: _Ctx) -> FuzzyDate:
    return _months(text, (int(m.group("ymy")), int(m.group("ymm"))))


def _my_num(m: re.Match[str], text: str, ctx: _Ctx) -> FuzzyDate:
    return _months(text, (int(m.group("myy")), int(m.group("mym"))))


def _dm(m: re.Match[str], text: str, ctx: _Ctx) -> FuzzyDate:
    return _days(text, ctx, (_year(m, "vy", ctx), _month(m, "vm", ctx), int(m.group("vd"))))


def _md(m: re.Match[str], text: str, ctx: _Ctx) -> FuzzyDate:
    return _days(text, ctx, (_year(m, "wy", ctx), _month(m, "wm", ctx), int(m.group("wd"))))


def _my(m: re.Match[str], text: str, ctx: _Ctx) -> FuzzyDate:
    year = _year(m, "xy", ctx)
    assert year is not None
    return _months(text, (year, _month(m, "xm", ctx)))


def _season(m: re.Match[str], text: str, ctx: _Ctx) -> FuzzyDate:
    first, last = g.SEASONS[m.group("sname").lower()]
    year = int(m.group("sny"))
    start_year = year - 1 if first > last else year  # "Winter 2024": Dec 2023 – Feb 2024
    fd = _months(text, (start_year, first), (year, last))
    return replace(fd, approximate=True)


def _part(m: re.Match[str], text: str, ctx: _Ctx) -> FuzzyDate:
    first, last = g.PARTS[m.group("pname").lower()]
    year = int(m.group("pty"))
    return replace(_months(text, (year, first), (year, last)), approximate=True)


def _relative(m: re.Match[str], text: str, ctx: _Ctx) -> FuzzyDate:
    words = m.group("rel").lower().split()
    today = ctx.today
    rel = ("relative",)
    if len(words) == 1:
        shift = {"today": 0, "yesterday": -1, "tomorrow": 1}[words[0]]
        day = today + dt.timedelta(days=shift)
        return _fd(text, day, day, "day", inferred=rel)
    step = {"this": 0, "next": 1, "last": -1}[words[0]]
    unit = words[-1]
    if unit == "week":
        monday = today - dt.timedelta(days=today.weekday()) + dt.timedelta(weeks=step)
        return _fd(text, monday, monday + dt.timedelta(days=6), "day", inferred=rel)
    if unit == "month":
        index = today.year * 12 + today.month - 1 + step
        year, month = divmod(index, 12)
        return replace(_months(text, (year, month + 1)), inferred=rel)
    year = today.year + step
    return _fd(text, dt.date(year, 1, 1), dt.date(year, 12, 31), "year", inferred=rel)


def _bare_year(m: re.Match[str], text: str, ctx: _Ctx) -> FuzzyDate:
    if g.VENUE_BEFORE.search(m.string, max(0, m.start() - 40), m.start()):
        raise _Skip  # "NeurIPS 2023" names a venue edition
    year = int(m.group("yr"))
    return _fd(text, dt.date(year, 1, 1), dt.date(year, 12, 31), "year")


_HANDLERS: dict[str, Callable[[re.Match[str], str, _Ctx], FuzzyDate]] = {
    "r_num": _numeric_range,
    "r_iso": _iso_range,
    "r_my_num": _my_num_range,
    "r_ddm": _ddm,
    "r_dmdm": _dmdm,
    "r_mdmd": _mdmd,
    "r_mdd": _mdd,
    "r_mm": _mm,
    "r_yy": _yy,
    "iso": _iso,
    "ymd": _ymd,
    "dmy_num": _dmy_num,
    "ym_num": _ym_num,
    "my_num": _my_num,
    "dm": _dm,
    "md": _md,
    "my": _my,
    "season": _season,
    "part": _part,
    "relative": _relative,
    "year": _bare_year,
}
_SINGLE_DAY = frozenset({"ymd", "dmy_num", "dm", "md", "iso"})


# ---------------------------------------------------------------------------------------------
# times and zones after a date


def _clock(h: int, minute: str | None, ap: str | None) -> str | None:
    if ap:
        if not 1 <= h <= 12:
            return None
        pm = ap[0] in "pP"
        h = (h % 12) + (12 if pm else 0)
    return f"{h:02d}:{minute or '00'}"


def _time_of(m: re.Match[str]) -> tuple[str, str | None] | None:
    """(start, end) "HH:MM" from a TIME match, or None when it is not clearly a time of day."""
    if m.group("named"):
        return ("12:00", None) if m.group("named").lower() == "noon" else ("23:59", None)
    h, mi, ap, sep = int(m.group("h")), m.group("mi"), m.group("ap"), m.group("sep")
    end: str | None = None
    if m.group("h2") is not None:
        h2, mi2, ap2, sep2 = int(m.group("h2")), m.group("mi2"), m.group("ap2"), m.group("sep2")
        if ap2 or (mi2 and sep2 in (":", "h")):
            end = _clock(h2, mi2, ap2)
            if end is None:
                return None
            if not ap and ap2 and not (mi and sep in (":", "h") and h > 12):
                # "1–2:20 PM": the start shares the end's half of the day when that keeps it earlier
                start = _clock(h, mi, ap2)
                if start is not None and start > end:
                    start = _clock(h, mi, "am")
                return (start, end) if start else None
    if not (ap or (mi and sep in (":", "h"))):
        return None
    start = _clock(h, mi, ap)
    return (start, end) if start else None


def _zone_at(text: str, pos: int) -> tuple[str, bool, int] | None:
    zm = g.ZONE_AFTER.match(text, pos)
    if not zm:
        return None
    for group in ("zone", "zone2"):
        raw = zm.group(group)
        if raw:
            zone = resolve(raw)
            if zone:
                return zone.name, zone.ambiguous, zm.end()
    return None


def _timed(
    fd: FuzzyDate, start: str, end: str | None, tz: str | None, zone_ambiguous: bool = False
) -> FuzzyDate:
    instant = end_instant = None
    if tz:
        instant = to_utc(fd.start, start, tz)
        end_instant = to_utc(fd.end, end or start, tz)
    return replace(
        fd,
        grain="minute",
        time=start,
        end_time=end,
        tz=tz,
        instant=instant,
        end_instant=end_instant,
        zone_ambiguous=zone_ambiguous,
    )


def _attach_time(text: str, fd: FuzzyDate, end: int, single_day: bool) -> tuple[FuzzyDate, int]:
    """Read "11.59pm AoE", ", 9:00–9:10 Vancouver Time (GMT-7)" or a lone zone after a date."""
    if fd.grain not in ("day", "minute"):
        return fd, end
    if fd.grain == "day" and single_day:
        tm = g.TIME_AFTER.match(text, end)
        if tm:
            clock = _time_of(tm)
            if clock is not None:
                pos = tm.end()
                zone = _zone_at(text, pos)
                tz, amb = (zone[0], zone[1]) if zone else (None, False)
                if zone:
                    pos = zone[2]
                if tm.group("open"):
                    close = g.CLOSE_PAREN.match(text, pos)
                    if close:
                        pos = close.end()
                return _timed(fd, clock[0], clock[1], tz, amb), pos
    if fd.tz is None:
        zone = _zone_at(text, end)
        if zone:
            if fd.grain == "minute":
                fd = _timed(fd, fd.time or "00:00", fd.end_time, zone[0], zone[1])
            else:
                fd = replace(fd, tz=zone[0], zone_ambiguous=zone[1])
            return fd, zone[2]
    return fd, end


# ---------------------------------------------------------------------------------------------
# notes that set a time and zone for every date of a text


def find_note(text: str) -> tuple[str | None, str | None] | None:
    """(time, zone) of a note such as "(All dates are in 11.59pm AOE)", or None."""
    head = g.NOTE_HEAD.search(text)
    if not head:
        return None
    window_end = text.find("\n", head.end())
    window = text[head.end() : head.end() + 80 if window_end < 0 else min(window_end, head.end() + 80)]
    clock: tuple[str, str | None] | None = None
    rest = window
    tm = g.TIME_ANY.search(window)
    if tm:
        clock = _time_of(tm)
        if clock:
            rest = window[tm.end() :]
    zone = None
    zm = g.ZONE_ANY.search(rest)
    while zm:
        resolved = resolve(zm.group("zone")) or (resolve(zm.group("zone2")) if zm.group("zone2") else None)
        if resolved and (zm.group("zone") != "Z"):
            zone = resolved.name
            break
        zm = g.ZONE_ANY.search(rest, zm.end())
    if clock is None and zone is None:
        return None
    return (clock[0] if clock else None, zone)


def apply_note(fd: FuzzyDate, note: tuple[str | None, str | None]) -> FuzzyDate:
    """Give a single day without its own time the note's time and zone ("All dates are 23:59 AoE")."""
    time, zone = note
    if fd.grain != "day" or fd.start != fd.end or "relative" in fd.inferred:
        return fd
    if time:
        return _timed(fd, time, None, fd.tz or zone)
    if zone and not fd.tz:
        return replace(fd, tz=zone)
    return fd


# ---------------------------------------------------------------------------------------------
# the public functions


def _candidates(text: str) -> Iterator[tuple[int, re.Pattern[str]]]:
    """Positions where a date may start, with the half of the grammar to try there."""
    for tok in g.TOKEN.finditer(text):
        word = tok.group()
        if word[0] <= "9":
            yield tok.start(), g.NUMBER_MASTER
            continue
        low = word[:3].lower()
        if low == "the":
            yield tok.start(), g.NUMBER_MASTER
        elif low in g.TRIGGERS:
            yield tok.start(), g.WORD_MASTER
        elif not word.islower():
            glued = g.GLUED_MONTH.search(word, 1)
            if glued:
                yield tok.start() + glued.start(), g.WORD_MASTER


def _scan(text: str, ctx: _Ctx) -> Iterator[DateMatch | DateParseError]:
    pos = 0
    for start, pattern in _candidates(text):
        if start < pos:
            continue
        m = pattern.match(text, start)
        if m is None:
            continue
        kind = m.lastgroup
        assert kind is not None
        matched = m.group(0)
        pos = m.end()
        try:
            fd = _HANDLERS[kind](m, matched, ctx)
        except _Skip:
            continue
        except DateParseError as exc:
            yield exc
            continue
        fd, end = _attach_time(text, fd, m.end(), kind in _SINGLE_DAY)
        pos = end
        full = text[m.start() : end]
        fd = replace(fd, text=full, ref=ctx.today)
        yield DateMatch(date=fd, offset=m.start(), length=end - m.start(), text=full)


def find_dates(
    text: str,
    *,
    today: dt.date,
    date_order: DateOrder | None = None,
    prefer: Prefer = "nearest",
    note: tuple[str | None, str | None] | None = None,
) -> list[DateMatch]:
    """Every date and range in free text, in order, with its span.

    Page ranges, arXiv ids, DOIs, version and room numbers, counts and venue editions ("NeurIPS
    2023") are not dates. A note in the text such as "All dates are in 11.59pm AOE" (or one passed
    as ``note`` by an importer that read it elsewhere in the document) gives its time and zone to
    every single day that has none of its own.
    """
    if len(text) > MAX_TEXT:
        raise DateParseError(f"text of {len(text):,} characters is too long: the limit is {MAX_TEXT:,}")
    ctx = _Ctx(today, date_order, prefer, "find")
    if note is None:
        note = find_note(text)
    out = []
    for found in _scan(text, ctx):
        if isinstance(found, DateMatch):
            if note:
                found = replace(found, date=apply_note(found.date, note))
            out.append(found)
    return out


def parse(
    text: str,
    *,
    today: dt.date,
    date_order: DateOrder | None = None,
    prefer: Prefer = "nearest",
) -> FuzzyDate:
    """The date or range a field holds ("May 2024", "06/05/2024 to 12/05/2024", "1 Feb 2025, 11.59pm AoE").

    ``today`` resolves years that are not written (per ``prefer``) and relative words;
    ``date_order`` settles "06/05/2024" when no number above 12 does. Raises
    :class:`DateParseError` with a message a person can act on.
    """
    if not isinstance(text, str):
        raise DateParseError("a date must be text")
    if len(text) > MAX_FIELD:
        raise DateParseError(f"a date field of {len(text):,} characters is too long (limit {MAX_FIELD:,})")
    stripped = text.strip()
    if not stripped:
        raise DateParseError(
            "empty date: write one such as 'May 2024', '6 May 2024' or '06/05/2024 to 12/05/2024'"
        )
    ctx = _Ctx(today, date_order, prefer, "parse")
    first_error: DateParseError | None = None
    # a note needs "all": skip its regex on the short fields that make most of the calls
    note = find_note(stripped) if ("ll" in stripped or "LL" in stripped) else None
    for found in _scan(stripped, ctx):
        if isinstance(found, DateParseError):
            first_error = first_error or found
            continue
        zone = _ZONE_SHAPE.match(stripped, found.offset + found.length)
        if zone and resolve(zone.group("z")) is None:
            raise DateParseError(f"{stripped}: {unknown_zone(zone.group('z'))}")
        return apply_note(found.date, note) if note else found.date
    if first_error is not None:
        raise first_error
    short = g.DAY_MONTH_NUM.match(stripped)
    if short:
        day, month, ambiguous = _order(
            stripped, int(short.group("a")), int(short.group("b")), short.group("s"), date_order
        )
        return replace(_days(stripped, ctx, (None, month, day), ambiguous=ambiguous), ref=today)
    venue = g.VENUE.search(stripped)
    if venue:
        raise DateParseError(f"no date in {stripped!r}: {venue.group(0)!r} names a venue edition, not a date")
    raise DateParseError(f"no date in {stripped!r}")


def find_venues(text: str) -> list[Venue]:
    """Venue editions ("NeurIPS 2023", "ICLR-2023", "NeurIPS'24", "IBIS2023") in text."""
    out = []
    for m in g.VENUE.finditer(text[:MAX_TEXT]):
        year = int(m.group("y")) if m.group("y") else 2000 + int(m.group("yy"))
        out.append(
            Venue(
                name=m.group("name"), year=year, offset=m.start(), length=m.end() - m.start(), text=m.group(0)
            )
        )
    return out


_ORDER_EVIDENCE = re.compile(r"(?<![\w/.\-])([0-3]?\d)[/\-]([0-3]?\d)[/\-](?:(?:19|20)\d\d|\d\d)(?![\d])")


def infer_date_order(text: str) -> tuple[DateOrder | None, int, int]:
    """The day/month order a document's numeric dates settle, with the counts of evidence.

    "29/10/2023" proves day-first, "10/29/2023" month-first; (None, 0, 0) when nothing settles it,
    and None when the evidence conflicts.
    """
    dmy = mdy = 0
    for m in _ORDER_EVIDENCE.finditer(text[:MAX_TEXT]):
        settled = _settled(int(m.group(1)), int(m.group(2)))
        if settled == "dmy":
            dmy += 1
        elif settled == "mdy":
            mdy += 1
    if dmy and not mdy:
        return "dmy", dmy, mdy
    if mdy and not dmy:
        return "mdy", dmy, mdy
    return None, dmy, mdy
