"""Which items a filter selects: one rule for feeds, the calendar, pages, forms, digests and reminders.

A :class:`Selection` names kinds, tags and people. Within one of them any value matches (kind
talk *or* award); across them all must (a talk *and* by Ada). Empty means "all". It is normalised
and validated once, here, with one message per bad value, and it answers the question in both
places it is asked: :meth:`Selection.matches` tests one loaded item, and
:func:`newsfeed.adapters.queries.where` is the same rule as a SQL condition (a test checks that the
two agree). A subscriber's stored filter is a Selection (``Subscriber.selection``).

Values: kinds are the :mod:`newsfeed.domain.vocab` vocabulary; tags are slugs (``"Machine Learning"``
becomes ``machine-learning``, as tags are stored); people are person slugs. Unknown tags and
people are mistakes (a typo in a URL is an error, not an empty feed): the database says which exist
(:func:`newsfeed.adapters.queries.unknown_values`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from .errors import InvalidInput
from .text import slugify
from .vocab import is_kind, kind_problem

MAX_VALUES = 50
MAX_VALUE_LENGTH = 120
_PERSON = re.compile(r"^[a-z0-9][a-z0-9-]{0,79}$")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


@dataclass(frozen=True, slots=True)
class Fields:
    """What the three parts are called where the values came from (for error messages)."""

    kinds: str = "kind"
    tags: str = "tag"
    people: str = "person"


URL_FIELDS = Fields()
FORM_FIELDS = Fields("kinds", "tags", "people")


@dataclass(frozen=True, slots=True)
class Selection:
    kinds: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    people: tuple[str, ...] = ()

    # -- making one --------------------------------------------------------------------------

    @classmethod
    def parse(
        cls,
        kinds: Iterable[object] = (),
        tags: Iterable[object] = (),
        people: Iterable[object] = (),
        *,
        fields: Fields = URL_FIELDS,
        known: Callable[[Selection], list[tuple[str, str]]] | None = None,
    ) -> Selection:
        """Normalise and validate values as they arrived; every bad one is reported at once.
        ``known``: the problems of a well-formed selection naming tags or people that do not exist
        (:func:`newsfeed.adapters.queries.unknown_values` asks the database), reported together
        with the others."""
        problems: list[tuple[str, str]] = []
        selection = cls(
            _values(kinds, fields.kinds, problems, _kind),
            _values(tags, fields.tags, problems, _tag),
            _values(people, fields.people, problems, _person),
        )
        if known is not None:
            problems += known(selection)
        if problems:
            raise InvalidInput.many(problems)
        return selection

    @classmethod
    def stored(
        cls, kinds: Sequence[str] | None, tags: Sequence[str] | None, people: Sequence[str] | None
    ) -> Selection:
        """A selection read back from the database (already normalised when it was saved)."""
        return cls(tuple(kinds or ()), tuple(tags or ()), tuple(people or ()))

    def __composite_values__(self) -> tuple[list[str], list[str], list[str]]:
        return list(self.kinds), list(self.tags), list(self.people)

    # -- what it selects ---------------------------------------------------------------------

    @property
    def is_everything(self) -> bool:
        return not (self.kinds or self.tags or self.people)

    def matches(self, item: Any) -> bool:
        """Does this loaded item (with its person and tags) belong to the selection?"""
        if self.kinds and not (set(item_kinds(item)) & set(self.kinds)):
            return False
        if self.people and (item.person is None or item.person.slug not in self.people):
            return False
        return not (self.tags and not ({t.slug for t in item.tags} & set(self.tags)))

    # -- how it is written -------------------------------------------------------------------

    def query_string(self) -> str:
        pairs = [("kind", k) for k in self.kinds] + [("tag", t) for t in self.tags]
        pairs += [("person", p) for p in self.people]
        return urlencode(pairs)

    @property
    def key(self) -> str:
        return self.query_string()

    def describe(self, names: Mapping[str, str] | None = None) -> str:
        """What the selection shows, for a reader ("talk; tagged ml; by Wei Huang"): ``names``
        gives people's names by slug (a slug without one is shown as it is)."""
        names = names or {}
        parts = []
        if self.kinds:
            parts.append(", ".join(self.kinds))
        if self.tags:
            parts.append("tagged " + ", ".join(self.tags))
        if self.people:
            parts.append("by " + ", ".join(names.get(slug, slug) for slug in self.people))
        return "; ".join(parts)


EVERYTHING = Selection()


def item_kinds(item: Any) -> tuple[str, ...]:
    """The kinds an item is listed under: its primary kind and its secondary kinds."""
    return (str(item.kind), *(str(k) for k in getattr(item, "also", ())))


# ---------------------------------------------------------------------------------------------
# one value


def _values(raw: Iterable[object], field: str, problems: list[tuple[str, str]], one: Any) -> tuple[str, ...]:
    out: list[str] = []
    count = 0
    for value in raw:
        count += 1
        if count > MAX_VALUES:
            problems.append((field, f"at most {MAX_VALUES} values"))
            break
        if not isinstance(value, str):
            problems.append((field, f"{value!r} is not text"))
            continue
        shown = value if len(value) <= 40 else value[:37] + "…"
        if len(value) > MAX_VALUE_LENGTH:
            problems.append((field, f"{shown!r} is longer than {MAX_VALUE_LENGTH} characters"))
            continue
        if _CONTROL.search(value):
            problems.append((field, f"{value!r} contains a control character"))
            continue
        normal, error = one(value.strip())
        if error:
            problems.append((field, error))
        elif normal not in out:
            out.append(normal)
    return tuple(sorted(out))


def _kind(value: str) -> tuple[str, str | None]:
    low = value.lower()
    if not is_kind(low):
        return "", kind_problem(value)
    return low, None


def _tag(value: str) -> tuple[str, str | None]:
    if not value or slugify(value) == "x" and value.lower() != "x":
        return "", f"{value!r} is not a tag"
    return slugify(value), None


def _person(value: str) -> tuple[str, str | None]:
    low = value.lower()
    if not _PERSON.match(low):
        return "", f"{value!r} is not a person (a short name such as 'ada-lovelace')"
    return low, None
