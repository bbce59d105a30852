"""The cache-backed parts on a real Redis (set MARQUEE_TEST_REDIS_URL; .ci/run does)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import Any

import pytest
from django.core.cache import cache
from django.test import override_settings

from marquee.community import ratelimit
from marquee.linking import index

REDIS_URL = os.environ.get("MARQUEE_TEST_REDIS_URL", "")

if not REDIS_URL:
    if os.environ.get("CI") == "true":
        raise RuntimeError("CI=true but MARQUEE_TEST_REDIS_URL is not set: Redis tests must run")
    pytest.skip(
        "no Redis: set MARQUEE_TEST_REDIS_URL=redis://… to run these", allow_module_level=True
    )


@pytest.fixture
def redis_cache() -> Iterator[None]:
    caches = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": f"marquee-test-{os.getpid()}",
        }
    }
    # override_settings resets Django's cache handler, so ``cache`` below is Redis.
    with override_settings(CACHES=caches):
        cache.clear()
        index.reset()
        yield
        cache.clear()
        index.reset()


def test_cache_is_redis(redis_cache: None) -> None:
    assert type(cache._cache).__name__ == "RedisCacheClient"  # type: ignore[attr-defined]


def test_rate_limit_windows_count_in_redis(redis_cache: None) -> None:
    limits = [(2, 60)]
    assert ratelimit.retry_after("test", "reader-1", limits) == 0
    ratelimit.record("test", "reader-1", limits)
    ratelimit.record("test", "reader-1", limits)
    assert 0 < ratelimit.retry_after("test", "reader-1", limits) <= 60
    assert ratelimit.retry_after("test", "reader-2", limits) == 0


@pytest.mark.django_db
def test_linker_follows_changes_logged_in_redis(
    redis_cache: None, small_kb: Any, django_capture_on_commit_callbacks: Any
) -> None:
    """A second worker (simulated by a reset process state) catches up through Redis's log."""
    from marquee.catalog.models import Person
    from marquee.catalog.services import knowledge_base_touched

    first = index.current_linker()
    with django_capture_on_commit_callbacks(execute=True):
        Person.objects.create(slug="iu", name="Lee Ji-eun", native_name="이지은")
        knowledge_base_touched(people=["iu"])
    assert index.shared_version() == 1
    assert index.current_linker() is first  # caught up in place
    assert first.link("Lee Ji-eun sang.").entity("iu") is not None
