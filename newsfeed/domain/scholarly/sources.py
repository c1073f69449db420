"""Which identifier each scholarly source takes, and the API address it is read at (pure).

- ``arxiv``: an author query as arXiv writes it (``Lovelace_A``, or any ``au:…`` query), read at
  ``{arxiv_api}?search_query=au:ID&sortBy=submittedDate&sortOrder=descending&max_results=200``;
- ``dblp``: a DBLP person id (``95/7448-1``), read at ``{dblp_api}/pid/ID.xml``;
- ``orcid``: an ORCID iD (``0000-0002-1825-0097``, its check digit checked), read at
  ``{orcid_api}/ID/works``;
- ``crossref``: an ORCID iD, for the works Crossref lists with it, read at
  ``{crossref_api}/works?filter=orcid:ID&rows=200``;
- ``openreview``: an OpenReview profile id (``~Ada_Lovelace1``), read at
  ``{openreview_api}/notes?content.authorids=ID&limit=200``.
"""

from __future__ import annotations

import re
from urllib.parse import quote, urlencode

from newsfeed.domain.errors import InvalidInput

SCHOLARLY_FORMATS = ("arxiv", "dblp", "orcid", "crossref", "openreview")
# What each API answers with when asked (ORCID answers XML unless JSON is asked for).
ACCEPT = {
    "arxiv": "application/atom+xml",
    "dblp": "application/xml",
    "orcid": "application/json",
    "crossref": "application/json",
    "openreview": "application/json",
}
_ORCID = re.compile(r"^(\d{4})-?(\d{4})-?(\d{4})-?(\d{3}[\dX])$")
_DBLP = re.compile(r"^[a-z0-9]{1,4}/[A-Za-z0-9\-]{1,40}$")
_ARXIV = re.compile(r"^[\w\-.:\" ]{2,100}$")
_OPENREVIEW = re.compile(r"^~[A-Za-z\-_.']{1,80}\d{1,4}$")


def orcid_id(text: str) -> str:
    """An ORCID iD in its canonical form, its check digit verified (ISO 7064 MOD 11-2)."""
    found = _ORCID.match(text.strip().upper().removeprefix("HTTPS://ORCID.ORG/"))
    if not found:
        raise InvalidInput("id", f"{text[:40]!r} is not an ORCID iD (0000-0002-1825-0097)")
    digits = "".join(found.groups())
    total = 0
    for d in digits[:-1]:
        total = (total + int(d)) * 2
    check = (12 - total % 11) % 11
    if digits[-1] != ("X" if check == 10 else str(check)):
        raise InvalidInput("id", f"{text[:40]!r}: the check digit is wrong (a mistyped ORCID iD)")
    return "-".join(found.groups())


def identifier(fmt: str, text: str) -> str:
    """The identifier a scholarly source takes, checked (InvalidInput naming ``id`` if not)."""
    text = text.strip()
    if fmt in ("orcid", "crossref"):
        return orcid_id(text)
    if fmt == "dblp":
        text = text.removeprefix("https://dblp.org/pid/").removesuffix(".xml").removesuffix(".html")
        if not _DBLP.match(text):
            raise InvalidInput("id", f"{text[:40]!r} is not a DBLP person id (95/7448-1)")
        return text
    if fmt == "openreview":
        if not _OPENREVIEW.match(text):
            raise InvalidInput("id", f"{text[:40]!r} is not an OpenReview profile id (~Ada_Lovelace1)")
        return text
    if fmt == "arxiv":
        if not _ARXIV.match(text):
            raise InvalidInput("id", f"{text[:40]!r} is not an arXiv author query (Lovelace_A)")
        return text
    raise InvalidInput("format", f"{fmt[:20]!r} is not one of {', '.join(SCHOLARLY_FORMATS)}")


def api_url(fmt: str, ident: str, base: str) -> str:
    """Where a source of ``fmt`` for ``ident`` (from :func:`identifier`) is read, under ``base``."""
    base = base.rstrip("/")
    if fmt == "arxiv":
        query = ident if ":" in ident else f"au:{ident}"
        params = {"search_query": query, "sortBy": "submittedDate", "sortOrder": "descending",
                  "start": "0", "max_results": "200"}  # fmt: skip
        return f"{base}?{urlencode(params)}"
    if fmt == "dblp":
        return f"{base}/pid/{ident}.xml"
    if fmt == "orcid":
        return f"{base}/{ident}/works"
    if fmt == "crossref":
        return f"{base}/works?{urlencode({'filter': f'orcid:{ident}', 'rows': '200'})}"
    if fmt == "openreview":
        return f"{base}/notes?content.authorids={quote(ident)}&limit=200"
    raise ValueError(f"{fmt!r} is not a scholarly format")
