"""Sessions read from the cache (Redis), else from the database with one plain statement, and
written through to both: Django's ``cached_db`` store with ``marquee.web.sessions``' read."""

from __future__ import annotations

from django.contrib.sessions.backends.cached_db import SessionStore as CachedDatabaseStore

from marquee.web.sessions import PlainReadMixin


class SessionStore(PlainReadMixin, CachedDatabaseStore):
    """Sessions in Redis, written through to the database."""
