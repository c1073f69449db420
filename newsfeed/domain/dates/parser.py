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
# Capitals right after a time in a date field: a zone abbreviation, known or misspelled.
_ABBREVIATION_SHAPE = re.compile(r"\s{0,3}\(?\s{0,2}(?P<z>[A-Z]{2,5})\)?(?![A-Za-z0-9])")
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


_CONTEXTS: dict[tuple[object, ...], _Ctx] = {}


def _context(today: dt.date, date_order: DateOrder | None, prefer: Prefer, mode: Mode) -> _Ctx:
    """A checked context, made once per (today, order, prefer, mode): a batch repeats them."""
    key = (type(today), today, date_order, prefer, mode)
    try:
        return _CONTEXTS[key]
    except (KeyError, TypeError):  # TypeError: an unhashable argument, refused by _Ctx below
        ctx = _Ctx(today, date_order, prefer, mode)
    if len(_CONTEXTS) >= 1024:
        _CONTEXTS.clear()
    _CONTEXTS[key] = ctx
    return ctx


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
    return g.month_number(word)


def _dayn(value: str) -> int:
    """A day of the month as written: "3", "03" or "third" ("3rd": the suffix is outside the group)."""
    if value.isdigit():
        return int(value)
    key = " ".join(value.lower().split())
    day = g.ORDINAL_WORDS.get(key) or g.ORDINAL_WORDS.get(key.replace(" ", "-"))
    if day is None:
        raise _Skip  # "thirty-fifth" is no day of a month
    return day


def _century(two: int, today: dt.date) -> int:
    year = 2000 + two
    return year - 100 if year > today.year + 20 else year


def _optional_group(m: re.Match[str], name: str) -> str | None:
    """A group the pattern may not have (cheaper than ``groupdict()`` on the big master patterns)."""
    return m.group(name) if name in m.re.groupindex else None


def _year(m: re.Match[str], name: str, ctx: _Ctx) -> int | None:
    value = m.group(name)
    if value is not None:
        return int(value)
    short = _optional_group(m, name + "s")
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
    if a > 12:
        return a, b, False
    if b > 12:  # settles it, even in a dotted date ("11.23.2019")
        return b, a, False
    if sep == ".":
        return a, b, False  # dotted dates are day-first
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
    return _days(text, ctx, (year, month, _dayn(m.group("dd1"))), (year, month, _dayn(m.group("dd2"))))


def _dd_num(m: re.Match[str], text: str, ctx: _Ctx) -> FuzzyDate:
    month, year = int(m.group("rdm")), _numeric_year(m.group("rdy"), ctx)
    return _days(text, ctx, (year, month, int(m.group("rda"))), (year, month, int(m.group("rdb"))))


def _dm_num(m: re.Match[str], text: str, ctx: _Ctx) -> FuzzyDate:
    """ "06.04-08.04.2024", "30/11-02/12/2025": two days with their months, one year; dotted is
    day first, a slash as the page's order has it unless a number over 12 settles it."""
    a, b, c, d = (int(m.group(n)) for n in ("dna", "dnb", "dnc", "dnd"))
    sep = m.group("dns")
    hint = "dmy" if sep == "." else (_settled(a, b) or _settled(c, d) or ctx.date_order)
    d1, m1, amb1 = _order(text, a, b, sep, hint)
    d2, m2, amb2 = _order(text, c, d, sep, hint)
    year = _numeric_year(m.group("dny"), ctx)
    return _days(text, ctx, (year if m1 <= m2 else year - 1, m1, d1), (year, m2, d2), ambiguous=amb1 or amb2)


def _dmdm(m: re.Match[str], text: str, ctx: _Ctx) -> FuzzyDate:
    a = (_year(m, "ey", ctx), _month(m, "em", ctx), _dayn(m.group("ed")))
    b = (_year(m, "fy", ctx), _month(m, "fm", ctx), _dayn(m.group("fd")))
    return _days(text, ctx, a, b)


def _mdmd(m: re.Match[str], text: str, ctx: _Ctx) -> FuzzyDate:
    a = (_year(m, "gy", ctx), _month(m, "gm", ctx), _dayn(m.group("gd")))
    b = (_year(m, "hy", ctx), _month(m, "hm", ctx), _dayn(m.group("hd")))
    return _days(text, ctx, a, b)


def _mdd(m: re.Match[str], text: str, ctx: _Ctx) -> FuzzyDate:
    month = _month(m, "km", ctx)
    year = _year(m, "ly", ctx)
    return _days(text, ctx, (year, month, _dayn(m.group("kd"))), (year, month, _dayn(m.group("ld"))))


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


def _cjk(m: re.Match[str], text: str, ctx: _Ctx) -> FuzzyDate:
    year, month = int(m.group("cjy")), int(m.group("cjm"))
    if m.group("cjd"):
        return _days(text, ctx, (year, month, int(m.group("cjd"))))
    return _months(text, (year, month))


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
    return _days(text, ctx, (_year(m, "vy", ctx), _month(m, "vm", ctx), _dayn(m.group("vd"))))


def _md(m: re.Match[str], text: str, ctx: _Ctx) -> FuzzyDate:
    return _days(text, ctx, (_year(m, "wy", ctx), _month(m, "wm", ctx), _dayn(m.group("wd"))))


def _my(m: re.Match[str], text: str, ctx: _Ctx) -> FuzzyDate:
    year = _year(m, "xy", ctx) or _year(m, "xd", ctx)  # "May 2025", or "Apr-2025", "Apr-25"
    assert year is not None
    return _months(text, (year, _month(m, "xm", ctx)))


def _ym_word(m: re.Match[str], text: str, ctx: _Ctx) -> FuzzyDate:
    """ "2025 Sept", "2025, July" (not "ICLR 2025 June": a venue edition, then a month)."""
    if ctx.mode == "find" and g.VENUE_BEFORE.search(m.string, max(0, m.start() - 40), m.start()):
        raise _Skip
    return _months(text, (int(m.group("ywy")), _month(m, "ywm", ctx)))


def _season(m: re.Match[str], text: str, ctx: _Ctx) -> FuzzyDate:
    first, last = g.SEASONS[m.group("sname").lower()]
    year = int(m.group("sny"))
    start_year = year - 1 if first > last else year  # "Winter 2024": Dec 2023 – Feb 2024
    fd = _months(text, (start_year, first), (year, last))
    return replace(fd, approximate=True)


_PART_WORDS = {"beginning of": "early", "start of": "early", "middle of": "mid", "end of": "late"}


def _part(m: re.Match[str], text: str, ctx: _Ctx) -> FuzzyDate:
    name = " ".join(m.group("pname").lower().split())
    first, last = g.PARTS[_PART_WORDS.get(name, name)]
    year = int(m.group("pty"))
    return replace(_months(text, (year, first), (year, last)), approximate=True)


def _relative(m: re.Match[str], text: str, ctx: _Ctx) -> FuzzyDate:
    today = ctx.today
    rel = ("relative",)
    word = (m.group("relw") or "").lower()
    if not word:
        shift = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1}[m.group("rel").lower()]
        day = today + dt.timedelta(days=shift)
        return _fd(text, day, day, "day", inferred=rel)
    step = {"this": 0, "next": 1, "coming": 1, "last": -1, "past": -1}[word]
    if m.group("reld"):
        day = weekday_date(g.WEEKDAYS[m.group("reld")[:3].lower()], today, word)
        return _fd(text, day, day, "day", inferred=rel)
    if m.group("relm"):
        month = g.month_number(m.group("relm"))
        if word == "this":
            year = today.year
        elif step > 0:
            year = today.year + (1 if month <= today.month else 0)
        else:
            year = today.year - (1 if month >= today.month else 0)
        return replace(_months(text, (year, month)), inferred=rel)
    unit = m.group("relu").lower()
    if unit == "week":
        monday = today - dt.timedelta(days=today.weekday()) + dt.timedelta(weeks=step)
        return _fd(text, monday, monday + dt.timedelta(days=6), "day", inferred=rel)
    if unit == "month":
        index = today.year * 12 + today.month - 1 + step
        year, month = divmod(index, 12)
        return replace(_months(text, (year, month + 1)), inferred=rel)
    year = today.year + step
    return _fd(text, dt.date(year, 1, 1), dt.date(year, 12, 31), "year", inferred=rel)


def weekday_date(weekday: int, today: dt.date, word: str = "", prefer: Prefer = "future") -> dt.date:
    """The day a weekday names, seen from ``today``.

    "Tuesday", "this Tuesday": the next Tuesday, today included (``prefer="past"``: the latest
    one, today included). "next Tuesday": the Tuesday of next week (weeks start on Monday).
    "last Tuesday": the latest Tuesday before today.
    """
    if word in ("next", "coming"):
        monday = today - dt.timedelta(days=today.weekday()) + dt.timedelta(weeks=1)
        return monday + dt.timedelta(days=weekday)
    if word in ("last", "past"):
        back = (today.weekday() - weekday) % 7 or 7
        return today - dt.timedelta(days=back)
    if prefer == "past" and word != "this":
        return today - dt.timedelta(days=(today.weekday() - weekday) % 7)
    return today + dt.timedelta(days=(weekday - today.weekday()) % 7)


_ASKING = re.compile(
    r"(?i:\b(?:on|in|during|since|until|till|by|from|before|after|through|throughout|every|each|of|"
    r"deadline|due|held|starts?|ends?|opens?|closes?)[\s:]+$)"
)


_ON_BEFORE = re.compile(r"(?i:\b(?:on|by|until|till|before|due)\s+$)")


def _time_follows(m: re.Match[str]) -> bool:
    """A time of day right after: "5/17 at 2:00 PM", "4/18, 10am"."""
    tm = g.TIME_AFTER.match(m.string, m.end())
    return tm is not None and _time_of(tm) is not None and _clearly_a_time(tm, "", "2")


def _dash_pair_is_a_date(m: re.Match[str], ctx: _Ctx) -> bool:
    """ "4-18" is a date when the site's or document's order is known (a field) or when "on", "by",
    "until" or "due" stands before it (a sentence); alone it is a range of numbers."""
    if ctx.mode == "find":
        return bool(_ON_BEFORE.search(text_before(m, 12)))
    return ctx.date_order is not None


def text_before(m: re.Match[str], width: int) -> str:
    return m.string[max(0, m.start() - width) : m.start()]


def _asks_for_a_date(m: re.Match[str]) -> bool:
    """In free text, is the word right before this match one that announces a date ("in March")?"""
    return bool(_ASKING.search(m.string, max(0, m.start() - 24), m.start()))


def _month_only(m: re.Match[str], text: str, ctx: _Ctx) -> FuzzyDate:
    word = m.group("om")
    if ctx.mode == "find" and (word == "may" or not _asks_for_a_date(m)):
        raise _Skip  # "March" in a sentence is a date only after "in", "during", "since" ...
    month = g.month_number(word)
    year = _month_year(month, ctx)
    return replace(_months(text, (year, month)), inferred=("year",))


def _month_year(month: int, ctx: _Ctx) -> int:
    """The year of a month written without one, per ``prefer``."""
    today = ctx.today
    if ctx.prefer == "past":
        return today.year if month <= today.month else today.year - 1
    if ctx.prefer == "future":
        return today.year if month >= today.month else today.year + 1
    distance = (month - today.month) % 12
    return (
        today.year
        + (1 if month < today.month and distance <= 6 else 0)
        - (1 if month > today.month and distance > 6 else 0)
    )


_THIRDS = {"early": (1, 10), "beginning of": (1, 10), "start of": (1, 10), "mid": (11, 20),
           "middle of": (11, 20), "late": (21, 31), "end of": (21, 31)}  # fmt: skip


def _part_month(m: re.Match[str], text: str, ctx: _Ctx) -> FuzzyDate:
    part = " ".join(m.group("pmw").lower().split())
    first, last = _THIRDS[part]
    month = _month(m, "pmm", ctx)
    year = _year(m, "pmy", ctx)
    inferred: tuple[str, ...] = ()
    if year is None:
        year = _month_year(month, ctx)
        inferred = ("year",)
    last = min(last, days_in_month(year, month))
    if last == 30 and days_in_month(year, month) == 31 and first == 21:
        last = 31
    return replace(
        _fd(text, dt.date(year, month, first), dt.date(year, month, last), "day", inferred=inferred),
        approximate=True,
    )


_NTH = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4,
        "fifth": 5, "5th": 5, "last": -1}  # fmt: skip


def _nth_weekday(m: re.Match[str], text: str, ctx: _Ctx) -> FuzzyDate:
    """ "the first Tuesday of October", "last Friday in May 2025"."""
    weekday = g.WEEKDAYS[m.group("nwd")[:3].lower()]
    month = _month(m, "nwm", ctx)
    year = _year(m, "nwy", ctx)
    inferred: tuple[str, ...] = ()
    if year is None:
        year, inferred = _month_year(month, ctx), ("year",)
    nth = _NTH[m.group("nwn").lower()]
    if nth > 0:
        first = dt.date(year, month, 1)
        day = first + dt.timedelta(days=(weekday - first.weekday()) % 7 + 7 * (nth - 1))
        if day.month != month:
            raise DateParseError(f"{text}: {year}-{month:02d} has no {m.group('nwn')} {m.group('nwd')}")
    else:
        last = dt.date(year, month, days_in_month(year, month))
        day = last - dt.timedelta(days=(last.weekday() - weekday) % 7)
    return _fd(text, day, day, "day", inferred=inferred)


def _holiday(m: re.Match[str], text: str, ctx: _Ctx) -> FuzzyDate:
    name = " ".join(m.group("hol").lower().replace("’", "'").split())
    month, day = g.HOLIDAYS.get(name) or g.HOLIDAYS[name.replace("years", "year's")]
    return _days(text, ctx, (_year(m, "hoy", ctx), month, day))


def _list_days(text: str) -> list[int]:
    return [_dayn(x) for x in _LIST_DAY.findall(text)]


_LIST_DAY = re.compile(
    r"(?<![\w])(3[01]|[12]\d|0?[1-9]|(?i:" + g.ORDINAL_PATTERN + r"))(?:st|nd|rd|th)?(?![\d\w])"
)


def _day_list(
    m: re.Match[str], text: str, ctx: _Ctx, month_group: str, year_group: str, days_text: str
) -> FuzzyDate | list[FuzzyDate]:
    month = _month(m, month_group, ctx)
    year = _year(m, year_group, ctx)
    days = _list_days(days_text)
    if len(days) == 2 and days[1] == days[0] + 1:  # "June 3 and 4": one range
        return _days(text, ctx, (year, month, days[0]), (year, month, days[1]))
    return [_days(text, ctx, (year, month, day)) for day in days]


def _l_md(m: re.Match[str], text: str, ctx: _Ctx) -> FuzzyDate | list[FuzzyDate]:
    end = m.start("lmy") if m.group("lmy") else (m.start("lmys") - 1 if m.group("lmys") else m.end())
    return _day_list(m, text, ctx, "lmm", "lmy", m.string[m.start("lmd") : end])


def _l_dm(m: re.Match[str], text: str, ctx: _Ctx) -> FuzzyDate | list[FuzzyDate]:
    return _day_list(m, text, ctx, "ldm", "ldy", m.group(0)[: m.start("ldm") - m.start()])


def _d_mon_y(m: re.Match[str], text: str, ctx: _Ctx) -> FuzzyDate:
    return _days(text, ctx, (_numeric_year(m.group("zy"), ctx), _month(m, "zm", ctx), int(m.group("zd"))))


def _dmy_spaced(m: re.Match[str], text: str, ctx: _Ctx) -> FuzzyDate:
    day, month, ambiguous = _order(text, int(m.group("sa")), int(m.group("sb")), " ", ctx.date_order)
    return _days(text, ctx, (int(m.group("sy")), month, day), ambiguous=ambiguous)


def _dm_short(m: re.Match[str], text: str, ctx: _Ctx) -> FuzzyDate:
    """A yearless numeric day and month: in a date field, or after "on"/"by"/"until" in a sentence."""
    if ctx.mode == "find" and not (_asks_for_a_date(m) or _time_follows(m)):
        raise _Skip  # "pages 4-18", "3/5 of the papers": not dates ("5/17 at 2:00 PM" is one)
    a, b = int(m.group("sha")), int(m.group("shb"))
    if m.group("shs") == "." and not (a > 12 or b > 12) and ctx.date_order is None:
        raise _Skip  # "3.5" is a number
    if m.group("shs") == "-" and a < b and not _dash_pair_is_a_date(m, ctx):
        raise _Skip  # "1-22", "pages 4-18": an ascending pair joined by a dash reads as numbers
    day, month, ambiguous = _order(text, a, b, m.group("shs"), ctx.date_order)
    return _days(text, ctx, (None, month, day), ambiguous=ambiguous)


def _clearly_a_time(m: re.Match[str], a: str, b: str) -> bool:
    """In free text: "3pm", "18h30", "noon", "10:00-11:30", or "at 14:00"; never "2:1" or "3.5"."""
    if m.group(f"{a}named") if f"{a}named" in m.re.groupindex else False:
        return True
    if m.group(f"ap{a}") or m.group(f"hs{a}") or m.group(f"oc{a}") or m.group(f"ap{b}") or m.group(f"hs{b}"):
        return True
    if m.group(f"sep{a}") == "h" or m.group(f"sec{a}"):
        return True  # "18h30", "15:23:24"
    colon = m.group(f"sep{a}") == ":" and m.group(f"mi{a}")
    return bool(
        colon and (m.group(f"h{b}") is not None or _asks_for_a_time(m) or _zone_at(m.string, m.end()))
    )


_ASKING_TIME = re.compile(r"(?i:\b(?:at|from|until|till|by|@|starts?|begins?)\s+$)")


def _asks_for_a_time(m: re.Match[str]) -> bool:
    return bool(_ASKING_TIME.search(m.string, max(0, m.start() - 12), m.start()))


def _bare_year(m: re.Match[str], text: str, ctx: _Ctx) -> FuzzyDate:
    if g.VENUE_BEFORE.search(m.string, max(0, m.start() - 40), m.start()):
        raise _Skip  # "NeurIPS 2023" names a venue edition
    year = int(m.group("yr"))
    return _fd(text, dt.date(year, 1, 1), dt.date(year, 12, 31), "year")


_HANDLERS: dict[str, Callable[[re.Match[str], str, _Ctx], FuzzyDate | list[FuzzyDate]]] = {
    "r_num": _numeric_range,
    "r_iso": _iso_range,
    "r_my_num": _my_num_range,
    "r_ddm": _ddm,
    "r_dd_num": _dd_num,
    "r_dm_num": _dm_num,
    "r_dmdm": _dmdm,
    "r_mdmd": _mdmd,
    "r_mdd": _mdd,
    "r_mm": _mm,
    "r_yy": _yy,
    "iso": _iso,
    "ymd": _ymd,
    "cjk": _cjk,
    "dmy_num": _dmy_num,
    "ym_num": _ym_num,
    "my_num": _my_num,
    "dm": _dm,
    "md": _md,
    "my": _my,
    "ym_word": _ym_word,
    "season": _season,
    "part": _part,
    "relative": _relative,
    "year": _bare_year,
    "l_md": _l_md,
    "l_dm": _l_dm,
    "d_mon_y": _d_mon_y,
    "dmy_spaced": _dmy_spaced,
    "dm_short": _dm_short,
    "part_month": _part_month,
    "holiday": _holiday,
    "nth_weekday": _nth_weekday,
    "month": _month_only,
}
_SINGLE_DAY = frozenset(
    {
        "ymd",
        "dmy_num",
        "dm",
        "md",
        "iso",
        "d_mon_y",
        "dmy_spaced",
        "dm_short",
        "holiday",
        "nth_weekday",
        "weekday",
        "relative",
    }
)


# ---------------------------------------------------------------------------------------------
# times and zones after a date


def _clock(h: int, minute: str | None, ap: str | None) -> str | None:
    if ap:
        if not 1 <= h <= 12:
            return None
        pm = ap.strip()[0] in "pP"
        h = (h % 12) + (12 if pm else 0)
    return f"{h:02d}:{minute or '00'}"


def _afternoon(hour: str, sep: str | None) -> bool:
    """A 12-hour time written without am/pm between 1:00 and 7:59 ("3:30", "1.30"), not "03:30"
    or "14h": read as in the afternoon, the only time talks and seminars at those hours happen."""
    return sep in (":", ".") and len(hour) == 1 and "1" <= hour <= "7"


def _later(hhmm: str, hours: int) -> str | None:
    h = int(hhmm[:2]) + hours
    return f"{h:02d}:{hhmm[3:]}" if h < 24 else None


def _time_of(m: re.Match[str], a: str = "", b: str = "2") -> tuple[str, str | None] | None:
    """(start, end) "HH:MM" from a time (or a range of times), or None when it is not clearly a
    time of day. "2–3:30 pm": the start takes the end's half of the day when that keeps it
    earlier; "8pm - 11": the end takes the start's; "11:30-1:30" (no am/pm) crosses noon."""
    named = _optional_group(m, f"{a}named")
    if named:
        return ("12:00", None) if named.lower() == "noon" else ("23:59", None)
    h, mi, sep = int(m.group(f"h{a}")), m.group(f"mi{a}"), m.group(f"sep{a}")
    ap = (m.group(f"ap{a}") or "").strip() or None
    if ap is None and m.group(f"ap{b}") is None and _afternoon(m.group(f"h{a}"), sep):
        ap = "pm"  # "talk at 3:30", "1:30–3": an afternoon, as such times are meant in announcements
    clear_start = bool(ap or m.group(f"hs{a}") or m.group(f"oc{a}") or (mi and sep in (":", "h")))
    if m.group(f"h{b}") is None:
        if not clear_start:
            return None
        start = _clock(h, mi, ap)
        return (start, None) if start else None
    h2, mi2, sep2 = int(m.group(f"h{b}")), m.group(f"mi{b}"), m.group(f"sep{b}")
    ap2 = (m.group(f"ap{b}") or "").strip() or None
    clear_end = bool(ap2 or m.group(f"hs{b}") or (mi2 and sep2 in (":", "h")))
    if not (clear_start or clear_end):
        return None
    if ap2 and not ap:
        start, end = _clock(h, mi, ap2), _clock(h2, mi2, ap2)
        if start is not None and end is not None and start > end:
            start = _clock(h, mi, "am")
    elif ap and not ap2:
        start, end = _clock(h, mi, ap), _clock(h2, mi2, ap)
        if start is not None and end is not None and end <= start and ap.strip()[0] in "aA":
            end = _clock(h2, mi2, "pm")  # "11am-1": one o'clock in the afternoon
    else:
        start, end = _clock(h, mi, ap), _clock(h2, mi2, ap2)
        if start and end and end <= start and not ap and not ap2 and h2 < 12:
            end = _later(end, 12)  # "11:30-1:30": past noon
    if start is None:
        return None
    if end is None or end <= start:
        return (start, None)  # an end we cannot place on the same day: the start alone
    return (start, end)


def _minutes_from_hour(hhmm: str, quantity: str, word: str) -> str | None:
    """ "half past 3pm" -> 15:30, "quarter to 11" -> 10:45; None for "70 past 3"."""
    if hhmm[3:] != "00":
        return None  # "half past 3:15" is no time
    q = quantity.lower()
    minutes = 30 if q == "half" else 15 if q.endswith("quarter") else int(q)
    if not 0 < minutes < 60:
        return None
    total = int(hhmm[:2]) * 60 + (minutes if word.lower() in ("past", "after") else -minutes)
    return f"{total // 60 % 24:02d}:{total % 60:02d}"


def _range_end(start: str, ap: str | None, em: re.Match[str]) -> str | None:
    """The end of "between 9:30 and 11:00" (the start's am/pm carries over when the end has none)."""
    ap_end = (em.group("ape") or "").strip() or None
    end = _clock(int(em.group("he")), em.group("mie"), ap_end or ((ap or "").strip() or None))
    return end if end is not None and end > start else None


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


def _zoned_range_end(
    text: str, pos: int, clock: tuple[str, str | None], tz: str
) -> tuple[tuple[str, str | None], int]:
    """ "13:00 UTC – 15:00 UTC": the end of a range written with its zone twice."""
    if clock[1] is not None:
        return clock, pos
    em = g.TIME_RANGE_END.match(text, pos)
    if not em:
        return clock, pos
    end = _clock(int(em.group("he")), em.group("mie"), (em.group("ape") or "").strip() or None)
    zone = _zone_at(text, em.end())
    if end is None or end <= clock[0] or (zone is not None and zone[0] != tz):
        return clock, pos
    return (clock[0], end), (zone[2] if zone else em.end())


def _attach_time(text: str, fd: FuzzyDate, end: int, single_day: bool) -> tuple[FuzzyDate, int]:
    """Read "11.59pm AoE", ", 9:00–9:10 Vancouver Time (GMT-7)" or a lone zone after a date."""
    if end >= len(text) or fd.grain not in ("day", "minute"):
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
                    clock, pos = _zoned_range_end(text, pos, clock, zone[0])
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
    found = _note(text)
    return found[0] if found else None


def _note(text: str) -> tuple[tuple[str | None, str | None], tuple[int, int]] | None:
    """The note's (time, zone) and the span of text it takes (its time is no date of its own)."""
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
    return (clock[0] if clock else None, zone), (head.start(), head.end() + len(window))


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


_BOTH = (g.NUMBER_MASTER, g.WORD_MASTER)
_NUMBERS = (g.NUMBER_MASTER,)
_WORDS = (g.WORD_MASTER,)


def _patterns_for(word: str) -> tuple[re.Pattern[str], ...] | None:
    """The half (or halves) of the grammar to try at a token, or None when no date starts there."""
    if word[0] <= "9":
        return _NUMBERS
    lower = word.lower()
    low = lower[:3]
    if low == "the":
        return _BOTH  # "the 3rd of May", "the end of 2019"
    if lower in g.ORDINAL_STARTS or lower in g.NAMED_TIME_WORDS:
        return _NUMBERS  # "first of May", "noon on Friday"
    if low in g.TRIGGERS:
        return _WORDS
    return None


def _candidates(text: str) -> Iterator[tuple[int, tuple[re.Pattern[str], ...]]]:
    """Positions where a date may start, with the half (or halves) of the grammar to try there."""
    for tok in g.TOKEN.finditer(text):
        word = tok.group()
        patterns = _patterns_for(word)
        if patterns is not None:
            yield tok.start(), patterns
        elif not word.islower():
            glued = g.GLUED_MONTH.search(word, 1)
            if glued:
                yield tok.start() + glued.start(), _WORDS


def _read_first(text: str, ctx: _Ctx) -> list[_Hit] | None:
    """The common case of a field, without the scanning machinery: a date right at the start."""
    tok = g.TOKEN.match(text)
    if tok is None:
        return None
    patterns = _patterns_for(tok.group())
    if patterns is None:
        return None
    for pattern in patterns:
        m = pattern.match(text)
        if m is not None:
            found = _read(m, m.lastgroup or "", text, ctx)
            return found if isinstance(found, list) else None
    return None


# What may follow a weekday or a time to make one date with it (not another weekday or time).
_COMBINABLE = frozenset(
    {"iso", "ymd", "d_mon_y", "dmy_num", "dmy_spaced", "dm_short", "dm", "md", "holiday", "relative"}
    | {"nth_weekday"}
)


def _date_at(text: str, pos: int, ctx: _Ctx, *, allow_weekday: bool) -> tuple[FuzzyDate, int, str] | None:
    """A single-day date starting exactly at ``pos`` (for "Thu 14 Nov", "3pm on Monday, 3 June")."""
    if pos >= len(text):
        return None
    first = text[pos]
    patterns = (g.NUMBER_MASTER,) if first.isdigit() else (g.WORD_MASTER, g.NUMBER_MASTER)
    for pattern in patterns:
        m = pattern.match(text, pos)
        if m is None:
            continue
        kind = m.lastgroup
        assert kind is not None
        if kind == "weekday" and allow_weekday:
            weekday = g.WEEKDAYS[m.group("wdn")[:3].lower()]
            sep = g.WEEKDAY_SEP.match(text, m.end())
            after = (
                _date_at(text, sep.end(), replace_mode(ctx, "parse"), allow_weekday=False) if sep else None
            )
            if after is not None:
                return _with_weekday(after[0], weekday, ctx), after[1], kind
            day = weekday_date(weekday, ctx.today, prefer=ctx.prefer)
            return _fd(m.group(0), day, day, "day", inferred=("relative",)), m.end(), kind
        if kind not in _COMBINABLE:
            continue
        try:
            fd = _HANDLERS[kind](m, m.group(0), replace_mode(ctx, "parse"))
        except (_Skip, DateParseError):
            continue
        if isinstance(fd, FuzzyDate) and fd.grain == "day" and fd.start == fd.end:
            return fd, m.end(), kind
    return None


def replace_mode(ctx: _Ctx, mode: Mode) -> _Ctx:
    return ctx if ctx.mode == mode else _Ctx(ctx.today, ctx.date_order, ctx.prefer, mode)


def _with_weekday(fd: FuzzyDate, weekday: int, ctx: _Ctx) -> FuzzyDate:
    """A date written with its weekday: the weekday picks a year not written ("Sat, Mar 5"),
    settles an unsettled day/month order ("Thursday 4/7"), or, when it contradicts a date written
    in full, is reported (``weekday_conflict``) and the date kept as written."""
    if fd.start.weekday() == weekday and "year" not in fd.inferred:
        return fd
    readings = [(fd.start.month, fd.start.day)]
    if fd.ambiguous:
        readings.append((fd.start.day, fd.start.month))
    years = [fd.start.year]
    if "year" in fd.inferred:
        years = list(range(ctx.today.year - 11, ctx.today.year + 12))
    dates = [
        dt.date(y, month, day)
        for month, day in readings
        for y in years
        if month <= 12 and _valid(y, month, day) and dt.date(y, month, day).weekday() == weekday
    ]
    if not dates:
        return replace(fd, weekday_conflict=True)
    if ctx.prefer == "past":
        chosen = max((d for d in dates if d <= ctx.today), default=min(dates))
    else:  # the next such day, as a calendar would read "Sat, Mar 5"
        chosen = min((d for d in dates if d >= ctx.today), default=max(dates))
    return replace(fd, start=chosen, end=chosen, ambiguous=False)


def _weekday_day(weekday: int, day: int, ctx: _Ctx) -> dt.date | None:
    """ "Tuesday the 19th": the next (or, preferring the past, the latest) 19th that is a Tuesday."""
    step = -1 if ctx.prefer == "past" else 1
    index = ctx.today.year * 12 + ctx.today.month - 1
    for _ in range(60):
        year, month = divmod(index, 12)
        if day <= days_in_month(year, month + 1):
            date = dt.date(year, month + 1, day)
            if date.weekday() == weekday and (date - ctx.today).days * step >= 0:
                return date
        index += step
    return None


def _valid(year: int, month: int, day: int) -> bool:
    return day <= days_in_month(year, month)


# A date read at text[start:end]: (value, start, end). Plain tuples: parse() makes one per call.
_Hit = tuple[FuzzyDate, int, int]


def _emit(fd: FuzzyDate, text: str, start: int, end: int, ctx: _Ctx) -> _Hit:
    return fd.labelled(text[start:end], ctx.today), start, end


def _scan(text: str, ctx: _Ctx) -> Iterator[_Hit | DateParseError]:
    pos = 0
    for start, patterns in _candidates(text):
        if start < pos:
            continue
        for pattern in patterns:
            m = pattern.match(text, start)
            if m is None:
                continue
            kind = m.lastgroup
            assert kind is not None
            found = _read(m, kind, text, ctx)
            if found is None:
                continue
            if isinstance(found, DateParseError):
                pos = m.end()
                yield found
                break
            yield from found
            pos = max(m.end(), found[-1][2])
            break


def _read(m: re.Match[str], kind: str, text: str, ctx: _Ctx) -> list[_Hit] | DateParseError | None:
    """What one match of the grammar says: dates (a list names several days), an error, or None."""
    start = m.start()
    if kind == "weekday":
        return _read_weekday(m, text, ctx)
    if kind == "clock":
        return _read_clock(m, text, ctx)
    try:
        fd = _HANDLERS[kind](m, m.group(0), ctx)
    except _Skip:
        return None
    except DateParseError as exc:
        return exc
    if isinstance(fd, list):  # "on 3, 5 and 7 June"
        return [_emit(day, text, start, m.end(), ctx) for day in fd]
    fd, end = _attach_time(text, fd, m.end(), kind in _SINGLE_DAY)
    return [_emit(fd, text, start, end, ctx)]


def _read_weekday(m: re.Match[str], text: str, ctx: _Ctx) -> list[_Hit] | None:
    """ "Thu 14 Nov", "Sat, Mar 5", "Thursday 4/7", or the weekday alone ("Tuesday at 4pm")."""
    weekday = g.WEEKDAYS[m.group("wdn")[:3].lower()]
    sep = g.WEEKDAY_SEP.match(text, m.end())
    after = _date_at(text, sep.end(), ctx, allow_weekday=False) if sep else None
    if after is not None:
        fd, end, _ = after
        fd, end = _attach_time(text, _with_weekday(fd, weekday, ctx), end, True)
        return [_emit(fd, text, m.start(), end, ctx)]
    ordinal = g.DAY_ORDINAL.match(text, sep.end()) if sep else None
    if ordinal is not None:
        day = _weekday_day(weekday, int(ordinal.group("d")), ctx)
        if day is not None:
            fd = _fd(text[m.start() : ordinal.end()], day, day, "day", inferred=("relative",))
            fd, end = _attach_time(text, fd, ordinal.end(), True)
            return [_emit(fd, text, m.start(), end, ctx)]
    timed = g.TIME_AFTER.match(text, m.end())
    has_time = timed is not None and _time_of(timed) is not None
    if ctx.mode == "find" and not has_time and not _asks_for_a_date(m):
        return None  # "Sun" or "Wed" in a sentence: a date only where one is expected
    day = weekday_date(weekday, ctx.today, prefer=ctx.prefer)
    fd = _fd(m.group(0), day, day, "day", inferred=("relative",))
    fd, end = _attach_time(text, fd, m.end(), True)
    return [_emit(fd, text, m.start(), end, ctx)]


def _read_clock(m: re.Match[str], text: str, ctx: _Ctx) -> list[_Hit] | None:
    """A time first: "3:30pm on Thursday, 14 Nov", "10am, 3 June"; alone it is today's."""
    clock = _time_of(m, "c", "c2")
    if clock is None:
        return None
    begin, pos = m.start(), m.end()
    before = g.PAST_HOUR.search(text, max(0, begin - 24), begin)
    if before is not None and m.group("hc2") is None:
        moved = _minutes_from_hour(clock[0], before.group("q"), before.group("w"))
        if moved is None:
            return None
        clock, begin = (moved, None), before.start()
    elif clock[1] is None and g.BETWEEN_BEFORE.search(text, max(0, begin - 12), begin):
        em = g.AND_CLOCK.match(text, pos)
        if em is not None:
            until = _range_end(clock[0], m.group("apc"), em)
            if until is not None:
                clock, pos = (clock[0], until), em.end()
    zone = _zone_at(text, pos)
    tz, amb = (zone[0], zone[1]) if zone else (None, False)
    if zone:
        pos = zone[2]
        clock, pos = _zoned_range_end(text, pos, clock, zone[0])
    link = g.DATE_AFTER_TIME.match(text, pos)
    after = _date_at(text, link.end(), ctx, allow_weekday=True) if link else None
    if after is not None:
        fd, end, _ = after
        if tz is None:  # "10am on 3 June 2025 CET": a zone after the date
            later = _zone_at(text, end)
            if later:
                tz, amb, end = later[0], later[1], later[2]
        return [_emit(_timed(fd, clock[0], clock[1], tz, amb), text, begin, end, ctx)]
    if ctx.mode == "find" and not (_clearly_a_time(m, "c", "c2") or begin < m.start()):
        return None
    day = ctx.today
    fd = _timed(_fd(text[begin:pos], day, day, "day", inferred=("date",)), clock[0], clock[1], tz, amb)
    return [_emit(fd, text, begin, pos, ctx)]


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
    ctx = _context(today, date_order, prefer, "find")
    span = (0, 0)
    if note is None:
        read = _note(text)
        if read is not None:
            note, span = read
    out = []
    for found in _scan(text, ctx):
        if isinstance(found, DateParseError):
            continue
        fd, start, end = found
        if span[0] <= start < span[1] and "date" in fd.inferred:
            continue  # the note's own time ("All dates are in 11.59pm AOE") is no date
        if note:
            fd = apply_note(fd, note)
        out.append(DateMatch(date=fd, offset=start, length=end - start, text=text[start:end]))
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
    ctx = _context(today, date_order, prefer, "parse")
    first_error: DateParseError | None = None
    # a note needs "all": skip its regex on the short fields that make most of the calls
    note = find_note(stripped) if ("ll" in stripped or "LL" in stripped) else None
    first = _read_first(stripped, ctx)  # the same first reading the scan below would give, sooner
    for found in first or _scan(stripped, ctx):
        if isinstance(found, DateParseError):
            first_error = first_error or found
            continue
        fd, _, after = found
        if after < len(stripped):
            zone = _ZONE_SHAPE.match(stripped, after)
            if zone is None and fd.grain == "minute" and fd.tz is None:
                zone = _ABBREVIATION_SHAPE.match(stripped, after)  # "3pm CETT", "10:00 (PTS)"
            if zone and resolve(zone.group("z")) is None:
                raise DateParseError(f"{stripped}: {unknown_zone(zone.group('z'))}")
        return apply_note(fd, note) if note else fd
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


# one separator throughout, and no more date after it: "12-13/06/2025" (a range of days) is no
# 13th month of 2006
_ORDER_EVIDENCE = re.compile(
    r"(?<![\w/.\-])([0-3]?\d)([/\-])([0-3]?\d)\2(?:(?:19|20)\d\d|\d\d)(?![\d]|[/.\-]\d)"
)


def infer_date_order(text: str) -> tuple[DateOrder | None, int, int]:
    """The day/month order a document's numeric dates settle, with the counts of evidence.

    "29/10/2023" proves day-first, "10/29/2023" month-first; (None, 0, 0) when nothing settles it,
    and None when the evidence conflicts.
    """
    dmy = mdy = 0
    for m in _ORDER_EVIDENCE.finditer(text[:MAX_TEXT]):
        settled = _settled(int(m.group(1)), int(m.group(3)))
        if settled == "dmy":
            dmy += 1
        elif settled == "mdy":
            mdy += 1
    if dmy and not mdy:
        return "dmy", dmy, mdy
    if mdy and not dmy:
        return "mdy", dmy, mdy
    return None, dmy, mdy
