"""Scholarly answers as the services really send them (tests/fixtures/scholarly/, provenance in
its SOURCES.md), read into paper records with their quirks, and records grouped into papers."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from newsfeed.domain.scholarly import PARSERS, PaperRecord, UnreadableAnswer, group, person_key, title_key
from newsfeed.domain.scholarly.model import fuzzy
from tests.scaling import LINEAR_WHEN_QUADRUPLED, linear_growth

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "scholarly"


def read(source: str, name: str) -> list[PaperRecord]:
    return PARSERS[source]((FIXTURES / source / name).read_bytes())


# -- arXiv -----------------------------------------------------------------------------------


def test_arxiv_legacy_and_current_feeds_give_versionless_ids_dated_to_the_day() -> None:
    legacy = [r for r in read("arxiv", "01-au-del-maestro-legacy-2016.xml") if r.stage == "preprint"]
    assert len(legacy) == 10
    ids = {r.arxiv_id for r in legacy}
    assert "cond-mat/0412498" in ids and "1303.6954" in ids  # old and new forms, no "v1"/"v2"
    assert all(r.date is not None and r.date.grain == "day" for r in legacy)
    assert not any("\n" in r.title or "  " in r.title for r in legacy)  # hard wraps collapsed
    current = read("arxiv", "02-all-testing-10-entries-2026.xml")
    first = next(r for r in current if r.arxiv_id == "2202.12139" and r.stage == "preprint")
    assert first.date == fuzzy(2022, 2, 24)
    assert first.url == "https://arxiv.org/abs/2202.12139"
    assert any("Aurora Ramírez" in r.authors for r in current)


def test_arxiv_journal_ref_or_doi_says_the_preprint_was_published() -> None:
    records = read("arxiv", "02-all-testing-10-entries-2026.xml")
    published = [r for r in records if r.stage == "published"]
    preprints = [r for r in records if r.stage == "preprint"]
    assert len(preprints) == 10 and 0 < len(published) < 10
    assert all(r.doi is None or r.doi == r.doi.lower() for r in records)
    assert all(r.date is None for r in published)  # arXiv says not when it was published


def test_arxiv_empty_answer_and_error_feed() -> None:
    assert read("arxiv", "03-empty-id-list-2026.xml") == []
    with pytest.raises(UnreadableAnswer, match="incorrect id format for abc"):
        read("arxiv", "04-error-bad-id-400-2026.xml")


# -- DBLP, ORCID, Crossref, OpenReview -------------------------------------------------------


def test_dblp_person_page_records_at_year_precision() -> None:
    records = read("dblp", "04-person-95-7448-1-embedded-in-test.xml")
    assert len(records) == 8
    first = records[0]
    assert first.title == "Automatic stereoscopic 3D video reframing"  # DBLP's trailing "." dropped
    assert first.date == fuzzy(2012) and first.date.grain == "year"
    assert first.venue == "3DTV-Conference" and first.doi == "10.1109/3dtv.2012.6365428"
    assert "Di Xu 0001" in first.authors and person_key("Di Xu 0001") == person_key("Di Xu") == "xu d"


def test_orcid_keeps_year_and_month_dates_as_given() -> None:
    records = read("orcid", "01-works-0000-0002-9341-7985.json")
    assert len(records) == 8
    assert sum(1 for r in records if r.date is not None and r.date.grain == "year") == 7
    many = read("orcid", "02-works-0000-0003-1444-9135.json")
    grains = [r.date.grain if r.date else None for r in many]
    assert len(many) == 111  # one record per group, from its preferred source
    assert grains.count("month") >= 1 and grains.count(None) >= 1 and grains.count("day") >= 1
    month = next(r.date for r in many if r.date is not None and r.date.grain == "month")
    assert month.start.day == 1 and month.end.month == month.start.month
    assert read("orcid", "03-works-empty-0000-0003-1620-1408.json") == []


def test_crossref_work_list_null_dates_organisation_authors_and_not_found() -> None:
    (plos,) = read("crossref", "01-work-journal-article-plos.json")
    assert plos.date == fuzzy(2012, 3, 21) and plos.venue == "PLoS ONE"
    assert plos.doi == "10.1371/journal.pone.0033693"
    (proceedings,) = read("crossref", "02-work-proceedings-article-null-issued.json")
    assert proceedings.date is None  # issued [[null]] and no published date: the year is unknown
    sample = read("crossref", "03-works-sample-list.json")
    assert len(sample) == 2
    assert sample[0].date == fuzzy(2016, 6, 22)  # online before the print month
    assert sample[1].authors == ()  # no author key at all
    assert read("crossref", "04-work-not-found-404.txt") == []


def test_openreview_stages_venues_and_dblp_imports() -> None:
    records = {r.title[:20]: r for r in read("openreview", "01-notes-search-v2-6-notes.json")}
    rejected = records["Lightweight Graph Ne"]
    assert rejected.stage == "submitted" and rejected.venue is None and rejected.date is not None
    spotlight = records["Presto! Distilling S"]
    assert spotlight.stage == "published" and spotlight.venue == "ICLR 2025 Spotlight"
    assert spotlight.date == fuzzy(2025, 1, 22) and spotlight.openreview_id == "Gj5JTAwdoy"
    imported = records["ConfigReco: Network "]
    assert imported.date == fuzzy(2024) and imported.openreview_id is None  # DBLP's 1 January
    public = records["Inter-sentence Relat"]
    assert public.venue is None and public.doi == "10.18653/v1/p19-1423"  # its "venue" was its title


@pytest.mark.parametrize("source", sorted(PARSERS))
def test_a_malformed_answer_is_refused_with_the_reason(source: str) -> None:
    answer = b"<html>rate limited</html>" if source in ("orcid", "crossref", "openreview") else b"{"
    with pytest.raises(UnreadableAnswer, match=f"(?i)^{source}: not"):
        PARSERS[source](answer)


def test_an_xml_answer_defining_entities_cannot_expand_them() -> None:
    bomb = (
        b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]>'
        b'<feed xmlns="http://www.w3.org/2005/Atom"><entry><id>http://arxiv.org/abs/2401.00001v1</id>'
        b"<title>&lol2;</title></entry></feed>"
    )
    records = PARSERS["arxiv"](bomb)
    assert all("lollol" not in r.title for r in records)


# -- papers ----------------------------------------------------------------------------------


def test_title_keys_ignore_latex_entities_case_and_accents() -> None:
    assert title_key("Don&apos;t Stop: $\\delta$-Free {Graphs}.") == "dontstopfreegraphs"
    assert title_key("Don't stop: -free graphs") == "dontstopfreegraphs"
    assert title_key("Über Graphen") == title_key("uber graphen")
    assert title_key("A \\emph{Fast} Method") == title_key("A fast method")


def test_a_preprint_and_its_publication_are_one_paper() -> None:
    title = "Fast Graphs for Everyone"
    arxiv = PaperRecord("arxiv", "2401.01234", title, ("Ada Lovelace",), "preprint",
                        date=fuzzy(2024, 1, 3), arxiv_id="2401.01234")  # fmt: skip
    dblp = PaperRecord("dblp", "conf/icml/X24", title + ".", ("Ada Lovelace 0001",), "published", "ICML",
                       fuzzy(2024), "10.5555/x")  # fmt: skip
    crossref = PaperRecord("crossref", "10.5555/x", title.lower(), ("A. Lovelace",), "published", "ICML",
                           fuzzy(2024, 7, 21), "10.5555/x")  # fmt: skip
    other = PaperRecord("dblp", "conf/nips/Y24", title, ("Alan Turing",), "published", "NeurIPS",
                        fuzzy(2024), "10.5555/y")  # fmt: skip
    papers = group([arxiv, dblp, crossref, other])
    assert sorted(len(p.records) for p in papers) == [1, 3]
    paper = next(p for p in papers if len(p.records) == 3)
    assert paper.preprinted == fuzzy(2024, 1, 3)
    published = paper.published
    assert published is not None and published.venue == "ICML" and paper.arxiv_id == "2401.01234"


def test_openreview_duplicates_of_one_paper_are_grouped() -> None:
    papers = group(read("openreview", "02-notes-search-v2-trimmed-duplicates.json"))
    assert len(papers) == 1
    assert {r.stage for r in papers[0].records} == {"preprint", "published"}


def test_grouping_stays_linear_when_many_records_share_a_title() -> None:
    def prepare(n: int) -> object:
        records = [
            PaperRecord(
                "orcid",
                str(i),
                "Introduction to the special issue on graphs",
                (f"Author {i % 50}",),
                date=fuzzy(2000 + i % 20, 1 + i % 12, 1),
            )  # fmt: skip
            for i in range(n)
        ]
        return lambda: group(records)

    assert linear_growth(prepare, 2_000) < LINEAR_WHEN_QUADRUPLED  # type: ignore[arg-type]


def test_every_fixture_reads_and_groups_without_losing_a_record() -> None:
    records: list[PaperRecord] = []
    for source in PARSERS:
        # (DBLP's search answers are kept for later: the person page is what a source reads)
        for path in sorted((FIXTURES / source).glob("*-person-*" if source == "dblp" else "*")):
            try:
                records += PARSERS[source](path.read_bytes())
            except UnreadableAnswer:
                assert "error" in path.name
    papers = group(records)
    assert sum(len(p.records) for p in papers) == len(records) > 200
    assert all(r.date is None or r.date.start <= dt.date(2026, 12, 31) for r in records)
