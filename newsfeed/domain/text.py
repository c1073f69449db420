"""Small text rules shared by every layer: slugs, and what text may be stored (pure).

:func:`clean` is applied to every text on its way in (forms, imports, the command line): control
characters other than tab and newline are removed (a carriage return before a newline goes too;
a lone one becomes a newline), and so are the bidirectional embedding, override and isolate
controls (U+202A–U+202E, U+2066–U+2069), which can make a title read differently from what it
is ("Trojan Source"). Ordinary right-to-left text is untouched. :func:`printable` escapes the same
characters for a terminal.
"""

from __future__ import annotations

import re

_SLUG = re.compile(r"[^a-z0-9]+")
SLUG_MAX = 80

# C0 controls but tab and newline, DEL, C1 controls, bidi embeddings/overrides/isolates.
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def slugify(text: str) -> str:
    """ "Machine Learning" -> "machine-learning"; never empty ("x")."""
    return _SLUG.sub("-", text.lower()).strip("-")[:SLUG_MAX].strip("-") or "x"


def clean(text: str) -> str:
    """``text`` without control characters (but tab and newline) and bidi overrides."""
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _UNSAFE.sub("", text) if _UNSAFE.search(text) else text


def clean_line(text: str) -> str:
    """A one-line field: as :func:`clean`, and newlines become spaces."""
    text = clean(text)
    return text.replace("\n", " ").replace("\t", " ") if ("\n" in text or "\t" in text) else text


def has_unsafe(text: str) -> bool:
    return bool(_UNSAFE.search(text)) or "\r" in text


def printable(text: str) -> str:
    """For a terminal: control characters and bidi overrides written as escapes (\\x1b, \\u202e)."""
    return _UNSAFE.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)


_LEADING_HEADING = re.compile(r"\A\s*#{1,6}[ \t]+([^\n]*)\n?")
_PLAIN = re.compile(r"[\W_]+")


def after_title(body: str, title: str) -> str:
    """``body`` without a first Markdown heading that only repeats ``title`` (a call for papers
    imported from its page opens with the title the item page already shows)."""
    m = _LEADING_HEADING.match(body)
    if m and _PLAIN.sub("", m.group(1).rstrip(" \t#").casefold()) == _PLAIN.sub("", title.casefold()):
        return body[m.end() :].lstrip("\n")
    return body
