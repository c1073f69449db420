"""`newsfeed dates batch`: one JSON line in, one JSON line out, in order.

Each input line is an object with ``mode`` ("parse" or "find"), ``text``, ``today`` (YYYY-MM-DD)
and optionally ``date_order`` and ``prefer``; each answer is the date (parse), ``{"dates": [...]}``
(find) or ``{"error": "..."}`` naming what was wrong. This is the path the maintainers time
against dateutil, so a parsed date is written by :meth:`FuzzyDate.as_json` rather than the generic
encoder.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import IO, Any, cast

from .model import DateParseError, FuzzyDate, Prefer
from .parser import find_dates, parse


def run(lines: IO[str], out: IO[str]) -> None:
    """Answer every line of ``lines`` on ``out``, in order, flushing at the end."""
    if hasattr(out, "reconfigure"):  # a lone surrogate from a "\\ud800" escape: written as that escape
        out.reconfigure(errors="backslashreplace")
    write = out.write
    for line in lines:
        write(answer_line(line))
    out.flush()


def answer_line(line: str) -> str:
    """The JSON line (with its newline) that answers one input line."""
    found = answer(line)
    if isinstance(found, FuzzyDate):
        return found.as_json() + "\n"
    return json.dumps(found, ensure_ascii=False) + "\n"


_decode = json.JSONDecoder().decode
_days: dict[object, dt.date] = {}  # "2025-03-01" -> date: a batch repeats its reference dates


def _today(value: object) -> dt.date:
    day = _days.get(value) if isinstance(value, str) else None
    if day is None:
        day = dt.date.fromisoformat(str(value))
        if isinstance(value, str) and len(_days) < 4096:
            _days[value] = day
    return day


def answer(line: str) -> dict[str, Any] | FuzzyDate:
    """The answer to one input line: a date (parse), or a dict of dates or of an error."""
    try:
        case = _decode(line)
    except (ValueError, RecursionError):
        return {"error": "not a JSON object"}
    if not isinstance(case, dict):
        return {"error": "not a JSON object"}
    get = case.get
    text = get("text")
    if not isinstance(text, str):
        return {"error": "text: missing or not a string"}
    try:
        today = _today(get("today"))
    except ValueError:
        return {"error": f"today: {get('today')!r} is not a date in the form YYYY-MM-DD"}
    order, prefer, mode = get("date_order"), get("prefer"), get("mode", "parse")
    if order is not None and order not in ("dmy", "mdy"):
        return {"error": f"date_order: {order!r} is not dmy or mdy"}
    if prefer is None:
        prefer = "nearest"
    elif prefer not in ("nearest", "past", "future"):
        return {"error": f"prefer: {prefer!r} is not nearest, past or future"}
    prefer = cast("Prefer", prefer)
    try:
        if mode == "parse":
            return parse(text, today=today, date_order=order, prefer=prefer)
        if mode == "find":
            return {
                "dates": [m.as_dict() for m in find_dates(text, today=today, date_order=order, prefer=prefer)]
            }
    except DateParseError as exc:
        return {"error": str(exc)}
    return {"error": f"mode: {mode!r} is not parse or find"}
