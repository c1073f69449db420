"""The ``db`` marker, which picks the tests the PostgreSQL lane runs, follows what a test takes."""

from __future__ import annotations

import pytest


def test_a_test_taking_the_database_through_a_fixture_is_marked_db(
    request: pytest.FixtureRequest, session: object
) -> None:
    assert request.node.get_closest_marker("db") is not None


def test_a_test_that_uses_no_database_is_not_marked_db(
    request: pytest.FixtureRequest, tmp_path: object
) -> None:
    assert request.node.get_closest_marker("db") is None
