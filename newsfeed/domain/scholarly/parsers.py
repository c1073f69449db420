"""Each scholarly service's documented answer, read into :class:`PaperRecord` values (pure: bytes
in, records out). A malformed answer raises :class:`UnreadableAnswer` with the reason; an empty
one gives no records.

- **arXiv** (API user manual, https://info.arxiv.org/help/api/user-manual.html): an Atom feed,
  one ``<entry>`` per paper at its latest version. ``<published>`` is when version 1 appeared
  (the preprint's date, to the day); ``arxiv:journal_ref`` and ``arxiv:doi`` are what the
  authors added once it was published. An error comes back as a feed with one entry titled
  "Error" whose id is under ``/api/errors``: it is an error, not a paper.
- **DBLP** (https://dblp.org/faq/Am+I+allowed+to+crawl+the+dblp+website.html and the XML
  documentation https://dblp.org/xml/docu/dblpxml.pdf): a person page
  ``https://dblp.org/pid/<pid>.xml`` is ``<dblpperson>`` with one ``<r>`` per publication
  (``article``, ``inproceedings``, …) giving title, authors, year, venue (``journal`` or
  ``booktitle``) and ``<ee>`` links. Year precision only. CoRR entries (``journal`` "CoRR",
  ``publtype="informal"``) are arXiv preprints.
- **ORCID** (API v3.0 works summary,
  https://info.orcid.org/documentation/api-tutorials/api-tutorial-read-data-on-a-record/):
  ``group[]`` of one work each, from one or several sources (``work-summary[]``: the first is the
  preferred one); ``publication-date`` has ``year``/``month``/``day`` objects, any of them null,
  or is null altogether; ``external-ids`` carry doi, arxiv and others.
- **Crossref** (REST API, https://api.crossref.org/swagger-ui/index.html; dates are
  ``date-parts`` ``[[year, month, day]]`` with month and day optional): a ``work`` or a
  ``work-list``. ``published`` (print or online, the earliest) is the date of record;
  ``issued`` can be ``[[null]]`` (no date known). ``title`` and ``container-title`` are arrays.
  ``posted-content`` is a preprint.
- **OpenReview** (API v2, https://docs.openreview.net/reference/api-v2): ``notes[]`` whose
  ``content`` fields are each ``{"value": …}``; ``venueid`` says where a paper stands
  (``…/Rejected_Submission`` and ``…/Submission``: submitted only; a conference id: accepted;
  ``dblp.org/…``: imported from DBLP); ``pdate`` (milliseconds) is the publication date,
  absent for papers not published; DBLP imports carry 1 January of the year as ``pdate`` and
  ``cdate``, so they are read at year precision.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from typing import Any

from lxml import etree

from .model import PaperRecord, Stage, arxiv_of, clean_title, doi_of, fuzzy, safe_fuzzy

ATOM = "{http://www.w3.org/2005/Atom}"
ARXIV = "{http://arxiv.org/schemas/atom}"
MAX_BYTES = 20_000_000


class UnreadableAnswer(ValueError):
    """The service's answer is not what its documentation describes (the message says how)."""


def _xml(data: bytes, what: str) -> Any:
    if len(data) > MAX_BYTES:
        raise UnreadableAnswer(f"{what}: {len(data):,} bytes is more than {MAX_BYTES:,}")
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    try:
        return etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        raise UnreadableAnswer(f"{what}: not XML ({exc})") from None


def _json(data: bytes, what: str) -> Any:
    if len(data) > MAX_BYTES:
        raise UnreadableAnswer(f"{what}: {len(data):,} bytes is more than {MAX_BYTES:,}")
    try:
        return json.loads(data)
    except ValueError as exc:
        raise UnreadableAnswer(f"{what}: not JSON ({exc})") from None


def _text(element: Any) -> str:
    return "".join(element.itertext()).strip() if element is not None else ""


# -- arXiv -----------------------------------------------------------------------------------


def arxiv(data: bytes) -> list[PaperRecord]:
    root = _xml(data, "arXiv")
    if root.tag != f"{ATOM}feed":
        raise UnreadableAnswer("arXiv: not an Atom feed")
    out = []
    for entry in root.iter(f"{ATOM}entry"):
        ident = _text(entry.find(f"{ATOM}id"))
        if "/api/errors" in ident:
            summary = _text(entry.find(f"{ATOM}summary"))
            raise UnreadableAnswer(f"arXiv answered an error: {summary or ident}")
        arxiv_id = arxiv_of(ident)
        if arxiv_id is None:
            continue
        published = _text(entry.find(f"{ATOM}published"))
        try:
            day = dt.datetime.fromisoformat(published.replace("Z", "+00:00")).astimezone(dt.UTC).date()
            date = fuzzy(day.year, day.month, day.day, text=published)
        except ValueError:
            date = None
        authors = tuple(
            _text(a.find(f"{ATOM}name"))
            for a in entry.findall(f"{ATOM}author")
            if _text(a.find(f"{ATOM}name"))
        )
        title = clean_title(_text(entry.find(f"{ATOM}title")))
        doi = doi_of(_text(entry.find(f"{ARXIV}doi")))
        journal = _text(entry.find(f"{ARXIV}journal_ref")) or None
        out.append(
            PaperRecord(
                "arxiv",
                arxiv_id,
                title,
                authors,
                "preprint",
                None,
                date,
                doi,
                arxiv_id,
                None,
                f"https://arxiv.org/abs/{arxiv_id}",
            )  # fmt: skip
        )
        if journal or doi:  # the authors say it was published since: the venue as they wrote it
            out.append(
                PaperRecord(
                    "arxiv",
                    f"{arxiv_id}#published",
                    title,
                    authors,
                    "published",
                    journal,
                    None,
                    doi,
                    arxiv_id,
                    None,
                    f"https://doi.org/{doi}" if doi else None,
                )  # fmt: skip
            )
    return out


# -- DBLP ------------------------------------------------------------------------------------

_DBLP_KINDS = (
    "article",
    "inproceedings",
    "proceedings",
    "book",
    "incollection",
    "phdthesis",
    "mastersthesis",
)


def dblp_person(data: bytes) -> list[PaperRecord]:
    root = _xml(data, "DBLP")
    if root.tag != "dblpperson":
        raise UnreadableAnswer("DBLP: not a person page (<dblpperson>)")
    out = []
    for wrapper in root.findall("r"):
        for record in wrapper:
            if record.tag not in _DBLP_KINDS:
                continue
            key = record.get("key") or ""
            title = clean_title(_text(record.find("title")))
            if not key or not title:
                continue
            authors = tuple(_text(a) for a in record.findall("author") if _text(a))
            venue = _text(record.find("journal")) or _text(record.find("booktitle")) or None
            links = [_text(e) for e in record.findall("ee")]
            doi = next((d for d in map(doi_of, links) if d and not d.startswith("10.48550/")), None)
            arxiv_id = next(
                (a for a in map(arxiv_of, links) if a and "arxiv" in " ".join(links).lower()), None
            )
            informal = record.get("publtype") == "informal" or venue == "CoRR"
            year = _text(record.find("year"))
            out.append(
                PaperRecord(
                    "dblp",
                    key,
                    title,
                    authors,
                    "preprint" if informal else "published",
                    None if informal else venue,
                    safe_fuzzy(year),
                    doi,
                    arxiv_id,
                    None,
                    links[0] if links else f"https://dblp.org/rec/{key}",
                )  # fmt: skip
            )
    return out


# -- ORCID -----------------------------------------------------------------------------------


def _value(node: Any) -> Any:
    return node.get("value") if isinstance(node, dict) else None


def orcid_works(data: bytes) -> list[PaperRecord]:
    doc = _json(data, "ORCID")
    if not isinstance(doc, dict) or not isinstance(doc.get("group"), list):
        raise UnreadableAnswer("ORCID: no works group list (v3.0 /works)")
    out = []
    for group in doc["group"]:
        summaries = (group or {}).get("work-summary") or []
        if not summaries:
            continue
        work = summaries[0]  # the preferred source's
        title = clean_title(_value((work.get("title") or {}).get("title")) or "")
        if not title:
            continue
        ids = {}
        for ext in ((work.get("external-ids") or {}).get("external-id") or []) + (
            ((group.get("external-ids") or {}).get("external-id")) or []
        ):
            kind = (ext or {}).get("external-id-type")
            if ext.get("external-id-relationship", "self") == "self" and kind and kind not in ids:
                ids[kind] = ext.get("external-id-value") or ""
        date = work.get("publication-date") or {}
        when = safe_fuzzy(_value(date.get("year")), _value(date.get("month")), _value(date.get("day")))
        kind = work.get("type") or ""
        venue = _value(work.get("journal-title"))
        stage: Stage = "preprint" if kind == "preprint" or ("arxiv" in ids and not venue) else "published"
        out.append(
            PaperRecord(
                "orcid",
                str(work.get("put-code") or title),
                title,
                (),
                stage,
                venue,
                when,
                doi_of(ids.get("doi")),
                arxiv_of(ids.get("arxiv")),
                None,
                _value(work.get("url")),
            )  # fmt: skip
        )
    return out


# -- Crossref --------------------------------------------------------------------------------


def _date_parts(node: Any) -> Any:
    parts = ((node or {}).get("date-parts") or [[None]])[0] or [None]
    return safe_fuzzy(*(list(parts) + [None, None])[:3]) if parts[0] is not None else None


def _crossref_items(doc: Any) -> Iterator[dict[str, Any]]:
    message = doc.get("message") if isinstance(doc, dict) else None
    if doc.get("message-type") == "work" and isinstance(message, dict):
        yield message
    elif doc.get("message-type") == "work-list" and isinstance(message, dict):
        yield from (i for i in message.get("items") or [] if isinstance(i, dict))
    else:
        raise UnreadableAnswer("Crossref: neither a work nor a work-list")


def crossref(data: bytes) -> list[PaperRecord]:
    if data.strip().startswith(b"Resource not found"):
        return []  # Crossref's 404 body is this plain text
    doc = _json(data, "Crossref")
    if not isinstance(doc, dict):
        raise UnreadableAnswer("Crossref: not a JSON object")
    out = []
    for item in _crossref_items(doc):
        title = clean_title(" ".join(item.get("title") or []))
        doi = doi_of(item.get("DOI"))
        if not title or not doi:
            continue
        authors = tuple(
            " ".join(p for p in (a.get("given"), a.get("family")) if p) or a.get("name") or ""
            for a in item.get("author") or []
        )
        dates = [
            _date_parts(item.get(k)) for k in ("published-print", "published-online", "published", "issued")
        ]
        known = [d for d in dates if d is not None]
        when = min(known, key=lambda d: (d.start, d.end)) if known else None
        preprint = item.get("type") == "posted-content" or doi.startswith("10.48550/")
        venue = " ".join(item.get("container-title") or []) or None
        out.append(
            PaperRecord(
                "crossref",
                doi,
                title,
                tuple(a for a in authors if a),
                "preprint" if preprint else "published",
                None if preprint else venue,
                when,
                doi,
                arxiv_of(doi) if doi.startswith("10.48550/") else None,
                None,
                f"https://doi.org/{doi}",
            )  # fmt: skip
        )
    return out


# -- OpenReview ------------------------------------------------------------------------------


def _content(note: dict[str, Any], name: str) -> Any:
    field = (note.get("content") or {}).get(name)
    return field.get("value") if isinstance(field, dict) else field


def _openreview_stage(venueid: str, venue: str | None) -> Stage:
    """Where a note stands, from its ``venueid`` (or, in answers without one, its ``venue``):
    under review, rejected or withdrawn is "submitted"; CoRR is a preprint; else published."""
    shown = (venue or "").strip().lower()
    if venueid.endswith(("Submission", "Rejected_Submission", "Withdrawn_Submission")):
        return "submitted"
    if shown.startswith("submitted to") or (not venueid and not shown):
        return "submitted"
    if shown.startswith("corr") or "/corr" in venueid.lower():
        return "preprint"
    return "published"


def openreview(data: bytes) -> list[PaperRecord]:
    doc = _json(data, "OpenReview")
    notes = doc.get("notes") if isinstance(doc, dict) else None
    if not isinstance(notes, list):
        raise UnreadableAnswer("OpenReview: no notes list (API v2)")
    out = []
    for note in notes:
        if not isinstance(note, dict):
            continue
        title = clean_title(str(_content(note, "title") or ""))
        forum = str(note.get("forum") or note.get("id") or "")
        if not title or not forum:
            continue
        raw = _content(note, "authors") or []
        authors = tuple(str(a.get("fullname") or "") if isinstance(a, dict) else str(a) for a in raw if a)
        venueid = str(_content(note, "venueid") or "")
        venue = str(_content(note, "venue") or "") or None
        from_dblp = venueid.startswith("dblp.org/")
        stage = _openreview_stage(venueid, venue)
        if venue == title or stage != "published" or venueid.endswith("/Public_Article"):
            venue = None  # an imported public article carries its own title as its "venue"
        stamp = note.get("pdate") if stage == "published" else (note.get("odate") or note.get("cdate"))
        when = None
        if isinstance(stamp, int | float) and stamp > 0:
            day = dt.datetime.fromtimestamp(stamp / 1000, dt.UTC).date()
            when = fuzzy(day.year) if from_dblp else fuzzy(day.year, day.month, day.day)
        externals = [str(x) for x in (note.get("externalIds") or _content(note, "externalIds") or [])]
        out.append(
            PaperRecord(
                source="openreview",
                source_id=str(note.get("id") or forum),
                title=title,
                authors=authors,
                stage=stage,
                venue=venue,
                date=when,
                doi=next((doi_of(x) for x in externals if x.lower().startswith("doi:")), None),
                arxiv_id=next((arxiv_of(x) for x in externals if x.lower().startswith("arxiv:")), None),
                openreview_id=None if from_dblp else forum,
                url=f"https://openreview.net/forum?id={forum}",
            )
        )
    return out


PARSERS = {
    "arxiv": arxiv,
    "dblp": dblp_person,
    "orcid": orcid_works,
    "crossref": crossref,
    "openreview": openreview,
}
