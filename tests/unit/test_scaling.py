"""The growth measure the linear-time tests rely on tells linear work from quadratic work."""

from __future__ import annotations

from collections.abc import Callable

from tests.scaling import LINEAR_WHEN_QUADRUPLED, growth


def _linear(n: int) -> Callable[[], object]:
    data = list(range(n))
    return lambda: sum(x * x for x in data)


def _quadratic(n: int) -> Callable[[], object]:
    data = list(range(n))
    return lambda: sum(1 for x in data for y in data if x < y)


def test_linear_work_quadrupled_costs_about_four_times() -> None:
    assert growth(_linear, 200_000, rounds=5) < LINEAR_WHEN_QUADRUPLED


def test_quadratic_work_quadrupled_is_caught() -> None:
    assert growth(_quadratic, 600, rounds=5) > LINEAR_WHEN_QUADRUPLED
