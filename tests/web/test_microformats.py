"""The pages as IndieWeb readers and bridges read them: microformats2 (mf2py, the parser they
use) finds an h-feed of h-entries on every list page, each with its name, address, published
date and categories, and a whole h-entry on an item page."""

from __future__ import annotations

from typing import Any

import mf2py
from sqlalchemy.orm import Session

from newsfeed.domain.vocab import Kind
from tests import factories

BASE = "http://news.example.org"


def test_a_news_page_is_an_h_feed_of_h_entries(client: Any, session: Session) -> None:
    factories.person(session, "ada", "Ada Lovelace")
    factories.item(session, "Paper accepted at ICML", "05/2024", kind=Kind.ACCEPTANCE, person="ada",
                   tags=["Machine learning"])  # fmt: skip
    factories.item(session, "Talk in Vienna", "06/2024", kind=Kind.TALK)
    session.commit()
    for path in ("/", "/people/ada", "/kinds/acceptance"):
        parsed = mf2py.parse(doc=client.get(path).data.decode(), url=BASE + path)
        feeds = [i for i in parsed["items"] if "h-feed" in i["type"]]
        assert len(feeds) == 1, path
        entries = feeds[0]["children"]
        assert all("h-entry" in e["type"] for e in entries)
        paper = next(e for e in entries if e["properties"]["name"] == ["Paper accepted at ICML"])
        assert paper["properties"]["url"][0].startswith(f"{BASE}/items/")
        assert paper["properties"]["published"] == ["2024-05-01"]
        assert set(paper["properties"]["category"]) == {"acceptance", "Machine learning"}
        assert paper["properties"]["author"][0]["properties"]["name"] == ["Ada Lovelace"]


def test_an_item_page_is_an_h_entry_with_its_content(client: Any, session: Session) -> None:
    created = factories.item(session, "Talk in Vienna", "06/2024", kind=Kind.TALK, body="About **LoRA**.")
    session.commit()
    parsed = mf2py.parse(
        doc=client.get(f"/items/{created.id}").data.decode(), url=f"{BASE}/items/{created.id}"
    )
    entry = next(i for i in parsed["items"] if "h-entry" in i["type"])
    properties = entry["properties"]
    assert properties["name"] == ["Talk in Vienna"]
    assert properties["url"] == [f"{BASE}/items/{created.id}"]
    assert properties["published"] == ["2024-06-01"]
    assert properties["category"] == ["talk"]
    assert "About LoRA." in properties["content"][0]["value"]
