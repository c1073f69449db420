"""The fuzzy date engine: the seed corpus, our own cases for every form, errors, display, properties."""

from __future__ import annotations

import contextlib
import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsfeed.domain.dates import DateParseError, FuzzyDate, find_dates, find_venues, infer_date_order, parse
from tests.scaling import LINEAR_WHEN_QUADRUPLED, linear_growth

FIXTURES = Path(__file__).parent.parent / "fixtures"
TODAY = dt.date(2025, 3, 1)
D = dt.date


def p(text: str, **kw: object) -> FuzzyDate:
    kw.setdefault("today", TODAY)
    return parse(text, **kw)  # type: ignore[arg-type]


def f(text: str, **kw: object) -> list[tuple[str, str, str]]:
    kw.setdefault("today", TODAY)
    return [(m.date.start.isoformat(), m.date.end.isoformat(), m.date.grain) for m in find_dates(text, **kw)]  # type: ignore[arg-type]


# ---------------------------------------------------------------------------------------------
# the seed corpus, copied from ../shared/corpus/dates.jsonl


def _corpus() -> list[dict[str, object]]:
    return [json.loads(line) for line in (FIXTURES / "dates.jsonl").read_text().splitlines() if line.strip()]


@pytest.mark.parametrize("case", _corpus(), ids=lambda c: f"{c['mode']}:{c['text']}")
def test_seed_corpus(case: dict[str, object]) -> None:
    from newsfeed.domain.dates.batch import answer_line

    got = json.loads(
        answer_line(
            json.dumps({k: case[k] for k in ("mode", "text", "today", "date_order", "prefer") if k in case})
        )
    )
    expect = case["expect"]
    keys = ("start", "end", "grain", "time", "tz", "instant")
    if case["mode"] == "parse":
        assert isinstance(expect, dict)
        if expect.get("error"):
            assert got.get("error")
        else:
            assert {k: got.get(k) for k in keys if k in expect} == {k: expect[k] for k in keys if k in expect}
    else:
        assert isinstance(expect, list)
        found = got["dates"]
        assert len(found) == len(expect)
        for want, have in zip(expect, found, strict=True):
            assert {k: have.get(k) for k in keys if k in want} == {k: want[k] for k in keys if k in want}


# ---------------------------------------------------------------------------------------------
# single dates in every written form

SINGLES = [
    # numeric
    ("05/2024", D(2024, 5, 1), D(2024, 5, 31), "month"),
    ("5/2024", D(2024, 5, 1), D(2024, 5, 31), "month"),
    ("2024.05", D(2024, 5, 1), D(2024, 5, 31), "month"),
    ("2024/05", D(2024, 5, 1), D(2024, 5, 31), "month"),
    ("[2024/05]", D(2024, 5, 1), D(2024, 5, 31), "month"),
    ("2024-05", D(2024, 5, 1), D(2024, 5, 31), "month"),
    ("2023.9.23", D(2023, 9, 23), D(2023, 9, 23), "day"),
    ("2023.11.21 |", D(2023, 11, 21), D(2023, 11, 21), "day"),
    ("2024/05/28", D(2024, 5, 28), D(2024, 5, 28), "day"),
    ("2024-5-3", D(2024, 5, 3), D(2024, 5, 3), "day"),
    ("2025年12月3日", D(2025, 12, 3), D(2025, 12, 3), "day"),  # Chinese and Japanese counters
    ("2025 年 12 月", D(2025, 12, 1), D(2025, 12, 31), "month"),
    ("2025년 12월 3일", D(2025, 12, 3), D(2025, 12, 3), "day"),  # Korean
    ("2019. 04. 24", D(2019, 4, 24), D(2019, 4, 24), "day"),  # Korean too: a space after each dot
    ("2018. 3. 15.", D(2018, 3, 15), D(2018, 3, 15), "day"),
    ("2024-05-28", D(2024, 5, 28), D(2024, 5, 28), "day"),
    ("30.06.2025", D(2025, 6, 30), D(2025, 6, 30), "day"),
    ("02.06.22", D(2022, 6, 2), D(2022, 6, 2), "day"),
    ("29/10/2023", D(2023, 10, 29), D(2023, 10, 29), "day"),
    ("10/29/2023", D(2023, 10, 29), D(2023, 10, 29), "day"),
    ("12-05-2024", D(2024, 5, 12), D(2024, 5, 12), "day"),
    # month names
    ("May 2025", D(2025, 5, 1), D(2025, 5, 31), "month"),
    ("Sept. 2024", D(2024, 9, 1), D(2024, 9, 30), "month"),
    ("Sep 2024", D(2024, 9, 1), D(2024, 9, 30), "month"),
    ("SEPTEMBER 2024", D(2024, 9, 1), D(2024, 9, 30), "month"),
    ("Jul. 2023", D(2023, 7, 1), D(2023, 7, 31), "month"),
    ("June'18", D(2018, 6, 1), D(2018, 6, 30), "month"),
    ("June ’18", D(2018, 6, 1), D(2018, 6, 30), "month"),
    ("May' 26", D(2026, 5, 1), D(2026, 5, 31), "month"),  # the mark after the month, then a space
    ("2024年", D(2024, 1, 1), D(2024, 12, 31), "year"),  # the year with its counter, all of it
    ("2024年度", D(2024, 1, 1), D(2024, 12, 31), "year"),
    ("2024년", D(2024, 1, 1), D(2024, 12, 31), "year"),
    ("Dec’ 25", D(2025, 12, 1), D(2025, 12, 31), "month"),
    ("May, 2025", D(2025, 5, 1), D(2025, 5, 31), "month"),
    # a month and its year joined by a dash, as spreadsheets show them ("mmm-yy")
    ("Apr-2019", D(2019, 4, 1), D(2019, 4, 30), "month"),
    ("April-2018", D(2018, 4, 1), D(2018, 4, 30), "month"),
    ("(Apr-17)", D(2017, 4, 1), D(2017, 4, 30), "month"),
    ("Nov-19", D(2019, 11, 1), D(2019, 11, 30), "month"),
    ("**Dec. 2024:**", D(2024, 12, 1), D(2024, 12, 31), "month"),
    ("<b>Jan 2025</b>", D(2025, 1, 1), D(2025, 1, 31), "month"),
    ("1 Feb 2025", D(2025, 2, 1), D(2025, 2, 1), "day"),
    ("21st March 2025", D(2025, 3, 21), D(2025, 3, 21), "day"),
    ("March 21th, 2025", D(2025, 3, 21), D(2025, 3, 21), "day"),
    ("the 16th of June 2019", D(2019, 6, 16), D(2019, 6, 16), "day"),
    ("Mar 25, 2022", D(2022, 3, 25), D(2022, 3, 25), "day"),
    ("Monday, June 3, 2024", D(2024, 6, 3), D(2024, 6, 3), "day"),
    ("LGMar 25, 2022Code", D(2022, 3, 25), D(2022, 3, 25), "day"),
    ("2025", D(2025, 1, 1), D(2025, 12, 31), "year"),
    ("Fall 2023", D(2023, 9, 1), D(2023, 11, 30), "month"),
    ("Spring 2024", D(2024, 3, 1), D(2024, 5, 31), "month"),
    ("Winter 2024", D(2023, 12, 1), D(2024, 2, 29), "month"),
]


@pytest.mark.parametrize(("text", "start", "end", "grain"), SINGLES, ids=[c[0] for c in SINGLES])
def test_single_forms(text: str, start: dt.date, end: dt.date, grain: str) -> None:
    value = p(text)
    assert (value.start, value.end, value.grain) == (start, end, grain)


RANGES = [
    ("1 - 5 Feb 2025", D(2025, 2, 1), D(2025, 2, 5), "day"),
    ("28-31 May 2024", D(2024, 5, 28), D(2024, 5, 31), "day"),
    ("17-21/07/17", D(2017, 7, 17), D(2017, 7, 21), "day"),  # days, then month and year
    ("17.-21.07.2017", D(2017, 7, 17), D(2017, 7, 21), "day"),
    ("28–31 May 2024", D(2024, 5, 28), D(2024, 5, 31), "day"),
    ("28—31 May 2024", D(2024, 5, 28), D(2024, 5, 31), "day"),
    ("06/05/2024 to 12/05/2024", D(2024, 5, 6), D(2024, 5, 12), "day"),
    ("29/10/2023 to 01/11/2023", D(2023, 10, 29), D(2023, 11, 1), "day"),
    ("from February 27 to March 1 2024", D(2024, 2, 27), D(2024, 3, 1), "day"),
    ("Oct 29 - Nov 1, 2019", D(2019, 10, 29), D(2019, 11, 1), "day"),
    ("Oct 29 – 31, 2019", D(2019, 10, 29), D(2019, 10, 31), "day"),
    ("29 Oct – 1 Nov 2023", D(2023, 10, 29), D(2023, 11, 1), "day"),
    ("30 Dec 2023 – 2 Jan 2024", D(2023, 12, 30), D(2024, 1, 2), "day"),
    ("Nov. 2023 - Jan. 2024", D(2023, 11, 1), D(2024, 1, 31), "month"),
    ("May–June 2024", D(2024, 5, 1), D(2024, 6, 30), "month"),
    ("Nov - Jan 2024", D(2023, 11, 1), D(2024, 1, 31), "month"),
    ("from the 16th to the 19th June 2019", D(2019, 6, 16), D(2019, 6, 19), "day"),
    ("16th to 19th of June 2019", D(2019, 6, 16), D(2019, 6, 19), "day"),
    ("2024-05-06 to 2024-05-12", D(2024, 5, 6), D(2024, 5, 12), "day"),
    ("2019–2023", D(2019, 1, 1), D(2023, 12, 31), "year"),
    ("05/2024 - 07/2024", D(2024, 5, 1), D(2024, 7, 31), "month"),
    ("10.12.2023 - 17.12.2023", D(2023, 12, 10), D(2023, 12, 17), "day"),
    # a day and month, a day and month, then the year they share
    ("06.04-08.04.2024", D(2024, 4, 6), D(2024, 4, 8), "day"),
    ("29.02-01.03.2024", D(2024, 2, 29), D(2024, 3, 1), "day"),
    ("6.4.-8.4.2024", D(2024, 4, 6), D(2024, 4, 8), "day"),
    ("30/11-02/12/2025", D(2025, 11, 30), D(2025, 12, 2), "day"),
    ("31.10-1/11/2025", D(2025, 10, 31), D(2025, 11, 1), "day"),
    ("6/3/2024-6/7/2024", D(2024, 3, 6), D(2024, 7, 6), "day"),
    ("12th-14th June 2023", D(2023, 6, 12), D(2023, 6, 14), "day"),
    ("June 12-14th, 2023", D(2023, 6, 12), D(2023, 6, 14), "day"),
    ("Dec. 10–16, 2023", D(2023, 12, 10), D(2023, 12, 16), "day"),
    ("early 2024", D(2024, 1, 1), D(2024, 4, 30), "month"),
    ("mid-2024", D(2024, 5, 1), D(2024, 8, 31), "month"),
    ("late 2023", D(2023, 9, 1), D(2023, 12, 31), "month"),
]


@pytest.mark.parametrize(("text", "start", "end", "grain"), RANGES, ids=[c[0] for c in RANGES])
def test_range_forms(text: str, start: dt.date, end: dt.date, grain: str) -> None:
    value = p(text)
    assert (value.start, value.end, value.grain) == (start, end, grain)


# ---------------------------------------------------------------------------------------------
# day/month order


@pytest.mark.parametrize(
    ("text", "display"),
    [
        ("März 2024", "March 2024"),
        ("15. März 2024", "15 Mar 2024"),
        ("15 juin 2023", "15 Jun 2023"),
        ("1 février 2024", "1 Feb 2024"),
        ("Juillet 2022", "July 2022"),
        ("12 de octubre de 2022", "12 Oct 2022"),
        ("octubre de 2022", "October 2022"),
        ("1 de março de 2021", "1 Mar 2021"),
        ("giugno 2021", "June 2021"),
        ("Dezember 2023", "December 2023"),
        # abbreviations that are no English word: a Portuguese card's "20 Dez" had been undated
        ("20 Dez 2024", "20 Dec 2024"),
        ("12 Okt. 2023", "12 Oct 2023"),
        ("3 févr. 2025", "3 Feb 2025"),
        ("10 ene 2024", "10 Jan 2024"),
        ("1 abr 2022", "1 Apr 2022"),
    ],
)
def test_months_written_in_german_french_spanish_italian_or_portuguese_keep_their_month(
    text: str, display: str
) -> None:
    """Before, the month word was skipped and the date read as its year alone ("März 2024" was
    2024; "1 de março de 2021" was 1 March of the reference year: "mar" then a "ç")."""
    assert parse(text, today=TODAY).display() == display


def test_words_english_text_uses_otherwise_are_no_months() -> None:
    """ "Mars" (the planet), "mai", "Mayo" (the clinic) are left out of the months; a word that
    only begins like a month ("Marché") is no March."""
    found = find_dates("the Mars 2020 rover; the Mayo Clinic 2021; le Marché 2019", today=TODAY)
    assert [(d.text, d.date.grain) for d in found] == [("2020", "year"), ("2021", "year"), ("2019", "year")]
    # nor "set", "out" or "ago", which Portuguese and Spanish abbreviate months to
    found = find_dates("a set 2020 of tools; out 2021 soon; 3 ago 2019", today=TODAY)
    assert [d.date.grain for d in found] == ["year", "year", "year"]


def test_order_hint_and_settling_numbers() -> None:
    assert p("06/05/2024", date_order="dmy").start == D(2024, 5, 6)
    assert p("06/05/2024", date_order="mdy").start == D(2024, 6, 5)
    # A number above 12 settles the order by itself, whatever the hint says.
    assert p("29/10/2023", date_order="mdy").start == D(2023, 10, 29)
    assert p("10/29/2023", date_order="dmy").start == D(2023, 10, 29)
    # One settling end settles the whole range.
    assert p("05/06/2024 to 13/06/2024", date_order="mdy").start == D(2024, 6, 5)


def test_ambiguity_is_reported_not_hidden() -> None:
    assert p("06/05/2024").ambiguous
    assert not p("06/05/2024", date_order="dmy").ambiguous
    assert not p("29/10/2023").ambiguous
    assert not p("05/05/2024").ambiguous  # same either way
    assert not p("30.06.2025").ambiguous  # dotted: day-first
    assert p("02.06.22").start == D(2022, 6, 2)


def test_iso_is_never_reordered() -> None:
    assert p("2024-05-06", date_order="mdy").start == D(2024, 5, 6)


def test_infer_date_order_from_a_document() -> None:
    assert infer_date_order("from 06/05/2024 to 12/05/2024; from 29/10/2023 to 01/11/2023")[0] == "dmy"
    assert infer_date_order("on 10/29/2023 and 05/06/2024")[0] == "mdy"
    assert infer_date_order("05/2024 and 06/05/2024")[0] is None
    # a range of days ("12-13/06/2025") is no month-first "12-13/06": the page stays day-first
    assert infer_date_order("12-13/06/2025, then 13/04/2026") == ("dmy", 1, 0)
    assert infer_date_order("29/10/2023 and 10/29/2023")[0] is None  # conflicting evidence


# ---------------------------------------------------------------------------------------------
# years not written


def test_yearless_dates_take_the_year_from_today_by_preference() -> None:
    today = D(2026, 2, 15)
    assert p("Feb 2", today=today).start == D(2026, 2, 2)
    assert p("Feb 2", today=today).inferred == ("year",)
    assert p("Dec 20", today=today).start == D(2025, 12, 20)  # nearest
    assert p("Dec 20", today=today, prefer="future").start == D(2026, 12, 20)
    assert p("Mar 1", today=today, prefer="past").start == D(2025, 3, 1)
    assert p("Mar 1", today=today, prefer="future").start == D(2026, 3, 1)
    assert p("18th Nov", today=D(2022, 12, 1), prefer="past").start == D(2022, 11, 18)
    assert p("4/5", today=today, date_order="dmy").start == D(2026, 5, 4)
    assert p("4/5", today=today, date_order="mdy").start == D(2026, 4, 5)
    assert p("4/5", today=today).ambiguous


def test_yearless_range_crossing_new_year() -> None:
    value = p("Dec 30 - Jan 2", today=D(2025, 12, 1))
    assert (value.start, value.end) == (D(2025, 12, 30), D(2026, 1, 2))


def test_two_digit_years() -> None:
    assert p("June'18").start.year == 2018
    assert p("Oct '99", today=D(2025, 1, 1)).start.year == 1999


# ---------------------------------------------------------------------------------------------
# times and zones


def test_aoe_deadline_instant() -> None:
    value = p("4 Mar 2025 11:59pm AoE")
    assert (value.grain, value.time, value.tz) == ("minute", "23:59", "AoE")
    assert value.instant == dt.datetime(2025, 3, 5, 11, 59, tzinfo=dt.UTC)
    assert value.display() == "4 Mar 2025, 23:59 AoE"


@pytest.mark.parametrize(
    ("text", "time", "end_time", "tz", "instant"),
    [
        ("1 Feb 2025, 11.59pm AoE", "23:59", None, "AoE", "2025-02-02T11:59"),
        ("1 Feb 2025 (11.59pm AOE)", "23:59", None, "AoE", "2025-02-02T11:59"),
        ("1 Feb 2025 23:59 Anywhere on Earth", "23:59", None, "AoE", "2025-02-02T11:59"),
        ("1 Feb 2025 at 5pm GMT-7", "17:00", None, "UTC-07:00", "2025-02-02T00:00"),
        ("1 Feb 2025, 5 p.m. UTC+1", "17:00", None, "UTC+01:00", "2025-02-01T16:00"),
        (
            "3 June 2024, 9:00-9:10 Vancouver Time (GMT-7)",
            "09:00",
            "09:10",
            "America/Vancouver",
            "2024-06-03T16:00",
        ),
        ("3 June 2024, 1–2:20 PM Pacific Time", "13:00", "14:20", "America/Los_Angeles", "2024-06-03T20:00"),
        ("10 Jan 2025 14:00 CET", "14:00", None, "UTC+01:00", "2025-01-10T13:00"),
        ("10 Jan 2025 14:00 Europe/Vienna", "14:00", None, "Europe/Vienna", "2025-01-10T13:00"),
        ("10 Jul 2025 14:00 Europe/Vienna", "14:00", None, "Europe/Vienna", "2025-07-10T12:00"),
        ("10 Jan 2025 9am JST", "09:00", None, "Asia/Tokyo", "2025-01-10T00:00"),
        ("2022-02-28 15:59:00-0400", "15:59", None, "UTC-04:00", "2022-02-28T19:59"),
        ("2022-02-28T15:59:00 +0100", "15:59", None, "UTC+01:00", "2022-02-28T14:59"),
        ("2024-05-28T10:00Z", "10:00", None, "UTC", "2024-05-28T10:00"),
        # a zero offset is UTC, and so RFC 2822's "-0000" (UTC, the sender's zone unknown): it had
        # been shown "UTC-00:00"
        ("Mon, 01 Jan 2024 10:00:00 -0000", "10:00", None, "UTC", "2024-01-01T10:00"),
        ("2024-01-01T10:00:00+00:00", "10:00", None, "UTC", "2024-01-01T10:00"),
        ("10 Jan 2025 noon UTC", "12:00", None, "UTC", "2025-01-10T12:00"),
    ],
)
def test_times_and_zones(text: str, time: str, end_time: str | None, tz: str, instant: str) -> None:
    value = p(text)
    assert (value.grain, value.time, value.end_time, value.tz) == ("minute", time, end_time, tz)
    assert value.instant is not None
    assert value.instant.strftime("%Y-%m-%dT%H:%M") == instant


def test_time_without_zone_has_no_instant() -> None:
    value = p("1 Feb 2025, 23:59")
    assert (value.grain, value.time, value.instant) == ("minute", "23:59", None)


def test_ambiguous_zone_abbreviations_are_flagged() -> None:
    assert p("1 Feb 2025 10:00 IST").zone_ambiguous
    assert p("1 Feb 2025 10:00 CST").zone_ambiguous
    assert not p("1 Feb 2025 10:00 PST").zone_ambiguous


def test_numbers_after_a_date_are_not_times() -> None:
    assert p("1 Feb 2025, 3 papers").grain == "day"
    assert p("1 Feb 2025 11.59").grain == "day"  # a dotted time needs am/pm


def test_note_applies_time_and_zone_to_every_single_day() -> None:
    text = (
        "(All dates are in 11.59pm AOE)\n- Paper submission deadline: 1 Feb 2025\n"
        "- Reviewer bidding dates: 1 - 5 Feb 2025\n- Camera ready deadline: 4 Mar 2025"
    )
    found = find_dates(text, today=TODAY)
    assert [m.date.display() for m in found] == [
        "1 Feb 2025, 23:59 AoE",
        "1–5 Feb 2025",
        "4 Mar 2025, 23:59 AoE",
    ]
    assert found[0].date.instant == dt.datetime(2025, 2, 2, 11, 59, tzinfo=dt.UTC)
    assert found[2].date.instant == dt.datetime(2025, 3, 5, 11, 59, tzinfo=dt.UTC)


def test_note_with_zone_only() -> None:
    found = find_dates("All deadlines are Anywhere on Earth. Abstracts: 3 Feb 2025", today=TODAY)
    assert [(m.date.grain, m.date.tz) for m in found] == [("day", "AoE")]


# ---------------------------------------------------------------------------------------------
# relative words


def test_relative_words_against_the_posting_date() -> None:
    today = D(2024, 5, 15)  # a Wednesday
    assert p("today", today=today).start == today
    assert p("tomorrow", today=today).start == D(2024, 5, 16)
    week = p("next week", today=today)
    assert (week.start, week.end, week.grain) == (D(2024, 5, 20), D(2024, 5, 26), "day")
    assert p("this week", today=today).start == D(2024, 5, 13)
    last = p("last year", today=today)
    assert (last.start, last.end, last.grain) == (D(2023, 1, 1), D(2023, 12, 31), "year")
    assert p("next month", today=D(2024, 12, 3)).start == D(2025, 1, 1)
    assert "relative" in p("today", today=today).inferred


# ---------------------------------------------------------------------------------------------
# find_dates: what is not a date


@pytest.mark.parametrize(
    "text",
    [
        "pp. 1-22",
        "arXiv:2406.12539",
        "arXiv 2103.03113",
        "doi:10.1145/3580305.3599372",
        "version 1.2.3 released",
        "Room 2.14, building 3",
        "Invited Talk 4",
        "h-index19",
        "ICLR-2023 reviewer",
        "NeurIPS'24 paper",
        "NeurIPS 2023",
        "IBIS2023",
        "I may come",
        "It costs 20.25 dollars",
        "Score 4/5",
    ],
)
def test_not_dates(text: str) -> None:
    assert f(text) == []


def test_find_dates_in_a_sentence_with_spans() -> None:
    text = "I will be attending ICLR 2024 from 06/05/2024 to 12/05/2024 in Vienna."
    found = find_dates(text, today=TODAY, date_order="dmy")
    assert len(found) == 1
    match = found[0]
    assert text[match.offset : match.offset + match.length] == "06/05/2024 to 12/05/2024"
    assert match.date.display() == "6–12 May 2024"


def test_find_dates_several_in_order() -> None:
    text = "Submitted in May 2024, accepted on 3 Sep 2024, presented Dec 10-15, 2024."
    assert f(text) == [
        ("2024-05-01", "2024-05-31", "month"),
        ("2024-09-03", "2024-09-03", "day"),
        ("2024-12-10", "2024-12-15", "day"),
    ]


def test_find_a_chinese_date_inside_chinese_text() -> None:
    """No space or punctuation sets a date apart in Chinese: "我们于2024年5月20日在北京"."""
    assert f("我们于2024年5月20日在北京举办研讨会") == [("2024-05-20", "2024-05-20", "day")]
    assert f("2024年13月") == [("2024-01-01", "2024-12-31", "year")]  # no month 13: the year


def test_bare_years_are_dates_unless_they_name_a_venue() -> None:
    assert f("Since 2019 I work on theory.") == [("2019-01-01", "2019-12-31", "year")]
    assert f("Two papers at ICML 2024 and KDD 2024.") == []


def test_venues_are_exposed_separately() -> None:
    venues = find_venues("accepted at NeurIPS 2023; reviewer for ICLR-2023, NeurIPS'24 and IBIS2023")
    assert [(v.name, v.year) for v in venues] == [
        ("NeurIPS", 2023),
        ("ICLR", 2023),
        ("NeurIPS", 2024),
        ("IBIS", 2023),
    ]


# ---------------------------------------------------------------------------------------------
# errors


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("13/13/2024", "13/13/2024: there is no month 13"),
        ("Feb 30, 2024", "Feb 30, 2024: February 2024 has 29 days"),
        ("31/02/2024", "31/02/2024: February 2024 has 29 days"),
        ("Feb 29, 2023", "Feb 29, 2023: February 2023 has 28 days"),
        ("Invited Talk 4", "no date in 'Invited Talk 4'"),
        ("2024-13-01", "2024-13-01: there is no month 13"),
        ("", "empty date"),
        ("NeurIPS 2023", "names a venue edition"),
    ],
)
def test_errors_say_what_is_wrong(text: str, message: str) -> None:
    with pytest.raises(DateParseError, match=message.replace("(", r"\(")):
        p(text)


def test_error_is_a_value_error() -> None:
    assert issubclass(DateParseError, ValueError)


def test_bad_arguments() -> None:
    with pytest.raises(ValueError, match="date_order"):
        parse("May 2024", today=TODAY, date_order="ymd")  # type: ignore[arg-type]


# ---------------------------------------------------------------------------------------------
# display


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("05/2024", "May 2024"),
        ("06/05/2024 to 12/05/2024", "6–12 May 2024"),
        ("29/10/2023 to 01/11/2023", "29 Oct – 1 Nov 2023"),
        ("1 Feb 2025, 11.59pm AoE", "1 Feb 2025, 23:59 AoE"),
        ("2025", "2025"),
        ("Fall 2023", "Fall 2023"),
        ("Nov. 2023 - Jan. 2024", "November 2023 – January 2024"),
        ("30 Dec 2023 – 2 Jan 2024", "30 Dec 2023 – 2 Jan 2024"),
    ],
)
def test_display(text: str, shown: str) -> None:
    assert p(text, date_order="dmy").display() == shown


def test_sort_key_is_total() -> None:
    values = [
        p(t, date_order="dmy")
        for t in ("2024", "May 2024", "06/05/2024", "1 May 2024, 10:00 UTC", "May 2023")
    ]
    ordered = sorted(values)
    assert [v.display() for v in ordered][0] == "May 2023"
    assert len({v.sort_key() for v in values}) == len(values)


# ---------------------------------------------------------------------------------------------
# properties

dates_st = st.dates(min_value=D(1950, 1, 1), max_value=D(2090, 12, 31))


@st.composite
def fuzzy_dates(draw: st.DrawFn) -> FuzzyDate:
    grain = draw(st.sampled_from(["year", "month", "day", "minute", "day-range", "month-range"]))
    a = draw(dates_st)
    if grain == "year":
        return FuzzyDate(start=D(a.year, 1, 1), end=D(a.year, 12, 31), grain="year")
    if grain == "month":
        return p(f"{a.month:02d}/{a.year}")
    if grain == "day":
        return FuzzyDate(start=a, end=a, grain="day")
    if grain == "day-range":
        b = a + dt.timedelta(days=draw(st.integers(1, 400)))
        return FuzzyDate(start=a, end=b, grain="day")
    if grain == "month-range":
        b = a + dt.timedelta(days=draw(st.integers(40, 900)))
        return p(f"{a.month:02d}/{a.year} - {b.month:02d}/{b.year}")
    hhmm = f"{draw(st.integers(0, 23)):02d}:{draw(st.integers(0, 59)):02d}"
    tz = draw(st.sampled_from(["AoE", "UTC", "UTC+02:00", "UTC-07:00", "Europe/Vienna", "America/Vancouver"]))
    return p(f"{a.day} {a.strftime('%b')} {a.year}, {hhmm} {tz}")


@given(fuzzy_dates())
@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
def test_display_round_trips(value: FuzzyDate) -> None:
    again = p(value.display())
    assert (again.start, again.end, again.grain, again.time, again.tz) == (
        value.start,
        value.end,
        value.grain,
        value.time,
        value.tz,
    )
    assert again.instant == value.instant


@given(st.text(max_size=300))
@settings(max_examples=400)
def test_parse_never_raises_anything_but_date_parse_error(text: str) -> None:
    try:
        value = p(text)
    except DateParseError:
        return
    assert value.start <= value.end


@given(st.text(alphabet="0123456789/.- –toJanFebMayfrom,thAoE:pm", max_size=200))
@settings(max_examples=400)
def test_find_dates_on_date_like_noise(text: str) -> None:
    for match in find_dates(text, today=TODAY):
        assert match.date.start <= match.date.end
        assert text[match.offset : match.offset + match.length] == match.text


@pytest.mark.parametrize(
    "text",
    [
        "1" * 1_000_000,
        "1/" * 500_000,
        "May " * 250_000,
        "1 - " * 250_000,
        ("12/05/2024 to " * 70_000)[:1_000_000],
        "a" * 999_999,
    ],
    ids=["digits", "slashes", "months", "dashes", "ranges", "letters"],
)
@pytest.mark.slow
def test_one_megabyte_of_hostile_text_costs_linear_time(text: str) -> None:
    with pytest.raises(DateParseError):
        parse(text, today=TODAY)

    def prepare(n: int) -> Callable[[], object]:
        part = text[:n]

        def work() -> None:
            with contextlib.suppress(DateParseError):
                find_dates(part, today=TODAY)
            with contextlib.suppress(DateParseError):
                parse(part, today=TODAY)

        return work

    # an eighth, then half a megabyte: about four times the time (backtracking would take hours)
    assert linear_growth(prepare, 125_000) < LINEAR_WHEN_QUADRUPLED


def test_too_long_input_is_refused_with_a_reason() -> None:
    with pytest.raises(DateParseError, match="too long"):
        find_dates("x" * 1_000_001, today=TODAY)


# ---------------------------------------------------------------------------------------------
# display -> parse gives the same date back, for every form the engine reads

_MONTHS = ["Jan", "Feb", "March", "Apr", "May", "June", "Jul", "Aug", "Sept", "Oct", "Nov", "Dec"]
_ZONES = [
    "AoE",
    "UTC",
    "GMT-7",
    "UTC+1",
    "UTC+05:30",
    "Europe/Vienna",
    "America/Vancouver",
    "Pacific Time",
    "Vancouver Time (GMT-7)",
    "JST",
    "IST",
    "CST",
    "PDT",
]


def _suffix(day: int) -> str:
    return "th" if 4 <= day <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")


_WEEKDAYS = ["Mon", "Tuesday", "Wed", "Thu", "Friday", "Sat", "Sunday"]
_ORDINAL_WORDS = [
    "first",
    "second",
    "third",
    "fourth",
    "fifth",
    "sixth",
    "seventh",
    "eighth",
    "ninth",
    "tenth",
]


@st.composite
def written_dates(draw: st.DrawFn) -> tuple[str, dict[str, object]]:
    """A date as people write it, in one of the engine's forms, with the options to read it."""
    a = draw(st.dates(min_value=D(1990, 1, 1), max_value=D(2060, 12, 31)))
    b = a + dt.timedelta(days=draw(st.integers(1, 500)))
    mon = _MONTHS[a.month - 1]
    hh, mm = draw(st.integers(0, 23)), draw(st.sampled_from([0, 5, 30, 59]))
    h12 = hh % 12 or 12
    ampm = "am" if hh < 12 else "pm"
    zone = draw(st.sampled_from(_ZONES))
    form = draw(
        st.sampled_from(
            [
                f"{a.year}",
                f"{a.year}–{b.year + 1}",
                f"{a.month:02d}/{a.year}",
                f"{mon} {a.year}",
                f"{mon} {a.year} - {_MONTHS[b.month - 1]} {b.year + (b.month <= a.month)}",
                f"{draw(st.sampled_from(['Spring', 'Summer', 'Fall', 'Autumn', 'Winter']))} {a.year}",
                f"{draw(st.sampled_from(['early', 'mid-', 'late', 'mid']))} {a.year}",
                f"{a.day} {mon} {a.year}",
                f"{a.isoformat()}",
                f"{a.day:02d}/{a.month:02d}/{a.year}",
                f"{a.day:02d}.{a.month:02d}.{a.year}",
                f"{mon} {a.day}",
                f"{a.day} {mon}",
                f"{a.day} {mon} {a.year} to {b.day} {_MONTHS[b.month - 1]} {b.year}",
                f"{a.day:02d}/{a.month:02d}/{a.year} to {b.day:02d}/{b.month:02d}/{b.year}",
                draw(
                    st.sampled_from(
                        [
                            "today",
                            "yesterday",
                            "tomorrow",
                            "this week",
                            "next week",
                            "last week",
                            "next month",
                        ]
                        + ["this year", "last year", "next year", "last month", "this month"]
                    )
                ),
                f"{a.day} {mon} {a.year}, {hh:02d}:{mm:02d} {zone}",
                f"{a.day} {mon} {a.year}, {h12}.{mm:02d}{ampm} {zone}",
                f"{a.day} {mon} {a.year}, {hh:02d}:{mm:02d}",
                f"{a.day} {mon} {a.year} {zone}",
                f"{a.isoformat()}T{hh:02d}:{mm:02d}:00+02:00",
                f"{a.day} {mon} {a.year}, {max(1, h12 - 1)}–{h12}:20 PM Pacific Time",
                # prose forms (issue 13): weekdays, times first, thirds of months, ordinals, holidays
                f"{_WEEKDAYS[a.weekday()]} {a.day} {mon}",
                f"{_WEEKDAYS[draw(st.integers(0, 6))]}, {mon} {a.day}",
                f"{_WEEKDAYS[a.weekday()]}, {a.day} {mon} {a.year}",
                f"{_WEEKDAYS[draw(st.integers(0, 6))]} at {h12}{ampm}",
                f"at {h12}:{mm:02d} {ampm} on {_WEEKDAYS[a.weekday()]}, {a.day} {mon} {a.year}",
                f"{hh}h{mm:02d}",
                f"{h12}{ampm[0]}",
                f"{max(1, h12 - 1)}–{h12}:30 {ampm} {zone}",
                f"{draw(st.sampled_from(['early', 'mid-', 'late', 'beginning of', 'end of']))} {mon}",
                f"the {draw(st.sampled_from(['first', 'second', 'third', 'last']))} "
                f"{_WEEKDAYS[draw(st.integers(0, 6))]} of {mon} {a.year}",
                f"the {_ORDINAL_WORDS[min(a.day, 10) - 1]} of {mon}",
                f"{mon} the {a.day}{_suffix(a.day)}",
                f"{a.day:02d}/{mon}/{a.year}",
                draw(st.sampled_from(["Christmas", "Christmas Eve", "New Year's Eve", "Halloween"])),
                draw(
                    st.sampled_from(["this Friday", "next Wed", "last Monday", "next March", "this October"])
                ),
            ]
        )
    )
    options: dict[str, object] = {
        "today": draw(st.dates(min_value=D(1995, 1, 1), max_value=D(2055, 12, 31))),
        "date_order": draw(st.sampled_from([None, "dmy", "mdy"])),
        "prefer": draw(st.sampled_from(["nearest", "past", "future"])),
    }
    return form.replace("mid- ", "mid-"), options


@given(written_dates())
@settings(max_examples=1500, suppress_health_check=[HealthCheck.too_slow])
def test_display_reads_back_to_the_same_date_for_every_form(case: tuple[str, dict[str, object]]) -> None:
    text, options = case
    try:
        value = parse(text, **options)  # type: ignore[arg-type]
    except DateParseError:
        return  # e.g. 29 Feb in a year that has none: not a date the engine makes
    assert value.ref == options["today"]
    again = parse(value.display(), today=value.ref)  # type: ignore[arg-type]
    assert again == value, (text, value.display())
    assert (again.approximate, again.instant, again.end_instant) == (
        value.approximate,
        value.instant,
        value.end_instant,
    )


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("Winter 2024", "Winter 2024"),
        ("Autumn 2023", "Fall 2023"),
        ("early 2024", "early 2024"),
        ("mid-2024", "mid-2024"),
        ("late 2023", "late 2023"),
    ],
)
def test_vague_words_are_displayed_as_the_same_words(text: str, shown: str) -> None:
    value = p(text)
    assert value.display() == shown
    assert p(shown) == value
    assert p(shown).approximate


def test_equality_is_the_value_and_provenance_travels_beside_it() -> None:
    yearless = p("Feb 2", prefer="past")
    explicit = p("2 Feb 2025")
    assert yearless == explicit
    assert yearless.inferred == ("year",) and explicit.inferred == ()
    assert yearless.ref == TODAY
    assert p("Fall 2023") != p("Sep 2023 - Nov 2023")  # the vague word is part of the value
