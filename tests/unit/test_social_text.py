"""A post within each network's limit, cut at a word with an ellipsis and never inside a grapheme
(an emoji with its skin tone and joiners, a letter and its combining marks); the link whole and
its facet over exactly its bytes; hashtags dropped before the title is cut."""

from __future__ import annotations

import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from newsfeed.domain.social import (
    BLUESKY_GRAPHEMES,
    ELLIPSIS,
    MASTODON_URL_WEIGHT,
    PostSource,
    compose,
    cut,
    graphemes,
    hashtag,
    record_key,
)

URL = "https://news.example.org/items/4711"
SCIENTIST = "👩🏽‍🔬"  # woman, medium skin tone, zero-width joiner, microscope: one grapheme, 4 code points
ACCENTED = "e\u0301"  # e and a combining acute accent: one grapheme, 2 code points


def _source(title: str, tags: tuple[str, ...] = (), venue: str | None = "ICML 2025") -> PostSource:
    return PostSource(title, "05/2025", venue, URL, tags, "A description.", "en")


def _weight(text: str, network: str) -> int:
    count = len(graphemes(text))
    return count - len(graphemes(URL)) + MASTODON_URL_WEIGHT if network == "mastodon" else count


def test_a_short_post_says_title_date_venue_link_and_hashtags() -> None:
    post = compose(_source("Our paper was accepted", ("graphs", "machine-learning")), "bluesky")
    assert post.text == f"Our paper was accepted\n05/2025 · ICML 2025\n{URL}\n#graphs #machinelearning"
    link, *tags = post.facets
    data = post.text.encode()
    assert data[link.start : link.end].decode() == URL and link.link == URL
    assert [data[f.start : f.end].decode() for f in tags] == ["#graphs", "#machinelearning"]
    assert [f.tag for f in tags] == ["graphs", "machinelearning"]


def test_a_long_title_of_emoji_is_cut_between_graphemes_with_an_ellipsis() -> None:
    title = (SCIENTIST + " ") * 200
    post = compose(_source(title.strip(), ("graphs",)), "bluesky")
    assert len(graphemes(post.text)) <= BLUESKY_GRAPHEMES
    first = post.text.split("\n")[0]
    assert first.endswith(ELLIPSIS)
    assert set(graphemes(first[: -len(ELLIPSIS)].replace(" ", ""))) == {SCIENTIST}  # no half emoji
    assert "#graphs" not in post.text  # hashtags go before the title is cut
    assert URL in post.text


def test_a_combining_mark_stays_with_its_letter() -> None:
    assert cut(ACCENTED * 10, 5) == ACCENTED * 4 + ELLIPSIS
    assert cut("short", 5) == "short"


def test_mastodon_counts_a_link_as_23_and_respects_the_instances_limit() -> None:
    long_url = "https://news.example.org/items/" + "x" * 200
    source = PostSource("word " * 200, "05/2025", None, long_url, (), "", "en")
    post = compose(source, "mastodon", limit=300)
    assert long_url in post.text
    assert len(graphemes(post.text)) - len(graphemes(long_url)) + MASTODON_URL_WEIGHT <= 300
    assert not post.facets  # Mastodon cards the URL itself


def test_a_venue_longer_than_a_post_is_cut_too() -> None:
    post = compose(_source("A title", venue="Workshop " * 100), "bluesky", limit=120)
    assert len(graphemes(post.text)) <= 120 and URL in post.text and ELLIPSIS in post.text


def test_hashtags_keep_letters_and_digits_only() -> None:
    assert hashtag("machine-learning") == "#machinelearning"
    assert hashtag("2025") == ""
    assert hashtag("Ünïcode tag") == "#Ünïcodetag"


def test_record_keys_are_tids_and_differ_for_rows_planned_together() -> None:
    keys = {record_key(post_id, 1_733_000_000_000_000) for post_id in range(1, 3000)}
    assert len(keys) == 2999
    assert all(regex.fullmatch(r"[234567abcdefghij][234567abcdefghijklmnopqrstuvwxyz]{12}", k) for k in keys)


pieces = st.sampled_from(
    ["a", "word", " ", "  ", SCIENTIST, ACCENTED, "🇦🇹", "—", "ß", "\u200d", "漢字", "x" * 30]
)


@settings(max_examples=300, deadline=None)
@given(
    title=st.lists(pieces, min_size=0, max_size=150).map("".join),
    tags=st.lists(st.sampled_from(["graphs", "ml", "a-b", "2025", "long" * 10]), max_size=8).map(tuple),
    venue=st.one_of(
        st.none(), st.lists(pieces, max_size=20).map("".join), st.text(min_size=100, max_size=700)
    ),
    network=st.sampled_from(["bluesky", "mastodon"]),
    limit=st.integers(min_value=120, max_value=500),
)
def test_any_post_fits_keeps_its_link_and_cuts_no_grapheme(
    title: str, tags: tuple[str, ...], venue: str | None, network: str, limit: int
) -> None:
    post = compose(_source(title, tags, venue), network, limit=limit)
    assert URL in post.text
    assert _weight(post.text, network) <= limit
    words = " ".join(title.split())
    first = post.text.split("\n")[0]
    if words and first.endswith(ELLIPSIS) and first != words:  # the title line, cut
        kept = first[: -len(ELLIPSIS)]
        # what is kept is whole graphemes of the title, from its start
        assert graphemes(words)[: len(graphemes(kept))] == graphemes(kept)
    if network == "bluesky":
        data = post.text.encode()
        assert data[post.facets[0].start : post.facets[0].end] == URL.encode()
