"""One least-recently-used cache for every cache of the process (pure, thread-safe).

Bounded by a number of entries, or by a cost (bytes, say) with a largest single entry that is
never kept: rendered feeds and pages, the front middleware's routes, digests of one sweep,
Markdown renderings and summaries all use it, so there is one eviction rule and one lock to read.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")


class LRU(Generic[K, V]):
    """``max_entries`` entries at most; or, with ``cost``, a total cost of ``max_cost`` at most
    (an entry costing more than ``max_item`` is not kept at all)."""

    def __init__(
        self,
        max_entries: int | None = None,
        *,
        cost: Callable[[K, V], int] | None = None,
        max_cost: int = 0,
        max_item: int | None = None,
    ) -> None:
        if (max_entries is None) == (cost is None):
            raise ValueError("bound an LRU by max_entries or by cost, one of the two")
        self.max_entries = max_entries
        self.cost = cost
        self.max_cost = max_cost
        self.max_item = max_item if max_item is not None else max_cost
        self.total = 0
        self.hits = 0
        self.misses = 0
        self._data: OrderedDict[K, tuple[V, int]] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: K, valid: Callable[[V], bool] | None = None) -> V | None:
        """The value (now the most recently used), or None when absent or not ``valid``."""
        with self._lock:
            found = self._data.get(key)
            if found is None or (valid is not None and not valid(found[0])):
                self.misses += 1
                return None
            self._data.move_to_end(key)
            self.hits += 1
            return found[0]

    def put(self, key: K, value: V) -> None:
        size = self.cost(key, value) if self.cost is not None else 1
        if self.cost is not None and size > self.max_item:
            return
        with self._lock:
            old = self._data.pop(key, None)
            if old is not None:
                self.total -= old[1]
            self._data[key] = (value, size)
            self.total += size
            limit = self.max_entries if self.max_entries is not None else self.max_cost
            while self.total > limit and self._data:
                _, (_, dropped) = self._data.popitem(last=False)
                self.total -= dropped

    def __len__(self) -> int:
        return len(self._data)

    def __contains__(self, key: object) -> bool:
        return key in self._data

    def clear(self) -> None:
        with self._lock:
            self._data.clear()
            self.total = 0
