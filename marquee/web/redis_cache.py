"""Django's Redis cache backend, keeping its redis-py client instead of making one per call.

Also ``count``: a counter with an expiry in one atomic step, on any cache.

Django's ``RedisCacheClient.get_client`` builds a new ``redis.Redis`` object for every cache
operation; building one fills a table of ~170 response callbacks, ~0.25 ms of CPU, more than the
round trip to Redis itself. A logged-in page makes several cache calls, so this backend keeps one
client per connection pool (redis-py clients are thread-safe; the pool is what holds the
connections). Everything else is Django's. Used for every cache when ``REDIS_URL`` is set.
"""

from __future__ import annotations

from typing import Any
from weakref import WeakKeyDictionary

from django.core.cache import caches
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


def count(key: str, timeout: int, *, alias: str = "default") -> int:
    """Add one to the counter ``key`` in cache ``alias`` and return its value; a counter that
    does not exist starts at 1 and lives ``timeout`` seconds. Atomic on Redis, where it is one
    round trip (``MULTI``: ``SET NX EX``, ``INCR``) against the three of Django's ``add`` and
    ``incr`` (``EXISTS`` then ``INCRBY``), and within a process on the local-memory cache."""
    backend = caches[alias]
    if isinstance(backend, RedisCache):
        return _redis_count(backend, key, timeout)
    for _attempt in range(3):
        backend.add(key, 0, timeout=timeout)
        try:
            value: int = backend.incr(key)
        except ValueError:  # expired between add and incr: create it again
            continue
        if value == 1:
            # A key that expired between a backend's existence check and its increment comes
            # back without an expiry: setting it on the first count rules that out.
            backend.touch(key, timeout=timeout)
        return value
    return 1


def _redis_count(backend: RedisCache, key: str, timeout: int) -> int:
    full_key = backend.make_and_validate_key(key)
    with _redis_client(backend).pipeline(transaction=True) as pipeline:
        pipeline.set(full_key, 0, ex=timeout, nx=True)
        pipeline.incr(full_key)
        _created, value = pipeline.execute()
    return int(value)


_redis_clients: WeakKeyDictionary[object, Any] = WeakKeyDictionary()


def _redis_client(backend: RedisCache) -> Any:
    """The redis-py client on the cache's connection pool, made once per cache object (one per
    thread): Django's own backend makes one per call, which costs twice the round trip."""
    # Django's client wrapper (not in django-stubs' RedisCache).
    pools = backend._cache  # type: ignore[attr-defined]
    client = _redis_clients.get(pools)
    if client is None:
        client = _redis_clients[pools] = pools.get_client(write=True)
    return client
