"""Fixed-window rate limits, counted atomically where every web process sees the counts.

An attempt is counted before it is allowed: ``hit`` adds one to the counter of each window in
one atomic step and refuses when a counter went past its limit, taking its own count back so a
refused attempt costs nothing. Simultaneous attempts therefore cannot all pass a check made
before any of them is recorded.

Where the counters live (``MARQUEE_RATE_LIMIT_STORE``):

- ``cache``: the cache's atomic increment (Redis ``INCR``; the key is created with its expiry
  first, in the same ``MULTI`` round trip). Right when the cache is shared by every process:
  Redis (``REDIS_URL``).
- ``database``: one row per window, incremented by a single ``INSERT … ON CONFLICT DO UPDATE …
  RETURNING`` statement (PostgreSQL, SQLite 3.35+). For deployments without Redis: the
  local-memory cache is atomic only within one process, and ``marquee serve`` starts several.
- ``auto`` (default): ``cache`` when the default cache is shared, ``database`` when it is the
  local-memory (or dummy) cache.
"""

from __future__ import annotations

import datetime
import hashlib
import math
import time
from collections.abc import Sequence
from typing import Protocol

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.db.models import F
from django.utils import timezone

from marquee.community.models import RateLimitCounter
from marquee.web.redis_cache import count

Limits = Sequence[tuple[int, int]]  # (most attempts, per seconds)

PROCESS_LOCAL_CACHES = {
    "django.core.cache.backends.locmem.LocMemCache",
    "django.core.cache.backends.dummy.DummyCache",
}


class Counters(Protocol):
    def increment(self, key: str, timeout: int) -> int: ...
    def decrement(self, key: str) -> None: ...
    def value(self, key: str) -> int: ...
    def delete(self, keys: list[str]) -> None: ...


class CacheCounters:
    """Counters in Django's default cache."""

    def increment(self, key: str, timeout: int) -> int:
        return count(key, timeout)

    def decrement(self, key: str) -> None:
        try:
            if cache.decr(key) < 0:  # the key had expired and decr created it: remove it
                cache.delete(key)
        except ValueError:  # expired: nothing to take back
            pass

    def value(self, key: str) -> int:
        return int(cache.get(key) or 0)

    def delete(self, keys: list[str]) -> None:
        cache.delete_many(keys)


class DatabaseCounters:
    """Counters in ``RateLimitCounter`` rows; a window's first count sweeps expired rows."""

    def increment(self, key: str, timeout: int) -> int:
        now = timezone.now()
        expires_at = now + datetime.timedelta(seconds=timeout)
        quote = connection.ops.quote_name
        table = quote(RateLimitCounter._meta.db_table)
        key_column, count_column, expires_column = (
            quote(name) for name in ("key", "count", "expires_at")
        )
        with connection.cursor() as cursor:
            cursor.execute(
                f"INSERT INTO {table} ({key_column}, {count_column}, {expires_column}) "
                f"VALUES (%s, 1, %s) ON CONFLICT ({key_column}) "
                f"DO UPDATE SET {count_column} = {table}.{count_column} + 1 "
                f"RETURNING {count_column}",
                [key, connection.ops.adapt_datetimefield_value(expires_at)],
            )
            row = cursor.fetchone()
        value = int(row[0]) if row else 1
        if value == 1:
            RateLimitCounter.objects.filter(expires_at__lt=now).delete()
        return value

    def decrement(self, key: str) -> None:
        RateLimitCounter.objects.filter(key=key, count__gt=0).update(count=F("count") - 1)

    def value(self, key: str) -> int:
        counter = (
            RateLimitCounter.objects.filter(key=key, expires_at__gt=timezone.now())
            .values_list("count", flat=True)
            .first()
        )
        return counter or 0

    def delete(self, keys: list[str]) -> None:
        RateLimitCounter.objects.filter(key__in=keys).delete()


def counters() -> Counters:
    """The store ``MARQUEE_RATE_LIMIT_STORE`` names (see the module's docstring)."""
    store = settings.MARQUEE_RATE_LIMIT_STORE
    if store == "auto":
        backend = settings.CACHES["default"]["BACKEND"]
        store = "database" if backend in PROCESS_LOCAL_CACHES else "cache"
    if store == "database":
        return DatabaseCounters()
    if store == "cache":
        return CacheCounters()
    raise ValueError(f"MARQUEE_RATE_LIMIT_STORE must be auto, cache or database, not {store!r}")


def _window_key(scope: str, identity: str, seconds: int, now: float) -> tuple[str, int]:
    """The counter of the window ``now`` falls in, and the seconds left in that window."""
    window = int(now // seconds)
    # Hashed: identities are user input (e-mail addresses) of any length and character.
    digest = hashlib.blake2s(identity.encode("utf-8", "surrogatepass"), digest_size=12).hexdigest()
    return f"marquee:rl:{scope}:{digest}:{seconds}:{window}", seconds - int(now % seconds)


def hit(scope: str, identity: str, limits: Limits) -> int:
    """Count one attempt by ``identity`` in every window of ``scope``.

    Returns 0 when the attempt is within every limit (it stays counted), or the seconds to wait
    when one is exceeded (then the attempt is not counted).
    """
    store = counters()
    now = time.time()
    counted: list[str] = []
    wait = 0
    for most, seconds in limits:
        key, remaining = _window_key(scope, identity, seconds, now)
        counted.append(key)
        if store.increment(key, remaining + 1) > most:
            wait = max(wait, remaining)
    if wait:
        for key in counted:
            store.decrement(key)
    return wait


def take_back(scope: str, identity: str, limits: Limits) -> None:
    """Uncount one attempt ``hit`` allowed (a right password is not a failed attempt)."""
    store = counters()
    now = time.time()
    for _most, seconds in limits:
        store.decrement(_window_key(scope, identity, seconds, now)[0])


def hit_all(checks: Sequence[tuple[str, str, Limits]]) -> tuple[int, int]:
    """Count one attempt in each ``(scope, identity, limits)``, in order, all or none: the first
    check over its limit stops, and the counts of the checks before it are taken back.

    Returns ``(0, -1)`` when every check allows the attempt, else the seconds to wait and the
    index of the check that refused it.
    """
    for index, (scope, identity, limits) in enumerate(checks):
        wait = hit(scope, identity, limits)
        if wait:
            for earlier_scope, earlier_identity, earlier_limits in checks[:index]:
                take_back(earlier_scope, earlier_identity, earlier_limits)
            return wait, index
    return 0, -1


def reset(scope: str, identity: str, limits: Limits) -> None:
    now = time.time()
    counters().delete([_window_key(scope, identity, seconds, now)[0] for _, seconds in limits])


def describe_wait(seconds: int) -> str:
    """'40 seconds', '1 minute', '15 minutes': how long a refused reader must wait."""
    if seconds < 60:
        return f"{seconds} second{'s' if seconds != 1 else ''}"
    minutes = math.ceil(seconds / 60)
    return f"{minutes} minute{'s' if minutes != 1 else ''}"
