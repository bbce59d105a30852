"""Fixed-window rate limits kept in the cache (per process by default, Redis when configured)."""

from __future__ import annotations

import math
import time
from collections.abc import Sequence

from django.core.cache import cache


def _window_key(scope: str, identity: str, seconds: int, now: float) -> tuple[str, int]:
    window = int(now // seconds)
    return f"marquee:rl:{scope}:{identity}:{seconds}:{window}", seconds - int(now % seconds)


def retry_after(scope: str, identity: str, limits: Sequence[tuple[int, int]]) -> int:
    """Seconds until ``identity`` may act again in ``scope``; 0 when no limit is reached."""
    now = time.time()
    wait = 0
    for most, seconds in limits:
        key, remaining = _window_key(scope, identity, seconds, now)
        if (cache.get(key) or 0) >= most:
            wait = max(wait, remaining)
    return wait


def record(scope: str, identity: str, limits: Sequence[tuple[int, int]]) -> None:
    """Count one action by ``identity`` in every window of ``scope``."""
    now = time.time()
    for _most, seconds in limits:
        key, remaining = _window_key(scope, identity, seconds, now)
        if not cache.add(key, 1, timeout=remaining + 1):
            try:
                cache.incr(key)
            except ValueError:  # expired between add and incr
                cache.add(key, 1, timeout=remaining + 1)


def reset(scope: str, identity: str, limits: Sequence[tuple[int, int]]) -> None:
    now = time.time()
    cache.delete_many([_window_key(scope, identity, seconds, now)[0] for _, seconds in limits])


def describe_wait(seconds: int) -> str:
    """'40 seconds', '1 minute', '15 minutes': how long a refused reader must wait."""
    if seconds < 60:
        return f"{seconds} second{'s' if seconds != 1 else ''}"
    minutes = math.ceil(seconds / 60)
    return f"{minutes} minute{'s' if minutes != 1 else ''}"
