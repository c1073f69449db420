"""The growth measure the linear-time tests rely on tells linear work from quadratic work."""

from __future__ import annotations

import time
from collections.abc import Callable

from tests.scaling import LINEAR_WHEN_QUADRUPLED, growth, linear_growth


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


def _burning(cost: Callable[[int], float], sizes: list[int]) -> Callable[[int], Callable[[], object]]:
    """Work that spins until this process has spent ``cost(n)`` CPU seconds, noting each size it
    is prepared for: its measure is what it is told to cost, whatever the machine is doing."""

    def prepare(n: int) -> Callable[[], object]:
        sizes.append(n)

        def work() -> None:
            until = time.process_time() + cost(n)
            while time.process_time() < until:
                pass

        return work

    return prepare


def test_linear_work_is_measured_once_when_it_passes() -> None:
    sizes: list[int] = []
    assert linear_growth(_burning(lambda n: n / 20_000, sizes), 100) < LINEAR_WHEN_QUADRUPLED
    assert sizes == [100, 400]


def test_quadratic_work_is_measured_every_round_before_it_fails() -> None:
    sizes: list[int] = []
    assert linear_growth(_burning(lambda n: n * n / 2_000_000, sizes), 100, rounds=3) > LINEAR_WHEN_QUADRUPLED
    assert sizes == [100, 400] * 3
