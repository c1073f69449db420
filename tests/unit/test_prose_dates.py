"""Dates as announcements write them in sentences: times, weekdays, bare and relative months,
ordinals in words, yearless numerics, holidays and zone abbreviations — each read whole by
``parse`` and inside a sentence by ``find_dates`` (with its offset), and the things that are not
dates still not found."""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Callable

import pytest

from newsfeed.domain.dates import DateParseError, FuzzyDate, find_dates, parse
from tests.scaling import LINEAR_WHEN_QUADRUPLED, linear_growth

D = dt.date
WED = D(2025, 3, 5)  # a Wednesday


def _utc(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text).replace(tzinfo=dt.UTC)


# (text, today, expected fields); "flags" lists the boolean flags that must be set (and only those)
CASES: list[tuple[str, dt.date, dict[str, object]]] = [
    # a time before or after the date
    ("Thu 14 Nov at 3:30pm", D(2024, 10, 1), {"start": D(2024, 11, 14), "time": "15:30"}),
    ("at 10am on Monday, 3 June", D(2024, 5, 20), {"start": D(2024, 6, 3), "time": "10:00"}),
    ("5/17 at 2:00 PM", WED, {"start": D(2025, 5, 17), "time": "14:00"}),
    ("June 5, 2025 14h", WED, {"start": D(2025, 6, 5), "time": "14:00"}),
    ("18h30", WED, {"start": WED, "time": "18:30"}),
    ("9h", WED, {"start": WED, "time": "09:00"}),
    ("noon", WED, {"start": WED, "time": "12:00"}),
    ("3p", WED, {"start": WED, "time": "15:00"}),
    ("4p.m.", WED, {"start": WED, "time": "16:00"}),
    ("15:23:24", WED, {"start": WED, "time": "15:23"}),
    ("half past 3 pm", WED, {"start": WED, "time": "15:30"}),
    ("a quarter to 11am", WED, {"start": WED, "time": "10:45"}),
    ("3 o'clock pm", WED, {"start": WED, "time": "15:00"}),
    # time ranges, with or without a date and zone
    ("2–3:30 pm", WED, {"start": WED, "time": "14:00", "end_time": "15:30"}),
    (
        "10:00-11:30 CET",
        WED,
        {
            "start": WED,
            "time": "10:00",
            "end_time": "11:30",
            "tz": "UTC+01:00",
            "instant": _utc("2025-03-05T09:00"),
        },
    ),
    ("14h-17h30", WED, {"start": WED, "time": "14:00", "end_time": "17:30"}),
    ("1:30–3", WED, {"start": WED, "time": "13:30", "end_time": "15:00"}),
    ("11:30-1:30", WED, {"start": WED, "time": "11:30", "end_time": "13:30"}),
    ("13:00 UTC – 15:00 UTC", WED, {"time": "13:00", "end_time": "15:00", "tz": "UTC"}),
    ("at 5pm BST", WED, {"time": "17:00", "instant": _utc("2025-03-05T16:00"), "flags": {"zone_ambiguous"}}),
    ("3pm (BST)", WED, {"time": "15:00", "instant": _utc("2025-03-05T14:00"), "flags": {"zone_ambiguous"}}),
    ("5pm cest", WED, {"time": "17:00", "instant": _utc("2025-03-05T15:00")}),
    (
        "between 9:30 and 11:00 on Thursday",
        WED,
        {"start": D(2025, 3, 6), "time": "09:30", "end_time": "11:00"},
    ),
    # weekdays
    ("Tuesday at 4pm", WED, {"start": D(2025, 3, 11), "time": "16:00"}),
    ("this Friday", WED, {"start": D(2025, 3, 7), "grain": "day"}),
    ("next Wed", WED, {"start": D(2025, 3, 12), "grain": "day"}),
    ("Thu 9 am PST", WED, {"start": D(2025, 3, 6), "time": "09:00", "instant": _utc("2025-03-06T17:00")}),
    ("Sat, Mar 5", D(2022, 1, 10), {"start": D(2022, 3, 5), "grain": "day"}),
    ("Sat, Mar 5", D(2022, 3, 6), {"start": D(2033, 3, 5), "grain": "day"}),  # the next such Saturday
    ("Thursday 4/7", D(2022, 1, 10), {"start": D(2022, 4, 7)}),
    ("Thursday 7/4", D(2022, 1, 10), {"start": D(2022, 4, 7)}),  # only one reading is a Thursday
    ("Tuesday the 19th", D(2013, 2, 12), {"start": D(2013, 2, 19)}),
    ("Monday, 5 June 2025", WED, {"start": D(2025, 6, 5), "flags": {"weekday_conflict"}}),
    ("the first Tuesday of October", WED, {"start": D(2024, 10, 1)}),
    ("last Friday of May 2025", WED, {"start": D(2025, 5, 30)}),
    # bare and relative months, thirds of months and years
    ("March", WED, {"start": D(2025, 3, 1), "end": D(2025, 3, 31), "grain": "month"}),
    ("in September", WED, {"start": D(2025, 9, 1), "grain": "month"}),
    ("during May", WED, {"start": D(2025, 5, 1), "grain": "month"}),
    ("this October", WED, {"start": D(2025, 10, 1), "grain": "month"}),
    ("next month", WED, {"start": D(2025, 4, 1), "end": D(2025, 4, 30), "grain": "month"}),
    ("next March", WED, {"start": D(2026, 3, 1), "grain": "month"}),
    ("early June", WED, {"start": D(2025, 6, 1), "end": D(2025, 6, 10), "flags": {"approximate"}}),
    ("mid-July", WED, {"start": D(2025, 7, 11), "end": D(2025, 7, 20), "flags": {"approximate"}}),
    ("late Aug", WED, {"start": D(2025, 8, 21), "end": D(2025, 8, 31), "flags": {"approximate"}}),
    ("beginning of April", WED, {"start": D(2025, 4, 1), "end": D(2025, 4, 10), "flags": {"approximate"}}),
    ("the end of 2019", WED, {"start": D(2019, 9, 1), "end": D(2019, 12, 31), "flags": {"approximate"}}),
    ("at the start of 2026", WED, {"start": D(2026, 1, 1), "end": D(2026, 4, 30), "flags": {"approximate"}}),
    # ordinals in words and odd orders
    ("the first of May", WED, {"start": D(2025, 5, 1), "grain": "day"}),
    ("May first", WED, {"start": D(2025, 5, 1)}),
    ("second of June", WED, {"start": D(2025, 6, 2)}),
    ("October the 3rd", WED, {"start": D(2024, 10, 3)}),
    ("3rd of October 2024", WED, {"start": D(2024, 10, 3)}),
    ("7th to 9th Oct", WED, {"start": D(2024, 10, 7), "end": D(2024, 10, 9)}),
    ("June 3 and 4", WED, {"start": D(2025, 6, 3), "end": D(2025, 6, 4)}),
    # yearless and unusual numerics
    ("on 4/18", WED, {"start": D(2025, 4, 18)}),
    ("18 / 4", WED, {"start": D(2025, 4, 18)}),
    ("18-4", WED, {"start": D(2025, 4, 18)}),
    ("07 11 2023", WED, {"start": D(2023, 11, 7), "flags": {"ambiguous"}}),
    ("11.23.2019", WED, {"start": D(2019, 11, 23)}),
    ("23/Nov/2019", WED, {"start": D(2019, 11, 23)}),
    ("23-Nov-19", WED, {"start": D(2019, 11, 23)}),
    # holidays
    ("New Year's Eve", WED, {"start": D(2024, 12, 31), "grain": "day"}),
    ("Christmas", WED, {"start": D(2024, 12, 25)}),
    ("Christmas Eve 2025", WED, {"start": D(2025, 12, 24)}),
    ("Halloween", WED, {"start": D(2024, 10, 31)}),
]

_FLAGS = ("ambiguous", "approximate", "zone_ambiguous", "weekday_conflict")


def _check(value: FuzzyDate, expected: dict[str, object]) -> None:
    for key, want in expected.items():
        if key == "flags":
            continue
        assert getattr(value, key) == want, (key, value)
    if "time" in expected:
        assert value.grain == "minute"
    if "start" in expected and "end" not in expected and value.grain in ("day", "minute"):
        assert value.end == value.start
    flags = expected.get("flags", set())
    assert {f for f in _FLAGS if getattr(value, f)} == flags


@pytest.mark.parametrize(("text", "today", "expected"), CASES, ids=[f"{c[0]}@{c[1]}" for c in CASES])
def test_parse_reads_the_form(text: str, today: dt.date, expected: dict[str, object]) -> None:
    _check(parse(text, today=today), expected)


# The same forms inside a sentence. Words that are dates only where one is expected (a month or a
# weekday alone, a yearless "4/18") get the preposition announcements put before them.
_NEEDS_ON = {"18 / 4", "18-4", "Sat, Mar 5", "Thursday 4/7", "Thursday 7/4", "Tuesday the 19th", "March"}


@pytest.mark.parametrize(("text", "today", "expected"), CASES, ids=[f"{c[0]}@{c[1]}" for c in CASES])
def test_find_dates_reads_the_form_inside_a_sentence(
    text: str, today: dt.date, expected: dict[str, object]
) -> None:
    phrase = ("in " if text == "March" else "on " if text in _NEEDS_ON else "") + text
    sentence = f"Reminder: our reading group meets {phrase}, everyone is welcome."
    found = find_dates(sentence, today=today)
    assert len(found) == 1, found
    match = found[0]
    assert sentence[match.offset : match.offset + match.length] == match.text
    assert text in sentence[match.offset - 3 : match.offset + match.length + 1] or match.text in phrase
    _check(match.date, expected)


def test_a_list_of_days_is_one_date_each() -> None:
    found = find_dates("Sessions on 3, 5 and 7 June in room B.", today=WED)
    assert [m.date.start for m in found] == [D(2025, 6, 3), D(2025, 6, 5), D(2025, 6, 7)]
    assert parse("June 3 and 5", today=WED).start == D(2025, 6, 3)  # two dates: the field gives the first


@pytest.mark.parametrize("after", [".", ",", ")", ";", ":", "!", ". Late submissions are not accepted."])
def test_punctuation_after_a_zone_keeps_the_instant(after: str) -> None:
    text = f"1 Feb 2025, 11.59pm AoE{after}"
    value = parse(text, today=WED) if after.strip() in ".,;:!" else None
    found = find_dates(f"(Deadline: {text}", today=WED)
    instants = [m.date.instant for m in found]
    assert instants == [_utc("2025-0202T11:59".replace("02T", "-02T"))]
    if value is not None:
        assert value.instant == _utc("2025-02-02T11:59")


@pytest.mark.parametrize(
    ("text", "time_"),
    [
        ("Talk on 3 June 2025 at 4pm.", "16:00"),
        ("Talk on 3 June 2025, 14h30;", "14:30"),
        ("(3 June 2025 10:00)", "10:00"),
    ],
)
def test_punctuation_after_a_time_or_a_date_keeps_it(text: str, time_: str) -> None:
    (match,) = find_dates(text, today=WED)
    assert (match.date.start, match.date.time) == (D(2025, 6, 3), time_)


@pytest.mark.parametrize(
    ("text", "name"),
    [("3pm CETT", "CETT"), ("10:00 (PTS)", "PTS"), ("1 Feb 2025 10:00 Europe/Viena", "Europe/Viena")],
)
def test_a_misspelled_zone_is_an_error_naming_it(text: str, name: str) -> None:
    with pytest.raises(DateParseError, match=f"unknown time zone '{name}'"):
        parse(text, today=WED)


def test_ist_is_flagged_as_ambiguous() -> None:
    assert parse("3pm IST", today=WED).zone_ambiguous
    assert not parse("3pm JST", today=WED).zone_ambiguous


@pytest.mark.parametrize(
    "sentence",
    [
        "See pages 4-18 of the proceedings.",
        "Our team won 18-4 in the final.",
        "arXiv:2403.12345v2 is out.",
        "Version 1.2.3 fixes the bug.",
        "The talk is in room 3.14.",
        "We accepted 3 and 4 papers in two rounds.",
        "March of progress: the first of many results.",
        "Sun Microsystems donated 12 machines.",
        "We may run 2 sessions.",
        "It scored 7/10 from 2 reviewers.",
        "Halve the error at 10 times the speed.",
    ],
)
def test_prose_that_holds_no_date_gives_none(sentence: str) -> None:
    assert find_dates(sentence, today=WED) == []


@pytest.mark.parametrize(
    "text",
    [
        "Tuesday at " * 90_000,
        "3, " * 330_000 + "June",
        "between 9:30 and " * 58_000,
        "half past " * 100_000,
        "the first " * 100_000,
        "1:30–" * 200_000,
        "Thu 14 Nov at 3:30pm " * 47_000,
        "early " * 166_000,
        "on 4/18 " * 125_000,
    ],
    ids=[
        "weekdays",
        "list",
        "between",
        "half-past",
        "ordinals",
        "time-ranges",
        "announcements",
        "parts",
        "numerics",
    ],
)
@pytest.mark.slow
def test_one_megabyte_of_hostile_prose_costs_linear_time(text: str) -> None:
    def prepare(n: int) -> Callable[[], object]:
        part = text[:n]

        def work() -> None:
            with contextlib.suppress(DateParseError):
                find_dates(part, today=WED)
            with contextlib.suppress(DateParseError):
                parse(part[:10_000], today=WED)

        return work

    # an eighth, then half a megabyte: about four times the time (backtracking would take hours)
    assert linear_growth(prepare, 125_000) < LINEAR_WHEN_QUADRUPLED
