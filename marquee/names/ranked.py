"""Best-first enumeration of combinations of ranked alternatives (keeps variant counts bounded)."""

from __future__ import annotations

import heapq
from collections.abc import Iterable, Iterator, Sequence
from functools import lru_cache
from itertools import product
from typing import TypeVar

T = TypeVar("T")


def ranked_product(choices: Sequence[Sequence[T]], *, limit: int) -> list[tuple[T, ...]]:
    """The ``limit`` combinations of ``choices`` with the lowest rank sum, lowest first.

    Each inner sequence is ordered best first; a combination's cost is the sum of the positions
    chosen. Ties keep the order of earlier positions. An empty inner sequence yields nothing.
    """
    if limit <= 0 or any(not options for options in choices):
        return []
    if not choices:
        return [()]
    ranked = _ranked_indices(tuple(len(options) for options in choices), limit)
    return [
        tuple(options[i] for options, i in zip(choices, indices, strict=True)) for indices in ranked
    ]


@lru_cache(maxsize=4096)
def _ranked_indices(sizes: tuple[int, ...], limit: int) -> tuple[tuple[int, ...], ...]:
    """Index combinations of ``ranked_product`` (they depend only on the sizes and the limit)."""
    size = 1
    for count in sizes:
        size *= count
    if size <= 256:
        # Small products: sorting all of them (stable, by rank sum) is cheaper than the heap.
        return tuple(sorted(product(*(range(count) for count in sizes)), key=sum)[:limit])
    start = (0,) * len(sizes)
    heap: list[tuple[int, tuple[int, ...]]] = [(0, start)]
    seen = {start}
    out: list[tuple[int, ...]] = []
    while heap and len(out) < limit:
        cost, indices = heapq.heappop(heap)
        out.append(indices)
        for position, count in enumerate(sizes):
            if indices[position] + 1 < count:
                following = (*indices[:position], indices[position] + 1, *indices[position + 1 :])
                if following not in seen:
                    seen.add(following)
                    heapq.heappush(heap, (cost + 1, following))
    return tuple(out)


def unique(items: Iterable[T]) -> Iterator[T]:
    """``items`` without repeats, first occurrence kept."""
    seen: set[T] = set()
    for item in items:
        if item not in seen:
            seen.add(item)
            yield item
