"""Full-text search behind one interface: SQLite FTS5 or PostgreSQL full-text search.

``backend()`` picks the implementation for the default connection's vendor. Both rank with
BM25-style relevance (SQLite: FTS5 ``bm25()``; PostgreSQL: ``ts_rank_cd`` with length
normalisation), weight the name above the name variants above the body, and return highlighted
snippets with ``HIGHLIGHT_START``/``HIGHLIGHT_END`` markers that ``snippet_html`` turns into
``<mark>``.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Protocol

from django.db import connection
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from marquee.discovery.search.query import (
    HIGHLIGHT_END,
    HIGHLIGHT_START,
    SearchQuery,
    parse_query,
)

__all__ = [
    "HIGHLIGHT_END",
    "HIGHLIGHT_START",
    "Hit",
    "SearchBackend",
    "SearchQuery",
    "backend",
    "parse_query",
    "snippet_html",
]


@dataclass(frozen=True)
class Hit:
    kind: str
    object_id: int
    score: float
    name: str
    snippet: str


class SearchBackend(Protocol):
    def search(
        self,
        query: SearchQuery,
        *,
        now: datetime.datetime,
        limit: int,
        match_all: bool = True,
        kinds: tuple[str, ...] = (),
        newest_first: bool = False,
    ) -> list[Hit]:
        """Best entries first (higher score is better), name and snippet highlighted.

        ``match_all`` needs every word, otherwise any; ``kinds`` restricts the entry kinds;
        articles count only once published (``published_at <= now``); ``newest_first`` orders
        matches by recency of indexing instead of relevance (for queries of very common words).
        """
        ...

    def more_like(
        self, terms: list[str], *, now: datetime.datetime, exclude: int, limit: int
    ) -> list[tuple[int, float]]:
        """Published articles (ids) matching any of ``terms``, most relevant first."""
        ...


def backend() -> SearchBackend:
    if connection.vendor == "postgresql":
        from marquee.discovery.search.postgres import PostgresBackend

        return PostgresBackend()
    from marquee.discovery.search.sqlite import SqliteBackend

    return SqliteBackend()


def snippet_html(text: str) -> SafeString:
    """Escape a backend snippet and turn its highlight markers into ``<mark>``."""
    escaped = str(escape(text))
    return mark_safe(escaped.replace(HIGHLIGHT_START, "<mark>").replace(HIGHLIGHT_END, "</mark>"))
