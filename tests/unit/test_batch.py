"""`newsfeed dates batch`: the fast path answers exactly as the CLI does, one line per line."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys

from hypothesis import HealthCheck, given, settings

from newsfeed.domain.dates import DateParseError, parse
from tests.unit.test_dates import written_dates

LINES = [
    {"mode": "parse", "text": "1 Feb 2025, 11.59pm AoE.", "today": "2025-03-01"},
    {"mode": "parse", "text": "Thu 14 Nov at 3:30pm", "today": "2024-10-01"},
    {"mode": "find", "text": "Talk on 5/17 at 2:00 PM, then dinner.", "today": "2025-03-01"},
    {"mode": "parse", "text": "3pm CETT", "today": "2025-03-01"},
    {"mode": "parse", "text": "4-18", "today": "2025-03-01", "date_order": "mdy"},
    {"mode": "parse", "text": "x", "today": "yesterday"},
    {"mode": "parse", "text": "\ud800 May 2024", "today": "2025-03-01"},
    {"mode": "translate", "text": "May 2024", "today": "2025-03-01"},
]


def _run(args: list[str], feed: str, *, skip_click: bool) -> subprocess.CompletedProcess[str]:
    code = (
        "import sys; from newsfeed.cli.entry import main; sys.argv = ['newsfeed'] + sys.argv[1:]; main(); "
        f"assert ('click' in sys.modules) is {not skip_click}, 'click loaded: ' + str('click' in sys.modules)"
    )
    return subprocess.run(
        [sys.executable, "-c", code, *args], input=feed, capture_output=True, text=True, check=False
    )


def test_fast_path_answers_like_the_cli_and_skips_click() -> None:
    feed = "".join(json.dumps(line) + "\n" for line in LINES) + "not json\n[1]\n"
    fast = _run(["dates", "batch"], feed, skip_click=True)
    slow = _run(["--config", "/nonexistent.toml", "dates", "batch"], feed, skip_click=False)
    assert fast.returncode == 0, fast.stderr
    assert slow.returncode == 0, slow.stderr
    assert fast.stdout == slow.stdout
    answers = [json.loads(line) for line in fast.stdout.splitlines()]
    assert len(answers) == len(LINES) + 2
    assert answers[0]["instant"] == "2025-02-02T11:59:00Z"
    assert answers[1]["start"] == "2024-11-14" and answers[1]["time"] == "15:30"
    assert [d["start"] for d in answers[2]["dates"]] == ["2025-05-17"]
    assert "unknown time zone 'CETT'" in answers[3]["error"]
    assert answers[4]["start"] == "2025-04-18"
    assert answers[5]["error"].startswith("today:")
    assert "error" in answers[6] or answers[6]["start"] == "2024-05-01"
    assert answers[7]["error"].startswith("mode:")
    assert answers[8] == answers[9] == {"error": "not a JSON object"}


@given(written_dates())
@settings(max_examples=400, suppress_health_check=[HealthCheck.too_slow])
def test_as_json_is_json_dumps_of_as_dict(case: tuple[str, dict[str, object]]) -> None:
    text, options = case
    try:
        value = parse(text, **options)  # type: ignore[arg-type]
    except DateParseError:
        return
    assert value.as_json() == json.dumps(value.as_dict(), ensure_ascii=False)
    assert isinstance(dt.date.fromisoformat(json.loads(value.as_json())["start"]), dt.date)
