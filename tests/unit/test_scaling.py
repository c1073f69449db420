"""The growth measure the linear-time tests rely on tells linear work from quadratic work."""

from __future__ import annotations

from collections.abc import Callable

from tests.scaling import LINEAR_WHEN_DOUBLED, growth


def _linear(n: int) -> Callable[[], object]:
    data = list(range(n))
    return lambda: sum(x * x for x in data)


def _quadratic(n: int) -> Callable[[], object]:
    data = list(range(n))
    return lambda: sum(1 for x in data for y in data if x < y)


def test_linear_work_doubled_costs_about_twice() -> None:
    assert growth(_linear, 400_000, rounds=5) < LINEAR_WHEN_DOUBLED


def test_quadratic_work_doubled_is_caught() -> None:
    assert growth(_quadratic, 1_200, rounds=5) > LINEAR_WHEN_DOUBLED
