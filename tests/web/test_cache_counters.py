"""``redis_cache.count``: the counter with an expiry that rate limits and page views share."""

from __future__ import annotations

from typing import Any

import pytest
import redis
from django.core.cache import cache

from marquee.discovery.services.trending import article_view_record
from marquee.web.redis_cache import count


def test_a_counter_starts_at_one_and_counts_in_local_memory() -> None:
    cache.clear()
    assert [count("views", 60) for _ in range(3)] == [1, 2, 3]
    assert cache.get("views") == 3


def test_an_expired_counter_starts_again() -> None:
    cache.clear()
    count("short", 60)
    cache.delete("short")  # as an expiry would
    assert count("short", 60) == 1


@pytest.fixture
def redis_commands(redis_cache: None, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The commands sent to Redis, a pipeline counting as one round trip named PIPELINE."""
    sent: list[str] = []
    command = redis.client.Redis.execute_command
    pipeline = redis.client.Pipeline.execute

    def send(self: Any, *args: Any, **options: Any) -> Any:
        sent.append(str(args[0]))
        return command(self, *args, **options)

    def send_pipeline(self: Any, *args: Any, **options: Any) -> Any:
        sent.append("PIPELINE")
        return pipeline(self, *args, **options)

    monkeypatch.setattr(redis.client.Redis, "execute_command", send)
    monkeypatch.setattr(redis.client.Pipeline, "execute", send_pipeline)
    return sent


def test_on_redis_a_count_is_one_round_trip_and_sets_the_expiry(
    redis_commands: list[str],
) -> None:
    assert [count("views", 90) for _ in range(3)] == [1, 2, 3]
    assert redis_commands == ["PIPELINE"] * 3
    client = cache._cache.get_client(write=False)  # type: ignore[attr-defined]  # raw redis-py
    assert 0 < client.ttl(cache.make_and_validate_key("views")) <= 90


def test_a_page_view_after_the_first_of_the_hour_is_one_round_trip(
    redis_commands: list[str], db: None
) -> None:
    assert article_view_record(slug="premiere") == 1  # the first also registers the slug
    redis_commands.clear()
    assert article_view_record(slug="premiere") == 2
    assert redis_commands == ["PIPELINE"]
