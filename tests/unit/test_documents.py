"""Real News documents, one per family, read as their authors wrote them (tests/fixtures/docs/,
kept byte for byte; SOURCES.md names each repository and commit): every annotated item is found,
with its posting date, and a property test that no record of a list is lost or read twice
whatever the markup."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
import re
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsfeed.adapters.files import read_path
from newsfeed.domain.importers import parse_folder, parse_text
from newsfeed.domain.importers.structure import has_news_heading
from newsfeed.domain.importers.text import first_sentence, plain
from tests.conftest import FIXTURES
from tests.scaling import LINEAR_WHEN_QUADRUPLED, growth

DOCS = FIXTURES / "docs"
EXPECT = json.loads((DOCS / "expect.json").read_text(encoding="utf-8"))
TODAY = dt.date(2026, 12, 1)


def _months(result: Any) -> list[tuple[int, int]]:
    """(year, month) of each dated item, in order."""
    return [(i.posted.start.year, i.posted.start.month) for i in result.items if i.posted]


def _read_folder(folder: Any, posts: dict[str, str]) -> Any:
    """A folder of the given files, read as one document."""
    for name, text in posts.items():
        (folder / name).write_text(text, encoding="utf-8")
    return read_path(folder, today=TODAY)


def _dated(result: Any) -> list[tuple[str, str]]:
    """The items of an import as (their date as shown, their text)."""
    return [(i.posted.display() if i.posted else "", i.text) for i in result.items]


def _key(text: str) -> str:
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text or "")
    return re.sub(r"[^a-z0-9]", "", text.lower())


def _match(want: str, got: list[Any]) -> Any:
    """The item read whose text opens like the annotated one (the longest shared opening)."""
    wk = _key(want)
    best = max(got, key=lambda item: len(os.path.commonprefix([_key(item.text), wk])), default=None)
    if best is None:
        return None
    shared = len(os.path.commonprefix([_key(best.text), wk]))
    return best if shared >= min(30, len(wk)) else None


@pytest.mark.parametrize("doc", EXPECT, ids=[d["path"] for d in EXPECT])
def test_every_annotated_item_is_found_with_its_posting_date(doc: dict[str, Any]) -> None:
    result = read_path(DOCS / doc["path"], today=TODAY)
    kinds = 0
    for want in doc["items"]:
        item = _match(want["text"], result.items)
        assert item is not None, f"not found: {want['text'][:80]}"
        posted = want["posted"]
        if posted is not None:
            assert item.posted is not None, want["text"][:60]
            assert (item.posted.start.isoformat(), item.posted.end.isoformat()) == (
                posted["start"],
                posted["end"],
            ), want["text"][:60]
            assert item.posted.grain == posted["grain"] or (
                posted.get("time") and item.posted.grain == "minute"
            )
        kinds += item.kind in (want["kind"], want.get("kind_alt"))
    assert kinds >= 0.9 * len(doc["items"]), f"{kinds}/{len(doc['items'])} kinds"


def test_a_yaml_list_of_dates_each_mapped_to_its_news_is_read_whole() -> None:
    """A data file whose news are a list of one-key mappings, ``- May 2024: Organizing a
    day.`` (as YAML reads a Markdown-like list of labelled lines), had been read as one news,
    its first, the others silently dropped: each mapping was a list of one date of its own. The
    mappings are one list keyed by dates, in file order, each item at its own line."""
    text = "news:\n  - May 2024: Organizing a day on robust planning.\n  - 2024-04-02: Talk at MIT.\n"
    text += "  - March 2024: Our paper was accepted at ICML.\n"
    result = parse_text(text, today=TODAY, path="news.yml")
    got = [(i.posted.display() if i.posted else None, i.text, i.source_line) for i in result.items]
    assert got == [
        ("May 2024", "Organizing a day on robust planning.", 2),
        ("2 Apr 2024", "Talk at MIT.", 3),
        ("March 2024", "Our paper was accepted at ICML.", 4),
    ], got
    assert "3 records, dates as keys" in result.description, result.description


def test_a_pasted_markdown_list_of_labelled_lines_is_read_as_markdown_not_yaml() -> None:
    """Pasted with no file name (the admin page's preview), "## News" over "- May 2024: Organizing
    a day." and "- Gave a talk at MIT (April 2024)." is also YAML, its heading a comment and its
    lines a list: it had been read as a YAML data file, one item of three. A list of sentences
    and of one-key mappings from a label to a sentence is a Markdown list; a YAML file of
    records stays data."""
    pasted = (
        "## News\n- May 2024: Organizing a day on robust planning.\n- Gave a talk at MIT (April 2024).\n"
        "- March 2024: Our paper was accepted at ICML.\n"
    )
    result = parse_text(pasted, today=TODAY)
    assert [(i.posted.display() if i.posted else None, i.text) for i in result.items] == [
        ("May 2024", "Organizing a day on robust planning."),
        ("April 2024", "Gave a talk at MIT"),
        ("March 2024", "Our paper was accepted at ICML."),
    ], result.items
    assert result.description.startswith("Markdown page"), result.description
    records = "- date: 2024-05-01\n  text: Organizing a day.\n- date: 2024-04-02\n  text: Talk at MIT.\n"
    assert parse_text(records, today=TODAY).description.startswith("YAML data file")


def test_a_markdown_tables_cells_read_their_inline_html_as_a_paragraph_does() -> None:
    """A lab's Hugo page keeps its News as a Markdown table whose cells link with inline HTML,
    "| 4 | Dr. Conati receives the UBC Killam Research Prize. <a href="https://…">Check here</a>
    |": the items' texts had kept the raw ``<a href=…>`` and lost the link. A cell's inline
    HTML is read as the text it shows, a link its words and address, as in a paragraph or a
    list item."""
    page = (
        "| Order | News |\n|----------|----------|\n"
        '| 1 | Dr. Conati receives the UBC Killam Research Prize (2023). <a href="https://www.cs.ubc.ca/n">'
        "Check here</a> |\n"
        "| 2 | <b>June 2024</b>: Our paper on hints was accepted at UMAP. |\n"
    )
    result = parse_text(page, today=TODAY, path="news.md")
    got = [
        (i.posted.display() if i.posted else None, i.text, [link.href for link in i.links])
        for i in result.items
    ]
    assert got == [
        (
            "2023",
            "Dr. Conati receives the UBC Killam Research Prize [Check here](https://www.cs.ubc.ca/n)",
            ["https://www.cs.ubc.ca/n"],
        ),
        ("June 2024", "Our paper on hints was accepted at UMAP.", []),
    ], got


def test_a_records_deadline_fields_are_its_deadlines() -> None:
    """A researcher's ``_data/announcements.yml`` lists calls and workshops, each posted on its
    ``date`` with its ``deadline: 2026-01-16`` in a field of its own: the deadlines were not read,
    so the calendar had none and no reminder came before them. A field named for a deadline
    (``deadline``, ``submission_deadline``, ``abstractDeadline``, ``due``) that holds a day is
    one of the item's events, named for its field; a deadline the text tells already is not
    told twice, one that is no day ("TBA", a month) gives none, and the posting date is none."""
    text = (
        "- id: kagan\n  date: 2025-10-19\n  title: Kagan Cooperative Learning Institute (Nashville, TN)\n"
        "  deadline: 2026-01-16\n"
        "- date: 2025-10-19\n  title: Call for Papers | AI in Education\n"
        "  excerpt: Submissions accepted until May 31, 2026.\n  deadline: 2026-05-31\n"
        "- date: 2025-10-17\n  title: Workshop on robust planning\n"
        '  submission_deadline: "1 Feb 2026, 11.59pm AoE"\n  abstractDeadline: 2026-01-25\n'
        "- date: 2025-10-15\n  title: Webinar series for graduate students\n  deadline: TBA\n"
    )
    result = parse_text(text, today=TODAY, path="announcements.yml")
    got = [
        (i.posted.display() if i.posted else None, [(e.label, e.date.display()) for e in i.events])
        for i in result.items
    ]
    assert got == [
        ("19 Oct 2025", [("Deadline", "16 Jan 2026")]),
        ("19 Oct 2025", [("Deadline", "31 May 2026")]),
        (
            "17 Oct 2025",
            [("Submission deadline", "1 Feb 2026, 23:59 AoE"), ("Abstract deadline", "25 Jan 2026")],
        ),
        ("15 Oct 2025", []),
    ], got


def test_auto_says_what_it_recognised() -> None:
    yaml_file = read_path(DOCS / "002.yml", today=TODAY)
    assert "YAML data file, 24 records" in yaml_file.description
    assert "`date`" in yaml_file.description and "`headline`" in yaml_file.description
    toml_file = read_path(DOCS / "006.toml", today=TODAY)
    assert "TOML data file" in toml_file.description and "dates as keys" in toml_file.description
    folder = read_path(DOCS / "022", today=TODAY)  # a Jekyll _posts/ folder, copied as 022/
    assert folder.description == "folder of posts named by date, 26 files"
    # a Hugo or Next.js content/news/ of dated files is no Jekyll folder; _posts/ is, one file is "1 file"
    for name, shape in (
        ("news", "folder of posts named by date, 1 file"),
        ("_posts", "Jekyll _posts folder, 1 file"),
    ):
        files = [(f"content/{name}/2024-05-01-award.md", "---\ntitle: Best paper award\n---\nWe won.\n")]
        assert parse_folder(files, today=TODAY, name=f"content/{name}").description == shape
    assert "JavaScript" in read_path(DOCS / "025.js", today=TODAY).description
    assert "org-mode" in read_path(DOCS / "014.org", today=TODAY).description


def test_only_the_news_section_of_a_mixed_page_is_read() -> None:
    page = read_path(DOCS / "027.md", today=TODAY)
    assert len(page.items) == 7  # not the presentations, education or publications below it
    assert any("outside the news section" in w for w in page.warnings)


def test_comments_are_not_items() -> None:
    page = read_path(DOCS / "018.html", today=TODAY)
    texts = [i.text for i in page.items]
    assert not any("Senior Program Committee for AAAI 2023" in t for t in texts)  # inside <!-- -->
    hidden = read_path(DOCS / "019.html", today=TODAY)
    assert len(hidden.items) == 25  # a comment opened mid-list hides the older items


def test_a_document_with_no_news_says_why_per_section() -> None:
    result = parse_text("## About\nI study graphs.\n\n## Teaching\nI teach graphs.\n", today=TODAY)
    assert result.items == []
    why = result.warnings[-1]
    assert why.startswith("no news item found") and "'About'" in why and "'Teaching'" in why


# ---------------------------------------------------------------------------------------------
# no record lost or doubled, whatever the markup

WORDS = ["paper", "accepted", "talk", "workshop", "visited", "joined", "award", "review", "lab", "model"]
DATES = [(2021 + n % 5, 1 + n % 12) for n in range(60)]


@st.composite
def news_lists(draw: Any) -> list[tuple[str, tuple[int, int] | None]]:
    n = draw(st.integers(min_value=1, max_value=12))
    records = []
    for k in range(n):
        words = draw(st.lists(st.sampled_from(WORDS), min_size=2, max_size=6))
        text = f"Item{k} " + " ".join(words) + "."
        date = draw(st.one_of(st.none(), st.sampled_from(DATES)))
        records.append((text, date))
    return records


def _label(date: tuple[int, int]) -> str:
    return f"{date[1]:02d}/{date[0]}"


PUBLICATIONS = ["05/2020 A paper on graphs in a journal.", "2019 Another paper in a journal."]


def _render(
    records: list[tuple[str, tuple[int, int] | None]], markup: str, heading: bool, other: bool
) -> tuple[str, str]:
    """The records as a document; with ``heading`` under a News heading, and with ``other`` a
    dated Publications list beside it (which must not be read)."""
    top = "News"
    other = other and heading
    if markup == "markdown":
        lines = ([f"## {top}", ""] if heading else []) + [
            f"* {_label(d) + ' ' if d else ''}{t}" for t, d in records
        ]
        if other:
            lines += ["", "## Publications", "", *(f"* {p}" for p in PUBLICATIONS)]
        return "\n".join(lines) + "\n", "news.md"
    if markup == "html":
        items = "".join(f"<li>{_label(d) + ' ' if d else ''}{t}</li>" for t, d in records)
        extra = "<h2>Publications</h2><ul>" + "".join(f"<li>{p}</li>" for p in PUBLICATIONS) + "</ul>"
        return (f"<h2>{top}</h2>" if heading else "") + f"<ul>{items}</ul>" + (
            extra if other else ""
        ), "x.html"
    if markup == "org":
        lines = ([f"* {top}"] if heading else []) + [
            f"- {_label(d) + ' ' if d else ''}{t}" for t, d in records
        ]
        if other:
            lines += ["* Publications", *(f"- {p}" for p in PUBLICATIONS)]
        return "\n".join(lines) + "\n", "news.org"
    rows = [{"date": _label(d) if d else "", "text": t} for t, d in records]
    if markup == "json":
        return json.dumps({"news": rows}), "news.json"
    if markup in ("csv", "tsv"):
        out = io.StringIO()
        writer = csv.DictWriter(out, ["date", "text"], delimiter="," if markup == "csv" else "\t")
        writer.writeheader()
        writer.writerows(rows)
        return out.getvalue(), f"news.{markup}"
    if markup == "yaml":
        body = "".join(f"- date: '{r['date']}'\n  text: '{r['text']}'\n" for r in rows)
        return ("news:\n" + "".join("  " + line + "\n" for line in body.splitlines())), "news.yml"
    body = "".join(f'[[news]]\ndate = "{r["date"]}"\ntext = "{r["text"]}"\n\n' for r in rows)
    return body, "news.toml"


@settings(max_examples=120)
@given(
    records=news_lists(),
    markup=st.sampled_from(["markdown", "html", "org", "json", "yaml", "toml", "csv", "tsv"]),
    heading=st.booleans(),
    other=st.booleans(),
)
def test_no_record_is_lost_or_doubled_whatever_the_markup(
    records: list[tuple[str, tuple[int, int] | None]], markup: str, heading: bool, other: bool
) -> None:
    text, path = _render(records, markup, heading, other)
    result = parse_text(text, today=TODAY, path=path)
    read = [re.sub(r"\s+", " ", item.text).strip() for item in result.items]
    for record, date in records:
        assert read.count(record) == 1, (record, read, markup)
        item = result.items[read.index(record)]
        if date is not None:
            assert item.posted is not None and (item.posted.start.year, item.posted.start.month) == date
    assert len(read) == len(records)  # and nothing of the Publications list


# ---------------------------------------------------------------------------------------------
# shapes met on pages nobody tuned for (written afresh here, in the shape those pages use)

HEADING_PAGE = """---
title: News
layout: page
---
## 05/2026 Retreat of the neuroscience network
Members of the lab joined the network's retreat for two days of exchange.

<div style="display: flex;">
  <img src="img/retreat_1.jpeg" alt="Image 1"/>
</div>

## 04/2026 Opening symposium
We celebrated the opening of the new centre with a symposium.
<div style="display: flex;">
  <img src="img/symposium.jpeg" alt="Image 2"/>
</div>

## 12/2024 Best-of 2024
<div style="display: flex;">
  <img src="img/best_of.jpeg" alt="Image 3"/>
</div>

## 10/2024 Two of us attend the society's annual conference in Barcelona this autumn
One invited talk at the preclinical pre-congress and a poster on recurrence plots.

## 03/2023 Neuroinformatics workshop
We organized a practical guide to reproducible small animal imaging.

### Contributors
- **A. Person** (Cologne): tools
- **B. Person** (Nijmegen): data
"""


def test_a_heading_that_opens_with_its_date_is_one_item_with_all_its_body() -> None:
    """ "## 05/2026 Title" over prose (and images, and a list of contributors): one item per
    heading, dated by it — a long title, a title with no prose, prose run into HTML included."""
    result = parse_text(HEADING_PAGE, today=TODAY, path="news.md")
    titles = [item.title for item in result.items]
    assert titles == [
        "Retreat of the neuroscience network",
        "Opening symposium",
        "Best-of 2024",
        "Two of us attend the society's annual conference in Barcelona this autumn",
        "Neuroinformatics workshop",
    ]
    assert _months(result) == [
        (2026, 5), (2026, 4), (2024, 12), (2024, 10), (2023, 3),
    ]  # fmt: skip
    assert all(i.posted is not None and i.posted.grain == "month" for i in result.items)
    workshop = result.items[-1]
    assert "practical guide" in workshop.text and "B. Person" in workshop.text  # its body, not items
    assert "symposium" in result.items[1].text and "centre" in result.items[1].text


def test_a_year_or_a_bare_date_heading_still_heads_a_list() -> None:
    page = (
        "## May 2024\n\n- Paper accepted at a venue.\n- Gave a talk at a lab.\n\n"
        "## 2023 Publications\n\n- A paper.\n"
    )
    result = parse_text(page, today=TODAY, path="news.md")
    assert [i.text for i in result.items] == ["Paper accepted at a venue.", "Gave a talk at a lab."]
    assert all(i.posted is not None and i.posted.start == dt.date(2024, 5, 1) for i in result.items)


RECORDS = """# Awards & Recognition

- date: 2020-06-15
  prefix: "\\U0001F3C5"
  link_text: ""
  url: ""
  suffix: "I received the department's award for research."

- date: 2023-12-14
  prefix: "\\U0001F393"
  link_text: "Ph.D."
  url: "https://example.org/thesis"
  suffix: "in Electrical Engineering, done!"

- date: 2019-04-04
  prefix: ""
  link_text: "Voice activity detection in transient noise"
  url: "https://example.org/paper"
  suffix: "has been accepted to a journal."
"""


def test_a_record_reads_its_short_fields_with_its_text_in_their_order() -> None:
    """A record whose sentence is split over fields ("prefix", "link_text", "suffix") is read
    whole, in the record's order; the URL is not text; each record keeps its own line."""
    result = parse_text(RECORDS, today=TODAY, path="news.yml")
    texts = [i.text for i in result.items]
    assert texts[1] == "\U0001f393 Ph.D. in Electrical Engineering, done!"
    assert texts[2] == "Voice activity detection in transient noise has been accepted to a journal."
    assert not any("example.org" in t for t in texts)
    assert [i.source_line for i in result.items] == [3, 9, 15]


def test_a_title_that_names_its_month_beside_a_date_field_is_the_records_title() -> None:
    """A community's ``events.yaml`` titles each meetup by its month ("Community meetup: May
    2026") beside ``date: 20/05/2026``: the title read as a date (two words beside one) and was
    dropped, each item reading "ELE 117 May meetup of …". Beside a field named for the date, a
    field named as a title is the title."""
    data = (
        "events:\n"
        '  - title: "Community meetup: May 2026"\n'
        "    date: 20/05/2026\n"
        '    place: "ELE 117"\n'
        "    description: May meetup of the AI x Bio community.\n"
        '  - title: "Community meetup: April 2026"\n'
        "    date: 22/04/2026\n"
        '    place: "ELE 117"\n'
        "    description: April meetup of the AI x Bio community.\n"
    )
    result = parse_text(data, today=TODAY, path="events.yaml")
    assert [(i.posted.display() if i.posted else None, i.title) for i in result.items] == [
        ("20 May 2026", "Community meetup: May 2026"),
        ("22 Apr 2026", "Community meetup: April 2026"),
    ]
    assert result.items[0].text.startswith("Community meetup: May 2026")


def test_a_list_of_titles_reads_the_body_the_few_records_give_and_keeps_a_season_that_names_them() -> None:
    """A lab's ``news.js`` lists 58 records by ``name``, seven with a ``description`` (a
    seminar's topic): the descriptions had been dropped (a text field must fill half the records),
    and "Fall 2021 Seminar Series #1", dated 2021-09-03 by its record, had read "Seminar Series
    #1" (its season taken for a label repeating the date). A body a few records give is their
    text, after the title; a season or term opening a title names it; "May 2021: …" is a label."""
    data = (
        "module.exports = [\n"
        "  { name: 'Fall 2021 Seminar Series #1', description: 'Multivariate Gaussian Processes',"
        " category: 'seminars', date: '2021-09-03' },\n"
        "  { name: 'Rational Curves from Rotation-Minimizing Frames', category: 'seminars',"
        " date: '2010-11-17' },\n"
        "  { name: 'May 2010: Best Paper Award at SPM', category: 'news', date: '2010-05-20' },\n"
        "  { name: 'New Set of Binaries', category: 'news', date: '2010-03-01' },\n"
        "  { name: 'Spring 2010 Seminar Series #2', description: 'Survey of GPU-accelerated"
        " Molecular Dynamics', category: 'seminars', date: '2010-02-01' },\n"
        "];\n"
    )
    result = parse_text(data, today=TODAY, path="src/data/news.js")
    assert [(i.title, i.text, i.hint) for i in result.items] == [
        (
            "Fall 2021 Seminar Series #1",
            "Fall 2021 Seminar Series #1 Multivariate Gaussian Processes",
            "seminars",
        ),
        (
            "Rational Curves from Rotation-Minimizing Frames",
            "Rational Curves from Rotation-Minimizing Frames",
            "seminars",
        ),
        ("Best Paper Award at SPM", "Best Paper Award at SPM", "news"),
        ("New Set of Binaries", "New Set of Binaries", "news"),
        (
            "Spring 2010 Seminar Series #2",
            "Spring 2010 Seminar Series #2 Survey of GPU-accelerated Molecular Dynamics",
            "seminars",
        ),
    ]


def test_a_records_line_is_where_it_starts_even_when_its_text_is_escaped_in_the_file() -> None:
    data = (
        '- date: "May 2025"\n  title: "A first find"\n'
        '  description: "With <a href=\\"x\\">one</a> friend"\n\n'
        '- date: "May 2025"\n  title: "A second find"\n'
        '  description: "With <a href=\\"y\\">two</a> friends"\n'
    )
    result = parse_text(data, today=TODAY, path="news.yml")
    assert [i.source_line for i in result.items] == [1, 5]


SITE_PAGE = """<html><body>
<header role="banner"><nav><ul><li>Home</li><li>Publications</li><li>CV</li></ul></nav></header>
<main><h2>News</h2>
<article><p>Our paper on graphs was accepted at a venue.</p><footer>Posted 3 March 2025</footer></article>
<article><p>Gave a talk at a lab in Leiden.</p><footer>Posted 1 February 2025</footer></article>
</main>
<footer class="site-footer"><ul class="contact-list"><li>Contact</li><li>someone@example.org</li></ul>
<ul class="social"><li>Find me at</li><li>someone</li></ul></footer>
</body></html>"""


def test_the_site_navigation_and_footer_are_not_news_but_an_articles_footer_dates_it() -> None:
    result = parse_text(SITE_PAGE, today=TODAY, path="index.html")
    texts = " | ".join(i.text for i in result.items)
    assert "Contact" not in texts and "Find me at" not in texts and "Publications" not in texts
    assert len(result.items) == 2
    assert [i.posted.start for i in result.items if i.posted] == [dt.date(2025, 3, 3), dt.date(2025, 2, 1)]
    nothing = parse_text(
        SITE_PAGE.replace("<main>", "<main hidden>").split("<main")[0] + SITE_PAGE.split("</main>")[1],
        today=TODAY,
        path="i.html",
    )
    assert nothing.items == []


def test_a_pages_last_updated_stamp_and_copyright_line_are_not_news() -> None:
    """ "All rights reserved & Last update on Feb, 2022" at the foot of a hand-written home page
    (no <footer> tag, no News section) was imported as a news item of February 2022; so were a
    "© 2024 …" line and "Last modified: 3 May 2024" (and "**Last Edited on**: 05/04/2024", on a
    profile page of coding statistics). A news item that says the site was updated
    ("Launched the lab's new website") is still one."""
    page = (
        "<html><body><h2>About Me</h2><p>I study vision.</p><h2>Publications</h2>"
        "<p>A paper. In CVPR 2021.</p>"
        '<p align="center"><span>All rights reserved &amp; Last update on Feb, 2022</span></p>'
        "<p>© 2024 A. Person. Last modified: 3 May 2024</p></body></html>"
    )
    assert parse_text(page, today=TODAY, path="index.html").items == []
    news = (
        "## News\n- **May 2024**: Launched the lab's new website.\n"
        "- **March 2024**: Paper accepted at ICML.\n\nLast updated: June 2024\n\n"
        "**Last Edited on**: 05/04/2024\n"
    )
    notes = (
        "## News\n- *2025.02*: 🤗 will be updated from now!\n"
        "- *2025.02*: One paper is accepted by CVPR 2025.\n"
    )
    assert [i.text for i in parse_text(notes, today=TODAY, path="news.md").items] == [
        "One paper is accepted by CVPR 2025."
    ]
    assert [i.text for i in parse_text(news, today=TODAY, path="news.md").items] == [
        "Launched the lab's new website.",
        "Paper accepted at ICML.",
    ]
    # "Most recent update: 16 October 2023." heading a home page's "What I am doing now" had
    # been its one news; an item that only opens with the words is one
    latest = (
        "<html><body><h2>A. Person</h2><h5>Most recent update: 16 October 2023.</h5>"
        "<h4>What I am doing now:</h4><p>I work on program synthesis.</p>"
        "<h4>Recent highlights and news:</h4></body></html>"
    )
    assert parse_text(latest, today=TODAY, path="index.html").items == []
    moved = "## News\n- May 2024: Latest update: we moved to Stanford!\n- April 2024: Latest update\n"
    assert [i.text for i in parse_text(moved, today=TODAY, path="news.md").items] == [
        "Latest update: we moved to Stanford!"
    ]


def test_a_themes_hidden_dialogs_are_not_news() -> None:
    """A rendered Hugo Academic page keeps a "Cite" box and a search overlay hidden until asked
    (a modal, role="dialog"; role="search"): their headings are not items. A news page whose list
    the theme fills in later had been imported as one item, "Cite"."""
    page = (
        '<html><body><aside class="search-results" id="search" role="search"><h1>Search</h1>'
        '<input name="q"></aside><main><h1>Lab News</h1><div class="universal-wrapper"></div></main>'
        '<div id="modal" class="modal fade" role="dialog"><div class="modal-content">'
        '<h5 class="modal-title">Cite</h5><a class="btn">Copy</a><a class="btn">Download</a></div></div>'
        "<dialog><h2>Share this page</h2><p>Copy the link.</p></dialog></body></html>"
    )
    assert parse_text(page, today=TODAY, path="news/index.html").items == []
    # the same page with its news written in: they are read, the dialogs still not
    filled = page.replace(
        '<div class="universal-wrapper"></div>',
        "<ul><li>May 2025: Our paper was accepted at ICML.</li>"
        "<li>April 2025: Gave a talk in Oslo.</li></ul>",
    )
    assert [i.text for i in parse_text(filled, today=TODAY, path="news/index.html").items] == [
        "Our paper was accepted at ICML.",
        "Gave a talk in Oslo.",
    ]


def test_a_year_sub_heading_under_a_section_of_the_news_heads_its_own_list() -> None:
    """ "# News / ## Past events / ### 2018 / * 23/02/18-28/05/18: …": the year headings date the
    lists under them; "Past events" is a section, not an item that swallows them."""
    page = (
        "# News\n\n## Past events\n\n### 2018\n\n* 23/02/18-28/05/18: A research stay in Prague.\n\n"
        "### 2017\n\n* 17-21/07/17: Attended a summer school in Bilbao.\n"
        "* 22/03/17: We received a GPU grant.\n"
    )
    result = parse_text(page, today=TODAY, path="news.md")
    assert [(i.posted.start, i.posted.end) for i in result.items if i.posted] == [
        (dt.date(2018, 2, 23), dt.date(2018, 5, 28)),
        (dt.date(2017, 7, 17), dt.date(2017, 7, 21)),
        (dt.date(2017, 3, 22), dt.date(2017, 3, 22)),
    ]
    assert not any("Past events" in i.text for i in result.items)


def test_template_tags_and_a_view_all_link_are_not_items_and_lines_still_count() -> None:
    """A page still holding its templates ({% for %}, {{ item.title }}) and a "View All News"
    link under its news: neither is an item; the items after a multi-line tag keep their lines."""
    page = (
        "<h2>News</h2>\n<ul>\n{% for item in site.data.news\n   limit: 3 %}\n"
        "<li>{{ item.date }} {{ item.headline }}</li>\n{% endfor %}\n"
        "<li>May 2025: Our paper on graphs was accepted.</li>\n</ul>\n"
        '<p><a href="/news/">View All News</a></p>\n'
        '<div id="footer"><p>&copy; 2025 The Lab. Site made with Jekyll</p></div>\n'
    )
    result = parse_text(page, today=TODAY, path="index.html")
    assert [i.text for i in result.items] == ["Our paper on graphs was accepted."]
    assert result.items[0].source_line == 7


KEYED_RECORDS = """scholar:
  type: award
  content: Congrats to A. Student on being named a 2025 scholar!
  date: 09/2024
  status: new

skill-paper:
  type: paper
  paper_title: Can Models Learn Composition from Examples?
  paper_link: https://arxiv.org/abs/0000.00000
  venue: NeurIPS 2024
  date: 09/2024
  status: new

kernel-paper:
  type: paper
  paper_title: A Kernel View of Fine-Tuning
  venue: ICML 2023
  date: 04/2023
  status: archive

moves:
  type: graduate
  content: Two alumni move to faculty positions.
  date: 09/2019
  status: archive
"""


def test_records_keyed_by_name_are_read_each_with_its_own_text_and_no_flag() -> None:
    """A mapping of named records (not a list) whose records carry different text fields: each
    record is read with the text it has; a one-word flag repeated over them ("status: new") is
    not text."""
    result = parse_text(KEYED_RECORDS, today=TODAY, path="news.yml")
    assert [i.text for i in result.items] == [
        "Congrats to A. Student on being named a 2025 scholar!",
        "Can Models Learn Composition from Examples? NeurIPS 2024",
        "A Kernel View of Fine-Tuning ICML 2023",
        "Two alumni move to faculty positions.",
    ]
    assert _months(result) == [
        (2024, 9), (2024, 9), (2023, 4), (2019, 9),
    ]  # fmt: skip


def test_a_dotted_abbreviation_does_not_end_an_items_title() -> None:
    from newsfeed.domain.importers.text import title_of

    assert title_of("🏆 Ph.D. Milestone 1/n - I passed my theory exam! Next: the proposal.") == (
        "🏆 Ph.D. Milestone 1/n - I passed my theory exam!"
    )
    assert title_of("Received my M.Sc. in physics. Then a break.") == "Received my M.Sc. in physics."
    assert title_of("Prof. X visited us. It was fun.") == "Prof. X visited us."


def test_a_list_of_sentences_and_a_date_holding_a_list_are_items() -> None:
    """Data whose news are plain strings ("items: - Sep'25: …") and records that hold a list of
    texts under one date: one item per text, dated by its label or by its record; a list of
    tags inside a record is not a list of news."""
    strings = (
        "items:\n"
        "  - |\n      Sep'25: Early ideas on guardrails at the workshops! \\\n"
        "  - |\n      Aug'25: Two papers on prediction and fault tolerance at a venue! \\\n"
    )
    result = parse_text(strings, today=TODAY, path="news.yaml")
    assert [i.text for i in result.items] == [
        "Early ideas on guardrails at the workshops!",
        "Two papers on prediction and fault tolerance at a venue!",
    ]
    assert _months(result) == [
        (2025, 9),
        (2025, 8),
    ]
    grouped = (
        '- date: "July 09, 2026"\n  items:\n    - "Our paper on flows has been accepted to a venue."\n'
        '    - "We gave a talk about flows at a lab."\n'
        '- date: "Jan 16, 2026"\n  tags: [flows, vision]\n'
        '  items:\n    - "A second paper accepted to a symposium."\n'
    )
    result = parse_text(grouped, today=TODAY, path="news.yml")
    assert [i.text for i in result.items] == [
        "Our paper on flows has been accepted to a venue.",
        "We gave a talk about flows at a lab.",
        "A second paper accepted to a symposium.",
    ]
    assert [i.posted.start for i in result.items if i.posted] == [
        dt.date(2026, 7, 9), dt.date(2026, 7, 9), dt.date(2026, 1, 16),
    ]  # fmt: skip


def test_a_table_column_that_only_numbers_the_rows_is_not_part_of_the_news() -> None:
    """A column "#" or "Order" holding 1, 2, 3 (or counting down to 1): the number is the row's
    place. A column of years also counts by one, but not from 1: it stays and dates the rows."""
    numbered = (
        "| Order | News |\n|---|---|\n"
        "| 1 | We are hiring a student, apply here. |\n"
        "| 2 | Our paper on flows was accepted at a venue (2023). |\n"
        "| 3 | A talk about flows at a lab. |\n"
    )
    result = parse_text(numbered, today=TODAY, path="news.md")
    assert [i.text for i in result.items] == [
        "We are hiring a student, apply here.",
        "Our paper on flows was accepted at a venue",
        "A talk about flows at a lab.",
    ]
    html = (
        "<h2>News</h2><table><tr><th>No.</th><th>What</th></tr>"
        "<tr><td>2.</td><td>May 2024: our paper on flows was accepted at a venue.</td></tr>"
        "<tr><td>1.</td><td>March 2024: a talk about flows at a lab.</td></tr></table>"
    )
    result = parse_text(html, today=TODAY, path="news.html")
    assert [i.text for i in result.items] == [
        "our paper on flows was accepted at a venue.",
        "a talk about flows at a lab.",
    ]
    years = (
        "| Year | News |\n|---|---|\n"
        "| 2024 | Our paper on flows was accepted at a venue. |\n"
        "| 2023 | A talk about flows at a lab. |\n"
    )
    result = parse_text(years, today=TODAY, path="news.md")
    assert [i.posted.text for i in result.items if i.posted] == ["2024", "2023"]


def test_date_headings_over_prose_with_its_links_and_titles_ending_in_a_date() -> None:
    """A heading that is only a date over prose and then a list of only links (the paper, the
    press): one item, links kept. Headings that prove the day/month order ("06-17-2025") settle
    the ambiguous ones ("12-01-2024" is the 1st of December). A title, a separator, then the
    date ("Press · 01-18-2024") dates the heading's item."""
    page = (
        "# News\n\n### 06-17-2025\n\n"
        "We are excited to share our new paper on roots, published in a journal.\n\n"
        "These roots help plants reach water.\n\n"
        "- [Scientists find deep roots (University News)](https://news.example.org/roots)\n"
        "- [A continental analysis of roots (Journal)](https://journal.example.org/a1)\n\n"
        "### 12-01-2024\n\nWelcome to Steve, who joins our lab group.\n\n"
        "### Press · 01-18-2024\n\nIn this news piece we discuss the science of waste.\n\n"
        "### 11-02-2023\n\nOur lab news this month:\n\n"
        "- A paper on roots accepted at a venue.\n- A talk about roots at a lab.\n"
    )
    result = parse_text(page, today=TODAY, path="news.md")
    dates = [(i.posted.start if i.posted else None) for i in result.items]
    texts = [i.text for i in result.items]
    first = texts[dates.index(dt.date(2025, 6, 17))]
    assert first.startswith("We are excited to share our new paper on roots")
    assert "These roots help plants reach water." in first
    assert "https://journal.example.org/a1" in [link.href for link in result.items[0].links]
    assert dates.count(dt.date(2025, 6, 17)) == 1
    assert texts[dates.index(dt.date(2024, 12, 1))] == "Welcome to Steve, who joins our lab group."
    press = result.items[dates.index(dt.date(2024, 1, 18))]
    assert press.title == "Press" and "science of waste" in press.text
    # a list of news under a date heading keeps its items, and its lead-in is not one
    assert [t for d, t in zip(dates, texts, strict=True) if d == dt.date(2023, 11, 2)] == [
        "A paper on roots accepted at a venue.",
        "A talk about roots at a lab.",
    ]


def test_records_kept_in_several_languages_are_read_in_english() -> None:
    """``date: {en: Mar 2026, zh: 2026 年 3 月}`` and ``text: {en: …, zh: …}``: the English
    value (else the first written); front matter may follow a comment to its editors; a
    mapping of other fields (links) is not a choice of languages."""
    page = (
        "<!-- NEWS, newest first: copy the top block to post. -->\n\n---\nnews:\n"
        "- date:\n    en: Mar 2026\n    zh: 2026 年 3 月\n"
        "  text:\n    en: One paper accepted by a venue, congrats to Xiang!\n"
        "    zh: 一篇论文被录用，恭喜向向！\n"
        "- date:\n    zh: 2025 年 12 月\n    de: Dezember 2025\n"
        "  text:\n    de: Zwei Aufsätze angenommen, Glückwunsch an Huan!\n    zh: 两篇论文被录用！\n"
        "  links:\n    pdf: https://example.org/a.pdf\n    code: https://example.org/code\n"
        "---\n"
    )
    result = parse_text(page, today=TODAY, path="content/news.md")
    assert [i.text for i in result.items] == [
        "One paper accepted by a venue, congrats to Xiang!",
        "Zwei Aufsätze angenommen, Glückwunsch an Huan!",
    ]
    assert _months(result) == [
        (2026, 3),
        (2025, 12),
    ]


@pytest.mark.parametrize(
    "data",
    [
        # a list of years, each with its records ("years: [{year: 2026, items: [{date: Aug 12 …"
        "years:\n  - year: 2026\n    items:\n"
        "      - date: Aug 12\n        text: The lab's monitor launched.\n"
        "      - {date: Jun 24, text: 'A paper was accepted for publication in Digital Society.'}\n"
        "  - year: 2025\n    items:\n      - {date: Dec 7, text: Research grant from a foundation.}\n"
        "      - {date: Nov 3, text: A talk at a workshop in Oslo.}\n",
        # a mapping keyed by the years
        "2026:\n  - {date: Aug 12, text: The lab's monitor launched.}\n"
        "  - {date: Jun 24, text: 'A paper was accepted for publication in Digital Society.'}\n"
        "2025:\n  - {date: Dec 7, text: Research grant from a foundation.}\n"
        "  - {date: Nov 3, text: A talk at a workshop in Oslo.}\n",
        # each year's news a list of sentences, dated by their labels
        '- year: 2026\n  news:\n    - "Aug 12: The lab\'s monitor launched."\n'
        '    - "Jun 24: A paper was accepted for publication in Digital Society."\n'
        '- year: 2025\n  news:\n    - "Dec 7: Research grant from a foundation."\n'
        '    - "Nov 3: A talk at a workshop in Oslo."\n',
    ],
    ids=["list-of-years", "keyed-by-year", "sentences-by-year"],
)
def test_records_grouped_by_year_are_all_read_and_take_their_groups_year(data: str) -> None:
    """A data file that groups its records by year (``years: [{year: 2026, items: [{date: "Aug
    12", …}]}]``, ``2026: [ … ]``) had been read as its one longest group: a lab's 22 records of
    2023 out of 105 over eight years. Every group is read, in order, and a date without a year
    takes its group's year, not the reference date's."""
    result = parse_text(data, today=TODAY, path="data/news.yaml")
    assert [i.text for i in result.items] == [
        "The lab's monitor launched.",
        "A paper was accepted for publication in Digital Society.",
        "Research grant from a foundation.",
        "A talk at a workshop in Oslo.",
    ]
    assert [i.posted.start.isoformat() for i in result.items if i.posted] == [
        "2026-08-12",
        "2026-06-24",
        "2025-12-07",
        "2025-11-03",
    ]
    # a year with no news between two that have some: the group's year, not the year before
    gap = parse_text(data.replace("2025", "2023"), today=TODAY, path="data/news.yaml")
    assert [i.posted.start.isoformat() for i in gap.items if i.posted][2:] == ["2023-12-07", "2023-11-03"]


def test_a_records_identifier_is_not_its_text_and_a_midnight_stamp_is_a_day() -> None:
    """A record's ``hash: f2d8c41`` (a short field, unique per record) and the picture it shows
    (``cover: files/jop.jpeg``) had been read into its text ("Heading to CMU 🎓 f2d8c41 I will
    join …", "… has been accepted. files/jop.jpeg"); a date a tool wrote at midnight
    ("2018-05-30 00:00:00", no zone) had been shown as "30 May 2018, 00:00"."""
    data = json.dumps(
        [
            {
                "hash": "f2d8c41",
                "date": "2026-07",
                "title": "Heading to CMU",
                "html": "I will join CMU as a student.",
            },
            {
                "hash": "e4c1a26",
                "date": "2026-01",
                "title": "EACL 2026 Acceptance",
                "html": "Our paper was accepted.",
            },
            {
                "hash": "b7f9d03",
                "date": "2018-05-30 00:00:00",
                "title": "A new role",
                "html": "Started a new role.",
            },
        ]
    ).replace('"html"', '"cover": "files/jop.jpeg", "html"', 2)
    items = parse_text(data, today=TODAY, path="src/data/news.json").items
    assert [i.text for i in items] == [
        "Heading to CMU I will join CMU as a student.",
        "EACL 2026 Acceptance Our paper was accepted.",
        "A new role Started a new role.",
    ]
    last = items[2].posted
    assert last is not None and (last.grain, last.time, last.start) == ("day", None, dt.date(2018, 5, 30))
    # the site's page a record leads to ("route: /projects/", "/cv/") is no text either: a
    # postdoc's six news had ended in "… Foundation. /projects/"
    routed = data.replace('"hash"', '"route": "/projects/", "hash"', 1).replace(
        '"hash"', '"route": "/cv/", "hash"'
    )
    assert [i.text for i in parse_text(routed, today=TODAY, path="src/data/news.json").items] == [
        "Heading to CMU I will join CMU as a student.",
        "EACL 2026 Acceptance Our paper was accepted.",
        "A new role Started a new role.",
    ]


def test_a_records_text_kept_in_several_languages_beside_its_date_is_read_in_english() -> None:
    """``{"date": …, "en": "Patent authorized! …", "zh": "祝贺我们的发明专利成功授权！…"}``: the
    English text, even where another language's is longer; the other is not text."""
    data = json.dumps(
        [
            {
                "date": "2026-07-24",
                "en": "Patent authorized!",
                "zh": "祝贺我们的发明专利成功授权！祝贺课题组的发明专利成功获得授权！",
            },
            {
                "date": "2026-05-12",
                "en": "Paper accepted by a journal.",
                "zh": "论文被期刊录用！祝贺课题组！",
            },
        ],
        ensure_ascii=False,
    )
    assert [i.text for i in parse_text(data, today=TODAY, path="_data/news.json").items] == [
        "Patent authorized!",
        "Paper accepted by a journal.",
    ]


def test_lines_of_one_paragraph_each_opening_with_a_date_are_items() -> None:
    """A news file written one item per line with no blank line between (``**[10/2024]** …`` on
    each line, pasted into a Hugo page by a shortcode that puts each line in a paragraph of its
    own) had been one item, the first line's date on all three. Each line that opens with its own
    date is an item; a paragraph whose later lines carry on its sentence stays one."""
    page = (
        "**[10/2024]** Safebench was covered by the college news!\r\n"
        "**[09/2024]** Two papers accepted by NeurIPS 2024.\r\n"
        "[05/2024] Starting my summer internship at a company.\r\n"
    )
    result = parse_text(page, today=TODAY, path="content/newslist.md")
    assert [(i.posted.start.isoformat()[:7], i.text) for i in result.items if i.posted] == [
        ("2024-10", "Safebench was covered by the college news!"),
        ("2024-09", "Two papers accepted by NeurIPS 2024."),
        ("2024-05", "Starting my summer internship at a company."),
    ]
    one = parse_text(
        "## News\n\n**May 2024**: our paper on graphs was accepted at a venue, and\n"
        "2 May 2024 is when the camera-ready is due.\n",
        today=TODAY,
        path="news.md",
    )
    assert len(one.items) == 1


def test_a_csv_records_entities_flags_and_picture_addresses_are_read_as_the_page_shows_them() -> None:
    """A ``_data/news.csv`` whose text writes quotes as ``&quot;`` (its layout prints it as HTML),
    a one-record file with a ``highlight`` flag of ``1``, and a ``thumb`` column of picture
    addresses: the items had read "Our paper &quot;Feasibility …&quot;", "Launch of the resource
    1" and "… Times of India https://…/2019-05-20.jpg". An entity is the character it names
    (``&lt;`` and ``&amp;`` stay as written, Markdown shows them so), a number or yes/no is a
    flag, and a picture's address is no text."""
    data = (
        "Date,Item,highlight,thumb\n"
        '2024-06-30,"Our paper &quot;Guided Control&quot; was accepted at CDC &#8212; R&amp;D &lt;3",1,'
        "https://example.org/uploads/news_thumb/17/2019-05-20-1558500765.jpg\n"
        "2024-04-26,Launch of the resource,0,https://example.org/a.png\n"
    )
    items = parse_text(data, today=TODAY, path="_data/news.csv").items
    assert [i.text for i in items] == [
        'Our paper "Guided Control" was accepted at CDC \u2014 R&amp;D &lt;3',
        "Launch of the resource",
    ]
    # a flag column beside a title and nothing longer: the title is the text, the flag is none
    (launch,) = parse_text(
        'time,title,highlight\n2023 Oct,"Launch of the resource",1\n', today=TODAY, path="_data/news.csv"
    ).items
    assert launch.text == "Launch of the resource"


def test_picture_addresses_and_file_names_are_no_text_whatever_their_column() -> None:
    """A press list's ``thumb`` column holds picture addresses, but one misaligned row has
    "ExpEYES" there: the column had been read as text, every item ending in a .jpg address, and
    a row with only a picture (``,,,https://…/1558335564.jpg,``) was an item of its own. Chirpy's
    ``_data/updates.yml`` (``filename: getting-started``, ``lastmod: …``, the theme's list of
    recently edited posts) had been imported as four news named by their file names."""
    press = (
        "title,journal,link,thumb,device\n"
        "Laptops to turn into physics labs,The New Indian Express,https://x.in/a.html,"
        "https://kite.kerala.gov.in/uploads/news/17/2019-05-20-1558500765.jpg,ExpEYES17\n"
        "Making Physics Experiments Easier,The Hindu,https://x.in/b.ece,https://x.in/t/1.jpg,ExpEYES17\n"
        "16500 more laptops for IT labs,The Hindu,,ExpEYES,\n"
        ",,,https://kite.kerala.gov.in/uploads/news_thumb/17/2019-05-20-1558335564.jpg,\n"
    )
    items = parse_text(press, today=TODAY, path="_data/news.csv").items
    assert [i.text for i in items] == [
        "Laptops to turn into physics labs The New Indian Express ExpEYES17",
        "Making Physics Experiments Easier The Hindu ExpEYES17",
        "16500 more laptops for IT labs The Hindu",
    ]
    chirpy = (
        "-\n  filename: 'customize-the-favicon'\n  lastmod: '2020-06-20 13:37:40 +0430'\n"
        "-\n  filename: 'getting-started'\n  lastmod: '2020-06-20 13:37:40 +0430'\n"
        "-\n  filename: 'write-a-new-post'\n  lastmod: '2021-03-01 10:00:00 +0100'\n"
    )
    assert parse_text(chirpy, today=TODAY, path="_data/updates.yml").items == []


def test_kramdown_attributes_after_a_link_are_not_text() -> None:
    """Jekyll's kramdown takes ``{:target="_blank"}`` after a link (and ``{: .class}``) as the
    link's attributes: in a Markdown list and in a data file's field they had stayed in the
    item's text ("… Encryption{:target="_blank"} at USENIX")."""
    page = (
        '## News\n- **Aug 2024**: Presented [my work](https://x.org/p.pdf){:target="_blank"} at USENIX.\n'
        "- **Feb 2024**: Our [paper](){: .red} got accepted.\n"
    )
    data = (
        '- date: 2024-08-15\n  title: Presented [my work](https://x.org/p.pdf){:target="_blank"} at USENIX.\n'
    )
    for text, path in ((page, "news.md"), (data, "_data/news.yml")):
        items = parse_text(text, today=TODAY, path=path).items
        assert items and all("{:" not in i.text and "{:" not in i.title for i in items)
        assert items[0].text == "Presented [my work](https://x.org/p.pdf) at USENIX."


def test_a_date_the_sentence_says_at_its_end_stays_in_its_text() -> None:
    """ "Welcome to Adam Halford who joins us …, as an intern for the month of July." in a record
    dated July 2026 had lost its last word as a label repeating the date ("… for the month
    of"). A date after "of", "in", "until" … is the sentence's: it may date the entry, and stays;
    one set off at the end ("…, May 2026", "(June 2026)") is a label and goes."""
    yml = (
        '- { date: "July 2026", text: "Welcome to Adam, as an intern for the month of July." }\n'
        '- { date: "June 2026", text: "The lab received an NSF CAREER Award (June 2026)." }\n'
        '- { date: "May 2026", text: "Talk at MIT, May 2026" }\n'
    )
    texts = [i.text for i in parse_text(yml, today=TODAY, path="_data/news.yml").items]
    assert texts == [
        "Welcome to Adam, as an intern for the month of July.",
        "The lab received an NSF CAREER Award",
        "Talk at MIT",
    ]
    (item,) = parse_text(
        "## News\n- Gave a keynote at the workshop in Oslo in June 2025\n", today=TODAY
    ).items
    assert item.posted is not None and item.posted.display() == "June 2025"
    assert item.text == "Gave a keynote at the workshop in Oslo in June 2025"


def test_a_date_in_brackets_after_a_bold_headline_dates_the_entry() -> None:
    """A lab writes each news as a headline in bold, its date in brackets in italics, then a dash
    and the story (``- **BFL release BII 3.2.0** *(17th February 2026)* -- This is …``): all of
    them had been imported undated. The date between headline and dash is the entry's label;
    brackets after a headline that hold no date, or only a year, are the text's own."""
    page = (
        "- **BFL release BII 3.2.0** *(17th February 2026)* -- This is our major release.\n\n"
        "- **BII featured in the** [**NHM Wildlife Photographer**](https://www.nhm.ac.uk/wpy) "
        "**exhibition** *(17th October 2025)* -- The index is featured.\n\n"
        "- **Charlotte McGinty joins BFL** (29th May 2025): welcome!\n\n"
        "- **New paper in** [**Science**](https://www.science.org) *(4th April 2025)* -- Are insects …\n\n"
        "- **A new grant** (with the NHM) -- funded for three years.\n\n"
        "- **Our 2024 report** (2024) -- read it online.\n"
    )
    items = parse_text(page, today=TODAY, path="news.qmd").items
    assert [(i.posted.start.isoformat() if i.posted else None, i.text) for i in items] == [
        ("2026-02-17", "**BFL release BII 3.2.0** -- This is our major release."),
        (
            "2025-10-17",
            "**BII featured in the** [**NHM Wildlife Photographer**](https://www.nhm.ac.uk/wpy) "
            "**exhibition** -- The index is featured.",
        ),
        ("2025-05-29", "**Charlotte McGinty joins BFL**: welcome!"),
        ("2025-04-04", "**New paper in** [**Science**](https://www.science.org) -- Are insects …"),
        (None, "**A new grant** (with the NHM) -- funded for three years."),
        (None, "**Our 2024 report** (2024) -- read it online."),
    ]


def test_pandoc_fenced_divs_are_markup_around_their_blocks() -> None:
    """A Quarto page wraps blocks in fenced divs (``::: {.callout-note appearance="simple"}``,
    ``:::: {.columns}``, ``::: aside`` … ``:::``): their fence lines had opened an item's text
    ("::: {.callout-note …} **Join the lab.** …") and been items of their own (":::: {.columns}").
    They are markup; what they hold is read, on the lines it was written on."""
    page = (
        "## News\n\n:::: {.columns}\n\n"
        '::: {.column width="50%"}\n- **May 2026**: A paper in Nature.\n:::\n\n'
        "::: aside\n- **April 2026**: A talk in Oslo.\n:::\n::::\n"
    )
    items = parse_text(page, today=TODAY, path="news.qmd").items
    assert [(i.text, i.source_line) for i in items] == [("A paper in Nature.", 6), ("A talk in Oslo.", 10)]


def test_nuxt_content_block_components_are_markup_and_a_zero_dated_file_is_a_template() -> None:
    """A researcher's Nuxt site keeps ``content/news/2026-03-16.md`` as two MDC block components,
    ``::div{class="lang-en"}`` … ``::`` and the same in Japanese: every item's text had opened with
    '::div{class="lang-en"}' and held the '::' that closes it; and ``0000-00-00.md``, the blank
    the owner copies for a new post ("### title", ``date: ""``), had been an undated news. A
    component's fence lines are markup around what they hold; a file named by a date of zeros is
    a template, said in the report."""
    post = (
        '---\ndate: "2026-03-16"\n---\n\n::div{class="lang-en"}\n\n'
        "### Received Student Travel Award at PAKDD 2026\n\nI received the award.\n\n::\n\n"
        '::alert{type="info"}\nOral talk on flow matching.\n::\n'
    )
    blank = '---\ndate: ""\ncontent: ""\n---\n\n::div{class="lang-en"}\n### title\n\n{{ content }}\n\n::\n'
    result = parse_folder(
        [("content/news/2026-03-16.md", post), ("content/news/0000-00-00.md", blank)], today=TODAY
    )
    assert [i.text for i in result.items] == [
        "Received Student Travel Award at PAKDD 2026 I received the award. Oral talk on flow matching."
    ]
    assert any("0000-00-00.md: a template for new posts" in w for w in result.warnings), result.warnings


def test_a_post_with_no_title_is_titled_by_the_heading_its_body_opens_with() -> None:
    """A Nuxt researcher's posts keep no title in their front matter and open with a heading,
    "### Received Student Travel Award at PAKDD 2026", then a date line and the story: each
    item's title had run on from the heading into the date and the story's first sentence. A
    post with no title of its own is titled by the heading its body opens with; its text is
    still the heading and the body; a body opening with prose is titled by its first sentence."""
    headed = (
        '---\ndate: "2026-03-16"\n---\n\n### Received Student Travel Award at PAKDD 2026\n\n'
        "2026-03-16\n\nI received the award. It covers travel.\n"
    )
    prose = '---\ndate: "2026-03-10"\n---\n\nWe moved to a new building. Visit us.\n'
    result = parse_folder([("news/2026-03-16.md", headed), ("news/2026-03-10.md", prose)], today=TODAY)
    assert [(i.title, i.text) for i in result.items] == [
        (
            "Received Student Travel Award at PAKDD 2026",
            "Received Student Travel Award at PAKDD 2026 I received the award. It covers travel.",
        ),
        ("We moved to a new building.", "We moved to a new building. Visit us."),
    ]


def test_pandoc_attributes_after_a_link_are_not_text() -> None:
    """Quarto and R Markdown (Pandoc) take ``{target="_blank"}``, ``{.class}``, ``{#id}`` and
    ``{width=50%}`` after a link, a span or an image as its attributes: a Quarto lab's News page
    had them in every item's text ("[Paper](…){target="_blank"}). Braces that are the author's
    words stay: a set, a placeholder, braces after anything but a link or a span."""
    page = (
        "## News\n"
        '- **June 2026**: Over 20 talks at [Q2026](https://www.q2026.hr/){target="_blank"}, '
        "[Slides](s.pptx){.external target='_blank'} - [Paper](p.pdf){#paper}.\n"
        "- **May 2026**: ![logo](l.png){width=50%} Our lab got {three} new members: {Ann, Bo}.\n"
        "- **April 2026**: A talk on f(x){n=2} and [sets]{of} things.\n"
    )
    items = parse_text(page, today=TODAY, path="news.qmd").items
    assert [i.text for i in items] == [
        "Over 20 talks at [Q2026](https://www.q2026.hr/), [Slides](s.pptx) - [Paper](p.pdf).",
        "![logo](l.png) Our lab got {three} new members: {Ann, Bo}.",
        "A talk on f(x){n=2} and [sets]{of} things.",
    ]


def test_a_date_label_in_a_pandoc_span_dates_its_item() -> None:
    """A Quarto home page writes ``- [June 2026]{.item-date} Presented our paper …`` (a span the
    theme styles): the items had been dated by the label but kept "{.item-date}" as the start of
    their text; the span's attributes are markup, the label is a label."""
    page = (
        "## News\n\n- [June 2026]{.item-date} Presented our EAMT 2026 paper on machine translation.\n"
        "- [May 2026]{.item-date} ShAnEL-2, our grading dataset, was accepted at LREC 2026.\n"
    )
    items = parse_text(page, today=TODAY, path="index.qmd").items
    assert [(i.posted.display() if i.posted else None, i.text) for i in items] == [
        ("June 2026", "Presented our EAMT 2026 paper on machine translation."),
        ("May 2026", "ShAnEL-2, our grading dataset, was accepted at LREC 2026."),
    ]


def test_a_month_written_with_a_dot_in_yaml_is_a_month_not_a_number() -> None:
    """``date: 10.2023`` is a YAML float (10.2023, and ``10.2020`` would be 10.202): those
    records had been imported undated. A month and year written with a dot stay as written;
    so do ranges of days the date engine reads ("06.04-08.04.2024")."""
    data = (
        "- date: 06.04-08.04.2024\n  headline: Took part in a panel at a festival.\n"
        "- date: 10.2020\n  headline: Our paper was accepted at a venue.\n"
        "- date: 08.2020\n  headline: Gave a talk at a workshop.\n"
        "- date: 2019.11\n  headline: Joined the lab as a postdoc.\n"
    )
    result = parse_text(data, today=TODAY, path="_data/news.yml")
    assert [(i.posted.start.isoformat(), i.posted.end.isoformat()) for i in result.items if i.posted] == [
        ("2024-04-06", "2024-04-08"),
        ("2020-10-01", "2020-10-31"),
        ("2020-08-01", "2020-08-31"),
        ("2019-11-01", "2019-11-30"),
    ]


def test_a_records_versions_in_several_languages_beside_its_date_are_read_in_english() -> None:
    """``- time: May 2026`` with ``en: {news: …}`` and ``zh: {news: …}`` beside it (a site that
    keeps each record's text once per language): one item per record, in English (else the
    first language written), dated by the field beside the versions; a whole file kept once per
    language (``en: [records]``, ``zh: [records]``) is read in one too."""
    data = (
        '- time: "May 2026"\n  en:\n    news: "One paper is accepted by a venue. Congratulations!"\n'
        '  zh:\n    news: "一篇论文被录用。感谢各位合作者！"\n'
        '- time: "Apr 2026"\n  zh:\n    news: "两篇论文被录用。"\n'
        '  ja:\n    news: "二本の論文が採択されました。"\n'
        '- time: "Jan 2026"\n  en:\n    news: "Our paper received the best poster award."\n'
        '  zh:\n    news: "我们的论文获得最佳海报奖。"\n'
    )
    result = parse_text(data, today=TODAY, path="data/news.yaml")
    assert [i.text for i in result.items] == [
        "One paper is accepted by a venue. Congratulations!",
        "两篇论文被录用。",
        "Our paper received the best poster award.",
    ]
    assert _months(result) == [(2026, 5), (2026, 4), (2026, 1)]
    whole = (
        "en:\n  - date: 2025-03-01\n    text: A talk at a workshop on graphs.\n"
        "  - date: 2025-02-01\n    text: A paper accepted at a venue.\n"
        "zh:\n  - date: 2025-03-01\n    text: 在图研讨会上做报告。\n"
        "  - date: 2025-02-01\n    text: 一篇论文被录用。\n"
    )
    result = parse_text(whole, today=TODAY, path="_data/news.yml")
    assert [i.text for i in result.items] == [
        "A talk at a workshop on graphs.",
        "A paper accepted at a venue.",
    ]


def test_a_news_file_numbered_after_its_day_is_dated_by_that_day(tmp_path: Any) -> None:
    """A lab's ``news/`` folder keeps a day's seminars as ``20250122.html`` and ``202501222.html``
    (the day's second): the numbered one read as undated. A compact date followed by a number of
    one or two digits ending the name is that day; twelve digits are no date."""
    page = "<html><body><h1>{}</h1><p>Speaker: someone from a lab.</p></body></html>"
    posts = {
        "20250122.html": page.format("Physics of Language Models"),
        "202501222.html": page.format("Safe and Trustworthy AI"),
        "2025022001.html": page.format("Jailbreaking attacks and defences"),
        "202502271234.html": page.format("A page named by a number"),
    }
    items = _read_folder(tmp_path, posts).items
    got = {i.text.split(" Speaker:")[0]: i.posted.start if i.posted else None for i in items}
    assert got == {
        "Jailbreaking attacks and defences": dt.date(2025, 2, 20),
        "Physics of Language Models": dt.date(2025, 1, 22),
        "Safe and Trustworthy AI": dt.date(2025, 1, 22),
        "A page named by a number": None,
    }


def test_folders_of_restructuredtext_and_org_posts_are_one_item_per_file(tmp_path: Any) -> None:
    """Sphinx, Pelican and Nikola keep posts in reStructuredText, Emacs users in Org: each file is
    an item, dated by its metadata (":date:", ".. date:", "#+DATE:"), a whole date inside its name
    ("news_2022_06_15_award.rst") or a label opening its title; the title is its first heading
    (a short underline too, as docutils reads it) and its metadata is not its text."""
    posts = {
        "news_2022_06_15_reviewer.rst": "[2022-06-15] Best Reviewer Award\n=========\n\n"
        "I'm honoured to receive the Best Reviewer Award of a journal.\n\n.. image:: media/award.jpg\n",
        "talk.rst": "Talk at a lab\n#############\n\n:date: 2023-05-25 10:20\n:category: talks\n\n"
        "I gave a talk about flows at a lab.\n",
        "nikola.rst": ".. title: New paper in a journal\n.. date: 2024/02/03 09:00:00\n\n"
        "Our paper on roots is out in a journal.\n",
        "retreat.org": "#+TITLE: Lab retreat\n#+DATE: <2024-09-12 Thu>\n\nWe spent two days in the hills.\n",
        "draft.rst": "Not yet\n=======\n\n:date: 2024-10-01\n:status: draft\n\nSoon.\n",
        # front matter whose status is no text (YAML null) is a post like any other
        "2021-03-01-null-status.md": "---\ntitle: Old news\nstatus:\n---\n\nA poster at a lab.\n",
    }
    result = _read_folder(tmp_path, posts)
    got = [(i.posted.start if i.posted else None, i.title, i.text) for i in result.items]
    assert got == [
        (
            dt.date(2024, 9, 12),
            "Lab retreat",
            "Lab retreat We spent two days in the hills.",
        ),
        (
            dt.date(2024, 2, 3),
            "New paper in a journal",
            "New paper in a journal Our paper on roots is out in a journal.",
        ),
        (dt.date(2023, 5, 25), "Talk at a lab", "Talk at a lab I gave a talk about flows at a lab."),
        (
            dt.date(2022, 6, 15),
            "Best Reviewer Award",
            "Best Reviewer Award I'm honoured to receive the Best Reviewer Award of a journal.",
        ),
        (dt.date(2021, 3, 1), "Old news", "Old news A poster at a lab."),
    ]


def test_a_layout_table_around_the_news_is_no_item_and_its_summary_heads_the_older_rows() -> None:
    """Pages laid out with tables (one outer cell holding the News heading and a table of dated
    rows, older rows folded in a ``<details>``): each inner row is one item, the outer row is no
    item holding them all, and "2023 and earlier" is the heading of what it opens, not an item."""
    rows = "".join(
        f"<tr><td>{when}</td><td>{what}</td></tr>"
        for when, what in (
            ("Aug 2025", "Our paper on flows was accepted at a venue."),
            ("May 2024", "Gave a talk at a lab."),
        )
    )
    older = "<tr><td>Nov 2023</td><td>Started an internship at a lab.</td></tr>"
    page = (
        '<table width="100%"><tr><td><h1>news</h1>'
        f"<table><tr>{rows}</table>"
        f"<details><summary>2023 and earlier</summary><table>{older}</table></details>"
        "</td></tr></table>"
    )
    result = parse_text(page, today=TODAY, path="news.html")
    assert [(i.text, i.posted.text if i.posted else None) for i in result.items] == [
        ("Our paper on flows was accepted at a venue.", "Aug 2025"),
        ("Gave a talk at a lab.", "May 2024"),
        ("Started an internship at a lab.", "Nov 2023"),
    ]


def test_a_month_or_season_heading_under_a_year_heading_dates_its_list_by_month() -> None:
    """ "## 2026" then "### May": the items under "May" are of May 2026, not of the year 2026; a
    word that is no month ("### Updates") is a section, not a date."""
    page = (
        "# News\n\n## 2026\n\n### May\n\n- Our paper on flows was accepted at a venue.\n\n"
        "### Feb.\n\n- Gave a talk at a lab.\n\n## 2025\n\n### Fall\n\n- Joined a lab as a postdoc.\n\n"
        "### Updates\n\n- Visited a lab.\n"
    )
    result = parse_text(page, today=TODAY, path="news.md")
    assert [(i.posted.display(), i.posted.grain) for i in result.items if i.posted] == [
        ("May 2026", "month"),
        ("February 2026", "month"),
        ("Fall 2025", "month"),
        ("2025", "year"),
    ]


def test_a_bold_month_line_under_a_year_heading_dates_the_list_under_it() -> None:
    """ "## 2025" then "**July**" then a list (a Quarto News page keeps its news so): the items
    are of July 2025. The bold month had been read as an item with a date and no text, and every
    item was posted in the year only."""
    page = (
        '---\ntitle: "News"\n---\n\n## 2025\n\n**July**\n\n- Check out the latest issue of IEEE Uplink.\n\n'
        "**March**\n\n- Two of our papers were accepted at Voting'25.\n\n"
        "- We have released a preprint of our latest method.\n\n"
        "## 2024\n\n**December**\n\n- Michelle Blom won the 2024 Excellence Award.\n"
    )
    result = parse_text(page, today=TODAY, path="news.qmd")
    assert [(i.posted.display(), i.kind) for i in result.items[1:] if i.posted] == [
        ("March 2025", "acceptance"),
        ("March 2025", "preprint"),
        ("December 2024", "award"),
    ]
    first = result.items[0]  # a magazine's issue: no kind of its own
    assert first.posted and first.posted.display() == "July 2025" and first.text.startswith("Check out")
    assert not any("a date with no text" in w for w in result.warnings)


def test_a_template_page_says_which_file_holds_its_news_and_its_loop_is_no_item() -> None:
    """A Jekyll page whose News is a Liquid loop over a data file (through an ``assign``), a Hugo
    page that ranges over a section: the loop's body is the shape of one item (its labels "Paper
    Talk Award" were read as an item), and the report names the file or folder to import. What
    the author wrote outside the loop is still read, on its own line."""
    jekyll = (
        "---\nlayout: default\ntitle: News\n---\n"
        '{% assign items = site.data.news.items | sort: "date" | reverse %}\n'
        "# News\n\n{% for n in items %}\n<article>\n"
        "<span>{% case n.kind %}{% when 'paper' %}Paper{% when 'talk' %}Talk"
        "{% else %}Award{% endcase %}</span>\n"
        "<h3>{{ n.title }}</h3>\n</article>\n{% endfor %}\n\n"
        "- May 2019: the lab opened (before this site).\n"
    )
    result = parse_text(jekyll, today=TODAY, path="news.md")
    assert [(i.text, i.source_line) for i in result.items] == [("the lab opened (before this site).", 15)]
    assert any("template" in w and "_data/news.yml" in w and "`items`" in w for w in result.warnings)
    hugo = (
        "<h2>News</h2>\n<ul>\n"
        '{{ range first 5 (where .Site.RegularPages "Section" "news") }}\n'
        '  <li>{{ .Date.Format "Jan 2006" }} {{ if .Params.award }}Award{{ end }} {{ .Title }}</li>\n'
        "{{ end }}\n</ul>\n"
    )
    result = parse_text(hugo, today=TODAY, path="news.html")
    assert result.items == []
    assert any("template" in w and "content/news/" in w for w in result.warnings)
    quarto = "---\ntitle: News\nlisting:\n  contents: posts\n  sort: date desc\n---\n\nWhat we are up to.\n"
    result = parse_text(quarto, today=TODAY, path="news.qmd")
    assert result.items == [] and any("template" in w and "posts" in w for w in result.warnings)


def test_inline_html_an_author_styles_a_sentence_with_is_read_as_its_text() -> None:
    """A Markdown list whose items are coloured with ``<code style="color: #FC465B">…</code>``
    (and a ``<mark>``, a ``<cite>``, a struck ``<s>``, a "new" badge ``<img src="new.gif"/>``):
    the tags had stayed in the item's text, which feeds and the news page would show. A tag
    written inside backticks is the sentence's own text and stays."""
    page = (
        "## News\n***2026***\n"
        '- 📳 **<code style="color: #FC465B">One paper has been accepted at CVPR 2026.</code>**\n'
        "- 📳 <mark>Best paper</mark> at <cite>CHI 2026</cite>, <s>one</s> two awards.\n"
        "- 📳 Released a parser: use `<code>` tags freely.\n"
        '- 📳 Our paper was accepted at Eurographics 2025! <img src="/assets/img/new.gif"/>\n'
    )
    result = parse_text(page, today=TODAY, path="news.md")
    assert [i.text for i in result.items] == [
        "📳 **One paper has been accepted at CVPR 2026.**",
        "📳 Best paper at CHI 2026, one two awards.",
        "📳 Released a parser: use `<code>` tags freely.",
        "📳 Our paper was accepted at Eurographics 2025!",
    ]
    assert [i.kind for i in result.items][:2] == ["acceptance", "award"]


def test_a_cards_row_of_button_links_is_its_links_not_items() -> None:
    """HTML5 UP cards: a title, a date, a paragraph, then ``<ul class="actions">`` of links styled
    as buttons ("Register", "Slides"). Under a card whose paragraph is no item (its date heading
    is followed by a "Deadline" heading, or is "Semester 2 2021"), each button had been an undated
    item of its own ("[Register](…)"); they are the card's links, joined to its paragraph. A list
    of ordinary links is not joined to the card: beside the dated news, a list of a few words'
    links is a menu, not read either."""

    def card(title: str, heads: list[str], text: str, buttons: list[str], cls: str) -> str:
        dates = "".join(f"<h4>{h}</h4>" for h in heads)
        links = "".join(f'<li><a href="https://x.example/{n}"{cls}>{n}</a></li>' for n in buttons)
        return (
            f'<section><div class="content"><div class="inner"><h2>{title}</h2>{dates}<p>{text}</p>'
            f'<ul class="actions">{links}</ul></div></div></section><hr>'
        )

    def page(cls: str) -> str:
        return (
            '<section id="one"><div class="inner"><header class="major"><h1>News</h1></header><hr>'
            + card("Path planning", ["09/07/2021<br>5:00 PM"], "A talk on motion planning.", ["Slides"], cls)
            + card(
                "ROS Hackathon",
                ["18/05/2021", "Deadline: 10th July EOD"],
                "Drive a robot home.",
                ["Code"],
                cls,
            )
            + card(
                "Robotics course", ["Semester 2 2021"], "A course for everyone.", ["Register", "Video"], cls
            )
            + "</div></section>"
        )

    result = parse_text(page(' class="button"'), today=TODAY, path="news.html")
    assert [(i.posted.display() if i.posted else None, i.text) for i in result.items] == [
        ("9 Jul 2021, 17:00", "A talk on motion planning. [Slides](https://x.example/Slides)")
    ]
    plain = parse_text(page(""), today=TODAY, path="news.html")
    assert any(i.text.startswith("A talk on motion planning.") for i in plain.items)
    assert not any("Register" in i.text for i in plain.items)
    assert any("menu links" in w for w in plain.warnings), plain.warnings


def test_a_pager_under_a_list_of_posts_is_no_item() -> None:
    """A saved blog page: its posts, then the theme's pager (``<ul class="pagination">`` with
    "← Newer Posts", "Older Posts →", page numbers). The pager is navigation, not news, whether its
    class names it or only its words do."""
    posts = (
        "<main><h2>News</h2><ul>"
        "<li>March 3, 2024: Our paper was accepted at ICLR.</li>"
        "<li>January 9, 2024: Ana joined the lab as a postdoc.</li></ul>\n"
    )
    for pager in (
        '<ul class="pagination main-pager"><li class="page-item"><a href="/page1">1</a></li>'
        '<li class="page-item"><a href="/page3">3</a></li></ul>',
        '<ul><li><a href="/page1">&larr; Newer Posts</a></li>'
        '<li><a href="/page3">Older Posts &rarr;</a></li></ul>',
    ):
        result = parse_text(posts + pager + "</main>", today=TODAY, path="news.html")
        assert [(i.posted.display() if i.posted else None, i.text[:9]) for i in result.items] == [
            ("3 Mar 2024", "Our paper"),
            ("9 Jan 2024", "Ana joine"),
        ]
        assert not any("no date" in w for w in result.warnings)


def test_a_back_to_top_link_or_an_arrow_is_no_item() -> None:
    """Controls a theme puts after the list (Quarto's "Back to top", an "↑") are not items; an
    undated list's items still are."""
    page = (
        "<main><h2>In the news</h2><ul><li>Radio interview on ants.</li><li>A story on lizards.</li></ul>\n"
        '<a onclick="window.scrollTo(0, 0); return false;" role="button" id="quarto-back-to-top">'
        '<i class="bi bi-arrow-up"></i> Back to top</a><p><a href="#top">↑</a></p></main>'
    )
    result = parse_text(page, today=TODAY, path="news.html")
    assert [i.text for i in result.items] == ["Radio interview on ants.", "A story on lizards."]


def test_a_year_opening_the_text_under_a_finer_date_heading_is_the_texts_not_its_date() -> None:
    """Under "December 13~16, 2018" an item about the "2018 International Conference on …" is
    posted on the heading's days, and keeps its year in its text; a label finer than its heading
    ("May 2018" under "2018") still dates the item."""
    page = (
        "~~**December 13~16, 2018**~~\n\n---\n"
        "- [ 2018 International Conference on Neural Information Processing ](https://example.org/) "
        "will be held in Siem Reap.\n\n"
        "**2017**\n\n- May 2017: gave a talk at a lab.\n"
    )
    result = parse_text(page, today=TODAY, path="news.md")
    assert [(i.text.lstrip("[ ")[:28], i.posted.display() if i.posted else None) for i in result.items] == [
        ("2018 International Conferenc", "13–16 Dec 2018"),
        ("gave a talk at a lab.", "May 2017"),
    ]


def test_news_sections_are_known_by_their_french_german_spanish_or_italian_names() -> None:
    """ "Actualités" is the News and "Publikationen" another list, as "News" and "Publications"
    would be: the French news were skipped for the Spanish section below them, and a German
    page's publications were read with its news."""
    page = (
        "## Actualités\n\n- **Juin 2024** : notre article a été accepté à NeurIPS.\n"
        "- 3 février 2024 : séminaire à Paris.\n\n"
        "## Publikationen\n\n- 2024: Ein Paper über Flüsse.\n- 2023: Ein Paper über Graphen.\n"
    )
    result = parse_text(page, today=TODAY, path="news.md")
    assert [i.posted.display() for i in result.items if i.posted] == ["June 2024", "3 Feb 2024"]


def test_a_story_under_its_title_closed_by_its_posting_stamp_is_one_item_of_that_date() -> None:
    """A lab's built News page (Tinkerer) gives each story an ``<h5>`` title, a paragraph and a
    closing "posted at 2017-06-14 [permalink]": 62 stories had read as 6 news dated by what their
    words said ("On June 13th" as June of this year) and the rest as undated entries left out. A
    titled story whose prose closes with its one stamp is one item of that date, whatever its
    title says ("projects at CHI'17" is no section of projects); drawn as cards of one class, a
    card's date is its stamp, not a sentence of its story that opens with a day."""

    def story(title: str, body: str, stamp: str, year: str) -> str:
        return (
            f'<div class="row"><div class="col-sm-1">{year}</div><div class="col-sm-11"><h5>{title}</h5>'
            f'<p><p>{body}</p></p><p><a href="/news/x/">more...</a></p>'
            f'<p>posted at {stamp} <a href="/news/x/">[permalink]</a></p></div></div>\n'
        )

    stories = [
        ("Ori-Mandu at the ACM DIS Conference 2017", "On June 13th, we travelled to Scotland.", "2017-06-14"),
        ("projects at CHI&#39;17", "We will show a few new works at CHI, all on Monday!", "2017-05-07"),
        ("Website Redesign", "To start 2016 off we have redesigned our website.", "2016-01-08"),
    ]
    want = [
        ("14 Jun 2017", "Ori-Mandu at the ACM DIS Conference 2017"),
        ("7 May 2017", "projects at CHI'17"),
        ("8 Jan 2016", "Website Redesign"),
    ]
    # a page whose first story of a year is headed by the year too (no card: two headings); a
    # page of cards of one class
    for years in (("<h4>2017</h4>", "", "<h4>2016</h4>"), ("", "", "")):
        page = "".join(story(*told, year) for told, year in zip(stories, years, strict=True))
        result = parse_text(f"<html><body>{page}</body></html>", today=TODAY, path="news/index.html")
        assert [(i.posted.display() if i.posted else None, i.title) for i in result.items] == want
        assert result.items[0].text == (
            "Ori-Mandu at the ACM DIS Conference 2017 On June 13th, we travelled to Scotland."
        )


def test_a_label_whose_day_the_month_lacks_dates_its_item_by_that_month() -> None:
    """A lab's WordPress News writes "November 31, 2024:" (November has 30 days): the date
    parser refused it and the line stayed undated, label and all; in a paragraph of such lines
    the whole paragraph was no news. A day past the month's end is the writer's slip: the item is
    of that month, the label left out; a day the month has is kept."""
    listed = (
        "- November 31, 2024: We gave a talk at a lab.\n- 2023-02-29: A poster.\n- 2024-02-29: A leap day.\n"
    )
    result = parse_text(listed, today=TODAY, path="news.md")
    assert [(i.posted.display() if i.posted else None, i.text) for i in result.items] == [
        ("November 2024", "We gave a talk at a lab."),
        ("February 2023", "A poster."),
        ("29 Feb 2024", "A leap day."),
    ]
    page = (
        "<h2>News</h2><p><strong>November 31, 2024:</strong> We gave a talk.<br>"
        "<strong>October 2, 2024:</strong> Our paper was accepted.</p>"
    )
    result = parse_text(page, today=TODAY, path="index.html")
    assert [(i.posted.display() if i.posted else None, i.text) for i in result.items] == [
        ("November 2024", "We gave a talk."),
        ("2 Oct 2024", "Our paper was accepted."),
    ]


def test_a_title_then_a_line_that_dates_it_then_prose_is_one_item() -> None:
    """A heading, a line that is only its date ("**(December, 2020)**", or a place and a date),
    then prose: one item titled by the heading (the title was lost, and an item whose title says
    "Conference talks in …" was left out as a talks section: a section's name is short)."""
    page = (
        ">## Review on protein docking out in COSB!\n**(December, 2020)**\n\n"
        "My review on docking is accepted in a journal.\n\n"
        ">## Conference talks in RosettaCon 2020 and AICHE 2020\n**(August, 2020)**\n\n"
        "I presented my work on sampling at two meetings.\n\n"
        ">## Hiking the Northern Cascades\n**Dragontail Peak, Leavenworth, WA (August, 2019)**\n\n"
        "A hike after the conference.\n"
    )
    result = parse_text(page, today=TODAY, path="news.md")
    assert [(i.title, i.posted.display() if i.posted else None) for i in result.items] == [
        ("Review on protein docking out in COSB!", "December 2020"),
        ("Conference talks in RosettaCon 2020 and AICHE 2020", "August 2020"),
        ("Hiking the Northern Cascades", "August 2019"),
    ]
    assert "Dragontail Peak" in result.items[2].text


def test_a_sub_heading_of_the_news_dated_by_the_line_under_it() -> None:
    """A lab's News page (MkDocs) keeps "## The Lab" over "**2024.7.24**" and its prose: that
    was one undated item, the day lost. A line that is only a date under a news sub-heading
    dates it; several such lines, each over its own prose, are that many news, each dated by
    the line above it (they had been one undated item run together)."""
    one = "# News\n\n## The Guan Team\n\n**2024.7.24**\n\n---\n\nWelcome to the Guan Team!\n"
    result = parse_text(one, today=TODAY, path="news.md")
    assert [(i.title, i.posted.display() if i.posted else None) for i in result.items] == [
        ("The Guan Team", "24 Jul 2024")
    ]
    assert "Welcome to the Guan Team!" in result.items[0].text
    assert "2024.7.24" not in result.items[0].text
    several = (
        "# News\n\n## Lab life\n\n**2024.7.24**\n\nWelcome to our new students!\n\n"
        "*2024.6.1*\n\nOur paper was accepted at ISMB.\n\n"
        "## Outreach\n\nJune 2023\n\nWe ran a school visit.\n"
    )
    result = parse_text(several, today=TODAY, path="news.md")
    assert [(i.title, i.posted.display() if i.posted else None) for i in result.items] == [
        ("Welcome to our new students!", "24 Jul 2024"),
        ("Our paper was accepted at ISMB.", "1 Jun 2024"),
        ("Outreach", "June 2023"),
    ]


def test_papers_under_headings_of_their_own_words_are_no_news() -> None:
    """A researcher's home page has no News; its papers stand under headings of her own words
    ("For Fluid Reconstruction", "Others"), each paper its authors, its title and a row of links.
    The "Others" list, one of its papers ending "…, 2021.", was imported as three news. A section
    of a page with no News where a third of the entries (rows of links aside) open with a list of
    authors, "M. Werhahn, Y. Xie, **M. Chu** and N. Thuerey.", lists papers; a sentence that
    opens with names, "A. Smith and B. Jones won …", is news."""
    page = (
        "<h1>Mengyu Chu</h1><h4>For Fluid Reconstruction</h4>"
        '<p>Y. Wang, S. Tang, and <b>M. Chu</b>. "Physics-Informed Learning of Trajectories"</p>'
        '<ul><li><a href="https://x.org/p">Project</a> <a href="https://x.org/c">Code</a></li></ul>'
        "<h4>Others</h4><ul>"
        '<li>M. Werhahn, Y. Xie, <b>M. Chu</b> and N. Thuerey. <i>"A Multi-Pass GAN"</i>, SCA 2019</li>'
        '<li>S. Weiss, <b>M. Chu,</b> N. Thuerey and R. Westermann. <i>"Volumetric isosurface rendering"</i>'
        " IEEE TVCG 27 (6), 2021.</li>"
        '<li>N. Kang, <b>M. Chu</b>, H.E. Lee, D. SAGONG <i>"Method for modeling smoke"</i> Patent</li></ul>'
    )
    result = parse_text(page, today=TODAY, path="index.html")
    assert result.items == []
    assert any("publications" in w and "'Others'" in w for w in result.warnings), result.warnings
    lab = (
        "<h1>Our lab</h1><h4>Highlights</h4><ul>"
        "<li>A. Smith and B. Jones won the best paper award at CHI (May 2024).</li>"
        "<li>J. Lee and K. Park presented our work at UIST (October 2023).</li></ul>"
    )
    result = parse_text(lab, today=TODAY, path="index.html")
    assert [(i.title, i.posted.display() if i.posted else None) for i in result.items] == [
        ("A. Smith and B. Jones won the best paper award at CHI", "May 2024"),
        ("J. Lee and K. Park presented our work at UIST", "October 2023"),
    ], result.items


@pytest.mark.parametrize(
    "unit", ["A. Bc and ", "Weiss S, ", "M. Chu, "], ids=["and", "surname-first", "commas"]
)
def test_a_long_run_of_names_costs_linear_time(unit: str) -> None:
    """An entry of a page with no News that is a long run of names, or names then a long run
    of spaces, never closed by a stop: telling a list of authors is linear in its length."""

    def prepare(n: int) -> Any:
        page = "<h4>Others</h4><ul>" + "".join(
            f"<li>{unit * 50}{' ' * n}x (May 2024)</li><li>{unit * (n // len(unit))}x</li>" for _ in range(2)
        )
        return lambda: parse_text(page + "</ul>", today=TODAY, path="index.html")

    assert growth(prepare, 5_000) < LINEAR_WHEN_QUADRUPLED


def test_a_place_inside_the_labels_bracket_is_part_of_the_label() -> None:
    """A student's al-folio News include writes where each news happened inside the label's
    bracket, "**[Apr 2026, Korea]**2 papers accepted to ICML 2026.": titles had opened with
    "Korea]2 papers …". The place belongs to the label; a comma after a label that opens a
    sentence stays the sentence's."""
    page = (
        "## News\n"
        '- <span style="display:inline-block;width:13em;"><strong>[May 2026, CA]</strong></span>I joined '
        "**Chan Zuckerberg Biohub** as an intern.\n"
        "- <strong>[Apr 2026, Korea]</strong> 2 papers accepted to **ICML 2026**.\n"
        "- **[Jan 2025]** I received the Fan Family Fellowship.\n"
        "- March 2024, we moved to Boston (MA) with the lab.\n"
    )
    result = parse_text(page, today=TODAY, path="_includes/news.md")
    assert [(i.title, i.posted.display() if i.posted else None) for i in result.items] == [
        ("I joined Chan Zuckerberg Biohub as an intern.", "May 2026"),
        ("2 papers accepted to ICML 2026.", "April 2026"),
        ("I received the Fan Family Fellowship.", "January 2025"),
        ("we moved to Boston (MA) with the lab.", "March 2024"),
    ], result.items


def test_a_links_address_is_read_as_a_browser_takes_it() -> None:
    """A researcher's _data/latest_news.yml holds HTML with a quote left open,
    '<a href="https://…/index.html target="_blank"">DAVIS 2019 Challenges</a>': the address read
    was "…/index.html target=", the Markdown link broke, and the title showed it raw. An
    attribute an unclosed quote swallowed is no part of the address, and a space inside one
    ("../SPARK Magazine 2018.pdf") is percent-encoded, as a browser does."""
    data = (
        "- text: 'We have published all the details for <a href=\"https://davischallenge.org/c2019/"
        'index.html target="_blank"">DAVIS 2019 Challenges</a>.\'\n  date: "Mar 2019"\n'
        "- text: 'Our team was covered by Stanford Medicine. "
        '<a href=" ../SPARK Magazine 2018.pdf ">[story]</a>\'\n'
        '  date: "Feb 2018"\n'
    )
    result = parse_text(data, today=TODAY, path="_data/latest_news.yml")
    assert [i.title for i in result.items] == [
        "We have published all the details for DAVIS 2019 Challenges.",
        "Our team was covered by Stanford Medicine.",
    ], result.items
    assert [[link.href for link in i.links] for i in result.items] == [
        ["https://davischallenge.org/c2019/index.html"],
        ["../SPARK%20Magazine%202018.pdf"],
    ]


def test_a_deadline_closing_an_entry_is_its_event_not_its_date() -> None:
    """A researcher's Quarto home page: "- **[PhD position available](…)** in AI-based flow
    control for hydraulic turbines. … Deadline: Aug 31, 2026." was posted on 31 Aug 2026, the day
    applications close, months ahead. A date after "Deadline:", "Apply by" or "due" is no label;
    an undated item keeps the days its text writes in full as its events, so the deadline is in
    the calendar and reminded; a yearless one ("Deadline: Sep 5") is none, with no year to go by."""
    page = (
        "## News\n\n"
        "- **[PhD position available](https://liu.se/vacancies/29533)** in AI-based flow control. "
        "Deadline: Aug 31, 2026.\n"
        "- Postdoc opening in our lab, apply by 15 October 2026\n"
        "- Summer school registration is open. Deadline: Sep 5\n"
        "- New paper published in *Physics of Fluids* (2025)\n"
    )
    result = parse_text(page, today=TODAY, path="index.qmd")
    assert [(i.title, i.posted.display() if i.posted else None) for i in result.items] == [
        ("PhD position available in AI-based flow control.", None),
        ("Postdoc opening in our lab, apply by 15 October 2026", None),
        ("Summer school registration is open.", None),
        ("New paper published in Physics of Fluids", "2025"),
    ], result.items
    assert [[(e.label, e.date.display()) for e in i.events] for i in result.items[:3]] == [
        [("Deadline", "31 Aug 2026")],
        [("Event", "15 Oct 2026")],
        [],
    ]


def test_words_in_angle_brackets_are_no_tag_in_a_title() -> None:
    """A researcher's news.yml: 'We launched <a href="…">&lt;|endoftext|&gt;</a>, an AI-powered
    prompt editor.' was titled "We launched , an AI-powered …": the product's name, shown in
    angle brackets, was dropped as if it were a tag. Only a tag (a name after "<" or "</", an
    empty "</>") or a comment is markup."""
    data = (
        "- date: 'March 1, 2024'\n  news: We launched <a href=\"https://endoftext.app\">"
        "&lt;|endoftext|&gt;</a>, an AI-powered prompt editor.\n"
        "- date: '2026-03-01'\n  news: 'Welcome to GLI lab, <profile=[2026.03] Yun>Jongwoo Yun</>!'\n"
    )
    result = parse_text(data, today=TODAY, path="static/news.yml")
    assert [i.title for i in result.items] == [
        "We launched <|endoftext|>, an AI-powered prompt editor.",
        "Welcome to GLI lab, Jongwoo Yun!",
    ], result.items


def test_underscore_emphasis_is_not_in_a_title_and_et_al_ends_no_sentence() -> None:
    """A researcher's _data/news.yml writes paper names with underscores for emphasis,
    "[_3D Paintbrush_](…) has been accepted to CVPR 2024.": the titles had kept the underscores.
    Underscores around words are emphasis; one inside a word (snake_case) or alone
    (_config.yml) stays. A lab's records list papers "L. Zha, A. Hancock, et. al., *LAP: …*":
    titles had ended at "et.", as if a sentence ended there."""
    data = (
        "- date: Feb 2024\n  description: '[_3D Paintbrush_](https://threedle.github.io/3d-paintbrush/) has "
        "been accepted to CVPR 2024.'\n"
        "- date: Nov 2023\n  description: We released _snake_case_tool_ and the file _config.yml.\n"
        "- date: 2026-03\n  body: |\n    **New preprints available:**\n"
        "    - L. Zha, A. Hancock, et. al., *[LAP: Language-Action Pre-training](https://arxiv.org/abs/2602.10556)*\n"
    )
    result = parse_text(data, today=TODAY, path="_data/news.yml")
    assert [i.title for i in result.items] == [
        "3D Paintbrush has been accepted to CVPR 2024.",
        "We released snake_case_tool and the file _config.yml.",
        "New preprints available: - L. Zha, A. Hancock, et. al., LAP: Language-Action Pre-training",
    ], result.items
    assert result.items[0].text.startswith("[_3D Paintbrush_]"), result.items[0].text


@pytest.mark.parametrize("unit", ["_x ", "_a", "_a_b "], ids=["unclosed", "joined", "pairs"])
def test_underscore_emphasis_in_a_long_text_costs_linear_time(unit: str) -> None:
    """Underscores that open and never close, or that close only far away: a text is made plain
    in time linear in its length (each opening looks at most 300 characters ahead)."""

    def prepare(n: int) -> Any:
        text = unit * n
        return lambda: plain(text)

    assert growth(prepare, 90_000 // (4 * len(unit))) < LINEAR_WHEN_QUADRUPLED


def test_a_card_of_html_around_markdown_is_one_news_with_its_press_links() -> None:
    """A lab's MkDocs News page draws each news as a card of HTML (``news-item``, its title in a
    ``news-title`` div, its date in ``news-date``) with Markdown inside it between blank lines:
    the press that covered the story, a bold headline over a list of links. It was read as six
    news, one per press link, each titled by the outlet ("Eureka Alert"). An element opened by
    HTML, holding Markdown and closed again before the next heading is one piece of HTML; a
    card whose lists only link elsewhere is one news, titled by its title part, the links its
    own, on the line the card starts."""
    card = (
        '<div class="news-item">\n<div class="news-content">\n'
        '<div class="news-title"><a href="https://doi.org/10.1038/s41586-025-08668-x">Spatial immune '
        "scoring predicts recurrence</a></div>\n"
        '<div class="news-date">{date}</div>\n<div class="news-links">\n\n'
        "**Researchers develop AI tool to predict recurrence**\n"
        "- [Eureka Alert](https://www.eurekalert.org/news-releases/1091898)\n"
        "- [Straits Times](https://www.straitstimes.com/singapore/health/ai-system)\n\n"
        "</div>\n</div>\n</div>\n\n"
    )
    page = (
        "# News & Updates\n\n## Latest News\n\n"
        + card.format(date="March 12th, 2025")
        + card.format(date="May 2nd, 2024").replace("Spatial immune", "Second")
        + "---\n\n# Members\n\n- Ann\n"
    )
    result = parse_text(page, today=TODAY, path="docs/news.md")
    assert [(i.title, i.posted.display() if i.posted else None, i.source_line) for i in result.items] == [
        ("Spatial immune scoring predicts recurrence", "12 Mar 2025", 5),
        ("Second scoring predicts recurrence", "2 May 2024", 19),
    ], result.items
    assert [link.title for link in result.items[0].links] == [
        "Spatial immune scoring predicts recurrence",
        "Eureka Alert",
        "Straits Times",
    ]
    # the Markdown inside an element that is never closed is read as Markdown, as before
    unclosed = (
        '## News\n\n<div class="news">\n\n- May 2024: Gave a talk at MIT.\n- April 2024: Won a prize.\n'
    )
    assert [i.source_line for i in parse_text(unclosed, today=TODAY, path="news.md").items] == [5, 6]


def test_a_markdown_backslash_escape_is_its_character_in_a_title() -> None:
    """A researcher's Hugo News page, written by a converter, escapes its apostrophes and
    brackets: "**November 2013** I\\'m a member of the [programme committee](…)", "Keynote talk in
    Python San Sebastien \\[Online talk\\]": the titles had kept the backslashes, "I\\'m a
    member". A backslash escape is the character it escapes, as Markdown shows it; the text
    stays the Markdown written."""
    page = (
        "## News\n\n**November 2013** I\\'m a member of the [programme committee](https://x.org/pc) for "
        "DILS 2014.\n\n**September 2014** Keynote talk in Python San Sebastien \\[Online talk\\]\n\n"
        "**July 2014** New tool: snake\\_case checks for 5\\* repositories.\n"
    )
    result = parse_text(page, today=TODAY, path="news.md")
    assert [i.title for i in result.items] == [
        "I'm a member of the programme committee for DILS 2014.",
        "Keynote talk in Python San Sebastien [Online talk]",
        "New tool: snake_case checks for 5* repositories.",
    ], result.items
    assert result.items[0].text.startswith("I\\'m a member"), result.items[0].text


def test_a_title_the_document_gives_is_its_words_a_links_words_for_the_link() -> None:
    """A lab's Quarto page of press coverage heads each story by its link, ``### [Poor sleep may
    account for …](https://www.sciencenews.org/…)``, and a lab's card titles its news with an
    ``<h2>`` holding a link: the items' titles had kept the Markdown of the link, "[Poor sleep
    …](https://…)". A title the document gives is read as it is shown, as a title read off the
    text is; the link stays one of the item's links."""
    page = (
        "### [Poor sleep may account for a large share of dementia cases](https://www.sciencenews.org/a)\n"
        "**Science News** | Feb 2, 2026\n\nInsomnia could be connected to 12 percent of dementia cases.\n\n"
        "### [Could a **Busier** Social Life Be an Early Sign of Alzheimer's?](https://www.ucsf.edu/b)\n"
        "**UC San Francisco** | Jun 23, 2025\n\nThe disease may make them more sociable.\n"
    )
    result = parse_text(page, today=TODAY, path="news.qmd")
    assert [(i.title, i.posted.display() if i.posted else None) for i in result.items] == [
        ("Poor sleep may account for a large share of dementia cases", "2 Feb 2026"),
        ("Could a Busier Social Life Be an Early Sign of Alzheimer's?", "23 Jun 2025"),
    ], result.items
    assert [link.href for link in result.items[0].links][:1] == ["https://www.sciencenews.org/a"]
    cards = (
        '<html><body><h1>Latest News</h1><div class="news-container"><div class="year-header">2026</div>'
        '<div class="news-item"><div class="date-box"><span>20</span> <span>April</span></div>'
        '<div class="news-content"><h2>Dr. Geng received the <a href="https://www.nsf.gov/x">NSF Career '
        "Award</a>!</h2></div></div>"
        '<div class="news-item"><div class="date-box"><span>15</span> <span>April</span></div>'
        '<div class="news-content"><h2>Yufei received the Miller Fellowship!</h2></div></div>'
        "</div></body></html>"
    )
    titles = [i.title for i in parse_text(cards, today=TODAY, path="news.html").items]
    assert titles == ["Dr. Geng received the NSF Career Award!", "Yufei received the Miller Fellowship!"], (
        titles
    )


def test_news_and_other_sections_are_known_by_their_chinese_korean_or_japanese_names() -> None:
    """ "# 🔥 新闻动态" is the News (its words are written without spaces: no word boundary inside),
    "# 🎖 荣誉与获奖" (honours and awards) another list, as "News" and "Awards" would be."""
    page = (
        "# 🔥 新闻动态\n\n- 2024.05 喜报！一篇论文被 KSEM 2024 录用！\n- 2023.10 祝贺！硕士生荣获奖学金.\n\n"
        "# 🎖 荣誉与获奖\n\n- 2022.08 第30届 CTF 挑战赛，团体亚军.\n\n"
        "## 최근 소식\n\n- 2024.03 논문 게재 승인.\n"
    )
    result = parse_text(page, today=TODAY, path="about.md")
    assert [i.posted.display() for i in result.items if i.posted] == [
        "May 2024",
        "October 2023",
        "March 2024",
    ]
    assert any("荣誉与获奖" in w and "not read" in w for w in result.warnings)


def _alfolio_table(rows: list[tuple[str, str]]) -> str:
    """A table as al-folio's news.liquid renders it (also its latest posts)."""
    cells = "".join(
        f'<tr>\n<th scope="row" style="width: 20%">{when}</th>\n<td>\n{what}\n</td>\n</tr>\n'
        for when, what in rows
    )
    table = f'<table class="table table-sm table-borderless">\n{cells}</table>'
    return f'<div class="news"><div class="table-responsive">{table}</div></div>\n'


def test_a_rendered_al_folio_home_page_gives_its_news_table_not_its_posts_or_papers() -> None:
    """al-folio's home page, followed by its address: one ``<article>`` holds the biography, the
    news table, the latest posts and the selected publications. It was read as one card (a heading
    inside): a single item "[news](/news/) Write your biography here. …" dated from a paper. Now
    the news rows are the items, and "latest posts" is no News heading ("latest" alone is)."""
    page = (
        '<!DOCTYPE html>\n<html lang="en"><head><title>You R. Name</title></head>\n<body>\n'
        '<header><nav class="navbar"><a href="/blog/">blog</a></nav></header>\n'
        '<div class="container mt-5" role="main"><div class="post"><article>\n'
        '<div class="clearfix"><p>Write your biography here.</p></div>\n'
        '<h2><a href="/news/" style="color: inherit">news</a></h2>\n'
        + _alfolio_table(
            [
                (
                    "Jan 15, 2016",
                    'Our paper on graph learning is accepted at ICML! <img class="emoji" alt=":sparkles:">',
                ),
                (
                    "Nov 07, 2015",
                    '<a class="news-title" href="/news/announcement_2/">A long announcement with details</a>',
                ),
            ]
        )
        + '<h2><a href="/blog/" style="color: inherit">latest posts</a></h2>\n'
        + _alfolio_table(
            [
                (
                    "Mar 26, 2024",
                    '<a class="news-title" href="/blog/2024/photo-gallery/">a post with image galleries</a>',
                )
            ]
        )
        + '<h2><a href="/publications/" style="color: inherit">selected publications</a></h2>\n'
        '<ol class="bibliography"><li><div class="title">Can quantum-mechanical description of '
        "physical reality be considered complete?</div>"
        '<div class="periodical"><em>Phys. Rev.</em>, May 1935</div></li></ol>\n'
        "</article></div></div>\n<footer>© Copyright 2025 You R. Name.</footer>\n</body></html>\n"
    )
    result = parse_text(page, today=TODAY, path="index.html")
    assert [(i.text, i.posted.display() if i.posted else None) for i in result.items] == [
        ("Our paper on graph learning is accepted at ICML!", "15 Jan 2016"),
        ("[A long announcement with details](/news/announcement_2/)", "7 Nov 2015"),
    ]


def _stream_item(href: str, title: str, summary: str, when: str) -> str:
    """One item of a Hugo Blox (Wowchemy) page list in its compact view, as the theme renders it."""
    return (
        '<div class="media stream-item view-compact"><div class="media-body">\n'
        f'<div class="section-subheading article-title mb-0 mt-0"><a href="{href}">{title}</a></div>\n'
        f'<a href="{href}" class="summary-link"><div class="article-style"><p>{summary}</p></div></a>\n'
        '<div class="stream-meta article-metadata"><div class="article-metadata">\n'
        f'<span class="article-date">{when}</span><span class="middot-divider"></span>\n'
        '<span class="article-reading-time">1 min read</span></div></div>\n'
        '</div><div class="ml-3"></div></div>\n'
    )


def test_repeated_blocks_each_dated_by_a_line_of_their_own_are_cards_without_a_heading() -> None:
    """A theme's list of posts (Hugo Blox's "Recent News" widget): repeated blocks of one class,
    each a title link, a summary and a line that is only its date ("Dec 1, 2022", then "1 min
    read"). Each was read as three loose lines, and the item was "1 min read"."""
    page = (
        '<section id="posts" class="home-section wg-pages"><div class="container"><div class="row">\n'
        '<div class="section-heading col-12 col-lg-4"><h1 class="mb-0">Recent News</h1></div>\n'
        '<div class="col-12 col-lg-8">\n'
        + _stream_item(
            "/post/neurips/", "Two papers accepted at NeurIPS 2022", "On flows and graphs.", "Dec 1, 2022"
        )
        + _stream_item("/post/talk/", "Invited talk at the Flow Workshop", "On graph flows.", "Sep 10, 2022")
        + '<div class="see-all"><a href="/post/">See all posts</a></div>\n</div></div></div></section>\n'
    )
    result = parse_text(page, today=TODAY, path="index.html")
    assert [(i.text, i.posted.display() if i.posted else None) for i in result.items] == [
        (
            "[Two papers accepted at NeurIPS 2022](/post/neurips/) [On flows and graphs.](/post/neurips/)",
            "1 Dec 2022",
        ),
        ("[Invited talk at the Flow Workshop](/post/talk/) [On graph flows.](/post/talk/)", "10 Sep 2022"),
    ]


def test_a_cards_metadata_line_with_its_date_is_no_text() -> None:
    """A theme's post cards (Hugo PaperMod) end with a footer "May 2, 2024 · 1 min · A. Author":
    it dates the card and is left out of its text with the date (the reading time and the byline
    were the end of every item)."""
    card = (
        '<article class="post-entry"><header class="entry-header"><h2>{title}</h2></header>'
        '<div class="entry-content"><p>{summary}</p></div>'
        '<footer class="entry-footer"><span title="{iso}">{when}</span>'
        "&nbsp;·&nbsp;1 min&nbsp;·&nbsp;A. Author</footer></article>\n"
    )
    page = (
        "<main><header><h1>News</h1></header>\n"
        + "".join(
            card.format(title=t, summary=b, iso=i, when=w)
            for t, b, i, w in (
                ("Our paper on flows accepted at ICML", "Flows converge.", "2024-05-02", "May 2, 2024"),
                ("Talk at the graph seminar", "Slides are online.", "2024-03-14", "March 14, 2024"),
            )
        )
        + "</main>"
    )
    result = parse_text(page, today=TODAY, path="news.html")
    assert [(i.text, i.posted.display() if i.posted else None) for i in result.items] == [
        ("Our paper on flows accepted at ICML Flows converge.", "2 May 2024"),
        ("Talk at the graph seminar Slides are online.", "14 Mar 2024"),
    ]


def test_html_paragraphs_and_lists_in_a_data_files_field_are_read_as_text() -> None:
    """A JSON data file whose description holds HTML ("<p>…</p><ul><li>…</li></ul>"): the item's
    text is what a reader sees, not the tags."""
    data = (
        '[{"DATE": "2026-02-03", "TITLE": "Version 0.6 of our framework is out!", "DESCRIPTION": '
        '"<p>Key changes:</p><ul>  <li>engine redesign</li>  <li>time series</li></ul>"}]'
    )
    result = parse_text(data, today=TODAY, path="news.json")
    assert [i.text for i in result.items] == [
        "Version 0.6 of our framework is out! Key changes: engine redesign time series"
    ]


def test_a_sphinx_table_of_contents_says_where_the_news_is() -> None:
    """A News page that is only a ``.. toctree::`` of news files has nothing to read: the
    importer names the files and says to import their folder."""
    page = (
        "News\n====\n\n.. toctree::\n   :maxdepth: 1\n\n   news_2023_05_25_talk\n   news_2022_12_16_poster\n"
    )
    result = parse_text(page, today=TODAY, path="news.rst")
    assert result.items == []
    assert any(
        "table of contents naming 2 document(s) (news_2023_05_25_talk, news_2022_12_16_poster)" in w
        and "import the folder" in w
        for w in result.warnings
    ), result.warnings


NEWS_JS = """// ✏️ YOUR NEWS — edit this
const NEWS = [
  {
    date: "Feb 2025",
    type: "paper",  // "paper" | "award" | "talk" | "misc"
    html: `Our paper <strong>"Robust Flows"</strong> accepted at <a href="https://icml.cc">ICML 2025</a>!`,
  },
  /* an older one */
  { date: 'Jan 2025', type: "talk", html: "Gave a talk at the <a href='#'>Oslo ML seminar</a>.", },
  { 'date': "Dec 2024", "type": "award", html: `Received the Best Reviewer Award at NeurIPS ${year}.` },
];
const LINKS = [{ label: "Scholar", url: makeUrl("scholar") }];
const options = { keys: [{ name: "title", weight: 2 }, { name: "summary", weight: 1 }] };
export default NEWS;
"""


def test_a_script_that_keeps_its_news_as_data_is_read_as_a_data_file() -> None:
    """A site whose news are a script's array of object literals (``data/news.js``, a React page's
    ``const newsItems = [...]``): unquoted keys, single quotes and backticks, comments and trailing
    commas are read as JavaScript reads them; an array that holds a call (``makeUrl(…)``) is code,
    not data. Such a script had given 0 items ("nothing that reads as a list of news")."""
    result = parse_text(NEWS_JS, today=TODAY, path="data/news.js")
    assert result.description.startswith("JavaScript data, 3 records under `NEWS`")
    assert [
        (i.posted.display() if i.posted else None, i.text, i.kind, i.source_line) for i in result.items
    ] == [
        (
            "February 2025",
            'Our paper **"Robust Flows"** accepted at [ICML 2025](https://icml.cc)!',
            "acceptance",
            4,
        ),
        ("January 2025", "Gave a talk at the Oslo ML seminar.", "talk", 9),
        ("December 2024", "Received the Best Reviewer Award at NeurIPS .", "award", 10),
    ]
    react = (
        "import { useState } from 'react';\nconst HomePage = () => {\n  const newsItems = [\n"
        '    { date: "2025-09-01", title: "Paper accepted at NeurIPS 2025!",\n'
        '      description: "Our work on Local SGD has been accepted." },\n'
        '    { date: "2024-07-01", title: "ICML 2024 in Vienna",\n'
        '      description: "I will be attending ICML." },\n'
        "  ];\n  return (<section><h2>News</h2>\n"
        "    <ul>{newsItems.map((n) => <li>{n.title}</li>)}</ul></section>);\n};\n"
    )
    # a script whose arrays are neither dated nor named news (a search library's options) has none
    config = "var fuse = new Fuse(docs, { keys: [{ name: 'title', weight: 2 }, { name: 'summary' }] });\n"
    assert parse_text(config, today=TODAY, path="search.min.js").items == []
    read = parse_text(react, today=TODAY, path="src/pages/HomePage.jsx")
    assert [(i.posted.start.isoformat() if i.posted else None, i.title) for i in read.items] == [
        ("2025-09-01", "Paper accepted at NeurIPS 2025!"),
        ("2024-07-01", "ICML 2024 in Vienna"),
    ]


def test_a_typescript_list_is_named_by_its_variable_not_its_type() -> None:
    """``export const newsData: News[] = [...]`` had been read as a list "under `]`" (the token
    before ``=`` is the end of the type), so a page whose typed news list writes fewer entries as
    markup than its talks list lost the name that says which list is the news. The name is the
    one before the type annotation (``News[]``, ``Array<Talk>``, ``readonly (A | B)[]``)."""
    page = (
        "interface News { date: string; title: string }\n"
        'export const talks: Array<Talk> = [\n  { date: "2025-05-02", title: "Invited talk at MIT" },\n'
        '  { date: "2025-03-01", title: "Seminar at ETH" },\n'
        '  { date: "2024-11-20", title: "Talk at EPFL" },\n];\n'
        "export const newsData: readonly (News | Note)[] = [\n"
        '  { date: "2026-02-25", title: "I am now a research intern at BAAI!" },\n'
        '  { date: "2025-12-01", title: "Our paper was accepted at ICLR 2026." },\n];\n'
        "export default function Home() { return <ul>{talks.map((t) => <li>{t.title}</li>)}</ul>; }\n"
    )
    result = parse_text(page, today=TODAY, path="src/data/news.tsx")
    assert result.description.startswith("JavaScript data, 2 records under `newsData`"), result.description
    assert [i.title for i in result.items] == [
        "I am now a research intern at BAAI!",
        "Our paper was accepted at ICLR 2026.",
    ]


def test_a_scripts_escapes_are_read_as_javascript_reads_them() -> None:
    """\\uD83C\\uDF89 is one emoji, \\x41 a letter; a lone half of an emoji, a short \\u12 and a
    minified theme's odd escapes are no crash (a Wowchemy script had raised ValueError), nor a NUL
    or a bell in a string that holds HTML (lxml refuses them: a theme's bundle.js had raised)."""
    script = (
        'var NEWS = [{date: "May 2025", text: "\\uD83C\\uDF89 Our paper was accepted at \\x41CL."},\n'
        ' {date: "Apr 2025", text: "A talk \\u12 in Oslo \\uD83C."}];\n'
        'var re = /\\u{1F600}/u; var s = "\\u"; document.title = "\\x4";\n'
        'var z = "<p>\\0 \\x00 \\u0007 nul</p>";\n'
    )
    result = parse_text(script, today=TODAY, path="news.js")
    assert [i.text for i in result.items] == [
        "🎉 Our paper was accepted at ACL.",
        "A talk u12 in Oslo \ufffd.",
    ]


@pytest.mark.parametrize(
    ("head", "unit"),
    [
        ("", "/* "),
        ('"', '\\"'),
        ("`", "\\`"),
        ("'", "\\'"),
        ("", "[{a:"),
        ("", "[{a:1},"),
        ("[", "{a: <p>{'"),
        ("[", "{t: (<p>it's{' '}<b>x</b></p>)},"),
        ("[", "{t: <p a={`"),
        ("", "[<A b={"),
        ("[", "<A c={'x'} d=\"May 2025\" />,\n"),
    ],
    ids=[
        "unclosed-comments",
        "escaped-quotes",
        "escaped-backticks",
        "escaped-single-quotes",
        "nested-arrays",
        "flat-array",
        "unclosed-markup-values",
        "markup-values",
        "unclosed-attribute-expressions",
        "unclosed-component-props",
        "component-elements",
    ],
)
def test_a_hostile_script_costs_linear_time(head: str, unit: str) -> None:
    """Unclosed comments and strings (a quote, then only escaped quotes), arrays nested without
    end: the script's data is read in one pass (an unclosed token runs to the end of its line or
    of the text, nesting stops at 40)."""

    def prepare(n: int) -> Any:
        text = "const NEWS = " + head + unit * n + "\n"
        return lambda: parse_text(text, today=TODAY, path="news.js")

    assert growth(prepare, 3_000) < LINEAR_WHEN_QUADRUPLED


@pytest.mark.parametrize(
    "unit",
    ["*a ", "_a ", "#a(", "#a[", '#link("', "#t(x)[#t(x)[", "/* ", "// *b* "],
    ids=[
        "stars",
        "underscores",
        "open-calls",
        "open-bodies",
        "open-links",
        "nested-calls",
        "comments",
        "slash",
    ],
)
def test_a_hostile_typst_line_costs_linear_time(unit: str) -> None:
    """One long line of Typst that never closes its marks, calls or bodies: each is read within
    a bounded span, so the page costs linear time."""

    def prepare(n: int) -> Any:
        text = "= News\n- *2025.06*: " + unit * n + "\n"
        return lambda: parse_text(text, today=TODAY, path="news.typ")

    assert growth(prepare, 2_000) < LINEAR_WHEN_QUADRUPLED


@pytest.mark.parametrize("blank", [" \n", "\t\n", "\n", " \r\n"], ids=["space", "tab", "empty", "crlf"])
def test_a_run_of_blank_lines_costs_linear_time(blank: str) -> None:
    """A document of many whitespace-only lines (a paste, a generated page): the checks that look
    at every line start (is this a call for papers, has this page a News heading) stay within a
    line. A pattern whose ``\\s*`` crossed lines took 500 s for 2,000 lines of one space."""

    def prepare(n: int) -> Any:
        text = blank * n + "* May 2025: a talk in Oslo.\n"
        return lambda: (parse_text(text, today=TODAY, path="news.md"), has_news_heading(text))

    # small enough that the cubic pattern fails in seconds (0.2 s at 150 lines, 14 s at 600)
    assert growth(prepare, 150) < LINEAR_WHEN_QUADRUPLED


def test_a_long_run_of_spaces_after_latest_update_costs_linear_time() -> None:
    """The page's stamp "Latest update" may end its entry with nothing after it but spaces and
    marks: the pattern that says so had ``\\s*`` then ``\\W*`` over the same spaces, quadratic
    (3 s for an entry of 20,000 no-break spaces before a word). The two never overlap now."""

    def prepare(n: int) -> Any:
        text = "## News\n- May 2024: Latest update" + "\u00a0" * n + "x\n"
        return lambda: parse_text(text, today=TODAY, path="news.md")

    assert growth(prepare, 2_500) < LINEAR_WHEN_QUADRUPLED


def test_org_links_keep_their_addresses_and_nested_emphasis_is_left_out() -> None:
    """An Org News list: ``[[https://github.com/…][AI/ML approaches]]`` had become
    ``(https:/github.com/…)`` (its slashes read as italics' marks), ``[[file:./files/llm.pdf][…]]``
    ``file:.files/llm.pdf``, and ``/*BARCCSYN* Fall Retreat/`` "/*BARCCSYN Fall Retreat/". A link's
    target is kept as written; emphasis opens after a space and closes with the same mark before
    a space or punctuation, inside emphasis too; a word with marks inside (snake_case, a/b) stays."""
    page = (
        "#+TITLE: News\n\n"
        "- <2026-01-14 Wed> Taught [[https://github.com/shepai/BIORTC/tree/main/RNN][AI/ML approaches]] "
        "at *BioRTC* in Yobe\n\n"
        "- <2023-11-22 Thu> Talked about [[file:./files/llm.pdf][Fine Tuning LLMs]] "
        "at /*BARCCSYN* Fall Retreat/ 23.\n\n"
        "- <2023-11-15 Wed> Released =snake_case_tool= for a/b tests, see [[https://x.org/a//b]]\n"
    )
    items = parse_text(page, today=TODAY, path="news.org").items
    assert [i.text for i in items] == [
        "Taught [AI/ML approaches](https://github.com/shepai/BIORTC/tree/main/RNN) at BioRTC in Yobe",
        "Talked about [Fine Tuning LLMs](file:./files/llm.pdf) at BARCCSYN Fall Retreat 23.",
        "Released snake_case_tool for a/b tests, see https://x.org/a//b",
    ]


@pytest.mark.parametrize(
    "unit",
    ["*a ", "[[", "[[x][", "/a", "[[https://x.org/a][b]] "],
    ids=["marks", "links", "open", "slashes", "many"],
)
def test_a_hostile_org_line_costs_linear_time(unit: str) -> None:
    """Emphasis marks that never close, link brackets that never close, a line of thousands of
    links: an Org item's line is read in time linear in its length (the old link pattern had run
    to the end of the line from every ``[[``)."""

    def prepare(n: int) -> Any:
        text = "- <2026-01-14 Wed> " + unit * n + "\n"
        return lambda: parse_text(text, today=TODAY, path="news.org")

    # the longest line a news item may have (100,000 characters) at the larger size
    assert growth(prepare, 90_000 // (4 * len(unit))) < LINEAR_WHEN_QUADRUPLED


def test_org_code_example_comment_and_export_blocks_are_not_text() -> None:
    """An Org page's ``#+BEGIN_SRC``, ``#+BEGIN_EXAMPLE``, ``#+BEGIN_COMMENT`` and
    ``#+BEGIN_EXPORT html`` blocks (a dark-mode script the page carries) are no text: a post that
    held only a script had been imported as "function addDarkmodeWidget() …"."""
    org = (
        "#+TITLE: News\n\n#+BEGIN_EXPORT html\n<script>\n  function addDarkmodeWidget() {\n"
        "    new Darkmode({ label: 'x' }).showWidget();\n  }\n</script>\n#+END_EXPORT\n\n"
        "- [2024-05-03] Our paper on graphs was accepted at ICML.\n\n"
        "#+begin_src python\nprint('- [2024-04-01] not an item')\n#+end_src\n\n"
        "#+BEGIN_COMMENT\n- [2024-03-01] A draft line.\n#+END_COMMENT\n\n"
        "- [2024-02-01] Gave a talk in Oslo.\n"
    )
    result = parse_text(org, today=TODAY, path="news.org")
    assert [i.text for i in result.items] == [
        "Our paper on graphs was accepted at ICML.",
        "Gave a talk in Oslo.",
    ]


def test_org_timestamps_and_footnote_marks_and_json_with_trailing_commas() -> None:
    """Org's timestamps ("*[2019-01-22 Tue]*", "<2024-05-03 Fri 10:00>") are dates, its
    footnote marks ("[fn:1]") are not text; a JSON file with a comma before "]" or "}" (as
    JavaScript writes it) is read, and a comma inside a string stays."""
    org = (
        "* News\n\n** 2019\n"
        "**** *[2019-01-22 Tue]* New study [fn:1] of radiation damage is now out\n"
        "**** *<2019-03-05 Tue 10:00>* We gave a talk at a lab\n\n"
        "* Footnotes\n[fn:1] A paper, by several people.\n"
    )
    result = parse_text(org, today=TODAY, path="news.org")
    assert [(i.posted.start if i.posted else None, i.text) for i in result.items] == [
        (dt.date(2019, 1, 22), "New study of radiation damage is now out"),
        (dt.date(2019, 3, 5), "We gave a talk at a lab"),
    ]
    data = (
        '{\n\t"news": [\n\t\t{"date": "August, 2021", "text": "A lab retreat, with tacos, ]"},\n'
        '\t\t{"date": "May, 2020", "text": "Our paper was accepted at a venue."},\n\n\t]\n}\n'
    )
    result = parse_text(data, today=TODAY, path="_data/news.json")
    assert [i.text for i in result.items] == [
        "A lab retreat, with tacos, ]",
        "Our paper was accepted at a venue.",
    ]


def test_a_list_of_citations_is_dated_by_their_years_and_titled_by_their_works() -> None:
    """Press coverage written as citations ("Aaron Sidder (2025). "[Title](url)""): posted in
    the citation's year, titled by the work (not its author), the entry kept whole; a year in
    brackets elsewhere in an entry is not a citation's."""
    page = (
        "## Press\n\n"
        '- Aaron Sidder (2025). "[The new science of waste](https://news.example.org/waste)"\n'
        '- Liz Fuller-Wright (2022). "[Thinnest roots are weapons](https://news.example.org/roots)"\n'
        "- Our lab won an award for the best poster (the third in a row).\n"
    )
    result = parse_text(page, today=TODAY, path="news.md")
    got = [(i.posted.text if i.posted else None, i.title) for i in result.items]
    assert got == [
        ("2025", "The new science of waste"),
        ("2022", "Thinnest roots are weapons"),
        (None, "Our lab won an award for the best poster (the third in a row)."),
    ]
    assert result.items[0].text.startswith("Aaron Sidder (2025).")


def test_a_post_named_by_its_month_or_titled_with_its_date_is_dated(tmp_path: Any) -> None:
    """A post whose name opens with a year and month and no day ("2025-01-design-started.md") is
    posted in that month; a post with no date but a title that ends with one after a separator
    ("Lab retreat – September 2024") is posted then; a title's date that repeats the file's is
    not part of the title; a name opening with a day unseparated ("20230214-report.md") is
    posted that day."""
    posts = {
        "2025-01-design-started.md": "---\ntitle: Pump design started – January 2025\n---\n\nWe began.\n",
        "retreat.md": "---\ntitle: Lab retreat – September 2024\n---\n\nTwo days in the hills.\n",
        "2023-11-no-title.md": "---\nlayout: post\n---\n\nA poster at a lab.\n",
        "20230214-report.md": "---\ntitle: Market report\n---\n\nA report, named by its day unseparated.\n",
    }
    result = _read_folder(tmp_path, posts)
    got = [(i.posted.display() if i.posted else None, i.title) for i in result.items]
    assert got == [
        ("January 2025", "Pump design started"),
        ("September 2024", "Lab retreat"),
        ("November 2023", "A poster at a lab."),
        ("14 Feb 2023", "Market report"),
    ], got
    assert not [w for w in result.warnings if "no date" in w], result.warnings


def test_a_news_archive_page_in_a_folder_of_posts_is_read_as_the_news_it_lists(tmp_path: Any) -> None:
    """A page of a news folder that is itself the list ("News Archive", its bullets labelled
    "(Apr-25)" as a spreadsheet writes a month and year) gives one item per bullet, dated by its
    label and sorted with the folder's posts, not one post of the page's front-matter date; a post
    whose body holds a schedule of dated talks stays one post."""
    archive = "---\ntitle: News Archive\ndate: 2022-01-11T09:38:15+11:00\n---\n\n" + "".join(
        f"- ({month}) {text}\n"
        for month, text in [
            ("Apr-25", "New paper on neutron beam shaping accepted by Physical Review A."),
            ("Feb-25", "I am now an Associate Investigator for OPTIMA."),
            ("Jan-25", "My software packages passed one million installs."),
            ("Nov-19", "I joined the Australian National University as a lecturer."),
        ]
    )
    seminar = (
        "---\ntitle: Seminar series this term\ndate: 2024-09-01\n---\n\nOur seminar returns:\n\n"
        "- 12 Sep 2024: Ana on sampling\n- 10 Oct 2024: Bo on graphs\n"
        "- 14 Nov 2024: Cy on proofs\n- 5 Dec 2024: Di on games\n"
    )
    posts = {
        "archive.md": archive,
        "2024-09-01-seminar.md": seminar,
        "2025-03-20-visit.md": "---\ntitle: Visit to Bath\n---\n\nA week at Bath.\n",
    }
    result = _read_folder(tmp_path, posts)
    got = [(i.posted.display() if i.posted else None, i.text[:28]) for i in result.items]
    assert got == [
        ("April 2025", "New paper on neutron beam sh"),
        ("20 Mar 2025", "Visit to Bath A week at Bath"),
        ("February 2025", "I am now an Associate Invest"),
        ("January 2025", "My software packages passed "),
        ("1 Sep 2024", "Seminar series this term Our"),
        ("November 2019", "I joined the Australian Nati"),
    ], got
    assert all(i.source_path.endswith(".md") for i in result.items)


def test_posts_of_a_news_folder_are_not_read_twice_for_the_archive_test(
    tmp_path: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Whether a page of a news folder is an archive is asked of every file: a post titled "Lab
    news" whose prose names months and years ("in May 2024 … since 2019 …") is read once, as a
    post (only a page whose lines open with four dates is read as a page too), so a folder of
    2,000 posts costs no more than before."""
    import newsfeed.domain.importers as importers

    calls: list[str] = []
    real = importers.news_document  # type: ignore[attr-defined]

    def counted(text: str, *, path: str = "", today: dt.date) -> Any:
        calls.append(path)
        return real(text, path=path, today=today)

    monkeypatch.setattr(importers, "news_document", counted)
    prose = "In May 2024 we met in June 2024 at ICML, since 2019 and in March 2023 and April 2022."
    posts = {f"2024-0{n}-01-news.md": f"---\ntitle: Lab news {n}\n---\n\n{prose}\n" for n in range(1, 10)}
    posts["archive.md"] = "---\ntitle: News Archive\n---\n\n" + "".join(
        f"- {month} 2023: news of {month}.\n" for month in ("May", "April", "March", "February")
    )
    result = _read_folder(tmp_path, posts)
    assert len(result.items) == 13
    assert [p.rsplit("/", 1)[-1] for p in calls] == ["archive.md"]


def test_a_built_all_news_page_in_a_news_folder_is_read_as_its_list(tmp_path: Any) -> None:
    """A site's built ``news/all.html`` ("All News", a grid of a date and a paragraph per news)
    is that list, not one post holding every news."""
    rows = "".join(
        f'<span class="date">{d}</span><p class="body">{t}</p>'
        for d, t in [
            ("Apr 2026", "One paper was accepted by <strong>DIS 2026</strong>. Congrats to Rui!"),
            ("Mar 2026", "<strong>Signals</strong> was accepted by <strong>CHI 2026</strong>."),
            ("Jan 2026", "I will serve as Local Chair for <strong>DIS 2026</strong>."),
            ("Nov 2025", "Our paper won the Best Paper Award at PAINE 2025."),
        ]
    )
    page = (
        "<!DOCTYPE html><html><head><title>Academic Website</title></head><body>"
        '<header><a href="/about">Shaoyu Cai</a><nav><a href="/news">News</a></nav></header>'
        f'<main><a href="/news">← News</a><h1>All News</h1><div class="grid">{rows}</div></main>'
        "<footer>© 2026</footer></body></html>"
    )
    folder = tmp_path / "news"
    folder.mkdir()
    result = _read_folder(folder, {"all.html": page})
    got = [(i.posted.display() if i.posted else None, i.text) for i in result.items]
    assert got == [
        ("April 2026", "One paper was accepted by **DIS 2026**. Congrats to Rui!"),
        ("March 2026", "**Signals** was accepted by **CHI 2026**."),
        ("January 2026", "I will serve as Local Chair for **DIS 2026**."),
        ("November 2025", "Our paper won the Best Paper Award at PAINE 2025."),
    ], got


def test_pages_of_the_archive_by_years_kept_once_per_language_are_read_as_their_news(tmp_path: Any) -> None:
    """A lab's Hugo site keeps its news as pages of years, ``content/news/2022-2026.en.md`` and
    ``.ja.md`` (titled "2022-2026"), each a run of ``<article>`` elements holding a date, a label
    and the text: each page had read as one post of 160 news, and the label, the text and the date
    of each article as three entries. A page titled with its years is an archive page; one version
    per language is read; an article without a title is one news, dated by its date, and one
    article that is no such card (it holds a list) does not stop the others from being read so;
    its ``<label>`` is the news's category, not its text."""

    def article(day: str, label: str, text: str) -> str:
        return (
            f'<article class="news-article">\n  <div class="date">{day}</div>\n'
            f'  <label><a href="/en/member/">{label}</a></label>\n  <div>{text}</div>\n</article>\n\n'
        )

    def page(said: str) -> str:
        return (
            "---\ntitle: '2022-2026'\ndate: 2025-08-28T10:10:39+09:00\n---\n\n"
            '<ul class="anchor-links">\n  <li><a href="#2026">2026</a></li>\n</ul>\n\n'
            '<h2 id="2026">2026</h2>\n\n<div class="articles">\n'
            + article("2026/04/01", "Member", f"Ryu Sakuma has joined our team.{said}")
            + article("2026/03/18", "Member", f"Masahiro Motohashi received a PhD.{said}")
            + article("2023/01/31", "Member", f"Ai Shinobu has moved to Osaka University.{said}")
            + article("2023/01/26", "Publication", f"Three works were published in PNAS.{said}")
            + article("2022/11/02", "Workshop", f"The 10th workshop was held.{said}")
            + '<article class="news-article">\n  <div class="date">2022/10/01</div>\n'
            "  <ul><li>A poster at ISMB.</li><li>A talk at ISMB.</li></ul>\n</article>\n</div>\n"
        )

    result = _read_folder(tmp_path, {"2022-2026.en.md": page(""), "2022-2026.ja.md": page("（日本語）")})
    days = [i for i in result.items if i.posted and i.posted.grain == "day"]
    got = [(i.posted.display() if i.posted else "", i.text) for i in days]
    assert got[:5] == [
        ("1 Apr 2026", "Ryu Sakuma has joined our team."),
        ("18 Mar 2026", "Masahiro Motohashi received a PhD."),
        ("31 Jan 2023", "Ai Shinobu has moved to Osaka University."),
        ("26 Jan 2023", "Three works were published in PNAS."),
        ("2 Nov 2022", "The 10th workshop was held."),
    ], got
    assert "日本語" not in " ".join(i.text for i in result.items)
    assert any("another language" in w for w in result.warnings), result.warnings
    # the article's <label> is its category, not its text
    assert [i.hint for i in days[:5]] == ["Member", "Member", "Member", "Publication", "Workshop"]


def test_an_undated_section_beside_a_dated_list_of_news_is_not_an_item() -> None:
    """Under "# News", a sub-heading with a sentence and no date ("## Stay up to date") beside a
    sub-heading holding the dated list is a part of the page, reported and not imported; when no
    news on the page has a date, each heading with its prose is still an item. A label inside
    bold ("**03/2025 – Kickoff**") leaves the rest of the bold whole."""
    page = (
        "# News\n\n## Stay up to date\nFollow the lab's latest work, events and milestones.\n\n"
        "## Recent\n- **03/2025 – Fabrication kickoff** Started machining our first prototype.\n"
        "- **02/2025 – Design review** We met the sponsors to review the design.\n"
    )
    result = parse_text(page, today=TODAY, path="news.md")
    assert [(i.posted.display() if i.posted else None, i.text) for i in result.items] == [
        ("March 2025", "**Fabrication kickoff** Started machining our first prototype."),
        ("February 2025", "**Design review** We met the sponsors to review the design."),
    ]  # the bold the label opened is whole again
    assert any("'Stay up to date'" in w and "not an item" in w for w in result.warnings), result.warnings
    undated = "# News\n\n## Lab retreat\nTwo days in the hills.\n\n## New student\nWelcome to Ana.\n"
    result = parse_text(undated, today=TODAY, path="news.md")
    assert [i.title for i in result.items] == ["Lab retreat", "New student"]


def test_whole_dates_with_two_digit_years_are_not_read_as_yearless_month_first_labels() -> None:
    """ "29/05/17:" is a whole day-first date; its end "05/17" is no yearless label, so it is no
    evidence of month-first order: a page of such dates is day-first, and an ambiguous one on it
    ("05/04/17") is 5 April even where the site's default is month-first."""
    page = (
        "# News\n\n* 29/05/17: Attended a talk about translation.\n* 22/03/17: We received a GPU grant.\n"
        "* 05/04/17: Gave a seminar at a lab.\n* 21/12/16: I received a scholarship.\n"
    )
    result = parse_text(page, today=TODAY, path="news.md", default_order="mdy")
    assert [i.posted.start for i in result.items if i.posted] == [
        dt.date(2017, 5, 29),
        dt.date(2017, 3, 22),
        dt.date(2017, 4, 5),
        dt.date(2016, 12, 21),
    ]
    assert any("day-first (dd/mm), inferred" in w for w in result.warnings), result.warnings


def test_a_posts_own_category_is_read_from_any_field_naming_it(tmp_path: Any) -> None:
    """The author's category of a post is its ``categories``/``category``/``tags``, else another
    field that names one ("type_tag: publication", "news_type: talk"); other fields are not. The
    report (``--json``) shows it as the item's ``category``, none where the post gives none."""
    posts = {
        "2024-10-01-paper.md": '---\ntitle: "A study"\ntype_tag: publication\njournal: Cell\n---\n\nOut.\n',
        "2024-09-01-talk.md": "---\ntitle: A seminar\nnews_type: talk\n---\n\nAt a lab.\n",
        "2024-08-01-plain.md": "---\ntitle: A retreat\nauthor: Ana\n---\n\nIn the hills.\n",
    }
    result = _read_folder(tmp_path, posts)
    assert [i.hint for i in result.items] == ["publication", "talk", ""]
    assert [i.as_dict().get("category") for i in result.items] == ["publication", "talk", None]


def test_a_news_board_of_indented_html_cards_with_disclosure_buttons_is_read() -> None:
    """HTML in a Markdown page, indented after a blank line inside an open element, is still
    HTML (as Jekyll's kramdown reads it), not a code block; a button that opens a collapsed part
    (``aria-expanded``) holds its card's date and title, less its "View"; a plain button is a
    control and is dropped."""
    page = (
        "---\nlayout: default\n---\n\n<h2>News</h2>\n\n"
        '<div class="board">\n'
        '    <article class="item">\n'
        '      <button class="summary" type="button" aria-expanded="false">\n'
        '        <span class="date">2026.07.01</span>\n'
        '        <span class="title">Best presentation award at the spring meeting</span>\n'
        '        <span class="more">View</span>\n'
        "      </button>\n\n"
        '      <div class="detail"><p>A student won the award for a study of rocket combustion.</p></div>\n'
        "    </article>\n\n"
        '    <article class="item">\n'
        '      <button class="summary" type="button" aria-expanded="false">\n'
        '        <span class="date">2026.03.15</span>\n'
        '        <span class="title">Welcome to two new students</span>\n'
        "      </button>\n"
        '      <div class="detail"><p>Two graduate students joined the lab.</p>'
        '<button type="button">Share</button></div>\n'
        "    </article>\n"
        "</div>\n"
    )
    result = parse_text(page, today=TODAY, path="news.md")
    got = [(i.posted.start if i.posted else None, i.title, i.text) for i in result.items]
    assert got == [
        (
            dt.date(2026, 7, 1),
            "Best presentation award at the spring meeting",
            "Best presentation award at the spring meeting A student won the award for a study of rocket"
            " combustion.",
        ),
        (
            dt.date(2026, 3, 15),
            "Welcome to two new students",
            "Welcome to two new students Two graduate students joined the lab.",
        ),
    ], got


def test_cards_dated_by_day_and_misspelt_month_take_the_year_above_them() -> None:
    """Cards whose date box holds a day and a month ("2 Feburary", a writer's slip mended) are
    posted in the year of the year header above them; cards with such dates and no year above
    are posted in the latest year that is not after the reference date, never a century on."""

    def card(day: str, month: str, title: str) -> str:
        return (
            f'<div class="news-item"><div class="date-box"><span>{day}</span> <span>{month}</span></div>'
            f'<div class="news-content"><h2>{title}</h2><p>More on it.</p></div></div>\n'
        )

    page = (
        '<html><body><h1>News</h1>\n<div class="year-header">2026</div>\n'
        + card("2", "Feburary", "Two papers accepted to a conference")
        + card("1", "Janurary", "Our work was covered by a magazine")
        + '<div class="year-header">2025</div>\n'
        + card("29", "December", "Two papers accepted to a forum")
        + "</body></html>"
    )
    result = parse_text(page, today=TODAY, path="news.html")
    assert [i.posted.start if i.posted else None for i in result.items] == [
        dt.date(2026, 2, 2),
        dt.date(2026, 1, 1),
        dt.date(2025, 12, 29),
    ]
    yearless = (
        "<html><body><h1>News</h1>\n"
        + card("5", "March", "A talk")
        + card("9", "December", "A prize")
        + "</body></html>"
    )
    result = parse_text(yearless, today=dt.date(2026, 12, 1), path="news.html")
    assert [i.posted.start if i.posted else None for i in result.items] == [
        dt.date(2026, 3, 5),
        dt.date(2025, 12, 9),
    ]


CSV_NEWS = """date,headline,link
2025-03-14,"Our paper on graph transformers, with a new benchmark, was accepted at ICML 2025!",https://arxiv.org/abs/2503.01234
2025-01-20,"I gave an invited talk at the ML seminar:
""Graphs at scale"".",
2024-11-02,Serving as Area Chair for NeurIPS 2025.,

"""


def test_a_csv_or_tsv_data_file_is_one_item_per_row_with_its_date_and_text() -> None:
    semicolons = CSV_NEWS.replace(",", ";").replace(";with", ",with").replace("; was", ", was")
    tabs = "date\theadline\n2025-03-14\tPaper accepted at ICML 2025.\n2024-11-02\tServing as Area Chair.\n"
    three = ["2025-03-14", "2025-01-20", "2024-11-02"]
    for text, path, description, days in [
        (CSV_NEWS, "_data/news.csv", "CSV data file, 3 records", three),
        (semicolons, "_data/news.csv", "CSV data file, 3 records", three),  # a spreadsheet's ";"
        (CSV_NEWS, "", "CSV data file, 3 records", three),  # pasted, or a published sheet's export
        (tabs, "_data/news.tsv", "TSV data file, 2 records", ["2025-03-14", "2024-11-02"]),
    ]:
        result = parse_text(text, today=TODAY, path=path)
        assert result.description.startswith(description), (path, result.description)
        assert [i.posted.start.isoformat() for i in result.items if i.posted] == days, path
    first, talk, chair = parse_text(CSV_NEWS, today=TODAY, path="news.csv").items
    assert first.text.startswith("Our paper on graph transformers, with a new benchmark")
    assert (first.kind, talk.kind, chair.kind) == ("acceptance", "talk", "reviewing")
    assert '"Graphs at scale"' in talk.text  # a quoted field over two lines, its quotes undoubled


def test_a_date_field_written_without_separators_is_a_date() -> None:
    """A site's ``_data/news.csv`` exported by a tool stamps each row ``20120101154803``
    (YYYYMMDDhhmmss); a YAML file writes ``date: 20240501``: every row had been undated. A
    date field's stamp of eight, twelve or fourteen figures that make a day is that day (and
    time); a number that makes none stays as it is."""
    csv_text = (
        "date,category,provider,title,summary\n"
        "20120104111005,society,Yonhap,Students caught in school violence case,Police said on the 4th.\n"
        "20120101154803,society,Edaily,All young mothers get medical support,The ministry said.\n"
    )
    result = parse_text(csv_text, today=TODAY, path="_data/news.csv")
    assert [i.posted.display() if i.posted else None for i in result.items] == [
        "4 Jan 2012, 11:10",
        "1 Jan 2012, 15:48",
    ]
    yaml_text = "- date: 20240501\n  text: Paper accepted at ICML.\n- date: 20231301\n  text: Talk at MIT.\n"
    result = parse_text(yaml_text, today=TODAY, path="_data/news.yml")
    assert [i.posted.display() if i.posted else None for i in result.items] == ["1 May 2024", None]


def test_a_spreadsheets_csv_with_empty_columns_and_spaces_before_quotes_is_read() -> None:
    """A lab's ``_data/news.csv`` exported from a spreadsheet: ``Date,Item,,,`` (empty columns
    after the named ones) and ``01/31/21, "Our work on …, 2022",,,`` (a space before the quoted
    field): it had read as "its first line does not name the columns", no news."""
    text = (
        "Date,Item,,,\n"
        '01/31/22, "Our work on &quot;Shielded Deep RL&quot; has been accepted at ACC 2022.",,,\n'
        '9/17/21,"Our paper, on mapping, has been accepted in T-ASE. Well done, Eric!",,,\n'
    )
    result = parse_text(text, today=TODAY, path="_data/news.csv")
    assert result.description.startswith("CSV data file, 2 records, fields `Date` and `Item`")
    assert [(i.posted.start.isoformat() if i.posted else None, i.text) for i in result.items] == [
        ("2022-01-31", 'Our work on "Shielded Deep RL" has been accepted at ACC 2022.'),
        ("2021-09-17", "Our paper, on mapping, has been accepted in T-ASE. Well done, Eric!"),
    ]


def test_a_date_field_named_for_a_month_or_a_year_keeps_that_precision() -> None:
    """A lab's press list keeps ``yyyymm`` as ``2018-02-01``: the 1st stands for the month, and
    each item had been posted on a day no one wrote (1 Feb 2018). A field named ``yyyymm``,
    ``year_month`` or ``month`` posts a 1st in its month; one named ``year`` posts 1 January in its
    year; a day other than the 1st is that day. A title that says "this week" is no date field:
    with two records, it had been taken for the file's dates and the file read as no news."""
    csv_text = (
        "title,source,yyyymm\nERC starting grant,LU News 2018,2018-02-01\n"
        "Meet this week's researcher,LU Med News,2020-02-14\n"
    )
    yml = "- year: 2019-01-01\n  text: Our lab opened.\n- year: 2021-01-01\n  text: Our first paper.\n"
    grant, meet = parse_text(csv_text, today=TODAY, path="_data/news.csv").items
    assert (grant.posted and grant.posted.grain, grant.posted and grant.posted.display()) == (
        "month",
        "February 2018",
    )
    assert meet.posted is not None and (meet.posted.grain, meet.posted.start.isoformat()) == (
        "day",
        "2020-02-14",
    )
    opened, _ = parse_text(yml, today=TODAY, path="_data/news.yml").items
    assert opened.posted is not None and (opened.posted.grain, opened.posted.display()) == ("year", "2019")


def test_a_date_fields_day_month_order_is_settled_by_its_other_dates() -> None:
    """A data file writes its dates one way throughout: ``12/17/23`` and ``07/29/23`` beside
    ``12/01/24`` make the latter 1 Dec 2024, not 12 Jan, and ``01/11/24`` 11 Jan, not 1 Nov
    (a researcher's list had read out of its own order); the report says what settled it. Dates
    above 12 in the day's place settle day-first the same way."""
    yml = (
        "- date: 12/01/24\n  update: Starting at UCSD as an assistant professor.\n"
        "- date: 01/11/24\n  update: New long-context models released.\n"
        "- date: 12/17/23\n  update: NeurIPS roundup.\n"
        "- date: 07/29/23\n  update: Ran a workshop at ICML.\n"
    )
    result = parse_text(yml, today=TODAY, path="data/news.yml")
    assert [i.posted.start.isoformat() for i in result.items if i.posted] == [
        "2024-12-01",
        "2024-01-11",
        "2023-12-17",
        "2023-07-29",
    ]
    assert any("month-first (mm/dd), inferred from 2 unambiguous" in w for w in result.warnings)
    assert not any("out of the list's order" in w for w in result.warnings)
    day_first = '[{"date": "03/02/2024", "text": "Paper accepted."}, {"date": "25/01/2024", "text": "Talk."}]'
    accepted, _ = parse_text(day_first, today=TODAY, path="_data/news.json").items
    assert accepted.posted is not None and accepted.posted.start.isoformat() == "2024-02-03"


def test_a_date_field_written_year_first_is_read_so_when_only_that_keeps_the_list_in_order() -> None:
    """``26/8/21``, ``26/6/18``, ``26/4/13``, ``26/1/16``, ``25/4/12`` beside a pinned record:
    read day first they are past dates too, but 2013 before 2016 and "accepted by CHI 2026"
    posted in 2016; only year first (21 Aug 2026 … 12 Apr 2025) keeps the list newest first,
    so the field is read so, and the report says it. Two values settle nothing."""
    rows = [("Pinned 📌", "Looking for co-authors in HCI."), ("26/8/21", "Started my PhD at HKUST!")]
    rows += [("26/6/18", "Graduated from SCUT!"), ("26/4/13", "Attended CHI 2026 in Barcelona!")]
    rows += [("26/1/16", "Our paper is accepted by CHI 2026!"), ("25/4/12", "Started research in HCI.")]
    yml = "".join(f'- text: "{text}"\n  date: "{date}"\n' for date, text in rows)
    result = parse_text(yml, today=TODAY, path="data/news.yml")
    assert [i.posted.start.isoformat() if i.posted else None for i in result.items] == [
        None,
        "2026-08-21",
        "2026-06-18",
        "2026-04-13",
        "2026-01-16",
        "2025-04-12",
    ]
    assert any("read year first (yy/mm/dd)" in w for w in result.warnings)
    two = "".join(f'- text: "{text}"\n  date: "{date}"\n' for date, text in rows[1:3])
    assert [i.posted.start.isoformat() for i in parse_text(two, today=TODAY).items if i.posted] == [
        "2021-08-26",
        "2018-06-26",
    ]


def test_a_date_that_opens_a_records_sentence_as_its_subject_stays_in_its_text() -> None:
    """A record dated 2026-07-01 titled "July 2026 release is live" had become "release is
    live": a date the record's field repeats is a label only when a mark follows it or the
    words after it open a sentence ("Jul 2026 Paper accepted", "July 2026: …"); followed by a
    word in lower case it is the sentence's subject and stays."""
    yml = (
        "- date: 2026-07-01\n  text: July 2026 release is live. The monthly dataset is published.\n"
        "- date: 2026-06-01\n  text: Jun 2026 Paper accepted at ICML.\n"
        "- date: 2026-05-01\n  text: 'May 2026: two talks at MIT.'\n"
    )
    items = parse_text(yml, today=TODAY, path="_data/news.yml").items
    assert [i.text for i in items] == [
        "July 2026 release is live. The monthly dataset is published.",
        "Paper accepted at ICML.",
        "two talks at MIT.",
    ]
    assert [i.posted.display() if i.posted else None for i in items] == [
        "1 Jul 2026",
        "1 Jun 2026",
        "1 May 2026",
    ]


def test_a_records_date_split_over_year_month_and_day_fields_is_one_date() -> None:
    """A news script keeps ``year: 2025, day: 15, month: '03月'``: it had been read as posted in
    2025 (the year field alone) with "03月" as text; the three fields are one date, 15 Mar 2025,
    and none of them is text. A month by name or number does the same, a missing day leaves
    the month."""
    js = """const newsData = [
  { id: 1, year: 2025, day: 15, month: '03月', title: '实验室论文被CVPR 2025接收', summary: '论文被接收。' },
  { id: 2, year: 2024, day: 5, month: 'July', title: 'Best paper award at RSS', summary: 'Congratulations!' },
  { id: 3, year: 2024, month: 2, title: 'Two new students joined', summary: 'Welcome!' },
];"""
    result = parse_text(js, today=TODAY, path="assets/js/news.js")
    assert [(i.posted.display() if i.posted else None, i.text) for i in result.items] == [
        ("15 Mar 2025", "实验室论文被CVPR 2025接收 论文被接收。"),
        ("5 Jul 2024", "Best paper award at RSS Congratulations!"),
        ("February 2024", "Two new students joined Welcome!"),
    ]
    assert "fields `year/month/day`" in result.description


def test_a_time_elements_datetime_gives_the_year_its_words_leave_out() -> None:
    """A card shows ``<time datetime="2026-06-07"><strong>07</strong><span>Jun</span></time>``:
    the words alone had dated it 7 June of a guessed year; the ``datetime`` attribute, written
    whole for machines, gives 2026. Words that give a whole date are kept as shown."""
    page = (
        "<html><body><h2>News</h2>"
        '<article class="news-item"><time datetime="2026-06-07"><strong>07</strong><span>Jun</span></time>'
        "<div><h4>Website relaunched</h4><p>The new site has a team page.</p></div></article>"
        '<article class="news-item"><time datetime="2025-09-15"><strong>15</strong><span>Sep</span></time>'
        "<div><h4>New members joined</h4><p>Welcome to the group.</p></div></article>"
        '<article class="news-item"><time datetime="2025-01-01">March 3, 2024</time>'
        "<div><h4>Paper accepted at CHI</h4><p>Congratulations.</p></div></article>"
        "</body></html>"
    )
    items = parse_text(page, today=TODAY, path="index.html").items
    assert [i.posted.start.isoformat() if i.posted else None for i in items] == [
        "2026-06-07",
        "2025-09-15",
        "2024-03-03",
    ]


def test_a_heading_naming_news_and_another_list_keeps_only_its_news_section() -> None:
    """A lab's page heads one section "团队动态与代表成果" (team news and selected works) with
    a sub-section for each: the selected works had been read as news too; under a heading that
    names both, a sub-section named for the other list is not news. Under a heading that names
    only the news, every sub-section is."""
    page = (
        "## 团队动态与代表成果\n\n### 团队动态\n\n- 2026-06-07 课题组网站新版制作完成\n"
        "- 2025-09-15 欢迎新成员加入课题组\n\n### 代表成果\n\n- 领域内权威 SCI 期刊论文 100 余篇\n"
        "- 2024-01-01 获 IWA 应用研究创新奖\n"
    )
    assert [i.text for i in parse_text(page, today=TODAY).items] == [
        "课题组网站新版制作完成",
        "欢迎新成员加入课题组",
    ]
    plain = (
        "## News\n\n### Talks\n\n- 2026-06-07 Talk at MIT.\n\n### Awards\n\n- 2025-09-15 Best paper award.\n"
    )
    assert [i.text for i in parse_text(plain, today=TODAY).items] == ["Talk at MIT.", "Best paper award."]


def test_a_headings_permanent_link_is_no_part_of_it() -> None:
    """Sphinx and MkDocs end each heading with its permanent link, ``<a class="headerlink"
    href="#march-2025">¶</a>``: "The Guan Team¶" had been an item's text. The link is markup,
    and a date heading with one ("March 2025¶") still heads its entries."""
    page = (
        '<html><body><section id="news">'
        '<h1>News<a class="headerlink" href="#news" title="Permanent link">¶</a></h1>'
        '<section id="march-2025"><h2>March 2025<a class="headerlink" href="#march-2025">¶</a></h2>'
        "<p>Our paper on ribosome profiling was accepted at Nature Methods.</p></section>"
        '<section id="january-2025"><h2>January 2025<a class="headerlink" href="#january-2025">¶</a></h2>'
        "<p>Anna joined the lab as a PhD student.</p></section></section></body></html>"
    )
    items = parse_text(page, today=TODAY, path="news.html").items
    assert [(i.posted.display() if i.posted else None, i.text) for i in items] == [
        ("March 2025", "Our paper on ribosome profiling was accepted at Nature Methods."),
        ("January 2025", "Anna joined the lab as a PhD student."),
    ]
    assert not any("¶" in i.text for i in items)


def test_a_mkdocs_admonitions_indented_block_is_read_as_markdown() -> None:
    """An MkDocs Material News page keeps each year's list in an admonition (``!!! success
    "2025 News"`` over a block indented four spaces): Markdown reads such a block as code, and
    of nine news only those outside it had been read; the block is the admonition's content, read
    as Markdown, its opening line no text. A collapsible one (``??? note``) is the same."""
    page = (
        '# News Archive\n\n### 2025\n\n!!! success "2025 News"\n'
        "    - [September 2025] IBL Brain Wide Map papers published in **Nature**!!\n"
        "    - [June 2025] IBL Brain Wide Map papers accepted in Nature!!\n\n"
        '### 2024\n\n??? note "2024 News"\n    - [December 2024] COGITATE paper accepted in Nature!!\n\n'
        "Some text after the admonitions.\n"
    )
    items = parse_text(page, today=TODAY, path="docs/news.md").items
    assert [(i.posted.display() if i.posted else None, i.text) for i in items] == [
        ("September 2025", "IBL Brain Wide Map papers published in **Nature**!!"),
        ("June 2025", "IBL Brain Wide Map papers accepted in Nature!!"),
        ("December 2024", "COGITATE paper accepted in Nature!!"),
    ]


def test_a_pages_note_that_more_news_will_come_is_no_news() -> None:
    """A News page closes with "*Check back soon for more updates on research and
    publications.*" under its last year: it had been an item of 2024. The page's short note
    about itself ("This page will be regularly updated …", "More news coming soon") is no item;
    a news that says "stay tuned" in passing still is."""
    page = (
        "# News\n\n## 2024\n\n**Feb 2024** - Website redesigned with a fresh new look!\n\n"
        "**2024** - Awarded the Google exploreCSR grant. Stay tuned for the details of the event!\n\n"
        "---\n\n*Check back soon for more updates on research and publications.*\n\n"
        "*This page will be regularly updated with the latest news from the lab.*\n\nMore news coming soon.\n"
    )
    items = parse_text(page, today=TODAY, path="docs/news.md").items
    assert [i.text for i in items] == [
        "Website redesigned with a fresh new look!",
        "Awarded the Google exploreCSR grant. Stay tuned for the details of the event!",
    ]


def test_a_field_that_holds_the_date_again_is_no_category() -> None:
    """Records keep ``date: 2026-07``, ``label: 2026-07`` (the date as the theme prints it) and
    ``tag: paper``: the label had been taken for the author's category, so each item's hint was a
    date; a field of dates names no category, and the next one (``tag``) does."""
    data = (
        '{"news": [{"date": "2026-07", "label": "2026-07",'
        ' "text": "XPlainVerse is out on arXiv.", "tag": "paper"},'
        ' {"date": "2026-02", "label": "2026-02",'
        ' "text": "DeepfakeJudge accepted at CVPR 2026.", "tag": "accepted"}]}'
    )
    items = parse_text(data, today=TODAY, path="assets/data/news.json").items
    assert [(i.hint, i.kind) for i in items] == [("paper", "preprint"), ("accepted", "acceptance")]


def test_lorem_ipsum_words_without_lorem_ipsum_are_a_templates_filler() -> None:
    """A lab template's News page carries generated filler ("Eget Nulla: Posuere urna nec
    tincidunt praesent. Egestas sed sed risus pretium quam.") that never says "lorem ipsum":
    it had been four news; an item whose words are lorem ipsum's, eight or more and four in five
    of them, is a stand-in. A news that quotes a Latin phrase or names a Latin title is not."""
    page = (
        "<h2>News</h2><ul>"
        "<li>4 Jan 2018: <a href='http://x.org'>Eget Nulla: Posuere urna nec tincidunt praesent. "
        "Egestas sed sed risus pretium quam.</a></li>"
        "<li>13 Dec 2017: Vitae Congue eu Consequat: Arcu cursus euismod quis viverra nibh cras.</li>"
        '<li>11 Nov 2017: Our paper "Ut pictura poesis" on Latin metaphors in science was accepted.</li>'
        "<li>1 Oct 2017: Gave a talk on lacus and ante in cell biology at the Et Al. seminar.</li></ul>"
    )
    result = parse_text(page, today=TODAY, path="news.html")
    assert [i.posted.start.isoformat() if i.posted else None for i in result.items] == [
        "2017-11-11",
        "2017-10-01",
    ]
    assert sum("sample" in w or "filler" in w for w in result.warnings) >= 2
    # words English shares with it ("a", "in", "sit"), however many, are no filler
    repeated = "- 05/2024 " + "a in sit " * 20 + "\n"
    assert len(parse_text(repeated, today=TODAY, path="news.md").items) == 1


def test_a_page_whose_only_dated_list_is_a_cvs_section_has_no_news() -> None:
    """A home page with only "Education" (``2019.9 - 2021.5`` NYU, Master of Science) had its
    degrees read as two news; a CV's sections (education, experience, teaching, the lab's
    members) are never news, and the report says why. A page whose only list is named for a
    kind of news ("Talks") is still read."""
    page = (
        "<html><body><h1>Jarvis</h1><h2>Education</h2><ul>"
        "<li><strong>2019.9 - 2021.5</strong><br/><a href='https://nyu.edu'>New York University</a>"
        "<br/>Master of Science in Computer Science</li>"
        "<li><strong>2014.5 - 2019.8</strong><br/>The Ohio State University<br/>Bachelor of Science</li>"
        "</ul><h2>Work</h2>To be updated ...</body></html>"
    )
    result = parse_text(page, today=TODAY, path="index.html")
    assert result.items == []
    assert any("'Education': 2 entries, a section of a CV, not news" in w for w in result.warnings)
    talks = (
        "## Talks\n\n- 03/2025 Invited talk at MIT on graph learning.\n- 01/2025 Talk at the ML seminar.\n"
    )
    assert [i.kind for i in parse_text(talks, today=TODAY, path="talks.md").items] == ["talk", "talk"]


def test_a_first_line_with_commas_is_no_table_unless_it_names_a_date_column_over_rows() -> None:
    prose = "News, updates and more\n\n- 03/2025 Paper accepted at ICML.\n- 02/2025 Talk at MIT.\n"
    assert "Markdown" in parse_text(prose, today=TODAY).description
    assert len(parse_text(prose, today=TODAY).items) == 2
    broken = "not, a header!\n1,2\n"
    result = parse_text(broken, today=TODAY, path="news.csv")
    assert result.items == [] and any("first line does not name the columns" in w for w in result.warnings)


def test_a_records_own_link_fields_are_its_links_and_pictures_are_not() -> None:
    yml = """- date: 2025-03-14
  headline: Our paper on [graph transformers](https://example.org/gt) was accepted at ICML 2025.
  link: https://arxiv.org/abs/2503.01234
  image_url: https://example.org/teaser.png
  doi: 10.1145/3580305.3599999
- date: 2025-01-20
  headline: Gave a talk at the ML seminar.
  slides: https://example.org/talk.pdf
  url: https://example.org/gt
"""
    paper, talk = parse_text(yml, today=TODAY, path="_data/news.yml").items
    assert [(link.href, link.rel) for link in paper.links] == [
        ("https://example.org/gt", "url"),  # the one written in the text comes first
        ("https://arxiv.org/abs/2503.01234", "arxiv"),
        ("https://doi.org/10.1145/3580305.3599999", "doi"),
    ]
    assert [(link.href, link.rel) for link in talk.links] == [
        ("https://example.org/talk.pdf", "slides"),
        ("https://example.org/gt", "url"),
    ]
    (row, *_) = parse_text(CSV_NEWS, today=TODAY, path="news.csv").items
    assert [link.href for link in row.links] == ["https://arxiv.org/abs/2503.01234"]


def test_a_news_page_of_embedded_posts_says_where_they_are() -> None:
    """A News page that only embeds LinkedIn or Facebook posts gives no items and says why (it had
    said only "nothing that reads as a list of news"); a video beside written news is no reason,
    and written news are read as ever."""
    page = (
        "---\ntitle: News\n---\n<h4>News</h4>\n<div class='news'>\n"
        + '<iframe src="https://www.linkedin.com/embed/feed/update/urn:li:ugcPost:1"></iframe>\n' * 3
        + '<iframe src="https://www.facebook.com/plugins/post.php?href=x"></iframe>\n</div>\n'
    )
    result = parse_text(page, today=TODAY, path="news.md")
    assert result.items == []
    assert any("3 from www.linkedin.com, 1 from www.facebook.com" in w for w in result.warnings)
    written = (
        "## News\n\n- May 2025: a talk in Oslo.\n\n<iframe src='https://www.youtube.com/embed/x'></iframe>\n"
    )
    result = parse_text(written, today=TODAY, path="news.md")
    assert [i.text for i in result.items] == ["a talk in Oslo."]
    assert not any("embedded" in w for w in result.warnings)


def test_unclosed_embed_tags_cost_linear_time() -> None:
    """A page of ``<iframe`` with no ``>`` anywhere: each tag is read a bounded way."""

    def prepare(n: int) -> Any:
        text = "<iframe data-x=1\n" * n
        return lambda: parse_text(text, today=TODAY, path="news.html")

    assert growth(prepare, 2_000) < LINEAR_WHEN_QUADRUPLED


def test_a_field_kept_in_several_languages_gives_its_english_text() -> None:
    """A bilingual site keeps ``title: {en: "…", ja: "…"}`` in its posts and data files: the item
    is the English text (or the first language's when there is none), never the mapping printed
    ("{'en': 'Neuroscience 2025', 'ja': …}" had been the item). A mapping keyed otherwise is no
    text of the item."""
    post = (
        "---\ntitle:\n  en: Paper published in Frontiers in Neural Circuits\n"
        "  ja: Frontiers in Neural Circuitsに論文発表\ndate: 2025-10-23\n---\n"
    )
    result = parse_folder([("news/2025-10-23-paper.md", post)], today=TODAY)
    assert [(i.title, i.kind) for i in result.items] == [
        ("Paper published in Frontiers in Neural Circuits", "acceptance")
    ]
    data = json.dumps(
        [
            {"date": "2025-12-05", "title": {"ja": "力学系の会議で講演", "zh-CN": "在会议上报告"}},
            {"date": "2025-11-15", "title": {"en-US": "Talk at Neuroscience 2025", "ja": "講演"}},
            {"date": "2025-11-01", "title": "Gave a talk in Oslo.", "venue": {"id": "x1", "on": "site"}},
        ]
    )
    result = parse_text(data, today=TODAY, path="news.json")
    assert [i.text for i in result.items] == [
        "力学系の会議で講演",
        "Talk at Neuroscience 2025",
        "Gave a talk in Oslo.",
    ]


def test_a_year_right_after_a_word_is_part_of_a_name_and_stays_in_the_text() -> None:
    """ "Talk at Neuroscience 2025": the year ends a name, so it stays in the text (it had been
    cut off as a label at the end) and still dates an undated entry; a year set apart, "(2024)"
    or "— 2023", is a label and leaves the text."""
    data = json.dumps([{"date": "2025-11-15", "title": "Talk at Neuroscience 2025"}])
    result = parse_text(data, today=TODAY, path="news.json")
    assert [i.text for i in result.items] == ["Talk at Neuroscience 2025"]
    page = "## News\n\n- Poster at Neuroscience 2024\n- Gave a talk at MIT (2024)\n- Joined the lab — 2023\n"
    result = parse_text(page, today=TODAY, path="news.md")
    assert [(i.text, i.posted.display() if i.posted else None) for i in result.items] == [
        ("Poster at Neuroscience 2024", "2024"),
        ("Gave a talk at MIT", "2024"),
        ("Joined the lab", "2023"),
    ]


def test_emoji_shortcodes_are_the_emoji_the_site_shows() -> None:
    """al-folio's announcements and Hugo's enableEmoji write ":sparkles:" for ✨: the item holds
    the emoji, as readers of the page saw it (the shortcode had been kept as text, and the kinds
    model reads emoji). A time ("10:30:00") and a word between colons that names no emoji stay."""
    page = (
        "## News\n\n- May 2025: Our lab moved to a new building! :sparkles: :smile:\n"
        "- April 2025: :page_facing_up: Two demo papers accepted for WSDM'25!\n"
        "- March 2025: The seminar starts at 10:30:00, room :tbd: on the map.\n"
    )
    result = parse_text(page, today=TODAY, path="news.md")
    assert [i.text for i in result.items] == [
        "Our lab moved to a new building! ✨ 😄",
        "📄 Two demo papers accepted for WSDM'25!",
        "The seminar starts at 10:30:00, room :tbd: on the map.",
    ]
    assert result.items[1].kind == "acceptance"


def test_a_date_in_brackets_before_the_links_that_close_an_entry_dates_it() -> None:
    """ "… OpenGV 2.0. (Mar. 2025) \\[[Available](…)\\]", "Talk at MIT (May 2024) [Slides](…)": the
    bracketed date before the entry's closing links is its label (such entries had been undated),
    and the links stay in the text. Links that close no bracketed date are the text's own."""
    page = (
        "## News\n\n"
        "* We have released our latest project: OpenGV 2.0. (Mar. 2025) \\[[Available](https://arxiv.org/abs/1)\\]\n"
        "* Talk at MIT (May 2024) [Slides](https://x.org/s.pdf) [Video](https://y.org/v)\n"
        "* Our paper was accepted at [ICML 2024](https://icml.cc)\n"
    )
    result = parse_text(page, today=TODAY, path="news.md")
    assert [(i.text, i.posted.display() if i.posted else None) for i in result.items] == [
        (
            "We have released our latest project: OpenGV 2.0. \\[[Available](https://arxiv.org/abs/1)\\]",
            "March 2025",
        ),
        ("Talk at MIT [Slides](https://x.org/s.pdf) [Video](https://y.org/v)", "May 2024"),
        ("Our paper was accepted at [ICML 2024](https://icml.cc)", None),
    ]


def test_a_heading_whose_body_opens_with_field_lines_is_dated_by_its_date_field() -> None:
    """A site that keeps its News as "## Title" then "ID: …", "Date: 2026-05-24", "Image: …" lines
    and the body (its own script reads the fields): each heading is an item dated by its Date
    field, and the field lines are not its text. They had been undated items whose text began
    "ID: ecs-2026 Date: …". A paragraph that only looks like fields without a date is prose."""
    page = (
        "# Group News\n\n"
        "## Prof. Zheng delivers talks at the 249th ECS Meeting\nID: ecs-2026\nDate: 2026-05-24\n"
        "Image: ../img/ecs249.jpg\nImage Caption:\n\n<p>Talks on in situ methods.</p>\n\n"
        "## Yingshi Su's papers published in Electrochimica Acta\nID: yinshi-2026\nDate: 2026-04-22\n\n"
        "The study is published.\n\n"
        "## Lab retreat\nWhere: Lake Tahoe\nWho: everyone\n\nWe went hiking.\n"
    )
    result = parse_text(page, today=TODAY, path="news.md")
    assert [(i.title, i.posted.display() if i.posted else None) for i in result.items] == [
        ("Prof. Zheng delivers talks at the 249th ECS Meeting", "24 May 2026"),
        ("Yingshi Su's papers published in Electrochimica Acta", "22 Apr 2026"),
        ("Lab retreat", None),
    ]
    assert not any("ID:" in i.text or "Date:" in i.text for i in result.items)
    assert "Where: Lake Tahoe" in result.items[2].text


def test_a_scripts_news_list_in_two_languages_is_read_as_data_in_english() -> None:
    """``export const newsData = {newsList: [{title: "两篇论文…", title_en: "Two papers…", date:
    "2023-05", content: {zh: `<p>…</p>`, en: `<p>…</p>`}}]}``: the dated list named news is the
    news even though its records' detail pages hold more HTML paragraphs than it has records
    (those paragraphs had been 18 undated items), and each record is read in English."""
    script = (
        "const MONTHS = ['Jan', 'Feb'];\n"
        "export const newsData = {\n  newsList: [\n"
        "    { id: 'neurips', title: '一篇论文被 NeurIPS 2023 接收！',"
        " title_en: 'One paper accepted at NeurIPS 2023!', date: '2023-09', link: 'https://o.net/x' },\n"
        "    { id: 'acl', title: '两篇论文被 ACL 2023 接收！',"
        " title_en: 'Two papers are accepted at ACL 2023!', date: '2023-05', link: '', content: {\n"
        "      zh: `<p>LUMIA 有两篇论文被 ACL 2023 接收。</p><ul><li>论文 [1]</li><li>论文 [2]</li></ul>`,\n"
        "      en: `<p>Two papers were accepted at ACL 2023.</p><ul><li>ACL 2023 paper [1]</li>"
        "<li>ACL 2023 paper [2]</li></ul>`,\n    } },\n  ],\n};\n"
    )
    result = parse_text(script, today=TODAY, path="src/data/news.js")
    assert [(i.title, i.posted.display() if i.posted else None) for i in result.items] == [
        ("One paper accepted at NeurIPS 2023!", "September 2023"),
        ("Two papers are accepted at ACL 2023!", "May 2023"),
    ]
    assert "Two papers were accepted at ACL 2023." in result.items[1].text
    assert "两篇" not in result.items[1].text
    # a field with no language in its name beside its Korean version: the site's own, the
    # version left out (both had been joined into one text)
    data = json.dumps(
        [
            {
                "date": "Feb 5th 2026",
                "headline": "Congrats Ashish for the Best Poster Award at the KOGO Winter Symposium 2026!",
                "headline_ko": "정아시스가 KOGO 동계심포지엄 2026에서 최우수 포스터상을 수상했습니다!",
            }
        ],
        ensure_ascii=False,
    )
    read = parse_text(data, today=TODAY, path="data/news.json")
    assert [(i.text, i.posted.display() if i.posted else None) for i in read.items] == [
        ("Congrats Ashish for the Best Poster Award at the KOGO Winter Symposium 2026!", "5 Feb 2026")
    ]


def test_a_badge_a_theme_draws_before_an_item_is_its_category_not_its_text() -> None:
    """ "<span class="badge bg-primary">Paper</span> May 2025: …", a span with a background colour
    in a data file's headline: the badge's word is the author's category of the item (its hint)
    and leaves the text, so a label after it dates the item (it had been undated, its text
    "Paper May 2025: …"). A badge holding a date is the item's date and stays."""
    page = (
        "<h2>News</h2><ul>"
        '<li><span class="badge bg-primary">Paper</span> May 2025: Our paper was accepted at ICML.</li>'
        '<li>[Apr 2025] <span class="label label-info">Talk</span> Gave a talk at MIT.</li>'
        '<li><span class="badge">Mar 2025</span> Joined the lab.</li></ul>'
    )
    result = parse_text(page, today=TODAY, path="news.html")
    assert [(i.text, i.hint, i.posted.display() if i.posted else None) for i in result.items] == [
        ("Our paper was accepted at ICML.", "Paper", "May 2025"),
        ("Gave a talk at MIT.", "Talk", "April 2025"),
        ("Joined the lab.", "", "March 2025"),
    ]
    data = (
        "- date: 2026-07-11\n  headline: \"<span style='background-color:#dbeafe'>Papers</span>"
        ' Four papers accepted at COLM 2026!"\n'
        "- date: 2026-06-01\n  headline: Gave a talk at MIT.\n"
    )
    result = parse_text(data, today=TODAY, path="news.yml")
    assert [(i.text, i.hint) for i in result.items] == [
        ("Four papers accepted at COLM 2026!", "Papers"),
        ("Gave a talk at MIT.", ""),
    ]


def test_spaces_inside_a_link_still_part_the_words_around_it() -> None:
    """ "Our dataset<a href=…> DomainNet </a>has been released": the spaces the author put inside
    the link part the words (the item had read "Our datasetDomainNet has"); a link with none
    keeps its neighbours as written ("[Paper](…), accepted")."""
    page = (
        '<h2>News</h2><ul><li>May 2019: Our dataset<a href="http://x.org/d"> DomainNet </a>has been released.'
        '</li><li>April 2019: <a href="http://x.org/p">Paper</a>, accepted at ICML.</li></ul>'
    )
    result = parse_text(page, today=TODAY, path="news.html")
    assert [i.text for i in result.items] == [
        "Our dataset [DomainNet](http://x.org/d) has been released.",
        "[Paper](http://x.org/p), accepted at ICML.",
    ]


def test_an_acadhomepage_news_list_is_read_without_its_spacing_entities() -> None:
    """The AcadHomepage template's about page: "# 🔥 News" then "- *2024.05*: &nbsp;🎉🎉 …", then
    "# 📝 Publications" and "# 🎖 Honors and Awards" with dated entries of their own. The news are
    read by their labels, the &nbsp; that spaces them from the label is no text (it had opened
    every item's text), and the other sections are not news."""
    page = (
        "---\npermalink: /\nauthor_profile: true\n---\n\nI am a PhD student.\n\n# 🔥 News\n"
        "- *2024.05*: &nbsp;🎉🎉 Our paper is accepted by ICML 2024. \n"
        "- *2022.02*: &nbsp;Gave a talk at Tom &amp; Jerry's lab.\n\n"
        "# 📝 Publications \n<div class='paper-box'><div class=\"badge\">CVPR 2016</div>"
        "[Deep Residual Learning](https://x.org/p.pdf)</div>\n\n"
        "# 🎖 Honors and Awards\n- *2021.10* Best poster award.\n"
    )
    result = parse_text(page, today=TODAY, path="_pages/about.md")
    assert [(i.text.strip(), i.posted.display() if i.posted else None, i.kind) for i in result.items] == [
        ("🎉🎉 Our paper is accepted by ICML 2024.", "May 2024", "acceptance"),
        ("Gave a talk at Tom &amp; Jerry's lab.", "February 2022", "talk"),
    ]


def test_a_short_note_in_brackets_under_a_year_is_an_aside_not_an_item() -> None:
    """ "## 2021" then "(No travel)": the author's note that the year had none is no news item
    (it had been posted as one, in 2021); an item that only opens with brackets is one."""
    page = (
        "## 2022\n\n**April 6-9**: Keystone Symposium on micropeptides.\n\n## 2021\n\n(No travel)\n\n"
        "## 2020\n\n**Jan 6-7** (Online) I gave a talk to the EMBARK project.\n"
    )
    result = parse_text(page, today=TODAY, path="news.md")
    assert [i.text for i in result.items] == [
        "Keystone Symposium on micropeptides.",
        "(Online) I gave a talk to the EMBARK project.",
    ]
    assert any("an aside in brackets" in w and "No travel" in w for w in result.warnings)


def test_a_record_with_its_text_in_the_date_field_is_read_and_one_with_none_is_reported() -> None:
    """ "- date: 1. September 2024 - <b>The lab is officially starting!!</b>" (no headline): the
    author wrote the date and the text in one field; the record had been dropped without a word.
    A record with no text at all is reported, never lost silently."""
    data = (
        "- date: 20. January 2025\n  headline: Welcome Felicia!\n\n"
        "- date: 7. October 2024\n  headline: Welcome Patricia!\n\n"
        "- date: 1. September 2024 - <b> The lab is officially starting!!</b>!\n\n"
        "- date: 2. August 2024\n  image: lab.jpg\n"
    )
    result = parse_text(data, today=TODAY, path="news.yml")
    assert [(i.text, i.posted.display() if i.posted else None) for i in result.items] == [
        ("Welcome Felicia!", "20 Jan 2025"),
        ("Welcome Patricia!", "7 Oct 2024"),
        ("**The lab is officially starting!!**!", "1 Sep 2024"),
    ]
    assert any("record 4: no text" in w for w in result.warnings)


def test_a_page_footer_that_broken_markup_puts_inside_a_section_is_still_the_pages() -> None:
    """A News section left with an unclosed <div>: the parser puts the page's <footer> ("© 2025
    Affective Computing Group · Vanderbilt University") inside the section, and it had been an
    item; a footer of an article or a card (its date) is still the item's."""
    page = (
        '<main><section class="sec"><h2>News</h2><div class="news-list">'
        '<div class="news-item"><span>Aug 2026</span> <span>The group launches!</span></div>'
        "</section></main>\n<footer><span>© 2025 <strong>Affective Computing Group</strong> · Vanderbilt"
        "</span></footer>\n"
    )
    result = parse_text(page, today=TODAY, path="index.html")
    assert [(i.text, i.posted.display() if i.posted else None) for i in result.items] == [
        ("The group launches!", "August 2026")
    ]
    cards = (
        "<h2>News</h2><article><h4>A talk in Oslo</h4><p>We gave a talk.</p>"
        "<footer>Posted <time>March 3, 2026</time></footer></article>"
    )
    result = parse_text(cards, today=TODAY, path="news.html")
    assert [(i.title, i.posted.display() if i.posted else None) for i in result.items] == [
        ("A talk in Oslo", "3 Mar 2026")
    ]


def test_a_react_component_that_writes_its_news_as_jsx_markup_is_read() -> None:
    """A personal site's News.jsx: "<li><b>Jan 2025</b>: … </li>" written as JSX, with comments
    ({/* … */}) and expressions ({university}) that are code. It had given 0 items."""
    jsx = (
        'import React from "react";\nexport default function News() {\n  return (\n'
        '    <section className="news">\n      <h2>News</h2>\n      <ul>\n        {/* newest first */}\n'
        '      <li><b>Jan 2025</b>: Our paper was accepted at <a href="https://iclr.cc">ICLR 2025</a>.</li>\n'
        "        <li><b>Nov 2024</b>: I gave a talk at MIT{lab && <span> ({lab})</span>}.</li>\n"
        "      </ul>\n    </section>\n  );\n}\n"
    )
    result = parse_text(jsx, today=TODAY, path="src/components/News.jsx")
    assert [(i.text, i.posted.display() if i.posted else None) for i in result.items] == [
        ("Our paper was accepted at [ICLR 2025](https://iclr.cc).", "January 2025"),
        ("I gave a talk at MIT .", "November 2024"),
    ]
    assert result.description.startswith("JSX markup of a component")


def test_a_react_list_whose_texts_are_jsx_markup_is_read_as_data() -> None:
    """A React page's news list whose texts are written as markup (``content: (<>Our paper <a
    href=…>X</a> …</>)``, ``news: <span>…{' '}…</span>``) beside plain strings, with fields that
    name an imported picture (``image: IJCAI1``, ``require('@/assets/lab.jpg')``): each record's
    text is what its markup shows. Such a list had been no data (the markup, and the picture's
    name, are no literal), so the page gave 0 items or only its plain-string records."""
    page = (
        "import IJCAI1 from '../public/news/ijcai.jpg';\n"
        "const newsList = [\n"
        "  {\n    date: 'Sep 2025',\n    image: IJCAI1,\n"
        "    content: <>✈️ Attending UIST 2025 in Busan, Korea.</>,\n  },\n"
        "  {\n    date: '09/2023',\n    photo: require('@/assets/images/expo.jpg'),\n"
        "    news: (\n      <span>\n        Invited to present GLOMA at UVA's{' '}\n"
        '        <a href="https://engineering.virginia.edu/thornton" target="_blank">\n'
        "          Thornton Society\n        </a>{' '}\n        Dinner!\n      </span>\n    ),\n  },\n"
        "  {\n    date: new Date('2023-06-01'),\n    content: \"Co-founded Voy, a startup.\",\n  },\n"
        "];\n"
        'export default function News() {\n  return (<ul className="news">{newsList.map((n, i) => (\n'
        '    <li key={i}><span className="date">{n.date}</span> {n.content}</li>))}</ul>);\n}\n'
    )
    result = parse_text(page, today=TODAY, path="src/components/NewsSection.jsx")
    assert result.description.startswith("JavaScript data, 3 records under `newsList`"), result.description
    assert [(i.posted.display() if i.posted else None, i.text) for i in result.items] == [
        ("September 2025", "✈️ Attending UIST 2025 in Busan, Korea."),
        (
            "September 2023",
            "Invited to present GLOMA at UVA's [Thornton Society](https://engineering.virginia.edu/thornton)"
            " Dinner!",
        ),
        ("1 Jun 2023", "Co-founded Voy, a startup."),
    ]
    # a list of component elements whose props are the record (<TimeEntry startTime=… content={…} />)
    entries = (
        'import TimeEntry from "../modules/time_entry";\nconst updatesList = [\n'
        '  <TimeEntry\n    startTime="Nov 15, 2023"\n    content={\n      <>\n'
        "        One working paper about <b>In-Context Sampling</b> released on arXiv!\n"
        "      </>\n    }\n  />,\n"
        '  <TimeEntry startTime="Oct 29, 2023" endTime="Nov 1, 2023" icon={icons.plane}\n'
        '    content={<>Attended{" "}<a href="https://uist.acm.org/2023/">UIST 23</a> in person.</>} />,\n'
        '  <TimeEntry startTime={"Aug 17, 2023"}>Our abstract was accepted to UIST 2023.</TimeEntry>,\n'
        "];\nexport default function Updates() { return <div>{updatesList}</div>; }\n"
    )
    listed = parse_text(entries, today=TODAY, path="src/drafts/updates.tsx")
    assert listed.description.startswith("JavaScript data, 3 records under `updatesList`"), listed.description
    assert [(i.posted.display() if i.posted else None, i.text) for i in listed.items] == [
        ("15 Nov 2023", "One working paper about **In-Context Sampling** released on arXiv!"),
        ("29 Oct 2023", "Attended [UIST 23](https://uist.acm.org/2023/) in person."),
        ("17 Aug 2023", "Our abstract was accepted to UIST 2023."),
    ]
    # a Vue component keeps its list in its script's data(); its template shows it
    vue = (
        '<template>\n  <div class="news-item" v-for="(news, index) in newsList" :key="index">\n'
        "    <h2>{{ news.title }}</h2>\n    <p>Posted on {{ news.date }}</p>\n  </div>\n</template>\n"
        "<script>\nexport default {\n  name: 'NewsView',\n  data() {\n    return {\n      newsList: [\n"
        '        { title: "Our lab presented a demo at MobiCom 2023", date: "October 10, 2023",\n'
        "          image: require('@/assets/images/madrid.jpg') },\n"
        '        { title: "Dolphins dataset released", date: "June 7, 2022" },\n'
        "      ],\n    };\n  },\n};\n</script>\n"
    )
    read = parse_text(vue, today=TODAY, path="src/views/NewsView.vue")
    assert [(i.posted.display() if i.posted else None, i.text) for i in read.items] == [
        ("10 Oct 2023", "Our lab presented a demo at MobiCom 2023"),
        ("7 Jun 2022", "Dolphins dataset released"),
    ]


def test_a_records_field_joining_strings_with_plus_keeps_the_list_data() -> None:
    """A lab's React page keeps its news as ``{date: '2026. 04. 24', imgs: [process.env.PUBLIC_URL
    + '/assets/img/talk.png'], …}`` (Korean dates, a space after each dot): the ``+`` had made the
    whole list "no data" and the page "no news". A field joining strings is their text, what the
    script holds elsewhere left out; the records and their dates are read."""
    script = (
        "const basicNewsData = [\n"
        "  // {\n  //   date: '2026. 09. 01',\n  //   title: 'A commented-out notice',\n  // },\n"
        "  {\n    date: '2026. 04. 24',\n    type: '강연',\n    title: 'VR in defence and medicine',"
        "\n"
        "    imgs: [\n        process.env.PUBLIC_URL + '/assets/img/activities/260425.png',\n    ]\n  },\n"
        "  {\n    date: '2026. 03. 01',\n    type: '연구',\n"
        "    title: 'Selected for a young researcher grant',\n"
        "    link: 'https://example.org/' + 'notice/287718'\n  },\n"
        "];\nexport default function News() {\n"
        "  return <div>{basicNewsData.map(n => <p>{n.title}</p>)}</div>;\n}\n"
    )
    result = parse_text(script, today=TODAY, path="src/pages/News.js")
    got = [(i.posted.display() if i.posted else None, i.title) for i in result.items]
    assert got == [
        ("24 Apr 2026", "VR in defence and medicine"),
        ("1 Mar 2026", "Selected for a young researcher grant"),
    ], got


def test_a_cards_label_naming_the_news_heads_the_list_after_it() -> None:
    """A researcher's home page shows "Latest Updates" as a card's label (``<span
    class="dashboard-label">``) over ``<ul><li><time>2026</time><span>…</span></li>``, inside the
    About section: the list had been read as part of the CV and left out, its dates glued to the
    words ("2026Shared-control"). A short label naming the News right before a list heads it; a
    ``<time>`` is apart from the words after it; a label that names something else does not."""
    page = (
        "<section><h2>About</h2><p>I study human factors.</p>"
        '<article class="dashboard-card news-card"><span class="dashboard-label">Latest Updates</span>'
        '<ul class="mini-news">'
        '<li><time datetime="2026">2026</time><span>Journal article published.</span></li>'
        '<li><time datetime="2025-08">Aug. 2025</time><span>Joined the UMich Ph.D. program.</span></li></ul>'
        '</article><article class="dashboard-card"><span class="dashboard-label">Teaching</span>'
        "<ul><li><time>2024</time><span>TA for Human Factors.</span></li>"
        "<li><time>2023</time><span>TA for Statistics.</span></li></ul></article></section>"
    )
    result = parse_text(page, today=TODAY, path="index.html")
    assert [(i.posted.display() if i.posted else None, i.text) for i in result.items] == [
        ("2026", "Journal article published."),
        ("August 2025", "Joined the UMich Ph.D. program."),
    ]


def test_bold_runs_in_separate_blocks_keep_the_space_between_them() -> None:
    """A record's text written as HTML, a bold lead-in paragraph over a list of bold dates
    (``<p><strong>Key Dates:</strong></p><ul><li><strong>August 11:</strong> …``): the runs had
    been joined as "**Key Dates:August 11:**", the words run together; an empty bold is still
    none."""
    page = (
        "const newsList = [{ date: 'Jun 2025', text: `<p>The SciCap Challenge will be hosted at COLM.</p>"
        "<p><strong>Key Dates:</strong></p><ul><li><strong>August 11:</strong> Submission deadline</li>"
        "</ul><p>Results at the <b></b>workshop.</p>` }];\n"
    )
    result = parse_text(page, today=TODAY, path="src/components/News.jsx")
    assert [i.text for i in result.items] == [
        "The SciCap Challenge will be hosted at COLM. **Key Dates: August 11:** Submission deadline"
        " Results at the workshop."
    ]


def test_a_dated_heading_over_a_list_of_its_fields_is_one_item() -> None:
    """A lab's news.md (a script parses it into cards): "## 2026-01-13 Title" over "- **Link**:
    …", "- **Image**: …", "- **Description**: …". Each heading is one item, its description
    the body, its link a link, its picture none; every field had been an item of its own (48
    items for 18 news). A month heading's list stays a list of items."""
    page = (
        "## 2026-01-13 Our lab won the provincial science and technology award\n"
        "- **Link**: https://mp.weixin.qq.com/s/q8xjlmq7\n"
        "- **Description**: The society announced the 2025 awards; our work won the top prize.\n\n"
        "## 2025-12-21 Tan presented our work at ICTTE 2025\n"
        "- **Link**: https://mp.weixin.qq.com/s/xUjn7moZ\n- **Image**: /assets/news/ictte2025.jpg\n"
        "- **描述**：谭效良博士生在ICTTE2025会议上汇报了团队的最新研究成果。\n\n"
        "## May 2025\n- **Paper**: accepted at CVPR.\n- **Talk**: at MIT.\n"
    )
    result = parse_text(page, today=TODAY, path="news.md")
    assert [(i.posted.display() if i.posted else None, i.text) for i in result.items] == [
        (
            "13 Jan 2026",
            "Our lab won the provincial science and technology award The society announced the 2025"
            " awards; our work won the top prize. [Link](https://mp.weixin.qq.com/s/q8xjlmq7)",
        ),
        (
            "21 Dec 2025",
            "Tan presented our work at ICTTE 2025 谭效良博士生在ICTTE2025会议上汇报了团队的最新研究成果。"
            " [Link](https://mp.weixin.qq.com/s/xUjn7moZ)",
        ),
        ("May 2025", "**Paper**: accepted at CVPR."),
        ("May 2025", "**Talk**: at MIT."),
    ]
    assert [i.title for i in result.items][:2] == [
        "Our lab won the provincial science and technology award",
        "Tan presented our work at ICTTE 2025",
    ]


def test_a_typst_page_is_read_as_its_markup_shows() -> None:
    """A homepage written in Typst (``content/news.typ``, as the academic-homepage-typst template
    keeps it): ``=== 🔥 News`` is a heading, ``- *2025.06*: …`` a dated list item, ``#link("…")
    [text]`` a link, ``#text(fill: red)[*Oral*]`` its body in bold, code lines and comments none.
    A ``.typ`` file had been read as Markdown, its calls left in the text."""
    page = (
        '#import "/src/lib.typ": *\n#set text(size: 11pt)\n// my news, newest first\n'
        "=== 🔥 News\n\n"
        '- *2025.06*: I migrated my website to #link("https://typst.app/")[Typst]!\n'
        '- *2025.02*: Paper on #link("https://openreview.net")[Novel Clustering] accepted at ICLR 2025 as '
        "#text(fill: red)[*Oral presentation*]!\n"
        "- *2024.11*: Invited to serve as an _Area Chair_ for NeurIPS 2025 (see https://neurips.cc).\n"
    )
    result = parse_text(page, today=TODAY, path="content/news.typ")
    assert result.description.startswith("Typst page"), result.description
    assert [(i.posted.display() if i.posted else None, i.text) for i in result.items] == [
        ("June 2025", "I migrated my website to [Typst](https://typst.app/)!"),
        (
            "February 2025",
            "Paper on [Novel Clustering](https://openreview.net) accepted at ICLR 2025 as"
            " **Oral presentation**!",
        ),
        ("November 2024", "Invited to serve as an *Area Chair* for NeurIPS 2025 (see https://neurips.cc)."),
    ]


def test_a_dated_titled_sub_heading_under_a_year_heading_is_an_item_with_its_prose() -> None:
    """An MkDocs News page: "## 2022" over "### 2022-10-01 New wiki online" and its paragraph.
    The sub-heading had been read as part of the year's body, so the title and its paragraph
    were two items (the paragraph dated only 2022); a sub-heading under a titled item is still
    that item's body."""
    page = (
        "# News\n\n## 2022\n\n### 2022-10-01 New wiki online\n\n"
        "The new wiki uses MkDocs and GitHub Actions.\n\n"
        "### 2022-06-15 Paper accepted at ICML\n\nOur paper on sampling was accepted.\n\n"
        "## 2021-12-01 Retreat in Oberwesel\n\nWe met for three days.\n\n### Program\n\nTalks and hikes.\n"
    )
    result = parse_text(page, today=TODAY, path="docs/news/index.md")
    assert [(i.posted.display() if i.posted else None, i.title, i.text) for i in result.items] == [
        ("1 Oct 2022", "New wiki online", "New wiki online The new wiki uses MkDocs and GitHub Actions."),
        (
            "15 Jun 2022",
            "Paper accepted at ICML",
            "Paper accepted at ICML Our paper on sampling was accepted.",
        ),
        (
            "1 Dec 2021",
            "Retreat in Oberwesel",
            "Retreat in Oberwesel We met for three days. Program Talks and hikes.",
        ),
    ]


def test_an_old_pages_layout_table_cell_holding_the_news_list_is_read_as_that_list() -> None:
    """A group's page laid out in a table, its News list in one cell (``<td class="body_content">
    <p><b>News Archive</b></p><ul><li>…</li>…``): the row had been read as one table row, all
    its news one item of 17,000 characters. A news table's own rows stay one item each."""
    news = "".join(
        f"<li><p>Abdulrahman presented paper number {n} on hardware errors at a workshop of the"
        f" conference series held in a city far away from home.</p></li>"
        for n in range(1, 13)
    )
    page = (
        '<html><body><table><tr><td class="logo">Sarita Adve\'s Research Group</td></tr>'
        f'<tr><td class="body_content"><p><strong>News Archive</strong></p><ul>{news}</ul></td></tr>'
        "</table></body></html>"
    )
    result = parse_text(page, today=TODAY, path="news.html")
    texts = [i.text for i in result.items]
    assert [t.split(" on ")[0] for t in texts if t.startswith("Abdulrahman")] == [
        f"Abdulrahman presented paper number {n}" for n in range(1, 13)
    ]
    assert max(len(t) for t in texts) < 200
    table = (
        "<h2>News</h2><table><tr><td>May 2025</td><td>Paper accepted at ISCA: <ul><li>paper</li>"
        "<li>code</li><li>slides</li></ul></td></tr><tr><td>April 2025</td><td>Talk at MIT.</td></tr></table>"
    )
    assert [
        i.posted.display() for i in parse_text(table, today=TODAY, path="news.html").items if i.posted
    ] == [
        "May 2025",
        "April 2025",
    ]


def test_a_category_in_brackets_before_the_label_is_the_authors_tag() -> None:
    """ "[Presentation] July 2026 — …" (a Quarto lab page writes its news so): the bracket is the
    author's category, the label after it dates the item, and the tag stays the text's head. The
    label had not been read, and the items took their heading's year."""
    page = (
        "### 2026\n\n[Presentation] July 2026 — Dr. Schmutz presented research at ICAR in Namibia.\n\n"
        "[Publication] January 2026 — Paper accepted in Southeastern Geographer.\n\n"
        "### 2025\n\n[Award] December 2025 — Dru Adams won the student poster prize.\n"
    )
    result = parse_text(page, today=TODAY, path="news.qmd")
    assert [(i.posted.display() if i.posted else None, i.kind, i.text[:14]) for i in result.items] == [
        ("July 2026", "talk", "[Presentation]"),
        ("January 2026", "acceptance", "[Publication] "),
        ("December 2025", "award", "[Award] Dru Ad"),
    ]
    # a link at the head is no tag: "[Slides](…) May 2025" has no label to read
    linked = parse_text("# News\n\n- [Slides](s.pdf) May 2025: talk at AGU.\n", today=TODAY, path="n.md")
    assert all(i.text.startswith("[Slides]") for i in linked.items)


def test_a_list_of_links_after_a_dated_paragraph_is_its_resources() -> None:
    """ "May 2025 — Gave a talk at AGU." then "- [Slides](…)" then the next dated paragraph: the
    links belong to the talk. Under a year heading the three had been one item dated by the year,
    the second news lost inside it; at the top of a page the link had been an undated item."""
    under_year = (
        "### 2025\n\nMay 2025 — Gave a talk at AGU.\n\n- [Slides](s.pdf)\n- [Poster](p.pdf)\n\n"
        "March 2025 — Paper accepted in Aeolian Research.\n"
    )
    loose = (
        "# News\n\nMay 2025 — Gave a talk at AGU.\n\n- [Slides](s.pdf)\n\nMarch 2025 — Paper accepted in X.\n"
    )
    for page in (under_year, loose):
        result = parse_text(page, today=TODAY, path="news.md")
        assert [(i.posted.display() if i.posted else None, i.kind) for i in result.items] == [
            ("May 2025", "talk"),
            ("March 2025", "acceptance"),
        ]
        hrefs = [link.href for link in result.items[0].links]
        assert hrefs == (["s.pdf", "p.pdf"] if page is under_year else ["s.pdf"])
        assert not result.warnings
    # a story under a dated heading keeps its links as one item, as before
    story = "### March 2025\n\nOur paper is out in Nature.\n\n- [Paper](n.html)\n- [Press](p.html)\n"
    (item,) = parse_text(story, today=TODAY, path="news.md").items
    assert item.posted and item.posted.display() == "March 2025" and len(item.links) == 2


def test_a_heading_linked_to_a_news_address_is_a_story_not_the_news_section() -> None:
    """A press page of linked headings, each with a byline that dates it ("**UC San Francisco** |
    Jun 23, 2025") and a summary: a heading whose link goes to ``…/news/…`` had been taken for a
    News section, so its story lost its title and summary and the one above it was skipped as
    "outside the news section"."""
    page = (
        '---\ntitle: "In the News"\n---\n\n'
        "### [Poor sleep may account for dementia cases](https://www.sciencenews.org/article/poor-sleep)\n"
        "**Science News** | Feb 2, 2026\n\nInsomnia could be tied to 12% of dementia cases.\n\n---\n\n"
        "### [Could a busier social life be an early sign?](https://www.ucsf.edu/news/2025/06/430106/social)\n"
        "**UC San Francisco** | Jun 23, 2025\n\nA study found the disease may make them more sociable.\n"
    )
    result = parse_text(page, today=TODAY, path="news.qmd")
    assert [(i.posted.display() if i.posted else None, i.text[:12]) for i in result.items] == [
        ("2 Feb 2026", "[Poor sleep "),
        ("23 Jun 2025", "[Could a bus"),
    ]
    assert "more sociable" in result.items[1].text
    assert not any("outside the news section" in w for w in result.warnings)


def test_a_javascript_control_in_the_list_is_no_item() -> None:
    """AcadHomepage's News keeps its older items behind a "Show more" list item whose link runs a
    script (``javascript:toggle_vis('newsmore')``, or ``href="#"`` with an ``onclick``): a control,
    not news. It had been an undated
    item "Show more"; the items it reveals are read, and an ordinary link stays in its item."""
    page = (
        "<h2>News</h2>\n<ul>\n<li><strong>[Dec. 2023]</strong> I will serve as an Area Chair of "
        '<a href="https://eccv2024.ecva.net/">ECCV 2024</a>.</li>\n'
        "<li> <a href=\"javascript:toggle_vis('newsmore')\">Show more</a> </li>\n"
        '<div id="newsmore" style="display:none">\n'
        "<li><strong>[Nov. 2022]</strong> Our paper is accepted to AAAI 2023.</li>\n</div>\n</ul>\n"
    )
    for control in (
        "<a href=\"javascript:toggle_vis('newsmore')\">",
        '<a href="#" onclick="toggleVis(this); return true;">',
    ):
        result = parse_text(
            page.replace("<a href=\"javascript:toggle_vis('newsmore')\">", control),
            today=TODAY,
            path="news.md",
        )
        assert [(i.posted.display() if i.posted else None, i.text) for i in result.items] == [
            ("December 2023", "I will serve as an Area Chair of [ECCV 2024](https://eccv2024.ecva.net/)."),
            ("November 2022", "Our paper is accepted to AAAI 2023."),
        ]
        assert not any("no date" in w for w in result.warnings)


def test_a_themes_cards_are_items_dated_by_their_byline_even_when_one_holds_a_list() -> None:
    """Hugo Academic's accomplishment cards (a lab's News): each card has a title, a metadata line
    with a subtitle and its date ("Recent grant funding! · Feb 2026") and a body; some cards hold
    their papers as a list. The cards had not been seen as cards (one held a list), so every card
    was undated or dated by a stray line, and its list items were items of their own."""

    def card(title: str, byline: str, body: str) -> str:
        return (
            f'<div class="card experience course"><div class="card-body"><h4 class="card-title">{title}</h4>'
            f'<div class="card-subtitle article-metadata">{byline}<span class="middot-divider"></span> '
            f'{{date}}</div><div class="card-text">{body}</div></div></div>'
        )

    page = (
        '<section id="news"><h1>Lab News</h1><div class="col-12">'
        + card(
            "New NIH R21 grant on phage interactions!", "Recent grant funding!", "We received R21 funding."
        ).format(date="Feb 2026")
        + card(
            "2025–2026 Manuscripts",
            "Accepted manuscripts!",
            "<ul><li>Paper one. mSystems.</li><li>Paper two. NAR.</li></ul>",
        ).format(date="Apr 2025 – Feb 2026")
        + card("Moved to CU Anschutz", "New home", "The lab moved to Colorado.").format(date="Aug 2022")
        + "</div></section>"
    )
    result = parse_text(f"<html><body>{page}</body></html>", today=TODAY, path="index.html")
    got = [(i.posted.display() if i.posted else None, i.text.split(" ")[0]) for i in result.items]
    assert got == [
        ("February 2026", "New"),
        ("April 2025 – February 2026", "Manuscripts"),  # its title's years are its date
        ("August 2022", "Moved"),
    ]
    assert "Paper two" in result.items[1].text and "R21 funding" in result.items[0].text
    # a year's section of a list ("<h3>2024</h3><ul>…") is no card: its items stay items
    years = (
        '<h2>News</h2><div class="card"><h3>2024</h3><ul><li>May 2024: Gave a talk.</li>'
        '<li>Feb 2024: Joined a lab.</li></ul></div><div class="card"><h3>2023</h3><ul>'
        "<li>Mar 2023: Paper accepted.</li></ul></div>"
    )
    assert len(parse_text(f"<html><body>{years}</body></html>", today=TODAY, path="index.html").items) == 3


def test_a_restructuredtext_definition_list_dates_every_paragraph_of_its_definition() -> None:
    """A Sphinx News page written as a definition list: each month a term, its news indented
    under it, sometimes two paragraphs ("October 2012": a keynote, then "Prior to the meetings, I
    gave a talk …"). The second paragraph had no date and was dropped as a lead-in."""
    page = (
        "News\n====\nFebruary 2014\n I gave the presidential address at the WRSA meeting.\n\n"
        "October 2012\n I was asked to give a keynote at the OGRS symposium in\n Yverdon-les-Bains.\n\n"
        " Prior to the meetings, I gave a talk at the GIScience Colloquium in Zurich.\n\n"
        "July 2012\n  I attended the Joint Statistical Meetings in San Diego.\n"
    )
    result = parse_text(page, today=TODAY, path="news.rst")
    assert [(i.posted.display() if i.posted else None, i.text[:20]) for i in result.items] == [
        ("February 2014", "I gave the president"),
        ("October 2012", "I was asked to give "),
        ("October 2012", "Prior to the meeting"),
        ("July 2012", "I attended the Joint"),
    ]
    assert "Yverdon-les-Bains" in result.items[1].text
    assert not any("lead-in" in w for w in result.warnings)


def test_a_news_sections_subtitle_and_see_all_link_are_no_items_beside_its_dated_cards() -> None:
    """A lab's home page (in Portuguese) heads its News with a subtitle paragraph ("Fique por
    dentro das novidades") and closes it with a "see all news" button, its cards dated by day and
    month spans. Both had been undated items: a loose paragraph is an item only in a News section
    with no dated entry, and this section's cards are dated."""

    def card(day: str, month: str, title: str) -> str:
        return (
            f'<div class="news-item"><div class="news-date"><span>{day}</span><span>{month}</span></div>'
            f'<div class="news-content"><h3>{title}</h3><p>Details.</p></div></div>'
        )

    page = (
        '<section id="news"><div class="section-title"><h2>Notícias e Eventos</h2>'
        "<p>Fique por dentro das novidades do laboratório</p></div>"
        + card("10", "Jan", "Artigo aceito na conferência")
        + card("20", "Dez", "Defesa de Dissertação de Mestrado")
        + '<div class="text-center"><a href="noticias.html" class="btn">Ver todas as notícias</a></div>'
        + "</section>"
    )
    result = parse_text(f"<html><body>{page}</body></html>", today=TODAY, path="index.html")
    assert [(i.posted.display() if i.posted else None, i.text[:14]) for i in result.items] == [
        ("10 Jan 2026", "Artigo aceito "),
        ("20 Dec 2025", "Defesa de Diss"),
    ]


def test_a_records_finer_date_field_dates_it_over_a_year_that_groups_the_records() -> None:
    """A lab's ``_data/news.json`` gives each record "year": "2026" (its page groups by it) and
    "date": "Jul 2026": the month is the record's date. The year field had been chosen, and all
    146 news were posted in their year alone."""
    data = json.dumps(
        [
            {"year": "2026", "date": "Jul 2026", "text": "SCL received funding from KEITI."},
            {"year": "2026", "date": "Jun 2026", "text": "Dongju joined SCL as a research student."},
            {"year": "2025", "date": "Dec 2025", "text": "Journal paper accepted in Buildings."},
        ]
    )
    result = parse_text(data, today=TODAY, path="_data/news.json")
    assert [i.posted.display() if i.posted else None for i in result.items] == [
        "July 2026",
        "June 2026",
        "December 2025",
    ]
    assert "fields `date` and `text`" in result.description


def test_a_date_in_a_links_address_is_no_label() -> None:
    """ "PySAL 1.7 is [released](…/PySAL-1.7-Release-(2014-01-31))" under "January 2014": the date
    at the end is inside the link's address, not a label the author wrote, and had refined the
    item to 31 January. A date written after the link still dates it."""
    page = (
        "News\n====\nJanuary 2014\n PySAL 1.7 is `released <https://github.com/pysal/pysal/wiki/"
        "PySAL-1.7-Release-(2014-01-31)>`_\n\n"
    )
    (item,) = parse_text(page, today=TODAY, path="news.rst").items
    assert item.posted is not None and item.posted.display() == "January 2014"
    loose = (
        "# News\n\n- See [the slides](https://x.org/talks/2024-01-15)\n"
        "- Gave a talk at [MIT](https://mit.edu) (Jan 2024)\n"
    )
    result = parse_text(loose, today=TODAY, path="news.md")
    assert [i.posted.display() if i.posted else None for i in result.items] == [None, "January 2024"]


def test_a_dated_list_at_the_top_of_a_page_is_read_beside_an_undated_news_section() -> None:
    """A lab's ``newslist.dat`` (pulled into its News page) is 23 paragraphs, each "**[12/09/2021]**
    **The Atlantic** [title](…)", then "### More News" with three undated links: only the three
    links had been read, the 23 dated news skipped as "outside the news section". A News section
    with nothing dated does not outrank the dated list that heads the page: both are read, in
    the order written; under a dated News section the top of the page is still left out."""
    page = (
        "**[12/09/2021]** **The Atlantic** [The Pandemic of the Vaccinated Is Here](https://a.example/1)\n\n\n"
        "**[11/18/2021]** **The Atlantic** [The Pandemic's Next Turn](https://a.example/2)\n\n\n"
        "**[10/16/2021]** **The Wire** [Sources of Uncertainty in COVID-19 Studies](https://w.example/3)\n\n\n"
        "### More News\n"
        "- [Jon Zelner @ Google News](https://news.google.com/search?q=Jon)\n"
        "- [Nina Masters @ Google News](https://news.google.com/search?q=nina)\n"
    )
    result = parse_text(page, today=TODAY, path="newslist.md")
    assert [i.posted.display() if i.posted else None for i in result.items] == [
        "9 Dec 2021",
        "18 Nov 2021",
        "16 Oct 2021",
        None,
        None,
    ]
    dated_news = page.replace("- [Jon Zelner", "- 2021-12-01: a talk at MIT.\n- [Jon Zelner")
    result = parse_text(dated_news, today=TODAY, path="newslist.md")
    assert [i.text[:9] for i in result.items] == ["a talk at", "[Jon Zeln", "[Nina Mas"]
    assert any("outside the news section" in w for w in result.warnings)


def test_a_year_of_dated_cards_per_block_is_read_card_by_card_under_its_year() -> None:
    """A lab's page keeps each year as a year tag and a block of cards, each a date without its
    year and a text (``<div class="news-year-tag">2024</div><div class="news-year-list"><div
    class="news-onenews"><div>31 Dec</div><div>Guest talk …</div></div>…``): each year's block
    had read as one news ("Guest talk … 10 Oct Guest talk … 28 Aug …"), a year of one card as
    a news of this year, and a card of 29 February broke its year's cards into lines. Each
    card is one news of its tag's year: a block holding several dated cards is no card, a card
    alone in its block is one when its kind repeats on the page, and 29 February is a date."""

    def card(day: str, text: str) -> str:
        return (
            '<div class="news-onenews">\n'
            f'  <div class="news-onenews-date">{day}</div>\n'
            f'  <div class="news-onenews-title">{text}</div>\n</div>\n'
        )

    def year(tag: str, cards: list[tuple[str, str]]) -> str:
        return (
            f'<div class="news-year-tag">{tag}</div>\n<div class="news-year-list">\n'
            + "".join(card(d, t) for d, t in cards)
            + "</div>\n"
        )

    page = (
        '<html><body><div class="item"><div class="item-t">News</div><div class="box">\n'
        + year("2025", [("1 May", "Our paper TRACE is accepted by ICCV 2025."), ("11 Apr", "Guest talk.")])
        + year(
            "2024",
            [
                ("31 Dec", "Guest talk about SpaceMesh."),
                ("29 Feb", "Guest talk on video."),
                ("29 Jan", "Our paper DynaCatch is on arXiv."),
            ],
        )
        + year("2020", [("2 Nov", "Dr. Bo Yang joins the university.")])
        + "</div></div></body></html>\n"
    )
    result = parse_text(page, today=TODAY, path="index.html")
    got = _dated(result)
    assert got == [
        ("1 May 2025", "Our paper TRACE is accepted by ICCV 2025."),
        ("11 Apr 2025", "Guest talk."),
        ("31 Dec 2024", "Guest talk about SpaceMesh."),
        ("29 Feb 2024", "Guest talk on video."),
        ("29 Jan 2024", "Our paper DynaCatch is on arXiv."),
        ("2 Nov 2020", "Dr. Bo Yang joins the university."),
    ], got


def test_a_news_sections_note_that_its_news_are_coming_soon_is_no_news() -> None:
    """A lab's new site ends its home page with "## News" over "*News coming soon.*" (its
    template's example news in a comment above) and the page's foot: that line had been
    imported as the lab's news. A News section's note that its news are to come ("News coming
    soon.", "Updates are coming soon", "Coming soon!") is none; an item that opens so and says
    more still is."""
    for note in ("*News coming soon.*", "Updates are coming soon", "Coming soon!"):
        page = (
            "# Lab\n\nWe study catalysis.\n\n## News\n\n"
            "<!-- Add recent news items here, for example:\n- **March 2026** — New paper accepted\n-->\n\n"
            f"{note}\n\n---\n\n**Office:** Atlanta, GA\n"
        )
        texts = [i.text for i in parse_text(page, today=TODAY, path="index.md").items]
        assert not any("oming soon" in t for t in texts), (note, texts)
    page = "## News\n\n- **March 2026**: Coming soon: our paper at ICML 2026.\n"
    assert [i.text for i in parse_text(page, today=TODAY, path="index.md").items] == [
        "Coming soon: our paper at ICML 2026."
    ]


def test_a_day_said_relative_to_reading_labels_no_entry() -> None:
    """A page's sentence ending "… Reach out to us today!" had been read as an entry labelled
    "today", and so dated the day of the import, as "Our paper is accepted today!" and "Today:
    our paper was accepted." were: on a page, "today", "tomorrow" or "this week" names no day of
    its own, so such an entry is undated and keeps its words; a written date still labels."""
    page = (
        "## News\n\n- Our paper is accepted today!\n- Today: our paper was accepted.\n"
        "- Talk at MIT this week\n- Gave a talk at MIT (May 2024)\n"
    )
    items = parse_text(page, today=TODAY, path="index.md").items
    assert [(i.posted.display() if i.posted else None, i.text) for i in items] == [
        (None, "Our paper is accepted today!"),
        (None, "Today: our paper was accepted."),
        (None, "Talk at MIT this week"),
        ("May 2024", "Gave a talk at MIT"),
    ]
    html = "<html><body><h1>Homes</h1><p>Ready to move? Reach out to us today!</p></body></html>"
    assert [i.posted for i in parse_text(html, today=TODAY, path="index.html").items] in ([], [None])


def test_a_years_list_item_over_its_own_list_dates_the_items_of_that_list() -> None:
    """academicpages' ``about.md`` keeps its News as a list of years, each over its own list
    (``* **2026**`` over ``  * <span style='color: red'>**05/10**:</span> A new paper …``): the
    page had read as three news, one a year, each the year's items run together. An item that is
    only a year or a month, over a list of its own, heads that list as a bold date line does: each
    item under it is a news of that year; an item that says more keeps its list as its own."""
    page = (
        "## News\n\n* **2026**\n"
        "  * <span style='color: red'>**05/10**:</span> A new paper is on [arXiv](https://arxiv.org/abs/1).\n"
        "  * <span style='color: red'>**04/30**:</span> Our paper is accepted to ICIP.\n"
        "* 2025:\n  - Sep 27: Selected for a scholarship.\n"
    )
    items = parse_text(page, today=TODAY, path="_pages/about.md").items
    assert [(i.posted.display() if i.posted else None, i.text) for i in items] == [
        ("10 May 2026", "A new paper is on [arXiv](https://arxiv.org/abs/1)."),
        ("30 Apr 2026", "Our paper is accepted to ICIP."),
        ("27 Sep 2025", "Selected for a scholarship."),
    ]
    page = "## News\n\n* Talk at MIT, March 2024\n  * [Slides](https://x.org/s.pdf)\n* Joined the lab, 2023\n"
    items = parse_text(page, today=TODAY, path="_pages/about.md").items
    assert [i.text for i in items] == [
        "Talk at MIT, March 2024 * [Slides](https://x.org/s.pdf)",
        "Joined the lab",
    ]


def test_a_news_pages_menus_are_not_news() -> None:
    """A lab's built News page (a Jekyll theme's) shows tabs over its posts, "Timeline" and
    "Index", and its footer's menu, "Join", "Sponsors", "Get in Touch", each a list of links: they
    had been four undated news beside the page's eight dated ones. Beside dated news, a list whose
    every item is only a link of a few words is a menu; a list of links to news stories, whose
    words say what happened, is still read, and so is an undated News section of links."""
    post = (
        '<div class="blog-post"><h2><a href="/news/{0}/">{1}</a></h2>'
        '<p class="news-author">{2}</p><p>{3}</p></div>'
    )
    page = (
        '<html><body><h1 class="page-title">News</h1><ul class="pills"><li><a href="/news/">Timeline</a></li>'
        '<li><a href="/news/archive/">Index</a></li></ul><div class="post-list">'
        + post.format(
            "grant", "The Welch Foundation awarded our group research funding", "12 May 2025", "Support."
        )
        + post.format("visit", "Eshaan from Caltech visits our laboratory", "5 Dec 2022", "A visit.")
        + '</div><ul class="list-inline"><li><a href="/misc/join/">Join</a></li>'
        '<li><a href="/misc/sponsors/">Sponsors</a></li>'
        '<li><a href="/misc/contact/">Get in Touch</a></li></ul>'
        "</body></html>"
    )
    result = parse_text(page, today=TODAY, path="news/index.html")
    assert [(i.posted.display() if i.posted else None) for i in result.items] == ["12 May 2025", "5 Dec 2022"]
    stories = (
        "## News\n\n- 12 May 2025: Funding from the Welch Foundation.\n\n### More News\n\n"
        "- [Our lab wins the departmental teaching award](https://x.org/a)\n"
        "- [Three students graduate this spring](https://x.org/b)\n"
    )
    texts = [i.text for i in parse_text(stories, today=TODAY, path="news.md").items]
    assert "[Three students graduate this spring](https://x.org/b)" in texts, texts
    links = "## News\n\n- [Archive](https://x.org/a)\n- [Press](https://x.org/b)\n"
    assert len(parse_text(links, today=TODAY, path="news.md").items) == 2


def test_an_article_whose_paragraph_breaks_between_its_parts_is_one_news() -> None:
    """A lab's home page keeps each news as ``<article><span class="news-date">2023-11</span>
    <p>Lab members giving lots of presentations.<br><br>PI Dr. Lin went to Suzhou.<br><br>…</p>
    </article>``, one year's articles under their year, and a standing call ("Open") without a
    date beside them: a year whose articles broke their paragraphs had read as many news of the
    year alone ("2023"), their dates as dates with no text, and the article of the month before
    as a lead-in. An ``<article>`` is one news however its paragraphs break, dated by its date;
    one that holds no date does not keep the others from being read as cards."""

    def article(date: str, *parts: str) -> str:
        return f'<article><span class="news-date">{date}</span><p>{"<br><br>".join(parts)}</p></article>\n'

    page = (
        "<html><body><h2>Latest News</h2>\n"
        '<article><span class="news-date">Open</span><p>We are looking for PhD students.</p></article>\n'
        + article("2024-10", "A productive month!", "Kaihao won the grand prize.", "Zimin won a first prize.")
        + "<h3>2023</h3>\n"
        + article("2023-12", "Dr. Lin has won the First Prize Excellence in Teaching Award.")
        + article(
            "2023-11",
            "Lab members giving lots of presentations on our work.",
            "PI Dr. Lin went to Suzhou for the first geoinformatics conference.",
            "Xiangyong Lei gave an oral presentation at the AGU Fall Meeting.",
        )
        + article("2023-09", "New semester, new members!", "Welcome to Zimin Yuan.", "Welcome to Junwei Su.")
        + "</body></html>\n"
    )
    result = parse_text(page, today=TODAY, path="index.html")
    got = _dated(result)
    assert got == [
        ("October 2024", "A productive month! Kaihao won the grand prize. Zimin won a first prize."),
        ("December 2023", "Dr. Lin has won the First Prize Excellence in Teaching Award."),
        (
            "November 2023",
            "Lab members giving lots of presentations on our work. PI Dr. Lin went to Suzhou for the first "
            "geoinformatics conference. Xiangyong Lei gave an oral presentation at the AGU Fall Meeting.",
        ),
        ("September 2023", "New semester, new members! Welcome to Zimin Yuan. Welcome to Junwei Su."),
    ], got


def test_a_paragraph_whose_every_line_opens_with_its_date_is_a_news_per_line() -> None:
    """A lab's WordPress page keeps its News as one paragraph, ``<p><strong>November 24,
    2025:</strong> Maitham passed his Qualifying exam<br><strong>August 20, 2025:</strong> Simin
    defended …</p>``: it had read as one news of 24 November holding the others. Lines split by
    a single ``<br>`` that open with their date are a news each, as a Markdown paragraph of such
    lines is read; a line break inside one news (its second line undated) keeps it whole, and a
    line whose label is a slip the dates do not read ("November 31, 2024:") is a news apart."""
    page = (
        "<html><body><h2>News</h2><p><strong>November 24, 2025:</strong> Maitham passed his Qualifying "
        "exam 🪅<br><strong>August 20, 2025:</strong> Simin defended her PhD thesis 🎉<br>\n"
        "<strong>July 15, 2025:</strong> Yiwei defended her PhD.</p>"
        "<p>March 3, 2025: Our paper on racing is accepted at ICRA 2025.<br>Congrats to the team!</p>"
        "</body></html>"
    )
    result = parse_text(page, today=TODAY, path="index.html")
    got = _dated(result)
    assert got == [
        ("24 Nov 2025", "Maitham passed his Qualifying exam 🪅"),
        ("20 Aug 2025", "Simin defended her PhD thesis 🎉"),
        ("15 Jul 2025", "Yiwei defended her PhD."),
        ("3 Mar 2025", "Our paper on racing is accepted at ICRA 2025. Congrats to the team!"),
    ], got
    slip = (
        "<html><body><h2>News</h2><p><strong>January 16, 2025:</strong> One paper accepted to ACC 2025"
        "<br><strong>November 31, 2024:</strong> Juan passed his Qualifying exam<br>with distinction."
        "<strong><br>June 1, 2024:</strong> One paper accepted to ECC 2024</p></body></html>"
    )
    result = parse_text(slip, today=TODAY, path="index.html")
    got = _dated(result)
    assert got[0] == ("16 Jan 2025", "One paper accepted to ACC 2025"), got
    assert got[-1] == ("1 Jun 2024", "One paper accepted to ECC 2024"), got
    assert len(got) == 3 and "Juan passed his Qualifying exam with distinction." in got[1][1], got


def test_a_preformatted_block_whose_lines_open_with_their_dates_is_a_news_per_line() -> None:
    """A researcher's page styles its Updates as code, ``<pre class="code-block">// Personal
    updates\n<span class="code-date">05/25:</span> I will be attending ICRA 2025 …</pre>``: each
    block had read as one undated entry, its label and every news run together. In a ``<pre>``
    the line breaks are the text's own, so the lines that open with their date are a news each
    (a line that does not goes on the news above it) and a short line above the first of them is
    the heading of its block; a block with no dated line (a BibTeX entry) is one entry as before."""
    page = (
        "<html><body><h2>Updates</h2>\n"
        '<pre class="code-block">// Personal updates\n'
        '<span class="code-date">05/2025:</span> I will be attending ICRA 2025 in Atlanta (May 19-23).\n'
        "</pre>\n"
        '<pre class="code-block">// Publication updates\n'
        '<span class="code-date">02/2025:</span> <span class="code-title">Active Vision</span> '
        "is accepted at ICRA 2025\n"
        "Congrats to the team!\n"
        '<span class="code-date">09/2024:</span> <span class="code-title">InterACT</span> '
        "is accepted at CoRL 2024\n"
        "</pre>\n"
        "<h2>Publications</h2><pre>@inproceedings{lee2024,\n  title={InterACT},\n  year={2024}\n}</pre>"
        "</body></html>"
    )
    result = parse_text(page, today=TODAY, path="index.html")
    got = _dated(result)
    assert got == [
        ("May 2025", "I will be attending ICRA 2025 in Atlanta (May 19-23)."),
        ("February 2025", "Active Vision is accepted at ICRA 2025 Congrats to the team!"),
        ("September 2024", "InterACT is accepted at CoRL 2024"),
    ], got
    assert [i.source_line for i in result.items] == [3, 6, 8], result.items
    assert not [w for w in result.warnings if "undated" in w], result.warnings


def test_a_sections_page_of_dated_shortcodes_is_its_news_beside_undated_pages(tmp_path: Any) -> None:
    """A lab's Hugo section ``content/en/news/`` keeps its news in ``_index.md`` as shortcodes
    handed their dates (``{{< news-row date="2026.02" >}}Our paper … was published in Phys. Rev.
    Lett.{{< /news-row >}}``) beside ``all-news.md``, an undated page of the years' publications:
    it had read as one news, that page, dated by an event deep in it (8–11 Nov 2019). A
    shortcode's date is the label its template shows; a section whose own page lists dated news
    beside pages with no date of their own is read from that page (the others are named as not
    imported), while a dated post keeps the posts the section's news."""
    row = '{{{{< news-row date="{0}" >}}}}{1}{{{{< /news-row >}}}}\n\n'
    index = "---\ntitle: Breaking News\nlayout: breaking-news\n---\n" + "".join(
        row.format(d, t)
        for d, t in [
            ("2026.02", 'Our paper "Kinetics of Ice Formation" was published in Phys. Rev. Lett.'),
            ("2025.11", "Our review paper was published in Physics Reports."),
            ("2025.07", "Tiancheng Liang became a Boya Postdoctoral Fellow."),
            ("2025.05", "Binze Tang gave an invited presentation in Chengdu."),
        ]
    )
    archive = (
        '---\ntitle: "All News and Events"\nlayout: all-news\n---\n## 2025\n\n### Publications\n\n'
        '- X. Yu, "Topological physics." Physics Reports 1160 (2026).\n\n## 2019\n\n### Awards and events\n\n'
        "- Tang Binze, oral presentation, Suzhou, China, Nov. 8–11, 2019.\n"
    )
    news = tmp_path / "news"
    news.mkdir()
    result = _read_folder(news, {"_index.md": index, "all-news.md": archive})
    got = _dated(result)
    assert got == [
        ("February 2026", 'Our paper "Kinetics of Ice Formation" was published in Phys. Rev. Lett.'),
        ("November 2025", "Our review paper was published in Physics Reports."),
        ("July 2025", "Tiancheng Liang became a Boya Postdoctoral Fellow."),
        ("May 2025", "Binze Tang gave an invited presentation in Chengdu."),
    ], got
    assert any("all-news.md: no date of their own beside" in w for w in result.warnings), result.warnings
    (news / "2026-03-01-retreat.md").write_text("---\ntitle: Lab retreat\n---\n\nWe went hiking.\n")
    titles = [i.title for i in read_path(news, today=TODAY).items]
    assert "Lab retreat" in titles, titles


def test_a_timeline_of_year_blocks_and_dated_items_reads_each_item_in_its_month() -> None:
    """A lab's "Latest News" timeline keeps ``<div class="news-year"><h4>2025</h4></div>`` over
    ``<div class="news-item"><div class="news-date">2025 09</div><div class="news-content">…``:
    the year blocks had been taken for the page's cards (a repeated block with one heading), so
    each item read as "09" of its year and its words as lead-ins, not imported. A block that is
    only its heading, a date, is the year over the cards after it, not a card; and a date line
    "2025 09", a year and a month's number apart, is that month."""

    def item(date: str, text: str) -> str:
        return (
            f'<div class="news-item"><div class="news-date">{date}</div><div class="news-content">'
            f'<div class="news-icon"><i class="fas fa-star"></i></div><div class="news-text">{text}'
            "</div></div></div>\n"
        )

    page = (
        '<html><body><div class="news-section"><h3>Latest News</h3><div class="news-timeline">\n'
        '<div class="news-year"><h4>2025</h4></div>\n'
        + item("2025 09", "Joined <strong>University of Michigan</strong> as Assistant Professor.")
        + '<div class="news-year"><h4>2024</h4></div>\n'
        + item("2024 10", "Invited Talk at <strong>Northwestern University</strong>.")
        + item("2024 07", "Our work is published in <strong>Cancer Cell</strong>.")
        + "</div></div></body></html>\n"
    )
    result = parse_text(page, today=TODAY, path="index.html")
    got = _dated(result)
    assert got == [
        ("September 2025", "Joined **University of Michigan** as Assistant Professor."),
        ("October 2024", "Invited Talk at **Northwestern University**."),
        ("July 2024", "Our work is published in **Cancer Cell**."),
    ], got


def test_words_only_a_screen_reader_says_are_not_a_news_text() -> None:
    """A lab's home page announces its medal in a carousel's slide, ``<h2>Vitogram won top medal
    at Geneva</h2> … <p>24 September 2020</p>``, beside its arrows ``<span
    class="sr-only">Previous</span>``: the news read "Vitogram won top medal at Geneva Previous
    Next". Words a page hides from the screen for screen readers (Bootstrap's ``sr-only`` and
    ``visually-hidden``, WordPress's ``screen-reader-text``) are not its text."""
    page = (
        '<html><body><div class="carousel"><div class="carousel-item"><div class="container">'
        "<h2>Vitogram won top medal at Geneva</h2><p>24 September 2020</p></div></div>"
        '<a class="carousel-control-prev" href="#c"><span class="sr-only">Previous</span></a>'
        '<a class="carousel-control-next" href="#c"><span class="visually-hidden">Next</span></a>'
        "</div><h2>News</h2><ul><li>12 May 2021: Our paper is out"
        '<span class="screen-reader-text"> (opens in a new tab)</span>.</li>'
        "<li>3 March 2021: Ada joins the lab.</li></ul></body></html>"
    )
    texts = [i.text for i in parse_text(page, today=TODAY, path="index.html").items]
    assert texts == ["Our paper is out.", "Ada joins the lab."], texts
    alone = page.split("<h2>News</h2>")[0] + "</body></html>"
    texts = [i.text for i in parse_text(alone, today=TODAY, path="index.html").items]
    assert texts == ["Vitogram won top medal at Geneva"], texts


def test_a_sections_label_above_its_title_names_the_section() -> None:
    """A researcher's home page heads its sections with a label over a title, ``<p
    class="readout">Education</p><h2 class="section-title">Academic path</h2>`` over a timeline
    of degrees (``<article><span>Sept 2021 – Sept 2022</span><h3>MSc in Data Science</h3>…``):
    with no News section, the degrees had been read as its news. A short label naming a list
    right above a heading names that section (the heading titles a part of it), as it names a
    list right below it; a label naming the News does so too."""
    degrees = (
        '<section><div><p class="readout">Education</p><h2 class="section-title">Academic path</h2></div>'
        '<div class="timeline"><article><span class="timeline-date">Mar 2023 – Present</span>'
        "<h3>PhD @ ETH</h3><p>ETH Zürich</p></article><article><span class='timeline-date'>"
        "Sept 2021 – Sept 2022</span><h3>MSc in Data Science</h3><p>University College London</p>"
        "</article></div></section>"
    )
    news = (
        '<section><div><p class="eyebrow">Lab updates</p><h2>What is new</h2></div><ul>'
        "<li>May 2025: Our paper is accepted at ACL 2025.</li><li>April 2025: Ada joins the lab.</li>"
        "</ul></section>"
    )
    page = f"<html><body><h1>Jane Doe</h1><p>I study language models.</p>{degrees}{news}</body></html>"
    texts = [i.text for i in parse_text(page, today=TODAY, path="index.html").items]
    assert texts == ["Our paper is accepted at ACL 2025.", "Ada joins the lab."], texts


def test_a_themes_section_label_over_a_block_of_rows_names_it() -> None:
    """A researcher's academicpages home page writes its awards as ``<div
    class="section-label">Awards</div><div class="award-list"><div class="award-row"><span
    class="award-year">2021</span><span>NSF CAREER Award</span></div>…``: with no News section,
    the awards had been read as its news. A label its class names one ("section-label",
    "…-title", "eyebrow"), naming a list, right before a block names that block, as it names a
    list; a News label so written heads its rows as news."""

    def rows(label: str, entries: list[tuple[str, str]]) -> str:
        return (
            f'<div class="section-label">{label}</div><div class="award-list">'
            + "".join(
                f'<div class="award-row"><span class="y">{y}</span><span>{t}</span></div>' for y, t in entries
            )
            + "</div>"
        )

    awards = rows("Awards", [("2021", "NSF CAREER Award"), ("2019", "NSF CRII Award")])
    news = rows(
        "Recent News", [("May 2025", "Two papers accepted at ACL 2025."), ("April 2025", "Ada joins.")]
    )
    page = f"<html><body><p class='bio'>I study networks.</p>{awards}{news}</body></html>"
    texts = [i.text for i in parse_text(page, today=TODAY, path="index.html").items]
    assert texts == ["Two papers accepted at ACL 2025.", "Ada joins."], texts


def test_a_list_with_no_years_written_is_read_in_the_years_of_the_venues_it_names() -> None:
    """A lab's home page box ``- date: "Oct 24"\\n  content: "Anvil … @ ASPLOS 2026"``, "Sep 19 …
    @ NeurIPS 2025", "May 21 … @ CCS 2025" … down to "Nov 01 … accepted at NDSS 2025", left as it
    stood a year ago: read in the latest years not after today, its NeurIPS 2025 acceptance came
    out as 19 September 2026. When most of the news naming a venue's year need it, the whole list
    moves back the least they need; one old venue alone (a test-of-time award for an ICML 2016
    paper) moves nothing."""
    records = [
        ("Oct 24", "Anvil: a timing-safe HDL @ ASPLOS 2026"),
        ("Sep 19", "Model Provenance Testing for LLMs @ NeurIPS 2025"),
        ("May 21", "Securing Mixed Rust with Hardware Capabilities @ CCS 2025"),
        ("May 02", "Caplification @ SACMAT 2025"),
        ("Jan 16", "Caplifive released for public use."),
        ("Nov 01", "Our user study on translating C to Rust is accepted at NDSS 2025."),
    ]
    page = "".join(f'- date: "{d}"\n  content: "{t}"\n' for d, t in records)
    result = parse_text(page, today=TODAY, path="news.yml")
    got = [(i.posted.display() if i.posted else "", i.year_from) for i in result.items]
    assert got == [
        ("24 Oct 2025", "text"),
        ("19 Sep 2025", "text"),
        ("21 May 2025", "text"),
        ("2 May 2025", "text"),
        ("16 Jan 2025", "neighbours"),
        ("1 Nov 2024", "text"),
    ], got
    said = "read from 2025, the year that agrees with 5 of the 5"
    assert any(said in w for w in result.warnings), result.warnings
    recent = (
        '- date: "Nov 20"\n  content: "Our ICML 2016 paper wins the test of time award."\n'
        '- date: "Oct 02"\n  content: "Ada joins the lab."\n'
        '- date: "Sep 12"\n  content: "Our paper is accepted at NeurIPS 2026."\n'
    )
    years = [i.posted.start.year for i in parse_text(recent, today=TODAY, path="news.yml").items if i.posted]
    assert years == [TODAY.year] * 3, (years, TODAY)


def test_a_news_sections_one_item_card_is_one_news_with_its_title() -> None:
    """A researcher's News section holds one news so far, ``<div class="news-item"><div
    class="news-date"><span>May</span><span>2026</span></div><div class="news-content"><span
    class="news-badge">New</span><h3>Qwen-VLA: …</h3><p>Qwen-VLA is …</p>``: it had read as a news
    "New" of May 2026, its title taken for a section of the page and its text dropped. The one
    dated item a theme draws as a card (its class names an item, a card, a post) is a card."""
    page = (
        '<html><body><section id="news"><h2 class="section-title">News</h2><div class="news-list">'
        '<div class="news-item"><div class="news-date"><span class="news-month">May</span>'
        '<span class="news-year">2026</span></div><div class="news-content"><span class="news-badge">New'
        "</span><h3>Qwen-VLA: A Unified Vision-Language-Action Model</h3><p>Qwen-VLA enables manipulation"
        " and navigation.</p></div></div></div></section></body></html>"
    )
    result = parse_text(page, today=TODAY, path="index.html")
    assert [(i.posted.display() if i.posted else "", i.title) for i in result.items] == [
        ("May 2026", "Qwen-VLA: A Unified Vision-Language-Action Model")
    ], _dated(result)
    assert "Qwen-VLA enables manipulation and navigation." in result.items[0].text


def test_a_copyright_line_naming_its_owner_first_is_the_pages_stamp() -> None:
    """A home page's sidebar ends ``<p class="sidebar-footer">Ruogu Lin © 2026</p>``: with no
    News section, it had been read as its one news of 2026. A short line with a copyright sign
    before a year is the page's stamp wherever the sign stands."""
    page = (
        "<html><body><h1>Ruogu Lin</h1><p>PhD student.</p><h2>News</h2><ul>"
        "<li>May 2026: Our paper is accepted at ICML 2026.</li></ul>"
        '<p class="sidebar-footer">Ruogu Lin © 2026</p></body></html>'
    )
    result = parse_text(page, today=TODAY, path="index.html")
    assert [i.text for i in result.items] == ["Our paper is accepted at ICML 2026."], _dated(result)


def test_a_month_abbreviated_before_its_day_or_year_ends_no_sentence() -> None:
    """A geophysicist's Hugo page: "**Dec. 25, 2018**: Xiao Xiao joined AGU 2018 Fall meeting
    (10-14 Dec. 2018) at washington D.C., USA and presented a poster": the title had ended at
    "(10-14 Dec.", as if a sentence ended there. A month's abbreviation before a number ends no
    sentence; one before a new sentence does."""
    page = (
        "### pre-2022\n\n-   **Dec. 25, 2018**:\n    Xiao Xiao joined AGU 2018 Fall meeting "
        "(10-14 Dec. 2018) at washington D.C., USA and presented a poster [Link](https://agu.confex.com/agu/fm18/).\n"
        "-   **Oct. 2, 2017**: We moved in Sept. The new lab is open.\n"
    )
    result = parse_text(page, today=TODAY, path="news.md")
    assert [i.title for i in result.items] == [
        "Xiao Xiao joined AGU 2018 Fall meeting (10-14 Dec. 2018) at washington D.C., USA and presented a "
        "poster Link.",
        "We moved in Sept.",
    ], result.items
    assert [i.posted.display() if i.posted else None for i in result.items] == ["25 Dec 2018", "2 Oct 2017"]


@pytest.mark.parametrize("unit", ["Dr. ", "Dec. 1 "], ids=["abbreviation", "month"])
def test_a_text_of_abbreviations_finds_its_first_sentence_in_linear_time(unit: str) -> None:
    """A text of thousands of "Dr. " (no sentence ends there) had cost time quadratic in its
    length: each stop looked back at the whole text for the word before it."""

    def prepare(n: int) -> Any:
        text = unit * n
        return lambda: first_sentence(text)

    assert growth(prepare, 120_000 // (4 * len(unit))) < LINEAR_WHEN_QUADRUPLED


def test_a_link_to_a_page_of_the_site_written_as_hugos_ref_is_that_pages_address() -> None:
    """A researcher's Hugo ``data/news.yaml`` links each paper with Hugo's shortcode,
    "Our paper [Volume Encoding Gaussians …]({{< ref "/publications/veg_pvis26" >}}) has been
    accepted": the link was no link, and the title showed the brackets and the shortcode. Another
    page's HTML links ``href='{{< ref "./papers/IROS-25.md" >}}'``, which had been left empty. A
    ``ref`` or ``relref`` shortcode is the address of the page it names, from the site's root."""
    data = (
        "- date: 2026-02-14\n  text: >\n"
        "    Our paper [Volume Encoding Gaussians: Transfer Function-Agnostic 3D\n"
        '    Gaussians for Volume Rendering]({{< ref "/publications/veg_pvis26" >}})\n'
        "    has been accepted to Pacific Vis 2026!\n"
        '- date: 2025-04-24\n  text: "We released [the code]({{< relref \\"software/_index.md\\" >}})."\n'
    )
    result = parse_text(data, today=TODAY, path="data/news.yaml")
    assert [i.title for i in result.items] == [
        "Our paper Volume Encoding Gaussians: Transfer Function-Agnostic 3D Gaussians for Volume Rendering "
        "has been accepted to Pacific Vis 2026!",
        "We released the code.",
    ], result.items
    hrefs = [[link.href for link in i.links] for i in result.items]
    assert hrefs == [["/publications/veg_pvis26/"], ["/software/"]]
    page = (
        "## News\n\n<ul>\n<li><b>Aug 2025</b>: Our paper entitled "
        "<a href='{{< ref \"./papers/IROS-25.md\" >}}'>"
        "Least Commitment Planning</a> has been accepted to IROS 2025!</li>\n</ul>\n"
    )
    result = parse_text(page, today=TODAY, path="news.md")
    assert [[link.href for link in i.links] for i in result.items] == [["/papers/IROS-25/"]], result.items


def test_a_story_whose_title_says_news_is_no_news_section() -> None:
    """A lab's News page titles a story "OSU News covers our sensor array paper": it was taken
    for the heading of a News section of its own, and the stories after it lost as its lead-ins.
    A heading whose news word is followed by a word in small letters that no section's name has
    there ("covers") is a story's title; "News and Events", "News from the lab" name a section."""
    page = (
        "# News\n\n## Adrian → Dr. Henle!\n\nAdrian graduated with his PhD.\n\n"
        "## OSU News covers our sensor array paper\n\nSee the story on the sensor array.\n\n"
        "## Melanie wins award\n\nShe won the sophomore award.\n"
    )
    result = parse_text(page, today=TODAY, path="lab.md")
    assert [i.title for i in result.items] == [
        "Adrian → Dr. Henle!",
        "OSU News covers our sensor array paper",
        "Melanie wins award",
    ], result.warnings
    sections = "# Lab\n\n## News from the lab\n\n- May 2024: Paper accepted.\n\n## About\n\nWe study.\n"
    assert [i.title for i in parse_text(sections, today=TODAY, path="lab.md").items] == ["Paper accepted."]


def test_a_story_in_the_news_section_is_dated_by_the_line_under_its_title() -> None:
    """A lab's News section heads each story by its title over a line of its outlet and date,
    "**Science News** | Feb 2, 2026", or a place and a date, "**Dragontail Peak, WA (August,
    2019)**": inside a section headed News those stories were undated (outside one they were
    dated). The line dates the story and stays its body; a year alone does not date it."""
    page = (
        "# News\n\n### [Poor sleep may account for a large share of dementia cases](https://www.sciencenews.org/a)\n"
        "**Science News** | Feb 2, 2026\n\nInsomnia could be connected to 12 percent of dementia cases.\n\n"
        "### Hiking the Northern Cascades\n**Dragontail Peak, Leavenworth, WA (August, 2019)**\n\n"
        "A hike after the conference.\n\n### Our lab in 2018\nFounded in 2018, the lab grew.\n"
    )
    result = parse_text(page, today=TODAY, path="lab.md")
    assert [(i.title, i.posted.display() if i.posted else None) for i in result.items] == [
        ("Poor sleep may account for a large share of dementia cases", "2 Feb 2026"),
        ("Hiking the Northern Cascades", "August 2019"),
        ("Our lab in 2018", None),
    ], result.items
    assert "Science News" in result.items[0].text and "Dragontail Peak" in result.items[1].text


def test_a_timeline_shortcode_handed_a_title_and_a_date_is_a_dated_news() -> None:
    """A researcher's Hugo News page (the Blowfish theme) is a timeline of shortcodes,
    ``{{< timelineItem icon="graduation-cap" header="DeepChopper Is Published" badge="2026-01-19">}}``
    over a picture: the page had no news, its leftovers read as undated ones. A shortcode
    handed a date (``date``, ``badge``, ``time`` …) shows it, and the title it is handed
    (``header``, ``title``), before what it wraps; one whose badge is no date ("AWESOME"), or
    that is handed only pictures, is left out as templates are."""
    page = (
        "---\ntitle: Recent News\n---\n\n{{< timeline >}}\n\n"
        '{{< timelineItem icon="graduation-cap" header="DeepChopper Is Published" badge="2026-01-19">}}\n'
        '<img src="imgs/deepchopper.png" alt="DeepChopper">\n{{< github repo="ylab-hi/DeepChopper" >}}\n'
        "{{< /timelineItem >}}\n\n"
        '{{< timelineItem icon="star" header="Run Mag Miles" badge="AWESOME" >}}\n'
        '{{< figure src="run.jpg" caption="2024" >}}\n{{< /timelineItem >}}\n\n'
        "{{< timelineItem icon='eye' header='Join Data Science Conference' badge='2022-11-09' >}}\n"
        "{{< /timelineItem >}}\n\n{{< /timeline >}}\n"
    )
    result = parse_text(page, today=TODAY, path="news.md")
    assert [(i.title, i.posted.display() if i.posted else None) for i in result.items] == [
        ("DeepChopper Is Published", "19 Jan 2026"),
        ("Join Data Science Conference", "9 Nov 2022"),
    ], result.items


def test_an_undated_paragraph_between_dated_ones_is_the_rest_of_the_news_before_it() -> None:
    """A researcher's News is paragraphs that open with their month, "**(03.2024)** I presented
    ThermalGrasp at IEEE VR", a picture, then "We also wrapped up teaching engineering class.":
    the paragraph after the picture was dropped as a lead-in. An undated paragraph between
    paragraphs that open with their dates is the rest of the one before it; one before the list
    stays a lead-in, and a note after it is not joined to the last news."""
    page = (
        "## News\n\nHere is what I have been up to.\n\n"
        "**(04.2024)** I demo'd Stick&Slip at the Haptics Symposium.\n\n"
        "**(03.2024)** I presented ThermalGrasp at IEEE VR in Orlando, FL.\n\n"
        '<img src="/img/thermalgrasp-talk.png" width="600">\n\n'
        "We also wrapped up teaching engineering class.\n\n"
        "**(02.2024)** I'll be at a few conferences this spring.\n\n"
        "Older news are on my CV.\n"
    )
    result = parse_text(page, today=TODAY, path="news.md")
    assert [(i.posted.display() if i.posted else None, i.text) for i in result.items] == [
        ("April 2024", "I demo'd Stick&Slip at the Haptics Symposium."),
        (
            "March 2024",
            "I presented ThermalGrasp at IEEE VR in Orlando, FL.\n\n"
            "We also wrapped up teaching engineering class.",
        ),
        ("February 2024", "I'll be at a few conferences this spring."),
    ], result.items
    assert any("lead-in" in w and "Here is what" in w for w in result.warnings), result.warnings


def test_a_category_in_bold_before_the_date_label_is_the_authors_tag() -> None:
    """A lab's home section writes each news as its category in bold, then its date, then the
    news: "**获奖** 2020年9月10日" over "中国科大荣获 … 特等奖" ("Award", then the day); the
    news were undated. A word or two in bold before a date label is the author's tag, as one in
    brackets is ("[Award] May 2024"), and stays the text's head; a month in bold ("**Sept** —",
    under a year heading) is the label itself, as the test of month labels shows."""
    page = (
        "## 新闻\n\n**获奖** 2020年9月10日  \n中国科大荣获首届全国大学生计算机系统能力大赛特等奖\n\n"
        "**论文** 2020年8月19日  \n实验室一项成果被云计算领域顶级会议SoCC收录\n\n"
        "## News\n\n- **Best Paper** May 2024: We won the best paper prize at CHI.\n"
    )
    result = parse_text(page, today=TODAY, path="lab.md")
    assert [(i.posted.display() if i.posted else None, i.title) for i in result.items] == [
        ("10 Sep 2020", "获奖 中国科大荣获首届全国大学生计算机系统能力大赛特等奖"),
        ("19 Aug 2020", "论文 实验室一项成果被云计算领域顶级会议SoCC收录"),
        ("May 2024", "Best Paper We won the best paper prize at CHI."),
    ], result.items
