"""A Selection is normalised and validated once, with one message per bad value."""

from __future__ import annotations

import pytest

from newsfeed.domain.errors import InvalidInput
from newsfeed.domain.selection import FORM_FIELDS, MAX_VALUES, Selection


def test_values_are_normalised_the_same_way_wherever_they_come_from() -> None:
    a = Selection.parse(["Talk", "award", "talk"], ["Machine Learning", "machine-learning"], ["Ada"])
    assert a == Selection(("award", "talk"), ("machine-learning",), ("ada",))
    assert a.query_string() == "kind=award&kind=talk&tag=machine-learning&person=ada"
    assert Selection.parse(*_from_query(a.query_string())) == a


def _from_query(query: str) -> tuple[list[str], list[str], list[str]]:
    from urllib.parse import parse_qsl

    pairs = parse_qsl(query)
    return (
        [v for k, v in pairs if k == "kind"],
        [v for k, v in pairs if k == "tag"],
        [v for k, v in pairs if k == "person"],
    )


def test_every_bad_value_is_reported_at_once_with_its_field() -> None:
    with pytest.raises(InvalidInput) as err:
        Selection.parse(["bogus", "talk", "nope"], ["ok", "a\x00b"], ["bad person!", "x" * 200])
    problems = err.value.problems
    assert [field for field, _ in problems] == ["kind", "kind", "tag", "person", "person"]
    assert "'bogus' is not a kind (one of acceptance, talk" in problems[0][1]
    assert "control character" in problems[2][1]
    assert "longer than" in problems[4][1]
    with pytest.raises(InvalidInput) as err:
        Selection.parse(["bogus"], fields=FORM_FIELDS)
    assert err.value.field == "kinds"


def test_too_many_values_are_refused() -> None:
    with pytest.raises(InvalidInput, match=f"at most {MAX_VALUES}"):
        Selection.parse(tags=[f"t{i}" for i in range(MAX_VALUES + 1)])


class _Person:
    def __init__(self, slug: str) -> None:
        self.slug = slug


class _Tag(_Person):
    pass


class _Item:
    def __init__(self, kind: str, tags: tuple[str, ...], person: str | None) -> None:
        self.kind = kind
        self.tags = [_Tag(t) for t in tags]
        self.person = _Person(person) if person else None


def test_within_a_part_any_value_across_parts_all() -> None:
    talk_by_ada = _Item("talk", ("ml",), "ada")
    award_by_bob = _Item("award", (), "bob")
    s = Selection.parse(["talk", "award"], [], ["ada"])
    assert s.matches(talk_by_ada) and not s.matches(award_by_bob)
    assert Selection().matches(award_by_bob)
    assert not Selection.parse(tags=["ml"]).matches(award_by_bob)
