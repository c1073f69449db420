"""The regular grammar of dates as people write them.

One master pattern holds every form as a named alternative (ranges first, then single dates, then
seasons, relative words and bare years); ``Match.lastgroup`` names the form that matched and the
semantic side (``parser.py``) turns its groups into a :class:`FuzzyDate`. Every quantifier is
bounded or runs over a single character class, so matching is linear in the input: there is no
catastrophic backtracking to fear on long or hostile text.
"""

from __future__ import annotations

import re

# Months written out in German, French, Spanish, Italian and Portuguese: labs write their news in
# their language ("15. März 2024", "juin 2023", "octubre de 2022"). Left out, as words English
# text uses otherwise: "mars" (the planet), "mai", "mayo" (the clinic), "julio", "maio" (names).
FOREIGN_MONTHS = {
    "januar": 1, "jänner": 1, "februar": 2, "märz": 3, "maerz": 3, "juni": 6, "juli": 7,
    "oktober": 10, "dezember": 12,
    "janvier": 1, "février": 2, "fevrier": 2, "avril": 4, "juin": 6, "juillet": 7, "août": 8,
    "aout": 8, "septembre": 9, "octobre": 10, "novembre": 11, "décembre": 12, "decembre": 12,
    "enero": 1, "febrero": 2, "marzo": 3, "abril": 4, "junio": 6, "agosto": 8, "septiembre": 9,
    "setiembre": 9, "octubre": 10, "noviembre": 11, "diciembre": 12,
    "gennaio": 1, "febbraio": 2, "aprile": 4, "maggio": 5, "giugno": 6, "luglio": 7,
    "settembre": 9, "ottobre": 10, "dicembre": 12,
    "janeiro": 1, "fevereiro": 2, "março": 3, "junho": 6, "julho": 7, "setembro": 9,
    "outubro": 10, "dezembro": 12,
    # their abbreviations that are no English word ("20 Dez", "12 Okt.", "3 févr."); not "set",
    # "out", "ago", "mai", "gen", "mag", "lug"
    "mär": 3, "mrz": 3, "okt": 10, "dez": 12, "janv": 1, "févr": 2, "fevr": 2, "avr": 4,
    "juil": 7, "déc": 12, "ene": 1, "abr": 4, "dic": 12, "fev": 2, "ott": 10,
}  # fmt: skip
MONTH_WORDS = (
    r"jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?|"
    + "|".join(sorted(FOREIGN_MONTHS, key=len, reverse=True))
)
MONTH_NUMBER = {
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "may": 5,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}


def month_number(word: str) -> int:
    """The number of a month as the grammar matched it ("Sept", "march", "Juillet", "März")."""
    lower = word.lower().rstrip(".")
    return FOREIGN_MONTHS.get(lower) or MONTH_NUMBER[lower[:3]]


ORDINAL_WORDS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
    "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14,
    "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18, "nineteenth": 19,
    "twentieth": 20, "thirtieth": 30,
}  # fmt: skip
for _unit, _n in list(ORDINAL_WORDS.items())[:9]:
    ORDINAL_WORDS[f"twenty-{_unit}"] = ORDINAL_WORDS[f"twenty {_unit}"] = 20 + _n
ORDINAL_WORDS["thirty-first"] = ORDINAL_WORDS["thirty first"] = 31
# "first" ... "twentieth", "thirtieth", and "twenty-first" ... "thirty first" as a tens word and a
# unit word: compact, because this pattern recurs in a dozen forms and compiling it is most of the
# engine's start-up time. A combination that is no day ("thirty-fifth") is refused by the parser.
_UNIT_ORDINALS = "first|second|third|fourth|fifth|sixth|seventh|eighth|ninth"
ORDINAL_PATTERN = _ORDINALS = (
    rf"(?:twenty|thirty)[\s\-](?:{_UNIT_ORDINALS})|(?:{_UNIT_ORDINALS}|tenth|eleventh|twelfth|thirteenth"
    r"|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth|thirtieth)"
)
WEEKDAYS = {"mon": 0, "tue": 1, "wed": 2, "thu": 3, "fri": 4, "sat": 5, "sun": 6}
WEEKDAY_WORDS = (
    r"mon(?:day)?|tue(?:s(?:day)?)?|wed(?:nesday)?|thu(?:r(?:s(?:day)?)?)?|fri(?:day)?|sat(?:urday)?"
    r"|sun(?:day)?"
)
HOLIDAYS = {
    "christmas eve": (12, 24),
    "christmas": (12, 25),
    "christmas day": (12, 25),
    "new year's eve": (12, 31),
    "new years eve": (12, 31),
    "new year's day": (1, 1),
    "new years day": (1, 1),
    "halloween": (10, 31),
}
SEASONS = {"spring": (3, 5), "summer": (6, 8), "fall": (9, 11), "autumn": (9, 11), "winter": (12, 2)}
PARTS = {"early": (1, 4), "mid": (5, 8), "late": (9, 12)}

# A month name may be glued to a preceding capital ("LGMar 25, 2022": an arXiv category code),
# otherwise it starts a word. It never runs on into more letters ("Mayor", "Decision").
_ML = r"(?:(?<![A-Za-z])|(?<=[A-Z])(?=[A-Z][a-z]))"
# A number that starts a date is not the tail of another token: "1-22", "v1.2", "h-index19", "ICLR-2023".
NUMGUARD = r"(?<![\w/.\-–—:+'’])"
_CONN = r"\s*(?:--|[-–—~]|\s(?:to|till|until|through|thru)\s)\s*"
_END = r"(?![\d]|[./\-]\d)"


def _month(n: str) -> str:
    return rf"(?=[A-Za-z]){_ML}(?P<{n}>(?i:{MONTH_WORDS}))(?![^\W\d_])\.?"


def _day(n: str, *, words: bool = True) -> str:
    """A day of the month: "3", "03", "3rd", and with ``words`` "third" (single dates only: ranges
    and lists of days are written in digits, and leaving the words out keeps the grammar small)."""
    # the lookahead skips the ordinal words at once when a digit stands there
    spelled = rf"|(?=[A-Za-z])(?i:{_ORDINALS})(?![A-Za-z\-])" if words else ""
    return rf"(?P<{n}>3[01]|[12]\d|0?[1-9]{spelled})(?:st|nd|rd|th)?(?!\d)"


def _the_day(n: str, *, words: bool = True) -> str:
    return rf"(?:(?<![\w])(?=[Tt])(?i:the)\s+)?{_day(n, words=words)}"


def _year(n: str) -> str:
    return rf"(?P<{n}>(?:19|20)\d\d)(?!\d)"


def _year_tail(n: str) -> str:
    """ ", 2022", " 2025", "'18" after a month or a day ("May' 26", the mark put after the
    month, too); " de 2022" in Spanish and Portuguese."""
    joint = r"(?:\s{0,3},?\s{0,3}|\s{1,3}(?i:de|del)\s{1,3})"
    return rf"(?:{joint}{_year(n)}|\s{{0,2}}['’‘]\s{{0,2}}(?P<{n}s>\d\d)(?!\d))"


def _dm(n: str, *, words: bool = True) -> str:
    """ "1 Feb", "18th Nov", "the 16th of June", "1. June" (the day with a dot, as in German)."""
    return rf"{_the_day(n + 'd', words=words)}(?:\.(?= ))?(?:\s+(?:of|de|del))?\s{{0,3}}{_month(n + 'm')}"


def _md(n: str, *, words: bool = True) -> str:
    """ "Feb 2", "March 21th", "October the 3rd", "May first"."""
    return rf"{_month(n + 'm')}\s{{0,3}}(?:the\s+)?{_day(n + 'd', words=words)}"


def _dmy_num(n: str, *, end: bool = True) -> str:
    """ "06/05/2024", "30.06.2025", "02.06.22", "12-05-2024": order settled later. The first date
    of a range ("6/3/2024-6/7/2024") may be followed by a dash and a digit."""
    return (
        rf"(?P<{n}a>[0-3]?\d)(?P<{n}s>[./\-])(?P<{n}b>[0-3]?\d)(?P={n}s)"
        rf"(?P<{n}y>(?:19|20)\d\d|\d\d)" + (_END if end else r"(?!\d)")
    )


def _iso(n: str, *, with_time: bool) -> str:
    base = rf"(?P<{n}y>(?:19|20)\d\d)-(?P<{n}m>[01]?\d)-(?P<{n}d>[0-3]?\d)(?!\d)"
    if not with_time:
        return base
    return base + (
        rf"(?:[T ](?P<{n}H>[01]?\d|2[0-3]):(?P<{n}M>[0-5]\d)(?::[0-5]\d(?:\.\d{{1,9}})?)?"
        rf"(?:\s?(?P<{n}z>Z|[+\-]\d\d:?\d\d))?(?!\d))?"
    )


def _ymd(n: str) -> str:
    """ "2023.9.23", "2024/05/28"; "2026. 04. 24", as Korean writes a date (a space after each dot)."""
    gap = r"(?:(?<=\.) )?"
    return (
        rf"(?P<{n}y>(?:19|20)\d\d)(?P<{n}s>[./]){gap}(?P<{n}m>[01]?\d)(?P={n}s){gap}(?P<{n}d>[0-3]?\d){_END}"
    )


# "pm", "p.m.", " PM", and a lone "p"/"a" right after the number ("3p").
AMPM = r"(?:\s?[AaPp]\.?[Mm]\.?(?![A-Za-z])|[AaPp](?![A-Za-z.]))"


def _clock_pattern(n: str) -> str:
    """ "3", "3:30", "11.59", "18h30", "14h", each with an optional "pm"."""
    return (
        rf"(?P<h{n}>[01]?\d|2[0-3])(?:(?P<sep{n}>[:.h])(?P<mi{n}>[0-5]\d)(?P<sec{n}>:[0-5]\d(?![\d:]))?"
        rf"|(?P<hs{n}>h)(?![A-Za-z0-9])|(?P<oc{n}>\s?(?i:o['’]?\s?clock))(?![A-Za-z]))?"
        rf"(?P<ap{n}>{AMPM})?"
    )


def _time(a: str, b: str) -> str:
    return _clock_pattern(a) + rf"(?:\s*(?:[-–—]|to|until|till)\s*{_clock_pattern(b)})?" + r"(?![\d:]|\.\d)"


_TIME = _time("", "2")
_TIME_FIRST = _time("c", "c2")
_NAMED_TIME = r"(?P<named>(?i:noon|midnight))(?![A-Za-z])"
_NAMED_FIRST = r"(?P<cnamed>(?i:noon|midnight))(?![A-Za-z])"
TIME_AFTER = re.compile(
    r"\s{0,3}(?P<open>\()?(?:,|\s(?:at|@|from)\s|@)?\s{0,3}(?:" + _TIME + "|" + _NAMED_TIME + ")"
)
TIME_ANY = re.compile(r"(?<![\w.:])(?:" + _TIME + "|" + _NAMED_TIME + ")")
# After a time and its zone: "– 15:00 UTC" (a range written with the zone twice).
TIME_RANGE_END = re.compile(r"\s*(?:[-–—]|to)\s*" + _clock_pattern("e"))
# A date after a time: "3:30pm on Thursday, 14 Nov", "10am, 3 June".
DATE_AFTER_TIME = re.compile(r"\s{0,3}(?:,|\s(?:on|,)?)\s{0,3}(?:(?i:on)\s+)?(?=[A-Za-z0-9])")
# A weekday and what separates it from a date after it: "Thu 14 Nov", "Sat, Mar 5", "Monday, 3 June".
WEEKDAY_SEP = re.compile(r"\.?,?\s{1,3}(?:(?i:the)\s+)?(?=[A-Za-z0-9])")

_ALTERNATIVES: list[tuple[str, str]] = [
    # ---- ranges (tried first: the longest reading wins) ----
    ("r_num", NUMGUARD + _dmy_num("p", end=False) + _CONN + _dmy_num("q")),
    # "17-21/07/2017", "17.–21.07.17": a range of days, then its month and year (days first, so
    # day-first whatever the page's order)
    (
        "r_dd_num",
        NUMGUARD
        + r"(?P<rda>[0-3]?\d)\.?\s?[-–—]\s?(?P<rdb>[0-3]?\d)(?P<rds>[./])(?P<rdm>[01]?\d)(?P=rds)"
        + rf"(?P<rdy>(?:19|20)\d\d|\d\d){_END}",
    ),
    # "06.04-08.04.2024", "6.4.-8.4.2024", "30/11-02/12/2025": a day and month, a day and
    # month, then the year both share
    (
        "r_dm_num",
        NUMGUARD
        + r"(?P<dna>[0-3]?\d)(?P<dns>[./])(?P<dnb>[01]?\d)\.?\s?[-–—]\s?"
        + r"(?P<dnc>[0-3]?\d)[./](?P<dnd>[01]?\d)[./]"
        + rf"(?P<dny>(?:19|20)\d\d|\d\d){_END}",
    ),
    ("r_iso", NUMGUARD + _iso("ia", with_time=False) + _CONN + _iso("ib", with_time=False)),
    (
        "r_my_num",
        NUMGUARD
        + r"(?P<nm1>[01]?\d)(?P<ns1>[./])(?P<ny1>(?:19|20)\d\d)"
        + _CONN
        + rf"(?P<nm2>[01]?\d)(?P=ns1)(?P<ny2>(?:19|20)\d\d){_END}",
    ),
    # "1 - 5 Feb 2025", "28-31 May 2024", "from the 16th to the 19th June 2019"
    (
        "r_ddm",
        NUMGUARD
        + _the_day("dd1", words=False)
        + _CONN
        + _the_day("dd2", words=False)
        + r"(?:\s+of)?\s{1,3}"
        + _month("ddm")
        + f"(?:{_year_tail('ddy')})?",
    ),
    # "29 Oct – 1 Nov 2023", "29 Oct 2023 – 1 Nov 2023"
    (
        "r_dmdm",
        NUMGUARD
        + _dm("e", words=False)
        + f"(?:{_year_tail('ey')})?"
        + _CONN
        + _dm("f", words=False)
        + f"(?:{_year_tail('fy')})?",
    ),
    # "Oct 29 - Nov 1, 2019", "from February 27 to March 1 2024"
    (
        "r_mdmd",
        _md("g", words=False)
        + f"(?:{_year_tail('gy')})?"
        + _CONN
        + _md("h", words=False)
        + f"(?:{_year_tail('hy')})?",
    ),
    # "Oct 29 - 31, 2019", "June 3–5"
    ("r_mdd", _md("k", words=False) + _CONN + _day("ld", words=False) + f"(?:{_year_tail('ly')})?"),
    # "Nov. 2023 - Jan. 2024", "May–June 2024"
    ("r_mm", _month("mm1") + f"(?:{_year_tail('my1')})?" + _CONN + _month("mm2") + _year_tail("my2")),
    # "2019–2023"
    ("r_yy", NUMGUARD + _year("yy1") + r"\s*(?:[-–—]|\sto\s)\s*" + _year("yy2")),
    # ---- lists of days: "June 3 and 4" (one range), "on 3, 5 and 7 June" (three dates) ----
    (
        "l_md",
        _md("lm", words=False)
        + rf"(?P<lmore>(?:\s*,\s*|\s*,?\s+and\s+|\s*&\s*){_day('lx', words=False)}){{1,6}}"
        + f"(?:{_year_tail('lmy')})?",
    ),
    (
        "l_dm",
        NUMGUARD
        + _the_day("ld1", words=False)
        + rf"(?P<ldmore>(?:\s*,\s*|\s*,?\s+and\s+|\s*&\s*){_the_day('ly1', words=False)}){{1,6}}"
        + r"(?:\s+of)?\s{1,3}"
        + _month("ldm")
        + f"(?:{_year_tail('ldy')})?",
    ),
    # ---- single dates ----
    ("iso", NUMGUARD + _iso("o", with_time=True)),
    ("ymd", NUMGUARD + _ymd("t")),
    # "2025年12月3日", "2025 年 12 月", "2025년 12월 3일": year, month and perhaps day, each with
    # its Chinese, Japanese or Korean counter
    (
        "cjk",
        r"(?<![0-9A-Za-z/.\-–—:+'’])"  # (after a CJK character too: "于2024年5月")
        + r"(?P<cjy>(?:19|20)\d\d)\s?[年년]\s?(?P<cjm>1[0-2]|0?[1-9])\s?[月월]"
        + r"(?:\s?(?P<cjd>3[01]|[12]\d|0?[1-9])\s?[日일])?",
    ),
    # "23/Nov/2019", "23-Nov-19"
    (
        "d_mon_y",
        NUMGUARD
        + r"(?P<zd>[0-3]?\d)(?P<zs>[/\-.])"
        + _month("zm")
        + r"(?P=zs)(?P<zy>(?:19|20)\d\d|\d\d)(?!\d)",
    ),
    ("dmy_num", NUMGUARD + _dmy_num("u")),
    # "07 11 2023": day, month and year apart, two digits each (the order settled like 07/11/2023)
    ("dmy_spaced", NUMGUARD + r"(?P<sa>[0-3]\d) (?P<sb>[01]\d) (?P<sy>(?:19|20)\d\d)(?!\d)"),
    ("ym_num", NUMGUARD + rf"(?P<ymy>(?:19|20)\d\d)[./\-](?P<ymm>[01]?\d){_END}"),
    ("my_num", NUMGUARD + rf"(?P<mym>[01]?\d)[./\-](?P<myy>(?:19|20)\d\d){_END}"),
    # "4/18", "18 / 4", "4-18": a yearless day and month (only where a date is expected)
    ("dm_short", NUMGUARD + r"(?P<sha>[0-3]?\d)\s?(?P<shs>[/.\-])\s?(?P<shb>[0-3]?\d)(?![\d/]|[.\-]\d)"),
    ("dm", NUMGUARD + _dm("v") + f"(?:{_year_tail('vy')})?"),
    ("md", _md("w") + f"(?:{_year_tail('wy')})?"),
    # "May 2025", "June'18"; "Apr-2025", "Apr-25": a month and its year joined by a dash, as
    # spreadsheets show them (Excel's "mmm-yy"; a day and month there is "25-Apr"), two digits
    # the year, not a day: "Apr-25" is April 2025
    (
        "my",
        _month("xm") + rf"(?:{_year_tail('xy')}|-(?:(?P<xd>(?:19|20)\d\d)|(?P<xds>\d\d))(?![\d\w]|[-/.]\d))",
    ),
    # "2025 Sept", "2025, July": a year then a month name (labels of news lists)
    ("ym_word", NUMGUARD + _year("ywy") + r"\s{0,2},?\s{1,3}" + _month("ywm") + r"(?!\s{0,3}\d)"),
    ("season", r"(?<![A-Za-z])(?P<sname>(?i:spring|summer|fall|autumn|winter))\s{1,3}" + _year("sny")),
    # "early June", "mid-July 2025", "late Aug", "the beginning of April", "end of May": a third
    # of a month, approximate
    (
        "part_month",
        r"(?<![A-Za-z])(?:(?i:the)\s+)?(?P<pmw>(?i:early|mid|late|beginning\s+of|start\s+of|middle\s+of|end\s+of))"
        r"(?:-|\s{1,3})(?:(?i:the)\s+)?" + _month("pmm") + f"(?:{_year_tail('pmy')})?",
    ),
    # "early 2024", "mid-2024", "late 2023", "the end of 2019", "at the start of 2026": a third of
    # the year, approximate
    (
        "part",
        r"(?<![A-Za-z])(?:(?i:the)\s+)?(?P<pname>(?i:early|mid|late|beginning\s+of|start\s+of|middle\s+of"
        r"|end\s+of))(?:\s{1,3}|-)(?:(?i:the\s+year)\s+)?" + _year("pty"),
    ),
    # "the first Tuesday of October", "last Friday in May 2025"
    (
        "nth_weekday",
        r"(?<![A-Za-z])(?:(?i:the)\s+)?(?P<nwn>(?i:first|second|third|fourth|fifth|last|1st|2nd|3rd|4th|5th))"
        rf"\s+(?P<nwd>(?i:{WEEKDAY_WORDS}))\s+(?i:of|in)\s+" + _month("nwm") + f"(?:{_year_tail('nwy')})?",
    ),
    (
        "holiday",
        r"(?<![A-Za-z])(?P<hol>(?i:christmas\s+eve|christmas(?:\s+day)?|new\s+year(?:'|’)?s?\s+(?:eve|day)"
        r"|halloween))(?![A-Za-z])" + f"(?:{_year_tail('hoy')})?",
    ),
    (
        "relative",
        r"(?<![A-Za-z])(?P<rel>(?i:today|tonight|yesterday|tomorrow|(?P<relw>this|next|last|coming|past)\s+"
        rf"(?:(?P<relu>week|month|year)|(?P<reld>{WEEKDAY_WORDS})\.?|(?P<relm>{MONTH_WORDS})\.?)))"
        r"(?![A-Za-z])",
    ),
    # "Tuesday", "on Thu": the weekday alone (a date right after it is read with it)
    ("weekday", rf"(?<![A-Za-z])(?P<wdn>(?i:{WEEKDAY_WORDS}))\.?(?![A-Za-z])"),
    # "March", "in September": a month alone (in free text only after a word that asks for a date)
    ("month", _month("om") + r"(?!\s{0,3}(?:\d|['’‘]\s{0,2}\d))"),
    # "2024", and "2024年" ("2024年度", "2015年頃", "2024년") with its counter, which is part of it
    ("year", NUMGUARD + _year("yr") + r"(?:\s?[年년](?:度|頃|ごろ|경)?)?"),
    # "3:30pm", "18h30", "2–3:30 pm", "noon": a time without a date (today's, or the date after it)
    ("clock", NUMGUARD + "(?:" + _TIME_FIRST + "|" + _NAMED_FIRST + ")"),
]

_WORD_STARTS = frozenset(
    {"r_mdmd", "r_mdd", "r_mm", "l_md", "md", "my", "season", "part_month", "part", "holiday", "relative"}
    | {"weekday", "month"}
)


_RANGES = frozenset(
    {"r_num", "r_dd_num", "r_dm_num", "r_iso", "r_my_num", "r_ddm", "r_dmdm", "r_mdmd", "r_mdd", "r_mm"}
    | {"r_yy"}
)
_LISTS = frozenset({"l_md", "l_dm"})
# Ranges need a connector and lists a comma, "and" or "&" within reach: one cheap look ahead skips a
# whole block of forms that would otherwise each read "5 May 2024" before failing.
_RANGE_AHEAD = r"(?=.{0,80}?(?:[-–—~]|\s(?i:to|till|until|through|thru)\s))"
_LIST_AHEAD = r"(?=.{0,80}?(?:,|&|\s(?i:and)\s))"


def _master(names: list[str]) -> re.Pattern[str]:
    def block(members: list[tuple[str, str]]) -> str:
        return "|".join(f"(?P<{name}>{pattern})" for name, pattern in members)

    chosen = [(name, pattern) for name, pattern in _ALTERNATIVES if name in names]
    ranges = [alt for alt in chosen if alt[0] in _RANGES]
    lists = [alt for alt in chosen if alt[0] in _LISTS]
    singles = [alt for alt in chosen if alt[0] not in _RANGES | _LISTS]
    parts = []
    if ranges:
        parts.append(f"{_RANGE_AHEAD}(?:{block(ranges)})")
    if lists:
        parts.append(f"{_LIST_AHEAD}(?:{block(lists)})")
    parts.append(block(singles))
    return re.compile("|".join(parts))


# Scanning uses two halves of the grammar, chosen by the first character of a candidate token
# (a digit or "the", or a word such as a month name); a few forms start either way.
_EITHER = frozenset({"nth_weekday"})
NUMBER_MASTER = _master([name for name, _ in _ALTERNATIVES if name not in _WORD_STARTS])
WORD_MASTER = _master([name for name, _ in _ALTERNATIVES if name in _WORD_STARTS | _EITHER])

# Candidate tokens: digit runs and words. Only these positions are tried against the masters,
# which keeps scanning cheap on long text with few dates.
TOKEN = re.compile(r"[0-9]+|[^\W\d_]{3,}")
TRIGGERS = frozenset(
    {"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"}
    | {name[:3] for name in FOREIGN_MONTHS}
    | {"spr", "sum", "fal", "aut", "win", "tod", "yes", "tom", "thi", "nex", "las", "ear", "mid", "lat"}
    | {"beg", "sta", "end", "chr", "new", "hal", "com", "pas", "the"}
    | set(WEEKDAYS)
)
# Words that start a day ("the first of May"): tried against the number half of the grammar.
ORDINAL_STARTS = frozenset(w.split(" ")[0].split("-")[0] for w in ORDINAL_WORDS) | {"twenty", "thirty"}
# "Tuesday the 19th", "Thu 15th": a weekday and a day of the month alone.
DAY_ORDINAL = re.compile(r"(?P<d>[0-3]?\d)(?:st|nd|rd|th)(?![A-Za-z0-9])")
# "half past 3pm", "quarter to 11": minutes written before the hour they count from.
PAST_HOUR = re.compile(
    r"(?i:(?P<q>half|(?:a\s)?quarter|[0-5]?\d)(?:\s+minutes?)?\s+(?P<w>past|after|to))\s+$"
)
# "between 9:30 and 11:00": a range of times written with "between ... and".
BETWEEN_BEFORE = re.compile(r"(?i:between)\s+$")
AND_CLOCK = re.compile(r"\s+(?i:and)\s+" + _clock_pattern("e") + r"(?![\d:]|\.\d)")
# Named times that may start a time ("noon on Friday").
NAMED_TIME_WORDS = frozenset({"noon", "midnight"})
# A month glued to a capital inside a word: "LGMar 25, 2022" (arXiv category code, then the date).
GLUED_MONTH = re.compile(r"(?<=[A-Z])(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)")

# Yearless numeric day and month ("4/5"): only where a whole field holds a date (parse, not find).
DAY_MONTH_NUM = re.compile(r"^\s*(?P<a>[0-3]?\d)(?P<s>[./])(?P<b>[0-3]?\d)\s*$")

_OFFSET = r"(?:UTC|GMT)\s?[+\-−]\s?\d{1,2}(?::?\d\d)?(?!\d)"
ZONE = (
    r"(?P<zone>(?i:a\.o\.e\.|aoe|anywhere\s+on\s+earth)(?![A-Za-z])"
    rf"|{_OFFSET}"
    r"|(?:UTC|GMT|Z)(?![A-Za-z])"
    r"|[+\-−]\d\d:?\d\d(?!\d)"
    r"|(?:Africa|America|Antarctica|Asia|Atlantic|Australia|Europe|Indian|Pacific|Etc)/[A-Za-z_]{2,30}"
    r"(?:/[A-Za-z_]{2,30})?"
    r"|(?:[A-Z][a-z]{1,20}\s){1,2}(?:Standard\s|Daylight\s)?Time(?![A-Za-z])"
    r"|[A-Z]{1,5}(?![A-Za-z])"
    r"|(?i:cest|cet|bst|pst|pdt|est|edt|cst|cdt|mst|mdt|gmt|utc|jst|kst|ist|eet|eest|wet|west|aest|aedt"
    r"|acst|acdt|awst|hkt|sgt|msk|nzst|nzdt|akst|akdt|hst)(?![A-Za-z]))"
    rf"(?:\s?\(\s?(?P<zone2>{_OFFSET})\s?\))?"
)
ZONE_AFTER = re.compile(r"\s{0,3}(?P<zopen>\()?\s{0,2}" + ZONE + r"(?(zopen)\s{0,2}\))")
ZONE_ANY = re.compile(r"(?<![\w])" + ZONE)
CLOSE_PAREN = re.compile(r"\s{0,2}\)")

# "(All dates are in 11.59pm AOE)", "All deadlines are at 23:59 Anywhere on Earth".
NOTE_HEAD = re.compile(
    r"(?i:\ball\s+(?:the\s+)?(?:dates|deadlines|times)\b(?:\s+(?:are|is|listed|above|below|shown)){0,3})"
)

# Venue editions: an acronym-like or known name followed by a year ("NeurIPS 2023", "ICLR-2023",
# "NeurIPS'24", "IBIS2023"). The name has at least two capitals, or is a known venue word.
VENUE = re.compile(
    r"(?<![\w])(?P<name>[A-Z][A-Za-z]{0,15}[A-Z][A-Za-z]{0,15}|Interspeech|Eurographics|Eurocrypt|Crypto"
    r"|Usenix|Siggraph|Neurips|Sigmod)(?:[\s\-]?(?P<y>(?:19|20)\d\d)|['’](?P<yy>\d\d))(?!\d)"
)
VENUE_BEFORE = re.compile(
    r"(?:[A-Z][A-Za-z]{0,15}[A-Z][A-Za-z]{0,15}|Interspeech|Eurographics|Usenix|Siggraph)[\s\-]?$"
)
