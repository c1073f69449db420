"""How cost grows with input: a ratio measured in the same test, never a wall-clock bound.

A busy machine makes every absolute bound flaky (the same test takes 1 s alone and 20 s beside a
compiler). What stays true under load is how the cost *grows*: four times the input of linear work
costs four times as much, of quadratic work sixteen times. :func:`growth` measures the CPU time of this
process (``time.process_time``: another process on the machine does not count) for an input of
size n and of size k·n, keeps the best of a few rounds (noise only ever adds time), and returns
the ratio. Linear work gives about k, quadratic about k².
"""

from __future__ import annotations

import time
from collections.abc import Callable

# The input grows fourfold: linear work then costs about 4×, quadratic about 16×. The bound sits
# halfway between the two on a log scale, so noise has to double one measure against the other
# to mislead it (with a twofold step and a bound of 3, noise of 1.5× did, on a loaded machine).
LINEAR_WHEN_QUADRUPLED = 8.0


def cpu_seconds(prepare: Callable[[], Callable[[], object]], *, rounds: int = 3) -> float:
    """The least CPU time of ``rounds`` runs of the work ``prepare()`` returns (``prepare`` itself,
    the set-up, is not timed)."""
    best = float("inf")
    for _ in range(rounds):
        work = prepare()
        started = time.process_time()
        work()
        best = min(best, time.process_time() - started)
    return max(best, 1e-6)


def growth(
    prepare: Callable[[int], Callable[[], object]],
    n: int,
    *,
    factor: int = 4,
    rounds: int = 3,
    stop_below: float | None = None,
) -> float:
    """CPU time of the work for an input of ``factor * n`` over that for ``n``; ``prepare(size)``
    sets up an input of that size and returns the work to time (the best of ``rounds`` each).
    The two sizes are timed in turn, round after round, so a load that comes and goes on the
    machine (another process sharing the core's caches) weighs on both alike.

    With ``stop_below``, the rounds end as soon as the ratio is below it. Noise only adds time, so
    the rounds after the first are there for a ratio that noise pushed *up*; a ratio already below
    the bound could only be pushed back over it by a first small measure that noise had doubled
    (the same doubling that the bound allows for either way). Work that passes then costs one
    round, and work that fails is measured ``rounds`` times before it is judged."""
    small = large = float("inf")
    for _ in range(rounds):
        small = min(small, cpu_seconds(lambda: prepare(n), rounds=1))
        large = min(large, cpu_seconds(lambda: prepare(factor * n), rounds=1))
        if stop_below is not None and large / max(small, 1e-6) < stop_below:
            break
    return large / max(small, 1e-6)


def linear_growth(prepare: Callable[[int], Callable[[], object]], n: int, *, rounds: int = 3) -> float:
    """:func:`growth` for fourfold input, rounds stopping once the ratio is below
    :data:`LINEAR_WHEN_QUADRUPLED` (linear work: one round; anything else: ``rounds``)."""
    return growth(prepare, n, rounds=rounds, stop_below=LINEAR_WHEN_QUADRUPLED)
