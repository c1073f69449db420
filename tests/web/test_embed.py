"""The embed fits its host: light by default whatever the reader's system (a white al-folio page
stays white around it), dark or auto on request, and al-folio's date | text table as a compact
layout; the script-free alternative (news.json and the Liquid include in deploy/jekyll/) renders
the same items."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import liquid
import pytest
from lxml import html
from sqlalchemy.orm import Session

from newsfeed.domain.vocab import Kind
from tests import factories
from tests.web.test_look import browser

__all__ = ["browser"]  # the Chromium fixture
INCLUDE = Path(__file__).resolve().parents[2] / "deploy" / "jekyll" / "newsfeed.liquid"


def _items(session: Session) -> None:
    for n, kind in enumerate([Kind.ACCEPTANCE, Kind.TALK, Kind.AWARD]):
        factories.item(session, f"News number {n}", f"0{n + 1}/2025", kind=kind)
    session.commit()


def test_the_embeds_theme_and_layout_are_chosen_in_the_address(client: Any, session: Session) -> None:
    _items(session)
    assert html.fromstring(client.get("/embed/news").data).get("data-theme") == "light"
    assert html.fromstring(client.get("/embed/news?theme=dark").data).get("data-theme") == "dark"
    assert html.fromstring(client.get("/embed/news?theme=auto").data).get("data-theme") == "auto"
    compact = html.fromstring(client.get("/embed/news?layout=compact&limit=2").data)
    rows = compact.xpath("//table[@class='news-compact']//tr")
    assert [r.xpath("string(th)") for r in rows] == ["March 2025", "February 2025"]
    assert [r.xpath("string(td)") for r in rows] == ["News number 2", "News number 1"]
    for bad in ("theme=neon", "layout=grid"):
        answer = client.get(f"/embed/news?{bad}")
        assert answer.status_code == 400 and bad.split("=")[0] in answer.data.decode()


@pytest.mark.browser
@pytest.mark.filterwarnings("ignore:unclosed file:ResourceWarning")
@pytest.mark.filterwarnings("ignore:Exception ignored in. <_io:pytest.PytestUnraisableExceptionWarning")
def test_the_default_embed_stays_light_for_a_reader_in_dark_mode(
    session: Session, live_server: str, browser: Any
) -> None:
    _items(session)
    page = browser.new_page(color_scheme="dark")
    colours = {}
    for theme in ("", "?theme=light", "?theme=dark", "?theme=auto"):
        page.goto(f"{live_server}/embed/news{theme}")
        colours[theme] = page.evaluate("getComputedStyle(document.body).backgroundColor")
    page.close()
    assert colours[""] == colours["?theme=light"] == "rgb(253, 253, 252)"
    assert colours["?theme=dark"] == colours["?theme=auto"] == "rgb(17, 20, 24)"


def test_the_liquid_include_renders_news_json_as_al_folios_table(client: Any, session: Session) -> None:
    _items(session)
    data = json.loads(client.get("/news.json").data)
    env = liquid.Environment()
    template = env.from_string(INCLUDE.read_text())
    page = html.fromstring(template.render(site={"data": {"newsfeed": data}}, include={"show": 2}))
    rows = page.xpath("//table[contains(@class, 'table-borderless')]//tr")
    assert [r.xpath("string(th)").strip() for r in rows] == ["March 2025", "February 2025"]
    links = [r.xpath("td/a")[0] for r in rows]
    assert [a.text for a in links] == ["News number 2", "News number 1"]
    assert all(a.get("href").startswith("http://news.example.org/items/") for a in links)
    empty = html.fromstring(template.render(site={"data": {}}, include={}))
    assert "No news so far" in empty.text_content()
