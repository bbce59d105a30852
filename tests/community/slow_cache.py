"""A local-memory cache with a network's latency before each step, for race tests.

Against Redis each cache call is a round trip, and simultaneous requests interleave between a
client's steps. The pause before every call widens that gap on the in-process cache, so a
check-then-record limit visibly lets simultaneous requests through; the steps themselves stay
as atomic as ``LocMemCache`` makes them.
"""

from __future__ import annotations

import time
from typing import Any

from django.core.cache.backends.locmem import LocMemCache

LATENCY = 0.005


class SlowLocMemCache(LocMemCache):
    def get(self, *args: Any, **kwargs: Any) -> Any:
        time.sleep(LATENCY)
        return super().get(*args, **kwargs)

    def add(self, *args: Any, **kwargs: Any) -> bool:
        time.sleep(LATENCY)
        return super().add(*args, **kwargs)

    def incr(self, *args: Any, **kwargs: Any) -> int:
        time.sleep(LATENCY)
        return super().incr(*args, **kwargs)
