"""Django's Redis cache backend, keeping its redis-py client instead of making one per call.

Django's ``RedisCacheClient.get_client`` builds a new ``redis.Redis`` object for every cache
operation; building one fills a table of ~170 response callbacks, ~0.25 ms of CPU, more than the
round trip to Redis itself. A logged-in page makes several cache calls, so this backend keeps one
client per connection pool (redis-py clients are thread-safe; the pool is what holds the
connections). Everything else is Django's. Used for every cache when ``REDIS_URL`` is set.
"""

from __future__ import annotations

from typing import Any

from django.core.cache.backends.redis import RedisCache, RedisCacheClient


class ReusedClientRedisCacheClient(RedisCacheClient):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._clients: dict[int, Any] = {}

    def get_client(self, key: Any = None, *, write: bool = False) -> Any:
        # django-stubs does not describe the client's private helpers.
        pool = self._get_connection_pool(write)  # type: ignore[attr-defined]
        client = self._clients.get(id(pool))
        if client is None:
            make = self._client  # type: ignore[attr-defined]  # redis.Redis
            client = self._clients[id(pool)] = make(connection_pool=pool)
        return client


class ReusedClientRedisCache(RedisCache):
    def __init__(self, server: str, params: dict[str, Any]) -> None:
        super().__init__(server, params)
        self._class = ReusedClientRedisCacheClient
