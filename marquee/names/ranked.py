"""Best-first enumeration of combinations of ranked alternatives (keeps variant counts bounded)."""

from __future__ import annotations

import heapq
from collections.abc import Iterable, Iterator, Sequence
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
    size = 1
    for options in choices:
        size *= len(options)
    if size <= 256:
        # Small products: sorting all of them (stable, by rank sum) is cheaper than the heap.
        ranked = sorted(product(*(range(len(options)) for options in choices)), key=sum)
        return [
            tuple(options[i] for options, i in zip(choices, indices, strict=True))
            for indices in ranked[:limit]
        ]
    start = (0,) * len(choices)
    heap: list[tuple[int, tuple[int, ...]]] = [(0, start)]
    seen = {start}
    out: list[tuple[T, ...]] = []
    while heap and len(out) < limit:
        cost, indices = heapq.heappop(heap)
        out.append(tuple(options[i] for options, i in zip(choices, indices, strict=True)))
        for position, options in enumerate(choices):
            if indices[position] + 1 < len(options):
                following = (*indices[:position], indices[position] + 1, *indices[position + 1 :])
                if following not in seen:
                    seen.add(following)
                    heapq.heappush(heap, (cost + 1, following))
    return out


def unique(items: Iterable[T]) -> Iterator[T]:
    """``items`` without repeats, first occurrence kept."""
    seen: set[T] = set()
    for item in items:
        if item not in seen:
            seen.add(item)
            yield item
