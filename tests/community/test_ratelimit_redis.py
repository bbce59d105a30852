"""Rate limits on a real Redis (set MARQUEE_TEST_REDIS_URL; .ci/run does, so CI never skips)."""

from __future__ import annotations

import time

from django.core.cache import cache

from marquee.community import ratelimit
from tests.community.ratelimit_race import LIMIT, THREADS, simultaneous_attempts


def test_simultaneous_attempts_cannot_pass_the_limit_on_redis(redis_cache: None) -> None:
    allowed, refused = simultaneous_attempts()
    assert allowed == LIMIT
    assert len(refused) == THREADS - LIMIT


def test_counters_expire_with_their_window_on_redis(redis_cache: None) -> None:
    assert ratelimit.hit("test", "reader-1", [(1, 60)]) == 0
    key, remaining = ratelimit._window_key("test", "reader-1", 60, time.time())
    client = cache._cache.get_client(write=False)  # type: ignore[attr-defined]  # raw redis-py
    ttl = client.ttl(cache.make_and_validate_key(key))
    assert 0 < ttl <= remaining + 1
