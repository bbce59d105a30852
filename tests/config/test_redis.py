"""The cache-backed parts on a real Redis (set MARQUEE_TEST_REDIS_URL; .ci/run does)."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.cache import cache

from marquee.community import ratelimit
from marquee.linking import index


def test_cache_is_redis(redis_cache: None) -> None:
    assert type(cache._cache).__name__ == "ReusedClientRedisCacheClient"  # type: ignore[attr-defined]


def test_rate_limit_windows_count_in_redis(redis_cache: None) -> None:
    limits = [(2, 60)]
    assert ratelimit.hit("test", "reader-1", limits) == 0
    assert ratelimit.hit("test", "reader-1", limits) == 0
    assert 0 < ratelimit.hit("test", "reader-1", limits) <= 60
    assert ratelimit.hit("test", "reader-2", limits) == 0


@pytest.mark.django_db
def test_linker_follows_changes_logged_in_redis(
    redis_cache: None, small_kb: Any, django_capture_on_commit_callbacks: Any
) -> None:
    """A second worker (simulated by a reset process state) catches up through Redis's log."""
    from marquee.catalog.models import Person
    from marquee.catalog.services import person_save

    first = index.current_linker()
    with django_capture_on_commit_callbacks(execute=True):
        person_save(person=Person(slug="iu", name="Lee Ji-eun", native_name="이지은"))
    assert index.shared_version() == 1
    assert index.current_linker() is first  # caught up in place
    assert first.link("Lee Ji-eun sang.").entity("iu") is not None


def test_the_redis_backend_keeps_one_client_per_pool(redis_cache: None) -> None:
    """Django makes a redis-py client per cache call (~0.25 ms of CPU each); ours keeps one."""
    from django.core.cache import caches

    from marquee.web.redis_cache import ReusedClientRedisCache

    assert isinstance(caches["default"], ReusedClientRedisCache)
    client = cache._cache.get_client()  # type: ignore[attr-defined]
    assert cache._cache.get_client(write=True) is client  # type: ignore[attr-defined]
    cache.set("answer", {"value": 42}, 60)
    assert cache.get("answer") == {"value": 42}
    assert cache._cache.get_client() is client  # type: ignore[attr-defined]
