"""The regular grammar of dates as people write them.

One master pattern holds every form as a named alternative (ranges first, then single dates, then
seasons, relative words and bare years); ``Match.lastgroup`` names the form that matched and the
semantic side (``parser.py``) turns its groups into a :class:`FuzzyDate`. Every quantifier is
bounded or runs over a single character class, so matching is linear in the input: there is no
catastrophic backtracking to fear on long or hostile text.
"""

from __future__ import annotations

import re

MONTH_WORDS = (
    r"jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?"
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
    return rf"{_ML}(?P<{n}>(?i:{MONTH_WORDS}))(?![A-Za-z])\.?"


def _day(n: str) -> str:
    return rf"(?P<{n}>3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?(?!\d)"


def _the_day(n: str) -> str:
    return rf"(?:(?<![\w])the\s+)?{_day(n)}"


def _year(n: str) -> str:
    return rf"(?P<{n}>(?:19|20)\d\d)(?!\d)"


def _year_tail(n: str) -> str:
    """ ", 2022", " 2025", "'18" after a month or a day."""
    return rf"(?:\s{{0,3}},?\s{{0,3}}{_year(n)}|\s{{0,2}}['’‘](?P<{n}s>\d\d)(?!\d))"


def _dm(n: str) -> str:
    """ "1 Feb", "18th Nov", "the 16th of June"."""
    return rf"{_the_day(n + 'd')}(?:\s+of)?\s{{0,3}}{_month(n + 'm')}"


def _md(n: str) -> str:
    """ "Feb 2", "March 21th"."""
    return rf"{_month(n + 'm')}\s{{0,3}}{_day(n + 'd')}"


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
    """ "2023.9.23", "2024/05/28"."""
    return rf"(?P<{n}y>(?:19|20)\d\d)(?P<{n}s>[./])(?P<{n}m>[01]?\d)(?P={n}s)(?P<{n}d>[0-3]?\d){_END}"


_ALTERNATIVES: list[tuple[str, str]] = [
    # ---- ranges (tried first: the longest reading wins) ----
    ("r_num", NUMGUARD + _dmy_num("p", end=False) + _CONN + _dmy_num("q")),
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
        + _the_day("dd1")
        + _CONN
        + _the_day("dd2")
        + r"(?:\s+of)?\s{1,3}"
        + _month("ddm")
        + f"(?:{_year_tail('ddy')})?",
    ),
    # "29 Oct – 1 Nov 2023", "29 Oct 2023 – 1 Nov 2023"
    (
        "r_dmdm",
        NUMGUARD + _dm("e") + f"(?:{_year_tail('ey')})?" + _CONN + _dm("f") + f"(?:{_year_tail('fy')})?",
    ),
    # "Oct 29 - Nov 1, 2019", "from February 27 to March 1 2024"
    ("r_mdmd", _md("g") + f"(?:{_year_tail('gy')})?" + _CONN + _md("h") + f"(?:{_year_tail('hy')})?"),
    # "Oct 29 - 31, 2019", "June 3–5"
    ("r_mdd", _md("k") + _CONN + _day("ld") + f"(?:{_year_tail('ly')})?"),
    # "Nov. 2023 - Jan. 2024", "May–June 2024"
    ("r_mm", _month("mm1") + f"(?:{_year_tail('my1')})?" + _CONN + _month("mm2") + _year_tail("my2")),
    # "2019–2023"
    ("r_yy", NUMGUARD + _year("yy1") + r"\s*(?:[-–—]|\sto\s)\s*" + _year("yy2")),
    # ---- single dates ----
    ("iso", NUMGUARD + _iso("o", with_time=True)),
    ("ymd", NUMGUARD + _ymd("t")),
    ("dmy_num", NUMGUARD + _dmy_num("u")),
    ("ym_num", NUMGUARD + rf"(?P<ymy>(?:19|20)\d\d)[./\-](?P<ymm>[01]?\d){_END}"),
    ("my_num", NUMGUARD + rf"(?P<mym>[01]?\d)[./\-](?P<myy>(?:19|20)\d\d){_END}"),
    ("dm", NUMGUARD + _dm("v") + f"(?:{_year_tail('vy')})?"),
    ("md", _md("w") + f"(?:{_year_tail('wy')})?"),
    ("my", _month("xm") + _year_tail("xy")),
    ("season", r"(?<![A-Za-z])(?P<sname>(?i:spring|summer|fall|autumn|winter))\s{1,3}" + _year("sny")),
    # "early 2024", "mid-2024", "late 2023": a third of the year, approximate
    ("part", r"(?<![A-Za-z])(?P<pname>(?i:early|mid|late))(?:\s{1,3}|-)" + _year("pty")),
    (
        "relative",
        r"(?<![A-Za-z])(?P<rel>(?i:today|yesterday|tomorrow|(?:this|next|last)\s+(?:week|month|year)))"
        r"(?![A-Za-z])",
    ),
    ("year", NUMGUARD + _year("yr")),
]

_WORD_STARTS = frozenset({"r_mdmd", "r_mdd", "r_mm", "md", "my", "season", "part", "relative"})


def _master(names: list[str]) -> re.Pattern[str]:
    return re.compile("|".join(f"(?P<{name}>{pattern})" for name, pattern in _ALTERNATIVES if name in names))


# Scanning uses two halves of the grammar, chosen by the first character of a candidate token
# (a digit or "the", or a word such as a month name).
NUMBER_MASTER = _master([name for name, _ in _ALTERNATIVES if name not in _WORD_STARTS])
WORD_MASTER = _master([name for name, _ in _ALTERNATIVES if name in _WORD_STARTS])

# Candidate tokens: digit runs and words. Only these positions are tried against the masters,
# which keeps scanning cheap on long text with few dates.
TOKEN = re.compile(r"[0-9]+|[A-Za-z]{3,}")
TRIGGERS = frozenset(
    {"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"}
    | {"spr", "sum", "fal", "aut", "win", "tod", "yes", "tom", "thi", "nex", "las", "ear", "mid", "lat"}
)
# A month glued to a capital inside a word: "LGMar 25, 2022" (arXiv category code, then the date).
GLUED_MONTH = re.compile(r"(?<=[A-Z])(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)")

# Yearless numeric day and month ("4/5"): only where a whole field holds a date (parse, not find).
DAY_MONTH_NUM = re.compile(r"^\s*(?P<a>[0-3]?\d)(?P<s>[./])(?P<b>[0-3]?\d)\s*$")

AMPM = r"[AaPp]\.?[Mm]\.?(?![A-Za-z])"
_TIME = (
    rf"(?P<h>[01]?\d|2[0-3])(?:(?P<sep>[:.h])(?P<mi>[0-5]\d))?\s?(?P<ap>{AMPM})?"
    rf"(?:\s*[-–—]\s*(?P<h2>[01]?\d|2[0-3])(?:(?P<sep2>[:.h])(?P<mi2>[0-5]\d))?\s?(?P<ap2>{AMPM})?)?"
    r"(?!\d)"
)
_NAMED_TIME = r"(?P<named>(?i:noon|midnight))"
TIME_AFTER = re.compile(
    r"\s{0,3}(?P<open>\()?(?:,|\s(?:at|@)\s|@)?\s{0,3}(?:" + _TIME + "|" + _NAMED_TIME + ")"
)
TIME_ANY = re.compile(r"(?<![\w.:])(?:" + _TIME + "|" + _NAMED_TIME + ")")

_OFFSET = r"(?:UTC|GMT)\s?[+\-−]\s?\d{1,2}(?::?\d\d)?(?!\d)"
ZONE = (
    r"(?P<zone>(?i:a\.o\.e\.|aoe|anywhere\s+on\s+earth)(?![A-Za-z])"
    rf"|{_OFFSET}"
    r"|(?:UTC|GMT|Z)(?![A-Za-z])"
    r"|[+\-−]\d\d:?\d\d(?!\d)"
    r"|(?:Africa|America|Antarctica|Asia|Atlantic|Australia|Europe|Indian|Pacific|Etc)/[A-Za-z_]{2,30}"
    r"(?:/[A-Za-z_]{2,30})?"
    r"|(?:[A-Z][a-z]{1,20}\s){1,2}(?:Standard\s|Daylight\s)?Time(?![A-Za-z])"
    r"|[A-Z]{1,5}(?![A-Za-z]))"
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
