"""Importers: the seed pages give exactly what the corpus lists; many real phrasings; every format."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from newsfeed.adapters.files import read_path
from newsfeed.domain.importers import UnreadableDocument, detect_format, parse_folder, parse_text
from newsfeed.domain.importers.classify import classify
from newsfeed.render.export import to_alfolio, to_markdown
from tests.scaling import LINEAR_WHEN_QUADRUPLED, growth

FIXTURES = Path(__file__).parent.parent / "fixtures"
SEEDS = FIXTURES / "seeds"
TODAY = dt.date(2025, 3, 1)


def news(text: str, **kw: object) -> list[dict[str, object]]:
    kw.setdefault("today", TODAY)
    return [i.as_dict() for i in parse_text(text, fmt="news", **kw).items]  # type: ignore[arg-type]


# ---------------------------------------------------------------------------------------------
# seed 000: exactly what ../shared/corpus/homepage_000.json lists


def _dated(result: Any) -> list[tuple[str, str]]:
    """The items of an import as (their date as shown, their text)."""
    return [(i.posted.display() if i.posted else "", i.text) for i in result.items]


def test_seed_000_homepage_news_list() -> None:
    want = json.loads((FIXTURES / "homepage_000.json").read_text())
    result = read_path(SEEDS / "000_00131e9a34f93c5c.txt", today=TODAY)
    assert result.format == "news"
    assert result.date_order == want["date_order"] == "dmy"
    assert any("day-first" in w for w in result.warnings)
    got = [i.as_dict() for i in result.items]
    assert len(got) == len(want["items"]) == 34
    for expected, item in zip(want["items"], got, strict=True):
        assert {k: item["posted"][k] for k in ("start", "end", "grain")} == expected["posted"]
        assert item["kind"] == expected["kind"], item["text"]
        assert str(item["text"]).startswith(expected["text_starts"])
        assert len(item["links"]) == expected.get("links", 0)
        assert item["papers"] == expected.get("papers")
        events = [{k: e[k] for k in ("start", "end", "grain", "location")} for e in item["events"]]
        assert events == [
            {k: e.get(k) for k in ("start", "end", "grain", "location")} for e in expected.get("events", [])
        ]


def test_seed_000_wrapped_bullet_is_one_item_with_its_link() -> None:
    result = read_path(SEEDS / "000_00131e9a34f93c5c.txt", today=TODAY)
    wrapped = next(i for i in result.items if "Towards Understanding Feature Learning" in i.text)
    assert wrapped.links[0].href == "https://arxiv.org/abs/2304.11327"
    assert wrapped.source_line == 66


# ---------------------------------------------------------------------------------------------
# kinds: explainable rules over real phrasings

PHRASES = [
    ("Our paper on sparse attention was accepted to ICML 2024!", "acceptance"),
    ("Two papers accepted at NeurIPS 2023.", "acceptance"),
    ("Our work will appear in JMLR.", "acceptance"),
    ("One paper is accepted by KDD 2024 Research Track.", "acceptance"),
    ("Our paper got into ACL 2024 Findings.", "acceptance"),
    ("Paper on Self-Organizing Maps accepted at IJCNN.", "acceptance"),
    ("Our paper [Self-Organizing Networks](https://x.org) is accepted at ICLR.", "acceptance"),
    ("I will serve as an Area Chair for NeurIPS 2025.", "reviewing"),
    ("Invited to serve as a PC member for AAAI-2024.", "reviewing"),
    ("I am invited to serve as a reviewer for ICLR-2023", "reviewing"),
    ("Joined the program committee of COLT 2024.", "reviewing"),
    ("Appointed Action Editor for TMLR.", "reviewing"),
    ("Gave an invited talk at the MIT ML seminar.", "talk"),
    ("I had the privilege of giving a contributed talk at the workshop.", "talk"),
    ("Keynote at the Deep Learning Summer School.", "talk"),
    ("Presenting our poster at CVPR in Seattle.", "talk"),
    ("Will be attending NeurIPS 2024 in Vancouver, come say hi!", "travel"),
    ("I am at ICML this week.", "travel"),
    ("Visiting the Simons Institute until May.", "travel"),
    ("Travelling to Kyoto for ACML.", "travel"),
    ("We are organizing the DeLTa workshop at ICLR 2025.", "organizing"),
    ("Our workshop is now accepting submissions!", "organizing"),
    ("Call for papers: the TAG-ML workshop at ICML.", "organizing"),
    ("I co-organised a tutorial on optimal transport.", "organizing"),
    ("Serving as Publicity Chair for UAI 2025.", "organizing"),
    ("Our paper received the Best Paper Award at AISTATS!", "award"),
    ("Awarded the Google PhD Fellowship.", "award"),
    ("Won the outstanding reviewer award at ICML.", "award"),
    ("Received an honorable mention at CVPR.", "award"),
    ("I joined Google DeepMind as a Research Scientist.", "position"),
    ("Started as an Assistant Professor at EPFL.", "position"),
    ("I successfully defended my PhD thesis!", "position"),
    ("Graduated from Stanford.", "position"),
    ("Passed my PhD thesis defense today!", "position"),
    ("Congratulations to Bo on graduating!", "position"),
    ("Welcome Maria, our new PhD student!", "position"),
    ("Reviewed for TMLR and JMLR this month.", "reviewing"),
    ("I arrived in Tokyo, Japan!", "position"),
    ("Moved to Berlin to start a postdoc.", "position"),
    ("I accepted an offer from MIT.", "position"),
    ("New preprint on arXiv: scaling laws for diffusion.", "preprint"),
    ("Code for our ICML paper is released.", "preprint"),
    ("Our new paper is out on arXiv.", "preprint"),
    ("Happy new year!", "other"),
]


@pytest.mark.parametrize(("text", "kind"), PHRASES, ids=[p[0][:40] for p in PHRASES])
def test_kind_rules(text: str, kind: str) -> None:
    got, rule = classify(text)
    assert got == kind, rule
    assert rule == "no rule matched" or rule.lower() in text.lower()


# ---------------------------------------------------------------------------------------------
# news lists in other shapes


def test_decorated_labels() -> None:
    text = """## News
- **Dec. 2024:** Our paper was accepted at AAAI.
- [2024/05] Gave a talk at Oxford.
- 2023.11.21 | Visiting ETH Zurich.
- <b>Jan 2025</b> Joined the PC of ICML.
- *Sept. 2024* — New preprint on arXiv.
"""
    items = news(text)
    assert [(i["posted"]["display"], i["kind"]) for i in items] == [  # type: ignore[index]
        ("December 2024", "acceptance"),
        ("May 2024", "talk"),
        ("21 Nov 2023", "travel"),
        ("January 2025", "reviewing"),
        ("September 2024", "preprint"),
    ]
    assert items[0]["text"] == "Our paper was accepted at AAAI."
    assert items[2]["text"] == "Visiting ETH Zurich."


def test_html_list_keeps_links_and_lines() -> None:
    html = """<html><body><h2>News</h2>
<ul>
  <li><b>May 2024:</b> Our paper <a href="https://arxiv.org/abs/2401.00001">Fast Things</a>
      was accepted at ICML 2024.</li>
  <li><b>Feb 2024:</b> Gave a seminar at <a href="https://www.cam.ac.uk">Cambridge</a>.</li>
</ul>
<h2>Teaching</h2><ul><li>ML 101</li></ul>
</body></html>"""
    result = parse_text(html, today=TODAY)
    assert [(i.posted.display(), i.kind, i.source_line) for i in result.items] == [  # type: ignore[union-attr]
        ("May 2024", "acceptance", 3),
        ("February 2024", "talk", 5),
    ]
    assert result.items[0].links[0].href == "https://arxiv.org/abs/2401.00001"
    assert result.items[0].links[0].rel == "arxiv"


def test_year_headings_give_yearless_labels_their_year() -> None:
    text = """# News
## 2023
* 18th Nov: Talk at the Turing Institute.
* 3rd Feb: Paper accepted at ICLR.
## 2022
* 21 Dec: Joined the lab as a postdoc.
* Organised a reading group on kernels.
"""
    items = news(text, today=dt.date(2025, 3, 1))
    assert [(i["posted"]["start"], i["posted"]["grain"]) for i in items] == [  # type: ignore[index]
        ("2023-11-18", "day"),
        ("2023-02-03", "day"),
        ("2022-12-21", "day"),
        ("2022-01-01", "year"),
    ]


def test_month_labels_under_year_headings_and_new_markers() -> None:
    text = """## News
### 2023
* Jun: Paper accepted at ICML.
* **Sept** — Gave a talk at MIT.
### 2022
- NEW! [Dec 2022] Joined the PC of AAAI.
- Mar | Visiting ETH Zurich.
"""
    items = news(text)
    assert [(i["posted"]["start"], i["posted"]["grain"], i["kind"], i["text"]) for i in items] == [  # type: ignore[index]
        ("2023-06-01", "month", "acceptance", "Paper accepted at ICML."),
        ("2023-09-01", "month", "talk", "Gave a talk at MIT."),
        ("2022-12-01", "month", "reviewing", "Joined the PC of AAAI."),
        ("2022-03-01", "month", "travel", "Visiting ETH Zurich."),
    ]


def test_month_first_documents_are_recognised() -> None:
    text = "## News\n* 10/29/2023: Visited CMU.\n* 06/05/2024: Paper accepted at KDD.\n"
    result = parse_text(text, today=TODAY)
    assert result.date_order == "mdy"
    assert [i.posted.start for i in result.items] == [dt.date(2023, 10, 29), dt.date(2024, 6, 5)]  # type: ignore[union-attr]
    assert any("month-first" in w for w in result.warnings)


def test_given_order_wins_and_default_applies() -> None:
    text = "* 06/05/2024: Paper accepted."
    assert news(text, date_order="mdy")[0]["posted"]["start"] == "2024-06-05"  # type: ignore[index]
    assert news(text, default_order="dmy")[0]["posted"]["start"] == "2024-05-06"  # type: ignore[index]


def test_trailing_labels() -> None:
    """A date set off at the end dates the entry, also before an exclamation mark ("Matt presented
    at ISCA, June 2017!": 20 of a lab's news had read as undated)."""
    items = news(
        "## Updates\n- Gave a talk at MIT (Jan 2024)\n- Paper accepted at COLT — *June 2023*\n"
        "- Matt presented at [ISCA](https://isca17.org) , June 2017!\n"
    )
    assert [(i["posted"]["display"], i["kind"], i["text"]) for i in items] == [  # type: ignore[index]
        ("January 2024", "talk", "Gave a talk at MIT"),
        ("June 2023", "acceptance", "Paper accepted at COLT"),
        ("June 2017", "talk", "Matt presented at [ISCA](https://isca17.org)"),
    ]


def test_a_span_of_years_ending_a_bio_outside_any_news_section_dates_nothing() -> None:
    """An al-folio home page with no News section had read as one news of 2016–2020, its
    welcome: "I am a PhD student … (2021–present). … I received my undergraduate training in
    physics at Sichuan University (2016–2020)." Outside a News section a span of years set off
    at the end says how long a degree or a post lasted, not when it was news; in a News list
    ("Elected to the board (2024–2026)") it is still the item's label, as a single year is on
    the bio's page."""
    bio = (
        "I am a PhD student in the Department of Physics at WashU (2021–present). Before that, I received "
        "my undergraduate training in physics at Sichuan University (2016–2020).\n\n"
        "My current research interests lie in NeuroAI.\n"
    )
    result = parse_text(bio, fmt="news", today=TODAY)
    assert result.items == [] and any("none with a date" in w for w in result.warnings), result.warnings
    items = news("## News\n- Elected to the board of the society (2024–2026)\n- Talk at MIT (Jan 2024)\n")
    assert [(i["posted"]["display"], i["text"]) for i in items] == [  # type: ignore[index]
        ("2024–2026", "Elected to the board of the society"),
        ("January 2024", "Talk at MIT"),
    ]
    year = parse_text("I gave a talk on sparse routing at MIT (2024).\n", fmt="news", today=TODAY).items
    assert [(i.posted.display() if i.posted else None) for i in year] == ["2024"]


def test_under_a_year_heading_the_days_of_an_event_at_the_end_are_not_the_posting_date() -> None:
    """A News page under ``***2026***`` writes "One paper has been accepted at CVPR 2026 to be
    held in Denver, Colorado on June 05-07, 2026.": its news had been posted on the conference's
    days, out of the list's order. Under a date heading a span of days at the end is the event
    the news tells of (still one of its events), and the heading dates the news; a single day
    there ("Started an internship at LLNL on August 22, 2026.") refines the heading as before."""
    result = parse_text(
        "## News\n***2026***\n"
        "- One paper has been accepted at CVPR 2026 to be held in Denver, Colorado on June 05-07, 2026.\n"
        "- Started an internship at LLNL on August 22, 2026.\n",
        fmt="news",
        today=TODAY,
    )
    got = [
        (i.posted.display() if i.posted else None, [e.date.display() for e in i.events]) for i in result.items
    ]
    assert got == [("2026", ["5–7 Jun 2026"]), ("22 Aug 2026", ["22 Aug 2026"])], got


def test_a_label_of_mars_or_mai_and_a_year_before_a_colon_is_the_french_month() -> None:
    """A researcher's News list, "- Mars 2024: My work has been accepted for the PhD Forum at
    IPDPS 2024.", "- Mars-April 2024: Serving as a Program Committee Member …", had those two
    items undated: the dates leave "mars" and "mai" out of running text (the planet, a name). As
    the label opening an entry, the month and its year before a colon (or a dash), they are
    March and May; "Mars 2020 rover images are out" opens with no label."""
    items = news(
        "## News\n- May 2024: Organizing a day.\n"
        "- Mars-April 2024: Serving as a Program Committee Member for QRS.\n"
        "- Mars 2024: My work has been accepted for the PhD Forum at IPDPS 2024.\n"
        "- mai 2023 : Soutenance de thèse de Marie.\n"
        "- Mars 2020 rover images are out (June 2021).\n"
    )
    assert [(i["posted"]["display"], i["text"]) for i in items] == [  # type: ignore[index]
        ("May 2024", "Organizing a day."),
        ("March – April 2024", "Serving as a Program Committee Member for QRS."),
        ("March 2024", "My work has been accepted for the PhD Forum at IPDPS 2024."),
        ("May 2023", "Soutenance de thèse de Marie."),
        ("June 2021", "Mars 2020 rover images are out"),
    ]


def test_a_date_that_opens_a_links_words_is_the_links_not_a_label() -> None:
    """A record titled "[2026 North East AI Agents Day](https://…)" had read "North East AI
    Agents Day](https://…)", its year cut out of the link as a label: a date that opens a link's
    words which go on after it is the link's; "[2024] Talk at MIT" keeps its label."""
    items = news(
        "## News\n- **June 2026** [2026 North East AI Agents Day](https://x.org/) A one-day workshop.\n"
        "- [2024] Talk at MIT.\n"
    )
    assert [(i["posted"]["display"], i["text"]) for i in items] == [  # type: ignore[index]
        ("June 2026", "[2026 North East AI Agents Day](https://x.org/) A one-day workshop."),
        ("2024", "Talk at MIT."),
    ]
    linked = news("## News\n- [2026 North East AI Agents Day](https://x.org/) A one-day workshop.\n")
    assert linked[0]["text"] == "[2026 North East AI Agents Day](https://x.org/) A one-day workshop."
    # a link whose words are only the date is the label, its address the item's link (the text
    # had read "(https://x.org/a): Gave a talk at MIT.")
    (item,) = parse_text(
        "## News\n- [May 2024](https://x.org/a): Gave a talk at MIT.\n", fmt="news", today=TODAY
    ).items
    assert (item.posted.display() if item.posted else None, item.text) == ("May 2024", "Gave a talk at MIT.")
    assert [link.href for link in item.links] == ["https://x.org/a"]


def test_a_run_of_undated_news_paragraphs_is_not_dropped_for_one_dated_by_its_words() -> None:
    """A lab's News is 43 paragraphs opening with "**250826**" (a label read as no date); one of
    them ends "… Researcher Award for 2020!", which dates it: the 42 others had been taken for
    its lead-ins and dropped. A run of eight or more paragraphs under News, fewer than one in
    four of them dated, is an undated list: every paragraph is an item."""
    paragraphs = [f"**2508{n:02d}** Congratulations to student {n} on the defense!" for n in range(1, 10)]
    paragraphs.insert(
        4, "**191218:** Honorable Mention for the CRA Outstanding Undergraduate Award for 2020!"
    )
    items = news("### News\n\n" + "\n\n".join(paragraphs) + "\n")
    assert len(items) == 10
    assert [i["posted"]["display"] if i["posted"] else None for i in items].count(None) == 9  # type: ignore[index]


def test_six_digit_labels_are_read_year_first_when_only_that_keeps_them_past_and_in_order() -> None:
    """A lab's News paragraphs open with "**240826**", "**240712**" … (yymmdd): they had read as
    undated. A list whose entries open with six-digit labels is read year first when that reading
    makes every label a past date in the list's order and the day-first reading does not
    (24/08/26 would be 2026, 24/07/12 2012); where both keep the list in order, as "250801",
    "250802" … do (2001, 2002 … read day first), the labels stay undated, as before."""
    labels = ["240826", "240712", "240601", "231220", "231105"]
    items = news(  # the label's colon inside its emphasis or after it
        "### News\n\n"
        + "\n\n".join(f"**{v}{':' * (n % 2)}** Student {n} defended." for n, v in enumerate(labels))
    )
    assert [(i["posted"]["display"], i["text"]) for i in items] == [  # type: ignore[index]
        ("26 Aug 2024", "Student 0 defended."),
        ("12 Jul 2024", "Student 1 defended."),
        ("1 Jun 2024", "Student 2 defended."),
        ("20 Dec 2023", "Student 3 defended."),
        ("5 Nov 2023", "Student 4 defended."),
    ]
    # a label that is no date read so ("241340": no month 13) leaves the whole list undated
    bad = news("### News\n\n" + "\n\n".join(f"**{v}** Student defended." for v in [*labels, "241340"]))
    assert [i["posted"] for i in bad] == [None] * 6


def test_year_headings_and_labels_with_their_counter_date_the_news_under_them() -> None:
    """A Japanese lab's News by years, "### 2024年", had read as undated news (the heading was
    "2024" and a "年" left over, so no date heading), and "2015年: 論文が…" as "年: 論文が…": the
    year's counter (年, 년, 年度) is part of the date, and a full-width comma or colon after a
    label sets it off as a comma does."""
    items = news(
        "## ニュース\n### 2024年\n- 論文がICMLに採択されました\n### 2023年度\n- 受賞しました\n"
        "## Updates\n- 2015年: 講演しました\n- 2014年，我们的论文被录用\n"
    )
    assert [(i["posted"]["display"], i["text"]) for i in items] == [  # type: ignore[index]
        ("2024", "論文がICMLに採択されました"),
        ("2023", "受賞しました"),
        ("2015", "講演しました"),
        ("2014", "我们的论文被录用"),
    ]


def test_only_the_news_section_is_read_and_nothing_is_dropped_silently() -> None:
    text = """## About
* Theory of deep learning
## News
* 05/2024 Paper accepted at ICML.
* A bullet with no date at all
## Education
* 2015 - 2019: PhD, University of X
"""
    result = parse_text(text, today=TODAY)
    # an undated bullet of the news list is an item (posted unknown), and the report says so
    assert [(i.text, i.posted is None) for i in result.items] == [
        ("Paper accepted at ICML.", False),
        ("A bullet with no date at all", True),
    ]
    assert any("line 5: no date: imported as undated" in w for w in result.warnings)
    assert any("outside the news section" in w for w in result.warnings)


def test_trip_with_dates_and_place_and_talk_with_time() -> None:
    items = news(
        "## News\n* 05/2024 I will be attending ICLR 2024 from 06/05/2024 to 12/05/2024 in Vienna, Austria.\n"
        "* 02/2025 Invited talk at MIT on 12/02/2025 at 3pm EST.\n"
    )
    trip = items[0]["events"][0]  # type: ignore[index]
    assert (trip["start"], trip["end"], trip["location"]) == ("2024-05-06", "2024-05-12", "Vienna, Austria")
    talk = items[1]["events"][0]  # type: ignore[index]
    assert (talk["grain"], talk["time"], talk["tz"], talk["instant"]) == (
        "minute",
        "15:00",
        "UTC-05:00",
        "2025-02-12T20:00:00Z",
    )


def test_venues_links_and_paper_counts() -> None:
    item = news(
        "* 09/2024 Seven papers are accepted by NeurIPS 2024, [A](https://a.org); [B](https://b.org)"
    )[0]
    assert item["venues"] == ["NeurIPS 2024"]
    assert [link["href"] for link in item["links"]] == ["https://a.org", "https://b.org"]  # type: ignore[attr-defined]
    assert item["papers"] == 7


# ---------------------------------------------------------------------------------------------
# al-folio, publications, listings, calls


def test_a_hugo_sites_main_section_named_in_its_configuration_is_its_posts(tmp_path: Path) -> None:
    """A lab's Hugo site keeps its 129 news as posts in ``content/topics/`` and names that
    section in ``config.toml`` (``[params] mainSections = ["topics"]``, which its theme lists on
    the home page and in the feed): the site had read as "no news where sites keep them". The
    sections a Hugo configuration names as its main sections are its posts; its other pages
    (``content/members.md``) are not."""
    site = tmp_path / "site"
    topics = site / "content" / "topics"
    topics.mkdir(parents=True)
    (site / "content" / "members.md").write_text("---\ntitle: Members\n---\n- Prof. A (2008-)\n")
    (site / "config.toml").write_text(
        'baseURL = "https://example.org/"\ntitle = "A lab"\n[params]\n  mainSections = ["topics"]\n'
    )
    (topics / "2008-08-05.md").write_text(
        "---\ndate: 2008-08-05\ndraft: false\n---\nTatsuya won the pancreas segmentation contest.\n"
    )
    (topics / "2021-06-22.md").write_text(
        "---\ndate: 2021-06-22\ndraft: false\n---\nTwo students presented at CARS 2021.\n"
    )
    result = read_path(site, today=TODAY)
    assert result.description.startswith("site folder: its news in content/topics/"), result.description
    assert [(i.posted.display() if i.posted else None, i.text) for i in result.items] == [
        ("22 Jun 2021", "Two students presented at CARS 2021."),
        ("5 Aug 2008", "Tatsuya won the pancreas segmentation contest."),
    ]


def test_a_sites_news_kept_in_its_configuration_are_read_from_there(tmp_path: Path) -> None:
    """A Hugo theme that shows ``.Site.Params.news`` keeps the news in the configuration
    (``[[params.news]]`` in ``hugo.toml``), as Jekyll's ``site.news`` is ``news:`` in
    ``_config.yml``; the site's News page is only its template. Such a site had read as "no news
    found"; its menu entries are no news."""
    site = tmp_path / "site"
    (site / "content" / "news").mkdir(parents=True)
    (site / "content" / "news" / "_index.md").write_text("")
    (site / "hugo.toml").write_text(
        'baseURL = "https://example.org/"\ntitle = "Angelo"\n[params]\n  description = "PhD student"\n'
        "[[params.news]]\n"
        "title = \"I will present 'Dataframe Libraries' at [EDBT2025](https://edbt.org)\"\n"
        'date = 2025-03-25\n[[params.news]]\ntitle = "Our paper was accepted at SEBD"\ndate = "Jun 2023"\n'
        '[[params.publications]]\ntitle = "Maximizing Efficiency"\nconf = "SEBD"\n'
        '[[menu.main]]\nname = "News"\nurl = "/news"\nweight = 2\n'
    )
    result = read_path(site, today=TODAY)
    assert result.description.startswith("site folder: its news in hugo.toml (params.news), its config")
    assert [(i.posted.display() if i.posted else None, i.text) for i in result.items] == [
        ("25 Mar 2025", "I will present 'Dataframe Libraries' at [EDBT2025](https://edbt.org)"),
        ("June 2023", "Our paper was accepted at SEBD"),
    ]
    # a theme's News section configured with its title and icon beside its list
    (site / "hugo.toml").write_text(
        '[params.news]\n  enable = true\n  icon = "fa-bullhorn"\n  title = "News"\n'
        '  [[params.news.list]]\n  date = "Mar 19, 2026"\n'
        '  details = "Our paper is accepted by DSN 2026 ! "\n'
    )
    result = read_path(site, today=TODAY)
    assert result.description.startswith("site folder: its news in hugo.toml (params.news.list)")
    assert [(i.posted.display() if i.posted else None, i.text) for i in result.items] == [
        ("19 Mar 2026", "Our paper is accepted by DSN 2026 !")
    ]
    jekyll = tmp_path / "jekyll"
    jekyll.mkdir()
    (jekyll / "_config.yml").write_text(
        "title: Lab\nnews:\n  - date: 2024-05-01\n    text: Welcome to our new student Ana!\n"
        "navigation:\n  - title: News\n    url: /news/\n"
    )
    (jekyll / "index.html").write_text("<h2>News</h2>{% for n in site.news %}<p>{{ n.text }}</p>{% endfor %}")
    result = read_path(jekyll, today=TODAY)
    assert [(i.posted.display() if i.posted else None, i.text) for i in result.items] == [
        ("1 May 2024", "Welcome to our new student Ana!")
    ]


def test_mdx_posts_are_posts_without_their_module_lines(tmp_path: Path) -> None:
    """An Astro or Next.js site's news kept as MDX (``content/news/2019/hpc171.mdx``): such a
    folder had read as "no news files"; an MDX post's ``import``/``export`` lines are code, not
    text."""
    news = tmp_path / "content" / "news" / "2019"
    news.mkdir(parents=True)
    (news / "hpc171.mdx").write_text(
        '---\ntitle: "Our members present at HPC171"\ndate: "2019-09-20"\npublished: true\n---\n\n'
        'import Figure from "@components/Figure.astro";\nexport const venue = "NII";\n\n'
        "Three students present their work at the 171st HPC meeting in Tokyo.\n"
    )
    result = read_path(tmp_path / "content" / "news", today=TODAY)
    assert [(i.posted.display() if i.posted else None, i.text) for i in result.items] == [
        (
            "20 Sep 2019",
            "Our members present at HPC171 Three students present their work at the 171st HPC meeting"
            " in Tokyo.",
        )
    ]


def test_an_mkdocs_sites_news_section_is_its_news(tmp_path: Path) -> None:
    """An MkDocs site (``mkdocs.yml``) keeps its News as a section, ``docs/news/index.md``: the
    site had read as "no news where sites keep them"."""
    (tmp_path / "docs" / "news").mkdir(parents=True)
    (tmp_path / "mkdocs.yml").write_text("site_name: Group wiki\n")
    (tmp_path / "docs" / "index.md").write_text("# Group wiki\n\nWelcome.\n")
    (tmp_path / "docs" / "news" / "index.md").write_text(
        "# News\n\n## 2022\n\n### 2022-10-01 New wiki online\n\nThe new wiki uses MkDocs.\n"
    )
    result = read_path(tmp_path, today=TODAY)
    assert result.description.startswith("site folder: its news in docs/news/"), result.description
    assert [(i.posted.display() if i.posted else None, i.title) for i in result.items] == [
        ("1 Oct 2022", "New wiki online")
    ]


def test_a_repositorys_tool_configuration_is_no_news(tmp_path: Path) -> None:
    """A repository of a front end, a back end and a docker-compose.yml at its top: the compose
    file's services ("widm-back-end backend_network always") had been read as nine news of a
    "folder of data files"; a tool's configuration is never news."""
    (tmp_path / "back-end").mkdir()
    (tmp_path / "back-end" / "app.py").write_text("print('api')\n")
    (tmp_path / "docker-compose.yml").write_text(
        "services:\n  back-end:\n    container_name: widm-back-end\n    networks: [backend_network]\n"
        "    restart: always\n  database:\n    container_name: widm-database\n    restart: always\n"
    )
    (tmp_path / "composer.json").write_text('{"name": "widm/api"}\n')
    with pytest.raises(UnreadableDocument, match="no news files"):
        read_path(tmp_path, today=TODAY)
    # a folder of data files named otherwise is still read
    (tmp_path / "2024.yml").write_text("- date: 2024-05-01\n  text: Our paper was accepted at ICML.\n")
    assert [i.text for i in read_path(tmp_path, today=TODAY).items] == ["Our paper was accepted at ICML."]


def test_a_post_is_dated_by_the_date_field_its_site_generator_names() -> None:
    """Astro's blog posts are dated ``pubDate``, Hugo's may be ``publishDate``, and a Hugo theme's
    custom fields sit under ``params:`` (``params: {date: Sep 22, 2025}``): such posts had been
    imported undated. A flag (``published: true``) and the date last edited (``lastmod``) date
    nothing."""
    files = [
        ("src/content/posts/icml.md", "---\ntitle: Paper accepted at ICML\npubDate: 'Jul 08 2022'\n---\n"),
        ("content/post/mit.md", "---\ntitle: Talk at MIT\npublishDate: 2023-03-01\nlastmod: 2024-01-01\n---"),
        (
            "content/news/v0.3.0.md",
            "---\ntitle: Version 0.3.0 released\nweight: 2\nparams:\n  date: Sep 22, 2025\n---\nNotes.\n",
        ),
        ("content/news/meeting.md", "---\ntitle: Users meeting\npublished: true\nlastmod: 2024-09-01\n---\n"),
    ]
    result = parse_folder(files, today=TODAY)
    assert {i.title: (i.posted.display() if i.posted else None) for i in result.items} == {
        "Paper accepted at ICML": "8 Jul 2022",
        "Talk at MIT": "1 Mar 2023",
        "Version 0.3.0 released": "22 Sep 2025",
        "Users meeting": None,
    }


def test_a_post_is_dated_by_its_sites_own_date_field_or_the_summary_under_its_title() -> None:
    """Three labs' news folders, every post undated on import: an Astro site names its field
    ``dateFrom`` (beside ``dateTo``); an academicpages site keeps no date but shows its excerpt
    under each title, ``excerpt: "2021-4-27 &nbsp;&nbsp; Miyun, Beijing<br/>…"``; an Astro post
    was dated ``2025-11-31``, a day November does not have. A field whose name says date in the
    site's words dates the post (not one that says when it was changed or ends); a summary that
    opens with a date dates a post with no other; a day the month does not have dates it by its
    month, as a label's does."""
    files = [
        (
            "src/content/news/circ.mdx",
            "---\ntitle: CIRC held in Singapore!\nlastModDate: '2024-01-01'\ndateTo: '2019-06-29'\n"
            "dateFrom: '2019-06-27'\ntags:\n  - Conferences\n---\nThe conference was held.\n",
        ),
        (
            "_news/news-2.md",
            '---\ntitle: "Spring outing"\nexcerpt: "2021-4-27 &nbsp;&nbsp; Miyun, Beijing<br/><br/>'
            "<img src='x.jpg' width=500>\"\ncollection: news\n---\n<br>\nPhotos of the day.\n",
        ),
        ("content/news/neurips.md", "---\ntitle: We are at NeurIPS 2025\ndate: 2025-11-31\n---\nCome by!\n"),
        ("content/news/plain.md", "---\ntitle: Lab retreat\ndescription: Our lab went hiking.\n---\nFun.\n"),
    ]
    result = parse_folder(files, today=TODAY)
    assert {i.title: (i.posted.display() if i.posted else None) for i in result.items} == {
        "CIRC held in Singapore!": "27 Jun 2019",
        "Spring outing": "27 Apr 2021",
        "We are at NeurIPS 2025": "November 2025",
        "Lab retreat": None,
    }
    said = "November 2025 has 30 days: dated November 2025"
    assert any(said in w for w in result.warnings), result.warnings


def test_alfolio_front_matter() -> None:
    files = [
        (
            "_news/a.md",
            "---\nlayout: post\ndate: 2024-05-28\ninline: true\n---\nOur paper was accepted to ICML!\n",
        ),
        (
            "_news/b.md",
            "---\nlayout: post\ntitle: A long announcement\ndate: 2022-02-28 15:59:00-0400\n---\n"
            "We released the code on [GitHub](https://github.com/x/y).\n",
        ),
        ("_news/c.md", "---\nlayout: post\n---\nNo date here.\n"),
    ]
    result = parse_folder(files, today=TODAY)
    # newest first, as the site lists them; a file without a date is an undated item
    dated = [i for i in result.items if i.posted is not None]
    assert [(i.posted.start, i.posted.grain, i.kind) for i in dated] == [  # type: ignore[union-attr]
        (dt.date(2024, 5, 28), "day", "acceptance"),
        (dt.date(2022, 2, 28), "minute", "preprint"),
    ]
    assert dated[1].title == "A long announcement"
    assert dated[1].posted.instant == dt.datetime(2022, 2, 28, 19, 59, tzinfo=dt.UTC)  # type: ignore[union-attr]
    assert [i.text for i in result.items if i.posted is None] == ["No date here."]
    assert any("_news/c.md" in w and "no date" in w for w in result.warnings)


def test_alfolio_folder(tmp_path: Path) -> None:
    folder = tmp_path / "_news"
    folder.mkdir()
    (folder / "announcement_1.md").write_text("---\ndate: 2023-01-15\n---\nGave a keynote at ALT.\n")
    result = read_path(folder, today=TODAY)
    assert result.format == "folder" and result.description.startswith("al-folio _news folder")
    assert [(i.kind, i.posted.start) for i in result.items] == [("talk", dt.date(2023, 1, 15))]  # type: ignore[union-attr]


def test_a_hugo_academic_home_section_is_read_as_records_dated_by_their_titles(tmp_path: Path) -> None:
    """Hugo Academic's (Wowchemy's) home-page section of news, ``content/home/news.md``: a real
    one (tests/fixtures/more/) keeps its news as front-matter records whose title opens with the
    date ("[12-03-2023] One paper accepted by ICME.") beside a subtitle and the theme's
    ``subtitle_color``. The title had been taken for the date field (it opens with a date), so
    items were the subtitles and "#808080"; the site's folder had no news at all."""
    site = tmp_path / "site"
    (site / "content" / "home").mkdir(parents=True)
    (site / "config.toml").write_text('title = "A lab"\n')
    page = (FIXTURES / "more" / "hugo_home_news.md").read_text(encoding="utf-8")
    (site / "content" / "home" / "news.md").write_text(page, encoding="utf-8")
    result = read_path(site, today=TODAY)
    assert "its news in content/home/news.md" in result.description
    got = [(i.posted.start.isoformat() if i.posted else None, i.text, i.kind) for i in result.items]
    assert got[1:] == [
        ("2026-06-08", "Yake was invited to give a talk at CVPR 2026 Workshop!", "talk"),
        ("2026-04-29", "Yake was selected for CVPR Doctoral Consortium!", "award"),
        ("2026-02-21", "AnyTouch2 Dataset & Models Released!", "preprint"),
        ("2023-03-12", "One paper accepted by ICME. Congrats to Wenke and Xincheng!", "acceptance"),
        ("2023-02-16", "One paper accepted by ICASSP. Congrats to Ruize and Ruoxuan!", "acceptance"),
        ("2022-12-01", "Prof. Di Hu was invited as the Senior PC Member in IJCAI 2023.", "reviewing"),
        (
            "2021-10-28",
            "Dr. Di Hu won the 2021 Outstanding Doctoral Dissertation Award of SHAANXI Province!",
            "award",
        ),
    ]
    assert got[0][0] == "2026-07-09" and got[0][1].startswith("We have released [Robo-ValueRL](https://")
    # the title is the record's, without the label its text has
    titles = [i.title for i in result.items]
    assert titles[4:6] == ["One paper accepted by ICME.", "One paper accepted by ICASSP."]
    assert not any(i.title.startswith("[") for i in result.items)
    assert not any("#808080" in i.text for i in result.items)


def test_a_home_page_whose_news_section_is_a_loop_over_the_posts_is_read_from_the_posts(
    tmp_path: Path,
) -> None:
    """A Minimal Mistakes home page: a thesis's contributions as an undated numbered list, then
    "## Latest News" holding only a loop over site.posts. The News are the posts; the
    contributions had been imported as seven undated items (the posts were never read). What the
    author writes by hand in the News section beside a loop is still read."""
    site = tmp_path / "site"
    (site / "_posts").mkdir(parents=True)
    (site / "_config.yml").write_text("theme: minimal-mistakes-jekyll\n")
    (site / "index.md").write_text(
        "---\nauthor_profile: true\n---\nMy thesis makes these contributions.\n"
        "1. **Stability and accuracy**: [Article](https://example.org/a) [Preprint](https://example.org/p)\n"
        "2. **Shock capturing** [Preprint](https://example.org/q)\n\n"
        "## Latest News\n\n<ul>\n  {% for post in site.posts limit:5 %}\n    <li>\n"
        '      <a href="{{ post.url }}">{{ post.date | date_to_string }}: {{ post.title }}</a>\n'
        "    </li>\n  {% endfor %}\n</ul>\n"
    )
    (site / "_posts" / "2024-10-03-mow.md").write_text(
        "---\ntitle: Talk at the Mathematics of Weather conference\n---\nSlides here.\n"
    )
    result = read_path(site, today=TODAY)
    assert [(i.title, i.posted.display() if i.posted else None) for i in result.items] == [
        ("Talk at the Mathematics of Weather conference", "3 Oct 2024")
    ]
    assert "_posts/" in result.description
    page = parse_text((site / "index.md").read_text(), today=TODAY, path="index.md")
    assert page.items == [] and any("loop" in w for w in page.warnings)
    by_hand = (site / "index.md").read_text().replace("</ul>\n", "</ul>\n\n- May 2019: the lab opened.\n")
    assert [i.text for i in parse_text(by_hand, today=TODAY, path="index.md").items] == ["the lab opened."]


def test_a_site_whose_news_page_loops_over_a_data_file_named_updates_is_read_from_that_file(
    tmp_path: Path,
) -> None:
    """A Jekyll site keeps its News in _data/updates.yml (or announcements.yml) and its pages loop
    over it: the site folder is read from that file, as the loop names it. Such sites had stopped
    with "no news where sites keep them". A loop over a file named otherwise (publications) is
    not followed, nor one that leads outside the folder."""
    site = tmp_path / "site"
    (site / "_data").mkdir(parents=True)
    (site / "_pages").mkdir()
    (site / "_config.yml").write_text("title: A lab\n")
    (site / "_pages" / "news.md").write_text(
        "---\npermalink: /news/\n---\n## News\n\n"
        "{% for item in site.data.publications %}{{ item.title }}{% endfor %}\n"
        "<ul>{% for item in site.data.updates %}<li>{{ item.date }}: {{ item.content }}</li>"
        "{% endfor %}</ul>\n"
    )
    (site / "_data" / "publications.yml").write_text("- date: 2024-01-02\n  title: A paper on flows\n")
    (site / "_data" / "updates.yaml").write_text(
        "- date: 2025-03-25\n  content: Our paper was accepted at Nature Machine Intelligence\n"
        "- date: 2025-02-11\n  content: Gave a talk at Cosyne 2025\n"
    )
    result = read_path(site, today=TODAY)
    assert [(i.text, i.kind) for i in result.items] == [
        ("Our paper was accepted at Nature Machine Intelligence", "acceptance"),
        ("Gave a talk at Cosyne 2025", "talk"),
    ]
    assert result.description.startswith("site folder: its news in _data/updates.yaml")
    assert any("looked first in _pages/news.md" in w for w in result.warnings)
    (site / "_data" / "updates.yaml").unlink()
    with pytest.raises(UnreadableDocument, match="no news where sites keep them"):
        read_path(site, today=TODAY)  # publications.yml is no news
    outside = tmp_path / "elsewhere.yml"
    outside.write_text("- date: 2025-01-01\n  content: Not this site's news at all\n")
    (site / "_data" / "updates.yml").symlink_to(outside)
    with pytest.raises(UnreadableDocument, match="no news where sites keep them"):
        read_path(site, today=TODAY)


def test_a_news_sections_own_page_that_loops_over_a_data_file_is_read_from_that_file(tmp_path: Path) -> None:
    """A researcher's site keeps its opportunities in ``_data/announcements.yml`` and draws them
    on ``news/index.html`` (``{% assign all = site.data.announcements %}{% for item in all %}``),
    beside its empty state, "No announcements or opportunities found.": the folder had been read
    as the section ``news/`` and that line imported as its one, undated news, the loop of its
    own page not followed as a page's is. A section read by its own page follows that page's
    loops: its news are the data file's."""
    site = tmp_path / "site"
    (site / "_data").mkdir(parents=True)
    (site / "news").mkdir()
    (site / "_config.yml").write_text("title: A researcher\n")
    (site / "news" / "index.html").write_text(
        "---\nlayout: default\ntitle: News & Opportunities\n---\n"
        '<div class="container"><h1>News & Opportunities</h1><p class="lead">A listing of academic '
        "opportunities.</p>\n{% assign all_announcements = site.data.announcements %}\n"
        "{% if all_announcements.size > 0 %}\n"
        "<h2>Past Deadlines ({{ all_announcements.size }})</h2>\n"
        '<div class="row">{% for item in all_announcements %}<div class="col"><div class="card">'
        "<h5>{{ item.title }}</h5><p>{{ item.excerpt }}</p></div></div>{% endfor %}</div>\n"
        "{% endif %}\n{% unless all_announcements.size > 0 %}\n"
        '<div class="col-12"><p class="lead">No announcements or opportunities found.</p></div>\n'
        "{% endunless %}</div>\n"
    )
    (site / "_data" / "announcements.yml").write_text(
        "- date: 2025-10-19\n  title: Call for Papers | AI in Education\n"
        "  excerpt: Submissions accepted until May 31, 2026.\n"
        "- date: 2025-10-17\n  title: Welcome to the NARST webinar series\n"
        "  excerpt: A monthly webinar for graduate students.\n"
    )
    result = read_path(site, today=TODAY)
    assert [(i.title, i.posted.display() if i.posted else None) for i in result.items] == [
        ("Call for Papers | AI in Education", "19 Oct 2025"),
        ("Welcome to the NARST webinar series", "17 Oct 2025"),
    ], result.items
    assert result.description.startswith("site folder: its news in _data/announcements.yml"), (
        result.description
    )


def test_a_news_template_that_loops_over_the_sites_categories_reads_its_posts(tmp_path: Path) -> None:
    """A home page's "Recent highlights and news" includes ``_includes/news.html``, a loop over
    ``site.categories`` and each category's latest posts: the report said its news were read
    from "_categories/", a folder no Jekyll site has. ``site.categories`` and ``site.tags``
    are the site's posts, grouped: ``_posts/``, where the folder is then read."""
    site = tmp_path / "site"
    (site / "_includes").mkdir(parents=True)
    (site / "_posts").mkdir()
    (site / "_config.yml").write_text("title: A researcher\n")
    (site / "index.html").write_text(
        "<h2>A. Person</h2>\n<h4>Recent highlights and news:</h4>\n{% include news.html limit=3 %}\n"
    )
    (site / "_includes" / "news.html").write_text(
        "<ul>{% for category in site.categories %}{% for post in category.last limit:3 %}"
        "<li>{{ post.title }}</li>{% endfor %}{% endfor %}</ul>\n"
    )
    (site / "_posts" / "2018-08-10-eccvw-accept.md").write_text(
        "---\nlayout: post\ntitle: Paper Accepted in ECCV-W 2018\ncategories: news\n---\nOur paper on pose.\n"
    )
    result = read_path(site, today=TODAY)
    assert [i.title for i in result.items] == ["Paper Accepted in ECCV-W 2018"]
    assert not any("_categories" in w for w in result.warnings), result.warnings


def test_a_loop_in_the_home_pages_news_section_is_read_from_its_file_whatever_its_name(
    tmp_path: Path,
) -> None:
    """A lab's home page heads its table "Recent News" over ``{% for event in events %}`` (events
    assigned from ``site.data.events``), with one line after it, "Check the Events section for more
    news.": that line had been the site's one news and ``_data/events.csv`` (33 dated news)
    unread, its name not saying news. A loop in a News section draws the news from its file,
    unless the file is named as another list (``publications``); the first sentence of each is
    its title, an exclamation opening it ("Alhamdulillah!") with the sentence after it."""
    site = tmp_path / "site"
    (site / "_data").mkdir(parents=True)
    (site / "_config.yml").write_text("title: A lab\n")
    (site / "index.html").write_text(
        "---\nlayout: home\n---\n<h2>Recent News</h2>\n<table>\n"
        "{% assign events = site.data.events | sort: 'Date' | reverse | slice: 0, 6 %}\n"
        "{% for event in events %}\n  {% include event-list.html %}\n{% endfor %}\n"
        "<tr><td colspan=\"2\"><i>Check the <a href='/events/'><b>Events</b></a> section for more news.</i>"
        "</td></tr>\n</table>\n<h2>Papers</h2>\n"
        "{% for p in site.data.publications %}{{ p.title }}{% endfor %}\n"
    )
    (site / "_data" / "events.csv").write_text(
        "Date,Type,Event,URL\n"
        '2024-01-18,Paper,"Alhamdulillah! Our manuscript titled ""A chatbot for news"" has been accepted'
        ' in the ACM CHI 2024.",\n'
        "2023-03-03,Talk,Naeemul Hassan will talk about health misinformation on a webinar.,\n"
    )
    (site / "_data" / "publications.yml").write_text("- date: 2024-01-02\n  title: A paper on flows\n")
    result = read_path(site, today=TODAY)
    assert result.description.startswith("site folder: its news in _data/events.csv")
    assert [(i.posted.display() if i.posted else None, i.title) for i in result.items] == [
        (
            "18 Jan 2024",
            'Alhamdulillah! Our manuscript titled "A chatbot for news" has been accepted'
            " in the ACM CHI 2024.",
        ),
        ("3 Mar 2023", "Naeemul Hassan will talk about health misinformation on a webinar."),
    ]
    (site / "_data" / "events.csv").unlink()
    (site / "index.html").write_text(
        (site / "index.html").read_text().replace("site.data.events", "site.data.papers")
    )
    (site / "_data" / "papers.yml").write_text("- date: 2024-01-02\n  title: A paper on flows\n")
    result = read_path(site, today=TODAY)
    assert not any(i.posted for i in result.items)  # a list named as another is not the news


def test_a_title_that_only_says_there_is_news_takes_the_sentence_after_it() -> None:
    """A researcher's built News page opens an item with "✨ Thrilled to share some exciting
    news! ✨" and says what happened in the next sentence: the item's title had been that
    opening alone. An opening sentence that only says there is news (however long) is titled
    with the sentence after it; one that says what the news is stays the title alone."""
    page = (
        "## News\n\n"
        "- 15 Dec 2024: Thrilled to share some exciting news! My paper was accepted at EuroSys 2025."
        " It is on caching.\n"
        "- 10 Dec 2024: Some exciting news to share! We won the Best Paper Award at BigData.\n"
        "- 5 Dec 2024: I'm happy to announce a big update. The lab moved to building 5.\n"
        "- 1 Dec 2024: Happy to share that our paper was accepted at ICML. Code is online.\n"
        "- 1 Nov 2024: New announcements: the seminar moves to Fridays. Details follow.\n"
    )
    titles = [i.title for i in parse_text(page, today=TODAY, path="news.md").items]
    assert titles == [
        "Thrilled to share some exciting news! My paper was accepted at EuroSys 2025.",
        "Some exciting news to share! We won the Best Paper Award at BigData.",
        "I'm happy to announce a big update. The lab moved to building 5.",
        "Happy to share that our paper was accepted at ICML.",
        "New announcements: the seminar moves to Fridays.",
    ]


def test_a_hugo_section_its_own_page_titles_news_is_the_news_whatever_its_folder(tmp_path: Path) -> None:
    """A lab's Hugo Blox site keeps its news as events, ``content/event/<news>/index.md``, under
    a section page ``content/event/_index.md`` titled "News" (its ``content/post/`` is empty):
    the site had read as "no news". A section whose own page titles it News is read after
    ``content/news/``; a section titled otherwise ("Talks") is not."""
    site = tmp_path / "site"
    for section in ("event", "post", "talk"):
        (site / "content" / section).mkdir(parents=True)
    (site / "hugo.yaml").write_text("title: A lab\n")
    (site / "content" / "event" / "_index.md").write_text("---\ntitle: News\nview: event_list\n---\n")
    (site / "content" / "post" / "_index.md").write_text("---\ntitle: Latest News\n---\n")
    (site / "content" / "talk" / "_index.md").write_text("---\ntitle: Talks\n---\n")
    (site / "content" / "talk" / "a.md").write_text("---\ntitle: A seminar\ndate: 2025-03-01\n---\n")
    for name, title, date in (
        ("preprint-2025-06-30", "Preprint released - LiDAR world models", "2025-06-30"),
        ("award-2025-07-15", "Our paper wins a best poster award", "2025-07-15"),
    ):
        (site / "content" / "event" / name).mkdir()
        (site / "content" / "event" / name / "index.md").write_text(
            f"---\ntitle: \"{title}\"\ndate: '{date}'\nall_day: true\n---\n"
        )
    result = read_path(site, today=TODAY)
    assert "its news in content/event/" in result.description
    assert [(i.posted.display() if i.posted else None, i.title) for i in result.items] == [
        ("15 Jul 2025", "Our paper wins a best poster award"),
        ("30 Jun 2025", "Preprint released - LiDAR world models"),
    ]


def test_a_site_that_draws_its_content_from_a_database_says_so_when_it_holds_no_news(tmp_path: Path) -> None:
    """A lab's Next.js site reads its announcements with Prisma (``prisma.announcement.findMany``)
    and keeps none in its files: the import said only "no news where sites keep them". The report
    names the database or hosted CMS its ``package.json`` draws content through, and says to follow
    the published page instead; a site with none says nothing more."""
    site = tmp_path / "site"
    (site / "src" / "app").mkdir(parents=True)
    (site / "package.json").write_text(
        '{"dependencies": {"next": "15.0.0", "@prisma/client": "6.0.0", "react": "19.0.0"}}'
    )
    (site / "src" / "app" / "page.tsx").write_text(
        "export default async function Home() {\n"
        "  const announcements = await prisma.announcement.findMany();\n"
        "  return <main><h1>A lab</h1></main>;\n}\n"
    )
    with pytest.raises(UnreadableDocument, match=r"content from a database \(Prisma\).*newsfeed sources add"):
        read_path(site, today=TODAY)
    (site / "package.json").write_text('{"dependencies": {"next": "15.0.0"}}')
    with pytest.raises(UnreadableDocument) as refused:
        read_path(site, today=TODAY)
    assert "content from" not in str(refused.value)


def test_a_loop_over_a_data_folders_news_is_read_from_the_file_in_that_folder(tmp_path: Path) -> None:
    """A site of several groups keeps each one's news in ``_data/<group>/news.yml``, and its
    include ``_includes/news.html`` loops over ``site.data.adase.news | concat: site.news``: the
    site had read as "no news" (only ``_data/adase.yml`` was looked for). Jekyll reads a folder of
    ``_data`` as one tree, so ``site.data.adase.news`` is ``_data/adase/news.yml`` too; one named
    otherwise (``site.data.adase.staff``) is not followed."""
    site = tmp_path / "site"
    (site / "_data" / "adase").mkdir(parents=True)
    (site / "_includes").mkdir()
    (site / "_config.yml").write_text("title: ADASE\n")
    (site / "index.html").write_text("---\nlayout: default\n---\n{% include news.html %}\n")
    (site / "_includes" / "news.html").write_text(
        '<h2 id="news">News</h2>\n'
        "{%- assign news = site.data.adase.news | concat: site.news | sort: 'date' | reverse %}\n"
        "{%- for item in news %}<div>{{ item.date }} {{ item.title }}</div>{%- endfor %}\n"
    )
    (site / "_data" / "adase" / "news.yml").write_text(
        "- date: 2020-10-27\n  title: Our paper was accepted at NeurIPS 2020\n"
        "- date: 2018-06-26\n  title: Gave a talk at the AIST conference\n"
    )
    result = read_path(site, today=TODAY)
    assert "its news in _data/adase/news.yml" in result.description
    assert [(i.posted.start.isoformat() if i.posted else None, i.kind) for i in result.items] == [
        ("2020-10-27", "acceptance"),
        ("2018-06-26", "talk"),
    ]
    (site / "_data" / "adase" / "news.yml").rename(site / "_data" / "adase" / "staff.yml")
    (site / "_includes" / "news.html").write_text(
        '<h2 id="news">News</h2>\n{%- for item in site.data.adase.staff %}{{ item.title }}{%- endfor %}\n'
    )
    with pytest.raises(UnreadableDocument, match="no news where sites keep them"):
        read_path(site, today=TODAY)


def test_news_kept_in_folders_by_year_are_read_and_drafts_hidden_folders_and_links_are_not(
    tmp_path: Path,
) -> None:
    """al-folio's _news/2025/announcement.md, Hugo's content/post/2023/name/index.md: a
    collection kept in folders by year is read whole (it had said "no news files in this
    folder" and gone on to the home page). Drafts, hidden folders and a link back up are not."""
    site = tmp_path / "site"
    (site / "_news" / "2025").mkdir(parents=True)
    (site / "_news" / "2024" / "_drafts").mkdir(parents=True)
    (site / "_news" / ".cache").mkdir()
    (site / "_config.yml").write_text("title: A lab\n")
    (site / "_news" / "2025" / "2025-01-10-seminar.md").write_text(
        "---\ntitle: A seminar on randomized linear algebra\ndate: 2025-01-10\ninline: false\n---\n"
        "Two lectures.\n"
    )
    (site / "_news" / "2024" / "paper.md").write_text(
        "---\ndate: 2024-05-02\ninline: true\n---\nOur paper was accepted at ICML.\n"
    )
    (site / "_news" / "2024" / "_drafts" / "draft.md").write_text("---\ndate: 2024-06-01\n---\nNot yet.\n")
    (site / "_news" / ".cache" / "old.md").write_text("---\ndate: 2020-06-01\n---\nA cached copy.\n")
    (site / "_news" / "2024" / "loop").symlink_to(site / "_news")
    (site / "_news" / "2025" / "index.html").write_text(  # the page the site built, not a post
        "<html><body><h1>2025</h1><p>mbzuai October 6, 2025 Joined MBZUAI.</p></body></html>\n"
    )
    result = read_path(site, today=TODAY)
    assert [(i.posted.display(), i.title or i.text) for i in result.items if i.posted] == [
        ("10 Jan 2025", "A seminar on randomized linear algebra"),
        ("2 May 2024", "Our paper was accepted at ICML."),
    ]
    assert result.description.startswith("site folder: its news in _news/")
    hugo = tmp_path / "hugo" / "post"
    (hugo / "2023" / "talk-in-oslo").mkdir(parents=True)
    (hugo / "2023" / "talk-in-oslo" / "index.md").write_text(
        "---\ntitle: A talk in Oslo\ndate: 2023-03-01\n---\n"
    )
    (hugo / "2023" / "_index.md").write_text("---\ntitle: 2023\n---\n")
    assert [i.title for i in read_path(hugo, today=TODAY).items] == ["A talk in Oslo"]


def test_a_news_page_that_loops_over_the_posts_leads_to_the_posts_and_its_pager_is_no_item(
    tmp_path: Path,
) -> None:
    """Beautiful Jekyll's news.html is a loop over the site's posts, followed by a pager
    ("← Newer Posts", "Older Posts →") inside ``{% if paginator.previous_page %}``. With the loop
    taken out, the pager's link had been read as the page's one undated item, so the site folder
    stopped there; a pager is no news, and the site is read from its _posts/."""
    site = tmp_path / "site"
    (site / "_posts").mkdir(parents=True)
    (site / "_config.yml").write_text("title: A genome project\n")
    (site / "news.html").write_text(
        "---\nlayout: page\n---\n{% assign posts = paginator.posts | default: site.posts %}\n"
        '<ul class="posts-list" role="list">\n  {% for post in posts %}\n  <li class="post-preview">'
        '<a href="{{ post.url }}"><h2 class="post-title">{{ post.title }}</h2></a>\n'
        "  <p class=\"post-meta\">Posted on {{ post.date | date: '%B %-d, %Y' }}</p></li>\n"
        "  {% endfor %}\n</ul>\n"
        '{% if paginator.total_pages > 1 %}\n<ul class="pagination main-pager">\n'
        '  {% if paginator.previous_page %}\n  <li class="page-item previous">\n'
        '    <a class="page-link" href="{{ paginator.previous_page_path }}">&larr; Newer Posts</a>\n'
        '  </li>\n  {% endif %}\n  {% if paginator.next_page %}\n  <li class="page-item next">\n'
        '    <a class="page-link" href="{{ paginator.next_page_path }}">Older Posts &rarr;</a>\n'
        "  </li>\n  {% endif %}\n</ul>\n{% endif %}\n"
    )
    (site / "_posts" / "2022-08-31-sequencing.md").write_text(
        "---\nlayout: post\ntitle: The first hundred genomes are sequenced\n---\nA milestone.\n"
    )
    result = read_path(site, today=TODAY)
    assert [(i.posted.display() if i.posted else None, i.title) for i in result.items] == [
        ("31 Aug 2022", "The first hundred genomes are sequenced")
    ]
    assert result.description.startswith("site folder: its news in _posts/")
    assert any("news.html" in w and "_posts/" in w for w in result.warnings)


def test_a_news_folders_page_that_keeps_its_news_as_front_matter_records_gives_each_record(
    tmp_path: Path,
) -> None:
    """A Hugo Blox site's ``content/news/news.md`` holds no text, only front matter: its own title
    and date, and ``news:``, a list of records (title, date, a summary) that its layout renders.
    Read as one post of the folder it had been a single item, "Recent News"; its records are the
    news, and a post beside it in the folder is still one item."""
    site = tmp_path / "site"
    (site / "content" / "news").mkdir(parents=True)
    (site / "hugoblox.yaml").write_text("build: {}\n")
    (site / "config.yaml").write_text("title: A homepage\n")
    (site / "content" / "news" / "_index.md").write_text("---\ntitle: Recent News\ndate: 2024-09-05\n---\n")
    page = (
        '---\ntitle: "Recent News"\ndate: 2023-09-05\nnews:\n'
        '  - title: "📘 One paper has been accepted to ECCV 2026."\n    date: "2026-06-18"\n'
        '  - title: "🎁 I have been awarded the Optiver AI PhD Scholarship!"\n    date: "2026-04-07"\n'
        "    summary: \"Please refer to <a href='https://example.org/s'>this page</a> for more details\"\n"
        '  - title: "🎯 See you in Singapore, ICLR 2025!"\n    date: "2025-04-23"\n---\n'
    )
    (site / "content" / "news" / "news.md").write_text(page)
    (site / "content" / "news" / "moved.md").write_text("---\ntitle: The lab moved\ndate: 2025-05-01\n---\n")
    result = read_path(site, today=TODAY)
    got = [
        (i.posted.display() if i.posted else None, " ".join(i.text.split()[:4]), i.kind) for i in result.items
    ]
    assert got == [
        ("18 Jun 2026", "📘 One paper has", "acceptance"),
        ("7 Apr 2026", "🎁 I have been", "award"),
        ("1 May 2025", "The lab moved", "other"),
        ("23 Apr 2025", "🎯 See you in", "travel"),
    ]
    assert "page with news records in its front matter" in result.description
    alone = read_path(site / "content" / "news" / "news.md", today=TODAY)
    assert [" ".join(i.text.split()[:4]) for i in alone.items] == [
        t for _, t, _ in got if t != "The lab moved"
    ]


def test_a_post_whose_body_repeats_its_title_is_not_read_with_the_title_twice(tmp_path: Path) -> None:
    """A lab's posts generated from a spreadsheet: the title ("Timing Research Forum 4 (Tokyo)
    ()") and a body that opens with the same words, its link written out ("… ([link](…))"). The
    item had been the title and then the title again; a body that opens otherwise still follows
    its title."""
    news = tmp_path / "news"
    news.mkdir()
    (news / "2025-10-17-trf.md").write_text(
        '---\ntitle: "Timing Research Forum 4 (Tokyo) ()"\ndate: 2025-10-17\ncategory: event\n---\n\n'
        "Timing Research Forum 4 (Tokyo) ([link](https://example.org/trf4))\n"
        "Iizuka: Temporal expectancy and dopamine in rats\n"
    )
    (news / "2025-09-26-s4sn.md").write_text(
        "---\ntitle: S4SN2025\ndate: 2025-09-26\n---\n\nOshima presented markerless 3D tracking of rodents.\n"
    )
    result = read_path(news, today=TODAY)
    assert [i.text for i in result.items] == [
        "Timing Research Forum 4 (Tokyo) ([link](https://example.org/trf4)) Iizuka: Temporal expectancy "
        "and dopamine in rats",
        "S4SN2025 Oshima presented markerless 3D tracking of rodents.",
    ]
    assert [i.title for i in result.items] == ["Timing Research Forum 4 (Tokyo) ()", "S4SN2025"]


def test_a_javascript_sites_news_data_in_src_data_is_where_its_news_are(tmp_path: Path) -> None:
    """A Next.js, Vite, Vue or Astro site (package.json) keeps its news in src/data/news.json:
    the site folder is read from there. Such sites had given "no news where sites keep them",
    or, with no other marker, been read as a folder of posts holding 0 files."""
    site = tmp_path / "site"
    (site / "src" / "data").mkdir(parents=True)
    (site / "src" / "components").mkdir()
    (site / "package.json").write_text('{"name": "homepage", "scripts": {"dev": "next dev"}}\n')
    (site / "src" / "components" / "News.tsx").write_text("export default function News() { return null }\n")
    (site / "src" / "data" / "news.json").write_text(
        json.dumps(
            [
                {"date": "2025-09-02", "content": "✈️ Tickets booked for ICCV!"},
                {"date": "2025-08-21", "content": "Started my PhD at the University of Colorado Boulder"},
            ]
        )
    )
    result = read_path(site, today=TODAY)
    assert [(i.posted.display(), i.kind) for i in result.items if i.posted] == [
        ("2 Sep 2025", "travel"),
        ("21 Aug 2025", "position"),
    ]
    assert result.description.startswith("site folder: its news in src/data/news.json")
    # a Vite site that fetches public/data/news.json as the page loads
    (site / "src" / "data" / "news.json").unlink()
    (site / "public" / "data").mkdir(parents=True)
    (site / "public" / "data" / "news.json").write_text(
        json.dumps(
            {
                "updatedAt": "2026-05-31",
                "news": [
                    {
                        "date": "2025-12-05",
                        "title": "Myeong won an award",
                        "summary": "",
                        "images": ["img/1.webp"],
                    },
                    {
                        "date": "2025-11-05",
                        "title": "A talk in Oslo",
                        "summary": "",
                        "images": ["img/2.jpg", "img/3.jpg"],
                    },
                ],
            }
        )
    )
    result = read_path(site, today=TODAY)
    assert [(i.text, i.kind) for i in result.items] == [
        ("Myeong won an award", "award"),
        ("A talk in Oslo", "talk"),
    ]


def test_a_date_field_written_yy_mm_dd_throughout_is_read_year_first() -> None:
    """ "19/09/12", "19/08/27": only year, month, day makes every value a past date (day-first,
    "19/08/27" was 19 Aug 2027, and "19/09/12" 19 Sep 2012). A field whose values all read
    day-first stays day-first."""
    data = json.dumps(
        [
            {"date": "19/09/12", "content": "We launched our new website."},
            {"date": "19/08/27", "content": "Group meetings are on Wednesdays at 6 p.m."},
            {"date": "19/05/10", "content": "Our paper was accepted by IJCAI 19."},
        ]
    )
    result = parse_text(data, today=TODAY, path="news.json")
    assert [i.posted.display() for i in result.items if i.posted] == [
        "12 Sep 2019",
        "27 Aug 2019",
        "10 May 2019",
    ]
    day_first = json.dumps(
        [
            {"date": "25/09/12", "content": "We launched our new website."},
            {"date": "13/08/12", "content": "Our paper was accepted by IJCAI."},
        ]
    )
    result = parse_text(day_first, today=TODAY, path="news.json")
    assert [i.posted.display() for i in result.items if i.posted] == ["25 Sep 2012", "13 Aug 2012"]


def test_a_folder_reads_its_other_posts_when_one_file_is_binary_or_refused(tmp_path: Path) -> None:
    """A font's .html (NUL bytes) or a post with a line too long beside the posts: the others are
    read and the report names the files left out. One such file had failed the whole import."""
    posts = tmp_path / "posts"
    posts.mkdir()
    (posts / "2024-05-02-talk.md").write_text("---\ntitle: A talk in Oslo\ndate: 2024-05-02\n---\n")
    (posts / "glyphs.html").write_bytes(b"<svg>\x00\x01</svg>")
    (posts / "2024-04-01-long.md").write_text("---\ndate: 2024-04-01\n---\n" + "x" * 200_000 + "\n")
    result = read_path(posts, today=TODAY)
    assert [i.title for i in result.items] == ["A talk in Oslo"]
    assert any("glyphs.html" in w and "NUL" in w for w in result.warnings)
    assert any("2024-04-01-long.md" in w for w in result.warnings)
    (posts / "2024-05-02-talk.md").unlink()
    (posts / "2024-04-01-long.md").unlink()
    with pytest.raises(UnreadableDocument, match="NUL"):
        read_path(posts, today=TODAY)


def test_a_hugo_academic_section_that_lists_posts_or_is_switched_off_holds_no_news(tmp_path: Path) -> None:
    """``content/home/news.md`` that lists the posts (``widget = "posts"``) is a listing: the
    news are the posts, read from ``content/post/``; a section switched off (``active = false``),
    a draft or an unpublished page is not shown, so its list is no news. The listing had been read
    as one post ("News and Musings", dated by its front matter), and a hidden section's line as
    the site's only item."""
    site = tmp_path / "site"
    (site / "content" / "home").mkdir(parents=True)
    (site / "content" / "post").mkdir()
    (site / "config.toml").write_text('title = "A lab"\n')
    (site / "content" / "home" / "news.md").write_text(
        '+++\nwidget = "posts"\ndate = 2016-04-20T00:00:00\ntitle = "News and Musings"\ncount = 5\n+++\n'
    )
    (site / "content" / "post" / "opening.md").write_text(
        '+++\ntitle = "The lab opens for business"\ndate = 2019-01-29\n+++\nWe opened the lab.\n'
    )
    result = read_path(site, today=TODAY)
    assert [i.title for i in result.items] == ["The lab opens for business"]
    assert any(
        "content/home/news.md (a template: its news are read from content/post/)" in w
        for w in result.warnings
    )
    (site / "content" / "home" / "news.md").write_text(
        '+++\ntitle = "News"\nwidget = "blank"\nactive = false\n+++\n- Bart has graduated with his PhD.\n'
    )
    result = read_path(site, today=TODAY)
    assert [i.title for i in result.items] == ["The lab opens for business"]
    alone = read_path(site / "content" / "home" / "news.md", today=TODAY)
    assert alone.items == [] and any("active = false" in w for w in alone.warnings)
    (site / "content" / "home" / "news.md").write_text("---\ntitle: News\npublished: false\n---\n- A line.\n")
    assert read_path(site / "content" / "home" / "news.md", today=TODAY).items == []
    # posts the site does not show (Jekyll's published: false, a draft) are not items of a folder
    (site / "content" / "post" / "later.md").write_text(
        "---\ntitle: Later\ndate: 2019-02-01\npublished: false\n---\nx\n"
    )
    (site / "content" / "post" / "draft.md").write_text(
        "---\ntitle: Draft\ndate: 2019-03-01\ndraft: true\n---\nx\n"
    )
    posts = read_path(site / "content" / "post", today=TODAY)
    assert [i.title for i in posts.items] == ["The lab opens for business"]
    assert sum("not shown on the site" in w for w in posts.warnings) == 2


def test_a_hugo_sites_updates_section_is_its_news(tmp_path: Path) -> None:
    """A physicist's Hugo site keeps its 23 news as ``content/updates/2026-06-16-preprints.md``
    and so on; the site had "no news where sites keep them". A section named Updates is where
    a site keeps its news, as one named News is; a research group's Hugo theme's monthly
    sample posts there (``description: "test post"``, "*Markdown here*") are the theme's."""
    site = tmp_path / "site"
    (site / "content" / "updates").mkdir(parents=True)
    (site / "hugo.toml").write_text('title = "Joosep Pata"\ntheme = "gokarna"\n')
    (site / "content" / "_index.md").write_text("---\ntitle: Home\n---\nI am a research scientist.\n")
    (site / "content" / "updates" / "2026-06-16-preprints.md").write_text(
        "---\ntitle: Two new preprints on particle-flow foundation models\ndate: 2026-06-16\n"
        'type: "post"\n---\nBoth are on arXiv.\n'
    )
    (site / "content" / "updates" / "2019_may.md").write_text(
        '---\ntitle: "May 2019"\ndescription: "test post"\ndate: 2020-01-28T00:10:51+09:00\n---\n'
        "\n*Markdown here*\n"
    )
    result = read_path(site, today=TODAY)
    assert [(i.title, i.posted.display() if i.posted else None) for i in result.items] == [
        ("Two new preprints on particle-flow foundation models", "16 Jun 2026")
    ], result.warnings
    assert any("2019_may.md:1: its description is" in w for w in result.warnings), result.warnings


def test_a_multilingual_hugo_sites_news_are_in_its_english_content_folder(tmp_path: Path) -> None:
    """A Hugo site in two languages keeps one content folder per language (``content/en/``,
    ``content/zh/``): its news are in ``content/en/home/news.md``, read before the other
    language's; the site had "no news where sites keep them"."""
    site = tmp_path / "site"
    page = (FIXTURES / "more" / "hugo_home_news.md").read_text(encoding="utf-8")
    for lang in ("zh", "en"):
        (site / "content" / lang / "home").mkdir(parents=True)
        (site / "content" / lang / "home" / "news.md").write_text(page, encoding="utf-8")
    (site / "content" / "ai").mkdir()  # a topic folder of two letters holds no news place
    (site / "config.toml").write_text('title = "A lab"\ndefaultContentLanguage = "en"\n')
    result = read_path(site, today=TODAY)
    assert "its news in content/en/home/news.md" in result.description
    assert any("content/zh/home/news.md" in w for w in result.warnings)
    assert ("2023-03-12", "acceptance") in [
        (i.posted.start.isoformat() if i.posted else None, i.kind) for i in result.items
    ]


def test_a_multilingual_sites_news_data_file_per_language_is_read_in_english(tmp_path: Path) -> None:
    """A Hugo site in two languages keeps its news as ``data/en/news.yml`` and
    ``data/ko/news.yml`` (``index site.Data .Lang "news"``), its ``content/news.md`` a stub the
    template fills: the English file is its news (the other named), where the site had "no news
    where sites keep them"; Jekyll's ``_data/en/news.yml`` likewise."""
    for data in ("data", "_data"):
        site = tmp_path / data
        for lang, words in (("ko", "(한국어)"), ("en", "")):
            (site / data / lang).mkdir(parents=True)
            (site / data / lang / "news.yml").write_text(
                f"- date: 2026-03-01\n  text: Started the M.S. program at GIST.{words}\n"
                f"- date: 2024-11-12\n  text: Our paper was accepted at Findings of EMNLP 2024.{words}\n",
                encoding="utf-8",
            )
        (site / "content").mkdir()
        (site / "content" / "news.md").write_text('---\ntitle: "News"\ntype: "news"\n---\n')
        (site / "hugo.toml").write_text('defaultContentLanguage = "en"\n')
        result = read_path(site, today=TODAY)
        assert f"its news in {data}/en/news.yml" in result.description
        assert any(f"{data}/ko/news.yml" in w for w in result.warnings)
        assert [i.text for i in result.items] == [
            "Started the M.S. program at GIST.",
            "Our paper was accepted at Findings of EMNLP 2024.",
        ]


def test_a_javascript_sites_component_named_for_news_is_where_its_news_are(tmp_path: Path) -> None:
    """A React, Vue or Astro site that keeps its news in a component (``src/components/news/
    News.js`` with ``const newsItems = [...]``, ``src/News.tsx`` written as markup): the site
    folder is read from there; of several, the one with the most dated news (a page of all news
    kept since 2023 is stale beside the home page's box of this year's). Such sites had given "no
    news where sites keep them". Astro's posts (``src/content/posts/``) are a site's posts too."""
    site = tmp_path / "site"
    (site / "src" / "components" / "news").mkdir(parents=True)
    (site / "package.json").write_text('{"name": "homepage", "scripts": {"start": "react-scripts start"}}\n')
    (site / "src" / "components" / "Header.jsx").write_text("export default () => <h1>Dmytro</h1>;\n")
    (site / "src" / "components" / "news" / "News.css").write_text(".news-item { margin: 0 }\n")
    (site / "src" / "components" / "news" / "News.js").write_text(
        "const newsItems = [\n"
        '    { date: "Jan 2024", description: "Finished my research @ Anhalt University" },\n'
        '    { date: "Dec 2023", description: "Blog created 🥳" },\n'
        "];\nexport default function News() { return null; }\n"
    )
    result = read_path(site, today=TODAY)
    assert result.description.startswith("site folder: its news in src/components/news/News.js, JavaScript")
    assert [(i.posted.display() if i.posted else None, i.text) for i in result.items] == [
        ("January 2024", "Finished my research @ Anhalt University"),
        ("December 2023", "Blog created 🥳"),
    ]
    # a page of all news, larger (read first) but older, beside the home page's component
    long = "a paper on multitask learning, " * 4
    (site / "src" / "AllNews.tsx").write_text(
        "const AllNews = () => {\n  const newsItems = [\n"
        + "".join(
            f'    {{ date: "{m}, 2023", content: "Dongyue presented {m}: {long}at KDD." }},\n'
            for m in ("Oct", "Sep", "Aug")
        )
        + "  ];\n  return <div>{newsItems.map((n) => <p>{n.content}</p>)}</div>;\n};\n"
        + "export default AllNews;\n"
    )
    (site / "src" / "components" / "news" / "News.js").unlink()
    (site / "src" / "News.tsx").write_text(
        'const News: React.FC = () => (\n  <div className="news">\n    <h2>Recent Updates</h2>\n'
        + "".join(
            f'    <div className="news-item"><div className="news-date">{d}</div><p>{t}</p></div>\n'
            for d, t in (
                ("Apr, 2025", "Welcome Minxuan Duan to our lab as a PhD student!"),
                ("Oct, 2024", "We are looking for PhD students."),
                ("Sep, 2024", "New paper at EMNLP."),
                ("Aug, 2024", "Serving as a Senior PC of AAAI'25."),
            )
        )
        + "  </div>\n);\nexport default News;\n"
    )
    assert (site / "src" / "AllNews.tsx").stat().st_size > (site / "src" / "News.tsx").stat().st_size
    result = read_path(site, today=TODAY)
    assert result.description.startswith("site folder: its news in src/News.tsx"), result.description
    assert [i.posted.display() for i in result.items if i.posted][:2] == ["April 2025", "October 2024"]
    assert any("src/AllNews.tsx (3 dated news, fewer than News.tsx)" in w for w in result.warnings)
    # the same list kept once per language (src/locales/zh/news.js, src/locales/en/news.js):
    # the English one, though the Chinese file is larger
    vue = tmp_path / "vue"
    for lang, text in (
        ("zh", "我们的论文被 ICCV 2025 接收，欢迎交流讨论与合作"),
        ("en", "Paper accepted at ICCV 2025"),
    ):
        (vue / "src" / "locales" / lang).mkdir(parents=True)
        (vue / "src" / "locales" / lang / "news.js").write_text(
            f"export default {{ data: [{{ date: '2025-06', content: '{text}' }}] }};\n"
        )
    (vue / "package.json").write_text('{"name": "homepage"}\n')
    result = read_path(vue, today=TODAY)
    assert result.description.startswith("site folder: its news in src/locales/en/news.js"), (
        result.description
    )
    assert [i.text for i in result.items] == ["Paper accepted at ICCV 2025"]
    # a component that imports its list from a module of the site: that module
    lab = tmp_path / "lab"
    (lab / "src" / "components").mkdir(parents=True)
    (lab / "src" / "constants").mkdir()
    (lab / "package.json").write_text('{"name": "lab"}\n')
    (lab / "src" / "components" / "NewsSection.jsx").write_text(
        'import { useState } from "react";\nimport { newsList } from "../constants/home";\n'
        "const NewsSection = () => (<section><h3>News Feed</h3>\n"
        "  {newsList.map((n) => <p dangerouslySetInnerHTML={{ __html: n.news }} />)}</section>);\n"
        "export default NewsSection;\n"
    )
    (lab / "src" / "constants" / "home.js").write_text(
        "const slides = [{ image: 'lab.jpg', caption: 'Our lab' }];\nconst newsList = [\n"
        '  {month: "Dec", year: "2023", news: "Allison completes her Undergraduate Research Study."},\n'
        '  {month: "Feb", year: "2023", news: "Arezoo defends her PhD thesis. Congratulations!"},\n'
        "];\nexport {newsList, slides}\n"
    )
    result = read_path(lab, today=TODAY)
    assert result.description.startswith("site folder: its news in src/constants/home.js"), result.description
    for written in ("/src/constants/home", "@/constants/home.js"):  # from the site's root; Vite's alias
        # (a Next.js site's "@/" is often its root, tsconfig's paths: "@/src/constants/home" then)
        section = lab / "src" / "components" / "NewsSection.jsx"
        section.write_text(section.read_text().replace('"../constants/home"', f'"{written}"'))
        again = read_path(lab, today=TODAY)
        assert again.description.startswith("site folder: its news in src/constants/home.js"), written
        section.write_text(section.read_text().replace(f'"{written}"', '"../constants/home"'))
    section = lab / "src" / "components" / "NewsSection.jsx"
    section.write_text(section.read_text().replace('"../constants/home"', '"@/src/constants/home"'))
    assert read_path(lab, today=TODAY).description.startswith(
        "site folder: its news in src/constants/home.js"
    )
    section.write_text(section.read_text().replace('"@/src/constants/home"', '"../constants/home"'))
    assert [(i.posted.display() if i.posted else None, i.text) for i in result.items] == [
        ("December 2023", "Allison completes her Undergraduate Research Study."),
        ("February 2023", "Arezoo defends her PhD thesis. Congratulations!"),
    ]
    # a page of an Astro site whose markup only loops over its news (nothing dated of its own),
    # which a script of the site loads from src/data/news.md
    astro_lab = tmp_path / "astro_lab"
    (astro_lab / "src" / "pages").mkdir(parents=True)
    (astro_lab / "src" / "data").mkdir()
    (astro_lab / "astro.config.mjs").write_text("export default {};\n")
    (astro_lab / "src" / "pages" / "news.astro").write_text(
        "---\nimport { loadNews } from '../lib/data/news'\nconst newsItems = await loadNews()\n---\n"
        '<section><h1>新闻动态</h1><div class="rounded"><h2>时间轴</h2><div class="space-y-1">'
        '{years.map((year: number) => (<a href={`#year-${year}`} class="block">{formatYear(year)}</a>))}'
        '</div></div><span class="ml-3">({yearNews.length}条)</span></section>\n'
    )
    assert parse_text(
        (astro_lab / "src" / "pages" / "news.astro").read_text(), today=TODAY, path="news.astro"
    ).items, "the page's markup reads as one undated entry"
    (astro_lab / "src" / "data" / "news.md").write_text(
        "## 2026-01-13 Our lab won the provincial award\n- **Link**: https://example.org/a\n"
        "- **Description**: Our work won the top prize.\n"
    )
    result = read_path(astro_lab, today=TODAY)
    assert result.description.startswith("site folder: its news in src/data/news.md"), result.description
    assert [(i.posted.display() if i.posted else None, i.title) for i in result.items] == [
        ("13 Jan 2026", "Our lab won the provincial award")
    ]
    (astro_lab / "src" / "data" / "news.md").unlink()
    with pytest.raises(UnreadableDocument, match=r"src/pages/news.astro \(no news found\)"):
        read_path(astro_lab, today=TODAY)
    # a SvelteKit route that reads its news with Vite's import.meta.glob: that folder
    kit = tmp_path / "kit"
    (kit / "src" / "routes" / "news").mkdir(parents=True)
    (kit / "src" / "md" / "news").mkdir(parents=True)
    (kit / "package.json").write_text('{"name": "group"}\n')
    (kit / "src" / "routes" / "news" / "+page.ts").write_text(
        "export async function load() {\n"
        '  const paths = import.meta.glob("/src/md/news/*.md", { eager: true });\n'
        "  return { posts: Object.values(paths) };\n}\n"
    )
    (kit / "src" / "md" / "news" / "kader.md").write_text(
        "---\ntitle: Siraz Kader starts his internship\ndate: 2021-05-30\npublished: true\n---\n"
    )
    result = read_path(kit, today=TODAY)
    assert result.description.startswith("site folder: its news in src/md/news/"), result.description
    assert [(i.posted.display() if i.posted else None, i.title) for i in result.items] == [
        ("30 May 2021", "Siraz Kader starts his internship")
    ]
    # an Astro site's content collection of posts, with no component named for news
    astro = tmp_path / "astro"
    (astro / "src" / "content" / "posts").mkdir(parents=True)
    (astro / "astro.config.mjs").write_text("export default {};\n")
    (astro / "src" / "content" / "posts" / "2025-01-22-iclr-news.md").write_text(
        "---\ntitle: Three papers at ICLR 2025\ndate: 2025-01-22\n---\n"
        "Three papers were accepted at ICLR 2025.\n"
    )
    result = read_path(astro, today=TODAY)
    assert result.description.startswith("site folder: its news in src/content/posts/"), result.description
    assert [(i.posted.display() if i.posted else None, i.kind) for i in result.items] == [
        ("22 Jan 2025", "acceptance")
    ]


def test_a_news_data_file_a_sites_script_loads_is_its_news_before_the_page_it_fills(tmp_path: Path) -> None:
    """A lab's ``news.html`` shows "Loading updates..." until ``assets/js/content.js`` runs
    ``loadJson('assets/data/news.json')``: the page had been read as two undated items (its
    lead-in and "Loading updates..."), or the site as "no news"; the data file a page or script
    loads, named for news, is the site's news, read before the page it fills. A data file no
    page loads, or one named otherwise (``members.json``), is not."""
    site = tmp_path / "site"
    (site / "assets" / "js").mkdir(parents=True)
    (site / "assets" / "data").mkdir()
    (site / "index.html").write_text("<html><body><h1>PLAN Lab</h1><p>We study vision.</p></body></html>")
    (site / "news.html").write_text(
        "<html><body><h1>News</h1><p>Research and lab updates.</p>"
        '<ul id="news-list"><li>Loading updates...</li></ul>'
        '<script src="assets/js/content.js"></script></body></html>'
    )
    (site / "assets" / "js" / "content.js").write_text(
        "async function load() {\n  const members = await loadJson('assets/data/members.json');\n"
        "  const data = await loadJson('assets/data/news.json');\n  render(data.news);\n}\n"
    )
    (site / "assets" / "data" / "members.json").write_text('[{"date": "2024-01-01", "text": "Jane joined."}]')
    (site / "assets" / "data" / "news.json").write_text(
        '{"news": [{"date": "2026-04", "title": "2 papers at ICML 2026!", "description": "UniDFlow."},'
        ' {"date": "2025-06", "title": "1 paper at CVPR 2025!", "description": "Congratulations!"}]}'
    )
    result = read_path(site, today=TODAY)
    assert "its news in assets/data/news.json" in result.description
    assert [(i.posted.display() if i.posted else None, i.kind) for i in result.items] == [
        ("April 2026", "acceptance"),
        ("June 2025", "acceptance"),
    ]
    (site / "assets" / "js" / "content.js").write_text("render(document.getElementById('news-list'));\n")
    unloaded = read_path(site, today=TODAY)
    assert "assets/data/news.json" not in unloaded.description


def test_a_pages_data_file_keeping_its_news_under_a_key_is_the_sites_news(tmp_path: Path) -> None:
    """A lab's TypeScript home page runs ``fetchDict('main/home/home.json')``, a file of the
    page's parts (its logo, its "about" text) whose ``news`` maps each news's title to its date,
    text and links: the site had been "no news" (its ``index.html`` is a shell the script fills),
    and the file read alone gave the texts without their titles. A data file a page loads, named
    otherwise, is the site's news when it keeps records under a key named for news; records
    keyed by their titles have them as their titles. A loaded file with no such key is not."""
    site = tmp_path / "site"
    (site / "main" / "home").mkdir(parents=True)
    (site / "index.html").write_text(
        '<html><body><div id="app"></div><script src="main/main.js"></script></body></html>'
    )
    (site / "main" / "home" / "home.ts").write_text(
        "const data = await fetchDict<THomeData>('main/home/home.json');\n"
        "const people = await fetchDict('main/people/people.json');\n"
    )
    (site / "main" / "home" / "home.json").write_text(
        json.dumps(
            {
                "logo": "lab.png",
                "about-text": "<p>We study brain structure with MRI.</p>",
                "news": {
                    "New paper published in the Journal of Magnetic Resonance Imaging": {
                        "date": "April 27, 2021",
                        "content": "Check out our latest paper on registration of diffusion MRI data.",
                        "links": {"our latest paper": "https://doi.org/10.1002/jmri.27654"},
                    },
                    "Congratulations to Cfir for completing his M.Sc.!": {
                        "date": "March 17, 2021",
                        "content": "Cfir has received his M.Sc. diploma.",
                    },
                },
            }
        )
    )
    result = read_path(site, today=TODAY)
    assert "its news in main/home/home.json" in result.description, result.description
    assert [(i.posted.display() if i.posted else None, i.title) for i in result.items] == [
        ("27 Apr 2021", "New paper published in the Journal of Magnetic Resonance Imaging"),
        ("17 Mar 2021", "Congratulations to Cfir for completing his M.Sc.!"),
    ]
    assert result.items[0].text.startswith(
        "New paper published in the Journal of Magnetic Resonance Imaging Check"
    )
    (site / "main" / "home" / "home.json").write_text(
        json.dumps({"logo": "lab.png", "team": [{"name": "Ido"}]})
    )
    with pytest.raises(UnreadableDocument):
        read_path(site, today=TODAY)


def test_a_repository_that_keeps_its_site_in_docs_is_read_as_that_site(tmp_path: Path) -> None:
    """A repository of ``LICENSE``, ``README.md`` and ``docs/`` (a Jekyll site with
    ``_config.yml``, served by GitHub Pages from ``docs/``): its ``docs/index.md`` had been taken
    for a post of the repository, which was read as "folder of news files, 1 file" (the
    home page's title); it is read as the site in ``docs/``, from its ``_data/news.yml``. A
    folder of page bundles with a README stays a folder of posts."""
    repo = tmp_path / "repo"
    (repo / "docs" / "_data").mkdir(parents=True)
    (repo / "LICENSE").write_text("MIT License\n")
    (repo / "README.md").write_text("# My website\n")
    (repo / "docs" / "_config.yml").write_text("title: Simon\n")
    (repo / "docs" / "index.md").write_text(
        "---\nlayout: home\n---\n# Simon Rey\n\nI work on social choice.\n"
    )
    (repo / "docs" / "_data" / "news.yml").write_text(
        "- title: See You!\n  publication_date: 2024-11-27\n  text: I am leaving academia.\n"
        "- title: Pabutools\n  publication_date: 2023-10-02\n  text: Introducing the Pabutools.\n"
    )
    result = read_path(repo, today=TODAY)
    assert result.description.startswith("docs/ of the folder: site folder: its news in _data/news.yml")
    assert [i.posted.start.isoformat() if i.posted else None for i in result.items] == [
        "2024-11-27",
        "2023-10-02",
    ]
    posts = tmp_path / "post"
    (posts / "first").mkdir(parents=True)
    (posts / "README.md").write_text("# Posts\n")
    (posts / "first" / "index.md").write_text(
        "---\ntitle: Paper accepted at ICML\ndate: 2024-05-01\n---\nYes.\n"
    )
    assert [i.title for i in read_path(posts, today=TODAY).items] == ["Paper accepted at ICML"]


def test_a_news_script_a_page_loads_is_read_as_its_list(tmp_path: Path) -> None:
    """``news.html`` draws its list from ``<script src="assets/js/news.js">``, which holds
    ``const newsData = [{…}]``: the page had been read as its five undated placeholders; the
    script named for news that a page loads is read as data, before the page."""
    site = tmp_path / "site"
    (site / "assets" / "js").mkdir(parents=True)
    (site / "index.html").write_text("<html><body><h1>Lab</h1></body></html>")
    (site / "news.html").write_text(
        "<html><body><h1>News</h1><div id='news'><p>Loading…</p></div>"
        '<script src="assets/js/news.js"></script></body></html>'
    )
    (site / "assets" / "js" / "news.js").write_text(
        "// the news page\nconst newsData = [\n"
        "  { date: '2025-03-15', title: 'Paper accepted at CVPR 2025', summary: 'RegFormer.' },\n"
        "  { date: '2024-12-15', title: 'Two new members joined', summary: 'Welcome!' },\n];\n"
        "document.getElementById('news').innerHTML = newsData.map(n => n.title).join('');\n"
    )
    result = read_path(site, today=TODAY)
    assert "its news in assets/js/news.js" in result.description
    assert [i.posted.start.isoformat() if i.posted else None for i in result.items] == [
        "2025-03-15",
        "2024-12-15",
    ]


def test_a_data_file_named_for_the_latest_news_a_script_loads_is_the_sites_news(tmp_path: Path) -> None:
    """A lab's home page shows "Latest in Lab" from ``assets/js/latest-lab-panel.js``, which
    runs ``fetch('assets/data/latest.json')`` (``{"latestInLab": [{"date": "May' 26", …}]}``):
    the site had read as "no news", since only news, updates and announcements named a news
    file. "Latest" names news as a heading does, in a file that holds something dated; the latest
    publications or version do not."""
    site = tmp_path / "site"
    (site / "assets" / "js").mkdir(parents=True)
    (site / "assets" / "data").mkdir()
    (site / "index.html").write_text(
        "<html><body><h1>Lab</h1><h2>Latest in Lab</h2><div id='latest-lab-list'></div>"
        '<script src="assets/js/latest-lab-panel.js"></script></body></html>'
    )
    (site / "assets" / "js" / "latest-lab-panel.js").write_text(
        "async function load() {\n  var res = await fetch('assets/data/latest.json');\n"
        "  var pubs = await fetch('assets/data/latest-publications.json');\n"
        "  render((await res.json()).latestInLab);\n}\n"
    )
    (site / "assets" / "data" / "latest.json").write_text(
        '{"latestInLab": [{"date": "May\' 26", "text": "Ratul spoke at Iowa Public Radio about our work."},'
        ' {"date": "Jan\' 26", "text": "Hannah won the Best Oral Presentation award."}]}'
    )
    (site / "assets" / "data" / "latest-publications.json").write_text(
        '[{"date": "2026-02-01", "title": "A paper on pores", "venue": "JCIM"},'
        ' {"date": "2025-11-01", "title": "A paper on viruses", "venue": "PNAS"}]'
    )
    result = read_path(site, today=TODAY)
    assert "its news in assets/data/latest.json" in result.description
    assert [(i.posted.display() if i.posted else None, i.kind) for i in result.items] == [
        ("May 2026", "talk"),
        ("January 2026", "award"),
    ]
    # a file of the latest that holds nothing dated (a site's latest forecasts by country) is none
    (site / "assets" / "data" / "latest.json").write_text(
        '{"entities": [{"name": "Afghanistan", "band": "low"}, {"name": "Albania", "band": "high"}]}'
    )
    with pytest.raises(UnreadableDocument, match="no news where sites keep them") as raised:
        read_path(site, today=TODAY)
    assert "latest-publications" not in str(raised.value)
    # only files named for the latest must hold something dated: a multilingual Hugo site's
    # posts in content/en/post/, undated, are still its news
    hugo = tmp_path / "hugo"
    (hugo / "content" / "en" / "post").mkdir(parents=True)
    (hugo / "content" / "zh").mkdir()
    (hugo / "hugo.toml").write_text('title = "Lab"\n')
    (hugo / "content" / "en" / "post" / "welcome.md").write_text(
        "---\ntitle: Ana joined the lab\n---\nWelcome!\n"
    )
    assert [i.title for i in read_path(hugo, today=TODAY).items] == ["Ana joined the lab"]


def test_a_github_profile_repositorys_readme_with_a_news_section_is_its_news(tmp_path: Path) -> None:
    """A researcher's GitHub profile repository (``alice/alice``) holds only ``README.md``, with
    "## 🔥 News" beside "## 📝 Publications": the folder had read as "0 files"; its README is
    the page its owner keeps, read for its News. A README with no News section is still no
    news, and a site's README is never read (its news are where the site keeps them)."""
    profile = tmp_path / "alice"
    (profile / "images").mkdir(parents=True)
    (profile / "images" / "banner.svg").write_text("<svg/>")
    (profile / "README.md").write_text(
        "# Hi, I am Alice 👋\n\nPhD student at MIT.\n\n## 🔥 News\n\n"
        "- **[2026.05]** Our paper was accepted at ICML 2026!\n- **[2026.01]** Gave a talk at Stanford.\n\n"
        "## 📝 Publications\n\n- 2026 Paper A, ICML 2026\n",
        encoding="utf-8",
    )
    result = read_path(profile, today=TODAY)
    assert result.description.startswith("README.md, the repository's page with a News section")
    assert [(i.posted.display() if i.posted else None, i.kind) for i in result.items] == [
        ("May 2026", "acceptance"),
        ("January 2026", "talk"),
    ]
    (profile / "README.md").write_text("# Hi\n\n## Publications\n\n- 2026 Paper A, ICML 2026\n")
    assert read_path(profile, today=TODAY).items == []
    # a project's README whose "Update Steps" say how to deploy: "update" followed by the
    # thing updated is no News heading (a lab's site had read its eight steps as news)
    (profile / "README.md").write_text(
        "# Lab website\n\n## Deployment\n\n#### Update Steps\n\n1. Commit your changes.\n"
        "2. Push to main.\n\n#### Update the backend\n\n- Run `clasp push`.\n"
    )
    assert read_path(profile, today=TODAY).items == []
    (profile / "README.md").write_text("# Alice\n\n## Latest Update\n\n- 05/2026: Moved to Oxford.\n")
    assert [i.title for i in read_path(profile, today=TODAY).items] == ["Moved to Oxford."]


def test_a_page_a_home_page_loads_into_itself_is_read_for_its_news(tmp_path: Path) -> None:
    """A lab's ``index.html`` is a frame whose script runs ``$("#contents").load(
    "contents/index.html")``: the site had read as "no news" (the frame has none); the page it
    loads is part of it, read when a heading of it names the News. A loaded page with no News
    heading (the navigation bar) is not."""
    site = tmp_path / "site"
    (site / "contents").mkdir(parents=True)
    (site / "template").mkdir()
    (site / "index.html").write_text(
        "<html><head><script>$(function () { $('#nav_bar').load('template/nav_bar.html'); });"
        '$(function () { $("#contents").load("contents/index.html"); });</script></head>'
        '<body><div id="nav_bar"></div><div id="contents"></div></body></html>'
    )
    (site / "template" / "nav_bar.html").write_text("<ul><li>2018 Home</li><li>2019 About</li></ul>")
    (site / "contents" / "index.html").write_text(
        "<div><h3>About</h3><p>We design molecules.</p><h3>News</h3><ul>"
        "<li>2018, Professor Tseng was invited to give a talk at DCB on Dec. 22th.</li>"
        "<li>2017, the team received the Future Tech Break-Through Award.</li></ul></div>"
    )
    result = read_path(site, today=TODAY)
    assert "its news in contents/index.html" in result.description
    assert [(i.posted.display() if i.posted else None, i.kind) for i in result.items] == [
        ("2018", "talk"),
        ("2017", "award"),
    ]


def test_a_quarto_or_myst_sites_news_yml_and_a_listings_contents_file_are_its_news(tmp_path: Path) -> None:
    """A Quarto site keeps ``news.yml`` at its top, which ``news.qmd`` lists (``listing:
    contents: news.yml``, drawn by an EJS template): the site had read as "no news"; a data
    file named for news at the top is a News place, and a listing page with no news of its own
    is read as the file it lists whatever its name (``contents: items.yml``)."""
    item = (
        "- date: 2026-04-23\n  text: Fei's work appears in *JCI Insight*.\n"
        "- date: 2025-05-01\n  text: Will is elected a Fellow.\n"
    )
    listing = (
        '---\ntitle: "News"\nlisting:\n  - id: all-news\n    contents: {name}\n'
        "    template: _news.ejs\n---\n\n::: {{#all-news}}\n:::\n"
    )
    for name in ("news.yml", "items.yml"):
        site = tmp_path / name
        site.mkdir()
        (site / "_quarto.yml").write_text("project:\n  type: website\n")
        (site / "index.qmd").write_text("---\ntitle: The Oldham Lab\n---\n\nWe study metabolism.\n")
        (site / "news.qmd").write_text(listing.format(name=name))
        (site / name).write_text(item)
        result = read_path(site, today=TODAY)
        assert f"its news in {name}" in result.description
        assert [i.posted.start.isoformat() if i.posted else None for i in result.items] == [
            "2026-04-23",
            "2025-05-01",
        ]


def test_a_data_file_a_script_loads_from_the_sites_root_may_be_served_from_static(tmp_path: Path) -> None:
    """A SvelteKit site's News route loads ``/news.yml``, which the site keeps as
    ``static/news.yml`` (served at its root): it had read as "no news"."""
    site = tmp_path / "site"
    (site / "src" / "routes" / "news").mkdir(parents=True)
    (site / "static").mkdir()
    (site / "package.json").write_text('{"name": "home"}')
    (site / "src" / "routes" / "news" / "+page.js").write_text(
        "export async function load({ fetch }) {\n  const res = await fetch('/news.yml');\n"
        "  return { news: await res.text() };\n}\n"
    )
    (site / "static" / "news.yml").write_text(
        "- date: 2026-03-01\n  news: Our paper was accepted at CHI 2026.\n"
        "- date: 2025-10-01\n  news: Started at CMU.\n"
    )
    result = read_path(site, today=TODAY)
    assert "its news in static/news.yml" in result.description
    assert [i.kind for i in result.items] == ["acceptance", "position"]


_HUGO_RSS = """<?xml version="1.0" encoding="utf-8" standalone="yes"?>
<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom"><channel><title>Kelvin Aerospace Lab</title>
<link>http://localhost:1313/</link><generator>Hugo</generator>
<item><title>Transient Nozzle Simulation (Fluent)</title><link>http://localhost:1313/updates/117/</link>
<pubDate>Sun, 08 Feb 2026 00:00:00 +0000</pubDate>
<description>&lt;p&gt;We validated the nozzle flow.&lt;/p&gt;</description></item>
<item><title>Welcome to Kelvin Aerospace Lab</title><link>http://localhost:1313/updates/1/</link>
<pubDate>Fri, 12 Sep 2025 13:35:00 -0500</pubDate><description>Our new updates section.</description></item>
<item><title>About</title><link>http://localhost:1313/about/</link>
<pubDate>Mon, 01 Jan 0001 00:00:00 +0000</pubDate><description>Who we are.</description></item>
</channel></rss>
"""


def test_a_feed_kept_as_a_file_is_read_as_a_feed_and_a_zero_date_is_no_crash(tmp_path: Path) -> None:
    """``newsfeed import index.xml`` on a built Hugo site's RSS feed had read it as a Markdown
    page (its dates, links and tags as 65 items); a file that is an Atom or RSS feed is read
    with the feed reader, one item per entry. Hugo dates a page without a date ``Mon, 01 Jan
    0001``: that had raised out of the feed reader (a followed source's sync with it, too); the
    entry is one without a date, skipped with a warning."""
    feed = tmp_path / "index.xml"
    feed.write_text(_HUGO_RSS)
    result = read_path(feed, today=TODAY.replace(year=2026))
    assert result.description == "Atom or RSS feed, 2 entries"
    assert [(i.posted.start.isoformat() if i.posted else None, i.title) for i in result.items] == [
        ("2026-02-08", "Transient Nozzle Simulation (Fluent)"),
        ("2025-09-12", "Welcome to Kelvin Aerospace Lab"),
    ]
    assert any("entry 3 ('About') has no date: skipped" in w for w in result.warnings)


def test_a_built_sites_own_feed_is_read_when_no_other_place_holds_news(tmp_path: Path) -> None:
    """A built Hugo site (its ``index.html``, ``index.xml``, no sources) with no News section
    on its home page: it had read as "no news"; its own feed holds its posts, read before the
    home page. A ``feed.xml`` that is a template (Jekyll's, front matter and Liquid) is no feed."""
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("<html><body><h1>Kelvin Aerospace Lab</h1><p>Rockets.</p></body></html>")
    (site / "index.xml").write_text(_HUGO_RSS)
    (site / "feed.xml").write_text(
        '---\nlayout: null\n---\n<?xml version="1.0"?>\n<rss>{% for post in site.posts %}{% endfor %}</rss>\n'
    )
    result = read_path(site, today=TODAY.replace(year=2026))
    assert "its news in index.xml, Atom or RSS feed, 2 entries" in result.description
    assert len(result.items) == 2


def test_a_hugo_templates_resource_named_for_news_is_its_news(tmp_path: Path) -> None:
    """A Hugo lab site's home page renders ``{{ (resources.Get "news.md").Content | markdownify }}``
    from ``layouts/partials/news.html``; the page is ``assets/news.md`` (Hugo's resources live in
    assets/): the site had read as "no news"."""
    site = tmp_path / "site"
    (site / "layouts" / "partials").mkdir(parents=True)
    (site / "assets").mkdir()
    (site / "hugo.toml").write_text('title = "WiSE Lab"\n')
    (site / "layouts" / "partials" / "news.html").write_text(
        '{{- (resources.Get "news.md").Content | markdownify -}}\n'
    )
    (site / "assets" / "news.md").write_text(
        "## Latest News\n*  **Nov 17, 2023**: <br/>Congrats to Rahul for defending!\n"
        "*  **Apr 19, 2020**: <br/>Congrats to Akshay on winning IPSN best paper!\n"
    )
    result = read_path(site, today=TODAY)
    assert "its news in assets/news.md" in result.description
    assert [(i.posted.start.isoformat() if i.posted else None, i.text) for i in result.items] == [
        ("2023-11-17", "Congrats to Rahul for defending!"),
        ("2020-04-19", "Congrats to Akshay on winning IPSN best paper!"),
    ]


def test_finding_the_data_files_a_sites_scripts_load_costs_linear_time(tmp_path: Path) -> None:
    """A script of one long run of letters and names before ``.json`` (a minified bundle) is
    read back at most 200 characters from each suffix: four times the script costs about four
    times as much, where a pattern matching the whole path forward costs the run's square."""
    from newsfeed.adapters.files import _fetched_news_data, _site_scripts

    def prepare(n: int) -> Any:
        site = tmp_path / f"site{n}"
        site.mkdir(exist_ok=True)
        (site / "app.js").write_text("a" * n + ".json" * (n // 20) + ("news" * 50 + ".yml\n") * (n // 400))
        return lambda: _fetched_news_data(site, _site_scripts(site))

    assert growth(prepare, 20_000) < LINEAR_WHEN_QUADRUPLED


def test_a_hugo_headless_bundles_files_are_its_posts_read_from_their_summary(tmp_path: Path) -> None:
    """A lab keeps its news as ``content/news/items/2024-05-01-….md``, the folder a headless
    bundle (``items/index.md`` says ``headless: true``; the News page's template lists its
    files), each post only a date and a ``description``. The bundle's page had been read as the
    one post and the site as "no news"; its files are the posts, each with its description as its
    text. A bundle that is not headless still has its ``index.md`` as its one post."""
    site = tmp_path / "site"
    items = site / "content" / "news" / "items"
    items.mkdir(parents=True)
    (site / "hugo.toml").write_text('title = "A lab"\n')
    (site / "content" / "news" / "_index.md").write_text('---\ntitle: "News"\n---\n')
    (items / "index.md").write_text('---\nheadless: true \ntype: "news"\n---\n')
    (items / "2024-05-01-ransika-joined.md").write_text(
        '---\ndate: 2024-05-01\ndescription: "Ransika has joined us as a PhD student. Welcome!"\n---\n'
    )
    (items / "2024-11-01-paper.md").write_text(
        '---\ndate: 2024-11-01\nsummary: "Our paper was accepted at **ACSAC 2024**."\n---\n'
    )
    bundle = site / "content" / "news" / "2023-lab-opened"
    bundle.mkdir()
    (bundle / "index.md").write_text("---\ntitle: The lab opened\ndate: 2023-02-01\n---\nWe are open.\n")
    (bundle / "notes.md").write_text("---\ntitle: Notes kept beside the post\n---\nnot a post\n")
    for place in (site, site / "content" / "news", items):
        result = read_path(place, today=TODAY)
        texts = [(i.posted.start.isoformat() if i.posted else None, i.text) for i in result.items]
        assert texts[:2] == [
            ("2024-11-01", "Our paper was accepted at ACSAC 2024."),
            ("2024-05-01", "Ransika has joined us as a PhD student. Welcome!"),
        ]
        assert texts[2:] == ([] if place == items else [("2023-02-01", "The lab opened We are open.")])


def test_a_hugo_sites_news_kept_as_data_files_by_year_and_language_are_read_once_in_english(
    tmp_path: Path,
) -> None:
    """Hugo reads a data folder as one tree (``data/news/2024/en.yaml`` is ``site.Data.news``):
    the site's news are the records of every file, each kept once per language (``en.yaml``,
    ``ja.yaml``, ``zh.yaml``) and read in English; a record the site hides (``display: false``)
    and a file with no records (the home page's summary settings) are not items. The site had
    "no news where sites keep them"."""
    site = tmp_path / "site"
    (site / "content" / "en" / "news").mkdir(parents=True)
    (site / "content" / "en" / "news" / "_index.md").write_text(
        '---\ntitle: "News"\nlayout: "data-list"\n---\n'
    )
    (site / "hugo.toml").write_text('defaultContentLanguage = "en"\n')
    record = "n_{k}:\n  display: {shown}\n  date: '{date}'\n  title: {title}\n  text: '{text}'\n"
    years = {
        "2023": [("2023-12-01", "Society, Member", "joined the **Society** as a Member.", "true")],
        "2024": [
            (
                "2024-03-12",
                "DSAA 2024, Program Committee",
                "served on the programme committee of DSAA.",
                "true",
            ),
            ("2024-01-05", "Draft", "not ready to be shown yet.", "false"),
        ],
    }
    for year, rows in years.items():
        for lang, mark in (("en", ""), ("ja", "（日本語）"), ("zh", "（中文）")):
            (site / "data" / "news" / year).mkdir(parents=True, exist_ok=True)
            (site / "data" / "news" / year / f"{lang}.yaml").write_text(
                "".join(
                    record.format(k=n, shown=shown, date=date, title=title + mark, text=text + mark)
                    for n, (date, title, text, shown) in enumerate(rows)
                ),
                encoding="utf-8",
            )
    (site / "data" / "news" / "_summary").mkdir()
    (site / "data" / "news" / "_summary" / "en.yaml").write_text(
        "display: false\nlabel: LATEST NEWS\nbutton: View all news\n"
    )
    result = read_path(site, today=TODAY)
    assert "its news in data/news/" in result.description
    assert [(i.posted.start.isoformat() if i.posted else None, i.text) for i in result.items] == [
        ("2024-03-12", "DSAA 2024, Program Committee served on the programme committee of DSAA."),
        ("2023-12-01", "Society, Member joined the **Society** as a Member."),
    ]
    assert any("display: false" in w for w in result.warnings)


def test_a_jekyll_data_folder_of_one_record_per_file_is_the_sites_news(tmp_path: Path) -> None:
    """Jekyll reads ``_data/news/*.json`` as ``site.data.news``: a site that keeps each news item
    as a file of one record (``{"date": …, "type": …, "title": …, "body_html": …}``) has its
    news there; each file is one item, dated by its field, newest first. The site had "no news
    where sites keep them"."""
    site = tmp_path / "site"
    (site / "_data" / "news").mkdir(parents=True)
    (site / "_config.yml").write_text("title: A homepage\n")
    records = {
        "2025-10-15_publication.json": {
            "date": "2025-10-15",
            "type": "publication",
            "title": "Publication at a journal",
            "body_html": 'My paper "<a href="https://doi.org/10.1/x">Targeting</a>" has been accepted.',
            "cover": "files/jop.jpeg",
        },
        "2026-02-13_workshop.json": {
            "date": "2026-02-13",
            "type": "presentation",
            "title": "A workshop on climate and behaviour",
            "body": "I was happy to attend and present at the workshop.",
            "cover": None,
        },
    }
    for name, record in records.items():
        (site / "_data" / "news" / name).write_text(json.dumps(record), encoding="utf-8")
    result = read_path(site, today=TODAY)
    assert "its news in _data/news/" in result.description
    assert [(i.posted.start.isoformat() if i.posted else None, i.title) for i in result.items] == [
        ("2026-02-13", "A workshop on climate and behaviour"),
        ("2025-10-15", "Publication at a journal"),
    ]
    assert "Targeting" in result.items[1].text and "<a" not in result.items[1].text


def test_a_home_page_whose_news_section_is_commented_out_has_no_news(tmp_path: Path) -> None:
    """A hand-written home page whose News section the author commented out (``<!-- <h2>News</h2>
    … -->``) has no news: its profile and its undated list of services had been imported as
    three undated items, as if they were news. A home page whose News section holds dated news
    is still read."""
    site = tmp_path / "site"
    site.mkdir()
    page = (
        "<html><body><h1>A. Person</h1><p>School of Mathematics, a University. Email: a@b.org</p>"
        "<h2>About Me</h2><p>I study causal learning.</p>"
        "<!--\n<h2>News</h2>\n<ul><li>2024/5/4, one paper has been accepted by TNNLS!</li></ul>-->"
        "<h2>Academic Services</h2><ul><li><strong>PC:</strong> NeurIPS 2024, ICML 2024.</li>"
        "<li><strong>Reviewer:</strong> IEEE TNNLS; Neurocomputing.</li></ul></body></html>"
    )
    (site / "index.html").write_text(page)
    with pytest.raises(UnreadableDocument, match="no news where sites keep them"):
        read_path(site, today=TODAY)
    (site / "index.html").write_text(page.replace("<!--", "").replace("-->", ""))
    assert [i.text for i in read_path(site, today=TODAY).items] == ["one paper has been accepted by TNNLS!"]


def test_a_news_page_with_a_date_in_its_front_matter_is_its_list_not_one_post(tmp_path: Path) -> None:
    """Hugo gives every page a ``date`` (its archetype writes one): ``content/news.md`` with
    ``title: News``, ``date: 2020-10-11`` and a list of dated news had been read as one post,
    "News", of 11 October 2020. A page whose body lists two or more dated items is that list; a
    post with a body and no such list is still one item."""
    site = tmp_path / "site"
    (site / "content").mkdir(parents=True)
    (site / "config.toml").write_text('title = "A lab"\n')
    (site / "content" / "news.md").write_text(
        '---\ntitle: "News"\ndate: 2020-10-11T00:00:00\n---\n\n'
        "- **July 24, 2020**: The university is accepting applications for two postdoc positions.\n\n"
        "&nbsp;\n- **Aug. 10, 2020**: Prof. Tong invited the group to his home for a BBQ.\n"
    )
    result = read_path(site, today=TODAY)
    assert [(i.posted.start.isoformat() if i.posted else None, i.text) for i in result.items] == [
        ("2020-07-24", "The university is accepting applications for two postdoc positions."),
        ("2020-08-10", "Prof. Tong invited the group to his home for a BBQ."),
    ]
    post = parse_text(
        "---\ntitle: Best paper award\ndate: 2024-05-01\n---\nOur paper won the award at a venue.\n",
        today=TODAY,
        path="_news/award.md",
    )
    assert [i.text for i in post.items] == ["Best paper award Our paper won the award at a venue."]


def test_a_hugo_page_that_reads_its_news_from_a_file_is_followed_to_it(tmp_path: Path) -> None:
    """Hugo Academic's ``content/news.md`` is often only ``{{< readfromfile "/content/newslist.md"
    1000 >}}``, a shortcode that pastes another file in: the site had been read as one post,
    "News" of 1 December 2017. The page is followed to the file it reads (from the site's root),
    as a Jekyll include is; a page that reads a file not named for news is not."""
    site = tmp_path / "site"
    (site / "content").mkdir(parents=True)
    (site / "config.toml").write_text('title = "A homepage"\n')
    (site / "content" / "news.md").write_text(
        '+++\ndate = 2017-12-01\ntitle = "News"\n+++\n\n{{< readfromfile "/content/newslist.md" 1000 >}}\n'
    )
    (site / "content" / "newslist.md").write_text(
        "**Poster** on constrained deep learning at a symposium. (Jun 7, 2023)\n\n"
        "**Paper acceptance**: Our paper has been accepted by ICASSP 2023! (Feb 16, 2023)\n"
    )
    result = read_path(site, today=TODAY)
    assert "content/newslist.md" in result.description
    assert [i.posted.start.isoformat() for i in result.items if i.posted] == ["2023-06-07", "2023-02-16"]


def test_a_repository_whose_site_is_in_a_subfolder_is_read_there(tmp_path: Path) -> None:
    """A lab's repository keeps its Astro site in ``astro/`` (``astro/src/content/news/``): the
    repository's own folder had read as "0 files". A folder that is no site and holds no news
    files, with one subfolder that is a site, is read as that site; a file named with a leading
    ``_`` in its news folder (``_README.md``, which Astro leaves out of the collection) is no
    post."""
    repo = tmp_path / "repo"
    news = repo / "astro" / "src" / "content" / "news"
    news.mkdir(parents=True)
    (repo / "README.md").write_text("# The lab's website\n")
    (repo / "astro" / "package.json").write_text("{}\n")
    (repo / "astro" / "astro.config.mjs").write_text("export default {}\n")
    (news / "2025-01-31-jose-joins.md").write_text("---\ntitle: José joins the lab\ndate: 2025-01-31\n---\n")
    (news / "2025-04-25-defense.md").write_text("---\ntitle: Eli defended a thesis\ndate: 2025-04-25\n---\n")
    (news / "_README.md").write_text("# How to add a news post\n\nThis file is a guide for lab members.\n")
    result = read_path(repo, today=TODAY)
    assert "its news in src/content/news/" in result.description
    assert [i.text for i in result.items] == ["Eli defended a thesis", "José joins the lab"]


def test_a_repository_with_its_owners_notes_beside_its_site_is_read_in_the_site(tmp_path: Path) -> None:
    """A professor's repository keeps ``Website_Spec.md`` and ``CLAUDE.md`` (notes for whoever
    builds the site, undated) beside ``site/`` (an Astro site, its news in
    ``src/content/news/``): the notes had been read as one undated news item. Undated documents
    at the top are notes, and the one subfolder that is a site keeping news is read; a dated post
    at the top keeps the folder a folder of posts."""
    repo = tmp_path / "repo"
    news = repo / "site" / "src" / "content" / "news"
    news.mkdir(parents=True)
    (repo / "CLAUDE.md").write_text("# Guide\n\nBuild with npm.\n")
    (repo / "Website_Spec.md").write_text("# Build Specification\n\n1. PROJECT OVERVIEW\n\nA bold site.\n")
    (repo / "site" / "package.json").write_text("{}\n")
    (repo / "site" / "astro.config.mjs").write_text("export default {}\n")
    (news / "box.md").write_text("---\ntitle: New working paper\ndate: 2024-11-15\n---\nOn ratings.\n")
    result = read_path(repo, today=TODAY)
    assert result.description.startswith("site/ of the folder: site folder: its news in src/content/news/")
    assert [i.text for i in result.items] == ["New working paper On ratings."]
    (repo / "2025-02-01-visit.md").write_text("---\ntitle: A visit\n---\nTo Bath.\n")
    posts = read_path(repo, today=TODAY)
    assert [i.text for i in posts.items][0] == "A visit To Bath."
    assert "src/content/news" not in posts.description
    # beside the notes, a site that keeps no news says so: the notes are not read as its news
    (repo / "2025-02-01-visit.md").unlink()
    for post in news.iterdir():
        post.unlink()
    news.rmdir()
    with pytest.raises(UnreadableDocument, match=r"site: a site's folder, but no news"):
        read_path(repo, today=TODAY)


def test_a_news_component_given_its_list_by_the_page_rendering_it_is_read_from_that_page(
    tmp_path: Path,
) -> None:
    """A lab's Astro site keeps its 14 news in the home page's script (``const newsItems = [...]``
    in ``src/pages/index.astro``) and hands them to ``<News newsItems={newsItems} />``, whose
    component holds only its markup: the site had read as "no news". A component named for news
    that holds none is followed back to the pages that import it; a page importing something else
    is not read. A record that writes its text in pieces named for the list's text field
    (``descriptionPrefix``, ``descriptionLinkLabel``, ``descriptionSuffix``) has them as its text."""
    site = tmp_path / "site"
    (site / "src" / "pages").mkdir(parents=True)
    (site / "src" / "components" / "homepage").mkdir(parents=True)
    (site / "package.json").write_text("{}\n")
    (site / "astro.config.mjs").write_text("export default {}\n")
    (site / "src" / "components" / "homepage" / "News.jsx").write_text(
        "const NewsTimeline = ({ newsItems }) => (\n  <ol>{newsItems.map((item) => (\n"
        "    <li><time>{item.date}</time><h3>{item.title}</h3><p>{item.description}</p></li>\n"
        "  ))}</ol>\n);\nexport default NewsTimeline;\n"
    )
    (site / "src" / "pages" / "team.astro").write_text(
        '---\nimport Card from "../components/homepage/Card.jsx";\n'
        'const people = [{ date: "2024", title: "Joined: Ana" }];\n---\n<Card />\n'
    )
    (site / "src" / "pages" / "index.astro").write_text(
        '---\nimport News from "../components/homepage/News.jsx";\nconst newsItems = [\n'
        '  { date: "Mar 31, 2026", title: "IJCV award", descriptionPrefix: "Prof. Shi won the ",\n'
        '    descriptionLinkLabel: "Editorial Board award", descriptionSuffix: "!", url: "https://x.org/",\n'
        "  },\n"
        '  { date: "Feb 21, 2026", title: "CVPR x8 accepted", description: "Eight papers." },\n'
        '  { date: "Sep 18, 2025", title: "NeurIPS x4 accepted", description: "Four papers." },\n'
        "];\n---\n<main><News newsItems={newsItems} client:load /></main>\n"
    )
    result = read_path(site, today=TODAY)
    assert result.description.startswith("site folder: its news in src/pages/index.astro"), result.description
    assert [(i.posted.display() if i.posted else None, i.title) for i in result.items] == [
        ("31 Mar 2026", "IJCV award"),
        ("21 Feb 2026", "CVPR x8 accepted"),
        ("18 Sep 2025", "NeurIPS x4 accepted"),
    ]
    # a record writing its text in pieces around a link (descriptionPrefix, …LinkLabel, …Suffix)
    assert result.items[0].text == "IJCV award Prof. Shi won the Editorial Board award!"


def test_a_news_route_that_only_renders_a_component_is_read_from_that_component(tmp_path: Path) -> None:
    """A lab's Next.js route ``app/news/page.tsx`` returns ``<BlogContent />`` from
    ``../pages/blog``, which keeps ``const newsItems = [...]``: the site had read as "no news". A
    route's page named for news that holds none is followed to the site's components it imports
    (a package it imports, ``next``, is not the site's)."""
    site = tmp_path / "site"
    (site / "app" / "news").mkdir(parents=True)
    (site / "app" / "pages").mkdir()
    (site / "package.json").write_text("{}\n")
    (site / "app" / "news" / "page.tsx").write_text(
        'import BlogContent from "../pages/blog";\nimport { Metadata } from "next";\n'
        'export const metadata: Metadata = { title: "News | Rajaram Lab" };\n'
        "export default function NewsPage() {\n  return <BlogContent />;\n}\n"
    )
    (site / "app" / "pages" / "blog.tsx").write_text(
        '"use client";\nconst newsItems = [\n'
        '  { title: "New publication in mBio", date: "February 2026", category: "Publication" },\n'
        '  { title: "NIH R56 award", date: "August 2024", category: "Funding" },\n];\n'
        "export default function BlogContent() {\n"
        "  return <ul>{newsItems.map((n) => <li>{n.title}</li>)}</ul>;\n}\n"
    )
    result = read_path(site, today=TODAY)
    assert result.description.startswith("site folder: its news in app/pages/blog.tsx"), result.description
    assert [(i.posted.display() if i.posted else None, i.title) for i in result.items] == [
        ("February 2026", "New publication in mBio"),
        ("August 2024", "NIH R56 award"),
    ]


def test_a_sites_list_of_news_in_content_is_read_before_the_undated_pages_beside_it(tmp_path: Path) -> None:
    """A Next.js lab keeps its dated list in ``content/news.yaml`` (``items: [{title, date,
    summary}]``) and each news's long page, undated, in ``content/news/``: the folder had been read,
    four undated items. The data file named for news in ``content/`` is read before the folder."""
    site = tmp_path / "site"
    (site / "content" / "news").mkdir(parents=True)
    (site / "package.json").write_text("{}\n")
    (site / "content" / "news" / "okada-talk.md").write_text("The talk outlined open EDA.\n\n## Highlights\n")
    (site / "content" / "news.yaml").write_text(
        'eyebrow: "News & Talks"\nitems:\n'
        '  - title: "Okada Laboratory Talk"\n    date: "Dec 16, 2025"\n    summary: "AI for chips."\n'
        '  - title: "SSCS workshop"\n    date: "Sept 22, 2025"\n    summary: "Co-chaired."\n'
    )
    result = read_path(site, today=TODAY)
    assert result.description.startswith("site folder: its news in content/news.yaml"), result.description
    assert [(i.posted.display() if i.posted else None, i.title) for i in result.items] == [
        ("16 Dec 2025", "Okada Laboratory Talk"),
        ("22 Sep 2025", "SSCS workshop"),
    ]


def test_a_newsletter_form_and_a_cv_timeline_are_not_a_sites_news(tmp_path: Path) -> None:
    """A researcher's Next.js site has ``components/NewsletterForm.js`` (a sign-up form) rendered
    by ``pages/index.js``, whose markup is its loop's leftovers ("Published on … Read more →"), and
    a CV page importing ``{ timelineEvents }``: the site had read as one undated item "Published on
    Read more →", another as five CV entries. A newsletter is no news; a page followed back from a
    component counts only with something dated; a list named "timeline" is no news by its name."""
    site = tmp_path / "site"
    (site / "components").mkdir(parents=True)
    (site / "pages").mkdir()
    (site / "lib").mkdir()
    (site / "package.json").write_text("{}\n")
    (site / "components" / "NewsletterForm.js").write_text(
        "export default function NewsletterForm() {\n  return <form><input type='email' /></form>;\n}\n"
    )
    (site / "pages" / "index.js").write_text(
        "import NewsletterForm from '../components/NewsletterForm';\n"
        "export default function Home({ posts }) {\n  return <div><h1>Welcome!</h1>\n"
        "    <ul>{posts.map((p) => (\n"
        "      <li key={p.slug}><p>Published on {p.date}</p><a>Read more →</a></li>))}</ul>\n"
        "    <NewsletterForm /></div>;\n}\n"
    )
    (site / "lib" / "data.ts").write_text(
        'export const timelineEvents = [\n  { year: "2024", title: "Engineering degree" },\n'
        '  { year: "2025", title: "Paper at AAAI 2025" },\n];\n'
    )
    (site / "pages" / "cv.js").write_text(
        "import { timelineEvents } from '../lib/data';\n"
        "export default function Cv() {\n"
        "  return <ol>{timelineEvents.map((e) => <li>{e.title}</li>)}</ol>;\n}\n"
    )
    with pytest.raises(UnreadableDocument, match="no news where sites keep them"):
        read_path(site, today=TODAY)


def test_a_data_file_whose_news_key_the_home_page_shows_is_the_sites_news(tmp_path: Path) -> None:
    """A Next.js site keeps its news under ``news`` in ``src/content/about.json`` beside its bio,
    and its home page shows ``aboutData.news.slice(0, 5).map(…)`` (the component named for news
    renders one item and holds none): the site had read as "no news". A module the site's page
    imports and whose list named for news it shows is read, that list its news; a module whose
    other fields only it shows is not."""
    site = tmp_path / "site"
    (site / "src" / "app").mkdir(parents=True)
    (site / "src" / "content").mkdir()
    (site / "src" / "components").mkdir()
    (site / "package.json").write_text("{}\n")
    (site / "src" / "content" / "about.json").write_text(
        '{"bio": "I study transformers.", "news": [\n'
        '  {"date": "2025-12", "text": "Paper accepted at AAAI 2026."},\n'
        '  {"date": "2025-09", "text": "Invited talk at NeurIPS 2025."}\n]}\n'
    )
    (site / "src" / "content" / "projects.json").write_text(
        '{"projects": [{"date": "2024-01", "text": "A compiler for tensors."}]}\n'
    )
    (site / "src" / "components" / "news-item.tsx").write_text(
        "export function NewsItem({ item }) { return <li>{item.date}: {item.text}</li>; }\n"
    )
    (site / "src" / "app" / "page.tsx").write_text(
        'import { NewsItem } from "@/components/news-item";\n'
        'import aboutData from "@/content/about.json";\nimport projectsData from "@/content/projects.json";\n'
        "export default function Home() {\n  return <main><p>{aboutData.bio}</p>\n"
        "    {projectsData.projects.map((p) => <p>{p.text}</p>)}\n"
        "    <ul>{aboutData.news.slice(0, 5).map((item, i) => <NewsItem key={i} item={item} />)}</ul>\n"
        "  </main>;\n}\n"
    )
    result = read_path(site, today=TODAY)
    assert result.description.startswith("site folder: its news in src/content/about.json")
    assert [i.text for i in result.items] == ["Paper accepted at AAAI 2026.", "Invited talk at NeurIPS 2025."]
    # a list imported by its name for news from a module named otherwise; a picture named so is
    # no data
    (site / "src" / "content" / "about.json").write_text('{"bio": "I study transformers."}\n')
    (site / "src" / "data").mkdir()
    (site / "src" / "data" / "news.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00")
    (site / "src" / "data" / "topPageData.ts").write_text(
        "export const members = [{ name: 'Ana' }];\nexport const newsItems = [\n"
        "  { date: '2025-12-21', description: 'Two workshops are accepted at CVPR 2026.' },\n];\n"
    )
    (site / "src" / "app" / "page.tsx").write_text(
        "import newsImg from '../data/news.png';\n"
        "import { members, newsItems } from '@/data/topPageData';\n"
        "export default function Home() {\n"
        "  return <ul>{newsItems.map((n) => <li>{n.description}</li>)}</ul>;\n}\n"
    )
    result = read_path(site, today=TODAY)
    assert result.description.startswith("site folder: its news in src/data/topPageData.ts")
    assert [i.text for i in result.items] == ["Two workshops are accepted at CVPR 2026."]
    assert "news.png" not in " ".join(result.warnings)
    # the module taken apart in the page (const { hero, newsUpdates } = homeData), its list
    # under newsUpdates.items
    (site / "src" / "data" / "topPageData.ts").unlink()
    (site / "src" / "data" / "home.json").write_text(
        '{"hero": {"title": "TIME Lab"}, "newsUpdates": {"title": "News", "items": [\n'
        '  {"date": "11/26/2025", "title": "Students join CMU", "description": "Xi Ding began."}\n]}}\n'
    )
    (site / "src" / "app" / "page.tsx").write_text(
        "import NewsUpdates from '@/components/NewsUpdates';\nimport homeData from '@/data/home.json';\n"
        "const { hero, bentoGrid, newsUpdates } = homeData;\n"
        "export default function Home() {\n  return <NewsUpdates items={newsUpdates.items} />;\n}\n"
    )
    result = read_path(site, today=TODAY)
    assert result.description.startswith("site folder: its news in src/data/home.json")
    assert [i.text for i in result.items] == ["Students join CMU Xi Ding began."]
    # the module's content for the page's language named first (const content =
    # contentByLocale[locale]), its news shown from that name (content.news.map): a student's
    # home page had read as "no news"
    (site / "src" / "data" / "home.json").unlink()
    (site / "src" / "data" / "profile-data.ts").write_text(
        "export const contentByLocale = {\n  en: { role: 'Student', news: [\n"
        "    { date: 'Aug 2026', text: 'I will begin my master study at USTC.' },\n  ] },\n"
        "  zh: { role: '学生', news: [{ date: 'Aug 2026', text: '我将在中国科大读研。' }] },\n};\n"
    )
    (site / "src" / "app" / "page.tsx").write_text(
        'import { contentByLocale, type Locale } from "@/data/profile-data";\n'
        "export default function Home({ locale }: { locale: Locale }) {\n"
        "  const content = contentByLocale[locale];\n"
        "  return <ul>{content.news.map((n) => <li>{n.text}</li>)}</ul>;\n}\n"
    )
    result = read_path(site, today=TODAY)
    assert result.description.startswith("site folder: its news in src/data/profile-data.ts")
    assert [i.text for i in result.items] == ["I will begin my master study at USTC."]
    # a module that parses the site's YAML as it loads (import rawData from './data.yaml?raw';
    # const parsedData = yaml.load(rawData) as any; export const news = parsedData.news): that
    # YAML file's news (a lab's React site had read as "src/data.ts (no news found)")
    (site / "src" / "data" / "profile-data.ts").unlink()
    (site / "src" / "data.yaml").write_text(
        "labInfo:\n  name: RIM Lab\nnews:\n  - date: 2026-03-01\n    text: Paper accepted at CVPR 2026.\n"
    )
    (site / "src" / "data.ts").write_text(
        "import yaml from 'js-yaml';\nimport rawData from './data.yaml?raw';\n\n"
        "const parsedData = yaml.load(rawData) as any;\n\nexport const labInfo = parsedData.labInfo;\n"
        "export const news = parsedData.news;\n"
    )
    (site / "src" / "app" / "page.tsx").write_text(
        "import { news } from '../data';\n"
        "export default function Home() {\n  return <ul>{news.map((n) => <li>{n.text}</li>)}</ul>;\n}\n"
    )
    result = read_path(site, today=TODAY)
    assert result.description.startswith("site folder: its news in src/data.yaml")
    assert [i.text for i in result.items] == ["Paper accepted at CVPR 2026."]


def test_a_repository_with_a_front_end_and_a_back_end_is_read_in_the_one_keeping_news(
    tmp_path: Path,
) -> None:
    """A lab's repository holds ``FRONTEND/`` (a Vite site, its news in ``src/data/news.ts``) and
    ``BACKEND/`` (a server, ``src/routes/news.ts``): both are sites by their ``package.json``, and
    the repository had read as "no news files". Of several site subfolders, the one that keeps
    news where sites keep them is read."""
    repo = tmp_path / "repo"
    front, back = repo / "FRONTEND", repo / "BACKEND"
    (front / "src" / "data").mkdir(parents=True)
    (back / "src" / "routes").mkdir(parents=True)
    for site in (front, back):
        (site / "package.json").write_text("{}\n")
    (front / "index.html").write_text('<div id="root"></div>\n')
    (front / "src" / "data" / "news.ts").write_text(
        'export const news: NewsItem[] = [\n  { date: "2024-12-15", title: "Paper accepted at NeurIPS" },\n'
        '  { date: "2024-11-20", title: "NSF grant awarded" },\n];\n'
    )
    (back / "src" / "routes" / "news.ts").write_text("router.get('/news', list);\n")
    result = read_path(repo, today=TODAY)
    assert result.description.startswith("FRONTEND/ of the folder: site folder: its news in src/data/news.ts")
    assert [i.title for i in result.items] == ["Paper accepted at NeurIPS", "NSF grant awarded"]
    # with no news place in either, there is nothing to choose by: the folder says so
    (front / "src" / "data" / "news.ts").unlink()
    with pytest.raises(UnreadableDocument):
        read_path(repo, today=TODAY)
    # the back end's store (``db/news.json``, which its ``/api/news`` serves the front end's
    # News page): a lab's 114 news had read as "folder of news files, 0 files"
    (back / "db").mkdir()
    (back / "db" / "news.json").write_text(
        '[{"dateBegin": "2016-03-14T00:00:00", "dateEnd": null, "text": "We travelled to Montreal."},\n'
        ' {"dateBegin": "2016-02-24T00:00:00", "dateEnd": null, "text": "Dr. Cai went to Manchester."}]\n'
    )
    result = read_path(repo, today=TODAY)
    assert result.description.startswith("BACKEND/ of the folder: site folder: its news in db/news.json")
    assert [i.text for i in result.items] == ["We travelled to Montreal.", "Dr. Cai went to Manchester."]


def test_posts_the_theme_files_as_samples_are_not_news(tmp_path: Path) -> None:
    """al-folio ships 31 posts in ``_posts/`` filed ``categories: sample-posts`` ("a post with
    tabs", "a post with code diff"); a fork whose ``_news/`` is empty had them imported as its
    news. A post whose own category or tags call it a sample, demo or example post, or file it
    under Jekyll itself, is the theme's, not the author's; the author's posts beside them are
    read."""
    posts = tmp_path / "_posts"
    posts.mkdir()
    (posts / "2024-05-01-tabs.md").write_text(
        "---\nlayout: post\ntitle: a post with tabs\ndate: 2024-05-01 00:32:13\n"
        "tags: formatting\ncategories: sample-posts\n---\nThis is how a post with tabs looks like.\n"
    )
    (posts / "2024-01-27-code-diff.md").write_text(
        "---\ntitle: a post with code diff\ndate: 2024-01-27\ncategories: [demo]\n---\nYou can show a diff.\n"
    )
    (posts / "2025-02-01-award.md").write_text(
        "---\ntitle: Best paper award\ndate: 2025-02-01\ncategories: news\n---\nOur paper won the award.\n"
    )
    # a Jekyll theme files its samples under the generator itself (Pixyll's "jekyll pixyll",
    # Minima's "jekyll update"): a lab's site had read eight of Pixyll's posts as its news
    (posts / "2014-06-11-welcome-to-pixyll.md").write_text(
        "---\nlayout: post\ntitle: Hello, Pixyll\ndate: 2014-06-11 15:31:19\ncategories: jekyll pixyll\n---\n"
        "Pixyll is a simple, beautiful theme that emphasizes content rather than aesthetic fluff.\n"
    )
    result = read_path(posts, today=TODAY)
    assert [i.title for i in result.items] == ["Best paper award"]
    assert sum("sample" in w for w in result.warnings) == 3


def test_a_themes_other_samples_filed_as_its_samples_are_not_news(tmp_path: Path) -> None:
    """A lab kept Mediumish's sample posts: three filed ``[Jekyll, tutorial]`` were known for
    the theme's, but its fourth, filed only ``[ tutorial ]`` and tagged ``[featured]`` as the
    others are ("The first mass-produced book to deviate from a rectilinear format", about Red
    Riding Hood), was imported as the lab's one news. When the theme's samples are half of a
    folder's posts or more, a post filed under nothing but what they are filed under is one of
    them; a post of the author's own category stays, and so does every post of a folder where
    the samples are few."""
    posts = tmp_path / "_posts"
    posts.mkdir()
    for n, tags in enumerate(("sticky", "", "featured")):
        (posts / f"2019-01-1{n}-sample-{n}.md").write_text(
            f"---\nlayout: post\ntitle: Sample {n}\nauthor: jane\ncategories: [ Jekyll, tutorial ]\n"
            f"tags: [{tags}]\n---\nStatic sites come out ready for deployment.\n"
        )
    (posts / "2019-02-02-first-mass-produced.md").write_text(
        '---\nlayout: post\ntitle: "The first mass-produced book to deviate from a rectilinear format"\n'
        "author: sal\ncategories: [ tutorial ]\ntags: [featured]\n---\nThe first mass-produced book ...\n"
    )
    (posts / "2024-03-01-award.md").write_text(
        "---\ntitle: Best paper award\ncategories: [ news ]\ntags: [featured]\n---\nOur paper won.\n"
    )
    result = read_path(posts, today=TODAY)
    assert [i.title for i in result.items] == ["Best paper award"]
    assert any("first-mass-produced.md:1: filed as the theme's samples are" in w for w in result.warnings)
    # one sample beside three posts of the author's: a post filed "tutorial" is the author's
    for n in (1, 2):
        (posts / f"2019-01-1{n}-sample-{n}.md").unlink()
    (posts / "2024-04-01-guide.md").write_text(
        "---\ntitle: Our new guide to lab safety\ncategories: [ tutorial ]\n---\nRead it.\n"
    )
    result = read_path(posts, today=TODAY)
    assert sorted(i.title for i in result.items) == [
        "Best paper award",
        "Our new guide to lab safety",
        "The first mass-produced book to deviate from a rectilinear format",
    ]


def test_a_post_whose_front_matter_summary_says_it_is_an_example_is_not_news(tmp_path: Path) -> None:
    """A lab's Hugo Blox site kept the theme's example event in ``content/news/example/index.md``
    ("title: Example Event", "summary: An example event.", its abstract lorem ipsum, its body
    about adding slides): it had been the site's one news, dated 2030. A post whose summary,
    abstract or description is a theme's sample text, or says only that the post is an example,
    is the theme's; a post whose summary tells of an example of something is news."""
    news = tmp_path / "content" / "news"
    (news / "example").mkdir(parents=True)
    (news / "example" / "index.md").write_text(
        "---\ntitle: Example Event\nsummary: An example event.\n"
        "abstract: 'Lorem ipsum dolor sit amet, consectetur adipiscing elit.'\n"
        "date: '2030-06-01T13:00:00Z'\n---\n\nSlides can be added in a few ways.\n"
    )
    (news / "demo-talk.md").write_text(
        "---\ntitle: A talk at the group meeting\ndate: 2025-03-01\nsummary: The demo talk.\n---\nSlides.\n"
    )
    (news / "paper.md").write_text(
        "---\ntitle: Our paper on robust planning is accepted at ICRA\ndate: 2025-02-01\n"
        "summary: An example of planning under uncertainty, accepted at ICRA 2025.\n---\nCongrats!\n"
    )
    result = read_path(news, today=TODAY)
    assert [i.title for i in result.items] == ["Our paper on robust planning is accepted at ICRA"], (
        result.items
    )
    assert sum("its summary is a theme's sample text" in w for w in result.warnings) == 2, result.warnings


def test_a_data_file_named_for_news_is_found_where_the_site_keeps_data(tmp_path: Path) -> None:
    """A site whose home page loops over ``site.data.allnews.main`` (``_data/allnews.yml``, and a
    shorter ``somenews.yml`` for the home page) keeps its news in a file no fixed place names:
    a data file whose name holds "news" is read, the longest first, and records its theme skips
    (``render: false``) are not items."""
    site = tmp_path / "site"
    (site / "_data").mkdir(parents=True)
    (site / "_config.yml").write_text("title: A homepage\n")
    (site / "_data" / "allnews.yml").write_text(
        "main:\n  - title: Presented my work at a symposium\n    date: 2024-08-15\n    render: true\n"
        "  - title: Actively looking for a full-time job\n    date: 2024-03-22\n    render: false\n"
        "  - title: Our paper got accepted at a venue\n    date: 2024-02-01\n    render: true\n"
    )
    (site / "_data" / "somenews.yml").write_text(
        "main:\n  - title: Presented my work at a symposium\n    date: 2024-08-15\n    render: true\n"
    )
    (site / "_data" / "awards.yml").write_text("- title: A fellowship\n  date: 2023-01-01\n")
    result = read_path(site, today=TODAY)
    assert "its news in _data/allnews.yml" in result.description
    assert [i.text for i in result.items] == [
        "Presented my work at a symposium",
        "Our paper got accepted at a venue",
    ]
    # a Next.js site's data kept as a script module named for its announcements
    nextjs = tmp_path / "nextjs"
    (nextjs / "data").mkdir(parents=True)
    (nextjs / "package.json").write_text('{"name": "lab"}\n')
    (nextjs / "data" / "members.ts").write_text("export default [{ name: 'Ana', since: '2024-01-01' }];\n")
    (nextjs / "data" / "announcements.ts").write_text(
        "export interface AnnouncementInfo { pinned: boolean, title: string, created: string }\n"
        "const announcements: AnnouncementInfo[] = [\n"
        '    { title: "Summer Internship 2026: apply now", created: "2026-04-21", pinned: true },\n'
        "];\nexport default announcements;\n"
    )
    result = read_path(nextjs, today=TODAY)
    assert result.description.startswith("site folder: its news in data/announcements.ts"), result.description
    assert [(i.posted.display() if i.posted else None, i.text) for i in result.items] == [
        ("21 Apr 2026", "Summer Internship 2026: apply now")
    ]


def test_a_post_kept_once_per_language_is_one_item_in_the_sites_default_language(tmp_path: Path) -> None:
    """Hugo keeps a post's translations beside it (``talk/index.en.md`` and ``index.zh.md``,
    ``award.md`` and ``award.zh.md``): each post is one item, the English version (or the one
    with no language in its name, the site's default), never one per language."""
    posts = tmp_path / "post"
    (posts / "talk").mkdir(parents=True)
    (posts / "talk" / "index.en.md").write_text(
        "---\ntitle: Invited talk at a workshop\ndate: 2024-05-02\n---\n"
    )
    (posts / "talk" / "index.zh.md").write_text(
        "---\ntitle: 在研讨会上做特邀报告\ndate: 2024-05-02\n---\n", encoding="utf-8"
    )
    (posts / "award.md").write_text("---\ntitle: Best paper award at a venue\ndate: 2024-03-01\n---\n")
    (posts / "award.zh.md").write_text(
        "---\ntitle: 获得最佳论文奖\ndate: 2024-03-01\n---\n", encoding="utf-8"
    )
    (posts / "de.md").write_text("---\ntitle: A post about Delaware\ndate: 2024-01-01\n---\n")
    result = read_path(posts, today=TODAY)
    assert [i.text for i in result.items] == [
        "Invited talk at a workshop",
        "Best paper award at a venue",
        "A post about Delaware",
    ]


def test_a_home_page_that_includes_its_news_is_followed_to_the_included_file(tmp_path: Path) -> None:
    """A Jekyll home page that pulls its News in from a file beside it (``{% include_relative
    includes/news.md %}`` in ``_pages/about.md``) is read from that file; the site had "no news
    found". An included file not named for news (the publications) is not followed, nor one
    outside the site."""
    site = tmp_path / "site"
    (site / "_pages" / "includes").mkdir(parents=True)
    (site / "_config.yml").write_text("title: A homepage\n")
    (site / "_pages" / "about.md").write_text(
        "---\npermalink: /\n---\n\n{% include_relative includes/intro.md %}\n"
        "{% include_relative includes/pubs.md %}\n{% include_relative ../../secret/news.md %}\n"
        "{% include_relative includes/news.md %}\n"
    )
    (site / "_pages" / "includes" / "intro.md").write_text("I study remote sensing.\n")
    (site / "_pages" / "includes" / "pubs.md").write_text("# Publications\n- *2024.01*: A paper in TGRS.\n")
    (site / "_pages" / "includes" / "news.md").write_text(
        "# 🔥 News\n- *2024.11*: STT becomes an ESI Highly Cited Paper.\n- *2024.05*: Funded by NSFC.\n"
    )
    (tmp_path / "secret").mkdir()
    (tmp_path / "secret" / "news.md").write_text("# News\n- *2020.01*: not this site's.\n")
    result = read_path(site, today=TODAY)
    assert "its news in _pages/includes/news.md" in result.description
    assert [(i.posted.display() if i.posted else None, i.text) for i in result.items] == [
        ("November 2024", "STT becomes an ESI Highly Cited Paper."),
        ("May 2024", "Funded by NSFC."),
    ]


def test_a_themes_sample_posts_are_not_the_authors_news(tmp_path: Path) -> None:
    """academicpages and Hugo Academic ship sample posts of filler text ("Lorem ipsum …"): a site
    that kept them had them imported as its news ("Jian Yang and Monica Hall Win the Best Paper
    Award"). They are skipped with a warning, the author's own post beside them is read, and a
    site whose only posts are samples is read from its home page's News instead."""
    site = tmp_path / "site"
    (site / "_posts").mkdir(parents=True)
    (site / "_config.yml").write_text("title: A homepage\n")
    (site / "_posts" / "2012-08-14-blog-post-1.md").write_text(
        "---\ntitle: 'Blog Post number 1'\n---\n\nThis is a sample blog post. Lorem ipsum I can't "
        "remember the rest of lorem ipsum.\n"
    )
    (site / "_posts" / "2013-08-14-blog-post-2.md").write_text(
        "---\ntitle: 'Blog Post number 2'\n---\n\nLorem Ipsum dolor sit amet.\n"
    )
    (site / "_pages").mkdir()
    (site / "_pages" / "about.md").write_text(
        "---\npermalink: /\n---\n\nI study birds.\n\n## Recent\n\n- May 2025: Paper accepted at ICML.\n"
    )
    result = read_path(site, today=TODAY)
    assert "its news in _pages/about.md" in result.description
    assert [i.text for i in result.items] == ["Paper accepted at ICML."]
    assert any("_posts/ (only a theme's sample posts)" in w for w in result.warnings)
    (site / "_posts" / "2025-06-01-moved.md").write_text("---\ntitle: Moved to Oslo\n---\n\nThe lab moved.\n")
    posts = read_path(site / "_posts", today=TODAY)
    assert [i.text for i in posts.items] == ["Moved to Oslo The lab moved."]
    assert (
        sum("a theme's sample text (lorem ipsum, a sample post), not imported" in w for w in posts.warnings)
        == 2
    )


def _beside_samples(folder: Path, samples: dict[str, str], own: tuple[str, str]) -> Any:
    """A folder of a theme's sample posts and the owner's one post, read; each sample is warned
    of as the theme's and none is an item."""
    for name, text in (*samples.items(), own):
        (folder / name).write_text(text)
    result = read_path(folder, today=TODAY)
    assert sum("a theme's sample text" in w for w in result.warnings) == len(samples), result.warnings
    return result


def test_a_post_that_says_it_is_a_sample_or_tells_the_owner_to_edit_it_is_not_news(tmp_path: Path) -> None:
    """Sample posts without filler text: ``jekyll new``'s "Welcome to Jekyll!" ("You'll find this
    post in your `_posts` directory"), a theme's "This is an example post with image galleries",
    "THIS IS JUST A SAMPLE POST", "This theme supports rendering beautiful math", academicpages'
    "Future Blog Post" ("edit `config.yml` and set `future: false`"), Chirpy's "Writing a New
    Post" ("… then put it into `_posts`"), Hugo Blox's "Blog with Jupyter Notebooks" ("… a
    `notebooks` folder at the root of your website") and "Writing technical content" ("Hugo Blox
    Builder is designed to …"), Wowchemy's "Welcome to Wowchemy" ("The Wowchemy website builder
    for Hugo, along with its starter templates, is designed …", "we've populated your new site")
    and "Display Jupyter Notebooks with Academic" ("… your Academic website folder"). They had been
    imported as the site's news; the author's own posts beside them, which may well say "example"
    or "sample" otherwise, are read."""
    posts = tmp_path / "_posts"
    posts.mkdir()
    samples = {
        "2025-03-16-welcome-to-jekyll.markdown": "---\ntitle: Welcome to Jekyll!\n---\nYou’ll find "
        "this post in your `_posts` directory. Go ahead and edit it and re-build the site.\n",
        "2024-12-04-photo-gallery.md": "---\ntitle: a post with image galleries\n---\nThis is an "
        "example post with image galleries.\n",
        "2022-08-31-buffalo.md": "---\ntitle: Incoming buffaloes ahead!\n---\n### THIS IS JUST A SAMPLE "
        "POST\n\nThe townsfolk chose to mark the occasion differently.\n",
        "2015-10-20-math.md": "---\ntitle: a post with math\n---\nThis theme supports rendering "
        "beautiful math in inline and display modes.\n",
        "2199-01-01-future-post.md": "---\ntitle: 'Future Blog Post'\ndate: 2199-01-01\n---\n\nThis "
        "post will show up by default. To disable scheduling of future posts, edit `config.yml` and "
        "set `future: false`.\n",
        "2019-08-08-write-a-new-post.md": "---\ntitle: Writing a New Post\n---\n\n## Naming and Path\n\n"
        "Create a new file named with the format `YYYY-MM-DD-title.md` then put it into `_posts` of the "
        "root directory.\n",
        "2023-11-04-blog-with-jupyter.md": "---\ntitle: Blog with Jupyter Notebooks!\n---\n\n"
        "## Organize your notebooks\n\nPlace the notebooks that you would like to publish in a "
        "`notebooks` folder at the root of your website.\n",
        "2019-07-12-writing-technical-content.md": "---\ntitle: Writing technical content\n---\n\n"
        "Hugo Blox Builder is designed to give technical content creators a seamless experience.\n",
        "2021-12-13-getting-started.md": "---\ntitle: Welcome to Wowchemy, the website builder for Hugo\n"
        "---\n\n## Overview\n\n1. The Wowchemy website builder for Hugo, along with its starter templates, "
        "is designed for professional creators, educators, and teams/organizations.\n",
        "2019-02-05-jupyter.md": "---\ntitle: Display Jupyter Notebooks with Academic\n---\n\n"
        "## Create or upload a Jupyter notebook\n\nRun the following commands in your Terminal, "
        "substituting `<MY-WEBSITE-FOLDER>` with the file path to your Academic website folder.\n",
        "2021-12-14-welcome.md": "---\ntitle: Welcome\n---\n\nWe know that first impressions are "
        "important, so we've populated your new site with some initial content.\n",
    }
    own = (
        "2025-06-01-dataset.md",
        "---\ntitle: Our sample post-processing code is released\n---\nThis is an example of what "
        "the toolkit does; find the code on GitHub.\n",
    )
    result = _beside_samples(posts, samples, own)
    assert [(i.posted.display() if i.posted else None, i.title) for i in result.items] == [
        ("1 Jun 2025", "Our sample post-processing code is released")
    ]


def test_al_folios_sample_announcements_are_not_news(tmp_path: Path) -> None:
    """al-folio ships three announcements in ``_news/`` (2015 and 2016): "A simple inline
    announcement.", "A long announcement with details" ("Announcements and news can be much
    longer than just quick inline posts …") and "A simple inline announcement with Markdown
    emoji!". A lab that had not yet replaced them had them imported as its three news; they are
    the theme's samples, and the lab's own announcement beside them is read."""
    news = tmp_path / "_news"
    news.mkdir()
    samples = {
        "announcement_1.md": "---\nlayout: post\ndate: 2015-10-22 15:59:00-0400\ninline: true\n---\n\n"
        "A simple inline announcement.\n",
        "announcement_2.md": "---\nlayout: post\ntitle: A long announcement with details\n"
        "date: 2015-11-07 16:11:00-0400\ninline: false\n---\n\nAnnouncements and news can be much "
        "longer than just quick inline posts. In fact, they can have all the features available "
        "for the standard blog posts. See below.\n",
        "announcement_3.md": "---\nlayout: post\ndate: 2016-01-15 07:59:00-0400\ninline: true\n---\n\n"
        "A simple inline announcement with Markdown emoji! :sparkles: :smile:\n",
    }
    own = (
        "announcement_4.md",
        "---\nlayout: post\ndate: 2025-09-01 10:00:00-0400\ninline: true\n---\n\n"
        "Our long paper on code-switching is accepted at EMNLP 2025!\n",
    )
    result = _beside_samples(news, samples, own)
    assert [(i.posted.display() if i.posted else None, i.kind) for i in result.items] == [
        ("1 Sep 2025, 10:00 UTC-04:00", "acceptance")
    ]


def _home_site(tmp_path: Path, about: str) -> Path:
    """A Jekyll site whose home page is ``_pages/about.md`` holding ``about``, as academicpages
    and acad-homepage keep it."""
    site = tmp_path / "site"
    (site / "_pages").mkdir(parents=True)
    (site / "_config.yml").write_text("title: A homepage\n")
    (site / "_pages" / "about.md").write_text(about)
    return site


def test_a_home_page_whose_dated_lists_are_its_cv_sections_has_no_news(tmp_path: Path) -> None:
    """An academicpages home page with no News section, only its CV: "Professional Activities"
    with "### Workflow Manager" (ICML Workshop (2019)) and "### Conference Reviewer" (CVPR
    (2019–2025), …), then "Honors and Awards". Once the theme's sample posts were set aside, those
    reviewing years had been read as its eight news. A list under a section named for another list
    (activities, reviewing, services, awards), at any heading level above it, is that list's."""
    site = _home_site(
        tmp_path,
        "---\npermalink: /\n---\n\nI am a research scientist.\n\n"
        "## Professional Activities\n### Workflow Manager\n- ICML Workshop (2019)\n\n"
        "### Conference Reviewer\n- CVPR (2019–2025)\n- ICLR (2020–2024)\n- AAAI (2021)\n\n"
        "## Academic Services\n- Area chair, NeurIPS (May 2024)\n\n"
        "## Honors and Awards\n- ICML 2021 Best Reviewer Award (Jul. 2021)\n",
    )
    with pytest.raises(UnreadableDocument, match="no News section and nothing dated|no news found"):
        read_path(site, today=TODAY)
    # the same lists under a News heading are news
    (site / "_pages" / "about.md").write_text(
        "---\npermalink: /\n---\n\n## News\n### Reviewing\n- Reviewer for CVPR (Mar 2025)\n"
    )
    assert [i.text for i in read_path(site, today=TODAY).items] == ["Reviewer for CVPR"]


def test_a_home_page_whose_news_section_is_empty_has_no_news(tmp_path: Path) -> None:
    """Two acad-homepage sites keep "# 🔥 News" with nothing under it (its items not yet
    written, or all commented out) straight above "# 📝 Publications": one had been read as its
    welcome ("I received my B.E. degree … in 2024"), the other as its one internship ("2024.10 -
    2025.05, The Knowledge Computing Lab"). A News heading followed straight by a heading of its
    level or above holds no news, and the page's other lists and prose are not its news; the
    report says the section is empty. A News heading over its items' own headings is read."""
    page = (
        "---\npermalink: /\n---\n\nI'm a PhD student. I received my B.E. degree in 2024.\n\n"
        "# 🔥 News\n<!-- - *2022.02*: Lorem ipsum dolor sit amet. -->\n\n"
        "# 📝 Publications\n- **[ICDE 2025]** A paper on crowdsourcing.\n\n"
        "# 🎖 Honors and Awards\n- *2024.12* National Scholarship.\n\n"
        "# 💻 Internships\n- *2024.10 - 2025.05*, The Knowledge Computing Lab, China.\n"
    )
    site = _home_site(tmp_path, page)
    with pytest.raises(UnreadableDocument, match=r"_pages/about.md \(its News section is empty\)"):
        read_path(site, today=TODAY)
    # a News heading whose items are headings of their own is their section
    (site / "_pages" / "about.md").write_text(
        page.replace("# 🔥 News\n", "# 🔥 News\n## 2025.03: Paper accepted at ICDE 2025\n")
    )
    assert [i.text for i in read_path(site, today=TODAY).items] == ["Paper accepted at ICDE 2025"]


def test_a_home_pages_internships_are_a_cv_section_not_news(tmp_path: Path) -> None:
    """An acad-homepage site with no News section, its CV in sections ("Educations", "Honors
    and Awards", "Extracurricular Activities", "Internships"): its one internship, "2021.09 -
    2022.05, Cross-border Environment Concern Association", had been read as its news. A list
    under "Internships" is a CV section, as education and experience are."""
    site = _home_site(
        tmp_path,
        "---\npermalink: /\n---\n\nI study the environment.\n\n"
        "# Educations\n- *2022.08 - 2024.05*, *Duke University*, Environmental Engineering.\n\n"
        "# Honors and Awards\n- *2022.09* Graduate Scholarship at Duke University\n\n"
        "# Internships\n- *2021.09 - 2022.05*, Cross-border Environment Concern Association, China.\n",
    )
    with pytest.raises(UnreadableDocument, match="no news where sites keep them"):
        read_path(site, today=TODAY)


def test_a_home_page_dated_only_by_its_front_matter_is_no_news(tmp_path: Path) -> None:
    """A site with no news anywhere but an About page whose front matter carries the date it was
    written (``date: '2014-12-14'``, a WordPress export): that page had been imported as one item,
    "About", a talk of 2014. It is the page itself, not news: the import says where it looked."""
    site = tmp_path / "site"
    site.mkdir()
    (site / "_config.yml").write_text("title: An unconference\n")
    (site / "about.md").write_text(
        "---\ntitle: About\ndate: '2014-12-14 21:42:45'\npermalink: /about/\n---\n\n"
        "BIL is an open, self-organizing unconference.\n\n## History\n\nIt started in 2007.\n"
    )
    with pytest.raises(UnreadableDocument) as raised:
        read_path(site, today=TODAY)
    assert "about.md (a page dated by its front matter, no list of news)" in str(raised.value)


def test_a_quarto_sites_news_page_is_its_news(tmp_path: Path) -> None:
    """A Quarto site keeps its News on ``news.qmd`` at its top (the site had no news found)."""
    quarto = tmp_path / "quarto"
    quarto.mkdir()
    (quarto / "_quarto.yml").write_text("project:\n  type: website\n")
    (quarto / "index.qmd").write_text("---\ntitle: A lab\n---\n\nWe study elections.\n")
    (quarto / "news.qmd").write_text("---\ntitle: News\n---\n\n## 2025\n\n**July**\n\n- A paper in Nature.\n")
    read = read_path(quarto, today=TODAY)
    assert "its news in news.qmd" in read.description
    assert [(i.posted.display() if i.posted else None, i.text) for i in read.items] == [
        ("July 2025", "A paper in Nature.")
    ]


def test_news_pages_kept_in_pages_or_fetched_from_public_are_found(tmp_path: Path) -> None:
    """beautiful-jekyll keeps its pages in ``pages/`` (``pages/news.md``), and a Vite site fetches
    ``public/content/news.md`` as it loads (its records in the front matter): both sites had read
    as "no news". A template's stand-ins ("[News item 5]") under their dates are no news."""
    jekyll = tmp_path / "jekyll"
    (jekyll / "pages").mkdir(parents=True)
    (jekyll / "_config.yml").write_text("title: A lab\n")
    (jekyll / "index.html").write_text("<h1>A lab</h1><p>We study systems.</p>\n")
    news = "---\ntitle: News\npermalink: /news/\n---\n\n### 2024\n- **March 2024**: [News item 1]\n"
    (jekyll / "pages" / "news.md").write_text(news + "- **February 2024**: [News item 2]\n")
    with pytest.raises(UnreadableDocument, match=r"pages/news\.md \(only a theme's sample posts\)"):
        read_path(jekyll, today=TODAY)
    (jekyll / "pages" / "news.md").write_text(news + "- **February 2024**: Our paper was accepted at OSDI.\n")
    read = read_path(jekyll, today=TODAY)
    assert "its news in pages/news.md" in read.description
    assert [i.text for i in read.items] == ["Our paper was accepted at OSDI."]
    vite = tmp_path / "vite"
    (vite / "public" / "content").mkdir(parents=True)
    (vite / "package.json").write_text("{}\n")
    (vite / "index.html").write_text('<div id="root"></div>\n')
    (vite / "public" / "content" / "news.md").write_text(
        '---\ntitle: "Latest News"\nnews:\n  - date: "Dec 2025"\n    title: "Paper accepted at IPDPS"\n'
        '  - date: "Nov 2025"\n    title: "Keynote at SC25"\n---\n'
    )
    read = read_path(vite, today=TODAY)
    assert "its news in public/content/news.md" in read.description
    assert [i.title for i in read.items] == ["Paper accepted at IPDPS", "Keynote at SC25"]


def test_items_a_template_marks_as_samples_are_no_news() -> None:
    """A Korean lab template's news open with "[샘플]" ("[Sample]"): "[샘플] ICDE 2025 논문 게재
    승인" had been read as four news of the lab. An item that opens with a bracketed word for a
    sample or an example, in English, Korean, Chinese or Japanese, is a template's sample; an item
    that only mentions a sample ("[Data] A new sample of 10,000 galaxies") is news."""
    page = (
        "# News\n\n"
        "- 2025-03-10: [샘플] AI융합 세미나 개최 안내\n"
        "- 2025-03-01: [Sample] ICDE 2025 paper accepted\n"
        "- 2025-02-20: 【示例】论文被接收\n"
        "- 2025-02-10: [サンプル] 新しいメンバーが加わりました\n"
        "- 2025-02-01: [Data] A new sample of 10,000 galaxies is released.\n"
    )
    result = parse_text(page, today=TODAY, path="news.md")
    assert [i.text for i in result.items] == ["[Data] A new sample of 10,000 galaxies is released."]
    assert sum("sample" in w for w in result.warnings) == 4, result.warnings


def test_items_that_link_to_a_stand_in_page_or_say_one_word_over_are_no_news() -> None:
    """A group's theme keeps ``_data/news.yml`` records "More news!" and "Even more news", each
    with ``link: "/news/placeholder/"`` and a preview "Yet again more news.": they were read as
    the group's news beside its one real record. A record or an item that links to a page named
    placeholder, or whose words are one word over and over ("News news news news."), is a
    template's stand-in; a record that links elsewhere is news."""
    data = (
        '- title: "Anna\'s solvation paper out in the Journal of Chemical Physics"\n'
        '  preview: "We present an approach which builds on the LCW theory."\n'
        '- title: "More news!"\n  link: "/news/placeholder/"\n  preview: "Yet again more news."\n'
        '- title: "Even more news"\n  url: "https://group.org/news/placeholder.html"\n  preview: "More."\n'
        '- title: "Our placeholder-free workflow is out"\n  link: "https://group.org/news/workflow/"\n'
    )
    result = parse_text(data, today=TODAY, path="_data/news.yml")
    assert [i.title for i in result.items] == [
        "Anna's solvation paper out in the Journal of Chemical Physics",
        "Our placeholder-free workflow is out",
    ], result.items
    assert sum("stand-in page" in w for w in result.warnings) == 2, result.warnings
    page = (
        "## News\n\n- May 2024: News news news news.\n- April 2024: [More](/news/placeholder) to come.\n"
        "- March 2024: Paper paper: our paper on paper recycling was accepted.\n"
    )
    result = parse_text(page, today=TODAY, path="news.md")
    assert [i.text for i in result.items] == ["Paper paper: our paper on paper recycling was accepted."]


def test_items_whose_first_sentence_says_they_are_demo_text_are_no_news() -> None:
    """A researcher's portfolio template ships ``src/data/news.json`` whose two items open with
    "デモ文章です。" ("This is demo text."): they had been read as the researcher's news (a
    proposal submitted, a preprint released). An item whose first sentence only says its words
    are a demonstration's or a sample's stand-in, in English, Japanese, Chinese or Korean, is a
    template's; an item about sample text or demo content is news."""
    data = json.dumps(
        [
            {
                "date": "2025-07-30",
                "text": "デモ文章です。Submitted QIP proposal on measurement-based kernels.",
            },
            {"date": "2025-07-20", "text": "This is demo text. Our paper was accepted at ICML."},
            {"date": "2025-07-10", "text": "Sample text: Gave a talk at MIT."},
            {"date": "2025-07-01", "text": "示例文本：论文被接收"},
            {"date": "2025-06-25", "text": "예시 텍스트입니다. 논문 게재 승인"},
            {"date": "2025-06-20", "text": "Sample text generation with diffusion: our preprint is out."},
            {"date": "2025-06-10", "text": "Demo content moderation tool released."},
        ],
        ensure_ascii=False,
    )
    result = parse_text(data, today=TODAY, path="src/data/news.json")
    assert [i.title for i in result.items] == [
        "Sample text generation with diffusion: our preprint is out.",
        "Demo content moderation tool released.",
    ]
    assert sum("sample" in w for w in result.warnings) == 5, result.warnings


def test_items_a_template_marks_as_placeholders_in_capitals_or_asks_to_replace_are_no_news() -> None:
    """A lab template's ``_data/news.toml`` ships "PLACEHOLDER — Paper accepted on immersion
    cooling … Replace this with a real item." and two more: they had been read as the lab's three
    news (an acceptance, an award). An item that opens with a word for a placeholder or a sample
    in capitals and a dash or colon, or asks its owner to replace it with a real one, is a
    template's; an item that names a placeholder in its words is news."""
    data = (
        '[[item]]\ndate = "2026-08-01"\ntitle = "PLACEHOLDER — New pool-boiling rig commissioned"\n'
        'body = "Replace this with a real item. One or two sentences."\n\n'
        '[[item]]\ndate = "2026-07-15"\ntitle = "SAMPLE: Paper accepted on immersion cooling"\n'
        'body = "Link the DOI when the paper is online."\n\n'
        '[[item]]\ndate = "2026-06-20"\ntitle = "Lab member receives best-paper award"\n'
        'body = "Replace this text with your own news."\n\n'
        '[[item]]\ndate = "2026-06-01"\ntitle = "Placeholder tokens in prompts: our paper is out"\n'
        'body = "We replace this kind of token with a learned one."\n'
    )
    result = parse_text(data, today=TODAY, path="_data/news.toml")
    assert [i.title for i in result.items] == ["Placeholder tokens in prompts: our paper is out"]
    assert sum("sample text" in w for w in result.warnings) == 3, result.warnings


def test_a_data_file_of_numbered_stand_ins_is_no_news_and_the_home_pages_news_are(tmp_path: Path) -> None:
    """A Quarto template ships ``news.yml`` with ``description: "News 1"`` … ``"News 8"`` while
    the owner keeps the real News on ``index.qmd``: the stand-ins had been read as eight undated
    news; a text that is only "News", "Update" or "Item" and a number is a template's stand-in,
    and the site reads on to its home page's News."""
    site = tmp_path / "site"
    site.mkdir()
    (site / "_quarto.yml").write_text("project:\n  type: website\n")
    (site / "news.yml").write_text("".join(f'- description: "News {n}"\n' for n in range(1, 9)))
    (site / "index.qmd").write_text(
        "---\ntitle: Arpita\n---\n\n### News {#sec-news}\n\n"
        "- [May 2025] I won the People's Choice Prize at the London Hopper Colloquium.\n"
        "- [Mar 2025] My team won first place in the Easy Read Image Generation Hackathon.\n"
    )
    result = read_path(site, today=TODAY)
    assert "its news in index.qmd" in result.description
    assert [(i.posted.display() if i.posted else None, i.kind) for i in result.items] == [
        ("May 2025", "award"),
        ("March 2025", "award"),
    ]
    assert any("news.yml (only a theme's sample posts)" in w for w in result.warnings)


def test_a_news_that_only_names_its_field_is_a_stand_in(tmp_path: Path) -> None:
    """A lab's al-folio ``_news/sample news.md`` says only "News Title" under its date: it had
    been the lab's one news. A text that only names the field it stands in for ("News Title",
    "Update text here") is a template's stand-in; a news that says more is news."""
    news = tmp_path / "_news"
    news.mkdir()
    (news / "sample news.md").write_text(
        "---\nlayout: post\ndate: 2022-03-01 15:59:00-0400\ninline: true\n---\n\nNews Title\n"
    )
    (news / "update.md").write_text("---\ndate: 2022-04-01\ninline: true\n---\n\nUpdate text here.\n")
    (news / "talk.md").write_text(
        "---\ndate: 2022-05-02\ninline: true\n---\n\nNews title generation: our talk at ACL.\n"
    )
    result = read_path(news, today=TODAY)
    assert [i.text for i in result.items] == ["News title generation: our talk at ACL."]


def test_a_page_the_sites_navigation_names_news_is_its_news_page(tmp_path: Path) -> None:
    """A Quarto book keeps its News in ``chapters/news.qmd``, which its ``_quarto.yml`` lists in
    the sidebar as ``{file: chapters/news.qmd, text: "News"}``: no fixed place names that file,
    and the site had read as "no news". A page the site's own navigation calls News (or lists by a
    name that says news) is read before its posts and its home page; a page it names otherwise
    ("Useful Links") is not, nor one outside the folder."""
    site = tmp_path / "site"
    (site / "chapters").mkdir(parents=True)
    (site / "_quarto.yml").write_text(
        "project:\n  type: book\nbook:\n  chapters:\n    - index.qmd\n    - chapters/links.qmd\n"
        "  sidebar:\n    contents:\n      - file: chapters/links.qmd\n        text: Useful Links\n"
        '      - file: chapters/updates-page.qmd\n        text: "News"\n      - file: ../outside.qmd\n'
        "        text: News\n"
    )
    (site / "index.qmd").write_text("---\ntitle: A project\n---\n\nWe build tools.\n")
    (site / "chapters" / "links.qmd").write_text("- **May 2026**: A link we like.\n")
    (site / "chapters" / "updates-page.qmd").write_text(
        "# News\n\n- **June 2026**: Over 20 talks at Q2026.\n- **May 2026**: Our second newsletter.\n"
    )
    (tmp_path / "outside.qmd").write_text("- **May 2020**: not this site's.\n")
    read = read_path(site, today=TODAY)
    assert "its news in chapters/updates-page.qmd" in read.description
    assert [i.text for i in read.items] == ["Over 20 talks at Q2026.", "Our second newsletter."]


def test_a_quarto_listing_page_is_read_as_the_documents_it_lists(tmp_path: Path) -> None:
    """A Quarto lab's ``news.qmd`` lists ``posts/**/index.qmd`` (front matter ``listing:``) under
    an introduction, a callout and columns of links to a few posts: those 19 undated lines had
    been its news, and the 21 posts it shows were not read. A listing page whose own body is not
    dated news is read as the documents it lists; one whose body is a dated list keeps it."""
    site = tmp_path / "site"
    (site / "posts" / "2025-12-02_imc21").mkdir(parents=True)
    (site / "posts" / "radin_joins").mkdir()
    (site / "_quarto.yml").write_text("project:\n  type: website\n")
    (site / "posts" / "2025-12-02_imc21" / "index.qmd").write_text(
        '---\ntitle: "International Microscopy Conference (IMC21)"\ndate: "2025-12-02"\n---\n\n'
        "Philipp gives a talk.\n"
    )
    (site / "posts" / "radin_joins" / "index.qmd").write_text(
        '---\ntitle: "Radin Rahimi joins the team"\ndate: "2023-09-15"\n---\n\nWelcome, Radin!\n'
    )
    listing = '---\ntitle: News\nlisting:\n  contents: "posts/**/index.qmd"\n  sort: "date desc"\n---\n\n'
    (site / "news.qmd").write_text(
        listing + "## News & Highlights\n\nThis page collects recent lab highlights.\n\n"
        '::: {.callout-note appearance="simple"}\n**Join the lab.**\n\n'
        "- Explore [open opportunities](o.qmd)\n"
        "- Get in touch via the [contact page](contact.qmd)\n:::\n\n### Talks\n"
        "- [IMC21](posts/2025-12-02_imc21/index.qmd)\n- [Radin joins](posts/radin_joins/index.qmd)\n"
    )
    read = read_path(site, today=TODAY)
    assert "its news in posts/" in read.description
    assert [(i.posted.start.isoformat() if i.posted else None, i.title) for i in read.items] == [
        ("2025-12-02", "International Microscopy Conference (IMC21)"),
        ("2023-09-15", "Radin Rahimi joins the team"),
    ]
    assert any(
        "news.qmd (a listing page: its news are the documents it lists, posts/)" in w for w in read.warnings
    )
    (site / "news.qmd").write_text(
        listing + "- **May 2026**: A paper in Nature.\n- **Apr 2026**: A talk in Oslo.\n"
    )
    kept = read_path(site, today=TODAY)
    assert "its news in news.qmd" in kept.description
    assert [i.text for i in kept.items] == ["A paper in Nature.", "A talk in Oslo."]


def test_a_sphinx_site_is_read_from_the_pages_its_news_table_of_contents_names(tmp_path: Path) -> None:
    """A Sphinx site (``conf.py``) whose ``news.rst`` is only a table of contents of news pages:
    the pages it names are its news, one item each, in its order; the site's other pages (its
    CV, Research, Publications) are not (the folder had been read as a folder of posts, 20 items
    of which five were the site's pages). Importing ``news.rst`` alone reads them too."""
    site = tmp_path / "site"
    site.mkdir()
    (site / "conf.py").write_text("project = 'A lab'\n")
    (site / "index.rst").write_text("A lab\n=====\n\nWelcome.\n")
    (site / "cv.rst").write_text("CV\n==\n\nEducation and work.\n")
    (site / "news.rst").write_text(
        "News\n====\n\n.. toctree::\n   :maxdepth: 1\n\n   news_2022_06_15_award\n   news_2021_11_18\n"
        "   ../outside\n   missing_page\n"
    )
    (site / "news_2022_06_15_award.rst").write_text(
        "Best Reviewer Award\n===================\n\nFor JWRPM.\n"
    )
    (site / "news_2021_11_18.rst").write_text("New paper in JWRPM\n==================\n\nLed by K. Malek.\n")
    (tmp_path / "outside.rst").write_text("Not the site's\n==============\n\nA page outside.\n")
    for read in (read_path(site, today=TODAY), read_path(site / "news.rst", today=TODAY)):
        assert [(i.posted.start.isoformat() if i.posted else None, i.title, i.kind) for i in read.items] == [
            ("2022-06-15", "Best Reviewer Award", "award"),
            ("2021-11-18", "New paper in JWRPM", "acceptance"),
        ]
        assert "the 2 pages its table of contents names" in read.description


def test_pelican_and_multimarkdown_metadata_is_a_posts_front_matter(tmp_path: Path) -> None:
    """A Pelican (or MultiMarkdown) post opens with ``Title:``, ``Date:``, ``Category:`` lines and
    a blank line: its front matter, as ``---`` YAML is. The posts had been imported undated, their
    text "Title: Paper accepted at ICML Date: 2024-05-02 …"; a draft (``Status: draft``) is not
    imported. A news list that opens with one such line is still a list."""
    site = tmp_path / "site"
    (site / "content" / "news").mkdir(parents=True)
    (site / "pelicanconf.py").write_text('SITENAME = "A lab"\n')
    news = site / "content" / "news"
    (news / "icml.md").write_text(
        "Title: Paper accepted at ICML\nDate: 2024-05-02 10:20\nCategory: News\nTags: paper\n\n"
        "Our paper on flows was accepted at ICML 2024.\n"
    )
    (news / "oslo.md").write_text("Title: Gave a talk in Oslo\nDate: 2024-03-01\n\nI gave a talk in Oslo.\n")
    (news / "later.md").write_text("Title: Not yet\nDate: 2024-06-01\nStatus: draft\n\nSoon.\n")
    result = read_path(site, today=TODAY)
    assert "its news in content/news/" in result.description
    assert [(i.posted.start.isoformat() if i.posted else None, i.title, i.kind) for i in result.items] == [
        ("2024-05-02", "Paper accepted at ICML", "acceptance"),
        ("2024-03-01", "Gave a talk in Oslo", "talk"),
    ]
    listed = parse_text(
        "Title: News\n\n- 05/2024 Our paper was accepted.\n- 03/2024 A talk in Oslo.\n", today=TODAY
    )
    assert [i.text for i in listed.items] == ["Our paper was accepted.", "A talk in Oslo."]
    # a YAML data file whose first keys look the same is still a data file
    data = "title: Lab news\ndate: 2024-01-01\n\nnews:\n  - date: 2024-05-01\n    text: A paper in ICML.\n"
    assert [i.text for i in parse_text(data, today=TODAY, path="news.yml").items] == ["A paper in ICML."]


def test_an_eleventy_site_keeps_its_data_under_src(tmp_path: Path) -> None:
    """An Eleventy site keeps its data in ``src/_data/`` (with ``.eleventy.js`` or without it: a
    ``src/_data/news.json`` is a site's place on its own); the folder had been read as a folder of
    posts and gave 0 items."""
    site = tmp_path / "site"
    (site / "src" / "_data").mkdir(parents=True)
    (site / "src" / "pages").mkdir()
    (site / "package.json").write_text('{"devDependencies": {"@11ty/eleventy": "^2.0.1"}}\n')
    (site / "src" / "pages" / "news.njk").write_text("{% for n in news %}<p>{{ n.title }}</p>{% endfor %}\n")
    (site / "src" / "_data" / "news.json").write_text(
        '[{"date": "January 2026", "title": "New members to join the lab!", "content": "Welcome, Sai!"},'
        ' {"date": "December 2025", "title": "The lab received DISC funding", "content": "For gaits."}]'
    )
    result = read_path(site, today=TODAY)
    assert "its news in src/_data/news.json" in result.description
    assert [(i.posted.display() if i.posted else None, i.kind) for i in result.items] == [
        ("January 2026", "position"),
        ("December 2025", "award"),
    ]
    (site / ".eleventy.js").write_text("module.exports = () => ({ dir: { input: 'src' } });\n")
    assert len(read_path(site, today=TODAY).items) == 2


def test_a_site_folder_is_read_where_the_site_keeps_its_news_and_its_other_pages_are_not(
    tmp_path: Path,
) -> None:
    """`newsfeed import ~/my-site`: a Jekyll site's folder is read from its news collection, not
    as a folder of news files (its README and CONTRIBUTING were items); the report names the
    place it read and the others it saw; a Hugo section with no posts is read from its own page
    (`_index.md`, skipped as a section page before: 0 items); a site with its news nowhere says
    where it looked."""
    site = tmp_path / "site"
    (site / "_news").mkdir(parents=True)
    (site / "_posts").mkdir()
    (site / "_config.yml").write_text("title: A lab\n")
    (site / "README.md").write_text("# A lab\n\nThis is the site of a lab.\n")
    (site / "CONTRIBUTING.md").write_text("Contributions are welcome!\n")
    (site / "_news" / "announcement_1.md").write_text("---\ndate: 2023-01-15\n---\nGave a keynote at ALT.\n")
    (site / "_posts" / "2022-03-01-hello.md").write_text("---\ntitle: Hello\n---\nThe blog opens.\n")
    result = read_path(site, today=TODAY)
    assert [(i.text, i.kind) for i in result.items] == [("Gave a keynote at ALT.", "talk")]
    assert result.description.startswith("site folder: its news in _news/")
    assert any("_posts" in w for w in result.warnings)
    hugo = tmp_path / "hugo"
    (hugo / "content" / "news" / "2024-talk").mkdir(parents=True)
    (hugo / "hugo.toml").write_text('title = "A lab"\n')
    (hugo / "content" / "news" / "2024-talk" / "index.md").write_text(
        "---\ntitle: A talk at a lab\ndate: 2024-05-02\n---\nWe gave a talk.\n"
    )
    result = read_path(hugo, today=TODAY)
    assert [i.title for i in result.items] == ["A talk at a lab"]
    assert "content/news/" in result.description
    # Hugo Blox (config/_default/, no config file at the top), news kept as a list in the
    # section's own page: content/news/_index.md holds them all
    blox = tmp_path / "blox"
    (blox / "config" / "_default").mkdir(parents=True)
    (blox / "content" / "news").mkdir(parents=True)
    (blox / "LICENSE.md").write_text("MIT License\n\nPermission is hereby granted.\n")
    (blox / "content" / "news" / "_index.md").write_text(
        "---\ntitle: News\nview: 2\n---\n- 04/2026 Our paper on flows was published in a journal.\n"
        "- 03/2026 Haoran won the best oral presentation award.\n"
    )
    result = read_path(blox, today=TODAY)
    assert [(i.posted.display(), i.kind) for i in result.items if i.posted] == [
        ("April 2026", "acceptance"),
        ("March 2026", "award"),
    ]
    # the section and its page named as in the site, not as the path the folder was read from
    assert "its news in content/news/, the section page _index.md:" in result.description
    # the home page includes its news (_includes/news.html) and the posts are a blog; an include
    # that is a template over a data file the site lacks says so
    include = tmp_path / "include"
    (include / "_includes").mkdir(parents=True)
    (include / "_posts").mkdir()
    (include / "index.html").write_text("<h1>A lab</h1>\n{% include news.html %}\n")
    (include / "_includes" / "news.html").write_text(
        "<h2>News</h2><table><tr><td>Aug 2025</td><td>Our paper was accepted at CoRL.</td></tr></table>"
    )
    (include / "_posts" / "2022-03-01-hello.md").write_text("---\ntitle: Hello\n---\nThe blog opens.\n")
    result = read_path(include, today=TODAY)
    assert [i.text for i in result.items] == ["Our paper was accepted at CoRL."]
    (include / "_includes" / "news.html").write_text(
        "{% for n in site.data.news %}<p>{{ n.headline }}</p>{% endfor %}"
    )
    (include / "_posts" / "2022-03-01-hello.md").unlink()
    (include / "index.html").write_text("<h1>A lab</h1>\n")
    with pytest.raises(
        UnreadableDocument, match=r"_includes/news.html \(a template: its news are read from _data/news"
    ):
        read_path(include, today=TODAY)
    # academicpages: the News section is on the home page, and _posts/ holds the theme's samples
    home = tmp_path / "home"
    (home / "_pages").mkdir(parents=True)
    (home / "_posts").mkdir()
    (home / "_config.yml").write_text("title: A researcher\n")
    (home / "_pages" / "about.md").write_text(
        "---\npermalink: /\n---\nI study flows.\n\n## News\n\n- May 2024: our paper on flows was accepted.\n"
    )
    (home / "_posts" / "2012-08-14-blog-post-1.md").write_text(
        "---\ntitle: Blog Post number 1\n---\nSample.\n"
    )
    result = read_path(home, today=TODAY)
    assert [i.text for i in result.items] == ["our paper on flows was accepted."]
    (home / "_pages" / "about.md").write_text("---\npermalink: /\n---\nI study flows.\n")
    assert [i.title for i in read_path(home, today=TODAY).items] == ["Blog Post number 1"]
    # Quarto: a listing page (news/index.qmd) over a folder of posts, each news/<post>/index.qmd
    quarto = tmp_path / "quarto"
    (quarto / "news" / "2024-05-01-paper").mkdir(parents=True)
    (quarto / "_quarto.yml").write_text("project:\n  type: website\n")
    (quarto / "index.qmd").write_text("---\ntitle: A lab\n---\nWe study flows.\n")
    (quarto / "news" / "index.qmd").write_text("---\ntitle: News\nlisting:\n  contents: .\n---\n")
    (quarto / "news" / "2024-05-01-paper" / "index.qmd").write_text(
        "---\ntitle: Our paper on flows was accepted at ICML\ndate: 2024-05-01\n---\n"
        "```{r}\nplot(1:10)\n```\nIt is on flows.\n"
    )
    result = read_path(quarto, today=TODAY)
    assert [(i.title, i.posted.display() if i.posted else None) for i in result.items] == [
        ("Our paper on flows was accepted at ICML", "1 May 2024")
    ]
    assert result.description.startswith("site folder: its news in news/")
    profile = tmp_path / "profile"
    profile.mkdir()
    for page in (
        # a home page with no News section and no date: its profile and links are no news
        "<h1>A. Researcher</h1><p>Ph.D. student</p>"
        "<h2>Blogs</h2><ul><li>Shallot routing. <a href='b.html'>Link</a></li></ul>",
        # nor its welcome, dated only by what it says ("… an Assistant Professor … since August
        # 2021."): a lab's home page had read as one news of August 2021
        "<p>Welcome to CSSLab</p><p>Hi, everyone! I am C. Ho. I am now an Assistant Professor "
        "with the Department of Computer Science since August 2021.</p><p>My research area includes</p>"
        "<p>Storage systems and memory.</p>",
        # nor its masthead dated by the years it spans: a group's home page had read as one news,
        # "IAI-USTC · Quantum AI Group ·" of 2021–2026
        "<section class='hero'><p class='hero-index'>IAI-USTC · Quantum AI Group · 2021–2026</p></section>"
        "<h2>Open Source</h2><p>Our projects.</p><h2>Researchers</h2><p>Our people.</p>",
        # nor a standing note whose date names no year: a lab's "About and Join" page had read as
        # one news, an internship programme's "(Application deadline Feb 1st)"
        "<h1>Joining the lab</h1><ul><li><a href='https://example.org/surf'>Summer research programme</a>"
        " (Application deadline Feb 1st)</li><li>Internships through the department</li></ul>",
    ):
        (profile / "index.html").write_text(page)
        # the masthead's span of years dates nothing at all now: no news found
        with pytest.raises(
            UnreadableDocument, match=r"index\.html \((no News section and nothing dated|no news found)\)"
        ):
            read_path(profile, today=TODAY)
    # a home page whose News heads an undated list: its news, undated, in the order written (a
    # lab's 38 news under <h2>News</h2> had read as "no News section and nothing dated")
    (profile / "index.html").write_text(
        "<h1>Vision Lab</h1><p>We study vision.</p><h2 class='page-header'>News</h2><ul>"
        "<li>Our paper <a href='p.pdf'>Domain Agnostic Learning</a> was accepted to ICML2019</li>"
        "<li>Our dataset <a href='d.html'>DomainNet</a> has now been released.</li></ul>"
    )
    news = read_path(profile, today=TODAY)
    assert [(i.posted, i.kind) for i in news.items] == [(None, "acceptance"), (None, "preprint")]
    # a folder of posts beside the repository's own documents, and a site whose news/ folder
    # holds an index.html: read once, as a folder, not as a site inside the site
    posts = tmp_path / "posts"
    posts.mkdir()
    for doc in ("README.md", "CONTRIBUTING.md", "DEPLOY_NOTES.md", "LICENSE.md"):
        (posts / doc).write_text("# How to\n\nRun npm install.\n")
    (posts / "2024-05-01-paper.md").write_text("---\ntitle: Our paper was accepted\n---\nAt ICML.\n")
    assert [i.title for i in read_path(posts, today=TODAY).items] == ["Our paper was accepted"]
    nested = tmp_path / "nested"
    (nested / "news").mkdir(parents=True)
    (nested / "_config.yml").write_text("title: A lab\n")
    (nested / "news" / "index.html").write_text("<h2>News</h2><ul><li>May 2024: a talk at a lab.</li></ul>")
    result = read_path(nested, today=TODAY)
    assert [i.text for i in result.items] == ["a talk at a lab."]
    assert result.description.count("site folder") == 1
    # Astro: its content collection src/content/news/, beside the site's package.json
    astro = tmp_path / "astro"
    (astro / "src" / "content" / "news").mkdir(parents=True)
    (astro / "astro.config.mjs").write_text("export default {};\n")
    (astro / "README.md").write_text("# Lab site\n\nRun npm run dev.\n")
    (astro / "src" / "content" / "news" / "icml.md").write_text(
        "---\ntitle: Our paper was accepted at ICML\ndate: 2024-05-02\n---\nOn flows.\n"
    )
    result = read_path(astro, today=TODAY)
    assert [i.title for i in result.items] == ["Our paper was accepted at ICML"]
    assert "src/content/news/" in result.description
    empty = tmp_path / "empty"
    empty.mkdir()
    (empty / "_config.yml").write_text("title: A lab\n")
    (empty / "CONTRIBUTING.md").write_text("Contributions are welcome!\n")
    with pytest.raises(UnreadableDocument, match=r"a site's folder, but no news .*_news/"):
        read_path(empty, today=TODAY)


def test_publication_list_seed_004() -> None:
    result = read_path(SEEDS / "004_f8f86e794f8618c4.txt", today=TODAY)
    assert result.format == "publications"
    items = {i.title.split(":")[0]: i for i in result.items}
    assert len(result.items) == 18
    grad = items["GradPower"]
    assert (grad.kind, grad.posted.display(), grad.venues) == ("preprint", "May 2025", ())  # type: ignore[union-attr]
    sharp = next(i for i in result.items if i.title.startswith("The Sharpness Disparity"))
    assert (sharp.kind, sharp.venues, sharp.posted.display()) == ("acceptance", ("ICML 2025",), "2025")  # type: ignore[union-attr]
    sam = next(i for i in result.items if i.title.startswith("Sharpness-Aware"))
    assert sam.notes == ("Spotlight, top 5.1%",)
    assert sam.venues == ("ICLR 2025",)
    first = next(i for i in result.items if i.title.startswith("Generalization Error Bounds"))
    assert (first.kind, first.posted.display()) == ("preprint", "June 2022")  # type: ignore[union-attr]
    hild = next(i for i in result.items if i.title.startswith("How Transformers Get Rich"))
    assert hild.venues == ("ICML 2025 - HiLD",)
    # page counts are not dates: no item is dated 1-23 of anything
    assert all(i.posted.grain in ("month", "year") for i in result.items)  # type: ignore[union-attr]


def test_paper_listing_seed_002() -> None:
    result = read_path(SEEDS / "002_c8380908fb70cba8.txt", today=dt.date(2026, 2, 15))
    assert result.format == "listing"
    first = result.items[0]
    assert first.kind == "preprint"
    assert first.title.startswith("Chaos is a Ladder")
    assert first.posted.start == dt.date(2022, 3, 25)  # type: ignore[union-attr]
    assert first.extra["category"] == "LG"
    assert first.extra["authors"] == "Yifei Wang, Qi Zhang, Yisen Wang et al."
    last = result.items[-1]
    assert last.title.startswith("Proof-RM")
    assert last.posted.start == dt.date(2026, 2, 2)  # type: ignore[union-attr]
    assert "year" in last.posted.inferred  # type: ignore[union-attr]
    quant = next(i for i in result.items if i.extra["category"] == "QUANT-PH")
    assert quant.posted.start == dt.date(2023, 8, 22)  # type: ignore[union-attr]
    scored = next(i for i in result.items if i.title.startswith("CausalRM"))
    assert scored.posted.start == dt.date(2025, 3, 19)  # type: ignore[union-attr]


def test_workshop_call_seed_003() -> None:
    result = read_path(SEEDS / "003_ed098f0169d864fe.txt", today=dt.date(2024, 12, 1))
    assert result.format == "cfp"
    (item,) = result.items
    assert item.kind == "organizing"
    assert item.venues == ("ICLR 2025",)
    milestones = {e.label: e.date for e in item.events}
    submission = milestones["Paper submission deadline"]
    assert (submission.time, submission.tz) == ("23:59", "AoE")
    assert submission.instant == dt.datetime(2025, 2, 2, 11, 59, tzinfo=dt.UTC)
    bidding = milestones["Reviewer bidding dates"]
    assert (bidding.start, bidding.end, bidding.grain) == (dt.date(2025, 2, 1), dt.date(2025, 2, 5), "day")
    assert milestones["Review Deadline"].start == dt.date(2025, 2, 25)
    assert milestones["Paper notification date"].start == dt.date(2025, 2, 27)
    assert milestones["Camera ready deadline"].instant == dt.datetime(2025, 3, 5, 11, 59, tzinfo=dt.UTC)
    programme = item.extra["programme"]
    assert programme[0] == {
        "start": "09:00",
        "end": "09:10",
        "title": "Opening Remarks",
        "tz": "America/Vancouver",
        "offset": "UTC-07:00",
    }
    assert "Nancy F. Chen" in item.text and "Taiji Suzuki" in item.text


def test_detect_format_of_every_seed() -> None:
    formats = {p.name[:3]: detect_format(p.read_text()) for p in SEEDS.iterdir()}
    assert formats == {"000": "news", "001": "news", "002": "listing", "003": "cfp", "004": "publications"}


# ---------------------------------------------------------------------------------------------
# export round trip and robustness


def _view(items: list) -> list:  # type: ignore[type-arg]
    return [
        (
            i.kind,
            i.title,
            " ".join(i.text.split()),
            (i.posted.start, i.posted.end, i.posted.grain),
            [e.as_dict() for e in i.events],
            i.links,
            i.papers,
            i.venues,
        )
        for i in items
    ]


def test_import_export_import_gives_identical_items() -> None:
    first = read_path(SEEDS / "000_00131e9a34f93c5c.txt", today=TODAY).items
    again = parse_text(to_markdown(first), today=TODAY, fmt="news").items
    assert _view(again) == _view(first)


def test_alfolio_export_keeps_the_grain() -> None:
    first = read_path(SEEDS / "000_00131e9a34f93c5c.txt", today=TODAY).items
    files = to_alfolio(first)
    again = parse_folder(sorted(files.items()), today=TODAY).items
    assert all(i.posted is not None for i in [*first, *again])
    assert sorted((i.posted.display() if i.posted else "", i.kind) for i in again) == sorted(
        (i.posted.display() if i.posted else "", i.kind) for i in first
    )


bullet = st.builds(
    lambda label, body: f"* {label} {body}",
    st.sampled_from(
        ["05/2024", "**Dec. 2024:**", "[2024/05]", "2023.11.21 |", "18th Nov", "", "13/13/2024", "Feb 30"]
    ),
    st.text(max_size=120),
)


@given(st.lists(st.one_of(bullet, st.text(max_size=80)), max_size=30))
@settings(max_examples=150, deadline=None)
def test_generated_lists_never_crash_the_importer(lines: list[str]) -> None:
    text = "## News\n" + "\n".join(lines)
    for fmt in ("auto", "news", "publications", "listing", "cfp"):
        if "\x00" in text:  # refused as a whole, with its reason
            with pytest.raises(UnreadableDocument, match="NUL byte"):
                parse_text(text, today=TODAY, fmt=fmt)
            continue
        result = parse_text(text, today=TODAY, fmt=fmt)
        for item in result.items:
            assert item.posted is None or item.posted.start <= item.posted.end
            assert item.kind in (
                "acceptance",
                "talk",
                "reviewing",
                "travel",
                "organizing",
                "award",
                "position",
                "preprint",
                "other",
            )


def test_a_time_alone_in_an_item_is_an_event_only_on_a_dated_day() -> None:
    from newsfeed.domain.dates import parse
    from newsfeed.domain.importers.events import events_in

    day = parse("6 May 2024", today=dt.date(2024, 6, 1))
    month = parse("May 2024", today=dt.date(2024, 6, 1))
    text = "Gave a talk at 3:30pm in the main hall."
    (talk,) = events_in(text, "talk", posted=day, order=None)
    assert (talk.date.start, talk.date.time) == (dt.date(2024, 5, 6), "15:30")
    assert events_in(text, "talk", posted=month, order=None) == ()  # which day of May? unknown
    assert events_in("See you next Friday at 4pm!", "talk", posted=day, order=None) == ()


_YAML_VALUES = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-5, 3000)
    | st.floats(allow_nan=False, width=32)
    | st.text(max_size=12)
    | st.dates(),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3),
    max_leaves=6,
)


@settings(max_examples=300, deadline=None)
@given(
    st.dictionaries(
        st.sampled_from(
            [
                "title",
                "date",
                "tags",
                "categories",
                "category",
                "type",
                "inline",
                "draft",
                "published",
                "link",
                "url",
                "lang",
                "news_type",
                "summary",
            ]
        ),
        _YAML_VALUES,
        max_size=6,
    )
)
@example(meta={"title": {"0": False}, "date": {"0": "0", "00": 1900}})  # once read as two records
def test_a_posts_front_matter_of_any_types_never_breaks_a_folder_import(meta: dict[str, object]) -> None:
    """A post whose front matter holds numbers, lists, mappings or dates where text is expected
    (``tags: [news, 2.0]`` had raised TypeError and failed a lab site's whole import): the folder
    is read, and the post is an item or a reason. A post with a body is one post even when its
    front matter's mappings look like dated records (only a page with no body and a field of
    records, ``news: [...]``, is read as its records)."""
    import yaml

    text = "---\n" + yaml.safe_dump(meta, allow_unicode=True) + "---\nWe gave a talk in Oslo.\n"
    try:
        result = parse_folder([("_posts/2024-05-02-talk.md", text)], today=TODAY)
    except UnreadableDocument:
        return
    assert len(result.items) <= 1
    for item in result.items:
        assert isinstance(item.text, str) and isinstance(item.title, str) and isinstance(item.hint, str)


def test_a_folder_of_documents_is_read_at_its_top_and_an_mkdocs_blog_is_a_sites_news(tmp_path: Path) -> None:
    """A folder that is no collection of posts (``docs/`` with ``Training/…``) is read at its top,
    not into its topic folders (a repository's documents had become undated items); folders named
    by year are read. A MkDocs site (mkdocs.yml) keeps its news in Material's docs/blog/posts/."""
    docs = tmp_path / "docs"
    (docs / "Training" / "Synthetic").mkdir(parents=True)
    (docs / "2024").mkdir()
    (docs / "Training" / "Synthetic" / "weather.md").write_text("# Weather generation\n\nHow to do it.\n")
    (docs / "2024" / "2024-05-02-talk.md").write_text("---\ntitle: A talk in Oslo\n---\n")
    assert [i.title for i in read_path(docs, today=TODAY).items] == ["A talk in Oslo"]
    site = tmp_path / "mkdocs"
    (site / "docs" / "blog" / "posts").mkdir(parents=True)
    (site / "mkdocs.yml").write_text("site_name: A lab\nplugins:\n  - blog\n")
    (site / "docs" / "index.md").write_text("# A lab\n\nWe study flows.\n")
    (site / "docs" / "blog" / "posts" / "award.md").write_text(
        "---\ndate: 2025-06-01\n---\n# Our student won the best poster award\n\nAt ICML.\n"
    )
    result = read_path(site, today=TODAY)
    assert [(i.posted.display(), i.kind) for i in result.items if i.posted] == [("1 Jun 2025", "award")]
    assert "docs/blog/posts" in result.description


def test_a_jekyll_post_named_with_a_one_digit_month_or_day_is_dated_by_its_name() -> None:
    """Jekyll takes "2025-9-01-gaze.md" and "2025-4-7-jobs.md" as dated posts; they had been
    imported undated."""
    result = parse_folder(
        [
            ("_posts/news/2025-9-01-gaze.md", "---\ntitle: Our gaze paper is out\n---\nA preprint.\n"),
            ("_posts/news/2025-4-7-jobs.md", "---\ntitle: Paid summer research jobs\n---\nApply.\n"),
        ],
        today=TODAY,
    )
    assert [(i.title, i.posted.display() if i.posted else None) for i in result.items] == [
        ("Our gaze paper is out", "1 Sep 2025"),
        ("Paid summer research jobs", "7 Apr 2025"),
    ]


def test_a_posts_title_written_with_html_is_its_plain_text_and_its_badge_its_category() -> None:
    """ "title: AI Transforms Music: <strong>First AI-Composed Symphony</strong> Debuts", and a title
    ending in '<span class="badge badge-pill">Featured</span>' (an academic-homepage theme's
    news): the title a feed shows is plain text, and the badge is the post's category; the tags
    had been shown as written."""
    result = parse_folder(
        [
            (
                "_news/2024-news3.md",
                '---\ntitle: "AI Transforms Music: <strong>First AI-Composed Symphony</strong> Debuts"\n'
                "date: 2024-10-18 20:45:00 -0400\n---\n",
            ),
            (
                "_news/2023-news1.md",
                "---\ntitle: >-\n    Our robot wins the culinary competition\n"
                '    <span class="badge badge-pill badge-info">Featured</span>\ndate: 2023-09-05\n---\n',
            ),
        ],
        today=TODAY,
    )
    assert [(i.title, i.hint) for i in result.items] == [
        ("AI Transforms Music: First AI-Composed Symphony Debuts", ""),
        ("Our robot wins the culinary competition", "Featured"),
    ]


def test_captured_blurbs_of_a_home_page_are_no_news_and_the_posts_are(tmp_path: Path) -> None:
    """The Greene Lab template's home page: "## Highlights" then ``{% capture text %}`` blurbs
    handed to feature cards ("Our Research", "Our Team"). They are no list of news (they had been
    imported as three undated items), so the site's news are its _posts/."""
    site = tmp_path / "site"
    (site / "_posts").mkdir(parents=True)
    (site / "_config.yaml").write_text("title: A lab\n")
    blurb = (
        "{% capture text %}\n\nWe study how cells talk to each other.\n\n"
        '{%\n  include button.html\n  link="research"\n  text="See our publications"\n%}\n\n'
        "{% endcapture %}\n\n"
        '{%\n  include feature.html\n  image="images/photo.jpg"\n  title="Our Research"\n  text=text\n%}\n\n'
    )
    (site / "index.md").write_text("# A lab\n\n{% include section.html %}\n\n## Highlights\n\n" + blurb * 3)
    (site / "_posts" / "2023-02-23-welcome.md").write_text(
        "---\ntitle: Welcome to Ana, our new postdoc\n---\n"
    )
    result = read_path(site, today=TODAY)
    assert [i.title for i in result.items] == ["Welcome to Ana, our new postdoc"]
    assert "_posts/" in result.description


def test_unclosed_captures_cost_linear_time() -> None:
    """A page of ``{% capture x %}`` with no end: each is looked for once."""

    def prepare(n: int) -> Any:
        text = "## News\n\n" + "{% capture x %}\n- May 2025: a talk.\n" * n
        return lambda: parse_text(text, today=TODAY, path="news.md")

    assert growth(prepare, 2_000) < LINEAR_WHEN_QUADRUPLED


def test_an_org_sites_built_news_page_reads_cleanly(tmp_path: Path) -> None:
    """A site that builds news.html from news.org: the page it publishes is read (a built page
    is often edited after its source went stale), and reads as its source does: an Org
    timestamp's weekday inside its bracket ("[2019-01-22 Tue]") belongs to the label, and a
    footnote's mark is no text (the item had read "Tue] New study 1 of …"). A Sphinx News page
    holding only a Twitter timeline says its news are embedded posts."""
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("<h1>A. Giuliani</h1><p>Spectroscopy.</p>\n")
    (site / "news.org").write_text(
        "#+TITLE: News\n\n* News\n- *[2019-01-22 Tue]* New study[fn:1] of radiation damage is out\n\n"
        "* Footnotes\n[fn:1] A paper.\n"
    )
    (site / "news.html").write_text(
        '<h2>News</h2><ul><li><span class="timestamp-wrapper"><span class="timestamp">[2019-01-22 Tue]'
        '</span></span> New study<sup><a id="fnr.1" class="footref" href="#fn.1">1</a></sup> of radiation'
        " damage is out</li></ul>\n"
    )
    result = read_path(site, today=TODAY)
    assert result.description.startswith("site folder: its news in news.html")
    assert [(i.text, i.posted.display() if i.posted else None) for i in result.items] == [
        ("New study of radiation damage is out", "22 Jan 2019")
    ]
    source = read_path(site / "news.org", today=TODAY)
    assert [i.text for i in source.items] == [i.text for i in result.items]
    sphinx = tmp_path / "sphinx"
    sphinx.mkdir()
    (sphinx / "conf.py").write_text("project = 'A lab'\n")
    (sphinx / "news.rst").write_text(
        'News\n----\n\n.. raw:: html\n\n    <a class="twitter-timeline" href="https://twitter.com/x">News</a>\n'
    )
    with pytest.raises(UnreadableDocument, match=r"news.rst \(its news are posts embedded .*twitter.com"):
        read_path(sphinx, today=TODAY)


def test_a_folder_holding_only_the_repositorys_documents_says_so(tmp_path: Path) -> None:
    """A lab's Django application (its news in a database) holds ``README.md`` and
    ``INSTALL.md`` at its top: the report had said only "folder of news files, 0 files: nothing
    that reads as a list of news". It names the documents it passed over and why."""
    app = tmp_path / "labsite"
    (app / "src").mkdir(parents=True)
    (app / "README.md").write_text("# labsite\n\nA Django site. Run manage.py.\n")
    (app / "INSTALL.md").write_text("# Install\n\n1. pip install -r requirements.txt\n")
    (app / "src" / "views.py").write_text("def news(request): ...\n")
    result = read_path(app, today=TODAY)
    assert result.items == []
    assert "INSTALL.md, README.md: the repository's own documents, not news" in result.warnings


def test_a_jekyll_sites_collections_dir_holds_its_posts(tmp_path: Path) -> None:
    """A lab's minimal-mistakes site sets ``collections_dir: collections`` in ``_config.yml``, so
    its posts are in ``collections/_posts/`` (its News page a loop over ``site.posts``): the site
    had read as "it has none of … _posts/". The folder the configuration names holds them."""
    site = tmp_path / "site"
    (site / "collections" / "_posts").mkdir(parents=True)
    (site / "_config.yml").write_text("title: Yokoi Lab\ncollections_dir: collections\n")
    (site / "collections" / "_posts" / "2026-05-01-icml.md").write_text(
        "---\ntitle: ICML 2026 accepted\ncategories: News\n---\nOne paper was accepted.\n"
    )
    result = read_path(site, today=TODAY)
    assert result.description.startswith("site folder: its news in collections/_posts/")
    assert [(i.title, i.posted.display() if i.posted else None) for i in result.items] == [
        ("ICML 2026 accepted", "1 May 2026")
    ]
    # a name leading out of the site is no folder of it
    (site / "_config.yml").write_text("collections_dir: ../elsewhere\n")
    with pytest.raises(UnreadableDocument):
        read_path(site, today=TODAY)


def test_a_whole_html_page_in_a_folder_of_posts_is_read_as_html(tmp_path: Path) -> None:
    """A course's repository holds one exported slide deck at its top, ``PsychoPy3.html``
    (``<!DOCTYPE html>``, its theme's CSS in ``<style>``): it had been imported as a news item
    whose text was "/*! Marp default theme …". A whole HTML page among posts is read as HTML: its
    styles and scripts are no text, so a page of nothing else is no item, and a page with prose
    is that prose."""
    folder = tmp_path / "course"
    folder.mkdir()
    (folder / "slides.html").write_text(
        "<!DOCTYPE html><html><head><style>div{color:red}</style><style>/*!\n * Marp default theme.\n"
        " *\n * @theme default\n */\nsection{width:1280px}</style>\n"
        "<script>var a = 1;</script></head><body><svg><foreignObject></foreignObject></svg></body></html>"
    )
    assert read_path(folder, today=TODAY, site=False).items == []
    (folder / "2024-05-01-talk.html").write_text(
        "<!DOCTYPE html><html><head><style>p{margin:0}</style></head>"
        "<body><p>Gave a talk at MIT on flows.</p></body></html>"
    )
    (item,) = read_path(folder, today=TODAY).items
    assert item.text == "Gave a talk at MIT on flows."


def test_a_folder_of_undated_pages_is_no_folder_of_posts(tmp_path: Path) -> None:
    """A group's repository holds its README and four course pages, ``phy604_fall2025.md``
    ("# PHY 604: Computational Methods …", its lectures): it had been read as a folder of four
    news, two dated by a day their syllabus names. A folder whose documents have no date in
    their names or front matter holds pages or notes, not posts: importing it says so (exit 2
    on the command line); one dated post among them, or a folder named for posts, is read."""
    folder = tmp_path / "group"
    folder.mkdir()
    (folder / "README.md").write_text("# Dreyer Research Group\n\nWelcome to our GitHub site.\n")
    for term in ("fall2021", "fall2023", "fall2025"):
        (folder / f"phy604_{term}.md").write_text(
            "# PHY 604: Computational Methods\n*Instructor: C. Dreyer*\n\n"
            "## Lectures\n- Lecture 1: Intro (due Sep 17, 2025)\n"
        )
    with pytest.raises(UnreadableDocument, match="3 documents with no date in their names or front matter"):
        read_path(folder, today=TODAY)
    (folder / "2025-09-01-welcome.md").write_text("---\ntitle: Welcome to the new students\n---\n\nHello.\n")
    assert "Welcome to the new students" in [i.title for i in read_path(folder, today=TODAY).items]
    posts = tmp_path / "posts"
    posts.mkdir()
    (posts / "talk.md").write_text("# Gave a talk at MIT\n\nOn flows.\n")
    assert [i.text for i in read_path(posts, today=TODAY).items] == ["Gave a talk at MIT On flows."]


def test_a_posts_body_opening_with_the_posts_own_date_leaves_it_out(tmp_path: Path) -> None:
    """A lab's post ``2026-05-01-showcase-symposium.md``, titled "Student presentations 2026",
    opens its body with "# May, 2026: Showcase and Undergraduate Research Symposium": its text
    had read "Student presentations 2026 May, 2026: Showcase …". The body's label repeating the
    post's date is left out; a date that is the sentence's subject, or another day, stays."""
    posts = tmp_path / "_posts"
    posts.mkdir()
    (posts / "2026-05-01-showcase.md").write_text(
        "---\ntitle: Student presentations 2026\n---\n\n"
        "# May, 2026: Showcase and Research Symposium\nGaby gave a poster.\n"
    )
    (posts / "2026-04-01-release.md").write_text(
        "---\ntitle: Software\n---\n\nApril 2026 release is live with new features.\n"
    )
    (posts / "2026-03-02-retreat.md").write_text(
        "---\ntitle: Retreat\n---\n\nMarch 20, 2026: the lab retreat in Maine.\n"
    )
    (posts / "2020-11-20-ctf.md").write_text("---\ntitle: CTF Write-up\n---\n\n2020 BoB CTF Write-up.\n")
    texts = [i.text for i in read_path(posts, today=TODAY).items]
    assert texts == [
        "Student presentations 2026 Showcase and Research Symposium Gaby gave a poster.",
        "Software April 2026 release is live with new features.",
        "Retreat March 20, 2026: the lab retreat in Maine.",
        "CTF Write-up 2020 BoB CTF Write-up.",
    ]


def test_a_sites_news_page_is_found_whatever_the_case_of_its_name(tmp_path: Path) -> None:
    """A lab's site on GitHub Pages keeps its news in ``News.html`` (``<p><b>2021.11</b> Liu
    group celebrates …``) beside ``index.html`` of photos and links: "a site's folder, but no
    news", as a News page was looked for as ``news.html`` only. A place is found however its
    letters are cased; a name in capitals only (``NEWS.md``, a package's list of changes, as GNU
    and R packages keep it) is not taken for a News page."""
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("<html><body><h1>Liu Lab</h1><p>Welcome.</p></body></html>")
    (site / "NEWS.md").write_text("# mypkg 1.2.0\n\n- 2021-10-01: Fixed a bug in `fit()`.\n")
    (site / "News.html").write_text(
        "<html><body><div class='news'>"
        "<p><b>2021.11</b>&ensp;Liu group celebrates its <b>Fifth Year Anniversary.</b></p>"
        "<p><b>2021.10</b>&ensp;Xinyu Ling is awarded the <b>Zhang Li He Scholarship</b>.</p>"
        "</div></body></html>"
    )
    result = read_path(site, today=TODAY)
    assert result.description.startswith("site folder: its news in News.html"), result.description
    assert _dated(result) == [
        ("November 2021", "Liu group celebrates its **Fifth Year Anniversary.**"),
        ("October 2021", "Xinyu Ling is awarded the **Zhang Li He Scholarship**."),
    ]
    (site / "News.html").unlink()
    with pytest.raises(UnreadableDocument):
        read_path(site, today=TODAY)


def test_a_home_page_that_only_sends_its_reader_on_is_read_where_it_sends_them(tmp_path: Path) -> None:
    """A lab's ``index.html`` holds only ``<script>window.location.replace('home.html')</script>``,
    and ``home.html`` the lab's page with its "Latest News": the site had "no news". A home page
    whose body only sends its reader to another page of the site (by a script or ``<meta
    http-equiv="refresh">``) is read there; one sending them away from the site, or saying
    something of its own besides, is not followed."""
    site = tmp_path / "site"
    site.mkdir()
    news = (
        "<html><body><h1>GeoWater Lab</h1><h2>Latest News</h2>"
        "<article><span class='d'>2025-01</span><p>Xiangyong's paper is accepted at Journal of Hydrology.</p>"
        "</article><article><span class='d'>2024-11</span><p>Ziyun wins the National Scholarship.</p>"
        "</article></body></html>"
    )
    (site / "home.html").write_text(news)
    redirects = (
        "<html><head><title>Lab</title></head><body><script>window.location.replace('home.html');</script>"
        "</body></html>",
        '<html><head><meta http-equiv="refresh" content="0; url=./home.html"></head><body></body></html>',
    )
    for page in redirects:
        (site / "index.html").write_text(page)
        result = read_path(site, today=TODAY)
        assert result.description.startswith("site folder: its news in home.html"), result.description
        dates = [i.posted.display() if i.posted else "" for i in result.items]
        assert dates == ["January 2025", "November 2024"], dates
    away = '<html><head><meta http-equiv="refresh" content="0; url=https://lab.example.org/"></head></html>'
    (site / "index.html").write_text(away)
    with pytest.raises(UnreadableDocument):
        read_path(site, today=TODAY)


def test_al_folios_sample_post_titled_by_its_feature_is_not_news(tmp_path: Path) -> None:
    """al-folio files 31 of its sample posts under ``categories: sample-posts``, but not "a post
    with redirect" (``redirect: /assets/pdf/example_pdf.pdf``, "Redirecting to another page."):
    two labs whose ``_news/`` held only the theme's announcements had it imported as their one
    news. A post titled in small letters by the feature it shows ("a post with redirect"), as
    al-folio titles its samples, is a sample; a lab's own post so worded but capitalised, "A
    post with our slides from NeurIPS", is news."""
    posts = tmp_path / "_posts"
    posts.mkdir()
    (posts / "2022-02-01-redirect.md").write_text(
        "---\nlayout: post\ntitle: a post with redirect\ndate: 2022-02-01 17:39:00\n"
        "description: you can also redirect to assets like pdf\n"
        "redirect: /assets/pdf/example_pdf.pdf\n---\n\n"
        "Redirecting to another page.\n"
    )
    result = read_path(posts, today=TODAY)
    assert result.items == [] and any("a theme's sample text" in w for w in result.warnings), result.warnings
    (posts / "2025-12-20-slides.md").write_text(
        "---\nlayout: post\ntitle: A post with our slides from NeurIPS\ndate: 2025-12-20\n---\n\nEnjoy.\n"
    )
    assert [i.title for i in read_path(posts, today=TODAY).items] == ["A post with our slides from NeurIPS"]


def test_a_hugo_site_configured_in_hugo_yml_is_read_from_its_sources_not_its_built_copy(
    tmp_path: Path,
) -> None:
    """A PaperMod site configured in ``hugo.yml`` (Hugo reads ``.yml`` as it reads ``.yaml``),
    holding a blog and its projects, with its built copy committed in ``public/``: the folder was
    taken for a repository holding one site, ``public/``, whose built feed gave its
    "Publications" page as the site's one news. A ``hugo.yml`` marks the folder a site, read from
    its sources: no News there, which it says."""
    site = tmp_path / "site"
    (site / "content" / "blogs").mkdir(parents=True)
    (site / "public").mkdir()
    (site / "hugo.yml").write_text('baseURL: "https://example.github.io/"\ntheme: "PaperMod"\n')
    (site / "content" / "blogs" / "lca-ml-review.md").write_text(
        '---\ntitle: "Beyond Excel"\ndate: 2025-10-16\n---\n\nOn life cycle assessment.\n'
    )
    (site / "public" / "index.html").write_text("<html><body><h1>Hairong Wang</h1></body></html>")
    (site / "public" / "index.xml").write_text(
        '<?xml version="1.0"?><rss version="2.0"><channel><title>H</title><item><title>Publications</title>'
        "<link>https://example.github.io/publications/</link>"
        "<pubDate>Wed, 03 Dec 2025 00:00:00 +0000</pubDate>"
        "<description>## Recent Publications</description></item></channel></rss>"
    )
    with pytest.raises(UnreadableDocument, match=r"site's folder, but no news") as raised:
        read_path(site, today=TODAY)
    assert "public" not in str(raised.value).split("(")[0], raised.value


def test_a_javascript_sites_home_route_with_a_news_section_is_its_news(tmp_path: Path) -> None:
    """A student's Astro site keeps its news in its home page, ``src/pages/index.astro``:
    ``const news = [{ date: "2025.07", text: 'Joined <strong>ByteDance Seed</strong> …' }, …]``
    in its front matter, rendered under ``<h2 class="section-title">News</h2>``: "a site's folder,
    but no news", as only components and pages named for news were looked in. A framework's home
    route (Astro's and Next.js's ``pages/index``, ``app/page``, SvelteKit's ``+page``) with a
    News heading is read as such a component; one without keeps the site's other places."""
    site = tmp_path / "site"
    (site / "src" / "pages").mkdir(parents=True)
    (site / "astro.config.mjs").write_text("export default {};\n")
    home = site / "src" / "pages" / "index.astro"
    home.write_text(
        '---\nimport BaseLayout from "../layouts/BaseLayout.astro";\nconst news = [\n'
        "  { date: \"2025.07\", text: 'Joined <strong>ByteDance Seed</strong> as research intern.' },\n"
        "  { date: \"2024.12\", text: 'Awarded <strong>National Scholarship</strong>.' },\n];\n---\n"
        '<BaseLayout><section id="news"><h2 class="section-title">News</h2>\n'
        '{news.map((item) => (<div class="news-item"><span>{item.date}</span>'
        "<span set:html={item.text} /></div>))}</section></BaseLayout>\n"
    )
    result = read_path(site, today=TODAY)
    assert result.description.startswith("site folder: its news in src/pages/index.astro"), result.description
    assert _dated(result) == [
        ("July 2025", "Joined **ByteDance Seed** as research intern."),
        ("December 2024", "Awarded **National Scholarship**."),
    ]
    home.write_text(home.read_text().replace('<h2 class="section-title">News</h2>', "<h2>Projects</h2>"))
    with pytest.raises(UnreadableDocument, match="no news"):
        read_path(site, today=TODAY)


def test_a_labs_posts_keep_their_papers_but_not_its_members_or_unfilled_fields(tmp_path: Path) -> None:
    """A lab keeps its papers and its members as Jekyll posts, ``_posts/paper/2025-05-01-
    autoocc.md`` and ``_posts/people/PhD/2023-09-01-name.md`` (its body "xxxxx" until the student
    writes one), a paper's body "NULL" as its template leaves it, and one paper's title an
    apostrophe inside single quotes (``title: 'Radar Fusion in Bird's Eye View'``), which YAML
    refuses: 14 profiles had been read as news, "NULL" as one's text and that paper as "NULL"
    alone. Members' folders are no news, a field left unfilled is no text, and front matter YAML
    refuses is read by its ``key: value`` lines."""
    posts = tmp_path / "_posts"
    (posts / "paper").mkdir(parents=True)
    (posts / "people" / "PhD").mkdir(parents=True)
    (posts / "paper" / "2025-05-01-autoocc.md").write_text(
        "---\ntitle:  'AutoOcc: Open-Ended Occupancy Annotation'  #  Paper title, covered by ''\n"
        "layout: post\ndate:   2025-05-01 11:59:59 +0800\nvenue:  ICCV 2025\ncode: NULL\n---\n\nNULL"
    )
    (posts / "paper" / "2025-04-01-roburcdet.md").write_text(
        "---\ntitle:  'RobuRCDet: Radar-Camera Fusion in Bird's Eye View'  #  Paper title, covered by ''\n"
        "layout: post  #  Do not change this\ndate:   2025-04-01 11:59:59 +0800\n---\n\nNULL"
    )
    (posts / "people" / "PhD" / "2023-09-01-YajiaoXiong.md").write_text(
        "---\nname: Yajiao Xiong\ntype: people\ntitle: Yajiao Xiong\nlayout: peoplepost\n---\n\nxxxxx\n"
    )
    result = read_path(posts, today=TODAY)
    assert _dated(result) == [
        ("1 May 2025, 11:59 UTC+08:00", "AutoOcc: Open-Ended Occupancy Annotation"),
        ("1 Apr 2025, 11:59 UTC+08:00", "RobuRCDet: Radar-Camera Fusion in Bird's Eye View"),
    ]


def test_a_jekyll_collection_named_for_news_otherwise_is_the_sites_news(tmp_path: Path) -> None:
    """A lab's Jekyll site keeps its collections under ``collections_dir: content`` and its news
    in ``content/_newsfeed/2024-09-01-li-ching-chen.md`` …: "a site's folder, but no news", as only
    ``_news/`` and ``_posts/`` were looked for. A collection folder named for news otherwise
    (``_newsfeed/``, ``_lab_news/``), at the top or in the collections' folder, is read after
    ``_news/``; one named for something else (``_projects/``) is not."""
    site = tmp_path / "site"
    (site / "content" / "_newsfeed").mkdir(parents=True)
    (site / "content" / "_projects").mkdir(parents=True)
    (site / "_config.yml").write_text("title: Wilson et al.\ncollections_dir: content\n")
    (site / "content" / "_newsfeed" / "2024-09-01-li-ching-chen.md").write_text(
        "---\ndate: 2024-09-01\ntitle: Welcome Li-Ching (Kelly) Chen!\n---\n\nOur new postdoc.\n"
    )
    (site / "content" / "_projects" / "2021-10-01-mdi.md").write_text(
        "---\ndate: 2021-10-01\ntitle: Michigan Data Interface\n---\n\nA framework.\n"
    )
    result = read_path(site, today=TODAY)
    assert result.description.startswith("site folder: its news in content/_newsfeed/"), result.description
    assert [i.title for i in result.items] == ["Welcome Li-Ching (Kelly) Chen!"]


def test_a_news_data_file_one_folder_down_the_data_tree_is_the_sites_news(tmp_path: Path) -> None:
    """A lab's Jekyll site keeps its one-page home's data in ``_data/onepage/`` (``news.yml``,
    ``members.yml``), which its layout's include loops over as ``site.data.onepage.news``:
    "a site's folder, but no news", as data files named for news were looked for at the top of
    ``_data/`` only. One folder down the data tree is looked in too."""
    site = tmp_path / "site"
    (site / "_data" / "onepage").mkdir(parents=True)
    (site / "_config.yml").write_text("title: KISP\n")
    (site / "index.md").write_text("---\nlayout: v2/home\n---\n")
    (site / "_data" / "onepage" / "members.yml").write_text("- name: Ada\n  role: PhD student\n")
    (site / "_data" / "onepage" / "news.yml").write_text(
        '- date: 2026-10-24\n  content: "Anvil is accepted at ASPLOS 2027."\n'
        '- date: 2026-09-19\n  content: "Model Provenance Testing is accepted at NDSS."\n'
    )
    result = read_path(site, today=TODAY)
    assert result.description.startswith("site folder: its news in _data/onepage/news.yml"), (
        result.description
    )
    assert [i.text for i in result.items] == [
        "Anvil is accepted at ASPLOS 2027.",
        "Model Provenance Testing is accepted at NDSS.",
    ]


def test_a_post_dated_years_ahead_is_said_to_be_a_slip(tmp_path: Path) -> None:
    """A lab's first news, ``_news/announcement_1.md`` "The CRaFT Lab Website is live!", is dated
    ``2036-04-12``: it was imported as news of 2036 without a word. A post dated more than a year
    after today is kept as written, with a warning that its date may be a slip; one of next month
    (a talk announced ahead) is not warned of."""
    news = tmp_path / "_news"
    news.mkdir()
    (news / "announcement_1.md").write_text(
        "---\nlayout: post\ndate: 2036-04-12 15:59:00-0400\ninline: true\n---\n\n"
        "The CRaFT Lab Website is live!\n"
    )
    ahead = TODAY + dt.timedelta(days=30)
    (news / "announcement_2.md").write_text(
        f"---\nlayout: post\ndate: {ahead.isoformat()}\ninline: true\n---\n\nTalk at MIT next month.\n"
    )
    result = read_path(news, today=TODAY)
    assert [i.text for i in result.items] == ["The CRaFT Lab Website is live!", "Talk at MIT next month."]
    slips = [w for w in result.warnings if "more than a year after today" in w]
    assert len(slips) == 1 and "announcement_1.md" in slips[0] and "2036" in slips[0], result.warnings


def test_this_sessions_post_and_page_rules_cost_linear_time_on_hostile_posts(tmp_path: Path) -> None:
    """The rules a post's unfilled field ("NULL"), a front matter YAML refuses (read by its
    ``key: value`` lines) and a redirecting home page are read by must not cost more than the
    size of what they read: a body of punctuation before a word, a refused front matter whose
    values are runs of blanks, a 20 KB home page of unclosed ``<script`` tags."""

    def post(n: int) -> Any:
        folder = tmp_path / f"posts{n}"
        folder.mkdir(exist_ok=True)
        (folder / "2025-05-01-a.md").write_text("---\ntitle: Talk\n---\n\n" + "!" * n + "a\n")
        (folder / "2025-05-02-b.md").write_text(
            "---\n" + "".join(f"key{i}: 'it's{' ' * (n // 200)}x'\n" for i in range(150)) + "---\n\nBody.\n"
        )
        return lambda: read_path(folder, today=TODAY)

    assert growth(post, 10_000) < LINEAR_WHEN_QUADRUPLED

    def home(n: int) -> Any:
        site = tmp_path / f"site{n}"
        site.mkdir(exist_ok=True)
        (site / "_config.yml").write_text("title: x\n")
        (site / "index.html").write_text(
            "<script>location.replace('home.html')</script>" + "<script " * (n // 8)
        )
        (site / "home.html").write_text(
            "<h2>News</h2><ul><li>May 2025: a talk.</li><li>Apr 2025: b.</li></ul>"
        )
        return lambda: read_path(site, today=TODAY)

    assert growth(home, 4_000) < LINEAR_WHEN_QUADRUPLED


def test_stamped_stories_and_loops_under_headings_cost_linear_time_on_hostile_pages(tmp_path: Path) -> None:
    """The rules that date a story by its closing stamp and follow a loop in a News section must
    cost no more than the page they read: a page of many titled stories each closed by "posted
    at …", and a template of many headings and loops followed by headings never closed."""

    def stories(n: int) -> Any:
        page = "<html><body>" + "".join(
            f"<h5>Story {i}</h5><p>On June 13th we went.</p><p>posted at 2017-06-{1 + i % 28:02d}</p>"
            for i in range(n // 60)
        )
        return lambda: parse_text(page + "</body></html>", today=TODAY, path="news/index.html")

    assert growth(stories, 20_000) < LINEAR_WHEN_QUADRUPLED

    def template(n: int) -> Any:
        site = tmp_path / f"site{n}"
        (site / "_data").mkdir(parents=True, exist_ok=True)
        (site / "_config.yml").write_text("title: x\n")
        (site / "_data" / "events.yml").write_text("- date: 2025-05-01\n  text: A talk at a lab.\n")
        loops = "<h2>Recent News</h2>{% for e in site.data.events %}{{ e.text }}{% endfor %}" * (n // 80)
        (site / "index.html").write_text(loops + "<h2>x" * (n // 5))  # headings never closed
        return lambda: read_path(site, today=TODAY)

    assert growth(template, 8_000) < LINEAR_WHEN_QUADRUPLED


def test_a_section_of_the_home_page_kept_in_the_news_folder_names_where_the_news_are(tmp_path: Path) -> None:
    """Two Hugo Academic sites keep in ``content/news/`` the home page's section titled News
    (``posts.md`` with ``widget = "pages"``, ``headless = true``, ``page_type = "talk"``): it was
    read as the site's one news, "News", undated. Such a section is no post: the news are the
    pages it lists, read from there (``content/talk/``, not the blog in ``content/post/``)."""
    site = tmp_path / "site"
    for sub in ("news", "talk", "post"):
        (site / "content" / sub).mkdir(parents=True)
    (site / "config.toml").write_text('title = "A lab"\n')
    (site / "content" / "news" / "talks.md").write_text(
        '+++\nwidget = "pages"\nheadless = true\ntitle = "News"\n\n[content]\n  page_type = "talk"\n'
        "  count = 3\n+++\n"
    )
    (site / "content" / "talk" / "netsci.md").write_text(
        '+++\ntitle = "Hypergraph models at NetSci 2019"\ndate = 2019-05-28\n+++\n'
    )
    (site / "content" / "post" / "git.md").write_text(
        '+++\ntitle = "Getting started with git"\ndate = 2020-01-02\n+++\n'
    )
    result = read_path(site, today=TODAY)
    assert [i.title for i in result.items] == ["Hypergraph models at NetSci 2019"], result.items
    assert any(
        "content/news/ (a template: its news are read from content/talk/)" in w for w in result.warnings
    )
    alone = read_path(site / "content" / "news", today=TODAY)
    assert alone.items == []
    assert any("a section of the home page listing content/talk/, not a post" in w for w in alone.warnings)


def test_a_post_that_says_one_sentence_over_and_a_welcome_to_the_news_section_are_no_news(
    tmp_path: Path,
) -> None:
    """A lab's Hugo ``content/news/`` held seven posts "This is title", each body "This is full
    content." sixteen times: they were read as the lab's seven news. A company's News section
    opened "Welcome to our news section. …" over "More content coming soon...": both were read
    as news. A text that is one sentence over and over is a template's filler; a welcome to the
    news section and a note that more is coming are the page's notes about itself; a news that
    repeats a sentence once, or welcomes new members, is news."""
    folder = tmp_path / "news"
    folder.mkdir()
    body = "This is full content. " * 16
    for day in (25, 26, 27):
        (folder / f"202507{day}.md").write_text(
            f'---\ntitle: "This is title"\ndate: 2025-07-{day}\nsummary: "This is summary."\n---\n\n{body}\n'
        )
    (folder / "20250801.md").write_text(
        '---\ntitle: "Two papers at MICCAI 2025"\ndate: 2025-08-01\n---\n\n'
        "Our paper was accepted. Our paper was accepted. Both are on segmentation.\n"
    )
    result = read_path(folder, today=TODAY)
    assert [i.title for i in result.items] == ["Two papers at MICCAI 2025"], result.items
    assert sum("sample" in w for w in result.warnings) == 3, result.warnings
    page = (
        "# Company News\n\nWelcome to our news section. We will share the latest updates here.\n\n"
        "- 2025-06-01: Welcome to our new members, Ann and Bo!\n\nMore content coming soon...\n"
    )
    result = parse_text(page, today=TODAY, path="news.md")
    assert [i.title for i in result.items] == ["Welcome to our new members, Ann and Bo!"], result.items


def test_a_hugo_academic_talk_page_says_where_it_was_given_and_is_a_talk(tmp_path: Path) -> None:
    """A researcher's News lists their Hugo Academic talk pages (``content/talk/``), each only a
    title in its front matter with ``event`` and ``location``: they were read as titles alone,
    "Big Causal Inference", kind other. A page naming the event it was given at says where, as
    the site's list shows it, and is a talk unless its own category says otherwise."""
    folder = tmp_path / "talk"
    folder.mkdir()
    (folder / "causal.md").write_text(
        '+++\ndate = "2017-11-08T00:00:00"\ntitle = "Big Causal Inference"\nabstract = ""\n'
        'event = "Complex Systems Seminar"\nlocation = "MIT, Cambridge MA"\n+++\n'
    )
    (folder / "poster.md").write_text(
        '+++\ndate = "2018-03-09"\ntitle = "Adaptive voter models at the Complex Systems Seminar"\n'
        'event = "Complex Systems Seminar"\ncategories = ["award"]\n+++\nBest poster award.\n'
    )
    result = read_path(folder, today=TODAY)
    assert [(i.title, i.text, i.kind) for i in result.items] == [
        (
            "Adaptive voter models at the Complex Systems Seminar",
            "Adaptive voter models at the Complex Systems Seminar Best poster award.",
            "award",
        ),
        (
            "Big Causal Inference",
            "Big Causal Inference\n\nComplex Systems Seminar, MIT, Cambridge MA",
            "talk",
        ),
    ], result.items


def test_a_page_that_is_the_news_by_its_name_reads_its_undated_stories(tmp_path: Path) -> None:
    """A lab's Hugo ``content/news/index.md`` is one heading per story, undated but for one
    "Fall 2024.", with no heading saying News: only that one was read, and the site went on to
    its blog. A page that is the News by its name (``news.md``, a news folder's section page)
    with no heading saying where its News is nor naming another list is all News: its undated
    stories are imported, in the order written; a page named otherwise, or one with a
    Publications section, is read as before."""
    page = (
        "## our research group at the national AIChE conference!\n\n"
        "our group presenting in San Diego! Fall 2024.\n\n"
        "## Adrian → Dr. Henle!\n\ncongratulations to Adrian Henle for graduating with his PhD.\n\n"
        "## Melanie wins AIChE award\n\nMelanie was awarded the Othmer award.\n"
    )
    site = tmp_path / "site"
    (site / "content" / "news").mkdir(parents=True)
    (site / "content" / "posts").mkdir()
    (site / "hugo.toml").write_text('title = "A lab"\n')
    (site / "content" / "news" / "index.md").write_text(page)
    (site / "content" / "posts" / "2025-05-29-wine.md").write_text(
        "---\ntitle: a linear program for optimal wine blending\ndate: 2025-05-29\n---\nA post.\n"
    )
    result = read_path(site, today=TODAY)
    assert [(i.title, i.posted.display() if i.posted else None) for i in result.items] == [
        ("our research group at the national AIChE conference!", "Fall 2024"),
        ("Adrian → Dr. Henle!", None),
        ("Melanie wins AIChE award", None),
    ], result.warnings
    elsewhere = parse_text(page, today=TODAY, path="lab.md").items
    assert [i.posted.display() if i.posted else None for i in elsewhere] == ["Fall 2024"]
    listed = page + "\n## Publications\n\nA. Author. A paper. 2024.\n"
    assert len(parse_text(listed, today=TODAY, path="news.md").items) == 1


def test_a_record_with_none_of_the_lists_fields_is_a_marker_not_a_news() -> None:
    """A researcher's theme keeps ``[[news]]`` records of ``date``, ``text`` and ``urls``, and
    between them ``mark = "The beginning of my PhD program"``, a marker it draws on the
    timeline: the markers were read as undated news. A record with none of the fields most of
    the list's records have is a marker; a record that names its text otherwise beside its date
    is news."""
    data = (
        '[[news]]\n  date = 2019-01-29\n  text = "Gave a talk on Pointwise CNNs"\n  urls = ["https://a.org"]\n\n'
        '[[news]]\n  mark = "The beginning of my PhD program"\n\n'
        '[[news]]\n  date = 2018-03-25\n  text = "Awarded the KAUST Fellowship"\n  urls = ["https://kaust.edu.sa"]\n\n'
        '[[news]]\n  date = 2017-09-01\n  description = "Started the lab reading group"\n'
    )
    result = parse_text(data, today=TODAY, path="data/news.toml")
    assert [i.title for i in result.items] == [
        "Gave a talk on Pointwise CNNs",
        "Awarded the KAUST Fellowship",
        "Started the lab reading group",
    ], result.items
    assert any("record 2: none of the list's fields" in w for w in result.warnings), result.warnings


def test_a_hugo_academic_publication_page_says_where_it_appeared_and_is_a_paper(tmp_path: Path) -> None:
    """A lab's News section lists its Hugo Academic publication pages (``content/publication/``),
    each a title with ``publication_short: In *IJCAI2023*`` and ``tags: [Other]``: they were read
    as titles alone, most of them kind talk. A page naming where its paper appeared says so, as
    the site's list shows it, and is a paper whatever its tags say besides."""
    folder = tmp_path / "publication" / "2023" / "fedet"
    folder.mkdir(parents=True)
    (folder / "index.md").write_text(
        '---\ntitle: "FedET: A Communication-Efficient Federated Class-Incremental Learning Framework"\n'
        'date: 2023-06-28\npublication_types: ["1"]\npublication: "*IJCAI 2023*"\n'
        "publication_short: In *IJCAI2023 (CCF-A)*\ntags:\n  - Other\n---\n"
    )
    result = read_path(tmp_path / "publication", today=TODAY)
    assert [(i.text, i.kind) for i in result.items] == [
        (
            "FedET: A Communication-Efficient Federated Class-Incremental Learning Framework\n\n"
            "In IJCAI2023 (CCF-A)",
            "acceptance",
        )
    ], result.items


def test_the_notes_hugo_academic_writes_into_new_pages_are_not_their_words(tmp_path: Path) -> None:
    """Hugo Academic writes into every new publication page "Click the _Cite_ button above to
    demo the feature …" and into talk pages "Click the *Slides* button above to demo Academic's
    Markdown slides feature." and "Supplementary notes can be added here, including [code and
    math](…).": owners leave them in, and they were read as the news' text. A line that is only
    such a note is the theme's, not the page's; the page's own words stay."""
    folder = tmp_path / "publication"
    folder.mkdir()
    (folder / "fedet.md").write_text(
        '---\ntitle: "FedET"\ndate: 2023-06-28\npublication_short: In *IJCAI2023*\n---\n\n'
        "Click the _Cite_ button above to demo the feature to enable visitors to import publication metadata "
        "into their reference management software.\n\n"
        "Supplementary notes can be added here, including [code and math](https://wowchemy.com/docs/).\n\n"
        "We show how to learn classes one after another. Click the Cite button to cite it.\n"
    )
    result = read_path(folder, today=TODAY)
    assert [i.text for i in result.items] == [
        "FedET We show how to learn classes one after another. Click the Cite button to cite it.\n\n"
        "In IJCAI2023"
    ], result.items


def test_a_section_of_the_home_page_kept_in_the_news_folder_gives_the_news_its_body_holds(
    tmp_path: Path,
) -> None:
    """A lab's Hugo ``content/news/news.md`` is a home-page section (``widget = "blank"``,
    ``headless = true``, titled "新闻") whose body holds its dated news: it was read as one
    undated post titled "新闻". Such a section's body is read as a page, its news each an item;
    one switched off (``active = false``) holds none."""
    folder = tmp_path / "news"
    folder.mkdir()
    section = (
        '+++\nwidget = "blank"\nheadless = true\nactive = true\ntitle = "新闻"\n+++\n\n'
        "**获奖** 2020年9月10日  \n中国科大荣获全国大学生计算机系统能力大赛特等奖\n\n"
        "**论文** 2020年8月19日  \n实验室一项成果被顶级会议SoCC收录\n"
    )
    (folder / "news.md").write_text(section)
    result = read_path(folder, today=TODAY)
    assert [(i.posted.display() if i.posted else None, i.title) for i in result.items] == [
        ("10 Sep 2020", "获奖 中国科大荣获全国大学生计算机系统能力大赛特等奖"),
        ("19 Aug 2020", "论文 实验室一项成果被顶级会议SoCC收录"),
    ], result.items
    (folder / "news.md").write_text(section.replace("active = true", "active = false"))
    (folder / "2021-01-05-welcome.md").write_text("---\ntitle: Welcome Ann\ndate: 2021-01-05\n---\n")
    assert [i.title for i in read_path(folder, today=TODAY).items] == ["Welcome Ann"]
