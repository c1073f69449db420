"""The smaller doors of issue 25, each closed: cached pages' links, the secret key, HTML freshness,
unlisted items, sign-in ceilings."""

from __future__ import annotations

from typing import Any

import pytest
from lxml import html
from sqlalchemy.orm import Session

from tests import factories

pytestmark = pytest.mark.db


def test_a_cached_page_links_only_the_parsed_filter_and_page(client: Any, session: Session) -> None:
    factories.person(session, "ada", "Ada Lovelace")
    for n in range(60):
        factories.item(session, f"Talk {n}", "05/2024", person="ada")
    session.commit()
    for path in ("/?utm_source=mail&x=" + "y" * 500, "/people/ada?ref=twitter&kind=acceptance"):
        first = html.fromstring(client.get(path).data)
        links = first.xpath("//nav[@class='pager']//a/@href | //nav[@class='years']//a/@href")
        assert links and not [a for a in links if "utm_source" in a or "ref=" in a or "x=" in a], links
    # the same cached copy for a plain request: its links are the ones any visitor gets
    plain = html.fromstring(client.get("/").data)
    assert plain.xpath("//a[@rel='next']/@href") == ["/?page=2"]
    person = html.fromstring(client.get("/people/ada?kind=acceptance&page=2").data)
    assert person.xpath("//a[@rel='prev']/@href") == ["/people/ada?kind=acceptance"]
