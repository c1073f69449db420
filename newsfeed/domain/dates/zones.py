"""Time zones as academics write them: AoE, "GMT-7", "UTC+1", "Pacific Time", "JST", IANA names."""

from __future__ import annotations

import datetime as dt
import re
import zoneinfo
from dataclasses import dataclass
from functools import lru_cache

AOE = "AoE"
AOE_OFFSET = dt.timezone(dt.timedelta(hours=-12), "AoE")


@dataclass(frozen=True, slots=True)
class Zone:
    """A resolved zone: the canonical name we store and whether the abbreviation was ambiguous."""

    name: str
    ambiguous: bool = False


# Region words before "Time" ("Pacific Time", "Central European Time").
_REGION_TIME = {
    "pacific": "America/Los_Angeles",
    "eastern": "America/New_York",
    "central": "America/Chicago",
    "mountain": "America/Denver",
    "central european": "Europe/Paris",
    "eastern european": "Europe/Athens",
    "western european": "Europe/Lisbon",
    "british": "Europe/London",
    "japan": "Asia/Tokyo",
    "korea": "Asia/Seoul",
    "china": "Asia/Shanghai",
    "beijing": "Asia/Shanghai",
    "india": "Asia/Kolkata",
    "singapore": "Asia/Singapore",
    "hawaii": "Pacific/Honolulu",
    "alaska": "America/Anchorage",
    "atlantic": "America/Halifax",
}

# Abbreviations. Those that switch with daylight saving name a fixed offset (PDT is always UTC-7);
# those of places without DST name the place. The second field flags abbreviations with several
# common meanings (IST: India, Israel, Ireland; CST: US Central, China; BST: British, Bangladesh).
_ABBREVIATIONS: dict[str, tuple[str, bool]] = {
    "UTC": ("UTC", False),
    "GMT": ("UTC", False),
    "Z": ("UTC", False),
    "PST": ("UTC-08:00", False),
    "PDT": ("UTC-07:00", False),
    "MST": ("UTC-07:00", False),
    "MDT": ("UTC-06:00", False),
    "CST": ("UTC-06:00", True),
    "CDT": ("UTC-05:00", False),
    "EST": ("UTC-05:00", False),
    "EDT": ("UTC-04:00", False),
    "AKST": ("UTC-09:00", False),
    "AKDT": ("UTC-08:00", False),
    "HST": ("Pacific/Honolulu", False),
    "WET": ("UTC+00:00", False),
    "WEST": ("UTC+01:00", False),
    "BST": ("UTC+01:00", True),
    "CET": ("UTC+01:00", False),
    "CEST": ("UTC+02:00", False),
    "EET": ("UTC+02:00", False),
    "EEST": ("UTC+03:00", False),
    "MSK": ("Europe/Moscow", False),
    "IST": ("Asia/Kolkata", True),
    "SGT": ("Asia/Singapore", False),
    "HKT": ("Asia/Hong_Kong", False),
    "JST": ("Asia/Tokyo", False),
    "KST": ("Asia/Seoul", False),
    "AWST": ("Australia/Perth", False),
    "ACST": ("UTC+09:30", False),
    "ACDT": ("UTC+10:30", False),
    "AEST": ("UTC+10:00", False),
    "AEDT": ("UTC+11:00", False),
    "NZST": ("UTC+12:00", False),
    "NZDT": ("UTC+13:00", False),
    "PT": ("America/Los_Angeles", False),
    "MT": ("America/Denver", False),
    "CT": ("America/Chicago", False),
    "ET": ("America/New_York", False),
}

_OFFSET = re.compile(r"(?:UTC|GMT)?\s*([+\-−])\s*(\d{1,2})(?::?(\d{2}))?\s*$", re.IGNORECASE)


@lru_cache(maxsize=1)
def _cities() -> dict[str, str]:
    """ "vancouver" -> "America/Vancouver", "new york" -> "America/New_York", from the zone database."""
    out: dict[str, str] = {}
    for name in zoneinfo.available_timezones():
        if "/" not in name or name.startswith(("Etc/", "SystemV/", "US/")):
            continue
        city = name.rsplit("/", 1)[1].replace("_", " ").lower()
        out.setdefault(city, name)
    return out


def format_offset(sign: str, hours: int, minutes: int) -> str:
    return f"UTC{'-' if sign in '-−' else '+'}{hours:02d}:{minutes:02d}"


def resolve(text: str) -> Zone | None:
    """The zone a piece of text names, or None when it names none we know."""
    t = " ".join(text.strip().strip("()").split())
    if not t:
        return None
    low = t.lower()
    if low.replace(".", "") == "aoe" or low.startswith("anywhere on earth"):
        return Zone(AOE)
    m = _OFFSET.match(t)
    if m:
        hours, minutes = int(m.group(2)), int(m.group(3) or 0)
        if hours > 14 or minutes > 59:
            return None
        if hours == minutes == 0:
            # "+0000", and RFC 2822's "-0000" (UTC, the sender's own zone unknown): UTC
            return Zone("UTC")
        return Zone(format_offset(m.group(1), hours, minutes))
    if t.upper() in _ABBREVIATIONS and (t.isupper() or t == "Z" or (t.islower() and len(t) >= 3)):
        name, ambiguous = _ABBREVIATIONS[t.upper()]
        return Zone(name, ambiguous)
    if low.endswith(" time"):
        region = low[: -len(" time")].strip()
        region = region.removesuffix(" standard").removesuffix(" daylight")
        if region in _REGION_TIME:
            return Zone(_REGION_TIME[region])
        city = _cities().get(region)
        if city:
            return Zone(city)
        return None
    if "/" in t:
        try:
            zoneinfo.ZoneInfo(t)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            return None
        return Zone(t)
    return None


@lru_cache(maxsize=1)
def _known_names() -> tuple[str, ...]:
    names = {n for n in zoneinfo.available_timezones() if "/" in n and not n.startswith(("Etc/", "SystemV/"))}
    return tuple(sorted(names | set(_ABBREVIATIONS) | {"AoE"}))


def unknown_zone(text: str) -> str:
    """The message for a zone nobody knows, with the closest known name when there is one."""
    import difflib

    shown = text if len(text) <= 40 else text[:37] + "…"
    close = difflib.get_close_matches(text, _known_names(), n=1, cutoff=0.75)
    hint = (
        f": did you mean {close[0]}?"
        if close
        else " (write an IANA name such as Europe/Vienna, or AoE, UTC+1)"
    )
    return f"unknown time zone {shown!r}{hint}"


@lru_cache(maxsize=256)
def tzinfo_for(name: str) -> dt.tzinfo:
    """The tzinfo for a stored zone name ("AoE", "UTC+02:00", "UTC" or an IANA name)."""
    if name == AOE:
        return AOE_OFFSET
    if name == "UTC":
        return dt.UTC
    m = _OFFSET.match(name)
    if m and name.startswith("UTC"):
        sign = -1 if m.group(1) in "-−" else 1
        delta = dt.timedelta(hours=int(m.group(2)), minutes=int(m.group(3) or 0))
        return dt.timezone(sign * delta)
    return zoneinfo.ZoneInfo(name)


class UnknownZone(ValueError):
    """A zone name nobody knows; the message names it, with the closest known name."""


def zone_of(name: str) -> dt.tzinfo:
    """The one zone check: the tzinfo of a stored, configured or submitted zone name ("AoE",
    "UTC+02:00", "UTC" or an IANA name), or :class:`UnknownZone` saying why not."""
    if not name or len(name) > 64 or "\x00" in name:
        raise UnknownZone(unknown_zone(name[:64].replace("\x00", "")))
    try:
        return tzinfo_for(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        raise UnknownZone(unknown_zone(name)) from None


def is_valid(name: str) -> bool:
    try:
        zone_of(name)
    except UnknownZone:
        return False
    return True


def to_utc(day: dt.date, hhmm: str, zone: str) -> dt.datetime:
    """The UTC instant of a wall-clock time on a day in a zone (AoE is UTC-12)."""
    hour, minute = int(hhmm[:2]), int(hhmm[3:5])
    local = dt.datetime(day.year, day.month, day.day, hour, minute, tzinfo=tzinfo_for(zone))
    return local.astimezone(dt.UTC)


_WORD = re.compile(r"(?<![A-Za-z])([A-Z]{1,5})(?![A-Za-z])")


def written_zone(text: str, tz: str | None) -> str | None:
    """The zone as the author wrote it, when they wrote an abbreviation that means ``tz``
    ("14:00 CET" is stored as UTC+01:00 and shown as CET again); otherwise ``tz`` itself. Every
    channel shows a time's zone through this (pages, feeds, emails, calendar descriptions)."""
    if not tz or not text:
        return tz
    for word in _WORD.findall(text):
        meaning = _ABBREVIATIONS.get(str(word))
        if meaning is not None and meaning[0] == tz:
            return str(word)
    return tz
