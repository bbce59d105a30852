"""Rate limits: counting and checking in one atomic step (``ratelimit.hit``), in the cache
and in the database (the store when no Redis is configured)."""

from __future__ import annotations

import time
from collections.abc import Iterator
from typing import Any

import pytest
from django.core.cache import cache
from django.test import override_settings

from marquee.community import ratelimit
from marquee.community.models import RateLimitCounter
from tests.community.ratelimit_race import LIMIT, THREADS, simultaneous_attempts


@pytest.fixture(params=["cache", "database"])
def store(request: pytest.FixtureRequest, settings: Any) -> str:
    settings.MARQUEE_RATE_LIMIT_STORE = request.param
    if request.param == "database":
        request.getfixturevalue("db")
    return str(request.param)


def test_hit_counts_until_the_limit_then_refuses_without_counting(store: str) -> None:
    limits = [(2, 60), (3, 3600)]
    assert ratelimit.hit("test", "reader-1", limits) == 0
    assert ratelimit.hit("test", "reader-1", limits) == 0
    wait = ratelimit.hit("test", "reader-1", limits)
    assert 0 < wait <= 60
    # the refused attempt was taken back from both windows: the hour still has room for one
    now = time.time()
    for seconds in (60, 3600):
        key = ratelimit._window_key("test", "reader-1", seconds, now)[0]
        assert ratelimit.counters().value(key) == 2
    assert ratelimit.hit("test", "reader-2", limits) == 0


def test_take_back_and_reset_uncount(store: str) -> None:
    limits = [(1, 60)]
    assert ratelimit.hit("test", "reader-1", limits) == 0
    ratelimit.take_back("test", "reader-1", limits)
    assert ratelimit.hit("test", "reader-1", limits) == 0
    assert ratelimit.hit("test", "reader-1", limits) > 0
    ratelimit.reset("test", "reader-1", limits)
    assert ratelimit.hit("test", "reader-1", limits) == 0


def test_identities_of_any_text_make_valid_keys(store: str) -> None:
    limits = [(1, 60)]
    for identity in ["a" * 500, "spaces and\nnewlines", "\x00", "\ud800", "이지은@example.com"]:
        assert ratelimit.hit("test", identity, limits) == 0
        assert ratelimit.hit("test", identity, limits) > 0


def test_the_store_follows_the_cache(settings: Any) -> None:
    settings.MARQUEE_RATE_LIMIT_STORE = "auto"
    assert isinstance(ratelimit.counters(), ratelimit.DatabaseCounters)  # local memory
    redis = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache"}}
    settings.CACHES = redis
    assert isinstance(ratelimit.counters(), ratelimit.CacheCounters)
    settings.MARQUEE_RATE_LIMIT_STORE = "memory"
    with pytest.raises(ValueError, match="must be auto, cache or database, not 'memory'"):
        ratelimit.counters()


@pytest.mark.django_db
def test_database_counters_expire_and_are_swept(settings: Any) -> None:
    settings.MARQUEE_RATE_LIMIT_STORE = "database"
    assert ratelimit.hit("test", "reader-1", [(1, 60)]) == 0
    RateLimitCounter.objects.update(expires_at="2000-01-01T00:00:00Z")
    key = ratelimit._window_key("test", "reader-1", 60, time.time())[0]
    assert ratelimit.counters().value(key) == 0  # expired: not counted
    assert ratelimit.hit("test", "reader-2", [(1, 60)]) == 0  # a first count sweeps
    assert RateLimitCounter.objects.count() == 1


@pytest.fixture
def slow_cache(settings: Any) -> Iterator[None]:
    settings.MARQUEE_RATE_LIMIT_STORE = "cache"
    caches = {"default": {"BACKEND": "tests.community.slow_cache.SlowLocMemCache"}}
    with override_settings(CACHES=caches):
        cache.clear()
        yield
        cache.clear()


def test_simultaneous_attempts_cannot_pass_the_limit(slow_cache: None) -> None:
    """24 simultaneous comments by one reader at 5 a window: exactly 5 pass (a check made
    before recording let all 24 through on this cache, and 5–7 on Redis)."""
    allowed, refused = simultaneous_attempts()
    assert allowed == LIMIT
    assert len(refused) == THREADS - LIMIT
    assert {(r.code, r.status) for r in refused} == {("rate_limited", 429)}
    assert refused[0].message.startswith("You are commenting too quickly. Please wait ")


@pytest.mark.django_db(transaction=True)
def test_simultaneous_attempts_cannot_pass_the_limit_in_the_database(settings: Any) -> None:
    """The same 24 attempts, each on its own database connection, as separate processes."""
    settings.MARQUEE_RATE_LIMIT_STORE = "database"
    allowed, refused = simultaneous_attempts()
    assert allowed == LIMIT
    assert len(refused) == THREADS - LIMIT
    assert RateLimitCounter.objects.get().count == LIMIT


def test_hit_all_counts_every_check_or_none(store: str) -> None:
    first, second = ("test-a", "reader-1", [(5, 60)]), ("test-b", "reader-1", [(1, 60)])
    assert ratelimit.hit_all([first, second]) == (0, -1)
    wait, refused_by = ratelimit.hit_all([first, second])
    assert 0 < wait <= 60 and refused_by == 1
    key = ratelimit._window_key("test-a", "reader-1", 60, time.time())[0]
    assert ratelimit.counters().value(key) == 1  # the refused attempt was taken back from a
