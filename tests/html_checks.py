"""Checks on rendered HTML shared by the tests."""

from __future__ import annotations

from lxml import html


def no_active_content(fragment: str) -> None:
    """No element or attribute in this HTML can run code: text that looks like code is fine."""
    tree = html.fragment_fromstring(fragment, create_parent="div")
    assert not tree.xpath("//script | //iframe | //object | //embed | //style")
    for element in tree.iter():
        assert not [a for a in element.attrib if a.lower().startswith("on")], element.attrib
        for attribute in ("href", "src", "action", "formaction"):
            assert not element.get(attribute, "").strip().lower().startswith("javascript:")
