"""Import truth: the kind read from the sentence (weighted, explained, with secondary kinds), every
item found (yearless numeric labels), years taken from context and said so, stamps that are wrong
in one way read with a warning."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path

import pytest

from newsfeed.adapters.files import read_path
from newsfeed.domain.importers import parse_text
from newsfeed.domain.importers.classify import (
    CLASSIFY_CHARS,
    classify_item,
    cue_classify,
    cue_scores,
    features,
)
from tests.scaling import growth

FIXTURES = Path(__file__).parent.parent / "fixtures"
ROOT = Path(__file__).resolve().parents[2]
TODAY = dt.date(2026, 11, 30)


# ---------------------------------------------------------------------------------------------
# kinds: the sentence decides, not the order of the rules


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Invited guest speaker at the Data Science Summit in Lisbon.", "talk"),
        ("I will present a tutorial at the workshop on causal inference.", "talk"),
        ("Participated with two students in a 2-day workshop on robot learning.", "travel"),
        ("Currently in Woods Hole for the summer school.", "travel"),
        ("Heading over to EMNLP next week!", "travel"),
        ("Findings from our paper went viral on social media.", "other"),
        ("Our proposed workshop was accepted to NeurIPS 2025.", "organizing"),
        ("One paper got accepted in a journal, after 3 years of reviewing process.", "acceptance"),
        ("Our paper on Self-Organizing Maps was accepted at ICML.", "acceptance"),
        ("Joined the program committee of COLT 2024.", "reviewing"),
        ("Serving on the Artifact Evaluation (AE) Committee for SOSP 2025.", "reviewing"),
        ("I am accepted as a volunteer at IJCAI.", "other"),
        ("I received *the Fan Family Fellowship* of Yale University.", "award"),
        ("We present a new method for sparse attention, with code.", "preprint"),
        ("I am excited to join the Startup School in July in San Francisco.", "travel"),
        ("Happy new year!", "other"),
        # idioms of lab pages: "made it to" a venue is an acceptance, "discusses" a topic at a
        # venue is a talk, a lab's party or lunch is neither a position nor an event abroad
        ("GraphKit, a toolkit for sparse graphs, made it to OSDI'24!", "acceptance"),
        ("New publication: Robust planning under uncertainty. IEEE RA-L.", "acceptance"),
        ("Maria discusses type inference for shell scripts at PLDI'25.", "talk"),
        ("The lab enjoyed a holiday party before the break.", "other"),
        # "speaks at" is a talk as "speaking at" is; a preprint server other than arXiv names a
        # preprint, and a roman numeral ("XIV") is no preprint server
        ("Florian speaks at the EVGEN workshop in Nashville.", "talk"),
        ("Jessica's manuscript on deep learning for genomics is on bioRxiv! Congrats Jessica!", "preprint"),
        ("Our study of asthma endotypes is out on medRxiv.", "preprint"),
        # being named a scholar or a fellow is an honour; publishing a paper is an acceptance
        # (it had been read as a position: "Congratulations to <name>" is how labs welcome people)
        ("Congrats to Sadhika Malladi on being named a 2025 Siebel Scholar!", "award"),
        ("Congratulations to Xiangyu Ye for publishing a collaborative paper on Cell.", "acceptance"),
        # where the author was, told after the trip, as "will be in" tells it before (a
        # researcher's News of conferences, "I was in Utrecht (Netherlands) for the International
        # Conference on One Health …", had read as other)
        ("I was in San Francisco for ASM Microbe 2019", "travel"),
        ("We were in Heidelberg for the Human Microbiome Conference", "travel"),
        # the American spelling of the past tense, as "travelled" is (a lab's field trip, "Sam
        # traveled to Wapikaimaski Lake … to collect samples", had read as other)
        (
            "Patrick and Sam traveled to Wapikaimaski Lake, north of Thunder Bay, to collect samples.",
            "travel",
        ),
    ],
)
def test_the_kind_is_read_from_the_sentence(text: str, kind: str) -> None:
    decided = classify_item(text)
    assert decided.kind == kind, decided
    assert decided.rule == "no rule matched" or decided.rule.split(":")[-1].strip(" '") in text.lower()


def test_attending_and_presenting_is_a_talk_or_a_trip_never_anything_else() -> None:
    """A sentence that attends and presents ("I attended the conference and did a poster
    presentation for my accepted paper."): the labelled pages read such sentences either way (of
    the items that attend and present, 19 are travel with talk as the alternative, 4 talk with
    travel), so the model may say either, the other being its runner-up; never the acceptance
    its "accepted paper" names, nor "other". (The model that had not learned the seventh batch
    said talk; the one that did says travel.)"""
    for text in (
        "I attended the conference and did a poster presentation for my accepted paper.",
        "I attended the NAACL conference and did a poster presentation for my accepted paper.",
        "Attended CHI 2015 in Seoul and presented our work on narrative visualization.",
    ):
        decided = classify_item(text)
        assert {decided.kind, *decided.also[:1]} == {"talk", "travel"}, (text, decided)


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("研究组成员的论文《Adversarial Training》被AAAI 2026录用，并受邀作口头报告。", "acceptance"),
        ("我们的综述被ACM Computing Surveys正式接收。", "acceptance"),
        ("四位同学在全国大学生人工智能安全竞赛中获全国一等奖。", "award"),
        ("李老师在清华大学作了题为《可信人工智能》的报告。", "talk"),
        ("欢迎王同学加入课题组攻读博士学位！", "position"),
        ("课题组在广州举办第一届人工智能安全研讨会。", "organizing"),
        ("王老师担任ICSE 2027程序委员会委员。", "reviewing"),
        ("联合实验室正式揭牌成立。", "other"),
        # a grant named at length between 获得 and 资助 (a lab's "received the NSFC's youth
        # student basic research project (PhD) funding" had read as other)
        ("祝贺李鹏翼（博士生）获得2024年度国家自然科学基金青年学生基础研究项目(博士研究生)资助", "award"),
    ],
)
def test_the_kind_of_a_chinese_item_is_read_from_its_words(text: str, kind: str) -> None:
    """Chinese has no spaces between words: its cues are phrases (录用 accepted, 获…奖 won a
    prize, 报告 a talk, 加入 joined, 举办 hosted, 程序委员会 programme committee, 成立 founded)."""
    assert classify_item(text).kind == kind


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("우리 연구실 논문이 IEEE TRO에 게재되었습니다.", "acceptance"),
        ("대학원생이 춘계학술대회에서 우수발표논문상을 수상했습니다.", "award"),
        ("김 교수가 ICSE 2027 프로그램 심사위원으로 선정되었습니다.", "reviewing"),
        ("연구실 학생들이 NeurIPS 2025에 참석했습니다.", "travel"),
        ("研究室の論文がICRA 2026に採択されました。", "acceptance"),
        ("田中さんが日本機械学会で優秀講演表彰を受賞しました。", "award"),
        ("山田教授が東京大学で招待講演を行いました。", "talk"),
        ("第3回ワークショップを京都で開催します。", "organizing"),
        ("「研究業績－受賞・外部貢献」更新", "other"),
    ],
)
def test_the_kind_of_a_korean_or_japanese_item_is_read_from_its_words(text: str, kind: str) -> None:
    """Korean words carry their particles and Japanese has no spaces: their cues are phrases too
    (게재/採択 published, 수상/受賞 a prize, 講演 a talk, 심사위원 a reviewer, 참석 attended, 開催
    hosted); a title in 「」 is a title ("the page 「Awards」 was updated" is no award)."""
    assert classify_item(text).kind == kind


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Unser Paper wurde auf der ICML angenommen.", "acceptance"),
        ("Vortrag an der TU München über Graphen.", "talk"),
        ("Neue Doktorandin im Team: willkommen Anna!", "position"),
        ("Notre article a été accepté à NeurIPS.", "acceptance"),
        ("Séminaire à Paris sur les flots.", "talk"),
        ("Recibimos el premio a la mejor tesis.", "award"),
        ("Organizamos un taller en Bilbao.", "organizing"),
        ("Il nostro articolo è stato accettato a ICML.", "acceptance"),
    ],
)
def test_the_kind_of_a_german_french_spanish_or_italian_item_is_read_from_its_words(
    text: str, kind: str
) -> None:
    """Labs that write their news in their language: the same cues in their words (angenommen,
    accepté, aceptado accepted; Vortrag, séminaire, charla a talk; Preis, prix, premio a prize …).
    Words English uses too (interview, participation, organise) are left to the English cues."""
    assert classify_item(text).kind == kind


def test_secondary_kinds_are_named_beside_the_primary() -> None:
    decided = classify_item("Awarded a travel grant to present our talk at NeurIPS 2024.")
    assert decided.kind == "award"
    assert set(decided.also) == {"travel", "talk"}
    assert "travel grant" in decided.rule
    # a circumstance is no secondary kind: "after years of reviewing", "my accepted paper"
    assert "reviewing" not in classify_item("Accepted at JSS after 3 years of reviewing.").also
    assert "acceptance" not in classify_item("Did a poster presentation for my accepted paper.").also


def test_the_development_corpus_is_read_at_the_target() -> None:
    """The classifier on the 259 real items of other researchers' pages (tests/fixtures/news_dev.jsonl):
    kinds ≥ 95% (the annotated kind or its defensible alternative)."""
    rows = [json.loads(line) for line in (FIXTURES / "news_dev.jsonl").read_text().splitlines() if line]
    right = sum(classify_item(r["text"]).kind in (r["kind"], r.get("kind_alt")) for r in rows)
    assert right / len(rows) >= 0.95, f"{right}/{len(rows)}"


@pytest.mark.parametrize(
    ("text", "category", "kind"),
    [
        ("On the geometry of loss landscapes", "Articles", "acceptance"),
        ("Photos from the retreat", "Publications", "acceptance"),
        ("Ana Silva", "New members", "position"),
    ],
)
def test_the_authors_category_counts_for_the_kind_it_names_in_words_no_training_page_used(
    text: str, category: str, kind: str
) -> None:
    """A data file's or a post's own category ("type: Articles") speaks for the kind it names, in
    whatever words: one learned weight per kind for the words authors name categories with, not
    only a weight per word the training pages happened to use. Without it, these are other. (A
    bare name under "Members" alone has read "other" since the sixth batch was learned: pages met
    later hold more news of kind "other", and that prior rose.)"""
    assert classify_item(text).kind == "other"
    assert classify_item(text, category).kind == kind


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Special Session @ WCCI 2026: Deep Learning in Computational Biology", "organizing"),
        ("Spring seminar: the lab invites speakers on agent systems every Tuesday", "organizing"),
        ("A one-day workshop bringing together ML and HCI researchers", "organizing"),
        ("Served as Associate Chair for CHI 2025", "reviewing"),
        ("Edits a Research Topic in Frontiers in Robotics", "reviewing"),
        ("New Working Paper on household savings", "preprint"),
        ("New blog series: agentic data environments", "other"),
        ("We wrote a review on multiomics in cancer biomarker discovery", "acceptance"),
        ("陈家赟在会议上汇报了题为《vASP》的研究成果", "talk"),
    ],
)
def test_the_cues_read_an_organisers_words_reviewing_roles_working_papers_blogs_and_reviews(
    text: str, kind: str
) -> None:
    """Cues written after the twelfth batch was labelled (README): each phrase speaks for its
    kind to the model; before them "Special Session @ …" and a blog series were read as other and
    a preprint, "Associate Chair" as a position, "wrote a review" as reviewing."""
    assert cue_classify(text).kind == kind


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Our paper Event-Guided Scene Text Image Super-Resolution appeared at AAAI 2026.", "acceptance"),
        ("课题组在国际催化大会作口头报告", "talk"),
        ("祝贺！课题组获得国家自然科学基金面上项目资助", "award"),
        ("Project: image features for flotation, 2019.07 ~ present", "other"),
        ("I will present our work at ICML 2026.", "talk"),
    ],
)
def test_the_cues_read_appeared_at_a_chinese_oral_report_and_funding_and_no_range_as_a_talk(
    text: str, kind: str
) -> None:
    """Cues written after the thirteenth batch was labelled (README): a paper that "appeared at"
    a venue is published, 作…报告 is a talk given and 获…资助 a grant, where they had read as
    other; the end of a range of dates ("2019.07 ~ present") had read as a talk."""
    assert cue_classify(text).kind == kind


def test_a_title_that_says_nothing_of_its_kind_takes_its_authors_category() -> None:
    """A lab's seminars are listed by their titles alone under ``category: seminars``
    ("Rational Curves from Rotation-Minimizing Frames"): with no cue in the words, the cues'
    choice had been "other", which outweighed the category; where the words hold no cue, the
    category is what the cues would say, and the reason given is the category. Words that say
    their kind still decide ("Best Paper Award" under seminars is an award)."""
    seminar = classify_item("Rational Curves from Rotation-Minimizing Frames", "seminars")
    assert (seminar.kind, seminar.rule) == ("talk", "the author's category")
    assert classify_item("Rational Curves from Rotation-Minimizing Frames").kind == "other"
    assert classify_item("Survey of GPU-accelerated Molecular Dynamics", "publications").kind == "acceptance"
    assert classify_item("Best Paper Award at SPM 2010", "seminars").kind == "award"


def test_pages_never_trained_on_keep_their_kinds() -> None:
    """The shipped model on the five batches kept from it (training/heldout5.jsonl: 98 items of
    13 public sites; heldout11.jsonl: 109 items of 30 more; heldout12.jsonl: 91 items of 25 more;
    heldout13.jsonl: 101 items of 26 more; heldout14.jsonl: 96 items of 26 more; labelled blind,
    none of them trained on): at least 87, 92, 80, 92 and 81 right (the labelled kind or its
    defensible alternative), as many as when they were measured (tools/train_kinds.py prints
    them; before the cues written after the twelfth batch was labelled they read 88, 88 and 74,
    and the thirteenth read 88 before its own; the fourteenth is untouched).
    The nine earlier batches are learned, and a model that read them scores at least nine in ten
    of them."""

    def right(name: str) -> tuple[int, int]:
        rows = [
            json.loads(line)
            for line in (ROOT / "training" / name).read_text(encoding="utf-8").splitlines()
            if line.strip()
        ]
        good = sum(classify_item(r["text"], r["hint"]).kind in (r["kind"], r["kind_alt"]) for r in rows)
        return good, len(rows)

    # each check: its size, and the items right when it was measured
    for name, size, least in (
        ("heldout5.jsonl", 98, 87),
        ("heldout11.jsonl", 109, 92),
        ("heldout12.jsonl", 91, 80),
        ("heldout13.jsonl", 101, 92),
        ("heldout14.jsonl", 96, 81),
    ):
        good, n = right(name)
        assert n == size, name
        assert good >= least, f"{name}: {good}/{n}"
    learned = [
        right(name)
        for name in (
            "heldout.jsonl",
            "heldout2.jsonl",
            "heldout3.jsonl",
            "heldout4.jsonl",
            "heldout6.jsonl",
            "heldout7.jsonl",
            "heldout8.jsonl",
            "heldout9.jsonl",
            "heldout10.jsonl",
        )
    ]
    assert sum(g for g, _ in learned) / sum(n for _, n in learned) >= 0.9


def test_words_are_whole_in_any_script() -> None:
    """A word with an accent or of another script is one word to the model: "første" had been
    read as "f" and "rste", letters English items give weight to."""
    words = {
        name
        for name in features("De første danskere er nu koblet på Starlink, Universität")
        if name[:2] == "w:"
    }
    assert {"w:første", "w:på", "w:universität"} <= words
    assert not {"w:f", "w:rste", "w:p", "w:t"} & words


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Dr. Wong was invited to talk at the NGS Symposium.", "talk"),
        ("Prof. Lee was invited to talk at the Gordon Conference.", "talk"),
    ],
)
def test_a_title_does_not_end_the_sentence(text: str, kind: str) -> None:
    """ "Dr." is a title, not the end of a sentence: what follows is the item's first sentence and
    weighs as such (it had been the second, and its talk too weak to count)."""
    scores, _, _ = cue_scores(text)
    assert cue_classify(text).kind == kind
    assert scores[kind] >= 2.0
    assert classify_item(text).kind == kind


def test_passing_over_sentences_without_a_cues_words_changes_no_score(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A cue is run only on a sentence that holds one of the strings its matches need (read off
    the pattern itself): on every labelled item of the repository, in every language it holds,
    each cue matches only where its strings are, and the cues' scores and phrases are exactly
    those of running every cue on every sentence."""
    from newsfeed.domain.importers import classify

    texts = [
        json.loads(line)["text"]
        for path in sorted((ROOT / "training").glob("*.jsonl"))
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    texts += ["Nous avons organisé l'atelier; 论文被ACL接受; 학회에서 발표했습니다; Vortrag gehalten"]
    assert len(texts) > 2_500
    sentences: set[str] = set()
    for text in texts:
        said, titles = classify._sentences(text)
        sentences.update([*said, titles])
    for _, _, pattern, needed in classify._COMPILED:
        assert needed, pattern.pattern
        for sentence in sentences:
            if pattern.search(sentence):
                assert any(part in sentence for part in needed), (pattern.pattern, needed, sentence)
    cue_scores.cache_clear()
    passed_over = [cue_scores(text) for text in texts]
    every = [(kind, weight, pattern, frozenset({""})) for kind, weight, pattern, _ in classify._COMPILED]
    monkeypatch.setattr(classify, "_COMPILED", every)
    cue_scores.cache_clear()
    try:
        assert [cue_scores(text) for text in texts] == passed_over
    finally:
        cue_scores.cache_clear()


def test_the_classifier_reads_a_bounded_prefix_whatever_the_length() -> None:
    def prepare(n: int) -> Callable[[], object]:
        hostile = "accepted to " * n + "award"
        return lambda: classify_item(hostile)

    assert classify_item("accepted to " * 90_000 + "award").kind == "acceptance"
    # ten times the text costs about the same: only CLASSIFY_CHARS characters are read
    assert growth(prepare, 9_000, factor=10) < 2
    assert CLASSIFY_CHARS <= 10_000


# ---------------------------------------------------------------------------------------------
# every item found


def _items(text: str, **kw: object) -> list[dict[str, object]]:
    result = parse_text(text, today=kw.pop("today", TODAY), **kw)  # type: ignore[arg-type]
    return [i.as_dict() for i in result.items]


def test_yearless_numeric_labels_are_items_in_the_documents_order() -> None:
    text = (
        "## News\n\n* **4/5:** Gave a talk at MIT.\n* **30/4:** Paper accepted to ICML.\n"
        "* [03/04] Visiting Oxford.\n"
    )
    items = _items(text)
    assert [i["posted"]["start"][5:] for i in items] == ["05-04", "04-30", "04-03"]  # type: ignore[index]
    mdy = "## News\n\n* [04/08] Gave a talk.\n* [03/27] Paper accepted.\n"
    assert [i["posted"]["start"][5:] for i in _items(mdy)] == ["04-08", "03-27"]  # type: ignore[index]


def test_labels_with_a_dotted_day_or_a_year_first_are_dates() -> None:
    text = "## News\n\n* 2025 Sept: 2 papers accepted to NeurIPS.\n* 19. December 2020 Presented at AGU.\n"
    posted = [i["posted"] for i in _items(text)]
    assert [(p["start"], p["grain"]) for p in posted] == [("2025-09-01", "month"), ("2020-12-19", "day")]  # type: ignore[index]


def test_a_bracketed_label_that_only_names_a_year_keeps_the_item() -> None:
    result = parse_text("## News\n\n* [SEG. 2025] Our paper accepted in IJCV.\n", today=TODAY)
    (item,) = result.items
    assert item.posted is not None and (item.posted.grain, item.posted.start.year) == ("year", 2025)
    assert any("SEG. 2025" in w for w in result.warnings)


# ---------------------------------------------------------------------------------------------
# years from context, and shown


def test_a_year_heading_gives_its_year_and_says_so() -> None:
    (item,) = _items("## 2022\n\n* 18th Nov: Gave a talk at MIT.\n")
    assert item["posted"]["start"] == "2022-11-18"  # type: ignore[index]
    assert item["year_from"] == "heading"


def test_neighbours_give_the_year_and_a_newest_first_list_wraps_back_a_year() -> None:
    text = (
        "## News\n\n"
        "* **Feb 2:** Paper accepted at ICLR.\n"
        "* **15 Jan 2024:** Joined the lab as a postdoc.\n"
        "* **18th Dec:** Gave a keynote at the winter school.\n"
        "* **3 Nov 2023:** Visited Oxford.\n"
    )
    items = _items(text)
    assert [i["posted"]["start"] for i in items] == ["2024-02-02", "2024-01-15", "2023-12-18", "2023-11-03"]  # type: ignore[index]
    assert [i.get("year_from") for i in items] == ["neighbours", None, "neighbours", None]


def test_a_year_named_in_the_item_comes_before_the_reference_date() -> None:
    (item,) = _items("## News\n\n* **Feb 2:** Reviewer for ACL 2020.\n")
    assert item["posted"]["start"] == "2020-02-02"  # type: ignore[index]
    assert item["year_from"] == "text"
    (alone,) = _items("## News\n\n* **Feb 2:** Gave a talk.\n", today=dt.date(2025, 3, 1))
    assert (alone["posted"]["start"], alone["year_from"]) == ("2025-02-02", "reference date")  # type: ignore[index]
    (earlier,) = _items("## News\n\n* **Feb 2:** Gave a talk.\n", today=dt.date(2024, 3, 1))
    assert earlier["posted"]["start"] == "2024-02-02"  # type: ignore[index]


def test_an_item_out_of_the_lists_order_is_flagged() -> None:
    text = (
        "## News\n\n* **May 2024:** Paper accepted.\n* **Aug 2019:** Gave a talk.\n"
        "* **March 2024:** Visited Oxford.\n* **Jan 2024:** Joined the lab.\n"
    )
    result = parse_text(text, today=TODAY)
    flagged = [i.posted.display() for i in result.items if i.out_of_order]  # type: ignore[union-attr]
    assert flagged == ["August 2019"]
    assert any("out of the list's order" in w for w in result.warnings)


def test_the_paper_listing_seed_takes_its_nine_yearless_dates_from_the_reference_date() -> None:
    result = read_path(FIXTURES / "seeds" / "002_c8380908fb70cba8.txt", today=dt.date(2026, 2, 15))
    assert len(result.items) == 50
    yearless = [i for i in result.items if i.posted is not None and "year" in i.posted.inferred]
    assert len(yearless) == 9
    assert {i.year_from for i in yearless} == {"reference date"}


# ---------------------------------------------------------------------------------------------
# stamps wrong in one way


def test_a_stamp_with_day_before_month_is_read_with_a_warning(tmp_path: Path) -> None:
    news = tmp_path / "_news"
    news.mkdir()
    (news / "a.md").write_text("---\nlayout: post\ndate: 2024-20-11\n---\nGave a talk at MIT.\n")
    (news / "b.md").write_text("---\nlayout: post\ndate: 2024-05-11\n---\nVisited Oxford.\n")
    result = read_path(news, today=TODAY)
    posted = sorted(i.posted.start.isoformat() for i in result.items)  # type: ignore[union-attr]
    assert posted == ["2024-05-11", "2024-11-20"]  # the valid stamp is not swapped
    assert any("2024-20-11" in w and "YYYY-DD-MM" in w for w in result.warnings)


def test_a_stamp_with_a_two_digit_year_first_is_read_so_where_the_file_name_spells_it_out(
    tmp_path: Path,
) -> None:
    """A Quarto site keeps al-folio's news files, ``news/2023-09-20.md`` with ``date: 23-09-20
    15:59:00-0400``: read day first, 23 Sep 2020 (22 news three years off, out of order). A stamp
    whose two-digit year comes first is read so, time and zone kept, where the file's name
    writes that same day out; with no date in the name it is read as before."""
    news = tmp_path / "news"
    news.mkdir()
    (news / "2023-09-20.md").write_text(
        "---\ntitle: Leading two courses\ndate: 23-09-20 15:59:00-0400\n---\nTeaching this term.\n"
    )
    (news / "2023-04-03.md").write_text("---\ntitle: Joining Hull\ndate: 23-04-03\n---\nNew job.\n")
    (news / "later.md").write_text("---\ntitle: A talk\ndate: 23-09-20\n---\nAt MIT.\n")
    result = read_path(news, today=TODAY)
    posted = {i.title: i.posted for i in result.items}
    first = posted["Leading two courses"]
    assert first is not None and first.instant is not None
    assert first.instant.isoformat() == "2023-09-20T19:59:00+00:00"
    assert posted["Joining Hull"] is not None and posted["Joining Hull"].start == dt.date(2023, 4, 3)
    assert posted["A talk"] is not None and posted["A talk"].start == dt.date(2020, 9, 23)
